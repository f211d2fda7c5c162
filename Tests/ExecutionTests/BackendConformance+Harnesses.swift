import Foundation
import Testing
@testable import Execution
#if canImport(Glibc)
import Glibc
#endif

/// What a conformance trial does once started.
enum TrialProgram: Sendable {
    /// Ends by itself with this exit code.
    case exit(Int32)
    /// One process that runs until signalled.
    case runUntilSignalled
    /// A leader with two children, running until signalled: the tree a teardown must end.
    case treeUntilSignalled
    /// A tree that ignores SIGTERM: only a kill ends it.
    case ignoresTerminate
}

/// Drives one backend for `BackendConformanceTests`: starts trials of each `TrialProgram`,
/// lets the backend's time pass while the suite waits, and builds a second backend as a
/// restarted controller would. Where a backend legitimately differs, the harness says so in
/// the properties below, and the suite checks that stated behaviour.
protocol BackendHarness: AnyObject {
    associatedtype B: Backend
    /// The backend under test.
    var backend: B { get }
    /// Starts a trial running `program`; returns once the program is under way (its
    /// children started, its signal dispositions set).
    func launch(_ program: TrialProgram) throws -> B.Handle
    /// Makes a launch fail: throws the `LaunchError` the backend raises when a trial cannot
    /// start (local: a command not found; Slurm: `sbatch` refusing the job).
    func launchThatCannotStart() throws
    /// Lets the backend's time pass until it may have news: local, `poll(2)` on its exit
    /// descriptors for a few milliseconds; Slurm, the scripted clock moved past the next poll.
    func idle()
    /// Whether the backend reports starts (`collectStarts`): a batch job waits in a queue;
    /// a local trial runs from `launch` on.
    var reportsStarts: Bool { get }
    /// Whether a restarted controller's backend reports the exit of a trial it adopted
    /// (Slurm: its poll sees the job end). A local backend is not the parent of a process
    /// an earlier hpo started: it learns of the end through `isAlive` only, and the exit
    /// status is unavailable (the store records the trial's end from its files).
    var reportsExitsOfAdoptedTrials: Bool { get }
    /// How the backend reports a running trial that `signal` ended: local, the signal that
    /// killed the leader; Slurm, what the scheduler records (a TERM delivered to the job:
    /// the job failed by that signal; a cancel: CANCELLED).
    func termination(by signal: TrialSignal) -> Termination
    /// True once nothing of the trial runs (local: no process of its group, zombies
    /// included; Slurm: the scheduler runs no part of the job — `scancel --full` reaches
    /// every process of the job there).
    func nothingRuns(_ handle: B.Handle) -> Bool
    /// A backend as a controller restarted after a crash builds it, following `handles`
    /// again (local: a fresh `LocalBackend`, which is not the trials' parent; Slurm: a fresh
    /// `SlurmBackend` on the same scheduler that adopted the jobs).
    func restarted(following handles: [B.Handle]) -> B
    /// Ends what is left and removes scratch files.
    func cleanUp()
}

/// A harness by name, for the suite's arguments: add a line to `all` to put a backend under it.
struct BackendHarnessFactory: Sendable, CustomTestStringConvertible {
    let name: String
    let make: @Sendable () -> any BackendHarness

    var testDescription: String { name }

    static let all: [BackendHarnessFactory] = [
        BackendHarnessFactory(name: "local") { LocalHarness() },
        BackendHarnessFactory(name: "slurm (scripted scheduler)") { SlurmHarness() },
    ]
}

// MARK: Local

final class LocalHarness: BackendHarness {
    let backend = LocalBackend()
    let scratch = Scratch()
    private var launched = 0

    func launch(_ program: TrialProgram) throws -> ProcessHandle {
        launched += 1
        let arguments: [String]
        switch program {
        case .exit(let code):
            return try backend.launch(scratch.request(["/bin/sh", "-c", "exit \(code)"]))
        case .runUntilSignalled:
            // Python opens the FIFO close-on-exec: its end closes when `sleep` has taken over.
            arguments = ["python3", "-c", """
                import os, sys
                fd = os.open(sys.argv[1], os.O_WRONLY)
                os.write(fd, b"ready\\n")
                os.execvp("sleep", ["sleep", "60"])
                """]
        case .treeUntilSignalled:
            arguments = ["/bin/sh", "-c", "sleep 60 & sleep 60 & echo ready > \"$1\"; wait", "sh"]
        case .ignoresTerminate:
            arguments = ["/bin/sh", "-c", "trap '' TERM; sleep 60 & sleep 60 & echo ready > \"$1\"; wait", "sh"]
        }
        let fifo = try ReadyFIFO(path: scratch.file("ready.\(launched)"))
        let handle: ProcessHandle
        do {
            handle = try backend.launch(scratch.request(arguments + [fifo.path]))
        } catch {
            _ = fifo.awaitClosed(timeout: .zero)
            throw error
        }
        let said = fifo.awaitClosed(timeout: .seconds(10))
        #expect(said == "ready\n", "trial \(launched) (\(program)) never said it was under way")
        return handle
    }

    func launchThatCannotStart() throws {
        _ = try backend.launch(scratch.request(["no-such-program-hpo-conformance"]))
    }

    func idle() {
        LocalBackend.waitForReadable(backend.exitDescriptors,
                                     timeout: min(backend.maximumPollInterval ?? .milliseconds(50), .milliseconds(50)))
    }

    var reportsStarts: Bool { false }

    var reportsExitsOfAdoptedTrials: Bool { false }

    func termination(by signal: TrialSignal) -> Termination { .signaled(signal.number) }

    func nothingRuns(_ handle: ProcessHandle) -> Bool {
        groupVanishes(handle.processGroup, backend: backend, timeout: .seconds(10))
    }

    func restarted(following handles: [ProcessHandle]) -> LocalBackend { LocalBackend() }

    func cleanUp() {
        _ = backend.terminateAllAndWait(grace: .milliseconds(100))
        scratch.remove()
    }
}

/// A FIFO a local trial writes `ready` to once it is under way (its children started, its
/// signal dispositions set). Its reader waits for the event itself, not for time: `poll(2)`
/// blocks until the line comes and then until the last writer's end closes (the trial's
/// shell closing its redirection, or an `exec` closing a close-on-exec end), with a generous
/// timeout for a trial that never gets there.
struct ReadyFIFO {
    let path: String
    /// The read end, opened before the trial starts, so that the trial's open does not block.
    private let reader: Int32

    init(path: String) throws {
        guard mkfifo(path, 0o600) == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        reader = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard reader >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        self.path = path
    }

    /// What was written, once every writer closed its end; nil when that did not happen
    /// within `timeout`. Closes the read end.
    func awaitClosed(timeout: Duration) -> String? {
        defer { close(reader) }
        let deadline = ContinuousClock.now + timeout
        var text: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 64)
        while ContinuousClock.now < deadline {
            // Until a writer has come and gone, a FIFO's reader is neither readable nor hung up.
            var descriptor = pollfd(fd: reader, events: Int16(POLLIN), revents: 0)
            let (seconds, attoseconds) = (deadline - ContinuousClock.now).components
            let ready = poll(&descriptor, 1, Int32(seconds * 1000 + attoseconds / 1_000_000_000_000_000) + 1)
            if ready < 0 && errno == EINTR { continue }
            guard ready > 0 else { return nil }
            let count = read(reader, &buffer, buffer.count)
            if count > 0 { text += buffer.prefix(count); continue }
            if count == 0 { return String(decoding: text, as: UTF8.self) }
            guard errno == EAGAIN || errno == EINTR else { return nil }
        }
        return nil
    }
}

// MARK: Slurm

/// A scheduler that runs each job's `TrialProgram`: the backend's side of Slurm without a
/// Slurm. A TERM delivered to a job ends it by that signal unless it ignores TERM; a cancel
/// ends it CANCELLED.
final class ProgrammedSlurm: SlurmClient {
    var nextID = 500
    var states: [String: SlurmJobStatus] = [:]
    var programs: [String: TrialProgram] = [:]
    var refuse: String?

    func submit(_ arguments: [String]) throws(LaunchError) -> String {
        if let refuse { throw .schedulerRefused(command: "sbatch", message: refuse) }
        nextID += 1
        states[String(nextID)] = .pending(reason: "Priority")
        return String(nextID)
    }

    /// The job starts running `program` (an `exit` one ends before the next poll).
    func run(_ id: String, _ program: TrialProgram) {
        programs[id] = program
        if case .exit(let code) = program { states[id] = .ended(.exited(code)) } else { states[id] = .running }
    }

    func statuses(of ids: [String]) throws(SlurmQueryError) -> [String: SlurmJobStatus] {
        states.filter { ids.contains($0.key) }
    }

    func cancel(_ id: String, signal: String?) {
        guard let state = states[id], !state.hasEnded else { return }
        if signal == nil {
            states[id] = .ended(.scheduler(.cancelled))
        } else if case .ignoresTerminate? = programs[id] {
            return
        } else {
            states[id] = .ended(.signaled(SIGTERM))
        }
    }
}

final class SlurmHarness: BackendHarness {
    let slurm = ProgrammedSlurm()
    var clock = ContinuousClock.now
    let scratch = Scratch()
    private var launched = 0
    lazy var backend = makeBackend()

    func makeBackend() -> SlurmBackend {
        SlurmBackend(options: SlurmOptions(partition: "debug"), client: slurm, inherited: [:],
                     now: { [unowned self] in self.clock })
    }

    func launch(_ program: TrialProgram) throws -> SlurmJob {
        launched += 1
        let directory = scratch.file("trial-\(launched)")
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let job = try backend.launch(LaunchRequest(
            arguments: ["python3", "train.py"], environment: ["HPO_RUN": "r", "HPO_TRIAL": String(launched)],
            workingDirectory: directory, standardOutputPath: directory + "/stdout.log",
            standardErrorPath: directory + "/stderr.log"))
        slurm.run(job.id, program)
        return job
    }

    func launchThatCannotStart() throws {
        slurm.refuse = "invalid partition specified: debug"
        defer { slurm.refuse = nil }
        _ = try launch(.exit(0))
    }

    func idle() { clock = clock + (backend.maximumPollInterval ?? .seconds(1)) }

    var reportsStarts: Bool { true }

    var reportsExitsOfAdoptedTrials: Bool { true }

    func termination(by signal: TrialSignal) -> Termination {
        signal == .terminate ? .signaled(SIGTERM) : .scheduler(.cancelled)
    }

    func nothingRuns(_ handle: SlurmJob) -> Bool { slurm.states[handle.id]?.hasEnded ?? true }

    func restarted(following handles: [SlurmJob]) -> SlurmBackend {
        let fresh = makeBackend()
        for job in handles { fresh.adopt(job, running: true) }
        return fresh
    }

    func cleanUp() { scratch.remove() }
}

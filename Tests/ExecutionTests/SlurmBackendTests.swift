import Foundation
import Testing
@testable import Execution

/// A scheduler that answers as scripted: the backend's bookkeeping without a Slurm.
final class ScriptedSlurm: SlurmClient {
    var nextID = 100
    var submitted: [[String]] = []
    var states: [String: SlurmJobStatus] = [:]
    var cancels: [(String, String?)] = []
    var queries = 0
    var refuse: String?

    func submit(_ arguments: [String]) throws(LaunchError) -> String {
        if let refuse { throw .schedulerRefused(command: "sbatch", message: refuse) }
        submitted.append(arguments)
        nextID += 1
        states[String(nextID)] = .pending(reason: "Priority")
        return String(nextID)
    }

    func statuses(of ids: [String]) throws(SlurmQueryError) -> [String: SlurmJobStatus] {
        queries += 1
        return states.filter { ids.contains($0.key) }
    }

    func cancel(_ id: String, signal: String?) { cancels.append((id, signal)) }
}

/// The Slurm backend's bookkeeping: starts before exits, forgotten jobs, signals, polling.
@Suite struct SlurmBackendTests {
    /// A backend on a scripted scheduler and a hand-moved clock, in a scratch trial directory.
    final class Fixture {
        let slurm = ScriptedSlurm()
        var clock = ContinuousClock.now
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("hpo-slurm-\(UUID().uuidString)").path
        lazy var backend = SlurmBackend(options: SlurmOptions(partition: "debug"), client: slurm, inherited: [:],
                                        now: { [unowned self] in self.clock })

        init() { try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true) }
        deinit { try? FileManager.default.removeItem(atPath: directory) }

        func launch() throws -> SlurmJob {
            try backend.launch(LaunchRequest(arguments: ["python3", "train.py"], environment: ["HPO_RUN": "r", "HPO_TRIAL": "0"],
                                             workingDirectory: directory, standardOutputPath: directory + "/stdout.log",
                                             standardErrorPath: directory + "/stderr.log"))
        }

        /// Moves the clock past the next poll and polls.
        func poll() -> (starts: [SlurmJob], exits: [TrialExit<SlurmJob>]) {
            clock = clock + .seconds(60)
            return (backend.collectStarts(), backend.collectExits())
        }
    }

    @Test func aSubmittedJobIsWrittenAndSubmittedWithItsOptions() throws {
        let f = Fixture()
        let job = try f.launch()
        #expect(job.id == "101")
        #expect(f.slurm.submitted.first?.contains("--partition=debug") == true)
        #expect(f.slurm.submitted.first?.last == f.directory + "/job.sh")
        #expect(FileManager.default.fileExists(atPath: f.directory + "/job.sh"))
    }

    @Test func aPendingJobIsNeitherStartedNorEnded() throws {
        let f = Fixture()
        _ = try f.launch()
        let polled = f.poll()
        #expect(polled.starts.isEmpty && polled.exits.isEmpty)
    }

    @Test func aJobThatStartedAndEndedBetweenPollsIsReportedStartedFirst() throws {
        let f = Fixture()
        let job = try f.launch()
        f.slurm.states[job.id] = .ended(.exited(0))
        let polled = f.poll()
        #expect(polled.starts == [job])
        #expect(polled.exits == [TrialExit(handle: job, termination: .exited(0))])
        #expect(f.poll().exits.isEmpty)   // reported once
    }

    @Test func aJobSlurmForgotEndsByItsExitStatusFileAfterTwoPolls() throws {
        let f = Fixture()
        let job = try f.launch()
        f.slurm.states[job.id] = .running
        _ = f.poll()
        f.slurm.states[job.id] = nil
        try "4\n".write(toFile: job.exitStatusPath, atomically: true, encoding: .utf8)
        #expect(f.poll().exits.isEmpty)   // one miss may be Slurm's hiccup
        #expect(f.poll().exits == [TrialExit(handle: job, termination: .exited(4))])
    }

    @Test func anEndedJobsEndIsTheTimeItsScriptWroteNotThePoll() throws {
        let f = Fixture()
        let job = try f.launch()
        f.slurm.states[job.id] = .ended(.exited(0))
        try "0 1796000000.250000000\n".write(toFile: job.exitStatusPath, atomically: true, encoding: .utf8)
        #expect(f.poll().exits == [TrialExit(handle: job, termination: .exited(0),
                                             endedAt: Date(timeIntervalSince1970: 1_796_000_000.25))])
    }

    @Test func aStartedJobsStartIsTheTimeItsScriptWroteOnceTheFileShows() throws {
        let f = Fixture()
        let job = try f.launch()
        #expect(f.backend.startedAt(job) == nil)
        try "1796000000.500000000\n".write(toFile: job.startStampPath, atomically: true, encoding: .utf8)
        #expect(f.backend.startedAt(job) == Date(timeIntervalSince1970: 1_796_000_000.5))
    }

    @Test func aNewAttemptDoesNotInheritTheLastAttemptsStart() throws {
        let f = Fixture()
        let first = try f.launch()
        try "1796000000\n".write(toFile: first.startStampPath, atomically: true, encoding: .utf8)
        let second = try f.launch()
        #expect(f.backend.startedAt(second) == nil)
    }

    @Test func aForgottenJobWithoutExitStatusIsLost() throws {
        let f = Fixture()
        let job = try f.launch()
        f.slurm.states[job.id] = nil
        _ = f.poll()
        let polled = f.poll()
        #expect(polled.starts == [job])
        #expect(polled.exits == [TrialExit(handle: job, termination: .scheduler(.lost))])
    }

    @Test func terminateSignalsARunningJobButCancelsAPendingOne() throws {
        let f = Fixture()
        let pending = try f.launch()
        let running = try f.launch()
        f.slurm.states[running.id] = .running
        _ = f.poll()
        f.backend.signal(pending, .terminate)
        f.backend.signal(running, .terminate)
        f.backend.signal(running, .kill)
        #expect(f.slurm.cancels.map(\.0) == [pending.id, running.id, running.id])
        #expect(f.slurm.cancels.map(\.1) == [nil, "TERM", nil])
    }

    @Test func quietPollsBackOffAndAChangeHurriesTheNext() throws {
        let f = Fixture()
        _ = try f.launch()
        var waits: [Duration] = []
        for _ in 0..<4 {
            _ = f.poll()
            waits.append(f.backend.maximumPollInterval!)
        }
        #expect(waits == [.milliseconds(750), .milliseconds(1125), .microseconds(1_687_500), .microseconds(2_531_250)])
        _ = try f.launch()
        #expect(f.backend.maximumPollInterval! <= .milliseconds(500))
    }

    @Test func pollsAreNotMadeBeforeTheyAreDue() throws {
        let f = Fixture()
        _ = try f.launch()
        _ = f.poll()
        let queries = f.slurm.queries
        _ = f.backend.collectStarts()   // the clock did not move
        #expect(f.slurm.queries == queries)
    }

    @Test func aRefusedSubmissionIsTheSchedulersError() throws {
        let f = Fixture()
        f.slurm.refuse = "invalid partition specified: nope"
        #expect(throws: LaunchError.schedulerRefused(command: "sbatch", message: "invalid partition specified: nope")) {
            _ = try f.launch()
        }
    }

    @Test(arguments: [
        ("4242|PENDING|0|Priority", SlurmJobStatus.pending(reason: "Priority")),
        ("4242|RUNNING|0|None", .running),
        ("4242|COMPLETING|0|None", .running),
        ("4242|COMPLETED|0|None", .ended(.exited(0))),
        ("4242|FAILED|1024|NonZeroExitCode", .ended(.exited(4))),
        ("4242|FAILED|768|NonZeroExitCode", .ended(.exited(3))),
        ("4242|CANCELLED|15|None", .ended(.scheduler(.cancelled))),
        ("4242|TIMEOUT|0|TimeLimit", .ended(.scheduler(.timeLimit))),
        ("4242|OUT_OF_MEMORY|0|OutOfMemory", .ended(.scheduler(.outOfMemory))),
        ("4242|NODE_FAIL|0|NodeDown", .ended(.scheduler(.nodeFailure))),
        ("4242|PREEMPTED|0|None", .ended(.scheduler(.preempted))),
        ("4242|FAILED|9|None", .ended(.signaled(9))),
    ])
    func squeueLinesMapOntoStatuses(line: String, status: SlurmJobStatus) {
        #expect(SlurmJobStatus.parse(squeueOutput: line + "\n") == ["4242": status])
    }

    @Test func unknownStatesAndGarbageAreSkipped() {
        #expect(SlurmJobStatus.parse(squeueOutput: "1|MYSTERY|0|x\nnot a line\n2|RUNNING|0|Reason, with | bars\n")
                == ["2": .running])
    }

    @Test(arguments: [
        (SchedulerEnd.timeLimit, AttemptVerdict.final(.timeout, reason: SchedulerEnd.timeLimit.explanation)),
        (.cancelled, .final(.cancelled, reason: SchedulerEnd.cancelled.explanation)),
        (.outOfMemory, .final(.failed, reason: SchedulerEnd.outOfMemory.explanation)),
        (.nodeFailure, .preempt),
        (.preempted, .preempt),
        (.lost, .preempt),
    ])
    func schedulerEndsDecideTheTrial(end: SchedulerEnd, verdict: AttemptVerdict) {
        #expect(AttemptVerdict.decide(termination: .scheduler(end), reportedObjective: true, cause: .none,
                                      policy: RetryPolicy(), history: AttemptHistory()) == verdict)
    }

    @Test func hposOwnStopWinsOverTheSchedulersWord() {
        #expect(AttemptVerdict.decide(termination: .scheduler(.cancelled), reportedObjective: true, cause: .prune,
                                      policy: RetryPolicy(), history: AttemptHistory()) == .final(.pruned, reason: nil))
    }
}

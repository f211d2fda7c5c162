import Foundation
import Testing
@testable import Execution
#if canImport(Glibc)
import Glibc
#endif

/// A fresh directory under /tmp for one test, removed by `remove()`.
struct Scratch {
    let path: String

    init() {
        var template = Array("/tmp/hpo-exec-test-XXXXXX".utf8CString)
        let made = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
        precondition(made != nil, "mkdtemp failed")
        path = String(cString: template.map { $0 })
    }

    func file(_ name: String) -> String { path + "/" + name }

    func read(_ name: String) -> String {
        (try? String(contentsOfFile: file(name), encoding: .utf8)) ?? "<missing>"
    }

    func write(_ name: String, _ text: String, executable: Bool = false) {
        _ = FileManager.default.createFile(atPath: file(name), contents: Data(text.utf8))
        if executable { chmod(file(name), 0o755) }
    }

    func remove() { try? FileManager.default.removeItem(atPath: path) }

    /// A request that runs `arguments` here with a plain PATH, output to out.log / err.log.
    func request(_ arguments: [String], environment: [String: String]? = nil) -> LaunchRequest {
        LaunchRequest(
            arguments: arguments,
            environment: environment ?? ["PATH": "/usr/local/bin:/usr/bin:/bin"],
            workingDirectory: path,
            standardOutputPath: file("out.log"),
            standardErrorPath: file("err.log"))
    }
}

/// Seconds on the monotonic clock since `start`.
func seconds(since start: ContinuousClock.Instant) -> Double {
    let (s, atto) = (ContinuousClock.now - start).components
    return Double(s) + Double(atto) * 1e-18
}

extension LocalBackend {
    /// Polls and collects, the way the controller loop does, until `handle` exits or
    /// `timeout` passes. Other exits are dropped.
    func waitForExit(_ handle: ProcessHandle, timeout: Duration = .seconds(5)) -> Termination? {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if let exit = collectExits().first(where: { $0.handle == handle }) { return exit.termination }
            Self.waitForReadable(exitDescriptors, timeout: min(maximumPollInterval ?? .milliseconds(50), .milliseconds(50)))
        }
        return nil
    }

    /// Collects until no finished trial has leftovers being cleaned up (or `timeout`).
    func waitForLeftovers(timeout: Duration = .seconds(3)) -> Bool {
        let deadline = ContinuousClock.now + timeout
        while hasLeftovers && ContinuousClock.now < deadline {
            _ = collectExits()
            Self.waitForReadable([], timeout: .milliseconds(5))
        }
        return !hasLeftovers
    }
}

/// Every process (zombies included) whose process group is `group`, from /proc.
func processes(inGroup group: Int32) -> [(pid: Int32, state: Character)] {
    guard let names = try? FileManager.default.contentsOfDirectory(atPath: "/proc") else { return [] }
    return names.compactMap { name in
        guard let pid = Int32(name), let stat = ProcStat.read(pid), stat.processGroup == group else { return nil }
        return (pid, stat.state)
    }
}

/// Waits until no process of `group` exists any more; true when it is empty in time.
func groupVanishes(_ group: Int32, backend: LocalBackend, timeout: Duration = .seconds(3)) -> Bool {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        _ = backend.collectExits()
        if processes(inGroup: group).isEmpty { return true }
        LocalBackend.waitForReadable([], timeout: .milliseconds(5))
    }
    return processes(inGroup: group).isEmpty
}

/// Whether a process with this pid exists at all (zombies included).
func processExists(_ pid: Int32) -> Bool { ProcStat.read(pid) != nil }

import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// What `hpo search` leaves behind, end to end: nothing a trial started outlives it, and a
/// launcher that cannot start fails the run before any trial.
@Suite struct HPOTeardownTests {
    /// The pid a trial's grandchild wrote to `path`, once it is there.
    static func pid(in path: String) -> Int32? {
        var pid: Int32?
        _ = Waiting.until(seconds: 10) {
            pid = (try? String(contentsOfFile: path, encoding: .utf8)).flatMap { Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
            return pid != nil
        }
        return pid
    }

    /// True while `pid` runs `sleep <seconds>` (not a zombie, not a recycled pid).
    static func sleeps(_ pid: Int32, _ seconds: String) -> Bool {
        guard let command = try? String(contentsOfFile: "/proc/\(pid)/cmdline", encoding: .utf8),
              command == "sleep\0\(seconds)\0",
              let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let state = stat.split(separator: ")").last?.split(separator: " ").first
        else { return false }
        return state != "Z"
    }

    /// `hpo search` of one trial whose grandchild leaves the trial's process group with
    /// setsid, writes its pid to a file, and sleeps; the trial itself runs `leader`.
    func search(_ fixture: RunFixture, name: String, leader: String, options: [String]) throws -> (HPOProcess.Result, Int32?) {
        let pidFile = fixture.directory + "/\(name).pid"
        let script = "setsid /bin/sh -c 'echo $$ > \"$0\"; exec sleep 301' \"$1\" & \(leader)"
        let r = try HPOProcess.run(["search", "--name", name, "--no-snapshot"] + options
                                   + ["--", "/bin/sh", "-c", script, "sh", pidFile, "--x", "[1]"], in: fixture.directory)
        return (r, Self.pid(in: pidFile))
    }

    @Test func aSetsidGrandchildDiesWithItsTimedOutTrial() throws {
        let fixture = RunFixture()
        let (r, pid) = try search(fixture, name: "d", leader: "sleep 100", options: ["--timeout", "1s"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("trial 0  timeout"))
        let grandchild = try #require(pid)
        #expect(Waiting.until(seconds: 10) { !Self.sleeps(grandchild, "301") })
    }

    @Test func aSetsidGrandchildDiesWhenItsTrialExits() throws {
        let fixture = RunFixture()
        let leader = #"while [ ! -s "$1" ]; do sleep 0.01; done; echo '{"objective": 1}' >> "$HPO_METRICS_FILE""#
        let (r, pid) = try search(fixture, name: "e", leader: leader, options: [])
        #expect(r.status == 0)
        #expect(r.stdout.contains("trial 0  succeeded"))
        let grandchild = try #require(pid)
        #expect(Waiting.until(seconds: 10) { !Self.sleeps(grandchild, "301") })
    }

    @Test func mpiWithoutMpirunOnThePathFailsTheRunBeforeAnyTrial() throws {
        let fixture = RunFixture()
        let empty = fixture.directory + "/bin-without-mpirun"
        try FileManager.default.createDirectory(atPath: empty, withIntermediateDirectories: true)
        let r = try HPOProcess.run(["search", "--name", "m", "--no-snapshot", "--launcher", "mpi", "--ranks-per-node", "2",
                                    "--", "/bin/echo", "--x", "[1, 2]"],
                                   in: fixture.directory, environment: ["PATH": empty])
        #expect(r.status == 1)
        #expect(r.stderr.contains("--launcher mpi needs mpirun, which is not in the trials' PATH (\(empty))"))
        #expect(!r.stdout.contains("trial 0"))
        let status = try HPOProcess.run(["status", "m"], in: fixture.directory)
        #expect(status.stdout.hasPrefix("run m: failed"))
    }
}

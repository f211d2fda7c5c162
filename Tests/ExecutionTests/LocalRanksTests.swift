import Foundation
import Testing
@testable import Execution

/// Several ranks of one trial on the local backend (torchrun's conventions).
@Suite struct LocalRanksTests {
    @Test func twoRanksSeeTheirRanksAndOneMasterAddressAndPort() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("hpo-ranks-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var environment = ProcessInfo.processInfo.environment
        environment["HPO_METRICS_FILE"] = directory + "/metrics.jsonl"
        var request = LaunchRequest(
            arguments: ["/bin/sh", "-c", #"echo "$RANK $LOCAL_RANK $WORLD_SIZE $MASTER_ADDR $MASTER_PORT $HPO_METRICS_FILE" > "$0/rank$RANK""#,
                        directory],
            environment: environment, workingDirectory: directory,
            standardOutputPath: directory + "/out.log", standardErrorPath: directory + "/out.log")
        request.ranks = RankLayout(ranksPerNode: 2)
        let backend = LocalBackend()
        let handle = try backend.launch(request)
        var exits: [TrialExit<ProcessHandle>] = []
        let deadline = ContinuousClock.now + .seconds(20)
        while exits.isEmpty && ContinuousClock.now < deadline {
            LocalBackend.waitForReadable(backend.exitDescriptors, timeout: .milliseconds(100))
            exits += backend.collectExits()
        }
        #expect(exits.map(\.untimed) == [TrialExit(handle: handle, termination: .exited(0))])
        let rank0 = try String(contentsOfFile: directory + "/rank0", encoding: .utf8).split(separator: " ")
        let rank1 = try String(contentsOfFile: directory + "/rank1", encoding: .utf8).split(separator: " ")
        #expect(rank0.prefix(4) == ["0", "0", "2", "127.0.0.1"])
        #expect(rank1.prefix(4) == ["1", "1", "2", "127.0.0.1"])
        #expect(rank0[4] == rank1[4] && Int(rank0[4])! > 0)
        #expect(rank0[5] == "\(directory)/metrics.jsonl\n")
        #expect(rank1[5] == "\(directory)/metrics.rank1.jsonl\n")
    }

    @Test func severalNodesNeedSlurm() {
        #expect(throws: RankLayoutError.self) { try RankLayout(nodes: 2).validate(localBackend: true) }
        #expect(throws: Never.self) { try RankLayout(nodes: 2).validate(localBackend: false) }
    }

    /// A request for two ranks of `script` (sh) in `scratch`, with its own TMPDIR.
    func ranks(_ scratch: Scratch, _ script: String, launcher: RankLayout.Launcher = .torchrun) -> LaunchRequest {
        try? FileManager.default.createDirectory(atPath: scratch.file("tmp"), withIntermediateDirectories: true)
        var request = scratch.request(["/bin/sh", "-c", script], environment: [
            "PATH": "/usr/local/bin:/usr/bin:/bin", "TMPDIR": scratch.file("tmp"),
            "HPO_METRICS_FILE": scratch.file("metrics.jsonl")])
        request.ranks = RankLayout(ranksPerNode: 2, launcher: launcher)
        return request
    }

    /// Both ranks print at once into one log: every line arrives whole, prefix, text and
    /// newline together, never split by the other rank's line.
    @Test func linesOfRanksPrintingAtOnceAreNeverInterleaved() throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        let backend = LocalBackend()
        let handle = try backend.launch(ranks(scratch, #"i=0; while [ $i -lt 20000 ]; do echo "line $RANK $i"; i=$((i + 1)); done"#))
        #expect(backend.waitForExit(handle, timeout: .seconds(60)) == .exited(0))
        let lines = scratch.read("out.log").split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(lines.count == 40000)
        let malformed = lines.filter { line in
            !(line.hasPrefix("[rank0] line 0 ") || line.hasPrefix("[rank1] line 1 ")) || line.dropFirst(8).contains("[")
        }
        #expect(malformed.isEmpty, "lines split by the other rank: \(malformed.prefix(3))")
    }

    @Test func eachLineOfEachRankIsPrefixedWithItsRankInStdoutAndStderr() throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        let backend = LocalBackend()
        let handle = try backend.launch(ranks(scratch, #"echo "out $RANK"; echo "err $RANK" >&2; printf "last $RANK""#))
        #expect(backend.waitForExit(handle, timeout: .seconds(20)) == .exited(0))
        #expect(scratch.read("out.log").split(separator: "\n").sorted()
                == ["[rank0] last 0", "[rank0] out 0", "[rank1] last 1", "[rank1] out 1"])
        #expect(scratch.read("err.log").split(separator: "\n").sorted() == ["[rank0] err 0", "[rank1] err 1"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.file("tmp")).isEmpty,
                "the FIFOs are gone from TMPDIR")
    }

    @Test func ranksGetTheirGracePeriodAndWhatTheyPrintWhileStoppingArrives() throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        let backend = LocalBackend()
        // Each rank takes a moment to "save a checkpoint" on SIGTERM, then says so and exits 0.
        let handle = try backend.launch(ranks(scratch, #"trap 'sleep 0.2; echo "saved $RANK"; exit 0' TERM; echo up; sleep 30 & wait"#))
        let deadline = ContinuousClock.now + .seconds(10)
        while scratch.read("out.log").split(separator: "\n").count < 2 && ContinuousClock.now < deadline {
            LocalBackend.waitForReadable([], timeout: .milliseconds(10))
        }
        #expect(backend.terminateAndWait(handle, grace: .seconds(10)) == .exited(0))
        #expect(scratch.read("out.log").split(separator: "\n").filter { $0.contains("saved") }.sorted()
                == ["[rank0] saved 0", "[rank1] saved 1"])
    }

    @Test func ranksKilledBySigtermEndTheTrialBySigtermAsOneProcessWould() throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        let backend = LocalBackend()
        let handle = try backend.launch(ranks(scratch, "echo up; exec sleep 30"))
        let deadline = ContinuousClock.now + .seconds(10)
        while scratch.read("out.log").split(separator: "\n").count < 2 && ContinuousClock.now < deadline {
            LocalBackend.waitForReadable([], timeout: .milliseconds(10))
        }
        #expect(backend.terminateAndWait(handle, grace: .seconds(10)) == .signaled(SIGTERM), "a preemption, not a failure")
    }

    @Test func theLauncherCheckNamesTheMissingProgram() throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        let empty = scratch.file("empty")
        try FileManager.default.createDirectory(atPath: empty, withIntermediateDirectories: true)
        let backend = LocalBackend()
        #expect(throws: LaunchError.launcherUnavailable(launcher: "mpi", program: "mpirun", searchPath: empty)) {
            try backend.checkLauncher(RankLayout(ranksPerNode: 2, launcher: .mpi), environment: ["PATH": empty],
                                      workingDirectory: scratch.path)
        }
        #expect(throws: LaunchError.launcherUnavailable(launcher: "torchrun", program: "awk", searchPath: empty)) {
            try backend.checkLauncher(RankLayout(ranksPerNode: 2), environment: ["PATH": empty], workingDirectory: scratch.path)
        }
        #expect(throws: Never.self) {
            try backend.checkLauncher(RankLayout(ranksPerNode: 2), environment: ["PATH": "/usr/bin:/bin"],
                                      workingDirectory: scratch.path)
            try backend.checkLauncher(.single, environment: ["PATH": empty], workingDirectory: scratch.path)
        }
    }

    @Test func mpiWithoutMpirunFailsTheRunBeforeAnyTrialStarts() throws {
        let h = SweepHarness()
        defer { h.remove() }
        let empty = h.scratch.file("empty")
        try FileManager.default.createDirectory(atPath: empty, withIntermediateDirectories: true)
        var sweep: Sweep?
        #expect(throws: ControllerError.self) {
            _ = try h.run(["/bin/echo", "{x}"], space: [.ints("x", [1, 2])], configure: {
                $0.ranks = RankLayout(ranksPerNode: 2, launcher: .mpi)
                $0.environment = ["PATH": empty]
            }, during: { sweep = $0 })
        }
        let store = try #require(sweep?.store)
        #expect(try store.run().state == .failed)
        #expect(try store.trials().isEmpty)
    }
}

import Foundation
import Testing
@testable import Execution
#if canImport(Glibc)
import Glibc
#endif

/// A run directory hpo cannot write stops new launches, says why, and leaves a run that
/// `hpo resume` completes once the cause is gone.
@Suite struct ControllerDurabilityTests {
    @Test func aTrialLogThatCannotBeOpenedStopsTheRunResumably() throws {
        let h = SweepHarness()
        defer { h.remove() }
        // Trial 1 puts a directory where trial 2's stdout.log must go (as a full or read-only
        // disk would make opening it fail; root ignores permissions, so a directory in the way
        // stands in).
        let script = h.script("blocker.py", """
            open(os.environ["HPO_METRICS_FILE"], "a").write('{"objective": 1}\\n')
            if os.environ["HPO_TRIAL"] == "1":
                trials = os.path.dirname(os.path.dirname(os.environ["HPO_CHECKPOINT_DIR"]))
                os.makedirs(os.path.join(trials, "2", "stdout.log"))
            """)
        var notices: [String] = []
        var thrown: Error?
        var sweep: Sweep?
        do {
            _ = try h.run(["python3", script, "{x}"], space: [.ints("x", [0, 1, 2, 3])],
                          observer: { event in
                if case .notice(let text) = event { notices.append(text) }
                if case .draining(let text) = event { notices.append(text) }
            }, during: { sweep = $0 })
        } catch {
            thrown = error
        }
        let run = try #require(sweep)
        let trials = run.layout.trialsDirectory
        let why = "cannot open \(trials)/2/stdout.log for the trial's output: Is a directory"
        #expect("\(try #require(thrown))" == "error while preparing trial 2: \(why)")
        #expect(notices == ["error while preparing trial 2: \(why)",
                            "hpo cannot go on; the run is kept as it is: once the cause is fixed, hpo resume test continues it"])
        #expect(try run.store.trials().map(\.state) == [.succeeded, .succeeded, .preempted])
        #expect(try run.store.run().state == .failed)
        #expect(h.csvRows(run).count == 3)

        try FileManager.default.removeItem(atPath: trials + "/2/stdout.log")
        guard case .resumed(let resumed, let report) = try Sweep.resume(run.layout) else {
            Issue.record("not resumed")
            return
        }
        #expect(report.waiting == [2] && report.interrupted.isEmpty)
        #expect(try resumed.controller.run() == .completed)
        #expect(try resumed.store.trials().map(\.state) == Array(repeating: .succeeded, count: 4))
        #expect(try resumed.store.trial(2)?.attempt == 2)
        #expect(h.csvRows(resumed).dropFirst().map { $0[0] } == ["0", "1", "2", "3"])
    }

    /// A real full disk: a 4 MiB tmpfs (needs root, or CAP_SYS_ADMIN, to mount).
    static let canMount: Bool = {
        let dir = Scratch()
        defer { dir.remove() }
        guard mount("tmpfs", dir.path, "tmpfs", 0, "size=64k") == 0 else { return false }
        umount(dir.path)
        return true
    }()

    @Test(.enabled(if: canMount, "mounting a tmpfs needs root"))
    func aFullDiskStopsTheRunWithAClearMessageAndResumeFinishesIt() throws {
        let h = SweepHarness()
        defer { h.remove() }
        let disk = h.scratch.file("disk")
        try FileManager.default.createDirectory(atPath: disk, withIntermediateDirectories: false)
        guard mount("tmpfs", disk, "tmpfs", 0, "size=4m") == 0 else { Issue.record("mount failed"); return }
        defer { umount2(disk, Int32(MNT_DETACH)) }
        // Trial 1 reports, waits for hpo to read its line, then fills the disk.
        let script = h.script("filler.py", """
            open(os.environ["HPO_METRICS_FILE"], "a").write('{"objective": 1}\\n')
            if os.environ["HPO_TRIAL"] == "1" and not os.path.exists("filled"):
                time.sleep(0.3)
                open("filled", "w").write("")
                try:
                    with open(os.path.join(sys.argv[2], "filler"), "wb") as f:
                        while True:
                            f.write(b"x" * 65536)
                except OSError:
                    pass
            """)
        let spec = SweepSpec(name: "full", command: try CommandTemplate(parsing: ["python3", script, "{x}", disk]),
                             seed: 1, space: try SearchSpace([.ints("x", [0, 1, 2, 3])]))
        var options = ExecutionOptions(workingDirectory: h.scratch.path,
                                       environment: ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"])
        options.grace = .milliseconds(500)
        let sweep = try Sweep.create(spec, strategy: GridStrategy(), root: disk, options: options)
        #expect {
            try sweep.controller.run()
        } throws: { error in
            "\(error)".contains("is full: free some space, then `hpo resume` continues the run")
                || "\(error)".contains("the disk is full; free some space")
        }
        try FileManager.default.removeItem(atPath: disk + "/filler")
        guard case .resumed(let resumed, _) = try Sweep.resume(sweep.layout) else {
            Issue.record("not resumed")
            return
        }
        #expect(try resumed.controller.run() == .completed)
        #expect(try resumed.store.trials().map(\.state) == Array(repeating: .succeeded, count: 4))
        let rows = (try String(contentsOfFile: resumed.layout.resultsFile, encoding: .utf8)).split(separator: "\r\n")
        #expect(rows.dropFirst().map { $0.split(separator: ",")[0] } == ["0", "1", "2", "3"])
    }
}

import Foundation
import Testing

/// `--constraint` through the real binary: an infeasible trial succeeds but is never the
/// best (`hpo best`, the run's summary, `hpo status`), and results.csv marks it.
@Suite struct HPOConstraintTests {
    /// The objective is x (smaller is better), the peak memory 20 − x: only x ≥ 4 fits under 16.
    static let train = """
        import json, os, sys
        x = float(sys.argv[sys.argv.index("--x") + 1])
        with open(os.environ["HPO_METRICS_FILE"], "a") as f:
            f.write(json.dumps({"objective": x, "peak_memory_gb": 20 - x}) + "\\n")
        """

    @Test func anInfeasibleTrialSucceedsButIsNeverTheBest() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("hpo-constraint-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try Self.train.write(to: dir.appendingPathComponent("train.py"), atomically: true, encoding: .utf8)
        let root = dir.appendingPathComponent("runs").path

        let search = try HPOProcess.run(["search", "--root", root, "--name", "fits", "--no-snapshot",
                                         "--constraint", "peak_memory_gb <= 16",
                                         "--", "python3", "train.py", "--x", "[1, 3, 4, 6]"], in: dir)
        #expect(search.status == 0, "\(search.stderr)")
        #expect(search.stdout.contains("best: trial 2, objective 4"), "\(search.stdout)")

        let best = try HPOProcess.run(["best", "fits", "--root", root], in: dir)
        #expect(best.status == 0)
        #expect(best.stdout.contains("4"), "\(best.stdout)")
        #expect(!best.stdout.contains("--x 1"), "\(best.stdout)")

        let csv = try String(contentsOfFile: root + "/fits/results.csv", encoding: .utf8)
        let rows = csv.split(separator: "\r\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        #expect(rows[0].prefix(5) == ["trial", "state", "x", "objective", "feasible"])
        #expect(rows.dropFirst().map { $0[1] } == ["succeeded", "succeeded", "succeeded", "succeeded"])
        #expect(rows.dropFirst().map { $0[4] } == ["false", "false", "true", "true"])

        let status = try HPOProcess.run(["status", "fits", "--root", root], in: dir)
        #expect(status.stdout.contains("best: trial 2, objective 4"), "\(status.stdout)")
        #expect(status.stdout.contains("infeasible: 2 succeeded trials violate a constraint"), "\(status.stdout)")

        // The constraints are part of the search: a resume with another set is refused, with the diff.
        let resumed = try HPOProcess.run(["resume", "fits", "--root", root, "--constraint", "peak_memory_gb <= 10"], in: dir)
        #expect(resumed.status == 2)
        #expect(resumed.stderr.contains("- constraints: [\"peak_memory_gb <= 16\"]"), "\(resumed.stderr)")
        #expect(resumed.stderr.contains("+ constraints: [\"peak_memory_gb <= 10\"]"), "\(resumed.stderr)")
    }

    @Test func statusJSONMarksEachSucceededTrialFeasibleOrNot() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("hpo-constraint-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        // As `train`, but x = 9 fails before it reports anything.
        try (Self.train.replacingOccurrences(of: "with open", with: "if x == 9: sys.exit(1)\nwith open"))
            .write(to: dir.appendingPathComponent("train.py"), atomically: true, encoding: .utf8)
        let root = dir.appendingPathComponent("runs").path
        let search = try HPOProcess.run(["search", "--root", root, "--name", "fits", "--no-snapshot",
                                         "--constraint", "peak_memory_gb <= 16",
                                         "--", "python3", "train.py", "--x", "[1, 4, 9]"], in: dir)
        #expect(search.status == 0, "\(search.stderr)")

        let status = try HPOProcess.run(["status", "fits", "--root", root, "--json"], in: dir)
        #expect(status.status == 0, "\(status.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [String: Any])
        let trials = try #require(object["trials"] as? [[String: Any]])
        #expect(trials.map { $0["state"] as? String } == ["succeeded", "succeeded", "failed"])
        #expect(trials[0]["feasible"] as? Bool == false)
        #expect(trials[1]["feasible"] as? Bool == true)
        #expect(trials[2]["feasible"] is NSNull)
    }

    @Test func aMalformedConstraintIsBadInputWithItsColumn() throws {
        let r = try HPOProcess.run(["search", "--dry-run", "--constraint", "mem =< 16", "--", "python3", "t.py", "--x", "[1]"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("constraint \"mem =< 16\", column 5: expected <= or >= after 'mem', got '=<'"), "\(r.stderr)")
    }

    @Test func aConstraintOnTheObjectiveIsRefused() throws {
        let r = try HPOProcess.run(["search", "--dry-run", "--constraint", "objective <= 1", "--", "python3", "t.py", "--x", "[1]"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("bounds the objective 'objective'"), "\(r.stderr)")
    }
}

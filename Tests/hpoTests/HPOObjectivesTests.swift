import Foundation
import Testing

/// Several `--metric` objectives through the real binary: results.csv names each objective's
/// column and marks the front, `hpo best` lists the front, `status --json` carries it.
@Suite struct HPOObjectivesTests {
    /// loss = 1/(w·d) + 0.05·d, latency = 2·w·d: trials (w, d) in grid order 0 (1,1) 1 (2,1)
    /// 2 (4,1) 3 (1,2) 4 (2,2) 5 (4,2); 3 is dominated by 1 and 4 by 2: the front is 5, 2, 1, 0.
    static let train = """
        import json, os, sys
        w = int(sys.argv[sys.argv.index("--w") + 1]); d = int(sys.argv[sys.argv.index("--d") + 1])
        with open(os.environ["HPO_METRICS_FILE"], "a") as f:
            f.write(json.dumps({"loss": 1 / (w * d) + 0.05 * d, "latency_ms": 2.0 * w * d}) + "\\n")
        """

    @Test func theFrontIsListedMarkedAndCarried() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("hpo-objectives-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try Self.train.write(to: dir.appendingPathComponent("train.py"), atomically: true, encoding: .utf8)
        let root = dir.appendingPathComponent("runs").path

        let search = try HPOProcess.run(["search", "--root", root, "--name", "front", "--no-snapshot", "--parallel", "2",
                                         "--metric", "loss:min", "--metric", "latency_ms:min",
                                         "--", "python3", "train.py", "--w", "[1, 2, 4]", "--d", "[1, 2]"], in: dir)
        #expect(search.status == 0, "\(search.stderr)")
        #expect(search.stdout.contains("pareto front: 4 trials (5, 2, 1, 0)"), "\(search.stdout)")

        let csv = try String(contentsOfFile: root + "/front/results.csv", encoding: .utf8)
        let rows = csv.split(separator: "\r\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        #expect(rows[0].prefix(7) == ["trial", "state", "w", "d", "loss", "latency_ms", "pareto"])
        #expect(rows[0].suffix(2) == ["best_loss", "best_latency_ms"])
        let byTrial = Dictionary(uniqueKeysWithValues: rows.dropFirst().map { ($0[0], $0[6]) })
        #expect(byTrial == ["0": "true", "1": "true", "2": "true", "3": "false", "4": "false", "5": "true"], "\(csv)")

        let best = try HPOProcess.run(["best", "front", "--root", root], in: dir)
        #expect(best.status == 0, "\(best.stderr)")
        let lines = best.stdout.split(separator: "\n").map(String.init)
        #expect(lines[0].contains("Pareto front of 6 succeeded: 4 trials"), "\(best.stdout)")
        #expect(lines[1].split(separator: " ") == ["trial", "loss", "latency_ms", "w", "d"], "\(best.stdout)")
        #expect(lines[2...5].map { $0.split(separator: " ").first.map(String.init) } == ["5", "2", "1", "0"], "\(best.stdout)")

        let json = try HPOProcess.run(["best", "front", "--root", root, "--json"], in: dir)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let front = try #require(object["front"] as? [[String: Any]])
        #expect(front.compactMap { ($0["trial"] as? [String: Any])?["trial"] as? Int } == [5, 2, 1, 0])
        #expect((front[1]["values"] as? [String: Double])?["latency_ms"] == 8)

        let status = try HPOProcess.run(["status", "front", "--root", root, "--json"], in: dir)
        let run = try #require(try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [String: Any])
        #expect(run["pareto_front"] as? [Int] == [5, 2, 1, 0])
        let trials = try #require(run["trials"] as? [[String: Any]])
        #expect(trials.map { $0["pareto"] as? Bool } == [true, true, true, false, false, true])
        #expect((trials[3]["values"] as? [String: Double])?["latency_ms"] == 4)
        #expect((trials[3]["metrics"] as? [String: Double]) == ["loss": 0.6, "latency_ms": 4])

        let text = try HPOProcess.run(["status", "front", "--root", root], in: dir)
        #expect(text.stdout.contains("pareto front: 4 trials (5, 2, 1, 0), by loss"), "\(text.stdout)")

        // The objectives are part of the search: another list is refused, with the diff.
        let resumed = try HPOProcess.run(["resume", "front", "--root", root, "--metric", "loss:min"], in: dir)
        #expect(resumed.status == 2)
        #expect(resumed.stderr.contains("- metrics:"), "\(resumed.stderr)")
    }

    @Test func aGoalSuffixThatContradictsGoalIsBadInput() throws {
        let r = try HPOProcess.run(["search", "--dry-run", "--metric", "loss:max", "--goal", "minimize",
                                    "--", "python3", "t.py", "--x", "[1]"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("--metric \"loss:max\" says maximize but --goal says minimize: give one"), "\(r.stderr)")
    }

    @Test func aMetricGivenTwiceIsBadInput() throws {
        let r = try HPOProcess.run(["search", "--dry-run", "--metric", "loss", "--metric", "loss:max",
                                    "--", "python3", "t.py", "--x", "[1]"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("--metric \"loss:max\" (objective 2): 'loss' is given twice"), "\(r.stderr)")
    }

    @Test func aConstraintOnALaterObjectiveIsRefused() throws {
        let r = try HPOProcess.run(["search", "--dry-run", "--metric", "loss", "--metric", "latency_ms",
                                    "--constraint", "latency_ms <= 20", "--", "python3", "t.py", "--x", "[1]"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("bounds the objective 'latency_ms'"), "\(r.stderr)")
    }
}

import Foundation
import Testing

/// Conditional parameters through the real binary: an inactive parameter is absent from the
/// trial's argv and `HPO_PARAMS`, empty in results.csv, and a resumed run goes on with the
/// stored configurations that lack it.
@Suite struct HPOConditionalTests {
    static let sweep = """
        command: [python3, probe.py]
        strategy: random
        trials: 4
        seed: 3
        parameters:
          optimizer: [sgd, adam]
          momentum: {values: [0.5, 0.9], when: "optimizer == 'sgd'"}
          lr: "[0.1, 0.01]"
        """

    /// Records its argv and HPO_PARAMS in `seen/<trial>.json`, reports an objective.
    static let probe = """
        import json, os, sys
        os.makedirs("seen", exist_ok=True)
        with open(os.path.join("seen", os.environ["HPO_TRIAL"] + ".json"), "w") as f:
            json.dump({"argv": sys.argv[1:], "params": json.loads(os.environ["HPO_PARAMS"])}, f)
        with open(os.environ["HPO_METRICS_FILE"], "a") as f:
            f.write(json.dumps({"objective": 1.0}) + "\\n")
        """

    @Test func inactiveParametersAreAbsentFromArgvAndParamsAndEmptyInResults() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("hpo-cond-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try Self.sweep.write(to: dir.appendingPathComponent("sweep.yaml"), atomically: true, encoding: .utf8)
        try Self.probe.write(to: dir.appendingPathComponent("probe.py"), atomically: true, encoding: .utf8)
        let root = dir.appendingPathComponent("runs").path

        let first = try HPOProcess.run(["search", "--root", root, "--name", "cond", "--config", "sweep.yaml",
                                        "--no-snapshot"], in: dir)
        #expect(first.status == 0, "\(first.stderr)")
        // The space holds 2·2 (sgd) + 2 (adam) = 6 configurations: resume goes on to all of them.
        let resumed = try HPOProcess.run(["resume", "cond", "--root", root, "--trials", "6"], in: dir)
        #expect(resumed.status == 0, "\(resumed.stderr)")

        let csv = try String(contentsOfFile: root + "/cond/results.csv", encoding: .utf8)
        let rows = csv.split(separator: "\r\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        #expect(rows[0].prefix(5) == ["trial", "state", "optimizer", "momentum", "lr"])
        #expect(rows.count == 7)
        var configurations = Set<[String]>()
        for row in rows.dropFirst() {
            #expect(row[1] == "succeeded")
            #expect(row[3].isEmpty == (row[2] == "adam"), "\(row)")
            configurations.insert(Array(row[2...4]))
            let seen = try JSONSerialization.jsonObject(with: Data(contentsOf: dir.appendingPathComponent("seen/\(row[0]).json")))
            let record = try #require(seen as? [String: Any])
            let argv = try #require(record["argv"] as? [String])
            let params = try #require(record["params"] as? [String: Any])
            #expect(argv.contains("--momentum") == (row[2] == "sgd"), "\(argv)")
            #expect((params["momentum"] != nil) == (row[2] == "sgd"), "\(params)")
            #expect(Set(params.keys).isSubset(of: ["optimizer", "momentum", "lr"]))
        }
        #expect(configurations.count == 6)
    }
}

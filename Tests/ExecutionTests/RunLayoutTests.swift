import Foundation
import Testing
@testable import Execution

@Suite("Run layout")
struct RunLayoutTests {
    @Test("paths of a run follow DESIGN.md")
    func paths() throws {
        let layout = try RunLayout(root: "/data/runs", name: "calm-otter-2")
        #expect(layout.directory == "/data/runs/calm-otter-2")
        #expect(layout.database == "/data/runs/calm-otter-2/run.db")
        #expect(layout.sweepFile == "/data/runs/calm-otter-2/sweep.yaml")
        #expect(layout.resultsFile == "/data/runs/calm-otter-2/results.csv")
        #expect(layout.workspace == "/data/runs/calm-otter-2/workspace")
        let trial = layout.trial(12)
        #expect(trial.directory == "/data/runs/calm-otter-2/trials/12")
        #expect(trial.stdout == "/data/runs/calm-otter-2/trials/12/stdout.log")
        #expect(trial.stderr == "/data/runs/calm-otter-2/trials/12/stderr.log")
        #expect(trial.metrics == "/data/runs/calm-otter-2/trials/12/metrics.jsonl")
        #expect(trial.artifacts == "/data/runs/calm-otter-2/trials/12/artifacts")
        #expect(trial.checkpoints == "/data/runs/calm-otter-2/trials/12/checkpoints")
    }

    @Test("root: --root wins, then HPO_ROOT, then ./runs; relative roots resolve against the working directory")
    func root() {
        #expect(RunLayout.resolveRoot(option: nil, environment: [:], currentDirectory: "/home/a/proj") == "/home/a/proj/runs")
        #expect(RunLayout.resolveRoot(option: nil, environment: ["HPO_ROOT": "/scratch/hpo"], currentDirectory: "/x") == "/scratch/hpo")
        #expect(RunLayout.resolveRoot(option: nil, environment: ["HPO_ROOT": ""], currentDirectory: "/x") == "/x/runs")
        #expect(RunLayout.resolveRoot(option: "out", environment: ["HPO_ROOT": "/scratch"], currentDirectory: "/x") == "/x/out")
        #expect(RunLayout.resolveRoot(option: "./out", environment: [:], currentDirectory: "/x/") == "/x/out")
    }

    @Test("names that are not one safe path component are refused",
          arguments: ["", "a/b", "..", ".", "a..b", ".hidden", "-rf", "tab\there", "nul\u{0}", String(repeating: "x", count: 201)])
    func badNames(_ name: String) {
        #expect(throws: RunNameError.self) { try RunLayout.validateName(name) }
    }

    @Test("ordinary names are accepted", arguments: ["exp1", "lr-sweep_2024.06", "résumé", "run-20250101-120000"])
    func goodNames(_ name: String) throws {
        try RunLayout.validateName(name)
    }

    @Test("error messages name the problem")
    func messages() {
        #expect(RunNameError.empty.description == "a run name cannot be empty")
        #expect("\(RunNameError.forbiddenCharacter(name: "a/b", character: "'/'"))".contains("a/b"))
    }

    @Test("generated names are adjective-noun-n with n one more than the runs present, and unique")
    func generated() throws {
        var rng = SplitMix64(seed: 1)
        let name = RunLayout.generateName(existingCount: 4, exists: { _ in false }, using: &rng)
        let parts = name.split(separator: "-")
        #expect(parts.count == 3)
        #expect(RunNameWords.adjectives.contains(String(parts[0])))
        #expect(RunNameWords.nouns.contains(String(parts[1])))
        #expect(parts[2] == "5")
        try RunLayout.validateName(name)
        // Every name taken at n = 1: moves on to n = 2.
        let other = RunLayout.generateName(existingCount: 0, exists: { $0.hasSuffix("-1") }, using: &rng)
        #expect(other.hasSuffix("-2"))
    }

    @Test("generating in a real root avoids existing directories")
    func generatedInRoot() throws {
        let dir = TemporaryDirectory()
        var rng = SplitMix64(seed: 3)
        var names = Set<String>()
        for _ in 0..<5 {
            let name = RunLayout.generateName(inRoot: dir.path, using: &rng)
            #expect(names.insert(name).inserted)
            try RunLayout(root: dir.path, name: name).createDirectories()
        }
        #expect(names.contains { $0.hasSuffix("-5") })
    }

    @Test("directories are created, with the root, and trial directories are kept on retry")
    func create() throws {
        let dir = TemporaryDirectory()
        let layout = try RunLayout(root: dir.path + "/deep/runs", name: "r1")
        try layout.createDirectories()
        let trial = try layout.createTrialDirectories(3)
        _ = FileManager.default.createFile(atPath: trial.checkpoints + "/ckpt.pt", contents: Data([1]))
        try layout.createTrialDirectories(3)
        #expect(FileManager.default.fileExists(atPath: trial.checkpoints + "/ckpt.pt"))
        #expect(FileManager.default.fileExists(atPath: trial.artifacts))
    }

    @Test("a file in the way of a directory is reported")
    func fileInTheWay() throws {
        let dir = TemporaryDirectory()
        _ = FileManager.default.createFile(atPath: dir.file("r1"), contents: Data())
        let layout = try RunLayout(root: dir.path, name: "r1")
        #expect(throws: RunLayoutError.self) { try layout.createDirectories() }
    }
}

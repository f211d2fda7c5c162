import Foundation
import Testing
@testable import Execution
@testable import hpo

/// A sweep file started from Swift (`Sweep.start(file:)`) and with `hpo search --config`
/// becomes the same run, and `Sweep.resume` and `hpo resume` refuse the same changes of
/// either run with the same diff.
@Suite struct HPOLaunchPathTests {
    /// Bayesian search, ASHA and two ranks per trial: every setting that the library once
    /// left to the CLI. Rank 0 reports; rank 1 writes beside it.
    static let sweepFile = """
        command: [python3, trial.py, "{x}"]
        strategy: bayes
        trials: 2
        seed: 4
        early_stopping: {rule: asha, max_resource: 9}
        ranks_per_node: 2
        parameters:
          x: "uniform(0, 1)"

        """

    static let trial = """
        import json, os, sys
        with open(os.environ["HPO_METRICS_FILE"], "a") as f:
            f.write(json.dumps({"objective": float(sys.argv[1]), "step": 1}) + "\\n")

        """

    /// Runs `cli` with hpo and `lib` from Swift, both from the same sweep file, to their end.
    static func twoRuns() throws -> RunFixture {
        let fixture = RunFixture()
        try RunFixture.write(sweepFile, to: fixture.directory + "/sweep.yaml")
        try RunFixture.write(trial, to: fixture.directory + "/trial.py")
        let cli = try HPOProcess.run(["search", "--config", "sweep.yaml", "--name", "cli", "--no-snapshot"],
                                     in: fixture.directory)
        #expect(cli.status == 0, "\(cli.stderr)")
        let sweep = try Sweep.start(file: fixture.directory + "/sweep.yaml", overrides: SweepOverrides(name: "lib"),
                                    root: fixture.root, options: ExecutionOptions(workingDirectory: fixture.directory))
        #expect(try sweep.controller.run() == .completed)
        return fixture
    }

    @Test func aSweepFileStartedFromSwiftIsTheRunHpoSearchMakes() throws {
        let fixture = try Self.twoRuns()
        func read(_ run: String, _ file: String) throws -> String {
            try String(contentsOfFile: "\(fixture.root)/\(run)/\(file)", encoding: .utf8)
        }
        let settings = try read("lib", RunSettings.fileName)
        #expect(settings == (try read("cli", RunSettings.fileName)))
        #expect(settings.contains("\"ranksPerNode\" : 2"), "\(settings)")
        #expect(try read("lib", "sweep.yaml") == (try read("cli", "sweep.yaml")).replacingOccurrences(of: "name: cli", with: "name: lib"))
        for run in ["cli", "lib"] {
            let store = try RunStore.open(layout: try RunLayout(root: fixture.root, name: run), readOnly: true)
            #expect(try store.run().strategy == "bayes")
            // Rank 1 of every trial ran beside rank 0.
            for trial in try store.trials() {
                let rank1 = "\(fixture.root)/\(run)/trials/\(trial.number)/metrics.rank1.jsonl"
                #expect(FileManager.default.fileExists(atPath: rank1), "\(run) trial \(trial.number) ran one rank")
            }
        }
    }

    /// A change and how each side gives it: the Swift spec, and hpo resume's options.
    struct Change: CustomTestStringConvertible, Sendable {
        let name: String
        let options: [String]
        let apply: @Sendable (inout SweepSpec) -> Void
        let diff: [String]
        var testDescription: String { name }
    }

    static let changes = [
        Change(name: "strategy", options: ["--strategy", "random"], apply: { $0.strategy = .random },
               diff: ["- strategy: bayes", "+ strategy: random"]),
        Change(name: "early stopping", options: ["--early-stopping", "median"],
               apply: { $0.earlyStopping = EarlyStoppingSpec(rule: .median) },
               diff: ["  early_stopping:", "-   max_resource: 9", "-   rule: asha", "+   rule: median"]),
        Change(name: "backend", options: ["--backend", "slurm"], apply: { $0.backend = SweepBackend(kind: .slurm) },
               diff: ["+ backend: slurm"]),
    ]

    @Test(arguments: changes)
    func resumeRefusesAChangedSearchOfARunStartedEitherWay(change: Change) throws {
        let fixture = try Self.twoRuns()
        for run in ["cli", "lib"] {
            let layout = try RunLayout(root: fixture.root, name: run)
            let yaml = try String(contentsOfFile: layout.sweepFile, encoding: .utf8)
            var changed = try Sweep.storedSpec(of: layout)
            change.apply(&changed)
            changed.trials = 3
            var refusal: ResumeError?
            #expect(throws: ResumeError.self) {
                do { _ = try Sweep.resume(layout, spec: changed) } catch let error as ResumeError { refusal = error; throw error }
            }
            let message = "\(try #require(refusal))"
            for line in change.diff { #expect(message.contains("\n\(line)\n"), "\(run): \(message)") }
            let cli = try HPOProcess.run(["resume", run, "--trials", "3"] + change.options, in: fixture.directory)
            #expect(cli.status == 2)
            #expect(cli.stderr == "error: \(message)\n")
            #expect(try String(contentsOfFile: layout.sweepFile, encoding: .utf8) == yaml, "the refused sweep was stored")
            #expect(try RunStore.open(layout: layout, readOnly: true).trials().count == 2)
        }
    }
}

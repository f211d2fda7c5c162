import Execution
import Foundation
import Search
import Testing

/// Runs that build on each other, with the real binary: a fresh seed per run, configurations
/// enqueued by hand (`hpo enqueue`, `hpo search --enqueue`), warm starts (`--warm-start`).
@Suite struct HPORunsBuildingTests {
    /// Appends `{"objective": x}` for `--x x` to the metrics file.
    static let reporting = ["python3", "-c", "import json, os, sys; open(os.environ['HPO_METRICS_FILE'], 'a')"
                            + ".write(json.dumps({'objective': float(sys.argv[2])}) + '\\n')"]

    static func search(_ name: String, _ options: [String], in fixture: RunFixture,
                       x: String = "uniform(0, 1)") throws -> HPOProcess.Result {
        try HPOProcess.run(["search", "--name", name, "--no-snapshot"] + options + ["--"] + reporting + ["--x", x],
                           in: fixture.directory)
    }

    static func store(_ name: String, _ fixture: RunFixture) throws -> RunStore {
        try RunStore.open(layout: try RunLayout(root: fixture.root, name: name), readOnly: true)
    }

    static func xs(_ name: String, _ fixture: RunFixture) throws -> [Double] {
        try store(name, fixture).trials().sorted { $0.number < $1.number }.map { $0.configuration["x"]!.numericValue! }
    }

    @Test func twoRunsWithoutASeedDrawDifferentSeedsThatAreStoredAndPrinted() throws {
        let fixture = RunFixture()
        var seeds: [UInt64] = []
        for name in ["a", "b"] {
            let r = try Self.search(name, ["--strategy", "random", "--trials", "1"], in: fixture)
            #expect(r.status == 0, "\(r.stderr)")
            let seed = try Self.store(name, fixture).run().seed
            #expect(r.stderr.contains("random search, seed \(seed), "), "\(r.stderr)")
            #expect(r.stdout.contains("run \(name) completed: 1 succeeded (seed \(seed))"), "\(r.stdout)")
            let status = try HPOProcess.run(["status", name], in: fixture.directory)
            #expect(status.stdout.contains("random search (seed \(seed)), minimize objective"), "\(status.stdout)")
            seeds.append(seed)
        }
        #expect(seeds[0] != seeds[1])
        #expect(try Self.xs("a", fixture) != Self.xs("b", fixture))
    }

    @Test func theSeedADryRunPrintsGivesItsTrialsAgain() throws {
        let args = ["search", "--strategy", "random", "--trials", "3", "--dry-run", "--", "train", "--x", "uniform(0, 1)"]
        let first = try HPOProcess.run(args)
        #expect(first.status == 0, "\(first.stderr)")
        let seed = try #require(first.stderr.split(separator: " ").dropFirst().first)
        #expect(first.stderr == "seed \(seed) (--seed \(seed) gives these trials again)\n")
        let again = try HPOProcess.run(Array(args.prefix(5)) + ["--seed", String(seed)] + Array(args.dropFirst(5)))
        #expect(again.stdout == first.stdout)
        #expect(again.stderr.isEmpty)
    }

    @Test func aConfigurationEnqueuedIntoAnEndedRunRunsFirstWhenItResumes() throws {
        let fixture = RunFixture()
        let r = try Self.search("e", ["--strategy", "random", "--trials", "2", "--seed", "0"], in: fixture)
        #expect(r.status == 0, "\(r.stderr)")
        let enqueue = try HPOProcess.run(["enqueue", "e", "--x", "0.5"], in: fixture.directory)
        #expect(enqueue.status == 0, "\(enqueue.stderr)")
        #expect(enqueue.stdout == "enqueued 1 configuration into run 'e' (x=0.5)\n"
                + "the run has ended (completed); run the 1 waiting with: hpo resume e --trials 3\n")
        let resumed = try HPOProcess.run(["resume", "e", "--trials", "3"], in: fixture.directory)
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(resumed.stderr.contains("enqueued: 1 configuration runs first"), "\(resumed.stderr)")
        #expect(try Self.xs("e", fixture)[2] == 0.5)
        let status = try HPOProcess.run(["status", "e"], in: fixture.directory, columns: 120)
        #expect(status.stdout.contains("enqueued (hpo enqueue)"), "\(status.stdout)")
        #expect(try Self.store("e", fixture).enqueued().isEmpty)
    }

    @Test func hpoSearchEnqueueRunsTheFilesRowsBeforeTheStrategysSuggestions() throws {
        let fixture = RunFixture()
        try RunFixture.write("x,objective\n0.25,\n0.75,\n", to: fixture.directory + "/first.csv")
        let r = try Self.search("f", ["--strategy", "random", "--trials", "3", "--enqueue", "first.csv"], in: fixture)
        #expect(r.status == 0, "\(r.stderr)")
        let xs = try Self.xs("f", fixture)
        #expect(xs.count == 3)
        #expect(Array(xs.prefix(2)) == [0.25, 0.75])
    }

    @Test func enqueuedValuesAreCheckedAgainstTheSpace() throws {
        let fixture = RunFixture()
        let r = try Self.search("c", ["--strategy", "random", "--trials", "1"], in: fixture)
        #expect(r.status == 0, "\(r.stderr)")
        let bad = try HPOProcess.run(["enqueue", "c", "--x", "2"], in: fixture.directory)
        #expect(bad.status == 2)
        #expect(bad.stderr == "error: hpo enqueue: x 2 is not one of the run's values (x takes uniform(0.0, 1.0))\n")
        let unknown = try HPOProcess.run(["enqueue", "c", "--y", "0.5"], in: fixture.directory)
        #expect(unknown.status == 2)
        #expect(unknown.stderr == "error: hpo enqueue: the run has no parameter 'y'; did you mean x? (its parameters: x)\n")
        try RunFixture.write("x\n0.5\nlots\n", to: fixture.directory + "/bad.csv")
        let csv = try HPOProcess.run(["search", "--strategy", "random", "--trials", "2", "--enqueue", "bad.csv", "--",
                                      "train", "--x", "uniform(0, 1)"], in: fixture.directory)
        #expect(csv.status == 2)
        #expect(csv.stderr == "error: bad.csv row 2 (line 3): x lots is not one of the run's values (x takes uniform(0.0, 1.0))\n")
    }

    @Test func aWarmStartedBayesRunLearnsFromTheOtherRunOutsideItsBudget() throws {
        let fixture = RunFixture()
        let source = try Self.search("r", ["--strategy", "random", "--trials", "6", "--seed", "1"], in: fixture,
                                     x: "uniform(-1, 1)")
        #expect(source.status == 0, "\(source.stderr)")
        let warm = try Self.search("w", ["--strategy", "bayes", "--trials", "2", "--seed", "2", "--warm-start", "r"],
                                   in: fixture)
        #expect(warm.status == 0, "\(warm.stderr)")
        // Of the source's trials over [-1, 1], those below 0 lie outside this run's space.
        let inRange = try Self.xs("r", fixture).filter { $0 >= 0 }.count
        try #require(inRange > 0 && inRange < 6, "seed 1 gives trials on both sides of 0")
        #expect(warm.stderr.contains("warm start: \(inRange) prior trial\(inRange == 1 ? "" : "s") from run r "
                                     + "(\(6 - inRange) dropped: x outside this run's values: \(6 - inRange)); they train "
                                     + "the model, outside the budget"), "\(warm.stderr)")
        let cold = try Self.search("c", ["--strategy", "bayes", "--trials", "2", "--seed", "2"], in: fixture)
        #expect(cold.status == 0, "\(cold.stderr)")
        let warmXs = try Self.xs("w", fixture)
        #expect(warmXs.count == 2)  // the priors are not this run's trials
        #expect(warmXs[0] != (try Self.xs("c", fixture))[0])
        let status = try HPOProcess.run(["status", "w"], in: fixture.directory, columns: 160)
        let priors = try Self.store("w", fixture).priorObservations()
        #expect(priors.count == inRange)
        #expect(status.stdout.contains("2 trials: 2 succeeded"), "\(status.stdout)")
        #expect(status.stdout.contains("warm start: \(inRange) prior trial"), "\(status.stdout)")
        let report = try HPOProcess.run(["report", "w", "--output", "-"], in: fixture.directory)
        #expect(report.stdout.contains("2 trials: 2 succeeded; best trial"), "\(report.stdout)")
        #expect(report.stdout.contains("; warm start: \(inRange) prior trial"), "\(report.stdout)")
    }

    @Test func aWarmStartFromARunOfAnotherGoalIsRefused() throws {
        let fixture = RunFixture()
        let source = try Self.search("up", ["--strategy", "random", "--trials", "1", "--goal", "maximize"], in: fixture)
        #expect(source.status == 0, "\(source.stderr)")
        let r = try Self.search("down", ["--strategy", "bayes", "--trials", "1", "--warm-start", "up"], in: fixture)
        #expect(r.status == 2)
        #expect(r.stderr == "error: --warm-start up: that run's trials maximize objective, this run's minimize objective; "
                + "their values would mislead the model, so it is refused (warm-start from a run with the same --metric "
                + "and --goal)\n", "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: fixture.root + "/down"))
    }
}

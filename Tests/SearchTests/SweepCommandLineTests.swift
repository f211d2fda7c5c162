import Testing
@testable import Search

/// Reading sweep values out of a command line, Grid.ai style.
@Suite struct SweepCommandLineTests {
    static func trials(_ sweep: CommandLineSweep) throws -> [String] {
        try GridStrategy.points(of: sweep.space).map { try sweep.template.render($0, in: sweep.space).joined(separator: " ") }
    }

    @Test func gridRunOfTheHelloExampleKeepsGridOrder() throws {
        let sweep = try CommandLineSweep(parsing: ["python3", "Examples/hello.py", "--number", "[1, 2]",
                                                   "--food_item", "['pizza', 'hotdog']"], seed: 0)
        #expect(sweep.space.names == ["number", "food_item"])
        #expect(try Self.trials(sweep) == [
            "python3 Examples/hello.py --number 1 --food_item pizza",
            "python3 Examples/hello.py --number 2 --food_item pizza",
            "python3 Examples/hello.py --number 1 --food_item hotdog",
            "python3 Examples/hello.py --number 2 --food_item hotdog",
        ])
    }

    @Test func literalsPassThroughByteForByte() throws {
        let argv = ["python3", "t.py", "--lr", "0.01", "--wd", "1e-2", "--model", "bert", "--q", "'bert'", "--dq", "\"bert\"",
                    "--json", "{\"a\": [1]}", "--verbose", "positional", "[1, 2]", "-u", "--last"]
        let sweep = try CommandLineSweep(parsing: argv, seed: 0)
        #expect(sweep.space.parameters.isEmpty)
        #expect(try sweep.template.render(Configuration([:]), in: sweep.space) == argv)
    }

    @Test func equalsFormKeepsTheFlag() throws {
        let sweep = try CommandLineSweep(parsing: ["prog", "--lr=[0.1, 0.2]", "--x", "1"], seed: 0)
        #expect(sweep.space.names == ["lr"])
        #expect(try Self.trials(sweep) == ["prog --lr=0.1 --x 1", "prog --lr=0.2 --x 1"])
    }

    @Test func singleDashFlagsAndFlagsWithoutValuesWork() throws {
        let sweep = try CommandLineSweep(parsing: ["prog", "--verbose", "-n", "range(2)", "--dry"], seed: 0)
        #expect(sweep.space.names == ["n"])
        #expect(try Self.trials(sweep) == ["prog --verbose -n 0 --dry", "prog --verbose -n 1 --dry"])
    }

    @Test func distributionsBecomeParameters() throws {
        let sweep = try CommandLineSweep(parsing: ["python", "train.py", "--lr", "loguniform(1e-5, 1e-1)",
                                                   "--layers", "randint(1, 8)"], seed: 0)
        #expect(sweep.space.parameters == [
            Parameter("lr", .real(low: 1e-5, high: 0.1, log: true)),
            Parameter("layers", .integer(low: 1, high: 8, log: false)),
        ])
    }

    @Test func malformedValueAfterAFlagIsAnErrorNamingTheFlag() {
        let error = #expect(throws: SweepSyntaxError.self) {
            try CommandLineSweep(parsing: ["prog", "--lr=logunifrom(1e-5, 1)"], seed: 0)
        }
        #expect(error?.description == "--lr \"logunifrom(1e-5, 1)\": unknown sweep function 'logunifrom'; did you mean loguniform? (column 1)")
    }

    @Test func aParameterSweptTwiceIsAnError() {
        let error = #expect(throws: SweepSyntaxError.self) {
            try CommandLineSweep(parsing: ["prog", "--lr", "[1, 2]", "-lr", "[3]"], seed: 0)
        }
        #expect(error?.description == "-lr \"[3]\": parameter 'lr' is already swept by --lr (column 1)")
    }

    @Test func programNameIsNeverAFlag() throws {
        let sweep = try CommandLineSweep(parsing: ["--x", "[1, 2]"], seed: 0)
        #expect(sweep.space.parameters.isEmpty)
    }

    @Test(arguments: [("train.py", ["python3"]), ("run.sh", ["bash"]), ("./a.out", []), ("train", [])])
    func launcherFollowsTheExtension(script: String, launcher: [String]) {
        #expect(CommandLineSweep.launcher(for: script) == launcher)
    }
}

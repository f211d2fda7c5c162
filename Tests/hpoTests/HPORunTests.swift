import Foundation
import Testing

/// `hpo run`: the Grid.ai-style sweep of a script's arguments.
@Suite struct HPORunTests {
    @Test func helloGridPrintsFourTrialsInGridOrderThenTheCount() throws {
        let r = try HPOProcess.run(["run", "--dry-run", "Examples/hello.py", "--number", "[1, 2]",
                                    "--food_item", "['pizza', 'hotdog']"])
        #expect(r.status == 0)
        #expect(r.stderr == "")
        #expect(r.stdout == """
            python3 Examples/hello.py --number 1 --food_item pizza
            python3 Examples/hello.py --number 2 --food_item pizza
            python3 Examples/hello.py --number 1 --food_item hotdog
            python3 Examples/hello.py --number 2 --food_item hotdog
            4 trials (dry run: nothing was started)

            """)
    }

    @Test func literalsAndEqualsFormsPassThroughQuotedOnlyWhereNeeded() throws {
        let r = try HPOProcess.run(["run", "--dry-run", "Examples/hello.py", "--food_item=['pizza']", "--note", "two words",
                                    "--lr", "0.01", "--tag", "'bert'"])
        #expect(r.status == 0)
        #expect(r.stdout.split(separator: "\n").first
            == "python3 Examples/hello.py --food_item=pizza --note 'two words' --lr 0.01 --tag ''\\''bert'\\'''")
    }

    @Test func randomSearchIsFixedBySeed() throws {
        let args = ["run", "--dry-run", "--strategy", "random", "--trials", "3", "--seed", "7", "Examples/hello.py",
                    "--number", "uniform(0, 5)", "--food_item", "['pizza', 'hotdog']"]
        let a = try HPOProcess.run(args), b = try HPOProcess.run(args)
        #expect(a.status == 0 && a.stdout == b.stdout)
        let lines = a.stdout.split(separator: "\n")
        #expect(lines.count == 4 && lines[3] == "3 trials (dry run: nothing was started)")
        #expect(lines.prefix(3).allSatisfy { $0.hasPrefix("python3 Examples/hello.py --number ") })
    }

    @Test func presampledDrawsRepeatWithTheSeed() throws {
        let args = ["run", "--dry-run", "--seed", "3", "Examples/hello.py", "--number", "uniform(0, 1, 3)"]
        let a = try HPOProcess.run(args), b = try HPOProcess.run(args)
        #expect(a.status == 0 && a.stdout == b.stdout && a.stdout.contains("3 trials"))
    }

    @Test func bayesDryRunPrintsItsInitialDesign() throws {
        let args = ["run", "--dry-run", "--strategy", "bayes", "--trials", "4", "--seed", "5", "Examples/hello.py",
                    "--lr", "loguniform(1e-5, 1e-1)", "--layers", "randint(1, 8)"]
        let a = try HPOProcess.run(args), b = try HPOProcess.run(args)
        #expect(a.status == 0 && a.stdout == b.stdout)
        let lines = a.stdout.split(separator: "\n")
        #expect(lines.count == 5 && lines[4] == "4 trials (dry run: nothing was started)")
        #expect(Set(lines.prefix(4)).count == 4)
    }

    static let badInput: [(arguments: [String], stderr: String)] = [
        (["Examples/hello.py", "--lr", "loguniform(0, 1)"],
         "error: --lr \"loguniform(0, 1)\": lower bound must be > 0 (column 12)\n"),
        (["Examples/hello.py", "--lr=logunifrom(1e-5, 1)"],
         "error: --lr \"logunifrom(1e-5, 1)\": unknown sweep function 'logunifrom'; did you mean loguniform? (column 1)\n"),
        (["Examples/hello.py", "--number", "[1, 2"], "error: --number \"[1, 2\": '[' is never closed: add ']' (column 1)\n"),
        (["Examples/hello.py", "--number", "[1 2]"], "error: --number \"[1 2]\": missing ',' before 2 (column 4)\n"),
        (["Examples/hello.py", "--number", "[1, 2] x"], "error: --number \"[1, 2] x\": unexpected x after the end of the expression (column 8)\n"),
        (["Examples/hello.py", "--number", "[None]"],
         "error: --number \"[None]\": None cannot be passed on a command line; use a string such as 'none' (column 2)\n"),
        (["Examples/hello.py", "--lr", "uniform(0, 1)"],
         "error: grid search cannot enumerate the continuous parameter 'lr': give it a list of values, set grid_points to discretize it, or use --strategy random or bayes\n"),
        (["--strategy", "random", "Examples/hello.py", "--number", "[1]"],
         "error: --strategy random needs a budget: add --trials N (or trials: N in the sweep file)\n"),
        (["--strategy", "rnadom", "Examples/hello.py"],
         "error: --strategy \"rnadom\": unknown strategy; choose grid, random, bayes or tpe; did you mean random?\n"),
        (["--trials", "0", "Examples/hello.py"], "error: --trials 0: must be at least 1\n"),
        (["--goal", "lower", "Examples/hello.py"], "error: --goal \"lower\": choose minimize or maximize\n"),
        (["--gpus", "0,0", "Examples/hello.py"], "error: --gpus \"0,0\": list distinct device ids, e.g. 0,1,2,3\n"),
        (["--dry-runn", "Examples/hello.py"], "error: unknown option '--dry-runn'; did you mean --dry-run? (see hpo run --help)\n"),
        (["Examples/nope.py", "--number", "[1]"], "error: Examples/nope.py: no such file\n"),
        ([], "error: hpo run needs a script: hpo run --dry-run train.py --lr \"[0.1, 0.01]\"\n"),
    ]

    @Test(arguments: badInput)
    func badInputIsExplainedOnStderrWithExitCode2(arguments: [String], stderr: String) throws {
        let r = try HPOProcess.run(["run", "--dry-run"] + arguments)
        #expect(r.status == 2)
        #expect(r.stderr == stderr)
        #expect(r.stdout == "")
    }

    @Test func helloRunsFourTrialsIntoResultsWithAColumnPerParameter() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("hpo-run-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: root) }
        let r = try HPOProcess.run(["run", "--root", root, "--name", "hello", "Examples/hello.py",
                                    "--number", "[1, 2]", "--food_item", "['pizza', 'hotdog']"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("run hello completed: 4 succeeded"))
        #expect(r.stdout.contains("best: trial 1, objective 1\n  python3 Examples/hello.py --number 2 --food_item pizza\n"))
        let csv = try String(contentsOfFile: root + "/hello/results.csv", encoding: .utf8)
        let rows = csv.split(separator: "\r\n").map(String.init)
        #expect(rows.count == 5)
        #expect(rows[0] == "trial,state,number,food_item,objective,steps,duration_s,exit_code,attempts,best_objective")
        #expect(rows.dropFirst().map { $0.split(separator: ",").prefix(4).joined(separator: ",") }
            == ["0,succeeded,1,pizza", "1,succeeded,2,pizza", "2,succeeded,1,hotdog", "3,succeeded,2,hotdog"])
    }

    @Test func aSecondRunWithTheSameNameIsRefused() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("hpo-run-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: root) }
        let args = ["run", "--root", root, "--name", "twice", "Examples/hello.py", "--number", "[1]"]
        #expect(try HPOProcess.run(args).status == 0)
        let again = try HPOProcess.run(args)
        #expect(again.status == 2)
        #expect(again.stderr == "error: a run named 'twice' already exists in \(root); choose another --name, "
                + "or continue it with hpo resume twice\n")
    }

    @Test func argumentParserUsageErrorsAlsoExitWith2() throws {
        let r = try HPOProcess.run(["run", "--dry-run", "--trials", "abc", "Examples/hello.py"])
        #expect(r.status == 2)
        #expect(r.stderr.hasPrefix("error: The value 'abc' is invalid for '--trials <n>'"))
    }
}

import Execution
import Foundation
import SweepConfig
import Testing

/// `hpo best RUN`: the best trial and the command line that reproduces it.
@Suite struct HPOBestTests {
    @Test func printsParametersTheReproducingCommandLineAndTheFiles() throws {
        let fixture = RunFixture()
        let spec = try RunFixture.spec(["python3", "train.py", "--lr", "[0.1, 0.01]", "--tag", "['two words', 'x']",
                                        "--epochs", "3"], metric: "accuracy", goal: .maximize)
        let (layout, store) = try fixture.makeRun("keen-lark-3", spec: spec)
        try store.finished(1, ["lr": .real(0.1), "tag": .string("x")], .succeeded, objective: 0.81,
                           start: RunFixture.at(1), seconds: 2)
        try store.finished(2, ["lr": .real(0.01), "tag": .string("two words")], .succeeded, objective: 0.934567891,
                           start: RunFixture.at(3), seconds: 2)
        try store.finished(3, ["lr": .real(0.1), "tag": .string("two words")], .failed, exitCode: 1,
                           start: RunFixture.at(5), seconds: 2)
        let files = try layout.createTrialDirectories(2)
        try RunFixture.write("ok\n", to: files.stdout)
        try RunFixture.write("{\"step\": 1, \"accuracy\": 0.93}\n", to: files.metrics)

        let r = try HPOProcess.run(["best", "keen-lark-3"], in: fixture.directory)
        #expect(r.status == 0)
        #expect(r.stderr == "")
        #expect(r.stdout == """
            run keen-lark-3: best of 2 succeeded is trial 2, accuracy 0.934568 (maximize)
            parameters:
              lr   0.01
              tag  two words
            command:
              python3 train.py --lr 0.01 --tag 'two words' --epochs 3
            files: ./runs/keen-lark-3/trials/2 (artifacts/, checkpoints/, metrics.jsonl, stdout.log)

            """)
    }

    @Test func placeholdersOfASweepFileAreFilledIn() throws {
        let fixture = RunFixture()
        let yaml = """
            command: [python3, train.py, "--lr={lr}", --layers, "{layers}"]
            metric: {name: loss, goal: minimize}
            parameters:
              lr: loguniform(1e-5, 1e-1)
              layers: randint(1, 8)
            """
        let spec = try SweepSpec(yaml: yaml)
        let (_, store) = try fixture.makeRun("deft-owl-1", spec: spec)
        try store.finished(1, ["lr": .real(0.00031), "layers": .int(4)], .succeeded, objective: 0.2,
                           start: RunFixture.at(1), seconds: 2)
        let r = try HPOProcess.run(["best", "deft-owl-1"], in: fixture.directory)
        #expect(r.status == 0)
        #expect(r.stdout.contains("command:\n  python3 train.py --lr=0.00031 --layers 4\n"))
    }

    @Test func jsonGivesTheTrialAndTheCommandAsArgvAndAsALine() throws {
        let fixture = RunFixture()
        let (layout, store) = try fixture.makeRun("keen-lark-3", spec: try RunFixture.spec())
        try store.finished(1, ["lr": .real(0.01), "optimizer": .string("adam")], .succeeded, objective: 0.25,
                           start: RunFixture.at(1), seconds: 2)
        let r = try HPOProcess.run(["best", "--json", "keen-lark-3"], in: fixture.directory)
        #expect(r.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(object["run"] as? String == "keen-lark-3")
        #expect(object["metric"] as? String == "val_loss" && object["goal"] as? String == "minimize")
        #expect(object["command"] as? [String] == ["python3", "train.py", "--lr", "0.01", "--optimizer", "adam"])
        #expect(object["command_line"] as? String == "python3 train.py --lr 0.01 --optimizer adam")
        #expect(object["directory"] as? String == layout.trial(1).directory)
        let trial = try #require(object["trial"] as? [String: Any])
        #expect(trial["trial"] as? Int == 1 && trial["objective"] as? Double == 0.25)
    }

    @Test func aRunWithoutASucceededTrialExitsOne() throws {
        let fixture = RunFixture()
        let (_, store) = try fixture.makeRun("keen-lark-3", spec: try RunFixture.spec())
        try store.finished(1, ["lr": .real(0.01), "optimizer": .string("adam")], .failed, exitCode: 1,
                           start: RunFixture.at(1), seconds: 2)
        try store.launch(2, ["lr": .real(0.1), "optimizer": .string("adam")], start: RunFixture.at(3))
        let r = try HPOProcess.run(["best", "keen-lark-3"], in: fixture.directory)
        #expect(r.status == 1)
        #expect(r.stdout == "")
        #expect(r.stderr == "error: run 'keen-lark-3' has no succeeded trial yet (1 running, 1 failed)\n")
    }

    @Test func aRunWhoseSucceededTrialsHaveNoObjectiveSaysSoConsistently() throws {
        let fixture = RunFixture()
        let (_, store) = try fixture.makeRun("keen-lark-4", spec: try RunFixture.spec())
        // What a run recorded before NaN-only trials were failed: succeeded, no objective.
        try store.finished(1, ["lr": .real(0.01), "optimizer": .string("adam")], .succeeded, objective: nil,
                           start: RunFixture.at(1), seconds: 2)
        let r = try HPOProcess.run(["best", "keen-lark-4"], in: fixture.directory)
        #expect(r.status == 1)
        #expect(r.stderr == "error: run 'keen-lark-4' has no trial with a finite objective yet: its 1 succeeded trial "
                + "reported only NaN or infinity (1 succeeded)\n")
    }
}

import Foundation
import Testing
@testable import Execution

/// The controller end to end, with real processes.
@Suite struct ControllerTests {
    @Test func gridOfFourRunsFourTrialsIntoResults() throws {
        let h = SweepHarness()
        defer { h.remove() }
        let script = h.script("hello.py", """
            n, food = int(sys.argv[2]), sys.argv[4]
            with open(os.environ["HPO_METRICS_FILE"], "a") as f:
                f.write(json.dumps({"step": 1, "objective": n * 10 + len(food)}) + "\\n")
            """)
        let (sweep, state) = try h.run(["python3", script, "--number", "{number}", "--food_item", "{food_item}"],
                                       space: [.ints("number", [1, 2]),
                                               Parameter("food_item", .categorical([.string("pizza"), .string("hotdog")]))],
                                       parallel: 2)
        #expect(state == .completed)
        let rows = h.csvRows(sweep)
        #expect(rows.first == ["trial", "state", "number", "food_item", "objective", "steps", "duration_s", "exit_code", "attempts", "best_objective"])
        #expect(rows.count == 5)
        #expect(Set(rows.dropFirst().map { [$0[2], $0[3], $0[4], $0[1]] }) == [
            ["1", "pizza", "15.0", "succeeded"], ["2", "pizza", "25.0", "succeeded"],
            ["1", "hotdog", "16.0", "succeeded"], ["2", "hotdog", "26.0", "succeeded"]])
        let best = try #require(try sweep.store.bestTrial())
        #expect(best.objective == 15)
    }

    @Test func everyExitEndsInItsState() throws {
        let h = SweepHarness()
        defer { h.remove() }
        // mode 0: reports and exits 0; 1: exits 1; 2: exits 0 without reporting; 3: exit 3;
        // 4: killed by SIGSEGV; 5: sleeps past the timeout.
        let script = h.script("modes.py", """
            mode = int(sys.argv[1])
            if mode == 0:
                open(os.environ["HPO_METRICS_FILE"], "a").write('{"objective": 1.5}\\n')
            elif mode == 1:
                sys.exit(1)
            elif mode == 3:
                sys.exit(3)
            elif mode == 4:
                import signal; os.kill(os.getpid(), signal.SIGSEGV)
            elif mode == 5:
                time.sleep(30)
            """)
        let (sweep, _) = try h.run(["python3", script, "{mode}"], space: [.ints("mode", [0, 1, 2, 3, 4, 5])], parallel: 3,
                                   configure: {
                                       $0.trialTimeout = .seconds(2); $0.maximumFailures = 100
                                       // Mode 2 may end before mode 0's line is read: every trial must run here.
                                       $0.allowsMissingMetric = true
                                   })
        let states = try sweep.store.trials().sorted { $0.number < $1.number }.map(\.state)
        #expect(states == [.succeeded, .failed, .noMetric, .invalid, .failed, .timeout])
        let killed = try #require(try sweep.store.trial(4))
        #expect(killed.signal == 11)
        #expect(killed.explanation == "killed by SIGSEGV")
        #expect(try sweep.store.trial(5)?.explanation == "ran past the time limit of 2s")
        #expect(h.csvRows(sweep).count == 7)
    }

    @Test func aMissingCommandFailsItsTrialsAndTheFailureBudgetStopsTheSweep() throws {
        let h = SweepHarness()
        defer { h.remove() }
        let (sweep, state) = try h.run(["no-such-command-hpo", "{x}"], space: [.ints("x", Array(0..<20))])
        #expect(state == .failed)
        let trials = try sweep.store.trials()
        #expect(trials.count == FailureBudget.defaultMinimum)
        #expect(trials.allSatisfy { $0.state == .failed && $0.explanation == "command not found: no-such-command-hpo" })
    }

    @Test func shellMetacharactersArriveAsOneLiteralArgument() throws {
        let h = SweepHarness()
        defer { h.remove() }
        let script = h.script("argv.py", """
            open(os.environ["HPO_METRICS_FILE"], "a").write(json.dumps({"objective": 0}) + "\\n")
            open("argv-" + os.environ["HPO_TRIAL"] + ".json", "w").write(json.dumps(sys.argv[1:]))
            """)
        let values = ["; rm -rf ~", "$(id)", "a b", "`id`"]
        let (_, state) = try h.run(["python3", script, "--value", "{value}"],
                                   space: [Parameter("value", .categorical(values.map { .string($0) }))])
        #expect(state == .completed)
        for (i, value) in values.enumerated() {
            #expect(h.scratch.read("argv-\(i).json") == "[\"--value\", \"\(value)\"]")
        }
    }

    @Test func theTrialContractEnvironmentIsSet() throws {
        let h = SweepHarness()
        defer { h.remove() }
        let script = h.script("env.py", """
            keys = ["HPO_RUN", "HPO_TRIAL", "HPO_PARAMS", "HPO_METRICS_FILE", "HPO_ARTIFACTS_DIR", "HPO_CHECKPOINT_DIR"]
            json.dump({k: os.environ.get(k) for k in keys}, open("env.json", "w"))
            open(os.environ["HPO_METRICS_FILE"], "a").write('{"objective": 1}\\n')
            """)
        let (sweep, _) = try h.run(["python3", script, "{lr}"], space: [Parameter("lr", .ordinal([.real(0.01)]))], name: "envrun")
        let env = try JSONSerialization.jsonObject(with: Data(h.scratch.read("env.json").utf8)) as! [String: String]
        let trial = sweep.layout.trial(0)
        #expect(env["HPO_RUN"] == "envrun")
        #expect(env["HPO_TRIAL"] == "0")
        #expect(env["HPO_PARAMS"] == "{\"lr\": 0.01}")
        #expect(env["HPO_METRICS_FILE"] == trial.metrics)
        #expect(env["HPO_ARTIFACTS_DIR"] == trial.artifacts)
        #expect(env["HPO_CHECKPOINT_DIR"] == trial.checkpoints)
    }

    @Test func aCancelRequestFromAnotherProcessCancelsTheRun() throws {
        let h = SweepHarness()
        defer { h.remove() }
        let script = h.script("slow.py", "time.sleep(30)\n")
        let (sweep, state) = try h.run(["python3", script, "{x}"], space: [.ints("x", [1, 2, 3, 4])], parallel: 2,
                                       during: { sweep in
            // `hpo cancel` from another terminal: its own connection to the run's store,
            // once the first two trials run.
            let layout = sweep.layout
            Thread.detachNewThread {
                Thread.sleep(forTimeInterval: 1)
                let other = try! RunStore.open(layout: layout)
                try! other.requestCancel(trial: nil, at: Date(), note: "cancelled by hpo cancel")
            }
        })
        #expect(state == .cancelled)
        let trials = try sweep.store.trials()
        #expect(trials.count == 2)
        #expect(trials.allSatisfy { $0.state == .cancelled })
    }

    @Test func aStalledTrialTimesOut() throws {
        let h = SweepHarness()
        defer { h.remove() }
        let script = h.script("stall.py", """
            print("started", flush=True)
            time.sleep(30)
            """)
        let (sweep, _) = try h.run(["python3", script, "{x}"], space: [.ints("x", [1])],
                                   configure: { $0.stallTimeout = .seconds(2) })
        let trial = try #require(try sweep.store.trial(0))
        #expect(trial.state == .timeout)
        #expect(trial.explanation == "no output or metric for 2s")
    }

    @Test func metricsFromStdoutWithThePattern() throws {
        let h = SweepHarness()
        defer { h.remove() }
        let script = h.script("prints.py", """
            for epoch in range(3):
                print(f"epoch {epoch}: loss={1.0 / (epoch + 1)} acc=0.9", flush=True)
            """)
        let (sweep, _) = try h.run(["python3", script, "{x}"], space: [.ints("x", [1])], metric: SweepMetric(name: "loss"),
                                   configure: { $0.stdoutPattern = .standard })
        let trial = try #require(try sweep.store.trial(0))
        #expect(trial.state == .succeeded)
        #expect(trial.objective == 1.0 / 3)
        #expect(trial.steps == 3)
    }
}

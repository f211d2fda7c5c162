import Foundation
import Testing
@testable import Execution

/// Early stopping, live, on real processes with synthetic learning curves.
@Suite struct ControllerEarlyStoppingTests {
    /// Trial q reports `q + 2/step` for steps 1…27, 25 ms apart: the lower q, the better at
    /// every step, so the best trial is q = 0.1 whatever stops.
    static let curve = """
        q = float(sys.argv[1])
        for step in range(1, 28):
            with open(os.environ["HPO_METRICS_FILE"], "a") as f:
                f.write(json.dumps({"step": step, "objective": q + 2.0 / step}) + "\\n")
            time.sleep(0.025)
        """
    static let qualities: [Double] = [1.3, 0.1, 2.9, 0.5, 3.3, 0.9, 2.1, 1.7, 2.5]

    func sweep(earlyStopping: (any EarlyStopping)?) throws -> (steps: Int, best: TrialRecord, trials: [TrialRecord]) {
        let h = SweepHarness()
        defer { h.remove() }
        let script = h.script("curve.py", Self.curve)
        let (sweep, state) = try h.run(["python3", script, "{q}"],
                                       space: [Parameter("q", .ordinal(Self.qualities.map { .real($0) }))], parallel: 3,
                                       configure: { $0.earlyStopping = earlyStopping })
        #expect(state == .completed)
        let trials = try sweep.store.trials()
        // Resource spent as steps reported, not seconds: the same on a loaded machine.
        let steps = trials.compactMap(\.steps).reduce(0, +)
        return (steps, try #require(try sweep.store.bestTrial()), trials)
    }

    @Test func ashaPrunesTheBadTrialsSpendsAtMostHalfAndFindsTheSameBest() throws {
        let full = try sweep(earlyStopping: nil)
        let asha = try sweep(earlyStopping: try SuccessiveHalving(minResource: 1, reductionFactor: 3, maxResource: 27))
        #expect(full.trials.allSatisfy { $0.state == .succeeded })
        let pruned = asha.trials.filter { $0.state == .pruned }
        #expect(pruned.count >= 4)
        #expect(pruned.allSatisfy { $0.explanation?.hasPrefix("pruned by asha at rung") == true })
        #expect(full.steps == 9 * 27)
        #expect(2 * asha.steps <= full.steps, "ASHA spent \(asha.steps) steps against \(full.steps)")
        #expect(asha.best.configuration == full.best.configuration)
        #expect(asha.best.configuration["q"] == .real(0.1))
    }

    @Test func thresholdStopsATrialOnTheLineThatCrossesTheBound() throws {
        let h = SweepHarness()
        defer { h.remove() }
        let script = h.script("diverge.py", """
            for step in range(1, 100):
                open(os.environ["HPO_METRICS_FILE"], "a").write(json.dumps({"step": step, "objective": step}) + "\\n")
                time.sleep(0.02)
            """)
        let (sweep, _) = try h.run(["python3", script, "{x}"], space: [.ints("x", [1])],
                                   configure: { $0.earlyStopping = try! ThresholdStopping(bound: 5) })
        let trial = try #require(try sweep.store.trial(0))
        #expect(trial.state == .pruned)
        // Stopped at step 6, the first above the bound; SIGTERM ends it within a step or two.
        #expect((trial.steps ?? 0) >= 6 && (trial.steps ?? 0) <= 9)
        #expect(trial.explanation?.contains("threshold") == true)
    }
}

/// Patience ends a trial that stopped improving: in the user's eyes it ran to its natural end.
@Suite struct ControllerPatienceTests {
    @Test func aTrialStoppedByPatienceSucceedsWithItsBestValueAndCanBeTheBest() throws {
        let h = SweepHarness()
        defer { h.remove() }
        // Improves until step 3 (0.2), then gets worse for as long as it is let run.
        let script = h.script("plateau.py", """
            for step in range(1, 200):
                open(os.environ["HPO_METRICS_FILE"], "a").write(
                    json.dumps({"step": step, "objective": abs(step - 3) / 10 + 0.2}) + "\\n")
                time.sleep(0.02)
            """)
        var stops: [StopCause] = []
        let (sweep, state) = try h.run(["python3", script, "{x}"], space: [.ints("x", [1])],
                                       configure: { $0.earlyStopping = try! PatienceStopping(patience: 2) },
                                       observer: { if case .stopping(_, let cause, _) = $0 { stops.append(cause) } })
        #expect(state == .completed)
        #expect(stops == [.converge])
        let trial = try #require(try sweep.store.trial(0))
        #expect(trial.state == .succeeded)
        #expect(trial.objective == 0.2)
        #expect(trial.explanation?.hasPrefix("stopped by patience at step 5: objective has not improved on 0.2 (step 3)") == true,
                "\(trial.explanation ?? "nil")")
        #expect(try sweep.store.bestTrial()?.number == 0)
        #expect(sweep.controller.slotTime.converged == 1 && sweep.controller.slotTime.pruned == 0)
    }
}

import Testing
@testable import Search

/// `CurveHistory` kept point by point gives the decisions the rules made when they were
/// handed every other curve: checked against a plain re-implementation of that comparison
/// (a pass over the curves) on seeded random streams with NaN, infinities, replaced steps
/// and late points.
@Suite("Early stopping: decisions from a kept history")
struct EarlyStoppingHistoryTests {
    static let rules: [(String, any EarlyStopping)] = [
        ("median", try! MedianStopping(warmupSteps: 2, minTrials: 3)),
        ("median min_trials 1", try! MedianStopping(warmupSteps: 0, minTrials: 1)),
        ("asha η 2", try! SuccessiveHalving(minResource: 1, reductionFactor: 2)),
        ("asha max 30", try! SuccessiveHalving(minResource: 2, reductionFactor: 3, maxResource: 30)),
        ("hyperband", try! Hyperband(minResource: 1, maxResource: 27, reductionFactor: 3)),
    ]

    @Test(arguments: 0..<rules.count, Goal.allCases)
    func aHistoryKeptPointByPointDecidesAsAPassOverTheCurves(_ r: Int, goal: Goal) {
        let rule = Self.rules[r].1
        for seed in 1...4 as ClosedRange<UInt64> {
            var rng = SplitMix64(seed: seed)
            var history = CurveHistory(rule: rule, goal: goal)
            var curves: [Int: LearningCurve] = [:]
            var latest: [Int: Int] = [:]
            for _ in 0..<1_500 {
                let trial = Int.random(in: 0..<30, using: &rng)
                let last = latest[trial] ?? 0
                // Mostly the next step or two; sometimes a step again (a retried attempt), or an earlier one.
                let roll = Int.random(in: 0..<20, using: &rng)
                let step = roll == 0 ? max(1, last) : roll == 1 ? Int.random(in: 1...max(1, last), using: &rng)
                                                                : last + Int.random(in: 1...2, using: &rng)
                latest[trial] = max(last, step)
                let value = Self.value(&rng)
                history.append(trial: trial, step: step, value: value)
                curves[trial, default: LearningCurve(trial: trial)].append(step: step, value: value)
                let curve = curves[trial]!
                let others = curves.values.filter { $0.trial != trial }
                let kept = rule.decide(curve, history: history)
                let passed = Reference.decide(rule, curve, others: others, goal: goal)
                #expect(kept.shouldStop == passed.stop && kept.comparedTrials == passed.compared
                        && Self.same(kept.cutoff, passed.cutoff, goal),
                        "\(Self.rules[r].0), seed \(seed): trial \(trial) at step \(step): \(kept) against \(passed)")
                if kept.shouldStop != passed.stop { return }
            }
        }
    }

    @Test func aHistoryRebuiltCurveByCurveEqualsOneKeptPointByPoint() {
        let rule = try! MedianStopping(minTrials: 1)
        let curves = [StoppingCurves.steps(0, [3, 2, 1]), StoppingCurves.points(1, [(1, 5), (3, 0.5)]),
                      StoppingCurves.steps(2, [.nan, 4, 4, 4])]
        var kept = CurveHistory(rule: rule, goal: .minimize)
        for c in curves { for p in c.points { kept.append(trial: c.trial, step: p.step, value: p.value) } }
        let rebuilt = CurveHistory(rule: rule, goal: .minimize, curves: curves.reversed())
        #expect(kept.indexes == rebuilt.indexes)
        #expect(kept.curves.map(\.trial) == [0, 1, 2])
    }

    /// Values of a training curve with the awkward ones mixed in.
    static func value(_ rng: inout SplitMix64) -> Double {
        switch Int.random(in: 0..<40, using: &rng) {
        case 0: return .nan
        case 1: return .infinity
        case 2: return -.infinity
        case 3...8: return Double(Int.random(in: 0...3, using: &rng))  // ties
        default: return Double.random(in: -1...1, using: &rng)
        }
    }

    /// Cutoffs rank level: equal, or NaN beside the worst infinity (ties among the worst
    /// values are ordered by arrival in a sort, by NaN-last in the index).
    static func same(_ a: Double?, _ b: Double?, _ goal: Goal) -> Bool {
        guard let a, let b else { return a == nil && b == nil }
        return goal.badness(a) == goal.badness(b)
    }
}

/// The comparisons as a pass over every other curve: how the rules decided before
/// `CurveHistory`.
enum Reference {
    struct Outcome: CustomStringConvertible {
        var stop: Bool
        var compared: Int?
        var cutoff: Double?
        var description: String { "stop \(stop), compared \(compared.map(String.init) ?? "-"), cutoff \(cutoff.map { "\($0)" } ?? "-")" }
    }

    static func decide(_ rule: any EarlyStopping, _ trial: LearningCurve, others: [LearningCurve], goal: Goal) -> Outcome {
        switch rule {
        case let median as MedianStopping: return self.median(median, trial, others, goal)
        case let asha as SuccessiveHalving: return successiveHalving(asha, trial, others, goal)
        case let hyperband as Hyperband:
            let b = hyperband.bracket(ofTrial: trial.trial)
            return successiveHalving(hyperband.brackets[b].successiveHalving, trial,
                                     others.filter { hyperband.bracket(ofTrial: $0.trial) == b }, goal)
        default: fatalError("no reference for \(rule.name)")
        }
    }

    static func median(_ rule: MedianStopping, _ trial: LearningCurve, _ others: [LearningCurve], _ goal: Goal) -> Outcome {
        let latest = trial.latest!
        let t = latest.step
        if t < rule.warmupSteps { return Outcome(stop: false) }
        let best = trial.best(through: t, goal: goal)!
        if best.isNaN { return Outcome(stop: true) }
        var scores: [Double] = []
        for other in others {
            guard let last = other.latest, last.step >= t, let b = other.best(through: t, goal: goal) else { continue }
            scores.append(goal.badness(b))
        }
        if scores.count < rule.minTrials { return Outcome(stop: false, compared: scores.count) }
        scores.sort()
        let n = scores.count
        var cutoff = n % 2 == 1 ? scores[n / 2] : scores[n / 2 - 1] == scores[n / 2] ? scores[n / 2]
                                                  : scores[n / 2 - 1] / 2 + scores[n / 2] / 2
        if cutoff.isNaN { cutoff = .infinity }
        return Outcome(stop: goal.badness(best) > cutoff, compared: n, cutoff: goal.value(ofBadness: cutoff))
    }

    static func successiveHalving(_ rule: SuccessiveHalving, _ trial: LearningCurve, _ others: [LearningCurve],
                                  _ goal: Goal) -> Outcome {
        let latest = trial.latest!
        let previous = trial.points.count >= 2 ? trial.points[trial.points.count - 2].step : nil
        let passed = rule.rungs(through: latest.step).filter { $0.step > previous ?? .min }
        guard !passed.isEmpty else { return Outcome(stop: false) }
        let v = latest.value
        var last = Outcome(stop: false)
        for rung in passed {
            if v.isNaN { return Outcome(stop: true) }
            var recorded = [v]
            for other in others { if let w = other.value(reaching: rung.step) { recorded.append(w) } }
            recorded.sort { goal.badness($0) < goal.badness($1) }
            let kept = max(1, recorded.count / rule.reductionFactor)
            let cutoff = recorded[kept - 1]
            last = Outcome(stop: goal.badness(v) > goal.badness(cutoff), compared: recorded.count, cutoff: cutoff)
            if last.stop { break }
        }
        return last
    }
}

import Foundation

extension EarlyStoppingDecision: CustomStringConvertible {
    /// The decision as one line for the logs, naming the objective `metric`, e.g.
    /// `pruned by asha at rung 2 (step 9): val_loss 0.83 is worse than cutoff 0.61 (top 1/3 of 7 trials)`.
    public func message(metric: String = "value") -> String {
        "\(head): \(detail(metric))"
    }

    /// The message with the objective called `value`.
    public var description: String { message() }

    /// `pruned by <rule> at …`, `stopped by <rule> at …` (a converged trial) or
    /// `continues under <rule> at …`.
    private var head: String {
        var rule = self.rule
        if let bracket { rule += " bracket \(bracket)" }
        var place = ""
        if let rung {
            place = " at rung \(rung.index) (step \(rung.step)"
            if let step, step != rung.step { place += ", reported at step \(step)" }
            place += ")"
        } else if let step {
            place = " at step \(step)"
        }
        let verb = !shouldStop ? "continues under " : kind == .converge ? "stopped by " : "pruned by "
        return verb + rule + place
    }

    private func detail(_ metric: String) -> String {
        let v = value.map(Self.format) ?? "?"
        let c = cutoff.map(Self.format) ?? "?"
        let n = comparedTrials ?? 0
        switch reason {
        case .noPoints:
            return "no \(metric) reported yet"
        case .warmingUp(let until):
            return "warm-up lasts until step \(until)"
        case .tooFewTrials(let needed):
            let reached = step.map { " reached step \($0)" } ?? ""
            return "only \(n) other \(n == 1 ? "trial" : "trials")\(reached), \(needed) needed"
        case .notANumber:
            return "\(metric) is NaN"
        case .betweenRungs(let next):
            if let next { return "next rung at step \(next)" }
            return "no rung left, decisions are made only at rungs"
        case .comparedWithMedian:
            let verb = shouldStop ? "is worse than" : "is not worse than"
            return "best \(metric) \(v) \(verb) the median \(c) of \(n) other \(n == 1 ? "trial" : "trials")"
        case .comparedAtRung(let eta, let kept):
            let verb = shouldStop ? "is worse than" : "is within"
            let trials = n == 1 ? "1 trial" : "\(n) trials"
            let share = n >= eta ? "top 1/\(eta) of \(trials)" : "top 1/\(eta) of \(trials), at least \(kept)"
            return "\(metric) \(v) \(verb) cutoff \(c) (\(share))"
        case .comparedWithBound:
            return "\(metric) \(v) \(shouldStop ? "is worse than" : "is within") bound \(c)"
        case .patience(let since, let patience, let minDelta):
            if shouldStop {
                let by = minDelta > 0 ? " by at least \(Self.format(minDelta))" : ""
                let waited = (step ?? since) - since
                return "\(metric) has not improved on \(c) (step \(since))\(by) for \(waited) steps (patience \(patience))"
            }
            return "\(metric) last improved at step \(since) (\(c)); patience \(patience) steps"
        }
    }

    /// Six significant digits, `NaN`, `inf`, `-inf`.
    static func format(_ x: Double) -> String {
        if x.isNaN { return "NaN" }
        if x.isInfinite { return x > 0 ? "inf" : "-inf" }
        return String(format: "%.6g", x)
    }
}

extension BayesStrategy {
    /// The trials as a multi-fidelity model sees them under a successive-halving rule
    /// (`Options.MultiFidelity.highestRung`, after BOHB, Falkner et al. 2018).
    ///
    /// Under ASHA most trials stop at a low rung, so a model fitted on final values alone
    /// learns from the few survivors, and a pruned trial's last value says little. Values
    /// recorded at one rung, though, are comparable: every trial that reached the rung ran
    /// exactly that far. So the model is fitted on the values at the highest level that at
    /// least `minimumPoints` trials reached — the full length (completed trials' values)
    /// when enough completed, else the highest rung with enough values — and proposes what
    /// looks best there. As trials climb the ladder the level rises with them.
    ///
    /// A trial's value at the rung at step r is the value of its first point at a step ≥ r,
    /// as the rule reads it. At the level the model uses:
    /// - trials with a value there count with it (finished, stopped or still running);
    /// - running and pending trials without one yet are pending: fantasies, as in any batch;
    /// - trials stopped or failed below the level are left out (BOHB), except failures
    ///   proper, which follow `FailurePolicy`;
    /// - NaN or infinite values follow `FailurePolicy` like a failure.
    struct RungView {
        /// The rung step the model is fitted at; nil for the full length.
        var level: Int?
        /// The values at that level.
        var data: TrainingData
        /// Pending configurations without a value at the level.
        var pending: [Configuration]
    }

    /// The view for `context` under `ladder`, nil when no level holds two finite values
    /// (the caller then keeps to the space-filling design or final values).
    func rungView(_ context: SuggestionContext, ladder: ResourceLadder, minimumPoints: Int) -> RungView? {
        let space = context.space
        let completed = context.completed.filter { space.contains($0.configuration) }
        let pending = context.pending.filter(space.contains)
        let deepest = (completed.map(\.curve) + pending.map { context.pendingCurves[$0] ?? [] })
            .compactMap(\.last?.step).max() ?? 0
        let rungs = ladder.rungs(upTo: deepest)

        // Full length: completed trials' own values.
        let full = RungView.Level(completed.compactMap { o -> (Configuration, Double?)? in
            switch o.outcome {
            case .value(let v): return (o.configuration, v)
            case .failed: return (o.configuration, nil)
            case .pruned: return nil
            }
        })
        var levels: [(step: Int?, level: RungView.Level)] = [(nil, full)]
        for step in rungs.reversed() {
            var entries: [(Configuration, Double?)] = []
            for o in completed {
                if case .failed = o.outcome, o.curve.isEmpty { entries.append((o.configuration, nil)); continue }
                if let v = Self.value(of: o.curve, at: step) { entries.append((o.configuration, v)) }
            }
            for c in pending {
                if let v = Self.value(of: context.pendingCurves[c] ?? [], at: step) { entries.append((c, v)) }
            }
            levels.append((step, RungView.Level(entries)))
        }
        guard let chosen = levels.first(where: { $0.level.finiteCount >= minimumPoints })
            ?? levels.filter({ $0.level.finiteCount >= 2 }).max(by: { $0.level.finiteCount < $1.level.finiteCount })
        else { return nil }
        let data = TrainingData(values: chosen.level.entries.map { (space.encode($0.0), $0.1) }, goal: context.goal,
                                policy: options.failures, warp: options.warp)
        let valued = Set(chosen.level.entries.map(\.0))
        return RungView(level: chosen.step, data: data, pending: pending.filter { !valued.contains($0) })
    }

    /// The value recorded at the rung at `step`: that of the first point at a step ≥ `step`.
    static func value(of curve: [LearningCurve.Point], at step: Int) -> Double? {
        // Points are sorted by step: binary search for the first at or past the rung.
        var low = 0, high = curve.count
        while low < high {
            let mid = (low + high) / 2
            if curve[mid].step < step { low = mid + 1 } else { high = mid }
        }
        return low < curve.count ? curve[low].value : nil
    }
}

extension BayesStrategy.RungView {
    /// The entries of one level: a configuration with its value, nil for a failure.
    struct Level {
        var entries: [(Configuration, Double?)]
        var finiteCount: Int

        init(_ entries: [(Configuration, Double?)]) {
            self.entries = entries
            finiteCount = entries.filter { $0.1?.isFinite ?? false }.count
        }
    }
}

extension BayesStrategy {
    /// The trials as a multi-fidelity model sees them under a successive-halving rule
    /// (`MultiFidelity.highestRung`, after BOHB, Falkner et al. 2018).
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
    struct FidelityView {
        /// The rung step the model is fitted at; nil for the full length.
        var level: Int?
        /// The values at that level.
        var data: TrainingData
        /// Pending configurations without a value at the level.
        var pending: [Configuration]
    }

    /// The view for `context` under `ladder`, nil when no level holds two finite values
    /// (the caller then keeps to the space-filling design or final values).
    func rungView(_ context: SuggestionContext, ladder: ResourceLadder, minimumPoints: Int) -> FidelityView? {
        let space = context.space
        let (completed, pending, rungs) = Self.trialsOnLadder(context, ladder: ladder)

        // Full length: completed trials' own values.
        let full = FidelityView.Level(completed.compactMap { o -> (Configuration, Double?)? in
            switch o.outcome {
            case .value(let v): return (o.configuration, v)
            case .failed: return (o.configuration, nil)
            case .pruned: return nil
            }
        })
        var levels: [(step: Int?, level: FidelityView.Level)] = [(nil, full)]
        for step in rungs.reversed() {
            var entries: [(Configuration, Double?)] = []
            for o in completed {
                if case .failed = o.outcome, o.curve.isEmpty { entries.append((o.configuration, nil)); continue }
                if let v = Self.value(of: o.curve, at: step) { entries.append((o.configuration, v)) }
            }
            for c in pending {
                if let v = Self.value(of: context.pendingCurves[c] ?? [], at: step) { entries.append((c, v)) }
            }
            levels.append((step, FidelityView.Level(entries)))
        }
        guard let chosen = levels.first(where: { $0.level.finiteCount >= minimumPoints })
            ?? levels.filter({ $0.level.finiteCount >= 2 }).max(by: { $0.level.finiteCount < $1.level.finiteCount })
        else { return nil }
        let data = TrainingData(values: chosen.level.entries.map { (space.encode($0.0), $0.1, true) }, goal: context.goal,
                                policy: options.failures, warp: options.warp)
        let valued = Set(chosen.level.entries.map(\.0))
        return FidelityView(level: chosen.step, data: data, pending: pending.filter { !valued.contains($0) })
    }

    /// The finished and pending trials the space can encode (a resumed run's edited space may
    /// not hold them all), and the rungs up to the deepest step any of them reported.
    static func trialsOnLadder(_ context: SuggestionContext, ladder: ResourceLadder)
        -> (completed: [Observation], pending: [Configuration], rungs: [Int]) {
        let space = context.space
        let completed = context.completed.filter { space.contains($0.configuration) }
        let pending = context.pending.filter(space.contains)
        let deepest = (completed.map(\.curve) + pending.map { context.pendingCurves[$0] ?? [] })
            .compactMap(\.last?.step).max() ?? 0
        return (completed, pending, ladder.rungs(upTo: deepest))
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

extension BayesStrategy.FidelityView {
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

extension BayesStrategy {
    /// The view for `.shiftedRungs`: every trial at the highest level it reached, its value
    /// shifted by how much values improve from that level to the top one, so that one model
    /// sees all the trials on one scale.
    ///
    /// The levels are the rungs the curves passed, then the full length (when some trial
    /// completed). Between consecutive levels ℓ and ℓ+1 the shift δ_ℓ is the median of
    /// loss(v(ℓ)) − loss(v(ℓ+1)) over the trials with values at both: what training from ℓ
    /// to ℓ+1 gained. A trial whose highest level is h counts with loss(v(h)) − Σ_{ℓ≥h} δ_ℓ,
    /// the loss it would have at the top if it gained what the trials that went on gained.
    /// Learning curves of one task tend to run side by side, so this keeps each rung's
    /// ranking and puts the rungs on the top's scale (a freeze–thaw model's additive
    /// structure, with the shifts read off the data instead of a fitted decay kernel).
    /// Trials at the top level are the incumbent's candidates; running trials count with the
    /// level they reached so far, and those that reported nothing are pending.
    ///
    /// `estimate` says how δ_ℓ is read off the observed gains (`RungGains`): the median, one
    /// shift per level (`.shiftedRungs`), or a GP over the configuration, a shift per trial
    /// (`.learnedShifts`), for curves that cross.
    func shiftedRungView(_ context: SuggestionContext, ladder: ResourceLadder,
                         estimate: RungGains.Estimate = .median) -> FidelityView? {
        let space = context.space
        let goal = context.goal
        let (completed, pending, rungs) = Self.trialsOnLadder(context, ladder: ladder)
        let top = rungs.count  // index of the full length
        // Per trial: its losses at levels 0..<h (rungs), and at `top` when it completed.
        struct Ladder { var configuration: Configuration; var losses: [Int: Double]; var failed: Bool }
        func rungLosses(_ curve: [LearningCurve.Point]) -> [Int: Double] {
            var out: [Int: Double] = [:]
            for (level, step) in rungs.enumerated() {
                guard let v = Self.value(of: curve, at: step) else { break }
                out[level] = goal.loss(v)
            }
            return out
        }
        var trials: [Ladder] = []
        for o in completed {
            var losses = rungLosses(o.curve)
            var failed = false
            switch o.outcome {
            case .value(let v): losses[top] = goal.loss(v)
            case .failed: failed = losses.isEmpty
            case .pruned: break
            }
            trials.append(Ladder(configuration: o.configuration, losses: losses, failed: failed))
        }
        var unreported: [Configuration] = []
        for c in pending {
            let losses = rungLosses(context.pendingCurves[c] ?? [])
            if losses.isEmpty { unreported.append(c) } else { trials.append(Ladder(configuration: c, losses: losses, failed: false)) }
        }
        let highest = trials.compactMap { $0.losses.keys.max() }.max() ?? 0
        // The observed gains from each level ℓ < highest to the next, and their estimate.
        var observed = [[(x: [Double], gain: Double)]](repeating: [], count: highest)
        for t in trials {
            for level in 0..<highest {
                guard let a = t.losses[level], let b = t.losses[level + 1], a.isFinite, b.isFinite else { continue }
                observed[level].append((space.encode(t.configuration), a - b))
            }
        }
        let gains = RungGains(observed: observed, estimate: estimate, dimension: CubeLayout(space).dimension,
                              fit: options.fit, seed: context.seed &+ UInt64(context.completed.count) << 8)
        var values: [([Double], Double?, Bool)] = []
        for t in trials {
            let x = space.encode(t.configuration)
            guard !t.failed, let h = t.losses.keys.max(), let loss = t.losses[h], loss.isFinite else {
                values.append((x, nil, false))
                continue
            }
            values.append((x, goal.loss(loss - gains.shift(from: h, to: highest, at: x)), h == highest))
        }
        let data = TrainingData(values: values, goal: goal, policy: options.failures, warp: options.warp)
        guard data.finiteCount >= 2 else { return nil }
        return FidelityView(level: nil, data: data, pending: unreported)
    }
}

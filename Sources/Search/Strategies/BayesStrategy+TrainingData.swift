extension BayesStrategy {
    /// The finished trials as the model sees them: encoded points and finite losses
    /// (`Goal.loss`, so the model always minimizes).
    struct TrainingData {
        /// Encoded configurations.
        var points: [[Double]] = []
        /// Losses, all finite.
        var losses: [Double] = []
        /// True where the loss is a completed trial's own value (not pruned, not imputed):
        /// the incumbent comes from these.
        var measured: [Bool] = []
        /// How many trials reported a finite value (completed or pruned).
        var finiteCount = 0

        /// Builds the data from finished trials:
        /// - `.value(v)`, v finite: loss(v).
        /// - `.pruned(value: v)`, v finite: `max(loss(v), median of completed losses)`. A pruned
        ///   trial was stopped because it looked worse than its peers, and its last value is an
        ///   intermediate one; it may not pose as a new incumbent, but it still tells the
        ///   model about its region. Without completed trials, loss(v) as is.
        /// - `.failed`, `.pruned(value: nil)`, NaN or infinite values: per `policy`, the worst
        ///   finite loss so far, or left out.
        /// Trials whose configuration lies outside `space` (a run resumed with an edited space)
        /// cannot be encoded and are left out.
        init(_ observations: [Observation], space: SearchSpace, goal: Goal, policy: FailurePolicy,
             warp: OutputWarp = .none) {
            var completed: [Double] = []
            let observations = observations.filter { space.contains($0.configuration) }
            for o in observations { if let v = o.finiteValue { completed.append(goal.loss(v)) } }
            let median = BayesStrategy.median(completed)
            var failedPoints: [[Double]] = []
            for o in observations {
                let x = space.encode(o.configuration)
                switch o.outcome {
                case .value(let v) where v.isFinite:
                    append(x, goal.loss(v), measured: true)
                case .pruned(let v?) where v.isFinite:
                    append(x, median.map { max(goal.loss(v), $0) } ?? goal.loss(v), measured: false)
                default:
                    failedPoints.append(x)
                }
            }
            finiteCount = losses.count
            if policy == .imputeWorst, let worst = losses.max() {
                for x in failedPoints { append(x, worst, measured: false) }
            }
            losses = warp.apply(losses)
        }

        /// Builds the data from encoded points and their values (`FidelityView`), each marked
        /// whether it may be the incumbent; nil (a failure), NaN and infinite values follow `policy`.
        init(values: [([Double], Double?, Bool)], goal: Goal, policy: FailurePolicy, warp: OutputWarp = .none) {
            var failedPoints: [[Double]] = []
            for (x, v, measured) in values {
                if let v, v.isFinite { append(x, goal.loss(v), measured: measured) } else { failedPoints.append(x) }
            }
            finiteCount = losses.count
            if policy == .imputeWorst, let worst = losses.max() {
                for x in failedPoints { append(x, worst, measured: false) }
            }
            losses = warp.apply(losses)
        }

        private mutating func append(_ x: [Double], _ loss: Double, measured: Bool) {
            points.append(x)
            losses.append(loss)
            self.measured.append(measured)
        }

        /// The incumbent loss: the best completed value, or the best of all when none completed.
        var bestLoss: Double? {
            let completed = zip(losses, measured).filter(\.1).map(\.0)
            return completed.min() ?? losses.min()
        }

        /// Indices of the `count` lowest losses, best first (ties by position).
        func bestIndices(_ count: Int) -> [Int] {
            Array(losses.indices.sorted { (losses[$0], $0) < (losses[$1], $1) }.prefix(count))
        }

        /// The number of points.
        var count: Int { points.count }

        /// At most `size` of the points, for a model whose O(n³) factorization and O(n²) per
        /// candidate no longer pay past a few thousand points: the best ⌈size/2⌉ (so the
        /// incumbent and its neighbourhood keep their full resolution, where the acquisition
        /// searches) and a uniformly drawn sample of the others (the global picture, at the
        /// density the data had). Kept in their original order; `finiteCount` counts the
        /// measured-or-pruned points kept.
        func subset(_ size: Int, using rng: inout SplitMix64) -> TrainingData {
            guard count > size else { return self }
            let best = bestIndices((size + 1) / 2)
            let chosen = Set(best)
            let others = points.indices.filter { !chosen.contains($0) }
            let drawn = GaussianProcess.randomSubset(of: others.count, size: size - best.count, using: &rng).map { others[$0] }
            var out = self
            let keep = (best + drawn).sorted()
            out.points = keep.map { points[$0] }
            out.losses = keep.map { losses[$0] }
            out.measured = keep.map { measured[$0] }
            out.finiteCount = keep.filter { $0 < finiteCount }.count
            return out
        }
    }

    static func median(_ values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        let s = values.sorted()
        let m = s.count / 2
        return s.count % 2 == 1 ? s[m] : 0.5 * (s[m - 1] + s[m])
    }
}

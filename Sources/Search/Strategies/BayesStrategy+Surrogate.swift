extension BayesStrategy {
    /// The Gaussian process fitted to the finished trials, ready to take pending ones.
    struct Surrogate {
        /// The model on finished trials only.
        let model: GaussianProcess?
        /// Encoded finished trials.
        let points: PointMatrix
        /// Their standardized losses.
        let targets: [Double]
        /// The standardized incumbent.
        let bestStandardizedLoss: Double

        /// Fits hyperparameters to `data`, the model's view of `context` (it holds at least one
        /// finite loss): from scratch at an anchor size, else warm-started from the anchor's
        /// fit (see `BayesStrategy.anchorCount`), which `strategy.fitCache` usually holds.
        /// `warmStart` false fits from scratch whatever the options say (a rung's data is no
        /// prefix of the finished trials, so it has no anchor).
        init(_ data: TrainingData, context: SuggestionContext, dimension: Int, strategy: BayesStrategy,
             warmStart: Bool = true) {
            let map = GaussianProcess.Standardization(fitting: data.losses)
            let points = PointMatrix(data.points, dimension: dimension)
            let y = data.losses.map(map.standardize)
            let n = context.completed.count
            let theta: GaussianProcess.Hyperparameters
            if warmStart, strategy.options.fit.warmStart, let n0 = BayesStrategy.anchorCount(n), n0 < n,
               case let anchor = strategy.trainingData(context, count: n0), anchor.finiteCount >= 2 {
                let anchorMap = GaussianProcess.Standardization(fitting: anchor.losses)
                let start = strategy.coldFit(PointMatrix(anchor.points, dimension: dimension),
                                             targets: anchor.losses.map(anchorMap.standardize), seed: context.seed,
                                             count: n0)
                var rng = SplitMix64(seed: context.seed, index: n, salt: 5)
                theta = GaussianProcess.fitHyperparameters(points: points, targets: y, options: strategy.options.fit,
                                                           warmStart: start, using: &rng)
            } else {
                theta = strategy.coldFit(points, targets: y, seed: context.seed, count: n)
            }
            self.points = points
            self.targets = y
            self.model = try? GaussianProcess(points: points, standardizedTargets: y, standardization: map,
                                              hyperparameters: theta)
            self.bestStandardizedLoss = map.standardize(data.bestLoss ?? map.mean)
        }

        /// The model with the pending points added at their liar values (hyperparameters
        /// unchanged); nil when the covariance cannot be factored even with jitter. When
        /// `previous` was conditioned on a prefix of `pending` (the batch's earlier picks), its
        /// factor is extended by the new points only (O(n²) each); else this model's is.
        /// Each liar value depends on its own point only, so both ways give the same model.
        func conditioned(onPending pending: [[Double]], liar: Liar, extending previous: Fantasy? = nil) -> Fantasy? {
            guard let model else { return nil }
            var base = Fantasy(model: model, pending: [], pool: previous?.pool)
            if let previous, previous.pending.count <= pending.count,
               Array(pending[0..<previous.pending.count]) == previous.pending {
                base = previous
            }
            // One point at a time, each with its own liar value: a call told of p pending trials
            // then does exactly the arithmetic of a batch that picked them, so the two agree to
            // the last bit (a batch of k equals k single calls).
            var fantasy = base
            for point in pending[base.pending.count...] {
                let extra = PointMatrix([point], dimension: points.dimension)
                guard let next = try? fantasy.model.conditioned(on: extra, standardizedTargets: lies(at: extra, liar: liar))
                else { return nil }
                fantasy = Fantasy(model: next, pending: fantasy.pending + [point], pool: fantasy.pool)
            }
            return fantasy
        }

        /// The standardized values pending points stand in with: a constant from the finished
        /// trials, or the kriging believer's mean of the model on finished trials only.
        func lies(at extra: PointMatrix, liar: Liar) -> [Double] {
            switch liar {
            case .constant(let kind):
                let value: Double
                switch kind {
                case .best: value = targets.min()!
                case .mean: value = targets.reduce(0, +) / Double(targets.count)
                case .worst: value = targets.max()!
                }
                return [Double](repeating: value, count: extra.count)
            case .krigingBeliever:
                return model!.standardizedPosterior(extra).mean
            }
        }

        /// A model conditioned on the finished trials and on `pending` (encoded) at liar values.
        struct Fantasy {
            let model: GaussianProcess
            let pending: [[Double]]
            /// The batch's candidates, once the first pick drew them.
            var pool: AcquisitionOptimizer.Pool?
        }
    }
}

extension BayesStrategy {
    /// The finished trials among the first `count` of `context`, as the model sees them: at
    /// most `options.maxModelPoints` (a seeded subset, see `TrainingData.subset`).
    func trainingData(_ context: SuggestionContext, count: Int) -> TrainingData {
        var data = TrainingData(Array(context.completed.prefix(count)), space: context.space, goal: context.goal,
                                policy: options.failures, warp: options.warp)
        if data.count > options.maxModelPoints {
            var subsetRng = SplitMix64(seed: context.seed, index: count, salt: 7)
            data = data.subset(options.maxModelPoints, using: &subsetRng)
        }
        return data
    }

    /// The multi-start fit to standardized targets of the first `count` finished trials,
    /// through `fitCache`: the same value whether it was stored or not.
    func coldFit(_ points: PointMatrix, targets: [Double], seed: UInt64, count: Int) -> GaussianProcess.Hyperparameters {
        let key = HyperparameterCache.Key(seed: seed, index: count, points: points.values, dimension: points.dimension,
                                          targets: targets, options: options.fit)
        return fitCache.value(for: key) {
            var rng = SplitMix64(seed: seed, index: count, salt: 5)
            return GaussianProcess.fitHyperparameters(points: points, targets: targets, options: options.fit, using: &rng)
        }
    }

    /// The anchor before `n` finished trials: the size whose hyperparameters are fitted from
    /// scratch (several starts), the fits between anchors starting from them. Anchors come
    /// every eighth of the power of two below n (every 2 trials from 16, every 8 from 64,
    /// every 64 from 512), so an anchor's data is at least 7/8 of the data it warm-starts and
    /// the from-scratch fits cost a bounded share of the run. Nil below 16 trials, where
    /// every fit is from scratch (and cheap).
    public static func anchorCount(_ n: Int) -> Int? {
        guard n >= 16 else { return nil }
        let power = 1 << (Int.bitWidth - 1 - n.leadingZeroBitCount)
        let step = max(2, power / 8)
        return n / step * step
    }
}

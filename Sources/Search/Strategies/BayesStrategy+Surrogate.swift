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

        /// Fits hyperparameters to `data` (which holds at least one finite loss).
        init(_ data: TrainingData, dimension: Int, options: GaussianProcess.FitOptions, using rng: inout SplitMix64) {
            let map = GaussianProcess.Standardization(fitting: data.losses)
            let points = PointMatrix(data.points, dimension: dimension)
            let y = data.losses.map(map.standardize)
            let theta = GaussianProcess.fitHyperparameters(points: points, targets: y, options: options, using: &rng)
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
            var base = Fantasy(model: model, pending: [])
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
                fantasy = Fantasy(model: next, pending: fantasy.pending + [point])
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
        }
    }
}

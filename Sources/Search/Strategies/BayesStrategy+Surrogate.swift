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
        /// unchanged); nil when the covariance cannot be factored even with jitter.
        func conditioned(onPending pending: [[Double]], liar: Liar) -> GaussianProcess? {
            guard let model else { return nil }
            guard !pending.isEmpty else { return model }
            let extra = PointMatrix(pending, dimension: points.dimension)
            let lies: [Double]
            switch liar {
            case .constant(let kind):
                let value: Double
                switch kind {
                case .best: value = targets.min()!
                case .mean: value = targets.reduce(0, +) / Double(targets.count)
                case .worst: value = targets.max()!
                }
                lies = [Double](repeating: value, count: pending.count)
            case .krigingBeliever:
                lies = model.standardizedPosterior(extra).mean
            }
            return try? GaussianProcess(points: points.appending(extra), standardizedTargets: targets + lies,
                                        standardization: model.standardization,
                                        hyperparameters: model.hyperparameters)
        }
    }
}

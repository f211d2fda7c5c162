extension GaussianProcess {
    /// The affine map between observed values and the standardized scale the model works on:
    /// `standardized = (value − mean) / scale`.
    ///
    /// `mean` is the sample mean and `scale` the population standard deviation (divisor n).
    /// When the values are (numerically) constant, or there is only one, `scale` is 1 so that
    /// nothing is divided by zero and the model sees zeros: a flat function, not an error.
    public struct Standardization: Hashable, Sendable {
        /// The value that maps to 0.
        public var mean: Double
        /// The value difference that maps to 1.
        public var scale: Double

        /// Creates the map explicitly.
        public init(mean: Double, scale: Double) {
            precondition(scale > 0 && scale.isFinite, "the scale must be positive and finite")
            self.mean = mean
            self.scale = scale
        }

        /// The map that standardizes `values` (finite numbers).
        public init(fitting values: [Double]) {
            guard !values.isEmpty else {
                self.init(mean: 0, scale: 1)
                return
            }
            let n = Double(values.count)
            let mean = values.reduce(0, +) / n
            var sum2 = 0.0
            for v in values { sum2 += (v - mean) * (v - mean) }
            let sd = (sum2 / n).squareRoot()
            // Constant up to rounding: relative spread below 1e-12 of the magnitude.
            let tiny = 1e-12 * max(1, abs(mean))
            self.init(mean: mean, scale: sd > tiny && sd.isFinite ? sd : 1)
        }

        /// `(value − mean) / scale`.
        public func standardize(_ value: Double) -> Double { (value - mean) / scale }

        /// `mean + scale · standardized`.
        public func unstandardize(_ standardized: Double) -> Double { mean + scale * standardized }
    }
}

import Foundation

extension GaussianProcess {
    /// A log-normal prior on a positive hyperparameter θ: `log θ ~ N(log median, s²)`.
    /// Its log density in the log parameter t = log θ is `−(t − log median)² / (2s²)` plus a
    /// constant (the constant never matters for fitting, so it is left out).
    public struct LogNormalPrior: Hashable, Sendable {
        /// The median of θ.
        public var median: Double
        /// s, the standard deviation of log θ.
        public var logStandardDeviation: Double

        /// Creates the prior.
        public init(median: Double, logStandardDeviation: Double) {
            precondition(median > 0 && logStandardDeviation > 0, "a log-normal prior needs positive parameters")
            self.median = median
            self.logStandardDeviation = logStandardDeviation
        }

        /// The log density (without its constant) and its derivative at t = log θ.
        func logDensity(at t: Double) -> (value: Double, derivative: Double) {
            let s2 = logStandardDeviation * logStandardDeviation
            let u = t - log(median)
            return (-0.5 * u * u / s2, -u / s2)
        }
    }

    /// Priors on the hyperparameters, turning the fit into maximum a posteriori. They matter
    /// with few observations, where the likelihood alone happily explains everything as noise
    /// or interpolates with absurdly short length scales; with many observations the
    /// likelihood dominates. `nil` means flat (bounds only).
    public struct HyperparameterPrior: Hashable, Sendable {
        /// Prior on σ² (standardized outputs, so a median of 1).
        public var signalVariance: LogNormalPrior?
        /// Prior on every ℓₖ.
        public var lengthScale: LogNormalPrior?
        /// Prior on σₙ².
        public var noiseVariance: LogNormalPrior?

        /// Creates priors.
        public init(signalVariance: LogNormalPrior? = nil, lengthScale: LogNormalPrior? = nil,
                    noiseVariance: LogNormalPrior? = nil) {
            self.signalVariance = signalVariance
            self.lengthScale = lengthScale
            self.noiseVariance = noiseVariance
        }

        /// No prior at all: maximum likelihood within the bounds.
        public static let flat = HyperparameterPrior()

        /// The default: σ² around 1 (outputs are standardized), length scales around 0.5 of
        /// the unit cube with a wide spread (e^±1.5 covers 0.11 to 2.2 at one s), and noise
        /// around 10⁻³ with a very wide spread, so noisy objectives can still claim it.
        public static let `default` = HyperparameterPrior(
            signalVariance: LogNormalPrior(median: 1, logStandardDeviation: 1),
            lengthScale: LogNormalPrior(median: 0.5, logStandardDeviation: 1.5),
            noiseVariance: LogNormalPrior(median: 1e-3, logStandardDeviation: 3))

        /// The log prior density (without constants) and its gradient, at a `logVector`.
        func logDensity(_ v: [Double]) -> (value: Double, gradient: [Double]) {
            var gradient = [Double](repeating: 0, count: v.count)
            var value = 0.0
            func add(_ prior: LogNormalPrior?, _ i: Int) {
                guard let prior else { return }
                let (p, dp) = prior.logDensity(at: v[i])
                value += p
                gradient[i] += dp
            }
            add(signalVariance, 0)
            for i in 1..<(v.count - 1) { add(lengthScale, i) }
            add(noiseVariance, v.count - 1)
            return (value, gradient)
        }
    }
}

import Foundation

extension GaussianProcess {
    /// The hyperparameters of a Gaussian process with a Matérn-5/2 ARD kernel and Gaussian
    /// noise, on standardized outputs (mean 0, standard deviation 1).
    public struct Hyperparameters: Hashable, Sendable {
        /// σ², the prior variance of the standardized function.
        public var signalVariance: Double
        /// ℓₖ, one per unit-cube coordinate.
        public var lengthScales: [Double]
        /// σₙ², the variance of the observation noise on the standardized scale.
        public var noiseVariance: Double

        /// Creates hyperparameters; all must be positive and finite.
        public init(signalVariance: Double, lengthScales: [Double], noiseVariance: Double) {
            self.signalVariance = signalVariance
            self.lengthScales = lengthScales
            self.noiseVariance = noiseVariance
        }

        /// The number of input dimensions.
        public var dimension: Int { lengthScales.count }

        /// The kernel these hyperparameters describe.
        public var kernel: MaternKernel {
            MaternKernel(signalVariance: signalVariance, lengthScales: lengthScales)
        }

        /// The hyperparameters as the vector the likelihood gradient refers to, in this order:
        /// `[log σ², log ℓ₁, …, log ℓ_d, log σₙ²]`.
        public var logVector: [Double] {
            [log(signalVariance)] + lengthScales.map { log($0) } + [log(noiseVariance)]
        }

        /// The hyperparameters from `[log σ², log ℓ₁, …, log ℓ_d, log σₙ²]`.
        public init(logVector v: [Double]) {
            precondition(v.count >= 2, "a log vector holds at least the signal and noise variances")
            self.init(signalVariance: exp(v[0]), lengthScales: v[1..<(v.count - 1)].map { exp($0) },
                      noiseVariance: exp(v[v.count - 1]))
        }
    }

    /// Where the hyperparameter search may go (on standardized outputs and the unit cube).
    /// The defaults keep the model sane with few points: a length scale below 0.01 would let
    /// the model interpolate noise between neighbouring trials, one above 10 is already
    /// indistinguishable from an irrelevant dimension. The noise floor of 10⁻⁸ lets the model
    /// resolve the last digits near an optimum of a noiseless objective: from 10⁻⁶, it took the
    /// suite's median regret on Branin from 2.6e-5 to 1.2e-5 and on Hartmann6 from 5.6e-5 to
    /// 1.0e-5 (10 seeds); `CholeskyFactor`'s jitter keeps an ill-conditioned matrix factorable.
    public struct HyperparameterBounds: Hashable, Sendable {
        /// Bounds on σ².
        public var signalVariance: ClosedRange<Double>
        /// Bounds on every ℓₖ.
        public var lengthScale: ClosedRange<Double>
        /// Bounds on σₙ².
        public var noiseVariance: ClosedRange<Double>

        /// Creates bounds; every bound must be positive.
        public init(signalVariance: ClosedRange<Double> = 0.05...20,
                    lengthScale: ClosedRange<Double> = 0.01...10,
                    noiseVariance: ClosedRange<Double> = 1e-8...1) {
            precondition(signalVariance.lowerBound > 0 && lengthScale.lowerBound > 0 && noiseVariance.lowerBound > 0,
                         "hyperparameter bounds must be positive")
            self.signalVariance = signalVariance
            self.lengthScale = lengthScale
            self.noiseVariance = noiseVariance
        }

        /// The bounds in log space, in `logVector` order, for `dimension` length scales.
        func logBounds(dimension: Int) -> (lower: [Double], upper: [Double]) {
            let lower = [log(signalVariance.lowerBound)]
                + [Double](repeating: log(lengthScale.lowerBound), count: dimension) + [log(noiseVariance.lowerBound)]
            let upper = [log(signalVariance.upperBound)]
                + [Double](repeating: log(lengthScale.upperBound), count: dimension) + [log(noiseVariance.upperBound)]
            return (lower, upper)
        }
    }
}

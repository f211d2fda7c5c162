import Foundation

/// How much a trial's loss falls from one rung of a successive-halving ladder to the next,
/// level by level, estimated from the trials that ran through both: the shifts that put a
/// trial stopped low on the ladder onto the top level's scale (`BayesStrategy.shiftedRungView`).
///
/// Levels 0 … L are the rungs, then the full length. With y_ℓ(x) the loss of configuration x
/// at level ℓ, the gain from ℓ to ℓ+1 is g_ℓ(x) = y_ℓ(x) − y_ℓ₊₁(x), and a trial whose highest
/// level is h stands at the top with
///
///     y_L(x) = y_h(x) − Σ_{ℓ=h}^{L−1} g_ℓ(x).
///
/// The gains are observed exactly for the trials that reached ℓ+1; for the others they are
/// estimated, per level, either
/// - `.median`: one number, the median observed gain, for every configuration (the shifted
///   rungs): right when learning curves run side by side, wrong when they cross;
/// - `.gaussianProcess`: a Matérn-5/2 GP over x fitted by maximum a posteriori to the observed
///   (xᵢ, gᵢ), as every other model of the strategy, its posterior mean
///
///       ĝ_ℓ(x) = ḡ + s · k(x, X)ᵀ (K + σₙ² I)⁻¹ (g − ḡ)/s,
///
///   with ḡ and s the gains' mean and standard deviation. So a configuration near trials that
///   gained little (a high learning rate, fast early and flat later) is shifted little, and one
///   near trials that kept improving is shifted much; far from every observed gain the
///   estimate falls back to the mean gain. This is the plug-in form of an additive
///   multi-fidelity GP, y_ℓ(x) = y_L(x) + Σ_{j≥ℓ} g_j(x) with independent GPs g_j (a
///   freeze–thaw model whose decay is learned per configuration over the rungs instead of
///   following a fixed exponential form): the gains' means are plugged in and their variance
///   left out. Below `minimumPoints` observed gains a level keeps the median. `capped` keeps
///   every ĝ_ℓ(x) at most the median gain: under ASHA a configuration expected to gain more
///   than most is still stopped if it starts badly, so only the smaller gains are believed.
struct RungGains {
    /// How the gain at a level is estimated for configurations that did not reach the next level.
    enum Estimate: Hashable {
        /// The median observed gain, the same for every configuration.
        case median
        /// A GP over the configuration, from `minimumPoints` observed gains on; the median below.
        /// With `capped`, never more than the median: the model may learn that a configuration
        /// gains less than most, not that it gains more (see `BayesStrategy.MultiFidelity.cappedShifts`).
        case gaussianProcess(minimumPoints: Int, capped: Bool = false)
    }

    /// The gain from one level to the next.
    enum Gain {
        /// The same for every configuration.
        case constant(Double)
        /// The posterior mean of a GP over the unit cube, at most `cap`.
        case model(GaussianProcess, cap: Double)

        /// The gain at encoded configuration `x`.
        func callAsFunction(_ x: [Double]) -> Double {
            switch self {
            case .constant(let g): return g
            case .model(let gp, let cap): return min(gp.predict(x).mean, cap)
            }
        }
    }

    /// `gains[ℓ]`: from level ℓ to ℓ+1.
    let gains: [Gain]

    /// Estimates the gains from `observed[ℓ]`, the encoded configurations (of `dimension`
    /// coordinates) with a finite loss at both ℓ and ℓ+1 and their gain. A GP's
    /// hyperparameters are fitted with `fit` and a generator seeded by `seed` and the level,
    /// unless `hyperparameters` are given. A level without observations gains 0.
    init(observed: [[(x: [Double], gain: Double)]], estimate: Estimate, dimension: Int,
         fit: GaussianProcess.FitOptions = .init(), seed: UInt64 = 0,
         hyperparameters: GaussianProcess.Hyperparameters? = nil) {
        gains = observed.enumerated().map { level, samples in
            let median = BayesStrategy.median(samples.map(\.gain)) ?? 0
            guard case .gaussianProcess(let minimumPoints, let capped) = estimate, samples.count >= max(2, minimumPoints)
            else { return .constant(median) }
            let inputs = samples.map(\.x), targets = samples.map(\.gain)
            let model: GaussianProcess?
            if let hyperparameters {
                model = try? GaussianProcess(inputs: inputs, targets: targets, hyperparameters: hyperparameters)
            } else {
                model = try? GaussianProcess.fit(inputs: inputs, targets: targets, dimension: dimension, options: fit,
                                                 seed: seed &+ UInt64(level) &* 0x9E37_79B9_7F4A_7C15)
            }
            return model.map { .model($0, cap: capped ? median : .infinity) } ?? .constant(median)
        }
    }

    /// Σ_{ℓ=`level`}^{`top`−1} ĝ_ℓ(x): what a configuration at `x` whose highest level is
    /// `level` would still gain on its way to level `top`.
    func shift(from level: Int, to top: Int, at x: [Double]) -> Double {
        guard level < top else { return 0 }
        return (level..<min(top, gains.count)).reduce(0) { $0 + gains[$1](x) }
    }
}

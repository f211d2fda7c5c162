import Foundation

/// Grid.ai's pre-sampled draws: `uniform(0, 1, 5)` stands for five values drawn once, when
/// the sweep is read, and then searched like a list. The draws come from a SplitMix64
/// stream fixed by the run seed and the parameter's name, so the same seed gives the same
/// values (in a dry run and in the real run alike).
extension SweepFunction {
    /// n different values drawn from a domain, in draw order. A repeat is drawn again: for
    /// integers the caller has checked that n values exist; for reals a repeat has
    /// probability ~2⁻⁵³ per pair.
    static func distinctDraws(_ n: Int, from domain: Domain, rng: inout SplitMix64) -> [ParameterValue] {
        var out: [ParameterValue] = []
        var seen = Set<ParameterValue>()
        while out.count < n {
            let v = RandomStrategy.sample(domain, using: &rng)
            if seen.insert(v).inserted { out.append(v) }
        }
        return out
    }

    /// n draws from N(mean, sigma²) by the Box–Muller transform,
    /// `z = √(−2 ln u₁) · cos(2π u₂)` with u₁ ∈ (0, 1], u₂ ∈ [0, 1); with `exponentiate`,
    /// `exp(mean + sigma·z)` (numpy's `lognormal`: mean and sigma of the underlying normal).
    static func normalDraws(_ n: Int, mean: Double, sigma: Double, exponentiate: Bool,
                            rng: inout SplitMix64) -> [ParameterValue] {
        var out: [ParameterValue] = []
        var seen = Set<Double>()
        while out.count < n {
            let u1 = 1 - rng.nextUnit()
            let u2 = rng.nextUnit()
            let z = (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
            let x = exponentiate ? exp(mean + sigma * z) : mean + sigma * z
            if x.isFinite, seen.insert(x).inserted { out.append(.real(x)) }
        }
        return out
    }
}

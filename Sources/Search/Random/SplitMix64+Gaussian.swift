import Foundation

extension SplitMix64 {
    /// A standard normal draw by the Box–Muller transform (one of the pair is discarded so
    /// the generator stays a pure function of its state).
    public mutating func nextGaussian() -> Double {
        // 1 − u lies in (0, 1], so the logarithm is finite.
        let u = 1 - nextUnit(), v = nextUnit()
        return (-2 * log(u)).squareRoot() * cos(2 * Double.pi * v)
    }
}

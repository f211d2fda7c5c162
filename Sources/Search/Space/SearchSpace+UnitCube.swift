import Foundation

/// The unit-cube encoding the Gaussian process works in.
///
/// - real: `u = (t(x) − t(low)) / (t(high) − t(low))`, `t = log` on a log scale, else identity.
/// - integer: the same over the widened interval `[low − ½, high + ½]`, so each integer owns
///   an equal share of `[0, 1]`; decoding rounds to the nearest integer.
/// - ordinal (k values): value of rank r (by numeric value) encodes to `(r + ½) / k`;
///   decoding takes the bin `⌊u·k⌋`.
/// - categorical (k values): k one-hot coordinates; decoding takes the largest.
/// - constant: no coordinate.
/// - an inactive parameter (its condition does not hold): its coordinates at a fixed place,
///   `inactiveCoordinate` for a numerical one and all 0 for a one-hot block. Configurations of
///   one branch then agree on them, so they add nothing to the distances the kernel sees
///   within a branch; between branches the parent's own coordinates already differ.
extension SearchSpace {
    /// Where an inactive numerical parameter sits in the unit cube: the middle.
    public static let inactiveCoordinate = 0.5

    /// The number of unit-cube coordinates (categoricals take one per value, constants none).
    public var encodedDimension: Int {
        parameters.reduce(0) { $0 + SearchSpace.width(of: $1.domain) }
    }

    /// The point of `[0, 1]^encodedDimension` that stands for `configuration`.
    /// - Precondition: `contains(configuration)`.
    public func encode(_ configuration: Configuration) -> [Double] {
        var x: [Double] = []
        x.reserveCapacity(encodedDimension)
        for p in parameters {
            guard let v = configuration[p.name] else {
                // Inactive: a one-hot block of zeros, a numerical coordinate in the middle.
                let width = SearchSpace.width(of: p.domain)
                if case .categorical = p.domain { x += Array(repeating: 0, count: width) }
                else if width == 1 { x.append(SearchSpace.inactiveCoordinate) }
                continue
            }
            switch p.domain {
            case .real(let low, let high, let log):
                x.append(SearchSpace.unit(v.numericValue!, low, high, log))
            case .integer(let low, let high, let log):
                x.append(SearchSpace.unit(v.numericValue!, Double(low) - 0.5, Double(high) + 0.5, log))
            case .ordinal(let values):
                let sorted = SearchSpace.ranked(values)
                let r = sorted.firstIndex(of: v)!
                x.append((Double(r) + 0.5) / Double(values.count))
            case .categorical(let values):
                let i = values.firstIndex(of: v)!
                for j in values.indices { x.append(j == i ? 1 : 0) }
            case .constant:
                break
            }
        }
        return x
    }

    /// The configuration a point of the unit cube stands for; coordinates outside `[0, 1]`
    /// are clamped (NaN counts as 0), so every point decodes to a valid configuration. The
    /// coordinates of a parameter whose condition does not hold are skipped: it is left out.
    public func decode(_ x: [Double]) -> Configuration {
        precondition(x.count == encodedDimension, "expected \(encodedDimension) coordinates, got \(x.count)")
        var values: [String: ParameterValue] = [:]
        var i = 0
        for p in parameters {
            guard isActive(p, given: values) else {
                i += SearchSpace.width(of: p.domain)
                continue
            }
            switch p.domain {
            case .real(let low, let high, let log):
                let v = SearchSpace.value(atUnit: x[i], low, high, log)
                values[p.name] = .real(Swift.min(Swift.max(v, low), high))
                i += 1
            case .integer(let low, let high, let log):
                let v = SearchSpace.value(atUnit: x[i], Double(low) - 0.5, Double(high) + 0.5, log)
                values[p.name] = .int(SearchSpace.integer(nearest: v, low: low, high: high))
                i += 1
            case .ordinal(let values_):
                let k = values_.count
                let bin = Swift.min(Swift.max(Int((SearchSpace.clamp(x[i]) * Double(k)).rounded(.down)), 0), k - 1)
                values[p.name] = SearchSpace.ranked(values_)[bin]
                i += 1
            case .categorical(let choices):
                var best = 0
                for j in 1..<choices.count where x[i + j] > x[i + best] { best = j }
                values[p.name] = choices[best]
                i += choices.count
            case .constant(let v):
                values[p.name] = v
            }
        }
        return Configuration(values)
    }

    static func width(of domain: Domain) -> Int {
        switch domain {
        case .categorical(let v): return v.count
        case .constant: return 0
        default: return 1
        }
    }

    static func ranked(_ values: [ParameterValue]) -> [ParameterValue] {
        values.sorted { $0.numericValue! < $1.numericValue! }
    }

    /// The integer of `low…high` nearest to `v` (NaN gives `low`). Clamps before converting:
    /// near the ends of `Int`, `Double(high) + 0.5` rounds to 2⁶³, which `Int(_:)` traps on.
    static func integer(nearest v: Double, low: Int, high: Int) -> Int {
        if v.isNaN || v <= Double(low) { return low }
        if v >= Double(high) { return high }
        // Here |v| < 2⁶³, so the conversion is exact or rounds within range.
        return Swift.min(Swift.max(Int(v.rounded()), low), high)
    }

    /// `u` clamped to `[0, 1]`; NaN (which `min`/`max` would pass through) becomes 0.
    static func clamp(_ u: Double) -> Double {
        u.isNaN ? 0 : Swift.min(Swift.max(u, 0), 1)
    }

    static func unit(_ x: Double, _ low: Double, _ high: Double, _ log: Bool) -> Double {
        let (t, a, b) = log ? (Foundation.log(x), Foundation.log(low), Foundation.log(high)) : (x, low, high)
        return clamp((t - a) / (b - a))
    }

    /// The inverse of `unit`. The ends of the cube map to the bounds exactly: on a log scale
    /// `exp(log(low))` can miss `low` by an ulp (`exp(log(1e-5))` is `9.999999999999997e-06`).
    static func value(atUnit u: Double, _ low: Double, _ high: Double, _ log: Bool) -> Double {
        let u = clamp(u)
        if u == 0 { return low }
        if u == 1 { return high }
        if log { return exp(Foundation.log(low) + u * (Foundation.log(high) - Foundation.log(low))) }
        return low + u * (high - low)
    }
}

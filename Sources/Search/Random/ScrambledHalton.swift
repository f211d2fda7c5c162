/// A scrambled Halton sequence: a deterministic, space-filling (low-discrepancy) sequence in
/// `[0, 1)^dimension`, used for the initial design and for acquisition candidates.
///
/// Coordinate k of point i is the radical inverse of i in the k-th prime base b with every
/// digit position j passed through its own random permutation πⱼ of {0, …, b−1}
/// (random digit permutation scrambling, as in scipy's `Halton(scramble=True)`):
///
///     xₖ(i) = Σⱼ πⱼ(aⱼ(i)) · b^−(j+1),   i = Σⱼ aⱼ(i) bʲ.
///
/// Scrambling breaks the strong correlations between coordinates of plain Halton in higher
/// dimensions and makes point 0 a random point rather than the origin. Enough digit positions
/// are permuted to fill a double (the trailing zeros of i are permuted too), so points are
/// distinct and never exactly 0 in a dimension unless all permutations fix 0.
public struct ScrambledHalton: Sendable {
    /// The number of coordinates of each point.
    public let dimension: Int
    private let bases: [Int]
    /// `permutations[k][j]` permutes the digits of position j in dimension k.
    private let permutations: [[[Int]]]

    /// A sequence whose scrambling is fixed by `seed`.
    public init(dimension: Int, seed: UInt64) {
        self.dimension = dimension
        let bases = ScrambledHalton.primes(dimension)
        var rng = SplitMix64(seed: seed, index: 0, salt: 0x4A17)
        self.permutations = bases.map { b in
            // Digits needed so that b^−digits is below double precision: b^digits ≥ 2⁵³.
            var digits = 0, reach = 1.0
            while reach < 0x1p53 { reach *= Double(b); digits += 1 }
            return (0..<digits).map { _ in
                var p = Array(0..<b)
                for i in stride(from: b - 1, to: 0, by: -1) { p.swapAt(i, Int(rng.next() % UInt64(i + 1))) }
                return p
            }
        }
        self.bases = bases
    }

    /// Point `index` (any index ≥ 0).
    public func point(_ index: Int) -> [Double] {
        precondition(index >= 0, "Halton indices start at 0")
        return (0..<dimension).map { k in
            let b = bases[k]
            let inverseBase = 1 / Double(b)
            var rest = index, scale = inverseBase, x = 0.0
            for permutation in permutations[k] {
                x += Double(permutation[rest % b]) * scale
                rest /= b
                scale *= inverseBase
            }
            return min(x, 1 - 0x1p-53)
        }
    }

    /// The first `count` primes.
    static func primes(_ count: Int) -> [Int] {
        var out: [Int] = []
        var candidate = 2
        while out.count < count {
            if out.allSatisfy({ $0 * $0 > candidate || candidate % $0 != 0 }) { out.append(candidate) }
            candidate += 1
        }
        return out
    }
}

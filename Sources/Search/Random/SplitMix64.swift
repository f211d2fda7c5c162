/// SplitMix64 (Steele, Lea & Flood 2014): a small, fast, seedable generator whose streams
/// are fixed by their seed on every platform, unlike `SystemRandomNumberGenerator`.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    /// A generator whose whole stream is fixed by `seed`.
    public init(seed: UInt64) { state = seed }

    /// A generator for draw `index` of stream `seed`: independent streams for each suggestion,
    /// so suggestion i depends only on (seed, i).
    ///
    /// Every SplitMix64 stream is the same cycle of 2⁶⁴ outputs entered at its state, and each
    /// draw moves one step. So the state of stream i is a hash of (seed, salt, i), not
    /// `base + i·γ`: that would make stream i + 1 stream i shifted by one draw, and the
    /// coordinates of consecutive random suggestions shifted copies of each other.
    public init(seed: UInt64, index: Int, salt: UInt64 = 0) {
        var mixer = SplitMix64(seed: seed ^ (salt &* 0xD1B5_4A32_D192_ED03))
        let base = mixer.next()
        var position = SplitMix64(seed: base &+ UInt64(truncatingIfNeeded: index) &* 0x9E37_79B9_7F4A_7C15)
        state = position.next()
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform double in `[0, 1)` with 53 random bits.
    public mutating func nextUnit() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }
}

import RealModule

/// A small, fast, seedable generator (Steele, Lea & Flood 2014). Every randomised computation in cintel takes a
/// seed and draws from this, so the same request always gives the same bytes (GEN-5).
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) {
        state = seed
    }

    private static let increment: UInt64 = 0x9E37_79B9_7F4A_7C15

    public mutating func next() -> UInt64 {
        state &+= Self.increment
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// The state `count` draws later, without drawing: the state only ever advances by one constant.
    package mutating func skip(_ count: Int) {
        state &+= UInt64(truncatingIfNeeded: count) &* Self.increment
    }

    /// Uniform in [0, 1) with 53 random bits.
    public mutating func uniform() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// Exponential with the given mean.
    public mutating func exponential(mean: Double) -> Double {
        -mean * Double.log(onePlus: -uniform())
    }

    /// Standard normal by Box–Muller (one of the pair; simplicity over speed here).
    public mutating func normal() -> Double {
        let u1 = max(uniform(), 0x1.0p-53)
        let u2 = uniform()
        return (-2 * Double.log(u1)).squareRoot() * Double.cos(2 * Double.pi * u2)
    }
}

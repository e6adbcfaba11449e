/// NUM-2: round to `decimals` places, ties away from zero, on the binary64 value. Scaling first absorbs artefacts
/// such as 1228.9499999999998 (×100 = 122894.99999999998 → 122895).
@inlinable
package func rounded(_ value: Double, _ decimals: Int) -> Double {
    let scale: Double
    switch decimals {
    case 0: return value.rounded(.toNearestOrAwayFromZero)
    case 2: scale = 100
    case 4: scale = 10_000
    default:
        var power = 1.0
        for _ in 0..<decimals { power *= 10 }
        scale = power
    }
    let result = (value * scale).rounded(.toNearestOrAwayFromZero) / scale
    return result == 0 ? 0 : result  // no negative zero in responses
}

/// Money is written with 2 decimals, scores with 4 (NUM-2).
@inlinable package func money(_ value: Double) -> Double { rounded(value, 2) }
@inlinable package func score(_ value: Double) -> Double { rounded(value, 4) }

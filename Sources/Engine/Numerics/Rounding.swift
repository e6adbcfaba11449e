/// NUM-2: round the binary64 value to `decimals` places, ties away from zero. Values a hair off a decimal, such as
/// 1228.9499999999998, land on it (1228.95): only exact ties are decided by the side they are on.
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
    let scaled = value * scale
    var whole = scaled.rounded(.toNearestOrAwayFromZero)
    // The product may have rounded onto an exact half although the binary64 value lies just below or above it
    // (0.96114999999999994 × 10⁴ → 9611.5). The fused residual is the product's exact error and settles the tie.
    if abs(scaled - scaled.rounded(.towardZero)) == 0.5 {
        let residual = (-scaled).addingProduct(value, scale)
        if residual != 0 && (residual > 0) != (scaled > 0) { whole = scaled.rounded(.towardZero) }
    }
    let result = whole / scale
    return result == 0 ? 0 : result  // no negative zero in responses
}

/// Money is written with 2 decimals, scores with 4 (NUM-2).
@inlinable package func money(_ value: Double) -> Double { rounded(value, 2) }
@inlinable package func score(_ value: Double) -> Double { rounded(value, 4) }

import RealModule

/// Gauss's hypergeometric function ₂F₁(p, q; c; z) for 0 ≤ z < 1 and c > 0, as CLV-12 needs it.
///
/// The power series' terms behave like n^(p+q−c−1)·zⁿ; when p + q > c they shrink only through zⁿ, so the sum is
/// taken on Euler's transform (1 − z)^(c−p−q)·₂F₁(c − p, c − q; c; z), whose terms carry n^(c−p−q−1) instead.
/// Summation stops when a term no longer moves the sum (relative 1e-16) or after 200,000 terms.
package func hypergeometric2F1(_ p: Double, _ q: Double, _ c: Double, _ z: Double) -> Double {
    guard z != 0 else { return 1 }
    if p + q > c {
        return Double.pow(1 - z, c - p - q) * hypergeometricSeries(c - p, c - q, c, z)
    }
    return hypergeometricSeries(p, q, c, z)
}

private func hypergeometricSeries(_ p: Double, _ q: Double, _ c: Double, _ z: Double) -> Double {
    var term = 1.0
    var sum = 1.0
    var n = 0.0
    while n < 200_000 {
        term *= (p + n) * (q + n) / ((c + n) * (n + 1)) * z
        sum += term
        n += 1
        // A zero term ends a terminating series (p or q a non-positive integer).
        if abs(term) <= 1e-16 * abs(sum) { break }
    }
    return sum
}

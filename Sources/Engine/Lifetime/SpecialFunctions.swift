import RealModule

/// The digamma function ψ(x) = d lnΓ(x)/dx for x > 0: recurrence ψ(x) = ψ(x + 1) − 1/x up to x ≥ 10, then the
/// asymptotic series ln x − 1/(2x) − Σ B₂ₖ/(2k x²ᵏ), whose first omitted term, 691/(32760 x¹²), is then below 3e-14.
package func digamma(_ x: Double) -> Double {
    var x = x
    var result = 0.0
    while x < 10 {
        result -= 1 / x
        x += 1
    }
    let f = 1 / (x * x)
    let series = f * (1.0 / 12 - f * (1.0 / 120 - f * (1.0 / 252 - f * (1.0 / 240 - f * (1.0 / 132)))))
    return result + Double.log(x) - 0.5 / x - series
}

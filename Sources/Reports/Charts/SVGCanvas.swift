/// A minimal SVG writer for our charts (REP-27, REP-28): the restricted element set, numbers in attributes always
/// POSIX with at most two decimals, every text escaped.
struct SVGCanvas {
    private(set) var body = ""
    let width: Double
    let height: Double

    init(width: Double, height: Double) {
        self.width = width
        self.height = height
    }

    /// REP-28: optional `-`, digits, at most 2 decimals, trailing zeros and a bare point dropped, never `-0`.
    static func number(_ value: Double) -> String {
        let hundredths = Int((value * 100).rounded(.toNearestOrAwayFromZero))
        if hundredths == 0 { return "0" }
        let sign = hundredths < 0 ? "-" : ""
        let magnitude = abs(hundredths)
        let whole = magnitude / 100
        let fraction = magnitude % 100
        if fraction == 0 { return "\(sign)\(whole)" }
        if fraction % 10 == 0 { return "\(sign)\(whole).\(fraction / 10)" }
        return "\(sign)\(whole).\(fraction < 10 ? "0" : "")\(fraction)"
    }

    private static func attributes(_ pairs: [(String, String)]) -> String {
        pairs.map { " \($0.0)=\"\(MarkupText.escape($0.1))\"" }.joined()
    }

    mutating func raw(_ markup: String) { body += markup }

    mutating func line(x1: Double, y1: Double, x2: Double, y2: Double, stroke: String = "#000000", width: Double = 1, dashed: Bool = false) {
        var pairs = [("x1", Self.number(x1)), ("y1", Self.number(y1)), ("x2", Self.number(x2)), ("y2", Self.number(y2)), ("stroke", stroke)]
        pairs.append(("stroke-width", Self.number(width)))
        if dashed { pairs.append(("stroke-dasharray", "8 5")) }
        body += "<line\(Self.attributes(pairs))/>\n"
    }

    mutating func rect(x: Double, y: Double, width: Double, height: Double, fill: String, dashed: Bool = false) {
        var pairs = [("x", Self.number(x)), ("y", Self.number(y)), ("width", Self.number(width)), ("height", Self.number(height)), ("fill", fill)]
        pairs += [("stroke", "#000000"), ("stroke-width", "1")]
        if dashed { pairs.append(("stroke-dasharray", "4 3")) }
        body += "<rect\(Self.attributes(pairs))/>\n"
    }

    mutating func circle(cx: Double, cy: Double, r: Double, fill: String, dashed: Bool = false) {
        var pairs = [("cx", Self.number(cx)), ("cy", Self.number(cy)), ("r", Self.number(r)), ("fill", fill), ("fill-opacity", "0.85")]
        pairs += [("stroke", "#000000"), ("stroke-width", "1")]
        if dashed { pairs.append(("stroke-dasharray", "4 3")) }
        body += "<circle\(Self.attributes(pairs))/>\n"
    }

    mutating func polyline(_ points: [(Double, Double)], stroke: String = "#000000", width: Double = 1.5) {
        let list = points.map { "\(Self.number($0.0)),\(Self.number($0.1))" }.joined(separator: " ")
        body += "<polyline\(Self.attributes([("points", list), ("fill", "none"), ("stroke", stroke), ("stroke-width", Self.number(width))]))/>\n"
    }

    enum Anchor: String { case start, middle, end }

    mutating func text(
        _ content: String, x: Double, y: Double, anchor: Anchor = .start, size: Double = 14, bold: Bool = false, fill: String = "#000000",
        rotate: Double? = nil
    ) {
        var pairs = [("x", Self.number(x)), ("y", Self.number(y)), ("font-size", Self.number(size)), ("fill", fill)]
        if anchor != .start { pairs.append(("text-anchor", anchor.rawValue)) }
        if bold { pairs.append(("font-weight", "bold")) }
        if let rotate { pairs.append(("transform", "rotate(\(Self.number(rotate)) \(Self.number(x)) \(Self.number(y)))")) }
        body += "<text\(Self.attributes(pairs))>\(MarkupText.escape(content))</text>\n"
    }

    /// The finished `<svg>`: viewBox, no width/height (REP-27), title and desc first and named by aria-labelledby.
    func svg(id: String, title: String, desc: String, standalone: Bool = false) -> String {
        let namespace = standalone ? " xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\"" : ""
        let viewBox = "0 0 \(Self.number(width)) \(Self.number(height))"
        return """
            <svg\(namespace) viewBox="\(viewBox)" role="img" aria-labelledby="\(id)-title \(id)-desc" font-family="system-ui, -apple-system, &quot;Segoe UI&quot;, Roboto, &quot;Helvetica Neue&quot;, Arial, sans-serif">
            <title id="\(id)-title">\(MarkupText.escape(title))</title>
            <desc id="\(id)-desc">\(MarkupText.escape(desc))</desc>
            \(body)</svg>
            """
    }
}

/// REP-29: Okabe–Ito, yellow last; the i-th cluster in ascending id order takes colour i mod 7.
enum ChartPalette {
    static let colours = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#D55E00", "#56B4E9", "#F0E442"]
    static let cut = "#D55E00"

    static func colour(position: Int) -> String { colours[position % colours.count] }

    /// Text on a filled mark: black reaches 4.5:1 on every colour but the blue, which takes white (4.9:1).
    static func text(position: Int) -> String { position % colours.count == 0 ? "#FFFFFF" : "#000000" }
}

/// REP-30: a linear axis from 0 to a "nice" maximum with at most five steps of {1, 2, 5}·10^e.
struct NiceAxis {
    let maximum: Double
    let step: Double
    /// Fraction digits of the step, for tick labels.
    let digits: Int

    init(largest: Double, integral: Bool) {
        guard largest > 0 else {
            maximum = 1
            step = 1
            digits = 0
            return
        }
        var exponent = integral ? 0 : Int((largest / 5).log10Floor)
        var chosen: Double?
        while chosen == nil {
            for mantissa in [1.0, 2.0, 5.0] {
                let candidate = mantissa * pow10(exponent)
                if largest / candidate <= 5 {
                    chosen = candidate
                    break
                }
            }
            if chosen == nil { exponent += 1 }
        }
        // The search may start too high for small values; step down while a smaller step still fits.
        var step = chosen!
        var stepExponent = exponent
        while !integral || stepExponent > 0 {
            let smaller = Self.previous(step, exponent: &stepExponent)
            if largest / smaller.value <= 5 {
                step = smaller.value
                stepExponent = smaller.exponent
            } else {
                break
            }
        }
        self.step = step
        digits = max(0, -stepExponent)
        maximum = step * (largest / step).rounded(.up)
    }

    /// The tick values 0, s, 2s, … maximum.
    var ticks: [Double] {
        let count = Int((maximum / step).rounded())
        return (0...count).map { Double($0) * step }
    }

    private static func previous(_ value: Double, exponent: inout Int) -> (value: Double, exponent: Int) {
        let mantissa = (value / pow10(exponent)).rounded()
        switch mantissa {
        case 5: return (2 * pow10(exponent), exponent)
        case 2: return (pow10(exponent), exponent)
        default: return (5 * pow10(exponent - 1), exponent - 1)
        }
    }
}

private func pow10(_ exponent: Int) -> Double {
    var value = 1.0
    if exponent >= 0 {
        for _ in 0..<exponent { value *= 10 }
    } else {
        for _ in 0 ..< -exponent { value /= 10 }
    }
    return value
}

extension Double {
    fileprivate var log10Floor: Double {
        var exponent = 0.0
        var value = self
        while value >= 10 {
            value /= 10
            exponent += 1
        }
        while value < 1 && value > 0 {
            value *= 10
            exponent -= 1
        }
        return exponent
    }
}

import Testing

@testable import Reports

/// REP-28 numbers in SVG attributes, REP-30 axes, REP-47/48 escaping.
@Suite struct ChartTests {
    @Test func posixNumbers() {
        #expect(SVGCanvas.number(0) == "0")
        #expect(SVGCanvas.number(-0.001) == "0")
        #expect(SVGCanvas.number(12.5) == "12.5")
        #expect(SVGCanvas.number(12.505) == "12.51")
        #expect(SVGCanvas.number(-3.1) == "-3.1")
        #expect(SVGCanvas.number(100) == "100")
        #expect(SVGCanvas.number(0.05) == "0.05")
    }

    @Test func niceAxes() {
        let counts = NiceAxis(largest: 31, integral: true)
        #expect(counts.step == 10 && counts.maximum == 40 && counts.digits == 0)
        #expect(NiceAxis(largest: 3, integral: true).step == 1)
        let money = NiceAxis(largest: 4120.75, integral: false)
        #expect(money.step == 1000 && money.maximum == 5000)
        let small = NiceAxis(largest: 0.37, integral: false)
        #expect(small.step == 0.1 && small.digits == 1)
        #expect(abs(small.maximum - 0.4) < 1e-12)
        let zero = NiceAxis(largest: 0, integral: false)
        #expect(zero.maximum == 1 && zero.ticks == [0, 1])
        for largest in [0.9, 1, 7, 26, 99, 101, 1234, 88_888] {
            let axis = NiceAxis(largest: largest, integral: false)
            #expect(largest / axis.step <= 5 && axis.maximum >= largest && axis.ticks.count <= 6, "axis for \(largest)")
        }
    }

    /// REP-16 … REP-20 at and around every boundary.
    @Test func bandsVerdictsAndAdvice() {
        #expect([0.60, 0.5999, 0.50, 0.4999, 0.25, 0.2499].map { SilhouetteBand($0) } == [.strong, .good, .good, .fair, .fair, .poor])
        #expect([0.50, 0.5001, 1.00, 1.0001].map { DaviesBouldinBand($0) } == [.great, .good, .good, .weak])
        #expect(OverallVerdict(silhouette: .strong, daviesBouldin: .great) == .excellent)
        #expect(OverallVerdict(silhouette: .strong, daviesBouldin: .weak) == .fair)
        #expect(OverallVerdict(silhouette: .poor, daviesBouldin: .great) == .poor)
        #expect(OverallVerdict(silhouette: nil, daviesBouldin: .great) == .inconclusive)
        #expect(Advice.advise(verdict: .good, silhouette: 0.55, isDBSCAN: false, largestShare: 0.9) == [.keepK])
        #expect(Advice.advise(verdict: .fair, silhouette: 0.3499, isDBSCAN: false, largestShare: 0.2) == [.retune])
        #expect(Advice.advise(verdict: .fair, silhouette: 0.35, isDBSCAN: false, largestShare: 0.2) == [])
        #expect(Advice.advise(verdict: .excellent, silhouette: 0.7, isDBSCAN: true, largestShare: 0.51) == [.keepK, .retune])
        #expect(Advice.advise(verdict: .inconclusive, silhouette: nil, isDBSCAN: false, largestShare: nil) == [.checkInputs])
    }

    @Test func markupEscaping() {
        #expect(MarkupText.escape(#"<script>"a&b'</script>"#) == "&lt;script&gt;&quot;a&amp;b&#39;&lt;/script&gt;")
        #expect(MarkupText.escape("bell\u{7}") == "bell\u{FFFD}")
        #expect(MarkupText.xmlSafe("tab\tok\u{1}") == "tab\tok\u{FFFD}")
        #expect(MarkupText.shortened("abcdefghijklmnopqrstuvwxyz", limit: 16) == "abcdefghijklmnop…")
    }
}

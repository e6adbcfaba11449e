import Engine
import RealModule
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Engine takes its elementary functions from RealModule; a response stays byte-identical only while each gives the
/// C library's result bit for bit over the arguments the models pass.
@Suite("RealModule against the C library")
struct ElementaryFunctionTests {
    /// `count` arguments `transform(u)` for u uniform in [0, 1), from a fixed seed, after the given edges.
    static func arguments(_ edges: [Double], count: Int = 20_000, _ transform: (Double) -> Double) -> [Double] {
        var random = SplitMix64(seed: 20_261_208)
        return edges + (0..<count).map { _ in transform(random.uniform()) }
    }

    static func expectSameBits(_ name: String, _ arguments: [Double], _ ours: (Double) -> Double, _ libm: (Double) -> Double) {
        let differing = arguments.filter { ours($0).bitPattern != libm($0).bitPattern }
        #expect(differing.isEmpty, "\(name) differs at \(differing.prefix(5))")
    }

    @Test func logarithmsAndExponentials() {
        // Every binade of the positive doubles, and the exponent range where exp is finite and non-zero.
        let positive = Self.arguments([1, 2, .leastNonzeroMagnitude, .greatestFiniteMagnitude]) { Double.exp(1400 * $0 - 700) }
        Self.expectSameBits("log", positive, { Double.log($0) }, { log($0) })
        let exponents = Self.arguments([0, -1, 1, 709, -745]) { 1454 * $0 - 745 }
        Self.expectSameBits("exp", exponents, { Double.exp($0) }, { exp($0) })
        let fractions = Self.arguments([0, -0.5, 0x1.0p-53]) { -$0 }
        Self.expectSameBits("log1p", fractions, { Double.log(onePlus: $0) }, { log1p($0) })
    }

    @Test func powersOfPositiveBases() {
        // The engine raises only positive bases: discount factors, Euler's transform, the demo's join offsets.
        var random = SplitMix64(seed: 20_261_209)
        for _ in 0..<20_000 {
            let base = Double.exp(8 * random.uniform() - 4)
            let exponent = 100 * random.uniform() - 50
            #expect(Double.pow(base, exponent).bitPattern == pow(base, exponent).bitPattern, "pow(\(base), \(exponent))")
        }
        for (base, exponent) in [(1.1, 1.0 / 12), (1.0, -3.0), (0.0, 1.6), (0.03, -2.5)] {
            #expect(Double.pow(base, exponent).bitPattern == pow(base, exponent).bitPattern, "pow(\(base), \(exponent))")
        }
    }

    @Test func logGammaErfcAndCosine() {
        // lgamma_r behind RealModule and lgamma share glibc's implementation; the models take lnΓ of positive values.
        let gammaArguments = Self.arguments([1, 2, 0.5, 1e-300, 1e300]) { Double.exp(40 * $0 - 20) }
        Self.expectSameBits("lgamma", gammaArguments, { Double.logGamma($0) }, { lgamma($0) })
        let tails = Self.arguments([0, 0.5, 27]) { 30 * $0 }
        Self.expectSameBits("erfc", tails, { Double.erfc($0) }, { erfc($0) })
        let angles = Self.arguments([0, Double.pi]) { 2 * Double.pi * $0 }
        Self.expectSameBits("cos", angles, { Double.cos($0) }, { cos($0) })
    }
}

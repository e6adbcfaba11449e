import Testing

@testable import Engine

#if canImport(Glibc)
    import Glibc
#endif

/// ₂F₁ and the BG/NBD expectations of CLV-12 and CLV-13.
@Suite("Hypergeometric and E[Y(t)]")
struct HypergeometricTests {
    @Test func closedFormsAreReproduced() {
        // ₂F₁(1, 1; 2; z) = −ln(1 − z)/z, also near z = 1 where the plain series crawls.
        for z in [0.1, 0.5, 0.9, 0.999] {
            let expected = -log(1 - z) / z
            #expect(abs(hypergeometric2F1(1, 1, 2, z) - expected) <= 1e-12 * expected, "z \(z)")
        }
        // ₂F₁(p, q; q; z) = (1 − z)^−p, a case where p + q > c takes Euler's transform.
        #expect(abs(hypergeometric2F1(2.5, 3, 3, 0.97) - pow(0.03, -2.5)) <= 1e-10 * pow(0.03, -2.5))
        // A terminating series: ₂F₁(−2, 1; 1; z) = (1 − z)².
        #expect(abs(hypergeometric2F1(-2, 1, 1, 0.3) - 0.49) <= 1e-15)
    }

    @Test func thePapersValuesAreReproduced() {
        // CLV-13, in weeks.
        let model = BGNBDTests.cdnow
        #expect(score(model.expectedPurchases(in: 39, x: 2, tx: 30.43, T: 38.86)) == 1.2258)
        for (t, expected) in [(1.0, 0.0532), (3.0, 0.1506), (32.0, 1.0437), (78.0, 1.8578)] {
            #expect(score(model.unconditionalExpectedPurchases(in: t)) == expected, "E[X(\(t))]")
        }
        #expect(model.expectedPurchases(in: 0, x: 2, tx: 30.43, T: 38.86) == 0)
    }

    @Test func aNearOneIsContinuous() {
        // The removable singularity at a = 1: the guarded value sits midway between its neighbours just outside the guard.
        var model = BGNBDTests.cdnow
        var values: [Double] = []
        for a in [1 - 2e-6, 1.0, 1 + 2e-6] {
            model.a = a
            values.append(model.expectedPurchases(in: 52, x: 3, tx: 20, T: 40))
        }
        #expect(values.allSatisfy { $0.isFinite && $0 > 0 })
        #expect(abs((values[0] + values[2]) / 2 - values[1]) < 1e-8 * values[1], "\(values)")
        #expect(abs(values[0] - values[2]) < 1e-4 * values[1], "\(values)")
    }

    @Test func expectedPurchasesGrowWithTheWindow() {
        let model = BGNBDTests.cdnow
        var previous = 0.0
        for t in stride(from: 4.0, through: 520, by: 4) {
            let value = model.expectedPurchases(in: t, x: 5, tx: 30, T: 35)
            #expect(value > previous)
            previous = value
        }
    }
}

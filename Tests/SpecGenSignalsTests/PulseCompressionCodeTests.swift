import Foundation
import Numerics
import SpecGenDSP
import SpecGenTestSupport
import Testing

/// Barker and polyphase codes against their definitions and published correlation properties.
@Suite struct PulseCompressionCodeTests {
    /// Barker's defining property, checked exhaustively: every aperiodic autocorrelation sidelobe has
    /// magnitude ≤ 1, i.e. ≤ 1/N of the peak N.
    @Test(arguments: BarkerCode.allCases)
    func barkerSidelobesAreAtMostOneOverN(code: BarkerCode) {
        let chips = code.chips
        #expect(chips.count == code.length && chips.allSatisfy { $0 == 1 || $0 == -1 })
        let r = aperiodicAutocorrelation(complexChips(chips))
        #expect(abs(r[0].real - Double(code.length)) < 1e-12)
        for k in 1 ..< r.count { #expect(r[k].length <= 1 + 1e-12, "lag \(k): \(r[k].length)") }
    }

    /// The phases equal the published formulas (Levanon and Mozeson, "Radar Signals", 2004, ch. 6),
    /// written here in their original indexing, with P2 in the form {(π/2)(M−1)/M − (π/M)(k−1)}·(M+1−2n):
    /// e^{jφ} agrees to 1e-12 for every element, M = 2 … 16.
    @Test(arguments: PolyphaseCode.allCases)
    func phasesMatchTheFormulas(code: PolyphaseCode) {
        for m in 2 ... 16 {
            let M = Double(m), count = m * m
            #expect(code.length(order: m) == count)
            for n in 1 ... m {
                for k in 1 ... m {
                    let i = Double((n - 1) * m + k)  // 1-based element index of the P3/P4 formulas
                    let N = Double(count), nd = Double(n), kd = Double(k)
                    let expected: Double
                    switch code {
                    case .frank: expected = 2 * Double.pi / M * (nd - 1) * (kd - 1)
                    case .p1: expected = -Double.pi / M * (M - (2 * nd - 1)) * ((nd - 1) * M + (kd - 1))
                    case .p2: expected = (Double.pi / 2 * (M - 1) / M - Double.pi / M * (kd - 1)) * (M + 1 - 2 * nd)
                    case .p3: expected = Double.pi * (i - 1) * (i - 1) / N
                    case .p4: expected = Double.pi * (i - 1) * (i - 1) / N - Double.pi * (i - 1)
                    }
                    let got = code.phase(element: (n - 1) * m + k - 1, order: m)
                    #expect(abs(cos(got) - cos(expected)) < 1e-12 && abs(sin(got) - sin(expected)) < 1e-12, "\(code) M=\(m) n=\(n) k=\(k)")
                }
            }
        }
    }

    /// Frank, P1 and P2 of even order M share the peak sidelobe 1/(N·sin(π/M)) relative to the peak,
    /// N = M² (M. A. Richards, "Fundamentals of Radar Signal Processing", 2nd ed., 2014, ch. 4: the
    /// 16-element Frank code has PSL −21.1 dB; Lewis and Kretschmer 1981: P1 and P2 keep Frank's PSL).
    @Test(arguments: [PolyphaseCode.frank, .p1, .p2])
    func squareCodesHaveTheFrankPeakSidelobe(code: PolyphaseCode) {
        for m in [4, 6, 8, 10, 12, 16] {
            let psl = peakSidelobeDB(phasors((0 ..< m * m).map { code.phase(element: $0, order: m) }))
            let expected = 20 * log10(1 / (Double(m * m) * sin(Double.pi / Double(m))))
            #expect(abs(psl - expected) < 0.01, "\(code) M=\(m): \(psl) dB vs \(expected) dB")
            if m == 4 { #expect(abs(psl - -21.1) < 0.05) }
        }
    }

    /// Perfect periodic autocorrelation (every off-peak value zero): Frank and P1 for any M (Frank 1963;
    /// Lewis and Kretschmer 1981), P4 for any N and P3 for even N (P3 is then a Chu sequence,
    /// D. C. Chu, IEEE Trans. Inform. Theory 18(4), 1972).
    @Test func periodicAutocorrelationIsPerfect() {
        for m in 2 ... 10 {
            var codes: [PolyphaseCode] = [.frank, .p1, .p4]
            if (m * m) % 2 == 0 { codes.append(.p3) }
            for code in codes {
                let x = phasors((0 ..< m * m).map { code.phase(element: $0, order: m) })
                let c = periodicCorrelation(x, x)
                #expect(abs(c[0].real - Double(m * m)) < 1e-9)
                for s in 1 ..< c.count { #expect(c[s].length < 1e-9 * Double(m * m), "\(code) M=\(m) shift \(s): \(c[s].length)") }
            }
        }
    }

    /// P4 is P3 times the linear phase e^{−jπi}, so their aperiodic autocorrelation magnitudes coincide
    /// at every lag; both PSLs fall as N grows (−18.8 dB at N = 16 to below −26 dB at N = 100).
    @Test func p3AndP4ShareTheirSidelobes() {
        var previous = 0.0
        for m in [4, 6, 8, 10] {
            let p3 = aperiodicAutocorrelation(phasors((0 ..< m * m).map { PolyphaseCode.p3.phase(element: $0, order: m) }))
            let p4 = aperiodicAutocorrelation(phasors((0 ..< m * m).map { PolyphaseCode.p4.phase(element: $0, order: m) }))
            for (a, b) in zip(p3, p4) { #expect(abs(a.length - b.length) < 1e-9) }
            let psl = peakSidelobeDB(phasors((0 ..< m * m).map { PolyphaseCode.p4.phase(element: $0, order: m) }))
            #expect(psl < previous)
            previous = psl
        }
        #expect(previous < -26)
    }
}

import Foundation
import Numerics
import SpecGenEngine
import SpecGenScenario
import SpecGenTestSupport
import Testing

@Suite struct ArrayTests {
    static func ulaScenario(examples: Int) throws -> Scenario {
        try scenario("""
        {"format": "specgen-scenario", "version": 1, "seed": 8, "examples": \(examples), "samples_per_example": 1024,
         "sample_rate_hz": 1e6, "snr_db": 20, "snr_definition": "per_sample",
         "classes": [{"name": "Q", "emitter": {"type": "qpsk", "samples_per_symbol": 4}}],
         "array": {"geometry": "ula", "elements": 8, "spacing_wavelengths": 0.5, "azimuth_deg": {"uniform": {"low": -60, "high": 60}}}}
        """)
    }

    /// A conventional (Bartlett) beamformer, P(φ) = a(φ)ᴴ R a(φ) with R the sample covariance of the 8
    /// element rows, peaks within 1° of the drawn azimuth for every example at 20 dB per-element SNR (the
    /// issue's bound; the 3 dB beamwidth of an 8-element half-wavelength ULA is ≈ 13°, and with 1,024
    /// snapshots at 20 dB the peak's standard deviation is far below 1°).
    @Test func bartlettRecoversTheAzimuth() throws {
        let plan = RunPlan(scenario: try Self.ulaScenario(examples: 20))
        #expect(plan.channels == 8)
        for example in Generator.render(plan, examples: 0 ..< 20) {
            let m = 8, l = 1024
            var r = [Complex<Double>](repeating: .zero, count: m * m)
            for n in 0 ..< l {
                for i in 0 ..< m {
                    let xi = example.iq[i * l + n]
                    for k in 0 ..< m {
                        let xk = example.iq[k * l + n]
                        r[i * m + k] = r[i * m + k] + Complex(Double(xi.real), Double(xi.imaginary)) * Complex(Double(xk.real), -Double(xk.imaginary))
                    }
                }
            }
            var best = (power: -1.0, azimuth: 0.0)
            for step in 0 ... 3600 {
                let phi = (-90 + Double(step) * 0.05) * Double.pi / 180
                let a = (0 ..< m).map { i -> Complex<Double> in
                    let phase = 2 * Double.pi * (Double(i) - 3.5) * 0.5 * sin(phi)
                    return Complex(cos(phase), sin(phase))
                }
                var p = 0.0
                for i in 0 ..< m { for k in 0 ..< m { p += (a[i].conjugate * r[i * m + k] * a[k]).real } }
                if p > best.power { best = (p, phi * 180 / Double.pi) }
            }
            let truth = example.fields["array.azimuth_deg"]!
            #expect(abs(best.azimuth - truth) < 1, "Bartlett \(best.azimuth)° vs \(truth)°")
        }
    }

    /// Element noise is independent: the correlation coefficient of the noise (noisy − clean) of two
    /// elements is within 5/√n of 0 (n = 4 × 1024 samples pooled), and each element's noise power is the
    /// per-sample definition's 10^(−20/10) within 5 standard errors (relative spread 1/√n).
    @Test func elementNoiseIsUncorrelated() throws {
        let plan = RunPlan(scenario: try Self.ulaScenario(examples: 4))
        let noisy = Generator.render(plan, examples: 0 ..< 4), clean = Generator.render(plan, examples: 0 ..< 4, noise: false)
        let l = 1024
        func noise(_ element: Int) -> [Complex<Double>] {
            zip(noisy, clean).flatMap { n, c in
                (0 ..< l).map { k in
                    let d = n.iq[element * l + k] - c.iq[element * l + k]
                    return Complex(Double(d.real), Double(d.imaginary))
                }
            }
        }
        let elements = (0 ..< 8).map(noise)
        let count = Double(elements[0].count)
        for e in elements {
            let power = e.reduce(0.0) { $0 + $1.lengthSquared } / count
            #expect(abs(power / 0.01 - 1) < 5 / count.squareRoot())
        }
        for (i, k) in [(0, 1), (0, 7), (3, 4), (2, 6)] {
            var cross = Complex<Double>.zero
            for (a, b) in zip(elements[i], elements[k]) { cross = cross + a * b.conjugate }
            let rho = cross.length / count / 0.01
            #expect(rho < 5 / count.squareRoot(), "elements \(i), \(k): |ρ| = \(rho)")
        }
    }

    /// A ULA example with one QPSK source at a fixed azimuth (8 elements, half a wavelength apart).
    static func fixedSource(azimuth: Double, seed: Int) throws -> Scenario {
        try scenario("""
        {"format": "specgen-scenario", "version": 1, "seed": \(seed), "examples": 5, "samples_per_example": 1024,
         "sample_rate_hz": 1e6, "snr_db": 20, "snr_definition": "per_sample",
         "classes": [{"name": "Q", "emitter": {"type": "qpsk", "samples_per_symbol": 4}}],
         "array": {"geometry": "ula", "elements": 8, "spacing_wavelengths": 0.5, "azimuth_deg": \(azimuth)}}
        """)
    }

    /// MUSIC resolves two uncorrelated sources closer than the Bartlett beamwidth (≈ 13° for 8 elements at
    /// λ/2, more off broadside): the engine's noisy example of one source (element noise at 20 dB per
    /// element, per_sample) plus the clean example of another from an independent seed is two plane waves
    /// of unit power each at 20 dB SNR. Pairs 5° and 4° apart; MUSIC (noise subspace of the 6 smallest
    /// eigenvalues of the 1,024-snapshot covariance, test-support Jacobi eigen-solver) puts its two
    /// strongest peaks within 1° of the two azimuths (the bound; the Cramér–Rao bound here is a few
    /// hundredths of a degree), while Bartlett shows a single peak between them, so the test is not one
    /// Bartlett could pass.
    @Test(arguments: [(20.0, 25.0), (-40.0, -35.0), (2.0, 6.0)])
    func musicResolvesTwoCloseSources(first: Double, second: Double) throws {
        let a = Generator.render(RunPlan(scenario: try Self.fixedSource(azimuth: first, seed: 8)), examples: 0 ..< 5)
        let b = Generator.render(RunPlan(scenario: try Self.fixedSource(azimuth: second, seed: 9)), examples: 0 ..< 5, noise: false)
        let scan = LinearArrayScan(elements: 8, spacing: 0.5)
        for (x, y) in zip(a, b) {
            let r = scan.covariance(zip(x.iq, y.iq).map { $0 + $1 }, length: 1024)
            let music = LinearArrayScan.peaks(scan.music(r, sources: 2), from: -90, to: 90, step: 0.05).prefix(2).map(\.azimuth).sorted()
            #expect(music.count == 2 && abs(music[0] - first) < 1 && abs(music[1] - second) < 1,
                    "MUSIC \(music) vs \(first)°, \(second)°")
            let bartlett = LinearArrayScan.peaks({ scan.bartlett(r, azimuthDeg: $0) }, from: first - 15, to: second + 15, step: 0.05)
            #expect(bartlett.count == 1 && bartlett[0].azimuth > first && bartlett[0].azimuth < second, "Bartlett peaks \(bartlett.map(\.azimuth))")
        }
    }
}

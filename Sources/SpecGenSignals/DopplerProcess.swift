import CKernels
import Numerics
import SpecGenDSP

/// One tap's complex gain process: Rayleigh (Clarke/Jakes Doppler spectrum) plus an optional specular
/// line-of-sight component (Rician), evaluated on a grid of times.
///
/// Diffuse part, the sum-of-sinusoids model of Y. R. Zheng and C. Xiao ("Improved models for the
/// generation of multiple uncorrelated Rayleigh fading waveforms", IEEE Commun. Lett. 6(6), 2002;
/// "Simulation models with correct statistical properties for Rayleigh fading channels", IEEE Trans.
/// Commun. 51(6), 2003) in complex form with independent phases per sinusoid:
///
///     d(t) = (1/√M)·Σₙ exp(j(2π f_D cos αₙ · t + φₙ)),   αₙ = (2πn − π + θ)/M,  n = 1 … M,
///
/// θ and φₙ independent and uniform. The angles αₙ, random offset θ, cover the circle uniformly, so the
/// ensemble autocorrelation is exactly E[d(t)d*(t+τ)] = J₀(2π f_D τ) (Clarke's model) for every M, and the
/// process is stationary; d(t) is a sum of M independent unit phasors, Gaussian as M grows (fourth moment
/// E|d|⁴ = 2 − 1/M against 2 for a Gaussian).
///
/// Specular part √(K/(K+1))·exp(j(2π f_D cos θ₀ · t + φ₀)), φ₀ uniform: the Rice law for |g| at any t.
///
/// Made once per stage application (what every tap shares: the grid step, the angle increment 2π/M, the
/// specular rotation), then `fillGrids` for all taps at once.
struct DopplerProcess {
    let maximumDoppler: Double
    let sinusoids: Int
    /// Samples between grid points.
    let step: Int
    /// e^{j2π/M}: the step between consecutive angles αₙ.
    let angleStep: (cos: Double, sin: Double)
    /// e^{j2π f_D cos θ₀ · step}: the specular phasor's rotation per grid step.
    let specularRotation: (cos: Double, sin: Double)

    /// - Parameters:
    ///   - maximumDoppler: f_D in cycles/sample.
    ///   - lineOfSightCosine: cos θ₀ of the specular path.
    ///   - sinusoids: M.
    ///   - step: samples between grid points.
    init(maximumDoppler: Double, lineOfSightCosine: Double, sinusoids m: Int, step: Int) {
        self.maximumDoppler = maximumDoppler
        sinusoids = m
        self.step = step
        angleStep = Self.angleSteps[m]
        let w = 2 * Double.pi * maximumDoppler * lineOfSightCosine * Double(step)
        specularRotation = Self.rotation(SIMD4(repeating: w)).map { ($0.cos[0], $0.sin[0]) } ?? (_cosine(w), _sine(w))
    }

    /// e^{j2π/M} for M = 0 … 256 (M ≥ 1 used), by libm once per process rather than once per stage
    /// application (the same calls, so the same bits).
    static let angleSteps: [(cos: Double, sin: Double)] = (0 ... 256).map { m in
        m == 0 ? (1, 0) : (_cosine(2 * Double.pi / Double(m)), _sine(2 * Double.pi / Double(m)))
    }

    /// For each tap i in order: draws ⌈(M + 2)/4⌉ Philox blocks — φ₁…φ_M, θ and φ₀ from one 32-bit word each
    /// (24 bits: a uniform phase needs no more), whatever K, so the stream layout does not depend on
    /// parameter values — and writes g(t_k) = √P·(√(1/(K+1))·d(t_k) + √(K/(K+1))·los(t_k)) at t_k = k·step,
    /// k = 0 ..< points, to `output + i·points`.
    ///
    /// The taps' blocks are consecutive in the stream, so one Philox fill draws them all (the words of a
    /// fill per tap), and one `UnitPhasor.fill` makes all the taps' phasors (lane by lane, so the same as
    /// one call per tap). The random phasors e^{jφₙ}, e^{jφ₀} and e^{jα₁}'s start e^{j(θ−π)/M} come from
    /// the 8-lane `UnitPhasor.fill` (absolute error < 4e-7: a random phase off by that is another equally
    /// likely draw); the angles αₙ by rotating in double precision by e^{j2π/M} (M ≤ 256 steps); the
    /// rotation per grid step e^{jwₙ}, wₙ = 2π·f_D·cos αₙ·step, by its Taylor series four sinusoids at a
    /// time when |wₙ| ≤ ¼ (to w¹⁶/16!: error < 1e-17; f_D·step ≤ 1/72 on the automatic grid gives
    /// |w| ≤ 0.09), libm otherwise. Phases advance by complex multiplication in double precision (relative
    /// drift ~1e-16 per point), four sinusoids per vector. Everything after the phasors is
    /// `specgen_doppler_grids` (CKernels). Scratch: words 6, floats 6.
    func fillGrids(_ output: UnsafeMutablePointer<Complex<Float>>, points: Int, taps: [MultipathFading.Tap],
                   stream: inout RandomStream, scratch: SynthesisScratch) {
        let m = sinusoids, count = taps.count
        let blocks = (m + 2 + 3) / 4, stride = m + 2
        // The blocks rounded up to whole groups of the Philox kernel at this level (16 blocks at AVX-512, 8
        // at AVX2), computed without advancing, then skipped: the same words, without a tail that falls
        // through the narrower builds, each setting up its round keys (30 blocks at AVX-512: 78 → 37 ns).
        let group = KernelLevel.current == .avx512 ? 16 : KernelLevel.current == .avx2 ? 8 : 1
        let words = scratch.words(6, count: 4 * ((blocks * count + group - 1) / group * group))
        stream.fill(words, ahead: 0)
        stream.skip(blocks: blocks * count)
        // Floats: the taps' diffuse and specular amplitudes (2·count doubles), phases, phasors.
        let floats = scratch.floats(6, count: 4 * count + 3 * stride * count).baseAddress!
        let amplitudes = UnsafeMutableRawPointer(floats).assumingMemoryBound(to: Double.self)
        // Phases in cycles: φₙ = uₙ (n = 0 ..< M), (θ − π)/M = (u_θ − 1)/M with θ = 2π·u_θ − π, φ₀ = u₀.
        let cycles = floats + 4 * count, w = words.baseAddress!
        for i in 0 ..< count {
            let c = cycles + i * stride, u = w + 4 * blocks * i
            for n in 0 ..< stride { c[n] = Float(u[n] >> 8) * 0x1p-24 }
            c[m] = (c[m] - 1) / Float(m)
        }
        let e = UnsafeMutableRawPointer(cycles + stride * count).assumingMemoryBound(to: Complex<Float>.self)
        UnitPhasor.fill(UnsafeMutableBufferPointer(start: e, count: stride * count), cycles: cycles)
        // The sinusoids' rotations and the grids (`specgen_doppler_grids`, CKernels).
        for (i, tap) in taps.enumerated() {
            amplitudes[i] = (tap.power / (tap.kFactor + 1) / Double(m)).squareRoot()
            amplitudes[count + i] = (tap.power * tap.kFactor / (tap.kFactor + 1)).squareRoot()
        }
        specgen_doppler_grids(UnsafeMutableRawPointer(output).assumingMemoryBound(to: Float.self), points, count,
                              UnsafeRawPointer(e).assumingMemoryBound(to: Float.self), m, amplitudes, amplitudes + count,
                              angleStep.cos, angleStep.sin, 2 * Double.pi * maximumDoppler * Double(step),
                              specularRotation.cos, specularRotation.sin)
    }

    /// (cos w, sin w) lane by lane by the Taylor series to w¹⁶/16! (error < 1e-17 for |w| ≤ ¼), or nil when
    /// some |w| > ¼.
    @inline(__always)
    static func rotation(_ w: SIMD4<Double>) -> (cos: SIMD4<Double>, sin: SIMD4<Double>)? {
        let x = w * w
        guard all(x .<= 0.0625) else { return nil }
        // Horner in x = w²: cos w = Σ (−1)^k x^k/(2k)!, sin w = w·Σ (−1)^k x^k/(2k + 1)!, k = 0 … 8.
        var c = x * (1.0 / 20_922_789_888_000) - 1.0 / 87_178_291_200
        c = c * x + 1.0 / 479_001_600
        c = c * x - 1.0 / 3_628_800
        c = c * x + 1.0 / 40_320
        c = c * x - 1.0 / 720
        c = c * x + 1.0 / 24
        c = c * x - 0.5
        c = c * x + 1
        var s = x * (1.0 / 355_687_428_096_000) - 1.0 / 1_307_674_368_000
        s = s * x + 1.0 / 6_227_020_800
        s = s * x - 1.0 / 39_916_800
        s = s * x + 1.0 / 362_880
        s = s * x - 1.0 / 5040
        s = s * x + 1.0 / 120
        s = s * x - 1.0 / 6
        s = s * x + 1
        return (c, w * s)
    }
}

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
struct DopplerProcess {
    /// Draws θ (a double), φ₁…φ_M (a word each) and φ₀ (a double) — always, so the stream layout does not
    /// depend on K — and
    /// writes g(t_k) = √P·(√(1/(K+1))·d(t_k) + √(K/(K+1))·los(t_k)) at t_k = k·step, k = 0 ..< points.
    ///
    /// Phases advance by complex multiplication in double precision (relative drift ~1e-16 per point).
    static func fillGrid(
        _ output: UnsafeMutablePointer<Complex<Float>>, points: Int, step: Int,
        power: Double, kFactor: Double, maximumDoppler: Double, lineOfSightCosine: Double, sinusoids m: Int,
        stream: inout RandomStream
    ) {
        let theta = 2 * Double.pi * stream.nextUnitDouble() - Double.pi
        let diffuse = (power / (kFactor + 1) / Double(m)).squareRoot()
        let specular = (power * kFactor / (kFactor + 1)).squareRoot()
        // Planar phasors and rotations, four sinusoids per SIMD4<Double>, padded with zero phasors (rotation 1).
        let terms = kFactor > 0 ? m + 1 : m
        let groups = (terms + 3) / 4
        withUnsafeTemporaryAllocation(of: SIMD4<Double>.self, capacity: 4 * groups) { buffer in
            let phasorRe = buffer.baseAddress!, phasorIm = phasorRe + groups
            let rotationRe = phasorIm + groups, rotationIm = rotationRe + groups
            for g in 0 ..< groups {
                phasorRe[g] = .zero
                phasorIm[g] = .zero
                rotationRe[g] = SIMD4(repeating: 1)
                rotationIm[g] = .zero
            }
            // Per sinusoid: the random start phasor e^{jφₙ}, φₙ = 2π·uₙ with uₙ from one 32-bit word (24 bits),
            // by the 8-lane `UnitPhasor.fill` (absolute error < 4e-7: a random phase, far below anything the
            // sum can show); the angle αₙ = (2πn − π + θ)/M by rotating e^{jα₀} by e^{j2π/M} (double
            // recurrence, M ≤ 256 steps); the rotation per grid step e^{jwₙ}, wₙ = 2π·f_D·cos αₙ·step, by its
            // Taylor series when |wₙ| ≤ ¼ (to w¹⁶/16!: error < 1e-17; f_D·step ≤ 1/72 on the automatic grid
            // gives |w| ≤ 0.09), libm otherwise. Draws: θ (a double), u₁…u_M (a word each), u₀ (a double).
            func rotation(_ w: Double) -> (Double, Double) {
                guard abs(w) <= 0.25 else { return (_cosine(w), _sine(w)) }
                let x = w * w
                var c = 1 - x * (1.0 / 240)
                c = 1 - x * (1.0 / 182) * c
                c = 1 - x * (1.0 / 132) * c
                c = 1 - x * (1.0 / 90) * c
                c = 1 - x * (1.0 / 56) * c
                c = 1 - x * (1.0 / 30) * c
                c = 1 - x * (1.0 / 12) * c
                c = 1 - x * (1.0 / 2) * c
                var s = 1 - x * (1.0 / 272)
                s = 1 - x * (1.0 / 210) * s
                s = 1 - x * (1.0 / 156) * s
                s = 1 - x * (1.0 / 110) * s
                s = 1 - x * (1.0 / 72) * s
                s = 1 - x * (1.0 / 42) * s
                s = 1 - x * (1.0 / 20) * s
                s = 1 - x * (1.0 / 6) * s
                return (c, w * s)
            }
            withUnsafeTemporaryAllocation(of: Float.self, capacity: 3 * m) { floats in
                let cycles = floats.baseAddress!
                for n in 0 ..< m { cycles[n] = Float(stream.nextWord() >> 8) * 0x1p-24 }
                let e = cycles + m
                UnitPhasor.fill(UnsafeMutableBufferPointer(start: UnsafeMutableRawPointer(e).assumingMemoryBound(to: Complex<Float>.self), count: m),
                                cycles: cycles)
                let start = (_cosine((theta - Double.pi) / Double(m)), _sine((theta - Double.pi) / Double(m)))
                let turn = (_cosine(2 * Double.pi / Double(m)), _sine(2 * Double.pi / Double(m)))
                var angle = start
                for i in 0 ..< m {
                    angle = (angle.0 * turn.0 - angle.1 * turn.1, angle.0 * turn.1 + angle.1 * turn.0)  // e^{jα_{i+1}}
                    let r = rotation(2 * Double.pi * maximumDoppler * angle.0 * Double(step))
                    phasorRe[i / 4][i % 4] = diffuse * Double(e[2 * i])
                    phasorIm[i / 4][i % 4] = diffuse * Double(e[2 * i + 1])
                    rotationRe[i / 4][i % 4] = r.0
                    rotationIm[i / 4][i % 4] = r.1
                }
            }
            let u0 = stream.nextUnitDouble()
            if kFactor > 0 {
                let phi0 = 2 * Double.pi * u0
                let r = rotation(2 * Double.pi * maximumDoppler * lineOfSightCosine * Double(step))
                phasorRe[m / 4][m % 4] = specular * _cosine(phi0)
                phasorIm[m / 4][m % 4] = specular * _sine(phi0)
                rotationRe[m / 4][m % 4] = r.0
                rotationIm[m / 4][m % 4] = r.1
            }
            for k in 0 ..< points {
                var re = SIMD4<Double>(), im = SIMD4<Double>()
                for g in 0 ..< groups {
                    let pr = phasorRe[g], pi = phasorIm[g], rr = rotationRe[g], ri = rotationIm[g]
                    re += pr
                    im += pi
                    phasorRe[g] = pr * rr - pi * ri
                    phasorIm[g] = pr * ri + pi * rr
                }
                output[k] = Complex(Float((re[0] + re[1]) + (re[2] + re[3])), Float((im[0] + im[1]) + (im[2] + im[3])))
            }
        }
    }
}

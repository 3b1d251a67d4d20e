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
    /// Draws θ, φ₁…φ_M and φ₀ (M + 2 doubles, always, so the stream layout does not depend on K) and
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
        withUnsafeTemporaryAllocation(of: Complex<Double>.self, capacity: 2 * (m + 1)) { buffer in
            let phasor = buffer.baseAddress!, rotation = phasor + (m + 1)
            for n in 0 ..< m {
                let alpha = (2 * Double.pi * Double(n + 1) - Double.pi + theta) / Double(m)
                let frequency = maximumDoppler * _cosine(alpha)
                let phi = 2 * Double.pi * stream.nextUnitDouble()
                phasor[n] = Complex(diffuse * _cosine(phi), diffuse * _sine(phi))
                let w = 2 * Double.pi * frequency * Double(step)
                rotation[n] = Complex(_cosine(w), _sine(w))
            }
            let phi0 = 2 * Double.pi * stream.nextUnitDouble()
            phasor[m] = Complex(specular * _cosine(phi0), specular * _sine(phi0))
            let w0 = 2 * Double.pi * maximumDoppler * lineOfSightCosine * Double(step)
            rotation[m] = Complex(_cosine(w0), _sine(w0))
            let terms = kFactor > 0 ? m + 1 : m
            for k in 0 ..< points {
                var re = 0.0, im = 0.0
                for n in 0 ..< terms {
                    let p = phasor[n], r = rotation[n]
                    re += p.real
                    im += p.imaginary
                    phasor[n] = Complex(p.real * r.real - p.imaginary * r.imaginary, p.real * r.imaginary + p.imaginary * r.real)
                }
                output[k] = Complex(Float(re), Float(im))
            }
        }
    }
}

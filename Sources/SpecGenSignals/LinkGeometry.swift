import Numerics

/// Pure functions from the positions (m) and velocities (m/s) of an emitter and a receiver, and the
/// carrier frequency (Hz), to the quantities that feed the delay, gain and carrier-offset stages.
///
/// Vectors are Cartesian `SIMD3<Double>` in one inertial frame; motion is straight-line at constant
/// velocity. The line of sight runs from the emitter to the receiver: `Δr = r_rx − r_tx`, `Δv = v_rx − v_tx`.
/// Propagation at c = 299,792,458 m/s in free space (no refraction, no relativistic terms: fine for
/// |v| ≪ c).
public enum LinkGeometry {
    /// The speed of light in vacuum, m/s (exact, SI).
    public static let speedOfLight = 299_792_458.0

    /// Range |Δr| in metres.
    public static func range(emitter: SIMD3<Double>, receiver: SIMD3<Double>) -> Double {
        length(receiver - emitter)
    }

    /// Propagation delay range/c in seconds.
    public static func delaySeconds(range: Double) -> Double { range / speedOfLight }

    /// Propagation delay in samples at `sampleRate` Hz: range·Fs/c (feeds `FractionalDelay.delay`).
    public static func delaySamples(range: Double, sampleRate: Double) -> Double { range * sampleRate / speedOfLight }

    /// Free-space path loss in dB (Friis): 20·log10(4πd/λ), λ = c/f_c; range > 0 m, carrier > 0 Hz.
    /// (H. T. Friis, "A note on a simple transmission formula", Proc. IRE 34(5), 1946; ITU-R P.525-4 eq. 4.)
    /// Meaningful in the far field (d ≫ λ); below d = λ/4π it is negative (a gain), reported as is.
    public static func freeSpacePathLossDB(range: Double, carrierFrequency: Double) -> Double {
        precondition(range > 0 && carrierFrequency > 0, "range and carrier frequency must be positive")
        return 20 * Double.log10(4 * Double.pi * range * carrierFrequency / speedOfLight)
    }

    /// Radial velocity d|Δr|/dt = Δr·Δv/|Δr| in m/s: positive when emitter and receiver separate.
    public static func radialVelocity(emitter: SIMD3<Double>, emitterVelocity: SIMD3<Double>,
                                      receiver: SIMD3<Double>, receiverVelocity: SIMD3<Double>) -> Double {
        let dr = receiver - emitter, dv = receiverVelocity - emitterVelocity
        let d = length(dr)
        precondition(d > 0, "emitter and receiver coincide")
        return dot(dr, dv) / d
    }

    /// Radial acceleration d²|Δr|/dt² = (|Δv|² − v_r²)/|Δr| in m/s² for straight-line motion (the
    /// component of Δv across the line of sight turns the line: always ≥ 0).
    public static func radialAcceleration(emitter: SIMD3<Double>, emitterVelocity: SIMD3<Double>,
                                          receiver: SIMD3<Double>, receiverVelocity: SIMD3<Double>) -> Double {
        let dr = receiver - emitter, dv = receiverVelocity - emitterVelocity
        let d = length(dr)
        precondition(d > 0, "emitter and receiver coincide")
        let radial = dot(dr, dv) / d
        return (dot(dv, dv) - radial * radial) / d
    }

    /// Doppler shift f_D = −v_r·f_c/c in Hz (approaching, v_r < 0, raises the frequency).
    public static func dopplerShift(radialVelocity: Double, carrierFrequency: Double) -> Double {
        -radialVelocity * carrierFrequency / speedOfLight
    }

    /// Doppler rate ḟ_D = −a_r·f_c/c in Hz/s, from the radial acceleration.
    public static func dopplerRate(radialAcceleration: Double, carrierFrequency: Double) -> Double {
        -radialAcceleration * carrierFrequency / speedOfLight
    }

    /// Hz to cycles/sample (for `CarrierOffset.frequency`).
    public static func cyclesPerSample(hertz: Double, sampleRate: Double) -> Double { hertz / sampleRate }

    /// Hz/s to cycles/sample² (for `CarrierOffset.drift`).
    public static func cyclesPerSampleSquared(hertzPerSecond: Double, sampleRate: Double) -> Double {
        hertzPerSecond / (sampleRate * sampleRate)
    }

    static func dot(_ a: SIMD3<Double>, _ b: SIMD3<Double>) -> Double { (a * b).sum() }
    static func length(_ a: SIMD3<Double>) -> Double { dot(a, a).squareRoot() }
}

import SpecGenSignals

extension StageFactory {
    static let geometry: [String: Maker] = [
        "geometry": { p, context in
            let position = SIMD3(p.real("emitter_x_m"), p.real("emitter_y_m"), p.real("emitter_z_m"))
            let velocity = SIMD3(p.real("emitter_vx_mps"), p.real("emitter_vy_mps"), p.real("emitter_vz_mps"))
            let fc = p.real("carrier_frequency_hz"), fs = context.sampleRateHz
            let origin = SIMD3<Double>.zero
            let range = LinkGeometry.range(emitter: position, receiver: origin)
            let radialVelocity = LinkGeometry.radialVelocity(emitter: position, emitterVelocity: velocity, receiver: origin, receiverVelocity: origin)
            let radialAcceleration = LinkGeometry.radialAcceleration(emitter: position, emitterVelocity: velocity, receiver: origin, receiverVelocity: origin)
            let doppler = LinkGeometry.dopplerShift(radialVelocity: radialVelocity, carrierFrequency: fc)
            let rate = LinkGeometry.dopplerRate(radialAcceleration: radialAcceleration, carrierFrequency: fc)
            return StageChain([
                FractionalDelay(delay: LinkGeometry.delaySamples(range: range, sampleRate: fs)),
                CarrierOffset(frequency: LinkGeometry.cyclesPerSample(hertz: doppler, sampleRate: fs),
                              drift: LinkGeometry.cyclesPerSampleSquared(hertzPerSecond: rate, sampleRate: fs)),
            ])
        },
    ]
}

extension StageCatalogue {
    static func metres(_ name: String, _ summary: String, _ value: Double) -> ParameterSpec {
        ParameterSpec(name: name, unit: "m", summary: summary, bounds: .closed(-1e8 ... 1e8), defaultValue: .constant(value))
    }

    static func speed(_ name: String, _ summary: String) -> ParameterSpec {
        ParameterSpec(name: name, unit: "m/s", summary: summary, bounds: .closed(-1e5 ... 1e5), defaultValue: .constant(0))
    }

    /// Emitter position and velocity relative to the receiver (at the origin, at rest): propagation delay
    /// and Doppler shift with its rate for straight-line motion.
    static let geometry: [StageFamily] = [
        StageFamily(
            type: "geometry", group: "propagation",
            summary: "emitter position and velocity relative to the receiver: delay range/c (fractional), Doppler −v_r·fc/c and its rate for straight-line motion",
            placement: .channel,
            parameters: [
                metres("emitter_x_m", "emitter position, x", 1000), metres("emitter_y_m", "emitter position, y", 0), metres("emitter_z_m", "emitter position, z", 0),
                speed("emitter_vx_mps", "emitter velocity, x"), speed("emitter_vy_mps", "emitter velocity, y"), speed("emitter_vz_mps", "emitter velocity, z"),
                ParameterSpec(name: "carrier_frequency_hz", unit: "Hz", summary: "carrier frequency (sets the Doppler shift)",
                              bounds: .closed(1e3 ... 1e12), defaultValue: .constant(1e9)),
            ],
            check: { support, sampleRate in
                func largest(_ names: [String]) -> Double {
                    (names.map { name -> Double in
                        guard let r = support[name] else { return 0 }
                        return max(abs(r.lowerBound), abs(r.upperBound))
                    }.map { $0 * $0 }.reduce(0, +)).squareRoot()
                }
                // The nearest the emitter can be: distance from 0 to each coordinate's interval.
                let nearest = (["emitter_x_m", "emitter_y_m", "emitter_z_m"].map { name -> Double in
                    guard let r = support[name], !r.contains(0) else { return 0 }
                    return min(abs(r.lowerBound), abs(r.upperBound))
                }.map { $0 * $0 }.reduce(0, +)).squareRoot()
                let c = 299_792_458.0
                let far = largest(["emitter_x_m", "emitter_y_m", "emitter_z_m"]), fast = largest(["emitter_vx_mps", "emitter_vy_mps", "emitter_vz_mps"])
                let carrier = support["carrier_frequency_hz"]?.upperBound ?? 0
                var problems: [(parameter: String, message: String)] = []
                if far / c * sampleRate > 1e4 {
                    problems.append(("emitter_x_m", "the emitter can be \(far) m away: a delay of \(far / c * sampleRate) samples (at most 10,000 are supported)"))
                }
                if nearest < 1 {
                    problems.append(("emitter_x_m", "the emitter can come within \(nearest) m of the receiver; keep it at least 1 m away (Doppler rate is undefined at the receiver)"))
                } else {
                    if fast * carrier / c >= 0.5 * sampleRate {
                        problems.append(("emitter_vx_mps", "a speed of \(fast) m/s at \(carrier) Hz gives a Doppler shift of \(fast * carrier / c) Hz, beyond ±Fs/2"))
                    }
                    if fast * fast / nearest * carrier / c > 1e-3 * sampleRate * sampleRate {
                        problems.append(("emitter_vx_mps", "the Doppler rate can reach \(fast * fast / nearest * carrier / c) Hz/s, beyond 1e-3·Fs²"))
                    }
                }
                return problems
            }),
    ]
}

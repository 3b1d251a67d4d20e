extension StageCatalogue {
    static let interference: [StageFamily] = [
        StageFamily(
            type: "interference", group: "noise",
            summary: "a co- or adjacent-channel interferer: any emitter (key `emitter`), shifted by frequency_offset_hz and added at sir_db",
            placement: .either,
            parameters: [
                ParameterSpec(name: "sir_db", unit: "dB", summary: "signal-to-interference ratio (both of unit expected power before scaling)",
                              bounds: .closed(-30 ... 60), defaultValue: .constant(10)),
                ParameterSpec(name: "frequency_offset_hz", unit: "Hz", summary: "interferer centre relative to the capture centre (0: co-channel)",
                              bounds: ParameterBounds(lower: -0.5, lowerInclusive: true, upper: 0.5, upperInclusive: true, relativeToSampleRate: true),
                              defaultValue: .constant(0)),
                ParameterSpec(name: "phase_rad", unit: "rad", summary: "interferer carrier phase", bounds: .unbounded,
                              defaultValue: .uniform(low: 0, high: 2 * Double.pi)),
            ],
            takesEmitter: true),
    ]
}

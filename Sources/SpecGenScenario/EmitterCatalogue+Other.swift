extension EmitterCatalogue {
    static let other: [EmitterFamily] = [
        EmitterFamily(type: "tone", group: "other", summary: "a complex tone e^{j(2πft + φ)}", parameters: [
            ParameterSpec(name: "frequency_hz", unit: "Hz", summary: "tone frequency relative to the capture centre",
                          bounds: ParameterBounds(lower: -0.5, lowerInclusive: false, upper: 0.5, upperInclusive: false, relativeToSampleRate: true),
                          defaultValue: .constant(0)),
            ParameterSpec(name: "phase_rad", unit: "rad", summary: "initial phase",
                          bounds: .unbounded, defaultValue: .uniform(low: 0, high: 2 * Double.pi)),
        ]),
    ]
}

/// The fields of a wideband scene (`scene` in a scenario): the number of bursts per example, and the
/// `/annotations` columns — one row per burst, any number per example — that `RunPlan.annotationTypes`
/// names and the scene synthesis fills. A scene records its receiver's parameters per example in /meta
/// as any run does; its emitter and channel parameters are drawn per burst, so they go to
/// `/annotations` under `annotations.<path>` instead of to /meta.
extension MetadataCatalogue {
    /// A scene's per-example columns besides the receiver's parameters (`RunPlan.columnTypes` with a scene).
    public static let sceneColumns: [MetadataField] = [
        MetadataField(path: "labels.burst_count", unit: "bursts", kind: .label, valueType: .integer, element: "int32", storage: .labelsColumn,
                      affectsSamples: true, bounds: SceneSpec.burstsSpec.bounds, summary: "bursts in the example's capture (0: noise only)",
                      sources: ["scene"]),
    ]

    /// The box, class and SNR of every burst: the columns every scene writes.
    public static let annotationBoxFields: [MetadataField] = [
        box("example", unit: "", kind: .label, valueType: .integer, element: "int64", bounds: .closed(0 ... 999_999_999),
            "the example (row of /iq, counted from the file's first) the burst is in"),
        box("class_index", unit: "", kind: .label, valueType: .integer, element: "int32", bounds: .closed(0 ... 1023),
            "the burst's class (which emitter drew it)"),
        box("start", unit: "samples", kind: .sampleCount, valueType: .integer, element: "int64", bounds: .closed(0 ... 16_777_216),
            "first sample of the burst in its example"),
        box("stop", unit: "samples", kind: .sampleCount, valueType: .integer, element: "int64", bounds: .closed(0 ... 16_777_216),
            "end (exclusive) of the burst in its example"),
        box("f_low", unit: "cycles/sample", kind: .normalizedFrequency, valueType: .real, element: "float64", bounds: .closed(-0.5 ... 0.5),
            "lower edge of the burst's 99 % power band, measured on its samples"),
        box("f_high", unit: "cycles/sample", kind: .normalizedFrequency, valueType: .real, element: "float64", bounds: .closed(-0.5 ... 0.5),
            "upper edge of the burst's 99 % power band, measured on its samples"),
        box("snr_db", unit: "dB", kind: .power, valueType: .real, element: "float64", bounds: snrParameter.bounds,
            "the burst's SNR: its power over its on-time ÷ the noise power in its band"),
    ]

    /// Every emitter and channel-stage parameter as a scene records it per burst: the parameter's field
    /// (`parameterFields`) under `annotations.`, with the same unit, kind, values and measurability, so
    /// that `normalize` treats `annotations.emitter.frequency_hz` exactly as `emitter.frequency_hz`.
    static var annotationParameterFields: [MetadataField] {
        parameterFields.filter { MetadataPath.isPerBurstInScene($0.path) }.map { field in
            MetadataField(path: MetadataPath.annotation(field.path), unit: field.unit, kind: field.kind, valueType: field.valueType,
                          element: field.element, storage: .annotationColumn, affectsSamples: true,
                          measurableInSamples: field.measurableInSamples, bounds: field.bounds, summary: "per burst: " + field.summary,
                          sources: field.sources)
        }
    }

    private static func box(_ name: String, unit: String, kind: FieldKind, valueType: FieldValueType, element: String, bounds: ParameterBounds,
                            _ summary: String) -> MetadataField {
        // Every one shapes the samples (it says where and how strong a burst is). None is in Hz or
        // seconds: start and stop are already samples, the band edges cycles/sample (measured on the
        // samples, so releasing them shows nothing the samples do not), so `measurableInSamples` — which
        // marks a physical value whose normalised twin the samples show — does not apply.
        MetadataField(path: MetadataPath.annotation(name), unit: unit, kind: kind, valueType: valueType, element: element,
                      storage: .annotationColumn, affectsSamples: true, bounds: bounds, summary: summary, sources: ["scene"])
    }
}

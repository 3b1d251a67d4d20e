/// How per-example metadata fields are named: the one place that builds the dotted paths under which
/// drawn parameters are recorded (`emitter.rolloff`, `emitter.base.rolloff`, `emitter.gating.on_s`,
/// `channel.fading.max_doppler_hz`, `receiver.interference.emitter.frequency_hz`, `array.azimuth_deg`).
///
/// A scenario's `allParameters` (what a run records) and `MetadataCatalogue` (every field any scenario
/// can record, for classification schemas) both name fields through these functions, so the two cannot
/// drift apart.
public enum MetadataPath {
    /// Prefix of a class's emitter.
    public static let emitter = "emitter."
    /// Prefix of the receive array's parameters.
    public static let array = "array."
    /// Prefix of a scene's per-burst fields (`/annotations` columns): the burst's box, class and SNR
    /// (`annotations.start`), and its drawn emitter and channel parameters under their own paths
    /// (`annotations.emitter.frequency_hz`, `annotations.channel.carrier_offset.frequency_offset_hz`).
    public static let annotations = "annotations."
    /// The stage lists, in the order a signal passes them.
    public static let stageLists = ["channel", "receiver"]

    /// The path under which a scene records a burst's drawn parameter `path` (one row per burst).
    public static func annotation(_ path: String) -> String { annotations + path }
    /// Whether a drawn parameter is recorded per burst in a scene (the emitter's and its channel's)
    /// rather than per example (the receiver's: one receiver per capture; a scene has no array).
    public static func isPerBurstInScene(_ path: String) -> Bool { path.hasPrefix(emitter) || path.hasPrefix("channel.") }
    /// Prefix of the burst gating of the emitter under `prefix`.
    public static func gating(of prefix: String) -> String { prefix + "gating." }
    /// Prefix of the base emitter of the (hopping) emitter under `prefix`.
    public static func base(of prefix: String) -> String { prefix + "base." }
    /// Prefix of a stage's parameters: `<list>.<type>.`.
    public static func stage(list: String, type: String) -> String { "\(list).\(type)." }
    /// Prefix of the emitter a stage carries (an interferer): `<list>.<type>.emitter.`.
    public static func stageEmitter(list: String, type: String) -> String { stage(list: list, type: type) + "emitter." }
}

extension EmitterCatalogue {
    /// Every parameter path an emitter under `prefix` can record, over every family: each family's
    /// parameters, the gating parameters, and — for families that take a base — every plain family's
    /// parameters (with their gating) under `<prefix>base.`. A path several families share appears once
    /// per family; `MetadataCatalogue` merges them.
    public static func possibleParameters(prefix: String = MetadataPath.emitter) -> [(path: String, spec: ParameterSpec, family: String)] {
        var all: [(path: String, spec: ParameterSpec, family: String)] = []
        for family in families {
            all += family.parameters.map { (path: prefix + $0.name, spec: $0, family: family.type) }
        }
        all += gatingParameters.map { (path: MetadataPath.gating(of: prefix) + $0.name, spec: $0, family: "gating") }
        if families.contains(where: \.takesBase) {
            let base = MetadataPath.base(of: prefix)
            for family in families where !family.takesBase {
                all += family.parameters.map { (path: base + $0.name, spec: $0, family: family.type) }
            }
            all += gatingParameters.map { (path: MetadataPath.gating(of: base) + $0.name, spec: $0, family: "gating") }
        }
        return all
    }
}

extension StageCatalogue {
    /// Every parameter path a stage can record, in either list its placement allows, including the
    /// emitter subtree of stages that carry one.
    public static func possibleParameters() -> [(path: String, spec: ParameterSpec, family: String)] {
        var all: [(path: String, spec: ParameterSpec, family: String)] = []
        for list in MetadataPath.stageLists {
            for family in families where family.placement.allows(list) {
                let prefix = MetadataPath.stage(list: list, type: family.type)
                all += family.parameters.map { (path: prefix + $0.name, spec: $0, family: family.type) }
                if family.takesEmitter {
                    all += EmitterCatalogue.possibleParameters(prefix: MetadataPath.stageEmitter(list: list, type: family.type))
                }
            }
        }
        return all
    }
}

extension ArraySpec {
    /// Every parameter path the receive array records.
    public static func possibleParameters() -> [(path: String, spec: ParameterSpec, family: String)] {
        parameterSpecs.map { (path: MetadataPath.array + $0.name, spec: $0, family: "array") }
    }
}

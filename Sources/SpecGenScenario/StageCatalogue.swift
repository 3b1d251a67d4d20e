/// Where a stage may stand: on the emitter's path (propagation, transmitter hardware) or at the
/// receiver (after the paths are summed and thermal noise is added).
public enum StagePlacement: String, Sendable {
    case channel, receiver, either

    func allows(_ list: String) -> Bool { self == .either || rawValue == list }
}

/// One channel or receiver stage family: its scenario `type`, parameters and cross-checks — the single
/// source for validation, the JSON Schema, `specgen emitters` and metadata names
/// (`channel.<type>.<parameter>`, `receiver.<type>.<parameter>`).
public struct StageFamily: Sendable {
    public let type: String
    public let group: String
    public let summary: String
    public let placement: StagePlacement
    public let parameters: [ParameterSpec]
    /// List-valued parameters (scenario constants, never drawn; each optional unless `validate` says).
    public let lists: [ListParameterSpec]
    public let check: (@Sendable (_ support: [String: ClosedRange<Double>], _ sampleRate: Double) -> [(parameter: String, message: String)])?
    /// Cross-checks that need lists, the example length or which keys were given; each problem names
    /// its place relative to the stage object (`powers_db[2]`, `delays_s`).
    public let validate: (@Sendable (StageCheckInput) -> [(path: String, message: String)])?
    /// The stage carries an emitter of its own under the key `emitter` (an interferer).
    public let takesEmitter: Bool

    public init(type: String, group: String, summary: String, placement: StagePlacement, parameters: [ParameterSpec],
                lists: [ListParameterSpec] = [], takesEmitter: Bool = false,
                check: (@Sendable ([String: ClosedRange<Double>], Double) -> [(parameter: String, message: String)])? = nil,
                validate: (@Sendable (StageCheckInput) -> [(path: String, message: String)])? = nil) {
        self.type = type
        self.group = group
        self.summary = summary
        self.placement = placement
        self.parameters = parameters
        self.lists = lists
        self.takesEmitter = takesEmitter
        self.check = check
        self.validate = validate
    }

    public func parameter(_ name: String) -> ParameterSpec? { parameters.first { $0.name == name } }
}

/// Every channel and receiver stage, by group (one file per group: `StageCatalogue+<Group>.swift`).
public enum StageCatalogue {
    public static let families: [StageFamily] = fading + geometry + offsets + hardware + noise + interference

    private static let byType: [String: StageFamily] = Dictionary(uniqueKeysWithValues: families.map { ($0.type, $0) })

    public static func family(_ type: String) -> StageFamily? { byType[type] }

    /// The stage types allowed in the `channel` or `receiver` list.
    public static func typeNames(for list: String) -> [String] {
        families.filter { $0.placement.allows(list) }.map(\.type)
    }
}

/// A stage of a scenario's `channel` or `receiver` list, every parameter resolved.
public struct StageSpec: Sendable {
    public var family: StageFamily
    public var type: String { family.type }
    public var parameters: [String: Distribution]
    /// The list-valued parameters that were given, by name.
    public var lists: [String: ListValue] = [:]
    /// The stage's own emitter (an interferer), when its family takes one.
    public var emitter: EmitterSpec?

    /// Parameters with metadata paths `<list>.<type>.<name>` (and `<list>.<type>.emitter.<name>`).
    public func allParameters(list: String) -> [(path: String, spec: ParameterSpec, distribution: Distribution)] {
        family.parameters.map { (path: MetadataPath.stage(list: list, type: family.type) + $0.name, spec: $0, distribution: parameters[$0.name]!) }
            + (emitter?.allParameters(prefix: MetadataPath.stageEmitter(list: list, type: family.type)) ?? [])
    }

    /// The given lists with their metadata paths `<list>.<type>.<name>`, sorted by path.
    public func allLists(list: String) -> [(path: String, value: ListValue)] {
        lists.map { (path: "\(list).\(family.type).\($0.key)", value: $0.value) }.sorted { $0.path < $1.path }
    }
}

/// The receive antenna array (`array` in a scenario): its shape is fixed (geometry and element count set
/// /iq's channel axis), its angles and errors are drawn per example and recorded as `array.<parameter>`.
public struct ArraySpec: Sendable {
    /// `ula` (along y, spacing in wavelengths), `uca` (in the xy-plane, radius in wavelengths) or `listed`
    /// (`positions_wavelengths`, one [x, y, z] per element, in wavelengths).
    public var geometry: String
    public var elements: Int
    public var parameters: [String: Distribution]
    /// The listed geometry's element positions (3 numbers per element, wavelengths); nil for ula and uca.
    public var positions: ListValue?

    public static let geometries = ["ula", "uca", "listed"]

    /// Two listed elements closer than this (in wavelengths) are refused as coincident.
    public static let coincidenceTolerance = 1e-3

    public static let positionsSpec = ListParameterSpec(
        name: "positions_wavelengths", unit: "wavelengths",
        summary: "listed: element positions [x, y, z] in wavelengths (the same unit as spacing_wavelengths and radius_wavelengths), one per element in /iq's channel order; no two closer than 0.001",
        width: 3, bounds: .closed(-100 ... 100), count: 2 ... 64)

    public static let parameterSpecs = [
        ParameterSpec(name: "spacing_wavelengths", unit: "wavelengths", summary: "ula: element spacing",
                      bounds: .closed(0.05 ... 10), defaultValue: .constant(0.5)),
        ParameterSpec(name: "radius_wavelengths", unit: "wavelengths", summary: "uca: radius",
                      bounds: .closed(0.05 ... 100), defaultValue: .constant(0.5)),
        ParameterSpec(name: "azimuth_deg", unit: "deg", summary: "direction of arrival in the xy-plane, from the x axis (ula broadside)",
                      bounds: .closed(-180 ... 180), defaultValue: .uniform(low: -60, high: 60)),
        ParameterSpec(name: "elevation_deg", unit: "deg", summary: "direction of arrival above the xy-plane",
                      bounds: .closed(-90 ... 90), defaultValue: .constant(0)),
        ParameterSpec(name: "gain_error_db", unit: "dB", summary: "standard deviation of each element's gain error (drawn per example and element)",
                      bounds: .closed(0 ... 6), defaultValue: .constant(0)),
        ParameterSpec(name: "phase_error_deg", unit: "deg", summary: "standard deviation of each element's phase error (drawn per example and element)",
                      bounds: .closed(0 ... 45), defaultValue: .constant(0)),
    ]

    /// Parameters with metadata paths `array.<name>`.
    public func allParameters() -> [(path: String, spec: ParameterSpec, distribution: Distribution)] {
        Self.parameterSpecs.map { (path: MetadataPath.array + $0.name, spec: $0, distribution: parameters[$0.name]!) }
    }
}

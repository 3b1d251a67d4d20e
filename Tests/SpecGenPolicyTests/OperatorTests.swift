import Foundation
import SpecGenPolicy
import Testing

/// The operators' arithmetic as `ReleasePolicy.applying` does it at write time, on the four-level example
/// (docs/classification.md, "Applying a schema"). The Python tests check the same on real files.
@Suite struct OperatorTests {
    static let fs = 2_000_000.0
    static let key = try! HashKey(bytes: Array(0 ..< 32), source: "test")

    /// The four-level example, plus a constant for the fading profile below SECRET.
    static func policy(_ level: String, key: HashKey? = OperatorTests.key) throws -> ReleasePolicy {
        let object = SchemaFixtures.fourLevel(adding: [["field": "channel.fading.profile", "release_from": "SECRET",
                                                        "below": ["op": "constant", "value": "ra6"]]])
        let schema = try ClassificationSchema.decode(SchemaFixtures.data(object))
        return try ReleasePolicy.applying(schema.resolve(level: level), sampleRateHz: fs, key: key, generatorVersion: "test")
    }

    @Test func normalizeDividesByTheSampleRateOrMultipliesDurations() throws {
        let policy = try Self.policy("RESTRICTED")
        let released = policy.release(["sample_rate_hz": .real(Self.fs), "channel.fading.delays_s": .reals([0, 1e-6, 2.5e-6], shape: [3])])
        #expect(released.fields.map(\.path) == ["channel.fading.delays_s", "sample_rate_hz"])
        #expect(released.fields[1].value == .real(1))
        #expect(released.fields[0].value == .reals([0, 2, 5], shape: [3]))
        let columns = ["channel.carrier_offset.frequency_offset_hz": ColumnType.float64, "channel.carrier_offset.frequency_drift_hz_per_s": .float64,
                       "channel.fading.delay_spread_s": .float64, "noise.es_n0_db": .float64]
        let layout = policy.layout(for: columns)
        let block = policy.release(block: ["channel.carrier_offset.frequency_offset_hz": .float64([-5000, 1000]),
                                           "channel.carrier_offset.frequency_drift_hz_per_s": .float64([4e6, 0]),
                                           "channel.fading.delay_spread_s": .float64([1e-6, 3e-6]), "noise.es_n0_db": .float64([3, -1])], layout: layout)
        #expect(layout.columns.map(\.path) == columns.keys.sorted())
        #expect(block.values == [.float64([1e-6, 0]), .float64([-0.0025, 0.0005]), .float64([2, 6]), .float64([3, -1])])
        #expect(policy.columnAttributes(path: "channel.carrier_offset.frequency_offset_hz", unit: "Hz", categories: nil).unit == "cycles/sample")
        #expect(policy.columnAttributes(path: "channel.carrier_offset.frequency_drift_hz_per_s", unit: "Hz/s", categories: nil).unit == "cycles/sample²")
        #expect(policy.columnAttributes(path: "channel.fading.delay_spread_s", unit: "s", categories: nil).unit == "samples")
    }

    /// A scene's per-burst columns pass the same operators as their per-example twins: Hz ÷ Fs,
    /// channel fields dropped at UNCLASSIFIED, the box (samples, cycles/sample, dB) as is.
    @Test func annotationColumnsAreRedactedLikeTheirParameters() throws {
        let columns: [String: ColumnType] = ["annotations.emitter.frequency_hz": .float64, "annotations.channel.carrier_offset.frequency_offset_hz": .float64,
                                             "annotations.start": .int64, "annotations.f_low": .float64, "annotations.snr_db": .float64,
                                             "labels.burst_count": .int32]
        let raw: [String: ColumnValues] = ["annotations.emitter.frequency_hz": .float64([-1e5, .nan, 2e5]),
                                           "annotations.channel.carrier_offset.frequency_offset_hz": .float64([500, -4000, 0]),
                                           "annotations.start": .int64([0, 17, 900]), "annotations.f_low": .float64([-0.25, 0.1, 0.3]),
                                           "annotations.snr_db": .float64([3, 10, 20]), "labels.burst_count": .int32([2, 1])]
        let restricted = try Self.policy("RESTRICTED")
        let layout = restricted.layout(for: columns)
        #expect(layout.columns.map(\.path) == columns.keys.sorted())
        let block = restricted.release(block: raw, layout: layout)
        guard case .float64(let frequency) = block.values[1] else { Issue.record("not float64"); return }
        #expect(block.values[0] == .float64([0.00025, -0.002, 0]))
        #expect(frequency[0] == -1e5 * (1 / Self.fs) && frequency[1].isNaN && frequency[2] == 2e5 * (1 / Self.fs))
        #expect(block.values[2...] == [.float64([-0.25, 0.1, 0.3]), .float64([3, 10, 20]), .int64([0, 17, 900]), .int32([2, 1])])
        #expect(restricted.columnAttributes(path: "annotations.emitter.frequency_hz", unit: "Hz", categories: nil).unit == "cycles/sample")
        let unclassified = try Self.policy("UNCLASSIFIED")
        #expect(!unclassified.layout(for: columns).columns.contains { $0.path == "annotations.channel.carrier_offset.frequency_offset_hz" })
        #expect(try Self.policy("SECRET").release(block: raw, layout: layout).values[0] == .float64([500, -4000, 0]))
    }

    @Test func generalizeFloorsToTheStepOrTheBucketEdgeBelow() throws {
        let policy = try Self.policy("CONFIDENTIAL")
        let layout = policy.layout(for: ["channel.geometry.emitter_x_m": .float64, "channel.geometry.carrier_frequency_hz": .float64])
        let block = policy.release(block: ["channel.geometry.emitter_x_m": .float64([-1500, 999.9, 2000]),
                                           "channel.geometry.carrier_frequency_hz": .float64([-1, 5e6, 3e7])], layout: layout)
        // Buckets 0, 3 MHz, 30 MHz, …: below the first edge is −∞; an edge itself stays.
        #expect(block.values == [.float64([-.infinity, 3e6, 3e7]), .float64([-2000, 0, 2000])])
        // Generalising the dB level of a receiver impairment, on a float32 column too.
        let restricted = try Self.policy("RESTRICTED")
        let dB = restricted.layout(for: ["receiver.iq_imbalance.iq_gain_db": .float32])
        #expect(restricted.release(block: ["receiver.iq_imbalance.iq_gain_db": .float32([-0.2, 0.7, 1])], layout: dB).values == [.float32([-1, 0, 1])])
    }

    @Test func hashIsKeyedDomainSeparatedAndTyped() throws {
        let policy = try Self.policy("RESTRICTED")
        let a = policy.release(["seed": .integer(7), "scenario_sha256": .text("ab")]).fields
        #expect(a.map(\.path) == ["scenario_sha256", "seed"])
        guard case .text(let seedHash) = a[1].value, case .text(let scenarioHash) = a[0].value else { Issue.record("not text"); return }
        #expect(seedHash.count == 64 && seedHash.allSatisfy(\.isHexDigit))
        // Another key, another value; the same key, the same value; another field, another value.
        let other = try Self.policy("RESTRICTED", key: HashKey(bytes: Array(1 ... 32), source: "test"))
        #expect(other.release(["seed": .integer(7)]).fields[0].value != .text(seedHash))
        #expect(try Self.policy("RESTRICTED").release(["seed": .integer(7)]).fields[0].value == .text(seedHash))
        #expect(scenarioHash != seedHash)
        #expect(policy.release(["seed": .integer(8)]).fields[0].value != .text(seedHash))
    }

    @Test func hashingWithoutAKeyIsRefusedNamingTheFields() throws {
        #expect(throws: PolicyRefusal.self) { try Self.policy("RESTRICTED", key: nil) }
        do {
            _ = try Self.policy("UNCLASSIFIED", key: nil)
            Issue.record("UNCLASSIFIED hashes the seed: a key is needed")
        } catch let error as PolicyRefusal {
            #expect(error.message.contains("scenario_sha256 and seed") && error.message.contains("--key-file"))
        }
        // SECRET hashes nothing: no key needed.
        _ = try Self.policy("SECRET", key: nil)
        #expect(throws: PolicyRefusal.self) { try HashKey(bytes: Array("fifteen bytes!!".utf8) + [0x0A], source: "k") }
    }

    @Test func constantReplacesEveryValueAndCategoriesBecomeIndices() throws {
        let policy = try Self.policy("CONFIDENTIAL")
        let layout = policy.layout(for: ["channel.fading.profile": .float64])
        let values = policy.release(block: ["channel.fading.profile": .float64([0, 3, 7])], layout: layout).values
        #expect(values == [.float64([10, 10, 10])])  // "ra6" is option 10 of flat, tdl_a … tdl_e, epa, eva, etu, tu6, ra6, …
    }

    @Test func dropAndUnknownFieldsAreNeverPassedOn() throws {
        let policy = try Self.policy("UNCLASSIFIED")
        let released = policy.release(["receiver.adc.adc_bits": .integer(12), "not.a.field": .real(1), "format": .text("specgen-dataset")])
        #expect(released.fields.map(\.path) == ["format"])
        #expect(policy.layout(for: ["receiver.adc.adc_bits": .float64, "not.a.field": .int32]).columns.isEmpty)
        #expect(policy.marking?.text("level") == "UNCLASSIFIED")
        #expect(policy.marking?.manifest.count == policy.marking?.manifest.map(\.field).sorted().count)
    }
}

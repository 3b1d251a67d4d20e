import Foundation
import SpecGenHDF5
import SpecGenPolicy
import Testing

/// The read-only inventory (`HDF5File.inventory`) of a small file made by the writer: what it reports
/// is what the writer does (REDACTION.md writer settings), so `specgen audit` can rely on it.
@Suite struct InventoryTests {
    @Test func aWriterFileIsInventoriedCompletely() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("inventory-\(UUID()).h5").path
        defer { unlink(path) }
        try DatasetWriterTests.write(path, policy: .releaseAll)
        let inventory = try HDF5File.open(path).inventory()

        #expect(inventory.signatureOffset == 0)
        #expect(inventory.userBlockSize == 0)
        #expect(inventory.superblockVersion == 0)  // library bounds (earliest, v1.8)
        #expect(inventory.links.map(\.path) == ["/iq", "/labels", "/labels/class_index", "/labels/class_names", "/labels/snr_db",
                                                "/meta", "/meta/emitter.rolloff"])
        #expect(inventory.links.allSatisfy { $0.kind == .hard && $0.creationOrder == nil })
        #expect(inventory.objects.map(\.path) == ["/"] + inventory.links.map(\.path))
        for object in inventory.objects {
            #expect(object.timestamps == [0, 0, 0, 0], "\(object.path) has timestamps")
            #expect(object.comment == nil)
            #expect(object.attributeCreationOrder == 0)
            #expect(object.aliases.isEmpty)
        }
        #expect(inventory.object("/meta")?.group?.linkCreationOrder == 0)
        #expect(inventory.object("/meta")?.group?.linkStorage == "symbol table")

        let iq = try #require(inventory.object("/iq")?.dataset)
        #expect(iq.type == .complex64)
        #expect(iq.shape == [5, 1, 4] && iq.maxShape == [5, 1, 4])
        #expect(iq.layout == .chunked && iq.chunk == [2, 1, 4])
        #expect(iq.filters.isEmpty)
        #expect(iq.fillValueState == .libraryDefault && iq.fillTime == .ifSet)
        #expect(iq.externalFiles.isEmpty && iq.virtualSources.isEmpty)
        #expect(inventory.object("/iq")?.attributes.map(\.name) == ["axes"])

        let snr = try #require(inventory.object("/labels/snr_db"))
        #expect(snr.dataset?.type == .float(size: 4, littleEndian: true, precision: 32, offset: 0, standard: "f32le"))
        #expect(snr.attributes.first { $0.name == "unit" }?.value == .text("dB"))
        let names = try #require(inventory.object("/labels/class_names")?.dataset)
        #expect(names.type == .string(size: nil, utf8: true, padding: 0))

        let root = try #require(inventory.object("/"))
        #expect(root.attributes.first { $0.name == "seed" }?.value == .integer(42))
        #expect(root.attributes.first { $0.name == "seed" }?.type.description == "i64le")
        #expect(root.attributes.first { $0.name == "sample_rate_hz" }?.shape == [])
    }
}

#if canImport(Glibc)
import Glibc
#endif
import Foundation
import SpecGenEngine
import SpecGenPolicy

/// The schema of `run --schema S` (nil without one), checked against the site's policies when the run
/// writes a file (`SitePolicy`): a site that requires a schema, or approves only pinned ones, stops the run
/// here whatever the command line says.
func siteCheckedSchema(_ path: String?, writesFile: Bool) throws -> ClassificationSchema? {
    let policies = writesFile ? try SitePolicy.active() : []
    let schema = try path.map(loadSchema)
    for policy in policies { try policy.check(schema: schema, schemaPath: path) }
    return schema
}

/// The release policy of `run --schema S --level L [--key-file K]`: the level resolved, the key read.
/// Any problem stops the run before anything is written (exit status 2).
func classificationPolicy(schema: ClassificationSchema, path: String, level: String, keyFile: String?, sampleRateHz: Double,
                          quiet: Bool) throws -> ReleasePolicy {
    let resolved: ResolvedPolicy
    do {
        resolved = try schema.resolve(level: level)
    } catch {
        throw InputError(message: "--level \(level): \(error)")
    }
    if !quiet, schema.review.next < CalendarDate.today {
        FileHandle.standardError.write(Data("specgen: warning: \(path): its next review was due on \(schema.review.next); have it reviewed\n".utf8))
    }
    do {
        let key = try keyFile.map(readHashKey)
        return try ReleasePolicy.applying(resolved, sampleRateHz: sampleRateHz, key: key, generatorVersion: SpecGen.version)
    } catch {
        throw InputError(message: error.message)
    }
}

/// `FILE.label.json` beside a finished file: its marking and its SHA-256, so that a label separated
/// from the file (a catalogue, a transfer manifest) still names exactly the bytes it labels.
enum LabelSidecar {
    static func path(for target: String) -> String { target + ".label.json" }

    static func write(for target: String, marking: Marking) throws {
        let digest = try FileDigest.sha256(target)
        var label: [String: Any] = ["file": (target as NSString).lastPathComponent, "file_sha256": digest]
        for (name, value) in marking.attributes {
            switch value {
            case .integer(let v): label[name] = v
            case .text(let v): label[name] = v
            default: break
            }
        }
        label["categories"] = Dictionary(uniqueKeysWithValues: marking.categories.map { ($0.name, $0.values) })
        label["manifest"] = marking.manifest.map { [$0.field, $0.operator] }
        let data = try JSONSerialization.data(withJSONObject: label, options: [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes])
        try OutputFile.write(path(for: target)) { try (data + Data("\n".utf8)).write(to: URL(fileURLWithPath: $0)) }
    }
}


/// The hash key from a file only its owner can read, or from standard input (`-`): never from the
/// command line, which any user can read in /proc (REDACTION.md #15).
func readHashKey(_ source: String) throws(PolicyRefusal) -> HashKey {
    if source == "-" {
        return try HashKey(bytes: FileHandle.standardInput.readDataToEndOfFile(), source: "--key-file - (standard input)")
    }
    var status = stat()
    guard stat(source, &status) == 0 else { throw PolicyRefusal("--key-file \(source): \(String(cString: strerror(errno)))") }
    guard status.st_mode & S_IFMT == S_IFREG else { throw PolicyRefusal("--key-file \(source): not a regular file") }
    guard status.st_mode & 0o077 == 0 else {
        throw PolicyRefusal("--key-file \(source): readable by others (mode \(String(status.st_mode & 0o777, radix: 8))); "
                            + "a key must be readable by its owner only: chmod 600 \(source)")
    }
    guard let data = FileManager.default.contents(atPath: source) else { throw PolicyRefusal("--key-file \(source): cannot be read") }
    return try HashKey(bytes: data, source: "--key-file \(source)")
}

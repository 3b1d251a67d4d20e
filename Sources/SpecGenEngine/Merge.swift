import Foundation
import SpecGenHDF5
import SpecGenPolicy

/// What to merge, and where.
public struct MergeOptions: Sendable {
    public var parts: [String]
    public var output: String?
    public var overwrite = false
    public var progress: ProgressReporter.Style?

    public init(parts: [String], output: String?) {
        self.parts = parts
        self.output = output
    }
}

/// Parts that cannot be merged (bad input: exit 2); one line per problem, each naming its file.
public struct MergeRefused: Error, CustomStringConvertible {
    public let problems: [String]
    public var description: String {
        problems.count == 1 ? "merge refused: \(problems[0])"
            : "merge refused, \(problems.count) problems:\n" + problems.map { "  \($0)" }.joined(separator: "\n")
    }
}

/// What a finished merge did.
public struct MergeSummary: Sendable {
    public let parts: Int
    public let examples: Int
    public let bytes: Int
    public let seconds: Double
    public let output: String
}

/// Joins the shards of one dataset (`specgen run --shard K/N`) into the file a single run would have
/// written, byte for byte: it checks that the parts belong together and tile the dataset, then creates
/// the same objects a run creates, in the same order, and copies every stored chunk as it is
/// (`H5Dread_chunk` → `H5Dwrite_chunk`: nothing decoded or recompressed, no virtual datasets).
///
/// A scene's `/annotations` cannot be copied chunk by chunk: a part's rows start a new chunk where the
/// single run's continue the previous part's. So the merge replays the run's writer calls instead:
/// after each block's chunks, that block's rows read from its part, `/annotations/example` moved by the
/// part's first example, go to `DatasetWriter.appendAnnotations`, which stores every whole chunk of
/// rows as the run did.
public enum Merger {
    public static func merge(_ options: MergeOptions, cancellation: CancellationFlag = CancellationFlag()) throws -> MergeSummary {
        guard !options.parts.isEmpty else { throw MergeRefused(problems: ["no parts given: specgen merge -o OUT PART.h5 …"]) }
        let target = try OutputFile.checked(options.output, overwrite: options.overwrite)
        let parts = try open(options.parts, target: target)
        try checkTogether(parts)
        let sorted = try checkCoverage(parts)
        let reference = sorted[0]

        var header = reference.reader.header
        header.removeFields { ShardAttributes.all.contains($0) }
        header.layout.examples = reference.datasetExamples
        header.layout.datasetExamples = reference.datasetExamples
        let layout = header.layout
        let progress = ProgressReporter(total: layout.examples, samplesPerExample: layout.channels * layout.samplesPerExample,
                                        label: (target as NSString).lastPathComponent, style: options.progress)
        do {
            try OutputFile.write(target) { temporary in
                let writer = try DatasetWriter(path: temporary, header: header)
                var jobs: [ChunkPrefetcher.Job] = []
                /// The part (in `sorted`) and its block of every job.
                var blocks: [(part: Int, block: Int)] = []
                for (k, part) in sorted.enumerated() {
                    for (block, row) in stride(from: 0, to: part.stop - part.start, by: layout.chunkExamples).enumerated() {
                        guard let locations = part.reader.storedChunkLocations(firstRow: row) else {
                            throw RunFailure(message: "\(part.path): a chunk of the block at row \(row) is missing or past the end of the file")
                        }
                        jobs.append(ChunkPrefetcher.Job(reader: part.reader, locations: locations))
                        blocks.append((k, block))
                    }
                }
                // Block k + 1 is read on a second thread while block k is stored.
                let prefetcher = ChunkPrefetcher(jobs: jobs, datasets: layout.sampleDatasets.count + header.columns.count)
                defer { prefetcher.stop() }
                let writeback = Writeback(path: temporary)
                for (job, (k, block)) in zip(jobs, blocks) {
                    if cancellation.isCancelled { throw RunCancelled() }
                    try writer.storeCopiedBlock(prefetcher.next())
                    if !header.annotations.isEmpty {
                        let part = sorted[k], rows = try part.reader.annotationRows(block: block)
                        // A part counts its rows' examples from its own first one.
                        try writer.appendAnnotations(part.reader.annotationExampleColumn.map { rows.addingOffset(Int64(part.start), toInt64Column: $0) } ?? rows)
                    }
                    writeback.wrote(job.locations.reduce(0) { $0 + $1.size })
                    progress.update(done: writer.examplesWritten)
                }
                try writer.finish()
            }
        } catch {
            progress.abandon()
            throw error
        }
        let bytes = (try? FileManager.default.attributesOfItem(atPath: target)[.size] as? Int) ?? 0
        let seconds = progress.elapsed
        progress.finish(String(format: "%@: %d parts, %d examples, %.1f MB in %.2f s (%.0f MB/s)", target, sorted.count, layout.examples,
                               Double(bytes) / 1e6, seconds, Double(bytes) / 1e6 / max(seconds, 1e-9)))
        return MergeSummary(parts: sorted.count, examples: layout.examples, bytes: bytes, seconds: seconds, output: target)
    }

    /// One part, opened and read.
    struct Part {
        let path: String
        let reader: DatasetReader
        let shard: String
        let start: Int, stop: Int, datasetExamples: Int
    }

    /// Opens every part and reads its shard attributes; refuses files that are missing, not HDF5, not
    /// specgen datasets, made by another version, or not shards.
    static func open(_ paths: [String], target: String) throws -> [Part] {
        var problems: [String] = [], parts: [Part] = []
        var seen: [String: String] = [:]
        for path in paths {
            let resolved = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
            if resolved == URL(fileURLWithPath: target).resolvingSymlinksInPath().path {
                problems.append("\(path): is the output file (-o); write the merged file elsewhere")
                continue
            }
            if let first = seen[resolved] {
                problems.append("\(path): given twice (also as \(first))")
                continue
            }
            seen[resolved] = path
            do {
                parts.append(try openPart(path))
            } catch let problem as PartProblem {
                problems.append("\(path): \(problem.message)")
            }
        }
        if !problems.isEmpty { throw MergeRefused(problems: problems) }
        return parts
    }

    private struct PartProblem: Error {
        let message: String
        init(_ message: String) { self.message = message }
    }

    private static func openPart(_ path: String) throws(PartProblem) -> Part {
        guard FileManager.default.fileExists(atPath: path) else { throw PartProblem("no such file") }
        // The root attributes first, so that a file of another kind is named as such before its layout is read.
        let root: HDF5Group, attributes: [String: MetadataValue]
        do { root = try HDF5File.open(path).root } catch { throw PartProblem("not an HDF5 file (\(error))") }
        do {
            attributes = try Dictionary(uniqueKeysWithValues: root.attributes.names().compactMap { name in try root.attributes.read(name).map { (name, $0) } })
        } catch {
            throw PartProblem("its root attributes cannot be read (\(error))")
        }
        func attribute(_ name: String) -> MetadataValue? { attributes[name] }
        guard attribute("format") == .text(SpecGen.datasetFormat) else {
            throw PartProblem("not a specgen dataset (no root attribute format = \"\(SpecGen.datasetFormat)\")")
        }
        guard attribute("format_version") == .integer(SpecGen.datasetFormatVersion) else {
            throw PartProblem("dataset format version \(attribute("format_version").map(show) ?? "missing"); this specgen writes version \(SpecGen.datasetFormatVersion)")
        }
        guard attribute("specgen_version") == .text(SpecGen.version) else {
            let version = attribute("specgen_version").map { if case .text(let v) = $0 { v } else { show($0) } } ?? "(version missing)"
            throw PartProblem("made by specgen \(version); this is specgen \(SpecGen.version), "
                + "which merges only parts made by the same version (another version may lay out or encode chunks differently)")
        }
        var shard: [String: Int] = [:]
        for name in ShardAttributes.all {
            if case .integer(let v) = attribute(name) { shard[name] = Int(v) }
        }
        guard !shard.isEmpty else {
            throw PartProblem("a whole dataset, not a shard (no \(ShardAttributes.index) … root attributes): make parts with specgen run --shard K/N")
        }
        guard shard.count == ShardAttributes.all.count else {
            throw PartProblem("incomplete shard attributes: missing \(ShardAttributes.all.subtracting(shard.keys).sorted().joined(separator: ", "))")
        }
        let reader: DatasetReader
        do {
            reader = try DatasetReader(path: path)
        } catch let error as DatasetFileError {
            throw PartProblem("not laid out as specgen writes datasets: \(error.message)")
        } catch {
            throw PartProblem("cannot be read: \(error)")
        }
        let start = shard[ShardAttributes.exampleStart]!, stop = shard[ShardAttributes.exampleStop]!
        let total = shard[ShardAttributes.datasetExamples]!, b = reader.header.layout.blockExamples
        let name = "shard \(shard[ShardAttributes.index]!)/\(shard[ShardAttributes.count]!)"
        guard 0 <= start, start < stop, stop <= total else { throw PartProblem("\(name): example range \(start) ..< \(stop) is not within 0 ..< \(total)") }
        guard reader.header.layout.examples == stop - start else {
            throw PartProblem("\(name): holds \(reader.header.layout.examples) examples, but its range \(start) ..< \(stop) has \(stop - start)")
        }
        guard start % b == 0, stop % b == 0 || stop == total else {
            throw PartProblem("\(name): example range \(start) ..< \(stop) does not fall on blocks of \(b) examples")
        }
        let chunks = (stop - start + b - 1) / b
        for (dataset, label) in zip(reader.datasets, datasetNames(reader.header)) {
            let stored = (try? dataset.storedChunkCount()) ?? -1
            guard stored == chunks else { throw PartProblem("\(name): \(label) has \(stored) of its \(chunks) chunks: the part is incomplete") }
        }
        return Part(path: path, reader: reader, shard: name, start: start, stop: stop, datasetExamples: total)
    }

    /// The per-example datasets' paths in write order (for messages).
    static func datasetNames(_ header: DatasetHeader) -> [String] {
        header.layout.sampleDatasets.map(\.path)
            + header.columns.map { $0.path.hasPrefix("labels.") ? "/labels/\($0.path.dropFirst(7))" : "/meta/\($0.path)" }
    }

    /// Every part must come from the same run setup: the same root attributes but the shard's own
    /// (scenario hash, seed, version, policy and marking, …), the same dataset size and the same datasets.
    /// The setup most parts share is the reference (on a tie, that of the part holding the lowest
    /// examples), and every part that differs from it is named with the reasons.
    static func checkTogether(_ parts: [Part]) throws {
        func identity(_ part: Part) -> String {
            "\(part.datasetExamples)|" + fieldMap(part.reader.header).sorted { $0.key < $1.key }.map { "\($0.key)=\(show($0.value))" }.joined(separator: "|")
                + "|" + structure(part.reader.header).joined(separator: "|")
        }
        let identities = parts.map(identity)
        var counts: [String: Int] = [:]
        for key in identities { counts[key, default: 0] += 1 }
        let byStart = parts.indices.sorted { (parts[$0].start, $0) < (parts[$1].start, $1) }
        let best = counts.values.max()!
        let reference = parts[byStart.first { counts[identities[$0]] == best }!]
        let referenceFields = fieldMap(reference.reader.header)
        let referenceStructure = structure(reference.reader.header)
        var problems: [String] = []
        for part in parts where identity(part) != identity(reference) {
            let fields = fieldMap(part.reader.header)
            var reasons: [String] = []
            if part.datasetExamples != reference.datasetExamples {
                reasons.append("a dataset of \(part.datasetExamples) examples, not \(reference.datasetExamples) (made with another --examples?)")
            }
            for name in Set(referenceFields.keys).union(fields.keys).sorted() where referenceFields[name] != fields[name] {
                let mine = fields[name].map(show) ?? "none", theirs = referenceFields[name].map(show) ?? "none"
                switch name {
                case "scenario_sha256": reasons.append("another scenario (scenario_sha256 \(mine) vs \(theirs))")
                case "seed": reasons.append("another seed (\(mine) vs \(theirs))")
                case "policy": reasons.append("another release policy or classification marking (policy \(mine) vs \(theirs))")
                default: reasons.append("root attribute \(name) is \(mine), not \(theirs)")
                }
            }
            let mine = structure(part.reader.header)
            if let k = (0 ..< max(mine.count, referenceStructure.count)).first(where: { mine.indices.contains($0) != referenceStructure.indices.contains($0) || mine[$0] != referenceStructure[$0] }) {
                let line = mine.indices.contains(k) ? mine[k] : "(nothing)"
                reasons.append((line.hasPrefix("/marking") || line.hasPrefix("marking ") ? "it is marked differently: " : "its datasets differ: ")
                               + "\(line) vs \(referenceStructure.indices.contains(k) ? referenceStructure[k] : "(nothing)")")
            }
            problems.append("\(part.path): does not belong with \(reference.path): \(reasons.joined(separator: "; "))")
        }
        if !problems.isEmpty { throw MergeRefused(problems: problems) }
    }

    /// Root attributes and string lists, without the shard's own attributes.
    private static func fieldMap(_ header: DatasetHeader) -> [String: MetadataValue] {
        Dictionary(uniqueKeysWithValues: header.fields.filter { !ShardAttributes.all.contains($0.path) }.map { ($0.path, $0.value) })
    }

    /// Everything about a header's datasets but the number of examples, as comparable lines.
    private static func structure(_ header: DatasetHeader) -> [String] {
        let l = header.layout
        var lines: [String] = []
        // Parts marked differently (another schema, version or level) never merge, even where they
        // happen to release the same fields.
        if let marking = header.marking {
            lines.append("/marking: schema \(marking.text("schema_id")) \(marking.text("schema_version")) (SHA-256 \(marking.text("schema_sha256"))), "
                         + "level \(marking.text("level"))")
            lines += header.canonicalLines.filter { $0.hasPrefix("marking ") }
        } else {
            lines.append("/marking: none (written without a classification schema)")
        }
        lines.append("/iq: \(l.channels) channels × \(l.samplesPerExample) samples, \(l.blockExamples) examples per chunk, "
                     + (l.compression.map { "deflate \($0.deflateLevel)\($0.shuffle ? " + shuffle" : "")" } ?? "uncompressed"))
        if l.clean { lines.append("/iq_clean: as /iq") }
        if let s = l.spectrogram {
            lines.append("/spectrogram: \(s.rows) × \(s.frames), " + s.attributes.sorted { $0.0 < $1.0 }.map { "\($0.0)=\(show($0.1))" }.joined(separator: " "))
        }
        for (path, type) in header.columns {
            lines.append("column \(path): \(type)" + (l.units[path].map { " unit \($0)" } ?? "")
                         + (l.categories[path].map { " categories \($0.joined(separator: ","))" } ?? ""))
        }
        if header.annotations.isEmpty { lines.append("/annotations: none (not a scene)") }
        for (path, type) in header.annotations {
            lines.append("/annotations/\(path.dropFirst(DatasetHeader.annotationPrefix.count)): \(type)" + (l.units[path].map { " unit \($0)" } ?? "")
                         + (l.categories[path].map { " categories \($0.joined(separator: ","))" } ?? ""))
        }
        return lines
    }

    /// Sorts the parts by their first example and checks that they tile 0 ..< dataset examples: no
    /// overlap, no gap.
    static func checkCoverage(_ parts: [Part]) throws -> [Part] {
        let sorted = parts.sorted { ($0.start, $0.stop) < ($1.start, $1.stop) }
        let total = sorted[0].datasetExamples
        var problems: [String] = []
        var next = 0
        var previous: Part?
        for part in sorted {
            if part.start > next {
                let around = previous.map { "between \($0.path) (\($0.shard), ends at \(next)) and " } ?? "before "
                problems.append("examples \(next) ..< \(part.start) are missing: no part holds them (\(around)\(part.path), \(part.shard), starting at \(part.start))")
            } else if part.start < next, let previous {
                problems.append("\(part.path) (\(part.shard), examples \(part.start) ..< \(part.stop)) overlaps \(previous.path) "
                                + "(\(previous.shard), examples \(previous.start) ..< \(previous.stop)): both hold examples \(part.start) ..< \(min(next, part.stop))")
            }
            if part.stop > next {
                next = part.stop
                previous = part
            }
        }
        if next < total, let previous {
            problems.append("examples \(next) ..< \(total) are missing: no part holds them (after \(previous.path), \(previous.shard), which ends at \(next))")
        }
        if !problems.isEmpty { throw MergeRefused(problems: problems) }
        return sorted
    }

    static func show(_ value: MetadataValue) -> String {
        switch value {
        case .integer(let v): "\(v)"
        case .real(let v): "\(v)"
        case .text(let v): "\"\(v)\""
        case .texts(let v): "[" + v.map { "\"\($0)\"" }.joined(separator: ", ") + "]"
        case .reals(let v, let shape): "\(shape.map(String.init).joined(separator: "×")) array [" + v.map { "\($0)" }.joined(separator: ", ") + "]"
        }
    }
}

/// Shard K of N of a dataset (`--shard K/N`): a run of whole blocks, so that every shard holds whole
/// chunks and a merge can copy them as stored (docs/dataset.md, "Shards").
///
/// With nb = ⌈examples / blockExamples⌉ blocks, shard K holds blocks ⌊K·nb/N⌋ ..< ⌊(K+1)·nb/N⌋, i.e.
/// examples ⌊K·nb/N⌋·B ..< min(examples, ⌊(K+1)·nb/N⌋·B): consecutive shards tile the dataset, sizes
/// differ by at most one block, and only the last shard can end in a partial block.
public struct Shard: Sendable, Equatable, CustomStringConvertible {
    /// K, 0 ≤ K < N.
    public let index: Int
    /// N ≥ 1.
    public let count: Int

    public init(index: Int, count: Int) {
        precondition(count >= 1 && (0 ..< count).contains(index))
        self.index = index
        self.count = count
    }

    /// Parses `K/N`; the error says what is wrong and what is allowed.
    public init(parsing text: String) throws(ShardError) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let k = Int(parts[0]), let n = Int(parts[1]), k >= 0 else {
            throw ShardError("--shard \(text): expected K/N, two whole numbers with 0 ≤ K < N (e.g. --shard 0/4 … --shard 3/4)")
        }
        guard n >= 1 else { throw ShardError("--shard \(text): N (the number of shards) must be at least 1") }
        guard k < n else {
            throw ShardError("--shard \(text): K must be 0 … \(n - 1) for N = \(n) (shards are numbered from 0)")
        }
        self.init(index: k, count: n)
    }

    public var description: String { "\(index)/\(count)" }

    /// The blocks of this shard out of `blockCount`.
    public func blocks(of blockCount: Int) -> Range<Int> {
        // Products fit: blockCount ≤ 10^9 examples and N ≤ blockCount (checked by `check`).
        index * blockCount / count ..< (index + 1) * blockCount / count
    }

    /// Refuses more shards than blocks (a shard would be empty).
    public func check(blockCount: Int, blockExamples: Int, examples: Int) throws(ShardError) {
        guard count <= blockCount else {
            throw ShardError("--shard \(self): the dataset has \(examples) examples in \(blockCount) block\(blockCount == 1 ? "" : "s") of \(blockExamples); "
                + "N can be at most \(blockCount) so that every shard holds at least one block (or set output.block_examples smaller)")
        }
    }
}

/// A `--shard` value that cannot be used (bad input).
public struct ShardError: Error, CustomStringConvertible {
    public let message: String
    init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// Root attributes of a shard file (absent from a whole run's file and from a merged one).
public enum ShardAttributes {
    /// K (int64).
    public static let index = "shard_index"
    /// N (int64).
    public static let count = "shard_count"
    /// The first example the shard holds, as an index of the whole dataset (int64).
    public static let exampleStart = "shard_example_start"
    /// One past the last example the shard holds (int64).
    public static let exampleStop = "shard_example_stop"
    /// Examples of the whole dataset (int64).
    public static let datasetExamples = "shard_dataset_examples"

    public static let all: Set<String> = [index, count, exampleStart, exampleStop, datasetExamples]
}

import Crypto
import Foundation

/// The secret of the `hash` operator: given at run time from a file or standard input, never on the
/// command line (argv is world-readable in /proc) and never written anywhere (REDACTION.md #13, #15).
public struct HashKey: Sendable {
    /// At least 128 bits.
    public static let minimumBytes = 16
    let bytes: [UInt8]

    /// The key is the bytes given, with one trailing newline removed (an `echo`ed or edited key file).
    /// - Parameter source: where the bytes came from (`--key-file K`, standard input), for messages.
    /// - Throws: `PolicyRefusal` when fewer than `minimumBytes` remain.
    public init(bytes: some Collection<UInt8>, source: String) throws(PolicyRefusal) {
        var bytes = Array(bytes)
        if bytes.last == 0x0A { bytes.removeLast() }
        guard bytes.count >= Self.minimumBytes else {
            throw PolicyRefusal("\(source): the hash key has \(bytes.count) bytes; it needs at least \(Self.minimumBytes) "
                                + "(make one with: head -c 32 /dev/urandom > KEY && chmod 600 KEY)")
        }
        self.bytes = bytes
    }
}

/// The `hash` operator: HMAC-SHA256 under a run-time key, domain-separated by field path, over a
/// canonical encoding of the value, so that equal values of one field hash equally in every file made
/// with the same key and nothing can be enumerated without it (REDACTION.md #13).
///
/// Message: `specgen/1` 0x00 path 0x00 canonical(value); canonical: integers in decimal, reals as Swift's
/// shortest round-trip `description` (−0 as 0), text as is, text lists joined by 0x00, real lists joined
/// by `,`. A root attribute becomes the 64 hex digits of the MAC; a column value becomes its first eight
/// bytes as a big-endian signed 64-bit integer (an identifier; collisions at 2^−64 per pair).
public struct FieldHasher: Sendable {
    let key: HashKey

    public init(key: HashKey) { self.key = key }

    /// The MAC of one value of a field.
    func mac(path: String, canonical: String) -> [UInt8] {
        var message = Data("specgen/1".utf8)
        message.append(0)
        message.append(contentsOf: Array(path.utf8))
        message.append(0)
        message.append(contentsOf: Array(canonical.utf8))
        return Array(HMAC<SHA256>.authenticationCode(for: message, using: SymmetricKey(data: key.bytes)))
    }

    /// A file-level value's hash: 64 lower-case hex digits.
    public func hash(path: String, value: MetadataValue) -> String {
        mac(path: path, canonical: Self.canonical(value)).map { String(format: "%02x", $0) }.joined()
    }

    /// A per-example value's hash: the MAC's first eight bytes, big-endian, as an Int64.
    public func hash(path: String, element: Double) -> Int64 {
        let bytes = mac(path: path, canonical: Self.canonical(element))
        return Int64(bitPattern: bytes.prefix(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) })
    }

    static func canonical(_ value: Double) -> String { value == 0 ? "0.0" : value.description }

    static func canonical(_ value: MetadataValue) -> String {
        switch value {
        case .integer(let v): String(v)
        case .real(let v): canonical(v)
        case .text(let v): v
        case .texts(let v): v.joined(separator: "\u{0}")
        case .reals(let v, _): v.map(canonical).joined(separator: ",")
        }
    }
}

/// Why a schema cannot be applied to this run (a key missing or too short, a format rule the scenario
/// breaks, a site policy): bad input, refused before anything is written (exit status 2).
public struct PolicyRefusal: Error, Sendable, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

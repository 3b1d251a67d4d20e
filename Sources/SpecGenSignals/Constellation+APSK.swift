import Numerics

/// One ring of an APSK constellation: `count` points at radius `radius` (relative to ring 1) and angles
/// `offset + 2πk/count`.
public struct APSKRing: Sendable, Equatable {
    public let count: Int
    public let radius: Double
    public let offset: Double

    public init(count: Int, radius: Double, offset: Double) {
        self.count = count
        self.radius = radius
        self.offset = offset
    }
}

extension Constellation {
    /// Amplitude-and-phase-shift keying on concentric rings, scaled to unit average energy. Labels run
    /// ring by ring from the inside out and counter-clockwise from each ring's offset (not the DVB-S2
    /// bit mapping: symbols are uniform, so the mapping does not change the signal).
    public static func apsk(_ rings: [APSKRing]) -> Constellation {
        var points: [Complex<Double>] = []
        for ring in rings {
            for k in 0 ..< ring.count {
                let angle = ring.offset + 2 * Double.pi * Double(k) / Double(ring.count)
                points.append(Complex(ring.radius * _cosine(angle), ring.radius * _sine(angle)))
            }
        }
        return unitEnergy(points)
    }

    /// The APSK layouts of `apsk(order:)`, from ETSI EN 302 307-1 (DVB-S2) and EN 302 307-2 (DVB-S2X):
    /// - 16: 4 + 12, γ = R2/R1 = 3.15 (DVB-S2 Table 9, code rate 2/3); inner ring at π/4 + kπ/2, outer at π/12 + kπ/6.
    /// - 32: 4 + 12 + 16, γ1 = 2.84, γ2 = 5.27 (DVB-S2 Table 10, code rate 3/4, the lowest rate 32APSK has);
    ///   outer ring at kπ/8.
    /// - 64: 4 + 12 + 20 + 28, R2/R1 = 2.4, R3/R1 = 4.3, R4/R1 = 7.0 (DVB-S2X 64APSK 4+12+20+28, code rate
    ///   132/180); every ring at (2k + 1)π/N, as in the standard.
    /// - 128: 16 + 16 + 16 + 16 + 16 + 48, R_i/R1 = 1, 1.715, 2.118, 2.681, 2.75, 3.819 (DVB-S2X 128APSK,
    ///   code rate 135/180). The standard gives each point an individually optimised phase; specgen keeps
    ///   the ring sizes and radii and spaces every ring uniformly, staggering neighbouring rings: offsets
    ///   π/16, 0, π/16, π/16, 0, π/48 (rings 4 and 5, nearly equal in radius, interleave).
    public static func apskRings(order: Int) -> [APSKRing] {
        let pi = Double.pi
        switch order {
        case 16:
            return [APSKRing(count: 4, radius: 1, offset: pi / 4), APSKRing(count: 12, radius: 3.15, offset: pi / 12)]
        case 32:
            return [APSKRing(count: 4, radius: 1, offset: pi / 4), APSKRing(count: 12, radius: 2.84, offset: pi / 12),
                    APSKRing(count: 16, radius: 5.27, offset: 0)]
        case 64:
            return [APSKRing(count: 4, radius: 1, offset: pi / 4), APSKRing(count: 12, radius: 2.4, offset: pi / 12),
                    APSKRing(count: 20, radius: 4.3, offset: pi / 20), APSKRing(count: 28, radius: 7.0, offset: pi / 28)]
        case 128:
            return [APSKRing(count: 16, radius: 1, offset: pi / 16), APSKRing(count: 16, radius: 1.715, offset: 0),
                    APSKRing(count: 16, radius: 2.118, offset: pi / 16), APSKRing(count: 16, radius: 2.681, offset: pi / 16),
                    APSKRing(count: 16, radius: 2.75, offset: 0), APSKRing(count: 48, radius: 3.819, offset: pi / 48)]
        default:
            preconditionFailure("APSK order \(order) is not one of 16, 32, 64, 128")
        }
    }

    /// DVB-S2/S2X APSK of order 16, 32, 64 or 128 (see `apskRings(order:)`).
    public static func apsk(order: Int) -> Constellation { apsk(apskRings(order: order)) }
}

import Foundation
import Numerics
import SpecGenSignals
import Testing

/// Exhaustive checks over every constellation specgen can draw from (finite domain: every point of
/// every order).
@Suite struct ConstellationTests {
    static let all: [(String, Constellation)] =
        [("ook", .onOff)]
        + [1, 2, 3].map { ("\(1 << $0)-ask", Constellation.pam(1 << $0)) }
        + (1 ... 6).map { ("\(1 << $0)-psk", Constellation.phaseShiftKeying(1 << $0)) }
        + (4 ... 10).map { ("\(1 << $0)-qam", Constellation.qam(1 << $0)) }
        + (4 ... 7).map { ("\(1 << $0)-apsk", Constellation.apsk(order: 1 << $0)) }

    static func d(_ a: Complex<Float>) -> Complex<Double> { Complex(Double(a.real), Double(a.imaginary)) }

    /// Pairs of labels at the minimum distance (within 1e-4 relative): the nearest neighbours.
    static func nearestPairs(_ c: Constellation) -> [(Int, Int)] {
        let p = c.points.map(d)
        var dmin = Double.infinity
        for i in p.indices { for j in p.indices where j > i { dmin = min(dmin, (p[i] - p[j]).length) } }
        var pairs: [(Int, Int)] = []
        for i in p.indices { for j in p.indices where j > i && (p[i] - p[j]).length < dmin * (1 + 1e-4) { pairs.append((i, j)) } }
        return pairs
    }

    /// M distinct points (no two closer than 1e-4), unit average energy to single precision.
    @Test(arguments: all)
    func sizeDistinctnessAndUnitEnergy(name: String, c: Constellation) {
        let m = c.points.count
        #expect(m == 1 << c.bitsPerSymbol)
        let energy = c.points.reduce(0.0) { $0 + Self.d($1).lengthSquared } / Double(m)
        #expect(abs(energy - 1) < 1e-6, "\(name): E = \(energy)")
        let p = c.points.map(Self.d)
        var closest = Double.infinity
        for i in p.indices { for j in p.indices where j > i { closest = min(closest, (p[i] - p[j]).length) } }
        #expect(closest > 1e-4, "\(name): two points coincide")
    }

    @Test func ordersAreRight() {
        let expected = [2, 2, 4, 8, 2, 4, 8, 16, 32, 64, 16, 32, 64, 128, 256, 512, 1024, 16, 32, 64, 128]
        #expect(Self.all.map(\.1.points.count) == expected)
    }

    /// Gray labelling: for PSK, PAM and square QAM every pair of nearest neighbours differs in exactly
    /// one bit (exhaustive over all pairs).
    @Test(arguments: all.filter { $0.0.hasSuffix("-psk") || $0.0.hasSuffix("-ask")
                                  || [16, 64, 256, 1024].contains($0.1.points.count) && $0.0.hasSuffix("-qam") })
    func grayLabelling(name: String, c: Constellation) {
        let pairs = Self.nearestPairs(c)
        #expect(!pairs.isEmpty)
        for (i, j) in pairs { #expect((i ^ j).nonzeroBitCount == 1, "\(name): labels \(i), \(j) are neighbours") }
    }

    /// Cross QAM: the s × s odd grid without its four w × w corners (s = 6, 12, 24; w = s/6); labels keep
    /// the Gray rectangle's single-bit neighbours inside the middle band |Q| < R (the folded arms are
    /// quasi-Gray only: the mean bits per nearest-neighbour pair is reported in docs/emitters/linear.md).
    @Test(arguments: [(32, 6), (128, 12), (512, 24)])
    func crossQAMGeometryAndLabels(order: Int, side: Int) {
        let c = Constellation.qam(order)
        let pairs = Self.nearestPairs(c)
        let dmin = (Self.d(c.points[pairs[0].0]) - Self.d(c.points[pairs[0].1])).length
        let grid = c.points.map { p -> (Int, Int) in
            (Int((Double(p.real) / dmin * 2).rounded()), Int((Double(p.imaginary) / dmin * 2).rounded()))
        }
        let w = side / 6, band = side - 2 * w  // R: rows of the original rectangle
        var expected = Set<[Int]>()
        for i in stride(from: -side + 1, through: side - 1, by: 2) {
            for q in stride(from: -side + 1, through: side - 1, by: 2) where !(abs(i) > band - 1 && abs(q) > band - 1) {
                expected.insert([i, q])
            }
        }
        #expect(Set(grid.map { [$0.0, $0.1] }) == expected)
        #expect(expected.count == order)
        var bandPairs = 0, totalBits = 0
        for (i, j) in pairs {
            let bits = (i ^ j).nonzeroBitCount
            totalBits += bits
            if abs(grid[i].1) <= band - 1, abs(grid[j].1) <= band - 1 {
                #expect(bits == 1, "\(order)-QAM middle band labels \(i), \(j)")
                bandPairs += 1
            }
        }
        #expect(bandPairs > pairs.count / 2)
        print("\(order)-QAM: \(pairs.count) nearest-neighbour pairs, mean \(Double(totalBits) / Double(pairs.count)) bits")
    }

    /// APSK: the documented rings — point counts per ring, radius ratios R_i/R_1 and angles
    /// offset + 2πk/N, exactly (to single precision).
    @Test(arguments: [16, 32, 64, 128])
    func apskRings(order: Int) {
        let rings = Constellation.apskRings(order: order)
        let c = Constellation.apsk(order: order)
        #expect(rings.reduce(0) { $0 + $1.count } == order)
        let inner = Self.d(c.points[0]).length
        var label = 0
        for ring in rings {
            for k in 0 ..< ring.count {
                let p = Self.d(c.points[label])
                #expect(abs(p.length / inner - ring.radius) < 1e-5 * ring.radius)
                let angle = ring.offset + 2 * Double.pi * Double(k) / Double(ring.count)
                #expect((p.divided(by: p.length) - Complex(cos(angle), sin(angle))).length < 1e-5)
                label += 1
            }
        }
        let documented: [Int: [Double]] = [16: [1, 3.15], 32: [1, 2.84, 5.27], 64: [1, 2.4, 4.3, 7.0],
                                           128: [1, 1.715, 2.118, 2.681, 2.75, 3.819]]
        #expect(rings.map(\.radius) == documented[order]!)
    }

    /// The legacy alphabets are the same point sets as before (labels are now Gray).
    @Test func legacyPointSets() {
        func set(_ c: Constellation) -> Set<[Int]> { Set(c.points.map { [Int(($0.real * 1e5).rounded()), Int(($0.imaginary * 1e5).rounded())] }) }
        let r = Float(0.5).squareRoot(), q = Float(0.1).squareRoot()
        #expect(set(.qpsk) == set(Constellation(points: [Complex(r, r), Complex(-r, r), Complex(-r, -r), Complex(r, -r)])))
        #expect(set(.bpsk) == set(Constellation(points: [Complex(1, 0), Complex(-1, 0)])))
        var qam: [Complex<Float>] = []
        for i in [-3, -1, 1, 3] { for k in [-3, -1, 1, 3] { qam.append(Complex(Float(i) * q, Float(k) * q)) } }
        #expect(set(.qam16) == set(Constellation(points: qam)))
        #expect(Constellation.onOff.points == [.zero, Complex(Float(2.0.squareRoot()), 0)])
    }
}

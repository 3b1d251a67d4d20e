import Numerics

extension Constellation {
    /// Square or cross M-QAM by order: M = 4^k is square, M = 2^(2k+1) ≥ 32 is a cross.
    public static func qam(_ order: Int) -> Constellation {
        order.trailingZeroBitCount % 2 == 0 ? squareQAM(order) : crossQAM(order)
    }

    /// Square M-QAM (M = 4^k) on the odd-integer grid {±1, ±3, …}², scaled to unit average energy
    /// (E = 2(M − 1)/3 before scaling; Proakis 5th ed., eq. 3.2-41). Gray labelled: the label is the
    /// in-phase level's Gray code (high k bits) followed by the quadrature level's, so horizontal and
    /// vertical neighbours differ in exactly one bit.
    public static func squareQAM(_ order: Int) -> Constellation {
        let bits = order.trailingZeroBitCount
        precondition(order >= 4 && order & (order - 1) == 0 && bits % 2 == 0, "square QAM needs M = 4^k")
        let side = 1 << (bits / 2)
        var points = [Complex<Double>](repeating: .zero, count: order)
        for column in 0 ..< side {
            for row in 0 ..< side {
                points[gray(column) << (bits / 2) | gray(row)] = Complex(Double(2 * column - side + 1), Double(2 * row - side + 1))
            }
        }
        return unitEnergy(points)
    }

    /// Cross M-QAM for an odd number of bits n ≥ 5 (32, 128, 512, …): the s × s odd-integer grid,
    /// s = 3·2^((n−3)/2), without its four w × w corners, w = s/6.
    ///
    /// Built as in J. G. Smith, "Odd-bit quadrature amplitude-shift keying", IEEE Trans. Commun. 23(3),
    /// 1975: start from a Gray-labelled rectangle of C = 2^((n+1)/2) in-phase by R = 2^((n−1)/2)
    /// quadrature levels (label = gray(column) ‖ gray(row)); its w outer columns on each side
    /// (|I| > s − 1) are folded onto the empty arms: (I, Q) → (sign I·|Q|, sign Q·(|I| − 2w)). A perfect
    /// Gray labelling does not exist for a cross; the rectangle's points keep theirs (one bit per
    /// neighbour inside the middle band) and the folded points differ from some neighbours in two bits
    /// (measured in the tests and in docs/emitters/linear.md).
    public static func crossQAM(_ order: Int) -> Constellation {
        let bits = order.trailingZeroBitCount
        precondition(order >= 32 && order & (order - 1) == 0 && bits % 2 == 1, "cross QAM needs M = 2^(2k+1) ≥ 32")
        let rowBits = (bits - 1) / 2
        let columns = 1 << (rowBits + 1), rows = 1 << rowBits
        let side = 3 << ((bits - 3) / 2)
        let fold = (columns - side) / 2
        var points = [Complex<Double>](repeating: .zero, count: order)
        for column in 0 ..< columns {
            for row in 0 ..< rows {
                var i = 2 * column - columns + 1, q = 2 * row - rows + 1
                if abs(i) > side - 1 {
                    (i, q) = (i.signum() * abs(q), q.signum() * (abs(i) - 2 * fold))
                }
                points[gray(column) << rowBits | gray(row)] = Complex(Double(i), Double(q))
            }
        }
        return unitEnergy(points)
    }
}

import Synchronization

/// A standard tapped-delay-line profile, turned into `MultipathFading` taps for a sample rate.
///
/// The data are in `FadingProfileTable` (3GPP TR 38.901 §7.7.2 TDL-A … E; TS 36.104 Annex B.2 EPA, EVA,
/// ETU; TS 45.005 Annex C.3 / COST 207 TU6, RA6, HT6, BU6). TDL delays are normalised and scale with the
/// RMS delay spread; the others are absolute.
public enum FadingProfile: String, CaseIterable, Sendable {
    case tdlA = "tdl_a", tdlB = "tdl_b", tdlC = "tdl_c", tdlD = "tdl_d", tdlE = "tdl_e"
    case epa, eva, etu
    case tu6, ra6, ht6, bu6

    /// Whether the delays scale with a delay spread (TR 38.901 TDL) or are absolute (the others).
    public var scalesWithDelaySpread: Bool {
        switch self {
        case .tdlA, .tdlB, .tdlC, .tdlD, .tdlE: true
        case .epa, .eva, .etu, .tu6, .ra6, .ht6, .bu6: false
        }
    }

    /// Seconds per unit of the table's absolute delays: ns (TS 36.104), µs (TS 45.005 / COST 207).
    var secondsPerTableUnit: Double {
        switch self {
        case .tu6, .ra6, .ht6, .bu6: 1e-6
        default: 1e-9
        }
    }

    var rows: [FadingProfileTable.Row] {
        switch self {
        case .tdlA: FadingProfileTable.tdlA
        case .tdlB: FadingProfileTable.tdlB
        case .tdlC: FadingProfileTable.tdlC
        case .tdlD: FadingProfileTable.tdlD
        case .tdlE: FadingProfileTable.tdlE
        case .epa: FadingProfileTable.epa
        case .eva: FadingProfileTable.eva
        case .etu: FadingProfileTable.etu
        case .tu6: FadingProfileTable.tu6
        case .ra6: FadingProfileTable.ra6
        case .ht6: FadingProfileTable.ht6
        case .bu6: FadingProfileTable.bu6
        }
    }

    /// The taps in samples, in table order (powers in linear units, not yet normalised — the stage
    /// normalises). A specular row is merged with the Rayleigh row at the same delay into one Rician tap:
    /// power P_LOS + P_Rayleigh, K = P_LOS/P_Rayleigh. A row with its own K (COST 207 RA6's first tap) keeps
    /// it; every other tap is Rayleigh.
    ///
    /// - Parameters:
    ///   - delaySpread: RMS delay spread in seconds, (0, 1e-4], for TDL-A … E (TR 38.901 Table 7.7.3-1/2
    ///     lists 10 ns … 1 µs); ignored by the profiles with absolute delays.
    ///   - sampleRate: samples per second, > 0.
    ///
    /// Conversions are cached by (profile, seconds per table unit, sample rate) — at most 256, shared by all
    /// threads: the engine asks once per example, nearly always with the same arguments.
    public func taps(delaySpread: Double, sampleRate: Double) -> [MultipathFading.Tap] {
        precondition(sampleRate > 0 && sampleRate.isFinite, "sample rate > 0")
        precondition(!scalesWithDelaySpread || (delaySpread > 0 && delaySpread <= 1e-4), "delay spread in (0, 1e-4] s")
        let key = TapsKey(profile: self, secondsPerUnit: scalesWithDelaySpread ? delaySpread : secondsPerTableUnit, sampleRate: sampleRate)
        if let taps = Self.converted.withLock({ $0[key] }) { return taps }
        let taps = convert(secondsPerUnit: key.secondsPerUnit, sampleRate: sampleRate)
        Self.converted.withLock { converted in
            if converted.count >= 256 { converted.removeAll() }
            converted[key] = taps
        }
        return taps
    }

    private struct TapsKey: Hashable { let profile: FadingProfile, secondsPerUnit: Double, sampleRate: Double }
    private static let converted = Mutex<[TapsKey: [MultipathFading.Tap]]>([:])

    private func convert(secondsPerUnit: Double, sampleRate: Double) -> [MultipathFading.Tap] {
        let rows = self.rows
        var taps: [MultipathFading.Tap] = []
        var specularPower: [Double: Double] = [:]
        for row in rows where row.specular { specularPower[row.delay, default: 0] += _pow10(row.powerDB / 10) }
        for row in rows where !row.specular {
            let diffuse = _pow10(row.powerDB / 10)
            let los = specularPower.removeValue(forKey: row.delay) ?? 0
            precondition(los == 0 || row.kFactor == 0, "a row with its own K-factor and a specular row at its delay")
            taps.append(MultipathFading.Tap(delay: row.delay * secondsPerUnit * sampleRate, power: diffuse + los,
                                            kFactor: los > 0 ? los / diffuse : row.kFactor))
        }
        precondition(specularPower.isEmpty, "a specular row without a Rayleigh row at its delay")
        return taps
    }
}

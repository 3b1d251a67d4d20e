/// The delay profiles of the standard tapped-delay-line models, as data.
///
/// - TDL-A … TDL-E: 3GPP TR 38.901 (V16/V17) §7.7.2, Tables 7.7.2-1 … 7.7.2-5: normalised delays (multiply
///   by the RMS delay spread) and powers in dB. TDL-D and TDL-E list the first tap twice: a specular (LOS)
///   row and a Rayleigh row at the same delay; their ratio is the K-factor (13.3 dB and 22 dB).
/// - EPA, EVA, ETU: 3GPP TS 36.104 Annex B.2, Tables B.2-1 … B.2-3 (the same tables are TS 36.101
///   Annex B.2.1, Tables B.2.1-2 … B.2.1-4): excess delays in ns, powers in dB.
/// - TU6, RA6, HT6: 3GPP TS 45.005 (formerly GSM 05.05) Annex C.3, the 6-tap settings, column (1)
///   (the same taps as COST 207's 6-tap RA and alternative 6-tap TU and HT profiles: COST 207, *Digital
///   land mobile radio communications*, final report, Luxembourg 1989); BU6 is not in 45.005: COST 207's
///   6-tap bad urban profile (not its alternative). Delays in µs, powers in dB.
///
/// Cross-checked value by value against two independent transcriptions: MathWorks' `stdchan.m`
/// (`gsmTUx6c1`, `gsmRAx6c1`, `gsmHTx6c1`, `cost207BUx6`, citing TS 45.005 V7.9.0 and COST 207) and
/// IT++ `itpp/comm/channel.cpp` (`COST207_TU6alt`, `COST207_RA6`, `COST207_HT6alt`, `COST207_BU`);
/// EPA/EVA/ETU against srsLTE `channel_fading.c` ("36.104 R10 section B.2"), QuaDRiGa
/// `qd_builder.gen_cdl_model` (TS 36.104 V16.5.0) and the tables of TS 36.101 Annex B.2.1. All agree
/// with the rows below (one other transcription found with EVA's 370 ns tap at −6.0 dB is a typo:
/// every other source and 36.101 give −0.6 dB).
enum FadingProfileTable {
    /// One row: delay (normalised, ns for the 36.104 profiles, µs for COST 207 / 45.005), power in dB,
    /// whether it is the specular line-of-sight row, and a Rician K-factor (linear) for a row that
    /// carries its own (COST 207 "RICE" taps).
    struct Row {
        let delay: Double
        let powerDB: Double
        let specular: Bool
        let kFactor: Double
        init(_ delay: Double, _ powerDB: Double, specular: Bool = false, kFactor: Double = 0) {
            self.delay = delay
            self.powerDB = powerDB
            self.specular = specular
            self.kFactor = kFactor
        }
    }

    /// TR 38.901 Table 7.7.2-1, TDL-A (NLOS), 23 taps.
    static let tdlA: [Row] = [
        Row(0.0000, -13.4), Row(0.3819, 0.0), Row(0.4025, -2.2), Row(0.5868, -4.0), Row(0.4610, -6.0),
        Row(0.5375, -8.2), Row(0.6708, -9.9), Row(0.5750, -10.5), Row(0.7618, -7.5), Row(1.5375, -15.9),
        Row(1.8978, -6.6), Row(2.2242, -16.7), Row(2.1718, -12.4), Row(2.4942, -15.2), Row(2.5119, -10.8),
        Row(3.0582, -11.3), Row(4.0810, -12.7), Row(4.4579, -16.2), Row(4.5695, -18.3), Row(4.7966, -18.9),
        Row(5.0066, -16.6), Row(5.3043, -19.9), Row(9.6586, -29.7),
    ]

    /// TR 38.901 Table 7.7.2-2, TDL-B (NLOS), 23 taps.
    static let tdlB: [Row] = [
        Row(0.0000, 0.0), Row(0.1072, -2.2), Row(0.2155, -4.0), Row(0.2095, -3.2), Row(0.2870, -9.8),
        Row(0.2986, -1.2), Row(0.3752, -3.4), Row(0.5055, -5.2), Row(0.3681, -7.6), Row(0.3697, -3.0),
        Row(0.5700, -8.9), Row(0.5283, -9.0), Row(1.1021, -4.8), Row(1.2756, -5.7), Row(1.5474, -7.5),
        Row(1.7842, -1.9), Row(2.0169, -7.6), Row(2.8294, -12.2), Row(3.0219, -9.8), Row(3.6187, -11.4),
        Row(4.1067, -14.9), Row(4.2790, -9.2), Row(4.7834, -11.3),
    ]

    /// TR 38.901 Table 7.7.2-3, TDL-C (NLOS), 24 taps.
    static let tdlC: [Row] = [
        Row(0.0000, -4.4), Row(0.2099, -1.2), Row(0.2219, -3.5), Row(0.2329, -5.2), Row(0.2176, -2.5),
        Row(0.6366, 0.0), Row(0.6448, -2.2), Row(0.6560, -3.9), Row(0.6584, -7.4), Row(0.7935, -7.1),
        Row(0.8213, -10.7), Row(0.9336, -11.1), Row(1.2285, -5.1), Row(1.3083, -6.8), Row(2.1704, -8.7),
        Row(2.7105, -13.2), Row(4.2589, -13.9), Row(4.6003, -13.9), Row(5.4902, -15.8), Row(5.6077, -17.1),
        Row(6.3065, -16.0), Row(6.6374, -15.7), Row(7.0427, -21.6), Row(8.6523, -22.8),
    ]

    /// TR 38.901 Table 7.7.2-4, TDL-D (LOS, K = 13.3 dB), 13 taps (the first as two rows).
    static let tdlD: [Row] = [
        Row(0.000, -0.2, specular: true), Row(0.000, -13.5), Row(0.035, -18.8), Row(0.612, -21.0),
        Row(1.363, -22.8), Row(1.405, -17.9), Row(1.804, -20.1), Row(2.596, -21.9), Row(1.775, -22.9),
        Row(4.042, -27.8), Row(7.937, -23.6), Row(9.424, -24.8), Row(9.708, -30.0), Row(12.525, -27.7),
    ]

    /// TR 38.901 Table 7.7.2-5, TDL-E (LOS, K = 22 dB), 14 taps (the first as two rows).
    static let tdlE: [Row] = [
        Row(0.0000, -0.03, specular: true), Row(0.0000, -22.03), Row(0.5133, -15.8), Row(0.5440, -18.1),
        Row(0.5630, -19.8), Row(0.5440, -22.9), Row(0.7112, -22.4), Row(1.9092, -18.6), Row(1.9293, -20.8),
        Row(1.9589, -22.6), Row(2.6426, -22.3), Row(3.7136, -25.6), Row(5.4524, -20.2), Row(12.0034, -29.8),
        Row(20.6519, -29.2),
    ]

    /// TS 36.104 Table B.2-1 (TS 36.101 Table B.2.1-2), Extended Pedestrian A (delays in ns).
    static let epa: [Row] = [
        Row(0, 0.0), Row(30, -1.0), Row(70, -2.0), Row(90, -3.0), Row(110, -8.0), Row(190, -17.2), Row(410, -20.8),
    ]

    /// TS 36.104 Table B.2-2 (TS 36.101 Table B.2.1-3), Extended Vehicular A (delays in ns).
    static let eva: [Row] = [
        Row(0, 0.0), Row(30, -1.5), Row(150, -1.4), Row(310, -3.6), Row(370, -0.6), Row(710, -9.1),
        Row(1090, -7.0), Row(1730, -12.0), Row(2510, -16.9),
    ]

    /// TS 36.104 Table B.2-3 (TS 36.101 Table B.2.1-4), Extended Typical Urban (delays in ns).
    static let etu: [Row] = [
        Row(0, -1.0), Row(50, -1.0), Row(120, -1.0), Row(200, 0.0), Row(230, 0.0), Row(500, 0.0),
        Row(1600, -3.0), Row(2300, -5.0), Row(5000, -7.0),
    ]

    /// TS 45.005 Annex C.3, typical case for urban area TUx, 6-tap setting (1) (delays in µs). COST 207
    /// gives these taps CLASS (Jakes) spectra up to 0.5 µs and Gaussian ones beyond; 45.005 uses CLASS for
    /// every tap, as this model does.
    static let tu6: [Row] = [
        Row(0.0, -3.0), Row(0.2, 0.0), Row(0.5, -2.0), Row(1.6, -6.0), Row(2.3, -8.0), Row(5.0, -10.0),
    ]

    /// The COST 207 "RICE" Doppler spectrum of the rural-area direct tap, 0.41²/(2πf_D√(1 − (f/f_D)²)) +
    /// 0.91²·δ(f − 0.7 f_D) in power: K = (0.91/0.41)² = 4.93 (6.9 dB). (`stdchan.m` rounds it to
    /// 0.83/0.17 = 4.88; the line's Doppler 0.7 f_D is `los_angle_deg` = 45.57°, our default 45° gives 0.707.)
    static let ruralAreaKFactor = (0.91 / 0.41) * (0.91 / 0.41)

    /// TS 45.005 Annex C.3, typical case for rural area RAx, 6-tap setting (delays in µs); the first tap
    /// is Rician (RICE spectrum, `ruralAreaKFactor`), the others Rayleigh.
    static let ra6: [Row] = [
        Row(0.0, 0.0, kFactor: ruralAreaKFactor), Row(0.1, -4.0), Row(0.2, -8.0), Row(0.3, -12.0), Row(0.4, -16.0),
        Row(0.5, -20.0),
    ]

    /// TS 45.005 Annex C.3, typical case for hilly terrain HTx, 6-tap setting (1) (delays in µs).
    static let ht6: [Row] = [
        Row(0.0, 0.0), Row(0.1, -1.5), Row(0.3, -4.5), Row(0.5, -7.5), Row(15.0, -8.0), Row(17.2, -17.7),
    ]

    /// COST 207 final report, 6-tap typical case for bad urban area BU (first column; delays in µs).
    static let bu6: [Row] = [
        Row(0.0, -3.0), Row(0.4, 0.0), Row(1.0, -3.0), Row(1.6, -5.0), Row(5.0, -2.0), Row(6.6, -4.0),
    ]
}

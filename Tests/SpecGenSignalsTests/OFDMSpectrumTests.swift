import Foundation
import Numerics
import SpecGenDSP
import SpecGenSignals
import SpecGenTestSupport
import Testing

@Suite struct OFDMSpectrumTests {
    /// The PSD of OFDM with independent zero-mean subcarrier values and rectangular symbols of
    /// T = N + CP samples is Σ_k sinc²((f − k/N)·T) over the occupied k (Nee & Prasad 2000, §2.3; the
    /// known pilot values add discrete lines on the same subcarriers, which the 127-symbol polarity
    /// sequence or the QPSK reference values spread like data). Evaluated on a 16,384-point grid.
    static func modelPSD(_ numerology: OFDMNumerology, grid: Int) -> [Double] {
        let n = Double(numerology.fftSize)
        let t = n + Double(numerology.cyclicPrefixes.reduce(0, +)) / Double(numerology.cyclicPrefixes.count)
        var psd = [Double](repeating: 0, count: grid)
        for j in 0 ..< numerology.occupied {
            let centre = Double(numerology.subcarrier(occupiedIndex: j)) / n
            for i in 0 ..< grid {
                var d = Double(i) / Double(grid) - 0.5 - centre
                d -= d.rounded()  // the sampled spectrum is periodic in f
                let x = Double.pi * d * t
                psd[i] += x == 0 ? 1 : (sin(x) / x) * (sin(x) / x)
            }
        }
        return psd
    }

    /// Occupied 99 % bandwidth ≈ K·Fs/N. A brick-wall band of K subcarriers has a 99 % band of 0.99·K·Fs/N;
    /// the sinc² skirts of the rectangular symbols add to it (less with a longer symbol T = N + CP): the
    /// model above gives +0.2 … +1.2 % for these cases (and −1 % as K grows large), so the measured
    /// value must be within 3 % of K·Fs/N. Against the model itself the measurement (Welch, 1024-point
    /// Hann segments over 2^17 samples) may differ by the estimator's resolution: the Hann main lobe
    /// spreads a band edge over ±2 bins and `occupiedBand` quantises each edge to a bin: 3 bins in all.
    @Test(arguments: [
        OFDMCase("802.11a/g ×2", .wlan(oversampling: 2), .qam16),
        OFDMCase("LTE 1.4 MHz", .lte(.mhz1_4, oversampling: 1), .qam16),
        OFDMCase("LTE 5 MHz", .lte(.mhz5, oversampling: 1), .qam16),
        OFDMCase("custom 256/180, CP 32", .custom(fftSize: 256, occupied: 180, cyclicPrefix: 32, pilotSpacing: 12), .qam16),
    ])
    func occupiedBandwidthIsSubcarriersTimesSpacing(_ c: OFDMCase) {
        let (name, numerology) = (c.name, c.numerology)
        let ofdm = OFDM(numerology: numerology, constellation: c.constellation, gridOffset: 0.3)
        let size = 1024
        let measured = occupiedBand(welchPSD(render(ofdm, length: 1 << 17, seed: 3), size: size), fraction: 0.99).width
        let nominal = Double(numerology.occupied) / Double(numerology.fftSize)
        let model = occupiedBand(Self.modelPSD(numerology, grid: 16384), fraction: 0.99).width
        #expect(abs(model / nominal - 1) < 0.02, "\(name): model 99 % band \(model) vs K/N \(nominal)")
        #expect(abs(measured - model) <= 3.0 / Double(size), "\(name): measured \(measured) vs model \(model)")
        #expect(abs(measured / nominal - 1) < 0.03, "\(name): measured \(measured) vs K/N \(nominal)")
    }
}

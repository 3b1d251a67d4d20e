import Foundation
import Numerics
import SpecGenDSP
import SpecGenSignals

/// Welch's averaged periodogram (P. D. Welch, IEEE Trans. Audio Electroacoust. 15(2), 1967) of complex
/// samples: Hann-windowed (or `window`ed) segments of `size` with 50 % overlap, two-sided and centred — bin f is the
/// frequency (f − size/2)/size cycles/sample. Scaled as power per bin: the bins sum to the mean power.
public func welchPSD(_ x: [Complex<Float>], size: Int, window given: [Float]? = nil) -> [Double] {
    precondition(x.count >= size && size >= 2 && (given?.count ?? size) == size)
    let window = given ?? WindowKind.hann.coefficients(size)
    let energy = window.reduce(0.0) { $0 + Double($1 * $1) }
    let plan = FFTPlan.cached(size: size, direction: .forward)
    let input = AlignedBuffer<Complex<Float>>(count: size), output = AlignedBuffer<Complex<Float>>(count: size)
    var psd = [Double](repeating: 0, count: size)
    var segments = 0
    for start in stride(from: 0, through: x.count - size, by: size / 2) {
        for n in 0 ..< size { input.baseAddress[n] = x[start + n].multiplied(by: window[n]) }
        plan.execute(input: input.baseAddress, output: output.baseAddress)
        for k in 0 ..< size { psd[(k + size / 2) % size] += Double(output.baseAddress[k].lengthSquared) }
        segments += 1
    }
    return psd.map { $0 / (Double(segments) * energy * Double(size)) }
}

/// The frequency of PSD bin f (cycles/sample) for a centred spectrum of `size` bins.
public func binFrequency(_ f: Int, size: Int) -> Double { Double(f - size / 2) / Double(size) }

/// The narrowest band [f_low, f_high] (cycles/sample) holding `fraction` of the power, found by
/// trimming (1 − fraction)/2 of the power from each side of the centred PSD (the ITU-R SM.328 "x %
/// power" definition of occupied bandwidth). Resolution: one bin.
public func occupiedBand(_ psd: [Double], fraction: Double) -> (low: Double, high: Double, width: Double) {
    let total = psd.reduce(0, +)
    let tail = (1 - fraction) / 2 * total
    var cumulative = 0.0, low = 0
    while low < psd.count - 1, cumulative + psd[low] <= tail { cumulative += psd[low]; low += 1 }
    cumulative = 0
    var high = psd.count - 1
    while high > 0, cumulative + psd[high] <= tail { cumulative += psd[high]; high -= 1 }
    let n = psd.count
    let fl = binFrequency(low, size: n) - 0.5 / Double(n), fh = binFrequency(high, size: n) + 0.5 / Double(n)
    return (fl, fh, fh - fl)
}

/// Renders `length` samples of an emitter with a fresh scratch (test convenience).
public func render(_ emitter: any Emitter, length: Int, seed: UInt64 = 1, example: UInt64 = 0) -> [Complex<Float>] {
    var x = [Complex<Float>](repeating: .zero, count: length)
    var stream = RandomStream(seed: seed, example: example, stream: .symbols)
    x.withUnsafeMutableBufferPointer { emitter.render(into: $0, stream: &stream, scratch: SynthesisScratch()) }
    return x
}

import Foundation
import Numerics
import SpecGenDSP
import SpecGenSignals
import SpecGenTestSupport
import Testing

/// The fading stage's C kernels (CKernels/fading.c: the combined FIR, the per-tap filter and gain, the
/// Doppler gain grid) against the Swift code they replaced, bit for bit, once per kernel build this
/// machine can run: stages that take every path (combined and per tap, band-limited and full-band
/// interpolators, integer and fractional delays, Rayleigh and Rician taps, static, slow and fast Doppler
/// with the Taylor and the libm rotations, M = 8, 13, 16, 20, 21, 30 sinusoids, grid steps 1 … 256, segments
/// of 8, 16, 24, 40 and 136 samples for the 16-lane blocks) on seeded random rows of awkward lengths (not
/// multiples of 8 or 16). Equal to the reference at every level means equal across levels.
@Suite(.serialized) struct FadingKernelTests {
    static let stages: [(String, MultipathFading)] = {
        let ra6 = [0.0, 0.1, 0.2, 0.3, 0.4, 0.5].enumerated().map { i, d in
            MultipathFading.Tap(delay: d, powerDB: -4 * Double(i), kFactorDB: i == 0 ? 6.9 : nil)
        }
        func many(_ n: Int) -> [MultipathFading.Tap] {
            (0 ..< n).map { (i: Int) -> MultipathFading.Tap in
                let delay: Double = 0.7 * Double(i), power: Double = 1 / Double(i + 1), k: Double = i % 3 == 0 ? 2 : 0
                return MultipathFading.Tap(delay: delay, power: power, kFactor: k)
            }
        }
        let sparse: [MultipathFading.Tap] = [.init(delay: 0, power: 1), .init(delay: 2.5, power: 0.5, kFactor: 2),
                                             .init(delay: 7, power: 0.3), .init(delay: 30.25, power: 0.1, kFactor: 10)]
        return [
            ("combined, band-limited (H = 3), step 40", MultipathFading(taps: ra6, maximumDoppler: 3e-4, inputBand: 0.084)),
            ("combined, full band, step 136", MultipathFading(taps: ra6, maximumDoppler: 1e-4)),
            ("combined forced, sparse, static", MultipathFading(taps: Array(sparse.prefix(3)), maximumDoppler: 0, evaluation: .combined)),
            ("combined, M = 13, step 8", MultipathFading(taps: ra6, maximumDoppler: 1e-3, sinusoids: 13, gainGridStep: 8, inputBand: 0.084)),
            ("combined, M = 30, Rician LOS at 0°", MultipathFading(taps: ra6, maximumDoppler: 2e-4, lineOfSightCosine: 1, sinusoids: 30)),
            ("per tap, step 6", MultipathFading(taps: sparse, maximumDoppler: 0.002)),
            ("per tap forced, band-limited, step 40", MultipathFading(taps: sparse, maximumDoppler: 3e-4, evaluation: .perTap, inputBand: 0.1)),
            ("per tap, step 3, M = 8", MultipathFading(taps: sparse, maximumDoppler: 0.001, sinusoids: 8, gainGridStep: 3)),
            ("per tap, fast Doppler (libm rotations), step 1",
             MultipathFading(taps: [.init(delay: 1.5, power: 1, kFactor: 3), .init(delay: 4, power: 0.2)], maximumDoppler: 0.3)),
            ("flat Rician, static", MultipathFading(taps: [.init(delay: 0, power: 1, kFactor: 5)], maximumDoppler: 0)),
            // The AVX-512 builds: segments of 16 samples, of 24 (16 + 8), of 8 (the 8-lane block alone); a
            // long kernel (the lag loop not unrolled); five and eight sinusoid groups (the packed grid beyond
            // four groups) with some groups' rotations by Taylor and others' by libm.
            ("combined, step 16, M = 20", MultipathFading(taps: ra6, maximumDoppler: 1e-3, sinusoids: 20, gainGridStep: 16, inputBand: 0.084)),
            ("combined forced, long kernel, step 24",
             MultipathFading(taps: ra6.map { .init(delay: 3 * $0.delay, power: $0.power, kFactor: $0.kFactor) }, maximumDoppler: 5e-4,
                             gainGridStep: 24, evaluation: .combined)),
            ("combined, M = 30, step 8, mixed Taylor and libm rotations",
             MultipathFading(taps: ra6, maximumDoppler: 0.006, sinusoids: 30, gainGridStep: 8, inputBand: 0.084)),
            ("per tap, M = 30, step 12, mixed rotations", MultipathFading(taps: sparse, maximumDoppler: 0.004, sinusoids: 30, gainGridStep: 12)),
            ("per tap, M = 21, step 13, band-limited",
             MultipathFading(taps: sparse, maximumDoppler: 0.002, sinusoids: 21, gainGridStep: 13, inputBand: 0.2)),
            // More taps than a batch of the Doppler grids holds (8 taps of up to 64/8 groups each).
            ("combined forced, 11 taps, step 16", MultipathFading(taps: many(11), maximumDoppler: 1e-3, gainGridStep: 16, evaluation: .combined)),
            ("per tap forced, 9 taps, M = 60, step 24",
             MultipathFading(taps: many(9), maximumDoppler: 2e-3, sinusoids: 60, gainGridStep: 24, evaluation: .perTap)),
            ("per tap forced, 3 taps, M = 256, step 8",
             MultipathFading(taps: many(3), maximumDoppler: 1e-3, sinusoids: 256, gainGridStep: 8, evaluation: .perTap)),
        ]
    }()

    @Test(arguments: KernelLevel.available)
    func stageMatchesSwiftReference(level: KernelLevel) {
        let hold = KernelLevelHold(level)
        defer { hold.release() }
        #expect(hold.level == level)
        var generator = SplitMix64(seed: 20_260_501)
        let scratch = SynthesisScratch()
        for (name, stage) in Self.stages {
            for length in [0, 1, 7, 8, 9, 15, 16, 17, 24, 31, 33, 40, 41, 255, 1000, 1029] {
                let input = (0 ..< length).map { _ in
                    Complex(Float(Int(generator.next() >> 40)) * 0x1p-23 - 1, Float(Int(generator.next() >> 40)) * 0x1p-23 - 1)
                }
                let example = generator.next() % 1000
                var stream = RandomStream(seed: 9, example: example, stream: StreamID(rawValue: 77))
                var expected = input
                SwiftFadingReference.apply(stage, to: &expected, stream: &stream)
                let actual = fade(stage, input, seed: 9, example: Int(example), scratch: scratch)
                let same = zip(actual, expected).allSatisfy {
                    $0.real.bitPattern == $1.real.bitPattern && $0.imaginary.bitPattern == $1.imaginary.bitPattern
                }
                #expect(actual.count == expected.count && same, "\(name), \(length) samples, \(level)")
            }
        }
    }

    /// Each stage takes the evaluation its name says.
    @Test func stagesTakeTheirPaths() {
        for (name, stage) in Self.stages {
            #expect(stage.usesCombinedKernel == name.hasPrefix("combined") || name.hasPrefix("flat"), "\(name)")
        }
    }

    /// Every level's output against the lowest level's, bit for bit (the same rows and streams).
    @Test func levelsAgree() {
        let levels = KernelLevel.available
        var generator = SplitMix64(seed: 20_260_502)
        let scratch = SynthesisScratch()
        for (name, stage) in Self.stages {
            for length in [8, 17, 33, 1000, 1031] {
                let input = (0 ..< length).map { _ in
                    Complex(Float(Int(generator.next() >> 40)) * 0x1p-23 - 1, Float(Int(generator.next() >> 40)) * 0x1p-23 - 1)
                }
                let example = Int(generator.next() % 1000)
                let outputs = levels.map { level in
                    let hold = KernelLevelHold(level)
                    defer { hold.release() }
                    return fade(stage, input, seed: 5, example: example, scratch: scratch).flatMap { [$0.real.bitPattern, $0.imaginary.bitPattern] }
                }
                for (level, output) in zip(levels, outputs).dropFirst() {
                    let same = output == outputs[0]
                    #expect(same, "\(name), \(length) samples, \(level) against \(levels[0])")
                }
            }
        }
    }
}

/// The fading stage as it was in Swift before its loops moved to CKernels (MultipathFading.swift and
/// DopplerProcess.swift before the move), through the stage's public properties.
enum SwiftFadingReference {
    static func apply(_ stage: MultipathFading, to row: inout [Complex<Float>], stream: inout RandomStream) {
        guard !row.isEmpty else { return }
        let h = stage.halfLength
        let integers = stage.taps.map { Int($0.delay.rounded(.down)) }
        let fractions = stage.taps.map { $0.delay - $0.delay.rounded(.down) }
        let fractional = fractions.map { $0 != 0 }
        let coefficients = fractions.flatMap {
            $0 != 0 ? FadingInterpolator.coefficients(fraction: $0, halfLength: h) : [Float](repeating: 0, count: 2 * h)
        }
        let doppler = Doppler(maximumDoppler: stage.maximumDoppler, lineOfSightCosine: stage.lineOfSightCosine,
                              sinusoids: stage.sinusoids, step: stage.gridStep)
        row.withUnsafeMutableBufferPointer { row in
            if stage.usesCombinedKernel {
                let low = zip(integers, fractional).map { $1 ? $0 - h + 1 : $0 }.min()!
                let length = zip(integers, fractional).map { $1 ? $0 + h : $0 }.max()! - low + 1
                var kernels = [Float](repeating: 0, count: integers.count * length)
                for i in integers.indices {
                    if fractional[i] {
                        for m in 0 ..< 2 * h { kernels[i * length + integers[i] + m - h + 1 - low] = coefficients[2 * h * i + m] }
                    } else {
                        kernels[i * length + integers[i] - low] = 1
                    }
                }
                combined(row, stage: stage, low: low, length: length, kernels: kernels, doppler: doppler, stream: &stream)
            } else {
                perTap(row, stage: stage, integers: integers, fractional: fractional, coefficients: coefficients, doppler: doppler,
                       stream: &stream)
            }
        }
    }

    static func combined(_ row: UnsafeMutableBufferPointer<Complex<Float>>, stage: MultipathFading, low: Int, length: Int, kernels: [Float],
                         doppler: Doppler, stream: inout RandomStream) {
        let count = row.count, step = stage.gridStep
        let padded = (count + 7) / 8 * 8
        let high = low + length - 1
        let front = max(high, 0), span = front + max(padded - low, count)
        var inputStorage = [Float](repeating: 0, count: 2 * span), outputStorage = [Float](repeating: 0, count: 2 * padded)
        let points = (count - 1) / step + 2
        var gainStorage = [Complex<Float>](repeating: .zero, count: stage.taps.count * points)
        inputStorage.withUnsafeMutableBufferPointer { inputBuffer in
        outputStorage.withUnsafeMutableBufferPointer { outputBuffer in
        gainStorage.withUnsafeMutableBufferPointer { gainBuffer in
            let input = inputBuffer.baseAddress!
            let re = input + front, im = input + span + front
            let interleaved = UnsafeMutableRawPointer(row.baseAddress!).assumingMemoryBound(to: Float.self)
            for k in 0 ..< count {
                re[k] = interleaved[2 * k]
                im[k] = interleaved[2 * k + 1]
            }
            let outRe = outputBuffer.baseAddress!, outIm = outRe + padded
            let gains = gainBuffer.baseAddress!
            let gainFloats = UnsafeRawPointer(gains).assumingMemoryBound(to: Float.self)
            for (i, tap) in stage.taps.enumerated() {
                doppler.fillGrid(gains + i * points, points: points, power: tap.power, kFactor: tap.kFactor, stream: &stream)
            }
            let tapCount = stage.taps.count
            var buffer = [Float](repeating: 0, count: 6 * length)
            buffer.withUnsafeMutableBufferPointer { buffer in
                let startRe = buffer.baseAddress!, startIm = startRe + length
                let endRe = startIm + length, endIm = endRe + length
                let slopeRe = endIm + length, slopeIm = slopeRe + length
                func combine(point j: Int, re: UnsafeMutablePointer<Float>, im: UnsafeMutablePointer<Float>) {
                    re.update(repeating: 0, count: length)
                    im.update(repeating: 0, count: length)
                    for i in 0 ..< tapCount {
                        let gr = gainFloats[2 * (i * points + j)], gi = gainFloats[2 * (i * points + j) + 1]
                        for l in 0 ..< length {
                            re[l] += gr * kernels[i * length + l]
                            im[l] += gi * kernels[i * length + l]
                        }
                    }
                }
                combine(point: 0, re: endRe, im: endIm)
                let inverse = 1 / Float(step)
                let ramp = SIMD8<Float>(0, 1, 2, 3, 4, 5, 6, 7)
                var j = 0, start = 0
                while start < count {
                    startRe.update(from: endRe, count: length)
                    startIm.update(from: endIm, count: length)
                    combine(point: j + 1, re: endRe, im: endIm)
                    for l in 0 ..< length {
                        slopeRe[l] = (endRe[l] - startRe[l]) * inverse
                        slopeIm[l] = (endIm[l] - startIm[l]) * inverse
                    }
                    let end = min(start + step, padded)
                    var n = start
                    while n < end {
                        let t = ramp + Float(n - start)
                        var yr = SIMD8<Float>(), yi = SIMD8<Float>()
                        let xr = UnsafeRawPointer(re + n - low), xi = UnsafeRawPointer(im + n - low)
                        for l in 0 ..< length {
                            let cr = SIMD8(repeating: startRe[l]) + t * SIMD8(repeating: slopeRe[l])
                            let ci = SIMD8(repeating: startIm[l]) + t * SIMD8(repeating: slopeIm[l])
                            let vr = xr.loadUnaligned(fromByteOffset: -4 * l, as: SIMD8<Float>.self)
                            let vi = xi.loadUnaligned(fromByteOffset: -4 * l, as: SIMD8<Float>.self)
                            yr += cr * vr - ci * vi
                            yi += cr * vi + ci * vr
                        }
                        UnsafeMutableRawPointer(outRe + n).storeBytes(of: yr, as: SIMD8<Float>.self)
                        UnsafeMutableRawPointer(outIm + n).storeBytes(of: yi, as: SIMD8<Float>.self)
                        n += 8
                    }
                    start += step
                    j += 1
                }
            }
            for k in 0 ..< count {
                interleaved[2 * k] = outRe[k]
                interleaved[2 * k + 1] = outIm[k]
            }
        }
        }
        }
    }

    static func perTap(_ row: UnsafeMutableBufferPointer<Complex<Float>>, stage: MultipathFading, integers: [Int], fractional: [Bool],
                       coefficients: [Float], doppler: Doppler, stream: inout RandomStream) {
        let count = row.count, h = stage.halfLength
        let front = stage.history, step = stage.gridStep, chunk = step * max(1, 512 / step)
        var padded = [Complex<Float>](repeating: .zero, count: front + count + h)
        for k in 0 ..< count { padded[front + k] = row[k] }
        let points = (count - 1) / step + 2
        var gainStorage = [Complex<Float>](repeating: .zero, count: points)
        var delayedStorage = [Complex<Float>](repeating: .zero, count: chunk)
        let output = row.baseAddress!
        output.update(repeating: .zero, count: count)
        padded.withUnsafeMutableBufferPointer { padded in
        gainStorage.withUnsafeMutableBufferPointer { gainBuffer in
        delayedStorage.withUnsafeMutableBufferPointer { delayedBuffer in
        coefficients.withUnsafeBufferPointer { allCoefficients in
            let input = padded.baseAddress! + front, gains = gainBuffer.baseAddress!, delayed = delayedBuffer.baseAddress!
            for (i, tap) in stage.taps.enumerated() {
                doppler.fillGrid(gains, points: points, power: tap.power, kFactor: tap.kFactor, stream: &stream)
                let shifted = input - integers[i]
                let c = allCoefficients.baseAddress! + 2 * h * i
                var start = 0
                while start < count {
                    let n = min(chunk, count - start)
                    let source: UnsafePointer<Complex<Float>>
                    if fractional[i] {
                        interpolate(from: shifted + start, count: n, halfLength: h, coefficients: c, into: delayed)
                        source = UnsafePointer(delayed)
                    } else {
                        source = UnsafePointer(shifted + start)
                    }
                    accumulate(source, count: n, gains: gains + start / step, step: step, into: output + start)
                    start += n
                }
            }
        }
        }
        }
        }
    }

    static func interpolate(from x: UnsafePointer<Complex<Float>>, count: Int, halfLength h: Int, coefficients c: UnsafePointer<Float>,
                            into out: UnsafeMutablePointer<Complex<Float>>) {
        let xf = UnsafeRawPointer(x).assumingMemoryBound(to: Float.self)
        let of = UnsafeMutableRawPointer(out)
        let floats = 2 * count
        var f = 0
        while f + 8 <= floats {
            var acc = SIMD8<Float>(repeating: 0)
            for m in 0 ..< 2 * h {
                acc += SIMD8(repeating: c[m]) * UnsafeRawPointer(xf + f - 2 * (m - h + 1)).loadUnaligned(as: SIMD8<Float>.self)
            }
            of.storeBytes(of: acc, toByteOffset: 4 * f, as: SIMD8<Float>.self)
            f += 8
        }
        let tail = of.assumingMemoryBound(to: Float.self)
        while f < floats {
            var acc: Float = 0
            for m in 0 ..< 2 * h { acc += c[m] * xf[f - 2 * (m - h + 1)] }
            tail[f] = acc
            f += 1
        }
    }

    static func accumulate(_ x: UnsafePointer<Complex<Float>>, count: Int, gains: UnsafePointer<Complex<Float>>, step: Int,
                           into out: UnsafeMutablePointer<Complex<Float>>) {
        let inverse = 1 / Float(step)
        let xf = UnsafeRawPointer(x).assumingMemoryBound(to: Float.self)
        let of = UnsafeMutableRawPointer(out).assumingMemoryBound(to: Float.self)
        let ramp = SIMD8<Float>(0, 0, 1, 1, 2, 2, 3, 3), sign = SIMD8<Float>(-1, 1, -1, 1, -1, 1, -1, 1)
        var k = 0, j = 0
        while k < count {
            let g = UnsafeRawPointer(gains + j).assumingMemoryBound(to: Float.self)
            let a = g[0], b = g[1]
            let da = (g[2] - a) * inverse, db = (g[3] - b) * inverse
            let end = min(count, k + step)
            var n = k
            while n + 4 <= end {
                let t = ramp + Float(n - k)
                let gr = SIMD8(repeating: a) + SIMD8(repeating: da) * t, gi = SIMD8(repeating: b) + SIMD8(repeating: db) * t
                let v = UnsafeRawPointer(xf + 2 * n).loadUnaligned(as: SIMD8<Float>.self)
                let swapped = SIMD8(v[1], v[0], v[3], v[2], v[5], v[4], v[7], v[6])
                let o = UnsafeMutableRawPointer(of + 2 * n)
                let current = UnsafeRawPointer(o).loadUnaligned(as: SIMD8<Float>.self)
                o.storeBytes(of: current + gr * v + gi * sign * swapped, as: SIMD8<Float>.self)
                n += 4
            }
            while n < end {
                let t = Float(n - k)
                let gr = a + da * t, gi = b + db * t
                let xr = xf[2 * n], xi = xf[2 * n + 1]
                of[2 * n] += gr * xr - gi * xi
                of[2 * n + 1] += gr * xi + gi * xr
                n += 1
            }
            k = end
            j += 1
        }
    }

    /// DopplerProcess as it was.
    struct Doppler {
        let maximumDoppler: Double
        let sinusoids: Int
        let step: Int
        let angleStep: (cos: Double, sin: Double)
        let specularRotation: (cos: Double, sin: Double)

        init(maximumDoppler: Double, lineOfSightCosine: Double, sinusoids m: Int, step: Int) {
            self.maximumDoppler = maximumDoppler
            sinusoids = m
            self.step = step
            angleStep = (cos(2 * Double.pi / Double(m)), sin(2 * Double.pi / Double(m)))
            let w = 2 * Double.pi * maximumDoppler * lineOfSightCosine * Double(step)
            specularRotation = Self.rotation(SIMD4(repeating: w)).map { ($0.cos[0], $0.sin[0]) } ?? (cos(w), sin(w))
        }

        func fillGrid(_ output: UnsafeMutablePointer<Complex<Float>>, points: Int, power: Double, kFactor: Double,
                      stream: inout RandomStream) {
            let m = sinusoids
            let diffuse = (power / (kFactor + 1) / Double(m)).squareRoot()
            let specular = (power * kFactor / (kFactor + 1)).squareRoot()
            let groups = (m + 3) / 4
            let blocks = (m + 2 + 3) / 4
            var words = [UInt32](repeating: 0, count: 4 * blocks)
            var cycles = [Float](repeating: 0, count: m + 2)
            var e = [Complex<Float>](repeating: .zero, count: m + 2)
            words.withUnsafeMutableBufferPointer { stream.fill($0) }
            for n in 0 ..< m + 2 { cycles[n] = Float(words[n] >> 8) * 0x1p-24 }
            cycles[m] = (cycles[m] - 1) / Float(m)
            cycles.withUnsafeBufferPointer { c in e.withUnsafeMutableBufferPointer { UnitPhasor.fill($0, cycles: c.baseAddress!) } }
            let phasors = e.flatMap { [$0.real, $0.imaginary] }
            var phasorRe = [SIMD4<Double>](repeating: .zero, count: groups), phasorIm = phasorRe
            var rotationRe = phasorRe, rotationIm = phasorRe
            var angle = (Double(phasors[2 * m]), Double(phasors[2 * m + 1]))
            let norm = (angle.0 * angle.0 + angle.1 * angle.1).squareRoot()
            angle = (angle.0 / norm, angle.1 / norm)
            let turn = angleStep
            let scale = 2 * Double.pi * maximumDoppler * Double(step)
            for g in 0 ..< groups {
                var re = SIMD4<Double>(), im = SIMD4<Double>(), w = SIMD4<Double>()
                for lane in 0 ..< min(4, m - 4 * g) {
                    let i = 4 * g + lane
                    angle = (angle.0 * turn.cos - angle.1 * turn.sin, angle.0 * turn.sin + angle.1 * turn.cos)
                    re[lane] = diffuse * Double(phasors[2 * i])
                    im[lane] = diffuse * Double(phasors[2 * i + 1])
                    w[lane] = scale * angle.0
                }
                phasorRe[g] = re
                phasorIm[g] = im
                if let r = Self.rotation(w) {
                    rotationRe[g] = r.cos
                    rotationIm[g] = r.sin
                } else {
                    for lane in 0 ..< 4 {
                        rotationRe[g][lane] = cos(w[lane])
                        rotationIm[g][lane] = sin(w[lane])
                    }
                }
            }
            var losRe = specular * Double(phasors[2 * m + 2]), losIm = specular * Double(phasors[2 * m + 3])
            let los = specularRotation
            for k in 0 ..< points {
                var re = SIMD4<Double>(), im = SIMD4<Double>()
                for g in 0 ..< groups {
                    let pr = phasorRe[g], pi = phasorIm[g], rr = rotationRe[g], ri = rotationIm[g]
                    re += pr
                    im += pi
                    phasorRe[g] = pr * rr - pi * ri
                    phasorIm[g] = pr * ri + pi * rr
                }
                output[k] = Complex(Float((re[0] + re[1]) + (re[2] + re[3]) + losRe), Float((im[0] + im[1]) + (im[2] + im[3]) + losIm))
                (losRe, losIm) = (losRe * los.cos - losIm * los.sin, losRe * los.sin + losIm * los.cos)
            }
        }

        static func rotation(_ w: SIMD4<Double>) -> (cos: SIMD4<Double>, sin: SIMD4<Double>)? {
            let x = w * w
            guard all(x .<= 0.0625) else { return nil }
            var c = x * (1.0 / 20_922_789_888_000) - 1.0 / 87_178_291_200
            c = c * x + 1.0 / 479_001_600
            c = c * x - 1.0 / 3_628_800
            c = c * x + 1.0 / 40_320
            c = c * x - 1.0 / 720
            c = c * x + 1.0 / 24
            c = c * x - 0.5
            c = c * x + 1
            var s = x * (1.0 / 355_687_428_096_000) - 1.0 / 1_307_674_368_000
            s = s * x + 1.0 / 6_227_020_800
            s = s * x - 1.0 / 39_916_800
            s = s * x + 1.0 / 362_880
            s = s * x - 1.0 / 5040
            s = s * x + 1.0 / 120
            s = s * x - 1.0 / 6
            s = s * x + 1
            return (c, w * s)
        }
    }
}

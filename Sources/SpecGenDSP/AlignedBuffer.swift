import CFFTW

/// A fixed-size buffer allocated with `fftwf_malloc`, so that FFTW's SIMD plans can run on it (FFTW
/// requires new-array execution to have the alignment the plan was made with). Owned by reference:
/// the memory is freed with `fftwf_free` when the buffer goes away.
/// Element must be a trivial type (plain numbers and structs of them).
public final class AlignedBuffer<Element> {
    public let count: Int
    public let baseAddress: UnsafeMutablePointer<Element>

    /// Allocates `count` elements, zero-filled.
    public init(count: Int) {
        precondition(count >= 0)
        self.count = count
        let bytes = max(1, count) * MemoryLayout<Element>.stride
        guard let raw = fftwf_malloc(bytes) else { fatalError("fftwf_malloc(\(bytes)) failed: out of memory") }
        raw.initializeMemory(as: UInt8.self, repeating: 0, count: bytes)
        baseAddress = raw.bindMemory(to: Element.self, capacity: max(1, count))
    }

    deinit { fftwf_free(baseAddress) }

    /// The whole buffer, for tight loops.
    public var buffer: UnsafeMutableBufferPointer<Element> {
        UnsafeMutableBufferPointer(start: baseAddress, count: count)
    }

    /// A view of `range`, for handing a part to a kernel.
    public func slice(_ range: Range<Int>) -> UnsafeMutableBufferPointer<Element> {
        precondition(range.lowerBound >= 0 && range.upperBound <= count)
        return UnsafeMutableBufferPointer(start: baseAddress + range.lowerBound, count: range.count)
    }
}

import Foundation
import SpecGenScenario

/// A scenario from JSON text, failing the test loudly if it is invalid.
func scenario(_ json: String) throws -> Scenario {
    try Scenario.decode(Data(json.utf8))
}

/// A small scenario over the linear modulations and the tone, SNR `snr`, definition `definition`.
func mixedScenario(snr: String = #"{"uniform": {"low": 0, "high": 20}}"#, definition: String = "es_n0",
                   examples: Int = 200, length: Int = 1024, block: Int? = nil, spectrogram: Bool = false) throws -> Scenario {
    let output = [block.map { #""block_examples": \#($0)"# },
                  spectrogram ? #""spectrogram": {"fft_size": 64, "hop": 32}"# : nil].compactMap { $0 }.joined(separator: ", ")
    return try scenario("""
    {"format": "specgen-scenario", "version": 1, "seed": 12345, "examples": \(examples), "samples_per_example": \(length),
     "sample_rate_hz": 1e6, "snr_db": \(snr), "snr_definition": "\(definition)",
     "classes": [
       {"name": "BPSK", "emitter": {"type": "bpsk", "samples_per_symbol": 4}},
       {"name": "QPSK", "emitter": {"type": "qpsk", "samples_per_symbol": {"choice": {"values": [2, 8]}}, "rolloff": {"uniform": {"low": 0.2, "high": 0.5}}}},
       {"name": "8PSK", "emitter": {"type": "8psk"}},
       {"name": "16QAM", "emitter": {"type": "16qam", "samples_per_symbol": 16, "filter_span_symbols": 8}},
       {"name": "tone", "weight": 2, "emitter": {"type": "tone", "frequency_hz": {"uniform": {"low": -4e5, "high": 4e5}}}}
     ],
     "output": {\(output)}}
    """)
}

func temporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("specgen-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

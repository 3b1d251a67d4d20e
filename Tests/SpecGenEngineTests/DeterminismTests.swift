import Foundation
import SpecGenEngine
import SpecGenScenario
import Testing

@Suite struct DeterminismTests {
    /// Example i depends only on (seed, i): the same samples whether made alone, in a block of 7 or of 64.
    @Test func exampleDoesNotDependOnBlockSize() throws {
        let a = Generator.render(RunPlan(scenario: try mixedScenario(examples: 50, block: 7)), examples: 0 ..< 50)
        let b = Generator.render(RunPlan(scenario: try mixedScenario(examples: 50, block: 64)), examples: 0 ..< 50)
        let alone = Generator.render(RunPlan(scenario: try mixedScenario(examples: 50, block: 64)), examples: 33 ..< 34)
        #expect(a.map(\.iq) == b.map(\.iq))
        // Compared as bit patterns: the NaN of a parameter a class does not use must match too.
        #expect(a.map { $0.fields.mapValues(\.bitPattern) } == b.map { $0.fields.mapValues(\.bitPattern) })
        #expect(alone[0].iq == a[33].iq)
    }

    /// The file is byte-identical for 1, 2 and 3 threads (ordered writer, timestamps off).
    @Test func fileIsIdenticalForAnyThreadCount() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let s = try mixedScenario(examples: 120, block: 16, spectrogram: true)
        var contents: [Data] = []
        for threads in [1, 2, 3] {
            var options = RunOptions()
            options.output = directory.appendingPathComponent("t\(threads).h5").path
            options.threads = threads
            options.progress = .quiet
            _ = try Generator.run(s, options: options)
            contents.append(try Data(contentsOf: URL(fileURLWithPath: options.output!)))
        }
        #expect(contents[0] == contents[1])
        #expect(contents[0] == contents[2])
    }

    /// A different seed changes every example.
    @Test func seedChangesTheData() throws {
        let s = try mixedScenario(examples: 20)
        let a = Generator.render(RunPlan(scenario: s), examples: 0 ..< 20)
        let b = Generator.render(RunPlan(scenario: s, seed: 999), examples: 0 ..< 20)
        for (x, y) in zip(a, b) { #expect(x.iq != y.iq) }
    }

    /// Classes are drawn by weight: χ² of the class counts of 5,000 examples against the weights
    /// (1, 1, 1, 1, 2)/6; the 0.1 % critical value of χ²(4) is 18.47.
    @Test func classesFollowTheirWeights() throws {
        let plan = RunPlan(scenario: try mixedScenario(examples: 5000, length: 16))
        let examples = Generator.render(plan, examples: 0 ..< 5000)
        var counts = [Double](repeating: 0, count: 5)
        for e in examples { counts[Int(e.fields["labels.class_index"]!)] += 1 }
        let expected = [1.0, 1, 1, 1, 2].map { $0 / 6 * 5000 }
        let chi2 = zip(counts, expected).reduce(0.0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) / $1.1 }
        #expect(chi2 < 18.47)
    }
}

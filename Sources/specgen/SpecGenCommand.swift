import ArgumentParser
import Foundation
import SpecGenEngine

struct SpecGenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "specgen",
        abstract: "Synthetic RF training data: a scenario file in, an HDF5 dataset out.",
        discussion: """
            A scenario (JSON, docs/scenario.md) composes emitters, channels and noise; \
            `specgen run` turns it into IQ examples, labels and spectrograms in one HDF5 file \
            (docs/dataset.md). Classification schemas (docs/classification.md) are checked and \
            reviewed with `specgen schema`.

            Examples:
              specgen validate Scenarios/quickstart.json
              specgen run Scenarios/quickstart.json -o quickstart.h5
              specgen run Scenarios/quickstart.json -o quickstart.h5 --resume
              specgen run Scenarios/quickstart.json --shard 1/4 -o part-1.h5
              specgen merge -o quickstart.h5 part-*.h5
              specgen schema review Schemas/classification-four-level.json
              specgen audit data.h5 --schema Schemas/classification-four-level.json
              specgen plot quickstart.h5 --example 3 -o example3.png
              specgen export --yolo yolo --coco coco scene.h5

            Exit status: 0 success, 2 bad input (scenario, options, output path), \
            1 failure while running, 130 interrupted.
            """,
        version: SpecGen.version,
        subcommands: [Run.self, Merge.self, Validate.self, Emitters.self, Schema.self, Audit.self, Plot.self, Export.self])
}

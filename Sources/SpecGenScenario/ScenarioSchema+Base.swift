/// The parts of the scenario JSON Schema that do not come from the emitter catalogue (top-level keys,
/// distribution forms, output options). `ScenarioSchema.document()` adds `snr_db`, the emitter
/// definitions and every family's parameters from their `ParameterSpec`s.
extension ScenarioSchema {
    static let base = #"""
{
  "$defs": {
    "choice": {
      "additionalProperties": false,
      "description": "One of the listed values; weights optional (equal if absent), as many as values (checked by specgen).",
      "properties": {
        "values": {
          "description": "The candidate values, in the parameter's unit.",
          "items": {
            "type": "number"
          },
          "minItems": 1,
          "type": "array"
        },
        "weights": {
          "description": "Relative probabilities (> 0, dimensionless), one per value.",
          "items": {
            "exclusiveMinimum": 0,
            "type": "number"
          },
          "minItems": 1,
          "type": "array"
        }
      },
      "required": [
        "values"
      ],
      "type": "object"
    },
    "class": {
      "additionalProperties": false,
      "description": "One signal class.",
      "properties": {
        "emitter": {
          "$ref": "#/$defs/emitter"
        },
        "name": {
          "description": "Class name, 1-64 characters, unique within the scenario; written to /labels/class_names.",
          "maxLength": 64,
          "minLength": 1,
          "type": "string"
        },
        "weight": {
          "default": 1,
          "description": "Relative probability of the class (> 0, dimensionless; default 1).",
          "exclusiveMinimum": 0,
          "type": "number"
        }
      },
      "required": [
        "name",
        "emitter"
      ],
      "type": "object"
    },
    "compression": {
      "additionalProperties": false,
      "properties": {
        "deflate_level": {
          "description": "zlib deflate level, 1 (fastest) ... 9 (smallest).",
          "maximum": 9,
          "minimum": 1,
          "type": "integer"
        },
        "shuffle": {
          "description": "Apply the HDF5 byte-shuffle filter before deflate.",
          "type": "boolean"
        }
      },
      "required": [
        "deflate_level",
        "shuffle"
      ],
      "type": "object"
    },
    "distribution": {
      "additionalProperties": false,
      "description": "Exactly one of uniform, loguniform, normal, choice.",
      "maxProperties": 1,
      "minProperties": 1,
      "properties": {
        "choice": {
          "$ref": "#/$defs/choice"
        },
        "loguniform": {
          "$ref": "#/$defs/loguniform"
        },
        "normal": {
          "$ref": "#/$defs/normal"
        },
        "uniform": {
          "$ref": "#/$defs/uniform"
        }
      },
      "type": "object"
    },
    "integerChoice": {
      "additionalProperties": false,
      "description": "One of the listed integers; weights optional (equal if absent), as many as values (checked by specgen).",
      "properties": {
        "values": {
          "description": "The candidate values.",
          "items": {
            "type": "integer"
          },
          "minItems": 1,
          "type": "array"
        },
        "weights": {
          "description": "Relative probabilities (> 0, dimensionless), one per value.",
          "items": {
            "exclusiveMinimum": 0,
            "type": "number"
          },
          "minItems": 1,
          "type": "array"
        }
      },
      "required": [
        "values"
      ],
      "type": "object"
    },
    "integerDistribution": {
      "additionalProperties": false,
      "description": "Exactly one of uniform (on integers, inclusive) or choice; loguniform and normal are not allowed for integer parameters.",
      "maxProperties": 1,
      "minProperties": 1,
      "properties": {
        "choice": {
          "$ref": "#/$defs/integerChoice"
        },
        "uniform": {
          "$ref": "#/$defs/integerUniform"
        }
      },
      "type": "object"
    },
    "integerOrDistribution": {
      "description": "A fixed integer, or an integer distribution (uniform or choice) drawn from independently for each example.",
      "oneOf": [
        {
          "type": "integer"
        },
        {
          "$ref": "#/$defs/integerDistribution"
        }
      ]
    },
    "integerUniform": {
      "additionalProperties": false,
      "description": "Uniform on the integers low ... high inclusive; low <= high (checked by specgen).",
      "properties": {
        "high": {
          "description": "Largest value (inclusive).",
          "type": "integer"
        },
        "low": {
          "description": "Smallest value (inclusive).",
          "type": "integer"
        }
      },
      "required": [
        "low",
        "high"
      ],
      "type": "object"
    },
    "loguniform": {
      "additionalProperties": false,
      "description": "Log-uniform on [low, high), 0 < low < high (low < high checked by specgen). Not for integer parameters.",
      "properties": {
        "high": {
          "description": "Upper bound (> 0), in the parameter's unit.",
          "exclusiveMinimum": 0,
          "type": "number"
        },
        "low": {
          "description": "Lower bound (> 0), in the parameter's unit.",
          "exclusiveMinimum": 0,
          "type": "number"
        }
      },
      "required": [
        "low",
        "high"
      ],
      "type": "object"
    },
    "normal": {
      "additionalProperties": false,
      "description": "Gaussian. Not for integer parameters. Draws are clipped to the parameter's range; on a bounded parameter the mean must be at least 6 std inside both limits (checked by specgen).",
      "properties": {
        "mean": {
          "description": "Mean, in the parameter's unit.",
          "type": "number"
        },
        "std": {
          "description": "Standard deviation (> 0), in the parameter's unit.",
          "exclusiveMinimum": 0,
          "type": "number"
        }
      },
      "required": [
        "mean",
        "std"
      ],
      "type": "object"
    },
    "numberOrDistribution": {
      "description": "A fixed number, or a distribution drawn from independently for each example.",
      "oneOf": [
        {
          "type": "number"
        },
        {
          "$ref": "#/$defs/distribution"
        }
      ]
    },
    "output": {
      "additionalProperties": false,
      "description": "Dataset options.",
      "properties": {
        "block_examples": {
          "description": "Examples per HDF5 chunk and per unit of work, 1 ... 65,536 (default: about 1 MiB of IQ).",
          "maximum": 65536,
          "minimum": 1,
          "type": "integer"
        },
        "clean": {
          "default": false,
          "description": "Adds /iq_clean: every capture also without the thermal noise (the same draws, the same receiver stages), so that /iq − /iq_clean is the noise when there are no receiver stages; specgen run --clean turns it on.",
          "type": "boolean"
        },
        "masks": {
          "default": false,
          "description": "Scenes only, with a spectrogram: adds /masks (N, F, T) uint8, per spectrogram cell 1 + the class of the strongest burst where it rises above the noise, 0 for background (docs/scenes.md).",
          "type": "boolean"
        },
        "compression": {
          "default": null,
          "description": "Deflate (with optional byte shuffle) on /iq, /iq_clean, /spectrogram and /masks; null or absent: off.",
          "oneOf": [
            {
              "type": "null"
            },
            {
              "$ref": "#/$defs/compression"
            }
          ]
        },
        "spectrogram": {
          "default": null,
          "description": "Adds /spectrogram (short-time power spectrum); null or absent: off.",
          "oneOf": [
            {
              "type": "null"
            },
            {
              "$ref": "#/$defs/spectrogram"
            }
          ]
        }
      },
      "type": "object"
    },
    "spectrogram": {
      "additionalProperties": false,
      "properties": {
        "fft_size": {
          "description": "Frame length F in samples: a power of two, 8 ... 65,536, and at most samples_per_example (cross-field, checked by specgen).",
          "enum": [
            8,
            16,
            32,
            64,
            128,
            256,
            512,
            1024,
            2048,
            4096,
            8192,
            16384,
            32768,
            65536
          ]
        },
        "hop": {
          "description": "Samples between frame starts, 1 ... fft_size (default fft_size/2; the upper limit depends on fft_size, checked by specgen). T = floor((L - fft_size) / hop) + 1 frames.",
          "maximum": 65536,
          "minimum": 1,
          "type": "integer"
        },
        "normalize": {
          "default": "none",
          "description": "Per-example normalisation over all the example's cells (every channel): \"peak\" divides by the largest cell (0 dB), \"mean\" by the mean power (0 dB), \"standardize\" makes the stored values zero-mean with unit standard deviation (after the scale); \"none\" keeps |X|^2 / sum(w^2).",
          "enum": [
            "none",
            "peak",
            "mean",
            "standardize"
          ]
        },
        "scale": {
          "default": "db",
          "description": "\"linear\": |X|^2 / sum(w^2) (white noise of variance sigma^2 reads sigma^2); \"db\": 10 log10 of that in dB, floored at -300 dB.",
          "enum": [
            "db",
            "linear"
          ]
        },
        "sides": {
          "default": "two",
          "description": "\"two\": all fft_size frequencies, centred: row f is (f - F/2)/F cycles/sample; \"one\": rows 0 ... F/2, frequencies 0 ... 1/2 cycles/sample (the upper half of the band; F/2 + 1 rows).",
          "enum": [
            "two",
            "one"
          ]
        },
        "window": {
          "default": "hann",
          "description": "Window applied to each frame.",
          "enum": [
            "hann",
            "hamming",
            "blackman",
            "rectangular"
          ]
        }
      },
      "required": [
        "fft_size"
      ],
      "type": "object"
    },
    "uniform": {
      "additionalProperties": false,
      "description": "Uniform on [low, high); low < high (checked by specgen). Both ends must lie inside the parameter's allowed range.",
      "properties": {
        "high": {
          "description": "Upper bound (exclusive), in the parameter's unit.",
          "type": "number"
        },
        "low": {
          "description": "Lower bound (inclusive), in the parameter's unit.",
          "type": "number"
        }
      },
      "required": [
        "low",
        "high"
      ],
      "type": "object"
    }
  },
  "$id": "urn:specgen:schema:scenario:v1",
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "additionalProperties": false,
  "description": "A specgen scenario file: which signals to synthesise, how many, at what SNR, and how to write the HDF5 dataset. Machine-readable form of docs/scenario.md. Checks JSON Schema cannot express, and which `specgen validate` makes in addition: class names unique; tone frequency_hz inside (-sample_rate_hz/2, sample_rate_hz/2); the 6-sigma rule for `normal` distributions on bounded parameters; uniform/loguniform low < high; choice weights as many as values; output.spectrogram.fft_size <= samples_per_example and hop <= fft_size.",
  "properties": {
    "$schema": {
      "description": "Ignored by specgen; lets editors find this JSON Schema.",
      "type": "string"
    },
    "classes": {
      "description": "The signal classes (1 ... 1024), one drawn per example by weight. Class names must be unique (checked by specgen; JSON Schema cannot express it).",
      "items": {
        "$ref": "#/$defs/class"
      },
      "maxItems": 1024,
      "minItems": 1,
      "type": "array"
    },
    "examples": {
      "description": "Number of examples N in the dataset, 1 ... 10^9. `specgen run --examples` overrides it.",
      "maximum": 1000000000,
      "minimum": 1,
      "type": "integer"
    },
    "format": {
      "const": "specgen-scenario",
      "description": "File kind; always \"specgen-scenario\"."
    },
    "name": {
      "description": "Free text, 1-128 characters; not written to the dataset.",
      "maxLength": 128,
      "minLength": 1,
      "type": "string"
    },
    "output": {
      "$ref": "#/$defs/output"
    },
    "sample_rate_hz": {
      "description": "Sample rate Fs in Hz (> 0). Frequencies in Hz are relative to the capture centre.",
      "exclusiveMinimum": 0,
      "type": "number"
    },
    "samples_per_example": {
      "description": "Complex samples per example L (samples), 16 ... 16,777,216.",
      "maximum": 16777216,
      "minimum": 16,
      "type": "integer"
    },
    "scene": {
      "additionalProperties": false,
      "description": "A wideband scene (docs/scenes.md): every example is one capture holding bursts of the classes, each with its own parameters, time, band and SNR (snr_db: each burst's power over the noise in its own 99 % band), annotated in /annotations. Incompatible with array and snr_definition.",
      "properties": {
        "bursts": {"$ref": "#/$defs/integerOrDistribution", "default": {"uniform": {"low": 1, "high": 4}}, "description": "Bursts per capture, 0 ... 64 (0: noise only).", "minimum": 0, "maximum": 64},
        "centre_hz": {"$ref": "#/$defs/numberOrDistribution", "description": "Burst centre frequency in Hz relative to the capture centre, inside (-Fs/2, Fs/2); absent (default): uniform over the centres where its band fits and the overlap policy holds."},
        "continuous_probability": {"default": 0, "description": "Probability that a burst lasts the whole capture, 0 ... 1.", "maximum": 1, "minimum": 0, "type": "number"},
        "duration_s": {"$ref": "#/$defs/numberOrDistribution", "default": 0.001, "description": "On-time of a burst that is not continuous, seconds: at least 64 samples, at most the capture.", "exclusiveMinimum": 0},
        "max_placement_attempts": {"default": 100, "description": "Start times tried per burst before the run stops with an error (exit 2), 1 ... 100,000.", "maximum": 100000, "minimum": 1, "type": "integer"},
        "overlap": {"default": "none", "description": "none: boxes disjoint in time x frequency; frequency: bands disjoint (bursts may share time, never band); any: a burst may overlap the others with overlap_probability, else as none.", "enum": ["none", "frequency", "any"]},
        "overlap_probability": {"default": 1, "description": "With overlap any: the probability that a burst may overlap the others, 0 ... 1.", "maximum": 1, "minimum": 0, "type": "number"}
      },
      "type": "object"
    },
    "seed": {
      "description": "Key of every random draw, 0 ... 2^63-1 (dimensionless). `specgen run --seed` overrides it.",
      "maximum": 9223372036854775807,
      "minimum": 0,
      "type": "integer"
    },
    "snr_definition": {
      "default": "es_n0",
      "description": "How snr_db is defined. \"es_n0\" (default): Es/N0 = (P / sigma^2) * samples_per_symbol (for the tone a symbol is one sample). \"per_sample\": P / sigma^2, signal power over noise power in the full band Fs.",
      "enum": [
        "es_n0",
        "per_sample"
      ]
    },
    "version": {
      "const": 1,
      "description": "Scenario format version; always 1 for this schema."
    }
  },
  "required": [
    "format",
    "version",
    "seed",
    "examples",
    "samples_per_example",
    "sample_rate_hz",
    "snr_db",
    "classes"
  ],
  "title": "specgen scenario, format version 1",
  "type": "object"
}
"""#
}

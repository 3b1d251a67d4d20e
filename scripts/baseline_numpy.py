#!/usr/bin/env python3
"""Plain numpy/scipy generator for specgen's linear-modulation scenarios: the benchmark baseline.

This is the "competitor" that `scripts/bench` compares specgen against: what a competent numpy user
would write for the same job, vectorised over a block of examples (no Python loop per example or per
sample) but with no special tuning. Results follow the same model as specgen (docs/scenario.md) but
are not bit-identical to it (numpy's PCG64 stream, not specgen's).

Per block of B examples:
  * class, SNR and emitter parameters are drawn per example (constants, `uniform` and `choice`);
  * examples sharing (samples_per_symbol, filter_span_symbols) are synthesised together: random
    unit-energy symbols, upsampled by zero insertion, filtered by each example's root-raised-cosine
    taps (designed in numpy, scaled so sum(h^2) = sps, i.e. unit output power) with
    scipy.signal.fftconvolve along the sample axis, then an L-sample steady-state window is cut so
    that sample 0 is a symbol centre and no filter ramp is visible;
  * complex white Gaussian noise is added: sigma^2 = 1/snr (per_sample) or sps/snr (es_n0).

Supported scenario subset: emitters bpsk/qpsk/8psk/16qam whose samples_per_symbol, rolloff and
filter_span_symbols, like snr_db, are numbers or `uniform`/`choice` distributions; class weights;
snr_definition; samples_per_example; examples; output.block_examples and output.compression.
Anything else (tones, spectrograms, other distributions) is refused.

With `-o OUT.h5` the blocks are streamed to an HDF5 file in the layout of docs/dataset.md (/iq as
complex64 (N, 1, L) chunked per block, /labels/class_index, /labels/class_names, /labels/snr_db; no
/meta), so memory stays bounded by one block. With `--discard` the blocks are only synthesised.

Usage: baseline_numpy.py SCENARIO [--examples N] [--block B] (--discard | -o OUT.h5)

Prints one JSON line on stdout: {"samples": N*L, "seconds": T, "samples_per_s": N*L/T}, where T is
the wall time of the generation loop (including writing and closing the file with -o; excluding
interpreter start-up and scenario parsing).
"""

import argparse
import json
import sys
import time

import h5py
import numpy as np
from scipy import signal

CONSTELLATIONS = {
    "bpsk": np.array([1, -1], dtype=np.complex128),
    "qpsk": np.array([1 + 1j, -1 + 1j, -1 - 1j, 1 - 1j]) / np.sqrt(2),
    "8psk": np.exp(2j * np.pi * np.arange(8) / 8),
    "16qam": np.array([complex(i, q) for i in (-3, -1, 1, 3) for q in (-3, -1, 1, 3)]) / np.sqrt(10),
}
LINEAR_DEFAULTS = {"samples_per_symbol": 8, "rolloff": 0.35, "filter_span_symbols": 10}
INTEGER_PARAMETERS = {"samples_per_symbol", "filter_span_symbols"}


class ScenarioError(Exception):
    """The scenario uses something this baseline does not implement."""


def sampler(spec, path, integer):
    """Return draw(rng, n) -> array of n values for a number or a uniform/choice distribution."""
    if isinstance(spec, (int, float)) and not isinstance(spec, bool):
        return lambda rng, n: np.full(n, spec, dtype=np.int64 if integer else np.float64)
    if isinstance(spec, dict) and len(spec) == 1:
        (kind, args), = spec.items()
        if kind == "uniform":
            low, high = args["low"], args["high"]
            if integer:
                return lambda rng, n: rng.integers(low, high, size=n, endpoint=True)
            return lambda rng, n: rng.uniform(low, high, size=n)
        if kind == "choice":
            values = np.asarray(args["values"], dtype=np.int64 if integer else np.float64)
            weights = args.get("weights")
            p = None if weights is None else np.asarray(weights, dtype=np.float64) / np.sum(weights)
            return lambda rng, n: rng.choice(values, size=n, p=p)
    raise ScenarioError(f"{path}: unsupported value {json.dumps(spec)} (number, uniform or choice)")


class Scenario:
    """The parts of a scenario JSON that the baseline uses, with per-parameter samplers."""

    def __init__(self, doc):
        self.examples = int(doc["examples"])
        self.length = int(doc["samples_per_example"])
        self.seed = int(doc["seed"])
        self.snr_definition = doc.get("snr_definition", "es_n0")
        if self.snr_definition not in ("es_n0", "per_sample"):
            raise ScenarioError(f"snr_definition: unsupported value {self.snr_definition!r}")
        self.draw_snr_db = sampler(doc["snr_db"], "snr_db", integer=False)

        self.class_names, self.constellations, self.params = [], [], []
        weights = []
        for k, cls in enumerate(doc["classes"]):
            emitter = cls["emitter"]
            kind = emitter["type"]
            if kind not in CONSTELLATIONS:
                raise ScenarioError(f"classes[{k}].emitter.type: {kind!r} is not supported by the baseline")
            unknown = set(emitter) - {"type", *LINEAR_DEFAULTS}
            if unknown:
                raise ScenarioError(f"classes[{k}].emitter: unsupported keys {sorted(unknown)}")
            self.class_names.append(cls["name"])
            self.constellations.append(CONSTELLATIONS[kind])
            weights.append(float(cls.get("weight", 1)))
            self.params.append({
                name: sampler(emitter.get(name, default), f"classes[{k}].emitter.{name}",
                              integer=name in INTEGER_PARAMETERS)
                for name, default in LINEAR_DEFAULTS.items()
            })
        self.class_p = np.asarray(weights) / np.sum(weights)

        # Symbol table padded to the largest alphabet: row k holds class k's constellation.
        self.alphabet = np.array([len(c) for c in self.constellations])
        self.table = np.zeros((len(self.constellations), self.alphabet.max()), dtype=np.complex128)
        for k, points in enumerate(self.constellations):
            self.table[k, :len(points)] = points

        output = doc.get("output", {})
        if output.get("spectrogram") is not None:
            raise ScenarioError("output.spectrogram: not supported by the baseline")
        self.block_examples = output.get("block_examples")
        self.compression = output.get("compression")


def rrc_taps(alpha, sps, ntaps):
    """Root-raised-cosine taps, one row per roll-off in `alpha`, each scaled to sum(h^2) = sps."""
    alpha = np.asarray(alpha, dtype=np.float64)[:, None]
    t = (np.arange(ntaps) - (ntaps - 1) / 2) / sps          # time in symbols, centred
    with np.errstate(divide="ignore", invalid="ignore"):
        h = (np.sin(np.pi * t * (1 - alpha)) + 4 * alpha * t * np.cos(np.pi * t * (1 + alpha))) / (
            np.pi * t * (1 - (4 * alpha * t) ** 2))
        at_quarter = alpha / np.sqrt(2) * ((1 + 2 / np.pi) * np.sin(np.pi / (4 * alpha))
                                           + (1 - 2 / np.pi) * np.cos(np.pi / (4 * alpha)))
    h = np.where(np.isclose(np.abs(4 * alpha * t), 1.0), at_quarter, h)
    h = np.where(t == 0, 1 - alpha + 4 * alpha / np.pi, h)
    return h * np.sqrt(sps / np.sum(h * h, axis=1, keepdims=True))


def shaped_symbols(rng, sc, classes, rolloff, sps, span):
    """Unit-power RRC-shaped symbols for examples sharing sps and span: (len(classes), L) complex64."""
    ntaps = span * sps + 1
    delay = (ntaps - 1) // 2                                 # filter output index of a symbol centre
    # First window sample: a symbol centre late enough that every tap sees a symbol.
    start = delay + -(-(ntaps - 1 - delay) // sps) * sps
    nsym = -(-(start + sc.length) // sps)
    idx = rng.integers(0, sc.alphabet[classes][:, None], size=(len(classes), nsym))
    upsampled = np.zeros((len(classes), nsym * sps), dtype=np.complex64)
    upsampled[:, ::sps] = sc.table[classes[:, None], idx]
    taps = rrc_taps(rolloff, sps, ntaps).astype(np.float32)
    shaped = signal.fftconvolve(upsampled, taps, axes=1)
    return shaped[:, start:start + sc.length]


def synthesise_block(rng, sc, n):
    """One block of n examples: (iq complex64 (n, L), class_index int32 (n,), snr_db float32 (n,))."""
    classes = rng.choice(len(sc.class_names), size=n, p=sc.class_p)
    snr_db = sc.draw_snr_db(rng, n)
    params = {name: np.empty(n, dtype=np.int64 if name in INTEGER_PARAMETERS else np.float64)
              for name in LINEAR_DEFAULTS}
    for k, draws in enumerate(sc.params):
        rows = classes == k
        for name, draw in draws.items():
            params[name][rows] = draw(rng, np.count_nonzero(rows))

    sps, span = params["samples_per_symbol"], params["filter_span_symbols"]
    iq = np.empty((n, sc.length), dtype=np.complex64)
    groups = np.unique(np.stack([sps, span], axis=1), axis=0)
    for g_sps, g_span in groups:
        rows = np.flatnonzero((sps == g_sps) & (span == g_span))
        iq[rows] = shaped_symbols(rng, sc, classes[rows], params["rolloff"][rows], g_sps, g_span)

    noise_var = 10 ** (-snr_db / 10)
    if sc.snr_definition == "es_n0":
        noise_var = noise_var * sps
    noise = rng.standard_normal((n, 2 * sc.length), dtype=np.float32).view(np.complex64)
    iq += noise * np.sqrt(noise_var / 2).astype(np.float32)[:, None]
    return iq, classes.astype(np.int32), snr_db.astype(np.float32)


def create_output(path, sc, n, block):
    """Create the HDF5 file with empty /iq and /labels datasets for n examples; return it open."""
    f = h5py.File(path, "w")
    compression = {}
    if sc.compression:
        compression = {"compression": "gzip", "compression_opts": sc.compression["deflate_level"],
                       "shuffle": bool(sc.compression.get("shuffle", False))}
    iq = f.create_dataset("iq", shape=(n, 1, sc.length), dtype=np.complex64,
                          chunks=(min(block, n), 1, sc.length), **compression)
    iq.attrs["axes"] = "example,channel,sample"
    labels = f.create_group("labels")
    class_index = labels.create_dataset("class_index", shape=(n,), dtype=np.int32)
    class_index.attrs["axes"] = "example"
    labels.create_dataset("class_names", data=sc.class_names, dtype=h5py.string_dtype("utf-8"))
    snr_db = labels.create_dataset("snr_db", shape=(n,), dtype=np.float32)
    snr_db.attrs["axes"] = "example"
    snr_db.attrs["unit"] = "dB"
    f.attrs["snr_definition"] = sc.snr_definition
    return f


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("scenario", help="scenario JSON (docs/scenario.md), linear modulations only")
    ap.add_argument("--examples", type=int, help="number of examples (overrides the scenario)")
    ap.add_argument("--block", type=int,
                    help="examples per block and HDF5 chunk (default: output.block_examples, "
                         "else about 1 MiB of IQ)")
    sink = ap.add_mutually_exclusive_group(required=True)
    sink.add_argument("--discard", action="store_true", help="synthesise only, write nothing")
    sink.add_argument("-o", "--output", help="write an HDF5 dataset here")
    args = ap.parse_args()

    try:
        with open(args.scenario) as fh:
            sc = Scenario(json.load(fh))
    except (OSError, ValueError, KeyError, ScenarioError) as e:
        sys.exit(f"baseline_numpy.py: {args.scenario}: {type(e).__name__}: {e}")
    n = args.examples if args.examples is not None else sc.examples
    block = args.block or sc.block_examples or max(1, (1 << 20) // (8 * sc.length))
    rng = np.random.default_rng(sc.seed)

    t0 = time.perf_counter()
    f = create_output(args.output, sc, n, block) if args.output else None
    for first in range(0, n, block):
        rows = slice(first, min(first + block, n))
        iq, class_index, snr_db = synthesise_block(rng, sc, rows.stop - rows.start)
        if f is not None:
            f["iq"][rows, 0] = iq
            f["labels/class_index"][rows] = class_index
            f["labels/snr_db"][rows] = snr_db
    if f is not None:
        f.close()
    seconds = time.perf_counter() - t0

    samples = n * sc.length
    print(json.dumps({"samples": samples, "seconds": seconds, "samples_per_s": samples / seconds}))


if __name__ == "__main__":
    main()

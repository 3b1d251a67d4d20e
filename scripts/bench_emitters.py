#!/usr/bin/env python3
"""Per-family synthesis speed of specgen on one thread (issue "Emitter catalogue", Speed).

For every emitter type in the catalogue (read from `specgen emitters --json-schema`), a one-class
scenario with the family's defaults (fhss hops a default QPSK base), 1024-sample examples, AWGN, is
run with `specgen run S --discard --threads 1 --quiet`; the wall-clock rate in complex samples/s is the
median of --repeat runs (min-max shown). Extra cases cover OFDM at large FFT sizes where the family
has an `fft_size` parameter. Targets: >= 20 M samples/s, except OFDM with FFT size >= 1024 and FHSS
(>= 10 M).

Usage: scripts/bench_emitters.py [--specgen PATH] [--samples N] [--repeat K] [--json FILE]
(`scripts/bench` runs it too, after its QPSK-vs-numpy section.)
"""

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SPECGEN = ROOT / ".build" / "release" / "specgen"
TARGET = 20e6
RELAXED_TARGET = 10e6


def emitter_types(specgen):
    schema = json.loads(subprocess.run([str(specgen), "emitters", "--json-schema"], check=True,
                                       capture_output=True, text=True).stdout)
    return schema["$defs"]["emitter"]["properties"]["type"]["enum"], schema["$defs"]


def cases(specgen):
    """(label, emitter object, target) for every family, plus large-FFT OFDM variants."""
    types, defs = emitter_types(specgen)
    out = []
    for t in types:
        emitter = {"type": t}
        relaxed = t == "fhss"
        if t == "fhss":
            emitter["base"] = {"type": "qpsk"}
        out.append((t, emitter, RELAXED_TARGET if relaxed else TARGET))
        props = defs.get(f"emitter_{t}", {}).get("properties", {})
        if "fft_size" in props:
            for n in (1024, 4096):
                out.append((f"{t} fft_size={n}", dict(emitter, fft_size=n), RELAXED_TARGET))
    return out


def scenario(emitter, examples):
    return {"format": "specgen-scenario", "version": 1, "seed": 1, "examples": examples,
            "samples_per_example": 1024, "sample_rate_hz": 1e6, "snr_db": 10,
            "classes": [{"name": "x", "emitter": emitter}]}


def run_case(specgen, emitter, examples, repeat, workdir):
    path = workdir / "s.json"
    path.write_text(json.dumps(scenario(emitter, examples)))
    rates = []
    for _ in range(repeat):
        start = time.perf_counter()
        r = subprocess.run([str(specgen), "run", str(path), "--discard", "--threads", "1", "--quiet"],
                           capture_output=True, text=True)
        seconds = time.perf_counter() - start
        if r.returncode != 0:
            raise RuntimeError(f"{emitter}: exit {r.returncode}: {r.stderr.strip()}")
        rates.append(examples * 1024 / seconds)
    return rates


def bench_emitters(specgen, samples=5_000_000, repeat=3):
    examples = max(1, samples // 1024)
    results = []
    print(f"\nper family, 1 thread, {examples} examples x 1024 samples, median of {repeat}:")
    print(f"  {'family':28} {'samples/s':>10} {'min - max':>19}  target")
    with tempfile.TemporaryDirectory(prefix="specgen-bench-emitters-") as d:
        for label, emitter, target in cases(specgen):
            rates = run_case(specgen, emitter, examples, repeat, Path(d))
            median = statistics.median(rates)
            ok = median >= target
            print(f"  {label:28} {median / 1e6:8.1f} M {min(rates) / 1e6:8.1f} - {max(rates) / 1e6:6.1f} M"
                  f"  [{'ok' if ok else 'FAIL'}] >= {target / 1e6:.0f} M", flush=True)
            results.append({"family": label, "median": median, "rates": rates, "target": target, "ok": ok})
    return results


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--specgen", type=Path, default=DEFAULT_SPECGEN)
    ap.add_argument("--samples", type=int, default=5_000_000, help="complex samples per run (default 5 M)")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--json", type=Path)
    args = ap.parse_args()
    try:
        results = bench_emitters(args.specgen.resolve(), args.samples, args.repeat)
    except (RuntimeError, subprocess.CalledProcessError, FileNotFoundError) as e:
        print(f"bench_emitters: {e}", file=sys.stderr)
        sys.exit(1)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n")


if __name__ == "__main__":
    main()

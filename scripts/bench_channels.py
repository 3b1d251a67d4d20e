#!/usr/bin/env python3
"""Synthesis speed of specgen's channel and receiver chain, against plain QPSK and a numpy baseline.

Cases (all synthesis only, nothing written):

  plain, 1T / 2T        specgen run Scenarios/bench-qpsk.json --discard --threads 1|2 --quiet
  realistic, 1T / 2T    specgen run Scenarios/realistic-qpsk.json ... (COST 207 RA6: 6 taps, Rician first
                        tap, with Doppler; CFO, AWGN, IQ imbalance, phase noise)
  realistic ULA-8, 1T / 2T  the realistic scenario plus "array": {"geometry": "ula", "elements": 8},
                        written to a temporary file; its rate counts samples x 8 channels
  numpy realistic       scripts/baseline_numpy_realistic.py --discard (single-threaded)

Every case runs --repeat times, interleaved (round r runs every case once); the table gives the median
rate in complex samples/s with its min-max range. Rates are steady-state: specgen's own figure from its
summary line (synthesis time, process start-up excluded: about 25 ms of dynamic linking, which would
otherwise flatter the realistic/plain ratio, by weighing most on the cheaper case), numpy's from the
generation-loop time the baseline reports (interpreter start-up and imports excluded).

Targets (on medians): realistic >= 0.5 x plain at the same thread count (the issue's target); ratios of
specgen realistic (1T and 2T) to numpy realistic are reported (no target).

Usage: scripts/bench_channels.py [--examples N] [--repeat K] [--specgen PATH] [--json FILE]
Exit status 0 when every run succeeded (whether or not the targets hold), 1 on any failure.
"""

import argparse
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SPECGEN = ROOT / ".build" / "release" / "specgen"
PLAIN = "Scenarios/bench-qpsk.json"
REALISTIC = "Scenarios/realistic-qpsk.json"
BASELINE = ROOT / "scripts" / "baseline_numpy_realistic.py"
ARRAY_ELEMENTS = 8
REALISTIC_VS_PLAIN_MIN = 0.5


class BenchError(Exception):
    pass


RATE = re.compile(r"\(([0-9.]+) M complex samples/s")
KERNEL = re.compile(r"(\w+) kernels")
KERNELS = set()  # the kernel builds specgen reported (SPECGEN_SIMD=baseline forces the baseline)


class Case:
    def __init__(self, name, tool, command, channels=1):
        self.name, self.tool, self.command, self.channels = name, tool, command, channels
        self.seconds, self.rates, self.wall = [], [], []

    def median(self):
        return statistics.median(self.rates)


def run_once(case, samples):
    t0 = time.perf_counter()
    try:
        done = subprocess.run(case.command, cwd=ROOT, capture_output=True, text=True)
    except OSError as e:
        raise BenchError(f"{case.name}: cannot run {case.command[0]}: {e}") from e
    wall = time.perf_counter() - t0
    if done.returncode != 0:
        raise BenchError(f"{case.name} failed (exit status {done.returncode})\n"
                         f"command: {' '.join(case.command)}\nstderr:\n{done.stderr.rstrip() or '(empty)'}")
    if case.tool == "numpy":
        try:
            seconds = json.loads(done.stdout.strip().splitlines()[-1])["seconds"]
        except (IndexError, ValueError, KeyError) as e:
            raise BenchError(f"{case.name}: unexpected output {done.stdout!r}") from e
        rate = samples * case.channels / seconds
    else:
        # specgen's summary: "... in 0.45 s (114.6 M complex samples/s, 1 threads, avx2 kernels)"; its
        # samples count every channel.
        found = RATE.findall(done.stderr)
        KERNELS.update(KERNEL.findall(done.stderr))
        if not found:
            raise BenchError(f"{case.name}: no rate in specgen's summary {done.stderr!r}")
        rate = float(found[-1]) * 1e6
        seconds = samples * case.channels / rate
    case.seconds.append(seconds)
    case.wall.append(wall)
    case.rates.append(rate)


def fmt(rate):
    return f"{rate / 1e6:.1f} M"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--examples", type=int, default=20000, help="examples per run (default 20000)")
    ap.add_argument("--repeat", type=int, default=3, help="runs of every case, interleaved (default 3)")
    ap.add_argument("--specgen", type=Path, default=DEFAULT_SPECGEN,
                    help=f"specgen binary (default {DEFAULT_SPECGEN.relative_to(ROOT)}; not rebuilt)")
    ap.add_argument("--json", type=Path, help="also write every figure to this JSON file")
    args = ap.parse_args()
    if args.examples < 1 or args.repeat < 1:
        ap.error("--examples and --repeat must be positive")
    specgen = args.specgen.resolve()
    if not (specgen.is_file() and os.access(specgen, os.X_OK)):
        print(f"bench_channels: no specgen executable at {specgen} "
              "(swift build -c release --product specgen)", file=sys.stderr)
        sys.exit(1)

    lengths = {json.loads((ROOT / s).read_text())["samples_per_example"] for s in (PLAIN, REALISTIC)}
    if len(lengths) != 1:
        print(f"bench_channels: {PLAIN} and {REALISTIC} differ in samples_per_example", file=sys.stderr)
        sys.exit(1)
    length = lengths.pop()
    samples = args.examples * length

    with tempfile.TemporaryDirectory(prefix="specgen-bench-channels-") as tmp:
        doc = json.loads((ROOT / REALISTIC).read_text())
        doc["array"] = {"geometry": "ula", "elements": ARRAY_ELEMENTS}
        doc["name"] = doc.get("name", "") + f" (ULA, {ARRAY_ELEMENTS} elements)"
        array_scenario = Path(tmp) / "realistic-ula8.json"
        array_scenario.write_text(json.dumps(doc, indent=2))

        def sg(scenario, threads):
            return [str(specgen), "run", str(scenario), "--examples", str(args.examples),
                    "--threads", str(threads), "--discard"]

        cases = []
        for threads in (1, 2):
            cases += [Case(f"plain, {threads}T", "specgen", sg(PLAIN, threads)),
                      Case(f"realistic, {threads}T", "specgen", sg(REALISTIC, threads)),
                      Case(f"realistic ULA-{ARRAY_ELEMENTS}, {threads}T", "specgen",
                           sg(array_scenario, threads), channels=ARRAY_ELEMENTS)]
        cases.append(Case("numpy realistic, 1T", "numpy",
                          [sys.executable, str(BASELINE), REALISTIC, "--examples", str(args.examples),
                           "--discard"]))
        by = {c.name: c for c in cases}

        print(f"{args.examples} examples x {length} samples = {samples / 1e6:.2f} M complex samples per run "
              f"(x {ARRAY_ELEMENTS} channels for ULA), --repeat {args.repeat} interleaved; specgen {specgen}",
              flush=True)
        try:
            for r in range(args.repeat):
                for c in cases:
                    print(f"  round {r + 1}/{args.repeat}: {c.name} ...", end=" ", flush=True)
                    try:
                        run_once(c, samples)
                    except BenchError:
                        print("failed", flush=True)
                        raise
                    print(f"{c.rates[-1] / 1e6:.1f} M samples/s", flush=True)
        except BenchError as e:
            print(f"bench_channels: {e}", file=sys.stderr)
            sys.exit(1)

    numpy_rate = by["numpy realistic, 1T"].median()
    print()
    header = f"{'case':26} {'samples/s (median)':>19} {'min - max':>17} {'vs plain':>9} {'vs numpy':>9}"
    print(header)
    print("-" * len(header))
    for c in cases:
        threads = c.name.rsplit(", ", 1)[1]
        plain = by[f"plain, {threads}"].median() if c.tool == "specgen" else None
        vs_plain = f"{c.median() / plain:8.2f}x" if plain and not c.name.startswith("plain") else ""
        vs_numpy = f"{c.median() / numpy_rate:8.2f}x" if c.tool == "specgen" and c.channels == 1 \
            and "realistic" in c.name else ""
        print(f"{c.name:26} {fmt(c.median()):>19} {fmt(min(c.rates)) + ' - ' + fmt(max(c.rates)):>17} "
              f"{vs_plain:>9} {vs_numpy:>9}")
    print(f"(ULA-{ARRAY_ELEMENTS} rates count samples x {ARRAY_ELEMENTS} channels; "
          "numpy timed on its generation loop only;\n"
          " vs numpy is given for single-channel cases only, the baseline has no array)")

    checks = []
    for t in ("1T", "2T"):
        ratio = by[f"realistic, {t}"].median() / by[f"plain, {t}"].median()
        checks.append((f"realistic_vs_plain_{t}", f"realistic >= {REALISTIC_VS_PLAIN_MIN:g}x plain, {t}",
                       ratio, ratio >= REALISTIC_VS_PLAIN_MIN))
    print(f"specgen kernels: {', '.join(sorted(KERNELS)) or 'not reported'}")
    print("\ntargets (medians):")
    for _, required, value, holds in checks:
        print(f"  [{'ok' if holds else 'FAIL':4}] {required}: {value:.2f}x")
    ratios_numpy = {t: by[f"realistic, {t}"].median() / numpy_rate for t in ("1T", "2T")}
    print("specgen realistic / numpy realistic: "
          + ", ".join(f"{t} {v:.2f}x" for t, v in ratios_numpy.items()))

    if args.json:
        report = {
            "examples": args.examples, "samples_per_example": length, "samples_per_run": samples,
            "repeat": args.repeat, "specgen": str(specgen),
            "machine": {"cpus": os.cpu_count(), "platform": platform.platform(),
                        "python": platform.python_version()},
            "cases": {c.name: {"tool": c.tool, "command": c.command, "channels": c.channels,
                               "seconds": c.seconds, "wall_seconds_with_startup": c.wall, "samples_per_s": c.rates,
                               "median_samples_per_s": c.median()} for c in cases},
            "targets": {k: {"required": req, "value": v, "holds": h} for k, req, v, h in checks},
            "specgen_realistic_vs_numpy_realistic": ratios_numpy,
        }
        args.json.write_text(json.dumps(report, indent=2) + "\n")
        print(f"\nfigures written to {args.json}")


if __name__ == "__main__":
    main()

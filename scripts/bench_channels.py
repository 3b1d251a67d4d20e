#!/usr/bin/env python3
"""Synthesis speed of specgen's channel and receiver chain, against plain QPSK and a numpy baseline.

Cases (all synthesis only, nothing written):

  plain, 1T / 2T        specgen run Scenarios/bench-qpsk.json --discard --threads 1|2 --quiet
  realistic, 1T / 2T    specgen run Scenarios/realistic-qpsk.json ... (COST 207 RA6: 6 taps, Rician first
                        tap, with Doppler; CFO, AWGN, IQ imbalance, phase noise)
  realistic ULA-8, 1T / 2T  the realistic scenario plus "array": {"geometry": "ula", "elements": 8},
                        written to a temporary file; its rate counts samples x 8 channels
  numpy realistic       scripts/baseline_numpy_realistic.py --discard (single-threaded)
  numpy plain           scripts/baseline_numpy.py Scenarios/bench-qpsk.json --discard: the same ratio for
                        the plain numpy/scipy implementations of the two scenarios (for scale; no target)

With --stages, also each stage's cost, 1 thread: the realistic scenario with every stage but one, and its
emitter with that stage alone (and with no stage). A stage's cost in the chain is realistic's time per
sample minus the time without it; alone, the time with it alone minus the emitter's without any stage.
The target (realistic >= 0.5 x plain) asks the four stages together to cost no more than plain's whole
chain (symbols, pulse shaping, AWGN); the table shows what each one costs against that budget.

Every case runs --repeat times, interleaved (round r runs every case once); the table gives the median
rate in complex samples/s with its min-max range. Rates are steady-state: specgen's own figure from its
summary line (synthesis time, process start-up excluded: about 25 ms of dynamic linking, which would
otherwise flatter the realistic/plain ratio, by weighing most on the cheaper case), numpy's from the
generation-loop time the baseline reports (interpreter start-up and imports excluded).

Targets (on medians): realistic >= 0.5 x plain at the same thread count (the issue's target); ratios of
specgen realistic (1T and 2T) to numpy realistic are reported (no target).

Usage: scripts/bench_channels.py [--examples N] [--repeat K] [--stages] [--specgen PATH] [--json FILE]
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
BASELINE_PLAIN = ROOT / "scripts" / "baseline_numpy.py"
ARRAY_ELEMENTS = 8
REALISTIC_VS_PLAIN_MIN = 0.5


class BenchError(Exception):
    pass


RATE = re.compile(r"\(([0-9.]+) M complex samples/s")
KERNEL = re.compile(r"(\w+) kernels")
KERNELS = set()  # the kernel builds specgen reported (SPECGEN_SIMD=baseline forces the baseline)


class Case:
    def __init__(self, name, tool, command, channels=1, stage=False):
        self.name, self.tool, self.command, self.channels = name, tool, command, channels
        self.stage = stage  # a --stages case (its own table)
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
    ap.add_argument("--stages", action="store_true",
                    help="also measure each stage's cost, 1 thread (the chain without it, the emitter with it alone)")
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
        stage_types = [stage["type"] for group in ("channel", "receiver") for stage in doc.get(group, [])]
        if args.stages:
            def variant(name, keep):
                base = json.loads((ROOT / REALISTIC).read_text())
                for group in ("channel", "receiver"):
                    kept = [stage for stage in base.get(group, []) if stage["type"] in keep]
                    if kept:
                        base[group] = kept
                    else:
                        base.pop(group, None)
                path = Path(tmp) / f"stages-{len(keep)}-{'-'.join(keep) or 'none'}.json"
                path.write_text(json.dumps(base, indent=2))
                return Case(name, "specgen", sg(path, 1), stage=True)
            cases.append(variant("emitter alone, 1T", []))
            for t in stage_types:
                cases.append(variant(f"without {t}, 1T", [u for u in stage_types if u != t]))
                cases.append(variant(f"{t} alone, 1T", [t]))
        cases.append(Case("numpy realistic, 1T", "numpy",
                          [sys.executable, str(BASELINE), REALISTIC, "--examples", str(args.examples),
                           "--discard"]))
        cases.append(Case("numpy plain, 1T", "numpy",
                          [sys.executable, str(BASELINE_PLAIN), PLAIN, "--examples", str(args.examples), "--discard"]))
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
        if c.stage:
            continue
        threads = c.name.rsplit(", ", 1)[1]
        plain = by[f"{'plain' if c.tool == 'specgen' else 'numpy plain'}, {threads}"].median()
        vs_plain = f"{c.median() / plain:8.2f}x" if "plain" not in c.name else ""
        vs_numpy = f"{c.median() / numpy_rate:8.2f}x" if c.tool == "specgen" and c.channels == 1 \
            and "realistic" in c.name else ""
        print(f"{c.name:26} {fmt(c.median()):>19} {fmt(min(c.rates)) + ' - ' + fmt(max(c.rates)):>17} "
              f"{vs_plain:>9} {vs_numpy:>9}")
    print(f"(ULA-{ARRAY_ELEMENTS} rates count samples x {ARRAY_ELEMENTS} channels; "
          "numpy timed on its generation loop only;\n"
          " vs numpy is given for single-channel cases only, the baseline has no array)")

    stage_costs = {}
    if args.stages:
        def ns(name):
            return 1e9 / by[name].median()
        plain_ns, realistic_ns, emitter_ns = ns("plain, 1T"), ns("realistic, 1T"), ns("emitter alone, 1T")
        print(f"\nstage costs, 1T, ns per sample (medians; plain's whole chain: {plain_ns:.2f} ns, realistic: "
              f"{realistic_ns:.2f} ns, the realistic scenario's emitter without stages: {emitter_ns:.2f} ns)")
        header = f"{'stage':20} {'in the chain':>13} {'x plain':>8} {'alone':>8} {'x plain':>8}"
        print(header)
        print("-" * len(header))
        for t in stage_types:
            chain = realistic_ns - ns(f"without {t}, 1T")
            alone = ns(f"{t} alone, 1T") - emitter_ns
            stage_costs[t] = {"in_chain_ns": chain, "alone_ns": alone}
            print(f"{t:20} {chain:13.2f} {chain / plain_ns:8.2f} {alone:8.2f} {alone / plain_ns:8.2f}")
        total = realistic_ns - emitter_ns
        stage_costs["all stages"] = {"in_chain_ns": total}
        print(f"{'all four':20} {total:13.2f} {total / plain_ns:8.2f}")
        print(f"(the target, realistic >= 0.5 x plain, holds when all stages together cost at most "
              f"{plain_ns:.2f} ns = 1.00 x plain; \"alone\" includes\n the stage path's own cost: "
              "the rendering row, the stage's parameter draws and the copy into the block)")

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
    numpy_vs_plain = numpy_rate / by["numpy plain, 1T"].median()
    print(f"for scale, the numpy implementations: realistic / plain = {numpy_vs_plain:.2f}x")

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
            "stage_costs_ns_per_sample": stage_costs,
            "numpy_realistic_vs_numpy_plain": numpy_vs_plain,
        }
        args.json.write_text(json.dumps(report, indent=2) + "\n")
        print(f"\nfigures written to {args.json}")


if __name__ == "__main__":
    main()

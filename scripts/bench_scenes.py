#!/usr/bin/env python3
"""Synthesis speed and peak memory of specgen's wideband scenes, against narrowband QPSK and TorchSig.

Cases (synthesis only, nothing written, 2 threads):

  wideband          specgen run Scenarios/wideband.json --examples N --threads 2 --discard
                    (262,144-sample captures at 20 MHz, 1-6 bursts of 8 classes, 0-30 dB each)
  QPSK              specgen run Scenarios/bench-qpsk.json --examples M --threads 2 --discard
                    (the narrowband figure of scripts/bench: 1024-sample examples)
  TorchSig, ...     with --peers only (below)

Every case runs --repeat times, interleaved (round r runs every case once); the table gives the median
rate in complex samples/s with its min-max range, and the wideband/QPSK ratio. Rates are steady-state:
specgen's own figure from its summary line "(NN.N M complex samples/s" (process start-up excluded).

Memory: peak RSS of end-to-end wideband runs (2 threads, the HDF5 file with /iq, /spectrogram and
/annotations written to a temporary directory under --dir, checked and deleted) for each of
--memory-examples (default 100 and 400), each in a fresh Python child whose RUSAGE_CHILDREN ru_maxrss
is then that run's peak (1 MB = 10^6 bytes). Peak memory should be flat in the number of examples.

Targets (on medians; reported, never enforced): wideband >= 50 M complex samples/s with 2 threads;
the largest memory run's peak RSS within 10 % + 20 MB of the smallest's.

Peers (--peers; slow, needs PyPI, not part of CI): a throw-away virtual environment in a temporary
directory gets torchsig==2.2.0 with torch/torchaudio 2.11.0 (plain `pip install torchsig` pairs torch
2.15 with torchaudio 2.11, which refuse to import together; plain PyPI has only the CUDA build of torch
for Linux, several GB; if that install or its import fails, the CPU build from
https://download.pytorch.org/whl/cpu is tried). TorchSig's wideband generator (TorchSigIterableDataset,
all its signal classes, no impairments, IQ only) then makes 262,144-sample captures with 1-6 signals in
two processes (one thread each, like specgen's 2 threads), timed on the generation loop after a warm-up
capture (imports, construction and numba compilation excluded), in two variants:

  TorchSig, its bursts       the settings of TorchSig's wideband_clean_train_all.yaml (bursts 5-10 % of
                             the capture: shorter than specgen's, so this leans in TorchSig's favour)
  TorchSig, scene bursts     the same with the scene's burst durations, 10,000-262,144 samples (TorchSig
                             draws them uniformly, the scene log-uniformly: this leans against TorchSig)

and the specgen/TorchSig ratios bracket the comparison. A failed install or run prints its reason and
the benchmark carries on (exit status unaffected).

Usage: scripts/bench_scenes.py [--examples N] [--qpsk-examples M] [--repeat K] [--specgen PATH]
                               [--dir DIR] [--memory-examples A B ...] [--peers [--peer-captures C]]
                               [--json FILE]
Exit status 0 when every specgen run succeeded (whether or not the targets hold), 1 on any failure.
"""

import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SPECGEN = ROOT / ".build" / "release" / "specgen"
WIDEBAND = "Scenarios/wideband.json"
QPSK = "Scenarios/bench-qpsk.json"
THREADS = 2
WIDEBAND_MIN = 50e6
MEMORY_SLACK_FRACTION, MEMORY_SLACK_MB = 0.10, 20.0

TORCHSIG = "torchsig==2.2.0"
TORCH_PAIR = ("torch==2.11.0", "torchaudio==2.11.0")  # torchaudio 2.11 is the newest; torch must match it
CPU_INDEX = "https://download.pytorch.org/whl/cpu"
PEER_SEED = 20261127

RATE = re.compile(r"\(([0-9.]+) M complex samples/s")

# Runs a command (argv[1:]) with its stdout sent to stderr, then prints the command's peak RSS in KiB:
# the only child of this fresh interpreter, so RUSAGE_CHILDREN's maximum is that run's alone.
RSS_WRAPPER = (
    "import resource, subprocess, sys\n"
    "code = subprocess.run(sys.argv[1:], stdout=sys.stderr).returncode\n"
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
    "sys.exit(code)\n"
)

# TorchSig's wideband_clean_train_all.yaml (TorchSig 2.x default configs), with 1-6 signals.
TORCHSIG_METADATA = {
    "sample_rate": 10_000_000, "num_iq_samples_dataset": 262_144, "fft_size": 512, "fft_stride": 512,
    "num_signals_min": 1, "num_signals_max": 6, "cochannel_overlap_probability": 0.1,
    "snr_db_min": 0.0, "snr_db_max": 50.0, "noise_power_db": 0.0,
    "signal_duration_in_samples_min": 13_107, "signal_duration_in_samples_max": 26_214,
    "bandwidth_min": 62_500, "bandwidth_max": 3_500_000,
    "signal_center_freq_min": -4_000_000, "signal_center_freq_max": 4_000_000,
    "frequency_min": -5_000_000, "frequency_max": 4_999_999,
}
TORCHSIG_VARIANTS = {
    "TorchSig, its bursts": {},
    "TorchSig, scene bursts": {"signal_duration_in_samples_min": 10_000,
                               "signal_duration_in_samples_max": 262_144},
}

# Run by the virtual environment's python with one JSON argument; prints one JSON line.
TORCHSIG_GENERATOR = '''"""TorchSig 2.2.0 wideband generation rate (written and run by bench_scenes.py)."""
import json, multiprocessing, sys, time

def worker(seed, captures, metadata, barrier, results):
    import torch, torchsig
    from torchsig.datasets.datasets import TorchSigIterableDataset
    torch.set_num_threads(1)
    dataset = TorchSigIterableDataset(metadata=metadata, signal_generators="all", target_labels=None)
    dataset.seed(seed)
    next(dataset)  # warm-up: numba compiles its kernels on first use
    barrier.wait(timeout=900)
    start, samples, signals = time.perf_counter(), 0, 0
    for _ in range(captures):
        capture = next(dataset)
        samples += capture.data.shape[-1]
        signals += len(capture.component_signals)
    results.put({"start": start, "stop": time.perf_counter(), "samples": samples, "signals": signals,
                 "captures": captures, "torchsig": torchsig.__version__, "torch": torch.__version__})

if __name__ == "__main__":
    import numpy as np
    config = json.loads(sys.argv[1])
    n = config["processes"]
    seeds = [int(s.generate_state(1)[0]) for s in np.random.SeedSequence(config["seed"]).spawn(n)]
    shares = [config["captures"] // n + (i < config["captures"] % n) for i in range(n)]
    context = multiprocessing.get_context("fork")
    barrier, results = context.Barrier(n), context.Queue()
    workers = [context.Process(target=worker, args=(seeds[i], shares[i], config["metadata"], barrier, results))
               for i in range(n)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    if any(w.exitcode != 0 for w in workers):
        sys.exit(f"a worker failed (exit codes {[w.exitcode for w in workers]})")
    got = [results.get(timeout=10) for _ in workers]
    print(json.dumps({"seconds": max(g["stop"] for g in got) - min(g["start"] for g in got),
                      "samples": sum(g["samples"] for g in got), "signals": sum(g["signals"] for g in got),
                      "captures": sum(g["captures"] for g in got), "processes": n,
                      "torchsig": got[0]["torchsig"], "torch": got[0]["torch"]}))
'''


class BenchError(Exception):
    """A run failed; the message says which and carries its output."""


class Case:
    """One benchmark case: how to run it and the rates measured so far."""

    def __init__(self, name, tool, command, samples):
        self.name, self.tool, self.command, self.samples = name, tool, command, samples
        self.seconds, self.rates, self.wall, self.signals_per_capture = [], [], [], []

    def median(self):
        return statistics.median(self.rates)


def run(command, what, timeout=None):
    """Run command from the repo root; return (completed process, wall seconds) or raise BenchError."""
    t0 = time.perf_counter()
    try:
        done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=timeout)
    except (OSError, subprocess.TimeoutExpired) as e:
        raise BenchError(f"{what}: cannot run {command[0]}: {e}") from e
    wall = time.perf_counter() - t0
    if done.returncode != 0:
        tail = "\n".join(done.stderr.rstrip().splitlines()[-20:])
        raise BenchError(f"{what} failed (exit status {done.returncode})\n"
                         f"command: {' '.join(command)}\nstderr (end):\n{tail or '(empty)'}")
    return done, wall


def run_once(case):
    """Run a case once and record its steady-state rate in complex samples/s."""
    done, wall = run(case.command, case.name, timeout=3600 if case.tool == "torchsig" else None)
    if case.tool == "torchsig":
        try:
            result = json.loads(done.stdout.strip().splitlines()[-1])
        except (IndexError, ValueError) as e:
            raise BenchError(f"{case.name}: unexpected output {done.stdout!r}") from e
        seconds, rate = result["seconds"], result["samples"] / result["seconds"]
        case.signals_per_capture.append(result["signals"] / result["captures"])
        case.versions = {"torchsig": result["torchsig"], "torch": result["torch"]}
    else:
        # specgen's summary: "... in 0.92 s (114.6 M complex samples/s, 2 threads)".
        found = RATE.findall(done.stderr)
        if not found:
            raise BenchError(f"{case.name}: no rate in specgen's summary {done.stderr!r}")
        rate = float(found[-1]) * 1e6
        seconds = case.samples / rate
    case.seconds.append(seconds)
    case.wall.append(wall)
    case.rates.append(rate)


def peak_rss(specgen, examples, length, workdir):
    """Peak RSS in MB of one end-to-end wideband run, and the mean boxes (/annotations rows) per capture."""
    import h5py

    out = workdir / f"wideband-{examples}.h5"
    command = [str(specgen), "run", WIDEBAND, "--examples", str(examples), "--threads", str(THREADS),
               "--quiet", "-o", str(out)]
    done, _ = run([sys.executable, "-c", RSS_WRAPPER, *command], f"memory run ({' '.join(command)})")
    try:
        with h5py.File(out, "r") as f:
            shape, bursts = f["iq"].shape, f["labels/burst_count"][:]
    except (OSError, KeyError) as e:
        raise BenchError(f"memory run: no readable /iq and /labels/burst_count in {out}: {e}") from e
    finally:
        out.unlink(missing_ok=True)
    if shape != (examples, 1, length):
        raise BenchError(f"memory run: /iq has shape {shape}, expected {(examples, 1, length)}")
    return int(done.stdout.strip().splitlines()[-1]) * 1024 / 1e6, float(bursts.mean())


def pip_install(venv, extra, log):
    """pip install TorchSig into venv (extra: more pip arguments), echoing its progress; True on success.

    pip's output goes to log; its latest line is echoed at most every 10 s, its last steps always.
    """
    command = [str(venv / "bin" / "pip"), "install", "--progress-bar", "off", TORCHSIG, *extra]
    print(f"    $ pip {' '.join(command[1:])}", flush=True)
    t0 = last = time.perf_counter()
    with open(log, "a") as out:
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        for line in process.stdout:
            out.write(line)
            now = time.perf_counter()
            if now - last >= 10 or line.startswith(("Installing", "Successfully", "ERROR")):
                print(f"    [{now - t0:4.0f} s] {line.strip()[:100]}", flush=True)
                last = now
        code = process.wait()
    if code != 0:
        print(f"    pip failed (exit status {code}); log: {log}", flush=True)
        return False
    check = subprocess.run([str(venv / "bin" / "python"), "-c",
                            "import torch, torchsig; import torchsig.datasets.datasets;"
                            "print(torchsig.__version__, torch.__version__)"],
                           capture_output=True, text=True)
    if check.returncode != 0:
        print(f"    installed, but does not import: {check.stderr.strip().splitlines()[-1:]}", flush=True)
        return False
    print(f"    installed in {time.perf_counter() - t0:.0f} s: torchsig, torch = {check.stdout.split()}",
          flush=True)
    return True


def install_torchsig(workdir):
    """Make a virtual environment with TorchSig in workdir; return its python, or None (reason printed)."""
    log = workdir / "pip.log"
    attempts = [("PyPI", [*TORCH_PAIR]),
                ("PyPI + the PyTorch CPU index",
                 [f"{p}+cpu" for p in TORCH_PAIR] + ["--extra-index-url", CPU_INDEX])]
    for where, extra in attempts:
        venv = workdir / "venv"
        shutil.rmtree(venv, ignore_errors=True)
        print(f"  peers: installing {TORCHSIG} from {where} into {venv} (minutes) ...", flush=True)
        if subprocess.run([sys.executable, "-m", "venv", str(venv)]).returncode != 0:
            print("  peers: python3 -m venv failed; TorchSig skipped", flush=True)
            return None
        if pip_install(venv, extra, log):
            return venv / "bin" / "python"
    print(f"  peers: no working TorchSig install (log: {log}, removed at exit); TorchSig skipped", flush=True)
    return None


def fmt(rate):
    return f"{rate / 1e6:.2f} M" if rate < 10e6 else f"{rate / 1e6:.1f} M"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter,
                                 epilog="See the header of this script for what is measured and how.")
    ap.add_argument("--examples", type=int, default=400,
                    help="wideband captures per run (default 400 = 104.9 M samples)")
    ap.add_argument("--qpsk-examples", type=int, default=20000,
                    help="QPSK examples per run (default 20000 = 20.48 M samples)")
    ap.add_argument("--repeat", type=int, default=3, help="runs of every case, interleaved (default 3)")
    ap.add_argument("--specgen", type=Path, default=DEFAULT_SPECGEN,
                    help=f"specgen binary (default {DEFAULT_SPECGEN.relative_to(ROOT)}; not rebuilt)")
    ap.add_argument("--dir", default="/tmp", help="where temporary files go (default /tmp)")
    ap.add_argument("--memory-examples", type=int, nargs="+", default=[100, 400],
                    help="wideband captures of the peak-RSS runs (default 100 400)")
    ap.add_argument("--peers", action="store_true",
                    help="also install TorchSig in a throw-away venv and time its wideband generator")
    ap.add_argument("--peer-captures", type=int, default=20,
                    help="TorchSig captures per run and variant, over 2 processes (default 20)")
    ap.add_argument("--json", type=Path, help="also write every figure to this JSON file")
    args = ap.parse_args()
    if min(args.examples, args.qpsk_examples, args.repeat, args.peer_captures, *args.memory_examples) < 1:
        ap.error("--examples, --qpsk-examples, --repeat, --memory-examples and --peer-captures must be positive")
    specgen = args.specgen.resolve()
    if not (specgen.is_file() and os.access(specgen, os.X_OK)):
        print(f"bench_scenes: no specgen executable at {specgen} "
              "(swift build -c release --product specgen)", file=sys.stderr)
        sys.exit(1)

    length = json.loads((ROOT / WIDEBAND).read_text())["samples_per_example"]
    qpsk_length = json.loads((ROOT / QPSK).read_text())["samples_per_example"]
    t_start = time.perf_counter()
    workdir = Path(tempfile.mkdtemp(prefix="specgen-bench-scenes-", dir=args.dir))
    try:
        report = bench(args, specgen, length, qpsk_length, workdir)
    except BenchError as e:
        print(f"bench_scenes: {e}", file=sys.stderr)
        sys.exit(1)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    report["script_seconds"] = time.perf_counter() - t_start
    print(f"\n(script ran {report['script_seconds']:.0f} s)")
    if args.json:
        args.json.write_text(json.dumps(report, indent=2) + "\n")
        print(f"figures written to {args.json}")


def bench(args, specgen, length, qpsk_length, workdir):
    """Install the peer if asked, run every case and the memory runs; print and return the report."""
    def sg(scenario, examples):
        return [str(specgen), "run", scenario, "--examples", str(examples), "--threads", str(THREADS),
                "--discard"]

    cases = [Case("wideband", "specgen", sg(WIDEBAND, args.examples), args.examples * length),
             Case("QPSK", "specgen", sg(QPSK, args.qpsk_examples), args.qpsk_examples * qpsk_length)]
    peers = {"requested": args.peers, "outcome": "not requested"}
    if args.peers:
        python = install_torchsig(workdir)
        peers["outcome"] = "installed" if python else "install failed (see the output above)"
        if python:
            generator = workdir / "torchsig_wideband.py"
            generator.write_text(TORCHSIG_GENERATOR)
            for name, overrides in TORCHSIG_VARIANTS.items():
                config = {"processes": THREADS, "captures": args.peer_captures, "seed": PEER_SEED,
                          "metadata": {**TORCHSIG_METADATA, **overrides}}
                cases.append(Case(name, "torchsig", [str(python), str(generator), json.dumps(config)],
                                  args.peer_captures * length))

    print(f"{args.examples} wideband captures x {length} samples, {args.qpsk_examples} QPSK examples x "
          f"{qpsk_length}" + (f", {args.peer_captures} TorchSig captures x {length}" if args.peers else "")
          + f"; {THREADS} threads, --repeat {args.repeat} interleaved; specgen {specgen}", flush=True)
    for r in range(args.repeat):
        for c in list(cases):
            print(f"  round {r + 1}/{args.repeat}: {c.name} ...", end=" ", flush=True)
            try:
                run_once(c)
            except BenchError as e:
                print("failed", flush=True)
                if c.tool != "torchsig":
                    raise
                print(f"  peers: {e}\n  peers: {c.name} dropped", flush=True)
                peers["outcome"] = f"{c.name} failed: {str(e).splitlines()[0]}"
                cases.remove(c)
                continue
            print(f"{fmt(c.rates[-1])} samples/s", flush=True)

    memory = []
    for examples in sorted(set(args.memory_examples)):
        print(f"  memory: wideband end to end, {examples} captures ...", end=" ", flush=True)
        try:
            peak, bursts = peak_rss(specgen, examples, length, workdir)
        except BenchError:
            print("failed", flush=True)
            raise
        print(f"peak RSS {peak:.1f} MB ({bursts:.2f} boxes per capture)", flush=True)
        memory.append({"examples": examples, "peak_rss_mb": peak, "boxes_per_capture": bursts})

    return summarise(cases, memory, peers, args, specgen, length)


def summarise(cases, memory, peers, args, specgen, length):
    """Print the table and the targets; return the JSON report."""
    by = {c.name: c for c in cases}
    wideband = by["wideband"].median()
    print()
    header = f"{'case (2 threads/processes)':28} {'samples/s (median)':>19} {'min - max':>19} {'wideband is':>12}"
    print(header)
    print("-" * len(header))
    for c in cases:
        ratio = "" if c.name == "wideband" else f"{wideband / c.median():10.2f}x"
        spread = fmt(min(c.rates)) + " - " + fmt(max(c.rates))
        print(f"{c.name:28} {fmt(c.median()):>19} {spread:>19} {ratio:>12}")
    peer_note = "; TorchSig's from its generation loop after a warm-up capture" if len(cases) > 2 else ""
    print("(\"wideband is\": specgen wideband's median over the row's; specgen's rates are steady-state,\n"
          f" from its summary line{peer_note})")
    for c in cases:
        if c.tool == "torchsig":
            print(f"{c.name}: {statistics.mean(c.signals_per_capture):.2f} signals per capture "
                  f"(torchsig {c.versions['torchsig']}, torch {c.versions['torch']})")
    if memory:
        boxes = statistics.mean(m["boxes_per_capture"] for m in memory)
        print(f"specgen wideband: {boxes:.2f} boxes per capture (/labels/burst_count of the memory runs; "
              "a hopper's hops count separately)")

    checks = [("wideband_samples_per_s",
               f"wideband >= {WIDEBAND_MIN / 1e6:g} M complex samples/s on {THREADS} cores", wideband,
               f"{wideband / 1e6:.1f} M", wideband >= WIDEBAND_MIN)]
    if len(memory) >= 2:
        small, large = memory[0], memory[-1]
        limit = small["peak_rss_mb"] * (1 + MEMORY_SLACK_FRACTION) + MEMORY_SLACK_MB
        checks.append(("peak_rss_flat", f"peak RSS flat: {large['examples']} captures <= "
                       f"{small['examples']} captures x {1 + MEMORY_SLACK_FRACTION:g} + {MEMORY_SLACK_MB:g} MB",
                       large["peak_rss_mb"],
                       f"{large['peak_rss_mb']:.1f} MB vs {small['peak_rss_mb']:.1f} MB (limit {limit:.1f} MB)",
                       large["peak_rss_mb"] <= limit))
    print("\ntargets (medians):")
    for _, required, _, text, holds in checks:
        print(f"  [{'PASS' if holds else 'FAIL'}] {required}: {text}")
    print(f"wideband / QPSK: {wideband / by['QPSK'].median():.2f}x")
    ratios_peers = {c.name: wideband / c.median() for c in cases if c.tool == "torchsig"}
    if ratios_peers:
        print("specgen wideband / TorchSig: " + ", ".join(f"{k[len('TorchSig, '):]} {v:.1f}x"
                                                          for k, v in ratios_peers.items()))
    elif args.peers:
        print(f"peers: {peers['outcome']}")

    return {
        "examples": args.examples, "qpsk_examples": args.qpsk_examples, "samples_per_example": length,
        "threads": THREADS, "repeat": args.repeat, "specgen": str(specgen),
        "machine": {"cpus": os.cpu_count(), "platform": platform.platform(), "python": platform.python_version(),
                    "load_average": os.getloadavg()},
        "cases": {c.name: {"tool": c.tool, "command": c.command, "samples_per_run": c.samples,
                           "seconds": c.seconds, "wall_seconds_with_startup": c.wall, "samples_per_s": c.rates,
                           "median_samples_per_s": c.median(), "min_samples_per_s": min(c.rates),
                           "max_samples_per_s": max(c.rates),
                           **({"signals_per_capture": c.signals_per_capture, **c.versions}
                              if c.tool == "torchsig" else {})}
                  for c in cases},
        "wideband_vs_qpsk": wideband / by["QPSK"].median(),
        "memory": memory,
        "targets": {k: {"required": req, "value": v, "holds": h} for k, req, v, _, h in checks},
        "peers": {**peers, "wideband_vs_torchsig": ratios_peers,
                  "torchsig_metadata": TORCHSIG_METADATA if args.peers else None,
                  "torchsig_variants": TORCHSIG_VARIANTS if args.peers else None},
    }


if __name__ == "__main__":
    main()

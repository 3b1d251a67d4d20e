#!/usr/bin/env python3
"""Writing speed, memory, worker-side compression and merge speed of specgen (issue 7, "Speed and memory").

Cases, each against a baseline measured in the same invocation, every pair run --repeat times
interleaved (round r runs every case once, every other round in reverse order) so that machine noise
hits both alike; medians and min-max
ranges are reported, and ratios are taken on medians:

  end to end, uncompressed   specgen run Scenarios/bench-qpsk.json --examples 97657 --threads 2 -o F
                             (100.0 M complex samples, ~800 MB; with the same run's --discard,
                             synthesis only, for context) against
  raw write                  a Python child writing the same number of bytes (F's size) sequentially in
                             1 MiB writes of incompressible data, then fsync: the same durability as
                             specgen, which fsyncs its file before renaming it into place.
                             Target: specgen's throughput >= 80 % of the raw write's.
  peak RSS                   of specgen end-to-end runs of --memory-examples sizes (default 10,000,
                             97,657 and 300,000 examples), each from os.wait4 of that child alone.
                             Target: < 300 MB whatever N.
  deflate, 2 threads         the same scenario with "compression": {"deflate_level": 4, "shuffle": true}
                             and --compressed-examples examples (default 10,000 = 10.2 M samples), end
                             to end with --threads 2 against the same with --threads 1 (the writer is
                             one thread either way; chunks are shuffled and deflated by the workers).
                             Target: 2 threads >= 1.8 x 1 thread. For context, a single-thread zlib
                             level-4 rate on the same kind of bytes (Python's zlib on shuffled /iq
                             chunks of the uncompressed file) is shown too.
  merge                      specgen merge of the 4 shards of --merge-examples examples (default 97,657
                             = 100 M samples, ~800 MB) against
  copy                       cp of the single-run file of the same dataset (the same bytes), then
                             fsync of the copy (merge fsyncs its file before the rename). Both read
                             files just written, from the page cache.
                             Target: merge throughput >= 80 % of the copy's.

Timing: every command is timed by wall clock around the whole subprocess (start-up and the final fsync
included), except the raw write, timed inside its child around the write loop and fsync (interpreter
start-up excluded: the comparison leans against specgen). Files go to a fresh directory under --dir
(default /tmp) and are deleted as soon as they are measured.

Usage: scripts/bench_io.py [--repeat K] [--specgen PATH] [--dir DIR] [--json FILE] [--quick]
Exit status 0 when every run succeeded (whether or not the targets hold), 1 on any failure.
"""

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SPECGEN = ROOT / ".build" / "release" / "specgen"
SCENARIO = ROOT / "Scenarios" / "bench-qpsk.json"
LENGTH = 1024
E2E_VS_RAW_MIN = 0.80
PEAK_RSS_MAX_MB = 300.0
DEFLATE_SPEEDUP_MIN = 1.8
MERGE_VS_COPY_MIN = 0.80

# The raw-write baseline: writes argv[2] bytes to argv[1] in 1 MiB writes from a 64 MiB random pool,
# each MiB stamped with its index so that no two are alike, fsyncs, and prints the seconds it took.
RAW_WRITER = r"""
import os, sys, time
path, total = sys.argv[1], int(sys.argv[2])
pool = bytearray(os.urandom(64 << 20))
mib = 1 << 20
t0 = time.perf_counter()
fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
written, k = 0, 0
view = memoryview(pool)
while written < total:
    at = (k % 64) * mib
    pool[at:at + 8] = k.to_bytes(8, "little")
    n = min(mib, total - written)
    written += os.write(fd, view[at:at + n])
    k += 1
os.fsync(fd)
os.close(fd)
print(time.perf_counter() - t0)
"""


class BenchError(Exception):
    """A run failed; the message says which and carries its output."""


def run(command, what):
    """Runs command; returns (stdout, wall seconds, CPU seconds (user + system) of that child alone)."""
    t0 = time.perf_counter()
    try:
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    except OSError as e:
        raise BenchError(f"{what}: cannot run {command[0]}: {e}") from e
    stdout, stderr = process.stdout.read(), process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - t0
    process.returncode = os.waitstatus_to_exitcode(status)
    process.stdout.close()
    process.stderr.close()
    if process.returncode != 0:
        raise BenchError(f"{what} failed (exit status {process.returncode})\ncommand: {' '.join(map(str, command))}\n"
                         f"stderr:\n{stderr.decode(errors='replace').rstrip() or '(empty)'}")
    return stdout.decode(), seconds, usage.ru_utime + usage.ru_stime


def peak_rss(command, what):
    """Runs command and returns (wall seconds, peak RSS in MB) of that child, from os.wait4."""
    t0 = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    stderr = process.stderr.read().decode(errors="replace")
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - t0
    process.stderr.close()
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise BenchError(f"{what} failed (exit status {process.returncode})\nstderr:\n{stderr.rstrip()}")
    return seconds, usage.ru_maxrss * 1024 / 1e6


def remove(*paths):
    """Deletes files outside the timed region and waits for the file system to settle (the deletion's
    discards, any writeback), so that one case's clean-up does not slow the next."""
    for path in paths:
        Path(path).unlink(missing_ok=True)
    os.sync()


def specgen_run(specgen, scenario, examples, threads, output, *extra):
    return [str(specgen), "run", str(scenario), "--examples", str(examples), "--threads", str(threads),
            "--quiet", "-o", str(output), *extra]


class Series:
    """Repeated measurements of one case."""

    def __init__(self, name, unit):
        self.name, self.unit, self.values, self.cores = name, unit, [], []

    def median(self):
        return statistics.median(self.values)

    def line(self):
        scale = 1e6
        cores = f"  {statistics.median(self.cores):.2f} cores busy" if self.cores else ""
        return (f"  {self.name:44} {self.median() / scale:9.1f} M{self.unit}  "
                f"({min(self.values) / scale:.1f} - {max(self.values) / scale:.1f}){cores}")


def interleave(cases, repeat, label):
    """Runs every (series, function) pair once per round, in reverse order every other round (so that no
    case always follows the same one); the function returns a rate, or a rate and the child's CPU
    seconds per wall second (cores it kept busy)."""
    for r in range(repeat):
        for series, measure in (cases if r % 2 == 0 else cases[::-1]):
            print(f"  {label} round {r + 1}/{repeat}: {series.name} ...", end=" ", flush=True)
            value = measure()
            if isinstance(value, tuple):
                value, cores = value
                series.cores.append(cores)
            series.values.append(value)
            print(f"{value / 1e6:.1f} M{series.unit}, load average {os.getloadavg()[0]:.1f}", flush=True)


def bench_end_to_end(args, work):
    examples = args.examples
    samples = examples * LENGTH
    out = work / "e2e.h5"
    # One run first, to learn the file's size for the raw write (and to warm the binary).
    run(specgen_run(args.specgen, SCENARIO, examples, 2, out), "end to end (warm-up)")
    size = out.stat().st_size
    remove(out)
    specgen = Series("specgen end to end, 2 threads", "B/s")
    raw = Series("raw sequential write + fsync, same bytes", "B/s")
    synthesis = Series("specgen synthesis only (--discard), same bytes", "B/s")

    def measure_specgen():
        _, seconds, cpu = run(specgen_run(args.specgen, SCENARIO, examples, 2, out), specgen.name)
        remove(out)
        return size / seconds, cpu / seconds

    def measure_synthesis():
        command = specgen_run(args.specgen, SCENARIO, examples, 2, out)
        _, seconds, cpu = run(command[:-2] + ["--discard"], synthesis.name)
        return size / seconds, cpu / seconds

    def measure_raw():
        path = work / "raw.bin"
        stdout, _, _ = run([sys.executable, "-c", RAW_WRITER, str(path), str(size)], raw.name)
        remove(path)
        return size / float(stdout.strip())

    print(f"end to end: {examples} examples x {LENGTH} samples = {samples / 1e6:.1f} M complex samples, "
          f"file {size / 1e6:.0f} MB", flush=True)
    interleave([(specgen, measure_specgen), (raw, measure_raw), (synthesis, measure_synthesis)], args.repeat, "e2e")
    return {"examples": examples, "samples": samples, "bytes": size, "specgen": specgen, "raw": raw, "synthesis": synthesis,
            "ratio": specgen.median() / raw.median(), "specgen_samples_per_s": specgen.median() / size * samples}


def bench_memory(args, work):
    results = []
    for examples in args.memory_examples:
        out = work / "memory.h5"
        print(f"  memory: specgen end to end, {examples} examples ...", end=" ", flush=True)
        seconds, mb = peak_rss(specgen_run(args.specgen, SCENARIO, examples, 2, out), f"memory run of {examples}")
        remove(out)
        print(f"peak RSS {mb:.1f} MB ({seconds:.1f} s)", flush=True)
        results.append({"examples": examples, "peak_rss_mb": mb})
    return results


def bench_deflate(args, work):
    scenario = json.loads(SCENARIO.read_text())
    scenario["output"] = {"compression": {"deflate_level": 4, "shuffle": True}}
    path = work / "bench-qpsk-deflate.json"
    path.write_text(json.dumps(scenario, indent=2) + "\n")
    examples = args.compressed_examples
    samples = examples * LENGTH
    out = work / "deflate.h5"
    series = {t: Series(f"deflate 4 + shuffle, end to end, {t} thread{'s' if t > 1 else ''}", "S/s") for t in (1, 2)}

    def measure(threads):
        def go():
            _, seconds, cpu = run(specgen_run(args.specgen, path, examples, threads, out), series[threads].name)
            remove(out)
            return samples / seconds, cpu / seconds
        return go

    print(f"deflate: {examples} examples = {samples / 1e6:.1f} M complex samples per run", flush=True)
    interleave([(series[1], measure(1)), (series[2], measure(2))], args.repeat, "deflate")
    zlib_rate = zlib_single_thread(args, work)
    return {"examples": examples, "one": series[1], "two": series[2], "speedup": series[2].median() / series[1].median(),
            "zlib_single_thread_samples_per_s": zlib_rate}


def zlib_single_thread(args, work):
    """Python zlib level 4 on shuffled /iq chunks of an uncompressed run (samples/s, one thread)."""
    import zlib

    import h5py
    import numpy as np

    out = work / "zlib-source.h5"
    run(specgen_run(args.specgen, SCENARIO, 2048, 1, out), "zlib source")
    with h5py.File(out, "r") as f:
        iq = f["iq"][:]
    remove(out)
    chunk = 128  # examples per chunk, as specgen's default for 1024-sample examples
    raw = iq.view(np.uint8).reshape(len(iq) // chunk, -1)
    shuffled = [np.ascontiguousarray(block.reshape(-1, 8).T).tobytes() for block in raw]
    t0 = time.perf_counter()
    for block in shuffled:
        zlib.compress(block, 4)
    seconds = time.perf_counter() - t0
    rate = len(iq) * LENGTH / seconds
    print(f"  zlib level 4, one thread, shuffled /iq chunks: {rate / 1e6:.1f} M samples/s", flush=True)
    return rate


def bench_merge(args, work):
    examples = args.merge_examples
    whole = work / "whole.h5"
    run(specgen_run(args.specgen, SCENARIO, examples, 2, whole), "merge: the single run")
    os.sync()
    parts = []
    for k in range(4):
        part = work / f"part-{k}.h5"
        run(specgen_run(args.specgen, SCENARIO, examples, 2, part, "--shard", f"{k}/4"), f"merge: shard {k}/4")
        parts.append(part)
    os.sync()
    size = whole.stat().st_size
    merge = Series("specgen merge of 4 shards", "B/s")
    copy = Series("cp of the same bytes + fsync", "B/s")
    merged, copied = work / "merged.h5", work / "copied.h5"

    def measure_merge():
        _, seconds, cpu = run([str(args.specgen), "merge", "--quiet", "-o", str(merged), *map(str, parts)], merge.name)
        same = subprocess.run(["cmp", "-s", str(merged), str(whole)]).returncode == 0
        remove(merged)
        if not same:
            raise BenchError("the merged file differs from the single run's")
        return size / seconds, cpu / seconds

    def measure_copy():
        t0 = time.perf_counter()
        _, _, cpu = run(["cp", str(whole), str(copied)], copy.name)
        fd = os.open(copied, os.O_RDONLY)
        os.fsync(fd)
        os.close(fd)
        seconds = time.perf_counter() - t0
        remove(copied)
        return size / seconds, cpu / seconds

    print(f"merge: {examples} examples in 4 shards, {size / 1e6:.0f} MB", flush=True)
    interleave([(merge, measure_merge), (copy, measure_copy)], args.repeat, "merge")
    remove(whole, *parts)
    return {"examples": examples, "bytes": size, "merge": merge, "copy": copy, "ratio": merge.median() / copy.median()}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter,
                                 epilog="See the header of this script for what is measured and how.")
    ap.add_argument("--repeat", type=int, default=7, help="runs of every case, interleaved (default 7)")
    ap.add_argument("--specgen", type=Path, default=DEFAULT_SPECGEN, help="specgen binary (default .build/release/specgen)")
    ap.add_argument("--dir", default="/tmp", help="where the temporary directory goes (default /tmp)")
    ap.add_argument("--examples", type=int, default=97657, help="examples of the end-to-end run (default 97657 = 100.0 M samples)")
    ap.add_argument("--memory-examples", type=int, nargs="+", default=[10000, 97657, 300000],
                    help="examples of the peak-RSS runs (default 10000 97657 300000)")
    ap.add_argument("--compressed-examples", type=int, default=10000, help="examples of the deflate runs (default 10000)")
    ap.add_argument("--merge-examples", type=int, default=97657, help="examples of the merged dataset (default 97657)")
    ap.add_argument("--quick", action="store_true", help="a tenth of every size and 2 repeats (to try the script)")
    ap.add_argument("--json", type=Path, help="also write every figure to this JSON file")
    args = ap.parse_args()
    if args.quick:
        args.repeat = 2
        args.examples //= 10
        args.memory_examples = [m // 10 for m in args.memory_examples]
        args.compressed_examples //= 10
        args.merge_examples //= 10
    args.specgen = args.specgen.resolve()
    if not (args.specgen.is_file() and os.access(args.specgen, os.X_OK)):
        print(f"bench_io: no specgen executable at {args.specgen} (swift build -c release)", file=sys.stderr)
        sys.exit(1)

    work = Path(tempfile.mkdtemp(prefix="specgen-bench-io-", dir=args.dir))
    try:
        e2e = bench_end_to_end(args, work)
        print("memory:", flush=True)
        memory = bench_memory(args, work)
        deflate = bench_deflate(args, work)
        merge = bench_merge(args, work)
    except BenchError as e:
        print(f"bench_io: {e}", file=sys.stderr)
        sys.exit(1)
    finally:
        shutil.rmtree(work, ignore_errors=True)

    print(f"\nmedians (min - max) of {args.repeat} interleaved runs each:")
    for series in (e2e["specgen"], e2e["raw"], e2e["synthesis"], deflate["one"], deflate["two"], merge["merge"], merge["copy"]):
        print(series.line())
    print(f"  end to end / synthesis only: {e2e['specgen'].median() / e2e['synthesis'].median():.0%}")
    per_core = [statistics.median(v / c for v, c in zip(s.values, s.cores)) for s in (deflate["one"], deflate["two"])]
    print(f"  deflate, samples/s per busy core: 1 thread {per_core[0] / 1e6:.1f} M, 2 threads {per_core[1] / 1e6:.1f} M "
          "(equal when the 2 threads scale; a speed-up short of 2 with fewer than 2 cores busy is other load)")
    peak = max(m["peak_rss_mb"] for m in memory)
    checks = [
        ("end_to_end_vs_raw_write", f"end to end, {e2e['samples'] / 1e6:.0f} M samples uncompressed, >= {E2E_VS_RAW_MIN:.0%} of a raw write + fsync",
         e2e["ratio"], f"{e2e['ratio']:.0%} ({e2e['specgen_samples_per_s'] / 1e6:.0f} M samples/s)", e2e["ratio"] >= E2E_VS_RAW_MIN),
        ("peak_rss_mb", f"peak RSS < {PEAK_RSS_MAX_MB:g} MB for N = " + ", ".join(str(m["examples"]) for m in memory),
         peak, ", ".join(f"{m['peak_rss_mb']:.0f}" for m in memory) + " MB", peak < PEAK_RSS_MAX_MB),
        ("deflate_2_threads_vs_1", f"deflate end to end, 2 threads >= {DEFLATE_SPEEDUP_MIN:g}x 1 thread",
         deflate["speedup"], f"{deflate['speedup']:.2f}x", deflate["speedup"] >= DEFLATE_SPEEDUP_MIN),
        ("merge_vs_copy", f"merge >= {MERGE_VS_COPY_MIN:.0%} of cp + fsync of the same bytes",
         merge["ratio"], f"{merge['ratio']:.0%}", merge["ratio"] >= MERGE_VS_COPY_MIN),
    ]
    print(f"  zlib level 4 + shuffle, one thread (Python, context): {deflate['zlib_single_thread_samples_per_s'] / 1e6:.1f} M samples/s")
    print("\ntargets (on medians):")
    for _, required, _, text, holds in checks:
        print(f"  [{'ok' if holds else 'FAIL':4}] {required}: {text}")
    if args.json:
        def plain(series):
            return {"median": series.median(), "min": min(series.values), "max": max(series.values), "values": series.values,
                    "cores_busy": series.cores}
        report = {
            "end_to_end": {"examples": e2e["examples"], "bytes": e2e["bytes"], "specgen_bytes_per_s": plain(e2e["specgen"]),
                           "raw_write_bytes_per_s": plain(e2e["raw"]), "synthesis_bytes_per_s": plain(e2e["synthesis"]),
                           "ratio": e2e["ratio"]},
            "memory": memory,
            "deflate": {"examples": deflate["examples"], "one_thread_samples_per_s": plain(deflate["one"]),
                        "two_threads_samples_per_s": plain(deflate["two"]), "speedup": deflate["speedup"],
                        "zlib_single_thread_samples_per_s": deflate["zlib_single_thread_samples_per_s"]},
            "merge": {"examples": merge["examples"], "bytes": merge["bytes"], "merge_bytes_per_s": plain(merge["merge"]),
                      "copy_bytes_per_s": plain(merge["copy"]), "ratio": merge["ratio"]},
            "targets": {key: {"required": required, "value": value, "holds": holds} for key, required, value, _, holds in checks},
        }
        args.json.write_text(json.dumps(report, indent=2) + "\n")
        print(f"\nfigures written to {args.json}")


if __name__ == "__main__":
    main()

"""Worker threads yield to the writer: while specgen writes a file with as many workers as cores, the
workers run at nice +10 (the writer, on the main thread, stays at the process's nice value), so the
writer's page-cache copies are never queued behind synthesis (BlockPipeline.writerPriority). Synthesis
alone (--discard) and runs with fewer workers than cores keep every thread at the process's value.
"""

from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path

import pytest

from conftest import SCENARIO_DIR


def _nice_values(specgen_bin: Path, tmp_path: Path, *args: str) -> tuple[int, set[int]]:
    """Runs specgen and samples every thread's nice value from /proc until it exits: (main thread's,
    the other threads')."""
    proc = subprocess.Popen([str(specgen_bin), "run", str(SCENARIO_DIR / "bench-qpsk.json"), "--quiet", *args],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    # (Foundation's own helper threads may sit at other values, e.g. a dispatch thread at −4.)
    main, others = None, set()
    while proc.poll() is None:
        try:
            for task in os.listdir(f"/proc/{proc.pid}/task"):
                with open(f"/proc/{proc.pid}/task/{task}/stat") as f:
                    # Field 19 (nice) counted after the parenthesised command name.
                    nice = int(f.read().rsplit(")", 1)[1].split()[16])
                if int(task) == proc.pid:
                    main = nice
                else:
                    others.add(nice)
        except (FileNotFoundError, ProcessLookupError, IndexError, ValueError):
            pass
        time.sleep(0.005)
    assert proc.wait() == 0, proc.stderr.read()
    assert main is not None, "the run ended before its threads could be sampled"
    return main, others


def test_workers_yield_to_the_writer(specgen_bin: Path, tmp_path: Path) -> None:
    cores = len(os.sched_getaffinity(0))
    main, others = _nice_values(specgen_bin, tmp_path, "--examples", "200000", "--threads", str(cores),
                                "-o", str(tmp_path / "a.h5"))
    assert main + 10 in others or (main + 10 > 19 and 19 in others), (main, others)


def test_synthesis_alone_and_spare_cores_keep_the_priority(specgen_bin: Path, tmp_path: Path) -> None:
    cores = len(os.sched_getaffinity(0))
    main, others = _nice_values(specgen_bin, tmp_path, "--examples", "200000", "--threads", str(cores), "--discard")
    assert main + 10 not in others, (main, others)
    if cores < 2:
        pytest.skip("one core: no run has fewer workers than cores")
    main, others = _nice_values(specgen_bin, tmp_path, "--examples", "100000", "--threads", str(cores - 1),
                                "-o", str(tmp_path / "b.h5"))
    assert main + 10 not in others, (main, others)

"""Stopping a run at chosen moments and resuming it (docs/dataset.md, "The state of a stopped run"):
the helpers test_resume.py and test_scene_batch.py share."""

from __future__ import annotations

import filecmp
import random
import re
import signal
import subprocess
import time
from pathlib import Path
from typing import Callable


def journal_records(journal: Path) -> int:
    """Finished blocks the journal records: complete lines after the header line."""
    try:
        return max(0, journal.read_bytes().count(b"\n") - 1)
    except FileNotFoundError:
        return 0


def wait_until(process: subprocess.Popen, ready: Callable[[], bool], timeout: float = 60) -> None:
    """Polls every 0.5 ms until `ready()` or the process ends."""
    deadline = time.monotonic() + timeout
    while not ready() and process.poll() is None:
        assert time.monotonic() < deadline, "the run never reached the moment to stop it"
        time.sleep(0.0005)


def reuse(stderr: str) -> tuple[int, int] | None:
    """(verified and copied, journaled) from a resume's note, if it printed one."""
    m = re.search(r"resuming \S+: (\d+) of the (\d+) finished blocks verified and copied", stderr)
    return (int(m.group(1)), int(m.group(2))) if m else None


def kill_at_moments_then_finish(command: list[str], moments: list[tuple[str, Callable[[], bool]]], out: Path, reference: Path,
                                state: tuple[Path, ...], rng: random.Random, least_landed: int, least_reused: int) -> None:
    """Runs `command` (a `specgen run … --resume`) once per moment and SIGKILLs it when the moment's
    condition holds (plus up to 2 ms). A run that finished leaves no `state` and the reference's bytes;
    only a finished file is ever at `out`. At least `least_landed` kills must hit a running process. A
    last run goes to the end: the reference's bytes, `out` alone in its folder, and at least
    `least_reused` journaled blocks copied over all the resumes."""
    landed, reused = [], []
    for what, ready in moments:
        if out.exists():  # a kill after the rename finished the run: start over for the moments left
            out.unlink()
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        wait_until(process, ready)
        time.sleep(rng.uniform(0, 0.002))
        process.kill()
        _, stderr = process.communicate(timeout=60)
        if reuse(stderr):
            reused.append(reuse(stderr))
        if process.returncode == -signal.SIGKILL:
            landed.append(what)
        else:
            assert process.returncode == 0, f"{what}: exit {process.returncode}\n{stderr}"
            assert not any(p.exists() for p in state), f"{what}: state left after success"
        if out.exists():  # only a finished file is ever renamed into place
            assert filecmp.cmp(out, reference, shallow=False), f"{what}: the file at -o differs from the uninterrupted run"

    assert len(landed) >= least_landed, f"only {len(landed)} of {len(moments)} kills hit a running process: {landed}"
    final = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert final.returncode == 0, final.stderr
    assert filecmp.cmp(out, reference, shallow=False), "the resumed file differs from the uninterrupted run"
    assert sorted(p.name for p in out.parent.iterdir()) == [out.name], "state files left after the run finished"
    if reuse(final.stderr):
        reused.append(reuse(final.stderr))
    assert sum(copied for copied, _ in reused) >= least_reused, f"resumes reused too few journaled blocks: {reused}"

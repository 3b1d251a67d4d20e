"""An interrupted run stops cleanly and leaves nothing at the output path (README "Resume").

A batch job stopped by its scheduler (SIGTERM) or a user's Ctrl-C (SIGINT) must not leave a
half-written file that a later step could mistake for a dataset; it keeps its resumable state under
hidden names instead (test_resume.py resumes it).
"""

from __future__ import annotations

import signal
import subprocess
import time
from pathlib import Path
from typing import Any, Callable

import pytest


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_signal_stops_the_run_and_leaves_no_file_at_the_output_path(
    signum: int, specgen_bin: Path, small_scenario: dict[str, Any], write_scenario: Callable[..., Path], tmp_path: Path
) -> None:
    """A long run (2 million examples) is stopped mid-way: exit status 130 within seconds, a message
    on stderr that ends with the command to resume, no file at -o, and beside it only the two hidden
    state files."""
    scenario = dict(small_scenario, examples=2_000_000, samples_per_example=1024)
    path = write_scenario(scenario)
    out = tmp_path / "out" / "big.h5"
    out.parent.mkdir()
    process = subprocess.Popen(
        [str(specgen_bin), "run", str(path), "-o", str(out), "--threads", "2"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    # Wait until the temporary file exists: the run is then writing.
    deadline = time.monotonic() + 60
    while not any(out.parent.iterdir()) and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.05)
    time.sleep(0.3)
    assert process.poll() is None, "the run ended before it could be interrupted"
    process.send_signal(signum)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 130, stderr
    assert "interrupted" in stderr
    assert stderr.strip().endswith("--resume"), stderr
    assert not out.exists()
    assert sorted(p.name for p in out.parent.iterdir()) == [".big.h5.journal", ".big.h5.partial"]

"""An interrupted run stops cleanly and leaves nothing at the output path (docs: README "Commands").

A batch job killed by its scheduler (SIGTERM) or a user's Ctrl-C (SIGINT) must not leave a
half-written file that a later step could mistake for a dataset.
"""

from __future__ import annotations

import signal
import subprocess
import time
from pathlib import Path
from typing import Any, Callable

import pytest


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_signal_stops_the_run_and_leaves_no_file(
    signum: int, specgen_bin: Path, small_scenario: dict[str, Any], write_scenario: Callable[..., Path], tmp_path: Path
) -> None:
    """The run is stopped mid-way: exit status 130, a message on stderr, no file at -o and no
    temporary file left beside it."""
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
    assert not out.exists()
    assert list(out.parent.iterdir()) == [], f"left behind: {list(out.parent.iterdir())}"

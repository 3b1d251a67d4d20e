"""Resume (README "Resume"): a stopped run is continued by the same command with --resume.

A run keeps its state beside the target: `.NAME.partial` (the HDF5 file being written, flushed after
every block) and `.NAME.journal` (the run's identity and, per finished block, each stored chunk's size,
filter mask and CRC-32). Whatever stops it — kill -9 at any moment, SIGINT/SIGTERM, a full disk — the
same command with --resume finishes a file byte-identical to an uninterrupted run, and nothing appears
at -o before the run completes. These tests run the real binary and compare files with `cmp`
semantics (filecmp, shallow=False).

The datasets are SMALL_SCENARIO-sized (conftest.py: blocks of 16 examples of 256 samples), with more
examples where a run must last long enough to be stopped part-way; each test takes a second or two.
"""

from __future__ import annotations

import copy
import filecmp
import os
import random
import re
import shlex
import signal
import subprocess
from pathlib import Path
from typing import Any, Callable

import h5py
import pytest

from conftest import SMALL_SCENARIO
from stopping import journal_records, kill_at_moments_then_finish, reuse, wait_until


def _state(out: Path) -> tuple[Path, Path]:
    """The state files of target `out`: the partial HDF5 file and the journal."""
    return out.parent / f".{out.name}.partial", out.parent / f".{out.name}.journal"


def _scenario(examples: int, compressed: bool = True, samples: int = 256) -> dict[str, Any]:
    scenario = copy.deepcopy(SMALL_SCENARIO)
    scenario["examples"] = examples
    scenario["samples_per_example"] = samples
    if not compressed:
        scenario["output"]["compression"] = None
    return scenario


def _reference(specgen: Callable[..., Any], scenario: Path, where: Path, *extra: Any) -> Path:
    """The uninterrupted run of the same command (its file name does not enter the bytes)."""
    out = where / "reference.h5"
    result = specgen("run", scenario, "-o", out, "--quiet", *extra)
    assert result.returncode == 0, result.report()
    return out


# --------------------------------------------------------------------------- kill -9 at random moments

@pytest.mark.parametrize("variant", ["deflate", "uncompressed", "shard 1/3", "deflate --clean"])
def test_kill_9_at_random_moments_then_resume_is_byte_identical(
    variant: str, specgen: Callable[..., Any], specgen_bin: Path, write_scenario: Callable[..., Path], tmp_path: Path
) -> None:
    """A run is killed with SIGKILL at 12 moments spread over it, each time continued by the same
    command with --resume (which is killed in turn): right after it starts; in its first block; after
    7 seeded random blocks, in increasing order; while a resume copies the finished blocks into its
    fresh file; in its last block; and after its last block (while it closes, syncs and renames).
    Each kill comes a random 0-2 ms after its moment. Then a last --resume runs to the end.

    After every kill nothing is at -o, unless the kill came after the rename (then the file there must
    already be the finished one); the final file equals the uninterrupted run's byte for byte, no state
    is left, and the resumes reused journaled blocks rather than making everything again."""
    compressed = variant != "uncompressed"
    shard = ["--shard", "1/3"] if variant.startswith("shard") else []
    shard += ["--clean"] if variant.endswith("--clean") else []  # /iq_clean: one more chunk per block
    # 75 blocks (shard 1/3 holds 25 of them) of 16 examples of 1024 samples: a few ms per block, so
    # that the kills land near their moments.
    scenario = write_scenario(_scenario(1200, compressed, samples=1024))
    blocks = 25 if shard else 75
    reference = _reference(specgen, scenario, tmp_path, *shard)
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    out = out_dir / "data.h5"
    partial, journal = _state(out)
    resuming = out.parent / f".{out.name}.resuming"
    command = [str(specgen_bin), "run", str(scenario), "-o", str(out), "--threads", "2", *shard, "--resume"]

    rng = random.Random(f"kill -9, {variant}")
    thresholds = sorted(rng.sample(range(1, blocks - 1), 7))
    moments: list[tuple[str, Callable[[], bool]]] = [("at start", lambda: True), ("in the first block", lambda: partial.exists())]
    for k in thresholds[:3]:
        moments.append((f"after block {k}", lambda k=k: journal_records(journal) >= k))
    moments.append(("while a resume copies", lambda: resuming.exists()))
    for k in thresholds[3:]:
        moments.append((f"after block {k}", lambda k=k: journal_records(journal) >= k))
    moments.append(("in the last block", lambda: journal_records(journal) >= blocks - 1))
    moments.append(("after the last block", lambda: journal_records(journal) >= blocks))

    kill_at_moments_then_finish(command, moments, out, reference, (partial, journal), rng, least_landed=10, least_reused=thresholds[-1])


# --------------------------------------------------------------------------- SIGINT / SIGTERM

def _stopped_run(specgen_bin: Path, scenario: Path, out: Path, signum: int, *extra: str, fraction: float = 0.3,
                 blocks: int) -> tuple[list[str], subprocess.CompletedProcess]:
    """Starts `specgen run SCENARIO -o OUT --threads 1 EXTRA`, sends `signum` once the journal holds
    `fraction` of the blocks, and returns the argv and the finished process."""
    argv = [str(specgen_bin), "run", str(scenario), "-o", str(out), "--threads", "1", *extra]
    process = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    wait_until(process, lambda: journal_records(_state(out)[1]) >= int(fraction * blocks))
    assert process.poll() is None, "the run ended before it could be stopped"
    process.send_signal(signum)
    stdout, stderr = process.communicate(timeout=60)
    return argv, subprocess.CompletedProcess(argv, process.returncode, stdout, stderr)


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_signal_keeps_the_state_and_prints_the_resume_command(
    signum: int, specgen: Callable[..., Any], specgen_bin: Path, write_scenario: Callable[..., Path], tmp_path: Path
) -> None:
    """SIGTERM (a scheduler's stop) or SIGINT (Ctrl-C) mid-run: exit 130, "interrupted" and the exact
    command to continue (the same argv plus --resume) on stderr, nothing at -o, the state kept. Running
    the printed command finishes the run: it reuses every block the journal recorded (a cleanly
    stopped run's file is flushed after each block) and the file equals the uninterrupted run's."""
    scenario = write_scenario(_scenario(3200))  # 200 blocks
    reference = _reference(specgen, scenario, tmp_path)
    out = tmp_path / "out" / "data.h5"
    out.parent.mkdir()
    argv, stopped = _stopped_run(specgen_bin, scenario, out, signum, blocks=200)
    assert stopped.returncode == 130, stopped.stderr
    assert "interrupted" in stopped.stderr
    assert not out.exists()
    partial, journal = _state(out)
    assert partial.is_file() and journal.is_file()
    kept = journal_records(journal)
    assert 0 < kept < 200
    assert f"{kept} of 200 blocks are done" in stopped.stderr, stopped.stderr
    printed = stopped.stderr.strip().splitlines()[-1]
    assert shlex.split(printed) == argv + ["--resume"], f"not the command to resume: {printed!r}"

    resumed = subprocess.run(shlex.split(printed), capture_output=True, text=True, timeout=120)
    assert resumed.returncode == 0, resumed.stderr
    assert reuse(resumed.stderr) == (kept, kept), resumed.stderr
    assert filecmp.cmp(out, reference, shallow=False)
    assert sorted(p.name for p in out.parent.iterdir()) == ["data.h5"]


# --------------------------------------------------------------------------- what --resume refuses, and what it does without state

@pytest.fixture
def stopped(specgen: Callable[..., Any], specgen_bin: Path, write_scenario: Callable[..., Path], tmp_path: Path) -> dict[str, Any]:
    """A run of 1,600 examples (100 blocks) stopped by SIGTERM part-way, and its uninterrupted reference."""
    scenario = write_scenario(_scenario(1600))
    reference = _reference(specgen, scenario, tmp_path)
    out = tmp_path / "out" / "data.h5"
    out.parent.mkdir()
    _, result = _stopped_run(specgen_bin, scenario, out, signal.SIGTERM, blocks=100, fraction=0.2)
    assert result.returncode == 130, result.stderr
    partial, journal = _state(out)
    return {"scenario": scenario, "reference": reference, "out": out, "partial": partial, "journal": journal,
            "journal_bytes": journal.read_bytes(), "partial_bytes": partial.read_bytes()}


def _untouched(s: dict[str, Any]) -> None:
    assert not s["out"].exists()
    assert s["journal"].read_bytes() == s["journal_bytes"], "the state's journal was changed"
    assert s["partial"].read_bytes() == s["partial_bytes"], "the state's partial file was changed"


def test_plain_run_refuses_a_stopped_runs_state(specgen: Callable[..., Any], stopped: dict[str, Any]) -> None:
    """Without --resume, a run that finds a stopped run's state refuses (exit 2), says how many blocks
    are done and names both ways on (--resume, --overwrite), and leaves the state exactly as it was;
    --overwrite then discards it and makes the file from the beginning."""
    result = specgen("run", stopped["scenario"], "-o", stopped["out"], "--quiet")
    assert result.returncode == 2, result.report()
    assert "a stopped run left resumable state" in result.diagnostics, result.report()
    assert "--resume" in result.diagnostics and "--overwrite" in result.diagnostics, result.report()
    assert f"{journal_records(stopped['journal'])} of 100 blocks done" in result.diagnostics, result.report()
    _untouched(stopped)

    result = specgen("run", stopped["scenario"], "-o", stopped["out"], "--overwrite")
    assert result.returncode == 0, result.report()
    assert "discarding the stopped run's state" in result.stderr
    assert filecmp.cmp(stopped["out"], stopped["reference"], shallow=False)
    assert sorted(p.name for p in stopped["out"].parent.iterdir()) == ["data.h5"]


@pytest.mark.parametrize("change, expected", [
    (["--seed", "7"], "seed 99 there, 7 here"),
    (["--examples", "1000"], "examples 1600 there, 1000 here"),
    (["--shard", "0/2"], "shard none there, 0/2 here"),
    ("scenario", "scenario (SHA-256 of the file)"),
], ids=["seed", "examples", "shard", "scenario"])
def test_resume_refuses_another_runs_state(specgen: Callable[..., Any], stopped: dict[str, Any], write_scenario: Callable[..., Path],
                                           tmp_path: Path, change: Any, expected: str) -> None:
    """--resume with options or a scenario that make another file than the stopped run's is refused
    (exit 2), naming what differs with both values, and the state is left as it was."""
    scenario = stopped["scenario"]
    extra = change
    if change == "scenario":
        other = _scenario(1600)
        other["snr_db"] = {"uniform": {"low": 0, "high": 10}}
        scenario, extra = write_scenario(other, name="other.json"), []
    result = specgen("run", scenario, "-o", stopped["out"], "--resume", *extra)
    assert result.returncode == 2, result.report()
    assert "is of another run" in result.diagnostics and expected in result.stderr, result.report()
    _untouched(stopped)


def test_resume_reuses_blocks_up_to_the_first_corrupt_chunk(stopped: dict[str, Any], specgen: Callable[..., Any]) -> None:
    """Correctness comes from the journal's checksums, not from the stopped file: with one byte of
    block 5's /iq chunk flipped in the partial file, a resume copies blocks 0-4, makes the rest again
    and still writes the uninterrupted run's bytes."""
    kept = journal_records(stopped["journal"])
    assert kept > 6
    with h5py.File(stopped["partial"], "r") as f:
        info = f["iq"].id.get_chunk_info_by_coord((5 * 16, 0, 0))
    with open(stopped["partial"], "r+b") as f:
        f.seek(info.byte_offset + info.size // 2)
        byte = f.read(1)
        f.seek(-1, os.SEEK_CUR)
        f.write(bytes([byte[0] ^ 0xFF]))
    result = specgen("run", stopped["scenario"], "-o", stopped["out"], "--resume")
    assert result.returncode == 0, result.report()
    assert reuse(result.stderr) == (5, kept), result.stderr
    assert "block 5 does not match the journal" in result.stderr
    assert filecmp.cmp(stopped["out"], stopped["reference"], shallow=False)


def test_resume_ignores_a_journal_line_cut_short(stopped: dict[str, Any], specgen: Callable[..., Any]) -> None:
    """A journal whose last record was cut short (a kill in the middle of its write: no newline) is read
    up to its last whole line: the resume reuses exactly the complete records' blocks and finishes the
    uninterrupted run's bytes."""
    journal = stopped["journal"]
    kept = journal_records(journal)
    text = journal.read_bytes()
    last = text.rstrip(b"\n").rsplit(b"\n", 1)[1]
    journal.write_bytes(text + last[: len(last) // 2])  # half of a record again, without its newline
    result = specgen("run", stopped["scenario"], "-o", stopped["out"], "--resume")
    assert result.returncode == 0, result.report()
    assert reuse(result.stderr) == (kept, kept), result.stderr
    assert filecmp.cmp(stopped["out"], stopped["reference"], shallow=False)


def test_resume_without_state_starts_and_resume_of_a_finished_file_does_nothing(
    specgen: Callable[..., Any], write_scenario: Callable[..., Path], tmp_path: Path
) -> None:
    """--resume with nothing to resume starts from the beginning and says so (so a job script can always
    pass it); --resume again once the file is finished reports it complete, exit 0, and leaves it as it
    is; the same with another seed is refused because the file exists."""
    scenario = write_scenario(_scenario(200))
    reference = _reference(specgen, scenario, tmp_path)
    out = tmp_path / "out" / "data.h5"
    out.parent.mkdir()
    first = specgen("run", scenario, "-o", out, "--resume")
    assert first.returncode == 0, first.report()
    assert "no stopped run to resume" in first.stderr
    assert filecmp.cmp(out, reference, shallow=False)
    stat = out.stat()
    again = specgen("run", scenario, "-o", out, "--resume")
    assert again.returncode == 0, again.report()
    assert "already complete" in again.stderr
    assert out.stat().st_mtime_ns == stat.st_mtime_ns and out.stat().st_ino == stat.st_ino
    other = specgen("run", scenario, "-o", out, "--resume", "--seed", "5")
    assert other.returncode == 2 and "the file exists" in other.diagnostics, other.report()
    assert sorted(p.name for p in out.parent.iterdir()) == ["data.h5"]


def test_two_runs_on_one_target_do_not_mix(specgen: Callable[..., Any], specgen_bin: Path, write_scenario: Callable[..., Path],
                                           tmp_path: Path) -> None:
    """While a run writes a target, a second run on the same -o (with or without --resume) is refused
    with exit 2 (the first holds the journal's lock), and the first one finishes undisturbed."""
    scenario = write_scenario(_scenario(3200))
    reference = _reference(specgen, scenario, tmp_path)
    out = tmp_path / "out" / "data.h5"
    out.parent.mkdir()
    first = subprocess.Popen([str(specgen_bin), "run", str(scenario), "-o", str(out), "--threads", "1", "--quiet"],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    wait_until(first, lambda: journal_records(_state(out)[1]) >= 1)
    assert first.poll() is None
    for extra in ([], ["--resume"]):
        second = specgen("run", scenario, "-o", out, "--quiet", *extra)
        assert second.returncode == 2, second.report()
        assert "another specgen run is writing it now" in second.diagnostics, second.report()
    _, stderr = first.communicate(timeout=120)
    assert first.returncode == 0, stderr
    assert filecmp.cmp(out, reference, shallow=False)


# --------------------------------------------------------------------------- disk full

@pytest.mark.skipif(os.geteuid() != 0, reason="mounting a small tmpfs to fill needs root (CI runs the suite as root)")
def test_disk_full_stops_clearly_and_resumes_once_space_is_freed(
    specgen: Callable[..., Any], write_scenario: Callable[..., Path], tmp_path: Path
) -> None:
    """On a 1 MB tmpfs, a run of a ~6.5 MB file stops with exit 1 and a message that says the disk is
    full, what the rest of the run needs, what a resume needs (it copies the finished blocks into a
    fresh file first), what is free, and the command to resume; nothing is at -o and the state is kept.
    The tmpfs is then grown (remount) by the space the message says a resume needs, plus 5 % and 256 kB
    (the journal, tmpfs pages): the same command with --resume then finishes, reusing the finished
    blocks, and the file equals the uninterrupted run's byte for byte."""
    scenario = write_scenario(_scenario(1600, compressed=False))
    reference = _reference(specgen, scenario, tmp_path)
    mount = tmp_path / "small"
    mount.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(mount)], check=True)
    try:
        out = mount / "data.h5"
        result = specgen("run", scenario, "-o", out)
        assert result.returncode == 1, result.report()
        message = result.diagnostics
        assert "disk full (No space left on device)" in message, result.report()
        assert re.search(r"the rest of the run needs about [\d.]+ [kM]B \(\d+ blocks of about [\d.]+ [kM]B\)", message), message
        needed = re.search(r"a resume about ([\d.]+) MB free", message)
        assert needed, message
        assert re.search(r"<path> has \d+ kB free", message), message
        assert message.strip().splitlines()[-1].strip().endswith("--resume"), message
        assert not out.exists()
        partial, journal = _state(out)
        kept = journal_records(journal)
        assert partial.is_file() and kept > 0
        assert f"{kept} of 100 blocks are done" in message, message

        used = sum(p.stat().st_size for p in mount.iterdir())
        size_kb = int((used + float(needed.group(1)) * 1e6 * 1.05) / 1024) + 256
        subprocess.run(["mount", "-o", f"remount,size={size_kb}k", str(mount)], check=True)
        resumed = specgen("run", scenario, "-o", out, "--resume")
        assert resumed.returncode == 0, resumed.report()
        assert reuse(resumed.stderr) == (kept, kept), resumed.stderr
        assert filecmp.cmp(out, reference, shallow=False)
        assert sorted(p.name for p in mount.iterdir()) == ["data.h5"]
    finally:
        subprocess.run(["umount", str(mount)], check=True)

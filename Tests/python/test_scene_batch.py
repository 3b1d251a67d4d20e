"""Scene files in batch work (docs/dataset.md "Shards", "The state of a stopped run"): shards of a
scene merge into the file of the single run, and a stopped scene run resumes into the file of an
uninterrupted one, byte for byte (`cmp` semantics: filecmp, shallow=False), /annotations included.

/annotations holds one row per burst, in chunks of 4,096 rows, so a part's rows do not start a chunk
where the single run's do: the merge replays them block by block, each part's `example` moved by its
first example. ROWS_SCENE makes about 8,000 rows (0-8 bursts of 64-200 samples in 2,000 captures of
1,024 samples), so that the chunk boundary at row 4,096 falls inside a part of 3 or 7 shards; SMALL_SCENE
is the wideband case (40 captures of 16,384 samples, bursts of 0.1-0.8 ms), EMPTY_SCENE has no bursts
at all (every part's /annotations has 0 rows). A resume takes the rows of the blocks it reuses from the
spool beside the journal, `.NAME.annotations`.
"""

from __future__ import annotations

import copy
import filecmp
import json
import random
import shutil
import signal
import subprocess
from pathlib import Path
from typing import Any, Callable

import h5py
import numpy as np
import pytest

from stopping import journal_records, kill_at_moments_then_finish, reuse, wait_until

CLASSES = [
    {"name": "qpsk", "emitter": {"type": "qpsk", "samples_per_symbol": 8}},
    {"name": "tone", "emitter": {"type": "tone"}},
    {"name": "bpsk", "emitter": {"type": "bpsk", "samples_per_symbol": 4}},
]

# Bursts may overlap: with "overlap": "none" the wide BPSK bursts of SMALL_SCENE cannot always be placed.
SMALL_SCENE: dict[str, Any] = {
    "format": "specgen-scenario", "version": 1, "name": "pytest: wideband scene", "seed": 5,
    "examples": 40, "samples_per_example": 16384, "sample_rate_hz": 20e6,
    "snr_db": {"uniform": {"low": 0, "high": 20}},
    "scene": {"bursts": {"uniform": {"low": 0, "high": 6}}, "duration_s": {"uniform": {"low": 0.0001, "high": 0.0008}},
              "overlap": "any"},
    "classes": CLASSES,
    "output": {"block_examples": 4},
}

# 64 samples at 20 MHz (docs: a burst is at least SceneSpec.minimumBurstSamples = 64 samples) … 200.
ROWS_SCENE: dict[str, Any] = {
    "format": "specgen-scenario", "version": 1, "name": "pytest: scene of many rows", "seed": 11,
    "examples": 2000, "samples_per_example": 1024, "sample_rate_hz": 20e6,
    "snr_db": {"uniform": {"low": 0, "high": 20}},
    "scene": {"bursts": {"uniform": {"low": 0, "high": 8}}, "duration_s": {"uniform": {"low": 64 / 20e6, "high": 200 / 20e6}},
              "overlap": "any"},
    "classes": CLASSES,
    "output": {"block_examples": 16, "compression": {"deflate_level": 1, "shuffle": True}},
}

EMPTY_SCENE: dict[str, Any] = dict(copy.deepcopy(ROWS_SCENE), name="pytest: scene without bursts", examples=300,
                                   scene={"bursts": 0, "duration_s": 1e-5})

CHUNK_ROWS = 4096


def _scenario(name: str) -> dict[str, Any]:
    if name == "rows-uncompressed":
        scenario = copy.deepcopy(ROWS_SCENE)
        scenario["output"].pop("compression")
        return scenario
    return copy.deepcopy({"small": SMALL_SCENE, "rows": ROWS_SCENE, "empty": EMPTY_SCENE}[name])


class Made:
    """The files of `specgen run`, each made once per module: `made(name, *flags, shard=None)` runs
    scenario `name` with `flags` (and `--shard K/N`); `made.scenario(name)` is the scenario file."""

    def __init__(self, specgen: Callable[..., Any], where: Path) -> None:
        self.specgen, self.where = specgen, where
        self.files: dict[tuple[Any, ...], Path] = {}

    def scenario(self, name: str) -> Path:
        path = self.where / f"{name}.json"
        if not path.exists():
            path.write_text(json.dumps(_scenario(name), indent=2) + "\n", encoding="utf-8")
        return path

    def __call__(self, name: str, *flags: str, shard: str | None = None) -> Path:
        key = (name, flags, shard)
        if key not in self.files:
            out = self.where / f"{name}{''.join(flags)}{'-' + shard.replace('/', 'of') if shard else ''}.h5"
            result = self.specgen("run", self.scenario(name), "-o", out, "--quiet", *flags, *(["--shard", shard] if shard else []))
            assert result.returncode == 0, result.report()
            self.files[key] = out
        return self.files[key]

    def parts(self, name: str, count: int, *flags: str) -> list[Path]:
        return [self(name, *flags, shard=f"{k}/{count}") for k in range(count)]


@pytest.fixture(scope="module")
def made(specgen: Callable[..., Any], tmp_path_factory: pytest.TempPathFactory) -> Made:
    return Made(specgen, tmp_path_factory.mktemp("scenes"))


# --------------------------------------------------------------------------- merge

@pytest.mark.parametrize("name, shards, flags", [
    ("small", 3, ()),
    ("rows", 1, ("--clean",)),
    ("rows", 3, ("--clean",)),
    ("rows", 7, ("--clean",)),
    ("rows-uncompressed", 7, ()),
    ("empty", 7, ()),
], ids=["small 3", "rows 1 --clean", "rows 3 --clean", "rows 7 --clean", "rows uncompressed 7", "no bursts 7"])
def test_merge_is_byte_identical_to_the_single_run(specgen: Callable[..., Any], made: Made, tmp_path: Path,
                                                   name: str, shards: int, flags: tuple[str, ...]) -> None:
    """The parts, given in reverse order, merge into the single run's bytes. Its /annotations rows are
    the parts' one after the other, each part's `example` moved by its first example; with ROWS_SCENE
    they cross the 4,096-row chunk boundary, inside a part when there are several."""
    whole = made(name, *flags)
    parts = made.parts(name, shards, *flags)
    merged = tmp_path / "merged.h5"
    result = specgen("merge", "-o", merged, *reversed(parts), "--quiet")
    assert result.returncode == 0, result.report()
    assert filecmp.cmp(merged, whole, shallow=False), "the merged file differs from the single run"

    starts, rows = [], []
    for part in parts:
        with h5py.File(part, "r") as f:
            starts.append(int(f.attrs["shard_example_start"]))
            rows.append(f["annotations/example"][:] + starts[-1])
    with h5py.File(whole, "r") as f:
        example = f["annotations/example"][:]
        assert f["annotations/example"].chunks == (CHUNK_ROWS,) and f["annotations/example"].maxshape == (None,)
    np.testing.assert_array_equal(example, np.concatenate(rows))
    if name == "empty":
        assert len(example) == 0
    elif name.startswith("rows"):
        assert len(example) > CHUNK_ROWS
        if shards > 1:
            edges = np.cumsum([0] + [len(r) for r in rows])
            assert any(a < CHUNK_ROWS < b and a > 0 for a, b in zip(edges[:-1], edges[1:])), f"no part straddles row 4,096: {edges}"


def _copy_part(parts: list[Path], where: Path) -> list[Path]:
    copies = []
    for part in parts:
        copies.append(where / part.name)
        shutil.copyfile(part, copies[-1])
    return copies


@pytest.mark.parametrize("change, expected", [
    ("no /annotations", "/annotations: none (not a scene)"),
    ("another column", "/annotations/snr_xx"),
    ("example out of order", "/annotations/example row 1 is 0: rows must be in example order"),
    ("example past the part", "rows must be in example order, within 0 ..< "),
], ids=["no annotations", "another column", "example out of order", "example out of range"])
def test_merge_refuses_parts_whose_annotations_differ(specgen: Callable[..., Any], made: Made, tmp_path: Path,
                                                      change: str, expected: str) -> None:
    """One part of three changed with h5py: without /annotations, with a column renamed, with its
    `example` rows out of order or beyond its examples. The merge refuses (exit 2) with a message naming
    the part and what is wrong, and writes nothing."""
    parts = _copy_part(made.parts("rows", 3, "--clean"), tmp_path)
    with h5py.File(parts[1], "r+") as f:
        if change == "no /annotations":
            del f["annotations"]
        elif change == "another column":
            f.move("annotations/snr_db", "annotations/snr_xx")
        elif change == "example out of order":
            f["annotations/example"][:2] = [5, 0]
        else:
            f["annotations/example"][-1] = 10_000
    merged = tmp_path / "merged.h5"
    result = specgen("merge", "-o", merged, *parts)
    assert result.returncode == 2, result.report()
    assert "merge refused" in result.stderr and parts[1].name in result.stderr, result.report()
    assert expected in result.stderr, result.report()
    assert not merged.exists()


# --------------------------------------------------------------------------- resume

def _state(out: Path) -> tuple[Path, Path, Path]:
    """The state files of target `out`: the partial file, the journal and the spool of rows."""
    return tuple(out.parent / f".{out.name}.{suffix}" for suffix in ("partial", "journal", "annotations"))  # type: ignore[return-value]


def test_kill_9_at_random_moments_then_resume_is_byte_identical(specgen_bin: Path, made: Made, tmp_path: Path) -> None:
    """ROWS_SCENE with --clean (125 blocks) is killed with SIGKILL at 10 moments, each time continued by
    the same command with --resume (killed in turn): at start, in its first block, after 5 seeded random
    blocks, while a resume copies, in its last block and after it. A last --resume runs to the end:
    the file equals the uninterrupted run's, no state is left, and the resumes reused journaled blocks
    (their rows from the spool) rather than making everything again."""
    reference = made("rows", "--clean")
    scenario = made.scenario("rows")
    out = tmp_path / "out" / "data.h5"
    out.parent.mkdir()
    partial, journal, spool = _state(out)
    resuming = out.parent / f".{out.name}.resuming"
    command = [str(specgen_bin), "run", str(scenario), "-o", str(out), "--threads", "2", "--clean", "--resume"]
    blocks = 125
    rng = random.Random("scene kill -9")
    thresholds = sorted(rng.sample(range(1, blocks - 1), 5))
    moments: list[tuple[str, Callable[[], bool]]] = [("at start", lambda: True), ("in the first block", lambda: spool.exists())]
    for k in thresholds[:2]:
        moments.append((f"after block {k}", lambda k=k: journal_records(journal) >= k))
    moments.append(("while a resume copies", lambda: resuming.exists()))
    for k in thresholds[2:]:
        moments.append((f"after block {k}", lambda k=k: journal_records(journal) >= k))
    moments.append(("in the last block", lambda: journal_records(journal) >= blocks - 1))
    moments.append(("after the last block", lambda: journal_records(journal) >= blocks))

    kill_at_moments_then_finish(command, moments, out, reference, (partial, journal, spool), rng, least_landed=8,
                                least_reused=thresholds[-1])


def test_sigterm_keeps_the_rows_and_resume_reuses_every_block(specgen: Callable[..., Any], specgen_bin: Path, made: Made,
                                                             tmp_path: Path) -> None:
    """SIGTERM once 40 % of the blocks are journaled: exit 130, nothing at -o, the spool of rows beside
    the partial file and the journal, holding the rows of exactly the journaled blocks (the journal's
    last entry per block is their size). The printed command reuses every journaled block and finishes
    the uninterrupted run's bytes; --resume again reports the file complete."""
    reference = made("rows")
    scenario = made.scenario("rows")
    out = tmp_path / "out" / "data.h5"
    out.parent.mkdir()
    partial, journal, spool = _state(out)
    argv = [str(specgen_bin), "run", str(scenario), "-o", str(out), "--threads", "1"]
    process = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    wait_until(process, lambda: journal_records(journal) >= 50)
    assert process.poll() is None, "the run ended before it could be stopped"
    process.send_signal(signal.SIGTERM)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 130, stderr
    assert not out.exists()
    assert sorted(p.name for p in out.parent.iterdir()) == [".data.h5.annotations", ".data.h5.journal", ".data.h5.partial"]
    lines = journal.read_text().splitlines()
    assert '"/annotations"]' in lines[0]
    kept = len(lines) - 1
    assert spool.stat().st_size == sum(int(line.split()[-1].split(":")[0]) for line in lines[1:])

    resumed = subprocess.run(argv + ["--resume"], capture_output=True, text=True, timeout=120)
    assert resumed.returncode == 0, resumed.stderr
    assert reuse(resumed.stderr) == (kept, kept), resumed.stderr
    assert filecmp.cmp(out, reference, shallow=False)
    assert sorted(p.name for p in out.parent.iterdir()) == ["data.h5"]
    again = specgen("run", scenario, "-o", out, "--resume")
    assert again.returncode == 0 and "already complete" in again.stderr, again.report()

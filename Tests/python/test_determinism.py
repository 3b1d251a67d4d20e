"""The same scenario and seed give a byte-identical file, whatever the thread count.

docs/dataset.md promises this (object timestamps off, library version bounds pinned, attributes in
sorted order), and it is what lets a dataset be regenerated instead of archived. SMALL_SCENARIO
(conftest.py) has 13 blocks of 16 examples, deflate and a spectrogram, so the parallel path, the
chunked writer and the filters are all exercised.
"""

from __future__ import annotations

import filecmp
from pathlib import Path
from typing import Any, Callable

import h5py
import numpy as np


def _run(specgen: Callable[..., Any], scenario: Path, out: Path, *extra: Any) -> Path:
    result = specgen("run", scenario, "-o", out, "--quiet", *extra)
    assert result.returncode == 0, result.report()
    assert out.is_file()
    return out


def test_two_runs_are_byte_identical(specgen: Callable[..., Any], small_scenario: dict[str, Any],
                                     write_scenario: Callable[..., Path], tmp_path: Path) -> None:
    """Running the same scenario twice gives files equal byte for byte."""
    scenario = write_scenario(small_scenario)
    a = _run(specgen, scenario, tmp_path / "a.h5")
    b = _run(specgen, scenario, tmp_path / "b.h5")
    assert filecmp.cmp(a, b, shallow=False)


def test_thread_count_does_not_change_the_file(specgen: Callable[..., Any], small_scenario: dict[str, Any],
                                               write_scenario: Callable[..., Path], tmp_path: Path) -> None:
    """`--threads 1` and `--threads 2` give byte-identical files, and both equal the default run:
    work is split by block, but every block's random draws and its place in the file do not depend
    on which thread made it."""
    scenario = write_scenario(small_scenario)
    one = _run(specgen, scenario, tmp_path / "t1.h5", "--threads", 1)
    two = _run(specgen, scenario, tmp_path / "t2.h5", "--threads", 2)
    default = _run(specgen, scenario, tmp_path / "default.h5")
    assert filecmp.cmp(one, two, shallow=False), "--threads 1 and --threads 2 differ"
    assert filecmp.cmp(one, default, shallow=False), "--threads 1 and the default differ"


def test_explicit_seed_equal_to_scenario_seed_is_identical(specgen: Callable[..., Any], small_scenario: dict[str, Any],
                                                           write_scenario: Callable[..., Path], tmp_path: Path) -> None:
    """`--seed` with the scenario's own seed is the same run as no `--seed`: the override replaces
    the seed and nothing else."""
    scenario = write_scenario(small_scenario)
    plain = _run(specgen, scenario, tmp_path / "plain.h5")
    seeded = _run(specgen, scenario, tmp_path / "seeded.h5", "--seed", small_scenario["seed"])
    assert filecmp.cmp(plain, seeded, shallow=False)


def test_different_seeds_give_different_iq(specgen: Callable[..., Any], small_scenario: dict[str, Any],
                                           write_scenario: Callable[..., Path], tmp_path: Path) -> None:
    """Scenarios differing only in `seed` give different /iq in (practically) every example: the seed
    keys every draw, it is not e.g. used for the first block only."""
    first = _run(specgen, write_scenario(small_scenario, "first.json"), tmp_path / "first.h5")
    small_scenario["seed"] += 1
    second = _run(specgen, write_scenario(small_scenario, "second.json"), tmp_path / "second.h5")
    with h5py.File(first, "r") as f1, h5py.File(second, "r") as f2:
        iq1, iq2 = f1["iq"][:], f2["iq"][:]
    assert iq1.shape == iq2.shape
    same = np.all(iq1 == iq2, axis=(1, 2))
    assert not same.any(), f"examples {np.flatnonzero(same).tolist()} identical across seeds"

"""Shards and merge (README "Shards and merge", docs/dataset.md "Shards").

`specgen run SCEN --shard K/N -o part-K.h5` writes the examples of shard K of N as a complete dataset
file with its provenance; `specgen merge -o OUT part-*.h5` checks that the parts belong together and
tile the dataset, and writes a file byte-identical to a single unsharded run. SMALL_SCENARIO
(conftest.py) has 200 examples in blocks of 16: 13 blocks, the last one partial (8 examples), so no N
tested here divides the example count or, but for N = 1, the block count.
"""

from __future__ import annotations

import filecmp
import hashlib
import os
import random
import shutil
import subprocess
from pathlib import Path
from typing import Any, Callable

import h5py
import numpy as np
import pytest

SHARD_ATTRIBUTES = {"shard_index", "shard_count", "shard_example_start", "shard_example_stop", "shard_dataset_examples"}


def _ok(result: Any) -> None:
    assert result.returncode == 0, result.report()


def _documented_range(k: int, n: int, examples: int, block: int) -> tuple[int, int]:
    """docs/dataset.md: nb = ceil(examples / B) blocks; shard K holds blocks floor(K*nb/N) ..< floor((K+1)*nb/N)."""
    nb = -(-examples // block)
    return k * nb // n * block, min(examples, (k + 1) * nb // n * block)


@pytest.fixture(scope="module")
def sharded(specgen: Callable[..., Any], tmp_path_factory: pytest.TempPathFactory) -> Callable[[bool], dict[str, Any]]:
    """For a compression setting: the scenario file, its single-run file and its parts for N = 1, 2, 3, 7
    (made once per module)."""
    from conftest import SMALL_SCENARIO
    import copy
    import json

    made: dict[bool, dict[str, Any]] = {}

    def make(compressed: bool) -> dict[str, Any]:
        if compressed in made:
            return made[compressed]
        where = tmp_path_factory.mktemp("deflate" if compressed else "plain")
        scenario = copy.deepcopy(SMALL_SCENARIO)
        if not compressed:
            scenario["output"]["compression"] = None
        path = where / "scenario.json"
        path.write_text(json.dumps(scenario, indent=2) + "\n", encoding="utf-8")
        whole = where / "whole.h5"
        _ok(specgen("run", path, "-o", whole, "--quiet"))
        parts: dict[int, list[Path]] = {}
        for n in (1, 2, 3, 7):
            parts[n] = []
            for k in range(n):
                part = where / f"n{n}-part-{k}.h5"
                _ok(specgen("run", path, "--shard", f"{k}/{n}", "-o", part, "--quiet", "--threads", 1 + k % 2))
                parts[n].append(part)
        made[compressed] = {"scenario": scenario, "path": path, "whole": whole, "parts": parts, "dir": where}
        return made[compressed]

    return make


@pytest.mark.parametrize("compressed", [True, False], ids=["deflate+shuffle", "uncompressed"])
@pytest.mark.parametrize("n", [1, 2, 3, 7])
def test_merge_is_byte_identical_to_a_single_run(specgen: Callable[..., Any], sharded: Callable[[bool], dict[str, Any]],
                                                  tmp_path: Path, n: int, compressed: bool) -> None:
    """The N parts, given in a shuffled order, merge into a file equal byte for byte (cmp) to the
    unsharded run of the same scenario; with and without deflate + shuffle (the scenario's only
    compression option)."""
    made = sharded(compressed)
    with h5py.File(made["whole"], "r") as f:
        assert (f["iq"].compression == "gzip") == compressed
    parts = list(made["parts"][n])
    random.Random(n).shuffle(parts)
    merged = tmp_path / "merged.h5"
    _ok(specgen("merge", "-o", merged, "--quiet", *parts))
    assert filecmp.cmp(merged, made["whole"], shallow=False), f"merge of {n} parts differs from the single run"


def test_parts_are_complete_datasets_with_provenance(sharded: Callable[[bool], dict[str, Any]]) -> None:
    """Each of 7 parts is a dataset file of its own: its shard attributes give K/N and the documented
    example range, its root attributes otherwise equal the single run's (scenario SHA-256 of the file's
    bytes, seed, specgen version), and every per-example dataset holds exactly the single run's rows of
    that range. The single run has no shard attributes."""
    made = sharded(True)
    digest = hashlib.sha256(made["path"].read_bytes()).hexdigest()
    with h5py.File(made["whole"], "r") as whole:
        assert not SHARD_ATTRIBUTES & set(whole.attrs)
        assert whole.attrs["scenario_sha256"] == digest
        block = whole["iq"].chunks[0]
        assert block == made["scenario"]["output"]["block_examples"]
        names: list[str] = []
        whole.visititems(lambda name, obj: names.append(name) if isinstance(obj, h5py.Dataset) and obj.shape[:1] == (200,) else None)
        assert {"iq", "spectrogram", "labels/class_index", "labels/snr_db"} <= set(names)
        for k, part_path in enumerate(made["parts"][7]):
            start, stop = _documented_range(k, 7, 200, block)
            with h5py.File(part_path, "r") as part:
                attrs = dict(part.attrs)
                assert {a: int(attrs[a]) for a in SHARD_ATTRIBUTES} == {
                    "shard_index": k, "shard_count": 7, "shard_example_start": start, "shard_example_stop": stop,
                    "shard_dataset_examples": 200}
                for name, value in whole.attrs.items():
                    assert np.array_equal(attrs[name], value), name
                for name in names:
                    assert part[name].shape[0] == stop - start, name
                    assert part[name].chunks[0] == block, name
                    np.testing.assert_array_equal(part[name][:], whole[name][start:stop], err_msg=name)
    ranges = [_documented_range(k, 7, 200, block) for k in range(7)]
    assert ranges[0][0] == 0 and ranges[-1][1] == 200 and all(a[1] == b[0] for a, b in zip(ranges, ranges[1:]))


def test_shard_smaller_than_a_block(specgen: Callable[..., Any], small_scenario: dict[str, Any],
                                    write_scenario: Callable[..., Path], tmp_path: Path) -> None:
    """With as many shards as blocks (13), the last shard holds only the final partial block (8 of 16
    examples); it is still a valid file (its datasets' maximum shape records the whole dataset), and the
    13 parts merge to the single run."""
    scenario = write_scenario(small_scenario)
    whole = tmp_path / "whole.h5"
    _ok(specgen("run", scenario, "-o", whole, "--quiet"))
    parts = []
    for k in range(13):
        parts.append(tmp_path / f"p{k}.h5")
        _ok(specgen("run", scenario, "--shard", f"{k}/13", "-o", parts[-1], "--quiet", "--threads", 1))
    with h5py.File(parts[-1], "r") as last:
        assert last["iq"].shape[0] == 8 and last["iq"].maxshape[0] == 200
    merged = tmp_path / "merged.h5"
    _ok(specgen("merge", "-o", merged, "--quiet", *reversed(parts)))
    assert filecmp.cmp(merged, whole, shallow=False)


def test_lists_and_stages_merge_byte_identically(specgen: Callable[..., Any], small_scenario: dict[str, Any],
                                                 write_scenario: Callable[..., Path], tmp_path: Path) -> None:
    """A scenario with channel and receiver stages, fixed lists (a custom tap list and a phase-noise mask,
    recorded as float64 array root attributes) and an 8-element listed array: 3 parts merge to the single
    run byte for byte (the merge reads the array attributes back and compares them across parts)."""
    small_scenario["channel"] = [{"type": "fading", "profile": "custom", "delays_s": [0, 1.5e-6, 4e-6],
                                  "powers_db": [0, -4, -9], "max_doppler_hz": 50}]
    small_scenario["receiver"] = [{"type": "phase_noise", "offsets_hz": [1e3, 1e4, 1e5],
                                   "levels_dbc_hz": [-80, -100, -120]}]
    small_scenario["array"] = {"geometry": "listed", "positions_wavelengths": [[0, 0, 0], [0.5, 0, 0], [0, 0.5, 0], [0.5, 0.5, 0.1]]}
    scenario = write_scenario(small_scenario)
    whole = tmp_path / "whole.h5"
    _ok(specgen("run", scenario, "-o", whole, "--quiet"))
    parts = [tmp_path / f"p{k}.h5" for k in range(3)]
    for k, part in enumerate(parts):
        _ok(specgen("run", scenario, "--shard", f"{k}/3", "-o", part, "--quiet"))
    merged = tmp_path / "merged.h5"
    _ok(specgen("merge", "-o", merged, "--quiet", *parts))
    assert filecmp.cmp(merged, whole, shallow=False)
    with h5py.File(merged, "r") as f:
        assert list(f.attrs["channel.fading.delays_s"]) == [0, 1.5e-6, 4e-6]
        assert f.attrs["array.positions_wavelengths"].shape == (4, 3)


# --------------------------------------------------------------------------- refusals

@pytest.fixture(scope="module")
def odd_parts(specgen: Callable[..., Any], sharded: Callable[[bool], dict[str, Any]]) -> dict[str, Path]:
    """Parts that do not belong with the N = 3 parts of the compressed scenario, and files that are not parts."""
    made = sharded(True)
    where: Path = made["dir"] / "odd"
    where.mkdir()
    odd: dict[str, Path] = {}
    odd["seed"] = where / "other-seed-1of3.h5"
    _ok(specgen("run", made["path"], "--shard", "1/3", "--seed", 7, "-o", odd["seed"], "--quiet"))
    # The same scenario but for its name: another file, so another scenario_sha256.
    import json
    other = dict(made["scenario"], name="pytest: another scenario")
    other_path = where / "other.json"
    other_path.write_text(json.dumps(other, indent=2) + "\n", encoding="utf-8")
    odd["scenario"] = where / "other-scenario-1of3.h5"
    _ok(specgen("run", other_path, "--shard", "1/3", "-o", odd["scenario"], "--quiet"))
    odd["half"] = where / "overlapping-1of2.h5"
    _ok(specgen("run", made["path"], "--shard", "1/2", "-o", odd["half"], "--quiet"))
    odd["text"] = where / "not-hdf5.h5"
    odd["text"].write_text("not an HDF5 file\n")
    odd["foreign"] = where / "foreign.h5"
    with h5py.File(odd["foreign"], "w") as f:
        f["iq"] = np.zeros((3, 1, 4), np.complex64)
    odd["version"] = where / "old-version-1of3.h5"
    shutil.copy(made["parts"][3][1], odd["version"])
    with h5py.File(odd["version"], "r+") as f:
        f.attrs["specgen_version"] = "0.0.1"
    return odd


def _refusal_cases() -> list[Any]:
    # (the parts of N = 3 to keep, the odd file to add, the file the message must name, words it must hold)
    return [
        pytest.param([0, 2], "seed", "seed", ["another seed", "7", "99"], id="different-seed"),
        pytest.param([0, 2], "scenario", "scenario", ["another scenario", "scenario_sha256"], id="different-scenario"),
        pytest.param([0, 1, 2], "half", "half", ["overlaps", "both hold examples 96 ..< 128"], id="overlap"),
        pytest.param([0, 2], None, 0, ["examples 64 ..< 128 are missing"], id="gap"),
        pytest.param([1, 2], None, 1, ["examples 0 ..< 64 are missing"], id="gap-at-start"),
        pytest.param([0, 1], None, 1, ["examples 128 ..< 200 are missing"], id="gap-at-end"),
        pytest.param([0, 1, 2], "text", "text", ["not an HDF5 file"], id="not-hdf5"),
        pytest.param([0, 1, 2], "foreign", "foreign", ["not a specgen dataset"], id="hdf5-not-specgen"),
        pytest.param([0, 2], "version", "version", ["made by specgen 0.0.1", "same version"], id="other-version"),
        pytest.param([0, 1, 2], "whole", "whole", ["a whole dataset, not a shard"], id="whole-dataset"),
        pytest.param([0, 1, 2, 1], None, 1, ["given twice"], id="same-part-twice"),
    ]


@pytest.mark.parametrize(("keep", "add", "named", "words"), _refusal_cases())
def test_merge_refuses_parts_that_do_not_belong(specgen: Callable[..., Any], sharded: Callable[[bool], dict[str, Any]],
                                                odd_parts: dict[str, Path], tmp_path: Path,
                                                keep: list[int], add: str | None, named: str | int, words: list[str]) -> None:
    """Parts of another seed or scenario, an overlapping part, a gap, files that are not specgen parts
    (not HDF5, HDF5 of another kind, another specgen version, a whole dataset) and a part given twice
    are refused: exit 2, the offending file and the reason on stderr, nothing at -o and no temporary
    file left beside it."""
    made = sharded(True)
    files = {"whole": made["whole"], **odd_parts}
    parts = [made["parts"][3][k] for k in keep] + ([files[add]] if add else [])
    offending = files[named] if isinstance(named, str) else made["parts"][3][named]
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    out = out_dir / "merged.h5"
    result = specgen("merge", "-o", out, "--quiet", *parts)
    assert result.returncode == 2, result.report()
    assert "Fatal error" not in result.stderr, result.report()
    assert f"{offending}" in result.stderr, result.report()
    for word in words:
        assert word in result.stderr, result.report()
    assert list(out_dir.iterdir()) == []


def test_refusal_names_the_odd_part_whatever_the_order(specgen: Callable[..., Any], sharded: Callable[[bool], dict[str, Any]],
                                                       odd_parts: dict[str, Path], tmp_path: Path) -> None:
    """Among parts 0/3 and 2/3 and a part 1/3 made with another seed, the message names the odd part
    (the setup most parts share is the reference), in either command-line order."""
    made = sharded(True)
    good = [made["parts"][3][0], made["parts"][3][2]]
    for parts in ([odd_parts["seed"], *good], [*good, odd_parts["seed"]]):
        result = specgen("merge", "-o", tmp_path / "merged.h5", "--quiet", *parts)
        assert result.returncode == 2, result.report()
        lines = [line for line in result.stderr.splitlines() if "does not belong" in line]
        assert len(lines) == 1 and f"{odd_parts['seed']}: does not belong with {good[0]}" in lines[0], result.report()


def test_merge_refuses_an_existing_output(specgen: Callable[..., Any], sharded: Callable[[bool], dict[str, Any]], tmp_path: Path) -> None:
    """An existing -o is kept unless --overwrite: exit 2 and the file untouched; with --overwrite the
    merge replaces it."""
    made = sharded(False)
    out = tmp_path / "merged.h5"
    out.write_text("precious\n")
    result = specgen("merge", "-o", out, "--quiet", *made["parts"][2])
    assert result.returncode == 2 and "--overwrite" in result.stderr, result.report()
    assert out.read_text() == "precious\n"
    _ok(specgen("merge", "-o", out, "--quiet", "--overwrite", *made["parts"][2]))
    assert filecmp.cmp(out, made["whole"], shallow=False)


# --------------------------------------------------------------------------- the command line

@pytest.mark.parametrize(("value", "words"), [
    ("3/3", ["--shard 3/3", "0 … 2"]),
    ("x", ["--shard x", "K/N", "0 ≤ K < N"]),
    ("1/0", ["--shard 1/0", "at least 1"]),
    ("-1/2", ["--shard -1/2", "K/N"]),
    ("14/20", ["--shard 14/20", "13 blocks", "at most 13"]),
], ids=["K=N", "not-K/N", "N=0", "negative-K", "more-shards-than-blocks"])
def test_bad_shard_exits_2(specgen: Callable[..., Any], small_scenario: dict[str, Any], write_scenario: Callable[..., Path],
                           tmp_path: Path, value: str, words: list[str]) -> None:
    """A --shard value that is not K/N with 0 ≤ K < N ≤ blocks is bad input: exit 2, the value and
    what is allowed on stderr, nothing written."""
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    result = specgen("run", write_scenario(small_scenario), f"--shard={value}", "-o", out_dir / "part.h5", "--quiet")
    assert result.returncode == 2, result.report()
    for word in words:
        assert word in result.stderr, result.report()
    assert list(out_dir.iterdir()) == []


def test_merge_without_parts_exits_2(specgen: Callable[..., Any], tmp_path: Path) -> None:
    """`specgen merge -o OUT` with no parts is a usage error: exit 2 and a message saying so."""
    result = specgen("merge", "-o", tmp_path / "merged.h5")
    assert result.returncode == 2, result.report()
    assert "no parts" in result.stderr, result.report()
    assert not (tmp_path / "merged.h5").exists()


def test_merge_help_example_works(specgen_bin: Path, tmp_path: Path) -> None:
    """`specgen merge --help` shows a worked example; run as shown (the shipped quickstart scenario, with
    fewer examples to stay quick), it makes the parts, merges them, and its closing `cmp` finds the
    merged file equal to the unsharded run."""
    help_text = subprocess.run([str(specgen_bin), "merge", "--help"], capture_output=True, text=True, check=True).stdout
    commands = [line.strip() for line in help_text.splitlines() if line.strip().startswith(("specgen ", "cmp "))]
    assert any("--shard" in c for c in commands) and any(c.startswith("specgen merge") for c in commands), help_text
    (tmp_path / "bin").mkdir()
    os.symlink(specgen_bin, tmp_path / "bin" / "specgen")
    (tmp_path / "Scenarios").mkdir()
    import json
    quickstart = json.loads((Path(__file__).resolve().parents[2] / "Scenarios" / "quickstart.json").read_text())
    quickstart["examples"] = 300
    (tmp_path / "Scenarios" / "quickstart.json").write_text(json.dumps(quickstart))
    script = "set -e\n" + "\n".join(commands) + "\n"
    env = dict(os.environ, PATH=f"{tmp_path / 'bin'}:{os.environ['PATH']}")
    done = subprocess.run(["bash", "-c", script], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, f"{script}\n{done.stdout}\n{done.stderr}"
    assert commands[-1].startswith("cmp ") and filecmp.cmp(tmp_path / "quickstart.h5", tmp_path / "whole.h5", shallow=False)

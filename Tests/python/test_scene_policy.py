"""Scenes under a classification schema (docs/classification.md, "Scenes"): every `/annotations` column
and `labels.burst_count` passes the policy step like a /meta column, and `specgen audit` covers them.

One small scene scenario (QPSK and a tone, a carrier offset per burst, an IQ imbalance in the receiver)
is written without a schema and at every level of the four-level example, with the same seed. The
samples and the rows are the same in every file (UNCLASSIFIED and RESTRICTED scale each example to unit
power, nothing else), so each marked file is compared with the release-all one: a column is present
exactly when its operator is not `drop`, a normalised one is the raw value ÷ Fs, and no redacted value
is anywhere in the file's bytes. The audit passes the clean files and flags injected columns.
"""

from __future__ import annotations

import json
import math
import shutil
import struct
from pathlib import Path
from typing import Any, Callable

import h5py
import numpy as np
import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
FOUR_LEVEL = REPO_ROOT / "Schemas" / "classification-four-level.json"
LEVELS = ["UNCLASSIFIED", "RESTRICTED", "CONFIDENTIAL", "SECRET"]
FS = 20e6

# 4,096-sample captures: the longest length UNCLASSIFIED and RESTRICTED allow (example_lengths), 204.8 µs
# at 20 MHz, with bursts of 20 … 100 µs (400 … 2,000 samples). 96 examples: two blocks of the levels'
# chunk_examples (64), so the rows of /annotations come from more than one block.
SCENE: dict[str, Any] = {
    "format": "specgen-scenario",
    "version": 1,
    "name": "pytest: scene under a schema",
    "seed": 1234567891,
    "examples": 96,
    "samples_per_example": 4096,
    "sample_rate_hz": FS,
    "snr_db": {"uniform": {"low": 5, "high": 20}},
    "classes": [
        {"name": "qpsk", "emitter": {"type": "qpsk", "samples_per_symbol": {"choice": {"values": [8, 16]}}}},
        {"name": "tone", "emitter": {"type": "tone", "frequency_hz": {"uniform": {"low": -123457, "high": 98765}}}},
    ],
    "channel": [{"type": "carrier_offset", "frequency_offset_hz": {"uniform": {"low": -5432, "high": 4321}}}],
    "receiver": [{"type": "iq_imbalance", "iq_gain_db": {"uniform": {"low": 0.1, "high": 0.6}}, "iq_phase_rad": 0.02}],
    "scene": {"bursts": {"uniform": {"low": 0, "high": 3}}, "duration_s": {"uniform": {"low": 0.00002, "high": 0.0001}}},
}
# What `normalize` does to each kind (docs/classification.md, "Applying a schema").
FACTORS = {"frequency": 1 / FS, "frequency_rate": 1 / FS ** 2, "duration": FS}


@pytest.fixture(scope="module")
def scene_runs(specgen: Callable[..., Any], tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    directory = tmp_path_factory.mktemp("scene-policy")
    scenario = directory / "scene.json"
    scenario.write_text(json.dumps(SCENE))
    key = directory / "run.key"
    key.write_bytes(bytes(range(40, 72)))
    key.chmod(0o600)
    files = {"scenario": scenario, "key": key, "raw": directory / "raw.h5"}
    result = specgen("run", scenario, "-o", files["raw"], "-q")
    assert result.returncode == 0, result.report()
    for level in LEVELS:
        files[level] = directory / f"{level}.h5"
        result = specgen("run", scenario, "-o", files[level], "--schema", FOUR_LEVEL, "--level", level, "--key-file", key, "-q")
        assert result.returncode == 0, result.report()
    return files


def operators(specgen: Callable[..., Any], level: str) -> dict[str, str]:
    result = specgen("schema", "resolve", FOUR_LEVEL, "--level", level, "--format", "json")
    assert result.returncode == 0, result.report()
    return {m["field"]: m["operator"] for m in json.loads(result.stdout)["manifest"]}


def annotation_columns(f: h5py.File) -> dict[str, h5py.Dataset]:
    return {"annotations." + name: dataset for name, dataset in f["annotations"].items()}


def test_the_raw_file_is_a_scene_with_catalogued_fields(scene_runs: dict[str, Path], catalogue: dict[str, dict[str, Any]]) -> None:
    """The release-all file has what the test needs: rows from several blocks, a normalised field (a
    tone frequency), a field dropped at UNCLASSIFIED (the carrier offset) — every one a catalogue field
    stored as an /annotations column."""
    with h5py.File(scene_runs["raw"], "r") as f:
        columns = annotation_columns(f)
        assert {"annotations.emitter.frequency_hz", "annotations.channel.carrier_offset.frequency_offset_hz",
                "annotations.start", "annotations.f_low", "annotations.example"} <= set(columns)
        for path in columns:
            assert catalogue[path]["storage"] == "annotation_column", path
        examples = f["annotations/example"][()]
        assert examples.max() >= 64, "the rows should span both blocks"
        assert np.array_equal(np.bincount(examples, minlength=SCENE["examples"]), f["labels/burst_count"][()])
        assert "snr_definition" not in f.attrs


@pytest.mark.parametrize("level", LEVELS)
def test_each_scene_field_is_written_exactly_when_released_and_in_its_released_form(
        specgen: Callable[..., Any], catalogue: dict[str, dict[str, Any]], scene_runs: dict[str, Path], level: str) -> None:
    ops = operators(specgen, level)
    with h5py.File(scene_runs["raw"], "r") as raw_file, h5py.File(scene_runs[level], "r") as marked_file:
        raw, marked = annotation_columns(raw_file), annotation_columns(marked_file)
        assert set(marked) <= set(raw)
        seen = set()
        for path, raw_column in raw.items():
            op = ops[path]
            assert (path in marked) == (op != "drop"), f"{path}: {op} at {level}"
            seen.add(op)
            if op == "drop":
                continue
            column = marked[path]
            assert column.shape == raw_column.shape and column.chunks == (4096,) and column.maxshape == (None,), path
            assert column.attrs["axes"] == "burst", path
            if op == "release":
                assert np.array_equal(column[()], raw_column[()], equal_nan=True), path
                assert {a: str(v) for a, v in column.attrs.items()} == {a: str(v) for a, v in raw_column.attrs.items()}, path
            elif op == "normalize":
                factor = FACTORS[catalogue[path]["kind"]]
                assert np.allclose(column[()], raw_column[()] * factor, rtol=1e-12, atol=0, equal_nan=True), path
                assert column.attrs["unit"] in ("cycles/sample", "cycles/sample²", "samples"), path
            else:
                pytest.fail(f"{path}: the four-level example has no {op} for a scene column at {level}")
        assert "release" in seen
        if level != "SECRET":
            assert "normalize" in seen
        if level == "UNCLASSIFIED":
            assert "drop" in seen
        # The per-example side: the burst count as is, the receiver's parameters as the level says.
        assert np.array_equal(marked_file["labels/burst_count"][()], raw_file["labels/burst_count"][()])
        assert ("receiver.iq_imbalance.iq_gain_db" in marked_file["meta"]) == (ops["receiver.iq_imbalance.iq_gain_db"] != "drop")
        # The samples are the release-all file's, scaled per example where the level asks for unit power.
        x, y = marked_file["iq"][()], raw_file["iq"][()]
        if level in ("UNCLASSIFIED", "RESTRICTED"):
            ratio = x / y
            assert np.allclose(ratio, ratio[:, :, :1], rtol=1e-4)
        else:
            assert np.array_equal(x, y)


def needles(raw_file: h5py.File, ops: dict[str, str]) -> dict[str, list[bytes]]:
    """Byte encodings of every redacted per-burst value: float64 in both orders, float32 in both orders
    where the value is exactly a float32, its repr; NaN (a class without the parameter), 0, ±1 and small
    integers are skipped (they are everywhere in a file's structure)."""
    found: dict[str, list[bytes]] = {}
    for path, column in annotation_columns(raw_file).items():
        if ops[path] == "release":
            continue
        encodings: list[bytes] = []
        for x in map(float, column[()]):
            if not math.isfinite(x) or x == int(x) and abs(x) < 65536:
                continue
            encodings += [struct.pack("<d", x), struct.pack(">d", x), repr(x).encode()]
            if float(np.float32(x)) == x:
                encodings += [struct.pack("<f", x), struct.pack(">f", x)]
        if encodings:
            found[path] = encodings
    return found


@pytest.mark.parametrize("level", ["UNCLASSIFIED", "RESTRICTED", "CONFIDENTIAL"])
def test_no_redacted_per_burst_value_is_in_the_file(specgen: Callable[..., Any], scene_runs: dict[str, Path], level: str) -> None:
    ops = operators(specgen, level)
    data = scene_runs[level].read_bytes()
    with h5py.File(scene_runs["raw"], "r") as raw_file:
        hidden = needles(raw_file, ops)
    assert "annotations.emitter.frequency_hz" in hidden and "annotations.channel.carrier_offset.frequency_offset_hz" in hidden
    leaks = [path for path, encodings in hidden.items() for needle in encodings if needle in data]
    assert leaks == []
    assert struct.pack("<d", FS) not in data and struct.pack(">d", FS) not in data


def audit(specgen: Callable[..., Any], path: Path, *extra: Any) -> tuple[int, dict[str, Any]]:
    result = specgen("audit", path, "--schema", FOUR_LEVEL, "--format", "json", *extra)
    assert result.returncode in (0, 1), result.report()
    report = json.loads(result.stdout)
    assert report["clean"] == (result.returncode == 0)
    return result.returncode, report


def with_scenario(runs: dict[str, Path]) -> tuple[Any, ...]:
    return ("--scenario", runs["scenario"], "--key-file", runs["key"])


@pytest.mark.parametrize("level", LEVELS)
def test_clean_scene_files_audit_clean_with_the_per_burst_values_scanned(
        specgen: Callable[..., Any], scene_runs: dict[str, Path], level: str) -> None:
    status, report = audit(specgen, scene_runs[level], *with_scenario(scene_runs))
    assert status == 0 and report["findings"] == [], report
    if level != "SECRET":
        # Every burst's Hz values are among what the scan looked for (3 per row at least: a hidden Fs,
        # seed and scenario hash do not reach this number on their own).
        with h5py.File(scene_runs["raw"], "r") as f:
            rows = f["annotations/example"].shape[0]
        assert report["scanned_values"] >= rows, report


def copy_of(source: Path, directory: Path, name: str) -> Path:
    target = directory / name
    shutil.copyfile(source, target)
    return target


def findings_at(report: dict[str, Any], location: str) -> list[str]:
    return [f["what"] for f in report["findings"] if f["location"] == location]


def test_an_injected_column_the_level_drops_is_flagged(specgen: Callable[..., Any], scene_runs: dict[str, Path], tmp_path: Path) -> None:
    """UNCLASSIFIED drops the channel: a carrier-offset column added in Hz, written exactly as the
    writer would, is a dropped field present; with the scenario, its raw values are found in the bytes."""
    target = copy_of(scene_runs["UNCLASSIFIED"], tmp_path, "injected.h5")
    name = "channel.carrier_offset.frequency_offset_hz"
    with h5py.File(scene_runs["raw"], "r") as raw, h5py.File(target, "r+") as f:
        values = raw["annotations/" + name][()]
        column = f["annotations"].create_dataset(name, data=values, chunks=(4096,), maxshape=(None,), track_times=False)
        column.attrs.create("axes", "burst", dtype=h5py.string_dtype("utf-8"))
        column.attrs.create("unit", "Hz", dtype=h5py.string_dtype("utf-8"))
    status, report = audit(specgen, target)
    assert status == 1 and "dropped field present" in findings_at(report, "/annotations/" + name), report
    status, report = audit(specgen, target, *with_scenario(scene_runs))
    assert status == 1
    assert any(f["what"] == "hidden value of annotations." + name + " in the raw bytes" and f["vector"] == 2 for f in report["findings"]), report


def test_a_normalised_value_in_hz_is_found_by_the_byte_scan(specgen: Callable[..., Any], scene_runs: dict[str, Path], tmp_path: Path) -> None:
    """The tone frequencies are released normalised at UNCLASSIFIED: their values in Hz, left in a
    dataset of another name, are found only by re-synthesising the bursts (the scan of raw per-burst values)."""
    target = copy_of(scene_runs["UNCLASSIFIED"], tmp_path, "hz.h5")
    with h5py.File(scene_runs["raw"], "r") as raw, h5py.File(target, "r+") as f:
        hz = raw["annotations/emitter.frequency_hz"][()]
        f.create_dataset("scratch", data=hz[np.isfinite(hz)][:3], track_times=False)
    status, report = audit(specgen, target, *with_scenario(scene_runs))
    assert status == 1
    assert any(f["what"] == "hidden value of annotations.emitter.frequency_hz in the raw bytes" and f["vector"] == 2
               for f in report["findings"]), report
    assert "object not in the allow-list" in findings_at(report, "/scratch")


def test_annotation_layout_and_attributes_are_checked(specgen: Callable[..., Any], scene_runs: dict[str, Path], tmp_path: Path) -> None:
    """An /annotations column must be one extensible axis in 4,096-row chunks with axes "burst", as long
    as the others; a column that is not a catalogue field is not allowed."""
    target = copy_of(scene_runs["SECRET"], tmp_path, "layout.h5")
    with h5py.File(target, "r+") as f:
        rows = f["annotations/snr_db"].shape[0]
        fixed = f["annotations"].create_dataset("fixed", data=np.zeros(rows), track_times=False)
        fixed.attrs.create("axes", "burst", dtype=h5py.string_dtype("utf-8"))
        f["annotations/start"].attrs.modify("axes", "example")
        f["annotations"].create_dataset("emitter.rolloff_copy", data=np.zeros(rows), chunks=(4096,), maxshape=(None,), track_times=False)
    status, report = audit(specgen, target)
    assert status == 1
    assert "axes not \"burst\"" in findings_at(report, "/annotations/start attribute axes"), report
    assert "object not in the allow-list" in findings_at(report, "/annotations/fixed")
    assert "object not in the allow-list" in findings_at(report, "/annotations/emitter.rolloff_copy")
    # A catalogue field in a fixed, contiguous layout: the layout finding (vector 10), and no other.
    target = copy_of(scene_runs["SECRET"], tmp_path, "contiguous.h5")
    with h5py.File(target, "r+") as f:
        values = f["annotations/snr_db"][()]
        attrs = dict(f["annotations/snr_db"].attrs)
        del f["annotations/snr_db"]
        column = f["annotations"].create_dataset("snr_db", data=values, track_times=False)
        for name, value in attrs.items():
            column.attrs.create(name, value, dtype=h5py.string_dtype("utf-8"))
    status, report = audit(specgen, target)
    assert status == 1 and [(f["what"], f["vector"]) for f in report["findings"]] == [("annotation layout not allowed", 10)], report

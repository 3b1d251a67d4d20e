"""Write-time redaction (`specgen run --schema S --level L --key-file K`), checked from the outside.

A file written at a level must hold exactly what the schema releases there, in the released form, and
nothing else: no dropped field, no redacted value in any byte of the file, the key nowhere, a marking
that names the schema, level and manifest (docs/classification.md, "Applying a schema"). Each test
compares a marked file with the release-all file of the same scenario and seed, read with h5py.
"""

from __future__ import annotations

import copy
import hashlib
import hmac
import json
import math
import os
import struct
from pathlib import Path
from typing import Any, Callable

import h5py
import numpy as np
import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
FOUR_LEVEL = REPO_ROOT / "Schemas" / "classification-four-level.json"
OPEN = REPO_ROOT / "Schemas" / "classification-open.json"
LEVELS = ["UNCLASSIFIED", "RESTRICTED", "CONFIDENTIAL", "SECRET"]

# The realistic chain (fading, CFO, IQ imbalance, phase noise, AWGN) with a spectrogram: every kind of
# operator of the four-level example applies to some field of it.
REALISTIC = json.loads((REPO_ROOT / "Scenarios" / "realistic-qpsk.json").read_text())
REALISTIC["examples"] = 96
REALISTIC["seed"] = 1234567891  # distinctive in every encoding (a scan for 3 would find it everywhere)
REALISTIC["output"] = {"spectrogram": {"fft_size": 64, "hop": 32, "window": "hann", "scale": "db"}}


def key_file(directory: Path, name: str = "key", content: bytes = bytes(range(7, 39)), mode: int = 0o600) -> Path:
    path = directory / name
    path.write_bytes(content)
    path.chmod(mode)
    return path


def mac(key: bytes, path: str, canonical: str) -> bytes:
    return hmac.new(key, b"specgen/1\x00" + path.encode() + b"\x00" + canonical.encode(), hashlib.sha256).digest()


def listing(f: h5py.File) -> dict[str, Any]:
    """Every field a file holds, by field path: root attributes, /meta and /labels columns, /labels
    string lists and /spectrogram attributes (docs/dataset.md)."""
    fields: dict[str, Any] = {name: f.attrs[name] for name in f.attrs}
    for name, dataset in f["meta"].items():
        fields[name] = dataset
    for name, dataset in f["labels"].items():
        fields["labels." + name] = dataset
    if "spectrogram" in f:
        for name in f["spectrogram"].attrs:
            if name != "axes":
                fields["spectrogram." + name] = f["spectrogram"].attrs[name]
    return fields


@pytest.fixture(scope="module")
def runs(specgen: Callable[..., Any], tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The realistic scenario written without a schema and at every level of the four-level example."""
    directory = tmp_path_factory.mktemp("redaction")
    scenario = directory / "realistic.json"
    scenario.write_text(json.dumps(REALISTIC))
    key = key_file(directory)
    files = {"raw": directory / "raw.h5"}
    result = specgen("run", str(scenario), "-o", str(files["raw"]), "-q")
    assert result.returncode == 0, result.report()
    for level in LEVELS:
        files[level] = directory / f"{level}.h5"
        result = specgen("run", str(scenario), "-o", str(files[level]), "--schema", str(FOUR_LEVEL), "--level", level,
                         "--key-file", str(key), "--sidecar", "-q")
        assert result.returncode == 0, result.report()
    files["key"] = key
    files["scenario"] = scenario
    return files


def manifest(specgen: Callable[..., Any], level: str, schema: Path = FOUR_LEVEL) -> dict[str, Any]:
    result = specgen("schema", "resolve", str(schema), "--level", level, "--format", "json")
    assert result.returncode == 0, result.report()
    return json.loads(result.stdout)


@pytest.mark.parametrize("level", LEVELS)
def test_the_marking_names_schema_level_and_manifest(specgen: Callable[..., Any], runs: dict[str, Path], level: str) -> None:
    resolved = manifest(specgen, level)
    with h5py.File(runs[level], "r") as f:
        marking = f["marking"]
        attrs = {k: (v.decode() if isinstance(v, bytes) else v) for k, v in marking.attrs.items()}
        assert attrs["format"] == "specgen-marking" and attrs["format_version"] == 1
        assert attrs["schema_id"] == resolved["schema_id"] and attrs["schema_version"] == resolved["schema_version"]
        assert attrs["schema_sha256"] == hashlib.sha256(FOUR_LEVEL.read_bytes()).hexdigest() == resolved["schema_sha256"]
        assert (attrs["level"], attrs["level_rank"], attrs["level_display"]) == (level, resolved["rank"], resolved["display"])
        fields = [x.decode() for x in marking["manifest_field"][:]]
        operators = [x.decode() for x in marking["manifest_operator"][:]]
        assert [{"field": a, "operator": b} for a, b in zip(fields, operators)] == resolved["manifest"]
        assert {k: list(v) for k, v in marking["categories"].attrs.items()} == resolved["categories"] != {}
        assert f.attrs["policy"] == resolved["schema_id"]
    # The sidecar binds the same label to the finished file's bytes.
    label = json.loads(Path(str(runs[level]) + ".label.json").read_text())
    assert label["file_sha256"] == hashlib.sha256(runs[level].read_bytes()).hexdigest()
    assert (label["level"], label["schema_sha256"]) == (level, resolved["schema_sha256"])
    assert label["manifest"] == [[m["field"], m["operator"]] for m in resolved["manifest"]]


def test_the_manifest_does_not_depend_on_the_scenario(specgen: Callable[..., Any], runs: dict[str, Path],
                                                      write_scenario: Callable[..., Path], small_scenario: dict[str, Any],
                                                      tmp_path: Path) -> None:
    other = tmp_path / "small.h5"
    small_scenario.get("output", {}).pop("compression", None)
    result = specgen("run", str(write_scenario(small_scenario)), "-o", str(other), "--schema", str(FOUR_LEVEL), "--level", "RESTRICTED",
                     "--key-file", str(runs["key"]), "-q")
    assert result.returncode == 0, result.report()
    with h5py.File(other, "r") as a, h5py.File(runs["RESTRICTED"], "r") as b:
        for name in ["manifest_field", "manifest_operator"]:
            assert list(a["marking"][name][:]) == list(b["marking"][name][:])


@pytest.mark.parametrize("level", LEVELS)
def test_each_field_is_written_exactly_when_released_and_in_its_released_form(
        specgen: Callable[..., Any], catalogue: dict[str, dict[str, Any]], runs: dict[str, Path], level: str) -> None:
    operators = {m["field"]: m["operator"] for m in manifest(specgen, level)["manifest"]}
    key = runs["key"].read_bytes()
    with h5py.File(runs["raw"], "r") as raw_file, h5py.File(runs[level], "r") as marked_file:
        raw, marked = listing(raw_file), listing(marked_file)
        fs = raw_file.attrs["sample_rate_hz"]
        assert set(marked) <= set(raw), "the marked file holds a field the release-all file does not"
        checked = set()
        for path, raw_value in raw.items():
            op = operators.get(path, "drop")
            assert (path in marked) == (op != "drop"), f"{path}: {op} at {level}"
            if op == "drop":
                continue
            value = marked[path]
            kind = catalogue[path]["kind"]
            if op == "release":
                if isinstance(raw_value, h5py.Dataset):
                    assert np.array_equal(value[()], raw_value[()]), path
                    assert sorted(value.attrs) == sorted(raw_value.attrs), path
                    assert all(np.array_equal(value.attrs[a], raw_value.attrs[a]) for a in value.attrs), path
                elif path != "policy":
                    assert np.array_equal(np.asarray(value), np.asarray(raw_value)), path
            elif op == "normalize":
                factor = {"frequency": 1 / fs, "frequency_rate": 1 / fs ** 2, "duration": fs}.get(kind, 1.0)
                expected = np.asarray(raw_value[()] if isinstance(raw_value, h5py.Dataset) else raw_value) * factor
                got = np.asarray(value[()] if isinstance(value, h5py.Dataset) else value)
                assert np.allclose(got, expected, rtol=1e-12, atol=0), path
                if isinstance(value, h5py.Dataset) and kind != "power":
                    assert value.attrs["unit"] in ("cycles/sample", "cycles/sample²", "samples"), path
            elif op == "generalize":
                # The four-level example generalises receiver dB levels to the dB at RESTRICTED.
                assert np.array_equal(value[()], np.floor(raw_value[()])), path
            elif op == "hash":
                if isinstance(value, h5py.Dataset):
                    assert value.dtype == np.int64 and "unit" not in value.attrs, path
                    expected = [struct.unpack(">q", mac(key, path, repr(float(v)))[:8])[0] for v in raw_value[()]]
                    assert list(value[()]) == expected, path
                else:
                    canonical = str(int(raw_value)) if isinstance(raw_value, (int, np.integer)) else str(raw_value)
                    assert value == mac(key, path, canonical).hex(), path
            else:
                pytest.fail(f"{path}: unexpected operator {op}")
            checked.add(op)
        assert "release" in checked
        if level in ("RESTRICTED", "CONFIDENTIAL"):
            assert {"normalize", "hash"} <= checked
        if level == "RESTRICTED":
            assert "generalize" in checked


def scan_values(raw_file: h5py.File, operators: dict[str, str]) -> dict[str, list[bytes]]:
    """Byte encodings of every redacted value that is distinctive (not 0, ±1 or a small integer, which
    occur everywhere in a file's structure): float64 and float32 in both byte orders, decimal text."""
    needles: dict[str, list[bytes]] = {}
    for path, value in listing(raw_file).items():
        if operators.get(path, "drop") == "release":
            continue
        values = value[()] if isinstance(value, h5py.Dataset) else value
        found: list[bytes] = []
        for v in np.atleast_1d(values):
            if isinstance(v, (bytes, str)):
                text = v.decode() if isinstance(v, bytes) else v
                if len(text) >= 12:
                    found.append(text.encode())
                continue
            x = float(v)
            if not math.isfinite(x) or x == int(x) and abs(x) < 65536:
                continue
            found += [struct.pack("<d", x), struct.pack(">d", x), repr(x).encode()]
            if float(np.float32(x)) == x:
                found += [struct.pack("<f", x), struct.pack(">f", x)]
        if found:
            needles[path] = found
    return needles


@pytest.mark.parametrize("level", ["UNCLASSIFIED", "RESTRICTED", "CONFIDENTIAL"])
def test_no_redacted_value_and_no_key_byte_is_in_the_file(specgen: Callable[..., Any], runs: dict[str, Path], level: str) -> None:
    operators = {m["field"]: m["operator"] for m in manifest(specgen, level)["manifest"]}
    data = runs[level].read_bytes()
    with h5py.File(runs["raw"], "r") as raw_file:
        needles = scan_values(raw_file, operators)
        seed = int(raw_file.attrs["seed"])
    assert {"sample_rate_hz", "scenario_sha256"} <= set(needles)
    leaks = [(path, needle) for path, encodings in needles.items() for needle in encodings if needle in data]
    assert leaks == []
    assert runs["key"].read_bytes() not in data and runs["key"].read_bytes().hex().encode() not in data
    # The seed (hashed below SECRET) in every integer encoding.
    for encoding in [struct.pack("<q", seed), struct.pack(">q", seed), struct.pack("<i", seed), str(seed).encode() + b"\x00"]:
        assert encoding not in data


def test_unit_power_and_the_chunk_shape_follow_the_format_rules(runs: dict[str, Path]) -> None:
    with h5py.File(runs["raw"], "r") as raw, h5py.File(runs["UNCLASSIFIED"], "r") as marked, h5py.File(runs["SECRET"], "r") as secret:
        power = np.mean(np.abs(marked["iq"][()]) ** 2, axis=(1, 2))
        assert np.allclose(power, 1, atol=1e-5)
        assert not np.allclose(np.mean(np.abs(secret["iq"][()]) ** 2, axis=(1, 2)), 1, atol=1e-3)
        # Scaling does not change what the labels say.
        assert np.array_equal(marked["labels/snr_db"][()], raw["labels/snr_db"][()])
        ratio = marked["iq"][()] / raw["iq"][()]
        assert np.allclose(ratio, ratio[:, :, :1], rtol=1e-4)
        for f in (marked, secret):
            assert f["iq"].chunks[0] == 64 and all(f[f"meta/{n}"].chunks == (64,) for n in f["meta"])


@pytest.mark.parametrize("change, path", [
    (lambda s: s.setdefault("output", {}).update(compression={"deflate_level": 4, "shuffle": True}), "$.output.compression"),
    (lambda s: s["receiver"].append({"type": "adc", "adc_bits": 8}), "$.receiver[2].type"),
    (lambda s: s.update(samples_per_example=1000), "$.samples_per_example"),
    (lambda s: s.update(array={"geometry": "ula", "elements": 4}), "$.array.elements"),
], ids=["compression", "adc", "length", "array"])
def test_a_scenario_breaking_a_format_rule_is_refused_before_anything_is_written(
        specgen: Callable[..., Any], write_scenario: Callable[..., Path], runs: dict[str, Path], tmp_path: Path,
        change: Callable[[dict[str, Any]], None], path: str) -> None:
    scenario = copy.deepcopy(REALISTIC)
    change(scenario)
    output = tmp_path / "out" / "x.h5"
    output.parent.mkdir()
    result = specgen("run", str(write_scenario(scenario)), "-o", str(output), "--schema", str(FOUR_LEVEL), "--level", "RESTRICTED",
                     "--key-file", str(runs["key"]))
    assert result.returncode == 2, result.report()
    assert path in result.stderr and "RESTRICTED" in result.stderr and "format rule" in result.stderr
    assert list(output.parent.iterdir()) == []
    # The same scenario is fine at a level whose format allows it (SECRET allows everything here).
    if path != "$.samples_per_example":
        result = specgen("run", str(write_scenario(scenario)), "-o", str(output), "--schema", str(FOUR_LEVEL), "--level", "SECRET",
                         "--key-file", str(runs["key"]), "-q", "--examples", "8")
        assert result.returncode == 0, result.report()


def test_key_problems_stop_the_run_and_the_key_can_come_from_stdin(specgen_bin: Path, specgen: Callable[..., Any], runs: dict[str, Path],
                                                                   tmp_path: Path) -> None:
    import subprocess
    base = ["run", str(runs["scenario"]), "--schema", str(FOUR_LEVEL), "--level", "RESTRICTED", "-q"]
    no_key = specgen(*base, "-o", str(tmp_path / "a.h5"))
    assert no_key.returncode == 2 and "--key-file" in no_key.stderr and "seed" in no_key.stderr
    readable = key_file(tmp_path, "open-key", mode=0o644)
    result = specgen(*base, "-o", str(tmp_path / "a.h5"), "--key-file", str(readable))
    assert result.returncode == 2 and "chmod 600" in result.stderr
    short = key_file(tmp_path, "short-key", content=b"too short\n")
    result = specgen(*base, "-o", str(tmp_path / "a.h5"), "--key-file", str(short))
    assert result.returncode == 2 and "at least 16" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["open-key", "short-key"]
    # The same key on standard input gives the same bytes as from the file.
    piped = subprocess.run([str(specgen_bin), *base, "-o", str(tmp_path / "b.h5"), "--key-file", "-"],
                           input=runs["key"].read_bytes(), capture_output=True, timeout=120)
    assert piped.returncode == 0, piped.stderr
    assert (tmp_path / "b.h5").read_bytes() == runs["RESTRICTED"].read_bytes()


def test_shards_of_a_marked_run_merge_into_the_marked_file(specgen: Callable[..., Any], runs: dict[str, Path], tmp_path: Path) -> None:
    parts = []
    for k in range(2):
        part = tmp_path / f"part-{k}.h5"
        result = specgen("run", str(runs["scenario"]), "-o", str(part), "--shard", f"{k}/2", "--schema", str(FOUR_LEVEL),
                         "--level", "RESTRICTED", "--key-file", str(runs["key"]), "-q")
        assert result.returncode == 0, result.report()
        parts.append(str(part))
    merged = tmp_path / "merged.h5"
    result = specgen("merge", "-o", str(merged), *parts)
    assert result.returncode == 0, result.report()
    assert merged.read_bytes() == runs["RESTRICTED"].read_bytes()
    # A part marked at another level, or not marked, never joins them.
    unmarked = json.loads(runs["scenario"].read_text())
    unmarked["output"]["block_examples"] = 64  # the level's chunk_examples: the same blocks, only unmarked
    (tmp_path / "unmarked.json").write_text(json.dumps(unmarked))
    for scenario, other in [(runs["scenario"], ["--level", "CONFIDENTIAL", "--schema", str(FOUR_LEVEL), "--key-file", str(runs["key"])]),
                            (tmp_path / "unmarked.json", [])]:
        odd = tmp_path / "odd.h5"
        result = specgen("run", str(scenario), "-o", str(odd), "--shard", "1/2", "--overwrite", "-q", *other)
        assert result.returncode == 0, result.report()
        result = specgen("merge", "-o", str(tmp_path / "refused.h5"), parts[0], str(odd))
        assert result.returncode == 2 and "marked differently" in result.stderr, result.report()
        assert not (tmp_path / "refused.h5").exists()


def indistinguishability_schema(tmp_path: Path) -> Path:
    """The four-level example with the seed and the scenario hash dropped below SECRET instead of
    hashed: a keyed hash of the scenario file differs between any two files by design."""
    schema = json.loads(FOUR_LEVEL.read_text())
    for rule in schema["rules"]:
        if rule["field"] in ("seed", "scenario_sha256"):
            rule["below"] = "drop"
    path = tmp_path / "no-hash.json"
    path.write_text(json.dumps(schema))
    return path


def test_scenarios_differing_only_in_hidden_values_give_byte_identical_files(specgen: Callable[..., Any], write_scenario: Callable[..., Path],
                                                                            tmp_path: Path) -> None:
    """The guarantee of docs/classification.md: at RESTRICTED the sample rate and every frequency are
    hidden (normalised), so a sensor at 1 MHz and one at 2 MHz with every frequency doubled — the same
    samples — must give the same bytes; at SECRET, where the sample rate is released, they differ."""
    schema = indistinguishability_schema(tmp_path)
    key = key_file(tmp_path)

    def scenario(fs: float, name: str) -> dict[str, Any]:
        scale = fs / 1e6
        return {
            "format": "specgen-scenario", "version": 1, "name": name, "seed": 11, "examples": 40, "samples_per_example": 512,
            "sample_rate_hz": fs, "snr_db": {"uniform": {"low": 0, "high": 20}},
            "classes": [{"name": "QPSK", "emitter": {"type": "qpsk", "samples_per_symbol": 8}},
                        {"name": "tone", "emitter": {"type": "tone", "frequency_hz": {"uniform": {"low": -1e5 * scale, "high": 1e5 * scale}}}}],
            "channel": [{"type": "carrier_offset", "frequency_offset_hz": {"uniform": {"low": -5000 * scale, "high": 5000 * scale}}}],
            "receiver": [{"type": "iq_imbalance", "iq_gain_db": 0.3, "iq_phase_rad": 0.02}],
        }

    files = {}
    for level in ["RESTRICTED", "SECRET"]:
        for fs, name in [(1e6, "sensor A"), (2e6, "sensor B, twice the rate")]:
            out = tmp_path / f"{level}-{int(fs)}.h5"
            result = specgen("run", str(write_scenario(scenario(fs, name), name=f"{int(fs)}.json")), "-o", str(out), "--schema", str(schema),
                             "--level", level, "--key-file", str(key), "-q")
            assert result.returncode == 0, result.report()
            files[level, fs] = out.read_bytes()
    assert files["RESTRICTED", 1e6] == files["RESTRICTED", 2e6]
    assert files["SECRET", 1e6] != files["SECRET", 2e6]
    with h5py.File(tmp_path / "SECRET-1000000.h5", "r") as a, h5py.File(tmp_path / "SECRET-2000000.h5", "r") as b:
        assert np.array_equal(a["iq"][()], b["iq"][()]), "the samples themselves must not depend on the hidden values"


def test_the_open_schema_releases_everything_the_release_all_file_holds(specgen: Callable[..., Any], runs: dict[str, Path],
                                                                        tmp_path: Path) -> None:
    out = tmp_path / "open.h5"
    levels = json.loads(OPEN.read_text())["levels"]
    result = specgen("run", str(runs["scenario"]), "-o", str(out), "--schema", str(OPEN), "--level", levels[0]["name"], "-q")
    assert result.returncode == 0, result.report()
    with h5py.File(runs["raw"], "r") as raw, h5py.File(out, "r") as marked:
        assert set(listing(raw)) == set(listing(marked))
        assert np.array_equal(raw["iq"][()], marked["iq"][()]) or levels[0]["format"].get("unit_power")


# --------------------------------------------------------------------------- site policy

SITE_POLICY_SCHEMA = json.loads((REPO_ROOT / "Schemas" / "site-policy.v1.schema.json").read_text())


def site_policy_errors(policy: dict[str, Any]) -> list[str]:
    from jsonschema import Draft202012Validator
    return [e.message for e in Draft202012Validator(SITE_POLICY_SCHEMA).iter_errors(policy)]


def site_policy(directory: Path, **members: Any) -> Path:
    path = directory / "site-policy.json"
    path.write_text(json.dumps({"format": "specgen-site-policy", "format_version": 1, **members}))
    return path


def test_a_site_policy_requires_a_schema_and_pins_approved_ones(specgen: Callable[..., Any], runs: dict[str, Path], tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    approved = hashlib.sha256(FOUR_LEVEL.read_bytes()).hexdigest()
    policy = site_policy(tmp_path, require_schema=True, approved_schemas=[{"id": "example.four-level", "sha256": approved, "note": "test"}])
    assert site_policy_errors(json.loads(policy.read_text())) == []
    monkeypatch.setenv("SPECGEN_SITE_POLICY", str(policy))
    out = tmp_path / "out"
    out.mkdir()
    plain = specgen("run", str(runs["scenario"]), "-o", str(out / "a.h5"))
    assert plain.returncode == 2 and "requires a classification schema" in plain.stderr and "example.four-level" in plain.stderr
    # A new version of the schema (here: one changed byte of its description) is inert until approved.
    schema = json.loads(FOUR_LEVEL.read_text())
    schema["version"] = "1.0.1"
    newer = tmp_path / "four-level-1.0.1.json"
    newer.write_text(json.dumps(schema))
    result = specgen("run", str(runs["scenario"]), "-o", str(out / "a.h5"), "--schema", str(newer), "--level", "RESTRICTED",
                     "--key-file", str(runs["key"]))
    assert result.returncode == 2 and "not approved" in result.stderr and approved in result.stderr
    assert list(out.iterdir()) == []
    # The approved schema runs, and gives the same file as without the policy.
    result = specgen("run", str(runs["scenario"]), "-o", str(out / "a.h5"), "--schema", str(FOUR_LEVEL), "--level", "RESTRICTED",
                     "--key-file", str(runs["key"]), "-q")
    assert result.returncode == 0, result.report()
    assert (out / "a.h5").read_bytes() == runs["RESTRICTED"].read_bytes()
    # Synthesis without a file writes nothing, so it is not a release.
    assert specgen("run", str(runs["scenario"]), "--discard", "-q").returncode == 0


@pytest.mark.parametrize("policy, message", [
    ({"require_schema": "yes"}, "$.require_schema: expected true or false"),
    ({"require_schema": True, "approved_schemas": [{"id": "x", "sha256": "ABC"}]}, "$.approved_schemas[0].sha256: expected 64 lower-case hex"),
    ({"require_schema": True, "approve": []}, "$.approve: unknown key"),
], ids=["type", "sha256", "unknown-key"])
def test_a_broken_or_missing_site_policy_stops_every_run(specgen: Callable[..., Any], runs: dict[str, Path], tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch, policy: dict[str, Any], message: str) -> None:
    path = site_policy(tmp_path, **policy)
    assert site_policy_errors(json.loads(path.read_text())) != [], "the JSON Schema must refuse it too"
    monkeypatch.setenv("SPECGEN_SITE_POLICY", str(path))
    result = specgen("run", str(runs["scenario"]), "-o", str(tmp_path / "a.h5"))
    assert result.returncode == 2 and message in result.stderr, result.report()
    monkeypatch.setenv("SPECGEN_SITE_POLICY", str(tmp_path / "missing.json"))
    result = specgen("run", str(runs["scenario"]), "-o", str(tmp_path / "a.h5"))
    assert result.returncode == 2 and "no such file" in result.stderr
    assert not (tmp_path / "a.h5").exists()


def test_constant_replaces_the_value_everywhere_and_leaves_no_trace(specgen: Callable[..., Any], runs: dict[str, Path], tmp_path: Path) -> None:
    """`constant` (not used by the four-level example): the line-of-sight angle of the fading (45.57° in
    the scenario) becomes 0 below SECRET; 45.57 must be nowhere in the file."""
    schema = json.loads(FOUR_LEVEL.read_text())
    schema["rules"].append({"field": "channel.fading.los_angle_deg", "release_from": "SECRET", "below": {"op": "constant", "value": 0}})
    path = tmp_path / "constant.json"
    path.write_text(json.dumps(schema))
    out = tmp_path / "constant.h5"
    result = specgen("run", str(runs["scenario"]), "-o", str(out), "--schema", str(path), "--level", "RESTRICTED",
                     "--key-file", str(runs["key"]), "-q")
    assert result.returncode == 0, result.report()
    operators = {m["field"]: m["operator"] for m in manifest(specgen, "RESTRICTED", path)["manifest"]}
    assert operators["channel.fading.los_angle_deg"] == "constant"
    with h5py.File(out, "r") as f, h5py.File(runs["raw"], "r") as raw:
        column = f["meta/channel.fading.los_angle_deg"]
        assert np.all(column[()] == 0) and column.attrs["unit"] == "deg"
        assert np.all(raw["meta/channel.fading.los_angle_deg"][()] == 45.57)
        needles = scan_values(raw, operators)
    data = out.read_bytes()
    assert needles["channel.fading.los_angle_deg"] and not any(n in data for n in needles["channel.fading.los_angle_deg"])
    assert [(p, n) for p, ns in needles.items() for n in ns if n in data] == []


def test_an_invalid_schema_or_an_unknown_level_stops_the_run_before_anything_is_written(specgen: Callable[..., Any], runs: dict[str, Path],
                                                                                          tmp_path: Path) -> None:
    schema = json.loads(FOUR_LEVEL.read_text())
    schema["rules"][0]["below"] = "shred"
    broken = tmp_path / "broken.json"
    broken.write_text(json.dumps(schema))
    out = tmp_path / "out"
    out.mkdir()
    result = specgen("run", str(runs["scenario"]), "-o", str(out / "a.h5"), "--schema", str(broken), "--level", "RESTRICTED",
                     "--key-file", str(runs["key"]))
    assert result.returncode == 2 and "$.rules[0].below" in result.stderr and "shred" in result.stderr, result.report()
    result = specgen("run", str(runs["scenario"]), "-o", str(out / "a.h5"), "--schema", str(FOUR_LEVEL), "--level", "TOP_SECRET",
                     "--key-file", str(runs["key"]))
    assert result.returncode == 2 and "TOP_SECRET" in result.stderr and "UNCLASSIFIED, RESTRICTED, CONFIDENTIAL, SECRET" in result.stderr
    result = specgen("run", str(runs["scenario"]), "-o", str(out / "a.h5"), "--level", "SECRET")
    assert result.returncode == 2 and "--level needs --schema" in result.stderr
    assert list(out.iterdir()) == []

"""Classification schemas from the outside: the JSON Schema accepts the shipped examples, `specgen schema`
commands behave as documented (exit 2 with the JSON path on a bad schema, working `--help` examples),
and the field catalogue (`specgen schema fields --format json`) names every field real files hold.

docs/classification.md describes the format; these tests do not import the Swift code.
"""

from __future__ import annotations

import copy
import json
import re
import shlex
import subprocess
from pathlib import Path
from typing import Any, Callable

import h5py
import pytest
from jsonschema import Draft202012Validator

REPO_ROOT = Path(__file__).resolve().parents[2]
SCHEMAS = REPO_ROOT / "Schemas"
META_SCHEMA_PATH = SCHEMAS / "classification.v1.schema.json"
EXAMPLES = [SCHEMAS / "classification-open.json", SCHEMAS / "classification-four-level.json"]
FOUR_LEVEL = SCHEMAS / "classification-four-level.json"


@pytest.fixture(scope="module")
def meta_validator() -> Draft202012Validator:
    schema = json.loads(META_SCHEMA_PATH.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


@pytest.fixture(scope="module")
def catalogue(specgen: Callable[..., Any]) -> dict[str, dict[str, Any]]:
    result = specgen("schema", "fields", "--format", "json")
    assert result.returncode == 0, result.report()
    entries = json.loads(result.stdout)
    paths = [e["path"] for e in entries]
    assert paths == sorted(paths) and len(set(paths)) == len(paths)
    return {e["path"]: e for e in entries}


def four_level() -> dict[str, Any]:
    return json.loads(FOUR_LEVEL.read_text(encoding="utf-8"))


def rule_index(schema: dict[str, Any], field: str) -> int:
    return next(i for i, r in enumerate(schema["rules"]) if r["field"] == field)


# --------------------------------------------------------------------------- the JSON Schema

@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_json_schema_accepts_the_examples(meta_validator: Draft202012Validator, path: Path) -> None:
    errors = [f"{'/'.join(map(str, e.path))}: {e.message}" for e in meta_validator.iter_errors(json.loads(path.read_text()))]
    assert errors == []


def bad_operator(s: dict[str, Any]) -> None:
    s["rules"][rule_index(s, "seed")]["below"] = "redact"


def bad_pattern(s: dict[str, Any]) -> None:
    s["rules"][0]["field"] = "Format"


def bad_sample_type(s: dict[str, Any]) -> None:
    s["levels"][0]["format"]["sample_type"] = "int16"


def missing_review(s: dict[str, Any]) -> None:
    del s["review"]


def unknown_key(s: dict[str, Any]) -> None:
    s["rules"][0]["relase_from"] = "SECRET"


@pytest.mark.parametrize("mutate", [bad_operator, bad_pattern, bad_sample_type, missing_review, unknown_key],
                         ids=lambda f: f.__name__)
def test_json_schema_and_specgen_refuse_the_same_mistakes(meta_validator: Draft202012Validator, mutate: Callable[[dict[str, Any]], None],
                                                          specgen: Callable[..., Any], tmp_path: Path) -> None:
    schema = four_level()
    mutate(schema)
    assert list(meta_validator.iter_errors(schema)), "the JSON Schema accepted it"
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(schema))
    result = specgen("schema", "validate", path)
    assert result.returncode == 2, result.report()
    assert re.search(r"\$\.(rules|levels|review)", result.stderr), result.report()


# --------------------------------------------------------------------------- the commands

@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_validate_accepts_the_examples(specgen: Callable[..., Any], path: Path) -> None:
    result = specgen("schema", "validate", path)
    assert result.returncode == 0, result.report()
    assert ": valid — " in result.stdout


def test_bad_schema_exits_2_with_path_value_and_allowed(specgen: Callable[..., Any], tmp_path: Path) -> None:
    schema = four_level()
    bad_operator(schema)
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(schema))
    for command in (["validate", path], ["review", path], ["diff", FOUR_LEVEL, path], ["resolve", path, "--level", "SECRET"]):
        result = specgen("schema", *command)
        assert result.returncode == 2, result.report()
        assert (f'$.rules[{rule_index(schema, "seed")}].below: unknown operator "redact"; '
                "allowed: drop, generalize, normalize, hash, constant") in result.stderr, result.report()


def test_missing_schema_file_exits_2(specgen: Callable[..., Any], tmp_path: Path) -> None:
    result = specgen("schema", "validate", tmp_path / "nope.json")
    assert result.returncode == 2
    assert "no such file" in result.diagnostics


@pytest.mark.parametrize("sub", ["fields", "validate", "review", "diff", "resolve"])
def test_help_examples_work(specgen: Callable[..., Any], specgen_bin: Path, sub: str) -> None:
    """Every `specgen schema …` example line in `--help` runs successfully from the repository root."""
    result = specgen("schema", sub, "--help")
    assert result.returncode == 0, result.report()
    # Long examples continue on the next line after a backslash, as in a shell.
    text = re.sub(r"\\\n\s*", " ", result.stdout)
    examples = [line.strip() for line in text.splitlines() if line.strip().startswith(f"specgen schema {sub}")]
    assert examples, f"no example in:\n{result.stdout}"
    for line in examples:
        argv = shlex.split(line.split(">")[0].split("#")[0])
        run = subprocess.run([str(specgen_bin), *argv[1:]], cwd=REPO_ROOT, capture_output=True, text=True, timeout=60)
        assert run.returncode == 0, f"{line}\n{run.stderr}"
        assert run.stdout.strip(), line


def test_review_lists_table_and_overdue_warning(specgen: Callable[..., Any]) -> None:
    result = specgen("schema", "review", FOUR_LEVEL, "--today", "2099-01-01")
    assert result.returncode == 0, result.report()
    assert "Fields × levels" in result.stdout
    header = next(line for line in result.stdout.splitlines() if line.startswith("field "))
    assert header.split() == ["field", "unit", "kind", "UNCLASSIFIED", "RESTRICTED", "CONFIDENTIAL", "SECRET", "rule"]
    assert "review overdue: the next review was due on 2027-01-15" in result.stdout
    assert "approximate derivation: sample_rate_hz is normalised at CONFIDENTIAL" in result.stdout
    on_time = specgen("schema", "review", FOUR_LEVEL, "--today", "2026-06-01")
    assert "review overdue" not in on_time.stdout
    bad_date = specgen("schema", "review", FOUR_LEVEL, "--today", "2026-02-30")
    assert bad_date.returncode == 2 and "--today 2026-02-30" in bad_date.stderr


def test_review_html_is_self_contained(specgen: Callable[..., Any]) -> None:
    result = specgen("schema", "review", FOUR_LEVEL, "--format", "html")
    assert result.returncode == 0
    html = result.stdout
    assert html.startswith("<!DOCTYPE html>") and html.rstrip().endswith("</html>")
    for outside in ("<script", "src=", "href=", "http://", "https://", "@import"):
        assert outside not in html


def test_resolve_manifest_covers_the_catalogue(specgen: Callable[..., Any], catalogue: dict[str, dict[str, Any]]) -> None:
    manifests = {}
    for level in ("UNCLASSIFIED", "SECRET"):
        result = specgen("schema", "resolve", FOUR_LEVEL, "--level", level, "--format", "json")
        assert result.returncode == 0, result.report()
        document = json.loads(result.stdout)
        assert document["level"] == level and len(document["schema_sha256"]) == 64
        manifests[level] = {e["field"]: e["operator"] for e in document["manifest"]}
        assert list(manifests[level]) == sorted(catalogue)
    assert manifests["UNCLASSIFIED"]["seed"] == "hash" and manifests["SECRET"]["seed"] == "release"
    assert manifests["UNCLASSIFIED"]["receiver.adc.adc_bits"] == "drop"
    unknown = specgen("schema", "resolve", FOUR_LEVEL, "--level", "TOPSECRET")
    assert unknown.returncode == 2 and 'no level "TOPSECRET"' in unknown.stderr


def test_diff_states_changes(specgen: Callable[..., Any], tmp_path: Path) -> None:
    schema = four_level()
    schema["rules"][rule_index(schema, "receiver.adc.adc_bits")]["release_from"] = "RESTRICTED"
    schema["levels"][1]["format"]["compression"] = True
    after = tmp_path / "after.json"
    after.write_text(json.dumps(schema))
    result = specgen("schema", "diff", FOUR_LEVEL, after)
    assert result.returncode == 0, result.report()
    assert "At RESTRICTED:\n  format.compression: false → true (the data may show more)\n  1 field becomes more releasable:\n" \
           "    dropped → released as is: receiver.adc.adc_bits\n" in result.stdout
    same = specgen("schema", "diff", FOUR_LEVEL, FOUR_LEVEL)
    assert same.stdout.rstrip().endswith("Nothing a dataset may disclose changes at any level.")


# --------------------------------------------------------------------------- the catalogue against real files

def rich_scenario(catalogue: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """One class per emitter family (a hopper with a gated base), every stage of both lists (interferers
    carrying a hopper over a tone), an array and a spectrogram — families read from the catalogue."""
    emitter_types = sorted({s for p, e in catalogue.items() if p.count(".") == 1 and p.startswith("emitter.") for s in e["sources"]} - {"gating"})
    classes = []
    for t in emitter_types:
        emitter: dict[str, Any] = {"type": t}
        if t == "fhss":
            emitter["base"] = {"type": "qpsk", "gating": {"on_s": 0.0001}}
        classes.append({"name": t, "emitter": emitter})
    stages: dict[str, list[dict[str, Any]]] = {"channel": [], "receiver": []}
    for path in catalogue:
        parts = path.split(".")
        if parts[0] in stages and len(parts) == 3 and not any(s["type"] == parts[1] for s in stages[parts[0]]):
            stage: dict[str, Any] = {"type": parts[1]}
            if parts[1] == "interference":
                stage["emitter"] = {"type": "fhss", "base": {"type": "tone"}}
            stages[parts[0]].append(stage)
    return {"format": "specgen-scenario", "version": 1, "seed": 7, "examples": 8, "samples_per_example": 256,
            "sample_rate_hz": 1_000_000, "snr_db": 10, "classes": classes, "channel": stages["channel"],
            "receiver": stages["receiver"], "array": {"geometry": "ula", "elements": 2},
            "output": {"spectrogram": {"fft_size": 32, "hop": 16}}}


def test_every_field_in_real_files_is_catalogued(specgen: Callable[..., Any], catalogue: dict[str, dict[str, Any]],
                                                 write_scenario: Callable[..., Path], tmp_path: Path) -> None:
    scenario_path = write_scenario(rich_scenario(catalogue))
    out = tmp_path / "rich.h5"
    result = specgen("run", scenario_path, "-o", out, "--quiet")
    assert result.returncode == 0, result.report()
    seen: dict[str, str] = {}
    with h5py.File(out, "r") as f:
        for name in f.attrs:
            seen[name] = "root_attribute"
        for name in f["labels"]:
            seen[f"labels.{name}"] = "labels_dataset" if name == "class_names" else "labels_column"
        for name in f["meta"]:
            seen[name] = "meta_column"
        for name in f["spectrogram"].attrs:
            if name != "axes":  # the axis names are the same in every file
                seen[f"spectrogram.{name}"] = "dataset_attribute"
        assert f["iq"].shape[1] == 2  # array.elements: the shape
    assert len(seen) > 150
    for path, storage in seen.items():
        assert path in catalogue, f"{path} is written but not catalogued"
        assert catalogue[path]["storage"] == storage, path
    assert catalogue["array.elements"]["storage"] == "shape"

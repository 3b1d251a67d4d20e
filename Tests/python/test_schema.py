"""The JSON Schema and `specgen validate` agree on what a scenario is.

Schemas/scenario.v1.schema.json is the machine-readable form of docs/scenario.md: editors and CI
pipelines validate scenarios with it without running specgen. These tests check that the schema is a
valid draft 2020-12 schema, accepts the shipped example scenarios, and rejects the same bad input as
`specgen validate` does (which must exit 2 and name the JSON path of the offending value).
"""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

import pytest
from jsonschema import Draft202012Validator
from jsonschema.exceptions import best_match

REPO_ROOT = Path(__file__).resolve().parents[2]
EXAMPLE_SCENARIOS = sorted((REPO_ROOT / "Scenarios").glob("*.json"))

# The good scenario the bad cases are derived from. Class 0 and class 1 are both linear emitters so
# that a path with the wrong index would not satisfy the check.
GOOD: dict[str, Any] = {
    "format": "specgen-scenario",
    "version": 1,
    "name": "schema test",
    "seed": 5,
    "examples": 100,
    "samples_per_example": 256,
    "sample_rate_hz": 1_000_000,
    "snr_db": {"uniform": {"low": 0, "high": 20}},
    "snr_definition": "per_sample",
    "classes": [
        {"name": "BPSK", "emitter": {"type": "bpsk", "samples_per_symbol": 8, "rolloff": 0.35}},
        {"name": "QPSK", "weight": 2,
         "emitter": {"type": "qpsk", "samples_per_symbol": {"choice": {"values": [4, 8]}},
                     "rolloff": {"uniform": {"low": 0.2, "high": 0.5}}, "filter_span_symbols": 12}},
        {"name": "tone", "emitter": {"type": "tone", "frequency_hz": {"uniform": {"low": -1e5, "high": 1e5}},
                                     "phase_rad": {"normal": {"mean": 0, "std": 3}}}},
    ],
    "output": {"block_examples": 32, "compression": None,
               "spectrogram": {"fft_size": 64, "hop": 16, "window": "blackman", "scale": "linear"}},
}


@dataclass(frozen=True)
class BadCase:
    """A scenario with one mistake: where it is (dotted JSON path, without the leading `$.`) and a
    piece of text the error message must quote (the offending value or key), if distinctive."""

    id: str
    mutate: Callable[[dict[str, Any]], None]
    path: str
    quoted: str | None = None

    def scenario(self) -> dict[str, Any]:
        s = copy.deepcopy(GOOD)
        self.mutate(s)
        return s


def _emitter(i: int, **kv: Any) -> Callable[[dict[str, Any]], None]:
    return lambda s: s["classes"][i]["emitter"].update(kv)


BAD_CASES = [
    # The six cases of the brief.
    BadCase("unknown-key", _emitter(0, rollof=0.3), "classes[0].emitter", "rollof"),
    BadCase("wrong-type", lambda s: s["classes"][1].update(weight="heavy"), "classes[1].weight", "heavy"),
    BadCase("rolloff-1.5", _emitter(0, rolloff=1.5), "classes[0].emitter.rolloff", "1.5"),
    BadCase("sps-1", _emitter(1, samples_per_symbol=1), "classes[1].emitter.samples_per_symbol"),
    BadCase("unknown-emitter-type", _emitter(0, type="warp-drive"), "classes[0].emitter.type", "warp-drive"),
    BadCase("normal-on-integer", _emitter(1, filter_span_symbols={"normal": {"mean": 10, "std": 1}}),
            "classes[1].emitter.filter_span_symbols", "normal"),
    # More of docs/scenario.md that both must enforce.
    BadCase("unknown-top-level-key", lambda s: s.update(seeds=3), "", "seeds"),
    BadCase("missing-required-key", lambda s: s.pop("sample_rate_hz"), "", "sample_rate_hz"),
    BadCase("wrong-format", lambda s: s.update(format="specgen-dataset"), "format", "specgen-dataset"),
    BadCase("version-2", lambda s: s.update(version=2), "version"),
    BadCase("examples-string", lambda s: s.update(examples="100"), "examples"),
    BadCase("examples-0", lambda s: s.update(examples=0), "examples"),
    BadCase("seed-negative", lambda s: s.update(seed=-1), "seed"),
    BadCase("samples-per-example-8", lambda s: s.update(samples_per_example=8), "samples_per_example"),
    BadCase("sample-rate-0", lambda s: s.update(sample_rate_hz=0), "sample_rate_hz"),
    BadCase("snr-above-100", lambda s: s.update(snr_db=150), "snr_db", "150"),
    BadCase("snr-uniform-bound-out-of-range", lambda s: s.update(snr_db={"uniform": {"low": -60, "high": 0}}),
            "snr_db", "-60"),
    BadCase("snr-definition-unknown", lambda s: s.update(snr_definition="eb_n0"), "snr_definition", "eb_n0"),
    BadCase("no-classes", lambda s: s.update(classes=[]), "classes"),
    BadCase("empty-class-name", lambda s: s["classes"][0].update(name=""), "classes[0].name"),
    BadCase("weight-0", lambda s: s["classes"][0].update(weight=0), "classes[0].weight"),
    BadCase("tone-with-rolloff", _emitter(2, rolloff=0.3), "classes[2].emitter", "rolloff"),
    BadCase("bpsk-with-frequency", _emitter(0, frequency_hz=1000), "classes[0].emitter", "frequency_hz"),
    BadCase("unknown-distribution", _emitter(0, rolloff={"gaussian": {"mean": 0.3, "std": 0.01}}),
            "classes[0].emitter.rolloff", "gaussian"),
    BadCase("loguniform-on-integer", _emitter(0, filter_span_symbols={"loguniform": {"low": 4, "high": 16}}),
            "classes[0].emitter.filter_span_symbols", "loguniform"),
    BadCase("choice-value-out-of-range", _emitter(1, samples_per_symbol={"choice": {"values": [4, 65]}}),
            "classes[1].emitter.samples_per_symbol", "65"),
    BadCase("integer-choice-fraction", _emitter(1, filter_span_symbols={"choice": {"values": [8, 8.5]}}),
            "classes[1].emitter.filter_span_symbols", "8.5"),
    BadCase("uniform-bound-out-of-range", _emitter(1, rolloff={"uniform": {"low": 0.2, "high": 1.2}}),
            "classes[1].emitter.rolloff", "1.2"),
    BadCase("filter-span-65", _emitter(1, filter_span_symbols=65), "classes[1].emitter.filter_span_symbols", "65"),
    BadCase("block-examples-0", lambda s: s["output"].update(block_examples=0), "output.block_examples"),
    BadCase("deflate-level-10", lambda s: s["output"].update(compression={"deflate_level": 10, "shuffle": True}),
            "output.compression", "10"),
    BadCase("fft-size-not-power-of-two", lambda s: s["output"]["spectrogram"].update(fft_size=48),
            "output.spectrogram", "48"),
    BadCase("window-unknown", lambda s: s["output"]["spectrogram"].update(window="kaiser"),
            "output.spectrogram", "kaiser"),
    # List-valued parameters: what JSON Schema can say (types, lengths, ranges); specgen names the entry.
    BadCase("custom-delay-negative", lambda s: s.update(channel=[
        {"type": "fading", "profile": "custom", "delays_s": [0, -1e-6], "powers_db": [0, -3]}]), "channel[0].delays_s[1]", "-1e-06"),
    BadCase("custom-power-not-a-number", lambda s: s.update(channel=[
        {"type": "fading", "profile": "custom", "delays_s": [0, 1e-6, 2e-6], "powers_db": [0, -3, "x"]}]), "channel[0].powers_db[2]"),
    BadCase("custom-empty-list", lambda s: s.update(channel=[
        {"type": "fading", "profile": "custom", "delays_s": [], "powers_db": [0]}]), "channel[0].delays_s"),
    BadCase("phase-noise-offset-zero", lambda s: s.update(channel=[
        {"type": "phase_noise", "offsets_hz": [0, 1000], "levels_dbc_hz": [-80, -100]}]), "channel[0].offsets_hz[0]"),
    BadCase("listed-position-two-coordinates", lambda s: s.update(array={
        "geometry": "listed", "positions_wavelengths": [[0, 0, 0], [0.5, 0]]}), "array.positions_wavelengths[1]"),
    BadCase("listed-without-positions", lambda s: s.update(array={"geometry": "listed", "elements": 4}),
            "array", "positions_wavelengths"),
]


def _json_path(path: str) -> str:
    return "$." + path if path else "$"


def _describe(errors: list[Any]) -> str:
    return "\n".join(f"  {e.json_path}: {e.message}" for e in errors) or "  (no errors)"


# --------------------------------------------------------------------------- the schema itself

def test_schema_is_a_valid_draft_2020_12_schema(schema: dict[str, Any]) -> None:
    """The schema declares draft 2020-12 and passes the metaschema, so any standard tool can use it."""
    assert schema.get("$schema") == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(schema)


def test_schema_closes_every_object(schema: dict[str, Any]) -> None:
    """Every subschema that names properties also sets additionalProperties: false, so a misspelt key
    anywhere is an error (docs/scenario.md: "Every key is checked"). `if` subschemas are conditions
    that only look at `type`, not object definitions, and are exempt."""
    open_objects: list[str] = []

    def walk(node: Any, where: str) -> None:
        if isinstance(node, dict):
            if "properties" in node and node.get("additionalProperties") is not False:
                open_objects.append(where)
            for key, value in node.items():
                if key != "if":
                    walk(value, f"{where}/{key}")
        elif isinstance(node, list):
            for i, value in enumerate(node):
                walk(value, f"{where}/{i}")

    walk(schema, "#")
    assert not open_objects, f"subschemas with properties but without additionalProperties: false: {open_objects}"


def test_example_scenarios_exist() -> None:
    """The repository ships example scenarios (otherwise the parametrised tests below check nothing)."""
    assert EXAMPLE_SCENARIOS, f"no *.json in {REPO_ROOT / 'Scenarios'}"


@pytest.mark.parametrize("path", EXAMPLE_SCENARIOS, ids=lambda p: p.name)
def test_example_scenario_matches_schema(validator: Draft202012Validator, path: Path) -> None:
    """Every shipped scenario is valid under the schema it points editors at."""
    errors = list(validator.iter_errors(json.loads(path.read_text(encoding="utf-8"))))
    assert not errors, f"{path.name}:\n{_describe(errors)}"


def test_good_scenario_matches_schema(validator: Draft202012Validator) -> None:
    """The base scenario of the bad cases is itself valid, so each bad case fails for its own mistake."""
    errors = list(validator.iter_errors(GOOD))
    assert not errors, _describe(errors)


def test_test_scenarios_match_schema(validator: Draft202012Validator, mixed_scenario: dict[str, Any],
                                     small_scenario: dict[str, Any]) -> None:
    """The scenarios the dataset tests generate from are valid, so a failure there is not a typo here."""
    for scenario in (mixed_scenario, small_scenario):
        errors = list(validator.iter_errors(scenario))
        assert not errors, f"{scenario['name']}:\n{_describe(errors)}"


@pytest.mark.parametrize("case", BAD_CASES, ids=lambda c: c.id)
def test_bad_scenario_rejected_by_schema(validator: Draft202012Validator, case: BadCase) -> None:
    """The schema rejects the mistake, and its most relevant error points at (or inside) the same
    JSON path that specgen must name."""
    errors = list(validator.iter_errors(case.scenario()))
    assert errors, "schema accepted a bad scenario"
    expected = _json_path(case.path)
    where = best_match(errors).json_path
    assert where == expected or where.startswith(expected + ".") or where.startswith(expected + "["), (
        f"best error at {where}, expected at or under {expected}:\n{_describe(errors)}")


# --------------------------------------------------------------------------- specgen validate

@pytest.mark.parametrize("path", EXAMPLE_SCENARIOS, ids=lambda p: p.name)
def test_example_scenario_accepted_by_specgen(specgen: Callable[..., Any], path: Path) -> None:
    """`specgen validate` accepts every shipped scenario (exit 0)."""
    result = specgen("validate", path)
    assert result.returncode == 0, result.report()


def test_good_scenario_accepted_by_specgen(specgen: Callable[..., Any], write_scenario: Callable[..., Path]) -> None:
    """`specgen validate` accepts the scenario the schema accepts (exit 0, nothing on stderr that
    looks like an error)."""
    result = specgen("validate", write_scenario(GOOD))
    assert result.returncode == 0, result.report()
    assert "error" not in result.diagnostics.lower(), result.report()


@pytest.mark.parametrize("case", BAD_CASES, ids=lambda c: c.id)
def test_bad_scenario_rejected_by_specgen(specgen: Callable[..., Any], write_scenario: Callable[..., Path],
                                          case: BadCase) -> None:
    """`specgen validate` rejects the mistake with exit status 2 (bad input) and an error on stderr
    that names the JSON path (`classes[0].emitter.rolloff` or `$.classes[0].emitter.rolloff`) and
    quotes the offending value or key, as docs/scenario.md promises."""
    result = specgen("validate", write_scenario(case.scenario()))
    assert result.returncode == 2, result.report()
    if case.path:
        assert case.path in result.diagnostics, f"stderr does not name {case.path!r}\n{result.report()}"
    if case.quoted:
        assert case.quoted in result.diagnostics, f"stderr does not quote {case.quoted!r}\n{result.report()}"

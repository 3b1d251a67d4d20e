"""Shared fixtures for the client-side test suite of specgen.

These tests use specgen the way a data scientist would: write a scenario JSON file, run the
`specgen` binary on it, open the HDF5 file with h5py and check it against docs/scenario.md and
docs/dataset.md. Nothing here imports the Swift code.

The binary is taken from the environment variable SPECGEN_BIN, or else
`<repo>/.build/release/specgen`. If it is missing, every test that needs it fails (it is never
skipped) with a message that says how to build it.

Run:  swift build -c release && python3 -m pytest Tests/python
(or SPECGEN_BIN=/path/to/specgen python3 -m pytest Tests/python)
"""

from __future__ import annotations

import copy
import json
import os
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

import pytest
from jsonschema import Draft202012Validator

REPO_ROOT = Path(__file__).resolve().parents[2]
SCHEMA_PATH = REPO_ROOT / "Schemas" / "scenario.v1.schema.json"
SCENARIO_DIR = REPO_ROOT / "Scenarios"
DEFAULT_SPECGEN_BIN = REPO_ROOT / ".build" / "release" / "specgen"

# Generous per-invocation limit; every scenario used here generates in well under a second.
RUN_TIMEOUT_S = 120

# A small scenario that uses all five emitter types, every emitter parameter (set explicitly on every
# class, so no test depends on how defaults are recorded), every distribution form, compression and a
# spectrogram. 600 examples of 512 samples: a few MB, generated in a fraction of a second, yet enough
# examples for the statistical tests in test_dataset.py. The tone's name is non-ASCII on purpose
# (class names are UTF-8).
MIXED_SCENARIO: dict[str, Any] = {
    "format": "specgen-scenario",
    "version": 1,
    "name": "pytest: five emitter types, spectrogram, compression",
    "seed": 424242,
    "examples": 600,
    "samples_per_example": 512,
    "sample_rate_hz": 1_000_000,
    "snr_db": {"uniform": {"low": 0, "high": 20}},
    "snr_definition": "es_n0",
    "classes": [
        {"name": "BPSK", "weight": 1,
         "emitter": {"type": "bpsk", "samples_per_symbol": 8, "rolloff": 0.35, "filter_span_symbols": 10}},
        {"name": "QPSK", "weight": 2,
         "emitter": {"type": "qpsk", "samples_per_symbol": {"choice": {"values": [4, 8]}},
                     "rolloff": {"uniform": {"low": 0.2, "high": 0.5}}, "filter_span_symbols": 8}},
        {"name": "8PSK", "weight": 1,
         "emitter": {"type": "8psk", "samples_per_symbol": {"uniform": {"low": 2, "high": 8}},
                     "rolloff": {"choice": {"values": [0.25, 0.5], "weights": [3, 1]}},
                     "filter_span_symbols": {"choice": {"values": [6, 10]}}}},
        {"name": "16QAM", "weight": 1.5,
         "emitter": {"type": "16qam", "samples_per_symbol": 4,
                     "rolloff": {"loguniform": {"low": 0.1, "high": 0.9}},
                     "filter_span_symbols": {"uniform": {"low": 4, "high": 12}}}},
        {"name": "tone-ω", "weight": 0.5,
         "emitter": {"type": "tone", "frequency_hz": {"uniform": {"low": -200000, "high": 200000}},
                     "phase_rad": {"normal": {"mean": 0, "std": 1}}}},
    ],
    "output": {
        "block_examples": 64,
        "compression": {"deflate_level": 4, "shuffle": True},
        "spectrogram": {"fft_size": 64, "hop": 32, "window": "hann", "scale": "db"},
    },
}

# A minimal valid scenario (no optional keys beyond what the tests mutate) for error and
# determinism tests: QPSK, BPSK and a tone, 200 examples of 256 samples in blocks of 16, so a run
# has 13 blocks of work to spread over threads.
SMALL_SCENARIO: dict[str, Any] = {
    "format": "specgen-scenario",
    "version": 1,
    "name": "pytest: small",
    "seed": 99,
    "examples": 200,
    "samples_per_example": 256,
    "sample_rate_hz": 1_000_000,
    "snr_db": {"uniform": {"low": -5, "high": 15}},
    "classes": [
        {"name": "BPSK", "emitter": {"type": "bpsk", "samples_per_symbol": 8, "rolloff": 0.35}},
        {"name": "QPSK", "emitter": {"type": "qpsk", "samples_per_symbol": {"choice": {"values": [4, 8]}},
                                     "rolloff": {"uniform": {"low": 0.2, "high": 0.5}}}},
        {"name": "tone", "emitter": {"type": "tone", "frequency_hz": {"uniform": {"low": -100000, "high": 100000}}}},
    ],
    "output": {
        "block_examples": 16,
        "compression": {"deflate_level": 1, "shuffle": True},
        "spectrogram": {"fft_size": 32, "hop": 16},
    },
}


# --------------------------------------------------------------------------- running the binary

@dataclass(frozen=True)
class SpecgenResult:
    """The outcome of one specgen invocation."""

    args: list[str]
    returncode: int
    stdout: str
    stderr: str

    @property
    def diagnostics(self) -> str:
        """stderr with every path given on the command line (and its directory) replaced by `<path>`,
        so that a substring check on the message cannot be satisfied by the temporary directory's
        name (pytest's `pytest-10/test_x_by_65/...`)."""
        text = self.stderr
        paths = {a for a in self.args[1:] if os.sep in a}
        paths |= {str(Path(a).parent) for a in paths}
        for p in sorted(paths, key=len, reverse=True):
            text = text.replace(p, "<path>")
        return text

    def report(self) -> str:
        """A readable account of the call, for assertion messages."""
        return (f"command: {' '.join(self.args)}\nexit status: {self.returncode}\n"
                f"--- stdout ---\n{self.stdout}\n--- stderr ---\n{self.stderr}")


def _specgen_path() -> Path:
    configured = os.environ.get("SPECGEN_BIN")
    return Path(configured).resolve() if configured else DEFAULT_SPECGEN_BIN


@pytest.fixture(scope="session")
def specgen_bin() -> Path:
    """Path of the specgen executable; fails (never skips) the requesting test when it is missing."""
    path = _specgen_path()
    if not (path.is_file() and os.access(path, os.X_OK)):
        how = ("SPECGEN_BIN points at it" if os.environ.get("SPECGEN_BIN")
               else "default location; set SPECGEN_BIN to use another binary")
        pytest.fail(
            f"specgen binary not found or not executable at {path} ({how}).\n"
            f"Build it first:  cd {REPO_ROOT} && swift build -c release",
            pytrace=False,
        )
    return path


@pytest.fixture(scope="session")
def specgen(specgen_bin: Path) -> Callable[..., SpecgenResult]:
    """Run `specgen ARGS...` and return a SpecgenResult; arguments may be str or Path."""

    def run(*args: Any, timeout: float = RUN_TIMEOUT_S) -> SpecgenResult:
        argv = [str(specgen_bin), *(str(a) for a in args)]
        proc = subprocess.run(argv, capture_output=True, text=True, timeout=timeout)
        return SpecgenResult(argv, proc.returncode, proc.stdout, proc.stderr)

    return run


@pytest.fixture(scope="session")
def catalogue(specgen: Callable[..., SpecgenResult]) -> dict[str, dict[str, Any]]:
    """`specgen schema fields --format json`, by path: every metadata field specgen can write."""
    result = specgen("schema", "fields", "--format", "json")
    assert result.returncode == 0, result.report()
    return {e["path"]: e for e in json.loads(result.stdout)}


# --------------------------------------------------------------------------- schema

@pytest.fixture(scope="session")
def schema() -> dict[str, Any]:
    """The scenario JSON Schema, parsed."""
    assert SCHEMA_PATH.is_file(), f"missing {SCHEMA_PATH}"
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def validator(schema: dict[str, Any]) -> Draft202012Validator:
    """A draft 2020-12 validator for the scenario schema."""
    return Draft202012Validator(schema)


# --------------------------------------------------------------------------- scenarios

@pytest.fixture
def mixed_scenario() -> dict[str, Any]:
    """A fresh, mutable copy of MIXED_SCENARIO."""
    return copy.deepcopy(MIXED_SCENARIO)


@pytest.fixture
def small_scenario() -> dict[str, Any]:
    """A fresh, mutable copy of SMALL_SCENARIO."""
    return copy.deepcopy(SMALL_SCENARIO)


@pytest.fixture
def write_scenario(tmp_path: Path) -> Callable[..., Path]:
    """Write a scenario dict as JSON under tmp_path (or `directory`) and return its path."""

    def write(scenario: dict[str, Any], name: str = "scenario.json", directory: Path | None = None) -> Path:
        where = directory if directory is not None else tmp_path
        where.mkdir(parents=True, exist_ok=True)
        path = where / name
        path.write_text(json.dumps(scenario, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        return path

    return write


@dataclass(frozen=True)
class GeneratedDataset:
    """A dataset produced by one `specgen run`, with the scenario that made it."""

    scenario: dict[str, Any]
    scenario_path: Path
    h5_path: Path


@pytest.fixture(scope="session")
def mixed_dataset(specgen: Callable[..., SpecgenResult], tmp_path_factory: pytest.TempPathFactory) -> GeneratedDataset:
    """MIXED_SCENARIO generated once per session with `specgen run SCEN -o OUT --quiet`."""
    where = tmp_path_factory.mktemp("mixed")
    scenario_path = where / "mixed.json"
    scenario_path.write_text(json.dumps(MIXED_SCENARIO, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    h5_path = where / "mixed.h5"
    result = specgen("run", scenario_path, "-o", h5_path, "--quiet")
    assert result.returncode == 0, result.report()
    assert h5_path.is_file(), f"specgen exited 0 but wrote no {h5_path}\n{result.report()}"
    return GeneratedDataset(copy.deepcopy(MIXED_SCENARIO), scenario_path, h5_path)

"""specgen fails cleanly: right exit status, a message that says what is wrong, nothing half-written.

The contract: exit 0 on success, 2 for bad input (anything the user gave wrong: scenario content,
a missing scenario file, command-line usage), 1 for a runtime failure. Errors go to stderr and name
the JSON path of the offending value. A failed run leaves neither the output file nor a temporary
file behind. `--help` shows an example command line.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Callable

import pytest


def assert_clean_failure(result: Any, status: int | tuple[int, ...]) -> None:
    """The run failed with the given exit status (not a crash: no signal, no Swift runtime trap) and
    said something on stderr."""
    allowed = (status,) if isinstance(status, int) else status
    assert result.returncode in allowed, result.report()
    assert "Fatal error" not in result.stderr, result.report()
    assert result.stderr.strip(), f"no message on stderr\n{result.report()}"


@pytest.fixture
def dirs(tmp_path: Path) -> tuple[Path, Path]:
    """Separate input and (empty) output directories, so leftovers in the output directory show."""
    inp, out = tmp_path / "in", tmp_path / "out"
    inp.mkdir()
    out.mkdir()
    return inp, out


# --------------------------------------------------------------------------- bad scenario content

def test_bad_scenario_run_exits_2_and_writes_nothing(specgen: Callable[..., Any], small_scenario: dict[str, Any],
                                                     write_scenario: Callable[..., Path], dirs: tuple[Path, Path]) -> None:
    """`specgen run` on an invalid scenario (rolloff 1.5) exits 2, names `classes[0].emitter.rolloff`
    on stderr, and leaves the output directory empty: no file at -o, no temporary file."""
    inp, out_dir = dirs
    small_scenario["classes"][0]["emitter"]["rolloff"] = 1.5
    out = out_dir / "out.h5"
    result = specgen("run", write_scenario(small_scenario, directory=inp), "-o", out, "--quiet")
    assert_clean_failure(result, 2)
    assert "classes[0].emitter.rolloff" in result.diagnostics, result.report()
    assert not out.exists()
    assert sorted(p.name for p in out_dir.iterdir()) == []


def test_misspelt_key_gets_did_you_mean(specgen: Callable[..., Any], small_scenario: dict[str, Any],
                                        write_scenario: Callable[..., Path]) -> None:
    """A misspelt key (`rollof`) is rejected with exit 2, its path, and a "did you mean" naming the
    real key `rolloff` (docs/scenario.md)."""
    emitter = small_scenario["classes"][1]["emitter"]
    emitter["rollof"] = emitter.pop("rolloff")
    result = specgen("validate", write_scenario(small_scenario))
    assert_clean_failure(result, 2)
    assert "classes[1].emitter" in result.diagnostics, result.report()
    assert "did you mean" in result.diagnostics.lower(), result.report()
    assert "rolloff" in result.diagnostics, result.report()


# Constraints that involve two values (or a value and its siblings) and so are not in the JSON Schema:
# only specgen can check them, and it must, before generating anything.
def _dup_name(s: dict[str, Any]) -> None:
    s["classes"][1]["name"] = s["classes"][0]["name"]


def _tone_above_nyquist(s: dict[str, Any]) -> None:
    s["classes"][2]["emitter"]["frequency_hz"] = 600_000  # Fs = 1 MHz


def _tone_bound_at_nyquist(s: dict[str, Any]) -> None:
    s["classes"][2]["emitter"]["frequency_hz"] = {"uniform": {"low": 0, "high": 500_000}}  # exclusive limit


def _fft_longer_than_example(s: dict[str, Any]) -> None:
    s["output"]["spectrogram"] = {"fft_size": 512}  # L = 256


def _hop_longer_than_fft(s: dict[str, Any]) -> None:
    s["output"]["spectrogram"] = {"fft_size": 32, "hop": 64}


def _normal_tail_outside(s: dict[str, Any]) -> None:
    s["classes"][0]["emitter"]["rolloff"] = {"normal": {"mean": 0.5, "std": 0.1}}  # 0.5 - 6*0.1 < 0


def _uniform_reversed(s: dict[str, Any]) -> None:
    s["snr_db"] = {"uniform": {"low": 15, "high": -5}}


def _weights_length(s: dict[str, Any]) -> None:
    s["classes"][1]["emitter"]["samples_per_symbol"] = {"choice": {"values": [4, 8], "weights": [1]}}


CROSS_FIELD_CASES = [
    pytest.param(_dup_name, "classes[1].name", id="duplicate-class-name"),
    pytest.param(_tone_above_nyquist, "classes[2].emitter.frequency_hz", id="tone-above-fs/2"),
    pytest.param(_tone_bound_at_nyquist, "classes[2].emitter.frequency_hz", id="tone-bound-at-fs/2"),
    pytest.param(_fft_longer_than_example, "output.spectrogram.fft_size", id="fft-size-above-L"),
    pytest.param(_hop_longer_than_fft, "output.spectrogram.hop", id="hop-above-fft-size"),
    pytest.param(_normal_tail_outside, "classes[0].emitter.rolloff", id="normal-within-6-sigma"),
    pytest.param(_uniform_reversed, "snr_db", id="uniform-low-above-high"),
    pytest.param(_weights_length, "classes[1].emitter.samples_per_symbol", id="choice-weights-length"),
]


@pytest.mark.parametrize(("mutate", "path"), CROSS_FIELD_CASES)
def test_cross_field_constraint_rejected(specgen: Callable[..., Any], small_scenario: dict[str, Any],
                                         write_scenario: Callable[..., Path], mutate: Callable[[dict[str, Any]], None],
                                         path: str) -> None:
    """Constraints the JSON Schema cannot express (docs/scenario.md: unique names, tone inside
    (-Fs/2, Fs/2), fft_size <= L, hop <= fft_size, the 6-sigma rule for `normal`, low < high, one
    weight per value) are still checked by `specgen validate`: exit 2 and the JSON path on stderr."""
    mutate(small_scenario)
    result = specgen("validate", write_scenario(small_scenario))
    assert_clean_failure(result, 2)
    assert path in result.diagnostics, result.report()


def test_not_json_exits_2(specgen: Callable[..., Any], tmp_path: Path) -> None:
    """A scenario file that is not JSON is bad input: exit 2 and the file named on stderr."""
    bad = tmp_path / "broken.json"
    bad.write_text('{"format": "specgen-scenario", "version": 1,,}\n', encoding="utf-8")
    result = specgen("validate", bad)
    assert_clean_failure(result, 2)
    assert "broken.json" in result.stderr, result.report()


# --------------------------------------------------------------------------- files and paths

@pytest.mark.parametrize("command", ["run", "validate"])
def test_missing_scenario_file_exits_2(specgen: Callable[..., Any], dirs: tuple[Path, Path], command: str) -> None:
    """A scenario path that does not exist is bad input (the user gave it): exit 2, the file named on
    stderr, and (for run) nothing written."""
    inp, out_dir = dirs
    missing = inp / "no-such-scenario.json"
    args = [command, missing] + (["-o", out_dir / "out.h5", "--quiet"] if command == "run" else [])
    result = specgen(*args)
    assert_clean_failure(result, 2)
    assert "no-such-scenario.json" in result.stderr, result.report()
    assert list(out_dir.iterdir()) == []


def test_output_directory_missing_fails_clearly(specgen: Callable[..., Any], small_scenario: dict[str, Any],
                                                write_scenario: Callable[..., Path], tmp_path: Path) -> None:
    """`-o` into a directory that does not exist fails with a non-zero status (1 or 2), a message
    naming the path, without creating the directory."""
    missing_dir = tmp_path / "no-such-dir"
    result = specgen("run", write_scenario(small_scenario), "-o", missing_dir / "out.h5", "--quiet")
    assert_clean_failure(result, (1, 2))
    assert "no-such-dir" in result.stderr, result.report()
    assert not missing_dir.exists()


# --------------------------------------------------------------------------- command line

def test_run_without_output_exits_2(specgen: Callable[..., Any], small_scenario: dict[str, Any],
                                    write_scenario: Callable[..., Path]) -> None:
    """`specgen run SCENARIO` without `-o` is a usage error, i.e. bad input: exit 2 (not, say, the
    argument parser's own usage status 64)."""
    result = specgen("run", write_scenario(small_scenario), "--quiet")
    assert_clean_failure(result, 2)


def test_unknown_option_exits_2(specgen: Callable[..., Any], small_scenario: dict[str, Any],
                                write_scenario: Callable[..., Path], tmp_path: Path) -> None:
    """An unknown option is bad input: exit 2, the option named on stderr, nothing written."""
    out = tmp_path / "out.h5"
    result = specgen("run", write_scenario(small_scenario), "-o", out, "--no-such-option")
    assert_clean_failure(result, 2)
    assert "no-such-option" in result.diagnostics, result.report()
    assert not out.exists()


def test_examples_override_out_of_range_exits_2(specgen: Callable[..., Any], small_scenario: dict[str, Any],
                                                write_scenario: Callable[..., Path], dirs: tuple[Path, Path]) -> None:
    """`--examples 0` is outside 1 ... 10^9 like the scenario key it overrides: exit 2, nothing written."""
    inp, out_dir = dirs
    result = specgen("run", write_scenario(small_scenario, directory=inp), "-o", out_dir / "out.h5",
                     "--examples", 0, "--quiet")
    assert_clean_failure(result, 2)
    assert list(out_dir.iterdir()) == []


# An example command line: the subcommand followed by a concrete scenario file, e.g.
# `specgen run Scenarios/quickstart.json -o quickstart.h5` (a usage synopsis with <scenario> is not one).
def _example_line(command: str) -> re.Pattern[str]:
    return re.compile(rf"specgen {command} \S+\.json")


def test_run_help_shows_example(specgen: Callable[..., Any]) -> None:
    """`specgen run --help` exits 0 and prints (on stdout) an example command line `specgen run X.json ...`."""
    result = specgen("run", "--help")
    assert result.returncode == 0, result.report()
    assert _example_line("run").search(result.stdout), result.report()


def test_validate_help_shows_example(specgen: Callable[..., Any]) -> None:
    """`specgen validate --help` exits 0 and prints (on stdout) an example command line with a
    concrete scenario file, `specgen validate X.json` or `specgen run X.json ...`."""
    result = specgen("validate", "--help")
    assert result.returncode == 0, result.report()
    assert _example_line("validate").search(result.stdout) or _example_line("run").search(result.stdout), result.report()


def test_top_level_help_lists_subcommands(specgen: Callable[..., Any]) -> None:
    """`specgen --help` exits 0 and lists the `run` and `validate` subcommands."""
    result = specgen("--help")
    assert result.returncode == 0, result.report()
    assert re.search(r"^\s*run\b", result.stdout, re.MULTILINE), result.report()
    assert re.search(r"^\s*validate\b", result.stdout, re.MULTILINE), result.report()

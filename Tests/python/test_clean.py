"""The clean reference (docs/dataset.md, "Clean reference"): `specgen run --clean` (or the scenario's
`output.clean`) adds /iq_clean, every capture without the thermal noise, from the same draws and
through the same receiver stages.

Checked with the real binary and fixed seeds: without receiver stages /iq − /iq_clean is the AWGN of
the recorded variance (within the statistic's own spread); /iq and /spectrogram do not change when
--clean is added; the h5py layout is /iq's; shards + merge and kill -9 + --resume give the single run's
file byte for byte; a marked --clean file audits clean where the level allows it, and a level that
does not allow it refuses the run.
"""

from __future__ import annotations

import copy
import filecmp
import json
import math
from pathlib import Path
from typing import Any, Callable

import h5py
import numpy as np
import pytest

from conftest import SMALL_SCENARIO

REPO_ROOT = Path(__file__).resolve().parents[2]
FOUR_LEVEL = REPO_ROOT / "Schemas" / "classification-four-level.json"
OPEN = REPO_ROOT / "Schemas" / "classification-open.json"

# Receiver stages after the noise (docs/scenario.md): the difference is then the noise through them.
STAGES: list[dict[str, Any]] = [
    {"type": "carrier_offset", "frequency_offset_hz": {"uniform": {"low": -2000, "high": 2000}}},
]
RECEIVER: list[dict[str, Any]] = [
    {"type": "phase_noise"},
    {"type": "iq_imbalance"},
    {"type": "receiver_filter"},
]


def _ok(result: Any) -> None:
    assert result.returncode == 0, result.report()


def _scenario(stages: bool = False, compressed: bool = True, examples: int = 200) -> dict[str, Any]:
    scenario = copy.deepcopy(SMALL_SCENARIO)
    scenario["examples"] = examples
    if stages:
        scenario["channel"] = copy.deepcopy(STAGES)
        scenario["receiver"] = copy.deepcopy(RECEIVER)
    if not compressed:
        scenario["output"]["compression"] = None
    return scenario


def _run(specgen: Callable[..., Any], scenario: Path, out: Path, *extra: Any) -> Path:
    _ok(specgen("run", scenario, "-o", out, "--quiet", *extra))
    return out


def test_without_receiver_stages_the_difference_is_the_recorded_awgn(specgen: Callable[..., Any], write_scenario: Callable[..., Path],
                                                                      tmp_path: Path) -> None:
    """|d|² / σ² over N·L complex Gaussian samples of variance σ² (the example's recorded
    noise.sample_snr_db) has mean 1 and standard deviation 1/√(N·L) (each |d|²/σ² is Exp(1)); per
    example the mean over L samples has standard deviation 1/√L. Tolerances: 5 of those."""
    out = _run(specgen, write_scenario(_scenario()), tmp_path / "pairs.h5", "--clean")
    with h5py.File(out, "r") as f:
        iq, clean = f["iq"][...], f["iq_clean"][...]
        variance = 10 ** (-f["meta/noise.sample_snr_db"][...] / 10)
    n, c, length = iq.shape
    ratio = (np.abs(iq - clean) ** 2).mean(axis=(1, 2)) / variance
    assert abs(ratio.mean() - 1) < 5 / math.sqrt(n * c * length), ratio.mean()
    assert np.all(np.abs(ratio - 1) < 5 / math.sqrt(c * length)), ratio
    # The clean capture is the signal: it is not the noisy one, and not zero.
    assert np.all((np.abs(clean) ** 2).mean(axis=(1, 2)) > 0)


@pytest.mark.parametrize("stages", [False, True], ids=["no stages", "channel + receiver stages"])
def test_adding_clean_changes_nothing_else(specgen: Callable[..., Any], write_scenario: Callable[..., Path], tmp_path: Path,
                                           stages: bool) -> None:
    """/iq, /spectrogram and every column are the same with and without --clean, and output.clean in the
    scenario gives the same datasets as --clean."""
    scenario = _scenario(stages=stages)
    plain = _run(specgen, write_scenario(scenario), tmp_path / "plain.h5")
    flagged = _run(specgen, write_scenario(scenario), tmp_path / "flagged.h5", "--clean")
    scenario["output"]["clean"] = True
    in_scenario = _run(specgen, write_scenario(scenario, name="clean.json"), tmp_path / "in-scenario.h5")

    def datasets(path: Path) -> dict[str, Any]:
        found: dict[str, np.ndarray] = {}
        with h5py.File(path, "r") as f:
            f.visititems(lambda name, obj: found.__setitem__(name, obj[...]) if isinstance(obj, h5py.Dataset) else None)
        # Bytes, so that NaN columns compare equal; string lists as lists.
        return {name: value.tolist() if value.dtype == object else value.tobytes() for name, value in found.items()}

    a, b, c = datasets(plain), datasets(flagged), datasets(in_scenario)
    assert set(b) == set(a) | {"iq_clean"} and set(c) == set(b)
    for name in a:
        assert a[name] == b[name], name
    for name in b:
        assert b[name] == c[name], name
    if stages:
        # The receiver stages act on both: the difference is no longer the white noise of the recorded
        # variance, but the clean capture is still the signal (far from the noisy one at low SNR).
        assert b["iq"] != b["iq_clean"]


def test_layout_is_that_of_iq(specgen: Callable[..., Any], write_scenario: Callable[..., Path], tmp_path: Path) -> None:
    out = _run(specgen, write_scenario(_scenario(examples=40)), tmp_path / "pairs.h5", "--clean")
    with h5py.File(out, "r") as f:
        assert list(f.keys()) == ["iq", "iq_clean", "labels", "meta", "spectrogram"]
        iq, clean = f["iq"], f["iq_clean"]
        assert clean.dtype == np.complex64 and clean.shape == iq.shape == (40, 1, 256)
        assert clean.chunks == iq.chunks and clean.maxshape == iq.maxshape
        assert clean.compression == iq.compression and clean.shuffle == iq.shuffle
        assert dict(clean.attrs) == dict(iq.attrs) == {"axes": "example,channel,sample"}


@pytest.mark.parametrize("compressed", [True, False], ids=["deflate+shuffle", "uncompressed"])
def test_shards_merge_into_the_single_run(specgen: Callable[..., Any], write_scenario: Callable[..., Path], tmp_path: Path,
                                          compressed: bool) -> None:
    scenario = write_scenario(_scenario(stages=True, compressed=compressed))
    single = _run(specgen, scenario, tmp_path / "single.h5", "--clean")
    parts = [_run(specgen, scenario, tmp_path / f"part-{k}.h5", "--clean", "--shard", f"{k}/3") for k in range(3)]
    merged = tmp_path / "merged.h5"
    _ok(specgen("merge", "-o", merged, "--quiet", *parts))
    assert filecmp.cmp(merged, single, shallow=False)
    # A part without /iq_clean does not belong with parts that have it.
    odd = _run(specgen, scenario, tmp_path / "odd-2.h5", "--shard", "2/3")
    result = specgen("merge", "-o", tmp_path / "refused.h5", "--quiet", parts[0], parts[1], odd)
    assert result.returncode == 2 and "iq_clean" in result.stderr, result.report()


def test_resume_refuses_the_state_of_a_run_without_clean(specgen: Callable[..., Any], specgen_bin: Path,
                                                        write_scenario: Callable[..., Path], tmp_path: Path) -> None:
    """--clean changes the file a run makes: a stopped run without it is not continued by one with it."""
    import signal
    import subprocess
    import time

    scenario = write_scenario(_scenario(examples=4000))
    out = tmp_path / "data.h5"
    journal = out.parent / f".{out.name}.journal"
    process = subprocess.Popen([str(specgen_bin), "run", str(scenario), "-o", str(out), "--threads", "1"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60

    def journaled() -> bool:  # the header line and at least one finished block
        return journal.exists() and journal.read_bytes().count(b"\n") >= 2

    while not journaled() and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.002)
    process.send_signal(signal.SIGKILL)
    process.communicate(timeout=60)
    if not journaled():
        pytest.skip("the run finished before it could be stopped")
    result = specgen("run", scenario, "-o", out, "--quiet", "--clean", "--resume")
    assert result.returncode == 2 and not out.exists() and "another run" in result.stderr, result.report()


def _schema_allowing_clean(where: Path, level: str) -> Path:
    schema = json.loads(FOUR_LEVEL.read_text())
    for entry in schema["levels"]:
        if entry["name"] == level:
            entry["format"]["clean_reference"] = True
    path = where / "four-level-clean.json"
    path.write_text(json.dumps(schema, indent=2) + "\n")
    return path


def test_marked_clean_files_audit_clean_where_the_level_allows_it(specgen: Callable[..., Any], write_scenario: Callable[..., Path],
                                                                  tmp_path: Path) -> None:
    """OPEN allows a clean reference; UNCLASSIFIED of the four-level example does not (clean_reference
    absent), so --clean is refused there, and allowed in a copy that sets it — whose file, at unit
    power, audits clean: /iq_clean is checked as /iq but for unit power (it takes the noisy factor)."""
    scenario = write_scenario(_scenario(compressed=False, examples=64))
    key = tmp_path / "run.key"
    key.write_bytes(b"0123456789abcdef-clean-test-key\n")
    key.chmod(0o600)
    open_file = _run(specgen, scenario, tmp_path / "open.h5", "--clean", "--schema", OPEN, "--level", "OPEN", "--key-file", key)
    result = specgen("audit", open_file, "--schema", OPEN, "--format", "json", "--scenario", scenario, "--key-file", key)
    assert result.returncode == 0 and json.loads(result.stdout)["findings"] == [], result.report()

    refused = specgen("run", scenario, "-o", tmp_path / "refused.h5", "--quiet", "--clean", "--schema", FOUR_LEVEL,
                      "--level", "UNCLASSIFIED", "--key-file", key)
    assert refused.returncode == 2 and "clean_reference" in refused.stderr, refused.report()
    assert not (tmp_path / "refused.h5").exists()

    allowing = _schema_allowing_clean(tmp_path, "UNCLASSIFIED")
    marked = _run(specgen, scenario, tmp_path / "unclassified.h5", "--clean", "--schema", allowing, "--level", "UNCLASSIFIED",
                  "--key-file", key)
    result = specgen("audit", marked, "--schema", allowing, "--format", "json", "--scenario", scenario, "--key-file", key)
    assert result.returncode == 0 and json.loads(result.stdout)["findings"] == [], result.report()
    # An /iq_clean put into a file of a level that does not allow it is caught.
    forbidden = _run(specgen, scenario, tmp_path / "forbidden.h5", "--schema", FOUR_LEVEL, "--level", "UNCLASSIFIED", "--key-file", key)
    with h5py.File(forbidden, "a") as f:
        f.copy("iq", "iq_clean")
    result = specgen("audit", forbidden, "--schema", FOUR_LEVEL, "--format", "json", "--scenario", scenario, "--key-file", key)
    assert result.returncode == 1, result.report()
    assert any(f["location"] == "/iq_clean" and "clean_reference" in f["why"] for f in json.loads(result.stdout)["findings"]), result.report()
    with h5py.File(marked, "r") as f:
        iq, clean = f["iq"][...], f["iq_clean"][...]
    power = (np.abs(iq) ** 2).mean(axis=(1, 2))
    assert np.allclose(power, 1, atol=1e-3)
    assert np.all((np.abs(clean) ** 2).mean(axis=(1, 2)) < power)  # the noisy factor, not its own unit power

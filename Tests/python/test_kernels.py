"""The C kernels (Sources/CKernels) give the same bits at every SIMD level: a file does not depend on
the machine that wrote it.

Each hot kernel is compiled for the x86-64 baseline (SSE2) and for AVX2 (the hottest also for AVX-512)
from one body and chosen at run time; `SPECGEN_SIMD=baseline` forces the baseline builds and
`SPECGEN_SIMD=avx2` caps the level at AVX2. Every shipped scenario, a scenario holding every emitter
family, and one holding every channel and receiver stage are run at each level the machine has and
compared byte for byte (on a machine without AVX2 every run uses the baseline and the test is skipped).
"""

from __future__ import annotations

import filecmp
import json
import os
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest

from conftest import REPO_ROOT, SCENARIO_DIR

EXAMPLES = {"quickstart": 120, "bench-qpsk": 120, "realistic-qpsk": 120, "radioml2018": 24, "wideband": 6}
# Families without a default for a required key.
NEEDS = {"fhss": {"base": {"type": "gfsk"}}}
KERNELS = re.compile(r"(baseline|avx2|avx512) kernels")


def _run(specgen_bin: Path, scenario: Path, out: Path, level: str | None, *extra: Any) -> str:
    env = dict(os.environ)
    env.pop("SPECGEN_SIMD", None)
    if level:
        env["SPECGEN_SIMD"] = level
    proc = subprocess.run([str(specgen_bin), "run", str(scenario), "-o", str(out), *map(str, extra)],
                          capture_output=True, text=True, env=env, timeout=300)
    assert proc.returncode == 0, f"{scenario.name} ({level or 'default'}): {proc.stderr}"
    found = KERNELS.search(proc.stderr + proc.stdout)
    assert found, f"the summary line names the kernel build: {proc.stderr}"
    return found.group(1)


def _compare(specgen_bin: Path, scenario: Path, tmp_path: Path, *extra: Any) -> None:
    """Runs `scenario` at the baseline, at AVX2 (SPECGEN_SIMD=avx2 caps the level there) and at the
    machine's best level, and compares the files of the levels that ran."""
    files = {}
    for request in ("baseline", "avx2", None):
        out = tmp_path / f"{scenario.stem}.{request or 'default'}.h5"
        level = _run(specgen_bin, scenario, out, request, *extra)
        files.setdefault(level, out)
    if len(files) == 1:
        pytest.skip("this machine has no AVX2: every run used the baseline kernels")
    first, *others = files
    for level in others:
        assert filecmp.cmp(files[first], files[level], shallow=False), \
            f"{scenario.name}: {first} and {level} kernels wrote different files"


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_shipped_scenarios_are_identical_at_every_level(specgen_bin: Path, tmp_path: Path, name: str) -> None:
    assert {p.stem for p in SCENARIO_DIR.glob("*.json")} == set(EXAMPLES), "a shipped scenario is missing here"
    _compare(specgen_bin, SCENARIO_DIR / f"{name}.json", tmp_path, "--examples", EXAMPLES[name])


def _write(tmp_path: Path, name: str, scenario: dict[str, Any]) -> Path:
    path = tmp_path / f"{name}.json"
    path.write_text(json.dumps(scenario, indent=2))
    return path


def _families() -> list[str]:
    schema = json.loads((REPO_ROOT / "Schemas" / "scenario.v1.schema.json").read_text())
    return schema["$defs"]["emitter"]["properties"]["type"]["enum"]


def test_every_emitter_family_is_identical_at_every_level(specgen_bin: Path, tmp_path: Path) -> None:
    """All 50 families with their defaults, rows of 1,000 samples (not a multiple of 8 or 256), noise,
    the clean reference and a one-sided dB spectrogram."""
    families = _families()
    assert len(families) >= 50
    scenario = {
        "format": "specgen-scenario", "version": 1, "name": "every family", "seed": 11,
        "examples": 2 * len(families), "samples_per_example": 1000, "sample_rate_hz": 1_000_000,
        "snr_db": {"uniform": {"low": 0, "high": 20}},
        "classes": [{"name": f, "emitter": {"type": f, **NEEDS.get(f, {})}} for f in families],
        "output": {"clean": True, "spectrogram": {"fft_size": 64, "hop": 32, "sides": "one", "scale": "db"}},
    }
    _compare(specgen_bin, _write(tmp_path, "families", scenario), tmp_path)


def test_every_stage_is_identical_at_every_level(specgen_bin: Path, tmp_path: Path) -> None:
    """Every channel and receiver stage with its defaults on three emitters (linear, continuous-phase,
    OFDM), rows of 777 samples; a second scenario takes a sparse fading profile at a high rate (the
    per-tap evaluation) with a fast Doppler."""
    classes = [{"name": t, "emitter": {"type": t}} for t in ("qpsk", "gmsk", "ofdm")]
    base = {"format": "specgen-scenario", "version": 1, "seed": 5, "examples": 60, "samples_per_example": 777,
            "sample_rate_hz": 1_000_000, "snr_db": {"uniform": {"low": 0, "high": 20}}, "classes": classes,
            "output": {"clean": True}}
    channel = [{"type": t} for t in ("power_amplifier", "geometry", "fading", "carrier_offset", "timing_offset", "sample_rate_offset")]
    channel.append({"type": "interference", "emitter": {"type": "bpsk"}})
    receiver = [{"type": t} for t in ("iq_imbalance", "dc_offset", "phase_noise", "coloured_noise",
                                      "bernoulli_gaussian_noise", "middleton_class_a_noise", "receiver_filter", "agc", "adc")]
    _compare(specgen_bin, _write(tmp_path, "stages", {**base, "name": "every stage", "channel": channel, "receiver": receiver}),
             tmp_path)
    sparse = {**base, "name": "sparse fading", "sample_rate_hz": 100_000_000,
              "channel": [{"type": "fading", "profile": "etu", "max_doppler_hz": 300_000}, {"type": "carrier_offset"}]}
    _compare(specgen_bin, _write(tmp_path, "sparse", sparse), tmp_path)

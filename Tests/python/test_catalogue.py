"""The emitter catalogue as a client sees it: every family listed by `specgen emitters` can be put in a
scenario with its defaults and produces unit average power; the shipped RadioML 2018-like scenario has
DeepSig's 24 classes in the order of the 2018 paper (the real file's one-hot labels follow it).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Callable

import h5py
import numpy as np

from conftest import REPO_ROOT, SCHEMA_PATH

# O'Shea, Roy & Clancy, "Over-the-air deep learning based radio signal classification", IEEE JSTSP 2018.
RADIOML2018_ORDER = [
    "OOK", "4ASK", "8ASK", "BPSK", "QPSK", "8PSK", "16PSK", "32PSK", "16APSK", "32APSK", "64APSK", "128APSK",
    "16QAM", "32QAM", "64QAM", "128QAM", "256QAM", "AM-SSB-WC", "AM-SSB-SC", "AM-DSB-WC", "AM-DSB-SC", "FM", "GMSK",
    "OQPSK",
]


def emitter_types(specgen: Callable[..., Any]) -> list[str]:
    result = specgen("emitters", "--json-schema")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)["$defs"]["emitter"]["properties"]["type"]["enum"]


def test_emitters_lists_every_family_and_the_schema_is_current(specgen: Callable[..., Any]) -> None:
    """`specgen emitters` names every type of the generated schema, and the committed schema file is
    exactly what the catalogue generates (one source of parameter facts)."""
    types = emitter_types(specgen)
    assert len(types) >= 40
    listing = specgen("emitters")
    assert listing.returncode == 0
    for t in types:
        assert f"  {t}: " in listing.stdout, f"{t} missing from `specgen emitters`"
    generated = specgen("emitters", "--json-schema").stdout
    assert generated == SCHEMA_PATH.read_text(encoding="utf-8")


def test_every_family_runs_with_its_defaults_at_unit_power(
    specgen: Callable[..., Any], write_scenario: Callable[..., Path], tmp_path: Path
) -> None:
    """One class per family, all defaults (fhss hops a QPSK base), SNR 100 dB so the noise is negligible:
    the mean power of each class is 1 within 5 standard errors of its own per-example spread (bursty
    families such as radar pulses scatter more, and their bound widens accordingly)."""
    types = emitter_types(specgen)
    classes = [{"name": t, "emitter": {"type": t, **({"base": {"type": "qpsk"}} if t == "fhss" else {})}} for t in types]
    scenario = {"format": "specgen-scenario", "version": 1, "seed": 7, "examples": 48 * len(types),
                "samples_per_example": 1024, "sample_rate_hz": 1e6, "snr_db": 100, "classes": classes}
    out = tmp_path / "all.h5"
    result = specgen("run", str(write_scenario(scenario)), "-o", str(out), "--quiet")
    assert result.returncode == 0, result.stderr
    with h5py.File(out, "r") as f:
        power = np.mean(np.abs(f["iq"][:, 0, :]) ** 2, axis=1)
        y = f["labels/class_index"][:]
    for k, t in enumerate(types):
        p = power[y == k]
        assert len(p) >= 10, f"{t}: only {len(p)} examples"
        se = max(p.std(ddof=1) / np.sqrt(len(p)), 1e-3)
        assert abs(p.mean() - 1) < 5 * se, f"{t}: mean power {p.mean():.4f} ± {se:.4f}"


def test_radioml2018_scenario_has_deepsig_classes_in_paper_order(
    specgen: Callable[..., Any], tmp_path: Path
) -> None:
    """Scenarios/radioml2018.json: 24 classes in the paper's order, 1024-sample examples, SNR -20…30 dB
    in 2 dB steps (per-sample), and every class shows up in a small run with power 1 + σ² on average
    (ratio within 5 standard errors of 1 per class)."""
    path = REPO_ROOT / "Scenarios" / "radioml2018.json"
    spec = json.loads(path.read_text())
    assert [c["name"] for c in spec["classes"]] == RADIOML2018_ORDER
    assert spec["samples_per_example"] == 1024
    assert spec["snr_db"]["choice"]["values"] == list(range(-20, 31, 2))
    out = tmp_path / "rml.h5"
    result = specgen("run", str(path), "-o", str(out), "--examples", "2400", "--quiet")
    assert result.returncode == 0, result.stderr
    with h5py.File(out, "r") as f:
        assert list(f["labels/class_names"].asstr()[:]) == RADIOML2018_ORDER
        x = f["iq"][:, 0, :]
        y = f["labels/class_index"][:]
        snr = f["labels/snr_db"][:]
    ratio = np.mean(np.abs(x) ** 2, axis=1) / (1 + 10 ** (-snr / 10))
    for k, name in enumerate(RADIOML2018_ORDER):
        r = ratio[y == k]
        assert len(r) >= 50, name
        assert abs(r.mean() - 1) < 5 * r.std(ddof=1) / np.sqrt(len(r)) + 1e-3, f"{name}: {r.mean():.4f}"

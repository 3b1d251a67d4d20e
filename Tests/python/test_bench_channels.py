"""scripts/bench_channels.py, the benchmark behind issue 3's speed target, run as a user would (tiny
sizes: this checks the script, not the speed): every case runs, the report carries every figure, and the
derived figures are the arithmetic the docstring states, from the report's own medians.
"""

from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path

from conftest import REPO_ROOT

STAGES = ["fading", "carrier_offset", "iq_imbalance", "phase_noise"]


def test_stage_costs_and_ratios_follow_from_the_medians(specgen_bin: Path, tmp_path: Path) -> None:
    report_path = tmp_path / "channels.json"
    done = subprocess.run(
        [sys.executable, str(REPO_ROOT / "scripts" / "bench_channels.py"), "--examples", "64", "--repeat", "1",
         "--stages", "--specgen", str(specgen_bin), "--json", str(report_path)],
        cwd=REPO_ROOT, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    report = json.loads(report_path.read_text())
    cases = report["cases"]

    expected = {f"{kind}, {t}" for kind in ("plain", "realistic", "realistic ULA-8") for t in ("1T", "2T")}
    expected |= {"numpy realistic, 1T", "numpy plain, 1T", "emitter alone, 1T"}
    expected |= {f"without {s}, 1T" for s in STAGES} | {f"{s} alone, 1T" for s in STAGES}
    assert set(cases) == expected
    for name, case in cases.items():
        assert len(case["samples_per_s"]) == 1 and case["samples_per_s"][0] > 0, name
    # The stage cases run the realistic scenario with stages removed: 1 thread, nothing written.
    for s in STAGES:
        command = cases[f"without {s}, 1T"]["command"]
        assert command[command.index("--threads") + 1] == "1" and "--discard" in command

    def ns(name: str) -> float:
        return 1e9 / cases[name]["median_samples_per_s"]

    costs = report["stage_costs_ns_per_sample"]
    assert set(costs) == set(STAGES) | {"all stages"}
    for s in STAGES:
        assert math.isclose(costs[s]["in_chain_ns"], ns("realistic, 1T") - ns(f"without {s}, 1T"), rel_tol=1e-9)
        assert math.isclose(costs[s]["alone_ns"], ns(f"{s} alone, 1T") - ns("emitter alone, 1T"), rel_tol=1e-9)
    assert math.isclose(costs["all stages"]["in_chain_ns"], ns("realistic, 1T") - ns("emitter alone, 1T"), rel_tol=1e-9)

    for t in ("1T", "2T"):
        target = report["targets"][f"realistic_vs_plain_{t}"]
        ratio = cases[f"realistic, {t}"]["median_samples_per_s"] / cases[f"plain, {t}"]["median_samples_per_s"]
        assert math.isclose(target["value"], ratio, rel_tol=1e-9)
        assert target["holds"] == (ratio >= 0.5)
    assert math.isclose(report["numpy_realistic_vs_numpy_plain"],
                        cases["numpy realistic, 1T"]["median_samples_per_s"] / cases["numpy plain, 1T"]["median_samples_per_s"],
                        rel_tol=1e-9)
    assert "stage costs, 1T" in done.stdout and "numpy implementations: realistic / plain" in done.stdout

"""Kubernetes: deploy/k8s holds an Indexed Job (one shard per completion index) and a merge Job. No
cluster runs here, so the manifests are checked two ways: against the Kubernetes API schemas with
kubernetes-validate (strict: unknown fields are errors), and by running the containers' own commands
locally — every index of the generate Job with JOB_COMPLETION_INDEX set as Kubernetes sets it, then the
merge Job — with /data and /config mapped to temporary directories and `specgen` on PATH: the merged
file must be byte-identical to a single run.
"""

from __future__ import annotations

import filecmp
import os
import subprocess
from pathlib import Path

import kubernetes_validate
import pytest
import yaml

from conftest import REPO_ROOT

K8S = REPO_ROOT / "deploy" / "k8s"
MANIFESTS = ["volume.yaml", "generate-job.yaml", "merge-job.yaml"]


def load(name: str) -> dict:
    return yaml.safe_load((K8S / name).read_text())


def env_of(container: dict) -> dict[str, str]:
    return {e["name"]: e["value"] for e in container.get("env", [])}


@pytest.mark.parametrize("name", MANIFESTS)
def test_manifest_is_valid_kubernetes(name):
    """Each manifest validates against the Kubernetes API schema (the package's default version), strictly."""
    kubernetes_validate.validate(load(name), kubernetes_validate.latest_version(), strict=True)


def test_generate_job_is_indexed_and_consistent():
    """Indexed completion mode, SHARDS equal to completions in both Jobs, the shared claim and the
    scenario ConfigMap mounted where the command reads and writes."""
    gen, merge, volume = load("generate-job.yaml"), load("merge-job.yaml"), load("volume.yaml")
    spec = gen["spec"]
    assert spec["completionMode"] == "Indexed"
    container = spec["template"]["spec"]["containers"][0]
    assert int(env_of(container)["SHARDS"]) == spec["completions"]
    merge_container = merge["spec"]["template"]["spec"]["containers"][0]
    assert env_of(merge_container)["SHARDS"] == env_of(container)["SHARDS"]
    claim = volume["metadata"]["name"]
    for job in (gen, merge):
        volumes = {v["name"]: v for v in job["spec"]["template"]["spec"]["volumes"]}
        mounts = {m["mountPath"]: m["name"] for m in job["spec"]["template"]["spec"]["containers"][0]["volumeMounts"]}
        assert volumes[mounts["/data"]]["persistentVolumeClaim"]["claimName"] == claim
    gen_volumes = {v["name"]: v for v in spec["template"]["spec"]["volumes"]}
    gen_mounts = {m["mountPath"]: m["name"] for m in container["volumeMounts"]}
    assert "configMap" in gen_volumes[gen_mounts["/config"]]
    assert spec["template"]["spec"]["restartPolicy"] == "Never"


def run_container(container: dict, env: dict[str, str], data: Path, config: Path, bindir: Path) -> None:
    command = container["command"] + [a.replace("/data", str(data)).replace("/config", str(config)) for a in container["args"]]
    full_env = dict(os.environ, **env_of(container), **env, PATH=f"{bindir}{os.pathsep}{os.environ['PATH']}")
    done = subprocess.run(command, env=full_env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, f"{command} failed ({done.returncode}):\n{done.stderr}"


def test_jobs_commands_make_the_single_run_file(specgen, specgen_bin, small_scenario, write_scenario, tmp_path):
    """The 8 indices of the generate Job (pods in any order: run backwards here, one retried after it
    finished) and then the merge Job give the file of one `specgen run`; the merge Job removes the parts."""
    scenario = dict(small_scenario, examples=1000, output={"block_examples": 100})
    data, config, bindir = tmp_path / "data", tmp_path / "config", tmp_path / "bin"
    for d in (data, config, bindir):
        d.mkdir()
    path = write_scenario(scenario, directory=config)
    (bindir / "specgen").symlink_to(specgen_bin)
    gen = load("generate-job.yaml")["spec"]
    container = gen["template"]["spec"]["containers"][0]
    for index in reversed(range(gen["completions"])):
        run_container(container, {"JOB_COMPLETION_INDEX": str(index)}, data, config, bindir)
    assert len(list((data / "parts").glob("part-*-of-8.h5"))) == 8
    # A retried pod (the index ran to completion but its pod was lost) leaves its finished part as it is.
    before = (data / "parts" / "part-3-of-8.h5").read_bytes()
    run_container(container, {"JOB_COMPLETION_INDEX": "3"}, data, config, bindir)
    assert (data / "parts" / "part-3-of-8.h5").read_bytes() == before
    run_container(load("merge-job.yaml")["spec"]["template"]["spec"]["containers"][0], {}, data, config, bindir)
    single = tmp_path / "single.h5"
    done = specgen("run", config / "scenario.json", "-o", single)
    assert done.returncode == 0, done.report()
    assert filecmp.cmp(single, data / "train.h5", shallow=False)
    assert not list((data / "parts").glob("*.h5"))

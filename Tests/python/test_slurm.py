"""Job arrays on a real Slurm: scripts/slurm/submit queues one shard per array task and a merge job with
--dependency=afterok; the merged file must be byte-identical to a single run of the same scenario.

The test starts a private single-node cluster from Debian's slurm-wlm and munge (installed by
scripts/setup), without systemd: munged --force on its own key and socket, slurmctld and slurmd from a
slurm.conf in a temporary directory (SlurmUser=root, proctrack/linuxproc, task/none, select/cons_tres,
free private ports, state, spool, logs and pid files in the directory), and stops the daemons by their
pid files afterwards. Where no cgroup file system is mounted (a container, a mount-namespace sandbox),
slurmd runs in a private mount namespace with a minimal one (`_with_private_cgroup_mount`). Slurm's
daemons must run as root here: as another user the test is skipped with
that reason (everything else about the cluster is checked, never skipped).
"""

from __future__ import annotations

import filecmp
import os
import shutil
import signal
import socket
import subprocess
import time
from pathlib import Path

import pytest

from conftest import REPO_ROOT

SUBMIT = REPO_ROOT / "scripts" / "slurm" / "submit"
DAEMONS = ("munged", "slurmctld", "slurmd", "sbatch", "scontrol")


def _free_ports(count: int) -> list[int]:
    sockets = [socket.socket() for _ in range(count)]
    for s in sockets:
        s.bind(("127.0.0.1", 0))
    ports = [s.getsockname()[1] for s in sockets]
    for s in sockets:
        s.close()
    return ports


def _wait_for(predicate, timeout: float, what: str, logs: list[Path]) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.25)
    tails = "\n".join(f"--- {log}:\n{log.read_text()[-2000:]}" for log in logs if log.exists())
    raise AssertionError(f"timed out after {timeout} s waiting for {what}\n{tails}")


def _cgroups_mounted() -> bool:
    """Whether a cgroup file system is mounted under /sys/fs/cgroup (slurmd 22.05 initialises its cgroup
    plugin whatever ProctrackType says, and fails without one)."""
    with open("/proc/self/mounts") as mounts:
        return any(line.split()[1].startswith("/sys/fs/cgroup") and line.split()[2] in ("cgroup", "cgroup2")
                   for line in mounts)


def _with_private_cgroup_mount(command: list[str]) -> list[str]:
    """Runs `command` in a private mount namespace holding the least slurmd's cgroup plugin accepts: a
    tmpfs on /sys/fs/cgroup with the named v1 hierarchy `systemd` (containers and mount-namespace
    sandboxes often mount no cgroups at all). Nothing changes outside the daemon's namespace; its jobs
    inherit it."""
    script = ("mount -t tmpfs -o mode=755 cgroup_root /sys/fs/cgroup && mkdir -p /sys/fs/cgroup/systemd && "
              "mount -t cgroup -o none,name=systemd systemd /sys/fs/cgroup/systemd && exec \"$@\"")
    return ["unshare", "--mount", "--propagation", "private", "sh", "-c", script, "slurmd-in-namespace", *command]


class Cluster:
    def __init__(self, root: Path):
        self.root = root
        self.env = dict(os.environ, SLURM_CONF=str(root / "slurm.conf"))
        self.logs = [root / "log" / name for name in ("munged.log", "slurmctld.log", "slurmd.log")]

    def command(self, *args: str, timeout: float = 30) -> str:
        done = subprocess.run(args, env=self.env, capture_output=True, text=True, timeout=timeout)
        assert done.returncode == 0, f"{' '.join(args)} failed ({done.returncode}): {done.stderr}"
        return done.stdout

    def job_state(self, job: str) -> str:
        out = subprocess.run(["scontrol", "show", "job", job], env=self.env, capture_output=True, text=True).stdout
        states = [field.split("=", 1)[1] for field in out.split() if field.startswith("JobState=")]
        return ",".join(states)


@pytest.fixture(scope="module")
def cluster(tmp_path_factory) -> Cluster:
    missing = [d for d in DAEMONS if shutil.which(d) is None]
    assert not missing, f"Slurm/munge programs missing: {missing} — scripts/setup installs slurm-wlm and munge"
    if os.geteuid() != 0:
        pytest.skip("the private Slurm cluster needs root (SlurmUser=root, slurmd as root)")
    root = tmp_path_factory.mktemp("slurm")
    for d in ("state", "spool", "log", "munge"):
        (root / d).mkdir()
    os.chmod(root / "munge", 0o700)
    key = root / "munge" / "munge.key"
    key.write_bytes(os.urandom(1024))
    os.chmod(key, 0o600)
    sock = root / "munge" / "socket"
    subprocess.run(["munged", "--force", f"--socket={sock}", f"--key-file={key}", f"--log-file={root / 'log' / 'munged.log'}",
                    f"--pid-file={root / 'munge' / 'munged.pid'}", f"--seed-file={root / 'munge' / 'seed'}"], check=True)
    host = socket.gethostname().split(".")[0]
    ctld_port, d_port = _free_ports(2)
    (root / "slurm.conf").write_text(f"""ClusterName=specgentest
SlurmctldHost={host}
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
AuthInfo=socket={sock}
CredType=cred/munge
SlurmctldPort={ctld_port}
SlurmdPort={d_port}
StateSaveLocation={root / 'state'}
SlurmdSpoolDir={root / 'spool'}
SlurmctldPidFile={root / 'slurmctld.pid'}
SlurmdPidFile={root / 'slurmd.pid'}
SlurmctldLogFile={root / 'log' / 'slurmctld.log'}
SlurmdLogFile={root / 'log' / 'slurmd.log'}
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
ReturnToService=2
MpiDefault=none
JobCompType=jobcomp/none
AccountingStorageType=accounting_storage/none
JobAcctGatherType=jobacct_gather/none
NodeName={host} CPUs={os.cpu_count()} State=UNKNOWN
PartitionName=specgen Nodes={host} Default=YES MaxTime=INFINITE State=UP
""")
    c = Cluster(root)
    try:
        for daemon in ("slurmctld", "slurmd"):
            command = [daemon, "-f", str(root / "slurm.conf")]
            if daemon == "slurmd" and not _cgroups_mounted():
                command = _with_private_cgroup_mount(command)
            started = subprocess.run(command, env=c.env, capture_output=True, text=True)
            if started.returncode != 0:
                tails = "\n".join(f"--- {log}:\n{log.read_text()[-3000:]}" for log in c.logs if log.exists())
                raise AssertionError(f"{daemon} did not start ({started.returncode}): {started.stdout}{started.stderr}\n{tails}")
        _wait_for(lambda: "idle" in subprocess.run(["sinfo", "-h", "-o", "%T"], env=c.env, capture_output=True, text=True).stdout,
                  60, "the node to come up idle", c.logs)
        yield c
    finally:
        for pid_file in (root / "slurmd.pid", root / "slurmctld.pid", root / "munge" / "munged.pid"):
            try:
                pid = int(pid_file.read_text().split()[0])
                os.kill(pid, signal.SIGTERM)
                deadline = time.monotonic() + 20
                while time.monotonic() < deadline:
                    os.kill(pid, 0)
                    time.sleep(0.1)
            except (FileNotFoundError, ProcessLookupError, ValueError):
                pass


def test_array_and_merge_equal_a_single_run(cluster, specgen, specgen_bin, small_scenario, write_scenario, tmp_path):
    """4 shards of a 10-block dataset (blocks 2, 3, 2, 3 per shard) as an array, then the merge job after
    them: the merged file is byte-identical to `specgen run` of the same scenario, and the parts are gone."""
    scenario = dict(small_scenario, examples=1000, output={"block_examples": 100})
    path = write_scenario(scenario)
    single = tmp_path / "single.h5"
    done = specgen("run", path, "-o", single)
    assert done.returncode == 0, done.report()
    merged = tmp_path / "merged.h5"
    out = subprocess.run([str(SUBMIT), str(path), "--shards", "4", "-o", str(merged), "--specgen", str(specgen_bin)],
                         env=cluster.env, capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    jobs = [line.split()[2] for line in out.stdout.splitlines() if line.startswith(("shards:", "merge:"))]
    assert len(jobs) == 2, out.stdout
    merge_job = jobs[1]
    _wait_for(lambda: cluster.job_state(merge_job) in ("COMPLETED", "FAILED", "CANCELLED", "TIMEOUT", ""), 180, f"merge job {merge_job}", cluster.logs + sorted((tmp_path / "merged.h5.parts").glob("*.log")))
    logs = "\n".join(p.read_text() for p in sorted((tmp_path / "merged.h5.parts").glob("*.log")))
    assert merged.exists(), f"no merged file; job state {cluster.job_state(merge_job)!r}; logs:\n{logs}"
    assert filecmp.cmp(single, merged, shallow=False), "merged file differs from a single run"
    assert not list((tmp_path / "merged.h5.parts").glob("part-*.h5")), "parts were not removed after the merge"


def test_failed_shard_cancels_the_merge(cluster, specgen_bin, small_scenario, write_scenario, tmp_path):
    """More shards than blocks: every task fails (exit 2, the reason in its log), the merge job never runs
    (afterok is never satisfied, --kill-on-invalid-dep cancels it) and no output appears."""
    scenario = dict(small_scenario, examples=200, output={"block_examples": 100})
    path = write_scenario(scenario)
    merged = tmp_path / "merged.h5"
    out = subprocess.run([str(SUBMIT), str(path), "--shards", "3", "-o", str(merged), "--specgen", str(specgen_bin)],
                         env=cluster.env, capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    merge_job = [line.split()[2] for line in out.stdout.splitlines() if line.startswith("merge:")][0]
    _wait_for(lambda: cluster.job_state(merge_job) in ("CANCELLED", ""), 120, f"merge job {merge_job} to be cancelled",
              cluster.logs)
    assert not merged.exists()
    logs = "\n".join(p.read_text() for p in sorted((tmp_path / "merged.h5.parts").glob("shard-*.log")))
    assert "--shard" in logs or "shard" in logs, logs


def test_submit_refuses_bad_arguments(tmp_path, specgen_bin, small_scenario, write_scenario):
    """Bad input to the submit script is refused before anything is queued (exit 2, named)."""
    path = write_scenario(small_scenario)
    cases = [
        ([str(path), "--shards", "0", "-o", str(tmp_path / "x.h5")], "--shards must be a positive integer"),
        ([str(path), "--shards", "2"], "no output"),
        ([str(tmp_path / "missing.json"), "--shards", "2", "-o", str(tmp_path / "x.h5")], "no such file"),
        ([str(path), "--shards", "2", "-o", str(tmp_path / "nodir" / "x.h5")], "does not exist"),
        ([str(path), "--shards", "2", "-o", str(tmp_path / "x.h5"), "--frobnicate"], "unknown option --frobnicate"),
    ]
    for args, message in cases:
        done = subprocess.run([str(SUBMIT), *args, "--specgen", str(specgen_bin)], capture_output=True, text=True)
        assert done.returncode == 2 and message in done.stderr, (args, done.returncode, done.stderr)

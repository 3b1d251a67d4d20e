"""`specgen audit` tested adversarially: real marked files (`specgen run --schema S --level L`) audit
clean; every leak vector of shared/REDACTION.md that can live in a file is injected into a copy of a
clean file, and the audit must exit 1 with a finding that names that vector. A full h5py listing of a
clean file is compared with the allow-list derived from the level's manifest.

Injections use h5py with timestamps off (track_times=False, a group creation property list without
times), so that each injected file differs from the clean one by the vector under test; where h5py
cannot avoid adding a second vector, the test still requires the one under test.

Vectors 14 (write order) and 15 (argv, logs, file names) do not live in a file's content: they are
tested by the determinism and run tests, not here.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

import h5py
import numpy as np
import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
FOUR_LEVEL = REPO_ROOT / "Schemas" / "classification-four-level.json"
OPEN = REPO_ROOT / "Schemas" / "classification-open.json"

# Small and fast: 128 examples of 256 samples, QPSK/BPSK/tone, so hidden frequencies (Hz), the sample
# rate, the seed and the scenario hash all exist at UNCLASSIFIED.
SCENARIO: dict[str, Any] = {
    "format": "specgen-scenario",
    "version": 1,
    "name": "pytest: audit",
    "seed": 20261127,
    "examples": 128,
    "samples_per_example": 256,
    "sample_rate_hz": 1_000_000,
    "snr_db": {"uniform": {"low": 0, "high": 20}},
    "classes": [
        {"name": "BPSK", "emitter": {"type": "bpsk", "samples_per_symbol": 8, "rolloff": 0.35}},
        {"name": "QPSK", "emitter": {"type": "qpsk", "samples_per_symbol": {"choice": {"values": [4, 8]}},
                                     "rolloff": {"uniform": {"low": 0.2, "high": 0.5}}}},
        {"name": "tone", "emitter": {"type": "tone", "frequency_hz": {"uniform": {"low": -200000, "high": 200000}}}},
    ],
    "output": {"spectrogram": {"fft_size": 32, "hop": 16}},
}
SEED = SCENARIO["seed"]
SAMPLE_RATE = float(SCENARIO["sample_rate_hz"])


@dataclass(frozen=True)
class Marked:
    """Clean marked files and what made them."""

    where: Path
    scenario: Path
    key: Path
    unclassified: Path
    confidential: Path
    open: Path
    release_all: Path


@pytest.fixture(scope="module")
def marked(specgen: Callable[..., Any], tmp_path_factory: pytest.TempPathFactory) -> Marked:
    where = tmp_path_factory.mktemp("audit")
    scenario = where / "scenario.json"
    scenario.write_text(json.dumps(SCENARIO, indent=2) + "\n", encoding="utf-8")
    key = where / "run.key"
    key.write_bytes(b"0123456789abcdef-audit-test-key\n")
    key.chmod(0o600)
    files = {}
    for name, schema, level in [("unclassified", FOUR_LEVEL, "UNCLASSIFIED"), ("confidential", FOUR_LEVEL, "CONFIDENTIAL"),
                                ("open", OPEN, json.loads(OPEN.read_text())["levels"][0]["name"])]:
        out = where / f"{name}.h5"
        result = specgen("run", scenario, "--schema", schema, "--level", level, "--key-file", key, "-o", out, "--quiet")
        assert result.returncode == 0, result.report()
        files[name] = out
    release_all = where / "release-all.h5"
    result = specgen("run", scenario, "-o", release_all, "--quiet")
    assert result.returncode == 0, result.report()
    return Marked(where, scenario, key, files["unclassified"], files["confidential"], files["open"], release_all)


def audit(specgen: Callable[..., Any], path: Path, schema: Path = FOUR_LEVEL, *extra: Any) -> tuple[int, list[dict[str, Any]], str]:
    result = specgen("audit", path, "--schema", schema, "--format", "json", *extra)
    assert result.returncode in (0, 1), result.report()
    report = json.loads(result.stdout)
    assert report["clean"] == (result.returncode == 0)
    return result.returncode, report["findings"], result.report()


def with_scenario(marked: Marked) -> tuple[Any, ...]:
    return ("--scenario", marked.scenario, "--key-file", marked.key)


def vectors(findings: list[dict[str, Any]]) -> set[Any]:
    return {f["vector"] for f in findings}


# --------------------------------------------------------------------------- injecting with h5py

def copy_of(source: Path, where: Path, name: str) -> Path:
    target = where / name
    shutil.copyfile(source, target)
    return target


def clean_group(parent: h5py.Group, name: str, track_order: bool = False) -> h5py.Group:
    """A group without timestamps (h5py's create_group always tracks times)."""
    gcpl = h5py.h5p.create(h5py.h5p.GROUP_CREATE)
    gcpl.set_obj_track_times(False)
    if track_order:
        gcpl.set_link_creation_order(h5py.h5p.CRT_ORDER_TRACKED | h5py.h5p.CRT_ORDER_INDEXED)
    h5py.h5g.create(parent.id, name.encode(), gcpl=gcpl)
    return parent[name]


def rebuild(source: Path, target: Path, *, userblock: int = 0, replace: dict[str, Callable[[h5py.File, h5py.File], None]] | None = None,
            root_attrs: dict[str, Any] | None = None) -> Path:
    """Copies `source` into a new file made without timestamps and with library bounds (earliest, v1.8),
    object by object (H5Ocopy), with optional changes: a user block, objects written by `replace[name]`
    instead of copied, root attributes replaced."""
    fcpl = h5py.h5p.create(h5py.h5p.FILE_CREATE)
    fcpl.set_obj_track_times(False)
    if userblock:
        fcpl.set_userblock(userblock)
    fapl = h5py.h5p.create(h5py.h5p.FILE_ACCESS)
    fapl.set_libver_bounds(h5py.h5f.LIBVER_EARLIEST, h5py.h5f.LIBVER_V18)
    fid = h5py.h5f.create(str(target).encode(), h5py.h5f.ACC_TRUNC, fcpl=fcpl, fapl=fapl)
    replace = replace or {}
    with h5py.File(source, "r") as src, h5py.File(fid) as dst:
        for name in sorted(src.attrs):
            value = (root_attrs or {}).get(name, src.attrs[name])
            if isinstance(value, str):
                dst.attrs.create(name, value, dtype=h5py.string_dtype("utf-8"))
            else:
                dst.attrs.create(name, value, dtype=None if name in (root_attrs or {}) else src.attrs.get_id(name).dtype)
        for name in sorted(src):
            if name in replace:
                replace[name](src, dst)
            else:
                src.copy(src[name], dst, name=name)
    return target


def write_iq(dst: h5py.File, data: np.ndarray, chunks: tuple[int, ...], **options: Any) -> None:
    dataset = dst.create_dataset("iq", data=data, chunks=chunks, track_times=False, **options)
    dataset.attrs.create("axes", "example,channel,sample", dtype=h5py.string_dtype("utf-8"))


# --------------------------------------------------------------------------- clean files

@pytest.mark.parametrize("which", ["unclassified", "confidential", "open"])
def test_real_marked_files_audit_clean(specgen: Callable[..., Any], marked: Marked, which: str) -> None:
    path = getattr(marked, which)
    schema = OPEN if which == "open" else FOUR_LEVEL
    status, findings, report = audit(specgen, path, schema, *with_scenario(marked))
    assert status == 0 and findings == [], report


def test_a_clean_rebuild_is_clean(specgen: Callable[..., Any], marked: Marked, tmp_path: Path) -> None:
    """The control for every rebuilt injection below: copying object by object changes nothing the audit sees."""
    rebuilt = rebuild(marked.unclassified, tmp_path / "rebuilt.h5")
    status, findings, report = audit(specgen, rebuilt, FOUR_LEVEL, *with_scenario(marked))
    assert status == 0 and findings == [], report


def test_bad_input_exits_2(specgen: Callable[..., Any], marked: Marked, tmp_path: Path) -> None:
    not_hdf5 = tmp_path / "x.h5"
    not_hdf5.write_bytes(b"not an hdf5 file")
    for args in [(not_hdf5, "--schema", FOUR_LEVEL), (tmp_path / "missing.h5", "--schema", FOUR_LEVEL),
                 (marked.release_all, "--schema", FOUR_LEVEL),   # no /marking
                 (marked.unclassified, "--schema", OPEN)]:        # the file cites another schema
        result = specgen("audit", *args)
        assert result.returncode == 2, result.report()
        assert "error" in result.stderr


def test_full_listing_matches_the_allow_list(specgen: Callable[..., Any], marked: Marked) -> None:
    """Every object and attribute h5py sees is structural or a field the level's manifest does not drop."""
    for path, level in [(marked.unclassified, "UNCLASSIFIED"), (marked.confidential, "CONFIDENTIAL")]:
        result = specgen("schema", "resolve", FOUR_LEVEL, "--level", level, "--format", "json")
        manifest = {e["field"]: e["operator"] for e in json.loads(result.stdout)["manifest"]}
        kept = {f for f, op in manifest.items() if op != "drop"}
        listing: list[tuple[str, str]] = []
        with h5py.File(path, "r") as f:
            listing += [("/", a) for a in f.attrs]
            f.visititems(lambda name, obj: listing.extend([("/" + name, "")] + [("/" + name, a) for a in obj.attrs]))
        structural_objects = {"/iq", "/spectrogram", "/labels", "/meta", "/marking", "/marking/categories",
                              "/marking/manifest_field", "/marking/manifest_operator"}
        for obj, attr in listing:
            if obj == "/":
                assert attr in kept, f"root attribute {attr} is not released at {level}"
            elif obj.startswith("/marking"):
                continue
            elif attr == "":
                if obj in structural_objects:
                    continue
                group, name = obj[1:].split("/", 1)
                field = "labels." + name if group == "labels" else name
                assert group in ("labels", "meta") and field in kept, f"{obj} is not released at {level}"
            elif attr == "axes" or (attr in ("unit", "categories") and obj.startswith(("/meta/", "/labels/"))):
                continue
            else:
                assert obj == "/spectrogram" and "spectrogram." + attr in kept, f"{obj} attribute {attr} at {level}"


# --------------------------------------------------------------------------- structural vectors

def inject(marked: Marked, tmp_path: Path, change: Callable[[h5py.File], None], source: Path | None = None) -> Path:
    target = copy_of(source or marked.unclassified, tmp_path, "injected.h5")
    with h5py.File(target, "r+") as f:
        change(f)
    return target


STRUCTURAL: dict[str, tuple[int, Callable[[h5py.File], None]]] = {
    # 3: fill time NEVER
    "fill_time_never": (3, lambda f: _fill_time_never(f)),
    # 5: object timestamps
    "timestamps": (5, lambda f: f["meta"].create_dataset("snr_copy", data=np.zeros(128), chunks=(64,), track_times=True)),
    # 6: creation-order tracking
    "creation_order": (6, lambda f: clean_group(f, "ordered", track_order=True)),
    # 7: object comment
    "comment": (7, lambda f: h5py.h5o.set_comment(f.id, b"collected at site X", obj_name=b"iq")),
    # 8: links and storage that name other files
    "soft_link": (8, lambda f: f.__setitem__("alias", h5py.SoftLink("/iq"))),
    "external_link": (8, lambda f: f.__setitem__("elsewhere", h5py.ExternalLink("/secret/site-x/raw.h5", "/iq"))),
    "external_storage": (8, lambda f: f.create_dataset("ext", shape=(4,), dtype="f8", external=[("/secret/site-x/raw.bin", 0, 32)],
                                                      track_times=False)),
    "virtual_dataset": (8, lambda f: _virtual(f)),
    # 9: fill values, scale-offset / n-bit parameters, reduced precision, enum names
    "fill_value": (9, lambda f: f["meta"].create_dataset("x", shape=(128,), dtype="f8", chunks=(64,), fillvalue=1e6, track_times=False)),
    "scaleoffset": (9, lambda f: f["meta"].create_dataset("y", data=np.arange(128.0), chunks=(64,), scaleoffset=3, track_times=False)),
    "nbit": (9, lambda f: _nbit(f)),
    "enum": (9, lambda f: f["labels"].create_dataset("kind", data=np.zeros(128, dtype="i1"), chunks=(64,), track_times=False,
                                                    dtype=h5py.enum_dtype({"RADAR_X": 0, "RADIO_Y": 1}, basetype="i1"))),
    "reduced_precision": (9, lambda f: f.attrs.create("half", np.float16(1.5))),
}


def _fill_time_never(f: h5py.File) -> None:
    dcpl = h5py.h5p.create(h5py.h5p.DATASET_CREATE)
    dcpl.set_obj_track_times(False)
    dcpl.set_fill_time(h5py.h5d.FILL_TIME_NEVER)
    space = h5py.h5s.create_simple((128,))
    h5py.h5d.create(f["meta"].id, b"z", h5py.h5t.IEEE_F64LE, space, dcpl=dcpl)


def _nbit(f: h5py.File) -> None:
    dcpl = h5py.h5p.create(h5py.h5p.DATASET_CREATE)
    dcpl.set_obj_track_times(False)
    dcpl.set_chunk((64,))
    dcpl.set_filter(h5py.h5z.FILTER_NBIT, h5py.h5z.FLAG_OPTIONAL, ())  # h5py has no set_nbit
    space = h5py.h5s.create_simple((128,))
    h5py.h5d.create(f["meta"].id, b"n", h5py.h5t.STD_I32LE, space, dcpl=dcpl)


def _virtual(f: h5py.File) -> None:
    layout = h5py.VirtualLayout(shape=(4,), dtype="f8")
    layout[:] = h5py.VirtualSource("/secret/site-x/raw.h5", "data", shape=(4,))
    f.create_virtual_dataset("v", layout)


@pytest.mark.parametrize("name", sorted(STRUCTURAL))
def test_structural_vector_is_caught(specgen: Callable[..., Any], marked: Marked, tmp_path: Path, name: str) -> None:
    vector, change = STRUCTURAL[name]
    status, findings, report = audit(specgen, inject(marked, tmp_path, change))
    assert status == 1 and vector in vectors(findings), report


def test_dense_link_storage_is_caught(specgen: Callable[..., Any], marked: Marked, tmp_path: Path) -> None:
    """Vector 4: a new-style group (libver 'latest' makes one) goes to dense link storage after eight
    links, where the names of deleted links stay in the fractal heap."""
    target = copy_of(marked.unclassified, tmp_path, "dense.h5")
    with h5py.File(target, "r+", libver=("v108", "latest")) as f:
        group = f.create_group("scratch", track_order=False)
        for k in range(12):
            group.create_group(f"link_{k}", track_order=False)
        del group["link_11"]
    status, findings, report = audit(specgen, target)
    assert status == 1 and 4 in vectors(findings), report


def test_user_block_is_caught(specgen: Callable[..., Any], marked: Marked, tmp_path: Path) -> None:
    rebuilt = rebuild(marked.unclassified, tmp_path / "ub.h5", userblock=512)
    with open(rebuilt, "r+b") as f:
        f.write(b"site X, collected 2026-11-01")
    status, findings, report = audit(specgen, rebuilt)
    assert status == 1 and vectors(findings) == {7}, report


def test_compression_where_forbidden_is_caught(specgen: Callable[..., Any], marked: Marked, tmp_path: Path) -> None:
    def iq(src: h5py.File, dst: h5py.File) -> None:
        write_iq(dst, src["iq"][...], src["iq"].chunks, compression="gzip", shuffle=True)
    status, findings, report = audit(specgen, rebuild(marked.unclassified, tmp_path / "z.h5", replace={"iq": iq}))
    assert status == 1 and vectors(findings) == {11}, report


def test_wrong_chunk_shape_is_caught(specgen: Callable[..., Any], marked: Marked, tmp_path: Path) -> None:
    def iq(src: h5py.File, dst: h5py.File) -> None:
        write_iq(dst, src["iq"][...], (1, 1, 128))  # a chunk mirroring a frame
    status, findings, report = audit(specgen, rebuild(marked.unclassified, tmp_path / "c.h5", replace={"iq": iq}))
    assert status == 1 and vectors(findings) == {10}, report
    assert any("chunk" in f["what"] for f in findings), report


def test_quantised_samples_are_caught(specgen: Callable[..., Any], marked: Marked, tmp_path: Path) -> None:
    """An 8-bit ADC lattice, scaled back to unit power, at a level whose adc_quantization is false."""
    def iq(src: h5py.File, dst: h5py.File) -> None:
        x = src["iq"][...]
        step = 4.0 / 256
        q = (np.round(x.real / step) + 1j * np.round(x.imag / step)) * step
        q /= np.sqrt(np.mean(np.abs(q) ** 2, axis=(1, 2), keepdims=True))
        write_iq(dst, q.astype(np.complex64), src["iq"].chunks)
    status, findings, report = audit(specgen, rebuild(marked.unclassified, tmp_path / "q.h5", replace={"iq": iq}))
    assert status == 1 and vectors(findings) == {11}, report
    assert any("lattice" in f["what"] for f in findings), report


def test_samples_not_at_unit_power_are_caught(specgen: Callable[..., Any], marked: Marked, tmp_path: Path) -> None:
    def iq(src: h5py.File, dst: h5py.File) -> None:
        write_iq(dst, (src["iq"][...] * np.float32(0.7)).astype(np.complex64), src["iq"].chunks)
    status, findings, report = audit(specgen, rebuild(marked.unclassified, tmp_path / "p.h5", replace={"iq": iq}))
    assert status == 1 and vectors(findings) == {11}, report


def test_released_seed_is_caught(specgen: Callable[..., Any], marked: Marked, tmp_path: Path) -> None:
    status, findings, report = audit(specgen, rebuild(marked.unclassified, tmp_path / "s.h5", root_attrs={"seed": np.int64(SEED)}))
    assert status == 1 and 12 in vectors(findings), report


def test_unkeyed_hash_is_caught_with_the_key(specgen: Callable[..., Any], marked: Marked, tmp_path: Path) -> None:
    unkeyed = hashlib.sha256(str(SEED).encode()).hexdigest()
    rebuilt = rebuild(marked.unclassified, tmp_path / "h.h5", root_attrs={"seed": unkeyed})
    status, findings, report = audit(specgen, rebuilt)
    assert status == 0, report  # in hash form: without the key nothing tells it apart
    status, findings, report = audit(specgen, rebuilt, FOUR_LEVEL, *with_scenario(marked))
    assert status == 1 and vectors(findings) == {13}, report


def test_dropped_field_added_back_is_caught(specgen: Callable[..., Any], marked: Marked, tmp_path: Path) -> None:
    def change(f: h5py.File) -> None:
        d = f["meta"].create_dataset("receiver.adc.adc_bits", data=np.full(128, 12.0), chunks=(64,), track_times=False)
        d.attrs.create("axes", "example", dtype=h5py.string_dtype("utf-8"))
    status, findings, report = audit(specgen, inject(marked, tmp_path, change))
    assert status == 1 and any(f["what"] == "dropped field present" for f in findings), report


# --------------------------------------------------------------------------- raw bytes (--scenario)

def test_residue_of_a_deleted_attribute_is_caught(specgen: Callable[..., Any], marked: Marked, tmp_path: Path) -> None:
    """Vector 1, simulated at the byte level. HDF5 1.10.8 keeps a deleted attribute's value in freed space
    (REDACTION.md); the HDF5 2.0 under this h5py zeroes it, and deleting one attribute from a file this small
    with 1.10.8 did not leave it either, so the residue is written as raw bytes past the end of the HDF5
    data (freed space that was not truncated; the library ignores bytes past its end of allocation). The
    test is of the byte scan, which must find them, while the structural audit cannot."""
    target = copy_of(marked.unclassified, tmp_path, "residue.h5")
    with open(target, "ab") as f:
        f.write(bytes(16) + np.int64(SEED).tobytes() + bytes(16))
    status, findings, report = audit(specgen, target)
    assert status == 0, report  # invisible to the structure: only the byte scan can see it
    status, findings, report = audit(specgen, target, FOUR_LEVEL, *with_scenario(marked))
    assert status == 1 and vectors(findings) == {1}, report
    assert any("seed" in f["what"] and "int64 LE" in f["why"] for f in findings), report


def test_deleted_dataset_with_hidden_values_is_caught(specgen: Callable[..., Any], marked: Marked, tmp_path: Path) -> None:
    """Vector 2: a deleted dataset's raw data stays unless it was last in the file; a small dataset after it
    keeps it inside (and is itself reported as an object outside the allow-list)."""
    with h5py.File(marked.release_all, "r") as f:
        hidden = f["meta/emitter.frequency_hz"][...]
    def change(f: h5py.File) -> None:
        f.create_dataset("scratch", data=hidden, track_times=False)
        f.create_dataset("filler", data=np.zeros(16), track_times=False)
        del f["scratch"]
    status, findings, report = audit(specgen, inject(marked, tmp_path, change), FOUR_LEVEL, *with_scenario(marked))
    assert status == 1 and 2 in vectors(findings), report
    assert any("emitter.frequency_hz" in f["what"] and "float64 LE" in f["why"] for f in findings), report


@pytest.mark.parametrize("which", ["unclassified", "confidential"])
def test_no_hidden_value_in_the_bytes_of_a_real_file(marked: Marked, which: str) -> None:
    """Independently of the auditor: every raw value the level hides (from the release-all file of the same
    run), as float64 LE and as decimal text, is absent from the marked file's bytes."""
    data = getattr(marked, which).read_bytes()
    with h5py.File(marked.release_all, "r") as raw, h5py.File(getattr(marked, which), "r") as f:
        manifest = dict(zip([s.decode() if isinstance(s, bytes) else s for s in f["marking/manifest_field"][...]],
                            [s.decode() if isinstance(s, bytes) else s for s in f["marking/manifest_operator"][...]]))
        hidden: list[tuple[str, float]] = []
        for name, value in raw.attrs.items():
            if manifest.get(name, "drop") != "release" and np.issubdtype(np.asarray(value).dtype, np.number):
                hidden += [(name, float(v)) for v in np.ravel(value)]
        for name in raw["meta"]:
            if manifest.get(name, "drop") != "release":
                hidden += [(name, float(v)) for v in raw["meta"][name][...] if np.isfinite(v)]
        released = {float(v) for n in f["meta"] if f["meta"][n].dtype.kind == "f" for v in f["meta"][n][...]}
    hidden = [(n, v) for n, v in hidden if v not in released and not (v.is_integer() and abs(v) < 256)]
    assert hidden, "the scenario should hide some values at this level"
    for name, value in hidden:
        assert np.float64(value).tobytes() not in data, f"{name} = {value!r} as float64 in {which}"
        assert repr(value).encode() not in data, f"{name} = {value!r} as text in {which}"

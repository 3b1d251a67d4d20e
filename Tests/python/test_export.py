"""`specgen export`: spectrogram images with YOLO and COCO labels, checked the way a detector's user would.

Each test makes a real file with `specgen run`, gives it an /annotations group with h5py (the columns of
docs/dataset.md, as the scene engine will write them), runs the export and reads what it wrote: the YOLO
label lines and data.yaml (PyYAML's safe_load), the COCO JSON, and the PNGs (decoded with test_plot's
numpy decoder). Where a box should be is computed here from docs/export.md alone:

    x(s) = ((s − F/2)/hop + 1/2) · W/T        y(ν) = ((1/2 − ν)·F − 1/2) · H/F

(x right, y down, row 0 the highest frequency), so a box read back from a label is mapped to samples and
cycles/sample with the inverse and compared with the annotation it came from.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import signal
import struct
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

import h5py
import numpy as np
import pytest
import yaml

from test_plot import encode_filtered_png, read_png

REPO_ROOT = Path(__file__).resolve().parents[2]
COLUMNS = ["example", "class_index", "start", "stop", "f_low", "f_high"]

# 6 examples of 1024 samples with a stored spectrogram (F = 64, hop 16: T = 61 frames). One class name
# needs YAML quoting (a colon and a non-ASCII letter), one is a YAML 1.1 boolean when unquoted.
STORED_SCENARIO: dict[str, Any] = {
    "format": "specgen-scenario", "version": 1, "name": "pytest: export", "seed": 11,
    "examples": 6, "samples_per_example": 1024, "sample_rate_hz": 1_000_000, "snr_db": 10,
    "classes": [
        {"name": "BPSK", "emitter": {"type": "bpsk", "samples_per_symbol": 8, "rolloff": 0.35}},
        {"name": "yes", "emitter": {"type": "qpsk", "samples_per_symbol": 4, "rolloff": 0.25}},
        {"name": "tone: ω", "emitter": {"type": "tone", "frequency_hz": 100_000}},
    ],
    "output": {"block_examples": 4, "spectrogram": {"fft_size": 64, "hop": 16, "scale": "db"}},
}

# Bursts of the stored file: (example, class, start, stop, f_low, f_high). Several per example, some on
# the image's edges (sample 0, sample L, ±1/2 cycles/sample), example 3 has none.
STORED_BOXES = [
    (0, 0, 100, 500, -0.30, -0.10), (0, 2, 0, 1024, 0.05, 0.15), (0, 1, 600, 1024, -0.5, -0.2),
    (1, 1, 0, 300, 0.2, 0.5), (1, 0, 300, 700, -0.45, 0.45),
    (2, 2, 0, 1024, -0.5, 0.5),
    (4, 0, 50, 250, -0.05, 0.05), (4, 1, 256, 512, 0.1, 0.3), (4, 2, 900, 1024, 0.3, 0.5),
    (5, 1, 400, 800, -0.2, 0.0),
]


@dataclass(frozen=True)
class Geometry:
    """docs/export.md's mapping for an image of W × H pixels showing F rows and T frames."""

    fft_size: int
    hop: int
    frames: int
    width: int
    height: int

    def x(self, s: float) -> float:
        return ((s - self.fft_size / 2) / self.hop + 0.5) * self.width / self.frames

    def y(self, nu: float) -> float:
        return ((0.5 - nu) * self.fft_size - 0.5) * self.height / self.fft_size

    def sample(self, x: float) -> float:
        return (x * self.frames / self.width - 0.5) * self.hop + self.fft_size / 2

    def frequency(self, y: float) -> float:
        return 0.5 - (y * self.fft_size / self.height + 0.5) / self.fft_size

    def box(self, start: int, stop: int, f_low: float, f_high: float) -> tuple[float, float, float, float]:
        """(left, top, right, bottom) in pixels, clipped (the test's boxes are all wider than a cell)."""
        return (max(self.x(start), 0), max(self.y(f_high), 0), min(self.x(stop), self.width), min(self.y(f_low), self.height))


def annotate(source: Path, target: Path, rows: list[tuple[Any, ...]]) -> None:
    """A copy of a real file with the documented /annotations columns (docs/dataset.md)."""
    shutil.copy(source, target)
    with h5py.File(target, "r+") as f:
        group = f.create_group("annotations")
        for name, values, dtype in zip(COLUMNS, zip(*rows), ["i8", "i4", "i8", "i8", "f8", "f8"]):
            group.create_dataset(name, data=np.array(values, dtype=dtype))
        group.create_dataset("snr_db", data=np.full(len(rows), 10.0))


def export(specgen: Callable[..., Any], *args: Any) -> Any:
    result = specgen("export", *args)
    assert result.returncode == 0, result.report()
    return result


def png_size(path: Path) -> tuple[int, int, int]:
    """(width, height, colour type) from the IHDR chunk."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR", f"{path} is not a PNG"
    width, height, _, colour = struct.unpack(">IIBB", data[16:26])
    return width, height, colour


@pytest.fixture(scope="module")
def stored_file(specgen: Callable[..., Any], tmp_path_factory: pytest.TempPathFactory) -> Path:
    where = tmp_path_factory.mktemp("export")
    scenario = where / "stored.json"
    scenario.write_text(json.dumps(STORED_SCENARIO, ensure_ascii=False), encoding="utf-8")
    plain = where / "plain.h5"
    result = specgen("run", scenario, "-o", plain, "--quiet")
    assert result.returncode == 0, result.report()
    scene = where / "scene.h5"
    annotate(plain, scene, STORED_BOXES)
    return scene


def read_yolo(directory: Path, example: int) -> list[tuple[int, float, float, float, float]]:
    lines = (directory / "labels" / f"{example:06d}.txt").read_text(encoding="utf-8").splitlines()
    out = []
    for line in lines:
        fields = line.split()
        assert len(fields) == 5 and re.fullmatch(r"\d+", fields[0]), f"not a YOLO line: {line!r}"
        values = [float(v) for v in fields[1:]]
        assert all(0 <= v <= 1 for v in values), f"not normalised: {line!r}"
        out.append((int(fields[0]), *values))
    return out


def check_matches(found: list[tuple[int, tuple[float, float, float, float]]], rows: list[tuple[Any, ...]], g: Geometry, where: str) -> None:
    """Each found (class, pixel box) maps back — by the inverse mapping — onto exactly one annotation row
    of the same class: its start, stop, f_low, f_high (clipped to what the image covers) within one pixel."""
    assert len(found) == len(rows), f"{where}: {len(found)} boxes for {len(rows)} annotations"
    pixel_samples, pixel_cycles = g.hop * g.frames / g.width, 1 / g.height
    lo_s, hi_s = g.sample(0), g.sample(g.width)
    lo_f, hi_f = g.frequency(g.height), g.frequency(0)
    unmatched = list(rows)
    for cls, (left, top, right, bottom) in found:
        start, stop, f_high, f_low = g.sample(left), g.sample(right), g.frequency(top), g.frequency(bottom)

        def close(row: tuple[Any, ...]) -> bool:
            _, c, s0, s1, fl, fh = row
            return (c == cls and abs(start - max(s0, lo_s)) <= pixel_samples and abs(stop - min(s1, hi_s)) <= pixel_samples
                    and abs(f_low - max(fl, lo_f)) <= pixel_cycles and abs(f_high - min(fh, hi_f)) <= pixel_cycles)

        match = [r for r in unmatched if close(r)]
        assert match, f"{where}: class {cls} box {(left, top, right, bottom)} = samples {start:.1f} … {stop:.1f}, " \
                      f"{f_low:.4f} … {f_high:.4f} cycles/sample matches no annotation of {unmatched}"
        unmatched.remove(match[0])


# --------------------------------------------------------------------------- YOLO and COCO against the annotations

@pytest.mark.parametrize("size", [None, "320x240"])
def test_labels_map_back_onto_the_annotations(specgen: Callable[..., Any], stored_file: Path, tmp_path: Path, size: str | None) -> None:
    yolo_dir, coco_dir = tmp_path / "yolo", tmp_path / "coco"
    export(specgen, "--yolo", yolo_dir, "--coco", coco_dir, stored_file, "--quiet", *(["--size", size] if size else []))
    width, height = (61, 64) if size is None else (320, 240)
    g = Geometry(64, 16, 61, width, height)
    with h5py.File(stored_file, "r") as f:
        names = list(f["labels/class_names"].asstr()[:])

    # YOLO: one image and one label file per example (empty for example 3), lines mapping onto the rows.
    assert sorted(p.name for p in (yolo_dir / "images").iterdir()) == [f"{i:06d}.png" for i in range(6)]
    assert sorted(p.name for p in (yolo_dir / "labels").iterdir()) == [f"{i:06d}.txt" for i in range(6)]
    for i in range(6):
        assert png_size(yolo_dir / "images" / f"{i:06d}.png") == (width, height, 2)  # RGB (viridis)
        found = [(c, ((cx - w / 2) * width, (cy - h / 2) * height, (cx + w / 2) * width, (cy + h / 2) * height))
                 for c, cx, cy, w, h in read_yolo(yolo_dir, i)]
        check_matches(found, [r for r in STORED_BOXES if r[0] == i], g, f"YOLO example {i}")

    data = yaml.safe_load((yolo_dir / "data.yaml").read_text(encoding="utf-8"))
    assert data["names"] == dict(enumerate(names)) and data["nc"] == 3
    assert data["names"][1] == "yes" and data["names"][2] == "tone: ω"  # strings, not a boolean or a mapping
    assert (data["train"], data["val"]) == ("images", "images") and Path(data["path"]).resolve() == yolo_dir.resolve()
    assert data["specgen"] == {"file": "scene.h5", "channel": 0, "spectrogram": "/spectrogram", "fft_size": 64, "hop": 16, "frames": 61,
                               "samples_per_example": 1024, "width": width, "height": height, "colormap": "viridis", "range_db": "auto"}

    # COCO: the same boxes in pixels, category_id = class + 1, images matching the PNGs.
    coco = json.loads((coco_dir / "annotations.json").read_text(encoding="utf-8"))
    assert [(c["id"], c["name"]) for c in coco["categories"]] == [(k + 1, n) for k, n in enumerate(names)]
    assert [im["id"] for im in coco["images"]] == list(range(6))
    for image in coco["images"]:
        assert image["file_name"] == f"images/{image['id']:06d}.png"
        assert png_size(coco_dir / image["file_name"]) == (image["width"], image["height"], 2) == (width, height, 2)
        assert (coco_dir / image["file_name"]).read_bytes() == (yolo_dir / image["file_name"]).read_bytes()
    assert [a["id"] for a in coco["annotations"]] == list(range(1, len(STORED_BOXES) + 1))
    for i in range(6):
        mine = [a for a in coco["annotations"] if a["image_id"] == i]
        for a in mine:
            x, y, w, h = a["bbox"]
            assert a["iscrowd"] == 0 and abs(a["area"] - w * h) <= 0.001 and w > 0 and h > 0
            assert 0 <= x and x + w <= width + 1e-3 and 0 <= y and y + h <= height + 1e-3
        check_matches([(a["category_id"] - 1, (a["bbox"][0], a["bbox"][1], a["bbox"][0] + a["bbox"][2], a["bbox"][1] + a["bbox"][3]))
                       for a in mine], [r for r in STORED_BOXES if r[0] == i], g, f"COCO example {i}")
    assert coco["info"]["specgen"] == data["specgen"]


def test_one_directory_gets_both_label_sets(specgen: Callable[..., Any], stored_file: Path, tmp_path: Path) -> None:
    both = tmp_path / "both"
    export(specgen, "--yolo", both, "--coco", both, stored_file, "--quiet", "--examples", "4,1")
    assert sorted(p.name for p in both.iterdir()) == ["annotations.json", "data.yaml", "images", "labels"]
    assert sorted(p.name for p in (both / "images").iterdir()) == ["000001.png", "000004.png"]
    assert sorted(p.name for p in (both / "labels").iterdir()) == ["000001.txt", "000004.txt"]
    coco = json.loads((both / "annotations.json").read_text(encoding="utf-8"))
    assert [im["id"] for im in coco["images"]] == [4, 1]  # in the order asked
    assert len(coco["annotations"]) == 5 and {a["image_id"] for a in coco["annotations"]} == {1, 4}
    limited = tmp_path / "limited"
    export(specgen, "--yolo", limited, stored_file, "--quiet", "--limit", "2")
    assert sorted(p.name for p in (limited / "labels").iterdir()) == ["000000.txt", "000001.txt"]


# --------------------------------------------------------------------------- the pixels

def test_grey_pixels_are_the_stored_spectrogram_flipped_and_scaled(specgen: Callable[..., Any], stored_file: Path, tmp_path: Path) -> None:
    """With a fixed range, pixel (row r, column t) is round(255·clip((S[F−1−r, t] − LOW)/(HIGH − LOW))): the
    stored /spectrogram exactly, highest frequency in row 0."""
    out = tmp_path / "grey"
    export(specgen, "--yolo", out, stored_file, "--quiet", "--colormap", "gray", "--range-db=-45:15")
    with h5py.File(stored_file, "r") as f:
        stored = f["spectrogram"][:, 0]  # (N, F, T) dB
        tones = np.flatnonzero(f["labels/class_index"][:] == 2)
    assert len(tones) > 0, "no tone example to look at"
    for i in range(6):
        path = out / "images" / f"{i:06d}.png"
        assert png_size(path)[2] == 0, "not a greyscale PNG"
        pixels = read_png(path)[..., 0].astype(int)
        expected = np.rint(255 * np.clip((stored[i][::-1] + 45) / 60, 0, 1)).astype(int)
        assert pixels.shape == expected.shape == (64, 61)
        assert np.abs(pixels - expected).max() <= 1, f"example {i}: image differs from /spectrogram"
        if i in tones:  # 100 kHz = 0.1 cycles/sample: bin 0.1·64 + 32 = 38, so row 63 − 38 = 25 (y(0.1) = 24.9)
            assert int(np.argmax(pixels.mean(axis=1))) == 25, f"example {i}: the tone is not in row 25"


TONE_LENGTH = 2048
# Strong tones (amplitude 1 over noise of variance 1e-4) each filling an annotation's time span, at its
# band's centre: (example, class, start, stop, f_low, f_high). Edges included.
TONE_BOXES = [
    (0, 0, 200, 900, 0.17, 0.23), (0, 1, 1200, 2048, -0.33, -0.27),
    (1, 1, 0, 700, -0.03, 0.03), (1, 0, 1000, 1600, 0.42, 0.48),
    (2, 0, 500, 1500, -0.48, -0.42),
]


@pytest.fixture(scope="module")
def tone_file(specgen: Callable[..., Any], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A real file (no /spectrogram) whose /iq is replaced by noise plus the tone bursts of TONE_BOXES."""
    where = tmp_path_factory.mktemp("tones")
    scenario = {k: v for k, v in STORED_SCENARIO.items() if k != "output"}
    scenario.update(examples=3, samples_per_example=TONE_LENGTH)
    (where / "tones.json").write_text(json.dumps(scenario, ensure_ascii=False), encoding="utf-8")
    plain = where / "plain.h5"
    assert specgen("run", where / "tones.json", "-o", plain, "--quiet").returncode == 0
    scene = where / "tones.h5"
    annotate(plain, scene, TONE_BOXES)
    rng = np.random.default_rng(3)
    n = np.arange(TONE_LENGTH)
    with h5py.File(scene, "r+") as f:
        assert "spectrogram" not in f
        for i in range(3):
            x = (rng.normal(size=TONE_LENGTH) + 1j * rng.normal(size=TONE_LENGTH)) * np.sqrt(1e-4 / 2)
            for _, _, start, stop, f_low, f_high in (b for b in TONE_BOXES if b[0] == i):
                on = (n >= start) & (n < stop)
                x[on] += np.exp(2j * np.pi * (f_low + f_high) / 2 * n[on])
            f["iq"][i, 0, :] = x.astype(np.complex64)
    return scene


@pytest.mark.parametrize("size", [None, "244x256"])
def test_tone_bursts_light_up_their_boxes(specgen: Callable[..., Any], tone_file: Path, tmp_path: Path, size: str | None) -> None:
    """The image and the boxes line up: inside each labelled box the picture is far brighter than outside
    every box, and nearly all bright pixels lie in a box (grown by one STFT cell for the window's spread)."""
    out = tmp_path / "tones"
    export(specgen, "--yolo", out, tone_file, "--quiet", "--colormap", "gray", "--fft-size", "128", "--hop", "32",
           *(["--size", size] if size else []))
    frames = (TONE_LENGTH - 128) // 32 + 1
    width, height = (frames, 128) if size is None else (244, 256)
    data = yaml.safe_load((out / "data.yaml").read_text(encoding="utf-8"))
    assert (data["specgen"]["spectrogram"], data["specgen"]["frames"]) == ("/iq", frames)
    cell_x, cell_y = width / frames, height / 128
    for i in range(3):
        image = read_png(out / "images" / f"{i:06d}.png")[..., 0].astype(float)
        assert image.shape == (height, width)
        inside_any = np.zeros_like(image, dtype=bool)
        grown = np.zeros_like(image, dtype=bool)
        lines = read_yolo(out, i)
        assert len(lines) == sum(1 for b in TONE_BOXES if b[0] == i)
        boxes = []
        for _, cx, cy, w, h in lines:
            left, top, right, bottom = (cx - w / 2) * width, (cy - h / 2) * height, (cx + w / 2) * width, (cy + h / 2) * height
            boxes.append((left, top, right, bottom))
            inside_any[int(np.ceil(top)):int(bottom), int(np.ceil(left)):int(right)] = True
            grown[max(0, int(top - cell_y)):int(np.ceil(bottom + cell_y)), max(0, int(left - cell_x)):int(np.ceil(right + cell_x))] = True
        outside = image[~grown].mean()
        for left, top, right, bottom in boxes:
            inside = image[int(np.ceil(top)):int(bottom), int(np.ceil(left)):int(right)].mean()
            assert inside > outside + 40, f"example {i}: box {(left, top, right, bottom)} mean {inside:.1f} vs outside {outside:.1f}"
        bright = image > 200
        assert bright.sum() > 0 and (bright & grown).sum() >= 0.99 * bright.sum(), \
            f"example {i}: {int((bright & ~grown).sum())} of {int(bright.sum())} bright pixels outside every box"


def test_an_unusable_stored_spectrogram_is_recomputed(specgen: Callable[..., Any], stored_file: Path, tmp_path: Path) -> None:
    one_sided = tmp_path / "one.h5"
    shutil.copy(stored_file, one_sided)
    with h5py.File(one_sided, "r+") as f:
        f["spectrogram"].attrs["sides"] = "one"
    result = export(specgen, "--yolo", tmp_path / "out", one_sided)
    assert "not two-sided" in result.stderr and "from /iq" in result.stderr, result.report()
    data = yaml.safe_load((tmp_path / "out" / "data.yaml").read_text(encoding="utf-8"))
    assert (data["specgen"]["spectrogram"], data["specgen"]["fft_size"], data["specgen"]["hop"]) == ("/iq", 64, 16)


# --------------------------------------------------------------------------- refusals, overwriting, interruption

def test_bad_input_exits_2_and_writes_nothing(specgen: Callable[..., Any], stored_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    plain = stored_file.parent / "plain.h5"
    refused = specgen("export", "--yolo", out, plain)
    assert refused.returncode == 2 and "no /annotations: export needs a scene file; see docs/scenes.md" in refused.diagnostics, refused.report()
    for args, message in [(["--examples", "1,9"], "example 9 is out of range: <path> has examples 0 … 5"),
                          (["--examples", "1,x"], "--examples 1,x"),
                          (["--examples", "2,2"], "example 2 is given twice"),
                          (["--examples", "1", "--limit", "2"], "one of --examples and --limit"),
                          (["--channel", "1"], "has channels 0 … 0"),
                          (["--range-db", "0"], "--range-db 0"),
                          (["--size", "0x10"], "--size 0x10"),
                          (["--fft-size", "4096"], "--fft-size 4096"),
                          (["--colormap", "jet"], "jet")]:
        result = specgen("export", "--yolo", out, stored_file, *args)
        assert result.returncode == 2 and message in result.diagnostics, f"{args}\n{result.report()}"
    nothing = specgen("export", stored_file)
    assert nothing.returncode == 2 and "--yolo DIR, --coco DIR or both" in nothing.diagnostics, nothing.report()
    missing = specgen("export", "--coco", out, tmp_path / "missing.h5")
    assert missing.returncode == 2 and "no such file" in missing.diagnostics, missing.report()
    assert sorted(p.name for p in tmp_path.iterdir()) == [], "something was written"


def test_a_non_empty_directory_needs_overwrite_and_must_hold_an_export(specgen: Callable[..., Any], stored_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    export(specgen, "--yolo", out, stored_file, "--quiet", "--limit", "3")  # an empty directory is fine
    refused = specgen("export", "--yolo", out, stored_file)
    assert refused.returncode == 2 and "not empty; pass --overwrite" in refused.diagnostics, refused.report()
    assert len(list((out / "labels").iterdir())) == 3
    export(specgen, "--yolo", out, stored_file, "--quiet", "--overwrite")
    assert len(list((out / "labels").iterdir())) == 6
    (out / "notes.txt").write_text("mine\n")
    foreign = specgen("export", "--yolo", out, stored_file, "--overwrite")
    assert foreign.returncode == 2 and "notes.txt" in foreign.diagnostics, foreign.report()
    assert (out / "notes.txt").read_text() == "mine\n" and len(list((out / "labels").iterdir())) == 6
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"], "a staging directory was left behind"


def test_an_interrupted_export_leaves_nothing_at_dir(specgen_bin: Path, stored_file: Path, tmp_path: Path) -> None:
    """SIGINT part-way: exit 130, no DIR, no hidden staging directory. Large resampled images make the
    export slow enough to catch (it is stopped once its staging directory holds a label file)."""
    many = tmp_path / "many.h5"
    rows = [(i % 6, 0, 0, 1024, -0.2, 0.2) for i in range(6)]
    annotate(stored_file.parent / "plain.h5", many, rows)
    out = tmp_path / "out"
    proc = subprocess.Popen([str(specgen_bin), "export", "--yolo", str(out), str(many), "--size", "4000x4000", "--quiet"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and proc.poll() is None:
        staged = list(tmp_path.glob(".out.partial-*/labels/*.txt"))
        if staged:
            break
        time.sleep(0.01)
    assert proc.poll() is None, f"the export ended before it could be interrupted: {proc.communicate()}"
    proc.send_signal(signal.SIGINT)
    _, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 130 and "interrupted" in stderr, stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["many.h5"], "the export left files behind"


def test_help_examples_work(specgen: Callable[..., Any], specgen_bin: Path, stored_file: Path, tmp_path: Path) -> None:
    """Every `specgen export` line of `specgen export --help` runs, in order, beside a scene file `scene.h5`."""
    result = specgen("export", "--help")
    assert result.returncode == 0, result.report()
    text = re.sub(r"\\\n\s*", " ", result.stdout)
    examples = [line.strip() for line in text.splitlines() if line.strip().startswith("specgen export")]
    assert len(examples) >= 3, result.stdout
    shutil.copy(stored_file, tmp_path / "scene.h5")
    for line in examples:
        run = subprocess.run([str(specgen_bin), *shlex.split(line)[1:]], cwd=tmp_path, capture_output=True, text=True, timeout=120)
        assert run.returncode == 0, f"{line}\n{run.stderr}"


def test_grey_png_decoder_reads_every_filter_type(tmp_path: Path) -> None:
    """test_plot's decoder on a greyscale PNG made here, one filter type per row (5×5)."""
    image = np.random.default_rng(9).integers(0, 256, (5, 5), dtype=np.uint8)
    path = tmp_path / "grey.png"
    encode_filtered_png(path, image)
    decoded = read_png(path)
    assert all((decoded[..., c] == image).all() for c in range(3)) and (decoded[..., 3] == 255).all()


def test_a_real_scene_exports_boxes_that_map_back_onto_its_annotations(specgen: Callable[..., Any], tmp_path: Path) -> None:
    """The same round trip on a file made by a scene (docs/scenes.md), not an injected /annotations."""
    scenario = {
        "format": "specgen-scenario", "version": 1, "seed": 5, "examples": 12, "samples_per_example": 16384,
        "sample_rate_hz": 20e6, "snr_db": {"uniform": {"low": 5, "high": 25}},
        "classes": [{"name": "QPSK", "emitter": {"type": "qpsk", "samples_per_symbol": {"uniform": {"low": 8, "high": 32}}}},
                    {"name": "LFM", "emitter": {"type": "lfm", "bandwidth_hz": 2e6, "chirp_duration_s": 0.0001}},
                    {"name": "FM", "emitter": {"type": "fm"}}],
        "scene": {"bursts": {"uniform": {"low": 0, "high": 4}}, "duration_s": {"uniform": {"low": 0.0001, "high": 0.0008}}},
        "output": {"spectrogram": {"fft_size": 128, "hop": 64}},
    }
    path = tmp_path / "scene.json"
    path.write_text(json.dumps(scenario), encoding="utf-8")
    scene = tmp_path / "scene.h5"
    result = specgen("run", path, "-o", scene, "--quiet")
    assert result.returncode == 0, result.report()
    export(specgen, "--yolo", tmp_path / "yolo", scene, "--quiet")
    with h5py.File(scene, "r") as f:
        a = {k: f["annotations"][k][()] for k in COLUMNS}
        frames = f["spectrogram"].shape[3]
    g = Geometry(128, 64, frames, frames, 128)
    rows = list(zip(*(a[k] for k in COLUMNS)))
    assert len(rows) > 12
    for i in range(12):
        found = [(c, ((cx - w / 2) * g.width, (cy - h / 2) * g.height, (cx + w / 2) * g.width, (cy + h / 2) * g.height))
                 for c, cx, cy, w, h in read_yolo(tmp_path / "yolo", i)]
        check_matches(found, [r for r in rows if r[0] == i], g, f"scene example {i}")

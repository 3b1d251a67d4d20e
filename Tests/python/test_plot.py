"""`specgen plot`: pictures of a dataset file, checked by decoding the PNG.

The PNG is decoded here with zlib and numpy only (`read_png`: the five scanline filters of the PNG
specification, section 9), so no image library is needed. Where things are in the picture comes from
`--layout-json` (docs/plot.md): each panel's pixel rectangle and its axes' data ranges, mapped as
x = rect.x + (u − x.min)/(x.max − x.min)·rect.width and y = rect.y + rect.height − (v − y.min)/(y.max − y.min)·rect.height,
so no test hard-codes a pixel position.
"""

from __future__ import annotations

import json
import re
import shlex
import shutil
import struct
import subprocess
import zlib
from pathlib import Path
from typing import Any, Callable

import h5py
import numpy as np
import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]


# --------------------------------------------------------------------------- a tiny PNG decoder

def read_png(path: Path) -> np.ndarray:
    """Decode an 8-bit grey, RGB or RGBA, non-interlaced PNG into an (H, W, 4) uint8 array (alpha 255 for
    grey and RGB; a grey level fills R, G and B)."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    pos, idat, header = 8, b"", None
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        assert zlib.crc32(kind + body) == struct.unpack(">I", data[pos + 8 + length:pos + 12 + length])[0], f"bad CRC in {kind!r}"
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    assert header is not None, "no IHDR"
    width, height, depth, colour, _, _, interlace = header
    assert depth == 8 and colour in (0, 2, 6) and interlace == 0, f"unsupported PNG {header}"
    channels = {0: 1, 2: 3, 6: 4}[colour]
    raw = zlib.decompress(idat)
    stride = width * channels
    rows = np.zeros((height, stride), dtype=np.uint8)
    previous = np.zeros(stride, dtype=np.int32)
    for y in range(height):
        kind, line = raw[y * (stride + 1)], np.frombuffer(raw, np.uint8, stride, y * (stride + 1) + 1).astype(np.int32)
        out = np.zeros(stride, dtype=np.int32)
        if kind == 0:
            out = line
        elif kind == 2:
            out = (line + previous) & 0xFF
        else:  # Sub, Average and Paeth depend on the byte to the left: run along the row
            for i in range(stride):
                left = out[i - channels] if i >= channels else 0
                up, up_left = previous[i], (previous[i - channels] if i >= channels else 0)
                if kind == 1:
                    predictor = left
                elif kind == 3:
                    predictor = (left + up) // 2
                elif kind == 4:
                    p = left + up - up_left
                    pa, pb, pc = abs(p - left), abs(p - up), abs(p - up_left)
                    predictor = left if pa <= pb and pa <= pc else (up if pb <= pc else up_left)
                else:
                    raise AssertionError(f"unknown PNG filter {kind}")
                out[i] = (line[i] + predictor) & 0xFF
        rows[y], previous = out, out
    pixels = rows.reshape(height, width, channels)
    if channels == 1:
        pixels = np.repeat(pixels, 3, axis=2)
    if channels != 4:
        pixels = np.concatenate([pixels, np.full((height, width, 1), 255, np.uint8)], axis=2)
    return pixels


def encode_filtered_png(path: Path, image: np.ndarray) -> None:
    """Writes `image` (H × W grey, or H × W × 3 RGB, uint8) as a PNG whose row k uses filter type k mod 5,
    so that a decoder meets every filter (PNG spec, section 9)."""
    height, width = image.shape[:2]
    channels = 1 if image.ndim == 2 else image.shape[2]
    rows = image.reshape(height, width * channels).astype(np.int32)
    raw, previous = b"", np.zeros(width * channels, dtype=np.int32)
    for kind, row in enumerate(rows):
        kind %= 5
        left = np.concatenate([np.zeros(channels, np.int32), row[:-channels]])
        up_left = np.concatenate([np.zeros(channels, np.int32), previous[:-channels]])
        p = left + previous - up_left
        paeth = np.where((abs(p - left) <= abs(p - previous)) & (abs(p - left) <= abs(p - up_left)), left,
                         np.where(abs(p - previous) <= abs(p - up_left), previous, up_left))
        predictor = [0, left, previous, (left + previous) // 2, paeth][kind]
        raw += bytes([kind]) + bytes(((row - predictor) & 0xFF).astype(np.uint8))
        previous = row

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    colour = 0 if channels == 1 else 2
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, colour, 0, 0, 0))
                     + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def test_png_decoder_reads_every_filter_type(tmp_path: Path) -> None:
    """The decoder against a PNG made here with each filter type on its own row (4×5, RGB)."""
    image = np.random.default_rng(7).integers(0, 256, (5, 4, 3), dtype=np.uint8)
    path = tmp_path / "filters.png"
    encode_filtered_png(path, image)
    decoded = read_png(path)
    assert (decoded[:, :, :3] == image).all() and (decoded[:, :, 3] == 255).all()


# --------------------------------------------------------------------------- fixtures and helpers

PLOT_SCENARIO: dict[str, Any] = {
    "format": "specgen-scenario", "version": 1, "name": "pytest: plot",
    "seed": 5, "examples": 24, "samples_per_example": 512, "sample_rate_hz": 1_000_000,
    "snr_db": {"uniform": {"low": 10, "high": 20}},
    "classes": [
        {"name": "BPSK", "emitter": {"type": "bpsk", "samples_per_symbol": 8, "rolloff": 0.35}},
        {"name": "QPSK", "emitter": {"type": "qpsk", "samples_per_symbol": 4, "rolloff": 0.25}},
        {"name": "tone", "emitter": {"type": "tone", "frequency_hz": {"uniform": {"low": -200000, "high": 200000}}}},
    ],
    "output": {"block_examples": 8},
}


@pytest.fixture(scope="module")
def plot_file(specgen: Callable[..., Any], tmp_path_factory: pytest.TempPathFactory) -> Path:
    where = tmp_path_factory.mktemp("plot")
    scenario = where / "plot.json"
    scenario.write_text(json.dumps(PLOT_SCENARIO), encoding="utf-8")
    out = where / "plot.h5"
    result = specgen("run", scenario, "-o", out, "--quiet")
    assert result.returncode == 0, result.report()
    return out


def render(specgen: Callable[..., Any], h5: Path, out: Path, *args: Any) -> tuple[np.ndarray, dict[str, Any]]:
    """Run `specgen plot` with --layout-json and return the decoded picture and the layout."""
    layout_path = out.with_suffix(".json")
    result = specgen("plot", h5, "-o", out, "--layout-json", layout_path, *args)
    assert result.returncode == 0, result.report()
    return read_png(out), json.loads(layout_path.read_text(encoding="utf-8"))


def pixel_x(panel: dict[str, Any], u: float) -> float:
    r, a = panel["rect"], panel["x"]
    return r["x"] + (u - a["min"]) / (a["max"] - a["min"]) * r["width"]


def pixel_y(panel: dict[str, Any], v: float) -> float:
    r, a = panel["rect"], panel["y"]
    return r["y"] + r["height"] - (v - a["min"]) / (a["max"] - a["min"]) * r["height"]


def crop(image: np.ndarray, panel: dict[str, Any]) -> np.ndarray:
    r = panel["rect"]
    return image[int(r["y"]):int(r["y"] + r["height"]), int(r["x"]):int(r["x"] + r["width"]), :3]


def is_box_red(pixels: np.ndarray) -> np.ndarray:
    """The annotation outline colour (pure red, which the viridis map never takes)."""
    return (pixels[..., 0] > 200) & (pixels[..., 1] < 60) & (pixels[..., 2] < 60)


# --------------------------------------------------------------------------- pictures

def test_one_example_has_four_panels_and_is_not_blank(specgen: Callable[..., Any], plot_file: Path, tmp_path: Path) -> None:
    image, layout = render(specgen, plot_file, tmp_path / "one.png", "--example", "3")
    assert image.shape == (900, 1200, 4) and (layout["width"], layout["height"]) == (1200, 900)
    assert image[..., :3].astype(float).std() > 20, "the picture is (nearly) one colour"
    assert (image[..., 3] == 255).all(), "the picture is not opaque"
    panels = {p["name"]: p for p in layout["panels"]}
    assert set(panels) == {"spectrogram", "psd", "time_series", "constellation"}
    assert all(p["example"] == 3 and p["channel"] == 0 for p in panels.values())
    spectrogram = panels["spectrogram"]
    assert spectrogram["y"]["unit"] == "cycles/sample" and spectrogram["y"]["label"] == "frequency (kHz)"
    assert spectrogram["x"] == {"min": 0, "max": 512, "unit": "sample", "label": "time (samples)", "display_scale": 1}
    assert "boxes" not in spectrogram  # the file has no /annotations
    for panel in panels.values():
        r = panel["rect"]
        assert 0 <= r["x"] and r["x"] + r["width"] <= 1200 and 0 <= r["y"] and r["y"] + r["height"] <= 900
        assert crop(image, panel).astype(float).std() > 5, f"panel {panel['name']} is blank"
    size = specgen("plot", plot_file, "-o", tmp_path / "small.png", "--size", "640x480")
    assert size.returncode == 0, size.report()
    assert read_png(tmp_path / "small.png").shape == (480, 640, 4)


def test_constellation_for_linear_modulations_only(specgen: Callable[..., Any], plot_file: Path, tmp_path: Path) -> None:
    with h5py.File(plot_file, "r") as f:
        names = list(f["labels/class_names"].asstr()[:])
        classes = f["labels/class_index"][:]
    qpsk, tone = int(np.flatnonzero(classes == names.index("QPSK"))[0]), int(np.flatnonzero(classes == names.index("tone"))[0])
    _, layout = render(specgen, plot_file, tmp_path / "qpsk.png", "--example", qpsk)
    constellation = next(p for p in layout["panels"] if p["name"] == "constellation")
    assert constellation["x"]["label"] == "in-phase" and "note" not in constellation
    _, layout = render(specgen, plot_file, tmp_path / "tone.png", "--example", tone)
    constellation = next(p for p in layout["panels"] if p["name"] == "constellation")
    assert constellation.get("x") is None and "not a linear modulation" in constellation["note"]


def test_grid_is_a_contact_sheet(specgen: Callable[..., Any], plot_file: Path, tmp_path: Path) -> None:
    image, layout = render(specgen, plot_file, tmp_path / "grid.png", "--grid", "6", "--size", "900x600")
    assert image.shape == (600, 900, 4) and layout["kind"] == "grid"
    assert [p["example"] for p in layout["panels"]] == list(range(6))
    rects = [p["rect"] for p in layout["panels"]]
    for a, b in zip(rects, rects[1:]):  # no two thumbnails overlap
        assert a["x"] + a["width"] <= b["x"] or b["x"] + b["width"] <= a["x"] or a["y"] + a["height"] <= b["y"] or b["y"] + b["height"] <= a["y"]
    for panel in layout["panels"]:
        assert crop(image, panel).astype(float).std() > 5, f"thumbnail of example {panel['example']} is blank"
    _, picked = render(specgen, plot_file, tmp_path / "picked.png", "--examples", "5,2,9")
    assert [p["example"] for p in picked["panels"]] == [5, 2, 9]


def test_tone_is_the_brightest_row_at_its_frequency(specgen: Callable[..., Any], write_scenario: Callable[..., Path], tmp_path: Path) -> None:
    """A tone at f0 lights the spectrogram's row at f0 (within one bin, 1/F cycles/sample), read back through the layout."""
    tones_hz = [187_500, -312_500, 20_000]
    scenario = {k: v for k, v in PLOT_SCENARIO.items() if k != "output"}
    scenario.update(examples=6, snr_db=20, snr_definition="per_sample",
                    classes=[{"name": "tone", "emitter": {"type": "tone", "frequency_hz": {"choice": {"values": tones_hz}}}}])
    h5 = tmp_path / "tones.h5"
    assert specgen("run", write_scenario(scenario), "-o", h5, "--quiet").returncode == 0
    with h5py.File(h5, "r") as f:
        drawn = f["meta/emitter.frequency_hz"][:]
        rate = f.attrs["sample_rate_hz"]
    for i, hz in enumerate(drawn):
        image, layout = render(specgen, h5, tmp_path / f"tone{i}.png", "--example", i)
        panel = next(p for p in layout["panels"] if p["name"] == "spectrogram")
        r = panel["rect"]
        # Columns well inside the frames (away from the grey half frame at each end), every row of the area.
        x0, x1 = int(pixel_x(panel, panel["fft_size"])), int(pixel_x(panel, 512 - panel["fft_size"]))
        area = image[int(r["y"]):int(r["y"] + r["height"]), x0:x1, :3].astype(float)
        lightness = (0.2126 * area[..., 0] + 0.7152 * area[..., 1] + 0.0722 * area[..., 2]).mean(axis=1)
        row = int(r["y"]) + int(np.argmax(lightness)) + 0.5
        a = panel["y"]
        frequency = a["min"] + (r["y"] + r["height"] - row) / r["height"] * (a["max"] - a["min"])
        assert abs(frequency - hz / rate) <= 1 / panel["fft_size"], f"tone {hz} Hz: brightest row at {frequency} cycles/sample"


def annotate(source: Path, target: Path, rows: list[tuple[int, int, int, int, float, float]]) -> None:
    """A copy of a real file with an /annotations group of the documented columns (docs/dataset.md)."""
    shutil.copy(source, target)
    with h5py.File(target, "r+") as f:
        group = f.create_group("annotations")
        columns = list(zip(*rows))
        for name, values, dtype in zip(["example", "class_index", "start", "stop", "f_low", "f_high"], columns,
                                       ["i8", "i4", "i8", "i8", "f8", "f8"]):
            group.create_dataset(name, data=np.array(values, dtype=dtype))


BOXES = [(0, 0, 32, 200, -0.30, -0.10), (0, 2, 260, 480, 0.05, 0.35), (1, 1, 100, 400, -0.2, 0.2)]


def check_box_outline(image: np.ndarray, panel: dict[str, Any], box: dict[str, Any]) -> None:
    """Red pixels within two pixels of each edge where the annotation says, at nearly every point along it, and none in the middle."""
    left, right = pixel_x(panel, box["start"]), pixel_x(panel, box["stop"])
    top, bottom = pixel_y(panel, box["f_high"]), pixel_y(panel, box["f_low"])
    red = is_box_red(image)

    def near(x: float, y: float) -> bool:
        return bool(red[int(round(y)) - 2:int(round(y)) + 3, int(round(x)) - 2:int(round(x)) + 3].any())

    for name, points in {
        "left": [(left, y) for y in np.linspace(top + 4, bottom - 4, 20)],
        "right": [(right, y) for y in np.linspace(top + 4, bottom - 4, 20)],
        "top": [(x, top) for x in np.linspace(left + 4, right - 4, 20)],
        "bottom": [(x, bottom) for x in np.linspace(left + 4, right - 4, 20)],
    }.items():
        hits = sum(near(x, y) for x, y in points)
        assert hits >= 18, f"{box['class_name']} box: {name} edge red at only {hits}/20 points"
    cx, cy = (left + right) / 2, (top + bottom) / 2
    assert not red[int(cy) - 3:int(cy) + 4, int(cx) - 3:int(cx) + 4].any(), "red inside the box"


def test_annotation_boxes_are_drawn_where_the_annotations_say(specgen: Callable[..., Any], plot_file: Path, tmp_path: Path) -> None:
    h5 = tmp_path / "annotated.h5"
    annotate(plot_file, h5, BOXES)
    image, layout = render(specgen, h5, tmp_path / "boxes.png", "--example", "0")
    panel = next(p for p in layout["panels"] if p["name"] == "spectrogram")
    assert [(b["class_index"], b["class_name"], b["start"], b["stop"]) for b in panel["boxes"]] == [(0, "BPSK", 32, 200), (2, "tone", 260, 480)]
    for box in panel["boxes"]:
        check_box_outline(image, panel, box)
    # No box on a file without annotations: no box red anywhere in the spectrogram.
    plain, plain_layout = render(specgen, plot_file, tmp_path / "plain.png", "--example", "0")
    assert not is_box_red(crop(plain, next(p for p in plain_layout["panels"] if p["name"] == "spectrogram"))).any()

    sheet, sheet_layout = render(specgen, h5, tmp_path / "sheet.png", "--examples", "0,1,2")
    by_example = {p["example"]: p for p in sheet_layout["panels"]}
    assert [len(by_example[i]["boxes"]) for i in (0, 1, 2)] == [2, 1, 0]
    for i in (0, 1):
        for box in by_example[i]["boxes"]:
            check_box_outline(sheet, by_example[i], box)
    # Two bursts in example 0: no constellation.
    constellation = next(p for p in layout["panels"] if p["name"] == "constellation")
    assert "2 bursts" in constellation["note"]


# --------------------------------------------------------------------------- input and output

def test_bad_input_exits_2_with_a_clear_message(specgen: Callable[..., Any], plot_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.png"
    missing = specgen("plot", tmp_path / "missing.h5", "-o", out)
    assert missing.returncode == 2 and "no such file" in missing.diagnostics, missing.report()
    text = tmp_path / "text.h5"
    text.write_text("hello\n")
    not_hdf5 = specgen("plot", text, "-o", out)
    assert not_hdf5.returncode == 2 and "not an HDF5 file" in not_hdf5.diagnostics, not_hdf5.report()
    foreign = tmp_path / "foreign.h5"
    with h5py.File(foreign, "w") as f:
        f["iq"] = np.zeros((2, 1, 8), np.complex64)
    not_specgen = specgen("plot", foreign, "-o", out)
    assert not_specgen.returncode == 2 and "not a specgen dataset" in not_specgen.diagnostics, not_specgen.report()
    for args, message in [(["--example", "24"], "--example 24 is out of range: <path> has examples 0 … 23"),
                          (["--example=-1"], "examples 0 … 23"),
                          (["--grid", "25"], "--grid 25"),
                          (["--examples", "1,x"], "--examples 1,x"),
                          (["--examples", "3,99"], "example 99 is out of range"),
                          (["--channel", "1"], "has channels 0 … 0"),
                          (["--size", "10x10"], "--size 10x10"),
                          (["--fft-size", "4096"], "--fft-size 4096"),
                          (["--example", "1", "--grid", "2"], "one of --example, --grid and --examples")]:
        result = specgen("plot", plot_file, "-o", out, *args)
        assert result.returncode == 2 and message in result.diagnostics, result.report()
    assert not out.exists()
    assert list(tmp_path.glob(".*")) == [], "a temporary file was left behind"


def test_existing_output_needs_overwrite(specgen: Callable[..., Any], plot_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.png"
    out.write_bytes(b"keep me")
    refused = specgen("plot", plot_file, "-o", out)
    assert refused.returncode == 2 and "--overwrite" in refused.diagnostics, refused.report()
    assert out.read_bytes() == b"keep me"
    replaced = specgen("plot", plot_file, "-o", out, "--overwrite")
    assert replaced.returncode == 0, replaced.report()
    assert read_png(out).shape == (900, 1200, 4)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.png"], "a temporary file was left behind"


def test_help_examples_work(specgen: Callable[..., Any], specgen_bin: Path, tmp_path: Path) -> None:
    """Every example line of `specgen plot --help` runs, in order, in a directory holding Scenarios/."""
    result = specgen("plot", "--help")
    assert result.returncode == 0, result.report()
    text = re.sub(r"\\\n\s*", " ", result.stdout)
    examples = [line.strip() for line in text.splitlines() if line.strip().startswith("specgen ")]
    assert any(line.startswith("specgen plot") for line in examples), result.stdout
    (tmp_path / "Scenarios").symlink_to(REPO_ROOT / "Scenarios")
    for line in examples:
        argv = shlex.split(line)
        run = subprocess.run([str(specgen_bin), *argv[1:]], cwd=tmp_path, capture_output=True, text=True, timeout=120)
        assert run.returncode == 0, f"{line}\n{run.stderr}"
        if argv[1] == "plot":
            out = tmp_path / argv[argv.index("-o") + 1]
            image = read_png(out)
            assert image[..., :3].astype(float).std() > 20, line


@pytest.mark.parametrize("rate", [1.0, None])
def test_normalised_or_withheld_sample_rate_gives_cycles_per_sample(specgen: Callable[..., Any], plot_file: Path, tmp_path: Path,
                                                                    rate: float | None) -> None:
    """A file whose level normalises the sample rate (1.0) or drops it is drawn in cycles/sample, never in Hz."""
    h5 = tmp_path / "normalised.h5"
    shutil.copy(plot_file, h5)
    with h5py.File(h5, "r+") as f:
        if rate is None:
            del f.attrs["sample_rate_hz"]
        else:
            f.attrs["sample_rate_hz"] = rate
    _, layout = render(specgen, h5, tmp_path / "normalised.png")
    for panel in (p for p in layout["panels"] if p["name"] in ("spectrogram", "psd")):
        axis = panel["y"] if panel["name"] == "spectrogram" else panel["x"]
        assert axis["label"] == "frequency (cycles/sample)" and axis["display_scale"] == 1


def test_a_real_scene_is_drawn_with_its_boxes(specgen: Callable[..., Any], write_scenario: Callable[..., Path], tmp_path: Path) -> None:
    """A file made by a scene (docs/scenes.md): the boxes drawn are its /annotations rows, outlined where they say."""
    scenario = {
        "format": "specgen-scenario", "version": 1, "seed": 11, "examples": 4, "samples_per_example": 65536,
        "sample_rate_hz": 20e6, "snr_db": 20,
        "classes": [{"name": "QPSK", "emitter": {"type": "qpsk", "samples_per_symbol": 16}},
                    {"name": "LFM", "emitter": {"type": "lfm", "bandwidth_hz": 2e6, "chirp_duration_s": 0.0002}}],
        "scene": {"bursts": 2, "duration_s": {"uniform": {"low": 0.0008, "high": 0.0016}}},
    }
    h5 = tmp_path / "scene.h5"
    result = specgen("run", write_scenario(scenario), "-o", h5, "--quiet")
    assert result.returncode == 0, result.report()
    image, layout = render(specgen, h5, tmp_path / "scene.png", "--example", "1")
    panel = next(p for p in layout["panels"] if p["name"] == "spectrogram")
    with h5py.File(h5, "r") as f:
        mine = f["annotations/example"][()] == 1
        rows = sorted(zip(f["annotations/start"][()][mine], f["annotations/stop"][()][mine]))
    assert sorted((b["start"], b["stop"]) for b in panel["boxes"]) == [(int(s), int(t)) for s, t in rows]
    for box in panel["boxes"]:
        check_box_outline(image, panel, box)

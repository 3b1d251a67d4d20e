"""A generated dataset, read the way a data scientist reads it, matches docs/dataset.md.

Most tests share one run of MIXED_SCENARIO (conftest.py): all five emitter types, every emitter
parameter, every distribution form, compression and a dB Hann spectrogram; 600 examples of 512
samples. Statistical tests use that fixed seed, so they are deterministic; their thresholds are
derived from the model in docs/scenario.md (not tuned to the output), at the levels stated.
"""

from __future__ import annotations

import copy
import hashlib
import math
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

import h5py
import numpy as np
import pytest
from scipy import stats

if TYPE_CHECKING:  # fixture types only; the fixtures themselves come from conftest.py
    from conftest import GeneratedDataset

LINEAR_TYPES = ("bpsk", "qpsk", "8psk", "16qam")
# Which emitter parameters apply to which emitter types (docs/scenario.md, "Emitters").
PARAMETER_TYPES = {
    "samples_per_symbol": set(LINEAR_TYPES),
    "rolloff": set(LINEAR_TYPES),
    "filter_span_symbols": set(LINEAR_TYPES),
    "frequency_hz": {"tone"},
    "phase_rad": {"tone"},
}
INTEGER_PARAMETERS = {"filter_span_symbols"}  # samples_per_symbol is real (fractional oversampling)


def as_str(value: Any) -> str:
    """An HDF5 string attribute as str, whether h5py returns it as str (variable length) or bytes
    (fixed length)."""
    if isinstance(value, (bytes, np.bytes_)):
        return bytes(value).decode("utf-8")
    if isinstance(value, np.ndarray) and value.shape == ():
        return as_str(value[()])
    assert isinstance(value, str), f"expected a string attribute, got {type(value).__name__}: {value!r}"
    return value


def in_support(spec: Any, values: np.ndarray) -> np.ndarray:
    """Boolean mask: which values a number-or-distribution `spec` can produce (docs/scenario.md,
    "Distributions"). Uniform's upper bound is accepted inclusively to allow for rounding."""
    if isinstance(spec, (int, float)):
        return np.isclose(values, spec, rtol=1e-12, atol=0)
    (form, p), = spec.items()
    if form in ("uniform", "loguniform"):
        return (values >= p["low"]) & (values <= p["high"])
    if form == "choice":
        return np.isclose(values[:, None], np.asarray(p["values"], dtype=float)[None, :], rtol=1e-12, atol=0).any(axis=1)
    if form == "normal":
        return np.isfinite(values)
    raise AssertionError(f"unknown distribution form {form}")


def read_meta(f: h5py.File) -> dict[str, np.ndarray]:
    return {name: ds[:] for name, ds in f["meta"].items()}


# --------------------------------------------------------------------------- layout and types

def test_iq_is_complex64_n_by_1_by_l(mixed_dataset: GeneratedDataset) -> None:
    """/iq reads as complex64 with shape (N, 1, L): the compound {r, i} float32 layout h5py maps to
    numpy complex, one channel."""
    s = mixed_dataset.scenario
    with h5py.File(mixed_dataset.h5_path, "r") as f:
        iq = f["iq"]
        assert iq.dtype == np.complex64
        assert iq.shape == (s["examples"], 1, s["samples_per_example"])
        assert np.all(np.isfinite(iq[:].view(np.float32)))


def test_spectrogram_shape_and_attributes(mixed_dataset: GeneratedDataset) -> None:
    """/spectrogram is float32 (N, 1, F, T) with T = (L - F) // hop + 1, and carries its settings as
    attributes."""
    s = mixed_dataset.scenario
    spec_cfg = s["output"]["spectrogram"]
    n, length, fft, hop = s["examples"], s["samples_per_example"], spec_cfg["fft_size"], spec_cfg["hop"]
    with h5py.File(mixed_dataset.h5_path, "r") as f:
        spec = f["spectrogram"]
        assert spec.dtype == np.float32
        assert spec.shape == (n, 1, fft, (length - fft) // hop + 1)
        assert int(spec.attrs["fft_size"]) == fft
        assert int(spec.attrs["hop"]) == hop
        assert as_str(spec.attrs["window"]) == spec_cfg["window"]
        assert as_str(spec.attrs["scale"]) == spec_cfg["scale"]
        assert np.all(np.isfinite(spec[:]))


def test_class_index_is_int32_in_range(mixed_dataset: GeneratedDataset) -> None:
    """/labels/class_index is int32, one per example, and indexes into /labels/class_names."""
    s = mixed_dataset.scenario
    with h5py.File(mixed_dataset.h5_path, "r") as f:
        ci = f["labels/class_index"]
        assert ci.dtype == np.int32
        assert ci.shape == (s["examples"],)
        values = ci[:]
    assert values.min() >= 0 and values.max() < len(s["classes"])


def test_class_names_in_scenario_order(mixed_dataset: GeneratedDataset) -> None:
    """/labels/class_names is a variable-length UTF-8 string array, read with .asstr(), holding the
    scenario's class names in scenario order (including the non-ASCII one)."""
    with h5py.File(mixed_dataset.h5_path, "r") as f:
        ds = f["labels/class_names"]
        string_info = h5py.check_string_dtype(ds.dtype)
        assert string_info is not None and string_info.encoding == "utf-8" and string_info.length is None
        names = list(ds.asstr()[:])
    assert names == [c["name"] for c in mixed_dataset.scenario["classes"]]


def test_snr_labels_float32_within_scenario_range(mixed_dataset: GeneratedDataset) -> None:
    """/labels/snr_db is float32, one per example, inside the scenario's snr_db range (closed at the
    top: a float32 rounding of a value just below `high` may equal it)."""
    s = mixed_dataset.scenario
    low, high = s["snr_db"]["uniform"]["low"], s["snr_db"]["uniform"]["high"]
    with h5py.File(mixed_dataset.h5_path, "r") as f:
        snr = f["labels/snr_db"]
        assert snr.dtype == np.float32
        assert snr.shape == (s["examples"],)
        values = snr[:]
    assert np.all((values >= low) & (values <= high)), (values.min(), values.max())
    # A uniform draw over a 20 dB span should not be stuck at one value.
    assert values.std() > 1.0


def test_meta_datasets_are_float64_per_example(mixed_dataset: GeneratedDataset) -> None:
    """Every /meta/* dataset is float64 of shape (N,), and all the parameters this scenario uses are
    there: snr_db, the two noise views and the five emitter parameters (all set on every class)."""
    n = mixed_dataset.scenario["examples"]
    with h5py.File(mixed_dataset.h5_path, "r") as f:
        meta = f["meta"]
        for name, ds in meta.items():
            assert isinstance(ds, h5py.Dataset), f"/meta/{name} is not a dataset"
            assert ds.dtype == np.float64, f"/meta/{name} is {ds.dtype}"
            assert ds.shape == (n,), f"/meta/{name} has shape {ds.shape}"
        expected = {"snr_db", "noise.es_n0_db", "noise.sample_snr_db"} | {f"emitter.{p}" for p in PARAMETER_TYPES}
        assert expected <= set(meta.keys()), f"missing: {sorted(expected - set(meta.keys()))}"


@pytest.mark.parametrize("parameter", sorted(PARAMETER_TYPES))
def test_emitter_parameter_nan_exactly_where_not_applicable(mixed_dataset: GeneratedDataset, parameter: str) -> None:
    """/meta/emitter.<parameter> is NaN exactly for examples whose class has no such parameter (e.g.
    emitter.rolloff for the tone) and otherwise lies inside that class's configured range or value
    set (integers for integer parameters)."""
    classes = mixed_dataset.scenario["classes"]
    with h5py.File(mixed_dataset.h5_path, "r") as f:
        values = f[f"meta/emitter.{parameter}"][:]
        ci = f["labels/class_index"][:]
    for k, cls in enumerate(classes):
        v = values[ci == k]
        assert v.size > 0, f"class {cls['name']} never drawn"
        if cls["emitter"]["type"] not in PARAMETER_TYPES[parameter]:
            assert np.all(np.isnan(v)), f"{parameter} not NaN for class {cls['name']}"
            continue
        assert not np.any(np.isnan(v)), f"{parameter} NaN for class {cls['name']}"
        ok = in_support(cls["emitter"][parameter], v)
        assert ok.all(), f"{parameter} of class {cls['name']} outside {cls['emitter'][parameter]}: {v[~ok][:5]}"
        if parameter in INTEGER_PARAMETERS:
            assert np.all(v == np.round(v)), f"{parameter} of class {cls['name']} not integral"


def test_meta_snr_views_are_consistent(mixed_dataset: GeneratedDataset) -> None:
    """/meta/snr_db is the label (float64 vs float32), noise.es_n0_db is the label under the es_n0
    definition, and noise.sample_snr_db = es_n0_db - 10 log10(samples_per_symbol), with one sample
    per "symbol" for the tone (docs/scenario.md, "SNR definitions")."""
    with h5py.File(mixed_dataset.h5_path, "r") as f:
        assert as_str(f.attrs["snr_definition"]) == "es_n0"
        label = f["labels/snr_db"][:]
        meta = read_meta(f)
    np.testing.assert_allclose(meta["snr_db"].astype(np.float32), label, rtol=0, atol=1e-5)
    np.testing.assert_allclose(meta["noise.es_n0_db"], meta["snr_db"], rtol=0, atol=1e-9)
    sps = np.nan_to_num(meta["emitter.samples_per_symbol"], nan=1.0)
    np.testing.assert_allclose(meta["noise.sample_snr_db"], meta["noise.es_n0_db"] - 10 * np.log10(sps),
                               rtol=0, atol=1e-9)


def test_every_dataset_has_axes_attribute(mixed_dataset: GeneratedDataset) -> None:
    """Every dataset has an `axes` attribute: a comma-separated string with one name per dimension;
    per-example arrays start with `example`; /iq and /spectrogram use the documented names."""
    found: dict[str, list[str]] = {}

    def visit(name: str, obj: Any) -> None:
        if isinstance(obj, h5py.Dataset):
            assert "axes" in obj.attrs, f"/{name} has no axes attribute"
            found[name] = as_str(obj.attrs["axes"]).split(",")
            assert len(found[name]) == obj.ndim, f"/{name}: axes {found[name]} for {obj.ndim} dimensions"

    n = mixed_dataset.scenario["examples"]
    with h5py.File(mixed_dataset.h5_path, "r") as f:
        f.visititems(visit)
        per_example = [name for name in found if f[name].shape[:1] == (n,) and name != "labels/class_names"]
    assert found["iq"] == ["example", "channel", "sample"]
    assert found["spectrogram"] == ["example", "channel", "frequency", "time"]
    for name in per_example:
        assert found[name][0] == "example", f"/{name}: axes {found[name]}"


def test_root_attributes(mixed_dataset: GeneratedDataset) -> None:
    """Root attributes identify the file and its provenance: format, format_version (int64) 1, seed
    (int64) = the scenario's, scenario_sha256 = SHA-256 (lower-case hex) of the scenario file's bytes,
    sample rate, SNR definition, policy and generator version."""
    s = mixed_dataset.scenario
    digest = hashlib.sha256(mixed_dataset.scenario_path.read_bytes()).hexdigest()
    with h5py.File(mixed_dataset.h5_path, "r") as f:
        attrs = f.attrs
        assert as_str(attrs["format"]) == "specgen-dataset"
        assert attrs["format_version"] == 1
        assert attrs.get_id("format_version").dtype == np.int64
        assert attrs["seed"] == s["seed"]
        assert attrs.get_id("seed").dtype == np.int64
        assert as_str(attrs["scenario_sha256"]) == digest
        assert attrs["sample_rate_hz"] == s["sample_rate_hz"]
        assert attrs.get_id("sample_rate_hz").dtype == np.float64
        assert as_str(attrs["snr_definition"]) == s["snr_definition"]
        assert as_str(attrs["policy"]) == "release-all"
        assert as_str(attrs["specgen_version"]).strip() != ""


# --------------------------------------------------------------------------- statistics

def test_class_frequencies_follow_weights(mixed_dataset: GeneratedDataset) -> None:
    """Classes are drawn by weight: the class counts pass a chi-square goodness-of-fit test against
    N * weight / sum(weights) at the 1% level (fixed seed, so the outcome is reproducible; every
    expected count is >= 50, well inside the test's validity)."""
    s = mixed_dataset.scenario
    weights = np.array([c.get("weight", 1.0) for c in s["classes"]], dtype=float)
    with h5py.File(mixed_dataset.h5_path, "r") as f:
        ci = f["labels/class_index"][:]
    observed = np.bincount(ci, minlength=len(weights))
    expected = len(ci) * weights / weights.sum()
    assert expected.min() >= 5
    result = stats.chisquare(observed, expected)
    assert result.pvalue > 0.01, f"observed {observed.tolist()}, expected {expected.round(1).tolist()}, p={result.pvalue:.2g}"


def _power_z_scores(path: Path) -> np.ndarray:
    """Per example, z = (P_hat - (1 + s2)) / sd, where P_hat = mean |iq|^2 and s2 the noise variance
    implied by the SNR label.

    Model (docs/scenario.md): x = s + w, s of unit expected power, w complex white Gaussian noise of
    variance s2 = sps / 10^(snr/10) under es_n0 (sps = 1 for the tone), or 1 / 10^(snr/10) under
    per_sample. With S = mean |s|^2, C = mean Re(conj(s) w) and W = mean |w|^2 over L samples,
    P_hat = S + 2C + W, E[P_hat] = 1 + s2, and the three terms are uncorrelated, so
        Var P_hat = Var S + 2 s2 / L + s2^2 / L
    (|w|^2 is exponential with variance s2^2; Var(2C | s) = 2 S s2 / L).
    For the tone |s| = 1, so Var S = 0. For a linear modulation S = a^H Q a / L-ish quadratic form in
    the independent symbols, Q_kl = (1/L) sum_n g(n - k sps) g(n - l sps); with E|a|^2 = 1,
    kurtosis k = E|a|^4 and pseudo-variance r = E[a^2]:
        Var S = (k - 1) sum_k Q_kk^2 + (1 + |r|^2) sum_{k != l} Q_kl^2 <= c ||Q||_F^2,
    c = max(k - 1, 1 + |r|^2) <= 2 (BPSK: k = 1, r = 1; QPSK/8PSK: 1, 0; 16QAM: 1.32, 0),
    and ||Q||_F^2 ~= sps / L for a unit-power pulse whose symbol-spaced autocorrelation vanishes
    (RRC). Hence the bound Var S <= 2 sps / L used here (a simulation of all four constellations,
    sps 2..16, rolloff 0..0.9, span 2..64, L 256..512 stays below 0.25 of it).
    sd is the square root of the bound, so |z| is at most a standard normal variable's size.
    """
    with h5py.File(path, "r") as f:
        definition = as_str(f.attrs["snr_definition"])
        iq = f["iq"][:, 0, :].astype(np.complex128)
        snr_db = f["labels/snr_db"][:].astype(np.float64)
        sps = f["meta/emitter.samples_per_symbol"][:]
    length = iq.shape[1]
    is_tone = np.isnan(sps)
    symbol_samples = np.where(is_tone, 1.0, sps) if definition == "es_n0" else np.ones_like(snr_db)
    noise_var = symbol_samples / 10.0 ** (snr_db / 10.0)
    p_hat = np.mean(np.abs(iq) ** 2, axis=1)
    var_signal = np.where(is_tone, 0.0, 2.0 * np.nan_to_num(sps) / length)
    var_p = var_signal + (2.0 * noise_var + noise_var**2) / length
    return (p_hat - (1.0 + noise_var)) / np.sqrt(var_p)


def test_mean_power_per_example_matches_snr(mixed_dataset: GeneratedDataset) -> None:
    """Each example's mean |iq|^2 is 1 + the noise variance implied by its SNR label, within
    z_max standard deviations of the derived bound (see _power_z_scores). z_max is the two-sided
    normal quantile for a family-wise false-alarm rate of 1e-3 over the N examples (Bonferroni);
    with L = 512 the normal approximation of the noise term's gamma tail is good to a factor of a
    few at that level, still far below any tuning. This catches a missing or doubled samples_per_symbol
    factor, sigma^2 applied per real dimension, or a signal not normalised to unit power."""
    z = _power_z_scores(mixed_dataset.h5_path)
    z_max = stats.norm.isf(1e-3 / (2 * z.size))
    worst = np.argsort(-np.abs(z))[:5]
    assert np.all(np.abs(z) <= z_max), f"z_max={z_max:.2f}; worst examples {worst.tolist()} with z={z[worst].round(2).tolist()}"


def test_mean_power_has_no_systematic_bias(mixed_dataset: GeneratedDataset) -> None:
    """The average of the per-example z-scores is 0 under the model; each has variance <= 1 and the
    examples are independent, so sqrt(N) * mean(z) is within the two-sided 1e-3 normal quantile
    (3.29). This detects a small power bias (a few percent) that the per-example test is too wide to see."""
    z = _power_z_scores(mixed_dataset.h5_path)
    statistic = math.sqrt(z.size) * float(z.mean())
    assert abs(statistic) <= stats.norm.isf(5e-4), f"sqrt(N) * mean(z) = {statistic:.2f}"


# --------------------------------------------------------------------------- spectrogram contents

def test_tone_peak_at_its_frequency_bin(mixed_dataset: GeneratedDataset) -> None:
    """For every tone example the time-averaged spectrogram peaks within one bin of
    frequency_hz * F / Fs + F / 2: the frequency axis is two-sided, centred, in the documented
    orientation, and /meta/emitter.frequency_hz describes the data. (At >= 0 dB SNR the Hann main
    lobe is >= 15 dB above the per-bin noise level, so the peak is never noise.)"""
    s = mixed_dataset.scenario
    fs, fft = s["sample_rate_hz"], s["output"]["spectrogram"]["fft_size"]
    tone_index = [c["emitter"]["type"] for c in s["classes"]].index("tone")
    with h5py.File(mixed_dataset.h5_path, "r") as f:
        ci = f["labels/class_index"][:]
        rows = np.flatnonzero(ci == tone_index)
        spec_db = f["spectrogram"][:][rows, 0]          # (n_tone, F, T)
        freq = f["meta/emitter.frequency_hz"][:][rows]
    assert rows.size > 0
    peak = np.argmax(np.mean(10.0 ** (spec_db / 10.0), axis=2), axis=1)
    expected = freq * fft / fs + fft / 2
    distance = np.abs((peak - expected + fft / 2) % fft - fft / 2)
    assert np.all(distance <= 1.0), f"peaks {peak[distance > 1][:5]}, expected {expected[distance > 1][:5]}"


def test_linear_rectangular_spectrogram_recomputes_from_iq(specgen: Callable[..., Any], small_scenario: dict[str, Any],
                                                          write_scenario: Callable[..., Path], tmp_path: Path) -> None:
    """With a rectangular window and linear scale the spectrogram can be recomputed exactly from /iq
    with numpy: frame t = iq[t*hop : t*hop + F], value |fftshift(fft(frame))|^2 / F (sum of w^2 = F),
    bin f <-> (f - F/2) / F cycles per sample. A hop that does not divide L checks the frame count."""
    small_scenario["examples"] = 40
    small_scenario["output"]["spectrogram"] = {"fft_size": 32, "hop": 24, "window": "rectangular", "scale": "linear"}
    out = tmp_path / "rect.h5"
    result = specgen("run", write_scenario(small_scenario), "-o", out, "--quiet")
    assert result.returncode == 0, result.report()
    with h5py.File(out, "r") as f:
        iq = f["iq"][:, 0, :].astype(np.complex128)
        spec = f["spectrogram"][:, 0]
    fft, hop, length = 32, 24, small_scenario["samples_per_example"]
    frames = (length - fft) // hop + 1
    assert spec.shape == (40, fft, frames)
    starts = np.arange(frames) * hop
    segments = iq[:, starts[:, None] + np.arange(fft)[None, :]]        # (N, T, F)
    expected = np.abs(np.fft.fftshift(np.fft.fft(segments, axis=2), axes=2)) ** 2 / fft
    expected = np.transpose(expected, (0, 2, 1))                       # (N, F, T)
    scale = expected.mean()
    np.testing.assert_allclose(spec, expected, rtol=1e-3, atol=1e-4 * scale)


def test_fixed_lists_are_root_attributes(specgen: Callable[..., Any], small_scenario: dict[str, Any],
                                        write_scenario: Callable[..., Path], tmp_path: Path) -> None:
    """List-valued parameters are scenario constants (docs/dataset.md): each is one float64 root
    attribute named by its metadata path and shaped like the list — a custom tap list (n,), a phase-noise
    mask (n,), listed element positions (M, 3) — with `array.geometry` beside them; /meta holds only the
    per-example draws, and /iq has one channel per listed element."""
    small_scenario["examples"] = 8
    small_scenario["channel"] = [
        {"type": "fading", "profile": "custom", "delays_s": [0, 1e-6, 2.5e-6], "powers_db": [0, -3, -8], "k_factors_db": [6, -100, -100]},
        {"type": "phase_noise", "offsets_hz": [100, 1000, 100000], "levels_dbc_hz": [-80, -100, -140]},
    ]
    positions = [[0, 0, 0], [0.5, 0, 0], [0, 0.5, 0], [0.5, 0.5, 0.25]]
    small_scenario["array"] = {"geometry": "listed", "positions_wavelengths": positions}
    out = tmp_path / "lists.h5"
    result = specgen("run", write_scenario(small_scenario), "-o", out, "--quiet")
    assert result.returncode == 0, result.report()
    with h5py.File(out, "r") as f:
        attrs = f.attrs
        for name, expected in [("channel.fading.delays_s", [0, 1e-6, 2.5e-6]), ("channel.fading.powers_db", [0, -3, -8]),
                               ("channel.fading.k_factors_db", [6, -100, -100]),
                               ("channel.phase_noise.offsets_hz", [100, 1000, 100000]),
                               ("channel.phase_noise.levels_dbc_hz", [-80, -100, -140]),
                               ("array.positions_wavelengths", positions)]:
            value = attrs[name]
            assert value.dtype == np.float64 and value.shape == np.asarray(expected).shape, name
            np.testing.assert_array_equal(value, np.asarray(expected, dtype=np.float64))
        assert as_str(attrs["array.geometry"]) == "listed"
        assert f["iq"].shape == (8, 4, small_scenario["samples_per_example"])
        meta = set(f["meta"].keys())
        assert "channel.fading.profile" in meta and not any(k.endswith(("delays_s", "powers_db", "positions_wavelengths")) for k in meta)


# --------------------------------------------------------------------------- command-line overrides

def test_seed_override_changes_data_and_is_recorded(specgen: Callable[..., Any], mixed_dataset: GeneratedDataset,
                                                    tmp_path: Path) -> None:
    """`--seed S` replaces the scenario's seed: the root `seed` attribute records S and /iq differs
    from the run with the scenario's own seed (scenario_sha256 still names the same file)."""
    out = tmp_path / "reseeded.h5"
    new_seed = mixed_dataset.scenario["seed"] + 1
    result = specgen("run", mixed_dataset.scenario_path, "-o", out, "--seed", new_seed, "--quiet")
    assert result.returncode == 0, result.report()
    with h5py.File(out, "r") as f_new, h5py.File(mixed_dataset.h5_path, "r") as f_old:
        assert f_new.attrs["seed"] == new_seed
        assert as_str(f_new.attrs["scenario_sha256"]) == as_str(f_old.attrs["scenario_sha256"])
        assert f_new["iq"].shape == f_old["iq"].shape
        assert not np.array_equal(f_new["iq"][:], f_old["iq"][:])


def test_examples_override_sets_n(specgen: Callable[..., Any], mixed_dataset: GeneratedDataset, tmp_path: Path) -> None:
    """`--examples N` replaces the scenario's example count: every per-example dataset has N rows."""
    out = tmp_path / "short.h5"
    result = specgen("run", mixed_dataset.scenario_path, "-o", out, "--examples", 37, "--quiet")
    assert result.returncode == 0, result.report()
    with h5py.File(out, "r") as f:
        assert f["iq"].shape[0] == 37
        assert f["spectrogram"].shape[0] == 37
        assert f["labels/class_index"].shape == (37,)
        assert f["labels/snr_db"].shape == (37,)
        for name, ds in f["meta"].items():
            assert ds.shape == (37,), f"/meta/{name}"


# --------------------------------------------------------------------------- loading for training

class IQDataset:
    """A torch.utils.data.Dataset look-alike as docs/dataset.md suggests: opens the file lazily in
    __getitem__ (so each loader worker has its own handle) and returns (2, L) float32 plus the label."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._file: h5py.File | None = None
        with h5py.File(path, "r") as f:
            self._length = f["iq"].shape[0]

    def __len__(self) -> int:
        return self._length

    def __getitem__(self, i: int) -> tuple[np.ndarray, int]:
        if self._file is None:
            self._file = h5py.File(self.path, "r")
        x = self._file["iq"][i, 0]
        return np.stack([x.real, x.imag]), int(self._file["labels/class_index"][i])

    def close(self) -> None:
        if self._file is not None:
            self._file.close()


def test_pytorch_style_loading_loop(mixed_dataset: GeneratedDataset) -> None:
    """A shuffled mini-batch loop over per-example reads works: two 'workers' (two Dataset objects,
    two open handles on the same file) each read every other batch; samples are (2, L) float32,
    labels valid, and the reassembled epoch equals a bulk read of the file."""
    n, length = mixed_dataset.scenario["examples"], mixed_dataset.scenario["samples_per_example"]
    workers = [IQDataset(mixed_dataset.h5_path), IQDataset(mixed_dataset.h5_path)]
    order = np.random.default_rng(0).permutation(n)
    batch_size = 32
    seen_x = np.empty((n, 2, length), dtype=np.float32)
    seen_y = np.full(n, -1, dtype=np.int64)
    try:
        for b, start in enumerate(range(0, n, batch_size)):
            indices = order[start:start + batch_size]
            samples = [workers[b % 2][int(i)] for i in indices]
            xb = np.stack([x for x, _ in samples])
            yb = np.array([y for _, y in samples])
            assert xb.dtype == np.float32 and xb.shape == (len(indices), 2, length)
            seen_x[indices], seen_y[indices] = xb, yb
        assert all(len(w) == n for w in workers)
    finally:
        for w in workers:
            w.close()
    with h5py.File(mixed_dataset.h5_path, "r") as f:
        iq = f["iq"][:, 0, :]
        labels = f["labels/class_index"][:]
        n_classes = len(f["labels/class_names"])
    assert np.all((seen_y >= 0) & (seen_y < n_classes))
    np.testing.assert_array_equal(seen_y, labels)
    np.testing.assert_array_equal(seen_x[:, 0], iq.real)
    np.testing.assert_array_equal(seen_x[:, 1], iq.imag)



@pytest.mark.parametrize("normalize", ["none", "peak", "mean", "standardize"])
@pytest.mark.parametrize("scale", ["db", "linear"])
def test_one_sided_and_normalised_spectrograms(specgen: Callable[..., Any], write_scenario: Callable[..., Path], tmp_path: Path,
                                               small_scenario: dict[str, Any], scale: str, normalize: str) -> None:
    """`sides: one` stores rows 0 … F/2 (the upper half of the two-sided rows), and each `normalize` mode
    holds per example over all its cells (docs/dataset.md, "Spectrogram")."""
    scenario = copy.deepcopy(small_scenario)
    scenario["examples"] = 24
    scenario.setdefault("output", {})["spectrogram"] = {"fft_size": 32, "hop": 16, "scale": scale, "sides": "one", "normalize": normalize}
    one = tmp_path / "one.h5"
    assert specgen("run", write_scenario(scenario, "one.json"), "-o", one).returncode == 0
    scenario["output"]["spectrogram"].update(sides="two", normalize="none")
    two = tmp_path / "two.h5"
    assert specgen("run", write_scenario(scenario, "two.json"), "-o", two).returncode == 0
    with h5py.File(one, "r") as a, h5py.File(two, "r") as b:
        s, full = a["spectrogram"][()], b["spectrogram"][()]
        assert s.shape == (24, 1, 17, full.shape[3]) and full.shape[2] == 32
        assert a["spectrogram"].attrs["sides"] == "one" and a["spectrogram"].attrs["normalize"] == normalize
        assert b["spectrogram"].attrs["sides"] == "two" and b["spectrogram"].attrs["normalize"] == "none"
        # One-sided rows 0 … 16 are two-sided rows 16 … 31 and then row 0 (±½ cycles/sample, the same bin).
        upper = np.concatenate([full[:, :, 16:, :], full[:, :, :1, :]], axis=2)
        power = upper if scale == "linear" else 10 ** (upper / 10)
        stored = s if scale == "linear" else 10 ** (s / 10)
        for i in range(24):
            if normalize == "none":
                assert np.array_equal(s[i], upper[i])
            elif normalize == "peak":
                assert np.isclose(stored[i].max(), 1, rtol=1e-4)
                assert np.allclose(stored[i] * power[i].max(), power[i], rtol=1e-3)
            elif normalize == "mean":
                assert np.isclose(stored[i].mean(), 1, rtol=1e-4)
            else:
                assert abs(s[i].mean()) < 1e-4 and abs(s[i].std() - 1) < 1e-3

#!/usr/bin/env python3
"""Plain numpy/scipy generator for the "realistic" QPSK chain: the baseline of scripts/bench_channels.py.

What a competent numpy user would write for Scenarios/realistic-qpsk.json, vectorised over blocks of
examples (no Python loop per example or per sample), no special tuning, single-threaded. It follows the
models of docs/channels/*.md but is not bit-identical to specgen (numpy's PCG64 stream, simplified
details listed below). The chain is fixed here (constants below mirror the scenario file); only
samples_per_example, seed and the snr_db uniform range are read from the scenario.

Per block of B examples (signal power 1 throughout, complex64 samples, float64 phases):
  * QPSK, RRC 8 sps, roll-off 0.35, 10-symbol span (scripts/baseline_numpy.py's rrc_taps, fftconvolve),
    rendered with a lead-in so that the fading delay line is in steady state at sample 0;
  * COST 207 RA6 multipath (TS 45.005 Annex C.3: delays 0, 0.1, 0.2, 0.3, 0.4, 0.5 us; powers 0, -4, -8,
    -12, -16, -20 dB, normalised to sum 1). At Fs = 1 MHz every delay is a fraction (0 .. 0.5) of a
    sample, so rounding to the nearest sample would collapse RA6 to a flat channel: the delays are applied
    as FRACTIONAL delays with a short Kaiser-windowed sinc FIR (8 taps, beta = 5, unit DC gain), all six
    taps at once as one (B, L, 8) x (8, 6) product over a sliding-window view.
    Tap gains: Jakes/Clarke by sum of sinusoids (Zheng & Xiao, complex form, M = 16 per tap, random
    theta and phases), max Doppler f_D ~ U(0, 300 Hz) per example; the first tap is Rician with
    K = (0.91/0.41)^2 = 6.9 dB (LOS Doppler 0.7 f_D, random phase), the others Rayleigh. Gains are evaluated on a
    grid of 16 samples and interpolated linearly (error <= (pi f_D 16)^2 / 2 ~ 1e-4 at 300 Hz),
    as specgen does with its gain grid;
  * carrier offset: e^{j 2 pi f n}, f ~ U(-5 kHz, 5 kHz) / Fs;
  * AWGN at the example's SNR, es_n0 with sps = 8: sigma^2 = 8 / snr;
  * IQ imbalance: y = mu x + nu conj(x), gain ~ U(-0.5, 0.5) dB, phase ~ U(-0.05, 0.05) rad;
  * phase noise: the default mask (offsets 1e-4, 1e-3, 1e-2, 0.1 cycles/sample; -50, -70, -90, -100 dB,
    linear in dB against log f, flat outside) shifted by U(-10, 10) dB per example; complex white
    noise shaped per FFT bin by sqrt(2 L(f)), DC zeroed, inverse FFT (N = next power of two >= L),
    phi = real part, y *= e^{j phi}.

Usage: baseline_numpy_realistic.py [SCENARIO] [--examples N] [--block B] --discard
(SCENARIO defaults to Scenarios/realistic-qpsk.json.)

Prints one JSON line on stdout: {"samples": N*L, "seconds": T, "samples_per_s": N*L/T}, where T is the
wall time of the generation loop (excluding interpreter start-up, imports and scenario parsing).
"""

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np
from scipy import fft as sfft
from scipy import signal

sys.path.insert(0, str(Path(__file__).resolve().parent))
from baseline_numpy import rrc_taps  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SCENARIO = ROOT / "Scenarios" / "realistic-qpsk.json"

FS = 1e6
SPS, ROLLOFF, SPAN = 8, 0.35, 10
QPSK = (np.array([1 + 1j, -1 + 1j, -1 - 1j, 1 - 1j]) / np.sqrt(2)).astype(np.complex64)

RA6_DELAYS_NS = np.array([0, 100, 200, 300, 400, 500], dtype=np.float64)
RA6_POWERS_DB = np.array([0.0, -4.0, -8.0, -12.0, -16.0, -20.0])
K_FACTOR_DB = 10 * np.log10((0.91 / 0.41) ** 2)
LOS_COS = 0.7
MAX_DOPPLER_HZ = (0.0, 300.0)
SINUSOIDS = 16
GRID = 16                      # gain grid step in samples
FD_HALF = 4                    # fractional-delay FIR: 2 * FD_HALF taps
FD_BETA = 5.0

CFO_HZ = (-5000.0, 5000.0)
IQ_GAIN_DB = (-0.5, 0.5)
IQ_PHASE_RAD = (-0.05, 0.05)
PN_OFFSETS = np.array([1e-4, 1e-3, 1e-2, 0.1])
PN_LEVELS_DB = np.array([-50.0, -70.0, -90.0, -100.0])
PN_SHIFT_DB = (-10.0, 10.0)


def fractional_delay_bank(delays):
    """(2H, T) float32 matrix: column i interpolates x(n - delays[i]) from x[n - H + 1 .. n + H].

    Row k of a sliding window starting at n - H + 1 holds x[n - H + 1 + k], i.e. lag H - 1 - k.
    """
    lags = FD_HALF - 1 - np.arange(2 * FD_HALF)[:, None]        # lag of each window row
    t = lags - delays[None, :]
    # Kaiser window evaluated at the continuous offset t (|t| <= H): I0(beta sqrt(1 - (t/H)^2)) / I0(beta)
    w = np.i0(FD_BETA * np.sqrt(np.clip(1 - (t / FD_HALF) ** 2, 0, None))) / np.i0(FD_BETA)
    h = np.sinc(t) * w
    h /= h.sum(axis=0, keepdims=True)                           # unit DC gain
    return h.astype(np.float32)


def phase_noise_sqrt_psd(n):
    """sqrt(2 L(f_k)) of the default mask (linear units) on the n FFT bins, DC zeroed."""
    f = np.abs(np.fft.fftfreq(n))
    f[0] = 1.0                                                  # placeholder, zeroed below
    level_db = np.interp(np.log10(f), np.log10(PN_OFFSETS), PN_LEVELS_DB)
    s = np.sqrt(2 * 10 ** (level_db / 10))
    s[0] = 0.0
    return s


class Chain:
    def __init__(self, length, snr_low, snr_high):
        self.length = length
        self.snr = (snr_low, snr_high)
        self.taps = rrc_taps([ROLLOFF], SPS, SPAN * SPS + 1).astype(np.float32)[0]
        powers = 10 ** (RA6_POWERS_DB / 10)
        self.tap_amp = np.sqrt(powers / powers.sum())
        self.fd_bank = fractional_delay_bank(RA6_DELAYS_NS * 1e-9 * FS)
        self.ntaps = len(RA6_DELAYS_NS)
        k = 10 ** (K_FACTOR_DB / 10)
        self.diffuse = np.full(self.ntaps, 1.0)
        self.diffuse[0] = np.sqrt(1 / (k + 1))
        self.los0 = np.sqrt(k / (k + 1))
        self.grid_points = -(-length // GRID) + 1
        self.pn_n = max(64, 1 << (length - 1).bit_length())
        self.pn_shape = phase_noise_sqrt_psd(self.pn_n)
        self.n = np.arange(length, dtype=np.float64)

    def shaped(self, rng, b, extra):
        """(b, length + extra) unit-power RRC-shaped QPSK, steady state from sample 0."""
        ntaps = len(self.taps)
        need = self.length + extra
        nsym = -(-(need + ntaps) // SPS)
        sym = QPSK[rng.integers(0, 4, size=(b, nsym))]
        up = np.zeros((b, nsym * SPS), dtype=np.complex64)
        up[:, ::SPS] = sym
        out = signal.oaconvolve(up, self.taps[None, :], mode="valid", axes=1)
        return out[:, :need]

    def gains(self, rng, b):
        """(b, T, length) complex64 tap gains: sum of sinusoids on a GRID-sample grid, linear in between."""
        fd = rng.uniform(*MAX_DOPPLER_HZ, size=b) / FS                          # cycles/sample
        theta = rng.uniform(-np.pi, np.pi, size=(b, self.ntaps, 1))
        phi = rng.uniform(-np.pi, np.pi, size=(b, self.ntaps, SINUSOIDS))
        phi0 = rng.uniform(-np.pi, np.pi, size=b)
        alpha = (2 * np.pi * np.arange(1, SINUSOIDS + 1) - np.pi + theta) / SINUSOIDS
        tg = np.arange(self.grid_points) * GRID                                  # grid times
        # (b, T, M, G) phases -> (b, T, G) diffuse part
        ph = (2 * np.pi * fd[:, None, None, None] * np.cos(alpha)[..., None] * tg + phi[..., None])
        d = np.exp(1j * ph).sum(axis=2) / np.sqrt(SINUSOIDS)
        g = d * self.diffuse[None, :, None]
        g[:, 0] += self.los0 * np.exp(1j * (2 * np.pi * fd[:, None] * LOS_COS * tg + phi0[:, None]))
        g *= self.tap_amp[None, :, None]
        g = g.astype(np.complex64)
        w = (np.arange(GRID, dtype=np.float32) / GRID)
        lin = g[..., :-1, None] * (1 - w) + g[..., 1:, None] * w                # (b, T, G-1, GRID)
        return lin.reshape(b, self.ntaps, -1)[..., :self.length]

    def block(self, rng, b):
        snr_db = rng.uniform(*self.snr, size=b)
        # Input with FD_HALF - 1 samples of history and FD_HALF of look-ahead for the delay FIR.
        x = self.shaped(rng, b, 2 * FD_HALF - 1)
        win = np.lib.stride_tricks.sliding_window_view(x, 2 * FD_HALF, axis=1)    # (b, L, 2H)
        delayed = win @ self.fd_bank                                                 # (b, L, T)
        g = self.gains(rng, b)                                                       # (b, T, L)
        y = np.einsum("blt,btl->bl", delayed, g)

        cfo = rng.uniform(*CFO_HZ, size=b) / FS
        y *= np.exp(2j * np.pi * cfo[:, None] * self.n).astype(np.complex64)

        sigma = np.sqrt(SPS * 10 ** (-snr_db / 10) / 2).astype(np.float32)
        y += rng.standard_normal((b, 2 * self.length), dtype=np.float32).view(np.complex64) * sigma[:, None]

        gain = 10 ** (rng.uniform(*IQ_GAIN_DB, size=b) / 20)
        ph = rng.uniform(*IQ_PHASE_RAD, size=b)
        mu = ((1 + gain * np.exp(-1j * ph)) / 2).astype(np.complex64)
        nu = ((1 - gain * np.exp(1j * ph)) / 2).astype(np.complex64)
        y = mu[:, None] * y + nu[:, None] * np.conj(y)

        shift = 10 ** (rng.uniform(*PN_SHIFT_DB, size=b) / 20)
        z = rng.standard_normal((b, 2 * self.pn_n), dtype=np.float32).view(np.complex64)
        z *= (self.pn_shape * np.sqrt(self.pn_n)).astype(np.float32)[None, :] / np.sqrt(2, dtype=np.float32)
        z *= shift.astype(np.float32)[:, None]
        phi = sfft.ifft(z, axis=1).real[:, :self.length]
        y *= np.exp(1j * phi).astype(np.complex64)
        return y


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("scenario", nargs="?", default=str(DEFAULT_SCENARIO),
                    help="realistic scenario JSON (default Scenarios/realistic-qpsk.json)")
    ap.add_argument("--examples", type=int, help="number of examples (overrides the scenario)")
    ap.add_argument("--block", type=int, default=256, help="examples per block (default 256)")
    ap.add_argument("--discard", action="store_true", required=True, help="synthesise only, write nothing")
    args = ap.parse_args()

    try:
        doc = json.loads(Path(args.scenario).read_text())
        length, seed = int(doc["samples_per_example"]), int(doc["seed"])
        snr = doc["snr_db"]
        lo, hi = (snr["uniform"]["low"], snr["uniform"]["high"]) if isinstance(snr, dict) else (snr, snr)
        n = args.examples if args.examples is not None else int(doc["examples"])
    except (OSError, ValueError, KeyError, TypeError) as e:
        sys.exit(f"baseline_numpy_realistic.py: {args.scenario}: {type(e).__name__}: {e}")
    if n < 1 or args.block < 1:
        sys.exit("baseline_numpy_realistic.py: --examples and --block must be positive")

    chain = Chain(length, lo, hi)
    rng = np.random.default_rng(seed)
    t0 = time.perf_counter()
    for first in range(0, n, args.block):
        chain.block(rng, min(args.block, n - first))
    seconds = time.perf_counter() - t0

    samples = n * length
    print(json.dumps({"samples": samples, "seconds": seconds, "samples_per_s": samples / seconds}))


if __name__ == "__main__":
    main()

#!/usr/bin/python3
"""Issue 6, grating coupler study (examples/grating_coupler): the driver at 20 cells/um with a
two-point period sweep, its figures checked against published values, the grating equation,
Gaussian-beam overlap formulas and the run's own power balance.

    /usr/bin/python3 tests/study_grating_test.py build/apps/pfdtd

20 cells/um is 7.7 cells per wavelength in Si at the band's short edge: the figures move by
less than the tolerances below between 20, 30 and 40 cells/um (README.md lists them).
"""
import json
import math
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
STUDY = os.path.join(ROOT, "examples", "grating_coupler", "study.py")
failures = []


def check(name, value, low, high, why):
    ok = low <= value <= high
    print(f"{'ok  ' if ok else 'FAIL'} {name}: {value:.6g} in [{low:.6g}, {high:.6g}]  ({why})")
    if not ok:
        failures.append(name)


def run_study(pfdtd, out):
    # One OpenMP thread per run: with two threads on cores shared with other jobs the
    # threads' barriers made a run 20x slower here (2 against 45 Mcells/s).
    env = dict(os.environ, OMP_NUM_THREADS=os.environ.get("OMP_NUM_THREADS", "1"))
    done = subprocess.run([sys.executable, STUDY, "--pfdtd", pfdtd, "--resolution", "20",
                           "--periods", "0.60", "0.66", "--fills", "0.5", "--output", out],
                          capture_output=True, text=True, env=env)
    print(done.stdout + done.stderr)
    if done.returncode != 0:
        sys.exit(f"study.py exited {done.returncode}")
    with open(os.path.join(out, "figures.json")) as f:
        return json.load(f)


def check_published(f):
    # Taillaert et al., Jpn. J. Appl. Phys. 45, 6071 (2006): > 30 % measured with a 1-dB
    # bandwidth of 40 nm for this uniform grating on standard SOI wafers. Su et al.,
    # arXiv:1711.02228 (2017), citing Bozzola et al. (2015): a uniform grating on 220-nm SOI
    # loses more than 2.6 dB (CE < 55 %), its directionality (~60 % up here) and the mismatch
    # of its exponential field with the Gaussian fibre mode (overlap < 80 %, Zhao & Fan,
    # arXiv:2002.05885) being the limits. The 2D model has no lateral mode mismatch, so its
    # CE may sit above the 3D/measured values but not above the uniform-grating limit.
    check("peak CE", f["peak_ce"], 0.30, 0.55, "Taillaert 2006 > 30 %; uniform limit 55 %")
    check("1-dB bandwidth nm", f["bw_1db_nm"], 30, 55,
          "Taillaert 2006: 40 nm; +-25 % for the 2D model and the oxide cladding")
    check("peak wavelength um", f["peak_wavelength_um"], 1.53, 1.57,
          "fibre at the optimal tilt for 1.55 um: the peak within 20 nm (half the 1-dB width)")
    # A Gaussian spectrum has 3-dB / 1-dB width sqrt(3) = 1.732; the grating's is close to it.
    check("3-dB / 1-dB width", f["bw_3db_nm"] / f["bw_1db_nm"], 1.55, 1.95,
          "sqrt(3) for a Gaussian spectrum, +-12 %")


def check_internal(f):
    # Lossless materials and a closed box of flux lines: their sum is the launched power up
    # to the DFT of a finite float32 record (measured 7e-4 at 20 cells/um, 1e-3 at 30).
    check("power balance |sum - 1|", f["balance_max_error"], 0, 5e-3, "up + down + back + through = 1")
    check("forward TE0 behind the source", f["back_monitor_forward"], 0, 1e-6,
          "the mode source is one-way (TFSF): nothing goes backwards but the reflection")
    check("reflection <= back flux", 10 ** (f["reflection_db"] / 10) - f["left_fraction"], -1, 1e-4,
          "the TE0 reflection is part of the flux leaving backwards")
    check("back-reflection dB", f["reflection_db"], -60, -15,
          "a shallow 70-nm grating reflects weakly: Bragg order off 1.55 um (measured -24 dB)")
    # First-order grating equation with the fill-weighted slab index (Chrostowski & Hochberg
    # 2015, ch. 5): an approximation of the Bloch index, good to ~0.01 in neff (0.6 deg).
    check("far field - grating equation deg", f["far_field_deg"] - f["grating_equation_deg"], -1.0, 1.0,
          "sin(theta) = neff - lambda / period")
    check("d sin(theta) / d lambda ratio", f["far_field_slope"] / f["grating_equation_slope"], 0.85, 1.15,
          "the mean slab index's dispersion stands for the Bloch mode's (measured 0.92)")
    check("best tilt - far-field peak deg", f["best_tilt_deg"] - f["far_field_deg"], -0.5, 0.5,
          "the fibre couples best along the beam's direction")
    # Offset/tilt 1-dB windows of a Gaussian against a Gaussian of the same waist (Marcuse,
    # BSTJ 56, 703 (1977), 2D: exp(-(d/w0)^2), exp(-(pi w0 theta/lambda)^2)); the grating's
    # beam is an exponential, not a Gaussian, of a similar width: +-10 %.
    check("1-dB offset window / Marcuse", f["window_1db_offset_um"] / f["marcuse_offset_um"], 0.9, 1.1,
          "4.99 um for w0 = 5.2 um")
    check("1-dB tilt window / Marcuse", f["window_1db_tilt_deg"] / f["marcuse_tilt_deg"], 0.9, 1.1,
          "5.22 deg for w0 = 5.2 um at 1.55 um")


def check_map(data):
    f = data["figures"]
    best = max(max(row) for row in data["map"]["ce"])
    # The map's fibres sit on the aligned fibre's offset grid; its peak is a grid sample, the
    # scan's best a parabola through samples: equal within the 0.25-um / 1-deg sampling.
    check("map peak - scan best dB", 10 * math.log10(best / f["best_ce_scan"]), -0.1, 1e-6,
          "the offset x tilt map holds the aligned fibre's optimum")


def check_sweep(rows):
    for r in rows:
        # Near the vertical (0.60 um: ~7 deg) the second-order Bragg reflection (R -16 dB
        # there) couples the forward and backward waves and pulls the beam by ~1 deg
        # (measured -0.92 deg at 20 cells/um): 1.5 deg.
        check(f"sweep period {r['period']}: far field - grating equation deg",
              r["far_field_deg"] - r["grating_equation_deg"], -1.5, 1.5, "as for the nominal grating")
    by_period = sorted(rows, key=lambda r: r["period"])
    check("sweep: best tilt rise 0.60 -> 0.66 um deg",
          by_period[-1]["best_tilt_deg"] - by_period[0]["best_tilt_deg"],
          by_period[-1]["grating_equation_deg"] - by_period[0]["grating_equation_deg"] - 1.5,
          by_period[-1]["grating_equation_deg"] - by_period[0]["grating_equation_deg"] + 1.5,
          "a longer period diffracts further forward, as the grating equation says")


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: study_grating_test.py PFDTD")
    with tempfile.TemporaryDirectory(prefix="study_grating_") as out:
        data = run_study(os.path.abspath(sys.argv[1]), out)
    check_published(data["figures"])
    check_internal(data["figures"])
    check_map(data)
    check_sweep(data["sweep"])
    if failures:
        sys.exit(f"{len(failures)} check(s) failed: {', '.join(failures)}")
    print("all checks passed")


if __name__ == "__main__":
    main()

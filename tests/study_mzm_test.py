#!/usr/bin/python3
"""ctest study_mzm: examples/mzm/study.py at reduced resolution, its figures against their
references (examples/mzm/README.md).

    study_mzm_test.py PFDTD

Points: phase-shifter cross-section at 40 cells/um, 0 and 2 V reverse; MMI in 2D at 20
cells/um, body lengths 7.6, 8.0, 8.4 um and the mode solver's 3 L_pi / 8. About 40 s on one
core. Checks and why each tolerance:

- The driver's depletion model and plasma dispersion (Python copies) against the library's
  tested values (docs/materials.md): 1e-4 relative, the digits the docs print.
- delta-neff(2 V) from the mode solver within 12 % of the perturbation integral on the 0 V
  mode. The mode solver sees the depletion edges through the subpixel smoothing of a layer
  2-5 cells wide, a first-order error in the edge positions; measured 6.5 % at 40 cells/um
  and 1.3 % at 50 (the README command). A depletion region drawn at the wrong place or
  width, or a sign error in dn, moves it by far more (the 2 V strip alone is 0.054 um).
- V-pi-L (0 -> 2 V) within 1.2-3.0 V.cm: published lateral-PN SOI depletion modulators with
  doping of a few 1e17 cm^-3 report 1.5-3 V.cm (e.g. VpiL < 2 V.cm, X. Xiao et al., Opt.
  Express 21, 4116 (2013)); our junction is centred and symmetric (the efficient case) and
  the model has no contact or slab-doping losses, so the lower bound is widened a little.
  Measured 1.53 (40/um), 1.55 (50/um).
- Phase-shifter loss at 0 V between 5 and 25 dB/cm (Nedeljkovic's absorption of 5e17 holes
  and electrons over the mode: 12 dB/cm measured), and lower at 2 V (carriers removed).
- MMI: imbalance |10 log10(|S21|^2/|S31|^2)| < 0.05 dB at every length (symmetry; the
  grid is symmetric about the axis: measured 0.0000 dB), excess loss at the mode solver's
  3 L_pi / 8 below 0.5 dB (self-imaging at the design length: measured 0.25 dB), reflection
  below 1e-3, and the least-loss length within 10 % of 3 L_pi / 8 (the access tapers' 1-um
  ends and the higher modes' non-quadratic beta shift the image: measured 5 %).
- MZI: the S-matrix cascade equals the cos^2(dphi/2) form with the arm and MMI losses within
  1e-3 relative (exact for a balanced, reciprocal splitter: a wrong arm phase, a combiner
  not mirrored or a dropped loss shows), and T falls from 0 to 2 V by cos^2(dphi/2) of the
  solved dneff.
- The three PNGs and study.json exist.
"""
import json
import math
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
STUDY = os.path.join(os.path.dirname(HERE), "examples", "mzm")
sys.path.insert(0, STUDY)
import study  # noqa: E402

failures = []


def check(ok, what):
    print(("ok    " if ok else "FAIL  ") + what)
    if not ok:
        failures.append(what)


def rel(a, b):
    return abs(a - b) / abs(b)


def check_models():
    vbi, xp, xn = study.junction(1e18, 1e18, 0.0)
    check(rel(vbi, 0.95242) < 1e-4, f"Vbi(1e18, 1e18) {vbi:.5f} V, library 0.95242 V")
    check(rel(xp + xn, 0.04963) < 1e-3, f"W(0 V) {xp + xn:.5f} um, library 0.04963 um")
    _, xp, xn = study.junction(1e18, 1e18, 2.0)
    check(rel(xp + xn, 0.08738) < 1e-3, f"W(2 V) {xp + xn:.5f} um, library 0.08738 um")
    dn = study.nedeljkovic(1e18, 1e18)
    check(rel(dn.real, -2.7084e-3) < 1e-4, f"Nedeljkovic dn {dn.real:.5e}, library -2.7084e-3")
    dalpha = dn.imag * 4 * math.pi / (study.WAVELENGTH * 1e-4)
    check(rel(dalpha, 14.354) < 1e-4, f"Nedeljkovic dalpha {dalpha:.4f} /cm, library 14.354 /cm")


def check_study(r):
    ps = {p["bias"]: p for p in r["phase_shifter"]}
    p2 = ps[2.0]
    d, d_ref = p2["dneff"][0], p2["dneff_perturbation"][0]
    check(d > 0 and rel(d, d_ref) < 0.12, f"dneff(2 V) {d:.4e}, perturbation integral {d_ref:.4e} (12 %)")
    check(1.2 <= p2["vpil_v_cm"] <= 3.0, f"VpiL(0-2 V) {p2['vpil_v_cm']:.3f} V.cm in 1.2-3.0 (published 1.5-3)")
    check(5 < ps[0.0]["loss_db_cm"] < 25 and p2["loss_db_cm"] < ps[0.0]["loss_db_cm"],
          f"loss {ps[0.0]['loss_db_cm']:.2f} dB/cm at 0 V (5-25), {p2['loss_db_cm']:.2f} at 2 V (lower)")
    design = r["mmi_design_length_um"]
    for m in r["mmi"]:
        check(abs(m["imbalance_db"]) < 0.05, f"MMI L {m['length']:.3f}: imbalance {m['imbalance_db']:+.4f} dB (< 0.05)")
        check(m["reflection"] < 1e-3, f"MMI L {m['length']:.3f}: reflection {m['reflection']:.2e} (< 1e-3)")
    at_design = next(m for m in r["mmi"] if m["length"] == design)
    check(at_design["excess_loss_db"] < 0.5, f"MMI excess loss at 3 L_pi/8 = {design:.3f} um: "
          f"{at_design['excess_loss_db']:.4f} dB (< 0.5)")
    best = r["mmi_best_length_um"]
    check(rel(best, design) < 0.10, f"MMI least-loss length {best:.3f} um within 10 % of {design:.3f} um")
    for row in r["mzi"]:
        check(rel(row["T"], row["T_cos2"]) < 1e-3, f"MZI {row['bias']:g} V: cascade T {row['T']:.5f}, "
              f"cos^2 form {row['T_cos2']:.5f} (1e-3)")
    t0, t2 = r["mzi"][0]["T"], r["mzi"][-1]["T"]
    dphi = r["mzi"][-1]["dphi_rad"]
    loss_ratio = math.exp(  # amplitude of the biased arm over the other's
        -2 * math.pi / study.WAVELENGTH * r["arm_length_um"] * (p2["neff"][1] - ps[0.0]["neff"][1]))
    expected = (1 + loss_ratio**2 + 2 * loss_ratio * math.cos(dphi)) / 4   # the 0 V arm's loss divides out
    check(abs(t2 / t0 - expected) < 1e-3, f"MZI T(2 V)/T(0 V) {t2 / t0:.5f}, from dphi {dphi:.4f} rad: {expected:.5f}")


def main():
    pfdtd = sys.argv[1]
    check_models()
    with tempfile.TemporaryDirectory() as out:
        cmd = [sys.executable, os.path.join(STUDY, "study.py"), "--pfdtd", pfdtd, "--out", out,
               "--ps-resolution", "40", "--mmi-resolution", "20", "--biases", "0", "2",
               "--mmi-lengths", "7.6", "8.0", "8.4"]
        env = dict(os.environ, OMP_NUM_THREADS=os.environ.get("OMP_NUM_THREADS", "1"))
        done = subprocess.run(cmd, env=env, capture_output=True, text=True)
        print(done.stdout, done.stderr)
        check(done.returncode == 0, "study.py ran")
        if done.returncode == 0:
            with open(os.path.join(out, "study.json")) as f:
                check_study(json.load(f))
            for name in ("dneff.png", "mmi.png", "mzi.png"):
                check(os.path.getsize(os.path.join(out, name)) > 10000, f"{name} written")
    if failures:
        sys.exit(f"{len(failures)} check(s) failed")


if __name__ == "__main__":
    main()

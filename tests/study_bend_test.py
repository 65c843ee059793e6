#!/usr/bin/python3
"""The SOI bend study (examples/soi_bend) at reduced resolution, against its references.

Runs the study's own driver (study.py) at 20 cells/um for R = 1.5 and 5 um. Checks:
1. The 2D model: the scenes' core index is the TE0 index of the 220-nm Si slab in SiO2
   (dispersion relation), and the conformal solver's straight TE0 matches the analytic
   2D slab root (E normal to the walls: tan(kx w/2) = (n_core/n_clad)^2 gamma/kx).
2. The scenes as written are the driver's R = 5 um points (files and driver agree).
3. Straight reference: TE0 transmission 1 within 1e-3. A uniform guide launched and
   measured in its own discrete mode loses nothing but float32 round-off (measured:
   |1 - T| < 2e-5 at 30 cells/um); 1e-3 is also 0.004 dB, ten times below the R = 5 um loss.
4. Circular bend, R = 5 um (radiation < 1e-6 dB: junction mismatch only): TE0 transmission
   inside the two-mode band [(eta0 - eta1)^2, (eta0 + eta1)^2] of the conformal junction
   efficiencies, and TE1 out below 4 eta0 eta1, each widened by 1e-3 (twice the largest
   change of either figure between 20, 30 and 40 cells/um, 4.5e-4). A bend with no junction
   loss (T0 = 1) or with the doubled mismatch of a graded isotropic index fails.
5. Euler bends of the same minimum radius lose less than circular ones at R = 1.5 um, by
   over a factor 2 (no junction mismatch: measured below a tenth); circular loss falls
   with radius.
"""
import math
import os
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "examples", "soi_bend"))
import conformal  # noqa: E402
import study  # noqa: E402

PFDTD = os.path.abspath(sys.argv[1])
RESOLUTION = 20
RADII = [1.5, 5.0]
DISCRETISATION = 1e-3
failures = []


def check(ok, message):
    print(("ok    " if ok else "FAIL  ") + message, flush=True)
    if not ok:
        failures.append(message)


def analytic_2d_te0(guide):
    """Bisection of tan(kx w/2) = (n1/n2)^2 gamma/kx for the fundamental (E normal to walls)."""
    k = 2 * math.pi / guide.wavelength
    low, high = guide.n_clad + 1e-12, guide.n_core - 1e-12
    low = max(low, math.sqrt(max(guide.n_core**2 - (math.pi / (k * guide.width))**2, 0)) + 1e-12)
    for _ in range(200):
        n = 0.5 * (low + high)
        kx, gamma = k * math.sqrt(guide.n_core**2 - n**2), k * math.sqrt(n**2 - guide.n_clad**2)
        f = math.tan(kx * guide.width / 2) - (guide.n_core / guide.n_clad)**2 * gamma / kx
        low, high = (n, high) if f > 0 else (low, n)
    return 0.5 * (low + high)


def check_model():
    slab = conformal.slab_te_index(3.476, 1.444, 0.22, 1.55)
    for kind in ("straight", "circular", "euler"):
        n_core = study.load_scene(kind)["materials"]["si_eff"]["index"]
        check(abs(n_core - slab) < 1e-4, f"{kind}.yaml core index {n_core} = slab TE0 index {slab:.5f}")
    guide = study.model_guide(study.load_scene("circular"))
    solved, exact = conformal.solve_te(guide).neff.real, analytic_2d_te0(guide)
    check(abs(solved - exact) < 1e-5, f"conformal solver straight TE0 {solved:.6f} vs analytic {exact:.6f}")


def check_scene_files():
    for kind in ("circular", "euler"):
        base = study.load_scene(kind)
        placed = study.place_bend(study.load_scene(kind), 5.0)
        check(placed == base, f"{kind}.yaml is the driver's R = 5 um point")


def check_study(out_dir):
    straight, rows = study.run_study(PFDTD, RADII, RESOLUTION, out_dir)
    print("\n".join(study.table_lines(rows)), flush=True)
    check(abs(straight["T"] - 1) < 1e-3, f"straight TE0 T = {straight['T']:.6f} (1 within 1e-3)")
    small, large = rows
    low, high = large["band_T_low"] - DISCRETISATION, large["band_T_high"] + DISCRETISATION
    check(low <= large["circular_T"] <= high,
          f"circular R=5: T0 {large['circular_T']:.5f} in the two-mode band [{low:.5f}, {high:.5f}] "
          f"(2x mismatch alone: {10**(-large['mismatch_db'] / 10):.5f})")
    check(large["circular_te1"] <= large["te1_max"] + DISCRETISATION,
          f"circular R=5: TE1 out {large['circular_te1']:.5f} <= 4 eta0 eta1 {large['te1_max']:.5f} + {DISCRETISATION}")
    check(small["euler_db"] < 0.5 * small["circular_db"],
          f"R=1.5: Euler {small['euler_db']:.4f} dB < half of circular {small['circular_db']:.4f} dB")
    check(small["circular_db"] > large["circular_db"],
          f"circular loss falls with radius: {small['circular_db']:.4f} > {large['circular_db']:.4f} dB")


def main():
    check_model()
    check_scene_files()
    with tempfile.TemporaryDirectory() as out_dir:
        check_study(out_dir)
    if failures:
        print(f"{len(failures)} check(s) failed")
        sys.exit(1)
    print("all checks passed")


if __name__ == "__main__":
    main()

# Independent reference for tests/test_mode_solver.cpp (StripWaveguide): effective indices of
# the SOI strip 0.5 x 0.22 um, n = 3.48 in n = 1.44, at 1.55 um, by MPB (plane-wave expansion,
# its own subpixel averaging), propagation along x. Run: /usr/bin/python3 mpb_strip.py
# (about 15 minutes on one core; the test uses the 256/um values).
import meep as mp
from meep import mpb

wavelength, width, height = 1.55, 0.5, 0.22
omega = 1 / wavelength
for resolution in (32, 64, 96, 128, 160, 256):
    ms = mpb.ModeSolver(
        geometry_lattice=mp.Lattice(size=mp.Vector3(0, 4, 3)),
        geometry=[mp.Block(size=mp.Vector3(mp.inf, width, height), material=mp.Medium(index=3.48))],
        default_material=mp.Medium(index=1.44),
        resolution=resolution,
        num_bands=2,
        tolerance=1e-10,
    )
    ks = ms.find_k(mp.NO_PARITY, omega, 1, 2, mp.Vector3(1), 1e-10, 2.4 * omega, 1.44 * omega, 3.48 * omega)
    print("resolution", resolution, "neff", [k / omega for k in ks], flush=True)

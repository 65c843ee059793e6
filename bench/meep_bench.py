#!/usr/bin/python3
"""The built-in pfdtd benchmark rebuilt in MEEP (Debian's python3-meep) for comparison:
a Si strip waveguide (0.5 x 0.22 um, n = 3.48) in SiO2 (n = 1.444), PML on all faces
(12 cells thick), a dipole source, resolution 40, about 10 million cells, float64 fields
(MEEP's default). Prints the stepping rate in Mcells/s.

usage: meep_bench.py [cells] [steps]
"""
import sys
import time

import meep as mp

cells = float(sys.argv[1]) if len(sys.argv) > 1 else 1e7
steps = int(sys.argv[2]) if len(sys.argv) > 2 else 30
res = 40
side = round((cells / 2) ** (1 / 3)) / res
cell = mp.Vector3(2 * side, side, side)
sim = mp.Simulation(
    cell_size=cell,
    resolution=res,
    boundary_layers=[mp.PML(12 / res)],
    default_material=mp.Medium(index=1.444),
    geometry=[mp.Block(mp.Vector3(mp.inf, 0.5, 0.22), material=mp.Medium(index=3.48))],
    sources=[mp.Source(mp.GaussianSource(1 / 1.55, fwidth=0.1), component=mp.Ey, center=mp.Vector3(-0.5 * side))],
    eps_averaging=False,
)
sim.init_sim()
for _ in range(3):
    sim.fields.step()
t0 = time.time()
for _ in range(steps):
    sim.fields.step()
elapsed = time.time() - t0
n = cell.x * cell.y * cell.z * res**3
print(f"meep {mp.__version__}: {n:.3g} cells, {steps} steps: {elapsed:.2f} s, {n * steps / elapsed / 1e6:.1f} Mcells/s")

#!/usr/bin/python3
"""End-to-end tests of the pfdtd command line: a small run writes readable outputs with the
documented layout, `check` reports estimates, and bad input fails with file:line:column."""
import os
import signal
import subprocess
import sys
import tempfile
import time

import h5py
import numpy as np

PFDTD = sys.argv[1]
failures = []


def expect(cond, what):
    print(("ok   " if cond else "FAIL ") + what)
    if not cond:
        failures.append(what)


def run(args, cwd):
    p = subprocess.run([PFDTD] + args, cwd=cwd, capture_output=True, text=True, timeout=300)
    return p.returncode, p.stdout + p.stderr


SCENE = """\
domain: {size: [3.0, 2.0, 0], resolution: 20, dims: 2}
materials: {si: {index: 3.48}}
geometry:
  - box: {material: si, center: [0.8, 0, 0], size: [1.0, inf, inf]}
sources:
  - {component: Ez, center: [-0.6, 0, 0], size: [0, 2.0, 0], gaussian: {wavelength: 1.55, bandwidth: 0.3}}
monitors:
  - probe: {name: p, components: [Ez, Hy], point: [0, 0, 0]}
  - flux: {name: t, center: [0.0, 0, 0], size: [0, 1.2, 0], wavelengths: {start: 1.5, stop: 1.6, count: 3}}
  - snapshot: {name: xy, components: [Ez], center: [0, 0, 0], size: [3, 2, 0], every: 50}
run: {time: 8, output: out}
"""

with tempfile.TemporaryDirectory() as tmp:
    with open(os.path.join(tmp, "scene.yaml"), "w") as f:
        f.write(SCENE)
    code, out = run(["check", "scene.yaml"], tmp)
    expect(code == 0 and "cells" in out and "memory" in out and "runtime" in out, "check prints estimates")

    code, out = run(["run", "scene.yaml", "--quiet"], tmp)
    expect(code == 0 and "Mcells/s" in out, "run completes and prints Mcells/s")
    with h5py.File(os.path.join(tmp, "out", "results.h5"), "r") as h5:
        expect(h5.attrs["status"] == b"completed" or h5.attrs["status"] == "completed", "status attribute")
        expect("domain:" in str(h5.attrs["scene"]), "scene text embedded")
        ez = h5["probes/p-Ez/values"][:]
        expect(ez.size > 100 and np.all(np.isfinite(ez)) and np.abs(ez).max() > 0, "probe series finite, nonzero")
        expect(h5["flux/t/wavelength"][0] == 1.5 and h5["flux/t/flux"].shape == (3,), "flux spectrum layout")
        expect(np.all(h5["flux/t/flux"][:] > 0), "forward flux positive")
    snaps = sorted(f for f in os.listdir(os.path.join(tmp, "out")) if f.endswith(".hdf"))
    expect(len(snaps) >= 3, f"snapshots written ({len(snaps)})")
    with h5py.File(os.path.join(tmp, "out", snaps[0]), "r") as v:
        t = v["VTKHDF"].attrs["Type"]
        expect(t == b"ImageData" and v["VTKHDF"].attrs["Type"].dtype.kind == "S", "VTKHDF Type fixed-length ASCII")
        expect(v["VTKHDF/PointData/Ez"].shape == (1, 40, 60), "VTKHDF array stored (nz, ny, nx)")
    expect(os.path.exists(os.path.join(tmp, "out", "xy-Ez.pvd")), "pvd time series")

    # pfdtd geometry: the permittivity the run will see, before running it.
    code, out = run(["geometry", "scene.yaml", "--wavelength", "1.55", "--out", "geo"], tmp)
    expect(code == 0 and "permittivity.h5" in out, "geometry command writes its files")
    with h5py.File(os.path.join(tmp, "geo", "permittivity.h5"), "r") as h5:
        ez = h5["eps_z/real"][:]
        expect(ez.shape == (1, 40, 60), f"permittivity stored (nz, ny, nx) {ez.shape}")
        # Si box from x = 0.3 to 1.3 um: cell 50 (x = 1.025) is inside, cell 5 (x = -1.225) outside
        expect(abs(ez[0, 20, 50] - 3.48 ** 2) < 1e-9 and abs(ez[0, 20, 5] - 1) < 1e-12, "Si and vacuum values")
        expect(np.all(ez >= 1) and np.all(ez <= 3.48 ** 2 + 1e-9), "smoothed values between the two media")
    with open(os.path.join(tmp, "geo", "eps-xy.png"), "rb") as png:
        expect(png.read(8) == b"\x89PNG\r\n\x1a\n", "cross-section is a PNG")

    bad = SCENE.replace("resolution: 20", "resolutoin: 20")
    with open(os.path.join(tmp, "bad.yaml"), "w") as f:
        f.write(bad)
    code, out = run(["run", "bad.yaml"], tmp)
    expect(code == 1 and "bad.yaml:1:" in out and "resolution" in out, "unknown key: file:line and suggestion")

    code, out = run(["run", "missing.yaml"], tmp)
    expect(code == 1 and "missing.yaml" in out, "missing file named")

    # SIGTERM (what Slurm sends before a time limit) stops the run with its results written.
    with open(os.path.join(tmp, "long.yaml"), "w") as f:
        f.write(SCENE.replace("time: 8, output: out", "time: 100000, output: long"))
    p = subprocess.Popen([PFDTD, "run", "long.yaml", "--quiet"], cwd=tmp, stdout=subprocess.PIPE,
                         stderr=subprocess.STDOUT, text=True)
    time.sleep(1.5)
    p.send_signal(signal.SIGTERM)
    out, _ = p.communicate(timeout=60)
    expect(p.returncode == 5 and "stopped by signal" in out, "SIGTERM stops the run cleanly")
    with h5py.File(os.path.join(tmp, "long", "results.h5"), "r") as h5:
        status = h5.attrs["status"]
        status = status.decode() if isinstance(status, bytes) else status
        expect(status.startswith("interrupted at step"), f"interrupted status recorded ({status})")

    code, out = run(["bench", "--cells", "2e5", "--steps", "3"], tmp)
    expect(code == 0 and out.strip().endswith("Mcells/s"), "bench prints a line ending in Mcells/s")

print(f"{len(failures)} failure(s)")
sys.exit(1 if failures else 0)

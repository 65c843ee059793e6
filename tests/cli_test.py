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

FIBRE_SCENE = """\
domain: {size: [8.0, 14.0, 0], resolution: 12, dims: 2}
sources:
  - {beam: {waist: 1.5, polarization_deg: 90}, center: [-2.5, 0, 0], size: [0, 11, 0],
     gaussian: {wavelength: 1.55, bandwidth: 0.4}}
monitors:
  - flux:
      name: up
      center: [2.0, 0, 0]
      size: [0, 11, 0]
      wavelengths: [1.5, 1.55]
      fibre: {waist: 1.5, focus: [-2.5, 0], polarization_deg: 90, scan: {offset: 2, offset_steps: 9, tilt: 4, tilt_steps: 5}}
      far_field: {samples: 181}
run: {time: 30, output: fibre-out}
"""

DFT_SCENE = """\
domain: {size: [3.0, 2.0, 0], resolution: 20, dims: 2}
sources:
  - {component: Ez, center: [-0.3, 0.1, 0], gaussian: {wavelength: 1.55, bandwidth: 0.3}}
monitors:
  - dft_fields: {name: xy, center: [0, 0, 0], size: [1.0, 0.5, 0], components: [Ez, Hx], wavelengths: [1.5, 1.55]}
run: {time: 8, output: dft-out}
"""

PORTS_SCENE = """\
domain: {size: [3.0, 2.4, 0], resolution: 25, dims: 2}
materials: {si: {index: 3.48}, oxide: {index: 1.444}}
background: oxide
geometry:
  - box: {material: si, center: [0, 0, 0], size: [inf, 0.3, inf]}
sources:
  - {name: in, mode: 0, center: [-0.9, 0], size: [0, 2.4], gaussian: {wavelength: 1.55, bandwidth: 0.1}}
monitors:
  - mode: {name: out, center: [0.9, 0], size: [0, 2.4], wavelengths: [1.5, 1.55, 1.6]}
ports:
  - {name: a, center: [-0.9, 0], size: [0, 2.4], direction: +1}
  - {name: b, center: [0.9, 0], size: [0, 2.4], direction: -1}
s_parameters: {wavelengths: [1.5, 1.55, 1.6], excite: [a]}
run: {time: 100, output: ports-out}
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
    snaps = sorted(f for f in os.listdir(os.path.join(tmp, "out")) if f.startswith("xy-") and f.endswith(".hdf"))
    expect(os.path.exists(os.path.join(tmp, "out", "permittivity.hdf")), "the run writes its permittivity")
    expect(len(snaps) >= 3, f"snapshots written ({len(snaps)})")
    with h5py.File(os.path.join(tmp, "out", snaps[0]), "r") as v:
        t = v["VTKHDF"].attrs["Type"]
        expect(t == b"ImageData" and v["VTKHDF"].attrs["Type"].dtype.kind == "S", "VTKHDF Type fixed-length ASCII")
        # a z-flat plane is the image (1, 60, 40) with Direction mapping i, j, k to z, x, y
        # (ParaView 5.11 crashes on a flat y or z extent; docs/output-format.md)
        expect(v["VTKHDF/PointData/Ez"].shape == (40, 60, 1), "VTKHDF array stored (ny, nx, 1)")
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

    # A Gaussian beam into a fibre identical to it: coupling, alignment map and far field.
    with open(os.path.join(tmp, "fibre.yaml"), "w") as f:
        f.write(FIBRE_SCENE)
    code, out = run(["run", "fibre.yaml", "--quiet"], tmp)
    expect(code == 0, "fibre scene runs")
    with h5py.File(os.path.join(tmp, "fibre-out", "results.h5"), "r") as h5:
        fib = h5["flux/up/fibre"]
        eff, eff_in = fib["efficiency"][:], fib["efficiency_input"][:]
        expect(eff.shape == (2,) and np.all(np.abs(eff - 1) < 0.02), f"fibre efficiency near 1 ({eff})")
        expect(np.all(np.abs(eff_in - 1) < 0.05), f"efficiency vs launched power near 1 ({eff_in})")
        expect(fib["efficiency"].attrs["units"] == b"coupled power / plane flux along the fibre"
               or fib["efficiency"].attrs["units"] == "coupled power / plane flux along the fibre", "units attribute")
        expect(abs(fib.attrs["waist_um"][0] - 1.5) < 1e-12 and fib.attrs["focus_um"][0] == -2.5, "fibre placement")
        al = fib["alignment"]
        expect(al["efficiency_uv"].shape == (1, 9) and al["tilt"].shape == (5,), "alignment map layout")
        expect(abs(al.attrs["best_offset_um"][0]) < 0.05 and abs(al.attrs["best_tilt_deg"][0]) < 0.2,
               f"best placement at the nominal one ({al.attrs['best_offset_um']}, {al.attrs['best_tilt_deg']})")
        w = al.attrs["one_db_full_width_um"][0]  # 2 w0 sqrt(0.1 ln 10) = 1.4397 um
        expect(abs(w / 1.4397 - 1) < 0.03, f"1-dB offset width ({w:.4f} um)")
        ff = h5["flux/up/far_field"]
        expect(ff["intensity"].shape == (2, 1, 181) and ff.attrs["line"][0] == 1, "far-field layout")
        expect(np.all(np.abs(ff["peak_theta"][:]) < 0.5), "far field peaks on the axis")
        ratio = ff["power"][:] / ff["plane_power"][:]
        expect(np.all(np.abs(ratio - 1) < 0.02), f"far-field power = plane flux ({ratio})")

    # dft_fields: raw components at their Yee positions in results.h5, cell-centred magnitude
    # and phase for ParaView in <name>.dft.hdf.
    with open(os.path.join(tmp, "dft.yaml"), "w") as f:
        f.write(DFT_SCENE)
    code, out = run(["run", "dft.yaml", "--quiet"], tmp)
    expect(code == 0, "dft_fields scene runs")
    with h5py.File(os.path.join(tmp, "dft-out", "results.h5"), "r") as h5:
        ez, hx = h5["dft/xy/Ez"], h5["dft/xy/Hx"]
        expect(ez.dtype == np.complex128 and ez.shape == (2, 1, 11, 21) and hx.shape == (2, 1, 10, 21),
               f"dft datasets (nf, nz, ny, nx) complex ({ez.dtype}, {ez.shape}, {hx.shape})")
        expect(np.allclose(ez.attrs["origin_um"], [-0.5, -0.25, 0.025]) and np.allclose(ez.attrs["wavelength_um"], [1.5, 1.55]),
               f"dft origin and wavelengths ({ez.attrs['origin_um']})")
        a = ez[1, 0]
        centred = np.abs(0.25 * (a[:-1, :-1] + a[1:, :-1] + a[:-1, 1:] + a[1:, 1:]))
        expect(np.abs(a).max() > 0 and np.all(np.isfinite(a)), "dft values finite, nonzero")
    with h5py.File(os.path.join(tmp, "dft-out", "xy.dft.hdf"), "r") as v:
        expect(v["VTKHDF"].attrs["Type"] == b"ImageData" and np.allclose(v["VTKHDF"].attrs["Origin"], [-0.475, -0.225, 0.025]),
               "dft view is VTKHDF ImageData at cell centres")
        mag = v["VTKHDF/PointData/|Ez| 1.55um"][:]
        expect(mag.shape == (10, 20, 1) and "phase Hx 1.5um" in v["VTKHDF/PointData"], "dft view arrays")
        expect(np.allclose(mag[..., 0], centred, rtol=1e-12, atol=0), "dft view = raw Ez averaged to cell centres")

    code, out = run(["bench", "--cells", "2e5", "--steps", "3"], tmp)
    expect(code == 0 and out.strip().endswith("Mcells/s"), "bench prints a line ending in Mcells/s")

# Resonances: a 2D PEC cavity 1.0 x 0.8 um; its TM_11 frequency obeys the Yee dispersion
# relation (2/dt sin(w dt/2))^2 = sum (2/d sin(k d/2))^2 exactly (tests/test_cavity.cpp), and
# harminv on the noise-free record must find it to 1e-6 with Q beyond 1e6 (no loss).
CAVITY_SCENE = """\
domain: {size: [1.0, 0.8, 0], resolution: 20, dims: 2}
boundaries: {all: pec}
sources:
  - {component: Ez, center: [-0.27, -0.23, 0], gaussian: {wavelength: 1.25, bandwidth: 0.3}}
monitors:
  - probe: {name: p, components: [Ez], point: [0.11, 0.13, 0], resonances: {wavelengths: [1.1, 1.4]}}
run: {time: 60, output: cavity-out}
"""

# `pfdtd modes`: a 2D Si slab 0.5 um wide in air, swept over three wavelengths.
MODES_SCENE = """\
domain: {size: [2.0, 3.0, 0], resolution: 20, dims: 2}
materials: {si: {index: 3.48}}
geometry:
  - box: {material: si, center: [0, 0, 0], size: [inf, 0.5, inf]}
modes:
  - name: wg
    center: [0, 0, 0]
    size: [0, 3.0, 0]
    wavelengths: {start: 1.5, stop: 1.6, count: 3}
    num_modes: 2
    regions: {core: {center: [0, 0, 0], size: [0, 0.5, 0]}}
run: {time: 8, output: modes-out}
"""

with tempfile.TemporaryDirectory() as tmp:
    with open(os.path.join(tmp, "cavity.yaml"), "w") as f:
        f.write(CAVITY_SCENE)
    code, out = run(["run", "cavity.yaml", "--quiet"], tmp)
    expect(code == 0, "cavity scene with resonances runs")
    with h5py.File(os.path.join(tmp, "cavity-out", "results.h5"), "r") as h5:
        dt, d = h5["summary"].attrs["dt_um_per_c"][0], h5["summary"].attrs["cell_size_um"][0]
        k2 = sum((2 / d * np.sin(np.pi / L * d / 2)) ** 2 for L in (1.0, 0.8))
        f11 = 2 / dt * np.arcsin(dt / 2 * np.sqrt(k2)) / (2 * np.pi)
        g = h5["resonances/p-Ez"]
        f, q = g["frequency"][:], g["Q"][:]
        expect(g["wavelength_um"].attrs["units"] in (b"um", "um") and g["amplitude_re"].shape == f.shape,
               "resonances group layout")
        near = np.abs(f / f11 - 1) < 1e-6
        expect(near.sum() == 1 and np.all(np.abs(q[near]) > 1e6),
               f"cavity TM11 at the Yee frequency {f11:.7f}: found {f}, Q {q}")
    with open(os.path.join(tmp, "bad-res.yaml"), "w") as f:
        f.write(CAVITY_SCENE.replace("[1.1, 1.4]", "[1.4, 1.1]"))
    code, out = run(["check", "bad-res.yaml"], tmp)
    expect(code == 1 and "bad-res.yaml:6:" in out and "resonances.wavelengths" in out,
           f"reversed resonance window is an error with its location ({out.strip()})")

    with open(os.path.join(tmp, "modes.yaml"), "w") as f:
        f.write(MODES_SCENE)
    code, out = run(["modes", "modes.yaml"], tmp)
    rows = [l.split() for l in out.splitlines() if l.startswith("wg ")]
    expect(code == 0 and len(rows) == 6, f"modes prints one line per mode and wavelength ({out.strip()})")
    with h5py.File(os.path.join(tmp, "modes-out", "modes.h5"), "r") as h5:
        wg = h5["modes/wg"]
        expect(np.allclose(wg["wavelength_um"][:], [1.5, 1.55, 1.6]) and sorted(wg.keys()) == ["0", "1", "frequency", "wavelength_um"],
               f"modes.h5 layout ({list(wg.keys())})")
        neff = wg["0/neff_re"][:]
        # Guided: between the cladding and core indices, falling with wavelength; ng > neff.
        expect(np.all((neff > 1) & (neff < 3.48)) and np.all(np.diff(neff) < 0) and np.all(wg["0/ng"][:] > neff),
               f"slab neff(lambda) guided and normal dispersion ({neff})")
        ez = wg["0/Ez_re"]
        expect(ez.shape == (3, 1, 60) and "origin_um" in ez.attrs and "yee_offset_cells" in ez.attrs,
               f"mode field dataset (nwavelength, n2, n1) with Yee attributes ({ez.shape})")
        expect(np.all((wg["0/confinement_core"][:] > 0) & (wg["0/confinement_core"][:] <= 1)), "confinement in (0, 1]")
    expect(os.path.exists(os.path.join(tmp, "modes-out", "wg-mode1-E.png")), "modes writes |E| PNGs")
    code, out = run(["modes", "modes.yaml", "--plane", "x=0.3", "--wavelength", "1.55", "--num-modes", "1"], tmp)
    rows = [l.split() for l in out.splitlines() if l.startswith("x=0.3 ")]
    expect(code == 0 and len(rows) == 1 and float(rows[0][2]) == 1.55, f"--plane, --wavelength, --num-modes ({out.strip()})")
    code, out = run(["modes", "modes.yaml", "--plane", "q=1"], tmp)
    expect(code == 1 and "--plane expects" in out, f"bad --plane is an input error ({out.strip()})")

    # A mode source and monitor, and the S-matrix of a straight guide through Touchstone.
    with open(os.path.join(tmp, "ports.yaml"), "w") as f:
        f.write(PORTS_SCENE.replace("ports:", "unused_ports:", 1).replace("s_parameters:", "unused_s:", 1))
    code, out = run(["run", "ports.yaml", "--quiet"], tmp)
    expect(code == 1 and "ports.yaml:10:1: unused_ports: unknown key" in out, f"unknown top-level key is named ({out.strip()[:200]})")
    with open(os.path.join(tmp, "ports.yaml"), "w") as f:
        f.write(PORTS_SCENE)
    with open(os.path.join(tmp, "mode.yaml"), "w") as f:
        f.write(PORTS_SCENE.split("ports:")[0] + "run: {time: 100, output: mode-out}\n")
    code, out = run(["run", "mode.yaml", "--quiet"], tmp)
    with h5py.File(os.path.join(tmp, "mode-out", "results.h5"), "r") as h5:
        t = h5["mode_monitors/out/mode0/transmission"][:]
        expect(code == 0 and np.all(np.abs(t - 1) < 5e-3), f"mode source into a straight guide: transmission 1 ({t})")
    code, out = run(["run", "ports.yaml", "--quiet"], tmp)
    expect(code == 0 and "|S|^2" in out, f"run with ports prints |S|^2 ({out.strip()[-300:]})")
    with h5py.File(os.path.join(tmp, "ports-out", "s_parameters.h5"), "r") as h5:
        S = h5["S_re"][:] + 1j * h5["S_im"][:]
        ports = h5.attrs["ports"]
        ports = ports.decode() if isinstance(ports, bytes) else str(ports)
        expect(S.shape == (3, 2, 2) and ports == "a,b", f"s_parameters.h5 layout ({S.shape}, {ports})")
        expect(np.all(np.abs(np.abs(S[:, 1, 0]) ** 2 - 1) < 5e-3) and np.all(np.isnan(S[:, 0, 1])),
               f"S21 of a straight guide is 1, port b not excited ({np.abs(S[:, 1, 0]) ** 2})")
    ts = open(os.path.join(tmp, "ports-out", "ports.s2p")).read().splitlines()
    data = [list(map(float, l.split())) for l in ts if l and l[0] not in "!#"]
    expect("# GHZ S RI R 50" in ts and len(data) == 3 and all(len(r) == 9 for r in data) and data[0][0] < data[1][0],
           f"Touchstone 2-port file ({len(data)} rows)")
    expect(abs(data[0][3] ** 2 + data[0][4] ** 2 - 1) < 5e-3, "Touchstone S21 is the second pair")
    expect(os.path.exists(os.path.join(tmp, "ports-out", "excite-a", "results.h5")), "each excitation keeps its results.h5")

print(f"{len(failures)} failure(s)")
sys.exit(1 if failures else 0)

#!/usr/bin/python3
"""scripts/plot.py end to end (docs/plots.md): tiny 2D (and one small 3D) scenes produce every
kind of output pfdtd writes, every subcommand plots them, and each PNG has the size asked
for and is not blank. The readers behind the plots are checked against independent data:

- a snapshot's value at the probe's Yee position equals the probe's record (the VTKHDF
  Direction and the axis order of the image are undone correctly);
- the structure outline from permittivity.h5 and from permittivity.hdf lies on the scene's
  box edges and both files give the same outline;
- s_parameters.h5, s_parameters.csv and the Touchstone .s2p read to the same S-matrix (the
  2-port order S11 S21 S12 S22, entries not excited);
- the 1-dB contour of the alignment map spans the 1-dB windows pfdtd computed by bisection;
- the sweep's map cells hold the figures of sweep.csv, failed points masked.

Bad input (a missing file, a file without the dataset a plot needs, an unknown wavelength)
exits 1 with a message naming the file, the dataset and what was expected.

usage: plots_test.py PFDTD
"""
import contextlib
import csv
import io
import os
import struct
import subprocess
import sys
import tempfile
import time

import h5py
import matplotlib

matplotlib.use("Agg")
import matplotlib.image  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

PFDTD = os.path.abspath(sys.argv[1])
SCRIPTS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "scripts")
PLOT = os.path.join(SCRIPTS, "plot.py")
sys.path.insert(0, SCRIPTS)
from pfdtd_plots import alignment, cli, fields, figure, modes, sparams_io, sweep  # noqa: E402

failures = []

# Si guide in oxide cut by a 0.2 um gap: mode source, flux and mode monitors on both sides,
# a probe, snapshots and a DFT plane; `pfdtd modes` solves the guide's two slab modes.
DEVICE = """\
domain: {size: [4.0, 3.2, 0], resolution: 20, dims: 2}
materials: {si: {index: 3.48}, oxide: {index: 1.444}}
background: oxide
geometry:
  - box: {material: si, center: [-1.05, 0], size: [1.9, 0.4]}
  - box: {material: si, center: [1.05, 0], size: [1.9, 0.4]}
sources:
  - {name: in, mode: 0, center: [-1.3, 0], size: [0, 1.8], gaussian: {wavelength: 1.55, bandwidth: 0.3}}
monitors:
  - flux: {name: ref, center: [-1.0, 0], size: [0, 1.8], wavelengths: {start: 1.45, stop: 1.65, count: 9}}
  - flux: {name: trans, center: [1.2, 0], size: [0, 1.8], wavelengths: {start: 1.45, stop: 1.65, count: 9}}
  - mode: {name: out, center: [1.2, 0], size: [0, 1.8], wavelengths: {start: 1.45, stop: 1.65, count: 9}}
  - mode: {name: back, center: [-1.1, 0], size: [0, 1.8], wavelengths: {start: 1.45, stop: 1.65, count: 9}}
  - probe: {name: p, components: [Ez], point: [0.5, 0.1]}
  - snapshot: {name: xy, components: [Ez], every: 200}
  - dft_fields: {name: d, center: [0, 0], size: [2.6, 1.8, 0], components: [Ez], wavelengths: [1.5, 1.55]}
modes:
  - {name: wg, center: [-1.5, 0], size: [0, 2.0], wavelengths: {start: 1.5, stop: 1.6, count: 3}, num_modes: 2}
run: {time: 30, output: device}
"""
BOXES = [(-2.0, -0.1, -0.2, 0.2), (0.1, 2.0, -0.2, 0.2)]  # x0, x1, y0, y1 of the Si (clipped to the domain)

# Two ports on either side of an off-centre block (S11 != S22), only port a excited.
PORTS = """\
domain: {size: [3.0, 2.4, 0], resolution: 20, dims: 2}
materials: {si: {index: 3.48}, oxide: {index: 1.444}}
background: oxide
geometry:
  - box: {material: si, center: [0, 0], size: [inf, 0.3]}
  - box: {material: si, center: [0.2, 0], size: [0.4, 0.7]}
ports:
  - {name: a, center: [-0.8, 0], size: [0, 1.2], direction: +1}
  - {name: b, center: [0.8, 0], size: [0, 1.2], direction: -1}
s_parameters: {wavelengths: {start: 1.45, stop: 1.65, count: 9}, excite: [a]}
run: {time: 40, output: ports}
"""

# 3D, 8 cells/um: a Gaussian beam into a fibre placed 0.15 um off it, scanned over offsets
# and tilts (the only way to get a 2D offset map: a 2D run scans a line).
FIBRE = """\
domain: {size: [3.0, 3.0, 2.0], resolution: 8}
boundaries: {pml: {cells: 4}}
sources:
  - {beam: {waist: 0.8}, center: [0, 0, -0.4], size: [2.0, 2.0, 0], gaussian: {wavelength: 1.55, bandwidth: 0.4}}
monitors:
  - flux:
      name: up
      center: [0, 0, 0.4]
      size: [2.0, 2.0, 0]
      wavelengths: [1.55]
      fibre: {waist: 0.8, focus: [0.15, 0, -0.4], scan: {offset: 0.8, offset_steps: 9, tilt: 30, tilt_steps: 9}}
run: {time: 8, output: fibre}
"""

# A sweep of a gap in a guide over gap x width; a negative gap fails its points.
GAP = """\
domain: {size: [3.0, 2.4], resolution: 15, dims: 2}
materials: {si: {index: 3.48}, oxide: {index: 1.444}}
background: oxide
geometry:
  - box: {material: si, center: [0, 0], size: [inf, 0.4]}
  - box: {material: oxide, center: [0, 0], size: [0.1, 1.0]}
sources:
  - {name: in, mode: 0, center: [-0.6, 0], size: [0, 1.2], gaussian: {wavelength: 1.55, bandwidth: 0.3}}
monitors:
  - mode: {name: out, center: [0.6, 0], size: [0, 1.2], wavelengths: [1.55]}
run: {time: 20}
"""
SWEEP = """\
scene: gap.yaml
parameters:
  - {name: gap, path: geometry.1.box.size.0, values: [-0.1, 0.1, 0.3]}
  - {name: width, path: geometry.0.box.size.1, values: [0.3, 0.45]}
figures:
  - {name: T, mode: {monitor: out, wavelength: 1.55}}
output: sweep
"""


def expect(cond, what):
    print(("ok   " if cond else "FAIL ") + what, flush=True)
    if not cond:
        failures.append(what)
    return cond


def pfdtd(args, cwd):
    p = subprocess.run([PFDTD] + args, cwd=cwd, capture_output=True, text=True, timeout=300)
    if p.returncode != 0:
        sys.exit(f"FAIL pfdtd {' '.join(args)} exited {p.returncode}:\n{p.stdout}{p.stderr}")


def plot(args, cwd):
    p = subprocess.run(["/usr/bin/python3", PLOT] + args, cwd=cwd, capture_output=True, text=True, timeout=120)
    return p.returncode, p.stdout.strip(), p.stderr.strip()


def png_size(path):
    with open(path, "rb") as f:
        head = f.read(24)
    if head[:8] != b"\x89PNG\r\n\x1a\n":
        return None
    return struct.unpack(">II", head[16:24])


# (arguments, expected PNG, width, height): every subcommand and every input kind it reads.
PLOTS = [
    (["spectrum", "device/results.h5"], "device/results-spectrum.png", 800, 500),
    (["spectrum", "device/results.h5", "--reference", "ref", "--flux", "ref", "trans", "--out", "t.png",
      "--size", "6", "4", "--dpi", "80"], "t.png", 480, 320),
    (["sparams", "ports/s_parameters.h5"], "ports/s_parameters-sparams.png", 800, 500),
    (["sparams", "ports/s_parameters.csv", "--out", "s-csv.png"], "s-csv.png", 800, 500),
    (["sparams", "ports/ports.s2p", "--pairs", "b,a", "--out", "s2p.png"], "s2p.png", 800, 500),
    (["field", "device/xy-Ez-00000600.hdf", "--eps", "geo/permittivity.h5"], "device/xy-Ez-00000600-field.png", 800, 500),
    (["field", "device/results.h5", "--part", "re", "--wavelength", "1.5", "--eps", "geo/permittivity.hdf",
      "--out", "dft.png"], "dft.png", 800, 500),
    (["field", "device/d.dft.hdf", "--array", "|Ez| 1.55um", "--eps", "geo/permittivity.h5", "--out", "view.png"],
     "view.png", 800, 500),
    (["modes", "device/modes.h5", "--size", "10", "4"], "device/modes-modes.png", 1000, 400),
    (["sweep", "sweep/sweep.h5"], "sweep/sweep-sweep.png", 800, 500),
    (["sweep", "sweep/sweep.h5", "--x", "width", "--lines", "--out", "lines.png"], "lines.png", 800, 500),
    (["alignment", "fibre/results.h5"], "fibre/results-alignment.png", 800, 500),
]
# Pixel variance of a PNG's grey levels (0..1): a blank figure is 0; these plots measure 0.01-0.1.
MIN_VARIANCE = 2e-3


def check_plots(tmp):
    for args, png, width, height in PLOTS:
        code, out, err = plot(args, tmp)
        what = f"plot.py {' '.join(args[:2])}{' ...' if len(args) > 2 else ''}"
        expect(code == 0 and out.splitlines()[-1:] == [png], f"{what}: exits 0 and prints {png} ({code}, {out} {err})")
        path = os.path.join(tmp, png)
        if not os.path.exists(path):
            expect(False, f"{what}: {png} written")
            continue
        size = png_size(path)
        expect(size == (width, height), f"{what}: PNG of {width} x {height} pixels ({size})")
        grey = matplotlib.image.imread(path)[..., :3].mean(axis=2)
        expect(grey.var() > MIN_VARIANCE, f"{what}: not blank (pixel variance {grey.var():.4f})")


def check_snapshot_against_probe(tmp):
    """The image's value at the probe's Yee position is the probe's record at its time."""
    image = fields.Image(os.path.join(tmp, "device", "xy-Ez-00000600.hdf"))
    volume = image.volume("Ez")
    with h5py.File(os.path.join(tmp, "device", "results.h5"), "r") as h5:
        times, values = h5["probes/p-Ez/time"][:], h5["probes/p-Ez/values"][:]
        at = h5["probes/p-Ez"].attrs["position_um"]
    if not expect(volume.values.shape == (1, 64, 80), f"snapshot read as (nz, ny, nx) = (1, 64, 80) ({volume.values.shape})"):
        return
    index = [int(round((at[a] - volume.origin[a]) / volume.spacing)) for a in range(3)]
    got = volume.values[index[2], index[1], index[0]]
    want = values[np.argmin(np.abs(times - image.time))]
    expect(abs(got - want) < 1e-6 * np.abs(values).max(),
           f"snapshot at the probe's Yee position {list(at)}: {got:.6g}, probe {want:.6g}")


def outline_vertices(eps, section):
    fig, ax = plt.subplots()
    contour = figure.draw_outline(ax, fields.matching_section(eps, section))
    plt.close(fig)
    return np.concatenate([seg for level in contour.allsegs for seg in level])


def distance_to_boxes(p):
    """Distance from points p (n, 2) to the nearest edge of the Si boxes."""
    best = np.full(len(p), np.inf)
    for x0, x1, y0, y1 in BOXES:
        dx = np.maximum(np.maximum(x0 - p[:, 0], p[:, 0] - x1), 0)
        dy = np.maximum(np.maximum(y0 - p[:, 1], p[:, 1] - y1), 0)
        inside = np.minimum(np.minimum(p[:, 0] - x0, x1 - p[:, 0]), np.minimum(p[:, 1] - y0, y1 - p[:, 1]))
        best = np.minimum(best, np.where((dx == 0) & (dy == 0), np.maximum(inside, 0), np.hypot(dx, dy)))
    return best


def check_outline(tmp):
    """The outline follows the box edges: Re(eps_z) samples lie on the cell corners of the
    plane, so a sample on an edge holds the mean of Si and oxide, the contour level; vertices
    off the edges come from the corners, where the contour cuts across (a chamfer). Tolerance:
    a quarter of the cell (0.0125 um)."""
    section = fields.Image(os.path.join(tmp, "device", "xy-Ez-00000600.hdf")).volume("Ez").section()
    h5 = outline_vertices(fields.read_permittivity(os.path.join(tmp, "geo", "permittivity.h5")), section)
    hdf = outline_vertices(fields.read_permittivity(os.path.join(tmp, "geo", "permittivity.hdf")), section)
    off = distance_to_boxes(h5)
    expect(off.max() < 0.0125 and np.median(off) < 1e-9,
           f"outline on the box edges: max distance {off.max():.4f} um, median {np.median(off):.2g} um")
    spans = [(h5[:, 0].min(), h5[:, 0].max()), (h5[:, 1].min(), h5[:, 1].max())]
    # the guides run to the domain's ends: to the first and last samples at x = -2.0, 1.95
    expect(np.allclose(spans, [(-2.0, 1.95), (-0.2, 0.2)], atol=1e-9),
           f"outline spans the guides (x, y ranges {np.round(spans, 4).tolist()})")
    # float32 in the .hdf: the contour moves by ~1e-7 of the level over the slope across a cell.
    expect(h5.shape == hdf.shape and np.abs(h5 - hdf).max() < 1e-5,
           f"permittivity.h5 and permittivity.hdf give the same outline ({h5.shape}, {hdf.shape})")


def by_wavelength(lam, s, labels):
    """Rows in increasing wavelength (Touchstone lists increasing frequencies)."""
    order = np.argsort(lam)
    return lam[order], s[order], labels


def check_sparams(tmp):
    """The three files hold 10 significant digits: the same S within 1e-8."""
    lam, s, labels = by_wavelength(*sparams_io.read_sparams(os.path.join(tmp, "ports", "s_parameters.h5")))
    expect(labels == ["a", "b"] and np.isfinite(s[:, :, 0]).all() and np.isnan(s[:, :, 1]).all(),
           f"s_parameters.h5: ports {labels}, column a excited, b NaN")
    for name in ("s_parameters.csv", "ports.s2p"):
        lam2, s2, labels2 = by_wavelength(*sparams_io.read_sparams(os.path.join(tmp, "ports", name)))
        same_nan = np.array_equal(np.isnan(s), np.isnan(s2))
        err = np.nanmax(np.abs(s2 - s)) if same_nan else np.inf
        expect(labels2 == labels and np.allclose(lam2, lam, rtol=1e-8) and same_nan and err < 1e-8,
               f"{name} reads as s_parameters.h5 (ports {labels2}, max |dS| {err:.2g})")


def check_alignment(tmp):
    """The 1-dB contour's extent along u and v is the 1-dB window through the best point
    (pfdtd bisects the efficiency itself). The contour interpolates linearly between map
    samples 0.2 um apart and its widest point may fall between rows: tolerance 0.04 um."""
    scan = alignment.Scan(os.path.join(tmp, "fibre", "results.h5"))
    fig, ax = plt.subplots()
    contour = alignment.draw_offsets(ax, scan)
    plt.close(fig)
    ring = np.concatenate(contour.allsegs[0])
    for k, name in enumerate("uv"):
        span = np.array([ring[:, k].min(), ring[:, k].max()])
        window = scan.windows[k]
        expect(np.all(np.abs(span - window) < 0.04),
               f"1-dB contour along {name} {np.round(span, 4).tolist()} vs window {np.round(window, 4).tolist()} um")
    expect(abs(scan.best_offset[0] + 0.15) < 0.02, f"best offset {scan.best_offset[0]:.4f} um undoes the 0.15 um")


def check_sweep(tmp):
    table = sweep.Table(os.path.join(tmp, "sweep", "sweep.h5"))
    x, y, t = table.parameters["gap"], table.parameters["width"], table.figures["T"]
    xs, ys, values = sweep.grid(x, y, t)
    with open(os.path.join(tmp, "sweep", "sweep.csv")) as f:
        rows = list(csv.DictReader(f))
    right = all((np.isnan(values[list(ys).index(float(r["width"])), list(xs).index(float(r["gap"]))])
                 if r["status"] == "failed" else
                 values[list(ys).index(float(r["width"])), list(xs).index(float(r["gap"]))] == float(r["T"]))
                for r in rows)
    failed = sum(r["status"] == "failed" for r in rows)
    expect(table.ordered_parameters() == ["gap", "width"], f"parameters in the sweep's order {table.ordered_parameters()}")
    expect(values.shape == (2, 3) and failed == 2 and right,
           f"map cells hold sweep.csv's figures, {failed} failed points NaN")


def check_modes(tmp):
    """A 2D run's mode plane (normal x) is a line along y, peaked on the guide."""
    with h5py.File(os.path.join(tmp, "device", "modes.h5"), "r") as h5:
        section = modes.profile(h5["modes/wg/0"], 1, "E", 0).section()
    peak = section.coords[0][np.argmax(section.values)]
    expect(section.axes == [1] and abs(peak) < 0.1, f"mode 0 profile along y peaks at y = {peak:.3f} um")


ERRORS = [
    (["spectrum", "missing.h5"], ["missing.h5", "no such file", "results.h5"]),
    (["alignment", "device/results.h5"], ["device/results.h5", "/flux", "fibre: {scan"]),
    (["modes", "device/results.h5"], ["device/results.h5", "no /modes", "modes.h5 of `pfdtd modes`"]),
    (["field", "device/results.h5", "--wavelength", "1.6"], ["/dft/d/Ez", "no wavelength 1.6", "1.5, 1.55"]),
    (["sparams", "device.yaml"], ["device.yaml", "expected s_parameters.h5"]),
    (["field", "device.yaml"], ["device.yaml", "not an HDF5 file", "VTKHDF"]),
    (["sweep", "device/results.h5"], ["device/results.h5", "no /parameters", "sweep.h5 of `pfdtd sweep`"]),
]


def plot_in_process(args, tmp):
    """cli.main, what plot.py runs, without the interpreter start and imports (~1 s each)."""
    stderr, cwd = io.StringIO(), os.getcwd()
    try:
        os.chdir(tmp)
        with contextlib.redirect_stderr(stderr):
            code = cli.main(args)
    finally:
        os.chdir(cwd)
    return code, "", stderr.getvalue().strip()


def check_errors(tmp):
    """The first through plot.py itself (its exit status), the others in this process."""
    for n, (args, words) in enumerate(ERRORS):
        code, out, err = (plot if n == 0 else plot_in_process)(args, tmp)
        expect(code == 1 and all(w in err for w in words) and "Traceback" not in err,
               f"plot.py {' '.join(args)}: exit 1 naming {words} ({code}: {err[:200]})")


t0 = time.time()
with tempfile.TemporaryDirectory() as tmp:
    for name, text in (("device.yaml", DEVICE), ("ports.yaml", PORTS), ("fibre.yaml", FIBRE),
                       ("gap.yaml", GAP), ("sweep.yaml", SWEEP)):
        with open(os.path.join(tmp, name), "w") as f:
            f.write(text)
    pfdtd(["run", "device.yaml", "--quiet"], tmp)
    pfdtd(["geometry", "device.yaml", "--out", "geo"], tmp)
    pfdtd(["modes", "device.yaml"], tmp)
    pfdtd(["run", "ports.yaml", "--quiet"], tmp)
    pfdtd(["run", "fibre.yaml", "--quiet"], tmp)
    pfdtd(["sweep", "sweep.yaml", "--quiet"], tmp)
    started = time.time()
    print(f"pfdtd runs: {started - t0:.1f} s", flush=True)
    check_plots(tmp)
    print(f"plots: {time.time() - started:.1f} s", flush=True)
    check_snapshot_against_probe(tmp)
    check_outline(tmp)
    check_sparams(tmp)
    check_alignment(tmp)
    check_sweep(tmp)
    check_modes(tmp)
    check_errors(tmp)

print(f"{len(failures)} failure(s)")
sys.exit(1 if failures else 0)

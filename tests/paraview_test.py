#!/usr/bin/python3
"""ParaView reads pfdtd's VTKHDF output (issue 5): runs a 2D and a 3D scene with snapshots
(plane, volume, one-sample-thick plane along y, line, point) and dft_fields monitors, runs
`pfdtd geometry`, then writes what each file must show (expected.json, from h5py and from
independent references: probe records, the raw Yee DFT in results.h5, permittivity.h5) and
runs tests/paraview_check.py under pvpython and xvfb-run with a hard timeout.

usage: paraview_test.py PFDTD PVPYTHON XVFB_RUN
"""
import glob
import json
import os
import random
import signal
import subprocess
import sys
import tempfile

import h5py
import numpy as np

PFDTD, PVPYTHON, XVFB_RUN = sys.argv[1:4]
CHECK = os.path.join(os.path.dirname(os.path.abspath(__file__)), "paraview_check.py")
PVPYTHON_TIMEOUT = 120  # s; the check takes about 5 s, while a crashed VTK reader hangs for good

# 2D: a Si box in vacuum (cells 0.05 um, 60 x 40), Ez and Hx over the whole plane.
SCENE_2D = """\
domain: {size: [3.0, 2.0, 0], resolution: 20, dims: 2}
materials: {si: {index: 3.48}}
geometry:
  - box: {material: si, center: [0.8, 0, 0], size: [1.0, inf, inf]}
sources:
  - {component: Ez, center: [-0.6, 0.1, 0], gaussian: {wavelength: 1.55, bandwidth: 0.3}}
monitors:
  - probe: {name: p, components: [Ez], point: [0.3, 0.2, 0]}
  - snapshot: {name: xy, components: [Ez, Hx], every: 60}
  - dft_fields: {name: d, center: [-0.2, 0, 0], size: [1.0, 0.6, 0], components: [Ez, Hx], wavelengths: [1.5, 1.55]}
run: {time: 8, output: out2d}
"""

# 3D, PEC walls (cells 0.1 um, 16 x 14 x 12): every kind of one-sample-thick region.
SCENE_3D = """\
domain: {size: [1.6, 1.4, 1.2], resolution: 10}
boundaries: {all: pec}
sources:
  - {component: Ez, center: [0.15, -0.1, 0.05], gaussian: {wavelength: 1.55, bandwidth: 0.5}}
monitors:
  - probe: {name: p, components: [Ez], point: [0.3, 0.2, -0.15]}
  - snapshot: {name: vol, components: [Ez], every: 20}
  - snapshot: {name: xz, components: [Ez], center: [0, 0.2, 0], size: [1.6, 0, 1.2], every: 20}
  - snapshot: {name: line, components: [Ez], center: [0, 0.2, -0.15], size: [1.6, 0, 0], every: 20}
  - snapshot: {name: pt, components: [Ez], center: [0.3, 0.2, -0.15], size: [0, 0, 0], every: 20}
  - dft_fields: {name: dline, center: [0, 0, 0], size: [1.2, 0, 0], components: [Ez, Hy], wavelengths: [1.55]}
run: {time: 4, output: out3d}
"""


def run(args, cwd):
    p = subprocess.run([PFDTD] + args, cwd=cwd, capture_output=True, text=True, timeout=300)
    if p.returncode != 0:
        sys.exit(f"FAIL pfdtd {' '.join(args)} exited {p.returncode}:\n{p.stdout}{p.stderr}")


def image(path):
    """What VTK must read from a VTKHDF ImageData file: geometry attributes and arrays in
    point-id order (i fastest, which is the stored order flattened)."""
    with h5py.File(path, "r") as f:
        v = f["VTKHDF"]
        return {
            "path": path,
            "whole_extent": [int(x) for x in v.attrs["WholeExtent"]],
            "origin": [float(x) for x in v.attrs["Origin"]],
            "spacing": [float(x) for x in v.attrs["Spacing"]],
            "direction": [float(x) for x in v.attrs["Direction"]],
            "time": float(v.attrs["Time"][0]),
            "arrays": {name: d[()].ravel().tolist() for name, d in v["PointData"].items()},
        }


def probe_checks(out_dir, snapshots):
    """At the probe's Yee position each Ez snapshot holds the probe's record at its time
    (the same float32 field, so equal to rounding)."""
    checks = []
    with h5py.File(os.path.join(out_dir, "results.h5"), "r") as h5:
        g = h5["probes/p-Ez"]
        times, values, at = g["time"][:], g["values"][:], [float(x) for x in g.attrs["position_um"]]
    scale = np.abs(values).max()
    for s in snapshots:
        n = int(np.argmin(np.abs(times - s["time"])))
        if abs(times[n] - s["time"]) > 1e-6 * max(1.0, abs(s["time"])):
            sys.exit(f"FAIL no probe sample at the time of {s['path']} ({s['time']})")
        checks.append({"path": s["path"], "array": "Ez", "xyz": at, "value": float(values[n]),
                       "tol": 1e-6 * scale, "why": f"probe p-Ez at t = {times[n]:.6g}"})
    return checks


def centred(raw, origin, d, centre):
    """The dft view's rule, from the raw Yee samples: the mean of the samples within half a
    cell of the cell centre along every axis (two where the component sits on the corners'
    layer, one where it sits at the centre or the axis has one sample)."""
    picks = []
    for a in range(3):  # raw is (nf, nz, ny, nx): axis a is array axis 3 - a
        pos = origin[a] + d * np.arange(raw.shape[3 - a])
        idx = np.nonzero(np.abs(pos - centre[a]) <= 0.5 * d * (1 + 1e-9))[0]
        if idx.size == 0:
            sys.exit(f"FAIL no raw sample near the cell centre {centre} along axis {a}")
        picks.append(idx)
    return raw[:, picks[2][:, None, None], picks[1][None, :, None], picks[0][None, None, :]].mean(axis=(1, 2, 3))


def dft_checks(out_dir, view):
    """|F| and phase of the view at a few cell centres against results.h5's raw Yee DFT."""
    name = os.path.basename(view["path"])[: -len(".dft.hdf")]
    checks = []
    with h5py.File(os.path.join(out_dir, "results.h5"), "r") as h5:
        g = h5["dft/" + name]
        wavelengths = [float(w) for w in g.attrs["wavelength_um"]]
        for comp, d in g.items():
            raw = d[()]
            raw = raw["r"] + 1j * raw["i"] if raw.dtype.names else raw
            d_um, origin = float(d.attrs["spacing_um"][0]), [float(x) for x in d.attrs["origin_um"]]
            ext, o = view["whole_extent"], view["origin"]
            # sample the view's first, middle and last cell centres along its longest axis
            sizes = [ext[1] + 1, ext[3] + 1, ext[5] + 1]
            direction = np.array(view["direction"]).reshape(3, 3)
            longest = int(np.argmax(sizes))
            for step in (0, sizes[longest] // 2, sizes[longest] - 1):
                index = np.zeros(3)
                index[longest] = step
                centre = (np.array(o) + direction @ (index * d_um)).tolist()
                values = centred(raw, origin, d_um, centre)
                scale = np.abs(raw).max()
                for f, lam in enumerate(wavelengths):
                    label = next(k for k in view["arrays"] if k.startswith(f"|{comp}| ") and k.endswith(f"{lam:.6g}um"))
                    checks.append({"path": view["path"], "array": label, "xyz": centre, "value": float(abs(values[f])),
                                   "tol": 1e-9 * scale, "why": f"mean of raw {comp} samples around the centre"})
                    if abs(values[f]) > 1e-3 * scale:  # the phase of a near-zero value is noise
                        checks.append({"path": view["path"], "array": f"phase {comp} {label.split(' ', 1)[1]}",
                                       "xyz": centre, "value": float(np.angle(values[f])), "tol": 1e-6,
                                       "angle": True, "why": f"phase of the mean raw {comp}"})
    return checks


def permittivity_checks(geo_dir):
    """Every cell of permittivity.h5 (float64 per component) at its centre in ParaView, and
    the Si box and vacuum values of the scene at two cells."""
    with h5py.File(os.path.join(geo_dir, "permittivity.h5"), "r") as h5:
        origin, d = [float(x) for x in h5.attrs["origin_um"]], float(h5.attrs["cell_size_um"][0])
        raw = {c: h5[f"eps_{c}/real"][()] for c in "xyz"}
    path = os.path.join(geo_dir, "permittivity.hdf")
    nz, ny, nx = raw["x"].shape
    checks = []
    for c in "xyz":
        # cell (i, j, k) at its centre; float32 in the view: relative rounding 6e-8
        for (i, j, k) in [(0, 0, 0), (nx - 1, ny // 3, nz - 1), (nx // 2, ny - 1, 0), (50, 20, 0), (5, 20, 0)]:
            centre = [origin[0] + (i + 0.5) * d, origin[1] + (j + 0.5) * d, origin[2] + (k + 0.5) * d]
            checks.append({"path": path, "array": f"eps_{c}_real", "xyz": centre, "value": float(raw[c][k, j, i]),
                           "tol": 1e-6 * abs(raw[c][k, j, i]), "why": f"permittivity.h5 eps_{c}/real[{k},{j},{i}]"})
    si = 3.48 ** 2  # x = 1.025 um is inside the Si box (0.3 to 1.3 um), x = -1.225 um in vacuum
    checks.append({"path": path, "array": "eps_z_real", "xyz": [1.025, 0.025, 0.025], "value": si, "tol": 1e-5 * si,
                   "why": "Si index 3.48 from the scene"})
    checks.append({"path": path, "array": "eps_y_real", "xyz": [-1.225, 0.025, 0.025], "value": 1.0, "tol": 1e-6,
                   "why": "vacuum from the scene"})
    return checks


def series(path):
    with open(path) as f:
        doc = json.load(f)
    folder = os.path.dirname(path)
    return {"path": path, "files": [os.path.join(folder, e["name"]) for e in doc["files"]],
            "times": [float(e["time"]) for e in doc["files"]], "pvd": path[: -len(".hdf.series")] + ".pvd"}


def expectations(tmp):
    out2d, out3d, geo = (os.path.join(tmp, d) for d in ("out2d", "out3d", "geo"))
    snapshots = [image(p) for p in sorted(glob.glob(os.path.join(out2d, "*-0*.hdf")) + glob.glob(os.path.join(out3d, "*-0*.hdf")))]
    views = [image(p) for p in sorted(glob.glob(os.path.join(out2d, "*.dft.hdf")) + glob.glob(os.path.join(out3d, "*.dft.hdf")))]
    permittivity = image(os.path.join(geo, "permittivity.hdf"))
    points = []
    for out in (out2d, out3d):
        points += probe_checks(out, [s for s in snapshots if s["path"].startswith(out) and "-Ez-" in s["path"]])
    for v in views:
        points += dft_checks(os.path.dirname(v["path"]), v)
    points += permittivity_checks(geo)
    # Physical region of the 2D Ez snapshot from the scene alone: Ez on cell corners in x, y
    # (x from -1.5 by 0.05, 60 samples; y from -1 by 0.05, 40), at the cell centre in z.
    bounds = [{"path": s["path"], "bounds": [-1.5, 1.45, -1.0, 0.95, 0.025, 0.025]} for s in snapshots
              if os.path.basename(s["path"]).startswith("xy-Ez-")]
    bounds.append({"path": permittivity["path"], "bounds": [-1.475, 1.475, -0.975, 0.975, 0.025, 0.025]})
    renders = [
        {"path": sorted(glob.glob(os.path.join(out2d, "xy-Ez-*.hdf")))[-1], "array": "Ez", "png": os.path.join(tmp, "xy-Ez.png")},
        {"path": sorted(glob.glob(os.path.join(out3d, "vol-Ez-*.hdf")))[-1], "array": "Ez", "slice_z": 0.05,
         "png": os.path.join(tmp, "vol-Ez-slice.png")},
        {"path": permittivity["path"], "array": "eps_z_real", "png": os.path.join(tmp, "permittivity.png")},
    ]
    return {"images": snapshots + views + [permittivity],
            "series": [series(p) for p in sorted(glob.glob(os.path.join(tmp, "out*", "*.hdf.series")))],
            "points": points, "bounds": bounds, "renders": renders}


def stop(p):
    """pvpython hung in its crash handler yields only to SIGKILL; xvfb-run, on SIGTERM once
    its client is gone, stops its Xvfb, which then removes its /tmp/.X<n>-lock."""
    for pid in (int(d) for d in os.listdir("/proc") if d.isdigit()):
        try:
            with open(f"/proc/{pid}/comm") as f:
                if os.getpgid(pid) == p.pid and f.read().strip() == "pvpython":
                    os.kill(pid, signal.SIGKILL)
        except (OSError, ProcessLookupError):
            pass  # gone meanwhile
    os.killpg(p.pid, signal.SIGTERM)
    try:
        p.wait(timeout=10)
    except subprocess.TimeoutExpired:
        os.killpg(p.pid, signal.SIGKILL)


def run_check(expected_json):
    """pvpython under xvfb-run in its own process group, killed whole on timeout. Two
    xvfb-run -a started together can race for a display (seen as VTK's "bad X server
    connection" abort): the display search starts at a random number, and that failure
    alone is retried."""
    for attempt in range(3):
        display = str(random.randrange(100, 30000))
        cmd = [XVFB_RUN, "-n", display, "-a", PVPYTHON, "--force-offscreen-rendering", CHECK, expected_json]
        p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True)
        try:
            out, _ = p.communicate(timeout=PVPYTHON_TIMEOUT)
        except subprocess.TimeoutExpired:
            stop(p)
            out, _ = p.communicate()
            sys.exit(f"FAIL pvpython did not finish in {PVPYTHON_TIMEOUT} s (a crashed reader hangs):\n{out[-4000:]}")
        print(out)
        if "bad X server connection" not in out:
            break
        print(f"note: no X server on attempt {attempt + 1}, retrying")
    if p.returncode != 0 or "PARAVIEW CHECK PASSED" not in out:
        sys.exit(f"FAIL pvpython check exited {p.returncode}")


with tempfile.TemporaryDirectory() as tmp:
    for name, text in (("scene2d.yaml", SCENE_2D), ("scene3d.yaml", SCENE_3D)):
        with open(os.path.join(tmp, name), "w") as f:
            f.write(text)
        run(["run", name, "--quiet"], tmp)
    run(["geometry", "scene2d.yaml", "--wavelength", "1.55", "--out", "geo"], tmp)
    expected = expectations(tmp)
    path = os.path.join(tmp, "expected.json")
    with open(path, "w") as f:
        json.dump(expected, f)
    print(f"{len(expected['images'])} VTKHDF files, {len(expected['series'])} series, "
          f"{len(expected['points'])} point checks against references")
    run_check(path)
print("paraview test passed")

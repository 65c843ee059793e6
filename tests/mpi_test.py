#!/usr/bin/python3
"""Issue 5: the result does not depend on the number of ranks. Each scene runs under
`mpirun -np N` for N = 1..4 (and with fixed rank shapes); every dataset of results.h5, every
snapshot and every DFT view must equal the one-rank run bit for bit. Checkpoints: a run
stopped by a signal and resumed, on another number of ranks, ends with the same bits too.

usage: mpi_test.py <pfdtd> <mpirun>"""
import os
import signal
import subprocess
import sys
import tempfile
import time

import h5py
import numpy as np

PFDTD, MPIRUN = sys.argv[1], sys.argv[2]
failures = []
ENV = dict(os.environ, OMPI_ALLOW_RUN_AS_ROOT="1", OMPI_ALLOW_RUN_AS_ROOT_CONFIRM="1", OMP_NUM_THREADS="1")


def expect(cond, what):
    print(("ok   " if cond else "FAIL ") + what, flush=True)
    if not cond:
        failures.append(what)


def mpirun(n, args, cwd, timeout=600):
    cmd = [MPIRUN, "--oversubscribe", "-np", str(n), PFDTD] + args
    p = subprocess.run(cmd, cwd=cwd, env=ENV, capture_output=True, text=True, timeout=timeout)
    return p.returncode, p.stdout + p.stderr


# A 3D box: CPML on x and y, periodic z (split across ranks too), a Lorentz (dispersive) block
# and a lossy one, a point source; probes, a flux plane, a dft_fields volume, snapshots.
SCENE_3D = """\
domain: {size: [2.4, 1.8, 1.2], resolution: 15%(ranks)s}
boundaries: {x: pml, y: pml, z: periodic, pml: {cells: 5}}
materials:
  glass: {index: 1.5}
  lossy: {index: 2.0, conductivity: 0.5}
  disp: {epsilon: 2.0, poles: [{lorentz: {delta_eps: 1.0, wavelength: 0.9, gamma: 0.3}}]}
geometry:
  - box: {material: glass, center: [0.3, 0, 0], size: [0.6, 0.8, inf]}
  - box: {material: disp, center: [-0.4, 0.2, 0], size: [0.4, 0.5, 0.6]}
  - sphere: {material: lossy, center: [0.2, -0.4, 0.1], radius: 0.2}
sources:
  - {component: Ez, center: [-0.1, 0.05, 0.1], gaussian: {wavelength: 1.3, bandwidth: 0.5}}
  - {component: Hx, center: [0.1, -0.1, -0.2], size: [0.3, 0, 0.2], gaussian: {wavelength: 1.5, bandwidth: 0.4}}
monitors:
  - probe: {name: a, components: [Ez, Hy], point: [0.35, 0.1, 0.2]}
  - probe: {name: b, components: [Ex], point: [-0.5, -0.3, -0.4]}
  - flux: {name: t, center: [0.5, 0, 0], size: [0, 1.2, 1.2], wavelengths: [1.2, 1.4, 1.6]}
  - dft_fields: {name: vol, center: [0, 0, 0], size: [1.0, 0.8, 0.6], components: [Ex, Hz], wavelengths: [1.3, 1.5]}
  - snapshot: {name: xy, components: [Ez, Hx], center: [0, 0, 0.1], size: [2.4, 1.8, 0], every: 40}
  - snapshot: {name: cube, components: [Ey], center: [0, 0, 0], size: [1.0, 1.0, 1.0], every: 60}
run: {time: 6, output: out, checkpoint: {every: 0}}
"""

# 2D: a mode source and a mode monitor on a guide (mode planes across rank boundaries).
SCENE_MODES = """\
domain: {size: [3.0, 2.4, 0], resolution: 25, dims: 2%(ranks)s}
materials: {si: {index: 3.48}, oxide: {index: 1.444}}
background: oxide
geometry:
  - box: {material: si, center: [0, 0, 0], size: [inf, 0.3, inf]}
  - box: {material: si, center: [0.5, 0.2, 0], size: [0.4, 0.3, inf]}
sources:
  - {name: in, mode: 0, center: [-0.8, 0], size: [0, 1.2], gaussian: {wavelength: 1.55, bandwidth: 0.3}}
monitors:
  - mode: {name: out, center: [0.9, 0], size: [0, 1.2], wavelengths: [1.5, 1.55, 1.6]}
  - flux: {name: back, center: [-0.95, 0], size: [0, 1.2], wavelengths: [1.5, 1.55, 1.6]}
run: {time: 30, output: out}
"""

# 3D with a mirror symmetry (odd in y): ghost planes on the rank that holds the mirror.
SCENE_MIRROR = """\
domain: {size: [2.0, 1.6, 1.0], resolution: 15, symmetry: {y: odd}%(ranks)s}
boundaries: {all: pml, pml: {cells: 5}}
materials: {si: {index: 3.0}}
geometry:
  - box: {material: si, center: [0.2, 0, 0], size: [0.8, 0.4, 0.3]}
sources:
  - {component: Ey, center: [-0.3, 0, 0], gaussian: {wavelength: 1.4, bandwidth: 0.4}}
monitors:
  - probe: {name: p, components: [Ey, Hz], point: [0.3, -0.2, 0.1]}
  - flux: {name: t, center: [0.6, 0, 0], size: [0, 1.2, 0.8], wavelengths: [1.3, 1.5]}
  - snapshot: {name: xy, components: [Ey], center: [0, 0, 0], size: [2.0, 1.6, 0], every: 50}
run: {time: 5, output: out}
"""


# Ports: one run per excited port mode, the S-matrix written by rank 0.
SCENE_PORTS = """\
domain: {size: [3.0, 2.4, 0], resolution: 25, dims: 2%(ranks)s}
materials: {si: {index: 3.48}, oxide: {index: 1.444}}
background: oxide
geometry:
  - box: {material: si, center: [-0.75, 0, 0], size: [1.5, 0.3, inf]}
  - box: {material: si, center: [0.75, 0, 0], size: [1.5, 0.5, inf]}
ports:
  - {name: a, center: [-0.9, 0], size: [0, 1.4], direction: +1}
  - {name: b, center: [0.9, 0], size: [0, 1.4], direction: -1}
s_parameters: {wavelengths: [1.5, 1.55, 1.6]}
run: {time: 25, output: out}
"""


def with_ranks(scene, shape):
    if shape is None:
        return scene % {"ranks": ""}
    return scene % {"ranks": ", decomposition: {ranks: [%d, %d, %d]}" % shape}


def files_of(d):
    return sorted(f for f in os.listdir(d) if f.endswith((".h5", ".hdf")) and f != "checkpoint.h5")


def datasets(path):
    """Every dataset and non-timing attribute of a file, by path."""
    out = {}
    skip = {"wall_seconds", "mcells_per_second", "scene"}  # the scene differs in its decomposition line
    with h5py.File(path, "r") as f:
        def visit(name, obj):
            for k, v in obj.attrs.items():
                if k not in skip:
                    out[name + "@" + k] = np.asarray(v)
            if isinstance(obj, h5py.Dataset):
                out[name] = obj[()]
        f.visititems(visit)
        for k, v in f.attrs.items():
            if k not in skip:
                out["@" + k] = np.asarray(v)
    return out


def same_bits(a, b):
    a, b = np.asarray(a), np.asarray(b)
    if a.shape != b.shape or a.dtype != b.dtype:
        return False
    if a.dtype.kind in "fc" or a.dtype.names:
        return a.tobytes() == b.tobytes()
    return np.array_equal(a, b)


def compare_dirs(ref, other, label):
    names = files_of(ref)
    expect(names == files_of(other), "%s: the same files (%d)" % (label, len(names)))
    bad = []
    for n in names:
        if not os.path.exists(os.path.join(other, n)):
            continue
        a, b = datasets(os.path.join(ref, n)), datasets(os.path.join(other, n))
        if a.keys() != b.keys():
            bad.append(n + " (different contents)")
            continue
        bad += [n + ":" + k for k in a if not same_bits(a[k], b[k])]
    expect(not bad, "%s: every dataset bitwise identical%s" % (label, (": " + ", ".join(bad[:5])) if bad else ""))


def run_case(name, scene, runs, tmp):
    ref = None
    for n, shape in runs:
        d = os.path.join(tmp, "%s-%d-%s" % (name, n, "auto" if shape is None else "x".join(map(str, shape))))
        os.makedirs(d)
        with open(os.path.join(d, "scene.yaml"), "w") as f:
            f.write(with_ranks(scene, shape))
        t = time.time()
        code, log = mpirun(n, ["run", "scene.yaml", "--quiet"], d)
        expect(code == 0, "%s on %d ranks %s runs (%.1f s)%s" % (name, n, shape or "", time.time() - t,
                                                                  "" if code == 0 else ":\n" + log[-2000:]))
        out = os.path.join(d, "out")
        if ref is None:
            ref = out
        elif code == 0:
            compare_dirs(ref, out, "%s: %d ranks %s vs 1" % (name, n, shape or ""))
    return ref


def fields_are_linked(out):
    """results.h5 reaches every snapshot through /fields (external links into the files)."""
    with h5py.File(os.path.join(out, "results.h5"), "r") as f:
        g = f["fields/xy-Ez"]
        steps = list(g["steps"][()])
        same = all(np.array_equal(g["%08d" % s][()], h5py.File(os.path.join(out, "xy-Ez-%08d.hdf" % s), "r")
                                  ["VTKHDF/PointData/Ez"][()]) for s in steps)
    expect(len(steps) > 1 and same, "results.h5 /fields links every snapshot (%d steps), same values" % len(steps))


def checkpoint_case(tmp):
    """Stop a 2-rank run with SIGUSR1 (what Slurm sends before the time limit) after its first
    checkpoint, resume it on 3 ranks: the outputs equal an uninterrupted 1-rank run's."""
    scene = with_ranks(SCENE_3D, None).replace("time: 6,", "time: 40,")
    ref = run_case("long", scene.replace("%", "%%"), [(1, None)], tmp)
    d = os.path.join(tmp, "resume")
    os.makedirs(d)
    with open(os.path.join(d, "scene.yaml"), "w") as f:
        f.write(scene)
    cmd = [MPIRUN, "--oversubscribe", "-np", "2", PFDTD, "run", "scene.yaml", "--checkpoint-every", "100"]
    p = subprocess.Popen(cmd, cwd=d, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    ckpt = os.path.join(d, "out", "checkpoint.h5")
    deadline = time.time() + 120
    while not os.path.exists(ckpt) and time.time() < deadline and p.poll() is None:
        time.sleep(0.02)
    p.send_signal(signal.SIGUSR1)
    log = p.communicate(timeout=300)[0]
    expect(p.returncode == 5, "a run signalled with SIGUSR1 exits 5 (got %d)" % p.returncode)
    expect("--resume" in log, "its message says how to resume")
    with h5py.File(ckpt, "r") as f:
        stopped_at = int(np.asarray(f.attrs["step"]).ravel()[0])
    with h5py.File(os.path.join(d, "out", "results.h5"), "r") as f:
        expect("interrupted" in str(f.attrs["status"]), "the results so far are written, marked interrupted")
    print("     stopped at step %d" % stopped_at)
    code, log2 = mpirun(3, ["run", "scene.yaml", "--resume", "--quiet"], d)
    expect(code == 0, "resumed on 3 ranks" + ("" if code == 0 else ":\n" + log2[-2000:]))
    if code == 0:
        compare_dirs(ref, os.path.join(d, "out"), "stopped on 2 ranks, resumed on 3, vs 1 rank uninterrupted")
    code, log3 = mpirun(1, ["run", "scene.yaml", "--resume", "--quiet"], os.path.join(tmp, "3d-1-auto"))
    expect(code != 0 and "no checkpoint" in log3, "--resume without a checkpoint is refused clearly")


def main():
    with tempfile.TemporaryDirectory() as tmp:
        run_case("3d", SCENE_3D, [(1, None), (2, None), (3, None), (4, None), (4, (1, 2, 2)), (3, (1, 1, 3))], tmp)
        run_case("modes", SCENE_MODES, [(1, None), (2, None), (3, (1, 3, 1)), (4, (2, 2, 1))], tmp)
        run_case("mirror", SCENE_MIRROR, [(1, None), (2, (1, 2, 1)), (4, None)], tmp)
        run_case("ports", SCENE_PORTS, [(1, None), (2, None), (3, (1, 3, 1))], tmp)
        fields_are_linked(os.path.join(tmp, "3d-2-auto", "out"))
        checkpoint_case(tmp)
    print("%d failure(s)" % len(failures))
    sys.exit(1 if failures else 0)


main()

#!/usr/bin/python3
"""SOI waveguide bend study (README.md): TE0 insertion loss of 90-degree circular and Euler
bends against radius, a straight reference, and the conformal-transformation reference.

    /usr/bin/python3 examples/soi_bend/study.py [--radii 1 2 3 5 7 10] [--resolution 30]

runs every scene with `pfdtd run`, prints the table, and writes study.csv and study.png to
the output folder (default pfdtd-out/soi_bend). A point whose results.h5 was made from the
same scene text is not run again.
"""
import argparse
import copy
import csv
import math
import os
import subprocess
import sys

import h5py
import numpy as np
import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from conformal import Guide, circular_bend_reference, slab_te_index  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(HERE))
WAVELENGTH = 1.55      # um, where the table is read (a monitor wavelength)
LEAD = 2.0             # um of straight guide between the source plane's side and the bend
SIDE = 1.6             # um of cladding from an outer guide's centre to the PML
EULER_FOOTPRINT = 1.8701  # end-point offset / radius_min of a full (p = 1) 90-degree Euler
# bend. Bends are compared at equal minimum radius R (the design-rule figure): the Euler
# bend then spans 1.87 R x 1.87 R (README.md gives the equal-footprint figures too).
SLAB = {"n_si": 3.476, "n_sio2": 1.444, "thickness": 0.22}  # the 3D stack the 2D model stands for


def load_scene(name):
    with open(os.path.join(HERE, name + ".yaml")) as f:
        return yaml.safe_load(f)


def components(scene):
    return {item["component"]["name"]: item["component"] for item in scene["geometry"]}


def place_bend(scene, radius):
    """Write every radius-dependent value of a bend scene (circular.yaml / euler.yaml).

    The bend of minimum radius R starts at the origin heading +x and ends at (F, F) heading
    +y (F = R circular, 1.8701 R Euler); the domain holds LEAD before and after it, SIDE of
    cladding beyond the outer guides, and the PML.
    """
    bend = components(scene)["bend"]
    euler = bend["type"] == "euler_bend"
    if euler:
        bend["radius_min"] = radius
    else:
        bend["radius"] = radius
    radius = round(radius * EULER_FOOTPRINT, 9) if euler else radius  # the end point's offset
    pml = scene["boundaries"]["pml"]["cells"] / scene["domain"]["resolution"]
    x_low, x_high = -LEAD - pml, radius + SIDE + pml
    y_low, y_high = -SIDE - pml, radius + LEAD + pml
    scene["domain"]["size"] = [round(x_high - x_low, 9), round(y_high - y_low, 9)]
    scene["domain"]["center"] = [round((x_high + x_low) / 2, 9), round((y_high + y_low) / 2, 9)]
    parts = components(scene)
    # The guides run 1 um into the PML on both ends, so nothing ends inside the domain.
    parts["input"].update(x0=round(x_low - 1, 9), length=round(1 - x_low, 9))
    parts["output"].update(x0=radius, y0=radius, length=round(y_high - radius + 1, 9))
    source = scene["sources"][0]
    source["center"] = [-LEAD + 0.5, 0]
    monitors = {m["mode"]["name"]: m["mode"] for m in scene["monitors"]}
    monitors["back"]["center"] = [-LEAD + 1.0, 0]
    monitors["out"]["center"] = [radius, radius + LEAD - 0.5]
    return scene


def point_scene(kind, radius, resolution, out_dir):
    """The scene of one point: kind is straight, circular or euler (radius None: straight)."""
    scene = load_scene(kind)
    scene["domain"]["resolution"] = resolution
    if radius is not None:
        place_bend(scene, radius)
    name = kind if radius is None else f"{kind}-R{radius:g}"
    scene["run"]["output"] = os.path.join(out_dir, f"res{resolution:g}", name)
    return scene


def run_point(pfdtd, scene):
    """Runs a scene unless its output already holds results of the same scene text."""
    folder = scene["run"]["output"]
    os.makedirs(folder, exist_ok=True)
    text = yaml.safe_dump(scene, sort_keys=False)
    results = os.path.join(folder, "results.h5")
    if os.path.exists(results):
        with h5py.File(results, "r") as f:
            if f.attrs.get("scene", b"").decode() == text and f.attrs.get("status", b"") == b"completed":
                return results
    path = os.path.join(folder, "scene.yaml")
    with open(path, "w") as f:
        f.write(text)
    done = subprocess.run([pfdtd, "run", path, "--quiet"], capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"pfdtd run {path} exited {done.returncode}:\n{done.stdout}{done.stderr}")
    return results


def mode_transmission(results, monitor="out", wavelength=WAVELENGTH, mode=0):
    """Power into the monitor's mode (0: TE0, 1: TE1) / launched, at a monitor wavelength."""
    with h5py.File(results, "r") as f:
        group = f["mode_monitors"][monitor]
        wavelengths = group["wavelength"][:]
        i = int(np.argmin(np.abs(wavelengths - wavelength)))
        if abs(wavelengths[i] - wavelength) > 1e-6 * wavelength:
            raise ValueError(f"{results}: monitor '{monitor}' has no wavelength {wavelength} um "
                             f"(has {list(wavelengths)})")
        return float(group[f"mode{mode}/transmission"][i])


def beating_band(eta0, eta1):
    """TE0 transmission range of a circular bend whose junctions also excite TE1.

    Each junction couples TE0 into the bend's TE0 (eta0) and TE1 (eta1); where TE1 reaches
    the second junction the two paths interfere: T0 = |a^2 + b^2 e^(i phi)|^2 with
    |a|^2 = eta0, |b|^2 = eta1, between (eta0 - eta1)^2 and (eta0 + eta1)^2, and the TE1
    leaving is at most 4 eta0 eta1. Without TE1 reaching it, T0 = eta0^2 (the mismatch).
    """
    return {"band_T_low": (eta0 - eta1)**2, "band_T_high": (eta0 + eta1)**2,
            "te1_max": 4 * eta0 * eta1}


def loss_db(transmission):
    return -10 * math.log10(transmission)


def model_guide(scene):
    """The 2D guide of a scene (core index, cladding index, width) for the reference."""
    n = {name: m["index"] for name, m in scene["materials"].items()}
    width = components(scene)["bend"]["xs"]["width"]
    return Guide(n_core=n["si_eff"], n_clad=n["sio2"], width=width, wavelength=WAVELENGTH)


def straight_length(scene):
    monitors = {m["mode"]["name"]: m["mode"] for m in scene["monitors"]}
    return monitors["out"]["center"][0] - scene["sources"][0]["center"][0]


def run_study(pfdtd, radii, resolution, out_dir, kinds=("circular", "euler")):
    """Runs the straight reference and every bend; returns (straight figures, rows)."""
    straight = point_scene("straight", None, resolution, out_dir)
    t_straight = mode_transmission(run_point(pfdtd, straight))
    guide = model_guide(load_scene("circular"))
    rows = []
    for radius in radii:
        row = {"radius": radius, "straight_T": t_straight}
        for kind in kinds:
            scene = point_scene(kind, radius, resolution, out_dir)
            results = run_point(pfdtd, scene)
            row[kind + "_T"] = mode_transmission(results)
            row[kind + "_db"] = loss_db(row[kind + "_T"])
            row[kind + "_te1"] = mode_transmission(results, mode=1)
        reference = circular_bend_reference(guide, radius)
        eta0, eta1 = reference["junction_eta"], reference["junction_eta_te1"]
        row.update(mismatch_db=reference["mismatch_db"], radiation_db=reference["radiation_db"],
                   reference_db=reference["total_db"], euler_footprint=radius * EULER_FOOTPRINT,
                   eta_te0=eta0, eta_te1=eta1, **beating_band(eta0, eta1))
        rows.append(row)
    length = straight_length(straight)
    figures = {"T": t_straight, "length_um": length,
               "loss_db_per_cm": loss_db(t_straight) / (length * 1e-4)}
    return figures, rows


COLUMNS = [("radius", "R um", "{:6.2f}"), ("circular_db", "IL circ dB", "{:10.4f}"),
           ("euler_db", "IL Euler dB", "{:11.4f}"), ("straight_T", "straight T", "{:10.6f}"),
           ("mismatch_db", "ref 2xmismatch dB", "{:17.4f}"), ("radiation_db", "ref radiation dB", "{:16.4f}"),
           ("circular_te1", "TE1 out circ", "{:12.5f}"),
           ("euler_footprint", "Euler span um", "{:13.3f}")]


def table_lines(rows):
    header = "  ".join(f"{title:>{len(fmt.format(0))}}" for _, title, fmt in COLUMNS)
    lines = [header]
    for row in rows:
        lines.append("  ".join(fmt.format(row[key]) if key in row else f"{'-':>{len(fmt.format(0))}}"
                               for key, _, fmt in COLUMNS))
    return lines


def write_csv(rows, path):
    keys = list(rows[0].keys())
    with open(path, "w", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=keys)
        writer.writeheader()
        writer.writerows(rows)


def plot(rows, path, resolution):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    radius = [r["radius"] for r in rows]
    fig, ax = plt.subplots(figsize=(6.4, 4.4))
    if "circular_db" in rows[0]:
        ax.semilogy(radius, [r["circular_db"] for r in rows], "o-", label="circular (FDTD)")
    if "euler_db" in rows[0]:
        ax.semilogy(radius, [r["euler_db"] for r in rows], "s-", label="Euler p = 1, same minimum radius (FDTD)")
    ax.semilogy(radius, [r["reference_db"] for r in rows], "k--",
                label="circular: conformal mismatch + radiation")
    ax.set_xlabel("bend radius R (um; Euler: minimum radius)")
    ax.set_ylabel(f"insertion loss per 90° at {WAVELENGTH} um (dB)")
    ax.set_title(f"SOI strip 500 x 220 nm, 2D effective index, {resolution:g} cells/um")
    ax.grid(True, which="both", alpha=0.3)
    ax.legend()
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)


def default_pfdtd():
    for build in ("build", "build-bend"):
        path = os.path.join(ROOT, build, "apps", "pfdtd")
        if os.access(path, os.X_OK):
            return path
    return "pfdtd"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--radii", type=float, nargs="+", default=[1, 1.5, 2, 3, 4, 5, 7, 10])
    parser.add_argument("--resolution", type=float, default=30, help="cells/um (default 30)")
    parser.add_argument("--output", default=os.path.join("pfdtd-out", "soi_bend"))
    parser.add_argument("--pfdtd", default=default_pfdtd(), help="the pfdtd executable")
    args = parser.parse_args()
    if any(r <= 0.25 for r in args.radii):
        parser.error("--radii: every radius must be > 0.25 um (half the 0.5-um guide width)")
    slab = slab_te_index(SLAB["n_si"], SLAB["n_sio2"], SLAB["thickness"], WAVELENGTH)
    print(f"2D model: core index {model_guide(load_scene('circular')).n_core} "
          f"(TE0 slab index of 220-nm Si in SiO2 at {WAVELENGTH} um: {slab:.5f})")
    figures, rows = run_study(args.pfdtd, args.radii, args.resolution, args.output)
    print(f"straight guide: T = {figures['T']:.6f} over {figures['length_um']:g} um "
          f"({figures['loss_db_per_cm']:.3g} dB/cm; lossless materials: 0 within the discretisation)")
    print("\n".join(table_lines(rows)))
    os.makedirs(args.output, exist_ok=True)
    write_csv(rows, os.path.join(args.output, "study.csv"))
    plot(rows, os.path.join(args.output, "study.png"), args.resolution)
    print(f"wrote {os.path.join(args.output, 'study.csv')} and {os.path.join(args.output, 'study.png')}")


if __name__ == "__main__":
    main()

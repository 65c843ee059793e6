#!/usr/bin/python3
"""Grating coupler study (README.md): a uniform 70-nm shallow-etch grating on 220-nm SOI
coupling its waveguide's TE0 into an SMF-28 fibre, as a 2D cross-section.

    /usr/bin/python3 examples/grating_coupler/study.py [--resolution 40]
        [--periods 0.60 0.63 0.66] [--fills 0.4 0.5 0.6] [--output DIR] [--pfdtd PATH]

Runs the grid's slab modes (`pfdtd modes`), a search run (fibre at the grating equation's
angle, alignment scan), an aligned run (fibre at the best offset and tilt: spectrum, power
balance, back-reflection, offset x tilt map) and a `pfdtd sweep` over period x fill factor;
prints the figures, and writes figures.json, spectrum.csv, sweep_figures.csv and the PNGs to
the output folder (default pfdtd-out/grating_coupler/res<R>). Runs whose results.h5 came
from the same scene text are not run again.
"""
import argparse
import copy
import csv
import json
import math
import os
import shutil
import subprocess

import h5py
import numpy as np
import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
WAVELENGTH = 1.55          # um: design wavelength, where the scans, sweep and angles are read
ETCH = 0.07                # um, trench depth below the core top (0.22 um)
CORE_LAYER = 2             # index of the core in the scene's `layers` (substrate, BOX, core, cladding)
TRENCHES = 1               # index of the trench `array` in the scene's geometry
FOCUS_GUESS = 6.0          # um from the grating start: first fibre focus of the search run
# Tilts of the offset x tilt map, relative to the best tilt (deg): the 1-dB tilt window of
# a 5.2-um waist is ~5.2 deg full width (Marcuse), so +-6 deg holds it with margin.
MAP_TILTS = np.arange(-6.0, 6.01, 1.0)
WAIST = 5.2                # um, SMF-28 mode field radius at 1.55 um (MFD 10.4 um)


def load_scene():
    with open(os.path.join(HERE, "grating.yaml")) as f:
        return yaml.safe_load(f)


def r9(x):
    """Rounded so that the scene text (and so the run cache) does not carry float noise."""
    return round(float(x), 9)


def set_grating(scene, period, fill):
    """Period and fill factor (tooth / period): each period is a trench then a tooth, the
    first trench starting at x = 0."""
    trench = scene["geometry"][TRENCHES]["array"]
    gap = (1 - fill) * period
    trench["pitch"][0] = r9(period)
    trench["shape"]["box"]["size"][0] = r9(gap)
    trench["shape"]["box"]["center"][0] = r9(gap / 2)


def monitors(scene, kind):
    return {m[kind]["name"]: m[kind] for m in scene["monitors"] if kind in m}


def place_fibre(scene, focus_x, tilt_deg):
    fibre = monitors(scene, "flux")["up"]["fibre"]
    fibre["focus"][0] = r9(focus_x)
    fibre["tilt_deg"] = r9(tilt_deg)


def base_scene(resolution, period, fill, output):
    scene = load_scene()
    scene["domain"]["resolution"] = resolution
    set_grating(scene, period, fill)
    scene["run"]["output"] = output
    return scene


def as_text(attribute):
    """An HDF5 string attribute as str (h5py gives bytes or str by the string's storage)."""
    return attribute.decode() if isinstance(attribute, bytes) else str(attribute)


def run_scene(pfdtd, scene, command="run"):
    """Runs a scene unless its output already holds results of the same scene text."""
    folder = scene["run"]["output"]
    os.makedirs(folder, exist_ok=True)
    text = yaml.safe_dump(scene, sort_keys=False)
    results = os.path.join(folder, "results.h5" if command == "run" else "modes.h5")
    path = os.path.join(folder, "scene.yaml")
    if command == "run" and os.path.exists(results):
        with h5py.File(results, "r") as f:
            if as_text(f.attrs.get("scene")) == text and as_text(f.attrs.get("status")) == "completed":
                return results
    with open(path, "w") as f:
        f.write(text)
    done = subprocess.run([pfdtd, command, path, "--quiet"], capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"pfdtd {command} {path} exited {done.returncode}:\n{done.stdout}{done.stderr}")
    return results


# -- the grating equation ---------------------------------------------------------------

def slab_index(pfdtd, resolution, thickness, wavelengths, output):
    """TE0 (E along the chip's lateral axis, Ez) index of the stack's slab with a core of the
    given thickness, on the run's own grid (`pfdtd modes` on the lead's plane)."""
    scene = base_scene(resolution, 0.63, 0.5, output)
    layers = scene["geometry"][0]["layers"]["layers"]
    layers[CORE_LAYER + 1]["thickness"] += layers[CORE_LAYER]["thickness"] - thickness
    layers[CORE_LAYER]["thickness"] = thickness
    scene["modes"][0].update(wavelengths=[r9(w) for w in wavelengths], num_modes=1)
    with h5py.File(run_scene(pfdtd, scene, "modes"), "r") as f:
        mode = f["modes/lead/0"]
        if np.any(mode["te_fraction"][:] > 0.5):
            raise RuntimeError(f"{output}: the slab's first mode is not the Ez (chip TE) mode")
        return mode["neff_re"][:]


def grating_angle(n_tooth, n_trench, fill, period, wavelength, n_top=1.0):
    """First-order diffraction angle (deg from the vertical, towards +x) into the top medium:
    n_top sin(theta) = neff - lambda / period, with neff the fill-weighted mean of the
    unetched and etched slab indices (Chrostowski & Hochberg, Silicon Photonics Design, 2015,
    ch. 5: the standard first estimate)."""
    neff = fill * n_tooth + (1 - fill) * n_trench
    return np.degrees(np.arcsin((neff - wavelength / period) / n_top))


# -- reading a run ----------------------------------------------------------------------

def read_run(results, fibres=("up",)):
    """Spectra (normalised by the launched power) and the fibre analyses of a run."""
    with h5py.File(results, "r") as f:
        pin = f["mode_monitors/back/input_power"][:]
        run = {"wavelength": f["flux/up/wavelength"][:], "input": pin,
               "R": f["mode_monitors/back/mode0/reflection"][:],
               "back_forward": f["mode_monitors/back/mode0/transmission"][:],
               "theta": f["flux/up/far_field/peak_theta"][:]}
        for name in ("up", "down", "left", "right"):
            run[name] = f[f"flux/{name}/flux"][:] / pin
        run["fibres"] = {name: read_fibre(f[f"flux/{name}/fibre"]) for name in fibres}
    return run


def read_fibre(group):
    a = group["alignment"]
    i = int(np.argmin(np.abs(group.parent["wavelength"][:] - a.attrs["wavelength_um"][0])))
    # coupled / launched = coupled / plane flux x plane flux / launched, at the scan wavelength
    to_input = group["efficiency_input"][i] / group["efficiency"][i]
    return {"ce": group["efficiency_input"][:], "focus_x": group.attrs["focus_um"][0],
            "tilt": group.attrs["tilt_deg"][0], "offsets": a["offset_v"][:],
            "tilts": a["tilt"][:], "ce_offset": a["efficiency_uv"][:, 0] * to_input,
            "ce_tilt": a["efficiency_tilt"][:] * to_input,
            "best_ce": a.attrs["best_efficiency"][0] * to_input,
            "best_x": group.attrs["focus_um"][0] + a.attrs["best_offset_um"][1],
            "best_tilt": a.attrs["best_tilt_deg"][0],
            "window_x": a.attrs["one_db_full_width_um"][1],
            "window_tilt": a.attrs["one_db_full_width_tilt_deg"][0]}


def at(run, key, wavelength=WAVELENGTH):
    return float(np.interp(wavelength, run["wavelength"], run[key]))


def db(x):
    return 10 * np.log10(x)


# -- spectrum figures -------------------------------------------------------------------

def crossing(wl, level_db, i, step):
    """Wavelength where the dB spectrum falls to level_db walking from sample i by step
    (linear interpolation; NaN if the band ends first)."""
    while 0 <= i + step < len(wl):
        if level_db[i + step] < 0:
            a, b = level_db[i], level_db[i + step]
            return wl[i] + (wl[i + step] - wl[i]) * a / (a - b)
        i += step
    return math.nan


def spectrum_figures(wl, ce):
    """Peak (parabola through the top three samples in dB), 1-dB and 3-dB full widths (nm)."""
    spectrum = db(ce)
    i = int(np.clip(np.argmax(spectrum), 1, len(wl) - 2))
    c = np.polyfit(wl[i - 1:i + 2], spectrum[i - 1:i + 2], 2)
    peak_wl = -c[1] / (2 * c[0])
    figures = {"peak_wavelength_um": peak_wl, "peak_ce_db": float(np.polyval(c, peak_wl))}
    figures["peak_ce"] = 10 ** (figures["peak_ce_db"] / 10)
    for drop in (1, 3):
        level = spectrum - (figures["peak_ce_db"] - drop)
        low, high = crossing(wl, level, i, -1), crossing(wl, level, i, +1)
        figures[f"bw_{drop}db_nm"] = 1000 * (high - low)
    return figures


# -- the study's runs -------------------------------------------------------------------

def search_scene(resolution, period, fill, angle, output):
    """Fibre at the grating equation's angle, FOCUS_GUESS um into the grating."""
    scene = base_scene(resolution, period, fill, output)
    place_fibre(scene, FOCUS_GUESS, angle)
    return scene


def aligned_scene(resolution, period, fill, best, output):
    """Fibre at the search run's best offset and tilt, plus one fibre per MAP_TILTS offset
    (same line, own tilt, offset scan only) for the offset x tilt map."""
    scene = base_scene(resolution, period, fill, output)
    place_fibre(scene, best["best_x"], best["best_tilt"])
    up = next(m for m in scene["monitors"] if m.get("flux", {}).get("name") == "up")
    for k, dt in enumerate(MAP_TILTS):
        twin = copy.deepcopy(up)["flux"]
        twin["name"] = f"up_tilt{k}"
        twin.pop("far_field")
        twin["fibre"]["tilt_deg"] = r9(best["best_tilt"] + dt)
        twin["fibre"]["scan"].update(tilt=0, tilt_steps=1)
        scene["monitors"].append({"flux": twin})
    return scene


def power_balance(run):
    return run["up"] + run["down"] + run["left"] + run["right"]


def nominal_figures(run, fibre, n_tooth, n_trench, fill, period):
    wl = run["wavelength"]
    figures = spectrum_figures(wl, fibre["ce"])
    band = (wl >= 1.5 - 1e-9) & (wl <= 1.6 + 1e-9)
    one_db = (wl >= figures["peak_wavelength_um"] - figures["bw_1db_nm"] / 2000) & \
             (wl <= figures["peak_wavelength_um"] + figures["bw_1db_nm"] / 2000)
    predicted = grating_angle(n_tooth, n_trench, fill, period, wl)
    figures.update(
        ce_at_design=float(np.interp(WAVELENGTH, wl, fibre["ce"])),
        best_tilt_deg=fibre["best_tilt"], best_focus_x_um=fibre["best_x"],
        best_ce_scan=fibre["best_ce"],
        window_1db_offset_um=fibre["window_x"], window_1db_tilt_deg=fibre["window_tilt"],
        reflection_db=float(db(at(run, "R"))),
        reflection_max_1db_band_db=float(db(np.max(run["R"][one_db]))) if one_db.any() else math.nan,
        back_monitor_forward=float(np.max(run["back_forward"])),
        up_fraction=at(run, "up"), down_fraction=at(run, "down"),
        left_fraction=at(run, "left"), right_fraction=at(run, "right"),
        balance_max_error=float(np.max(np.abs(power_balance(run)[band] - 1))),
        far_field_deg=at(run, "theta"),
        grating_equation_deg=float(np.interp(WAVELENGTH, wl, predicted)),
        far_field_slope=slope(wl[band], np.sin(np.radians(run["theta"][band]))),
        grating_equation_slope=slope(wl[band], np.sin(np.radians(predicted[band]))))
    return figures


def slope(x, y):
    return float(np.polyfit(x, y, 1)[0])


def alignment_map(run):
    """CE over (tilt, focus x) at the scan wavelength, from the MAP_TILTS fibres."""
    fibres = [run["fibres"][f"up_tilt{k}"] for k in range(len(MAP_TILTS))]
    tilts = np.array([fb["tilt"] for fb in fibres])
    x = fibres[0]["focus_x"] + fibres[0]["offsets"]
    return tilts, x, np.array([fb["ce_offset"] for fb in fibres])


# -- the sweep --------------------------------------------------------------------------

def run_sweep(pfdtd, base, grid, folder, slab):
    """`pfdtd sweep` of the base scene over (period, fill) points: the trench array's pitch,
    width and centre are zipped lists, one entry per point."""
    os.makedirs(folder, exist_ok=True)
    base_path = os.path.join(folder, "base.yaml")
    path = "geometry.%d.array" % TRENCHES
    values = {"period": [], "trench_width": [], "trench_center": []}
    for period, fill in grid:
        values["period"].append(r9(period))
        values["trench_width"].append(r9((1 - fill) * period))
        values["trench_center"].append(r9((1 - fill) * period / 2))
    sweep = {"scene": "base.yaml", "combine": "zip", "output": os.path.join(folder, "out"),
             "parameters": [{"name": "period", "path": path + ".pitch.0", "values": values["period"]},
                            {"name": "trench_width", "path": path + ".shape.box.size.0",
                             "values": values["trench_width"]},
                            {"name": "trench_center", "path": path + ".shape.box.center.0",
                             "values": values["trench_center"]}],
             "figures": [{"name": "R", "mode": {"monitor": "back", "wavelength": WAVELENGTH,
                                                "quantity": "reflection"}}]}
    text = yaml.safe_dump(base, sort_keys=False) + "\n" + yaml.safe_dump(sweep, sort_keys=False)
    stamp = os.path.join(folder, "stamp.txt")
    if not (os.path.exists(stamp) and open(stamp).read() == text):
        shutil.rmtree(sweep["output"], ignore_errors=True)  # another sweep: start afresh
        with open(base_path, "w") as f:
            yaml.safe_dump(base, f, sort_keys=False)
        with open(os.path.join(folder, "sweep.yaml"), "w") as f:
            yaml.safe_dump(sweep, f, sort_keys=False)
        done = subprocess.run([pfdtd, "sweep", os.path.join(folder, "sweep.yaml")],
                              capture_output=True, text=True)
        if done.returncode != 0:
            raise RuntimeError(f"pfdtd sweep exited {done.returncode}:\n{done.stdout}{done.stderr}")
        with open(stamp, "w") as f:
            f.write(text)
    return sweep_rows(sweep["output"], grid, slab)


def sweep_rows(output, grid, slab):
    """One row per point: the sweep table's R, the point's own fibre scan and far field, and
    the grating equation's angle (slab: the 220 and 150 nm slab indices at WAVELENGTH)."""
    with open(os.path.join(output, "sweep.csv")) as f:
        table = list(csv.DictReader(f))
    rows = []
    for (period, fill), row in zip(grid, table):
        if row["status"] != "done":
            raise RuntimeError(f"sweep point {row['index']} {row['status']}: {row['error']}")
        run = read_run(os.path.join(output, "points", row["index"], "results.h5"))
        fibre = run["fibres"]["up"]
        rows.append({"period": period, "fill": fill, "R_db": float(db(float(row["R"]))),
                     "best_ce": fibre["best_ce"], "best_ce_db": float(db(fibre["best_ce"])),
                     "best_tilt_deg": fibre["best_tilt"], "far_field_deg": at(run, "theta"),
                     "grating_equation_deg": float(grating_angle(*slab, fill, period, WAVELENGTH)),
                     "up_fraction": at(run, "up")})
    return rows


# -- output -----------------------------------------------------------------------------

def plot_all(run, fibre, figures, tilt_map, rows, folder, resolution):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    wl = run["wavelength"]
    fig, ax = plt.subplots(figsize=(6.4, 4.4))
    ax.plot(wl, db(fibre["ce"]), "o-", ms=3, label="fibre coupling (CE)")
    for key, label in (("up", "up (all angles)"), ("down", "down (substrate)"),
                       ("right", "through the grating"), ("R", "back-reflection (TE0)")):
        ax.plot(wl, db(np.maximum(run[key], 1e-6)), label=label)
    ax.axhline(figures["peak_ce_db"] - 1, color="k", ls=":", lw=0.8, label="peak - 1 dB")
    ax.set_ylim(-40, 1)
    ax.set_xlabel("wavelength (um)")
    ax.set_ylabel("power / launched (dB)")
    ax.set_title(f"uniform GC, fibre at {fibre['tilt']:.1f} deg, {resolution:g} cells/um")
    ax.grid(alpha=0.3)
    ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(os.path.join(folder, "spectrum.png"), dpi=120)
    plt.close(fig)
    plot_map(plt, tilt_map, figures, os.path.join(folder, "alignment.png"))
    if rows:
        plot_sweep(plt, rows, os.path.join(folder, "sweep.png"))


def plot_map(plt, tilt_map, figures, path):
    tilts, x, ce = tilt_map
    fig, ax = plt.subplots(figsize=(6.4, 4.4))
    image = ax.pcolormesh(x, tilts, db(np.maximum(ce, 1e-6)), shading="nearest",
                          vmin=figures["best_ce_scan_db"] - 6, vmax=figures["best_ce_scan_db"])
    ax.contour(x, tilts, db(np.maximum(ce, 1e-6)), [figures["best_ce_scan_db"] - 1], colors="w")
    ax.plot(figures["best_focus_x_um"], figures["best_tilt_deg"], "w+", ms=12)
    fig.colorbar(image, label=f"CE at {WAVELENGTH} um (dB); white: 1-dB contour")
    ax.set_xlabel("fibre focus x from the grating start (um)")
    ax.set_ylabel("fibre tilt from vertical, in air (deg)")
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)


def plot_sweep(plt, rows, path):
    periods = sorted({r["period"] for r in rows})
    fills = sorted({r["fill"] for r in rows})
    grid = np.full((len(fills), len(periods)), np.nan)
    for r in rows:
        grid[fills.index(r["fill"]), periods.index(r["period"])] = r["best_ce_db"]
    fig, ax = plt.subplots(figsize=(6.4, 4.4))
    image = ax.pcolormesh(periods, fills, grid, shading="nearest")
    for r in rows:
        ax.annotate(f"{r['best_ce_db']:.2f} dB\n{r['best_tilt_deg']:.1f} deg",
                    (r["period"], r["fill"]), ha="center", va="center", fontsize=8, color="w")
    fig.colorbar(image, label=f"CE at {WAVELENGTH} um, best offset and tilt (dB)")
    ax.set_xlabel("period (um)")
    ax.set_ylabel("fill factor (tooth / period)")
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)


def write_outputs(run, fibre, figures, tilt_map, rows, folder):
    tilts, x, ce = tilt_map
    with open(os.path.join(folder, "figures.json"), "w") as f:
        json.dump({"figures": figures, "sweep": rows, "map": {"tilt_deg": tilts.tolist(),
                   "focus_x_um": x.tolist(), "ce": ce.tolist()}}, f, indent=1)
    with open(os.path.join(folder, "spectrum.csv"), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["wavelength_um", "ce", "up", "down", "left", "right", "reflection", "far_field_deg"])
        for i, wl in enumerate(run["wavelength"]):
            w.writerow([f"{wl:.5f}", f"{fibre['ce'][i]:.6g}"]
                       + [f"{run[k][i]:.6g}" for k in ("up", "down", "left", "right", "R", "theta")])
    if rows:
        with open(os.path.join(folder, "sweep_figures.csv"), "w", newline="") as f:
            w = csv.DictWriter(f, fieldnames=list(rows[0]))
            w.writeheader()
            w.writerows(rows)


def report(figures, rows):
    f = figures
    lines = [
        f"slab TE0 indices at {WAVELENGTH} um (grid): 220 nm {f['n_tooth']:.4f}, 150 nm {f['n_trench']:.4f}",
        f"peak CE            {f['peak_ce_db']:.2f} dB ({100 * f['peak_ce']:.1f} %) at {f['peak_wavelength_um']:.4f} um"
        f"   [published: > 30 % measured, Taillaert 2006; uniform 220-nm SOI limit ~ -2.6 dB (55 %)]",
        f"1-dB / 3-dB width  {f['bw_1db_nm']:.1f} nm / {f['bw_3db_nm']:.1f} nm   [Taillaert 2006: 40 nm 1-dB]",
        f"CE at {WAVELENGTH} um      {db(f['ce_at_design']):.2f} dB; scan best {db(f['best_ce_scan']):.2f} dB",
        f"optimal fibre      tilt {f['best_tilt_deg']:.2f} deg (air), focus x {f['best_focus_x_um']:.2f} um from the grating start",
        f"far field / grating equation at {WAVELENGTH} um: {f['far_field_deg']:.2f} / {f['grating_equation_deg']:.2f} deg;"
        f" d(sin theta)/d(lambda) {f['far_field_slope']:.3f} / {f['grating_equation_slope']:.3f} 1/um",
        f"1-dB alignment     offset {f['window_1db_offset_um']:.2f} um, tilt {f['window_1db_tilt_deg']:.2f} deg (full widths)"
        f"   [Gaussian-to-Gaussian, Marcuse 1977: {f['marcuse_offset_um']:.2f} um, {f['marcuse_tilt_deg']:.2f} deg]",
        f"back-reflection    {f['reflection_db']:.1f} dB at {WAVELENGTH} um, max {f['reflection_max_1db_band_db']:.1f} dB over the 1-dB band",
        f"power at {WAVELENGTH} um    up {f['up_fraction']:.4f}, substrate {f['down_fraction']:.4f}, back {f['left_fraction']:.4f},"
        f" through {f['right_fraction']:.4f}; |sum - 1| <= {f['balance_max_error']:.1e} over 1.5-1.6 um"]
    if rows:
        lines.append("sweep (CE at best offset and tilt, 1.55 um):")
        lines.append("  period  fill   CE dB  tilt deg  far field deg  grating eq deg  up frac   R dB")
        lines += [f"  {r['period']:.3f}  {r['fill']:.2f}  {r['best_ce_db']:6.2f}  {r['best_tilt_deg']:8.2f}"
                  f"  {r['far_field_deg']:13.2f}  {r['grating_equation_deg']:14.2f}  {r['up_fraction']:7.4f}"
                  f"  {r['R_db']:5.1f}" for r in rows]
    return "\n".join(lines)


def marcuse_windows(n_top=1.0):
    """1-dB full widths of a Gaussian fibre against a Gaussian field of the same waist, 2D:
    exp(-(d / w0)^2) and exp(-(pi n w0 theta / lambda)^2) (Marcuse, BSTJ 56, 703 (1977))."""
    half = math.sqrt(0.1 * math.log(10))
    return 2 * WAIST * half, math.degrees(2 * half * WAVELENGTH / (math.pi * n_top * WAIST))


def run_study(pfdtd, resolution, period, fill, grid, out):
    wavelengths = load_scene()["monitors"][1]["flux"]["wavelengths"]
    wl = np.linspace(wavelengths["start"], wavelengths["stop"], wavelengths["count"])
    n_tooth = slab_index(pfdtd, resolution, 0.22, wl, os.path.join(out, "modes-220"))
    n_trench = slab_index(pfdtd, resolution, 0.22 - ETCH, wl, os.path.join(out, "modes-150"))
    angle = float(np.interp(WAVELENGTH, wl, grating_angle(n_tooth, n_trench, fill, period, wl)))
    search = read_run(run_scene(pfdtd, search_scene(resolution, period, fill, angle,
                                                    os.path.join(out, "search"))))
    best = search["fibres"]["up"]
    names = ["up"] + [f"up_tilt{k}" for k in range(len(MAP_TILTS))]
    run = read_run(run_scene(pfdtd, aligned_scene(resolution, period, fill, best,
                                                  os.path.join(out, "aligned"))), names)
    fibre = run["fibres"]["up"]
    figures = nominal_figures(run, fibre, n_tooth, n_trench, fill, period)
    figures.update(n_tooth=at({"wavelength": wl, "n": n_tooth}, "n"),
                   n_trench=at({"wavelength": wl, "n": n_trench}, "n"),
                   search_tilt_deg=angle, best_ce_scan_db=float(db(fibre["best_ce"])))
    figures["marcuse_offset_um"], figures["marcuse_tilt_deg"] = marcuse_windows()
    slab = (figures["n_tooth"], figures["n_trench"])
    rows = run_sweep(pfdtd, search_scene(resolution, period, fill, angle, "unused"), grid,
                     os.path.join(out, "sweep"), slab) if grid else []
    return run, fibre, figures, rows


def default_pfdtd():
    path = os.path.join(ROOT, "build", "apps", "pfdtd")
    return path if os.access(path, os.X_OK) else "pfdtd"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--resolution", type=float, default=30, help="cells/um (default 30)")
    parser.add_argument("--period", type=float, default=0.63, help="um, the nominal grating")
    parser.add_argument("--fill", type=float, default=0.5, help="tooth / period, the nominal grating")
    parser.add_argument("--periods", type=float, nargs="*", default=[0.60, 0.63, 0.66])
    parser.add_argument("--fills", type=float, nargs="*", default=[0.4, 0.5, 0.6])
    parser.add_argument("--output", default=None, help="default pfdtd-out/grating_coupler/res<R>")
    parser.add_argument("--pfdtd", default=default_pfdtd(), help="the pfdtd executable")
    args = parser.parse_args()
    for name in ("period", "fill"):
        value = getattr(args, name)
        values = getattr(args, name + "s") + [value]
        top = 1 if name == "fill" else math.inf
        if any(not 0 < v < top for v in values):
            parser.error(f"--{name}/--{name}s: every value must be in (0, {top}); got {values}")
    out = args.output or os.path.join("pfdtd-out", "grating_coupler", f"res{args.resolution:g}")
    grid = [(p, f) for p in args.periods for f in args.fills]
    run, fibre, figures, rows = run_study(args.pfdtd, args.resolution, args.period, args.fill, grid, out)
    print(report(figures, rows))
    os.makedirs(out, exist_ok=True)
    tilt_map = alignment_map(run)
    write_outputs(run, fibre, figures, tilt_map, rows, out)
    plot_all(run, fibre, figures, tilt_map, rows, out, args.resolution)
    print(f"wrote figures.json, spectrum.csv, spectrum.png, alignment.png"
          f"{', sweep_figures.csv, sweep.png' if rows else ''} in {out}")


if __name__ == "__main__":
    main()

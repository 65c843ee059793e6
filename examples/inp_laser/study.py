#!/usr/bin/python3
"""InP laser stack study (README.md): the modes of a 1.55-um MQW ridge laser (effective
index, confinement factor in the wells, mode sizes), the reflectivity of its cleaved and
AR-coated facet, and the far-field divergence, each against an analytic reference.

    /usr/bin/python3 examples/inp_laser/study.py [--facet-resolution 60]
        [--ridge-resolutions 40 80] [--slab-resolution 320] [--output DIR] [--pfdtd PATH]

prints the figures and writes study.csv, modes.png, facet.png and far_field.png to the
output folder (default pfdtd-out/inp_laser).
"""
import argparse
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
import slab  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(HERE))
WAVELENGTH = 1.55
WELLS = 5
Y_CELLS = 4          # the facet and slab scenes' periodic y: 4 cells (the flux plane's
                     # colocation needs at least 2 cell centres holding every component)


# -- the stack, as the scenes define it -------------------------------------------------

def stack(scene):
    """Indices and layer list (bottom to top, z = 0 the substrate's top) of a scene's
    laser_stack, under the ridge and beside it."""
    laser = component(scene)
    mats = scene["materials"]
    n = {role: mats[name]["index"] for role, name in laser["materials"].items()}
    active = [(laser["barrier_thickness"], n["barrier"])]
    for _ in range(laser["wells"]):
        active += [(laser["well_thickness"], n["well"]), (laser["barrier_thickness"], n["barrier"])]
    below = [(laser["n_cladding_thickness"], n["n_cladding"]), (laser["sch_thickness"], n["sch"])]
    upper = [(laser["sch_thickness"], n["sch"])]
    top = sum(t for t, _ in below + active + upper) + laser["p_cladding_thickness"] \
        + laser["contact_thickness"]
    etch_z = top - laser["etch_depth"]
    ridge = below + active + upper + [(laser["p_cladding_thickness"], n["p_cladding"]),
                                      (laser["contact_thickness"], n["contact"])]
    beside = below + active + upper + [(etch_z - sum(t for t, _ in below + active + upper),
                                        n["p_cladding"])]
    first_well = len(below) + 1
    return {"ridge": ridge, "beside": beside, "substrate": n["substrate"],
            "wells": [first_well + 2 * i for i in range(laser["wells"])],
            "active": list(range(len(below), len(below) + len(active))),
            "active_z": (sum(t for t, _ in below), sum(t for t, _ in below + active)),
            "width": laser["ridge_width"]}


def component(scene):
    return scene["geometry"][0]["component"]


def load(name):
    with open(os.path.join(HERE, name + ".yaml")) as f:
        return yaml.safe_load(f)


# -- analytic references ------------------------------------------------------------------

def references(s):
    """Slab (transfer-matrix) and effective-index figures of the stack."""
    z = np.arange(-2.0, 5.0, 0.0005)   # 12 samples per well: the shares converge to ~1e-3
    n_in = slab.mode_indices(s["ridge"], s["substrate"], 1.0, WAVELENGTH)[0]
    n_out = slab.mode_indices(s["beside"], s["substrate"], 1.0, WAVELENGTH)[0]
    e = slab.profile(n_in, s["ridge"], s["substrate"], 1.0, WAVELENGTH, z)
    # Lateral effective-index slab: E along y is normal to the ridge walls, so its TM.
    lateral = [(s["width"], n_in)]
    lateral_n = slab.mode_indices(lateral, n_out, n_out, WAVELENGTH, tm=True)
    y = np.arange(-4.0, 6.0, 0.002)
    h = slab.profile(lateral_n[0], lateral, n_out, n_out, WAVELENGTH, y, tm=True)
    # The lateral share of n^2 |E|^2 with E_y ~ H_z / n^2: |H|^2 / n^2 inside over outside.
    n_lat = slab.index_profile(lateral, n_out, n_out, y).real
    energy = h * h / n_lat ** 2
    inside = (y > 0) & (y <= s["width"])
    gamma_lat = energy[inside].sum() / energy.sum()
    gamma_wells = slab.te_confinement(n_in, s["ridge"], s["substrate"], 1.0, WAVELENGTH,
                                      s["wells"], z)
    gamma_active = slab.te_confinement(n_in, s["ridge"], s["substrate"], 1.0, WAVELENGTH,
                                       s["active"], z)
    gamma_wells_beside = slab.te_confinement(n_out, s["beside"], s["substrate"], 1.0,
                                             WAVELENGTH, s["wells"], z)
    w_vert = slab.one_over_e2_width(z, e * e)
    w0 = w_vert / 2
    spectrum = slab.angular_spectrum(z[::4], e[::4], WAVELENGTH)   # 2-nm samples suffice
    return {"n_slab": n_in, "n_beside": n_out, "n_eim": lateral_n[0],
            "n_eim1": lateral_n[1] if len(lateral_n) > 1 else float("nan"),
            "lateral_modes": len(lateral_n), "gamma_lat_eim": gamma_lat,
            "gamma_wells_slab": gamma_wells, "gamma_active_slab": gamma_active,
            "gamma_wells_beside": gamma_wells_beside,
            "gamma_wells_eim": wells_share(gamma_lat, gamma_wells, gamma_wells_beside),
            "w_vert": w_vert, "w_lat_eim": slab.one_over_e2_width(y, energy),
            "fresnel_slab": slab.fresnel(n_in),
            "r_spectrum": slab.modal_reflectivity_te(spectrum, n_in, WAVELENGTH),
            "theta_mode": slab.far_field_half_angle(z, e, WAVELENGTH),
            "theta_facet": slab.far_field_half_angle(z, e, WAVELENGTH, n_eff=n_in),
            "fwhm_facet": 2 * slab.far_field_half_angle(z, e, WAVELENGTH, 0.5, n_eff=n_in),
            "theta_gauss_paraxial": math.degrees(WAVELENGTH / (math.pi * w0)),
            "theta_gauss": math.degrees(math.atan(WAVELENGTH / (math.pi * w0))),
            "z": z, "profile": e, "spectrum": spectrum}


def wells_share(gamma_lat, gamma_wells_under, gamma_wells_beside):
    """Confinement in the wells of a ridge mode, separably: the wells run under the ridge
    and beside it, so the mode's energy under the ridge (share gamma_lat) overlaps them as
    the slab there does, and the rest as the slab beside the ridge."""
    return gamma_lat * gamma_wells_under + (1 - gamma_lat) * gamma_wells_beside


def optimal_coating(spectrum, n_eff):
    """The single-layer coating (index, thickness) with the least plane-wave-spectrum
    reflectivity at WAVELENGTH, from the quarter-wave layer for normal incidence."""
    from scipy.optimize import minimize
    start = [math.sqrt(n_eff), WAVELENGTH / (4 * math.sqrt(n_eff))]
    best = minimize(lambda p: slab.modal_reflectivity_te(spectrum, n_eff, WAVELENGTH, tuple(p)),
                    start, method="Nelder-Mead", options={"xatol": 1e-7, "fatol": 1e-14})
    return {"index": float(best.x[0]), "thickness": float(best.x[1])}


# -- running pfdtd ----------------------------------------------------------------------------

def run_scene(pfdtd, scene, out_dir, command):
    """Write the scene into out_dir and run `pfdtd <command>` on it, unless the results in
    out_dir came from the same scene text."""
    os.makedirs(out_dir, exist_ok=True)
    scene["run"]["output"] = out_dir
    text = yaml.safe_dump(scene, sort_keys=False)
    path = os.path.join(out_dir, "scene.yaml")
    result = os.path.join(out_dir, "modes.h5" if command == "modes" else "results.h5")
    if os.path.exists(result) and os.path.exists(path) and open(path).read() == text:
        return result
    with open(path, "w") as f:
        f.write(text)
    env = dict(os.environ, OMP_NUM_THREADS=os.environ.get("OMP_NUM_THREADS", "1"))
    done = subprocess.run([pfdtd, command, path, "--quiet"] if command == "run"
                          else [pfdtd, command, path], env=env, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"study.py: pfdtd {command} {path} failed ({done.returncode}):\n{done.stdout}{done.stderr}")
    return result


def set_resolution(scene, resolution, periodic_y):
    scene["domain"]["resolution"] = resolution
    if periodic_y:   # the slab models: Y_CELLS cells across the periodic y
        width = Y_CELLS / resolution
        scene["domain"]["size"][1] = width
        for item in scene.get("sources", []) + [m for k in scene.get("monitors", []) for m in k.values()] \
                + scene.get("modes", []):
            item["size"][1] = width
    return scene


def read_modes(path, plane):
    """Every mode of a plane at its first wavelength: neff, te fraction, confinements, Ey."""
    modes = []
    with h5py.File(path) as f:
        group = f["modes"][plane]
        for key in sorted((k for k in group if k.isdigit()), key=int):
            g = group[key]
            ey = g["Ey_re"][0] + 1j * g["Ey_im"][0]
            origin, d = g["Ey_re"].attrs["origin_um"], g["Ey_re"].attrs["spacing_um"][0]
            modes.append({"neff": g["neff_re"][0], "te": g["te_fraction"][0],
                          "loss": g["loss_db_per_cm"][0],
                          "gamma": {k[len("confinement_"):]: g[k][0] for k in g
                                    if k.startswith("confinement_")},
                          "ey": np.abs(ey), "y0": origin[1], "z0": origin[2], "d": d})
    return modes


def slab_modes(pfdtd, resolution, s, out_root, shift=True):
    """The 1D slab of the ridge's centre (periodic y) with one confinement region per well;
    at a resolution that divides every layer (500 cells/um: 2 nm) and with `shift`, the
    confinement factors converge at second order."""
    scene = set_resolution(load("facet"), resolution, periodic_y=True)
    del scene["sources"], scene["monitors"]
    if shift:   # E_y nodes half a cell off the interfaces: no smoothed node, and each
        # region holds exactly its thickness in nodes (the midpoint rule, second order)
        scene["domain"]["center"][2] += 0.5 / resolution
    scene["domain"]["size"][0] = Y_CELLS / resolution   # a cross-section: x-invariant
    scene["domain"]["center"][0] = -1.0
    scene["boundaries"]["x"] = "periodic"
    z0, z1 = s["active_z"]
    laser = component(scene)
    regions = {"active": {"center": [-1.0, 0, (z0 + z1) / 2], "size": [0, 1.0, z1 - z0]}}
    z = z0 + laser["barrier_thickness"]
    for i in range(laser["wells"]):
        t = laser["well_thickness"]
        regions[f"well{i}"] = {"center": [-1.0, 0, z + t / 2], "size": [0, 1.0, t]}
        z += t + laser["barrier_thickness"]
    size = scene["domain"]["size"]
    scene["modes"] = [{"name": "slab", "center": [-1.0, 0, scene["domain"]["center"][2]],
                       "size": [0, size[1], size[2]], "wavelengths": [WAVELENGTH],
                       "num_modes": 1, "neff_guess": 3.25, "regions": regions}]
    path = run_scene(pfdtd, scene, os.path.join(out_root, f"slab-{resolution:g}"), "modes")
    m = read_modes(path, "slab")[0]
    m["gamma_wells"] = sum(v for k, v in m["gamma"].items() if k.startswith("well"))
    return m


def ridge_modes(pfdtd, resolution, out_root):
    """The ridge's cross-section; the fundamental mode is the TE mode with the largest share
    of its energy in the active layers under the ridge."""
    scene = set_resolution(load("ridge"), resolution, periodic_y=False)
    path = run_scene(pfdtd, scene, os.path.join(out_root, f"ridge-{resolution:g}"), "modes")
    modes = [m for m in read_modes(path, "ridge") if m["te"] > 0.5]
    modes.sort(key=lambda m: -m["gamma"]["ridge_column"])
    m = modes[0]
    m["neff_lateral1"] = modes[1]["neff"] if len(modes) > 1 else float("nan")
    iz, iy = np.unravel_index(m["ey"].argmax(), m["ey"].shape)
    y = m["y0"] + m["d"] * np.arange(m["ey"].shape[1])
    z = m["z0"] + m["d"] * np.arange(m["ey"].shape[0])
    m["w_lat"] = slab.one_over_e2_width(y, m["ey"][iz] ** 2)
    m["w_vert"] = slab.one_over_e2_width(z, m["ey"][:, iy] ** 2)
    m["theta_lat"] = slab.far_field_half_angle(y, m["ey"][iz], WAVELENGTH)
    m["y"], m["z"] = y, z
    return m


def facet_run(pfdtd, resolution, coating, out_root, name):
    """The facet's reflection spectrum in the fundamental mode and the far field at 1.55 um."""
    scene = set_resolution(load("facet"), resolution, periodic_y=True)
    laser = component(scene)
    if coating:
        scene["materials"]["ar"] = {"index": round(coating["index"], 6)}
        laser["coatings"] = [{"thickness": round(coating["thickness"], 6), "material": "ar"}]
    else:
        scene["materials"].pop("ar")
    path = run_scene(pfdtd, scene, os.path.join(out_root, name), "run")
    with h5py.File(path) as f:
        back = f["mode_monitors/back"]
        far = f["flux/out/far_field"]
        ff = far["intensity"][0]
        su, sv = far["su"][:], far["sv"][:]
        line = ff[:, np.argmin(abs(su))]          # the vertical cut at k_y = 0
        return {"wavelength": back["wavelength"][:], "R": back["mode0/reflection"][:],
                "neff": back["mode0/neff_re"][:], "sv": sv, "far": line,
                "peak_theta": far["peak_theta"][0]}


def half_angle(sin_theta, intensity, level):
    """Half-angle (deg) at `level` of the peak of a far-field cut sampled in sin(theta):
    mean of the two sides, interpolated linearly."""
    theta = np.degrees(np.arcsin(np.clip(sin_theta, -1, 1)))
    peak = intensity.argmax()
    target = level * intensity[peak]
    right = peak + np.nonzero(intensity[peak:] < target)[0][0]
    left = peak - np.nonzero(intensity[:peak + 1][::-1] < target)[0][0]
    t_r = np.interp(target, [intensity[right], intensity[right - 1]], [theta[right], theta[right - 1]])
    t_l = np.interp(target, [intensity[left], intensity[left + 1]], [theta[left], theta[left + 1]])
    return (t_r - t_l) / 2


def at(values, wavelengths, wavelength=WAVELENGTH):
    return float(values[np.argmin(abs(wavelengths - wavelength))])


# -- the study ---------------------------------------------------------------------------

def study(args):
    s = stack(load("facet"))
    ref = references(s)
    fig = {k: v for k, v in ref.items() if np.isscalar(v)}
    fine = slab_modes(args.pfdtd, args.slab_resolution, s, args.output)
    fig.update(slab_neff=fine["neff"], slab_gamma_wells=fine["gamma_wells"],
               slab_gamma_active=fine["gamma"]["active"])
    ridges = [ridge_modes(args.pfdtd, r, args.output) for r in args.ridge_resolutions]
    for r, m in zip(args.ridge_resolutions, ridges):
        tag = f"_{r:g}"
        # The ridge's vertical discretisation error is nearly the slab's on the same z grid
        # (same layers, same cells): subtract it ("corrected").
        coarse = slab_modes(args.pfdtd, r, s, args.output, shift=False)
        gamma_lat = m["gamma"]["ridge_column"]
        fig.update({"ridge_neff" + tag: m["neff"], "slab_neff" + tag: coarse["neff"],
                    "ridge_neff_corrected" + tag: m["neff"] - (coarse["neff"] - ref["n_slab"]),
                    "ridge_neff1_corrected" + tag: m["neff_lateral1"] - (coarse["neff"] - ref["n_slab"]),
                    "ridge_gamma_lat" + tag: gamma_lat,
                    "ridge_gamma_wells" + tag: wells_share(gamma_lat, fine["gamma_wells"],
                                                           ref["gamma_wells_beside"]),
                    "ridge_w_lat" + tag: m["w_lat"], "ridge_w_vert" + tag: m["w_vert"],
                    "ridge_theta_lat" + tag: m["theta_lat"], "ridge_loss" + tag: m["loss"]})
    bare = facet_run(args.pfdtd, args.facet_resolution, None, args.output, "facet-cleaved")
    n_run = at(bare["neff"], bare["wavelength"])   # the run's own discrete modal index
    quarter = {"index": math.sqrt(n_run), "thickness": WAVELENGTH / (4 * math.sqrt(n_run))}
    best = optimal_coating(ref["spectrum"], n_run)
    ar = facet_run(args.pfdtd, args.facet_resolution, quarter, args.output, "facet-ar")
    opt = facet_run(args.pfdtd, args.facet_resolution, best, args.output, "facet-ar-opt")
    spectrum_r = lambda c: slab.modal_reflectivity_te(ref["spectrum"], n_run, WAVELENGTH, c)  # noqa: E731
    fig.update(facet_neff=n_run, facet_fresnel=slab.fresnel(n_run),
               facet_R=at(bare["R"], bare["wavelength"]), facet_R_spectrum=spectrum_r(None),
               ar_index=quarter["index"], ar_thickness=quarter["thickness"],
               facet_R_ar=at(ar["R"], ar["wavelength"]),
               facet_R_ar_spectrum=spectrum_r((quarter["index"], quarter["thickness"])),
               facet_R_ar_min=float(ar["R"].min()),
               facet_lambda_ar_min=float(ar["wavelength"][ar["R"].argmin()]),
               ar_opt_index=best["index"], ar_opt_thickness=best["thickness"],
               facet_R_ar_opt=at(opt["R"], opt["wavelength"]),
               theta_fdtd=half_angle(bare["sv"], bare["far"], math.exp(-2)),
               fwhm_fdtd=2 * half_angle(bare["sv"], bare["far"], 0.5),
               theta_fdtd_ar=half_angle(ar["sv"], ar["far"], math.exp(-2)),
               peak_theta=bare["peak_theta"])
    ar["optimal"] = opt
    return fig, ref, fine, ridges, bare, ar


def report(fig, args):
    lines = [
        f"vertical slab under the ridge, transfer matrix: neff {fig['n_slab']:.5f}, Gamma wells "
        f"{fig['gamma_wells_slab']:.4f}, active {fig['gamma_active_slab']:.4f}, 1/e^2 height "
        f"{fig['w_vert']:.3f} um; beside the ridge: neff {fig['n_beside']:.5f}, Gamma wells "
        f"{fig['gamma_wells_beside']:.4f}",
        f"  pfdtd modes at {args.slab_resolution:g} cells/um: neff {fig['slab_neff']:.5f}, Gamma wells "
        f"{fig['slab_gamma_wells']:.4f}, active {fig['slab_gamma_active']:.4f}",
        f"effective-index ridge (lateral TM slab): neff {fig['n_eim']:.5f}, second lateral mode "
        f"{fig['n_eim1']:.5f} (guided above {fig['n_beside']:.5f}), Gamma_lat {fig['gamma_lat_eim']:.4f}, "
        f"Gamma wells {fig['gamma_wells_eim']:.4f}, 1/e^2 width {fig['w_lat_eim']:.3f} um",
        "ridge, pfdtd modes:",
        "   res   neff     corrected  2nd corr.  Gamma_lat  Gamma_wells  w_lat um  w_vert um  "
        "theta_lat deg  loss dB/cm"]
    for x in args.ridge_resolutions:
        t = f"_{x:g}"
        lines.append(
            f"  {x:4g}   {fig['ridge_neff' + t]:.5f}  {fig['ridge_neff_corrected' + t]:.5f}    "
            f"{fig['ridge_neff1_corrected' + t]:.5f}    {fig['ridge_gamma_lat' + t]:.4f}     "
            f"{fig['ridge_gamma_wells' + t]:.4f}       {fig['ridge_w_lat' + t]:.3f}     "
            f"{fig['ridge_w_vert' + t]:.3f}      {fig['ridge_theta_lat' + t]:5.1f}          "
            f"{fig['ridge_loss' + t]:.2f}")
    lines += [
        f"facet at {args.facet_resolution:g} cells/um (the run's neff {fig['facet_neff']:.5f}), R at 1.55 um:",
        f"  cleaved            {fig['facet_R']:.4f}   Fresnel {fig['facet_fresnel']:.4f}, "
        f"plane-wave spectrum {fig['facet_R_spectrum']:.4f}",
        f"  AR n = sqrt(neff) = {fig['ar_index']:.4f}, {1000 * fig['ar_thickness']:.1f} nm: "
        f"{fig['facet_R_ar']:.2e} (plane-wave spectrum {fig['facet_R_ar_spectrum']:.2e}); "
        f"band minimum {fig['facet_R_ar_min']:.2e} at {fig['facet_lambda_ar_min']:.3f} um",
        f"  AR optimised for the mode, n {fig['ar_opt_index']:.4f}, {1000 * fig['ar_opt_thickness']:.1f} nm: "
        f"{fig['facet_R_ar_opt']:.2e}",
        f"far field, vertical: 1/e^2 half-angle {fig['theta_fdtd']:.1f} deg (plane-wave spectrum "
        f"through the facet {fig['theta_facet']:.1f}, of the mode alone {fig['theta_mode']:.1f}; "
        f"Gaussian atan(lambda/(pi w0)) {fig['theta_gauss']:.1f}, paraxial lambda/(pi w0) "
        f"{fig['theta_gauss_paraxial']:.1f}), FWHM {fig['fwhm_fdtd']:.1f} deg (plane-wave spectrum "
        f"{fig['fwhm_facet']:.1f}), peak at {fig['peak_theta']:.2f} deg; through the AR coating "
        f"{fig['theta_fdtd_ar']:.1f} deg",
        f"far field, lateral (transform of the ridge mode at {args.ridge_resolutions[-1]:g} cells/um): "
        f"1/e^2 half-angle {fig['ridge_theta_lat_' + format(args.ridge_resolutions[-1], 'g')]:.1f} deg",
    ]
    print("\n".join(lines))


def plots(out, ref, fine, ridges, bare, ar):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    m = ridges[-1]
    fig, ax = plt.subplots(1, 2, figsize=(11, 4.5))
    extent = [m["y"][0], m["y"][-1], m["z"][0], m["z"][-1]]
    ax[0].imshow(m["ey"], origin="lower", extent=extent, aspect="auto", cmap="magma")
    ax[0].set(xlabel="y (um)", ylabel="z (um)", title=f"|Ey| of the ridge mode, neff {m['neff']:.4f}")
    iy = np.argmax(m["ey"].max(axis=0))
    ax[1].plot(ref["z"], np.abs(ref["profile"]) / np.abs(ref["profile"]).max(), label="slab, transfer matrix")
    ax[1].plot(m["z"], m["ey"][:, iy] / m["ey"].max(), ".", label="ridge centre, pfdtd modes")
    ax[1].set(xlim=(-0.5, 3.2), xlabel="z (um)", ylabel="|Ey| (peak 1)", title="vertical profile")
    ax[1].legend()
    fig.tight_layout()
    fig.savefig(os.path.join(out, "modes.png"))
    fig, ax = plt.subplots(figsize=(7, 4.5))
    ax.semilogy(bare["wavelength"], bare["R"], "o-", label="cleaved")
    ax.semilogy(ar["wavelength"], ar["R"], "s-", label="quarter-wave AR, n = sqrt(neff)")
    ax.semilogy(ar["optimal"]["wavelength"], ar["optimal"]["R"], "^-", label="AR optimised for the mode")
    ax.set(xlabel="wavelength (um)", ylabel="modal reflectivity", title="facet reflectivity (FDTD)")
    ax.legend()
    fig.tight_layout()
    fig.savefig(os.path.join(out, "facet.png"))
    fig, ax = plt.subplots(figsize=(7, 4.5))
    theta = np.degrees(np.arcsin(np.clip(bare["sv"], -1, 1)))
    ax.plot(theta, bare["far"] / bare["far"].max(), label="FDTD, cleaved facet")
    for n_eff, label in ((ref["n_slab"], "plane-wave spectrum through the facet"),
                         (None, "transform of the slab mode")):
        t, ff = slab.far_field(ref["z"], ref["profile"], WAVELENGTH, n_eff)
        ax.plot(np.degrees(np.concatenate([-t[::-1], t])), np.concatenate([ff[::-1], ff]) / ff.max(),
                "--", label=label)
    ax.axhline(math.exp(-2), color="grey", lw=0.5)
    ax.set(xlabel="angle from the facet normal, vertical (deg)", ylabel="intensity (peak 1)",
           title="vertical far field at 1.55 um")
    ax.legend()
    fig.tight_layout()
    fig.savefig(os.path.join(out, "far_field.png"))
    return [os.path.join(out, n) for n in ("modes.png", "facet.png", "far_field.png")]


def default_pfdtd():
    for build in ("build", "build-laser"):
        path = os.path.join(ROOT, build, "apps", "pfdtd")
        if os.path.exists(path):
            return path
    return "pfdtd"


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--facet-resolution", type=float, default=60)
    p.add_argument("--ridge-resolutions", type=float, nargs="+", default=[40, 80])
    p.add_argument("--slab-resolution", type=float, default=500)
    p.add_argument("--output", default=os.path.join("pfdtd-out", "inp_laser"))
    p.add_argument("--pfdtd", default=default_pfdtd())
    p.add_argument("--no-plots", action="store_true")
    args = p.parse_args(argv)
    args.output = os.path.abspath(args.output)
    fig, ref, fine, ridges, bare, ar = study(args)
    report(fig, args)
    with open(os.path.join(args.output, "study.csv"), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["figure", "value"])
        for k, v in fig.items():
            w.writerow([k, v])
    print("outputs", os.path.join(args.output, "study.csv"))
    if not args.no_plots:
        for path in plots(args.output, ref, fine, ridges, bare, ar):
            print("outputs", path)
    return fig


if __name__ == "__main__":
    main()

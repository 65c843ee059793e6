#!/usr/bin/python3
"""Ring modulator study (README.md): an all-pass 2D effective-index ring of radius 5 um with a
lateral PN junction. Resonance wavelength, FSR, loaded Q and extinction from the through
spectrum and harmonic inversion; resonance shift per volt of reverse bias (depletion model)
and per kelvin (thermo-optic), each against its mode-solver reference.

    /usr/bin/python3 examples/ring_modulator/study.py [--resolution 20] [--biases 0 1 2 4] [--heat 20] [--record 2000]

runs the scenes with `pfdtd run` / `pfdtd modes`, prints the figures with their references,
and writes study.json, spectrum.png and shifts.png to the output folder (default
pfdtd-out/ring_modulator). A run whose results.h5 was made from the same scene text is not
run again.
"""
import argparse
import copy
import json
import math
import os
import subprocess

import h5py
import numpy as np
import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
TARGET = 1.55   # um: the isolated resonance nearest this one is the one reported and tracked

# Abrupt-junction depletion approximation (S. M. Sze, K. K. Ng, Physics of Semiconductor
# Devices, 3rd ed., Wiley 2007, ch. 2), with the constants of materials/perturbations.cpp:
# kT/q at 300 K, eps_s = 11.7 eps0 (Sze & Ng, App. G), ni = 1.00e10 cm^-3 (Sproul & Green 1991).
KT_Q = 0.025852                 # V
EPS_SI = 11.7 * 8.8541878128e-14  # F/cm
Q_E = 1.602176634e-19           # C
NI = 1.0e10                     # cm^-3


def depletion_edges(na, nd, reverse_volts):
    """(xp, xn) in um: how far the depletion region reaches into the p and the n side."""
    vbi = KT_Q * math.log(na * nd / NI**2)
    width_cm = math.sqrt(2 * EPS_SI * (vbi + reverse_volts) / Q_E * (1 / na + 1 / nd))
    width = width_cm * 1e4
    return width * nd / (na + nd), width * na / (na + nd)


def load(name):
    with open(os.path.join(HERE, name + ".yaml")) as f:
        return yaml.safe_load(f)


def ring_component(scene):
    return scene["geometry"][0]["component"]


def dopings(scene):
    """(NA, ND) in cm^-3: the holes of si_p and the electrons of si_n (ring.yaml)."""
    m = scene["materials"]
    return float(m["si_p"]["carriers"]["holes"]), float(m["si_n"]["carriers"]["electrons"])


def arc_fraction(scene):
    """Share of the ring's length that is doped (the doped sectors all span the same arc)."""
    sector = scene["geometry"][1]["ring"]
    return (sector["stop_angle"] - sector["start_angle"]) / 360.0


def strip_width(scene):
    """Width of each junction strip (ring.yaml's si_pj sector), um."""
    sector = next(g["ring"] for g in scene["geometry"] if g.get("ring", {}).get("material") == "si_pj")
    return sector["outer_radius"] - sector["inner_radius"]


# Exponents of the Nedeljkovic et al. (2011) 1.55-um fits (docs/materials.md): dn grows as
# dP^0.838 for holes and dN^1.011 for electrons.
HOLE_EXPONENT, ELECTRON_EXPONENT = 0.838, 1.011


def junction_carriers(ring, volts):
    """Carrier densities of the p and n junction strips at a reverse bias, cm^-3.

    A strip of width h keeps its carriers outside the depletion region only, over h - x of
    it; the strip is given the uniform density whose dn is that share of the full doping's
    dn, i.e. the strip's mean dn (the field varies little across the 0.1-um strips at the
    mode's peak). dn is then exact; d(alpha), with other exponents, only follows roughly.
    """
    na, nd = dopings(ring)
    xp, xn = depletion_edges(na, nd, volts)
    h = strip_width(ring)
    if max(xp, xn) >= h:
        raise ValueError(f"at {volts} V the depletion region reaches {max(xp, xn):.3f} um past the junction, "
                         f"beyond the {h:g}-um junction strips of ring.yaml")
    return na * (1 - xp / h)**(1 / HOLE_EXPONENT), nd * (1 - xn / h)**(1 / ELECTRON_EXPONENT)


def set_state(scene, ring, volts, kelvin, resolution):
    """Writes bias, temperature and resolution into a copy of ring.yaml or guide.yaml."""
    scene = copy.deepcopy(scene)
    scene["domain"]["resolution"] = resolution
    for material in scene["materials"].values():
        material["temperature_change"] = kelvin
    holes, electrons = junction_carriers(ring, volts)
    scene["materials"]["si_pj"]["carriers"] = {"holes": float(holes)}
    scene["materials"]["si_nj"]["carriers"] = {"electrons": float(electrons)}
    return scene


def run_cached(pfdtd, scene, command, out_dir, name, product):
    """Runs `pfdtd <command>` on the scene unless out_dir/name holds its finished results.

    done.yaml, a copy of the scene written only after pfdtd succeeded, marks them: a run
    that was killed or failed is run again.
    """
    folder = os.path.join(out_dir, name)
    scene["run"]["output"] = folder
    os.makedirs(folder, exist_ok=True)
    text = yaml.safe_dump(scene, sort_keys=False)
    path, done = os.path.join(folder, "scene.yaml"), os.path.join(folder, "done.yaml")
    result = os.path.join(folder, product)
    if os.path.exists(result) and os.path.exists(done) and open(done).read() == text:
        return result
    with open(path, "w") as f:
        f.write(text)
    run = subprocess.run([pfdtd, command, path] + (["--quiet"] if command == "run" else []),
                         capture_output=True, text=True)
    if run.returncode != 0:
        raise RuntimeError(f"pfdtd {command} {path} exited {run.returncode}:\n{run.stdout}{run.stderr}")
    with open(done, "w") as f:
        f.write(text)
    return result


def te_mode(modes_h5):
    """neff, ng and loss (dB/cm) of the in-plane (TE, te_fraction > 0.5) mode at the first wavelength."""
    with h5py.File(modes_h5, "r") as f:
        plane = f["modes/guide"]
        for m in sorted(plane.keys(), key=lambda k: int(k) if k.isdigit() else 1 << 30):
            if m.isdigit() and plane[m]["te_fraction"][0] > 0.5:
                g = plane[m]
                return {"neff": float(g["neff_re"][0]), "ng": float(g["ng"][0]), "loss_db_cm": float(g["loss_db_per_cm"][0])}
    raise RuntimeError(f"{modes_h5}: no TE mode among the modes solved; raise num_modes in guide.yaml")


def harminv(results, probe="ring-Hz"):
    """(frequency 1/um, Q, |amplitude|) of the probe's resonances, by increasing frequency."""
    with h5py.File(results, "r") as f:
        g = f["resonances"][probe]
        if g["frequency"].shape[0] == 0:
            raise RuntimeError(f"{results}: no resonance found ({g.attrs['note']})")
        return g["frequency"][:], g["Q"][:], np.hypot(g["amplitude_re"][:], g["amplitude_im"][:])


def main_family(results):
    """(frequency, Q, isolated) of the ring's TE0 resonances: the strong terms of the record.

    Weaker terms are the ring's TE1 family (the 2D guide is two-moded, as the soi_bend study
    found). Where a TE1 resonance falls within 3 linewidths of a TE0 one the two share the
    dip, which is then no single Lorentzian: such a TE0 resonance is not `isolated`.
    """
    f, q, a = harminv(results)
    keep = a >= 0.5 * a.max()
    linewidth = f / np.abs(q)
    isolated = [np.sum(np.abs(f - f[i]) < 3 * linewidth[i]) == 1 for i in np.flatnonzero(keep)]
    return f[keep], q[keep], np.array(isolated)


def nearest(values, target):
    return int(np.argmin(np.abs(np.asarray(values) - target)))


def through_spectrum(results, monitor="through"):
    with h5py.File(results, "r") as f:
        g = f["mode_monitors"][monitor]
        return g["frequency"][:], g["mode0/transmission"][:]


def fit_dip(freq, trans, i_min, baseline):
    """Lorentzian T = B - A / (1 + ((f - f0) / g)^2) through the dip at sample i_min.

    1 / (B - T) is a parabola in f: fitted by least squares to the samples deeper than half
    the dip (at least the 3 nearest the minimum), it gives f0, A and g without iteration
    (the method of solver/resonances.hpp's analyze_ring_spectrum, which has no scene key).
    """
    depth = baseline - trans
    half = depth[i_min] / 2
    lo, hi = i_min, i_min
    while lo > 0 and depth[lo - 1] > half:
        lo -= 1
    while hi < len(freq) - 1 and depth[hi + 1] > half:
        hi += 1
    lo, hi = min(lo, i_min - 1), max(hi, i_min + 1)
    f = freq[lo:hi + 1] - freq[i_min]
    c2, c1, c0 = np.polyfit(f, 1 / depth[lo:hi + 1], 2)
    f0 = -c1 / (2 * c2)
    amplitude = 1 / (c0 - c1**2 / (4 * c2))
    g = math.sqrt(1 / (amplitude * c2))
    t0 = max(baseline - amplitude, trans[i_min] if trans[i_min] > 0 else 1e-12)
    f0 += freq[i_min]
    return {"frequency": f0, "wavelength": 1 / f0, "T_min": t0, "baseline": baseline,
            "extinction_db": 10 * math.log10(baseline / t0), "fwhm_nm": 2 * g / f0**2 * 1e3, "Q": f0 / (2 * g)}


def dip(coarse, fine, f_res, fsr):
    """The dip at f_res: fitted on the fine spectrum, its baseline the coarse spectrum's
    largest transmission within half an FSR either side (the off-resonance level)."""
    freq, trans = coarse
    baseline = trans[np.abs(freq - f_res) < fsr / 2].max()
    freq, trans = fine
    order = np.argsort(freq)
    freq, trans = freq[order], trans[order]
    return fit_dip(freq, trans, int(np.argmin(trans)), baseline)


FINE_HALF_WIDTH = 0.0015   # um: 3 nm in 0.01-nm steps, a few linewidths either side of a Q ~ 3000 dip


def probe_only(scene, record):
    """A resonance run: the probe alone (no spectrum, no mode solves), a fixed record."""
    scene["monitors"] = [m for m in scene["monitors"] if "probe" in m]
    scene["run"]["time"] = record
    scene["run"].pop("decay_threshold", None)
    return scene


def with_fine_monitor(scene, f_res):
    """Adds a fine through monitor over +-FINE_HALF_WIDTH around a resonance."""
    lam = 1 / float(f_res)
    fine = copy.deepcopy(next(m for m in scene["monitors"] if m.get("mode", {}).get("name") == "through"))
    fine["mode"].update(name="through_fine", wavelengths={"start": round(lam - FINE_HALF_WIDTH, 9),
                                                          "stop": round(lam + FINE_HALF_WIDTH, 9), "count": 301})
    scene["monitors"].append(fine)
    return scene


def run_study(pfdtd, resolution, biases, heat, record, out_dir):
    """Every run of the study; returns the figures (a dict), the spectra and the folder."""
    ring, guide = load("ring"), load("guide")
    guide["materials"] = copy.deepcopy(ring["materials"])   # one definition of the materials
    out = os.path.join(out_dir, f"res{resolution:g}")

    def resonances(volts, kelvin):
        scene = probe_only(set_state(ring, ring, volts, kelvin, resolution), record)
        return main_family(run_cached(pfdtd, scene, "run", out, f"ring-{volts:g}V-{kelvin:g}K", "results.h5"))

    def guide_mode(volts, kelvin):
        """The straight guide's TE mode at the resonance's wavelength."""
        scene = set_state(guide, ring, volts, kelvin, resolution)
        scene["modes"][0]["wavelengths"] = [round(1 / fig["f0"], 9)]
        return te_mode(run_cached(pfdtd, scene, "modes", out, f"guide-{volts:g}V-{kelvin:g}K", "modes.h5"))

    fig = resonance_figures(ring, resolution, *resonances(biases[0], 0))
    mode0 = guide_mode(biases[0], 0)
    length = 2 * math.pi * fig["radius_um"]
    fig.update(ng_mode_solver=mode0["ng"], neff_mode_solver=mode0["neff"], loss_db_cm_mode_solver=mode0["loss_db_cm"],
               fsr_reference_nm=1e3 / (mode0["ng"] * length * fig["f0"]**2))
    spectrum_scene = with_fine_monitor(set_state(ring, ring, biases[0], 0, resolution), fig["f0"])
    results = run_cached(pfdtd, spectrum_scene, "run", out, f"spectrum-{biases[0]:g}V", "results.h5")
    spectra = {name: through_spectrum(results, name) for name in ("through", "through_fine")}
    fig.update(dip_figures(fig, spectra, mode0))

    def tracked(volts, kelvin):
        f, _, _ = resonances(volts, kelvin)
        return 1 / f[nearest(f, fig["f0"])]

    # Delta lambda = Delta neff * (doped share of L) * lambda / ng, first order in Delta neff
    scale = 1e6 / (fig["f0"] * mode0["ng"])   # pm per unit of neff
    volts = np.asarray(biases, float)
    lam = [tracked(v, 0) for v in biases]
    neff = [mode0["neff"]] + [guide_mode(v, 0)["neff"] for v in biases[1:]]
    fig.update(bias_V=list(volts), bias_resonance_um=lam, bias_neff=neff, pm_per_V=1e6 * np.polyfit(volts, lam, 1)[0],
               pm_per_V_reference=scale * np.polyfit(volts, neff, 1)[0] * fig["arc_fraction"], heat_K=heat,
               pm_per_K=1e6 * (tracked(biases[0], heat) - lam[0]) / heat,
               pm_per_K_reference=scale * (guide_mode(biases[0], heat)["neff"] - mode0["neff"]) / heat)
    return fig, spectra, out


def resonance_figures(ring, resolution, freqs, qs, isolated):
    """The tracked resonance (the isolated one nearest TARGET) and the FSR about it."""
    candidates = [i for i in np.flatnonzero(isolated) if 0 < i < len(freqs) - 1]
    if not candidates:
        raise RuntimeError(f"no isolated TE0 resonance with a neighbour on each side (resonances at "
                           f"{list(1 / freqs)} um); widen the probe's window or move TARGET")
    i0 = candidates[nearest(freqs[candidates], 1 / TARGET)]
    f0 = float(freqs[i0])
    fsr_f = (freqs[i0 + 1] - freqs[i0 - 1]) / 2   # central: the FSR at f0 to second order
    return {"resolution": resolution, "radius_um": ring_component(ring)["radius"], "arc_fraction": arc_fraction(ring),
            "NA_cm3": dopings(ring)[0], "ND_cm3": dopings(ring)[1], "f0": f0, "resonance_um": 1 / f0,
            "Q_harminv": float(qs[i0]), "fsr_f": float(fsr_f), "fsr_nm": 1e3 * fsr_f / f0**2}


def dip_figures(fig, spectra, mode0):
    """Loaded Q and extinction of the dip, and the intrinsic Q two ways: from the carriers'
    absorption over the doped arc (mode solver), and as the dip implies for an over-coupled
    ring (coupled-mode theory: sqrt(T_min / B) = 1 - 2 Q_loaded / Q_intrinsic)."""
    d = dip(spectra["through"], spectra["through_fine"], fig["f0"], fig["fsr_f"])
    alpha = mode0["loss_db_cm"] / (10 * math.log10(math.e)) * 1e-4 * fig["arc_fraction"]  # 1/um, power
    return {"dip_resonance_um": d["wavelength"], "Q_loaded": d["Q"], "extinction_db": d["extinction_db"],
            "T_min": d["T_min"], "baseline": d["baseline"], "fwhm_nm": d["fwhm_nm"],
            "Q_intrinsic_carriers": 2 * math.pi * fig["f0"] * mode0["ng"] / alpha,
            "Q_intrinsic_from_dip": 2 * d["Q"] / (1 - math.sqrt(d["T_min"] / d["baseline"]))}


def print_figures(fig):
    rows = [("resonance (harminv)", f"{fig['resonance_um'] * 1e3:.3f} nm", f"dip fit {fig['dip_resonance_um'] * 1e3:.3f} nm"),
            ("FSR", f"{fig['fsr_nm']:.3f} nm", f"lambda^2/(ng L) = {fig['fsr_reference_nm']:.3f} nm (ng {fig['ng_mode_solver']:.4f})"),
            ("loaded Q (dip fit)", f"{fig['Q_loaded']:.0f}", f"harminv {fig['Q_harminv']:.0f}"),
            ("extinction", f"{fig['extinction_db']:.2f} dB", f"T_min {fig['T_min']:.4f}, FWHM {fig['fwhm_nm']:.3f} nm"),
            ("intrinsic Q", f"{fig['Q_intrinsic_from_dip']:.0f} (from the dip)",
             f"carriers alone {fig['Q_intrinsic_carriers']:.0f} ({fig['loss_db_cm_mode_solver']:.2f} dB/cm doped)"),
            ("shift per volt", f"{fig['pm_per_V']:.2f} pm/V", f"dneff/dV x {fig['arc_fraction']:.3f} x lambda/ng = {fig['pm_per_V_reference']:.2f} pm/V"),
            ("shift per kelvin", f"{fig['pm_per_K']:.2f} pm/K", f"dneff/dT x lambda/ng = {fig['pm_per_K_reference']:.2f} pm/K")]
    print(f"ring modulator, 2D effective index, resolution {fig['resolution']:g} cells/um, R = {fig['radius_um']:g} um, "
          f"NA = {fig['NA_cm3']:.2g}, ND = {fig['ND_cm3']:.2g} cm^-3")
    for name, value, ref in rows:
        print(f"  {name:22s} {value:24s} {ref}")
    for v, lam in zip(fig["bias_V"], fig["bias_resonance_um"]):
        print(f"  reverse bias {v:4.1f} V    resonance {lam * 1e3:.4f} nm")


def plot(fig, spectra, out):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    p, ax = plt.subplots(figsize=(7, 4))
    for name, width in (("through", 1), ("through_fine", 1.5)):
        freq, trans = spectra[name]
        order = np.argsort(freq)
        ax.plot(1e3 / freq[order], 10 * np.log10(trans[order]), lw=width, label=name)
    ax.legend()
    ax.axvline(fig["dip_resonance_um"] * 1e3, color="k", ls=":", lw=0.8)
    ax.set(xlabel="wavelength (nm)", ylabel="through transmission (dB)",
           title=f"0 V: resonance {fig['dip_resonance_um'] * 1e3:.2f} nm, Q {fig['Q_loaded']:.0f}, "
                 f"ER {fig['extinction_db']:.2f} dB, FSR {fig['fsr_nm']:.2f} nm")
    p.tight_layout()
    p.savefig(os.path.join(out, "spectrum.png"), dpi=120)
    p, (a, b) = plt.subplots(1, 2, figsize=(9, 3.6))
    v = np.asarray(fig["bias_V"])
    shift = 1e6 * (np.asarray(fig["bias_resonance_um"]) - fig["bias_resonance_um"][0])
    a.plot(v, shift, "o", label="FDTD (harminv)")
    neff = np.asarray(fig["bias_neff"])
    reference = 1e6 * (neff - neff[0]) * fig["arc_fraction"] * fig["resonance_um"] / fig["ng_mode_solver"]
    a.plot(v, reference, "-", label="mode solver reference")
    a.set(xlabel="reverse bias (V)", ylabel="resonance shift (pm)")
    a.legend()
    t = np.array([0, fig["heat_K"]])
    b.plot(t, fig["pm_per_K"] * t, "o", label="FDTD (harminv)")
    b.plot(t, fig["pm_per_K_reference"] * t, "-", label="mode solver reference")
    b.set(xlabel="temperature change (K)", ylabel="resonance shift (pm)")
    b.legend()
    p.tight_layout()
    p.savefig(os.path.join(out, "shifts.png"), dpi=120)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pfdtd", default=os.path.join(ROOT, "build", "apps", "pfdtd"))
    ap.add_argument("--resolution", type=float, default=20)
    ap.add_argument("--biases", type=float, nargs="+", default=[0, 1, 2, 4], help="reverse biases, V (first: the reference)")
    ap.add_argument("--heat", type=float, default=20, help="temperature change of the heated point, K")
    ap.add_argument("--record", type=float, default=2000, help="bias and heat runs (harminv), um/c")
    ap.add_argument("--out", default=os.path.join("pfdtd-out", "ring_modulator"))
    args = ap.parse_args(argv)
    if len(args.biases) < 2 or args.heat == 0:
        ap.error("give at least two biases and a non-zero --heat")
    fig, spectra, out = run_study(args.pfdtd, args.resolution, args.biases, args.heat, args.record, args.out)
    print_figures(fig)
    with open(os.path.join(out, "study.json"), "w") as f:
        json.dump(fig, f, indent=1, default=float)
    plot(fig, spectra, out)
    print(f"outputs     {out}/study.json, {out}/spectrum.png, {out}/shifts.png")
    return fig


if __name__ == "__main__":
    main()

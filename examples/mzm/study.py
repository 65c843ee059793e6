#!/usr/bin/python3
"""Mach-Zehnder modulator study (README.md): the depletion phase shifter's delta-neff
against reverse bias and its V-pi-L, the 1x2 MMI splitter's imbalance and excess loss, and
the MZI's transmission against bias.

    /usr/bin/python3 examples/mzm/study.py                         # README's figures
    /usr/bin/python3 examples/mzm/study.py --ps-resolution 30 --mmi-resolution 20 \\
        --biases 0 2 --mmi-lengths 7.6 8.0 8.4                     # the ctest's points

It runs `pfdtd modes` (phase-shifter cross-section per bias, MMI body) and `pfdtd run`
(the MMI's S-matrix per body length), prints the figures with their references and writes
study.json, dneff.png, mmi.png and mzi.png to the output folder (default pfdtd-out/mzm).
"""
import argparse
import cmath
import json
import math
import os
import subprocess
import sys

import h5py
import numpy as np
import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
WAVELENGTH = 1.55        # um
DOPING = 5e17            # cm^-3, NA = ND, through rib and slab
RIB = {"width": 0.5, "height": 0.22, "slab": 0.09}   # um, as in phase_shifter.yaml
N_SI = 3.4757            # Li (1980) at 1.55 um, the library's Si (docs/materials.md)
ARM_LENGTH = 3000.0      # um of phase shifter in each MZI arm
MMI_LEAD, MMI_TAPER, MMI_CROP = 5.0, 3.0, 0.5   # um, as in mmi.yaml
PORT_INSET = 1.5         # um from the domain's x faces to the port planes

# Depletion approximation (Sze & Ng, Physics of Semiconductor Devices, 3rd ed., ch. 2), the
# constants of materials/perturbations.cpp: kT/q at 300 K, eps_s = 11.7, ni = 1e10 cm^-3.
KT_Q = 0.025852
EPS_SI = 11.7 * 8.8541878128e-14   # F/cm
Q = 1.602176634e-19
NI = 1.0e10


def junction(na, nd, reverse_bias):
    """(Vbi, xp, xn) in V and um of an abrupt junction: depletion edges either side."""
    vbi = KT_Q * math.log(na * nd / NI**2)
    w_cm = math.sqrt(2 * EPS_SI * (vbi + reverse_bias) / Q * (1 / na + 1 / nd))
    w = w_cm * 1e4
    return vbi, w * nd / (na + nd), w * na / (na + nd)


def nedeljkovic(d_electrons, d_holes):
    """Complex index change of Si at 1.55 um (Nedeljkovic, Soref, Mashanovich 2011): dn + i dk."""
    dn = -(5.40e-22 * d_electrons**1.011 + 1.53e-18 * d_holes**0.838)
    dalpha = 8.88e-21 * d_electrons**1.167 + 5.84e-20 * d_holes**1.109     # 1/cm
    return complex(dn, dalpha * 1e-4 * WAVELENGTH / (4 * math.pi))


def run_pfdtd(pfdtd, command, scene, path):
    """Write the scene to path and run `pfdtd <command>` on it; stop the study on failure."""
    with open(path, "w") as f:
        yaml.safe_dump(scene, f, sort_keys=False)
    done = subprocess.run([pfdtd, command, path, "--quiet"] if command == "run" else [pfdtd, command, path],
                          capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"study.py: pfdtd {command} {path} failed ({done.returncode}):\n{done.stdout}{done.stderr}")


def load(name):
    with open(os.path.join(HERE, name)) as f:
        return yaml.safe_load(f)


# ---------------------------------------------------------------- phase shifter

def phase_shifter_scene(bias, resolution, out):
    """phase_shifter.yaml with the depleted box of this reverse bias and the resolution."""
    scene = load("phase_shifter.yaml")
    scene["domain"]["resolution"] = resolution
    scene["domain"]["size"][0] = round(2 / resolution, 9)   # two cells along the periodic x
    _, xp, xn = junction(DOPING, DOPING, bias)
    depleted = scene["geometry"][-1]["box"]
    depleted["center"][1] = round((xn - xp) / 2, 9)
    depleted["size"][1] = round(xp + xn, 9)
    scene["run"]["output"] = out
    return scene


def solve_phase_shifter(pfdtd, bias, resolution, out_dir):
    out = os.path.join(out_dir, f"ps-{bias:g}V")
    os.makedirs(out, exist_ok=True)
    run_pfdtd(pfdtd, "modes", phase_shifter_scene(bias, resolution, out), os.path.join(out, "scene.yaml"))
    with h5py.File(os.path.join(out, "modes.h5")) as f:
        m = f["modes/ps/0"]
        return {"bias": bias, "neff": complex(m["neff_re"][0], m["neff_im"][0]), "ng": float(m["ng"][0]),
                "loss_db_cm": float(m["loss_db_per_cm"][0]), "te_fraction": float(m["te_fraction"][0]),
                "modes_h5": os.path.join(out, "modes.h5")}


def overlap_fraction(lo, hi, a, b):
    """Length of [lo, hi] inside [a, b] (arrays lo, hi)."""
    return np.clip(np.minimum(hi, b) - np.maximum(lo, a), 0, None)


def perturbation_dneff(modes_h5, strips):
    """First-order delta-neff of the unperturbed mode for index changes on strips.

    The mode carries unit flux Re sum(E x H*) dA (c = eps0 = 1), i.e. P = 1/2 in the
    phasor convention, so d beta = omega sum(d eps |E|^2) / (4 P) gives
    d neff = sum(n dn |E|^2 dA), each E component at its own Yee node, a node's cell
    weighted by the share of it inside the strip (strip edges need not fall on the grid).
    strips: list of (y0, y1, z0, z1, complex dn).
    """
    total = 0j
    with h5py.File(modes_h5) as f:
        mode = f["modes/ps/0"]
        for comp in ("Ex", "Ey", "Ez"):
            field = mode[comp + "_re"][0] + 1j * mode[comp + "_im"][0]     # [z, y]
            origin, d = mode[comp + "_re"].attrs["origin_um"], float(mode[comp + "_re"].attrs["spacing_um"][0])
            y = origin[1] + d * np.arange(field.shape[1])
            z = origin[2] + d * np.arange(field.shape[0])
            for y0, y1, z0, z1, dn in strips:
                weight = np.outer(overlap_fraction(z - d / 2, z + d / 2, z0, z1),
                                  overlap_fraction(y - d / 2, y + d / 2, y0, y1))
                total += N_SI * dn * np.sum(weight * np.abs(field)**2)
    return total


def depleted_strips(bias):
    """The strips whose carriers bias removes relative to 0 V, with their index change."""
    _, xp0, xn0 = junction(DOPING, DOPING, 0.0)
    _, xp, xn = junction(DOPING, DOPING, bias)
    lose_holes = -nedeljkovic(0, DOPING)       # removing the holes undoes their change
    lose_electrons = -nedeljkovic(DOPING, 0)
    return [(-xp, -xp0, 0.0, RIB["height"], lose_holes), (xn0, xn, 0.0, RIB["height"], lose_electrons)]


def phase_shifter_study(pfdtd, biases, resolution, out_dir):
    points = [solve_phase_shifter(pfdtd, v, resolution, out_dir) for v in biases]
    zero = next(p for p in points if p["bias"] == 0)
    for p in points:
        p["dneff"] = p["neff"] - zero["neff"]
        p["dneff_perturbation"] = perturbation_dneff(zero["modes_h5"], depleted_strips(p["bias"]))
        p["vpil_v_cm"] = vpi_l(p["bias"], p["dneff"].real)
        p["vpil_perturbation_v_cm"] = vpi_l(p["bias"], p["dneff_perturbation"].real)
        p["xp_um"], p["xn_um"] = junction(DOPING, DOPING, p["bias"])[1:]
    return points


def vpi_l(bias, dneff):
    """V-pi-L in V.cm from the mean slope 0 -> bias: lambda / (2 dneff/dV)."""
    return bias * WAVELENGTH / (2 * dneff) * 1e-4 if bias > 0 else float("nan")


# ---------------------------------------------------------------- MMI

def mmi_beat_length(pfdtd, resolution, out_dir):
    """L_pi = lambda / (2 (n0 - n1)) of the body's two lowest TE modes (mmi_body.yaml)."""
    scene = load("mmi_body.yaml")
    scene["domain"]["resolution"] = resolution
    out = os.path.join(out_dir, "mmi-body")
    os.makedirs(out, exist_ok=True)
    scene["run"]["output"] = out
    run_pfdtd(pfdtd, "modes", scene, os.path.join(out, "scene.yaml"))
    with h5py.File(os.path.join(out, "modes.h5")) as f:
        g = f["modes/body"]
        te = [g[k]["neff_re"][0] for k in sorted(g, key=lambda s: int(s) if s.isdigit() else -1)
              if k.isdigit() and g[k]["te_fraction"][0] > 0.5]
    if len(te) < 2:
        sys.exit(f"study.py: {out}/modes.h5: fewer than two TE modes in the MMI body; expected TE0 and TE1")
    te = [float(n) for n in te[:2]]
    return WAVELENGTH / (2 * (te[0] - te[1])), te


def mmi_scene(length, resolution, out):
    """mmi.yaml with the body length and resolution; the domain crops MMI_CROP of each lead."""
    scene = load("mmi.yaml")
    mmi = scene["geometry"][0]["component"]
    total = 2 * (MMI_LEAD + MMI_TAPER) + length
    mmi["length"], mmi["x0"] = length, round(-total / 2, 9)
    half = total / 2 - MMI_CROP
    scene["domain"]["size"][0] = round(2 * half, 9)
    scene["domain"]["resolution"] = resolution
    scene["boundaries"]["pml"]["cells"] = int(math.ceil(0.6 * resolution))   # 0.6 um of PML
    for port in scene["ports"]:
        port["center"][0] = round(math.copysign(half - PORT_INSET, port["center"][0]), 9)
    scene["run"]["output"] = out
    return scene


def run_mmi(pfdtd, length, resolution, out_dir):
    out = os.path.join(out_dir, f"mmi-L{length:g}")
    os.makedirs(out, exist_ok=True)
    run_pfdtd(pfdtd, "run", mmi_scene(length, resolution, out), os.path.join(out, "scene.yaml"))
    with h5py.File(os.path.join(out, "s_parameters.h5")) as f:
        wl = f["wavelength"][()]
        i = int(np.argmin(abs(wl - WAVELENGTH)))
        s = f["S_re"][i] + 1j * f["S_im"][i]          # [out, in], ports in, out1, out2
    s21, s31 = complex(s[1, 0]), complex(s[2, 0])
    p21, p31 = abs(s21)**2, abs(s31)**2
    return {"length": length, "s21": s21, "s31": s31, "reflection": abs(s[0, 0])**2,
            "imbalance_db": 10 * math.log10(p21 / p31), "excess_loss_db": -10 * math.log10(p21 + p31)}


def best_length(points):
    """Body length of least excess loss: vertex of a parabola through the three best points."""
    pts = sorted(points, key=lambda p: p["excess_loss_db"])[:3]
    if len(pts) < 3:
        return pts[0]["length"]
    x = np.array([p["length"] for p in pts])
    a, b, _ = np.polyfit(x, [p["excess_loss_db"] for p in pts], 2)
    return float(-b / (2 * a)) if a > 0 else pts[0]["length"]


# ---------------------------------------------------------------- MZI

def mzi_transmission(s21, s31, neff_upper, neff_lower):
    """Through power of the MZI: splitter, arms, and the mirrored splitter as combiner.

    By reciprocity the combiner sends arm k to the output with the splitter's S_k1, so
    t = S21^2 exp(i beta_u L) + S31^2 exp(i beta_l L) (complex neff: the arms' loss).
    """
    k = 2 * math.pi / WAVELENGTH * ARM_LENGTH
    return abs(s21**2 * cmath.exp(1j * k * neff_upper) + s31**2 * cmath.exp(1j * k * neff_lower))**2


def mzi_cos2(excess_loss_db, neff_upper, neff_lower):
    """T = cos^2(dphi/2) form with the arm losses: (a_u^2 + a_l^2 + 2 a_u a_l cos dphi) / 4
    times the two MMIs' transmission; a = exp(-Im beta L)."""
    k = 2 * math.pi / WAVELENGTH * ARM_LENGTH
    a_u, a_l = math.exp(-k * neff_upper.imag), math.exp(-k * neff_lower.imag)
    dphi = k * (neff_upper.real - neff_lower.real)
    return 10**(-2 * excess_loss_db / 10) * (a_u**2 + a_l**2 + 2 * a_u * a_l * math.cos(dphi)) / 4


def mzi_study(ps_points, mmi):
    """Single-arm drive: the upper arm at each bias, the lower at 0 V."""
    lower = next(p for p in ps_points if p["bias"] == 0)["neff"]
    rows = []
    for p in ps_points:
        rows.append({"bias": p["bias"], "T": mzi_transmission(mmi["s21"], mmi["s31"], p["neff"], lower),
                     "T_cos2": mzi_cos2(mmi["excess_loss_db"], p["neff"], lower),
                     "dphi_rad": 2 * math.pi / WAVELENGTH * ARM_LENGTH * p["dneff"].real})
    return rows


# ---------------------------------------------------------------- output

def interpolated_mzi(ps, mmi, count=81):
    """The cascade on a fine bias grid, neff interpolated linearly between solved biases."""
    v = np.array([p["bias"] for p in ps])
    fine = np.linspace(v[0], v[-1], count)
    re = np.interp(fine, v, [p["neff"].real for p in ps])
    im = np.interp(fine, v, [p["neff"].imag for p in ps])
    lower = next(p for p in ps if p["bias"] == 0)["neff"]
    return fine, [mzi_transmission(mmi["s21"], mmi["s31"], complex(r, i), lower) for r, i in zip(re, im)]


def plot(ps, mmi_points, design, mzi, out_dir):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    v = [p["bias"] for p in ps]
    fig, ax = plt.subplots(figsize=(7, 4.5))
    ax.plot(v, [p["dneff"].real * 1e4 for p in ps], "o-", label="mode solver, per bias")
    ax.plot(v, [p["dneff_perturbation"].real * 1e4 for p in ps], "s--", label="perturbation integral (0 V mode)")
    ax.set(xlabel="reverse bias (V)", ylabel="delta neff (1e-4)",
           title=f"Phase shifter: lateral PN, NA = ND = {DOPING:.0e} cm^-3, 1.55 um")
    ax.legend()
    fig.savefig(os.path.join(out_dir, "dneff.png"), dpi=100)
    fig, ax = plt.subplots(figsize=(7, 4.5))
    pts = sorted(mmi_points, key=lambda p: p["length"])
    ax.plot([p["length"] for p in pts], [p["excess_loss_db"] for p in pts], "o-", label="excess loss")
    ax.plot([p["length"] for p in pts], [abs(p["imbalance_db"]) for p in pts], "s-", label="|imbalance|")
    ax.set(xlabel="MMI body length (um)", ylabel="dB", title="1x2 MMI (2D effective index), 1.55 um")
    ax.legend()
    fig.savefig(os.path.join(out_dir, "mmi.png"), dpi=100)
    fig, ax = plt.subplots(figsize=(7, 4.5))
    fine, t_fine = interpolated_mzi(ps, design)
    ax.plot(fine, 10 * np.log10(t_fine), "-", color="0.7", label="cascade, neff interpolated")
    ax.plot(v, [10 * math.log10(r["T"]) for r in mzi], "o", label="S-matrix cascade (solved biases)")
    ax.plot(v, [10 * math.log10(r["T_cos2"]) for r in mzi], "x--", label="cos^2(dphi/2) with losses")
    ax.set(xlabel="reverse bias on one arm (V)", ylabel="transmission (dB)",
           title=f"MZI, {ARM_LENGTH / 1000:g} mm phase shifters, single-arm drive")
    ax.legend()
    fig.savefig(os.path.join(out_dir, "mzi.png"), dpi=100)
    return [os.path.join(out_dir, n) for n in ("dneff.png", "mmi.png", "mzi.png")]


def jsonable(x):
    if isinstance(x, complex):
        return [x.real, x.imag]
    if isinstance(x, dict):
        return {k: jsonable(v) for k, v in x.items()}
    if isinstance(x, list):
        return [jsonable(v) for v in x]
    return x


def report(ps, lpi, te_neff, soldano, mmi_points, design, best, mzi):
    print(f"phase shifter: rib {RIB['width']} x {RIB['height']} um, slab {RIB['slab']} um, "
          f"NA = ND = {DOPING:.1e} cm^-3, Vbi = {junction(DOPING, DOPING, 0)[0]:.4f} V")
    print(" bias_V   xp+xn_um   neff_re     dneff      dneff_pert   VpiL_Vcm  VpiL_pert  loss_dB/cm  ng")
    for p in ps:
        print(f" {p['bias']:5.2f}   {p['xp_um'] + p['xn_um']:.4f}   {p['neff'].real:.6f}  {p['dneff'].real:+.3e}"
              f"  {p['dneff_perturbation'].real:+.3e}   {p['vpil_v_cm']:7.3f}   {p['vpil_perturbation_v_cm']:7.3f}"
              f"   {p['loss_db_cm']:7.3f}   {p['ng']:.4f}")
    print(f"MMI body: TE0/TE1 neff {te_neff[0]:.5f}/{te_neff[1]:.5f}, L_pi = {lpi:.3f} um, "
          f"3 L_pi / 8 = {3 * lpi / 8:.3f} um (builder's Soldano estimate {soldano:.3f} um)")
    for p in sorted(mmi_points, key=lambda p: p["length"]):
        print(f" L = {p['length']:.3f} um: |S21|^2 {abs(p['s21'])**2:.5f} |S31|^2 {abs(p['s31'])**2:.5f}"
              f"  imbalance {p['imbalance_db']:+.4f} dB  excess loss {p['excess_loss_db']:.4f} dB"
              f"  reflection {p['reflection']:.2e}")
    print(f" least-loss length (parabola) {best:.3f} um; at 3 L_pi / 8 ({design['length']:.3f} um): "
          f"excess loss {design['excess_loss_db']:.4f} dB, imbalance {design['imbalance_db']:+.4f} dB")
    print(f"MZI ({ARM_LENGTH / 1000:g} mm arms, upper arm biased, MMI at L = {design['length']:.3f} um):")
    for r in mzi:
        print(f" {r['bias']:5.2f} V: dphi {r['dphi_rad']:+.4f} rad  T {r['T']:.5f} ({10 * math.log10(r['T']):+.3f} dB)"
              f"  cos^2 form {r['T_cos2']:.5f}")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pfdtd", default=os.path.join(ROOT, "build", "apps", "pfdtd"))
    ap.add_argument("--out", default=os.path.join("pfdtd-out", "mzm"))
    ap.add_argument("--biases", type=float, nargs="+", default=[0, 0.5, 1, 2, 3, 4])
    ap.add_argument("--ps-resolution", type=float, default=50)
    ap.add_argument("--mmi-resolution", type=float, default=30)
    ap.add_argument("--mmi-lengths", type=float, nargs="+", default=None,
                    help="body lengths to run (default: 3 L_pi / 8 and +-0.4, +-0.8 um)")
    a = ap.parse_args()
    if 0 not in a.biases:
        ap.error("--biases must include 0 (the reference state)")
    os.makedirs(a.out, exist_ok=True)
    ps = phase_shifter_study(a.pfdtd, sorted(a.biases), a.ps_resolution, a.out)
    lpi, te_neff = mmi_beat_length(a.pfdtd, a.mmi_resolution, a.out)
    design_length = round(3 * lpi / 8, 3)
    lengths = a.mmi_lengths or [round(design_length + d, 3) for d in (-0.8, -0.4, 0, 0.4, 0.8)]
    lengths = sorted(set(lengths) | {design_length})
    mmi_points = [run_mmi(a.pfdtd, length, a.mmi_resolution, a.out) for length in lengths]
    design = next(p for p in mmi_points if p["length"] == design_length)
    best = best_length(mmi_points)
    mzi = mzi_study(ps, design)
    we = 3 + WAVELENGTH / math.pi / math.sqrt(2.8478**2 - 1.444**2)
    soldano = 3 * (4 * 2.8478 * we**2 / (3 * WAVELENGTH)) / 8
    report(ps, lpi, te_neff, soldano, mmi_points, design, best, mzi)
    for p in ps:
        p.pop("modes_h5")
    result = {"doping_cm3": DOPING, "wavelength_um": WAVELENGTH, "arm_length_um": ARM_LENGTH,
              "ps_resolution": a.ps_resolution, "mmi_resolution": a.mmi_resolution,
              "phase_shifter": ps, "mmi_l_pi_um": lpi, "mmi_te_neff": te_neff, "mmi_design_length_um": design_length,
              "mmi_soldano_length_um": soldano, "mmi": mmi_points, "mmi_best_length_um": best, "mzi": mzi}
    with open(os.path.join(a.out, "study.json"), "w") as f:
        json.dump(jsonable(result), f, indent=1)
    for path in plot(ps, mmi_points, design, mzi, a.out) + [os.path.join(a.out, "study.json")]:
        print("outputs", path)


if __name__ == "__main__":
    main()

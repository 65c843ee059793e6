"""Analytic references of the InP laser study (README.md): the guided modes of a planar
layer stack, exactly (transfer matrices on the characteristic equation), and what follows
from them: effective index, confinement factor per layer, 1/e^2 mode size, the paraxial far
field of the facet and the effective-index estimate of the ridge.

A stack is a list of (thickness um, complex index) from bottom to top between two
semi-infinite claddings. TE (E parallel to the layers) and TM (H parallel) modes; fields
vary as exp(i (beta x - omega t)).
"""
import cmath
import math

import numpy as np


def _decay(n_eff, n, k0):
    """Transverse wavenumber kappa = k0 sqrt(n^2 - neff^2) (real inside a core, imaginary
    in a cladding), with the branch that decays outwards in the claddings."""
    kappa = k0 * cmath.sqrt(n * n - n_eff * n_eff)
    return kappa if kappa.imag >= 0 else -kappa


def _weight(n, tm):
    """The factor of the boundary condition on the tangential derivative: 1 for TE (E_y and
    dE_y/dz continuous), 1/n^2 for TM (H_y and dH_y/dz / n^2 continuous)."""
    return 1 / (n * n) if tm else 1


def _march(n_eff, layers, n_sub, n_top, k0, tm):
    """Field and scaled derivative (f, f'/w) from the substrate (f = exp(-i kappa z),
    decaying downwards) through every layer; returns the list of (z, f, g) at each
    interface and the mismatch with a decaying top cladding."""
    kappa_s = _decay(n_eff, n_sub, k0)
    f, g = 1 + 0j, -1j * kappa_s * _weight(n_sub, tm)  # g = w f' with f = exp(-i kappa z)
    z, nodes = 0.0, [(0.0, f, g)]
    for thickness, n in layers:
        kappa, w = _decay(n_eff, n, k0), _weight(n, tm)
        c, s = cmath.cos(kappa * thickness), cmath.sin(kappa * thickness)
        f, g = (c * f + s * g / (w * kappa) if kappa != 0 else f + thickness * g / w,
                -w * kappa * s * f + c * g)
        z += thickness
        nodes.append((z, f, g))
    kappa_t = _decay(n_eff, n_top, k0)
    return nodes, g - 1j * kappa_t * _weight(n_top, tm) * f


def mode_indices(layers, n_sub, n_top, wavelength, tm=False, samples=4000):
    """Effective indices of the guided modes (real-index stack), highest first: the sign
    changes of the normalised characteristic function, refined by bisection."""
    k0 = 2 * math.pi / wavelength
    n_low = max(n_sub.real, n_top.real) + 1e-9
    n_high = max(n.real for _, n in layers) - 1e-9
    grid = np.linspace(n_high, n_low, samples)

    def mismatch(n_eff):
        nodes, m = _march(n_eff, layers, n_sub, n_top, k0, tm)
        scale = max(abs(f) for _, f, _ in nodes)
        return (m / scale).real

    roots, previous = [], mismatch(grid[0])
    for a, b in zip(grid[:-1], grid[1:]):
        current = mismatch(b)
        if previous * current < 0:
            lo, hi = b, a
            for _ in range(80):
                mid = (lo + hi) / 2
                if mismatch(mid) * mismatch(lo) <= 0:
                    hi = mid
                else:
                    lo = mid
            root = (lo + hi) / 2
            nodes, m = _march(root, layers, n_sub, n_top, k0, tm)
            if abs(m) < 1e-6 * max(abs(g) for _, _, g in nodes):  # not a pole of the ratio
                roots.append(root)
        previous = current
    return roots


def profile(n_eff, layers, n_sub, n_top, wavelength, z, tm=False):
    """The mode's transverse field (E_y for TE, H_y for TM) at heights z (z = 0: the
    substrate's top), unnormalised, real for a real-index stack."""
    k0 = 2 * math.pi / wavelength
    nodes, _ = _march(n_eff, layers, n_sub, n_top, k0, tm)
    out = np.zeros(len(z), dtype=complex)
    tops = [zi for zi, _, _ in nodes]
    for i, zz in enumerate(z):
        if zz <= 0:
            out[i] = cmath.exp(_decay(n_eff, n_sub, k0).imag * zz)
            continue
        j = min(np.searchsorted(tops, zz) - 1, len(layers))
        z0, f, g = nodes[j]
        if j == len(layers):
            out[i] = f * cmath.exp(-_decay(n_eff, n_top, k0).imag * (zz - z0))
            continue
        n = layers[j][1]
        kappa, w = _decay(n_eff, n, k0), _weight(n, tm)
        t = zz - z0
        out[i] = cmath.cos(kappa * t) * f + (cmath.sin(kappa * t) / (w * kappa) * g
                                             if kappa != 0 else t * g / w)
    return out.real


def index_profile(layers, n_sub, n_top, z):
    tops = np.cumsum([t for t, _ in layers])
    n = np.full(len(z), n_top, dtype=complex)
    n[z <= 0] = n_sub
    for (t, ni), top in zip(layers, tops):
        n[(z > top - t) & (z <= top)] = ni
    return n


def te_confinement(n_eff, layers, n_sub, n_top, wavelength, selected, z):
    """Electric-energy share n^2 |E|^2 of the layers whose indices are in `selected` (TE:
    E has the one component E_y), on a fine grid z (the caller picks one that resolves the
    thinnest layer: the share converges at first order in the spacing otherwise)."""
    e = profile(n_eff, layers, n_sub, n_top, wavelength, z)
    n2 = np.abs(index_profile(layers, n_sub, n_top, z)) ** 2
    tops = np.cumsum([t for t, _ in layers])
    inside = np.zeros(len(z), dtype=bool)
    for i in selected:
        inside |= (z > tops[i] - layers[i][0]) & (z <= tops[i])
    energy = n2 * e * e
    return energy[inside].sum() / energy.sum()


def one_over_e2_width(z, intensity):
    """Full width at 1/e^2 of a single-peaked intensity profile, interpolated linearly."""
    level = intensity.max() * math.exp(-2)
    above = np.nonzero(intensity >= level)[0]
    lo, hi = above[0], above[-1]
    z_lo = np.interp(level, [intensity[lo - 1], intensity[lo]], [z[lo - 1], z[lo]])
    z_hi = np.interp(level, [intensity[hi + 1], intensity[hi]], [z[hi + 1], z[hi]])
    return z_hi - z_lo


def far_field_half_angle(z, near_field, wavelength, level=math.exp(-2)):
    """Half-angle (deg) where the far-field intensity of a near-field line E(z) in air has
    fallen to `level` of its peak. Plane-wave spectrum: the amplitude at sin(theta) = s is
    cos(theta) times the Fourier transform at k0 s (Kirchhoff-free, the obliquity factor of
    the equivalence principle with E and H of a paraxial field)."""
    k0 = 2 * math.pi / wavelength
    s = np.linspace(0, 0.999, 4000)
    dz = z[1] - z[0]
    spectrum = np.abs(np.exp(-1j * np.outer(k0 * s, z)) @ near_field) * dz
    theta = np.arcsin(s)
    intensity = (np.cos(theta) * spectrum) ** 2
    i = np.nonzero(intensity < level * intensity[0])[0][0]
    return math.degrees(np.interp(level * intensity[0], [intensity[i], intensity[i - 1]],
                                  [theta[i], theta[i - 1]]))

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


def far_field(z, near_field, wavelength, n_eff=None):
    """Far-field intensity against theta (rad, 0-89.9 deg) of a TE mode's line E_y(z) at a
    facet into air: plane-wave spectrum, 2D stationary phase (amplitude cos(theta) times
    the transform at kz = k0 sin(theta)). With n_eff, each plane wave is first transmitted
    through the facet with the TE Fresnel coefficient t = 2 kx_in / (kx_in + kx_out) of
    its own angle (kz is conserved across the facet); without, the mode itself radiates."""
    k0 = 2 * math.pi / wavelength
    theta = np.linspace(0, math.radians(89.9), 4000)
    kz = k0 * np.sin(theta)
    amplitude = np.abs(np.exp(-1j * np.outer(kz, z)) @ near_field) * np.cos(theta)
    if n_eff is not None:
        k_in = np.sqrt((k0 * n_eff) ** 2 - kz ** 2)
        amplitude *= np.abs(2 * k_in / (k_in + k0 * np.cos(theta)))
    return theta, amplitude ** 2


def far_field_half_angle(z, near_field, wavelength, level=math.exp(-2), n_eff=None):
    """Half-angle (deg) where far_field(...) has fallen to `level` of its peak (on axis)."""
    theta, intensity = far_field(z, near_field, wavelength, n_eff)
    i = np.nonzero(intensity < level * intensity[0])[0][0]
    return math.degrees(np.interp(level * intensity[0], [intensity[i], intensity[i - 1]],
                                  [theta[i], theta[i - 1]]))


def angular_spectrum(z, field, wavelength, points=4001):
    """Plane-wave spectrum |Phi(kz)|^2 of a transverse profile (kz from -4 k0 to 4 k0, far
    beyond where a guided mode's spectrum has any weight)."""
    k0 = 2 * math.pi / wavelength
    kz = np.linspace(-4 * k0, 4 * k0, points)
    phi = np.exp(-1j * np.outer(kz, z)) @ field
    return kz, np.abs(phi) ** 2


def modal_reflectivity_te(spectrum, n_eff, wavelength, coating=None, n_out=1.0):
    """Facet reflectivity of a TE mode in the plane-wave-spectrum approximation: each plane
    wave of the mode (`spectrum` = angular_spectrum(...): transverse wavenumber kz, axial
    sqrt((k0 neff)^2 - kz^2) in a medium of the modal index) reflects with its own TE
    coefficient, and the reflected field is projected back on the mode:
    R = |sum r |Phi|^2 / sum |Phi|^2|^2. Bare facet: Fresnel's r, with total internal
    reflection (|r| = 1) beyond the critical angle; with `coating` = (index, thickness), the
    single layer's (r01 + r12 e^{2i phi}) / (1 + r01 r12 e^{2i phi}), phi = kx thickness.
    A wide mode tends to the normal-incidence Fresnel value ((neff - 1) / (neff + 1))^2; a
    narrow one has more weight at steep angles, whose TE reflection is stronger (Ikegami
    1972), and a quarter-wave coating for normal incidence leaves a residue."""
    k0 = 2 * math.pi / wavelength
    kz, weight = spectrum

    def kx(n):
        k = np.sqrt((k0 * n) ** 2 - kz ** 2 + 0j)
        return np.where(k.imag < 0, -k, k)

    k_in, k_out = kx(n_eff), kx(n_out)
    if coating is None:
        r = (k_in - k_out) / (k_in + k_out)
    else:
        k_c = kx(coating[0])
        r01, r12 = (k_in - k_c) / (k_in + k_c), (k_c - k_out) / (k_c + k_out)
        phase = np.exp(2j * k_c * coating[1])
        r = (r01 + r12 * phase) / (1 + r01 * r12 * phase)
    inside = np.abs(kz) < k0 * n_eff * (1 - 1e-9)   # propagating in the guide
    return abs((r * weight)[inside].sum() / weight[inside].sum()) ** 2


def fresnel(n_eff, n_out=1.0):
    return ((n_eff - n_out) / (n_eff + n_out)) ** 2

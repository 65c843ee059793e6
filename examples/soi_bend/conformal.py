"""Reference figures of the SOI bend study from the conformal transformation of a bend.

A bend of radius R maps onto a straight guide by u = R ln(r / R) (Heiblum and Harris, IEEE
J. Quantum Electron. 11, 75 (1975)); the scale factor of the map is s(u) = r / R = exp(u / R).
For the in-plane-E (TE, Hz) polarisation of the 2D effective-index guide the transformed
problem is *not* a graded index: the map scales mu_zz by s^2 and leaves the in-plane
permittivity alone, so the mode equation is

    eps d/du (1/eps dH/du) + k^2 eps s^2 H = beta^2 H          (beta referred to radius R).

A graded isotropic index n s (what a mode solver without magnetic materials can be given)
also scales the 1/eps of the derivative term and overstates the mismatch loss about twice at
R = 5 um (README.md), so this module solves the equation above itself: second-order finite
differences on a line with PMLs at both ends (leaky modes: Im beta is the radiation loss),
the mode picked by inverse iteration near the straight guide's beta.

Figures: the power coupled from the straight guide's TE0 into the bend's TE0 and TE1 at one
straight-bend junction (fields matched on the junction's radial line), and the radiation
loss of the bend's mode over the bend. numpy only.
"""
import math
from dataclasses import dataclass

import numpy as np

MAX_HALF_WIDTH = 3.5   # um, without the PML
MAX_ITERATIONS = 50


@dataclass(frozen=True)
class Guide:
    """A 2D effective-index strip: core index and width, cladding index (um)."""
    n_core: float
    n_clad: float
    width: float
    wavelength: float = 1.55


def slab_te_index(n_core, n_clad, thickness, wavelength):
    """TE0 effective index of a symmetric slab, from its dispersion relation by bisection."""
    k = 2 * math.pi / wavelength

    def mismatch(n):
        kx, gamma = k * math.sqrt(n_core**2 - n**2), k * math.sqrt(n**2 - n_clad**2)
        return math.tan(kx * thickness / 2) - gamma / kx

    low = max(n_clad, math.sqrt(max(n_core**2 - (math.pi / (k * thickness))**2, 0))) + 1e-12
    high = n_core - 1e-12
    for _ in range(200):  # tan rises through the root on (low, high): one sign change
        mid = 0.5 * (low + high)
        low, high = (mid, high) if mismatch(mid) > 0 else (low, mid)
    return 0.5 * (low + high)


def _mean_eps(start, stop, core, guide, harmonic):
    """<eps> or 1 / <1/eps> over each cell [start, stop] of a line crossing the core interval."""
    inside = np.clip(np.minimum(stop, core[1]) - np.maximum(start, core[0]), 0, None) / (stop - start)
    if harmonic:
        return 1 / (inside / guide.n_core**2 + (1 - inside) / guide.n_clad**2)
    return inside * guide.n_core**2 + (1 - inside) * guide.n_clad**2


def _solve_tridiagonal(lower, diag, upper, rhs):
    """Thomas algorithm for a complex tridiagonal system (no pivoting: diagonally shifted)."""
    n = len(diag)
    c, d = np.zeros(n, complex), np.zeros(n, complex)
    c[0], d[0] = upper[0] / diag[0], rhs[0] / diag[0]
    for i in range(1, n):
        m = diag[i] - lower[i] * c[i - 1]
        c[i] = upper[i] / m if i < n - 1 else 0
        d[i] = (rhs[i] - lower[i] * d[i - 1]) / m
    x = np.zeros(n, complex)
    x[-1] = d[-1]
    for i in range(n - 2, -1, -1):
        x[i] = d[i] - c[i] * x[i + 1]
    return x


@dataclass
class Mode:
    u: np.ndarray        # transverse coordinate (um); the physical offset r - R in a straight guide
    h: np.ndarray        # Hz on u, peak 1
    eps: np.ndarray      # permittivity at the nodes
    scale: np.ndarray    # s(u) = r / R (1 for a straight guide)
    neff: complex        # beta / k, referred to radius R in a bend


def solve_te(guide, radius=None, order=0, step=0.005, pml=1.0):
    """TE mode `order` (0 or 1, Hz) of the straight guide (radius None) or of the bend."""
    k = 2 * math.pi / guide.wavelength
    # The window holds the outer caustic (where the bent mode starts to radiate) up to
    # MAX_HALF_WIDTH: beyond, the radiation is below 1e-6 dB per bend (Im neff < 1e-8 at 3 um)
    # and a wider window only adds outer-cladding modes close to the wanted one.
    caustic = 0 if radius is None else radius * math.log(guide.n_core / guide.n_clad)
    half = min(max(2.0, caustic + 1.0), MAX_HALF_WIDTH) + pml
    u = np.arange(-half, half + step / 2, step)
    mid = u[:-1] + step / 2
    core = (-guide.width / 2, guide.width / 2)
    if radius is not None:  # the core's walls r = R -+ w/2 in the mapped coordinate
        core = tuple(radius * math.log1p(edge / radius) for edge in core)
    scale = (lambda v: np.ones_like(v)) if radius is None else (lambda v: np.exp(v / radius))
    # Cell averages that keep second order with a wall anywhere in a cell: E_v = H'/eps is
    # tangential to the walls (continuous), so the derivative term takes 1/<eps> between
    # nodes; E_u = beta H/eps is normal to them, so the nodes take <1/eps>.
    eps_mid = _mean_eps(mid - step / 2, mid + step / 2, core, guide, harmonic=False)
    eps = _mean_eps(u - step / 2, u + step / 2, core, guide, harmonic=True)
    # PML: d/du -> (1/stretch) d/du, stretch = 1 + i sigma (depth / pml)^3.
    sigma = 10.0 / k

    def stretch(v):
        depth = np.clip((np.abs(v) - (half - pml)) / pml, 0, None)
        return 1 + 1j * sigma * k * depth**3

    s_node, s_mid = stretch(u), stretch(mid)
    a = 1 / (eps_mid * s_mid)
    lower = np.zeros(len(u), complex)
    upper = np.zeros(len(u), complex)
    lower[1:] = eps[1:] / s_node[1:] * a / step**2
    upper[:-1] = eps[:-1] / s_node[:-1] * a / step**2
    diag = -np.concatenate(([0], a)) - np.concatenate((a, [0]))
    diag = eps / s_node * diag / step**2 + k**2 * eps * scale(u)**2
    beta2, h = _rayleigh_iteration((lower, diag, upper), u, guide, k, order)
    return Mode(u, h, eps, scale(u), complex(np.sqrt(beta2)) / k)


def _rayleigh_iteration(matrix, u, guide, k, order):
    """(beta^2, H) of TE0 or TE1: Rayleigh-quotient iteration from a Gaussian (times u: TE1).

    The first shift lies below the core index (TE0) or half way to the cladding's (TE1);
    each step then shifts to the quotient, which converges cubically to the mode the start
    vector is closest to.
    """
    lower, diag, upper = matrix
    h = ((u / guide.width)**order * np.exp(-(u / guide.width)**2)).astype(complex)
    beta2 = (k * guide.n_core)**2 * (0.95 if order == 0 else 0.5 * (1 + (guide.n_clad / guide.n_core)**2))
    for _ in range(MAX_ITERATIONS):
        nxt = _solve_tridiagonal(lower, diag - beta2, upper, h)
        nxt /= nxt[np.argmax(np.abs(nxt))]
        product = diag * nxt
        product[1:] += lower[1:] * nxt[:-1]
        product[:-1] += upper[:-1] * nxt[1:]
        residual = np.linalg.norm(product - np.vdot(nxt, product) / np.vdot(nxt, nxt) * nxt)
        h, beta2 = nxt, np.vdot(nxt, product) / np.vdot(nxt, nxt)
        if residual < 1e-9 * abs(beta2) * np.linalg.norm(h):
            return beta2, h
    raise RuntimeError(f"conformal mode solve did not converge in {MAX_ITERATIONS} iterations")


def junction_efficiency(straight, bent, radius):
    """Power coupled from the straight TE0 into a bent mode (TE0 or TE1) at one junction.

    On the junction's radial line (offset x = r - R) the bent mode is Hz(u(x)) with
    u = R ln(1 + x/R) and E_r = beta E_u / s; the straight mode is Hz(x), E_y = beta Hz / eps
    (common factors cancel). eta = Re[(int E0 H1*)(int E1 H0*)] / (P0 P1).
    """
    x = straight.u
    inside = x > -radius * 0.999  # the line ends at the bend's centre
    x = x[inside]
    h0, eps = straight.h[inside], straight.eps[inside]
    u_of_x = radius * np.log1p(x / radius)
    h1 = np.interp(u_of_x, bent.u, bent.h.real) + 1j * np.interp(u_of_x, bent.u, bent.h.imag)
    s = 1 + x / radius
    e0 = straight.neff.real * h0 / eps
    e1 = bent.neff * h1 / (eps * s)
    cross = np.sum(e0 * np.conj(h1)) * np.sum(e1 * np.conj(h0))
    return float((cross / (np.sum(e0 * np.conj(h0)) * np.sum(e1 * np.conj(h1)))).real)


def circular_bend_reference(guide, radius, angle_deg=90.0):
    """Loss figures (dB) of a circular bend from the conformal mode: two junctions, radiation."""
    straight = solve_te(guide)
    bent = solve_te(guide, radius)
    eta = junction_efficiency(straight, bent, radius)
    eta_te1 = junction_efficiency(straight, solve_te(guide, radius, order=1), radius)
    k = 2 * math.pi / guide.wavelength
    length = radius * math.radians(angle_deg)
    radiation_db = 20 * math.log10(math.e) * k * bent.neff.imag * length
    mismatch_db = -2 * 10 * math.log10(eta)
    return {"radius": radius, "neff_bent": bent.neff, "neff_straight": straight.neff.real,
            "junction_eta": eta, "junction_eta_te1": eta_te1, "mismatch_db": mismatch_db, "radiation_db": radiation_db,
            "total_db": mismatch_db + radiation_db}

"""Figure set-up, saving and the drawing shared by several plots: field maps with the
structure's outline, and contour levels."""
import os

import matplotlib

matplotlib.use("Agg")  # files only: no display on a cluster node
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

from .data import PlotInputError  # noqa: E402
from .fields import AXES  # noqa: E402


def add_output_options(parser):
    parser.add_argument("--out", help="PNG to write (default: next to the input, <stem>-<command>.png)")
    parser.add_argument("--size", nargs=2, type=float, default=[8.0, 5.0], metavar=("W", "H"),
                        help="figure size in inches (default 8 5)")
    parser.add_argument("--dpi", type=float, default=100, help="pixels per inch (default 100)")
    parser.add_argument("--title", help="figure title (default: the input file)")


def new_figure(args, rows=1, cols=1, **kw):
    """A figure of exactly args.size x args.dpi pixels (constrained layout, no tight bbox)."""
    fig, axes = plt.subplots(rows, cols, figsize=args.size, dpi=args.dpi, layout="constrained", squeeze=False, **kw)
    fig.suptitle(args.title or args.file, fontsize="medium")
    return fig, axes.ravel()


def save(fig, path, dpi):
    try:
        fig.savefig(path, dpi=dpi)
    except OSError as e:
        raise PlotInputError(f"{path}: cannot write the PNG ({e.strerror or e}); expected a writable path") from None
    finally:
        plt.close(fig)
    return path


def default_output(input_path, command):
    stem = os.path.splitext(input_path)[0]
    return f"{stem}-{command}.png"


def axis_label(axis):
    return f"{AXES[axis]} (um)"


def part_of(values, part):
    """re, im, abs or phase (rad) of a field; `None`: abs of a complex field, a real one as is."""
    if part is None:
        part = "abs" if np.iscomplexobj(values) else "re"
    return {"re": np.real, "im": np.imag, "abs": np.abs, "phase": np.angle}[part](values), part


def draw_map(ax, section, values, part, label):
    """A plane's values as an image on its own coordinates: a cyclic map for phases, a
    sequential one for magnitudes (or any values >= 0), a symmetric diverging one else."""
    if part == "phase":
        kw = dict(cmap="twilight", vmin=-np.pi, vmax=np.pi)
    elif part == "abs" or np.nanmin(values) >= 0:
        kw = dict(cmap="magma", vmin=0)
    else:
        top = np.nanmax(np.abs(values)) or 1.0
        kw = dict(cmap="RdBu_r", vmin=-top, vmax=top)
    im = ax.imshow(values, origin="lower", extent=section.extent(), interpolation="nearest", **kw)
    ax.figure.colorbar(im, ax=ax, label=label)
    ax.set_xlabel(axis_label(section.axes[0]))
    ax.set_ylabel(axis_label(section.axes[1]))
    ax.set_aspect("equal")


def bulk_levels(eps):
    """Contour levels that outline the structure in a plane of Re(eps): midpoints between
    the distinct values of bulk cells, those equal to their four neighbours (a subpixel-
    smoothed interface cell differs from the cell across the interface). A PEC's -inf is
    taken as a value below every other."""
    eps = finite(eps)
    inner = eps[1:-1, 1:-1]
    same = np.ones(inner.shape, bool)
    for dv, du in ((-1, 0), (1, 0), (0, -1), (0, 1)):
        same &= np.isclose(inner, eps[1 + dv:eps.shape[0] - 1 + dv, 1 + du:eps.shape[1] - 1 + du], rtol=1e-6)
    bulk = np.unique(np.round(inner[same], 6))
    return list((bulk[1:] + bulk[:-1]) / 2)


def finite(eps):
    eps = np.array(eps, dtype=float)
    bad = ~np.isfinite(eps)
    if bad.any():
        eps[bad] = (eps[~bad].min() if (~bad).any() else 0) - 1
    return eps


def draw_outline(ax, eps_section):
    """The structure's interfaces as thin contours of Re(eps); returns the ContourSet (None
    for a uniform medium)."""
    levels = bulk_levels(eps_section.values)
    if not levels:
        return None
    u, v = eps_section.coords
    return ax.contour(u, v, finite(eps_section.values), levels=levels, colors="k", linewidths=0.8)

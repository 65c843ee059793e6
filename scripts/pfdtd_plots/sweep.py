"""`sweep`: figures of merit of a `pfdtd sweep` (sweep.h5, io/sweep_results.cpp) against
one parameter (curves, one per value of a second parameter with --lines) or over two
parameters as a map."""
import numpy as np

from .data import PlotInputError, array, node, open_h5, text
from .figure import new_figure

HELP = "figures of merit of a sweep (sweep.h5): a line over one parameter or a 2D map over two"
EXPECTED = "sweep.h5 of `pfdtd sweep`"


def add_arguments(p):
    p.add_argument("file", help="sweep.h5")
    p.add_argument("--figure", nargs="+", metavar="NAME", help="figures of merit (default: all)")
    p.add_argument("--x", help="parameter along x (default: the first of the sweep)")
    p.add_argument("--y", help="parameter along y: a map, or a curve per value with --lines "
                               "(default: the second parameter, if the points cover a grid)")
    p.add_argument("--lines", action="store_true", help="curves over x, one per value of y, instead of a map")
    p.add_argument("--where", nargs="+", default=[], metavar="NAME=VALUE",
                   help="keep only the points with these parameter values (sweeps of more than two parameters)")


class Table:
    """Parameters and figures per point; `status` done, failed or pending."""

    def __init__(self, path):
        with open_h5(path, EXPECTED) as h5:
            names = list(node(h5, "parameters", f"the swept parameters of {EXPECTED}"))
            self.parameters = {n: array(h5, f"parameters/{n}", "one value per point") for n in names}
            self.figures = {n: array(h5, f"figures/{n}", "one value per point")
                            for n in node(h5, "figures", f"the figures of merit of {EXPECTED}")}
            self.status = [text(s) for s in array(h5, "status", "done, failed or pending per point")]
        if not self.parameters or not self.figures:
            raise PlotInputError(f"{path}: no parameters or no figures; expected /parameters/<name> and "
                                 "/figures/<name> (docs/sweeps.md)")

    def ordered_parameters(self):
        """The sweep's order: the first parameter varies slowest in a product sweep (h5py lists
        them by name), so fewer changes from point to point come first."""
        changes = {n: int(np.count_nonzero(np.diff(v))) for n, v in self.parameters.items()}
        return sorted(self.parameters, key=lambda n: changes[n])

    def keep(self, where, path):
        mask = np.ones(len(self.status), bool)
        for item in where:
            name, _, value = item.partition("=")
            if name not in self.parameters:
                raise PlotInputError(f"{path}: --where {item}: no parameter '{name}' (have: {', '.join(self.parameters)})")
            mask &= np.isclose(self.parameters[name], float(value), rtol=1e-9, atol=0)
        if not mask.any():
            raise PlotInputError(f"{path}: no point has {' and '.join(where)}")
        return mask


def covers_grid(x, y):
    """Whether the (x, y) pairs are distinct with at least two values of each (a map);
    pairs repeat when other parameters vary too, and a zip sweep has one x per y."""
    return len(np.unique(x)) > 1 and len(np.unique(y)) > 1 and len(set(zip(x, y))) == len(x) > len(np.unique(x))


def grid(x, y, z):
    """z over the grid of the distinct x and y (NaN where no point)."""
    xs, ys = np.unique(x), np.unique(y)
    values = np.full((len(ys), len(xs)), np.nan)
    values[np.searchsorted(ys, y), np.searchsorted(xs, x)] = z
    return xs, ys, values


def edges(centres):
    """Cell edges halfway between values (and as far out at the ends) for pcolormesh."""
    mid = (centres[1:] + centres[:-1]) / 2
    return np.concatenate([[2 * centres[0] - mid[0]], mid, [2 * centres[-1] - mid[-1]]])


def named(names, wanted, what, path):
    for name in wanted:
        if name is not None and name not in names:
            raise PlotInputError(f"{path}: no {what} '{name}' (have: {', '.join(names)})")


def plot(args):
    table = Table(args.file)
    order = table.ordered_parameters()
    figures = args.figure or sorted(table.figures)
    named(order, [args.x, args.y], "parameter", args.file)
    named(sorted(table.figures), figures, "figure", args.file)
    x_name = args.x or order[0]
    y_name = args.y or next((n for n in order if n != x_name), None)
    mask = table.keep(args.where, args.file)
    x, y = table.parameters[x_name][mask], table.parameters[y_name][mask] if y_name else None
    as_map = y is not None and not args.lines and covers_grid(x, y)
    if args.y and not args.lines and not as_map:
        raise PlotInputError(f"{args.file}: the points do not cover a grid of {x_name} x {y_name} (pairs repeat: "
                             "fix the other parameters with --where, or use --lines)")
    fig, axes = new_figure(args, rows=1 if as_map else len(figures), cols=len(figures) if as_map else 1,
                           sharex=not as_map)
    for ax, name in zip(axes, figures):
        z = table.figures[name][mask]
        if as_map:
            draw_cells(ax, grid(x, y, z), name, y_name)
        else:
            draw_lines(ax, x, y if args.lines else None, z, y_name)
            ax.set_ylabel(name)
    for ax in axes if as_map else axes[-1:]:
        ax.set_xlabel(x_name)
    done = sum(s == "done" for s in np.array(table.status)[mask])
    axes[0].set_title(f"{done} of {mask.sum()} points done", fontsize="small")
    return fig


def draw_cells(ax, cells, name, y_name):
    xs, ys, values = cells
    mesh = ax.pcolormesh(edges(xs), edges(ys), np.ma.masked_invalid(values), cmap="viridis")
    ax.figure.colorbar(mesh, ax=ax, label=name)
    ax.set_ylabel(y_name)


def draw_lines(ax, x, y, z, y_name):
    """z over x (sorted), one curve per value of y if given; points not done are gaps."""
    for value in (np.unique(y) if y is not None else [None]):
        sel = np.ones(len(x), bool) if value is None else y == value
        order = np.argsort(x[sel])
        label = None if value is None else f"{y_name} = {value:g}"
        ax.plot(x[sel][order], z[sel][order], "o-", ms=4, label=label)
    if y is not None:
        ax.legend(fontsize="small")

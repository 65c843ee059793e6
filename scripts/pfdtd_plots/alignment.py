"""`alignment`: a fibre's coupling efficiency over focus offsets (a map with its 1-dB
contour, or a curve along a 2D run's line) and over tilt, from the alignment scan of a flux
monitor's `fibre` (results.h5 /flux/<name>/fibre/alignment, docs/coupling.md)."""
import numpy as np

from .data import array, attribute, children, choose, open_h5
from .figure import new_figure

HELP = "fibre alignment tolerance: efficiency over offsets with the 1-dB contour, and over tilt"
ONE_DB = 10 ** -0.1


def add_arguments(p):
    p.add_argument("file", help="results.h5 of a run with a flux monitor's fibre scan")
    p.add_argument("--monitor", help="flux monitor (default: the only one with an alignment scan)")


class Scan:
    """The datasets and attributes of one alignment group."""

    def __init__(self, path, monitor=None):
        expected = "a flux monitor with `fibre: {scan: ...}`"
        with open_h5(path, "a results.h5 of `pfdtd run`") as h5:
            names = children(h5, "flux", expected, keep=lambda g: "fibre/alignment" in g)
            self.monitor = choose(names, monitor, "flux monitor with an alignment scan", path)
            where = f"flux/{self.monitor}/fibre/alignment"
            g = h5[where]
            self.u, self.v = array(h5, f"{where}/offset_u", "um"), array(h5, f"{where}/offset_v", "um")
            self.tilt = array(h5, f"{where}/tilt", "deg")
            self.efficiency_uv = array(h5, f"{where}/efficiency_uv", "(n_v, n_u)")
            self.efficiency_tilt = array(h5, f"{where}/efficiency_tilt", "(n_tilt)")
            self.axes = attribute(g, "u_axis", "x, y or z"), attribute(g, "v_axis", "x, y or z")
            self.best = float(attribute(g, "best_efficiency", "the best efficiency")[0])
            self.best_offset = attribute(g, "best_offset_um", "[u, v]")
            self.windows = [attribute(g, f"one_db_window_{k}", "[low, high]") for k in ("u_um", "v_um", "tilt_deg")]
            self.wavelength = float(attribute(g, "wavelength_um", "the scan's wavelength")[0])

    @property
    def level(self):
        return self.best * ONE_DB


def draw_offsets(ax, scan):
    """The offset map with its 1-dB contour (returned), or the curve along the one axis
    scanned (a 2D run's line) with the 1-dB level and window."""
    if len(scan.u) > 1 and len(scan.v) > 1:
        mesh = ax.pcolormesh(scan.u, scan.v, scan.efficiency_uv, shading="nearest", cmap="viridis")
        ax.figure.colorbar(mesh, ax=ax, label="efficiency")
        contour = ax.contour(scan.u, scan.v, scan.efficiency_uv, levels=[scan.level], colors="w", linewidths=1.5)
        ax.clabel(contour, fmt={scan.level: "1 dB"}, fontsize="small")
        ax.plot(*scan.best_offset, "r+", ms=12, label="best")
        ax.set_xlabel(f"{scan.axes[0]} offset (um)")
        ax.set_ylabel(f"{scan.axes[1]} offset (um)")
        ax.set_aspect("equal")
        return contour
    along = 0 if len(scan.u) > 1 else 1
    offsets = scan.u if along == 0 else scan.v
    draw_curve(ax, offsets, scan.efficiency_uv.ravel(), scan.level, scan.windows[along])
    ax.set_xlabel(f"{scan.axes[along]} offset (um)")
    return None


def draw_curve(ax, x, efficiency, level, window):
    ax.plot(x, efficiency, "o-", ms=3)
    ax.axhline(level, color="k", ls=":", label="best - 1 dB")
    for edge in window[np.isfinite(window)]:
        ax.axvline(edge, color="r", ls="--")
    ax.set_ylabel("efficiency")
    ax.legend(fontsize="small")


def plot(args):
    scan = Scan(args.file, args.monitor)
    fig, (offsets, tilt) = new_figure(args, cols=2)
    draw_offsets(offsets, scan)
    offsets.set_title(f"{scan.monitor} at {scan.wavelength:.4g} um, best {scan.best:.4g}", fontsize="small")
    draw_curve(tilt, scan.tilt, scan.efficiency_tilt, scan.level, scan.windows[2])
    tilt.set_xlabel("tilt (deg)")
    tilt.set_title("at the best offset", fontsize="small")
    return fig

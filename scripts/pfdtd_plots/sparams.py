"""`sparams`: |S_ij|^2 in dB and the unwrapped phase of S_ij against wavelength."""
import numpy as np

from .data import PlotInputError
from .figure import new_figure
from .sparams_io import read_sparams

HELP = "S-parameter magnitudes (dB) and phases vs wavelength (s_parameters.h5, .csv or .sNp)"


def add_arguments(p):
    p.add_argument("file", help="s_parameters.h5, s_parameters.csv or <scene>.sNp")
    p.add_argument("--pairs", nargs="+", metavar="OUT,IN",
                   help="entries to draw as port labels, e.g. b,a for S(b<-a) (default: every excited entry)")


def entries(labels, s, pairs, path):
    """(out, in) indices to draw: those asked for, or every one with data."""
    if not pairs:
        return [(i, j) for i in range(len(labels)) for j in range(len(labels)) if np.isfinite(s[:, i, j]).any()]
    chosen = []
    for p in pairs:
        out, _, inp = p.partition(",")
        if out not in labels or inp not in labels:
            raise PlotInputError(f"{path}: --pairs {p}: expected OUT,IN of the ports {', '.join(labels)}")
        chosen.append((labels.index(out), labels.index(inp)))
    return chosen


def plot(args):
    wavelength, s, labels = read_sparams(args.file)
    order = np.argsort(wavelength)
    fig, (mag, phase) = new_figure(args, rows=2, sharex=True)
    for i, j in entries(labels, s, args.pairs, args.file):
        v = s[order, i, j]
        label = f"S({labels[i]}<-{labels[j]})"
        with np.errstate(divide="ignore"):
            mag.plot(wavelength[order], 10 * np.log10(np.abs(v) ** 2), "o-", ms=3, label=label)
        phase.plot(wavelength[order], np.unwrap(np.angle(v)), "o-", ms=3, label=label)
    mag.set_ylabel("|S|^2 (dB)")
    mag.legend(fontsize="small")
    phase.set_ylabel("phase (rad, unwrapped)")
    phase.set_xlabel("wavelength (um)")
    return fig

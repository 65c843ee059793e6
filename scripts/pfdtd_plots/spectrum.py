"""`spectrum`: transmission, reflection and loss in dB against wavelength, from the flux
and mode monitors of a results.h5."""
import numpy as np

from .data import PlotInputError, array, node, open_h5
from .figure import new_figure

HELP = "T, R and loss (dB) vs wavelength of the flux and mode monitors of results.h5"


def add_arguments(p):
    p.add_argument("file", help="results.h5 of `pfdtd run`")
    p.add_argument("--flux", nargs="+", metavar="NAME", help="flux monitors (default: all)")
    p.add_argument("--mode", nargs="+", metavar="NAME", help="mode monitors (default: all with a source)")
    p.add_argument("--reference", metavar="NAME",
                   help="flux monitor the others are divided by (e.g. the incident flux); "
                        "default: each monitor's source_power where written")


class Curve:
    """One spectrum; `normalised`: a power ratio (T, R), which also gets a loss in dB."""

    def __init__(self, label, wavelength, value, normalised):
        self.label, self.wavelength, self.value, self.normalised = label, wavelength, value, normalised


def flux_curves(h5, names, reference):
    expected = "a flux monitor's spectrum"
    ref = array(h5, f"flux/{reference}/flux", expected) if reference else None
    for name in names:
        if name == reference:
            continue
        lam, flux = array(h5, f"flux/{name}/wavelength", expected), array(h5, f"flux/{name}/flux", expected)
        if ref is not None:
            if ref.shape != flux.shape:
                raise PlotInputError(f"{h5.filename}: /flux/{reference} has {ref.size} wavelengths, /flux/{name} "
                                     f"{flux.size}; expected the same wavelengths to divide")
            yield Curve(f"{name} / {reference}", lam, flux / ref, True)
        elif "source_power" in h5[f"flux/{name}"]:
            yield Curve(f"{name} / source power", lam, flux / array(h5, f"flux/{name}/source_power", expected), False)
        else:
            yield Curve(f"{name} flux", lam, flux, False)


def mode_curves(h5, names, required):
    """transmission and reflection of every mode of the monitors; a monitor named on the
    command line (`required`) must have them (it needs a mode or beam source in the run)."""
    for name in names:
        group = node(h5, f"mode_monitors/{name}", "a mode monitor")
        lam = array(h5, f"mode_monitors/{name}/wavelength", "the monitor's wavelengths")
        found = False
        for mode in sorted(k for k in group if k.startswith("mode")):
            for quantity, short in (("transmission", "T"), ("reflection", "R")):
                if quantity in group[mode]:
                    found = True
                    yield Curve(f"{name} {mode} {short}", lam, group[mode][quantity][()], True)
        if required and not found:
            raise PlotInputError(f"{h5.filename}: /mode_monitors/{name} has no mode<m>/transmission; expected a "
                                 "run with a mode or beam source")


def curves(path, args):
    with open_h5(path, "a results.h5 of `pfdtd run`") as h5:
        fluxes = args.flux if args.flux else (list(h5["flux"]) if "flux" in h5 else [])
        modes = args.mode if args.mode else (list(h5["mode_monitors"]) if "mode_monitors" in h5 else [])
        found = list(flux_curves(h5, fluxes, args.reference)) + list(mode_curves(h5, modes, bool(args.mode)))
    if not found:
        raise PlotInputError(f"{path}: no spectra; expected /flux/<name>/flux or "
                             "/mode_monitors/<name>/mode<m>/transmission (docs/output-format.md)")
    return found


def plot(args):
    found = curves(args.file, args)
    ratios = [c for c in found if c.normalised]
    fig, axes = new_figure(args, rows=2 if ratios else 1, sharex=True)
    for c in found:
        axes[0].plot(c.wavelength, c.value, "o-", ms=3, label=c.label)
    axes[0].set_ylabel("power ratio" if len(ratios) == len(found) else "spectrum")
    axes[0].legend(fontsize="small")
    if ratios:
        for c in ratios:
            with np.errstate(divide="ignore"):
                axes[1].plot(c.wavelength, -10 * np.log10(np.abs(c.value)), "o-", ms=3, label=c.label)
        axes[1].set_ylabel("loss (dB) = -10 log10")
    axes[-1].set_xlabel("wavelength (um)")
    return fig

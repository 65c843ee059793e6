"""`modes`: effective and group indices over wavelength and the profile of each mode, from
the modes.h5 of `pfdtd modes` (io/modes_output.cpp)."""
import numpy as np

from .data import PlotInputError, array, attribute, choose, children, node, open_h5, wavelength_index
from .fields import Volume
from .figure import axis_label, draw_map, new_figure

HELP = "neff and ng vs wavelength and mode profiles from the modes.h5 of `pfdtd modes`"
EXPECTED = "modes.h5 of `pfdtd modes`"


def add_arguments(p):
    p.add_argument("file", help="modes.h5")
    p.add_argument("--plane", help="mode plane (default: the only one)")
    p.add_argument("--modes", nargs="+", type=int, metavar="M", help="mode indices (default: all)")
    p.add_argument("--wavelength", type=float, help="wavelength of the profiles, um (default: the middle one)")
    p.add_argument("--component", default="E", choices=["E", "H", "Ex", "Ey", "Ez", "Hx", "Hy", "Hz"],
                   help="profile drawn: |E|, |H| or one component's magnitude (default E)")


def profile(group, f, component, normal):
    """|component| (or |E|, |H|) of one mode at wavelength index f as a Volume: the file's
    (n2, n1) arrays run along t2 = (normal + 2) % 3 and t1 = (normal + 1) % 3."""
    parts = [component] if len(component) == 2 else [component + a for a in "xyz"]
    where = f"{group.file.filename} /{group.name}"
    arrays = [array(group, f"{c}_re", "(nw, n2, n1)")[f] + 1j * array(group, f"{c}_im", "(nw, n2, n1)")[f]
              for c in parts]
    magnitude = np.sqrt(sum(np.abs(a) ** 2 for a in arrays))[:, :, None]  # (t2, t1, normal)
    along = [(normal + 2) % 3, (normal + 1) % 3, normal]
    volume = np.transpose(magnitude, [along.index(2 - r) for r in range(3)])
    first = group[f"{parts[0]}_re"]
    return Volume(volume, attribute(first, "origin_um", "the first sample's position"),
                  attribute(first, "spacing_um", "the sample spacing")[0], f"|{component}|", where)


def plot(args):
    with open_h5(args.file, EXPECTED) as h5:
        name = choose(children(h5, "modes", f"a mode plane, /modes/<plane>, of {EXPECTED}"), args.plane, "mode plane", args.file)
        plane = node(h5, f"modes/{name}", EXPECTED)
        lam = array(h5, f"modes/{name}/wavelength_um", "the plane's wavelengths")
        found = sorted((k for k in plane if k.isdigit()), key=int)
        wanted = [str(m) for m in args.modes] if args.modes else found
        if not found or any(m not in found for m in wanted):
            raise PlotInputError(f"{args.file}: /modes/{name} holds modes {', '.join(found) or 'none'}; "
                                 f"expected {', '.join(wanted) or 'at least one'}")
        f = wavelength_index(lam, args.wavelength, f"{args.file} /modes/{name}")
        normal = int(attribute(plane, "normal_axis", "the plane's normal axis")[0])
        fig, axes = new_figure(args, cols=len(wanted) + 1)
        for k, m in enumerate(wanted):
            neff, ng = plane[m]["neff_re"][()], plane[m]["ng"][()]
            line, = axes[0].plot(lam, neff, "o-", ms=3, label=f"mode {m} neff")
            axes[0].plot(lam, ng, "s--", ms=3, color=line.get_color(), label=f"mode {m} ng")
            draw_profile(axes[k + 1], profile(plane[m], f, args.component, normal))
            axes[k + 1].set_title(f"mode {m}, neff {neff[f]:.5g}\nat {lam[f]:.4g} um", fontsize="small")
    axes[0].set_xlabel("wavelength (um)")
    axes[0].set_ylabel("index")
    axes[0].legend(fontsize="x-small")
    return fig


def draw_profile(ax, volume):
    """A line (a 2D run's cross-section) as a curve, a plane as a map."""
    section = volume.section()
    if not np.isfinite(section.values).any():
        ax.text(0.5, 0.5, "not found at this wavelength", ha="center", transform=ax.transAxes)
    elif len(section.axes) == 1:
        ax.plot(section.coords[0], section.values)
        ax.set_xlabel(axis_label(section.axes[0]))
        ax.set_ylabel(volume.label)
    else:
        draw_map(ax, section, section.values, "abs", volume.label)

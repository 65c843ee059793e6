"""`field`: a snapshot, a DFT view or a raw DFT plane as a map (or a curve along a line),
with the structure outlined from a permittivity file."""
from .data import PlotInputError
from .fields import AXES, Image, matching_section, read_dft, read_permittivity
from .figure import axis_label, draw_map, draw_outline, new_figure, part_of

HELP = "a field snapshot (.hdf), DFT view (.dft.hdf) or results.h5 DFT plane, with the structure outline"


def add_arguments(p):
    p.add_argument("file", help="a VTKHDF .hdf file (snapshot, <monitor>.dft.hdf) or results.h5 (its /dft planes)")
    p.add_argument("--array", help="point array of a .hdf file (default: its only one)")
    p.add_argument("--dft", help="dft_fields monitor in results.h5 (default: the only one)")
    p.add_argument("--component", help="component of the DFT monitor, e.g. Ez (default: the only one)")
    p.add_argument("--wavelength", type=float, help="DFT wavelength, um (default: the middle one)")
    p.add_argument("--part", choices=["re", "im", "abs", "phase"],
                   help="what to draw (default: abs of a complex field, a real one as is)")
    p.add_argument("--eps", help="permittivity.h5 or permittivity.hdf of `pfdtd geometry`: outline the structure")
    p.add_argument("--at", help="cut a volume at AXIS=POSITION, e.g. z=0.11 (default: the middle of z)")


def parse_at(text):
    if text is None:
        return None
    axis, sep, value = text.partition("=")
    try:
        return AXES.index(axis.strip()), float(value)
    except ValueError:
        raise PlotInputError(f"--at {text}: expected AXIS=POSITION with AXIS x, y or z, e.g. z=0.11") from None


def load(args):
    """The field's Volume and a label."""
    if args.file.endswith(".h5"):
        volume, _ = read_dft(args.file, args.dft, args.component, args.wavelength)
        return volume, volume.label
    image = Image(args.file)
    volume = image.volume(args.array)
    time = f", t = {image.time:.4g} um/c" if image.time else ""
    return volume, volume.label + time


def plot(args):
    volume, label = load(args)
    section = volume.section(parse_at(args.at))
    values, part = part_of(section.values, args.part)
    fig, (ax,) = new_figure(args)
    name = label if part == "re" and volume.values.dtype.kind != "c" else f"{part}({label})"
    if len(section.axes) == 1:  # a line: a curve along it
        ax.plot(section.coords[0], values)
        ax.set_xlabel(axis_label(section.axes[0]))
        ax.set_ylabel(name)
        return fig
    draw_map(ax, section, values, part, name)
    if args.eps:
        draw_outline(ax, matching_section(read_permittivity(args.eps), section))
    cut = ", ".join(f"{AXES[a]} = {p:.4g} um" for a, p in section.cut.items())
    ax.set_title(f"{name}; {cut}", fontsize="small")
    return fig

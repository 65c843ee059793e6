"""Fields and permittivities on uniform grids: VTKHDF images (snapshots, DFT views,
permittivity.hdf), the raw DFT planes of results.h5, permittivity.h5 and mode profiles, all
read into one `Volume` so that the plots cut sections the same way whatever the source."""
import numpy as np

from .data import PlotInputError, array, attribute, children, choose, node, open_h5, wavelength_index

AXES = "xyz"


class Section:
    """A plane (values[v, u], `axes` = (u, v), u < v) or a line (values[n], one axis) of a
    Volume; `coords[i]` are the sample positions along axes[i], `cut` maps each axis across
    the section to its position there (um)."""

    def __init__(self, axes, coords, values, cut):
        self.axes, self.coords, self.values, self.cut = axes, coords, values, cut

    def extent(self):
        """imshow's extent: cell edges half a sample beyond the first and last positions."""
        d = [c[1] - c[0] if len(c) > 1 else 1.0 for c in self.coords]
        return [self.coords[0][0] - d[0] / 2, self.coords[0][-1] + d[0] / 2,
                self.coords[1][0] - d[1] / 2, self.coords[1][-1] + d[1] / 2]


class Volume:
    """values[z, y, x] on a grid of spacing d whose first sample is at `origin` (um);
    `label` names the quantity, `source` the file it came from."""

    def __init__(self, values, origin, spacing, label, source):
        self.values = np.asarray(values)
        if self.values.ndim != 3:
            raise PlotInputError(f"{source}: {label}: expected a (nz, ny, nx) array, got shape {self.values.shape}")
        self.origin, self.spacing = [float(o) for o in origin], float(spacing)
        self.label, self.source = label, source

    def count(self, axis):
        return self.values.shape[2 - axis]

    def coords(self, axis):
        return self.origin[axis] + self.spacing * np.arange(self.count(axis))

    def section(self, at=None):
        """The plane or line the samples span. One-sample axes are dropped; `at` = (axis,
        position) cuts a long axis at the nearest sample; a volume not cut is cut at the
        middle of z."""
        index, cut = [slice(None)] * 3, {}
        for a in range(3):
            if self.count(a) == 1:
                index[2 - a], cut[a] = 0, self.origin[a]
        long_axes = [a for a in range(3) if a not in cut]
        if at is not None and at[0] in long_axes:
            self._cut(at[0], at[1], index, cut)
        elif len(long_axes) == 3:
            self._cut(2, self.coords(2)[self.count(2) // 2], index, cut)
        axes = [a for a in range(3) if a not in cut]
        if not axes:
            raise PlotInputError(f"{self.source}: {self.label} is a single point; expected a line, a plane or a volume")
        return Section(axes, [self.coords(a) for a in axes], self.values[tuple(index)], cut)

    def _cut(self, axis, position, index, cut):
        k = int(np.argmin(np.abs(self.coords(axis) - position)))
        index[2 - axis], cut[axis] = k, float(self.coords(axis)[k])


class Image:
    """A VTKHDF ImageData file as pfdtd writes it (docs/output-format.md, "Axes of the
    image"): index axes i, j, k run along the x, y, z axes that `Direction` names; a line's or
    a point's one-sample axes after the first are stored twice."""

    EXPECTED = "a VTKHDF image (a snapshot <monitor>-<Comp>-<step>.hdf, <monitor>.dft.hdf or permittivity.hdf)"

    def __init__(self, path):
        self.path = path
        with open_h5(path, self.EXPECTED) as h5:
            vtk = node(h5, "VTKHDF", self.EXPECTED)
            direction = attribute(vtk, "Direction", "the 3 x 3 Direction of the image").reshape(3, 3)
            self.axis_of = [int(np.argmax(np.abs(direction[:, c]))) for c in range(3)]
            self.origin = attribute(vtk, "Origin", "the position of the first sample")
            self.spacing = float(attribute(vtk, "Spacing", "the sample spacing")[0])
            self.time = float(vtk.attrs["Time"][0]) if "Time" in vtk.attrs else None
            self.arrays = {name: d[()] for name, d in node(h5, "VTKHDF/PointData", self.EXPECTED).items()}

    def volume(self, name=None):
        name = choose(sorted(self.arrays), name, "point array", self.path)
        stored = self.arrays[name]  # (k, j, i)
        if stored.shape[2] == 1:  # a flat first axis: later flat axes were stored twice
            for c in (1, 2):
                a = 2 - c
                if stored.shape[a] == 2 and np.array_equal(stored.take([0], a), stored.take([1], a)):
                    stored = stored.take([0], a)
        perm = [0, 0, 0]
        for c in range(3):  # stored axis 2 - c runs along x, y or z: put it at 2 - that axis
            perm[2 - self.axis_of[c]] = 2 - c
        return Volume(np.transpose(stored, perm), self.origin, self.spacing, name, self.path)


def read_dft(path, monitor=None, component=None, wavelength=None):
    """A dft_fields monitor's component at one wavelength from results.h5 (complex, at its
    own Yee positions); the middle wavelength unless one is asked for."""
    expected = "a results.h5 with dft_fields monitors (/dft/<name>/<Comp>)"
    with open_h5(path, expected) as h5:
        name = choose(children(h5, "dft", "a dft_fields monitor"), monitor, "dft_fields monitor", path)
        comp = choose(sorted(node(h5, f"dft/{name}", expected).keys()), component, "component", f"{path} /dft/{name}")
        where = f"dft/{name}/{comp}"
        values = array(h5, where, "complex (nf, nz, ny, nx)")
        d = h5[where]
        lam = attribute(d, "wavelength_um", "the monitor's wavelengths")
        f = wavelength_index(lam, wavelength, f"{path} /{where}")
        origin = attribute(d, "origin_um", "the Yee position of the first sample")
        spacing = attribute(d, "spacing_um", "the sample spacing")[0]
    return Volume(values[f], origin, spacing, f"{comp} at {lam[f]:.6g} um", path), float(lam[f])


def read_permittivity(path):
    """Re(eps_x), Re(eps_y), Re(eps_z) from `pfdtd geometry`'s permittivity.h5 or
    permittivity.hdf, each a Volume at its own Yee position: E_c's, half a cell from the
    grid's corner along c (the .hdf shows them at the cell centres for ParaView)."""
    if path.endswith(".hdf"):
        image = Image(path)
        d, corner = image.spacing, image.origin - image.spacing / 2
        values = [image.volume(f"eps_{c}_real").values for c in AXES]
    else:
        expected = "pfdtd geometry's permittivity.h5 (/eps_x/real ...)"
        with open_h5(path, expected) as h5:
            values = [array(h5, f"eps_{c}/real", "Re(eps_c), (nz, ny, nx)") for c in AXES]
            d = float(attribute(h5, "cell_size_um", "the cell size")[0])
            corner = attribute(h5, "origin_um", "the grid's low corner")
    return [Volume(values[c], corner + 0.5 * d * np.eye(3)[c], d, f"Re(eps_{AXES[c]})", path) for c in range(3)]


def matching_section(eps, section):
    """The section of the permittivity (`read_permittivity`) on the plane of a field's
    `section`, from the component normal to the plane: its samples lie on the grid's cell
    corners in the plane, and a smoothed one on an interface takes the mean of the two media."""
    normal = next(a for a in range(3) if a not in section.axes)
    cut = eps[normal].section(at=(normal, section.cut[normal]))
    if cut.axes != section.axes:
        raise PlotInputError(f"{eps[normal].source}: its section spans {''.join(AXES[a] for a in cut.axes)}, "
                             f"the field's {''.join(AXES[a] for a in section.axes)}; expected the same plane")
    return cut

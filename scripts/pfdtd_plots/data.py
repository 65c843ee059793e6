"""Reading pfdtd's HDF5 files with errors that name the file, the dataset and what was
expected, instead of h5py's KeyError (layouts: docs/output-format.md, docs/sweeps.md)."""
import os

import h5py
import numpy as np

class PlotInputError(Exception):
    """A file or dataset the plot needs is missing or not what pfdtd writes."""


def open_h5(path, expected):
    """`path` opened read-only; `expected` says what the file should be (for the message)."""
    if not os.path.exists(path):
        raise PlotInputError(f"{path}: no such file; expected {expected}")
    try:
        return h5py.File(path, "r")
    except OSError as e:
        raise PlotInputError(f"{path}: not an HDF5 file ({e}); expected {expected}") from None


def node(h5, name, expected):
    """The group or dataset `name` of an open file, or an error listing what is there."""
    if name in h5:
        return h5[name]
    parent = name.rstrip("/").rsplit("/", 1)[0] if "/" in name.strip("/") else "/"
    have = sorted(h5[parent].keys()) if parent in h5 and isinstance(h5[parent], h5py.Group) else []
    listing = f" ({parent} holds: {', '.join(have)})" if have else ""
    raise PlotInputError(f"{h5.filename}: no /{name.strip('/')}{listing}; expected {expected}")


def array(h5, name, expected):
    """Dataset `name` as a numpy array; h5py's complex compound {r, i} becomes complex."""
    d = node(h5, name, expected)
    if not isinstance(d, h5py.Dataset):
        raise PlotInputError(f"{h5.filename}: /{name} is a group, not a dataset; expected {expected}")
    v = d[()]
    if v.dtype.names and set(v.dtype.names) == {"r", "i"}:
        v = v["r"] + 1j * v["i"]
    return v


def attribute(obj, name, expected):
    """Attribute `name` of a group or dataset; strings decoded, 1-element arrays kept as arrays."""
    if name not in obj.attrs:
        raise PlotInputError(f"{obj.file.filename}: {obj.name} has no attribute '{name}'; expected {expected}")
    return text(obj.attrs[name]) if isinstance(obj.attrs[name], (bytes, str)) else np.asarray(obj.attrs[name])


def text(value):
    return value.decode() if isinstance(value, bytes) else str(value)


def children(h5, name, expected, keep=lambda g: True):
    """Names of the subgroups of `name` that `keep` accepts; an error if there are none."""
    names = [k for k, g in node(h5, name, expected).items() if isinstance(g, h5py.Group) and keep(g)]
    if not names:
        raise PlotInputError(f"{h5.filename}: nothing under /{name}; expected {expected}")
    return names


def choose(names, wanted, what, where):
    """`wanted` if given and present, the only name if there is one, else an error."""
    if wanted is not None:
        if wanted not in names:
            raise PlotInputError(f"{where}: no {what} '{wanted}' (have: {', '.join(names)})")
        return wanted
    if len(names) > 1:
        raise PlotInputError(f"{where}: several {what}s ({', '.join(names)}); name one")
    return names[0]


def wavelength_index(wavelengths, wanted, where):
    """Index of `wanted` (um) among `wavelengths` (within 1e-6 relative), or of the middle one."""
    wavelengths = np.atleast_1d(wavelengths)
    if wanted is None:
        return len(wavelengths) // 2
    n = int(np.argmin(np.abs(wavelengths - wanted)))
    if abs(wavelengths[n] - wanted) > 1e-6 * wanted:
        have = ", ".join(f"{w:.6g}" for w in wavelengths)
        raise PlotInputError(f"{where}: no wavelength {wanted:g} um (have: {have})")
    return n

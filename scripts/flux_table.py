#!/usr/bin/python3
"""Prints the flux spectra of a pfdtd results file and the ratio of two of them.

usage: flux_table.py results.h5 [A B]
  with two monitor names A B: prints wavelength, flux A, flux B and B/A (a transmission).
"""
import sys

import h5py


def main(path, names):
    with h5py.File(path, "r") as f:
        print(f"{path}: {f.attrs['status'].decode() if isinstance(f.attrs['status'], bytes) else f.attrs['status']}")
        names = names or list(f["flux"].keys())
        spectra = [f["flux"][n]["flux"][:] for n in names]
        wavelength = f["flux"][names[0]]["wavelength"][:]
    header = "wavelength_um " + " ".join(f"{n:>12}" for n in names)
    if len(names) == 2:
        header += f"   {names[1]}/{names[0]}"
    print(header)
    for i, lam in enumerate(wavelength):
        row = f"{lam:13.4f} " + " ".join(f"{s[i]:12.5g}" for s in spectra)
        if len(names) == 2:
            row += f"   {spectra[1][i] / spectra[0][i]:10.5f}"
        print(row)


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2:])

#!/usr/bin/python3
"""PNG plots of pfdtd's HDF5 outputs (docs/plots.md):

  plot.py spectrum  results.h5          T, R and loss (dB) of flux and mode monitors
  plot.py sparams   s_parameters.h5     |S|^2 (dB) and phase; also .csv and Touchstone .sNp
  plot.py field     snapshot.hdf | results.h5 [--eps permittivity.h5]   field map with outline
  plot.py modes     modes.h5            neff, ng and mode profiles
  plot.py sweep     sweep.h5            figures of merit over one parameter or a 2D map
  plot.py alignment results.h5          fibre offset/tilt map with the 1-dB contour

Each writes one PNG (--out, default next to the input) and prints its path.
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from pfdtd_plots.cli import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())

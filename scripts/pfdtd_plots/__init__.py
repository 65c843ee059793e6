"""Plots of pfdtd's HDF5 outputs (docs/plots.md): one module per `scripts/plot.py`
subcommand, sharing the readers of `data`, `fields` and `sparams_io` and the figure helpers
of `figure`. Runs under /usr/bin/python3 with Debian's numpy, h5py and matplotlib (Agg)."""

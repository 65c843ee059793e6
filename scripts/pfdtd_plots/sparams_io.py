"""S-matrices from the three files `pfdtd run` writes for scenes with ports
(io/s_parameters.cpp): s_parameters.h5, s_parameters.csv and Touchstone <stem>.sNp, each read
into (wavelength um, S[f, out, in] complex, port labels); entries not excited are NaN."""
import csv
import re

import numpy as np

from .data import PlotInputError, array, attribute, open_h5

C_UM_PER_S = 299792458e6
FREQUENCY_UNITS = {"HZ": 1.0, "KHZ": 1e3, "MHZ": 1e6, "GHZ": 1e9}


def read_sparams(path):
    if path.endswith(".h5"):
        return read_h5(path)
    if path.endswith(".csv"):
        return read_csv(path)
    if re.search(r"\.s\d+p$", path, re.IGNORECASE):
        return read_touchstone(path)
    raise PlotInputError(f"{path}: expected s_parameters.h5, s_parameters.csv or a Touchstone .sNp file")


def read_h5(path):
    expected = "s_parameters.h5 of a scene with ports"
    with open_h5(path, expected) as h5:
        s = array(h5, "S_re", "[frequency, out, in]") + 1j * array(h5, "S_im", "[frequency, out, in]")
        labels = attribute(h5, "ports", "the comma-separated port labels").split(",")
        return array(h5, "wavelength", "um"), s, labels


def text_lines(path, expected):
    try:
        with open(path) as f:
            return f.read().splitlines()
    except OSError as e:
        raise PlotInputError(f"{path}: cannot read ({e.strerror}); expected {expected}") from None


def read_csv(path):
    """Columns wavelength_um, frequency_thz, then |S(out<-in)|^2 and phase(out<-in)_rad."""
    rows = list(csv.reader(text_lines(path, "s_parameters.csv")))
    header = rows[0] if rows else []
    pairs = [re.fullmatch(r"\|S\((.+)<-(.+)\)\|\^2", h) for h in header[2::2]]
    if len(header) < 4 or header[0] != "wavelength_um" or not all(pairs):
        raise PlotInputError(f"{path}: header '{','.join(header)[:80]}'; expected wavelength_um,frequency_thz,"
                             "|S(out<-in)|^2,phase(out<-in)_rad,...")
    labels = list(dict.fromkeys(m.group(1) for m in pairs))
    data = np.array([[float(x) for x in r] for r in rows[1:] if r], ndmin=2)
    n = len(labels)
    s = np.sqrt(data[:, 2::2]) * np.exp(1j * data[:, 3::2])
    return data[:, 0], s.reshape(len(data), n, n), labels


def read_touchstone(path):
    """Touchstone 1.1 (RI, MA or DB; Hz to GHz); the 2-port order is S11 S21 S12 S22, more
    ports give matrix rows. pfdtd writes 0 for entries not excited: read back as NaN."""
    lines = text_lines(path, "a Touchstone .sNp file")
    n = int(re.search(r"\.s(\d+)p$", path, re.IGNORECASE).group(1))
    options = next((l[1:].upper().split() for l in lines if l.startswith("#")), None)
    if options is None:
        raise PlotInputError(f"{path}: no option line; expected '# GHZ S RI R 50'")
    unit = next((FREQUENCY_UNITS[o] for o in options if o in FREQUENCY_UNITS), 1e9)
    form = next((o for o in options if o in ("RI", "MA", "DB")), "MA")
    labels = [str(i + 1) for i in range(n)]
    for l in lines:
        if l.startswith("! ports:"):
            labels = [p.split("=", 1)[1] for p in l.split()[2:]]
    numbers = np.array([float(x) for l in lines if not l.startswith(("!", "#")) for x in l.split("!")[0].split()])
    per = 1 + 2 * n * n
    if numbers.size == 0 or numbers.size % per:
        raise PlotInputError(f"{path}: {numbers.size} numbers; expected a multiple of {per} (frequency and "
                             f"{n * n} pairs per frequency)")
    rec = numbers.reshape(-1, per)
    a, b = rec[:, 1::2], rec[:, 2::2]
    s = {"RI": a + 1j * b, "MA": a * np.exp(1j * np.radians(b)), "DB": 10 ** (a / 20) * np.exp(1j * np.radians(b))}[form]
    s = s.reshape(-1, n, n)
    if n == 2:
        s = s.transpose(0, 2, 1)  # S11 S21 S12 S22 is column by column
    s[s == 0] = np.nan
    return C_UM_PER_S / (rec[:, 0] * unit), s, labels

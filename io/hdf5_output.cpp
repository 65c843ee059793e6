#include "io/hdf5_output.hpp"

#include <algorithm>
#include <complex>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <stdexcept>

#include "io/hdf5_util.hpp"
#include "solver/decomposition.hpp"
#include "io/vtkhdf_image.hpp"

namespace pfdtd {

namespace {
constexpr double c_um_per_s = 299792458e6;
namespace fs = std::filesystem;
using namespace h5;

// Complex values stored as h5py's complex128: a compound of two doubles named r and i;
// `annotate` then writes the dataset's attributes.
template <class Annotate>
void complex_dataset(hid_t parent, const std::string& name, const std::vector<hsize_t>& dims,
                     const std::vector<std::complex<double>>& v, Annotate annotate) {
  Handle type(H5Tcreate(H5T_COMPOUND, sizeof(std::complex<double>)), H5Tclose, "create complex type");
  check(H5Tinsert(type, "r", 0, H5T_NATIVE_DOUBLE), "build complex type");
  check(H5Tinsert(type, "i", sizeof(double), H5T_NATIVE_DOUBLE), "build complex type");
  Handle space(H5Screate_simple(static_cast<int>(dims.size()), dims.data(), nullptr), H5Sclose,
               "create dataspace for " + name);
  Handle d(H5Dcreate2(parent, name.c_str(), type, space, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT), H5Dclose,
           "create dataset " + name);
  check(H5Dwrite(d, type, H5S_ALL, H5S_ALL, H5P_DEFAULT, v.data()), "write dataset " + name);
  annotate(static_cast<hid_t>(d));
}

std::vector<double> wavelengths(const std::vector<double>& frequencies) {
  std::vector<double> w;
  for (double f : frequencies) w.push_back(1 / f);
  return w;
}

// /dft/<monitor>/<Comp>: each component at its own Yee positions, (nf, nz, ny, nx).
void write_dft_fields(hid_t file, const std::vector<DftFieldData>& monitors) {
  Handle dft = group(file, "dft");
  for (const DftFieldData& m : monitors) {
    Handle g = group(dft, m.name);
    attribute(g, "frequency", m.frequencies);
    attribute(g, "wavelength_um", wavelengths(m.frequencies));
    for (const DftComponent& c : m.yee) {
      const Box& b = c.box;
      const std::vector<hsize_t> dims = {m.frequencies.size(), hsize_t(b.extent(2)), hsize_t(b.extent(1)),
                                         hsize_t(b.extent(0))};
      complex_dataset(g, component_name(c.component), dims, c.values, [&](hid_t d) {
        attribute(d, "units", std::string("sum_n F(t_n) exp(i 2 pi f t_n) dt: normalised field x um/c"));
        attribute<double>(d, "origin_um", {c.first.x, c.first.y, c.first.z});
        attribute<double>(d, "spacing_um", {m.spacing, m.spacing, m.spacing});
        attribute<long long>(d, "first_index", {b.lo.i, b.lo.j, b.lo.k});
        attribute(d, "frequency", m.frequencies);
        attribute(d, "wavelength_um", wavelengths(m.frequencies));
      });
    }
  }
}

// A point-array name per wavelength ("1.55um"), made unique if two round alike.
std::vector<std::string> wavelength_labels(const std::vector<double>& frequencies) {
  std::vector<std::string> labels;
  for (std::size_t n = 0; n < frequencies.size(); ++n) {
    char b[48];
    std::snprintf(b, sizeof b, "%.6gum", 1 / frequencies[n]);
    std::string label = b;
    if (std::count(labels.begin(), labels.end(), label)) label += " #" + std::to_string(n);
    labels.push_back(label);
  }
  return labels;
}

// <monitor>.dft.hdf: for ParaView, every component averaged to the cell centres, as
// magnitude and phase (radians) point arrays per wavelength.
void write_dft_view(const std::string& path, const DftFieldData& m) {
  const long long cells = m.cells.cells();
  const std::vector<std::string> labels = wavelength_labels(m.frequencies);
  std::vector<std::vector<double>> storage;
  storage.reserve(2 * m.frequencies.size() * m.yee.size());
  std::vector<ImageArray> arrays;
  for (std::size_t f = 0; f < m.frequencies.size(); ++f)
    for (std::size_t c = 0; c < m.yee.size(); ++c) {
      const std::complex<double>* v = m.centred[c].data() + f * cells;
      std::vector<double> magnitude(cells), phase(cells);
      for (long long q = 0; q < cells; ++q) magnitude[q] = std::abs(v[q]), phase[q] = std::arg(v[q]);
      const std::string comp = component_name(m.yee[c].component);
      storage.push_back(std::move(magnitude));
      arrays.push_back({"|" + comp + "| " + labels[f], nullptr, storage.back().data()});
      storage.push_back(std::move(phase));
      arrays.push_back({"phase " + comp + " " + labels[f], nullptr, storage.back().data()});
    }
  const int n[3] = {m.cells.extent(0), m.cells.extent(1), m.cells.extent(2)};
  write_vtkhdf_image(path, n, m.first_centre, m.spacing, arrays);
}
}  // namespace

Hdf5Output::Hdf5Output(std::string directory, std::string scene_text, const Comm& comm, long long resumed_step)
    : dir_(std::move(directory)), scene_text_(std::move(scene_text)), comm_(comm) {
  if (comm_.root()) fs::create_directories(dir_);
  comm_.barrier();
  if (resumed_step >= 0) rescan_series(resumed_step);
}

// After a restart: the snapshots written before the checkpoint stay in the series.
void Hdf5Output::rescan_series(long long resumed_step) {
  std::vector<std::pair<std::string, long long>> found;  // (file, step)
  for (const auto& entry : fs::directory_iterator(dir_)) {
    const std::string name = entry.path().filename().string();
    const std::size_t dash = name.rfind('-');
    if (dash == std::string::npos || name.size() != dash + 13 || name.compare(dash + 9, 4, ".hdf") != 0) continue;
    const std::string digits = name.substr(dash + 1, 8);
    if (digits.find_first_not_of("0123456789") != std::string::npos) continue;
    const long long step = std::stoll(digits);
    if (step <= resumed_step) found.emplace_back(name, step);
  }
  std::sort(found.begin(), found.end(), [](const auto& a, const auto& b) { return a.second < b.second; });
  for (const auto& [name, step] : found) {
    Handle f(H5Fopen((dir_ + "/" + name).c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), H5Fclose, "open " + name);
    Handle vtk(H5Gopen2(f, "VTKHDF", H5P_DEFAULT), H5Gclose, "open VTKHDF in " + name);
    series_[name.substr(0, name.rfind('-'))].emplace_back(read_attribute<double>(vtk, "Time").at(0), name);
  }
}

namespace {

// One image written by all ranks at once through parallel HDF5 (MPI-IO, collective
// transfer), each rank its own piece of every array, into one file: no rank ever holds the
// whole field. `values[a]` covers `piece`, x fastest, as T.
template <class T>
void write_image_collectively(const std::string& path, const Comm& comm, const Box& box, const Box& piece,
                              const Vec3& first, double spacing, double time, long long step,
                              const std::vector<std::string>& names, const std::vector<std::vector<T>>& values) {
  const int n[3] = {box.extent(0), box.extent(1), box.extent(2)};
  const ImageLayout l = image_layout(n);
  const std::string tmp = path + ".tmp";
  {
    Handle fapl(H5Pcreate(H5P_FILE_ACCESS), H5Pclose, "create a file access list");
    check(H5Pset_fapl_mpio(fapl, comm.handle, MPI_INFO_NULL), "select MPI-IO for " + tmp);
    Handle file(H5Fcreate(tmp.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, fapl), H5Fclose, "create " + tmp);
    Handle vtk = group(file, "VTKHDF");
    image_attributes(vtk, l, first, spacing, time, step);
    Handle points = group(vtk, "PointData");
    const hsize_t dims[3] = {hsize_t(l.size[2]), hsize_t(l.size[1]), hsize_t(l.size[0])};
    hsize_t start[3], count[3];  // stored dimension c runs along the box axis l.axis[2 - c]
    for (int c = 0; c < 3; ++c) {
      const int a = l.axis[2 - c];
      start[c] = piece.empty() ? 0 : hsize_t(piece.lo[a] - box.lo[a]);
      count[c] = piece.empty() ? 1 : hsize_t(piece.extent(a));
    }
    Handle transfer(H5Pcreate(H5P_DATASET_XFER), H5Pclose, "create a transfer list");
    check(H5Pset_dxpl_mpio(transfer, H5FD_MPIO_COLLECTIVE), "ask for a collective write");
    for (std::size_t i = 0; i < names.size(); ++i) {
      Handle space(H5Screate_simple(3, dims, nullptr), H5Sclose, "create dataspace for " + names[i]);
      Handle d(H5Dcreate2(points, names[i].c_str(), h5type<T>(), space, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT),
               H5Dclose, "create dataset " + names[i]);
      Handle memory(H5Screate_simple(3, count, nullptr), H5Sclose, "create memory dataspace");
      if (piece.empty()) {
        check(H5Sselect_none(space), "select nothing");
        check(H5Sselect_none(memory), "select nothing");
      } else {
        check(H5Sselect_hyperslab(space, H5S_SELECT_SET, start, nullptr, count, nullptr), "select this rank's piece");
      }
      check(H5Dwrite(d, h5type<T>(), memory, space, transfer, values[i].data()), "write " + names[i] + " to " + tmp);
    }
  }
  comm.barrier();  // every rank's piece is in the file before it gets its final name
  if (comm.root()) fs::rename(tmp, path);
}

}  // namespace

// One file per snapshot whatever the number of ranks: written collectively, except lines and
// points (whose stored layout repeats values), which are tiny and gathered to the root.
// <dir>/permittivity.hdf: eps of every component at its Yee position (real and imaginary
// part at the map's wavelength), cell-centred for ParaView, each rank writing its cells.
void Hdf5Output::permittivity(const PermittivityMap& mine, const Box& whole, const Box& piece, const Vec3& first) {
  std::vector<std::string> names;
  std::vector<std::vector<float>> values;
  for (int c = 0; c < 3; ++c)
    for (int part = 0; part < 2; ++part) {
      names.push_back(std::string("eps_") + "xyz"[c] + (part ? "_imag" : "_real"));
      values.emplace_back();
      for (const auto& e : mine.eps[c]) values.back().push_back(static_cast<float>(part ? e.imag() : e.real()));
    }
  const std::string path = dir_ + "/permittivity.hdf";
  if (comm_.parallel()) {
    write_image_collectively<float>(path, comm_, whole, piece, first, mine.grid.d, 0, 0, names, values);
    return;
  }
  std::vector<ImageArray> arrays;
  for (std::size_t i = 0; i < names.size(); ++i) arrays.push_back({names[i], values[i].data(), nullptr});
  const int n[3] = {whole.extent(0), whole.extent(1), whole.extent(2)};
  write_vtkhdf_image(path, n, first, mine.grid.d, arrays);
}

void Hdf5Output::snapshot(const FieldBlock& piece) {
  const std::string series = piece.monitor + "-" + component_name(piece.component);
  char step[32];
  std::snprintf(step, sizeof step, "%08lld", piece.step);
  const std::string file = series + "-" + step + ".hdf", path = dir_ + "/" + file;
  const int n[3] = {piece.box.extent(0), piece.box.extent(1), piece.box.extent(2)};
  // Written in the run's precision; float32 fields were widened to double on the way here.
  const std::vector<float> f32(piece.single_precision ? piece.values.begin() : piece.values.end(), piece.values.end());
  if (comm_.parallel() && !image_layout(n).repeated) {
    const std::vector<std::string> name{component_name(piece.component)};
    if (piece.single_precision)
      write_image_collectively<float>(path, comm_, piece.box, piece.piece, piece.first, piece.spacing, piece.time,
                                      piece.step, name, {f32});
    else
      write_image_collectively<double>(path, comm_, piece.box, piece.piece, piece.first, piece.spacing, piece.time,
                                       piece.step, name, {piece.values});
  } else {
    const std::vector<double> all = assemble(comm_, piece.box, piece.piece, piece.values);
    if (comm_.root()) {
      const std::vector<float> all32(piece.single_precision ? all.begin() : all.end(), all.end());
      const std::string name = component_name(piece.component);
      const ImageArray array = piece.single_precision ? ImageArray{name, all32.data(), nullptr}
                                                      : ImageArray{name, nullptr, all.data()};
      write_vtkhdf_image(path, n, piece.first, piece.spacing, {array}, piece.time, piece.step);
    }
  }
  if (!comm_.root()) return;
  series_[series].emplace_back(piece.time, file);
  write_time_series(series);
}

namespace {

// `s` with each character listed in `escapes` replaced by its escape sequence.
std::string escaped(const std::string& s, const std::map<char, std::string>& escapes) {
  std::string out;
  for (char c : s) {
    const auto e = escapes.find(c);
    out += e == escapes.end() ? std::string(1, c) : e->second;
  }
  return out;
}
const std::map<char, std::string> kXmlEscapes = {{'&', "&amp;"}, {'<', "&lt;"}, {'"', "&quot;"}};
const std::map<char, std::string> kJsonEscapes = {{'\\', "\\\\"}, {'"', "\\\""}};

// Enough digits that snapshots a step apart keep distinct times late in a long run.
std::string time_text(double t) {
  char b[32];
  std::snprintf(b, sizeof b, "%.12g", t);
  return b;
}

void write_text_atomically(const std::string& path, const std::string& text) {
  const std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp);
    out << text;
    if (!out) throw std::runtime_error("cannot write " + tmp);
  }
  fs::rename(tmp, path);
}

}  // namespace

// Two indexes of the same snapshots. ParaView 5.11 opens <series>.hdf.series (its file-series
// JSON, read with the reader of the .hdf extension) as a time series; its PVD reader picks
// XML readers by extension and returns no data for .hdf children. The .pvd is kept for
// readers that take any child file.
void Hdf5Output::write_time_series(const std::string& series) {
  std::string pvd = "<?xml version=\"1.0\"?>\n<VTKFile type=\"Collection\" version=\"0.1\">\n  <Collection>\n";
  std::string json = "{\"file-series-version\": \"1.0\", \"files\": [";
  const char* separator = "\n  ";
  for (const auto& [t, file] : series_[series]) {
    pvd += "    <DataSet timestep=\"" + time_text(t) + "\" file=\"" + escaped(file, kXmlEscapes) + "\"/>\n";
    json += separator + ("{\"name\": \"" + escaped(file, kJsonEscapes) + "\", \"time\": " + time_text(t) + "}");
    separator = ",\n  ";
  }
  pvd += "  </Collection>\n</VTKFile>\n";
  json += "\n]}\n";
  write_text_atomically(dir_ + "/" + series + ".pvd", pvd);
  write_text_atomically(dir_ + "/" + series + ".hdf.series", json);
}

namespace {

void write_frequency_axis(hid_t g, const std::vector<double>& freqs) {
  std::vector<double> lambda, thz;
  for (double fr : freqs) {
    lambda.push_back(1 / fr);
    thz.push_back(fr * c_um_per_s / 1e12);
  }
  dataset(g, "frequency", freqs, "1/um (c/lambda with c = 1)");
  dataset(g, "frequency_thz", thz, "THz");
  dataset(g, "wavelength", lambda, "um");
}

void complex_dataset(hid_t g, const std::string& name, const std::vector<std::complex<double>>& v,
                     const std::string& units) {
  std::vector<double> re, im;
  for (const auto& c : v) {
    re.push_back(c.real());
    im.push_back(c.imag());
  }
  dataset(g, name + "_re", re, units);
  dataset(g, name + "_im", im, units);
}

// mode_monitors/<name>/mode<m>/{neff, forward, backward}_{re,im} and, with a plane
// source, transmission and reflection: |amplitude|^2 over the launched flux.
void write_mode_spectra(hid_t file, const std::vector<ModeSpectrum>& spectra) {
  Handle top = group(file, "mode_monitors");
  for (const ModeSpectrum& s : spectra) {
    Handle g = group(top, s.name);
    write_frequency_axis(g, s.frequencies);
    if (!s.input_power.empty()) dataset(g, "input_power", s.input_power, "flux launched by the first mode source");
    for (std::size_t m = 0; m < s.forward.size(); ++m) {
      Handle gm = group(g, "mode" + std::to_string(m));
      complex_dataset(gm, "neff", s.neff[m], "effective index");
      complex_dataset(gm, "forward", s.forward[m], "amplitude, |a|^2 = flux (normalised units)");
      complex_dataset(gm, "backward", s.backward[m], "amplitude, |a|^2 = flux (normalised units)");
      if (s.input_power.empty()) continue;
      std::vector<double> t, r;
      for (std::size_t f = 0; f < s.frequencies.size(); ++f) {
        t.push_back(std::norm(s.forward[m][f]) / s.input_power[f]);
        r.push_back(std::norm(s.backward[m][f]) / s.input_power[f]);
      }
      dataset(gm, "transmission", t, "forward flux in the mode / launched flux");
      dataset(gm, "reflection", r, "backward flux in the mode / launched flux");
    }
  }
}

// resonances/<probe>-<Comp>: the harmonic inversion of a probe's record after the sources.
void write_resonances(hid_t file, const std::vector<ProbeResonances>& all) {
  if (all.empty()) return;
  Handle top = group(file, "resonances");
  for (const ProbeResonances& p : all) {
    Handle g = group(top, p.probe + "-" + component_name(p.component));
    attribute<double>(g, "window_frequency", {p.fmin, p.fmax});
    attribute<double>(g, "t0_um_per_c", {p.t0});
    attribute(g, "note", p.note.empty() ? std::string(" ") : p.note);
    std::vector<double> f, q, decay, error;
    std::vector<std::complex<double>> amplitude;
    for (const Resonance& x : p.resonances) {
      f.push_back(x.frequency);
      q.push_back(x.q);
      decay.push_back(x.decay);
      error.push_back(x.error);
      amplitude.push_back(x.amplitude);
    }
    dataset(g, "frequency", f, "1/um (c/lambda with c = 1)");
    dataset(g, "wavelength_um", wavelengths(f), "um");
    dataset(g, "Q", q, "pi f / decay (negative: growing)");
    dataset(g, "decay", decay, "1/(um/c): amplitude ~ exp(-decay t)");
    complex_dataset(g, "amplitude", amplitude,
                    "normalised field: the record is the sum over +f and -f of a exp(-i omega (t - t0)), "
                    "omega = 2 pi f - i decay");
    dataset(g, "error", error, "harminv's relative frequency error estimate");
  }
}

const char* const kAxisNames[3] = {"x", "y", "z"};

// The in-plane axes of a plane normal to `normal`: u = (normal + 1) % 3, v = (normal + 2) % 3.
void plane_axes(hid_t g, int normal) {
  attribute(g, "u_axis", std::string(kAxisNames[(normal + 1) % 3]));
  attribute(g, "v_axis", std::string(kAxisNames[(normal + 2) % 3]));
}

// flux/<name>/fibre/alignment: efficiency over focus offsets and tilts, best placement and
// 1-dB full widths through it.
void write_alignment(hid_t fibre, const FibreResult& r, int normal) {
  const AlignmentMap& a = r.alignment;
  Handle g = group(fibre, "alignment");
  plane_axes(g, normal);
  attribute<double>(g, "frequency", {r.scan_frequency});
  attribute<double>(g, "wavelength_um", {1 / r.scan_frequency});
  dataset(g, "offset_u", a.offsets_u, "um, fibre focus displacement along u_axis");
  dataset(g, "offset_v", a.offsets_v, "um, fibre focus displacement along v_axis");
  dataset(g, "tilt", a.tilts_deg, "deg, fibre tilt (its azimuth kept)");
  dataset(g, "efficiency_uv", {a.offsets_v.size(), a.offsets_u.size()}, a.efficiency_uv.data(),
          "coupled power / plane flux at the fibre's tilt, (offset_v, offset_u)");
  dataset(g, "efficiency_tilt", a.efficiency_tilt, "coupled power / plane flux at the best offset");
  attribute<double>(g, "best_offset_um", {a.best_u, a.best_v});
  attribute<double>(g, "best_tilt_deg", {a.best_tilt_deg});
  attribute<double>(g, "best_efficiency", {a.best_efficiency});
  attribute<double>(g, "one_db_window_u_um", {a.window_u.low, a.window_u.high});
  attribute<double>(g, "one_db_window_v_um", {a.window_v.low, a.window_v.high});
  attribute<double>(g, "one_db_window_tilt_deg", {a.window_tilt.low, a.window_tilt.high});
  attribute<double>(g, "one_db_full_width_um", {a.window_u.full_width(), a.window_v.full_width()});
  attribute<double>(g, "one_db_full_width_tilt_deg", {a.window_tilt.full_width()});
}

// flux/<name>/fibre: the coupling spectrum over the monitor's frequencies and the fibre as placed.
void write_fibre(hid_t flux, const FibreResult& r) {
  const CouplingSpectrum& c = r.coupling;
  const GaussianBeamSpec& b = r.fibre;
  Handle g = group(flux, "fibre");
  attribute<double>(g, "waist_um", {b.waist});
  attribute<double>(g, "focus_um", {b.focus.x, b.focus.y, b.focus.z});
  attribute(g, "axis", std::string(kAxisNames[b.axis]));
  attribute<long long>(g, "direction", {b.direction});
  attribute<double>(g, "tilt_deg", {b.tilt_deg});
  attribute<double>(g, "tilt_azimuth_deg", {b.tilt_azimuth_deg});
  attribute<double>(g, "polarization_deg", {b.polarization_deg});
  attribute<double>(g, "index", {b.index});
  dataset(g, "efficiency", c.efficiency, "coupled power / plane flux along the fibre");
  if (!c.efficiency_input.empty())
    dataset(g, "efficiency_input", c.efficiency_input, "coupled power / power launched by the first plane source");
  dataset(g, "coupled_power", c.coupled_power, "|a|^2, normalised units (as flux)");
  dataset(g, "plane_power", c.plane_power, "flux through the plane along the fibre, normalised units");
  dataset(g, "mode_captured", c.mode_captured, "fibre mode flux through the sampled plane / its full power");
  complex_dataset(g, "amplitude", c.amplitude, "fibre mode amplitude a, |a|^2 = coupled power");
  if (r.scanned) write_alignment(g, r, b.axis);
}

// flux/<name>/far_field: intensity over a grid of direction cosines, peak and power per frequency.
void write_far_field(hid_t flux, const FarFieldResult& r) {
  const FarField& ff = r.field;
  Handle g = group(flux, "far_field");
  plane_axes(g, r.normal);
  attribute<double>(g, "index", {r.spec.index});
  attribute<long long>(g, "side", {r.spec.side});
  attribute<long long>(g, "line", {ff.line ? 1 : 0});
  dataset(g, "su", ff.su, "direction cosine k_u / k of the grid's u samples (sin theta along a line)");
  dataset(g, "sv", ff.sv, "direction cosine k_v / k of the grid's v samples (sin theta along a line)");
  const char* per = ff.line ? "dP/dtheta per um of the invariant axis, normalised units per radian"
                            : "dP/dOmega, normalised units per steradian";
  dataset(g, "intensity", {ff.frequencies.size(), hsize_t(ff.nv), hsize_t(ff.nu)}, ff.intensity.data(), per);
  dataset(g, "weight", {hsize_t(ff.nv), hsize_t(ff.nu)}, ff.weight.data(),
          ff.line ? "rad, angle of each sample" : "sr, solid angle of each sample");
  std::vector<double> theta, phi, peak;
  for (const FarFieldPeak& p : r.peaks) {
    theta.push_back(p.theta_deg);
    phi.push_back(p.phi_deg);
    peak.push_back(p.intensity);
  }
  dataset(g, "peak_theta", theta, "deg from the outward normal");
  dataset(g, "peak_phi", phi, "deg, azimuth from u_axis towards v_axis");
  dataset(g, "peak_intensity", peak, per);
  dataset(g, "power", r.power, "far-field power over the grid, normalised units (as flux)");
  dataset(g, "plane_power", ff.plane_power, "flux through the plane towards side, normalised units");
}

}  // namespace

// fields/<monitor>-<Comp>/<step>: the snapshots of the run, as external links to the
// datasets of their VTKHDF files (h5py and h5dump follow them), with their times and steps.
namespace {
void write_field_links(hid_t file, const std::map<std::string, std::vector<std::pair<double, std::string>>>& all) {
  Handle fields = group(file, "fields");
  for (const auto& [series, entries] : all) {
    Handle g = group(fields, series);
    const std::string component = series.substr(series.rfind('-') + 1);
    std::vector<double> times;
    std::vector<long long> steps;
    for (const auto& [t, name] : entries) {
      const std::string step = name.substr(name.rfind('-') + 1, 8);
      check(H5Lcreate_external(name.c_str(), ("/VTKHDF/PointData/" + component).c_str(), g, step.c_str(), H5P_DEFAULT,
                               H5P_DEFAULT),
            "link " + name + " into fields/" + series);
      times.push_back(t);
      steps.push_back(std::stoll(step));
    }
    dataset(g, "time", times, "um/c, of each linked snapshot in the order of steps");
    dataset(g, "steps", steps, "the step of each snapshot; its link is named by the step, 8 digits");
  }
}
}  // namespace

void Hdf5Output::results(const RunResults& r) {
  if (!comm_.root()) return;  // every rank holds the same gathered results
  write_atomically(dir_ + "/results.h5", [&](hid_t f) {
    const RunSummary& s = r.summary;
    attribute(f, "producer", std::string("pfdtd"));
    attribute(f, "status", s.status);
    text_attribute(f, "scene", scene_text_);  // any length (a fixed-length one stops at 64 KiB)
    attribute(f, "length_unit", std::string("um"));
    attribute(f, "time_unit", std::string("um/c (1 um/c = 3.33564 fs)"));
    Handle sum = group(f, "summary");
    attribute<long long>(sum, "grid_cells", {s.n[0], s.n[1], s.n[2]});
    attribute<long long>(sum, "steps", {s.steps});
    attribute<double>(sum, "cell_size_um", {s.d});
    attribute<double>(sum, "origin_um", {s.origin.x, s.origin.y, s.origin.z});
    attribute<double>(sum, "dt_um_per_c", {s.dt});
    attribute<double>(sum, "simulated_time_um_per_c", {s.time});
    attribute<double>(sum, "wall_seconds", {s.wall_seconds});
    attribute<double>(sum, "mcells_per_second", {s.mcells_per_second});
    attribute(sum, "backend", s.backend);
    attribute(sum, "precision", s.precision);

    Handle probes = group(f, "probes");
    for (const ProbeSeries& p : r.probes) {
      const std::string name = p.name + "-" + component_name(p.component);
      Handle g = group(probes, name);
      std::vector<double> t(p.values.size());
      for (std::size_t n = 0; n < t.size(); ++n) t[n] = p.t0 + n * p.dt;
      dataset(g, "time", t, "um/c");
      dataset(g, "values", p.values, "normalised field (eps0 = mu0 = c = 1)");
      attribute<double>(g, "position_um", {p.point.x, p.point.y, p.point.z});
    }
    Handle flux = group(f, "flux");
    for (const FluxSpectrum& x : r.fluxes) {
      Handle g = group(flux, x.name);
      write_frequency_axis(g, x.frequencies);
      dataset(g, "flux", x.flux, "Re sum (E x H*).n dA, normalised units");
      if (!x.source_power.empty()) dataset(g, "source_power", x.source_power, "|S(f)|^2 of the first source");
      if (x.fibre) write_fibre(g, *x.fibre);
      if (x.far_field) write_far_field(g, *x.far_field);
    }
    write_dft_fields(f, r.dft_fields);
    write_mode_spectra(f, r.modes);
    write_resonances(f, r.resonances);
    write_field_links(f, series_);
  });
  for (const DftFieldData& m : r.dft_fields) write_dft_view(dir_ + "/" + m.name + ".dft.hdf", m);
}

}  // namespace pfdtd

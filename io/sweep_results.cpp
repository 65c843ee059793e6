// A sweep's results (io/sweep.hpp): the figures of merit read from a point's HDF5 outputs,
// the point's record done.json, and the table of all points (sweep.csv, sweep.h5).
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>
#include <sstream>

#include "io/hdf5_util.hpp"
#include "io/sweep.hpp"

namespace pfdtd {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kWavelengthTolerance = 1e-6;  // relative: {start, stop, count} rounding, not another sample

// ---------------------------------------------------------------------------------------
// Reading HDF5 outputs

class H5Reader {
 public:
  explicit H5Reader(const std::string& path)
      : path_(path), file_(open(path), H5Fclose, "open " + path) {}

  bool has(const std::string& object) const {
    std::string prefix;
    std::stringstream parts(object);
    for (std::string part; std::getline(parts, part, '/');) {
      prefix += "/" + part;
      if (H5Lexists(file_, prefix.c_str(), H5P_DEFAULT) <= 0) return false;
    }
    return true;
  }

  std::vector<double> doubles(const std::string& name) const {
    if (!has(name)) throw std::runtime_error(path_ + " has no dataset /" + name);
    h5::Handle d(H5Dopen2(file_, name.c_str(), H5P_DEFAULT), H5Dclose, "open " + name);
    h5::Handle space(H5Dget_space(d), H5Sclose, "read the shape of " + name);
    std::vector<double> v(static_cast<std::size_t>(H5Sget_simple_extent_npoints(space)));
    h5::check(H5Dread(d, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, v.data()), "read " + name);
    return v;
  }

  std::string root_text(const std::string& name) const {
    if (H5Aexists(file_, name.c_str()) <= 0) throw std::runtime_error(path_ + " has no attribute " + name);
    h5::Handle a(H5Aopen(file_, name.c_str(), H5P_DEFAULT), H5Aclose, "open attribute " + name + " of " + path_);
    h5::Handle type(H5Aget_type(a), H5Tclose, "read the type of " + name);
    if (H5Tis_variable_str(type) > 0) {
      char* s = nullptr;
      h5::Handle mem(H5Tget_native_type(type, H5T_DIR_ASCEND), H5Tclose, "read " + name);
      h5::check(H5Aread(a, mem, &s), "read " + name);
      const std::string out = s ? s : "";
      H5free_memory(s);
      return out;
    }
    std::string s(H5Tget_size(type), '\0');
    h5::check(H5Aread(a, type, s.data()), "read " + name);
    return s.substr(0, s.find('\0'));
  }

  const std::string& path() const { return path_; }

 private:
  static hid_t open(const std::string& path) {
    if (!std::filesystem::exists(path)) throw std::runtime_error(path + " does not exist (the run wrote no results)");
    return H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
  }
  std::string path_;
  h5::Handle file_;
};

// The index of `lambda` among a monitor's wavelengths.
std::size_t sample(const std::vector<double>& wavelengths, double lambda, const std::string& where) {
  std::string have;
  for (std::size_t k = 0; k < wavelengths.size(); ++k) {
    if (std::abs(wavelengths[k] - lambda) <= kWavelengthTolerance * lambda) return k;
    have += (k ? ", " : "") + exact_number(wavelengths[k]);
  }
  throw std::runtime_error(where + " has no sample at " + exact_number(lambda) + " um (it has " + have + ")");
}

double flux_figure(const SweepFigure& g, const H5Reader& r) {
  const std::string base = "flux/" + g.source;
  const std::size_t k = sample(r.doubles(base + "/wavelength"), g.wavelength, r.path() + " /" + base);
  const double flux = r.doubles(base + "/flux")[k];
  if (g.normalize == "none") return flux;
  if (g.normalize == "source_power") return flux / r.doubles(base + "/source_power")[k];
  const std::string other = "flux/" + g.normalize;
  const std::size_t j = sample(r.doubles(other + "/wavelength"), g.wavelength, r.path() + " /" + other);
  return flux / r.doubles(other + "/flux")[j];
}

double mode_figure(const SweepFigure& g, const H5Reader& r) {
  const std::string base = "mode_monitors/" + g.source;
  const std::size_t k = sample(r.doubles(base + "/wavelength"), g.wavelength, r.path() + " /" + base);
  const std::string dataset = g.quantity == "neff" ? "neff_re" : g.quantity;
  return r.doubles(base + "/mode" + std::to_string(g.mode) + "/" + dataset)[k];
}

double s_parameter_figure(const SweepFigure& g, const H5Reader& r) {
  std::vector<std::string> labels;
  std::stringstream ports(r.root_text("ports"));
  for (std::string label; std::getline(ports, label, ',');) labels.push_back(label);
  auto at = [&](const std::string& label) {
    for (std::size_t i = 0; i < labels.size(); ++i)
      if (labels[i] == label) return i;
    throw std::runtime_error(r.path() + " has no port '" + label + "'");
  };
  const std::size_t n = labels.size(), k = sample(r.doubles("wavelength"), g.wavelength, r.path());
  const std::size_t i = k * n * n + at(g.out_port) * n + at(g.in_port);
  const double re = r.doubles("S_re")[i], im = r.doubles("S_im")[i];
  return g.quantity == "phase" ? std::atan2(im, re) : re * re + im * im;
}

double resonance_figure(const SweepFigure& g, const H5Reader& r) {
  const std::string base = "resonances/" + g.source;
  const std::vector<double> wavelengths = r.doubles(base + "/wavelength_um");
  if (wavelengths.empty()) throw std::runtime_error(r.path() + " /" + base + ": no resonance found in the window");
  std::size_t best = 0;
  for (std::size_t k = 1; k < wavelengths.size(); ++k)
    if (std::abs(wavelengths[k] - g.wavelength) < std::abs(wavelengths[best] - g.wavelength)) best = k;
  return g.quantity == "Q" ? r.doubles(base + "/Q")[best] : wavelengths[best];
}

// ---------------------------------------------------------------------------------------
// Records and table text

std::string json_string(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += std::string("\\") + c;
    else if (c == '\n') out += "\\n";
    else if (static_cast<unsigned char>(c) < 0x20) out += ' ';
    else out += c;
  }
  return out + "\"";
}

std::string json_number(double v) { return std::isfinite(v) ? exact_number(v) : "null"; }

std::string json_object(const std::vector<std::string>& names, const std::vector<double>& values) {
  std::string s = "{";
  for (std::size_t i = 0; i < names.size(); ++i)
    s += (i ? ", " : "") + json_string(names[i]) + ": " + json_number(values[i]);
  return s + "}";
}

std::vector<std::string> parameter_names(const Sweep& s) {
  std::vector<std::string> v;
  for (const SweepParameter& p : s.parameters) v.push_back(p.name);
  return v;
}

std::vector<std::string> figure_names(const Sweep& s) {
  std::vector<std::string> v;
  for (const SweepFigure& g : s.figures) v.push_back(g.name);
  return v;
}

void write_text_atomically(const std::string& path, const std::string& text) {
  const std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out << text;
    out.flush();
    if (!out) throw std::runtime_error("cannot write " + tmp);
  }
  std::filesystem::rename(tmp, path);
}

std::vector<double> read_values(const YAML::Node& map, const std::vector<std::string>& names,
                                const std::string& file) {
  std::vector<double> v;
  for (const std::string& n : names) {
    const YAML::Node x = map[n];
    if (!x.IsDefined()) throw std::runtime_error(file + " has no value of '" + n + "': made by another sweep");
    v.push_back(x.IsNull() ? kNaN : x.as<double>());
  }
  return v;
}

// The CSV line of one point: index, status, parameters, figures (empty unless done), error.
std::string csv_row(int index, const std::vector<double>& values, const std::optional<PointRecord>& r,
                    std::size_t figures) {
  std::string row = std::to_string(index) + "," + (r ? r->status : "pending");
  for (double v : values) row += "," + exact_number(v);
  for (std::size_t i = 0; i < figures; ++i)
    row += "," + (r && r->status == "done" ? exact_number(r->figures[i]) : "");
  std::string error = r ? r->error : "";
  for (char& c : error) if (c == '\n') c = ' ';  // one row per line
  std::string quoted;
  for (char c : error) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
  return row + "," + (error.empty() ? "" : "\"" + quoted + "\"") + "\n";
}

// Fixed-length strings (h5py reads them as bytes).
void string_dataset(hid_t parent, const std::string& name, const std::vector<std::string>& v) {
  std::size_t width = 1;
  for (const std::string& s : v) width = std::max(width, s.size());
  std::vector<char> data(width * v.size(), '\0');
  for (std::size_t i = 0; i < v.size(); ++i) std::memcpy(data.data() + i * width, v[i].data(), v[i].size());
  h5::Handle type(H5Tcopy(H5T_C_S1), H5Tclose, "copy string type");
  h5::check(H5Tset_size(type, width), "size string type");
  const hsize_t n = v.size();
  h5::Handle space(H5Screate_simple(1, &n, nullptr), H5Sclose, "create dataspace for " + name);
  h5::Handle d(H5Dcreate2(parent, name.c_str(), type, space, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT), H5Dclose,
               "create dataset " + name);
  if (n > 0) h5::check(H5Dwrite(d, type, H5S_ALL, H5S_ALL, H5P_DEFAULT, data.data()), "write dataset " + name);
}

// An exclusive lock on a file for as long as the object lives (released by the kernel if
// the process dies, so a killed sweep leaves no stale lock).
class FileLock {
 public:
  explicit FileLock(const std::string& path) : fd_(::open(path.c_str(), O_CREAT | O_RDWR, 0644)) {
    if (fd_ < 0 || ::flock(fd_, LOCK_EX) != 0)
      throw std::runtime_error("cannot lock " + path + ": " + std::strerror(errno));
  }
  FileLock(const FileLock&) = delete;
  FileLock& operator=(const FileLock&) = delete;
  ~FileLock() { ::close(fd_); }

 private:
  int fd_;
};

struct Table {
  std::vector<std::optional<PointRecord>> records;
  SweepCounts counts;
};

Table read_table(const Sweep& sweep) {
  Table t;
  for (int i = 0; i < sweep.size(); ++i) {
    t.records.push_back(read_point_record(sweep, i));
    const auto& r = t.records.back();
    (!r ? t.counts.pending : r->status == "done" ? t.counts.done : t.counts.failed) += 1;
  }
  return t;
}

std::string table_csv(const Sweep& sweep, const Table& t) {
  std::string text = "index,status";
  for (const std::string& n : parameter_names(sweep)) text += "," + n;
  for (const std::string& n : figure_names(sweep)) text += "," + n;
  text += ",error\n";
  for (int i = 0; i < sweep.size(); ++i) text += csv_row(i, sweep.point_values(i), t.records[i], sweep.figures.size());
  return text;
}

void write_table_h5(const Sweep& sweep, const Table& t, const std::string& path) {
  const std::size_t n = t.records.size();
  std::vector<long long> index(n);
  std::vector<std::string> status(n), error(n);
  std::vector<double> wall(n, kNaN);
  for (std::size_t i = 0; i < n; ++i) {
    index[i] = static_cast<long long>(i);
    status[i] = t.records[i] ? t.records[i]->status : "pending";
    error[i] = t.records[i] ? t.records[i]->error : "";
    if (t.records[i]) wall[i] = t.records[i]->wall_seconds;
  }
  h5::write_atomically(path, [&](hid_t f) {
    h5::attribute(f, "producer", std::string("pfdtd sweep"));
    h5::attribute(f, "sweep", sweep.text);
    h5::text_attribute(f, "scene", sweep.scene_text);  // any length
    h5::dataset(f, "index", index);
    string_dataset(f, "status", status);
    string_dataset(f, "error", error);
    h5::dataset(f, "wall_seconds", wall, "s");
    h5::Handle params = h5::group(f, "parameters");
    for (std::size_t p = 0; p < sweep.parameters.size(); ++p) {
      std::vector<double> v(n);
      for (std::size_t i = 0; i < n; ++i) v[i] = sweep.point_values(static_cast<int>(i))[p];
      h5::dataset(params, sweep.parameters[p].name, v);
    }
    h5::Handle figures = h5::group(f, "figures");
    for (std::size_t g = 0; g < sweep.figures.size(); ++g) {
      std::vector<double> v(n, kNaN);
      for (std::size_t i = 0; i < n; ++i)
        if (t.records[i] && t.records[i]->status == "done") v[i] = t.records[i]->figures[g];
      h5::dataset(figures, sweep.figures[g].name, v);
    }
  });
}

}  // namespace

std::vector<double> read_figures(const Sweep& sweep, const std::string& point_dir) {
  std::vector<double> v;
  for (const SweepFigure& g : sweep.figures) {
    const bool s = g.kind == SweepFigure::Kind::s_parameter;
    const H5Reader r(point_dir + (s ? "/s_parameters.h5" : "/results.h5"));
    switch (g.kind) {
      case SweepFigure::Kind::flux: v.push_back(flux_figure(g, r)); break;
      case SweepFigure::Kind::mode: v.push_back(mode_figure(g, r)); break;
      case SweepFigure::Kind::s_parameter: v.push_back(s_parameter_figure(g, r)); break;
      case SweepFigure::Kind::resonance: v.push_back(resonance_figure(g, r)); break;
    }
  }
  return v;
}

std::string run_status(const std::string& point_dir) {
  try {
    return H5Reader(point_dir + "/results.h5").root_text("status");
  } catch (const std::exception&) {
    return "";  // no results written: the caller's message stands alone
  }
}

void write_point_record(const Sweep& sweep, const PointRecord& r) {
  std::vector<double> figures = r.figures;
  figures.resize(sweep.figures.size(), kNaN);
  std::string text = "{\n  \"index\": " + std::to_string(r.index) + ",\n  \"status\": " + json_string(r.status) +
                     ",\n  \"parameters\": " + json_object(parameter_names(sweep), r.values) +
                     ",\n  \"figures\": " + json_object(figure_names(sweep), figures) +
                     ",\n  \"error\": " + json_string(r.error) +
                     ",\n  \"wall_seconds\": " + json_number(r.wall_seconds) + "\n}\n";
  std::filesystem::create_directories(sweep.point_dir(r.index));
  write_text_atomically(sweep.point_dir(r.index) + "/done.json", text);
}

std::optional<PointRecord> read_point_record(const Sweep& sweep, int index) {
  const std::string path = sweep.point_dir(index) + "/done.json";
  if (!std::filesystem::exists(path)) return std::nullopt;
  YAML::Node root;
  try {
    root = YAML::LoadFile(path);  // JSON is YAML
  } catch (const YAML::Exception& e) {
    throw std::runtime_error(path + ": unreadable record (" + e.msg + "); remove it to run the point again");
  }
  PointRecord r;
  r.index = index;
  r.status = root["status"].as<std::string>("");
  r.values = read_values(root["parameters"], parameter_names(sweep), path);
  r.figures = read_values(root["figures"], figure_names(sweep), path);
  r.error = root["error"].as<std::string>("");
  r.wall_seconds = root["wall_seconds"].IsNull() ? kNaN : root["wall_seconds"].as<double>(kNaN);
  const std::vector<double> expected = sweep.point_values(index);
  for (std::size_t i = 0; i < expected.size(); ++i)
    if (r.values[i] != expected[i])
      throw std::runtime_error(path + " was made with " + sweep.parameters[i].name + " = " + exact_number(r.values[i]) +
                               ", but this sweep's point " + std::to_string(index) + " has " +
                               exact_number(expected[i]) + ": use another output folder for a changed sweep");
  return r;
}

SweepCounts write_sweep_table(const Sweep& sweep) {
  std::filesystem::create_directories(sweep.output_dir);
  const FileLock lock(sweep.output_dir + "/.table.lock");
  const Table t = read_table(sweep);
  write_text_atomically(sweep.output_dir + "/sweep.csv", table_csv(sweep, t));
  write_table_h5(sweep, t, sweep.output_dir + "/sweep.h5");
  return t.counts;
}

}  // namespace pfdtd

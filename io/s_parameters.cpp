#include "io/s_parameters.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <numeric>
#include <sstream>
#include <stdexcept>

#include "io/hdf5_util.hpp"

namespace pfdtd {

namespace {

constexpr double c_um_per_s = 299792458e6;

void write_text_atomically(const std::string& path, const std::string& text) {
  const std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp);
    out << text;
    out.flush();
    if (!out) {
      std::error_code ignored;
      std::filesystem::remove(tmp, ignored);
      throw std::runtime_error("cannot write " + path + " (disk full?)");
    }
  }
  std::filesystem::rename(tmp, path);
}

std::complex<double> or_zero(std::complex<double> v) { return std::isnan(v.real()) ? 0.0 : v; }

// Frequency indices in ascending order (Touchstone requires it; wavelength lists descend).
std::vector<std::size_t> ascending(const std::vector<double>& f) {
  std::vector<std::size_t> idx(f.size());
  std::iota(idx.begin(), idx.end(), 0);
  std::sort(idx.begin(), idx.end(), [&](std::size_t a, std::size_t b) { return f[a] < f[b]; });
  return idx;
}

std::string csv(const SMatrix& m) {
  std::ostringstream o;
  o.precision(10);
  const std::size_t n = m.labels.size();
  o << "wavelength_um,frequency_thz";
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = 0; j < n; ++j)
      o << ",|S(" << m.labels[i] << "<-" << m.labels[j] << ")|^2,phase(" << m.labels[i] << "<-" << m.labels[j]
        << ")_rad";
  o << "\n";
  for (std::size_t f = 0; f < m.frequencies.size(); ++f) {
    o << 1 / m.frequencies[f] << "," << m.frequencies[f] * c_um_per_s / 1e12;
    for (std::size_t i = 0; i < n; ++i)
      for (std::size_t j = 0; j < n; ++j) {
        const std::complex<double> s = m.at(f, i, j);
        o << "," << std::norm(s) << "," << std::arg(s);
      }
    o << "\n";
  }
  return o.str();
}

}  // namespace

std::string touchstone(const SMatrix& m, const std::string& comment) {
  std::ostringstream o;
  o.precision(10);
  const std::size_t n = m.labels.size();
  o << "! " << comment << "\n! ports:";
  for (std::size_t i = 0; i < n; ++i) o << " " << i + 1 << "=" << m.labels[i];
  o << "\n! entries of ports not excited are written as 0\n# GHZ S RI R 50\n";
  for (std::size_t f : ascending(m.frequencies)) {
    o << m.frequencies[f] * c_um_per_s / 1e9;
    auto pair = [&](std::size_t i, std::size_t j) {
      const std::complex<double> s = or_zero(m.at(f, i, j));
      o << " " << s.real() << " " << s.imag();
    };
    if (n == 2) {  // the 2-port exception of the format: S11 S21 S12 S22 on one line
      pair(0, 0), pair(1, 0), pair(0, 1), pair(1, 1);
      o << "\n";
      continue;
    }
    for (std::size_t i = 0; i < n; ++i) {  // one matrix row per line, at most 4 pairs a line
      for (std::size_t j = 0; j < n; ++j) {
        if (j > 0 && j % 4 == 0) o << "\n";
        pair(i, j);
      }
      o << "\n";
    }
  }
  return o.str();
}

std::vector<std::string> write_s_parameters(const SMatrix& m, const std::string& dir, const std::string& stem,
                                            const std::string& scene_text) {
  std::filesystem::create_directories(dir);
  const std::size_t n = m.labels.size(), nf = m.frequencies.size();
  const std::string h5 = dir + "/s_parameters.h5";
  h5::write_atomically(h5, [&](hid_t file) {
    h5::attribute(file, "producer", std::string("pfdtd"));
    h5::text_attribute(file, "scene", scene_text);  // any length
    std::string labels;
    for (const std::string& l : m.labels) labels += (labels.empty() ? "" : ",") + l;
    h5::attribute(file, "ports", labels);
    std::vector<double> lambda, re, im;
    for (double f : m.frequencies) lambda.push_back(1 / f);
    for (const auto& s : m.s) re.push_back(s.real()), im.push_back(s.imag());
    h5::dataset(file, "frequency", m.frequencies, "1/um (c/lambda with c = 1)");
    h5::dataset(file, "wavelength", lambda, "um");
    h5::dataset(file, "S_re", {nf, n, n}, re.data(), "[frequency][out port][in port]; NaN: in port not excited");
    h5::dataset(file, "S_im", {nf, n, n}, im.data(), "[frequency][out port][in port]; NaN: in port not excited");
  });
  const std::string csv_path = dir + "/s_parameters.csv";
  write_text_atomically(csv_path, csv(m));
  const std::string ts = dir + "/" + stem + ".s" + std::to_string(n) + "p";
  write_text_atomically(ts, touchstone(m, "pfdtd S-parameters of " + stem));
  return {h5, csv_path, ts};
}

}  // namespace pfdtd

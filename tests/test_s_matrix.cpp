// S-parameters over ports (issue 4): a straight guide passes all power with the phase of
// its discrete propagation constant and reflects nothing; a width step is reciprocal and
// loses no power it does not radiate; the Touchstone file orders entries as the format says.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <sstream>

#include "io/s_parameters.hpp"
#include "scenes.hpp"
#include "solver/s_matrix.hpp"

namespace pfdtd {
namespace {

constexpr double kCore = 3.48 * 3.48, kClad = 1.444 * 1.444;

// A 2D (z-invariant) slab guide along x, `w_left` wide for x < 0 and `w_right` for x > 0,
// ports a (x = -1.2, looking +x) and b (x = +1.2, looking -x), 1.5-1.6 um.
Scene guide(double w_left, double w_right) {
  Scene s;
  s.materials = {Material{"clad", kClad, 0.0}, Material{"core", kCore, 0.0}};
  s.domain.dims = 2;
  s.domain.size = {3.6, 3.0, 0};
  s.domain.resolution = 40;
  s.shapes.push_back(make_box(1, {-1.0, 0, 0}, {2.0, w_left, 1e3}));
  s.shapes.push_back(make_box(1, {1.0, 0, 0}, {2.0, w_right, 1e3}));
  s.ports = {PortSpec{"a", {-1.2, 0, 0}, {0, 3.0, 0}, +1, 1, {}}, PortSpec{"b", {1.2, 0, 0}, {0, 3.0, 0}, -1, 1, {}}};
  for (double l : testing::linspace(1.5, 1.6, 5)) s.s_parameters.frequencies.push_back(1 / l);
  s.run.time = 120;
  return s;
}

TEST(SMatrix, StraightGuideTransmitsWithItsPropagationPhase) {
  Scene s = guide(0.3, 0.3);
  s.s_parameters.excite = {"a"};
  const SMatrix m = run_s_matrix<double>(s, {});
  const Grid g = grid_of(s);
  const int cells = static_cast<int>(std::lround(2.4 / g.d));
  for (std::size_t f = 0; f < m.frequencies.size(); ++f) {
    const auto s21 = m.at(f, 1, 0), s11 = m.at(f, 0, 0);
    // The phase the mode picks up between the port planes, from the mode solver's beta.
    const ModePlane plane = ModePlane::from_region(g, {0, 0, 0}, {0, 3.0, 0});
    ModeSolverOptions opt;
    opt.dt = g.dt;
    const Mode mode = solve_modes(s, g, plane, m.frequencies[f], opt).front();
    const double phase = std::arg(s21 * std::exp(std::complex<double>(0, -1) * mode.neff * 6.283185307179586 *
                                                  m.frequencies[f] * (cells * g.d)));
    std::printf("lambda %.3f: |S21|^2 %.5f, |S11|^2 %.1f dB, phase error %.2e rad\n", 1 / m.frequencies[f],
                std::norm(s21), 10 * std::log10(std::norm(s11)), phase);
    EXPECT_NEAR(std::norm(s21), 1.0, 5e-3);  // the 0.5 % on launched power
    EXPECT_LT(10 * std::log10(std::norm(s11)), -30.0);
    EXPECT_LT(std::abs(phase), 1e-2);  // the port planes are exactly 2.4 um apart on the grid
    EXPECT_TRUE(std::isnan(m.at(f, 0, 1).real()));  // port b was not excited
  }
}

TEST(SMatrix, WidthStepIsReciprocalAndConservesPower) {
  const SMatrix m = run_s_matrix<double>(guide(0.3, 0.6), {});
  for (std::size_t f = 0; f < m.frequencies.size(); ++f) {
    const auto s21 = m.at(f, 1, 0), s12 = m.at(f, 0, 1);
    const double out_a = std::norm(m.at(f, 0, 0)) + std::norm(s21);
    std::printf("lambda %.3f: |S21|^2 %.5f, |S12|^2 %.5f, |S21 - S12| %.2e, |S11|^2 + |S21|^2 %.5f\n",
                1 / m.frequencies[f], std::norm(s21), std::norm(s12), std::abs(s21 - s12), out_a);
    // Lorentz reciprocity of the discrete (reciprocal) medium: S21 = S12 in amplitude and
    // phase. The step radiates a little, so what the ports see is below 1, but not by much.
    EXPECT_LT(std::abs(s21 - s12), 5e-3 * std::abs(s21));
    EXPECT_LT(out_a, 1.0 + 5e-3);
    EXPECT_GT(out_a, 0.9);
  }
}

TEST(SMatrix, TouchstoneOrdersTwoPortsAsS11S21S12S22) {
  SMatrix m;
  m.labels = {"in", "out"};
  m.frequencies = {1 / 1.5, 1 / 1.6};  // descending in frequency: written ascending
  for (std::size_t f = 0; f < 2; ++f)
    for (int i = 0; i < 2; ++i)
      for (int j = 0; j < 2; ++j) m.s.push_back({10.0 * (i + 1) + (j + 1), static_cast<double>(f)});
  std::istringstream text(touchstone(m, "test"));
  std::string line;
  std::vector<std::vector<double>> rows;
  while (std::getline(text, line)) {
    if (line.empty() || line[0] == '!' || line[0] == '#') continue;
    std::istringstream in(line);
    rows.emplace_back();
    for (double v; in >> v;) rows.back().push_back(v);
  }
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_NEAR(rows[0][0], 299792458e6 / 1.6 / 1e9, 1e-3);  // GHz, ascending
  const std::vector<double> expect = {11, 1, 21, 1, 12, 1, 22, 1};  // S11 S21 S12 S22 of the 1.6 um entry
  for (std::size_t k = 0; k < expect.size(); ++k) EXPECT_EQ(rows[0][1 + k], expect[k]);
}

}  // namespace
}  // namespace pfdtd

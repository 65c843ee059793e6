// Mirror symmetry planes (solver/symmetry.hpp): a run on the half (quarter) of the grid
// above the centre plane(s) reproduces the full run. The kept cells are exactly the full
// grid's, so the two runs perform the same arithmetic on them up to the order of a few
// sums: flux spectra, probe series (also at points in the removed half, read from their
// images) and the field energy agree to round-off. The brief's acceptance bound is 1e-4
// relative; in double precision the differences are ~1e-12, so 1e-4 leaves no room for a
// wrong sign (an error of order 1) or a missing or doubled plane of cells (an error of
// order one cell out of the plane's, >= 1e-2 here).
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <stdexcept>
#include <string>

#include "io/scene_yaml.hpp"
#include "scenes.hpp"
#include "solver/simulation.hpp"

using namespace pfdtd;
using namespace pfdtd::testing;

namespace {

constexpr double kMatch = 1e-4;  // acceptance: symmetric run vs full run, relative

// Keeps the snapshots a run writes.
struct Snapshots : OutputSink {
  std::vector<FieldBlock> blocks;
  void snapshot(const FieldBlock& b) override { blocks.push_back(b); }
  void results(const RunResults&) override {}
};

struct Outcome {
  std::vector<FieldBlock> snapshots;
  long long cells = 0;
  double seconds = 0;
  std::vector<FluxSpectrum> fluxes;
  std::vector<ProbeSeries> probes;
  double energy = 0;
};

template <class Real = double>
Outcome run(Scene s, std::array<int, 3> mirror) {
  s.domain.mirror = mirror;
  Simulation<Real> sim(s);
  const auto start = std::chrono::steady_clock::now();
  Snapshots sink;
  const RunResults r = sim.run(&sink);
  Outcome o;
  o.snapshots = sink.blocks;
  o.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  o.cells = sim.grid().cells();
  o.fluxes = r.fluxes;
  o.probes = r.probes;
  o.energy = sim.energy();
  return o;
}

// Largest difference over largest magnitude of the reference.
double relative_difference(const std::vector<double>& a, const std::vector<double>& ref) {
  EXPECT_EQ(a.size(), ref.size());
  double diff = 0, peak = 0;
  for (std::size_t n = 0; n < std::min(a.size(), ref.size()); ++n) {
    diff = std::max(diff, std::abs(a[n] - ref[n]));
    peak = std::max(peak, std::abs(ref[n]));
  }
  EXPECT_GT(peak, 0.0) << "the reference is zero: the comparison would prove nothing";
  return diff / peak;
}

void expect_same(const Outcome& sym, const Outcome& full, const char* label) {
  ASSERT_EQ(sym.fluxes.size(), full.fluxes.size());
  ASSERT_EQ(sym.probes.size(), full.probes.size());
  for (std::size_t m = 0; m < full.fluxes.size(); ++m) {
    const double e = relative_difference(sym.fluxes[m].flux, full.fluxes[m].flux);
    std::printf("%s: flux '%s' differs by %.1e\n", label, full.fluxes[m].name.c_str(), e);
    EXPECT_LT(e, kMatch) << full.fluxes[m].name;
  }
  for (std::size_t m = 0; m < full.probes.size(); ++m) {
    const ProbeSeries &a = sym.probes[m], &b = full.probes[m];
    for (int ax = 0; ax < 3; ++ax) EXPECT_NEAR(a.point[ax], b.point[ax], 1e-9) << "probe position";
    const double e = relative_difference(a.values, b.values);
    std::printf("%s: probe '%s' %s differs by %.1e\n", label, b.name.c_str(), component_name(b.component), e);
    EXPECT_LT(e, kMatch) << b.name;
  }
  ASSERT_EQ(sym.snapshots.size(), full.snapshots.size());
  for (std::size_t m = 0; m < full.snapshots.size(); ++m) {
    const FieldBlock &a = sym.snapshots[m], &b = full.snapshots[m];
    for (int ax = 0; ax < 3; ++ax) {
      EXPECT_EQ(a.box.extent(ax), b.box.extent(ax)) << "snapshot extent";
      EXPECT_NEAR(a.first[ax], b.first[ax], 1e-9) << "snapshot origin";
    }
    const double e = relative_difference(a.values, b.values);
    if (m + 1 == full.snapshots.size()) std::printf("%s: last snapshot differs by %.1e\n", label, e);
    EXPECT_LT(e, kMatch) << "snapshot at step " << b.step;
  }
  const double e = std::abs(sym.energy - full.energy) / full.energy;
  std::printf("%s: energy differs by %.1e; %lld cells in %.2f s (full: %lld cells in %.2f s)\n", label, e,
              sym.cells, sym.seconds, full.cells, full.seconds);
  EXPECT_LT(e, kMatch);
}

FluxSpec plane(const std::string& name, Vec3 center, Vec3 size) {
  return FluxSpec{name, center, size, +1, linspace(0.55, 0.75, 5)};
}

// A silicon strip (0.5 x 0.22 um) along x in symmetric oxide cladding, driven by an E_y sheet
// over the core's cross-section: the TE-like family, odd (phase -1) under the y mirror
// since E_y is normal to it, even (+1) under the z mirror.
Scene strip_waveguide() {
  Scene s;
  s.materials = {Material{"sio2", 2.085, 0.0}, Material{"si", 12.11, 0.0}};
  s.domain.size = {3.0, 1.6, 1.2};
  s.domain.resolution = 20;
  for (auto& axis : s.domain.boundary)
    for (auto& b : axis) b.pml.cells = 8;
  s.shapes.push_back(make_box(1, {0, 0, 0}, {1e3, 0.5, 0.22}));
  SourceSpec src;
  src.name = "te";
  src.component = Component::Ey;
  src.center = {-0.8, 0, 0};
  src.size = {0, 0.4, 0.2};
  src.time.frequency = 0.65;
  src.time.fwidth = 0.15;
  s.sources.push_back(src);
  s.fluxes = {plane("through", {0.8, 0, 0}, {0, 1e3, 1e3}),     // crosses both planes
              plane("below", {0, -0.45, 0}, {1.2, 0, 0.6}),    // in the removed half of y
              plane("half", {0.3, 0.3, 0.2}, {0, 0.4, 0.3})};  // kept part only
  s.probes = {ProbeSpec{"removed", {Component::Ey, Component::Hz}, {0.52, -0.11, -0.06}},
              ProbeSpec{"kept", {Component::Ex}, {0.2, 0.15, 0.1}}};
  s.run.time = 12;
  return s;
}

// A 2D dielectric block (eps 4) around a source centred at the origin, for both polarisation
// families: an E_z line (tangential to both planes: even, even) and an H_z sheet (H
// tangential: odd, odd). H_z sits half a cell off both planes, so its source is given an
// extent that covers whole cells symmetrically in the full run too.
Scene block_2d(Component c, Vec3 source_size = {0, 0, 0}) {
  Scene s;
  s.materials = {Material{"vacuum", 1.0, 0.0}, Material{"block", 4.0, 0.0}};
  s.domain.dims = 2;
  s.domain.size = {3.0, 2.4, 0};
  s.domain.resolution = 20;
  s.shapes.push_back(make_box(1, {0, 0, 0}, {1.0, 0.6, 1e30}));
  SourceSpec src;
  src.component = c;
  src.size = source_size;
  s.sources.push_back(src);
  s.fluxes = {plane("right", {0.9, 0, 0}, {0, 1e3, 0}), plane("low", {0, -0.8, 0}, {1e3, 0, 0})};
  s.probes = {ProbeSpec{"corner", {c}, {-0.4, -0.35, 0}}};
  s.snapshots = {SnapshotSpec{"all", {c}, {0, 0, 0}, {1e3, 1e3, 0}, 200}};
  s.run.time = 20;
  return s;
}

}  // namespace

TEST(Symmetry, StripWaveguideHalfAndQuarterMatchFullRun) {
  const Scene s = strip_waveguide();
  const Outcome full = run(s, {0, 0, 0});
  const Outcome half = run(s, {0, -1, 0}), quarter = run(s, {0, -1, +1});
  EXPECT_EQ(2 * half.cells, full.cells);
  EXPECT_EQ(4 * quarter.cells, full.cells);
  expect_same(half, full, "strip, y odd");
  expect_same(quarter, full, "strip, y odd + z even");
}

// The default float32 fields: round-off is now ~1e-7 per operation, still far below 1e-4.
TEST(Symmetry, StripWaveguideQuarterMatchesFullRunInFloat) {
  const Scene s = strip_waveguide();
  expect_same(run<float>(s, {0, -1, +1}), run<float>(s, {0, 0, 0}), "float32 strip, y odd + z even");
}

TEST(Symmetry, TwoDimensionalBothFamiliesQuarterMatchFullRun) {
  const Outcome ez_full = run(block_2d(Component::Ez), {0, 0, 0});
  const Outcome ez = run(block_2d(Component::Ez), {+1, +1, 0});
  EXPECT_EQ(4 * ez.cells, ez_full.cells);
  expect_same(ez, ez_full, "2D Ez, x even + y even");
  const Scene hz_scene = block_2d(Component::Hz, {0.2, 0.2, 0});
  const Outcome hz_full = run(hz_scene, {0, 0, 0}), hz = run(hz_scene, {-1, -1, 0});
  expect_same(hz, hz_full, "2D Hz, x odd + y odd");
}

// A point dipole normal to a mirror plane sits half-way between two E_x layers: the
// symmetric run spreads it over the two half-cells either side (half the moment each),
// which is what a full run with a one-cell-long line source of the same moment does.
TEST(Symmetry, PointDipoleNormalToPlaneIsSplitAcrossIt) {
  Scene s = block_2d(Component::Ex);
  const double d = 1 / s.domain.resolution;
  Scene full = s;
  full.sources[0].size = {d, 0, 0};  // E_x at x = -d/2 and +d/2, current per unit length
  full.sources[0].amplitude = 1 / (2 * d);
  expect_same(run(s, {-1, +1, 0}), run(full, {0, 0, 0}), "2D Ex point on the x plane");
}

// The wrong parity is refused, not silently simulated.
TEST(Symmetry, IncompatibleSourcesAndGridsAreRefused) {
  auto message = [](Scene s, std::array<int, 3> mirror) -> std::string {
    s.domain.mirror = mirror;
    try {
      Simulation<float> sim(s);
    } catch (const std::invalid_argument& e) {
      return e.what();
    }
    return "";
  };
  const Scene ez = block_2d(Component::Ez);
  EXPECT_NE(message(ez, {-1, 0, 0}).find("use symmetry x: even"), std::string::npos) << message(ez, {-1, 0, 0});
  EXPECT_NE(message(ez, {0, -1, 0}).find("use symmetry y: even"), std::string::npos);
  Scene off = ez;
  off.sources[0].center = {0.3, 0, 0};
  EXPECT_NE(message(off, {+1, 0, 0}).find("off the x mirror plane"), std::string::npos);
  Scene odd_cells = ez;
  odd_cells.domain.size.x = 3.05;  // 61 cells
  EXPECT_NE(message(odd_cells, {+1, 0, 0}).find("an even count is needed"), std::string::npos);
  Scene periodic = ez;
  for (auto& b : periodic.domain.boundary[1]) b.kind = BoundaryKind::periodic;
  EXPECT_NE(message(periodic, {0, +1, 0}).find("periodic"), std::string::npos);
  EXPECT_NE(message(ez, {0, 0, +1}).find("2D"), std::string::npos);
}

// The scene file states the symmetry in the domain section; conflicts point at it.
TEST(Symmetry, SceneFileSymmetryIsReadAndChecked) {
  auto scene = [](const std::string& domain, const std::string& boundaries = "all: pml") {
    return "domain:\n  size: [2, 1.6, 1.2]\n  resolution: 10\n" + domain + "\nboundaries: {" + boundaries + ", pml: {cells: 4}}\n";
  };
  auto error = [](const std::string& text) -> std::string {
    try {
      parse_scene(text, "scene.yaml");
    } catch (const SceneError& e) {
      return e.what();
    }
    return "";
  };
  const Scene s = parse_scene(scene("  symmetry: {y: odd, z: even}"), "scene.yaml");
  EXPECT_EQ(s.domain.mirror, (std::array<int, 3>{0, -1, +1}));
  const std::string wrong_word = error(scene("  symmetry: {y: odd, z: symmetric}"));
  EXPECT_NE(wrong_word.find("scene.yaml:4"), std::string::npos) << wrong_word;
  EXPECT_NE(wrong_word.find("even, odd"), std::string::npos) << wrong_word;
  const std::string odd_cells = error("domain:\n  size: [2.1, 1.6, 1.2]\n  resolution: 10\n  symmetry: {x: even}\n");
  EXPECT_NE(odd_cells.find("21 cells"), std::string::npos) << odd_cells;
  const std::string periodic = error(scene("  symmetry: {y: even}", "y: periodic"));
  EXPECT_NE(periodic.find("periodic"), std::string::npos) << periodic;
  const std::string two_d = error("domain:\n  size: [2, 1.6, 0]\n  resolution: 10\n  dims: 2\n  symmetry: {z: even}\n");
  EXPECT_NE(two_d.find("2D"), std::string::npos) << two_d;
}

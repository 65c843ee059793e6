// DFT field monitors (dft_fields).
//
// 1. Bookkeeping: at a point, the monitor's running DFT equals a DFT taken afterwards of a
//    probe's time series at the same Yee position (E sampled at t_{n+1}, H at t_{n+1/2}), to
//    round-off. A half-step slip between E and H changes the phase by w dt / 2 = 0.06-0.13 here.
// 2. Physics: a line current I(t) = A s(t) along z in 2D vacuum radiates
//      Ez(r, f) = -(w / 4) A S(f) H0^(1)(k r),   w = k = 2 pi f (c = 1),
//    since (lap + k^2) Ez = -i w Jz for exp(-i w t) fields and the outgoing 2D Green's function
//    of (lap + k^2) G = -delta is (i/4) H0^(1)(k r) (Chew, "Waves and Fields in Inhomogeneous
//    Media", IEEE Press 1995, ch. 2),
//    with S(f) the spectrum of the samples the stepper applied (SourceTime::spectrum).
//    Tolerance 1 %: the Yee grid's phase error along an axis, (k d)^2 (1 - S^2) / 24 * k r,
//    is 6.8e-3 rad at the band edge (f = 1.2/um, 33 cells per wavelength, r = 1.2 um); the
//    test measures 6.8e-3, and 1.7e-3 at twice the resolution (second order, as the grid).
//    At 10 cells per wavelength the phase error would be 7 %. The cell-centred view
//    averages 2 x 2 nodes, which adds up to (k d)^2 / 8 = 0.4 %: tolerance 1.5 % there.
// 3. A plane of DFT fields gives the flux monitor's flux on the same plane to round-off.
#include <gtest/gtest.h>

#include <cmath>
#include <complex>
#include <cstdio>
#include <tuple>

#include "scenes.hpp"
#include "solver/simulation.hpp"

using namespace pfdtd;
using namespace pfdtd::testing;

namespace {

using cplx = std::complex<double>;

// A 2D vacuum square of side `size` um with point sources at the origin.
Scene vacuum_2d(double size, double res, const std::vector<Component>& sources) {
  Scene s;
  s.materials.push_back(Material{"vacuum", 1.0, 0.0});
  s.domain.dims = 2;
  s.domain.size = {size, size, 0};
  s.domain.resolution = res;
  for (auto& b : s.domain.boundary[2]) b.kind = BoundaryKind::periodic;
  for (Component c : sources) {
    SourceSpec src;
    src.component = c;
    src.time.frequency = 1.0;
    src.time.fwidth = 0.2;
    s.sources.push_back(src);
  }
  return s;
}

const DftComponent& component_of(const DftFieldData& d, Component c) {
  for (const DftComponent& y : d.yee)
    if (y.component == c) return y;
  throw std::out_of_range("no such component");
}

// The DFT value of `y` at grid index p for frequency n.
cplx at(const DftComponent& y, int n, Index3 p) {
  const Box& b = y.box;
  EXPECT_TRUE(b.contains(p));
  const long long q = (p.i - b.lo.i) + b.extent(0) * ((p.j - b.lo.j) + 1LL * b.extent(1) * (p.k - b.lo.k));
  return y.values[n * b.cells() + q];
}

// Index of the Yee sample of component c nearest to point x.
Index3 index_near(const Grid& g, Component c, const Vec3& x) { return g.region(c, x, Vec3{0, 0, 0}).lo; }

cplx hankel1_0(double x) { return {std::cyl_bessel_j(0.0, x), std::cyl_neumann(0.0, x)}; }

cplx green_ez(double f, cplx source_spectrum, double r) {
  const double w = 2 * pi * f;
  return -(w / 4) * source_spectrum * hankel1_0(w * r);
}

TEST(DftFields, PointMonitorEqualsDftOfProbeSeries) {
  Scene s = vacuum_2d(3.0, 20, {Component::Ez, Component::Hz});
  const std::vector<Component> comps = {Component::Ez, Component::Hx, Component::Hy,
                                        Component::Ex, Component::Ey, Component::Hz};
  const Vec3 point{0.55, 0.3, 0};
  const std::vector<double> freqs = {0.8, 1.0, 1.2};
  s.probes.push_back(ProbeSpec{"p", comps, point});
  s.dft_fields.push_back(DftFieldSpec{"d", point, {0, 0, 0}, comps, freqs});
  s.run.time = 15;
  Simulation<double> sim(s);
  const RunResults r = sim.run(nullptr);
  double worst = 0;
  for (const ProbeSeries& p : r.probes) {
    const DftComponent& y = component_of(r.dft_fields.at(0), p.component);
    const Index3 idx = index_near(sim.grid(), p.component, p.point);
    for (std::size_t n = 0; n < freqs.size(); ++n) {
      const cplx expected = dtft(p, freqs[n]), got = at(y, static_cast<int>(n), idx);
      const double err = std::abs(got - expected) / std::abs(expected);
      worst = std::max(worst, err);
      EXPECT_LT(err, 1e-12) << component_name(p.component) << " f " << freqs[n];
    }
  }
  std::printf("point DFT vs DFT of the probe series: largest relative difference %.1e\n", worst);
}

TEST(DftFields, LineSourceMatchesGreensFunction) {
  const double res = 40;
  Scene s = vacuum_2d(5.0, res, {Component::Ez});
  s.sources[0].amplitude = 2.0;
  const std::vector<double> freqs = {0.8, 0.9, 1.0, 1.1, 1.2};
  const std::vector<Vec3> points = {{1.0, 0, 0}, {0.7, 0.7, 0}, {0, -1.2, 0}};
  for (std::size_t p = 0; p < points.size(); ++p)
    s.dft_fields.push_back(DftFieldSpec{"p" + std::to_string(p), points[p], {0, 0, 0}, {Component::Ez}, freqs});
  s.run.time = 45;
  Simulation<double> sim(s);
  const RunResults r = sim.run(nullptr);
  const Grid& g = sim.grid();
  const SourceTime src(s.sources[0].time);
  const std::vector<cplx> S = src.spectrum(freqs, 0.5 * g.dt, g.dt, sim.steps_taken());
  const Index3 s0 = index_near(g, Component::Ez, {0, 0, 0});
  const Vec3 source = g.position(Component::Ez, s0.i, s0.j, s0.k);
  double worst_yee = 0, worst_centre = 0;
  for (std::size_t p = 0; p < points.size(); ++p) {
    const DftFieldData& d = r.dft_fields.at(p);
    const Index3 idx = index_near(g, Component::Ez, points[p]);
    const double r_yee = norm(g.position(Component::Ez, idx.i, idx.j, idx.k) - source);
    Vec3 centre = d.first_centre;
    centre.z = source.z;
    const double r_centre = norm(centre - source);
    for (std::size_t n = 0; n < freqs.size(); ++n) {
      const cplx yee = at(d.yee.at(0), static_cast<int>(n), idx);
      const cplx exact_yee = green_ez(freqs[n], s.sources[0].amplitude * S[n], r_yee);
      const cplx exact_centre = green_ez(freqs[n], s.sources[0].amplitude * S[n], r_centre);
      const double e_yee = std::abs(yee - exact_yee) / std::abs(exact_yee);
      const double e_centre = std::abs(d.centred.at(0)[n] - exact_centre) / std::abs(exact_centre);
      worst_yee = std::max(worst_yee, e_yee);
      worst_centre = std::max(worst_centre, e_centre);
      EXPECT_LT(e_yee, 1e-2) << "point " << p << " f " << freqs[n];
      EXPECT_LT(e_centre, 1.5e-2) << "cell centre, point " << p << " f " << freqs[n];
    }
  }
  std::printf("Ez vs -(w/4) A S(f) H0(kr) at r = 1-1.2 um, 0.83-1.25 um: Yee positions %.2e, cell centres %.2e\n",
              worst_yee, worst_centre);
}

// S_x = Re(Ey Hz* - Ez Hy*) on the E plane, H averaged over the layers either side, summed
// over the flux monitor's cells: the flux monitor's own formula, from the DFT plane's data.
TEST(DftFields, PlaneGivesTheFluxMonitorsFlux) {
  Scene s = vacuum_2d(3.0, 20, {Component::Ez, Component::Hz});
  const std::vector<double> freqs = {0.8, 1.0, 1.2};
  const Vec3 center{0.52, 0.1, 0}, size{0, 1.4, 0};
  s.fluxes.push_back(FluxSpec{"x", center, size, +1, freqs});
  s.dft_fields.push_back(DftFieldSpec{"plane", center, {0.2, 1.6, 0}, {Component::Ey, Component::Ez,
                                                                      Component::Hy, Component::Hz}, freqs});
  s.run.time = 15;
  Simulation<double> sim(s);
  const RunResults r = sim.run(nullptr);
  const Grid& g = sim.grid();
  const DftFieldData& d = r.dft_fields.at(0);
  double worst = 0;
  for (std::size_t n = 0; n < freqs.size(); ++n) {
    double flux = 0;
    for (auto [e, h, sign] : {std::tuple{Component::Ey, Component::Hz, 1.0}, std::tuple{Component::Ez, Component::Hy, -1.0}}) {
      const Box plane = g.region(e, center, size);
      for (int j = plane.lo.j; j < plane.hi.j; ++j) {
        const Index3 p{plane.lo.i, j, 0}, below{plane.lo.i - 1, j, 0};
        const cplx hav = 0.5 * (at(component_of(d, h), n, below) + at(component_of(d, h), n, p));
        flux += sign * std::real(at(component_of(d, e), n, p) * std::conj(hav)) * g.d;
      }
    }
    const double expected = r.fluxes.at(0).flux[n];
    worst = std::max(worst, std::abs(flux - expected) / std::abs(expected));
    EXPECT_NEAR(flux, expected, 1e-12 * std::abs(expected)) << "f " << freqs[n];
  }
  std::printf("flux from the DFT plane vs the flux monitor: largest relative difference %.1e\n", worst);
}

}  // namespace

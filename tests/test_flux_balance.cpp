// Flux bookkeeping (validation 4): T + R + radiated = 1 within 1 % for a lossless structure.
//
// A 2D slab waveguide (n = 2 core, 0.4 um wide, single-mode TM at 1.4-1.7 um) is cut by an
// air gap 0.5 um long. A mode source launches the guided mode; four flux planes form a
// closed box around the gap. A normalisation run without the gap gives the incident
// power P through the input face; the device run gives
//   T   = flux out through the output face,
//   R   = -(flux of the device run - flux of the normalisation run) through the input face,
//   rad = flux out through the two side faces,
// and with no source and no loss inside the box, T + R + rad = P (Poynting's theorem).
// What is left over is the discretisation of the flux integral (E and the average of the
// two H layers either side of it), O((k d)^2) ~ 1e-3 at 24 cells per wavelength in the
// core: tolerance 1 %, the figure. The side faces each carry several percent, so a
// missing face fails the check (asserted below). The source must launch the mode alone: R is
// the flux of the difference field, and with a plain line source in the core the source's
// own radiation crossing the input face interferes with the reflection (a cross term that
// is in neither R nor P); the sum was then off by up to 9.6e-3 at 30 and 8.6e-3 at 60 cells
// per um, i.e. not a discretisation error.
#include <gtest/gtest.h>

#include <cstdio>

#include "scenes.hpp"
#include "solver/simulation.hpp"

using namespace pfdtd;
using namespace pfdtd::testing;

namespace {

constexpr double kBox = 2.0;  // half size of the closed box of flux planes, um

Scene waveguide(bool gap, const std::vector<double>& freqs) {
  Scene s;
  s.materials = {Material{"vacuum", 1.0, 0.0}, Material{"core", 4.0, 0.0}};
  s.domain.dims = 2;
  s.domain.size = {9.0, 6.0, 0};
  s.domain.resolution = 60;
  for (auto& b : s.domain.boundary[2]) b.kind = BoundaryKind::periodic;
  const double width = 0.4, cut = 0.5;
  if (gap) {
    const double length = 0.5 * (s.domain.size.x - cut) + 1.0;  // into the PML on each side
    s.shapes.push_back(make_box(1, {-0.5 * (cut + length), 0, 0}, {length, width, 1e3}));
    s.shapes.push_back(make_box(1, {0.5 * (cut + length), 0, 0}, {length, width, 1e3}));
  } else {
    s.shapes.push_back(make_box(1, {0, 0, 0}, {20.0, width, 1e3}));
  }
  ModeSourceSpec src;  // the guided mode alone: no source radiation crosses the box
  src.name = "in";
  src.center = {-3.2, 0, 0};
  src.size = {0, 5.0, 0};
  src.time.frequency = 1 / 1.55;
  src.time.fwidth = 0.12;
  s.mode_sources.push_back(src);
  const double side = 2 * kBox;
  s.fluxes = {FluxSpec{"in", {-kBox, 0, 0}, {0, side, 0}, +1, freqs},
              FluxSpec{"out", {kBox, 0, 0}, {0, side, 0}, +1, freqs},
              FluxSpec{"top", {0, kBox, 0}, {side, 0, 0}, +1, freqs},
              FluxSpec{"bottom", {0, -kBox, 0}, {side, 0, 0}, -1, freqs}};
  s.run.time = 50;
  return s;
}

TEST(FluxBalance, WaveguideGapConservesPower) {
  const std::vector<double> freqs = linspace(1 / 1.65, 1 / 1.45, 5);
  Simulation<double> norm(waveguide(false, freqs)), dev(waveguide(true, freqs));
  norm.run(nullptr);
  dev.run(nullptr);
  const std::vector<double> incident = norm.flux("in").fields().flux();
  const std::vector<double> reflected = (dev.flux("in").fields() - norm.flux("in").fields()).flux();
  const std::vector<double> out = dev.flux("out").fields().flux(), top = dev.flux("top").fields().flux(),
                            bottom = dev.flux("bottom").fields().flux();
  double worst = 0;
  for (std::size_t n = 0; n < freqs.size(); ++n) {
    const double T = out[n] / incident[n], R = -reflected[n] / incident[n];
    const double up = top[n] / incident[n], down = bottom[n] / incident[n];
    const double sum = T + R + up + down;
    worst = std::max(worst, std::abs(sum - 1));
    std::printf("lambda %.3f um: T %.4f  R %.4f  radiated %.4f + %.4f  sum %.5f\n", 1 / freqs[n], T, R, up, down, sum);
    EXPECT_NEAR(sum, 1.0, 1e-2) << "lambda " << 1 / freqs[n];
    // Each face matters: leaving out any one of them would break the balance by far more.
    for (double part : {T, R, up, down}) EXPECT_GT(part, 2e-2) << "lambda " << 1 / freqs[n];
  }
  std::printf("T + R + radiated within %.1e of 1 over 1.45-1.65 um\n", worst);
}

}  // namespace

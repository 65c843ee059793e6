// The kernel layer: parallel_for visits each cell of a box once, device buffers move only
// through explicit transfers (and start as NaN in the test build, so a forgotten upload
// shows), and box downloads return the right cells.
#include <gtest/gtest.h>

#include <cmath>
#include <numeric>

#include "kernels/device_memory.hpp"
#include "kernels/launch.hpp"
#include "solver/fields.hpp"
#include "solver/simulation.hpp"

using namespace pfdtd;

namespace {
struct CountVisits {
  int* hits;
  Layout l;
  void operator()(int i, int j, int k) const {
#pragma omp atomic
    hits[l.index(i, j, k)] += 1;
  }
};
}  // namespace

TEST(Kernels, ParallelForVisitsEachCellOfTheBoxOnce) {
  const Layout l(Box{{-1, -1, -1}, {9, 6, 5}});
  std::vector<int> hits(l.size(), 0);
  const Box b{{2, 0, 1}, {7, 4, 4}};
  parallel_for(b, CountVisits{hits.data(), l});
  for (int k = -1; k < 5; ++k)
    for (int j = -1; j < 6; ++j)
      for (int i = -1; i < 9; ++i) EXPECT_EQ(hits[l.index(i, j, k)], b.contains({i, j, k}) ? 1 : 0);
}

TEST(Kernels, FreshDeviceBuffersArePoisonedInTestBuilds) {
  DeviceBuffer<float> f(16);
  DeviceBuffer<double> d(16);
#if defined(PFDTD_POISON_DEVICE_MEMORY)
  for (float v : f.download()) EXPECT_TRUE(std::isnan(v));
  for (double v : d.download()) EXPECT_TRUE(std::isnan(v));
#else
  GTEST_SKIP() << "built without PFDTD_POISON_DEVICE_MEMORY";
#endif
}

TEST(Kernels, UploadDownloadRoundTrip) {
  std::vector<double> host(100);
  std::iota(host.begin(), host.end(), 0.0);
  DeviceBuffer<double> dev(host.size());
  dev.upload(host);
  EXPECT_EQ(dev.download(), host);
  EXPECT_THROW(dev.upload(std::vector<double>(3)), std::length_error);
}

TEST(Kernels, BoxDownloadGathersTheRightCells) {
  Grid g;
  g.n[0] = 6, g.n[1] = 5, g.n[2] = 4;
  g.owned = g.interior();
  const Layout l(g.allocated());
  Fields<double> f(l);
  std::vector<double> host(l.size());
  for (int k = -1; k <= 4; ++k)
    for (int j = -1; j <= 5; ++j)
      for (int i = -1; i <= 6; ++i) host[l.index(i, j, k)] = 100 * k + 10 * j + i;
  f.E[1].upload(host);
  const Box b{{1, 2, 0}, {4, 4, 3}};
  const std::vector<double> v = f.download(Component::Ey, b);
  ASSERT_EQ(v.size(), 18u);
  std::size_t q = 0;
  for (int k = 0; k < 3; ++k)
    for (int j = 2; j < 4; ++j)
      for (int i = 1; i < 4; ++i) EXPECT_EQ(v[q++], 100 * k + 10 * j + i);
}

TEST(Kernels, CourantAboveTheLimitIsRefused) {
  Scene s;
  s.materials.push_back(Material{"vacuum", 1.0, 0.0});
  s.domain.size = {2, 2, 2};
  s.domain.resolution = 20;
  s.run.courant = 1.01;
  EXPECT_THROW(Simulation<float>{s}, std::invalid_argument);
}

// The split of the grid over ranks: shapes that cut the least area, balanced cuts, the cost
// weighting of PML cells, and clear refusals.
#include <gtest/gtest.h>

#include "solver/decomposition.hpp"
#include "solver/simulation.hpp"
#include "tests/scenes.hpp"

namespace pfdtd {
namespace {

using namespace pfdtd::testing;

Grid grid(int nx, int ny, int nz, int dims = 3) {
  Grid g;
  g.n[0] = nx, g.n[1] = ny, g.n[2] = nz;
  g.dims = dims;
  g.owned = g.interior();
  return g;
}

TEST(Decomposition, LongAxisIsSplitFirst) {
  const Split s = split_grid(grid(400, 50, 40), 4, {0, 0, 0});
  EXPECT_EQ(s.shape, (std::array<int, 3>{4, 1, 1}));  // 3 x 2000 cut cells, not 2 x 20000 + ...
  const Split cube = split_grid(grid(64, 64, 64), 8, {0, 0, 0});
  EXPECT_EQ(cube.shape, (std::array<int, 3>{2, 2, 2}));
}

TEST(Decomposition, BoxesTileTheGridExactly) {
  const Grid g = grid(37, 23, 11);
  const Split s = split_grid(g, 6, {0, 0, 0});
  long long cells = 0;
  for (int r = 0; r < 6; ++r) {
    const Box b = s.box_of(r);
    cells += b.cells();
    for (int q = 0; q < r; ++q) EXPECT_TRUE(intersect(b, s.box_of(q)).empty());
    EXPECT_EQ(s.rank_at(s.coords_of(r)), r);
  }
  EXPECT_EQ(cells, g.cells());
  for (int a = 0; a < 3; ++a)  // near-equal pieces: within one cell
    for (int p = 0; p + 1 < s.shape[a]; ++p) {
      const int w0 = s.cuts[a][p + 1] - s.cuts[a][p], w1 = s.cuts[a][p + 2] - s.cuts[a][p + 1];
      EXPECT_LE(std::abs(w0 - w1), 1);
    }
}

TEST(Decomposition, RequestedShapeAnd2D) {
  EXPECT_EQ(split_grid(grid(100, 100, 100), 4, {1, 2, 2}).shape, (std::array<int, 3>{1, 2, 2}));
  EXPECT_EQ(split_grid(grid(100, 100, 1, 2), 4, {0, 0, 0}).shape[2], 1);  // 2D never splits z
  EXPECT_THROW(split_grid(grid(100, 100, 100), 4, {3, 0, 0}), std::invalid_argument);
  EXPECT_THROW(split_grid(grid(2, 2, 1, 2), 8, {0, 0, 0}), std::invalid_argument);  // more ranks than cells
}

TEST(Decomposition, CostWeightsMoveTheCuts) {
  // 100 cells, the first 20 cost twice: total 120, halves of 60 -> cut at 40, not 50.
  std::array<std::vector<double>, 3> cost;
  cost[0].assign(100, 1.0);
  for (int i = 0; i < 20; ++i) cost[0][i] = 2.0;
  const Split s = split_grid(grid(100, 4, 4), 2, {2, 1, 1}, cost);
  EXPECT_EQ(s.cuts[0][1], 40);
  EXPECT_EQ(split_grid(grid(100, 4, 4), 2, {2, 1, 1}).cuts[0][1], 50);
}

// The scene's cost: CPML cells count double, a one-pole medium adds its share per plane, so
// the cut moves towards the expensive side.
TEST(Decomposition, SceneCostCountsPmlAndPoles) {
  Scene s = plane_wave_line(10.0, 10);  // 100 cells on x, periodic y and z
  s.domain.center = {5.0, 0, 0};
  s.domain.boundary[0][0].kind = s.domain.boundary[0][1].kind = BoundaryKind::pml;
  s.domain.boundary[0][0].pml.cells = s.domain.boundary[0][1].pml.cells = 10;
  Material lorentz{"disp", 2.0};
  for (auto& axis : lorentz.poles) axis.push_back(Pole{Pole::Kind::lorentz, 1.0, 5.0, 0.1});
  s.materials.push_back(lorentz);
  s.shapes.push_back(make_box(1, {7.5, 0, 0}, {5.0, 1e3, 1e3}));  // x in [5, 10): cells 50..99
  const Grid g = grid_of(s);
  const auto cost = split_cost(s, g);
  EXPECT_DOUBLE_EQ(cost[0][0], 2.0);   // PML
  EXPECT_DOUBLE_EQ(cost[0][30], 1.0);  // plain
  EXPECT_DOUBLE_EQ(cost[0][60], 2.0);  // one pole
  EXPECT_DOUBLE_EQ(cost[0][95], 3.0);  // pole and PML
  // Total 20 + 40 + 80 + 30 = 170; half of it, 85, is reached after cell 61 (0-9 cost 20,
  // 10-49 40, 50-61 24): the cut moves from 50 to 62, towards the dispersive half.
  EXPECT_EQ(split_grid(g, 2, {2, 1, 1}, cost).cuts[0][1], 62);
}

TEST(Decomposition, SerialAssembleIsTheIdentity) {
  const Box b{{0, 0, 0}, {3, 2, 1}};
  const std::vector<double> v{1, 2, 3, 4, 5, 6};
  EXPECT_EQ(assemble(Comm::serial(), b, b, v), v);
}

}  // namespace
}  // namespace pfdtd

#include "solver/decomposition.hpp"

#include <algorithm>
#include <limits>
#include <stdexcept>
#include <string>

namespace pfdtd {

namespace {

// Cuts of n cells into `parts` pieces of near-equal total cost, each at least one cell.
std::vector<int> balanced_cuts(int n, int parts, const std::vector<double>& cost) {
  std::vector<double> cum(n + 1, 0.0);
  for (int i = 0; i < n; ++i) cum[i + 1] = cum[i] + (cost.empty() ? 1.0 : cost[i]);
  std::vector<int> cuts{0};
  for (int p = 1; p < parts; ++p) {
    const double target = cum[n] * p / parts;
    int i = cuts.back() + 1;
    // The cut nearest the target that leaves every later piece a cell.
    while (i < n - (parts - p) && cum[i + 1] <= target) ++i;
    if (i < n - (parts - p) && target - cum[i] > cum[i + 1] - target) ++i;
    cuts.push_back(i);
  }
  cuts.push_back(n);
  return cuts;
}

// Total area of the cut faces (in cells) of a shape: the halo each step moves.
double cut_area(const Grid& g, const std::array<int, 3>& shape) {
  double area = 0;
  for (int a = 0; a < 3; ++a) area += (shape[a] - 1) * (static_cast<double>(g.cells()) / g.n[a]);
  return area;
}

}  // namespace

Box Split::box_of(int rank) const {
  const std::array<int, 3> c = coords_of(rank);
  Box b;
  for (int a = 0; a < 3; ++a) {
    b.lo[a] = cuts[a][c[a]];
    b.hi[a] = cuts[a][c[a] + 1];
  }
  return b;
}

// The shape is chosen as MPI_Dims_create would (ranks spread over the axes), but weighing
// the grid's aspect ratio: of all factorisations that honour the request, the one with the
// least cut area, so a long waveguide splits along its length.
Split split_grid(const Grid& g, int ranks, const std::array<int, 3>& requested,
                 const std::array<std::vector<double>, 3>& cost) {
  const int axes = g.dims == 2 ? 2 : 3;
  Split best;
  double best_area = std::numeric_limits<double>::infinity();
  for (int px = 1; px <= ranks; ++px)
    for (int py = 1; px * py <= ranks; ++py) {
      if (ranks % (px * py)) continue;
      const std::array<int, 3> shape{px, py, ranks / (px * py)};
      bool ok = axes == 3 || shape[2] == 1;
      for (int a = 0; a < 3; ++a) ok = ok && shape[a] <= g.n[a] && (requested[a] == 0 || requested[a] == shape[a]);
      if (ok && cut_area(g, shape) < best_area) best_area = cut_area(g, shape), best.shape = shape;
    }
  if (best_area == std::numeric_limits<double>::infinity())
    throw std::invalid_argument("domain.decomposition: cannot split " + std::to_string(g.n[0]) + " x " +
                                std::to_string(g.n[1]) + " x " + std::to_string(g.n[2]) + " cells over " +
                                std::to_string(ranks) + " ranks as ranks [" + std::to_string(requested[0]) + ", " +
                                std::to_string(requested[1]) + ", " + std::to_string(requested[2]) +
                                "] asks (0: free; the product must equal the rank count, a 2D domain has 1 on z, "
                                "and no axis more ranks than cells)");
  for (int a = 0; a < 3; ++a) best.cuts[a] = balanced_cuts(g.n[a], best.shape[a], cost[a]);
  return best;
}

namespace {
// The fraction of the cells of plane `i` normal to `axis` whose material has poles, weighted
// by their count, from up to 16 x 16 samples of the plane (cheap next to rasterising it).
double dispersive_share(const Scene& s, const Grid& g, int axis, int i) {
  const int u = (axis + 1) % 3, v = (axis + 2) % 3, nu = std::min(g.n[u], 16), nv = std::min(g.n[v], 16);
  double poles = 0;
  for (int p = 0; p < nu; ++p)
    for (int q = 0; q < nv; ++q) {
      Vec3 at;
      at[axis] = g.origin[axis] + (i + 0.5) * g.d;
      at[u] = g.origin[u] + (p + 0.5) * g.n[u] / nu * g.d;
      at[v] = g.origin[v] + (q + 0.5) * g.n[v] / nv * g.d;
      const Material& m = s.materials[material_at(s.shapes, s.background, at)];
      poles += static_cast<double>(std::max({m.poles[0].size(), m.poles[1].size(), m.poles[2].size()}));
    }
  return poles / (nu * nv);
}
}  // namespace

std::array<std::vector<double>, 3> split_cost(const Scene& s, const Grid& g) {
  bool dispersive = false;
  for (const Material& m : s.materials) dispersive = dispersive || m.dispersive();
  std::array<std::vector<double>, 3> cost;
  for (int a = 0; a < 3; ++a) {
    cost[a].assign(g.n[a], 1.0);
    if (dispersive)
      for (int i = 0; i < g.n[a]; ++i) cost[a][i] += dispersive_share(s, g, a, i);
    const Boundary& lo = s.domain.boundary[a][0];
    const Boundary& hi = s.domain.boundary[a][1];
    for (int i = 0; i < g.n[a]; ++i) {
      const bool in_lo = lo.kind == BoundaryKind::pml && g.mirror[a] == 0 && i < lo.pml.cells;
      const bool in_hi = hi.kind == BoundaryKind::pml && i >= g.n[a] - hi.pml.cells;
      if (in_lo || in_hi) cost[a][i] += 1.0;
    }
  }
  return cost;
}

Grid decompose(const Grid& global, const Scene& s, const Comm& comm) {
  Grid g = global;
  g.comm = comm;
  const std::array<std::vector<double>, 3> cost =
    s.domain.balance_cost ? split_cost(s, global) : std::array<std::vector<double>, 3>{};
  const Split split = split_grid(global, comm.size, s.domain.ranks, cost);
  g.owned = split.box_of(comm.rank);
  const std::array<int, 3> me = split.coords_of(comm.rank);
  for (int a = 0; a < 3; ++a) {
    const bool periodic = g.periodic[a];
    for (int side = 0; side < 2; ++side) {
      std::array<int, 3> c = me;
      c[a] += side == 0 ? -1 : 1;
      if (c[a] < 0 || c[a] >= split.shape[a]) {
        if (!periodic) continue;
        c[a] = (c[a] + split.shape[a]) % split.shape[a];
      }
      g.neighbour[a][side] = split.rank_at(c);
    }
  }
  return g;
}

std::vector<char> assemble_bytes(const Comm& comm, const Box& whole, const Box& piece, const char* values,
                                 long long outer, std::size_t cell_bytes) {
  int mine[6] = {piece.lo.i, piece.lo.j, piece.lo.k, piece.hi.i, piece.hi.j, piece.hi.k};
  if (piece.empty()) std::fill(mine, mine + 6, 0);
  std::vector<int> boxes(mine, mine + 6);
  if (comm.parallel()) {
    boxes.resize(6 * comm.size);
    MPI_Allgather(mine, 6, MPI_INT, boxes.data(), 6, MPI_INT, comm.handle);
  }
  std::vector<int> counts(comm.size), displs(comm.size);
  long long total = 0;
  for (int r = 0; r < comm.size; ++r) {
    const Box b{{boxes[6 * r], boxes[6 * r + 1], boxes[6 * r + 2]}, {boxes[6 * r + 3], boxes[6 * r + 4], boxes[6 * r + 5]}};
    const long long n = outer * b.cells() * static_cast<long long>(cell_bytes);
    if (total + n > std::numeric_limits<int>::max())
      throw std::length_error("assemble: more than 2 GiB to gather; write it in parallel instead");
    counts[r] = static_cast<int>(n);
    displs[r] = static_cast<int>(total);
    total += n;
  }
  std::vector<char> all(total);
  if (comm.parallel())
    MPI_Allgatherv(values, counts[comm.rank], MPI_CHAR, all.data(), counts.data(), displs.data(), MPI_CHAR, comm.handle);
  else
    std::copy(values, values + total, all.data());
  std::ptrdiff_t ws[3];
  box_strides(whole, ws);
  const long long whole_cells = whole.cells();
  std::vector<char> out(outer * whole_cells * cell_bytes);
  for (int r = 0; r < comm.size; ++r) {
    const Box b{{boxes[6 * r], boxes[6 * r + 1], boxes[6 * r + 2]}, {boxes[6 * r + 3], boxes[6 * r + 4], boxes[6 * r + 5]}};
    const char* src = all.data() + displs[r];
    const std::size_t row = b.extent(0) * cell_bytes;  // one x row of the piece
    for (long long o = 0; o < outer; ++o)
      for (int k = b.lo.k; k < b.hi.k; ++k)
        for (int j = b.lo.j; j < b.hi.j; ++j, src += row) {
          const long long cell = (b.lo.i - whole.lo.i) + (j - whole.lo.j) * ws[1] + (k - whole.lo.k) * ws[2];
          std::copy(src, src + row, out.data() + (o * whole_cells + cell) * cell_bytes);
        }
  }
  return out;
}

}  // namespace pfdtd

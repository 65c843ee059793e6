// Splitting the grid over MPI ranks: a Cartesian split of the interior into one box per rank
// (MPI_Dims_create for the shape unless the scene fixes it), with cuts placed to balance the
// cell count or, optionally, the cost (a PML cell does about twice the work of a plain one).
// Every rank keeps the global indices: its arrays cover its box plus one ghost layer
// (Grid::allocated), so kernels, sources and monitors work on boxes of the global grid
// clipped to Grid::owned, and the result does not depend on the split.
#pragma once
#include <algorithm>
#include <array>
#include <vector>

#include "solver/grid.hpp"

namespace pfdtd {

struct Split {
  std::array<int, 3> shape{1, 1, 1};       // ranks per axis
  std::array<std::vector<int>, 3> cuts;    // per axis shape+1 boundaries, 0 .. n
  int rank_at(const std::array<int, 3>& coords) const {
    return coords[0] + shape[0] * (coords[1] + shape[1] * coords[2]);
  }
  std::array<int, 3> coords_of(int rank) const {
    return {rank % shape[0], (rank / shape[0]) % shape[1], rank / (shape[0] * shape[1])};
  }
  Box box_of(int rank) const;
};

// The split of `g` over `ranks` ranks. `requested` fixes ranks per axis (0: free); a 2D grid
// never splits z. `cost[a]` weighs index i of axis a (empty: all 1). Throws
// std::invalid_argument when the request cannot hold (product, or a box thinner than a cell).
Split split_grid(const Grid& g, int ranks, const std::array<int, 3>& requested,
                 const std::array<std::vector<double>, 3>& cost = {});

// Per-index cost along each axis: 1, plus 1 inside a CPML slab of that axis (its correction
// kernel reads and writes about as many bytes as the Yee update), plus per pole the share of
// dispersive cells in the plane (a pole's update moves about as much again).
std::array<std::vector<double>, 3> split_cost(const Scene& s, const Grid& g);

// This rank's grid: `global` with owned, comm and neighbours set for `comm`'s rank.
Grid decompose(const Grid& global, const Scene& s, const Comm& comm);

// Gathers an array laid out [outer][cell of a box][element] whose cells are spread over the
// ranks, each holding the part over its `piece` (pieces disjoint, possibly empty), into the
// whole array over `whole` on every rank. Bytes are placed, never summed, so the result is
// the same bit for bit on any number of ranks. Cells of `whole` in no piece (a ghost layer a
// mirror image points at, which holds the wall's zero) are zero.
inline bool same_box(const Box& a, const Box& b) {
  for (int ax = 0; ax < 3; ++ax)
    if (a.lo[ax] != b.lo[ax] || a.hi[ax] != b.hi[ax]) return false;
  return true;
}

std::vector<char> assemble_bytes(const Comm& comm, const Box& whole, const Box& piece, const char* values,
                                 long long outer, std::size_t cell_bytes);

template <class T>
std::vector<T> assemble(const Comm& comm, const Box& whole, const Box& piece, const std::vector<T>& values,
                        long long outer = 1) {
  if (!comm.parallel() && same_box(piece, whole)) return values;
  const std::vector<char> bytes =
    assemble_bytes(comm, whole, piece, reinterpret_cast<const char*>(values.data()), outer, sizeof(T));
  std::vector<T> out(bytes.size() / sizeof(T));
  std::copy(bytes.begin(), bytes.end(), reinterpret_cast<char*>(out.data()));
  return out;
}

}  // namespace pfdtd

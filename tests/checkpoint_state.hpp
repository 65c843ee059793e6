// A synthetic run state for the checkpoint tests (test_checkpoint.cpp, checkpoint_mpi.cpp):
// arrays shaped like the real ones, filled with a pattern of the global index so that any
// value read back into the wrong place, or not at all, is caught bit for bit.
#pragma once
#include <cstring>
#include <string>
#include <vector>

#include "kernels/device_memory.hpp"
#include "solver/state.hpp"

namespace pfdtd::synthetic {

// The global grid the synthetic arrays lie in.
inline const Box kGrid{{0, 0, 0}, {8, 6, 5}};

// Rank `rank` of `size`'s slab of the grid along `axis`, uneven when size does not divide it.
inline Box slab(int axis, int rank, int size) {
  Box b = kGrid;
  const int n = kGrid.extent(axis);
  b.lo[axis] = kGrid.lo[axis] + n * rank / size;
  b.hi[axis] = kGrid.lo[axis] + n * (rank + 1) / size;
  return b;
}

// The arrays' descriptions, their pieces = their whole boxes cut by `held` (often empty).
inline std::vector<StateArray> synthetic_arrays(const Box& held) {
  std::vector<StateArray> arrays(3);
  arrays[0].name = "fields/Ex";  // a float field component over the whole grid
  arrays[0].whole = kGrid;
  arrays[0].single = true;
  arrays[1].name = "dft/top/Ey";  // a running DFT of a z plane: 3 frequencies, (re, im)
  arrays[1].whole = Box{{1, 1, 3}, {7, 5, 4}};
  arrays[1].outer = 3;
  arrays[1].inner = 2;
  arrays[2].name = "probes/p0/Hz";  // a probe's 50 samples, held by the rank owning its cell
  arrays[2].whole = Box{{5, 2, 1}, {6, 3, 2}};
  arrays[2].outer = 50;
  for (StateArray& a : arrays) a.piece = intersect(a.whole, held);
  return arrays;
}

// Value of array `a` at (outer, global cell p, inner): distinct within each array (below
// 2^24 for the float field), with a full mantissa so a float/double mix-up or a shifted
// hyperslab changes its bits.
inline double pattern(const StateArray& a, long long outer, Index3 p, int inner) {
  const long long index = (((outer * 64 + p.k) * 64 + p.j) * 64 + p.i) * 4 + inner;
  return (index + 1) * (a.single ? 1.0001 : 1.0000000001) + static_cast<double>(a.name.size()) / 3;
}

// Bytes of ghost cells (around the piece in `stored`), which checkpoints never touch.
constexpr char kGhostByte = 0x5A;
// Bytes of piece cells not yet read: NaN, also where device memory is not poisoned (a freed
// buffer of the pattern reused here must not pass for a read).
constexpr char kUnreadByte = char(0xFF);

// The device array of `a`, [outer][cell of its stored box, else its piece][inner], as it
// should be: the pattern in the piece (else unread), ghosts around it.
inline std::vector<char> device_bytes(const StateArray& a, bool pattern_in_piece = true) {
  if (a.piece.empty()) return {};
  const Box& box = a.stored.empty() ? a.piece : a.stored;
  const std::size_t size = a.single ? 4 : 8;
  std::vector<char> bytes;
  Index3 p;
  for (long long o = 0; o < a.outer; ++o)
    for (p.k = box.lo.k; p.k < box.hi.k; ++p.k)
      for (p.j = box.lo.j; p.j < box.hi.j; ++p.j)
        for (p.i = box.lo.i; p.i < box.hi.i; ++p.i)
          for (int c = 0; c < a.inner; ++c) {
            const double v = pattern(a, o, p, c);
            const float f = static_cast<float>(v);
            const char* src = a.single ? reinterpret_cast<const char*>(&f) : reinterpret_cast<const char*>(&v);
            if (pattern_in_piece && a.piece.contains(p)) bytes.insert(bytes.end(), src, src + size);
            else bytes.insert(bytes.end(), size, a.piece.contains(p) ? kUnreadByte : kGhostByte);
          }
  return bytes;
}

// The arrays with device memory for `held`'s pieces, holding the pattern (to write) or
// unread NaNs (to read into); with `ghosts`, the field's device array is its piece and a
// ghost layer, as the solver's fields are.
struct SyntheticState {
  std::vector<StateArray> arrays;
  std::vector<DeviceBuffer<char>> memory;

  SyntheticState(const Box& held, bool with_pattern, bool ghosts = false) : arrays(synthetic_arrays(held)) {
    if (ghosts) arrays[0].stored = grown(arrays[0].piece);
    for (StateArray& a : arrays) {
      const std::vector<char> bytes = device_bytes(a, with_pattern);
      memory.emplace_back(bytes.size());
      a.device = memory.back().data();
      if (!bytes.empty()) memory.back().upload(bytes);
    }
  }

  // Elements (of any array, ghosts included) whose bits differ from what they should be.
  long long mismatches() const {
    long long bad = 0;
    for (std::size_t n = 0; n < arrays.size(); ++n) {
      if (arrays[n].piece.empty()) continue;
      const std::vector<char> want = device_bytes(arrays[n]), got = memory[n].download();
      const std::size_t size = arrays[n].single ? 4 : 8;
      for (std::size_t e = 0; e < want.size(); e += size) bad += std::memcmp(&want[e], &got[e], size) != 0;
    }
    return bad;
  }

 private:
  static Box grown(Box b) {
    for (int axis = 0; axis < 3; ++axis) --b.lo[axis], ++b.hi[axis];
    return b;
  }
};

}  // namespace pfdtd::synthetic

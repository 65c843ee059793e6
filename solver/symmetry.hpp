// Mirror symmetry planes: a device and its sources that are symmetric about the domain's
// centre plane normal to an axis need only the half above that plane (a quarter for two
// axes, an eighth for three).
//
// The phase follows MEEP's mp.Mirror (MEEP docs, "Exploiting Symmetry"): the fields, taken
// as a whole, map onto `phase` times themselves under the mirror R, with E and J
// transforming as vectors and H and M as pseudovectors. Per component, F_c(R r) =
// sign F_c(r) with, for a mirror normal to axis a,
//   E_a, H_t (t != a): sign = -phase        E_t, H_a: sign = +phase.
// On this Yee grid the first group sits half a cell off the plane and the second on it, so
// a component on the plane with sign -1 vanishes there. Phase -1 (odd) makes the plane a
// PEC wall (E_t = 0 on it), phase +1 (even) a PMC wall (H_t = 0 on it, E_t free).
// Example, a SOI strip along x centred at y = z = 0 with symmetric cladding: its TE0 mode
// (E_y dominant, even in y) has y phase -1 and z phase +1; TM0 (E_z dominant) has y phase
// +1 and z phase -1.
//
// The kept half starts at the plane (index 0, a tangential-E plane of the full grid); H_t
// in the ghost layer below is refreshed from its image after each H update. Monitors see
// the whole domain: the removed half has indices -n..-1 (Grid::domain_box) and its values
// are read from their images with the component's sign.
#pragma once
#include <vector>

#include "kernels/yee.hpp"
#include "solver/grid.hpp"
#include "solver/scene.hpp"

namespace pfdtd {

// sign in F_c(R r) = sign F_c(r) for the mirror normal to `axis` and fields of `phase`.
int mirror_sign(Component c, int axis, int phase);

inline bool mirrored(const Grid& g) { return g.mirror[0] != 0 || g.mirror[1] != 0 || g.mirror[2] != 0; }

// Where the value of component c at `cell` of the whole domain is kept, and its sign.
struct FoldedCell {
  Index3 cell;
  int sign = 1;
};
FoldedCell fold(const Grid& g, Component c, Index3 cell);

// The smallest box of kept cells that holds the image of every cell of `box`.
Box fold_box(const Grid& g, Component c, const Box& box);

// Values of c over `box` (whole-domain indices, x fastest) from `kept`, its values over
// fold_box(g, c, box); `kept` may hold several such blocks in a row (one per frequency).
template <class T>
std::vector<T> unfold(const Grid& g, Component c, const Box& box, const std::vector<T>& kept);

// The source as the reduced grid injects it. A source must be centred on every mirror
// plane (its image is itself) and have the mirror's parity; one that is not throws
// std::invalid_argument saying which. A point or plane of a half-cell component on the
// plane straddles it: half its amplitude goes to the kept half-cell above, the image
// supplies the rest.
SourceSpec fold_source(const SourceSpec& s, const Grid& g);

// Throws std::invalid_argument if the scene has a mirror and a monitor or source that does
// not unfold yet (mode sources and monitors, DFT field monitors).
void check_mirror_support(const Scene& s, const Grid& g);

// After each H update: the H_t ghost layer below each mirror plane takes its image.
template <class Real>
void fill_mirror_ghosts(const Grid& g, const FieldPointers<Real>& f);

}  // namespace pfdtd

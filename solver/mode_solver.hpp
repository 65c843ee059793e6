// Full-vector finite-difference eigenmodes of a 2D cross-section of the scene, on the same
// Yee grid and subpixel-smoothed permittivity as the time-domain run, so that a launched
// mode is a mode of the discretised waveguide.
//
// Conventions (shared by the mode source and mode monitor):
//  * Fields vary as exp(i (beta s - omega t)) along the propagation axis `normal` (s), with
//    c = mu0 = eps0 = 1: curl E = i omega H, curl H = -i omega eps E. A forward mode travels
//    towards +normal.
//  * The plane is the layer of tangential-E nodes at grid index `layer` along `normal`.
//    E tangential and H normal live on it; H tangential and E normal live half a cell above
//    (layer + 1/2). All six components are given referenced to the plane: the value of a
//    half-layer component at s = (layer + 1/2 + m) d is field * exp(i beta (m + 1/2) d).
//  * Discretisation: with dt > 0 the solver uses the leapfrog's numerical frequency
//    (2/dt) sin(omega dt / 2) and the Yee difference along s, so the mode is an exact
//    time-harmonic solution of the FDTD grid; beta is the discrete propagation constant.
//  * Normalisation: the discrete flux through the plane, computed as FluxFields::flux does
//    (E_t on the plane times the average of H_t on the layers either side, no factor 1/2),
//    Re sum (E_t1 conj(H_t2 c) - E_t2 conj(H_t1 c)) dA with c = cos(beta d / 2), equals 1.
//    A DFT field equal to a * mode then carries flux |a|^2.
#pragma once
#include <array>
#include <complex>
#include <map>
#include <string>
#include <vector>

#include "kernels/box.hpp"
#include "solver/grid.hpp"
#include "solver/scene.hpp"

namespace pfdtd {

using cplx = std::complex<double>;

// A cross-section of the grid normal to `normal`: the cells of `box` (extent 1 along normal,
// at index box.lo[normal] = the E_t layer). Transverse axes t1 = (normal+1)%3, t2 = (normal+2)%3.
struct ModePlane {
  int normal = 0;
  Box box;
  // The plane through `center` with `size` (zero along the normal), clipped to the grid.
  static ModePlane from_region(const Grid& g, const Vec3& center, const Vec3& size);
  int n1() const;  // extent along t1
  int n2() const;  // extent along t2 (1 in a 2D run whose t2 is z)
};

struct ModeSolverOptions {
  int num_modes = 1;
  double neff_guess = 0;  // shift of the eigensolver; 0: the largest index on the plane
  double dt = 0;          // > 0: FDTD-exact (numerical frequency of a leapfrog step dt)
  int pml_cells = 0;      // PML on the plane's boundary (leaky modes); 0: PEC walls
  // Group index by a central difference over f (1 +- 1e-3): two more solves. Off: 0.
  bool compute_group_index = true;
  // Regions whose confinement factor is reported, by name (e.g. the quantum wells).
  std::map<std::string, std::pair<Vec3, Vec3>> regions;  // name -> (center, size), um
};

struct Mode {
  double frequency = 0;  // 1/um
  cplx neff;             // beta / (2 pi f); Im > 0: loss
  double group_index = 0;
  double loss_db_per_cm = 0;
  double te_fraction = 0;  // share of |E_t|^2 in E_t1 (t1 = the in-plane horizontal axis)
  std::map<std::string, double> confinement;  // per region of the options
  ModePlane plane;
  // field[c][i1 + n1 * i2], c = Ex, Ey, Ez, Hx, Hy, Hz (global axes), normalised as above.
  std::array<std::vector<cplx>, 6> field;
};

// The modes of the cross-section at frequency f (1/um), highest effective index first.
// Throws std::runtime_error when the eigensolver does not converge.
std::vector<Mode> solve_modes(const Scene& scene, const Grid& grid, const ModePlane& plane, double frequency,
                              const ModeSolverOptions& options);

// Mode number `mode_index` (0: highest index) of the cross-section at each of `frequencies`,
// followed from one frequency to the next by the overlap of its transverse E with the
// previous one (so the mode keeps its identity where indices cross). options.num_modes is
// ignored; options.neff_guess applies to the first frequency.
std::vector<Mode> sweep_mode(const Scene& scene, const Grid& grid, const ModePlane& plane,
                             const std::vector<double>& frequencies, int mode_index, ModeSolverOptions options);

}  // namespace pfdtd

#include "solver/cpml.hpp"

#include <cmath>
#include <stdexcept>
#include <string>

#include "kernels/launch.hpp"

namespace pfdtd {

namespace {

struct Stretch {
  double inv_kappa = 1, b = 0, c = 0;
};

// The CPML coefficients at depth u in [0, 1] (0 at the inner face, 1 at the wall).
Stretch stretch_at(double u, const PmlParams& p, double sigma_max, double alpha_max, double dt) {
  const double g = std::pow(u, p.grading);
  const double sigma = sigma_max * g;
  const double kappa = 1 + (p.kappa_max - 1) * g;
  const double alpha = alpha_max * (1 - u);
  Stretch s;
  s.inv_kappa = 1 / kappa;
  s.b = std::exp(-(sigma / kappa + alpha) * dt);
  s.c = sigma > 0 ? sigma / (sigma * kappa + kappa * kappa * alpha) * (s.b - 1) : 0.0;
  return s;
}

}  // namespace

template <class Real>
Cpml<Real>::Cpml(const Scene& scene, const Grid& g, double eps_bg) {
  for (int a = 0; a < 3; ++a) {
    const int n = g.n[a];
    std::vector<Real> ik[2], b[2], c[2];  // [0]: E positions (integer), [1]: H (half-integer)
    for (int h = 0; h < 2; ++h) {
      ik[h].assign(n + 2, Real(1));
      b[h].assign(n + 2, Real(0));
      c[h].assign(n + 2, Real(0));
    }
    int pml_cells = 0;
    for (int side = 0; side < 2; ++side) {
      const Boundary& bc = scene.domain.boundary[a][side];
      const bool mirror_plane = side == 0 && g.mirror[a] != 0;  // the low face is the plane
      if (bc.kind != BoundaryKind::pml || (g.dims == 2 && a == 2) || mirror_plane) continue;
      pml_cells += bc.pml.cells;
      if (bc.pml.cells < 1 || pml_cells >= n)
        throw std::invalid_argument("PML of " + std::to_string(pml_cells) + " cells does not fit the " +
                                    std::to_string(n) + " cells of axis " + "xyz"[a]);
      const PmlParams& p = bc.pml;
      const double L = p.cells;
      const double sigma_max = p.sigma_factor * 0.8 * (p.grading + 1) / (g.d * std::sqrt(eps_bg));
      const double alpha_max = p.alpha_max;
      for (int h = 0; h < 2; ++h)
        for (int i = -1; i <= n; ++i) {
          const double x = i + 0.5 * h;  // position in cells from the low wall
          const double u = side == 0 ? (L - x) / L : (x - (n - L)) / L;
          if (u <= 0 || u > 1) continue;
          const Stretch s = stretch_at(u, p, sigma_max, alpha_max, g.dt);
          ik[h][i + 1] = static_cast<Real>(s.inv_kappa);
          b[h][i + 1] = static_cast<Real>(s.b);
          c[h][i + 1] = static_cast<Real>(s.c);
        }
      Slab slab;
      slab.axis = a;
      slab.box = g.interior();
      slab.box.lo[a] = side == 0 ? 0 : n - p.cells;
      slab.box.hi[a] = side == 0 ? p.cells : n;
      slab.whole = slab.box;
      slab.box = intersect(slab.box, g.owned);  // this rank's part (may be none)
      for (int t = 0; t < 2; ++t) {
        slab.psi_e[t] = DeviceBuffer<Real>(slab.box.cells());
        slab.psi_h[t] = DeviceBuffer<Real>(slab.box.cells());
        slab.psi_e[t].zero();
        slab.psi_h[t].zero();
      }
      slabs_.push_back(std::move(slab));
    }
    Profile* prof[2] = {&e_[a], &h_[a]};
    for (int h = 0; h < 2; ++h) {
      prof[h]->inv_kappa = DeviceBuffer<Real>(n + 2);
      prof[h]->b = DeviceBuffer<Real>(n + 2);
      prof[h]->c = DeviceBuffer<Real>(n + 2);
      prof[h]->inv_kappa.upload(ik[h]);
      prof[h]->b.upload(b[h]);
      prof[h]->c.upload(c[h]);
    }
    ik_e_ptr_[a] = e_[a].inv_kappa.data() + 1;
    ik_h_ptr_[a] = h_[a].inv_kappa.data() + 1;
  }
}

template <class Real>
void Cpml<Real>::append_state(std::vector<StateArray>& out) const {
  for (std::size_t n = 0; n < slabs_.size(); ++n) {
    const Slab& s = slabs_[n];
    for (int t = 0; t < 2; ++t)
      for (int e = 0; e < 2; ++e) {
        const auto& psi = e ? s.psi_e : s.psi_h;
        out.push_back(StateArray{"cpml/slab" + std::to_string(n) + (e ? "/psi_e" : "/psi_h") + std::to_string(t),
                                 s.whole, s.box, 1, 1, sizeof(Real) == 4, psi[t].data()});
      }
  }
}

template <class Real>
PmlSlab<Real> Cpml<Real>::view(Slab& s, bool electric) const {
  PmlSlab<Real> v;
  box_strides(s.box, v.ps);
  for (int a = 0; a < 3; ++a) v.lo[a] = s.box.lo[a];
  auto& psi = electric ? s.psi_e : s.psi_h;
  v.psi[0] = psi[0].data();
  v.psi[1] = psi[1].data();
  const Profile& p = electric ? e_[s.axis] : h_[s.axis];
  v.b = p.b.data() + 1;
  v.c = p.c.data() + 1;
  return v;
}

// The slab's axis becomes a template parameter here, and only here.
template <template <class, int> class Kernel, class Real, class... Args>
void launch_on_axis(int axis, const Box& box, Args... args) {
  switch (axis) {
    case 0: parallel_for(box, Kernel<Real, 0>{args...}); break;
    case 1: parallel_for(box, Kernel<Real, 1>{args...}); break;
    default: parallel_for(box, Kernel<Real, 2>{args...}); break;
  }
}

template <class Real>
void Cpml<Real>::correct_h(const FieldPointers<Real>& f, Real dt_over_d, const Box& region) {
  for (Slab& s : slabs_)
    launch_on_axis<PmlCorrectH, Real>(s.axis, intersect(s.box, region), f, view(s, false), dt_over_d);
}

template <class Real>
void Cpml<Real>::correct_e(const FieldPointers<Real>& f, const MaterialId* id,
                           const CellCoefficients<Real>* table, const Box& region) {
  for (Slab& s : slabs_)
    launch_on_axis<PmlCorrectE, Real>(s.axis, intersect(s.box, region), f, view(s, true), id, table);
}

template class Cpml<float>;
template class Cpml<double>;

}  // namespace pfdtd

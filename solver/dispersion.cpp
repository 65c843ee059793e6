#include "solver/dispersion.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

#include "kernels/launch.hpp"

namespace pfdtd {

namespace {

// c1, c2, c3 of P^{n+1} = c1 P^n + c2 P^{n-1} + c3 E^n for one pole.
void step_coefficients(const Pole& p, double dt, double& c1, double& c2, double& c3, const std::string& material) {
  if (p.kind == Pole::Kind::debye) {
    const double decay = std::exp(-p.gamma * dt);
    c1 = decay, c2 = 0, c3 = (1 - decay) * p.strength;
    return;
  }
  const double w0 = p.kind == Pole::Kind::lorentz ? p.omega0 : 0.0;
  const double drive = p.kind == Pole::Kind::lorentz ? p.strength * w0 * w0 : p.strength * p.strength;
  if (w0 * dt >= 2)
    throw std::invalid_argument("material '" + material + "': Lorentz pole at omega0 = " + std::to_string(w0) +
                                " is unstable with dt = " + std::to_string(dt) +
                                " (omega0 dt must be below 2); refit the material over a narrower band");
  const double den = 1 + 0.5 * p.gamma * dt;
  c1 = (2 - w0 * w0 * dt * dt) / den;
  c2 = -(1 - 0.5 * p.gamma * dt) / den;
  c3 = drive * dt * dt / den;
}

bool pole_condition(double eps, double S, double dt, const std::vector<Pole>& poles) {
  double a = 0, A = 0;
  for (const Pole& p : poles) {
    if (p.kind == Pole::Kind::lorentz) {
      a = std::max(a, p.omega0 * p.omega0 * dt * dt);
      A += std::max(0.0, p.strength) * p.omega0 * p.omega0 * dt * dt;
    } else if (p.kind == Pole::Kind::drude) {
      A += p.strength * p.strength * dt * dt;
    }
  }
  return 4 * (eps - S * S) - a * (eps - S * S) - A >= 0;
}

}  // namespace

double stable_courant(const Scene& scene, double d, int dims) {
  double eps_min = 1e300;
  for (const Material& m : scene.materials)
    if (!m.pec)
      for (int c = 0; c < 3; ++c) eps_min = std::min(eps_min, m.epsilon[c]);
  double S = 1;
  for (const Material& m : scene.materials)
    for (int c = 0; c < 3; ++c) {
      if (m.poles[c].empty()) continue;
      const double eps = std::min(eps_min, m.epsilon[c]);
      double lo = 0, hi = S;  // the condition holds at S -> 0 for any passive pole set at small dt
      auto ok = [&](double s) { return pole_condition(eps, s, s * d / std::sqrt(double(dims)), m.poles[c]); };
      if (ok(hi)) continue;
      for (int it = 0; it < 60; ++it) (ok(0.5 * (lo + hi)) ? lo : hi) = 0.5 * (lo + hi);
      S = lo;
    }
  return S;
}

template <class Real>
Dispersion<Real>::Dispersion(const Scene& s, const MaterialRaster& r, double dt, const Comm& comm)
    : box_(r.dispersive), whole_(r.dispersive) {
  for (const Material& m : s.materials)
    for (const auto& axis : m.poles) {
      if (axis.size() > static_cast<std::size_t>(kMaxPoles))
        throw std::invalid_argument("material '" + m.name + "' has more than " + std::to_string(kMaxPoles) +
                                    " poles on an axis");
      poles_ = std::max(poles_, static_cast<int>(axis.size()));
    }
  state_poles_ = poles_;
  if (comm.parallel()) {  // the bounding box of every rank's dispersive cells
    int lo[3], hi[3];
    for (int a = 0; a < 3; ++a) {
      lo[a] = box_.empty() ? std::numeric_limits<int>::max() : box_.lo[a];
      hi[a] = box_.empty() ? std::numeric_limits<int>::min() : box_.hi[a];
    }
    MPI_Allreduce(MPI_IN_PLACE, lo, 3, MPI_INT, MPI_MIN, comm.handle);
    MPI_Allreduce(MPI_IN_PLACE, hi, 3, MPI_INT, MPI_MAX, comm.handle);
    for (int a = 0; a < 3; ++a) whole_.lo[a] = lo[a], whole_.hi[a] = std::max(lo[a], hi[a]);
  }
  if (poles_ == 0 || box_.empty()) {
    poles_ = 0;
    return;
  }
  std::vector<PoleCoefficients<Real>> table(r.entries.size(), PoleCoefficients<Real>{});
  for (std::size_t e = 0; e < r.entries.size(); ++e)
    for (int c = 0; c < 3; ++c) {
      const int m = r.entries[e].pole_material[c];
      if (m < 0) continue;
      const auto& poles = s.materials[m].poles[c];
      for (std::size_t n = 0; n < poles.size(); ++n) {
        double c1, c2, c3;
        step_coefficients(poles[n], dt, c1, c2, c3, s.materials[m].name);
        table[e].c1[c][n] = static_cast<Real>(c1);
        table[e].c2[c][n] = static_cast<Real>(c2);
        table[e].c3[c][n] = static_cast<Real>(c3);
      }
    }
  table_ = DeviceBuffer<PoleCoefficients<Real>>(table.size());
  table_.upload(table);
  P_ = DeviceBuffer<Real>(2 * static_cast<std::size_t>(poles_) * 3 * box_.cells());
  P_.zero();
}

// Cells of the whole box outside every rank's own box are not dispersive: no one writes them
// and they read back as zero, which is their polarisation.
template <class Real>
void Dispersion<Real>::append_state(std::vector<StateArray>& out) const {
  if (state_poles_ == 0 || whole_.empty()) return;
  out.push_back(StateArray{"dispersion/P", whole_, any() ? box_ : Box{}, 2LL * state_poles_ * 3, 1, sizeof(Real) == 4,
                           P_.data()});
}

template <class Real>
PolarisationView<Real> Dispersion<Real>::view() const {
  PolarisationView<Real> v;
  v.P = P_.data();
  for (int a = 0; a < 3; ++a) v.lo[a] = box_.lo[a];
  box_strides(box_, v.ps);
  v.cells = box_.cells();
  v.poles = poles_;
  v.now = now_;
  return v;
}

template <class Real>
void Dispersion<Real>::before_e(const FieldPointers<Real>& f, const MaterialId* id, const Box& region) {
  if (any()) parallel_for(intersect(box_, region), UpdatePolarisation<Real>{f, view(), id, table_.data()});
}

template <class Real>
void Dispersion<Real>::after_e(const FieldPointers<Real>& f, const MaterialId* id,
                               const CellCoefficients<Real>* table, Real d_over_dt, const Box& region) {
  if (any()) parallel_for(intersect(box_, region), ApplyPolarisation<Real>{f, view(), id, table, d_over_dt});
}

template class Dispersion<float>;
template class Dispersion<double>;

}  // namespace pfdtd

// Full-vector finite-difference modes on the Yee grid (docs/modes.md has the derivation).
//
// In local axes (u, v, s) = (t1, t2, normal), a right-handed cyclic permutation of (x, y, z),
// the Yee equations of one cross-section with d/ds -> i b, b = (2/d) sin(beta d / 2), are
//   i w H_u = D_v E_s - i b E_v     -i w eps_u E_u = D_v H_s - i b H_v
//   i w H_v = i b E_u - D_u E_s     -i w eps_v E_v = i b H_u - D_u H_s
//   i w H_s = D_u E_v - D_v E_u     -i w eps_s E_s = D_u H_v - D_v H_u
// with D the Yee differences across the plane (forward from integer to half nodes, F_a,
// backward from half to integer nodes, B_a). Eliminating E_s by the discrete Gauss law
// i b eps_s E_s = -(B_u eps_u E_u + B_v eps_v E_v) and the H components leaves, for the
// transverse E (a, b in {u, v}, o the axis other than a):
//   b^2 E_a = w^2 eps_a E_a + (a == b ? B_o F_o : -B_b F_a) E_b + F_a eps_s^-1 B_b eps_b E_b,
// an eigenproblem for b^2 with two unknowns per cell. PEC (walls and PEC materials) removes
// unknowns; a PML stretches the differences by 1 / s(x), s = 1 + i sigma(x) / w.
#include "solver/mode_solver.hpp"

#include <Eigen/Dense>
#include <Eigen/Sparse>
#include <Eigen/SparseLU>
#include <algorithm>
#include <cmath>
#include <random>
#include <sstream>
#include <stdexcept>

#include "solver/permittivity_map.hpp"

namespace pfdtd {

namespace {

using SpMat = Eigen::SparseMatrix<cplx>;
using Vec = Eigen::VectorXcd;
const cplx I(0, 1);
constexpr double kPi = 3.14159265358979323846;
constexpr double kRelativeStep = 1e-3;  // of the group-index difference in frequency
constexpr int kDenseLimit = 300;        // unknowns up to which a dense eigensolver is used

// The cross-section at one frequency: permittivities per node and the difference operators.
struct Section {
  int normal = 0, t[2] = {1, 2};  // propagation axis and transverse axes (t1, t2)
  int n[2] = {1, 1};              // nodes along t1, t2
  bool periodic[2] = {false, false};
  double d = 0, dA = 0;
  double omega = 0;  // in the curl equations: the numerical frequency with dt > 0
  Vec3 corner;       // position of node (0, 0) with no half-cell offset
  // eps[0], eps[1]: at the E_t1, E_t2 nodes; eps[2]: at the E_normal nodes. Node (i, j) of
  // every component is entry i + n[0] j; PEC cells hold -infinity.
  std::array<std::vector<cplx>, 3> eps;
  std::array<SpMat, 2> fwd, bwd;  // differences along t[a]: integer -> half, half -> integer nodes
  std::vector<int> unknown;       // per E_t node (a * nodes + q): its unknown number, or -1

  int nodes() const { return n[0] * n[1]; }
  int node(int i, int j) const { return i + n[0] * j; }
  int other(int a) const { return 1 - a; }
};

SpMat diagonal(const std::vector<cplx>& v) {
  SpMat m(static_cast<int>(v.size()), static_cast<int>(v.size()));
  m.reserve(Eigen::VectorXi::Constant(m.cols(), 1));
  for (int q = 0; q < m.cols(); ++q) m.insert(q, q) = v[q];
  return m;
}

bool is_pec(cplx eps) { return !std::isfinite(eps.real()); }

// Stretch factor s = 1 + i sigma / w at position x (in cells from the box's low edge) of an
// axis of n cells with `cells` of PML on each side: a cubic profile whose round trip through
// the layer attenuates a normally incident wave by e^-16 (Berenger's choice of sigma_max).
cplx stretch(double x, int n, int cells, double d, double omega) {
  if (cells <= 0) return 1.0;
  const double depth = std::max({0.0, cells - x, x - (n - cells)}) / cells;
  const double sigma_max = 4 * 16.0 / (2 * cells * d);
  return 1.0 + I * sigma_max * depth * depth * depth / omega;
}

// Forward (integer -> half node) or backward (half -> integer node) difference along local
// axis a, divided by d s(x) at the result's node. Outside the box the field is zero (a PEC
// wall at index n of integer nodes) unless the axis is periodic.
SpMat difference(const Section& s, int a, bool forward, int pml_cells) {
  std::vector<Eigen::Triplet<cplx>> t;
  const int N = s.nodes(), na = s.n[a];
  for (int j = 0; j < s.n[1]; ++j)
    for (int i = 0; i < s.n[0]; ++i) {
      const int idx[2] = {i, j};
      const int along = idx[a];
      const double x = along + (forward ? 0.5 : 0.0);
      const cplx w = 1.0 / (s.d * stretch(x, na, s.periodic[a] ? 0 : pml_cells, s.d, s.omega));
      int neighbour[2] = {i, j};
      neighbour[a] = along + (forward ? 1 : -1);
      const bool outside = neighbour[a] < 0 || neighbour[a] >= na;
      if (outside && s.periodic[a]) neighbour[a] = (neighbour[a] + na) % na;
      const int row = s.node(i, j);
      t.emplace_back(row, row, forward ? -w : w);
      if (!outside || s.periodic[a]) t.emplace_back(row, s.node(neighbour[0], neighbour[1]), forward ? w : -w);
    }
  SpMat m(N, N);
  m.setFromTriplets(t.begin(), t.end());
  return m;
}

// An E node is held at zero on a PEC wall (index 0 of a non-periodic axis it is tangential
// to, as the time-domain grid holds it) and inside PEC materials.
bool held_at_zero(const Section& s, int component, int i, int j) {
  const int idx[2] = {i, j};
  for (int a = 0; a < 2; ++a)
    if (a != component && idx[a] == 0 && !s.periodic[a]) return true;
  return is_pec(s.eps[component][s.node(i, j)]);
}

// Nested dissection of the node rectangle [i0, i1) x [j0, j1) (George, SIAM J. Numer. Anal.
// 1973): both halves first, then the line of nodes that separates them. The operator couples
// nodes at most one apart on each axis, so a one-node line is a separator.
void dissect(const Section& s, int i0, int i1, int j0, int j1, std::vector<int>& order) {
  if (i1 <= i0 || j1 <= j0) return;
  if ((i1 - i0) * (j1 - j0) <= 16 || (i1 - i0 < 3 && j1 - j0 < 3)) {
    for (int j = j0; j < j1; ++j)
      for (int i = i0; i < i1; ++i) order.push_back(s.node(i, j));
    return;
  }
  if (i1 - i0 >= j1 - j0) {
    const int m = (i0 + i1) / 2;
    dissect(s, i0, m, j0, j1, order);
    dissect(s, m + 1, i1, j0, j1, order);
    for (int j = j0; j < j1; ++j) order.push_back(s.node(m, j));
  } else {
    const int m = (j0 + j1) / 2;
    dissect(s, i0, i1, j0, m, order);
    dissect(s, i0, i1, m + 1, j1, order);
    for (int i = i0; i < i1; ++i) order.push_back(s.node(i, m));
  }
}

Section build_section(const Scene& scene, const Grid& grid, const ModePlane& plane, double frequency,
                      const ModeSolverOptions& options) {
  Section s;
  s.normal = plane.normal;
  s.t[0] = (plane.normal + 1) % 3;
  s.t[1] = (plane.normal + 2) % 3;
  s.d = grid.d;
  s.dA = 1;
  const double omega = 2 * kPi * frequency;
  s.omega = options.dt > 0 ? (2 / options.dt) * std::sin(omega * options.dt / 2) : omega;
  for (int a = 0; a < 2; ++a) {
    const int ax = s.t[a];
    s.n[a] = plane.box.extent(ax);
    const bool invariant = grid.dims == 2 && ax == 2;
    const bool whole_axis = plane.box.lo[ax] == 0 && plane.box.hi[ax] == grid.n[ax];
    const auto& faces = scene.domain.boundary[ax];
    s.periodic[a] = invariant || (whole_axis && faces[0].kind == BoundaryKind::periodic &&
                                  faces[1].kind == BoundaryKind::periodic);
    s.dA *= invariant ? 1.0 : grid.d;
    if (!s.periodic[a] && options.pml_cells > 0 && s.n[a] <= 2 * options.pml_cells) {
      std::ostringstream msg;
      msg << "mode solver: the plane has " << s.n[a] << " cells along axis " << "xyz"[ax]
          << ", too few for " << options.pml_cells << " PML cells on each side";
      throw std::runtime_error(msg.str());
    }
  }
  for (int a = 0; a < 3; ++a) s.corner[a] = grid.origin[a] + plane.box.lo[a] * grid.d;
  const PermittivityMap map = permittivity_map(scene, grid, plane.box, 1.0 / frequency);
  const int axes[3] = {s.t[0], s.t[1], s.normal};
  for (int c = 0; c < 3; ++c) {
    s.eps[c].resize(s.nodes());
    for (int j = 0; j < s.n[1]; ++j)
      for (int i = 0; i < s.n[0]; ++i) {
        int idx[3] = {0, 0, 0};
        idx[s.t[0]] = i;
        idx[s.t[1]] = j;
        s.eps[c][s.node(i, j)] = map.at(axes[c], idx[0], idx[1], idx[2]);
      }
  }
  for (int a = 0; a < 2; ++a) {
    s.fwd[a] = difference(s, a, true, options.pml_cells);
    s.bwd[a] = difference(s, a, false, options.pml_cells);
  }
  // Unknowns numbered in nested-dissection order (both components of a node together), so
  // the sparse LU fills in like O(N log N) instead of the O(N^1.5) of a general ordering.
  std::vector<int> order;
  dissect(s, 0, s.n[0], 0, s.n[1], order);
  s.unknown.assign(2 * s.nodes(), -1);
  int count = 0;
  for (int q : order)
    for (int a = 0; a < 2; ++a)
      if (!held_at_zero(s, a, q % s.n[0], q / s.n[0])) s.unknown[a * s.nodes() + q] = count++;
  return s;
}

// The permittivities that multiply E in the operator: zero where E is held at zero (so a
// PEC's -infinity never meets a zero field), and 1/eps_s with zero on walls and in PEC.
std::vector<cplx> active_eps(const Section& s, int a) {
  std::vector<cplx> e = s.eps[a];
  for (int q = 0; q < s.nodes(); ++q)
    if (s.unknown[a * s.nodes() + q] < 0) e[q] = 0;
  return e;
}

std::vector<cplx> inverse_normal_eps(const Section& s) {
  std::vector<cplx> inv(s.nodes());
  for (int j = 0; j < s.n[1]; ++j)
    for (int i = 0; i < s.n[0]; ++i) {
      const int q = s.node(i, j);
      const bool on_wall = (i == 0 && !s.periodic[0]) || (j == 0 && !s.periodic[1]);
      inv[q] = (on_wall || is_pec(s.eps[2][q])) ? cplx(0) : 1.0 / s.eps[2][q];
    }
  return inv;
}

// The operator of the header comment on the unknown transverse E nodes.
SpMat section_matrix(const Section& s) {
  const int N = s.nodes();
  const SpMat inv_es = diagonal(inverse_normal_eps(s));
  const std::array<SpMat, 2> eps_t = {diagonal(active_eps(s, 0)), diagonal(active_eps(s, 1))};
  std::vector<Eigen::Triplet<cplx>> t;
  for (int a = 0; a < 2; ++a)
    for (int b = 0; b < 2; ++b) {
      const int o = s.other(a);
      SpMat block = s.fwd[a] * inv_es * s.bwd[b] * eps_t[b];
      if (a == b)
        block += s.omega * s.omega * eps_t[a] + s.bwd[o] * s.fwd[o];
      else
        block -= s.bwd[b] * s.fwd[a];
      for (int k = 0; k < block.outerSize(); ++k)
        for (SpMat::InnerIterator it(block, k); it; ++it) {
          const int row = s.unknown[a * N + it.row()], col = s.unknown[b * N + it.col()];
          if (row >= 0 && col >= 0) t.emplace_back(row, col, it.value());
        }
    }
  const int count = static_cast<int>(std::count_if(s.unknown.begin(), s.unknown.end(), [](int u) { return u >= 0; }));
  SpMat m(count, count);
  m.setFromTriplets(t.begin(), t.end());
  return m;
}

struct EigenPairs {
  std::vector<cplx> values;
  std::vector<Vec> vectors;  // unit norm
};

// The k eigenpairs nearest sigma (largest |theta| of theta = 1 / (lambda - sigma)), nearest first.
EigenPairs nearest_of(const Eigen::VectorXcd& theta, const Eigen::MatrixXcd& y, const Eigen::MatrixXcd* basis, cplx sigma,
                      int k) {
  std::vector<int> order(theta.size());
  for (int i = 0; i < theta.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](int a, int b) { return std::abs(theta[a]) > std::abs(theta[b]); });
  EigenPairs p;
  for (int i = 0; i < k && i < theta.size(); ++i) {
    p.values.push_back(sigma + 1.0 / theta[order[i]]);
    Vec v = basis ? Vec(*basis * y.col(order[i])) : Vec(y.col(order[i]));
    p.vectors.push_back(v / v.norm());
  }
  return p;
}

// Small problems (a line across a 2D run): all eigenpairs of the dense matrix.
EigenPairs dense_eigenpairs(const SpMat& A, cplx sigma, int k) {
  const Eigen::ComplexEigenSolver<Eigen::MatrixXcd> es(Eigen::MatrixXcd(A), true);
  if (es.info() != Eigen::Success) throw std::runtime_error("mode solver: the dense eigensolver did not converge");
  const Eigen::VectorXcd theta = (es.eigenvalues().array() - sigma).inverse();
  return nearest_of(theta, es.eigenvectors(), nullptr, sigma, k);
}

// Shift-invert Krylov-Schur: Arnoldi on (A - sigma)^-1 (sparse LU), restarted by keeping an
// orthonormal basis of the wanted Ritz vectors (the projected matrix then is full, not
// Hessenberg, which costs nothing at this size). Converged when the Ritz residual of each of
// the k wanted values is below 1e-12 of it.
EigenPairs shift_invert_eigenpairs(const SpMat& A, cplx sigma, int k) {
  const int n = static_cast<int>(A.rows());
  SpMat shifted = A;
  for (int q = 0; q < n; ++q) shifted.coeffRef(q, q) -= sigma;
  Eigen::SparseLU<SpMat, Eigen::NaturalOrdering<int>> lu;  // already dissected
  lu.compute(shifted);
  if (lu.info() != Eigen::Success)
    throw std::runtime_error("mode solver: the shifted operator is singular (neff_guess hits a mode exactly); change neff_guess");
  const int m = std::min(n - 1, std::max(2 * k + 20, 40));
  Eigen::MatrixXcd V(n, m + 1), G = Eigen::MatrixXcd::Zero(m + 1, m);
  std::mt19937 rng(12345);
  std::normal_distribution<double> normal;
  auto random_vector = [&] {
    Vec v(n);
    for (int q = 0; q < n; ++q) v[q] = cplx(normal(rng), normal(rng));
    return v;
  };
  V.col(0) = random_vector().normalized();
  int start = 0;
  for (int restart = 0; restart < 200; ++restart) {
    for (int j = start; j < m; ++j) {
      Vec w = lu.solve(V.col(j));
      for (int pass = 0; pass < 2; ++pass) {  // Gram-Schmidt twice: orthogonal to rounding
        const Vec h = V.leftCols(j + 1).adjoint() * w;
        w -= V.leftCols(j + 1) * h;
        G.col(j).head(j + 1) += h;
      }
      G(j + 1, j) = w.norm();
      if (w.norm() < 1e-300) {  // invariant subspace found: continue from a fresh direction
        w = random_vector();
        w -= V.leftCols(j + 1) * (V.leftCols(j + 1).adjoint() * w);
        G(j + 1, j) = 0;
      }
      V.col(j + 1) = w.normalized();
    }
    const Eigen::ComplexEigenSolver<Eigen::MatrixXcd> es(G.topRows(m), true);
    const Eigen::VectorXcd& theta = es.eigenvalues();
    std::vector<int> order(m);
    for (int i = 0; i < m; ++i) order[i] = i;
    std::sort(order.begin(), order.end(), [&](int a, int b) { return std::abs(theta[a]) > std::abs(theta[b]); });
    bool converged = true;
    for (int i = 0; i < k; ++i) {
      const Vec y = es.eigenvectors().col(order[i]).normalized();
      converged = converged && std::abs((G.row(m) * y).value()) < 1e-12 * std::abs(theta[order[i]]);
    }
    if (converged) {
      const Eigen::MatrixXcd basis = V.leftCols(m);
      return nearest_of(theta, es.eigenvectors(), &basis, sigma, k);
    }
    // Keep the wanted half of the Ritz space: V <- V Q, Q an orthonormal basis of the kept
    // Ritz vectors; the residual direction V(:, m) becomes column p.
    const int p = std::min(m - 1, k + (m - k) / 2);
    Eigen::MatrixXcd Y(m, p);
    for (int i = 0; i < p; ++i) Y.col(i) = es.eigenvectors().col(order[i]);
    const Eigen::MatrixXcd Q = Eigen::HouseholderQR<Eigen::MatrixXcd>(Y).householderQ() * Eigen::MatrixXcd::Identity(m, p);
    const Eigen::MatrixXcd kept = V.leftCols(m) * Q;
    const Eigen::MatrixXcd projected = Q.adjoint() * G.topRows(m) * Q;
    const Eigen::RowVectorXcd coupling = G.row(m) * Q;
    V.col(p) = V.col(m);
    V.leftCols(p) = kept;
    G.setZero();
    G.topLeftCorner(p, p) = projected;
    G.row(p).head(p) = coupling;
    start = p;
  }
  throw std::runtime_error("mode solver: the shift-invert eigensolver did not converge in 200 restarts");
}

EigenPairs eigenpairs(const SpMat& A, cplx sigma, int k) {
  if (A.rows() < k) {
    std::ostringstream msg;
    msg << "mode solver: " << k << " modes asked of a plane with only " << A.rows() << " unknowns";
    throw std::runtime_error(msg.str());
  }
  return A.rows() <= kDenseLimit ? dense_eigenpairs(A, sigma, k) : shift_invert_eigenpairs(A, sigma, k);
}

// b = (2/d) sin(beta d / 2) of an effective index at the section's frequency.
cplx discrete_b(const Section& s, cplx neff, double frequency) {
  return (2 / s.d) * std::sin(2 * kPi * frequency * neff * s.d / 2.0);
}

cplx neff_of(const Section& s, cplx b2, double frequency) {
  const cplx beta = (2 / s.d) * std::asin(std::sqrt(b2) * s.d / 2.0);
  return beta / (2 * kPi * frequency);
}

double default_neff_guess(const Section& s) {
  double n = 1;
  for (const auto& component : s.eps)
    for (cplx e : component)
      if (std::isfinite(e.real()) && e.real() > n * n) n = std::sqrt(e.real());
  return n;
}

// All six components of the mode with transverse E `x` (unknown numbering), flux-normalised.
Mode assemble(const Section& s, cplx b2, const Vec& x, double frequency) {
  const int N = s.nodes();
  const cplx b = std::sqrt(b2);
  const cplx iw = I * s.omega;
  std::array<Vec, 2> e;
  for (int a = 0; a < 2; ++a) {
    e[a] = Vec::Zero(N);
    for (int q = 0; q < N; ++q)
      if (const int u = s.unknown[a * N + q]; u >= 0) e[a][q] = x[u];
  }
  Vec gauss = Vec::Zero(N);  // B_u eps_u E_u + B_v eps_v E_v
  for (int a = 0; a < 2; ++a) gauss += s.bwd[a] * e[a].cwiseProduct(Eigen::Map<const Vec>(active_eps(s, a).data(), N));
  const std::vector<cplx> inv = inverse_normal_eps(s);
  const Vec es = (I / b) * Eigen::Map<const Vec>(inv.data(), N).cwiseProduct(gauss);
  std::array<Vec, 2> h;
  for (int a = 0; a < 2; ++a) {
    const int o = s.other(a);
    const double sign = a == 0 ? 1.0 : -1.0;
    h[a] = sign * (s.fwd[o] * es - I * b * e[o]) / iw;
  }
  const Vec hs = (s.fwd[0] * e[1] - s.fwd[1] * e[0]) / iw;

  Mode mode;
  mode.frequency = frequency;
  mode.neff = neff_of(s, b2, frequency);
  const cplx beta = mode.neff * 2.0 * kPi * frequency;
  mode.loss_db_per_cm = 20 * std::log10(std::exp(1.0)) * beta.imag() * 1e4;
  // Discrete flux as FluxFields::flux sums it: H_t averaged over the layers at -+ d/2.
  const cplx c = std::cos(beta * s.d / 2.0);
  const double flux = std::real(e[0].dot(h[1] * c) - e[1].dot(h[0] * c)) * s.dA;  // dot conjugates its left side
  const double flux_scale = 1 / std::sqrt(std::abs(flux) > 0 ? std::abs(flux) : 1.0);
  // Fix the phase: the largest transverse E sample is real and positive.
  Eigen::Index at0, at1;
  const double m0 = e[0].cwiseAbs().maxCoeff(&at0), m1 = e[1].cwiseAbs().maxCoeff(&at1);
  const cplx peak = m0 >= m1 ? e[0][at0] : e[1][at1];
  const cplx scale = flux_scale * std::conj(peak) / std::abs(peak);
  const Vec* local[6] = {&e[0], &e[1], &es, &h[0], &h[1], &hs};
  const int axes[3] = {s.t[0], s.t[1], s.normal};
  for (int c6 = 0; c6 < 6; ++c6) {
    const Vec v = *local[c6] * scale;
    mode.field[(c6 / 3) * 3 + axes[c6 % 3]].assign(v.data(), v.data() + N);
  }
  const double e1 = e[0].squaredNorm(), e2 = e[1].squaredNorm();
  mode.te_fraction = e1 / (e1 + e2);
  return mode;
}

// Share of sum Re(eps) |E|^2 over all E nodes that lies in the region (transverse extent only).
double confinement(const Section& s, const Mode& mode, const Vec3& center, const Vec3& size) {
  const int axes[3] = {s.t[0], s.t[1], s.normal};
  double inside = 0, total = 0;
  for (int c = 0; c < 3; ++c)
    for (int j = 0; j < s.n[1]; ++j)
      for (int i = 0; i < s.n[0]; ++i) {
        const int q = s.node(i, j);
        if (is_pec(s.eps[c][q])) continue;
        const double w = s.eps[c][q].real() * std::norm(mode.field[axes[c]][q]);
        total += w;
        bool in = true;
        const int idx[2] = {i, j};
        for (int a = 0; a < 2; ++a) {
          if (s.periodic[a] && s.n[a] == 1) continue;  // the invariant axis of a 2D run
          const double x = s.corner[s.t[a]] + (idx[a] + (c == a ? 0.5 : 0.0)) * s.d;
          in = in && std::abs(x - center[s.t[a]]) <= 0.5 * size[s.t[a]] + 1e-9 * s.d;  // a node on the edge is in
        }
        if (in) inside += w;
      }
  return total > 0 ? inside / total : 0;
}

// |<x, y>| of unit vectors: how alike two modes' transverse E are.
double likeness(const Vec& x, const Vec& y) { return std::abs(x.dot(y)); }

struct Solved {
  Section section;
  EigenPairs pairs;
};

Solved solve_section(const Scene& scene, const Grid& grid, const ModePlane& plane, double frequency,
                     const ModeSolverOptions& options, int k) {
  Solved r{build_section(scene, grid, plane, frequency, options), {}};
  const double guess = options.neff_guess > 0 ? options.neff_guess : default_neff_guess(r.section);
  const cplx b = discrete_b(r.section, guess, frequency);
  r.pairs = eigenpairs(section_matrix(r.section), b * b, k);
  return r;
}

void check_request(const ModePlane& plane, double frequency, int num_modes) {
  std::ostringstream msg;
  if (plane.box.empty())
    msg << "mode solver: the mode plane is empty (it misses the grid)";
  else if (!(frequency > 0))
    msg << "mode solver: frequency must be > 0 (1/um), got " << frequency;
  else if (num_modes < 1)
    msg << "mode solver: num_modes must be >= 1, got " << num_modes;
  if (!msg.str().empty()) throw std::runtime_error(msg.str());
}

}  // namespace

int ModePlane::n1() const { return box.extent((normal + 1) % 3); }
int ModePlane::n2() const { return box.extent((normal + 2) % 3); }

ModePlane ModePlane::from_region(const Grid& g, const Vec3& center, const Vec3& size) {
  ModePlane p;
  p.normal = g.plane_normal(size);
  if (p.normal < 0) {
    std::ostringstream msg;
    msg << "mode plane: size (" << size.x << ", " << size.y << ", " << size.z
        << ") must be zero on exactly one axis (the propagation axis" << (g.dims == 2 ? ", x or y in a 2D run)" : ")");
    throw std::runtime_error(msg.str());
  }
  const int N = p.normal;
  // The E_t layer nearest the centre along the normal; whole cells across it.
  const Box layer = g.region(static_cast<Component>((N + 1) % 3), center, size);
  const double tol = 1e-9;
  for (int a = 0; a < 3; ++a) {
    if (a == N) {
      p.box.lo[a] = layer.lo[a];
      p.box.hi[a] = layer.hi[a];
    } else if (g.dims == 2 && a == 2) {
      p.box.lo[a] = 0;
      p.box.hi[a] = 1;
    } else {
      const double lo = (center[a] - 0.5 * size[a] - g.origin[a]) / g.d, hi = (center[a] + 0.5 * size[a] - g.origin[a]) / g.d;
      p.box.lo[a] = std::max(0, static_cast<int>(std::floor(lo + tol)));
      p.box.hi[a] = std::min(g.n[a], static_cast<int>(std::ceil(hi - tol)));
    }
  }
  p.box = intersect(p.box, g.interior());
  if (p.box.empty()) throw std::runtime_error("mode plane: the region misses the grid");
  return p;
}

std::vector<Mode> solve_modes(const Scene& scene, const Grid& grid, const ModePlane& plane, double frequency,
                              const ModeSolverOptions& options) {
  check_request(plane, frequency, options.num_modes);
  const Solved centre = solve_section(scene, grid, plane, frequency, options, options.num_modes);
  std::vector<Mode> modes;
  for (std::size_t m = 0; m < centre.pairs.values.size(); ++m) {
    Mode mode = assemble(centre.section, centre.pairs.values[m], centre.pairs.vectors[m], frequency);
    mode.plane = plane;
    for (const auto& [name, region] : options.regions)
      mode.confinement[name] = confinement(centre.section, mode, region.first, region.second);
    modes.push_back(std::move(mode));
  }
  if (options.compute_group_index) {
    // n_g = d(neff f)/df by a central difference; each mode is found again at f (1 +- h) as
    // the eigenvector most like it (two spare eigenpairs guard against near-degeneracy).
    std::vector<double> beta_f[2];  // Re(neff) f at f (1 - h), f (1 + h), per mode
    for (int side = 0; side < 2; ++side) {
      const double f = frequency * (1 + (side ? kRelativeStep : -kRelativeStep));
      const Solved near = solve_section(scene, grid, plane, f, options, options.num_modes + 2);
      for (std::size_t m = 0; m < modes.size(); ++m) {
        std::size_t best = 0;
        for (std::size_t q = 1; q < near.pairs.vectors.size(); ++q)
          if (likeness(near.pairs.vectors[q], centre.pairs.vectors[m]) >
              likeness(near.pairs.vectors[best], centre.pairs.vectors[m]))
            best = q;
        beta_f[side].push_back((neff_of(near.section, near.pairs.values[best], f) * f).real());
      }
    }
    for (std::size_t m = 0; m < modes.size(); ++m)
      modes[m].group_index = (beta_f[1][m] - beta_f[0][m]) / (2 * kRelativeStep * frequency);
  }
  std::sort(modes.begin(), modes.end(), [](const Mode& a, const Mode& b) { return a.neff.real() > b.neff.real(); });
  return modes;
}

std::vector<Mode> sweep_mode(const Scene& scene, const Grid& grid, const ModePlane& plane,
                             const std::vector<double>& frequencies, int mode_index, ModeSolverOptions options) {
  std::vector<Mode> track;
  for (double f : frequencies) {
    if (track.empty()) {
      options.num_modes = mode_index + 1;
      track.push_back(solve_modes(scene, grid, plane, f, options).at(mode_index));
      continue;
    }
    const Mode& last = track.back();
    // Shift at the index extrapolated along the dispersion: dneff/df = (ng - neff) / f.
    const double slope = options.compute_group_index ? (last.group_index - last.neff.real()) / last.frequency : 0;
    options.neff_guess = last.neff.real() + slope * (f - last.frequency);
    options.num_modes = 3;
    std::vector<Mode> candidates = solve_modes(scene, grid, plane, f, options);
    auto transverse_e = [&](const Mode& m) {
      Vec v(2 * m.field[0].size());
      for (int a = 0; a < 2; ++a) {
        const std::vector<cplx>& c = m.field[(plane.normal + 1 + a) % 3];
        v.segment(a * c.size(), c.size()) = Eigen::Map<const Vec>(c.data(), c.size());
      }
      return Vec(v / v.norm());
    };
    const Vec previous = transverse_e(last);
    auto best = std::max_element(candidates.begin(), candidates.end(), [&](const Mode& a, const Mode& b) {
      return likeness(previous, transverse_e(a)) < likeness(previous, transverse_e(b));
    });
    track.push_back(*best);
  }
  return track;
}

}  // namespace pfdtd

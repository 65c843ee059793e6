// Built-in material library: reference models (published formulas and tables) and the pole
// fit that turns them into FDTD-ready Materials. Sources are cited at each model; the table
// of names, ranges and fit errors is in docs/materials.md.
#include "materials/library.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <limits>
#include <map>
#include <stdexcept>

namespace pfdtd {
namespace {

using cd = std::complex<double>;
constexpr double kPi = 3.14159265358979323846;
// h c and hbar c in eV um (CODATA 2018: h c = 1.239841984 eV um).
constexpr double kHcEvUm = 1.239841984;
constexpr double kHbarCEvUm = kHcEvUm / (2 * kPi);  // 0.1973269804 eV um
// Photon energy (eV) to angular frequency in rad per (um/c).
double omega_of_ev(double e_ev) { return e_ev / kHbarCEvUm; }
double ev_of_lambda(double lambda_um) { return kHcEvUm / lambda_um; }

std::string fmt(double v) {
  char b[32];
  std::snprintf(b, sizeof b, "%.4g", v);
  return b;
}

// ---------------------------------------------------------------------------------------
// Natural cubic spline through (x_i, y_i), x increasing.
class Spline {
 public:
  Spline() = default;
  Spline(std::vector<double> x, std::vector<double> y) : x_(std::move(x)), y_(std::move(y)) {
    const size_t n = x_.size();
    m_.assign(n, 0.0);
    if (n < 3) return;
    // Tridiagonal system for the second derivatives m_i, m_0 = m_{n-1} = 0.
    std::vector<double> c(n, 0.0), d(n, 0.0);
    for (size_t i = 1; i + 1 < n; ++i) {
      const double h0 = x_[i] - x_[i - 1], h1 = x_[i + 1] - x_[i];
      const double a = h0 / 6, b = (h0 + h1) / 3, cc = h1 / 6;
      const double r = (y_[i + 1] - y_[i]) / h1 - (y_[i] - y_[i - 1]) / h0;
      const double den = b - a * c[i - 1];
      c[i] = cc / den;
      d[i] = (r - a * d[i - 1]) / den;
    }
    for (size_t i = n - 2; i >= 1; --i) m_[i] = d[i] - c[i] * m_[i + 1];
  }
  double operator()(double x) const {
    const size_t n = x_.size();
    size_t i = std::upper_bound(x_.begin(), x_.end(), x) - x_.begin();
    i = std::min(std::max<size_t>(i, 1), n - 1);
    const double h = x_[i] - x_[i - 1], t = (x - x_[i - 1]) / h, u = 1 - t;
    return u * y_[i - 1] + t * y_[i] + h * h / 6 * ((u * u * u - u) * m_[i - 1] + (t * t * t - t) * m_[i]);
  }

 private:
  std::vector<double> x_, y_, m_;
};

// ---------------------------------------------------------------------------------------
// Reference models.

// n^2 = a0 + sum_i b_i lambda^2 / (lambda^2 - c_i), lambda in um, c_i in um^2.
struct Sellmeier {
  double a0;
  std::vector<std::pair<double, double>> terms;  // (b_i, c_i)
  cd operator()(double lambda) const {
    const double l2 = lambda * lambda;
    double e = a0;
    for (const auto& t : terms) e += t.first * l2 / (l2 - t.second);
    return std::sqrt(cd(e, 0));
  }
};

// Silicon, 293 K: H. H. Li, "Refractive index of silicon and germanium and its wavelength
// and temperature derivatives", J. Phys. Chem. Ref. Data 9, 561 (1980), table of
// recommended values at 293 K (1.2-14 um), as tabulated by refractiveindex.info (Si/Li-293K).
const std::vector<std::pair<double, double>> kSiLi293 = {
    {1.20, 3.5167}, {1.22, 3.5133}, {1.24, 3.5102}, {1.26, 3.5072}, {1.28, 3.5043}, {1.30, 3.5016},
    {1.32, 3.4990}, {1.34, 3.4965}, {1.36, 3.4941}, {1.38, 3.4918}, {1.40, 3.4896}, {1.45, 3.4845},
    {1.50, 3.4799}, {1.55, 3.4757}, {1.60, 3.4719}, {1.65, 3.4684}, {1.70, 3.4653}, {1.80, 3.4597},
    {1.90, 3.4550}, {2.00, 3.4510}, {2.25, 3.4431}, {2.50, 3.4375}, {2.75, 3.4334}, {3.00, 3.4302},
    {4.00, 3.4229}, {5.00, 3.4195}, {6.00, 3.4177}, {7.00, 3.4165}, {8.00, 3.4158}, {9.00, 3.4153},
    {10.0, 3.4150}, {11.0, 3.4147}, {12.0, 3.4145}, {13.0, 3.4144}, {14.0, 3.4142}};

// Germanium, 300 K: T. N. Nunley et al., "Optical constants of germanium and thermally grown
// germanium dioxide from 0.5 to 6.6 eV via a multi-sample ellipsometry investigation",
// J. Vac. Sci. Technol. B 34, 061205 (2016), supplementary table (lambda um, n, k), rows
// 0.80-2.21 um as tabulated by refractiveindex.info (Ge/Nunley).
const std::vector<std::array<double, 3>> kGeNunley = {
    {0.7999, 4.685, 0.2714}, {0.8051, 4.674, 0.267}, {0.8104, 4.663, 0.2628},
    {0.8157, 4.652, 0.2587}, {0.8211, 4.641, 0.2547}, {0.8266, 4.631, 0.2508},
    {0.8321, 4.621, 0.247}, {0.8377, 4.611, 0.2433}, {0.8434, 4.601, 0.2397},
    {0.8492, 4.591, 0.2362}, {0.8551, 4.582, 0.2328}, {0.861, 4.573, 0.2295},
    {0.867, 4.564, 0.2262}, {0.8731, 4.555, 0.223}, {0.8793, 4.546, 0.2199},
    {0.8856, 4.538, 0.2168}, {0.892, 4.53, 0.2137}, {0.8984, 4.522, 0.2108},
    {0.905, 4.514, 0.2078}, {0.9116, 4.506, 0.2049}, {0.9184, 4.499, 0.202},
    {0.9253, 4.492, 0.1991}, {0.9322, 4.484, 0.1963}, {0.9393, 4.477, 0.1935},
    {0.9464, 4.47, 0.1907}, {0.9537, 4.464, 0.188}, {0.9611, 4.457, 0.1852},
    {0.9686, 4.45, 0.1825}, {0.9763, 4.444, 0.1797}, {0.984, 4.438, 0.177},
    {0.9919, 4.432, 0.1743}, {0.9999, 4.426, 0.1716}, {1.008, 4.42, 0.1689},
    {1.016, 4.414, 0.1661}, {1.025, 4.408, 0.1634}, {1.033, 4.403, 0.1607},
    {1.042, 4.397, 0.158}, {1.051, 4.392, 0.1553}, {1.06, 4.387, 0.1525},
    {1.069, 4.382, 0.1498}, {1.078, 4.377, 0.147}, {1.088, 4.372, 0.1442},
    {1.097, 4.368, 0.1412}, {1.107, 4.364, 0.1378}, {1.117, 4.36, 0.1338},
    {1.127, 4.355, 0.1292}, {1.137, 4.35, 0.1245}, {1.148, 4.344, 0.1204},
    {1.159, 4.337, 0.1171}, {1.17, 4.331, 0.1143}, {1.181, 4.326, 0.1118},
    {1.192, 4.32, 0.1093}, {1.204, 4.315, 0.1068}, {1.216, 4.31, 0.1044},
    {1.228, 4.306, 0.1019}, {1.24, 4.301, 0.09945}, {1.252, 4.296, 0.09698},
    {1.265, 4.292, 0.09449}, {1.278, 4.287, 0.092}, {1.292, 4.283, 0.0895},
    {1.305, 4.279, 0.08699}, {1.319, 4.275, 0.08447}, {1.333, 4.271, 0.08194},
    {1.348, 4.267, 0.07941}, {1.362, 4.263, 0.07687}, {1.378, 4.259, 0.07433},
    {1.393, 4.256, 0.0718}, {1.409, 4.253, 0.06928}, {1.425, 4.249, 0.06677},
    {1.442, 4.246, 0.06429}, {1.459, 4.244, 0.06183}, {1.476, 4.242, 0.05941},
    {1.494, 4.241, 0.057}, {1.512, 4.243, 0.05406}, {1.531, 4.249, 0.04564},
    {1.55, 4.25, 0.02519}, {1.569, 4.234, 0.007651}, {1.59, 4.216, 0.002758},
    {1.61, 4.204, 0.001915}, {1.631, 4.194, 0.001465}, {1.653, 4.186, 0.001106},
    {1.675, 4.178, 0.0008197}, {1.698, 4.171, 0.0005967}, {1.722, 4.164, 0.0004261},
    {1.746, 4.158, 0.0002984}, {1.771, 4.152, 0.0002048}, {1.797, 4.146, 0.0001376},
    {1.823, 4.141, 9.06e-05}, {1.851, 4.136, 5.835e-05}, {1.879, 4.131, 3.677e-05},
    {1.907, 4.126, 2.267e-05}, {1.937, 4.122, 1.366e-05}, {1.968, 4.117, 8.048e-06},
    {2.0, 4.113, 4.634e-06}, {2.033, 4.109, 2.607e-06}, {2.066, 4.105, 1.433e-06},
    {2.101, 4.101, 7.691e-07}, {2.138, 4.097, 4.043e-07}, {2.175, 4.094, 2.065e-07},
    {2.214, 4.09, 0.0},
};

// In(1-x)Ga(x)As(y)P(1-y) lattice-matched to InP.
// Band gap at 300 K: Eg(y) = 1.35 - 0.72 y + 0.12 y^2 eV, R. E. Nahory, M. A. Pollack,
// W. D. Johnston Jr., R. L. Barns, Appl. Phys. Lett. 33, 659 (1978).
double ingaasp_gap_ev(double y) { return 1.35 - 0.72 * y + 0.12 * y * y; }

// Modified single-oscillator model (Afromowitz, Solid State Commun. 15, 59 (1974)) with the
// lattice-matched InGaAsP parameters of F. Fiedler and A. Schlachetzki, "Optical parameters
// of InP-based waveguides", Solid-State Electron. 30, 73 (1987) (after B. Broberg and
// S. Lindgren, J. Appl. Phys. 55, 3376 (1984)):
//   E0 = 3.391 - 1.652 y + 0.863 y^2 - 0.123 y^3 eV,  Ed = 28.91 - 9.278 y + 5.626 y^2 eV,
//   n^2 = 1 + Ed/E0 + Ed E^2/E0^3 + Ed E^4 / (2 E0^3 (E0^2 - Eg^2)) ln((2 E0^2 - Eg^2 - E^2)
//         / (Eg^2 - E^2)),  valid below the gap (E < Eg).
cd ingaasp_mso(double y, double lambda) {
  const double e = ev_of_lambda(lambda);
  const double e0 = 3.391 - 1.652 * y + 0.863 * y * y - 0.123 * y * y * y;
  const double ed = 28.91 - 9.278 * y + 5.626 * y * y;
  const double eg = ingaasp_gap_ev(y);
  const double e2 = e * e, e02 = e0 * e0, eg2 = eg * eg;
  const double n2 = 1 + ed / e0 + ed * e2 / (e02 * e0) +
                    ed * e2 * e2 / (2 * e02 * e0 * (e02 - eg2)) * std::log((2 * e02 - eg2 - e2) / (eg2 - e2));
  return std::sqrt(cd(n2, 0));
}

// Arsenic fraction y of the lattice-matched alloy with gap wavelength lambda_g (inverse of
// the Nahory band gap), and the Ga fraction x = 0.1894 y / (0.4184 - 0.013 y) (Vegard's law
// lattice matching, Nahory et al. 1978).
double y_of_gap_um(double lambda_g) {
  const double eg = ev_of_lambda(lambda_g);
  return (0.72 - std::sqrt(0.72 * 0.72 - 4 * 0.12 * (1.35 - eg))) / (2 * 0.12);
}

// In0.53Ga0.47As lattice-matched to InP: model dielectric function of S. Adachi, "Optical
// dispersion relations for GaP, GaAs, GaSb, InP, InAs, InSb, AlxGa1-xAs, and
// In1-xGaxAsyP1-y", J. Appl. Phys. 66, 6030 (1989), with its parameters for the y = 1
// (In0.53Ga0.47As) composition as used by refractiveindex.info: E0 = 0.75, E0+D0 = 1.04,
// E1 = 2.57, E1+D1 = 2.83, E2 = 4.41, Eg(ind) = 1.20 eV; A = 1.20 eV^1.5, B1 = 3.84,
// B2 = 1.48, B11 = 7.57, B21 = 2.96 eV^-0.5, Gamma = 0.14 eV, C = 2.90, gamma = 0.225,
// D = 20.7, eps_inf = 2.8.
cd ingaas_adachi(double lambda) {
  const double e = ev_of_lambda(lambda);
  const double e0 = 0.75, e0d = 1.04, e1 = 2.57, e1d = 2.83, e2 = 4.41, eg = 1.20;
  const double a = 1.20, b1 = 3.84, b2 = 1.48, b11 = 7.57, b21 = 2.96, gam1 = 0.14, c = 2.90,
               gam2 = 0.225, d = 20.7, einf = 2.8;
  // E0, E0+D0 (3D M0 critical points): f(chi) = chi^-2 (2 - sqrt(1+chi) - sqrt(1-chi)),
  // the square root of (1 - chi) taken as -i sqrt(chi - 1) above the edge (loss > 0).
  auto f = [](double chi) {
    const cd s = chi <= 1 ? cd(std::sqrt(1 - chi), 0) : cd(0, -std::sqrt(chi - 1));
    return (2.0 - std::sqrt(1 + chi) - s) / (chi * chi);
  };
  cd eps = a * std::pow(e0, -1.5) * (f(e / e0) + 0.5 * std::pow(e0 / e0d, 1.5) * f(e / e0d));
  // E1, E1+D1 (2D M0): real part from -B chi^-2 ln(1 - chi^2) with chi = (E + i Gamma)/E1,
  // imaginary part pi chi^-2 (B - B1x sqrt(E1 - E)) where positive (Adachi 1989).
  const cd x1 = cd(e, gam1) / e1, x1s = cd(e, gam1) / e1d;
  eps += (-b1 / (x1 * x1) * std::log(1.0 - x1 * x1) - b2 / (x1s * x1s) * std::log(1.0 - x1s * x1s)).real();
  double e2b = 0;
  if (e < e1) e2b += std::max(0.0, kPi * (e1 / e) * (e1 / e) * (b1 - b11 * std::sqrt(e1 - e)));
  if (e < e1d) e2b += std::max(0.0, kPi * (e1d / e) * (e1d / e) * (b2 - b21 * std::sqrt(e1d - e)));
  eps += cd(0, e2b);
  // E2: damped harmonic oscillator C / ((1 - chi^2) - i chi gamma).
  const double x2 = e / e2;
  eps += c / cd(1 - x2 * x2, -x2 * gam2);
  // Indirect gap: D (E - Eg)^2 / E^2 for Eg < E < E1.
  if (e > eg && e < e1) eps += cd(0, d * (e - eg) * (e - eg) / (e * e));
  return std::sqrt(eps + einf);
}

// Lorentz-Drude metals: A. D. Rakic, A. B. Djurisic, J. M. Elazar, M. L. Majewski, "Optical
// properties of metallic films for vertical-cavity optoelectronic devices", Appl. Opt. 37,
// 5271 (1998), Table 1 (LD model):
//   eps = 1 - f0 wp^2 / (w (w + i G0)) + sum_j f_j wp^2 / (w_j^2 - w^2 - i w G_j)
// (written for exp(-i w t)); energies in eV.
struct RakicLD {
  double wp, f0, g0;
  std::vector<std::array<double, 3>> osc;  // (f_j, Gamma_j, omega_j), eV
  // The model as Material poles: Drude (strength sqrt(f0) wp) and Lorentz poles.
  std::vector<Pole> poles() const {
    std::vector<Pole> p;
    Pole dr;
    dr.kind = Pole::Kind::drude;
    dr.strength = omega_of_ev(std::sqrt(f0) * wp);
    dr.gamma = omega_of_ev(g0);
    p.push_back(dr);
    for (const auto& o : osc) {
      Pole l;
      l.kind = Pole::Kind::lorentz;
      l.strength = o[0] * wp * wp / (o[2] * o[2]);
      l.omega0 = omega_of_ev(o[2]);
      l.gamma = omega_of_ev(o[1]);
      p.push_back(l);
    }
    return p;
  }
};
const RakicLD kAu{9.03, 0.760, 0.053, {{0.024, 0.241, 0.415}, {0.010, 0.345, 0.830}, {0.071, 0.870, 2.969},
                                        {0.601, 2.494, 4.304}, {4.384, 2.214, 13.32}}};
const RakicLD kAl{14.98, 0.523, 0.047, {{0.227, 0.333, 0.162}, {0.050, 0.312, 1.544}, {0.166, 1.351, 1.808},
                                         {0.030, 3.382, 3.473}}};
const RakicLD kCu{10.83, 0.575, 0.030, {{0.061, 0.378, 0.291}, {0.104, 1.056, 2.957}, {0.723, 3.213, 5.300},
                                         {0.638, 4.305, 11.18}}};

cd eps_of_poles(const std::vector<Pole>& poles, double w) {
  cd e = 0;
  for (const Pole& p : poles) e += p.susceptibility(w);
  return e;
}

// ---------------------------------------------------------------------------------------
// Registry.

struct Entry {
  ValidityRange range;
  std::function<cd(double lambda, int axis)> index;
  int extraordinary_axis = -1;     // uniaxial: the axis that takes the extraordinary index
  const RakicLD* metal = nullptr;  // Drude-Lorentz metals keep their published poles
  // Weight of the Im n residuals in the fit (times FitOptions::k_weight) for bands that reach
  // into (edge_lo_um, edge_hi_um): below 1 around an absorption edge that passive poles cannot
  // follow, so that Re n is fitted first and k only as far as it goes with it.
  double k_weight = 1.0;
  double edge_lo_um = 0, edge_hi_um = 0;
};

std::function<cd(double, int)> isotropic(std::function<cd(double)> f) {
  return [f](double l, int) { return f(l); };
}

// LiNbO3, congruent, 21 C: D. E. Zelmon, D. L. Small, D. Jundt, "Infrared corrected
// Sellmeier coefficients for congruently grown lithium niobate and 5 mol.% magnesium
// oxide-doped lithium niobate", J. Opt. Soc. Am. B 14, 3319 (1997), Table (congruent LN):
//   n^2 - 1 = A1 l^2/(l^2 - B1) + A2 l^2/(l^2 - B2) + A3 l^2/(l^2 - B3), 0.4-5.0 um.
const Sellmeier kLnO{1, {{2.6734, 0.01764}, {1.2290, 0.05914}, {12.614, 474.6}}};
const Sellmeier kLnE{1, {{2.9804, 0.02047}, {0.5981, 0.0666}, {8.9543, 416.08}}};

const std::map<std::string, Entry>& registry() {
  static const std::map<std::string, Entry> r = [] {
    std::map<std::string, Entry> m;
    {
      std::vector<double> x, y;
      for (const auto& p : kSiLi293) x.push_back(p.first), y.push_back(p.second);
      Spline s(x, y);
      m["Si"] = {{1.2, 14.0, "H. H. Li, J. Phys. Chem. Ref. Data 9, 561 (1980), table of n at 293 K (cubic spline)"},
                 isotropic([s](double l) { return cd(s(l), 0); })};
    }
    // Fused silica: I. H. Malitson, "Interspecimen comparison of the refractive index of fused
    // silica", J. Opt. Soc. Am. 55, 1205 (1965), dispersion (Sellmeier) equation at 20 C.
    m["SiO2"] = {{0.25, 3.71,
                  "I. H. Malitson, J. Opt. Soc. Am. 55, 1205 (1965), Sellmeier equation; measured 0.21-3.71 um, "
                  "library from 0.25 um (below, poles at >= 0.15 um cannot follow the UV dispersion to 1e-3)"},
                 isotropic(Sellmeier{1, {{0.6961663, 0.0684043 * 0.0684043},
                                         {0.4079426, 0.1162414 * 0.1162414},
                                         {0.8974794, 9.896161 * 9.896161}}})};
    // Stoichiometric LPCVD Si3N4: K. Luke, Y. Okawachi, M. R. E. Lamont, A. L. Gaeta, M. Lipson,
    // "Broadband mid-infrared frequency comb generation in a Si3N4 microresonator", Opt. Lett.
    // 40, 4823 (2015), Sellmeier fit (0.31-5.504 um).
    m["Si3N4"] = {{0.31, 5.504, "K. Luke et al., Opt. Lett. 40, 4823 (2015), Sellmeier equation"},
                  isotropic(Sellmeier{1, {{3.0249, 0.1353406 * 0.1353406}, {40314, 1239.842 * 1239.842}}})};
    // InP, room temperature: G. D. Pettit and W. J. Turner, "Refractive index of InP",
    // J. Appl. Phys. 36, 2081 (1965), as the Sellmeier fit of the Handbook of Optics, 2nd ed.,
    // Vol. 2 (McGraw-Hill 1994): n^2 = 7.255 + 2.316 l^2/(l^2 - 0.6263^2)
    // + 2.765 l^2/(l^2 - 32.935^2), 0.95-10 um.
    m["InP"] = {{0.95, 10.0, "G. D. Pettit, W. J. Turner, J. Appl. Phys. 36, 2081 (1965); Sellmeier of the "
                             "Handbook of Optics 2nd ed. Vol. 2 (1994)"},
                isotropic(Sellmeier{7.255, {{2.316, 0.6263 * 0.6263}, {2.765, 32.935 * 32.935}}})};
    m["InGaAs"] = {{1.26, 1.65,
                    "S. Adachi, J. Appl. Phys. 66, 6030 (1989), model dielectric function, In0.53Ga0.47As; "
                    "library 1.26-1.65 um: above the E0+D0 edge (1.19 um) and up to the unbroadened E0 "
                    "edge (0.75 eV, 1.653 um), where the model's n has a square-root cusp (infinite slope) "
                    "that no pole model follows; n within 1e-3 throughout, k within 1e-3 only for bands "
                    "ending below 1.60 um (up to 1.7e-2 off for bands reaching 1.60-1.65 um, fitted for n "
                    "first)"},
                   isotropic(ingaas_adachi), -1, nullptr, 0.03, 1.60, 1.66};
    {
      std::vector<double> x, n, k;
      for (const auto& p : kGeNunley) x.push_back(p[0]), n.push_back(p[1]), k.push_back(p[2]);
      Spline sn(x, n), sk(x, k);
      m["Ge"] = {{1.10, 1.68,
                  "T. N. Nunley et al., J. Vac. Sci. Technol. B 34, 061205 (2016), n,k table at 300 K "
                  "(cubic spline), 0.19-2.48 um; library 1.10-1.68 um, n within 1e-3 over 1.10-1.48 and "
                  "over 1.26-1.68 um (not in one fit over 1.10-1.68); bands reaching the direct-gap edge "
                  "(1.49-1.60 um, k falls 6x in 40 nm) are fitted for n first: there k is off by up to "
                  "3e-2, elsewhere within 1e-3"},
                 isotropic([sn, sk](double l) { return cd(sn(l), std::max(0.0, sk(l))); }), -1, nullptr, 0.02,
                 1.49, 1.60};
    }
    const std::string zelmon = "D. E. Zelmon, D. L. Small, D. Jundt, J. Opt. Soc. Am. B 14, 3319 (1997), congruent";
    m["LiNbO3-o"] = {{0.4, 5.0, zelmon + ", ordinary index"}, isotropic(kLnO)};
    m["LiNbO3-e"] = {{0.4, 5.0, zelmon + ", extraordinary index"}, isotropic(kLnE)};
    auto uniaxial = [](int eaxis) {
      return [eaxis](double l, int axis) { return axis == eaxis ? kLnE(l) : kLnO(l); };
    };
    m["LiNbO3-z-cut"] = {{0.4, 5.0, zelmon + "; c axis along z (wafer normal)"}, uniaxial(2), 2};
    m["LiNbO3-x-cut"] = {{0.4, 5.0, zelmon + "; c axis along x (in the chip plane)"}, uniaxial(0), 0};
    const std::string rakic = "A. D. Rakic et al., Appl. Opt. 37, 5271 (1998), Lorentz-Drude model, Table 1";
    auto metal = [](const RakicLD& md) {
      return isotropic([&md](double l) {
        return std::sqrt(1.0 + eps_of_poles(md.poles(), omega_of_wavelength(l)));
      });
    };
    m["Au"] = {{0.30, 6.20,
                rakic + "; fitted 0.2-5 eV (0.248-6.2 um), library from 0.30 um (the 13.32 eV term is "
                        "re-fitted with poles at >= 0.15 um)"},
               metal(kAu), -1, &kAu};
    m["Cu"] = {{0.30, 12.4,
                rakic + "; 0.1-6 eV (0.207-12.4 um), library from 0.30 um (the 11.18 eV term is re-fitted "
                        "with poles at >= 0.15 um)"},
               metal(kCu), -1, &kCu};
    m["Al"] = {{0.207, 12.4, rakic + "; 0.1-6 eV (0.207-12.4 um), all terms used as published"}, metal(kAl), -1,
               &kAl};
    return m;
  }();
  return r;
}

// InGaAsP lattice-matched to InP, "InGaAsP-Q<lambda_g>": the MSO model is used from the
// wavelength of Eg - 30 meV (the model diverges at the gap; real layers absorb there) up to
// 2.0 um (the model has no phonon term).
constexpr double kQMin = 0.92, kQMax = 1.65;
ValidityRange ingaasp_range(double lambda_g) {
  const double lo = kHcEvUm / (ev_of_lambda(lambda_g) - 0.030);
  return {lo, 2.0,
          "MSO model of F. Fiedler, A. Schlachetzki, Solid-State Electron. 30, 73 (1987) (after B. Broberg, "
          "S. Lindgren, J. Appl. Phys. 55, 3376 (1984)), Eg(y) of R. E. Nahory et al., Appl. Phys. Lett. 33, "
          "659 (1978); valid from Eg - 30 meV to 2 um"};
}

bool parse_q(const std::string& name, double* lambda_g) {
  const std::string pre = "InGaAsP-Q";
  if (name.compare(0, pre.size(), pre) != 0) return false;
  const std::string num = name.substr(pre.size());
  char* end = nullptr;
  const double v = std::strtod(num.c_str(), &end);
  if (num.empty() || end != num.c_str() + num.size()) return false;
  if (!(v >= kQMin && v <= kQMax)) return false;
  *lambda_g = v;
  return true;
}

const std::vector<std::string>& standard_q() {
  static const std::vector<std::string> q = {"InGaAsP-Q1.1", "InGaAsP-Q1.25", "InGaAsP-Q1.3"};
  return q;
}

std::string known_names() {
  std::string s;
  for (const std::string& n : library_names()) s += (s.empty() ? "" : ", ") + n;
  return s + " (and InGaAsP-Q<gap um> for gaps " + fmt(kQMin) + "-" + fmt(kQMax) + " um)";
}

// Looks a name up: the entry, built on the fly for InGaAsP-Q<x>.
Entry lookup(const std::string& name) {
  const auto& r = registry();
  const auto it = r.find(name);
  if (it != r.end()) return it->second;
  double lg = 0;
  if (parse_q(name, &lg)) {
    const double y = y_of_gap_um(lg);
    return {ingaasp_range(lg), isotropic([y](double l) { return ingaasp_mso(y, l); })};
  }
  throw std::invalid_argument("unknown material '" + name + "'; known: " + known_names());
}

void check_band(const std::string& name, const ValidityRange& r, double lo, double hi) {
  if (!(lo > 0) || !(hi >= lo))
    throw std::invalid_argument("material '" + name + "': invalid band " + fmt(lo) + "-" + fmt(hi) + " um");
  const double slack = 1e-9;
  if (lo < r.lambda_min_um * (1 - slack) || hi > r.lambda_max_um * (1 + slack))
    throw std::out_of_range("material '" + name + "': wavelength band " + fmt(lo) + "-" + fmt(hi) +
                            " um is outside its validity range " + fmt(r.lambda_min_um) + "-" +
                            fmt(r.lambda_max_um) + " um (" + r.source + ")");
}

// ---------------------------------------------------------------------------------------
// Small dense linear algebra for the fit (column-major matrices).

// Least squares min ||A z - b|| for the columns `cols` of A (m rows) by Householder QR.
// Columns whose pivot is negligible get z = 0.
std::vector<double> lstsq(const std::vector<double>& a, int m, const std::vector<int>& cols,
                          const std::vector<double>& b) {
  const int k = static_cast<int>(cols.size());
  std::vector<double> q(static_cast<size_t>(m) * k), rhs(b);
  for (int j = 0; j < k; ++j)
    std::copy(a.begin() + static_cast<size_t>(cols[j]) * m, a.begin() + static_cast<size_t>(cols[j] + 1) * m,
              q.begin() + static_cast<size_t>(j) * m);
  std::vector<double> diag(k, 0.0);
  for (int j = 0; j < k && j < m; ++j) {
    double* c = &q[static_cast<size_t>(j) * m];
    double norm = 0;
    for (int i = j; i < m; ++i) norm += c[i] * c[i];
    norm = std::sqrt(norm);
    if (norm == 0) continue;
    const double alpha = c[j] > 0 ? -norm : norm;
    c[j] -= alpha;
    double vnorm2 = 0;
    for (int i = j; i < m; ++i) vnorm2 += c[i] * c[i];
    diag[j] = alpha;
    if (vnorm2 == 0) continue;
    for (int jj = j + 1; jj < k; ++jj) {
      double* d = &q[static_cast<size_t>(jj) * m];
      double s = 0;
      for (int i = j; i < m; ++i) s += c[i] * d[i];
      s *= 2 / vnorm2;
      for (int i = j; i < m; ++i) d[i] -= s * c[i];
    }
    double s = 0;
    for (int i = j; i < m; ++i) s += c[i] * rhs[i];
    s *= 2 / vnorm2;
    for (int i = j; i < m; ++i) rhs[i] -= s * c[i];
  }
  double dmax = 0;
  for (double d : diag) dmax = std::max(dmax, std::abs(d));
  std::vector<double> z(k, 0.0);
  for (int j = std::min(k, m) - 1; j >= 0; --j) {
    if (std::abs(diag[j]) <= 1e-13 * dmax) continue;
    double s = rhs[j];
    for (int jj = j + 1; jj < k; ++jj) s -= q[static_cast<size_t>(jj) * m + j] * z[jj];
    z[j] = s / diag[j];
  }
  return z;
}

// Non-negative least squares min ||A x - b||, x >= 0 (C. L. Lawson and R. J. Hanson,
// "Solving Least Squares Problems", Prentice-Hall 1974, ch. 23).
std::vector<double> nnls(const std::vector<double>& a, int m, int n, const std::vector<double>& b) {
  std::vector<double> x(n, 0.0), r(b);
  std::vector<char> passive(n, 0);
  double bnorm = 0;
  for (double v : b) bnorm += v * v;
  const double tol = 1e-12 * std::sqrt(bnorm) + 1e-300;
  for (int outer = 0; outer < 3 * n + 10; ++outer) {
    int jmax = -1;
    double wmax = tol;
    for (int j = 0; j < n; ++j) {
      if (passive[j]) continue;
      double w = 0;
      for (int i = 0; i < m; ++i) w += a[static_cast<size_t>(j) * m + i] * r[i];
      if (w > wmax) wmax = w, jmax = j;
    }
    if (jmax < 0) break;
    passive[jmax] = 1;
    for (int inner = 0; inner < 3 * n + 10; ++inner) {
      std::vector<int> cols;
      for (int j = 0; j < n; ++j)
        if (passive[j]) cols.push_back(j);
      const std::vector<double> zp = lstsq(a, m, cols, b);
      bool feasible = true;
      for (double v : zp) feasible = feasible && v > 0;
      if (feasible) {
        std::fill(x.begin(), x.end(), 0.0);
        for (size_t t = 0; t < cols.size(); ++t) x[cols[t]] = zp[t];
        break;
      }
      double alpha = 1;
      for (size_t t = 0; t < cols.size(); ++t) {
        const int j = cols[t];
        if (zp[t] <= 0) alpha = std::min(alpha, x[j] / (x[j] - zp[t]));
      }
      for (size_t t = 0; t < cols.size(); ++t) {
        const int j = cols[t];
        x[j] += alpha * (zp[t] - x[j]);
        if (x[j] <= 1e-15 * (1 + std::abs(zp[t]))) x[j] = 0, passive[j] = 0;
      }
      if (std::none_of(passive.begin(), passive.end(), [](char c) { return c != 0; })) break;
    }
    for (int i = 0; i < m; ++i) {
      double s = b[i];
      for (int j = 0; j < n; ++j)
        if (x[j] != 0) s -= a[static_cast<size_t>(j) * m + i] * x[j];
      r[i] = s;
    }
  }
  return x;
}

// Solves the small dense system M d = g (Gaussian elimination, partial pivoting).
bool solve_dense(std::vector<double> mat, std::vector<double> g, int n, std::vector<double>* d) {
  for (int c = 0; c < n; ++c) {
    int p = c;
    for (int i = c + 1; i < n; ++i)
      if (std::abs(mat[i * n + c]) > std::abs(mat[p * n + c])) p = i;
    if (std::abs(mat[p * n + c]) < 1e-300) return false;
    if (p != c) {
      for (int j = 0; j < n; ++j) std::swap(mat[c * n + j], mat[p * n + j]);
      std::swap(g[c], g[p]);
    }
    for (int i = c + 1; i < n; ++i) {
      const double f = mat[i * n + c] / mat[c * n + c];
      for (int j = c; j < n; ++j) mat[i * n + j] -= f * mat[c * n + j];
      g[i] -= f * g[c];
    }
  }
  d->assign(n, 0.0);
  for (int i = n - 1; i >= 0; --i) {
    double s = g[i];
    for (int j = i + 1; j < n; ++j) s -= mat[i * n + j] * (*d)[j];
    (*d)[i] = s / mat[i * n + i];
  }
  return true;
}

// ---------------------------------------------------------------------------------------
// The pole fit.
//
// Model along one axis: eps(w) = fixed(w) + 1 + c0 + sum_j c_j w_j^2 / (w_j^2 - w^2 - i g_j w)
// with c >= 0 (epsilon_inf >= 1, passive poles), kMinPoleOmega <= w_j <= kMaxPoleOmega,
// 1e-3 w_j <= g_j <= kMaxGamma (g_j = 0 for a lossless reference). For given (w_j, g_j) the c are a
// non-negative least-squares problem (residuals weighted by 1/(2|n_ref|), i.e. errors in n
// to first order); the (w_j, g_j) are chosen by forward selection from a dictionary and then
// refined by Levenberg-Marquardt on the projected problem (variable projection).

constexpr double kMaxGamma = 3 * kMaxPoleOmega;
// Damped poles keep g >= 1e-3 w0: no near-undamped resonance of a lossy fit can hide
// between the points where the fit is checked.
constexpr double kMinDamping = 1e-3;

struct Atom {
  double w0, g;
};

cd lorentz(double w, const Atom& p) { return p.w0 * p.w0 / (p.w0 * p.w0 - w * w - cd(0, 1) * p.g * w); }

struct FitProblem {
  std::vector<double> w;
  std::vector<cd> wt;      // 1 / (2 n_ref): residuals in eps become (dn, dk) to first order
  std::vector<cd> target;  // eps_ref - fixed - 1
  std::vector<double> kw;  // the Im rows (dk) of sample i are scaled by kw[i]
  bool lossless = true;
  int rows() const { return 2 * static_cast<int>(w.size()); }
};

struct Solution {
  std::vector<double> c;  // c0 then one per atom
  std::vector<double> residual;
  double cost = 0;
};

Solution project(const FitProblem& pb, const std::vector<Atom>& atoms) {
  const int m = pb.rows(), mw = m / 2, n = 1 + static_cast<int>(atoms.size());
  std::vector<double> a(static_cast<size_t>(m) * n), b(m), scale(n);
  for (int j = 0; j < n; ++j) {
    double* col = &a[static_cast<size_t>(j) * m];
    for (int i = 0; i < mw; ++i) {
      const cd v = (j == 0 ? cd(1, 0) : lorentz(pb.w[i], atoms[j - 1])) * pb.wt[i];
      col[i] = v.real();
      col[mw + i] = v.imag() * pb.kw[i];
    }
    double s = 0;
    for (int i = 0; i < m; ++i) s += col[i] * col[i];
    scale[j] = s > 0 ? 1 / std::sqrt(s) : 0;
    for (int i = 0; i < m; ++i) col[i] *= scale[j];
  }
  for (int i = 0; i < mw; ++i) {
    const cd v = pb.target[i] * pb.wt[i];
    b[i] = v.real();
    b[mw + i] = v.imag() * pb.kw[i];
  }
  const std::vector<double> x = nnls(a, m, n, b);
  Solution s;
  s.c.resize(n);
  s.residual.assign(m, 0.0);
  for (int i = 0; i < m; ++i) s.residual[i] = -b[i];
  for (int j = 0; j < n; ++j) {
    s.c[j] = x[j] * scale[j];
    if (x[j] == 0) continue;
    for (int i = 0; i < m; ++i) s.residual[i] += a[static_cast<size_t>(j) * m + i] * x[j];
  }
  for (double r : s.residual) s.cost += r * r;
  return s;
}

std::vector<Atom> dictionary(const FitProblem& pb) {
  std::vector<Atom> d;
  const double wlo = pb.w.front(), whi = pb.w.back();
  const int n = 40;
  for (int i = 0; i < n; ++i) {
    const double w0 = kMinPoleOmega * std::pow(kMaxPoleOmega / kMinPoleOmega, i / double(n - 1));
    if (pb.lossless) {
      if (w0 > 0.97 * wlo && w0 < 1.03 * whi) continue;  // no lossless resonance in the band
      d.push_back({w0, 0.0});
    } else {
      for (double gf : {0.01, 0.03, 0.1, 0.3, 1.0, 3.0}) d.push_back({w0, std::min(gf * w0, kMaxGamma)});
    }
  }
  return d;
}

// Parameters in log space: log w0 (and log g for damped poles), clamped to the bounds.
std::vector<Atom> unpack(const std::vector<double>& x, bool lossless) {
  std::vector<Atom> atoms;
  const size_t step = lossless ? 1 : 2;
  for (size_t i = 0; i < x.size(); i += step) {
    Atom a;
    a.w0 = std::min(std::max(std::exp(std::min(x[i], 30.0)), kMinPoleOmega), kMaxPoleOmega);
    a.g = lossless ? 0.0
                   : std::min(std::max(std::exp(std::min(std::max(x[i + 1], -40.0), 30.0)), kMinDamping * a.w0),
                              kMaxGamma);
    atoms.push_back(a);
  }
  return atoms;
}

std::vector<Atom> refine(const FitProblem& pb, const std::vector<Atom>& start) {
  std::vector<double> x;
  for (const Atom& a : start) {
    x.push_back(std::log(a.w0));
    if (!pb.lossless) x.push_back(std::log(std::max(a.g, 1e-12)));
  }
  const int np = static_cast<int>(x.size()), m = pb.rows();
  Solution cur = project(pb, unpack(x, pb.lossless));
  double lambda = 1e-3;
  for (int it = 0; it < 80; ++it) {
    // Forward-difference Jacobian of the projected residual.
    std::vector<double> jac(static_cast<size_t>(m) * np);
    const double h = 1e-6;
    for (int k = 0; k < np; ++k) {
      std::vector<double> xp = x;
      xp[k] += h;
      const Solution s = project(pb, unpack(xp, pb.lossless));
      for (int i = 0; i < m; ++i) jac[static_cast<size_t>(k) * m + i] = (s.residual[i] - cur.residual[i]) / h;
    }
    std::vector<double> jtj(static_cast<size_t>(np) * np, 0.0), jtr(np, 0.0);
    for (int p = 0; p < np; ++p) {
      for (int q = p; q < np; ++q) {
        double s = 0;
        for (int i = 0; i < m; ++i) s += jac[static_cast<size_t>(p) * m + i] * jac[static_cast<size_t>(q) * m + i];
        jtj[p * np + q] = jtj[q * np + p] = s;
      }
      double s = 0;
      for (int i = 0; i < m; ++i) s += jac[static_cast<size_t>(p) * m + i] * cur.residual[i];
      jtr[p] = -s;
    }
    bool improved = false;
    double gain = 0;
    while (lambda < 1e10) {
      std::vector<double> mat = jtj, dx;
      for (int p = 0; p < np; ++p) mat[p * np + p] += lambda * (jtj[p * np + p] + 1e-12);
      if (!solve_dense(mat, jtr, np, &dx)) {
        lambda *= 4;
        continue;
      }
      std::vector<double> xn = x;
      for (int p = 0; p < np; ++p) xn[p] = std::min(std::max(xn[p] + dx[p], -40.0), 30.0);
      const Solution s = project(pb, unpack(xn, pb.lossless));
      if (s.cost < cur.cost) {
        gain = (cur.cost - s.cost) / std::max(cur.cost, 1e-300);
        x = xn;
        cur = s;
        lambda = std::max(lambda / 3, 1e-10);
        improved = true;
        break;
      }
      lambda *= 4;
    }
    if (!improved || gain < 1e-10) break;
  }
  return unpack(x, pb.lossless);
}

struct PoleModel {
  double eps_inf = 1;
  std::vector<Pole> poles;  // fixed poles first, then fitted ones
};

cd model_eps(const PoleModel& pm, double w) { return pm.eps_inf + eps_of_poles(pm.poles, w); }

// Errors of a model on a dense grid of the band (401 points uniform in wavelength): the
// largest complex |n_model - n_ref| and where, the largest |dRe n| and |dIm n|, and the
// largest weighted error |dn + i kw(lambda) dk| the fit selects models by.
struct ErrorStats {
  double index = -1, at = 0, n = 0, k = 0, score = -1;
};

ErrorStats max_error(const PoleModel& pm, const std::function<cd(double)>& ref, double lo, double hi,
                     const std::function<double(double)>& kw = nullptr) {
  const int n = 400;
  ErrorStats st;
  st.at = lo;
  for (int i = 0; i <= n; ++i) {
    const double l = lo + (hi - lo) * i / n;
    const cd d = std::sqrt(model_eps(pm, omega_of_wavelength(l))) - ref(l);
    const double e = std::abs(d);
    if (e > st.index) st.index = e, st.at = l;
    st.n = std::max(st.n, std::abs(d.real()));
    st.k = std::max(st.k, std::abs(d.imag()));
    st.score = std::max(st.score, std::abs(cd(d.real(), (kw ? kw(l) : 1.0) * d.imag())));
  }
  return st;
}

FitReport report_of(const ErrorStats& st, int poles) {
  FitReport r;
  r.max_index_error = st.index;
  r.lambda_at_max = st.at;
  r.max_n_error = st.n;
  r.max_k_error = st.k;
  r.poles = poles;
  return r;
}

// Fits `ref` over [lo, hi] with the fixed poles `fixed` kept as they are.
// kw_at(lambda), if given, scales the weight of the Im n residuals (times opt.k_weight).
PoleModel fit_axis(const std::function<cd(double)>& ref, const std::vector<Pole>& fixed, double lo, double hi,
                   const FitOptions& opt, FitReport* rep, const std::function<double(double)>& kw_at = nullptr) {
  if (hi - lo < 1e-6 * lo) {  // a single wavelength: fit a narrow band around it
    const double mid = 0.5 * (lo + hi);
    lo = mid * (1 - 5e-4);
    hi = mid * (1 + 5e-4);
  }
  FitProblem pb;
  const int ns = std::max(8, opt.samples);
  double max_k = 0;
  for (int i = 0; i < ns; ++i) {
    const double w = omega_of_wavelength(hi) + (omega_of_wavelength(lo) - omega_of_wavelength(hi)) * i / (ns - 1);
    const cd n = ref(2 * kPi / w);
    pb.w.push_back(w);
    pb.wt.push_back(std::abs(n) > 1e-3 ? 1.0 / (2.0 * n) : cd(500, 0));
    pb.target.push_back(n * n - eps_of_poles(fixed, w) - 1.0);
    max_k = std::max(max_k, n.imag());
  }
  for (int i = 0; i <= 200; ++i) max_k = std::max(max_k, ref(lo + (hi - lo) * i / 200).imag());
  pb.lossless = fixed.empty() && max_k < 1e-7;
  // The weight of the Im n residuals the models are judged by, and per sample.
  std::function<double(double)> kweight = nullptr;
  if (!pb.lossless && (opt.k_weight < 1 || kw_at))
    kweight = [&opt, &kw_at](double l) {
      return std::min(1.0, std::max(opt.k_weight * (kw_at ? kw_at(l) : 1.0), 1e-6));
    };
  std::vector<double> kw_target;
  double min_kw = 1;
  for (double w : pb.w) {
    kw_target.push_back(kweight ? kweight(2 * kPi / w) : 1.0);
    min_kw = std::min(min_kw, kw_target.back());
  }
  pb.kw.assign(pb.w.size(), 1.0);
  const int kmax = pb.lossless ? opt.max_poles_lossless : opt.max_poles_lossy;

  auto build = [&](const std::vector<Atom>& atoms) {
    const Solution s = project(pb, atoms);
    PoleModel pm;
    pm.eps_inf = 1 + s.c[0];
    pm.poles = fixed;
    for (size_t j = 0; j < atoms.size(); ++j) {
      if (s.c[j + 1] <= 0) continue;
      Pole p;
      p.kind = Pole::Kind::lorentz;
      p.strength = s.c[j + 1];
      p.omega0 = atoms[j].w0;
      p.gamma = atoms[j].g;
      pm.poles.push_back(p);
    }
    return pm;
  };

  // Models are judged by the weighted error at the requested k weight; the poles are chosen
  // at k weight 1 first (the complex fit), then, for a smaller weight, re-refined while the
  // weight is lowered step by step (a continuation: the projected problem at a small weight
  // alone has many poor local minima), with poles re-added where some were dropped.
  std::vector<Atom> atoms;
  PoleModel best = build(atoms);
  auto best_err = max_error(best, ref, lo, hi, kweight);
  const std::vector<Atom> dict = dictionary(pb);
  auto prune = [&] {
    const Solution s = project(pb, atoms);
    std::vector<Atom> kept;
    for (size_t j = 0; j < atoms.size(); ++j)
      if (s.c[j + 1] > 0) kept.push_back(atoms[j]);
    atoms = kept;
  };
  std::vector<Atom> best_atoms;
  auto consider = [&] {
    const PoleModel pm = build(atoms);
    const auto err = max_error(pm, ref, lo, hi, kweight);
    if (err.score < best_err.score) best = pm, best_err = err, best_atoms = atoms;
  };
  auto add_pole = [&] {
    // Forward selection: the dictionary atom that lowers the projected cost most.
    double bc = std::numeric_limits<double>::infinity();
    Atom pick{};
    for (const Atom& d : dict) {
      std::vector<Atom> trial = atoms;
      trial.push_back(d);
      const double c = project(pb, trial).cost;
      if (c < bc) bc = c, pick = d;
    }
    atoms.push_back(pick);
    atoms = refine(pb, atoms);
    prune();
    consider();
  };
  for (int k = 1; k <= kmax && best_err.score >= opt.tolerance; ++k) add_pole();
  if (min_kw < 1 && best_err.score >= opt.tolerance) {
    for (double t = 1.0 / 3; t > min_kw / 3; t /= 3) {
      for (size_t i = 0; i < pb.w.size(); ++i) pb.kw[i] = std::max(kw_target[i], t);
      atoms = refine(pb, atoms);
      prune();
      consider();
    }
    for (int k = static_cast<int>(atoms.size()); k < kmax && best_err.score >= opt.tolerance; ++k) add_pole();
    // Towards the smallest largest error rather than the smallest squares (Lawson's
    // iteratively reweighted least squares): samples weighted up where the error is large.
    const std::vector<cd> wt0 = pb.wt;
    std::vector<double> mult(pb.w.size(), 1.0);
    const int mw = static_cast<int>(pb.w.size());
    for (int round = 0; round < opt.minimax_rounds && best_err.score >= opt.tolerance; ++round) {
      const Solution sol = project(pb, atoms);
      std::vector<double> e(mw);
      double emax = 0;
      for (int i = 0; i < mw; ++i) {
        e[i] = std::hypot(sol.residual[i], sol.residual[mw + i]) / mult[i];
        emax = std::max(emax, e[i]);
      }
      if (!(emax > 0)) break;
      double mmax = 0;
      for (int i = 0; i < mw; ++i) mult[i] *= std::sqrt(std::max(e[i] / emax, 1e-6)), mmax = std::max(mmax, mult[i]);
      for (int i = 0; i < mw; ++i) {
        mult[i] = std::max(mult[i] / mmax, 1e-3);
        pb.wt[i] = wt0[i] * mult[i];
      }
      atoms = refine(pb, atoms);
      prune();
      consider();
      if (static_cast<int>(atoms.size()) < kmax) add_pole();
    }
  }
  if (rep) *rep = report_of(best_err, static_cast<int>(best.poles.size()));
  return best;
}

void merge(FitReport* total, const FitReport& axis) {
  if (!total) return;
  if (axis.max_index_error >= total->max_index_error) {
    total->max_index_error = axis.max_index_error;
    total->lambda_at_max = axis.lambda_at_max;
  }
  total->max_n_error = std::max(total->max_n_error, axis.max_n_error);
  total->max_k_error = std::max(total->max_k_error, axis.max_k_error);
  total->poles = std::max(total->poles, axis.poles);
}

void set_axis(Material* m, int axis, const PoleModel& pm) {
  m->epsilon[axis] = pm.eps_inf;
  m->poles[axis] = pm.poles;
}

}  // namespace

// ---------------------------------------------------------------------------------------
// Public API.

std::vector<std::string> library_names() {
  std::vector<std::string> names;
  for (const auto& kv : registry()) names.push_back(kv.first);
  for (const std::string& q : standard_q()) names.push_back(q);
  return names;
}

ValidityRange library_range(const std::string& name) { return lookup(name).range; }

std::complex<double> reference_index(const std::string& name, double lambda_um, int axis) {
  const Entry e = lookup(name);
  if (axis < 0 || axis > 2) throw std::invalid_argument("reference_index: axis must be 0, 1 or 2");
  if (!(lambda_um >= e.range.lambda_min_um * (1 - 1e-9) && lambda_um <= e.range.lambda_max_um * (1 + 1e-9)))
    throw std::out_of_range("material '" + name + "': wavelength " + fmt(lambda_um) +
                            " um is outside its validity range " + fmt(e.range.lambda_min_um) + "-" +
                            fmt(e.range.lambda_max_um) + " um (" + e.range.source + ")");
  return e.index(lambda_um, axis);
}

Material library_material(const std::string& name, double lambda_min_um, double lambda_max_um,
                          FitReport* report) {
  return library_material(name, lambda_min_um, lambda_max_um, FitOptions{}, report);
}

Material library_material(const std::string& name, double lo, double hi, const FitOptions& options,
                          FitReport* report) {
  const Entry e = lookup(name);
  check_band(name, e.range, lo, hi);
  const FitOptions& opt = options;
  // A band that reaches into the entry's absorption edge is fitted for Re n first, all of
  // it (a lower k weight only near the edge leaves the k step to be matched next to it, which
  // spoils n as much as the complex fit does). Bands narrower than 1% are fitted in complex n
  // (a single wavelength stays exact).
  std::function<double(double)> kw_at = nullptr;
  if (e.k_weight < 1 && hi > e.edge_lo_um && lo < e.edge_hi_um && hi - lo > 0.01 * lo)
    kw_at = [&e](double) { return e.k_weight; };
  Material m(name, 1.0);
  FitReport total;
  total.max_index_error = 0;
  if (e.metal) {
    // Keep the Drude term and every Lorentz term the FDTD can take; re-fit the rest.
    std::vector<Pole> kept;
    bool all = true;
    for (const Pole& p : e.metal->poles()) {
      if (p.kind == Pole::Kind::lorentz && p.omega0 > kMaxPoleOmega)
        all = false;
      else
        kept.push_back(p);
    }
    FitReport r;
    PoleModel pm;
    const auto ref = [&e](double l) { return e.index(l, 0); };
    if (all) {
      pm.poles = kept;
      r = report_of(max_error(pm, ref, lo, hi), static_cast<int>(kept.size()));
    } else {
      FitOptions mo = opt;  // a compact re-fit: at most 3 poles for the dropped terms
      mo.max_poles_lossy = std::min(opt.max_poles_lossy, 3);
      pm = fit_axis(ref, kept, lo, hi, mo, &r);
    }
    for (int a = 0; a < 3; ++a) set_axis(&m, a, pm);
    merge(&total, r);
  } else if (e.extraordinary_axis >= 0) {
    const int ea = e.extraordinary_axis, oa = (ea + 1) % 3;
    FitReport ro, re;
    const PoleModel po = fit_axis([&e, oa](double l) { return e.index(l, oa); }, {}, lo, hi, opt, &ro, kw_at);
    const PoleModel pe = fit_axis([&e, ea](double l) { return e.index(l, ea); }, {}, lo, hi, opt, &re, kw_at);
    for (int a = 0; a < 3; ++a) set_axis(&m, a, a == ea ? pe : po);
    merge(&total, ro);
    merge(&total, re);
  } else {
    FitReport r;
    const PoleModel pm = fit_axis([&e](double l) { return e.index(l, 0); }, {}, lo, hi, opt, &r, kw_at);
    for (int a = 0; a < 3; ++a) set_axis(&m, a, pm);
    merge(&total, r);
  }
  if (report) *report = total;
  return m;
}

double ingaasp_arsenic_fraction(double bandgap_um) {
  if (!(bandgap_um >= kQMin && bandgap_um <= kQMax))
    throw std::out_of_range("InGaAsP: band-gap wavelength " + fmt(bandgap_um) + " um outside " + fmt(kQMin) +
                            "-" + fmt(kQMax) + " um (InP to In0.53Ga0.47As)");
  return std::min(1.0, std::max(0.0, y_of_gap_um(bandgap_um)));
}

double ingaasp_gallium_fraction(double bandgap_um) {
  const double y = ingaasp_arsenic_fraction(bandgap_um);
  return 0.1894 * y / (0.4184 - 0.013 * y);
}

static std::string q_name(double bandgap_um) {
  char b[48];
  std::snprintf(b, sizeof b, "InGaAsP-Q%g", bandgap_um);
  return b;
}

std::complex<double> ingaasp_index(double bandgap_um, double lambda_um) {
  ingaasp_arsenic_fraction(bandgap_um);  // range check
  return reference_index(q_name(bandgap_um), lambda_um);
}

Material ingaasp(double bandgap_um, double lambda_min_um, double lambda_max_um, FitReport* report) {
  ingaasp_arsenic_fraction(bandgap_um);  // range check
  return library_material(q_name(bandgap_um), lambda_min_um, lambda_max_um, report);
}

Material fit_index_model(const std::string& name, const std::function<std::complex<double>(double)>& index,
                         double lo, double hi, const FitOptions& options, FitReport* report) {
  if (!(lo > 0) || !(hi >= lo))
    throw std::invalid_argument("fit_index_model: invalid band " + fmt(lo) + "-" + fmt(hi) + " um");
  FitReport r;
  const PoleModel pm = fit_axis(index, {}, lo, hi, options, &r);
  Material m(name, 1.0);
  for (int a = 0; a < 3; ++a) set_axis(&m, a, pm);
  if (report) *report = r;
  return m;
}

Material orient_uniaxial(const Material& in, int axis) {
  if (axis < 0 || axis > 2) throw std::invalid_argument("orient_uniaxial: axis must be 0, 1 or 2");
  Material m = in;
  if (axis == 2) return m;
  std::swap(m.epsilon[2], m.epsilon[axis]);
  std::swap(m.conductivity[2], m.conductivity[axis]);
  std::swap(m.poles[2], m.poles[axis]);
  return m;
}

Material gain_material(double index, double gain_per_cm, double lambda_um, double linewidth_um) {
  if (!(index > 0) || !(lambda_um > 0) || !(linewidth_um > 0))
    throw std::invalid_argument("gain_material: index, wavelength and linewidth must be > 0");
  const double g = gain_per_cm * 1e-4;              // 1/um
  const double kappa = -g * lambda_um / (4 * kPi);  // Im n for power gain g
  // eps(w0) = (n + i kappa)^2: the real part from eps_inf, the imaginary part 2 n kappa from
  // the pole, Im chi(w0) = strength w0 / gamma; gamma is the line's full width in omega.
  const double w0 = 2 * kPi / lambda_um, gamma = w0 * linewidth_um / lambda_um;
  Material m("gain", index * index - kappa * kappa);
  for (auto& axis : m.poles) axis.push_back(Pole{Pole::Kind::lorentz, 2 * index * kappa * gamma / w0, w0, gamma});
  return m;
}

}  // namespace pfdtd

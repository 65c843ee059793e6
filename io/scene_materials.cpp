#include "io/scene_materials.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <stdexcept>

#include "materials/library.hpp"
#include "materials/perturbations.hpp"

namespace pfdtd {

using namespace scene_detail;

namespace {

constexpr double kFsToUmPerC = 0.299792458;  // 1 fs of time is 0.2998 um/c

// A number, or a list of three (one per axis).
Diagonal per_axis(const Field& f, const Range& r) {
  if (!f.node.IsSequence()) return Diagonal(f.number(r));
  const std::vector<Field> items = f.items("a number or a list of 3 numbers [x, y, z]");
  if (items.size() != 3) f.fail("got " + describe(f.node), "a number or a list of 3 numbers [x, y, z]");
  return Diagonal(items[0].number(r), items[1].number(r), items[2].number(r));
}

// poles: [{lorentz: {delta_eps, wavelength, gamma}}, {drude: {plasma_wavelength, gamma}},
//         {debye: {delta_eps, tau_fs}}]; gamma in 1/(um/c) is 2 pi times a frequency in 1/um.
Pole read_pole(const Field& item) {
  const Tagged t = tagged(item, {"lorentz", "drude", "debye"});
  Pole p;
  if (t.kind == "lorentz") {
    const Map m(t.body, {"delta_eps", "wavelength", "gamma"});
    p.kind = Pole::Kind::lorentz;
    p.strength = m.need("delta_eps", "a number").number();
    p.omega0 = omega_of_wavelength(m.need("wavelength", "the resonance wavelength in um").number(kPositive));
    if (const Field* g = m.find("gamma")) p.gamma = g->number(kNonNegative);
  } else if (t.kind == "drude") {
    const Map m(t.body, {"plasma_wavelength", "gamma"});
    p.kind = Pole::Kind::drude;
    p.strength = omega_of_wavelength(m.need("plasma_wavelength", "the plasma wavelength in um").number(kPositive));
    if (const Field* g = m.find("gamma")) p.gamma = g->number(kNonNegative);
  } else {
    const Map m(t.body, {"delta_eps", "tau_fs"});
    p.kind = Pole::Kind::debye;
    p.strength = m.need("delta_eps", "a number").number();
    p.gamma = 1 / (m.need("tau_fs", "the relaxation time in fs").number(kPositive) * kFsToUmPerC);
  }
  return p;
}

// The band a library material is fitted over: `band: [lo, hi]` in um, else 1.26-1.68 um
// (the O to U bands, where the library is validated) clipped to the material's range.
std::array<double, 2> band_of(const Map& m, const std::string& lib) {
  const Field* b = m.find("band");
  if (!b) {
    try {
      const ValidityRange r = library_range(lib);
      return {std::max(1.26, r.lambda_min_um), std::min(1.68, r.lambda_max_um)};
    } catch (const std::exception&) {
      return {1.26, 1.68};  // an unknown name: library_material reports it
    }
  }
  const std::vector<Field> items = b->items("a list [min, max] of wavelengths in um");
  if (items.size() != 2) b->fail("got " + describe(b->node), "a list [min, max] of wavelengths in um");
  const double lo = items[0].number(kPositive), hi = items[1].number(kPositive);
  if (!(hi > lo)) b->fail("the band's maximum is not above its minimum", "[min, max] with max > min");
  return {lo, hi};
}

Material library(const std::string& name, const Map& m, std::vector<std::string>& notes) {
  const Field& f = *m.find("library");
  const std::vector<std::string> known = library_names();
  const std::string lib = f.text("a library material: " + join(known));
  const auto [lo, hi] = band_of(m, lib);
  try {
    FitReport report;
    Material mat = library_material(lib, lo, hi, &report);
    mat.name = name;
    char line[320];
    std::snprintf(line, sizeof line,
                  "material '%s': %s fitted over %.3g-%.3g um with %d pole(s), largest index error %.1e at %.4g um "
                  "(real part %.1e, extinction %.1e)",
                  name.c_str(), lib.c_str(), lo, hi, report.poles, report.max_index_error, report.lambda_at_max,
                  report.max_n_error, report.max_k_error);
    notes.push_back(line);
    return mat;
  } catch (const std::invalid_argument&) {
    const bool prefix = lib.rfind("InGaAsP-Q", 0) == 0;
    f.fail("unknown library material '" + lib + "'" + (prefix ? "" : did_you_mean(lib, known)),
           "one of " + join(known) + " (or InGaAsP-Q<bandgap um>)");
  } catch (const std::out_of_range& e) {
    f.fail(std::string("cannot fit over the band: ") + e.what(), "a band within the material's validity range");
  }
}

// The base model: exactly one of index, epsilon, library, pec.
Material base_material(const std::string& name, const Map& m, std::vector<std::string>& notes) {
  const std::string which = m.exactly_one({"index", "epsilon", "library", "pec"}, true);
  Material mat{name, 1.0};
  if (which == "pec") {
    if (!m.find("pec")->boolean()) m.find("pec")->fail("pec: false", "pec: true, or index/epsilon/library");
    if (m.keys().size() > 1) m.self().fail("pec: true given with other keys", "pec: true alone");
    mat.pec = true;
  } else if (which == "library") {
    mat = library(name, m, notes);
  } else {
    const Diagonal v = per_axis(*m.find(which), kPositive);
    for (int a = 0; a < 3; ++a) mat.epsilon[a] = which == "index" ? v[a] * v[a] : v[a];
  }
  return mat;
}

// gain: {per_cm, wavelength, linewidth}: a Lorentzian gain line (materials/library.hpp).
Material with_gain(const Material& base, const Field& f) {
  const Map m(f, {"per_cm", "wavelength", "linewidth"});
  const double g = m.need("per_cm", "the power gain in 1/cm").number(kPositive);
  const double lambda = m.find("wavelength") ? m.find("wavelength")->number(kPositive) : 1.55;
  const double width = m.find("linewidth") ? m.find("linewidth")->number(kPositive) : 0.1;
  if (!base.epsilon.isotropic() || base.dispersive())
    f.fail("gain on an anisotropic or dispersive material", "gain on a constant isotropic index");
  Material g_mat = gain_material(std::sqrt(base.epsilon[0]), g, lambda, width);
  g_mat.name = base.name;
  g_mat.conductivity = base.conductivity;
  return g_mat;
}

// carriers: {electrons, holes (cm^-3, changes from the undoped state), model, wavelength}
Material with_carriers(const Material& base, const Field& f) {
  const Map m(f, {"electrons", "holes", "model", "wavelength"});
  const double dn = m.find("electrons") ? m.find("electrons")->number(kNonNegative) : 0.0;
  const double dp = m.find("holes") ? m.find("holes")->number(kNonNegative) : 0.0;
  const double lambda = m.find("wavelength") ? m.find("wavelength")->number(kPositive) : 1.55;
  PlasmaModel model = PlasmaModel::nedeljkovic;
  if (const Field* k = m.find("model"))
    model = k->choice("plasma dispersion model", {"soref_bennett", "nedeljkovic"}) == 0 ? PlasmaModel::soref_bennett
                                                                                         : PlasmaModel::nedeljkovic;
  try {
    const IndexChange c = silicon_plasma_dispersion(dn, dp, lambda, model);
    return perturbed_material(base, c.delta_n, c.delta_alpha_per_cm, lambda);
  } catch (const std::exception& e) {
    f.fail(e.what(), "a wavelength where the model is published (1.31 or 1.55 um)");
  }
}

// temperature_change: K, with the dn/dT of a library material (`thermo_optic` names it).
Material with_heat(const Material& base, const Map& m) {
  const Field& f = *m.find("temperature_change");
  const double dt = f.number();
  const Field* lib = m.find("library");
  const std::string name = m.find("thermo_optic") ? m.find("thermo_optic")->text("Si, SiO2, Si3N4 or InP")
                                                  : (lib ? lib->text("") : "");
  try {
    return thermo_optic_material(base, name, dt, 1.55);
  } catch (const std::exception& e) {
    f.fail(e.what(), "thermo_optic: Si, SiO2, Si3N4 or InP (or a library base of those)");
  }
}

// pockels: {field_v_per_um, c_axis (x|y|z), wavelength}
Material with_pockels(const Material& base, const Field& f) {
  const Map m(f, {"field_v_per_um", "c_axis", "wavelength"});
  const double e = m.need("field_v_per_um", "the field along the c axis in V/um").number();
  const int axis = m.find("c_axis") ? m.find("c_axis")->choice("axis", {"x", "y", "z"}) : 2;
  const double lambda = m.find("wavelength") ? m.find("wavelength")->number(kPositive) : 1.55;
  return linbo3_pockels_material(base, axis, e, lambda);
}

}  // namespace

Material read_material(const std::string& name, const Field& f, std::vector<std::string>& notes) {
  const Map m(f, {"index", "epsilon", "library", "pec", "band", "conductivity", "poles", "gain", "carriers",
                  "temperature_change", "thermo_optic", "pockels"});
  Material mat = base_material(name, m, notes);
  if (mat.pec) return mat;
  if (const Field* c = m.find("conductivity")) {
    const Diagonal s = per_axis(*c, kNonNegative);
    for (int a = 0; a < 3; ++a) mat.conductivity[a] += conductivity_from_si(s[a]);
  }
  if (const Field* p = m.find("poles"))
    for (const Field& item : p->items("a list of poles (- lorentz: ..., - drude: ..., - debye: ...)")) {
      const Pole pole = read_pole(item);
      for (auto& axis : mat.poles) axis.push_back(pole);
    }
  if (const Field* g = m.find("gain")) mat = with_gain(mat, *g);
  if (const Field* c = m.find("carriers")) mat = with_carriers(mat, *c);
  if (m.find("temperature_change")) mat = with_heat(mat, m);
  if (const Field* p = m.find("pockels")) mat = with_pockels(mat, *p);
  return mat;
}

}  // namespace pfdtd

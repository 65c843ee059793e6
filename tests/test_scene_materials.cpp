// The `materials:` section of scene files: every model reaches the typed Material with its
// units converted, and mistakes point at file:line:column.
#include <gtest/gtest.h>

#include <fstream>

#include "io/scene_yaml.hpp"
#include "materials/library.hpp"
#include "materials/perturbations.hpp"

using namespace pfdtd;

namespace {

constexpr double kPi = 3.14159265358979323846;

Scene parse_materials(const std::string& materials) {
  return parse_scene("domain: {size: [4, 4, 4], resolution: 10}\nmaterials:\n" + materials, "m.yaml");
}

const Material& named(const Scene& s, const std::string& name) {
  for (const Material& m : s.materials)
    if (m.name == name) return m;
  throw std::out_of_range(name);
}

std::string error_of(const std::string& materials) {
  try {
    parse_materials(materials);
  } catch (const SceneError& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST(SceneMaterials, LibraryFitIsReportedAndMatchesTheReference) {
  const Scene s = parse_materials("  si: {library: Si}\n  lnb: {library: LiNbO3-z-cut, band: [1.5, 1.6]}\n");
  const Material& si = named(s, "si");
  EXPECT_NEAR(si.index(1.55).real(), reference_index("Si", 1.55).real(), 1e-3);
  EXPECT_TRUE(si.dispersive());
  const Material& lnb = named(s, "lnb");
  EXPECT_NEAR(lnb.index(1.55, 2).real(), reference_index("LiNbO3-e", 1.55).real(), 1e-3);  // extraordinary along z
  EXPECT_NEAR(lnb.index(1.55, 0).real(), reference_index("LiNbO3-o", 1.55).real(), 1e-3);
  ASSERT_EQ(s.notes.size(), 2u);
  EXPECT_NE(s.notes[0].find("material 'si': Si fitted over 1.26-1.68 um"), std::string::npos) << s.notes[0];
  EXPECT_NE(s.notes[0].find("largest index error"), std::string::npos);
}

TEST(SceneMaterials, AnisotropyPolesConductivity) {
  const Scene s = parse_materials(
      "  crystal: {index: [2.211, 2.211, 2.138]}\n"
      "  metal: {epsilon: 1, poles: [{drude: {plasma_wavelength: 0.35, gamma: 0.36}}]}\n"
      "  lorentz: {epsilon: 2.25, poles: [{lorentz: {delta_eps: 1.5, wavelength: 1.0, gamma: 0.3}}]}\n"
      "  debye: {epsilon: 2, poles: [{debye: {delta_eps: 3, tau_fs: 10}}]}\n"
      "  lossy: {index: 1.5, conductivity: 1000}\n");
  EXPECT_DOUBLE_EQ(named(s, "crystal").epsilon[2], 2.138 * 2.138);
  EXPECT_DOUBLE_EQ(named(s, "crystal").epsilon[0], 2.211 * 2.211);
  const Pole& d = named(s, "metal").poles[1].at(0);
  EXPECT_EQ(d.kind, Pole::Kind::drude);
  EXPECT_DOUBLE_EQ(d.strength, 2 * kPi / 0.35);
  const Pole& l = named(s, "lorentz").poles[2].at(0);
  EXPECT_DOUBLE_EQ(l.omega0, 2 * kPi);
  EXPECT_DOUBLE_EQ(l.strength, 1.5);
  EXPECT_DOUBLE_EQ(named(s, "debye").poles[0].at(0).gamma, 1 / (10 * 0.299792458));
  EXPECT_DOUBLE_EQ(named(s, "lossy").conductivity[1], 1000 * 376.730313668e-6);
}

TEST(SceneMaterials, GainAndPerturbations) {
  const Scene s = parse_materials(
      "  amp: {index: 3.4, gain: {per_cm: 100, wavelength: 1.55}}\n"
      "  doped: {library: Si, carriers: {electrons: 1e18, holes: 1e18, model: soref_bennett}}\n"
      "  hot: {library: Si, temperature_change: 20}\n"
      "  eo: {library: LiNbO3-z-cut, pockels: {field_v_per_um: 1.0}}\n"
      "  si: {library: Si}\n");
  const double w = omega_of_wavelength(1.55);
  EXPECT_NEAR(-2 * named(s, "amp").index(1.55).imag() * w * 1e4, 100.0, 1e-6);
  const double si = named(s, "si").index(1.55).real();
  const IndexChange c = silicon_plasma_dispersion(1e18, 1e18, 1.55, PlasmaModel::soref_bennett);
  EXPECT_NEAR(named(s, "doped").index(1.55).real() - si, c.delta_n, 1e-9);
  EXPECT_NEAR(named(s, "hot").index(1.55).real() - si, 20 * thermo_optic_coefficient("Si"), 1e-9);
  EXPECT_LT(named(s, "eo").index(1.55, 2).real(), reference_index("LiNbO3-e", 1.55).real());  // -1/2 ne^3 r33 E
}

TEST(SceneMaterials, ErrorsPointAtTheEntry) {
  EXPECT_NE(error_of("  si: {library: Sj}\n").find("m.yaml:3:17: materials.si.library: unknown library material 'Sj' (did you mean 'Si'?)"),
            std::string::npos)
      << error_of("  si: {library: Sj}\n");
  EXPECT_NE(error_of("  x: {index: 1.5, epsilon: 2}\n").find("exactly one of index, epsilon, library, pec"), std::string::npos);
  EXPECT_NE(error_of("  x: {index: 1.5, gian: {per_cm: 1}}\n").find("did you mean 'gain'"), std::string::npos);
  EXPECT_NE(error_of("  x: {epsilon: 1, poles: [{lorenz: {delta_eps: 1, wavelength: 1}}]}\n").find("did you mean 'lorentz'"),
            std::string::npos);
  EXPECT_NE(error_of("  ge: {library: Ge, band: [1.6, 1.75]}\n").find("materials.ge.library: cannot fit over the band"),
            std::string::npos)
      << error_of("  ge: {library: Ge, band: [1.6, 1.75]}\n");
}

// The example of the materials section of docs/scene-format.md parses.
TEST(SceneMaterials, DocumentationExampleParses) {
  std::ifstream in(std::string(PFDTD_SOURCE_DIR) + "/docs/scene-format.md");
  ASSERT_TRUE(in.good());
  std::string line, section, block;
  bool inside = false, done = false;
  while (!done && std::getline(in, line)) {
    if (!inside && line.rfind("## ", 0) == 0) section = line.substr(3);
    if (!inside && line == "```yaml" && section == "materials") inside = true;
    else if (inside && line == "```") done = true;
    else if (inside) block += line + "\n";
  }
  ASSERT_TRUE(done);
  const Scene s = parse_scene("domain: {size: [4, 4, 4], resolution: 10}\n" + block, "doc.yaml");
  EXPECT_EQ(s.materials.size(), 3u + 13u);
}

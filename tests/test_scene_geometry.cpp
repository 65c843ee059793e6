// Geometry items of scene files (io/scene_geometry.cpp, io/scene_components.cpp): each item
// becomes shapes holding the right materials at known points, device builders take their
// defaults and overrides, and mistakes are reported at file:line:col with the key path.
// The GDS layout is written by gdspy under /usr/bin/python3 (Debian's python3-gdspy).
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "geometry/solids.hpp"
#include "io/scene_yaml.hpp"

using namespace pfdtd;

namespace {

const char* const kHeader = R"(domain: {size: [40, 40, 12], resolution: 10}
materials:
  si: {index: 3.48}
  sio2: {index: 1.444}
  sin: {index: 2.0}
  doped: {index: 3.48, conductivity: 10000}
  heater: {index: 3.48, conductivity: 100000}
  gold: {pec: true}
  inp: {index: 3.17}
  ingaasp: {index: 3.4}
  ingaas: {index: 3.6}
  al2o3: {index: 1.76}
)";

Scene parse(const std::string& text, const std::string& file = "scene.yaml") { return parse_scene(text, file); }
Scene parse_geometry(const std::string& geometry) { return parse(std::string(kHeader) + geometry); }

std::string error_of(const std::string& text, const std::string& file = "scene.yaml") {
  try {
    parse_scene(text, file);
  } catch (const SceneError& e) {
    return e.what();
  }
  return "";
}

int index_of(const Scene& s, const std::string& name) {
  for (std::size_t i = 0; i < s.materials.size(); ++i)
    if (s.materials[i].name == name) return static_cast<int>(i);
  ADD_FAILURE() << "no material " << name;
  return -1;
}

// The name of the material at a point.
std::string at(const Scene& s, double x, double y, double z) {
  return s.materials[material_at(s.shapes, s.background, Vec3{x, y, z})].name;
}

bool starts_with(const std::string& s, const std::string& prefix) { return s.rfind(prefix, 0) == 0; }

#define EXPECT_STARTS_WITH(s, prefix) EXPECT_TRUE(starts_with(s, prefix)) << "message: " << (s)
#define EXPECT_CONTAINS(s, part) EXPECT_NE((s).find(part), std::string::npos) << "message: " << (s)

// The header has 12 lines: items start on line 13.
constexpr int kFirstLine = 13;
std::string line(int offset) { return "scene.yaml:" + std::to_string(kFirstLine + offset) + ":"; }

// ---- the solids --------------------------------------------------------------------------

TEST(SceneGeometry, Sphere) {
  const Scene s = parse_geometry("geometry:\n  - sphere: {material: si, center: [1, 2, 3], radius: 0.5}\n");
  ASSERT_EQ(s.shapes.size(), 1u);
  EXPECT_EQ(s.shapes[0].material, index_of(s, "si"));
  EXPECT_TRUE(s.shapes[0].contains({1, 2, 3}));
  EXPECT_TRUE(s.shapes[0].contains({1.49, 2, 3}));
  EXPECT_FALSE(s.shapes[0].contains({1.3, 2.3, 3.3}));  // 0.52 from the centre
  EXPECT_NEAR(dynamic_cast<const SphereSolid&>(*s.shapes[0].solid).radius(), 0.5, 0);
}

TEST(SceneGeometry, RingWithZRangeSectorAndSidewall) {
  const Scene s = parse_geometry(R"(geometry:
  - ring: {material: si, center: [0, 0, 0], inner_radius: 2, outer_radius: 3, z0: 0, z1: 0.22}
  - ring: {material: sin, center: [10, 0, 1], outer_radius: 1, height: 0.4, start_angle: 0, stop_angle: 90}
  - ring: {material: doped, center: [-10, 0, 0], inner_radius: 2, outer_radius: 3, z0: 0, z1: 1, sidewall_angle: 80}
)");
  ASSERT_EQ(s.shapes.size(), 3u);
  const Shape &ring = s.shapes[0], &sector = s.shapes[1], &sloped = s.shapes[2];
  EXPECT_TRUE(ring.contains({2.5, 0, 0.1}));
  EXPECT_TRUE(ring.contains({0, -2.5, 0.1}));
  EXPECT_FALSE(ring.contains({1.5, 0, 0.1}));  // in the hole
  EXPECT_FALSE(ring.contains({3.5, 0, 0.1}));
  EXPECT_FALSE(ring.contains({2.5, 0, 0.3}));  // above z1
  EXPECT_EQ(at(s, 0, 2.5, 0.1), "si");
  // A quarter disk (inner radius 0) from z = 0.8 to 1.2.
  EXPECT_TRUE(sector.contains({10.5, 0.5, 1}));
  EXPECT_TRUE(sector.contains({10.1, 0.1, 0.81}));
  EXPECT_FALSE(sector.contains({9.5, 0.5, 1}));   // 135 deg
  EXPECT_FALSE(sector.contains({10.5, -0.5, 1}));  // -45 deg
  EXPECT_FALSE(sector.contains({10.5, 0.5, 1.25}));
  // Walls at 80 deg: at the top (z = 1) each wall moves in by 1 / tan(80 deg) = 0.176.
  EXPECT_TRUE(sloped.contains({-10 + 2.05, 0, 0.01}));
  EXPECT_FALSE(sloped.contains({-10 + 2.05, 0, 0.99}));
  EXPECT_TRUE(sloped.contains({-10 + 2.5, 0, 0.99}));
  EXPECT_FALSE(sloped.contains({-10 + 2.95, 0, 0.99}));
}

TEST(SceneGeometry, Polygon) {
  // An L: the notch [1, 2] x [1, 2] is outside. Given clockwise, with the closing point repeated.
  const Scene s = parse_geometry(R"(geometry:
  - polygon: {material: sin, points: [[0, 0], [0, 2], [1, 2], [1, 1], [2, 1], [2, 0], [0, 0]], z0: -0.5, z1: 0.5}
)");
  ASSERT_EQ(s.shapes.size(), 1u);
  const Shape& p = s.shapes[0];
  EXPECT_EQ(p.material, index_of(s, "sin"));
  EXPECT_TRUE(p.contains({0.5, 1.5, 0}));
  EXPECT_TRUE(p.contains({1.5, 0.5, 0.4}));
  EXPECT_FALSE(p.contains({1.5, 1.5, 0}));
  EXPECT_FALSE(p.contains({0.5, 0.5, 0.6}));
  const auto& prism = dynamic_cast<const PolygonPrism&>(*p.solid);
  EXPECT_EQ(prism.polygon().size(), 6u);
  EXPECT_EQ(prism.z0(), -0.5);
  EXPECT_EQ(prism.z1(), 0.5);
}

TEST(SceneGeometry, ArrayByCountsAndByOffsets) {
  const Scene s = parse_geometry(R"(geometry:
  - array:
      shape: {box: {material: si, center: [0, 0, 0], size: [0.2, 0.2, 0.2]}}
      counts: [3, 2]
      pitch: [1, 2]
  - array:
      shape: {ring: {material: sin, center: [10, 10, 0], inner_radius: 0.5, outer_radius: 1, height: 0.2}}
      offsets: [[0, 0, 0], [5, 0, 0], [0, -5, 1]]
)");
  ASSERT_EQ(s.shapes.size(), 2u);
  const Shape &grid = s.shapes[0], &rings = s.shapes[1];
  for (int i = 0; i < 3; ++i)
    for (int j = 0; j < 2; ++j) EXPECT_TRUE(grid.contains({1.0 * i, 2.0 * j, 0})) << i << " " << j;
  EXPECT_FALSE(grid.contains({3, 0, 0}));
  EXPECT_FALSE(grid.contains({0, 4, 0}));
  EXPECT_FALSE(grid.contains({0.5, 0, 0}));
  EXPECT_EQ(dynamic_cast<const ArraySolid&>(*grid.solid).count(), 6u);
  EXPECT_TRUE(rings.contains({10.75, 10, 0}));
  EXPECT_TRUE(rings.contains({15.75, 10, 0}));
  EXPECT_TRUE(rings.contains({10.75, 5, 1}));
  EXPECT_FALSE(rings.contains({10.75, 5, 0}));
  EXPECT_FALSE(rings.contains({15, 10, 0}));  // the copy's hole
  EXPECT_EQ(rings.material, index_of(s, "sin"));
}

TEST(SceneGeometry, TwoDimensionalSolidsAreZInvariant) {
  const Scene s = parse(R"(domain: {size: [10, 10], resolution: 10, dims: 2}
materials: {si: {index: 3.48}}
geometry:
  - ring: {material: si, center: [0, 0], inner_radius: 1, outer_radius: 2}
  - polygon: {material: si, points: [[3, 3], [4, 3], [4, 4]]}
  - array: {shape: {cylinder: {material: si, center: [-3, -3], radius: 0.2}}, counts: [2, 1], pitch: [1, 0]}
)");
  ASSERT_EQ(s.shapes.size(), 3u);
  for (double z : {-100.0, 0.0, 100.0}) {
    EXPECT_TRUE(s.shapes[0].contains({1.5, 0, z}));
    EXPECT_FALSE(s.shapes[0].contains({0.5, 0, z}));
    EXPECT_TRUE(s.shapes[1].contains({3.9, 3.1, z}));
    EXPECT_FALSE(s.shapes[1].contains({3.1, 3.9, z}));
    EXPECT_TRUE(s.shapes[2].contains({-2, -3, z}));
  }
}

TEST(SceneGeometry, SmoothingSwitch) {
  EXPECT_TRUE(parse("domain: {size: [4, 4, 4], resolution: 10}\n").smoothing);
  EXPECT_FALSE(parse("domain: {size: [4, 4, 4], resolution: 10, smoothing: false}\n").smoothing);
  EXPECT_TRUE(parse("domain: {size: [4, 4, 4], resolution: 10, smoothing: true}\n").smoothing);
  EXPECT_STARTS_WITH(error_of("domain: {size: [4, 4, 4], resolution: 10, smoothing: maybe}\n"),
                     "scene.yaml:1:54: domain.smoothing: got 'maybe'; expected true or false");
}

// ---- GDSII --------------------------------------------------------------------------------

const char* const kGdsScript = R"(
import sys, gdspy
lib = gdspy.GdsLibrary(unit=1e-6, precision=1e-9)
top = gdspy.Cell('TOP', exclude_from_current=True)
top.add(gdspy.Rectangle((0, 0), (3, 1), layer=1, datatype=0))
top.add(gdspy.Polygon([(0, 2), (2, 2), (2, 3), (1, 3), (1, 4), (0, 4)], layer=2, datatype=5))
lib.add(top)
lib.write_gds(sys.argv[1] + '/layout.gds')
)";

class SceneGds : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    char tmpl[] = "/tmp/pfdtd_scene_gds_XXXXXX";
    ASSERT_NE(mkdtemp(tmpl), nullptr);
    dir_ = tmpl;
    std::ofstream(dir_ + "/write.py") << kGdsScript;
    const std::string cmd = "/usr/bin/python3 " + dir_ + "/write.py " + dir_;
    ASSERT_EQ(std::system(cmd.c_str()), 0) << "writing the test layout needs /usr/bin/python3 with gdspy "
                                              "(Debian: python3-gdspy, scripts/install-deps.sh)";
  }
  static void TearDownTestSuite() { std::filesystem::remove_all(dir_); }
  // A scene file in the layout's folder, so that `file: layout.gds` is found there.
  static std::string scene_file() { return dir_ + "/scene.yaml"; }
  static std::string dir_;
};
std::string SceneGds::dir_;

TEST_F(SceneGds, ImportsLayersRelativeToTheSceneFile) {
  const Scene s = parse(std::string(kHeader) + R"(geometry:
  - gds: {file: layout.gds, layer: 1, z0: 0, z1: 0.22, material: si}
  - gds: {file: layout.gds, cell: TOP, layer: 2, datatype: 5, z0: 0, z1: 0.5, material: sin, sidewall_angle: 85}
)", scene_file());
  ASSERT_EQ(s.shapes.size(), 2u);
  EXPECT_EQ(at(s, 1.5, 0.5, 0.1), "si");
  EXPECT_EQ(at(s, 1.5, 0.5, 0.3), "vacuum");
  EXPECT_EQ(at(s, 3.5, 0.5, 0.1), "vacuum");
  EXPECT_EQ(at(s, 0.5, 3.5, 0.2), "sin");
  EXPECT_EQ(at(s, 1.5, 3.5, 0.2), "vacuum");  // the polygon's notch
  EXPECT_EQ(dynamic_cast<const PolygonPrism&>(*s.shapes[1].solid).sidewall_deg(), 85);
  // An absolute path, and scale_um (0.5 um per database unit of 1 nm: 500 x larger).
  const Scene big = parse(std::string(kHeader) + "geometry:\n  - gds: {file: " + dir_ +
                          "/layout.gds, layer: 1, z0: 0, z1: 1, material: si, scale_um: 0.5}\n");
  EXPECT_EQ(at(big, 1400, 400, 0.5), "si");
}

TEST_F(SceneGds, TwoDimensionalImportIsZInvariant) {
  const Scene s = parse(R"(domain: {size: [10, 10], resolution: 10, dims: 2}
materials: {si: {index: 3.48}}
geometry:
  - gds: {file: layout.gds, layer: 1, material: si}
)", scene_file());
  ASSERT_EQ(s.shapes.size(), 1u);
  EXPECT_TRUE(s.shapes[0].contains({1, 0.5, 50}));
}

TEST_F(SceneGds, MissingFileAndLayerPointAtTheItem) {
  const std::string missing = error_of(std::string(kHeader) + R"(geometry:
  - gds: {file: nothere.gds, layer: 1, z0: 0, z1: 0.22, material: si}
)", scene_file());
  EXPECT_STARTS_WITH(missing, scene_file() + ":" + std::to_string(kFirstLine + 1) + ":10: geometry[0].gds: ");
  EXPECT_CONTAINS(missing, "cannot open '" + dir_ + "/nothere.gds'");
  const std::string layer = error_of(std::string(kHeader) + R"(geometry:
  - box: {material: si, size: [1, 1, 1]}
  - gds:
      file: layout.gds
      layer: 7
      z0: 0
      z1: 0.22
      material: si
)", scene_file());
  EXPECT_STARTS_WITH(layer, scene_file() + ":" + std::to_string(kFirstLine + 3) + ":7: geometry[1].gds: ");
  EXPECT_CONTAINS(layer, "nothing on layer 7/0");
  EXPECT_CONTAINS(layer, "1/0, 2/5");
  const std::string cell = error_of(std::string(kHeader) + R"(geometry:
  - gds: {file: layout.gds, cell: TOPP, layer: 1, z0: 0, z1: 0.22, material: si}
)", scene_file());
  EXPECT_CONTAINS(cell, "no cell 'TOPP' (cells: TOP)");
}

// ---- components ---------------------------------------------------------------------------

TEST(SceneComponents, RingResonatorDefaultsAndOverrides) {
  const Scene s = parse_geometry(R"(geometry:
  - component: {type: ring_resonator}
)");
  // Defaults: radius 5, width 0.5, gap 0.2, 220 nm core on 2 um BOX, oxide cladding.
  EXPECT_EQ(at(s, 5, 0, 0.11), "si");
  EXPECT_EQ(at(s, 0, 5, 0.11), "si");
  EXPECT_EQ(at(s, 0, 0, 0.11), "sio2");       // inside the ring: cladding
  EXPECT_EQ(at(s, 0, -5.35, 0.11), "sio2");   // the gap between ring and bus
  EXPECT_EQ(at(s, 0, -5.7, 0.11), "si");      // the bus
  EXPECT_EQ(at(s, 3, -5.7, 0.11), "si");
  EXPECT_EQ(at(s, 0, 0, -1), "sio2");         // BOX
  EXPECT_EQ(at(s, 0, 0, -3), "si");           // substrate
  ASSERT_EQ(s.components.size(), 1u);
  const ComponentRecord& r = s.components[0];
  EXPECT_EQ(r.type, "ring_resonator");
  EXPECT_EQ(r.name, "ring_resonator0");
  ASSERT_EQ(r.ports.size(), 2u);
  EXPECT_EQ(r.ports[0].name, "in");
  EXPECT_EQ(r.ports[1].name, "through");
  EXPECT_NEAR(r.ports[1].center.x, 10, 1e-12);  // bus length 2 R + 10
  EXPECT_NEAR(r.ports[1].center.y, -5.7, 1e-12);
  EXPECT_NEAR(r.ports[1].center.z, 0.11, 1e-12);
  EXPECT_EQ(r.ports[1].angle_deg, 0);
  EXPECT_NEAR(r.info.at("circumference"), 2 * 3.14159265358979 * 5, 1e-9);

  const Scene o = parse_geometry(R"(geometry:
  - component:
      type: ring_resonator
      name: r1
      radius: 3
      gap: 0.3
      cx: 1
      add_drop: true
      xs: {width: 0.4, thickness: 0.3}
      stack: {box_thickness: 1}
      materials: {core: sin, cladding: none}
)");
  EXPECT_EQ(at(o, 4, 0, 0.15), "sin");
  EXPECT_EQ(at(o, 4.25, 0, 0.15), "vacuum");  // outside the 0.4 wide core, no cladding
  EXPECT_EQ(at(o, 1, -3.35, 0.15), "vacuum"); // gap 0.3: from -3.2 to -3.5
  EXPECT_EQ(at(o, 1, -3.7, 0.15), "sin");     // bus centre at -(3 + 0.2 + 0.3 + 0.2)
  EXPECT_EQ(at(o, 1, 3.7, 0.15), "sin");      // drop bus
  EXPECT_EQ(at(o, 1, 0, -0.5), "sio2");
  EXPECT_EQ(at(o, 1, 0, -1.5), "si");         // 1 um BOX
  ASSERT_EQ(o.components.size(), 1u);
  EXPECT_EQ(o.components[0].name, "r1");
  EXPECT_EQ(o.components[0].ports.size(), 4u);
}

TEST(SceneComponents, RingDopedArcsNeedAMaterial) {
  const std::string ring = R"(geometry:
  - component:
      type: ring_resonator
      doped: [{start_deg: 0, stop_deg: 90}, {start_deg: 180, stop_deg: 270, material: heater}]
)";
  const Scene without = parse_geometry(ring);
  EXPECT_EQ(at(without, 5 * 0.7071, 5 * 0.7071, 0.11), "si");  // no `doped` role: left out
  EXPECT_EQ(at(without, -5 * 0.7071, -5 * 0.7071, 0.11), "heater");
  const Scene with = parse_geometry(ring + "      materials: {doped: doped}\n");
  EXPECT_EQ(at(with, 5 * 0.7071, 5 * 0.7071, 0.11), "doped");
  EXPECT_EQ(at(with, -5 * 0.7071, 5 * 0.7071, 0.11), "si");
  EXPECT_EQ(at(with, -5 * 0.7071, -5 * 0.7071, 0.11), "heater");
}

TEST(SceneComponents, GratingCouplerPeriodAndFill) {
  // Defaults: period 0.63, fill 0.5, 70 nm etch from the core top (0.22): each period a
  // trench then a tooth.
  const Scene d = parse_geometry("geometry:\n  - component: {type: grating_coupler}\n");
  EXPECT_EQ(at(d, 0.1575, 0, 0.2), "sio2");
  EXPECT_EQ(at(d, 0.4725, 0, 0.2), "si");
  EXPECT_EQ(at(d, 0.1575, 0, 0.1), "si");  // below the trench floor
  EXPECT_EQ(at(d, 24 * 0.63 + 0.1575, 0, 0.2), "sio2");  // the 25th trench
  EXPECT_EQ(at(d, 25 * 0.63 + 0.1575, 0, 0.2), "si");    // the tail
  const Scene o = parse_geometry(R"(geometry:
  - component: {type: grating_coupler, period: 0.7, fill_factor: 0.6, periods: 3, etch_depth: 0.22,
                materials: {trench: vacuum}}
)");
  // gap 0.28, tooth 0.42, full etch, trenches of vacuum in an oxide cladding.
  EXPECT_EQ(at(o, 0.2, 0, 0.05), "vacuum");
  EXPECT_EQ(at(o, 0.5, 0, 0.05), "si");
  EXPECT_EQ(at(o, 0.8, 0, 0.05), "vacuum");
  EXPECT_EQ(at(o, 2.2, 0, 0.05), "si");  // tail after 3 periods
  EXPECT_NEAR(o.components[0].info.at("grating_length"), 2.1, 1e-12);
  // Apodised teeth by gap/tooth and by period/fill.
  const Scene a = parse_geometry(R"(geometry:
  - component:
      type: grating_coupler
      teeth: [{gap: 0.1, tooth: 0.5}, {period: 0.6, fill_factor: 0.5, etch_depth: 0.1}]
)");
  EXPECT_EQ(at(a, 0.05, 0, 0.2), "sio2");
  EXPECT_EQ(at(a, 0.3, 0, 0.2), "si");
  EXPECT_EQ(at(a, 0.75, 0, 0.15), "sio2");  // second trench, 0.1 deep: floor at 0.12
  EXPECT_EQ(at(a, 0.75, 0, 0.1), "si");
}

TEST(SceneComponents, EveryBuilderParsesWithDefaults) {
  const char* const types[] = {"straight_waveguide", "bend", "euler_bend", "taper", "directional_coupler", "mmi",
                               "edge_coupler", "ring_resonator", "mach_zehnder", "grating_coupler",
                               "circular_bend", "linear_taper"};
  for (const char* type : types) {
    const Scene s = parse_geometry(std::string("geometry:\n  - component: {type: ") + type + "}\n");
    EXPECT_FALSE(s.shapes.empty()) << type;
    ASSERT_EQ(s.components.size(), 1u) << type;
    EXPECT_FALSE(s.components[0].ports.empty()) << type;
  }
  const Scene w = parse_geometry("geometry:\n  - component: {type: straight_waveguide, length: 4, xs: {width: 0.45}}\n");
  EXPECT_EQ(at(w, 3.9, 0.2, 0.11), "si");
  EXPECT_EQ(at(w, 3.9, 0.25, 0.11), "sio2");
  EXPECT_EQ(at(w, 4.1, 0, 0.11), "sio2");
  EXPECT_EQ(w.components[0].type, "straight_waveguide");
}

TEST(SceneComponents, MachZehnderPhaseShifters) {
  const std::string mzi = "geometry:\n  - component: {type: mach_zehnder, arm_separation: 6, ";
  // The middle of the phase-shifter section.
  const auto mid = [](const Scene& s) {
    return 0.5 * (s.components[0].info.at("ps_x0") + s.components[0].info.at("ps_x1"));
  };
  const Scene none = parse_geometry(mzi + "}\n");
  EXPECT_EQ(at(none, mid(none), 3, 0.11), "si");  // no phase-shifter material: no regions
  EXPECT_EQ(at(none, mid(none), -3, 0.11), "si");
  const Scene both = parse_geometry(mzi + "materials: {phase_shifter: heater}}\n");
  EXPECT_EQ(at(both, mid(both), 3, 0.11), "heater");
  EXPECT_EQ(at(both, mid(both), -3, 0.11), "heater");
  const Scene one = parse_geometry(mzi + "splitter: y_branch, materials: {phase_shifter_lower: doped}}\n");
  EXPECT_EQ(at(one, mid(one), 3, 0.11), "si");
  EXPECT_EQ(at(one, mid(one), -3, 0.11), "doped");
  const Scene mmi = parse_geometry(mzi + "mmi: {width: 4, taper_width: 1.2}}\n");
  EXPECT_EQ(at(mmi, 2 + 3 + 1, 1.9, 0.11), "si");  // the 4 um wide MMI body after lead and taper
  EXPECT_EQ(at(none, 2 + 3 + 1, 1.9, 0.11), "sio2");  // the default body is 3 um wide
}

TEST(SceneComponents, LaserStackTakesItsLayerMaterials) {
  const Scene s = parse_geometry(R"(geometry:
  - component:
      type: laser_stack
      length: 100
      wells: 3
      coatings: [{thickness: 0.2, material: al2o3}]
      materials: {substrate: inp, n_cladding: inp, sch: ingaasp, well: ingaas, barrier: ingaasp,
                  p_cladding: inp, contact: ingaas}
)");
  const ComponentRecord& r = s.components[0];
  EXPECT_EQ(r.type, "laser_stack");
  const double zc = r.info.at("active_center_z");
  EXPECT_EQ(at(s, -50, 0, zc), "ingaas");  // the middle well of 3
  EXPECT_EQ(at(s, -50, 0, -1), "inp");
  EXPECT_EQ(at(s, 0.1, 0, zc), "al2o3");
  EXPECT_EQ(at(s, 0.3, 0, zc), "vacuum");
  EXPECT_EQ(at(s, -50, 0, r.info.at("top_z") - 0.1), "ingaas");  // contact on the ridge
  EXPECT_EQ(at(s, -50, 5, r.info.at("top_z") - 0.1), "vacuum");  // etched beside it
}

TEST(SceneComponents, TwoDimensionalComponentsAreCutAtTheCore) {
  const Scene s = parse(R"(domain: {size: [20, 20], resolution: 10, dims: 2}
materials: {si: {index: 3.48}, sio2: {index: 1.444}}
geometry:
  - component: {type: ring_resonator, radius: 4}
  - component: {type: straight_waveguide, name: below, y0: -8, slice_z: 0.05, stack: {include: false}}
)");
  for (double z : {-50.0, 0.0, 50.0}) {
    EXPECT_EQ(at(s, 4, 0, z), "si");
    EXPECT_EQ(at(s, 0, 0, z), "sio2");
    EXPECT_EQ(at(s, 0, -4.35, z), "sio2");
    EXPECT_EQ(at(s, 0, -4.7, z), "si");
    EXPECT_EQ(at(s, 5, -8, z), "si");
  }
  // The substrate and BOX lie below the cut: left out.
  EXPECT_EQ(s.shapes.size(), 4u);  // cladding, ring and bus of the first, the guide of the second
}

// ---- errors -------------------------------------------------------------------------------

TEST(SceneGeometryErrors, UnknownBuilderType) {
  const std::string e = error_of(std::string(kHeader) + "geometry:\n  - component: {type: ring_resonatr}\n");
  EXPECT_EQ(e, line(1) + "23: geometry[0].component.type: unknown component type 'ring_resonatr' "
                         "(did you mean 'ring_resonator'?); expected a builder: one of straight_waveguide, bend, "
                         "euler_bend, taper, directional_coupler, mmi, edge_coupler, ring_resonator, mach_zehnder, "
                         "grating_coupler, laser_stack");
  EXPECT_STARTS_WITH(error_of(std::string(kHeader) + "geometry:\n  - component: {radius: 3}\n"),
                     line(1) + "16: geometry[0].component.type: missing; expected a builder: one of");
}

TEST(SceneGeometryErrors, UnknownBuilderParameter) {
  const std::string e = error_of(std::string(kHeader) + R"(geometry:
  - component:
      type: ring_resonator
      radus: 3
)");
  EXPECT_STARTS_WITH(e, line(3) + "7: geometry[0].component.radus: unknown key 'radus' (did you mean 'radius'?); "
                                  "expected one of type, name, materials, slice_z, xs, stack, cx, cy, radius, gap");
  const std::string nested = error_of(std::string(kHeader) + R"(geometry:
  - component: {type: straight_waveguide, xs: {widht: 0.4}}
)");
  EXPECT_STARTS_WITH(nested, line(1) + "48: geometry[0].component.xs.widht: unknown key 'widht' (did you mean "
                                       "'width'?)");
  const std::string range = error_of(std::string(kHeader) + R"(geometry:
  - component: {type: ring_resonator, gap: -0.1}
)");
  EXPECT_EQ(range, line(1) + "44: geometry[0].component.gap: got -0.1; expected a number > 0");
  const std::string field = error_of(std::string(kHeader) + R"(geometry:
  - component: {type: grating_coupler, trench_material: vacuum}
)");
  EXPECT_EQ(field, line(1) + "40: geometry[0].component.trench_material: materials are named by role in the "
                             "component's materials mapping; expected materials: {trench: <material>}");
  const std::string role = error_of(std::string(kHeader) + R"(geometry:
  - component: {type: ring_resonator, materials: {cor: si}}
)");
  EXPECT_STARTS_WITH(role, line(1) + "51: geometry[0].component.materials.cor: unknown key 'cor' (did you mean "
                                     "'core'?)");
  // The builder's own checks, at the item.
  const std::string builder = error_of(std::string(kHeader) + R"(geometry:
  - component: {type: ring_resonator, radius: 0.2}
)");
  EXPECT_STARTS_WITH(builder, line(1) + "16: geometry[0].component: ring_resonator: radius - width / 2");
}

TEST(SceneGeometryErrors, MaterialRolesWithoutDefaults) {
  const std::string e = error_of(R"(domain: {size: [10, 10, 10], resolution: 10}
materials: {core: {index: 3.48}}
geometry:
  - component: {type: straight_waveguide, materials: {core: core}}
)");
  EXPECT_EQ(e, "scene.yaml:4:54: geometry[0].component.materials.cladding: missing; expected the name of the "
               "cladding material (no material 'sio2' is defined to default to), or none to leave it out");
  const std::string laser = error_of(R"(domain: {size: [10, 10, 10], resolution: 10}
materials: {si: {index: 3.48}}
geometry:
  - component: {type: laser_stack}
)");
  EXPECT_EQ(laser, "scene.yaml:4:16: geometry[0].component.materials.substrate: missing; expected the name of the "
                   "substrate material");
  // Without the stack only the core is needed.
  const Scene s = parse(R"(domain: {size: [10, 10, 10], resolution: 10}
materials: {si: {index: 3.48}}
geometry:
  - component: {type: straight_waveguide, stack: {include: false}}
)");
  EXPECT_EQ(at(s, 1, 0, 0.1), "si");
  EXPECT_EQ(at(s, 1, 0, -1), "vacuum");
}

TEST(SceneGeometryErrors, PolygonWithTwoPoints) {
  const std::string e = error_of(std::string(kHeader) + R"(geometry:
  - polygon: {material: si, points: [[0, 0], [1, 1]], z0: 0, z1: 1}
)");
  EXPECT_EQ(e, line(1) + "37: geometry[0].polygon.points: got 2 distinct points; expected a list of at least 3 "
                         "points [x, y] enclosing an area");
  const std::string flat = error_of(std::string(kHeader) + R"(geometry:
  - polygon: {material: si, points: [[0, 0], [1, 1], [2, 2]], z0: 0, z1: 1}
)");
  EXPECT_STARTS_WITH(flat, line(1) + "37: geometry[0].polygon.points: the polygon has zero area");
  const std::string z = error_of(std::string(kHeader) + R"(geometry:
  - polygon: {material: si, points: [[0, 0], [1, 0], [0, 1]], z0: 1, z1: 1}
)");
  EXPECT_EQ(z, line(1) + "74: geometry[0].polygon.z1: z1 = 1 is not above z0 = 1; expected z1 > z0");
}

TEST(SceneGeometryErrors, SphereIn2D) {
  const std::string e = error_of(R"(domain: {size: [10, 10], resolution: 10, dims: 2}
materials: {si: {index: 3.48}}
geometry:
  - box: {material: si, size: [1, 1]}
  - sphere: {material: si, radius: 1}
)");
  EXPECT_EQ(e, "scene.yaml:5:13: geometry[1].sphere: a sphere in a 2D scene; expected a cylinder (axis z) or a "
               "ring: a 2D scene is z-invariant, a sphere is not");
  const std::string wall = error_of(R"(domain: {size: [10, 10], resolution: 10, dims: 2}
materials: {si: {index: 3.48}}
geometry:
  - ring: {material: si, outer_radius: 1, sidewall_angle: 80}
)");
  EXPECT_STARTS_WITH(wall, "scene.yaml:4:59: geometry[0].ring.sidewall_angle: a sidewall angle of 80 deg in a 2D "
                           "scene");
}

TEST(SceneGeometryErrors, OtherItems) {
  const auto err = [](const std::string& geometry) { return error_of(std::string(kHeader) + geometry); };
  EXPECT_EQ(err("geometry:\n  - ring: {material: si, inner_radius: 2, outer_radius: 1, height: 1}\n"),
            line(1) + "57: geometry[0].ring.outer_radius: outer_radius 1 is not above inner_radius 2; expected "
                      "outer_radius > inner_radius");
  EXPECT_STARTS_WITH(err("geometry:\n  - ring: {material: si, outer_radius: 1}\n"),
                     line(1) + "11: geometry[0].ring: none of z0, z1 and height given");
  EXPECT_STARTS_WITH(err("geometry:\n  - ring: {material: si, outer_radius: 1, height: 1, z0: 0}\n"),
                     line(1) + "58: geometry[0].ring.z0: height and z0 both given");
  EXPECT_STARTS_WITH(err("geometry:\n  - ring: {material: si, outer_radius: 1, height: 1, sidewall_angle: 30}\n"),
                     line(1) + "70: geometry[0].ring.sidewall_angle: ring: the sidewall angle");
  EXPECT_STARTS_WITH(err("geometry:\n  - array: {shape: {layers: {layers: []}}, counts: [2, 2], pitch: [1, 1]}\n"),
                     line(1) + "20: geometry[0].array.shape: a layers item in an array");
  EXPECT_STARTS_WITH(err("geometry:\n  - array: {shape: {sphere: {material: si, radius: 1}}, counts: [2, 0], "
                         "pitch: [1, 1]}\n"),
                     line(1) + "69: geometry[0].array.counts[1]: got 0; expected a whole number >= 1");
  EXPECT_STARTS_WITH(err("geometry:\n  - array: {shape: {sphere: {material: si, radius: 1}}}\n"),
                     line(1) + "12: geometry[0].array: none of counts, offsets given");
  EXPECT_STARTS_WITH(err("geometry:\n  - spere: {material: si, radius: 1}\n"),
                     line(1) + "5: geometry[0].spere: unknown key 'spere' (did you mean 'sphere'?)");
  EXPECT_STARTS_WITH(err("geometry:\n  - component: {type: bend, slice_z: 0.1}\n"),
                     line(1) + "38: geometry[0].component.slice_z: slice_z in a 3D scene");
  EXPECT_STARTS_WITH(err("geometry:\n  - component: {type: bend, name: a}\n  - component: {type: bend, name: a}\n"),
                     line(2) + "35: geometry[1].component.name: a second component named 'a'");
}

// ---- the examples of docs/scene-format.md -------------------------------------------------

// The ```yaml blocks of the domain and geometry sections: a block starting with `geometry:`
// is a fragment that assumes the materials of kHeader, others are complete scenes.
std::vector<std::string> doc_examples() {
  std::ifstream in(std::string(PFDTD_SOURCE_DIR) + "/docs/scene-format.md");
  EXPECT_TRUE(in.good());
  std::vector<std::string> blocks;
  std::string text, section;
  bool in_block = false;
  while (std::getline(in, text)) {
    if (!in_block && text.rfind("## ", 0) == 0) section = text.substr(3);
    if (!in_block && text == "```yaml" && (section == "domain" || section == "geometry")) {
      in_block = true;
      blocks.emplace_back();
      continue;
    }
    if (in_block && text == "```") {
      in_block = false;
      continue;
    }
    if (in_block) blocks.back() += text + "\n";
  }
  return blocks;
}

TEST_F(SceneGds, DocumentationExamplesParse) {
  const std::vector<std::string> blocks = doc_examples();
  EXPECT_GE(blocks.size(), 15u);
  for (const std::string& b : blocks) {
    const std::string text = b.rfind("geometry:", 0) == 0 ? std::string(kHeader) + b : b;
    EXPECT_EQ(error_of(text, scene_file()), "") << b;
  }
}

}  // namespace

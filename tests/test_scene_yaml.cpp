// The scene reader: a complete scene lands in the typed Scene with units converted, and each
// kind of mistake is reported at the right file:line:column and key path.
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <string>

#include "io/scene_yaml.hpp"

using namespace pfdtd;

namespace {
const BoxSolid& box_of(const Shape& sh) { return dynamic_cast<const BoxSolid&>(*sh.solid); }
}  // namespace

namespace {

constexpr double kThz = 299.792458;  // THz per 1/um

// The message of the SceneError that parsing `text` raises, or "" if it parses.
std::string parse_error(const std::string& text) {
  try {
    parse_scene(text, "scene.yaml");
  } catch (const SceneError& e) {
    return e.what();
  }
  return "";
}

bool starts_with(const std::string& s, const std::string& prefix) { return s.rfind(prefix, 0) == 0; }

#define EXPECT_STARTS_WITH(s, prefix) EXPECT_TRUE(starts_with(s, prefix)) << "message: " << (s)
#define EXPECT_CONTAINS(s, part) EXPECT_NE((s).find(part), std::string::npos) << "message: " << (s)

const char* const kFullScene = R"(# every section, with units to convert
domain:
  size: [6, 4, 3]
  center: [1, 0, 0]
  resolution: 20
boundaries:
  all: pml
  y: periodic
  z: {low: pec, high: pml}
  pml: {cells: 10, grading: 2, sigma_factor: 1.2, kappa_max: 2, alpha_max: 0.1}
materials:
  si: {index: 3.5}
  sio2: {epsilon: 2.25}
  lossy: {index: 1.5, conductivity: 1000}
  metal: {pec: true}
background: sio2
geometry:
  - box: {material: si, center: [0, 0, 0], size: [inf, 0.5, 0.22]}
  - cylinder: {material: lossy, center: [1, 0, 0], radius: 0.3, height: 0.22, axis: y}
  - layers: {axis: z, start: -1, layers: [{material: sio2, thickness: 0.5}, {material: metal, thickness: 0.1}]}
sources:
  - name: src
    component: Ez
    center: [-1, 0, 0]
    size: [0, 2, 2]
    amplitude: 2
    gaussian: {wavelength: 1.55, bandwidth: 0.2, offset: 6}
  - component: Hy
    center: [0, 0, 0]
    gaussian: {frequency_thz: 193.4, width_thz: 10}
  - component: Ex
    cw: {frequency_thz: 200, ramp_periods: 3}
monitors:
  - probe: {name: p1, components: [Ez, Hy], point: [0, 0, 0]}
  - snapshot: {name: xy, components: [Ez], center: [1, 0, 0], size: [6, 4, 0], every: 50}
  - flux: {name: T, center: [2, 0, 0], size: [0, 4, 3], direction: -1,
           wavelengths: {start: 1.5, stop: 1.6, count: 3}}
  - flux: {name: R, size: [0, 2, 2], frequencies_thz: [190, 200]}
run:
  time_fs: 100
  decay_threshold: 1e-5
  courant: 0.5
  check_every: 50
  precision: float64
  output: out-dir
)";

TEST(SceneYaml, FullSceneDomainAndBoundaries) {
  const Scene s = parse_scene(kFullScene, "full.yaml");
  EXPECT_EQ(s.source_file, "full.yaml");
  EXPECT_EQ(s.text, kFullScene);
  EXPECT_EQ(s.domain.dims, 3);
  EXPECT_DOUBLE_EQ(s.domain.size.x, 6);
  EXPECT_DOUBLE_EQ(s.domain.size.z, 3);
  EXPECT_DOUBLE_EQ(s.domain.center.x, 1);
  EXPECT_DOUBLE_EQ(s.domain.resolution, 20);
  EXPECT_EQ(s.domain.boundary[0][0].kind, BoundaryKind::pml);
  EXPECT_EQ(s.domain.boundary[0][1].kind, BoundaryKind::pml);
  EXPECT_EQ(s.domain.boundary[1][0].kind, BoundaryKind::periodic);
  EXPECT_EQ(s.domain.boundary[1][1].kind, BoundaryKind::periodic);
  EXPECT_EQ(s.domain.boundary[2][0].kind, BoundaryKind::pec);
  EXPECT_EQ(s.domain.boundary[2][1].kind, BoundaryKind::pml);
  const PmlParams& p = s.domain.boundary[2][1].pml;
  EXPECT_EQ(p.cells, 10);
  EXPECT_DOUBLE_EQ(p.grading, 2);
  EXPECT_DOUBLE_EQ(p.sigma_factor, 1.2);
  EXPECT_DOUBLE_EQ(p.kappa_max, 2);
  EXPECT_DOUBLE_EQ(p.alpha_max, 0.1);
}

TEST(SceneYaml, FullSceneMaterialsAndGeometry) {
  const Scene s = parse_scene(kFullScene, "full.yaml");
  ASSERT_EQ(s.materials.size(), 7u);  // vacuum, air, pec, then the file's in order
  EXPECT_EQ(s.materials[2].name, "pec");
  EXPECT_TRUE(s.materials[2].pec);
  EXPECT_EQ(s.materials[3].name, "si");
  EXPECT_DOUBLE_EQ(s.materials[3].epsilon[0], 3.5 * 3.5);
  EXPECT_DOUBLE_EQ(s.materials[4].epsilon[0], 2.25);
  EXPECT_DOUBLE_EQ(s.materials[5].conductivity[0], conductivity_from_si(1000));
  EXPECT_TRUE(s.materials[6].pec);
  EXPECT_EQ(s.background, 4);

  ASSERT_EQ(s.shapes.size(), 4u);
  const auto* box0 = dynamic_cast<const BoxSolid*>(s.shapes[0].solid.get());
  ASSERT_NE(box0, nullptr);
  EXPECT_EQ(s.shapes[0].material, 3);
  EXPECT_DOUBLE_EQ(box0->size().x, 1e30);
  EXPECT_DOUBLE_EQ(box0->size().z, 0.22);
  const auto* cyl = dynamic_cast<const CylinderSolid*>(s.shapes[1].solid.get());
  ASSERT_NE(cyl, nullptr);
  EXPECT_EQ(cyl->axis(), 1);
  EXPECT_DOUBLE_EQ(cyl->radius(), 0.3);
  EXPECT_DOUBLE_EQ(cyl->height(), 0.22);
  // Layers: slabs stacked upward from z = -1, spanning everything transversally.
  EXPECT_EQ(s.shapes[2].material, 4);
  EXPECT_DOUBLE_EQ(box_of(s.shapes[2]).center().z, -0.75);
  EXPECT_DOUBLE_EQ(box_of(s.shapes[2]).size().z, 0.5);
  EXPECT_DOUBLE_EQ(box_of(s.shapes[2]).size().x, 1e30);
  EXPECT_EQ(s.shapes[3].material, 6);
  EXPECT_DOUBLE_EQ(box_of(s.shapes[3]).center().z, -0.45);
  EXPECT_DOUBLE_EQ(box_of(s.shapes[3]).size().z, 0.1);
}

TEST(SceneYaml, FullSceneSourcesInInverseMicrometres) {
  const Scene s = parse_scene(kFullScene, "full.yaml");
  ASSERT_EQ(s.sources.size(), 3u);
  const SourceSpec& a = s.sources[0];
  EXPECT_EQ(a.name, "src");
  EXPECT_EQ(a.component, Component::Ez);
  EXPECT_DOUBLE_EQ(a.center.x, -1);
  EXPECT_DOUBLE_EQ(a.size.y, 2);
  EXPECT_DOUBLE_EQ(a.amplitude, 2);
  EXPECT_EQ(a.time.kind, TimeProfile::Kind::gaussian);
  EXPECT_DOUBLE_EQ(a.time.frequency, 1 / 1.55);
  EXPECT_DOUBLE_EQ(a.time.fwidth, 0.2 / (1.55 * 1.55) / 2);
  EXPECT_DOUBLE_EQ(a.time.offset, 6);
  const SourceSpec& b = s.sources[1];
  EXPECT_EQ(b.name, "source1");
  EXPECT_EQ(b.component, Component::Hy);
  EXPECT_DOUBLE_EQ(b.time.frequency, 193.4 / kThz);
  EXPECT_DOUBLE_EQ(b.time.fwidth, 5 / kThz);
  const SourceSpec& c = s.sources[2];
  EXPECT_EQ(c.time.kind, TimeProfile::Kind::cw);
  EXPECT_DOUBLE_EQ(c.time.frequency, 200 / kThz);
  EXPECT_DOUBLE_EQ(c.time.ramp, 3);
  EXPECT_DOUBLE_EQ(c.center.x, 1);  // the domain's centre by default
}

TEST(SceneYaml, FullSceneMonitorsAndRun) {
  const Scene s = parse_scene(kFullScene, "full.yaml");
  ASSERT_EQ(s.probes.size(), 1u);
  EXPECT_EQ(s.probes[0].name, "p1");
  EXPECT_EQ(s.probes[0].components, (std::vector<Component>{Component::Ez, Component::Hy}));
  ASSERT_EQ(s.snapshots.size(), 1u);
  EXPECT_EQ(s.snapshots[0].every, 50);
  EXPECT_DOUBLE_EQ(s.snapshots[0].size.x, 6);
  ASSERT_EQ(s.fluxes.size(), 2u);
  const FluxSpec& t = s.fluxes[0];
  EXPECT_EQ(t.direction, -1);
  ASSERT_EQ(t.frequencies.size(), 3u);
  EXPECT_DOUBLE_EQ(t.frequencies[0], 1 / 1.5);
  EXPECT_DOUBLE_EQ(t.frequencies[1], 1 / 1.55);
  EXPECT_DOUBLE_EQ(t.frequencies[2], 1 / 1.6);
  EXPECT_EQ(s.fluxes[1].direction, 1);
  EXPECT_DOUBLE_EQ(s.fluxes[1].center.x, 1);
  EXPECT_EQ(s.fluxes[1].frequencies, (std::vector<double>{190 / kThz, 200 / kThz}));

  EXPECT_DOUBLE_EQ(s.run.time, 100 * 0.299792458);
  EXPECT_DOUBLE_EQ(s.run.decay_threshold, 1e-5);
  EXPECT_DOUBLE_EQ(s.run.courant, 0.5);
  EXPECT_EQ(s.run.check_every, 50);
  EXPECT_EQ(s.run.precision, "float64");
  EXPECT_EQ(s.run.output_dir, "out-dir");
}

TEST(SceneYaml, MinimalSceneTakesDefaults) {
  const Scene s = parse_scene("domain: {size: [2, 2, 2], resolution: 20}\n", "min.yaml");
  EXPECT_EQ(s.background, 0);
  EXPECT_EQ(s.materials[0].name, "vacuum");
  for (const auto& axis : s.domain.boundary)
    for (const Boundary& b : axis) EXPECT_EQ(b.kind, BoundaryKind::pml);
  EXPECT_DOUBLE_EQ(s.run.time, 100);
  EXPECT_EQ(s.run.precision, "float32");
}

TEST(SceneYaml, TwoDimensionalSceneIsZInvariant) {
  const Scene s = parse_scene(R"(domain: {size: [6, 4], resolution: 10, dims: 2}
boundaries: {all: pec}
materials: {si: {index: 3.48}}
geometry:
  - box: {material: si, size: [1, 1]}
sources:
  - {component: Ez, center: [0, 0], cw: {wavelength: 1.55}}
)",
                              "2d.yaml");
  EXPECT_EQ(s.domain.dims, 2);
  EXPECT_DOUBLE_EQ(s.domain.size.z, 0.1);  // one cell
  EXPECT_EQ(s.domain.boundary[0][0].kind, BoundaryKind::pec);
  EXPECT_EQ(s.domain.boundary[2][0].kind, BoundaryKind::periodic);
  EXPECT_EQ(s.domain.boundary[2][1].kind, BoundaryKind::periodic);
  EXPECT_DOUBLE_EQ(box_of(s.shapes[0]).size().z, 1e30);
}

TEST(SceneYaml, JsonIsAcceptedAsIs) {
  const Scene s = parse_scene(R"({
  "domain": {"size": [4, 2, 2], "resolution": 20},
  "materials": {"si": {"index": 3.48}},
  "geometry": [{"box": {"material": "si", "size": ["inf", 0.5, 0.22]}}],
  "sources": [{"component": "Ey", "center": [-1, 0, 0], "size": [0, 1, 1],
               "gaussian": {"wavelength": 1.55, "bandwidth": 0.3}}],
  "monitors": [{"flux": {"name": "T", "center": [1, 0, 0], "size": [0, 1, 1],
                         "wavelengths": [1.5, 1.6]}}],
  "run": {"time": 50}
})",
                              "scene.json");
  EXPECT_DOUBLE_EQ(s.domain.size.x, 4);
  EXPECT_DOUBLE_EQ(box_of(s.shapes[0]).size().x, 1e30);
  EXPECT_EQ(s.sources[0].component, Component::Ey);
  EXPECT_DOUBLE_EQ(s.fluxes[0].frequencies[1], 1 / 1.6);
  EXPECT_DOUBLE_EQ(s.run.time, 50);
}

TEST(SceneYaml, QuotedNumberInJsonIsAString) {
  const std::string e = parse_error(R"({"domain": {"size": [4, 2, 2], "resolution": "20"}})");
  EXPECT_STARTS_WITH(e, "scene.yaml:1:46: domain.resolution: got '20'; expected a number > 0");
}

TEST(SceneYaml, UnknownKeySuggestsTheClosest) {
  const std::string e = parse_error(R"(domain:
  size: [1, 1, 1]
  resolutoin: 20
)");
  EXPECT_EQ(e,
            "scene.yaml:3:3: domain.resolutoin: unknown key 'resolutoin' (did you mean 'resolution'?); "
            "expected one of size, center, resolution, dims, smoothing, symmetry, decomposition");
}

TEST(SceneYaml, UnknownTopLevelKeyWithoutCloseMatch) {
  const std::string e = parse_error("domain: {size: [1, 1, 1], resolution: 20}\nfoo: 1\n");
  EXPECT_STARTS_WITH(e, "scene.yaml:2:1: foo: unknown key 'foo'; expected one of domain, boundaries");
}

TEST(SceneYaml, WrongTypeNamesWhatWasExpected) {
  EXPECT_EQ(parse_error("domain:\n  size: [1, 1, 1]\n  resolution: twenty\n"),
            "scene.yaml:3:15: domain.resolution: got 'twenty'; expected a number > 0");
  EXPECT_EQ(parse_error("domain:\n  size: 3\n  resolution: 20\n"),
            "scene.yaml:2:9: domain.size: got '3'; expected a list of 3 numbers [x, y, z]");
}

TEST(SceneYaml, ZeroSizeIsRefused) {
  EXPECT_EQ(parse_error("domain:\n  size: [1, 0, 1]\n  resolution: 20\n"),
            "scene.yaml:2:13: domain.size[1]: got 0; expected a number > 0");
  EXPECT_STARTS_WITH(parse_error("domain:\n  size: [1, 1, 1]\n  resolution: 0\n"),
                     "scene.yaml:3:15: domain.resolution: got 0; expected a number > 0");
}

TEST(SceneYaml, MissingRequiredKey) {
  EXPECT_STARTS_WITH(parse_error("domain:\n  size: [1, 1, 1]\n"), "scene.yaml:2:3: domain.resolution: missing;");
  EXPECT_STARTS_WITH(parse_error(""), "scene.yaml:1:1: domain: missing;");
}

TEST(SceneYaml, PmlThickerThanTheDomain) {
  // 1 um at 20 cells/um: n = 20 cells, while two default PMLs take 24.
  const std::string e = parse_error("domain:\n  size: [1, 2, 2]\n  resolution: 20\n");
  EXPECT_STARTS_WITH(e, "scene.yaml:2:9: domain.size: the PML on x takes 24 cells");
  EXPECT_CONTAINS(e, "n = 20 cells");
  const std::string f = parse_error(R"(domain: {size: [2, 2, 1], resolution: 20}
boundaries:
  x: pec
  pml: {cells: 10}
)");
  EXPECT_STARTS_WITH(f, "scene.yaml:4:16: boundaries.pml.cells: the PML on z takes 20 cells");
  // One PML face of 10 cells fits 20 cells.
  EXPECT_EQ(parse_error(R"(domain: {size: [2, 2, 1], resolution: 20}
boundaries: {all: pec, z: {low: pml}, pml: {cells: 10}}
)"),
            "");
}

TEST(SceneYaml, PeriodicOnOneFaceIsRefused) {
  const std::string e = parse_error("domain: {size: [2, 2, 2], resolution: 20}\nboundaries:\n  y: {low: periodic}\n");
  EXPECT_STARTS_WITH(e, "scene.yaml:3:6: boundaries.y: periodic on one face only");
}

TEST(SceneYaml, UnknownBoundaryKind) {
  const std::string e = parse_error("domain: {size: [2, 2, 2], resolution: 20}\nboundaries: {all: pmll}\n");
  EXPECT_EQ(e,
            "scene.yaml:2:19: boundaries.all: unknown boundary kind 'pmll' (did you mean 'pml'?); "
            "expected one of pml, pec, periodic");
}

TEST(SceneYaml, SourceOutsideTheDomain) {
  const std::string e = parse_error(R"(domain: {size: [2, 2, 2], resolution: 20}
sources:
  - component: Ez
    center: [1.5, 0, 0]
    cw: {wavelength: 1.55}
)");
  EXPECT_EQ(e,
            "scene.yaml:4:13: sources[0].center: x = 1.5 um lies outside the domain (x from -1 to 1 um); "
            "expected a region inside the domain");
  // A centre inside but a size reaching out blames the size.
  const std::string f = parse_error(R"(domain: {size: [2, 2, 2], resolution: 20}
sources:
  - {component: Ez, size: [0, 3, 0], cw: {wavelength: 1.55}}
)");
  EXPECT_STARTS_WITH(f, "scene.yaml:3:27: sources[0].size: y from -1.5 to 1.5 um lies outside the domain");
  // Touching the faces is inside.
  EXPECT_EQ(parse_error(R"(domain: {size: [2, 2, 2], resolution: 20}
sources: [{component: Ez, size: [0, 2, 2], cw: {wavelength: 1.55}}]
)"),
            "");
}

TEST(SceneYaml, MonitorOutsideTheDomain) {
  const std::string e = parse_error(R"(domain: {size: [2, 2, 2], resolution: 20}
monitors:
  - probe: {components: [Ez], point: [0, 0, -3]}
)");
  EXPECT_STARTS_WITH(e, "scene.yaml:3:38: monitors[0].probe.point: z = -3 um lies outside the domain");
}

TEST(SceneYaml, CourantAboveOne) {
  const std::string e = parse_error("domain: {size: [2, 2, 2], resolution: 20}\nrun:\n  time: 10\n  courant: 1.2\n");
  EXPECT_EQ(e,
            "scene.yaml:4:12: run.courant: courant 1.2 is above the stability limit 1 (dt <= d/sqrt(dims)); "
            "expected a number in (0, 1]");
}

TEST(SceneYaml, UnknownMaterialSuggestsADefinedOne) {
  const std::string e = parse_error(R"(domain: {size: [2, 2, 2], resolution: 20}
materials:
  si: {index: 3.48}
geometry:
  - box: {material: sii, size: [1, 1, 1]}
)");
  EXPECT_EQ(e,
            "scene.yaml:5:21: geometry[0].box.material: unknown material 'sii' (did you mean 'si'?); "
            "expected a defined material: vacuum, air, pec, si");
}

TEST(SceneYaml, UnknownComponent) {
  const std::string e = parse_error(R"(domain: {size: [2, 2, 2], resolution: 20}
monitors:
  - snapshot: {components: [Ez, Hq]}
)");
  EXPECT_STARTS_WITH(e, "scene.yaml:3:33: monitors[0].snapshot.components[1]: unknown component 'Hq'");
}

TEST(SceneYaml, ExactlyOneOfTwoKeys) {
  EXPECT_STARTS_WITH(parse_error(R"(domain: {size: [2, 2, 2], resolution: 20}
sources:
  - component: Ez
    gaussian: {wavelength: 1.55, bandwidth: 0.1}
    cw: {wavelength: 1.55}
)"),
                     "scene.yaml:5:9: sources[0].cw: gaussian and cw both given; expected exactly one of gaussian, cw");
  EXPECT_STARTS_WITH(parse_error("domain: {size: [2, 2, 2], resolution: 20}\nmaterials:\n  si: {}\n"),
                     "scene.yaml:3:7: materials.si: none of index, epsilon, library, pec given");
}

TEST(SceneYaml, FluxNeedsOneZeroExtent) {
  const std::string e = parse_error(R"(domain: {size: [2, 2, 2], resolution: 20}
monitors:
  - flux: {size: [0, 0, 1], wavelengths: [1.55]}
)");
  EXPECT_STARTS_WITH(e, "scene.yaml:3:18: monitors[0].flux.size: got 2 zero entries");
}

TEST(SceneYaml, DuplicateMonitorName) {
  const std::string e = parse_error(R"(domain: {size: [2, 2, 2], resolution: 20}
monitors:
  - probe: {name: a, components: [Ez]}
  - probe: {name: a, components: [Hz]}
)");
  EXPECT_STARTS_WITH(e, "scene.yaml:4:19: monitors[1].probe.name: a second monitor named 'a'");
}

TEST(SceneYaml, YamlSyntaxErrorHasPosition) {
  const std::string e = parse_error("domain:\n  size: [1, 1, 1\n  resolution: 20\n");
  EXPECT_TRUE(starts_with(e, "scene.yaml:")) << e;
  EXPECT_CONTAINS(e, "YAML syntax error");
  int line = 0, column = 0;
  ASSERT_EQ(std::sscanf(e.c_str(), "scene.yaml:%d:%d:", &line, &column), 2) << e;
  EXPECT_GE(line, 2);
  EXPECT_GE(column, 1);
}

TEST(SceneYaml, MissingFileNamesThePath) {
  try {
    load_scene("/nonexistent/scene.yaml");
    FAIL() << "no error";
  } catch (const SceneError& e) {
    EXPECT_STARTS_WITH(std::string(e.what()), "/nonexistent/scene.yaml: cannot read the scene file");
  }
}

TEST(SceneYaml, MemoryBeyondTheMachineIsRefused) {
  const std::string text = "domain:\n  size: [100000, 100000, 100000]\n  resolution: 1\n";
  const Scene s = parse_scene(text, "huge.yaml");  // well-formed: only the resources are lacking
  ASSERT_GT(machine_memory_bytes(), 0u);
  const std::string path = ::testing::TempDir() + "huge.yaml";
  std::ofstream(path) << text;
  try {
    load_scene(path);
    FAIL() << "no error";
  } catch (const SceneError& e) {
    const std::string m = e.what();
    EXPECT_STARTS_WITH(m, path + ":3:15: domain.resolution: needs about ");
    EXPECT_CONTAINS(m, "GiB, more than this machine's");
    EXPECT_CONTAINS(m, "lower the resolution or the domain");
  }
  std::remove(path.c_str());
  EXPECT_NO_THROW(check_resources(parse_scene(kFullScene, "full.yaml")));
}

TEST(SceneYaml, WarnsUnderTenCellsPerWavelength) {
  const std::string scene = R"(domain: {size: [4, 4, 4], resolution: RES}
materials: {si: {index: 3.48}}
geometry: [{box: {material: si, size: [1, 1, 1]}}]
sources: [{component: Ez, gaussian: {wavelength: 1.55, bandwidth: 0.1}}]
)";
  auto with_resolution = [&](const std::string& r) {
    std::string t = scene;
    t.replace(t.find("RES"), 3, r);
    return scene_warnings(parse_scene(t, "w.yaml"));
  };
  // Shortest wavelength 1 / (f0 + 2 fwidth) = 1.455 um, 0.418 um in silicon: 8.4 cells at 20.
  const std::vector<std::string> coarse = with_resolution("20");
  ASSERT_EQ(coarse.size(), 1u);
  EXPECT_STARTS_WITH(coarse[0], "w.yaml: resolution 20 gives 8.36");
  EXPECT_CONTAINS(coarse[0], "cells per wavelength in si");
  EXPECT_TRUE(with_resolution("30").empty());
}

TEST(SceneYaml, WarnsAboutSourcesInThePml) {
  const Scene s = parse_scene(R"(domain: {size: [4, 4, 4], resolution: 20}
sources: [{component: Ez, center: [1.8, 0, 0], cw: {wavelength: 1.55}}]
)",
                              "p.yaml");
  const std::vector<std::string> w = scene_warnings(s);
  ASSERT_EQ(w.size(), 1u);
  EXPECT_STARTS_WITH(w[0], "p.yaml: source 'source0' reaches into the PML on the high x face");
}

}  // namespace

// Sweep files (io/sweep.hpp): parsing and its errors, expansion of points into scenes,
// figures read from results, point records and the table.
#include <gtest/gtest.h>
#include <hdf5.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "io/hdf5_util.hpp"
#include "io/scene_yaml.hpp"
#include "io/sweep.hpp"

namespace pfdtd {
namespace {

namespace fs = std::filesystem;

const char* kScene = R"(domain: {size: [3.0, 2.0], resolution: 20, dims: 2}
materials: {si: {index: 3.48, thermo_optic: Si, temperature_change: 0}}
geometry:
  - box: {material: si, center: [0, 0], size: [inf, 0.4]}
  - box: {material: si, center: [1, 0], size: [0.2, 0.4]}
sources:
  - {component: Ez, center: [-1, 0], gaussian: {wavelength: 1.55, bandwidth: 0.2}}
monitors:
  - flux: {name: t, center: [1, 0], size: [0, 1], wavelengths: [1.5, 1.55]}
  - flux: {name: ref, center: [-0.5, 0], size: [0, 1], wavelengths: [1.5, 1.55]}
run: {time: 10}
)";

// A folder with the base scene, removed at the end of the test.
class SweepTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("pfdtd-test-sweep-" + std::to_string(::getpid()) + "-" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    write("scene.yaml", kScene);
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string write(const std::string& name, const std::string& text) const {
    std::ofstream(dir_ / name) << text;
    return (dir_ / name).string();
  }
  Sweep sweep(const std::string& body) const {
    return parse_sweep("scene: scene.yaml\noutput: " + (dir_ / "out").string() + "\n" + body,
                       (dir_ / "sweep.yaml").string());
  }
  // The SceneError message of parsing `body`, "" if none.
  std::string error(const std::string& body) const {
    try {
      sweep(body);
    } catch (const SceneError& e) {
      return e.what();
    }
    return "";
  }
  std::string read(const std::string& path) const {
    std::ifstream in(path);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
  }

  fs::path dir_;
};

TEST_F(SweepTest, ProductVariesTheFirstParameterSlowest) {
  const Sweep s = sweep(
      "parameters:\n"
      "  - {name: w, path: geometry.0.box.size.1, values: [0.3, 0.5]}\n"
      "  - {path: materials.si.temperature_change, range: {start: 0, stop: 100, count: 3}}\n");
  ASSERT_EQ(s.size(), 6);
  EXPECT_EQ(s.parameters[1].name, "materials.si.temperature_change");  // default name: the path
  EXPECT_EQ(s.point_values(0), (std::vector<double>{0.3, 0}));
  EXPECT_EQ(s.point_values(1), (std::vector<double>{0.3, 50}));
  EXPECT_EQ(s.point_values(5), (std::vector<double>{0.5, 100}));
  EXPECT_EQ(s.point_dir(5), (dir_ / "out").string() + "/points/5");
}

TEST_F(SweepTest, ZipPairsValuesAndNeedsEqualCounts) {
  const Sweep s = sweep(
      "combine: zip\nparameters:\n"
      "  - {path: geometry.0.box.size.1, values: [0.3, 0.5]}\n"
      "  - {path: materials.si.temperature_change, values: [10, 20]}\n");
  ASSERT_EQ(s.size(), 2);
  EXPECT_EQ(s.point_values(1), (std::vector<double>{0.5, 20}));
  const std::string e = error(
      "combine: zip\nparameters:\n"
      "  - {path: geometry.0.box.size.1, values: [0.3, 0.5]}\n"
      "  - {path: materials.si.temperature_change, values: [10, 20, 30]}\n");
  EXPECT_NE(e.find("sweep.yaml:6:5: parameters[1]: 3 values against 2"), std::string::npos) << e;
  EXPECT_NE(e.find("combine: zip"), std::string::npos) << e;
}

TEST_F(SweepTest, PathsMissingFromTheSceneAreErrorsUpFront) {
  std::string e = error("parameters:\n  - {path: geometry.0.box.sise.1, values: [1]}\n");
  EXPECT_NE(e.find("sweep.yaml:4:12: parameters[0].path: 'geometry.0.box.sise.1' is not in"), std::string::npos) << e;
  EXPECT_NE(e.find("no key 'sise' under geometry.0.box (did you mean 'size'?)"), std::string::npos) << e;
  e = error("parameters:\n  - {path: geometry.7.box.size.1, values: [1]}\n");
  EXPECT_NE(e.find("'7' under geometry, a list of 2 items"), std::string::npos) << e;
  e = error("parameters:\n  - {path: geometry.0.box, values: [1]}\n");
  EXPECT_NE(e.find("expected a path to a single value"), std::string::npos) << e;
  e = error("parameters:\n  - {path: run.time, values: []}\n");
  EXPECT_NE(e.find("parameters[0].values: an empty list"), std::string::npos) << e;
  e = error("parameters:\n  - {path: run.time, values: [1], rnage: 2}\n");
  EXPECT_NE(e.find("parameters[0].rnage: unknown key 'rnage'"), std::string::npos) << e;
  e = error("parameters:\n  - {name: a b, path: run.time, values: [1]}\n");
  EXPECT_NE(e.find("a CSV column and HDF5 dataset name"), std::string::npos) << e;
}

TEST_F(SweepTest, FiguresAreCheckedAgainstTheBaseScene) {
  const std::string params = "parameters:\n  - {path: run.time, values: [10]}\n";
  std::string e = error(params + "figures:\n  - {name: T, flux: {monitor: tt, wavelength: 1.55}}\n");
  EXPECT_NE(e.find("figures[0].flux.monitor: the base scene has no flux monitor 'tt' (did you mean 't'?)"),
            std::string::npos) << e;
  e = error(params + "figures:\n  - {name: T, mode: {monitor: t, wavelength: 1.55}}\n");
  EXPECT_NE(e.find("expected a scene with a mode monitor"), std::string::npos) << e;
  e = error(params + "figures:\n  - {name: run.time, flux: {monitor: t, wavelength: 1.55}}\n");
  EXPECT_NE(e.find("duplicate column name"), std::string::npos) << e;
  const Sweep s = sweep(params + "figures:\n  - {name: T, flux: {monitor: t, wavelength: 1.55, normalize: ref}}\n");
  EXPECT_EQ(s.figures[0].normalize, "ref");
  EXPECT_EQ(s.figures[0].kind, SweepFigure::Kind::flux);
}

TEST_F(SweepTest, PointSceneHasTheValuesAndItsOwnOutput) {
  const Sweep s = sweep(
      "parameters:\n"
      "  - {name: w, path: [geometry.0.box.size.1, geometry.1.box.size.1], values: [0.3, 0.45]}\n"
      "  - {name: dT, path: materials.si.temperature_change, values: [0, 50]}\n");
  const std::string text = point_scene_text(s, 3);
  const Scene scene = parse_scene(text, point_scene_file(s, 3));
  EXPECT_EQ(scene.run.output_dir, s.point_dir(3));
  ASSERT_EQ(scene.shapes.size(), 2u);
  EXPECT_NE(text.find("size: [inf, 0.45]"), std::string::npos) << text;  // both paths of the parameter
  EXPECT_NE(text.find("size: [0.2, 0.45]"), std::string::npos) << text;
  EXPECT_NE(text.find("temperature_change: 50"), std::string::npos) << text;
  // The base scene is not changed by a point.
  EXPECT_NE(point_scene_text(s, 0).find("size: [inf, 0.3]"), std::string::npos);
}

TEST_F(SweepTest, ABadValueFailsOnlyItsPointWithTheReadersMessage) {
  const Sweep s = sweep("parameters:\n  - {name: w, path: geometry.0.box.size.1, values: [0.3, -0.1]}\n");
  EXPECT_NO_THROW(parse_scene(point_scene_text(s, 0), point_scene_file(s, 0)));
  try {
    parse_scene(point_scene_text(s, 1), point_scene_file(s, 1));
    FAIL() << "a negative width was accepted";
  } catch (const SceneError& e) {
    const std::string m = e.what();
    EXPECT_NE(m.find(point_scene_file(s, 1) + ":"), std::string::npos) << m;
    EXPECT_NE(m.find("geometry[0].box.size[1]: got -0.1; expected a number > 0"), std::string::npos) << m;
  }
}

TEST_F(SweepTest, NumbersRoundTripExactly) {
  for (double v : {0.1, 1.0 / 3, 1e-300, -2.5e17, 0.3 + 0.6}) EXPECT_EQ(std::strtod(exact_number(v).c_str(), nullptr), v);
  EXPECT_EQ(exact_number(0.2), "0.2");  // the shortest form when it round-trips
}

TEST_F(SweepTest, RecordsBuildTheTable) {
  const Sweep s = sweep(
      "parameters:\n  - {name: w, path: geometry.0.box.size.1, values: [0.3, 0.5, 0.7]}\n"
      "figures:\n  - {name: T, flux: {monitor: t, wavelength: 1.55}}\n");
  write_point_record(s, PointRecord{0, "done", {0.3}, {1.0 / 3}, "", 1.5});
  write_point_record(s, PointRecord{1, "failed", {0.5}, {}, "file.yaml:1:2: a, \"b\"\nnext", 0.1});
  const SweepCounts c = write_sweep_table(s);
  EXPECT_EQ(c.done, 1);
  EXPECT_EQ(c.failed, 1);
  EXPECT_EQ(c.pending, 1);
  EXPECT_EQ(read((dir_ / "out/sweep.csv").string()),
            "index,status,w,T,error\n"
            "0,done,0.3,0.3333333333333333,\n"
            "1,failed,0.5,,\"file.yaml:1:2: a, \"\"b\"\" next\"\n"
            "2,pending,0.7,,\n");
  const std::optional<PointRecord> r = read_point_record(s, 1);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->error, "file.yaml:1:2: a, \"b\"\nnext");
  EXPECT_TRUE(std::isnan(r->figures[0]));
  EXPECT_FALSE(read_point_record(s, 2));
  // A resumed sweep must be the same sweep: other values in the same folder are refused.
  const Sweep changed = sweep("parameters:\n  - {name: w, path: geometry.0.box.size.1, values: [0.3, 0.55]}\n"
                              "figures:\n  - {name: T, flux: {monitor: t, wavelength: 1.55}}\n");
  EXPECT_THROW(read_point_record(changed, 1), std::runtime_error);
  EXPECT_TRUE(fs::exists(dir_ / "out/sweep.h5"));
}

// A results.h5 with two flux monitors, as io/hdf5_output.cpp writes them.
void write_flux_results(const std::string& path) {
  h5::write_atomically(path, [](hid_t f) {
    h5::Handle flux = h5::group(f, "flux");
    for (const char* name : {"t", "ref"}) {
      h5::Handle g = h5::group(flux, name);
      const bool t = std::string(name) == "t";
      h5::dataset<double>(g, "wavelength", {1.5, 1.55});
      h5::dataset<double>(g, "flux", t ? std::vector<double>{2, 3} : std::vector<double>{4, 12});
      h5::dataset<double>(g, "source_power", {4, 6});
    }
  });
}

TEST_F(SweepTest, FluxFiguresAreNormalisedAsAsked) {
  const Sweep s = sweep(
      "parameters:\n  - {path: run.time, values: [10]}\n"
      "figures:\n"
      "  - {name: a, flux: {monitor: t, wavelength: 1.55}}\n"
      "  - {name: b, flux: {monitor: t, wavelength: 1.5000000001, normalize: none}}\n"
      "  - {name: c, flux: {monitor: t, wavelength: 1.55, normalize: ref}}\n");
  fs::create_directories(s.point_dir(0));
  write_flux_results(s.point_dir(0) + "/results.h5");
  EXPECT_EQ(read_figures(s, s.point_dir(0)), (std::vector<double>{0.5, 2, 0.25}));
  const Sweep off = sweep("parameters:\n  - {path: run.time, values: [10]}\n"
                          "figures:\n  - {name: a, flux: {monitor: t, wavelength: 1.6}}\n");
  try {
    read_figures(off, s.point_dir(0));
    FAIL() << "a wavelength the monitor does not have was accepted";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("has no sample at 1.6 um (it has 1.5, 1.55)"), std::string::npos) << e.what();
  }
  EXPECT_THROW(read_figures(s, s.point_dir(1)), std::runtime_error);  // no results at all
}

}  // namespace
}  // namespace pfdtd

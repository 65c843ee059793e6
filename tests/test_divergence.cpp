// A run that blows up (here: a medium with negative conductivity, i.e. strong gain) stops
// with a message naming the step, component and cell, and what was written before stays:
// earlier snapshots are intact and results.h5 records why the run stopped.
#include <gtest/gtest.h>

#include <filesystem>

#include "io/hdf5_output.hpp"
#include "solver/simulation.hpp"

using namespace pfdtd;
namespace fs = std::filesystem;

TEST(Divergence, StopsWithLocationAndKeepsOutputs) {
  Scene s;
  s.materials.push_back(Material{"gain", 1.0, -40.0});
  s.domain.size = {1, 1, 1};
  s.domain.resolution = 10;
  for (auto& ax : s.domain.boundary)
    for (auto& b : ax) b.pml.cells = 3;
  SourceSpec src;
  src.time.frequency = 1.0;
  src.time.fwidth = 0.5;
  s.sources.push_back(src);
  s.snapshots.push_back(SnapshotSpec{"mid", {Component::Ez}, {0, 0, 0}, {1, 1, 0}, 10});
  s.run.time = 1000;
  s.run.check_every = 50;
  const fs::path dir = fs::temp_directory_path() / "pfdtd-divergence-test";
  fs::remove_all(dir);
  Hdf5Output out(dir.string(), "scene text");
  Simulation<float> sim(s);
  try {
    sim.run(&out);
    FAIL() << "the run should have diverged";
  } catch (const DivergenceError& e) {
    const std::string msg = e.what();
    EXPECT_NE(msg.find("diverged at step"), std::string::npos) << msg;
    EXPECT_NE(msg.find("at cell ("), std::string::npos) << msg;
    std::printf("%s\n", msg.c_str());
  }
  EXPECT_TRUE(fs::exists(dir / "results.h5"));
  EXPECT_TRUE(fs::exists(dir / "mid-Ez-00000010.hdf"));
  EXPECT_TRUE(fs::exists(dir / "mid-Ez.pvd"));
  for (const auto& entry : fs::directory_iterator(dir)) EXPECT_NE(entry.path().extension(), ".tmp");
}

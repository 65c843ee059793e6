// Checkpoints (io/checkpoint.hpp) on one rank: a bitwise round trip of a synthetic state
// (tests/checkpoint_state.hpp), reading any piece of it, the file's documented layout, the
// errors for a checkpoint that does not fit the run, and crash safety. The MPI splits are
// tests/checkpoint_mpi.cpp's.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <functional>
#include <stdexcept>
#include <string>

#include "io/checkpoint.hpp"
#include "io/hdf5_util.hpp"
#include "tests/checkpoint_state.hpp"

namespace fs = std::filesystem;
using namespace pfdtd;
using pfdtd::synthetic::SyntheticState;

namespace {

const std::string kScene = "scene: synthetic\nrun: {steps: 1000}\n";

// The message of what `f` throws ("" if nothing).
std::string error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const std::exception& e) {
    return e.what();
  }
  return "";
}

class Checkpoint : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir = (fs::temp_directory_path() / ("pfdtd-checkpoint-" + std::to_string(::getpid()) + "-" + info->name())).string();
    fs::remove_all(dir);
  }
  void TearDown() override { fs::remove_all(dir); }

  void write(long long step, const std::string& scene = kScene) {
    const SyntheticState state(synthetic::kGrid, true);
    write_checkpoint(dir, serial, StateScalars{step, 0.5 * step}, state.arrays, scene);
  }
  // Reads the whole state back into fresh (NaN) device memory; returns the step.
  long long read_all_bitwise() {
    SyntheticState state(synthetic::kGrid, false);
    const StateScalars s = read_checkpoint(dir, serial, state.arrays, kScene);
    EXPECT_EQ(state.mismatches(), 0);
    EXPECT_EQ(s.max_energy, 0.5 * s.step);
    return s.step;
  }
  // The error of reading the whole state after `change` altered the run's description of it.
  std::string read_error(const std::function<void(std::vector<StateArray>&)>& change,
                         const std::string& scene = kScene) {
    SyntheticState state(synthetic::kGrid, false);
    change(state.arrays);
    return error_of([&] { read_checkpoint(dir, serial, state.arrays, scene); });
  }

  std::string dir;
  const Comm serial = Comm::serial();
};

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

TEST_F(Checkpoint, OneRankRoundTripIsBitwise) {
  write(1234);
  EXPECT_TRUE(checkpoint_exists(dir));
  EXPECT_EQ(read_all_bitwise(), 1234);
}

// Pieces of another split, many of them empty (the plane or the probe cell outside the slab).
TEST_F(Checkpoint, OneRankReadsAnyPieceOfIt) {
  write(7);
  for (int axis = 0; axis < 3; ++axis)
    for (int rank = 0; rank < 3; ++rank) {
      SyntheticState state(synthetic::slab(axis, rank, 3), false);
      read_checkpoint(dir, serial, state.arrays, kScene);
      EXPECT_EQ(state.mismatches(), 0) << "axis " << axis << ", slab " << rank;
    }
}

// A field's device array holds a ghost layer around its piece: only the piece is written,
// and reading fills only the piece, leaving the ghosts as they were.
TEST_F(Checkpoint, GhostLayersAreNeitherWrittenNorOverwritten) {
  {
    const SyntheticState state(synthetic::kGrid, true, true);
    write_checkpoint(dir, serial, StateScalars{5, 2.5}, state.arrays, kScene);
  }
  EXPECT_EQ(read_all_bitwise(), 5);
  for (int rank = 0; rank < 2; ++rank) {
    SyntheticState state(synthetic::slab(0, rank, 2), false, true);
    read_checkpoint(dir, serial, state.arrays, kScene);
    EXPECT_EQ(state.mismatches(), 0) << "slab " << rank;
  }
}

// What docs/output-format.md promises to h5py users.
TEST_F(Checkpoint, FileHasTheDocumentedLayout) {
  write(42);
  h5::Handle f(H5Fopen(checkpoint_path(dir).c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), H5Fclose, "open");
  EXPECT_EQ(h5::read_attribute<long long>(f, "step"), std::vector<long long>{42});
  EXPECT_EQ(h5::read_attribute<double>(f, "max_energy"), std::vector<double>{21});
  EXPECT_EQ(h5::read_attribute<long long>(f, "ranks"), std::vector<long long>{1});
  EXPECT_EQ(h5::read_attribute<long long>(f, "complete"), std::vector<long long>{1});
  EXPECT_EQ(h5::read_string_attribute(f, "scene"), kScene);
  EXPECT_EQ(h5::read_string_attribute(f, "pfdtd_version"), "0.1.0");
  for (const StateArray& a : synthetic::synthetic_arrays(synthetic::kGrid)) {
    h5::Handle d(H5Dopen2(f, a.name.c_str(), H5P_DEFAULT), H5Dclose, "open " + a.name);
    h5::Handle space(H5Dget_space(d), H5Sclose, "space");
    hsize_t dims[5] = {};
    ASSERT_EQ(H5Sget_simple_extent_ndims(space), 5) << a.name;
    H5Sget_simple_extent_dims(space, dims, nullptr);
    const hsize_t want[5] = {hsize_t(a.outer), hsize_t(a.whole.extent(2)), hsize_t(a.whole.extent(1)),
                             hsize_t(a.whole.extent(0)), hsize_t(a.inner)};
    EXPECT_TRUE(std::equal(dims, dims + 5, want)) << a.name;
    h5::Handle type(H5Dget_type(d), H5Tclose, "type");
    EXPECT_EQ(H5Tget_size(type), a.single ? 4u : 8u) << a.name;
    EXPECT_EQ(h5::read_attribute<long long>(d, "first_index"),
              (std::vector<long long>{a.whole.lo.i, a.whole.lo.j, a.whole.lo.k}))
        << a.name;
  }
}

// Beyond the 64 KiB an attribute of fixed length can hold in the object header.
TEST_F(Checkpoint, SceneTextOfAnyLengthRoundTrips) {
  std::string scene;
  for (int line = 0; line < 20000; ++line) scene += "# line " + std::to_string(line) + " of a large scene\n";
  write(3, scene);
  SyntheticState state(synthetic::kGrid, false);
  EXPECT_EQ(read_checkpoint(dir, serial, state.arrays, scene).step, 3);
}

// ---- a checkpoint that does not fit the run ----

TEST_F(Checkpoint, MissingFileIsNamed) {
  const std::string e = read_error([](std::vector<StateArray>&) {});
  EXPECT_TRUE(contains(e, checkpoint_path(dir)) && contains(e, "not found")) << e;
  EXPECT_FALSE(checkpoint_exists(dir));
}

TEST_F(Checkpoint, MissingArrayIsNamed) {
  write(1);
  const std::string e = read_error([](std::vector<StateArray>& a) { a[2].name = "probes/p1/Hz"; });
  EXPECT_TRUE(contains(e, checkpoint_path(dir)) && contains(e, "has no array 'probes/p1/Hz'")) << e;
}

TEST_F(Checkpoint, ShapeMismatchIsNamed) {
  write(1);
  std::string e = read_error([](std::vector<StateArray>& a) { a[0].whole.hi.i += 1; });
  EXPECT_TRUE(contains(e, "'fields/Ex' has shape (1, 5, 6, 8, 1), this run needs (1, 5, 6, 9, 1)")) << e;
  e = read_error([](std::vector<StateArray>& a) { a[1].outer = 4; });
  EXPECT_TRUE(contains(e, checkpoint_path(dir)) && contains(e, "'dft/top/Ey' has shape (3, 1, 4, 6, 2)")) << e;
}

TEST_F(Checkpoint, PrecisionMismatchIsNamed) {
  write(1);
  const std::string e = read_error([](std::vector<StateArray>& a) { a[0].single = false; });
  EXPECT_TRUE(contains(e, "'fields/Ex' is float32, this run needs float64")) << e;
}

TEST_F(Checkpoint, ShiftedBoxIsAMismatch) {
  write(1);
  const std::string e = read_error([](std::vector<StateArray>& a) {
    a[2].whole = a[2].piece = Box{{4, 2, 1}, {5, 3, 2}};  // the probe one cell over: same shape
  });
  EXPECT_TRUE(contains(e, "'probes/p0/Hz' starts at another cell")) << e;
}

TEST_F(Checkpoint, OtherSceneIsRefused) {
  write(1);
  const std::string e =
      read_error([](std::vector<StateArray>&) {}, "scene: synthetic\nrun: {steps: 2000}\n");
  EXPECT_TRUE(contains(e, "checkpoint " + checkpoint_path(dir) + " is of another scene: line 2")) << e;
}

TEST_F(Checkpoint, PiecesMustTileTheWholeBoxToBeWritten) {
  SyntheticState state(synthetic::slab(2, 0, 2), true);  // one slab only, on a single rank
  const std::string e = error_of([&] { write_checkpoint(dir, serial, {}, state.arrays, kScene); });
  EXPECT_TRUE(contains(e, "'fields/Ex': the ranks' pieces hold 96 cells of its whole box's 240")) << e;
  state.arrays[2].piece = Box{{0, 0, 0}, {1, 1, 1}};  // outside its whole box
  EXPECT_TRUE(contains(error_of([&] { write_checkpoint(dir, serial, {}, state.arrays, kScene); }),
                       "the piece from (0, 0, 0) to (1, 1, 1) is not inside the whole box"));
  state.arrays[2].piece = state.arrays[2].whole;
  state.arrays[2].stored = Box{{0, 0, 0}, {1, 1, 1}};  // device memory elsewhere than the piece
  EXPECT_TRUE(contains(error_of([&] { write_checkpoint(dir, serial, {}, state.arrays, kScene); }),
                       "is not inside the stored box"));
  EXPECT_FALSE(checkpoint_exists(dir));
}

// ---- crash safety ----

// A run killed mid-write leaves a partial temporary file: it must not matter.
TEST_F(Checkpoint, TruncatedTemporaryKeepsThePreviousCheckpoint) {
  write(10);
  const std::string tmp = checkpoint_path(dir) + ".tmp";
  fs::copy_file(checkpoint_path(dir), tmp);
  fs::resize_file(tmp, fs::file_size(tmp) / 2);
  EXPECT_EQ(read_all_bitwise(), 10);
  write(20);  // over the stale temporary
  EXPECT_FALSE(fs::exists(tmp));
  EXPECT_EQ(read_all_bitwise(), 20);
}

// A write that fails after some arrays are in the file (HDF5 cannot put a dataset under a
// dataset) throws, removes its temporary and leaves the previous checkpoint readable.
TEST_F(Checkpoint, FailedWriteKeepsThePreviousCheckpoint) {
  write(10);
  SyntheticState state(synthetic::kGrid, true);
  std::vector<StateArray> arrays = state.arrays;
  arrays.push_back(arrays[2]);
  arrays.back().name = "fields/Ex/under_a_dataset";
  EXPECT_TRUE(contains(error_of([&] { write_checkpoint(dir, serial, {20, 1}, arrays, kScene); }),
                       "fields/Ex/under_a_dataset"));
  EXPECT_FALSE(fs::exists(checkpoint_path(dir) + ".tmp"));
  EXPECT_EQ(read_all_bitwise(), 10);
}

TEST_F(Checkpoint, TruncatedCheckpointIsAClearError) {
  write(10);
  fs::resize_file(checkpoint_path(dir), fs::file_size(checkpoint_path(dir)) / 2);
  const std::string e = read_error([](std::vector<StateArray>&) {});
  EXPECT_TRUE(contains(e, checkpoint_path(dir)) && contains(e, "cannot be opened")) << e;
}

// Checkpoints (io/checkpoint.hpp). One HDF5 file for all ranks: with more than one rank it is
// opened through the MPI-IO driver and every dataset is written and read collectively, each
// rank selecting its piece's hyperslab (or nothing), so the file does not depend on the split
// and any split can read it back. A serial Comm uses HDF5's default driver and no MPI.
#include "io/checkpoint.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <sstream>
#include <stdexcept>

#include "io/hdf5_util.hpp"
#include "kernels/device_memory.hpp"

#ifndef PFDTD_VERSION
#define PFDTD_VERSION "unknown"
#endif

namespace pfdtd {

namespace {
namespace fs = std::filesystem;
using namespace h5;

// Dataset shape: (outer, nz, ny, nx, inner), the order of the device memory (x fastest).
constexpr int kRank = 5;
using Dims = std::array<hsize_t, kRank>;

Dims box_dims(const StateArray& a, const Box& b) {
  return {hsize_t(a.outer), hsize_t(b.extent(2)), hsize_t(b.extent(1)), hsize_t(b.extent(0)), hsize_t(a.inner)};
}

std::string shape_text(const Dims& d) {
  std::ostringstream s;
  s << "(" << d[0] << ", " << d[1] << ", " << d[2] << ", " << d[3] << ", " << d[4] << ")";
  return s.str();
}

std::string index_text(const Index3& p) {
  return "(" + std::to_string(p.i) + ", " + std::to_string(p.j) + ", " + std::to_string(p.k) + ")";
}

std::string precision_text(bool single) { return single ? "float32" : "float64"; }
hid_t memory_type(const StateArray& a) { return a.single ? H5T_NATIVE_FLOAT : H5T_NATIVE_DOUBLE; }

// The box the device array covers: `stored` (owned cells and ghosts), else the piece.
const Box& device_box(const StateArray& a) { return a.stored.empty() ? a.piece : a.stored; }
bool has_ghosts(const StateArray& a) { return !a.piece.empty() && device_box(a).cells() != a.piece.cells(); }

// Bytes moved between the device and the host buffer (none for an empty piece).
std::size_t device_bytes(const StateArray& a) {
  if (a.piece.empty()) return 0;
  return std::size_t(a.outer) * std::size_t(device_box(a).cells()) * std::size_t(a.inner) * (a.single ? 4 : 8);
}

bool inside(const Box& inner, const Box& outer) { return intersect(inner, outer).cells() == inner.cells(); }

std::string box_text(const Box& b) { return "from " + index_text(b.lo) + " to " + index_text(b.hi); }

// Why this rank's description of `a` cannot be written or read ("" if it can).
std::string array_problem(const StateArray& a) {
  const std::string what = "checkpoint array '" + a.name + "': ";
  if (a.name.empty()) return "checkpoint array with an empty name";
  if (a.outer < 1 || a.inner < 1) return what + "outer and inner must be >= 1";
  if (a.whole.empty()) return what + "its whole box is empty";
  if (a.piece.empty()) return "";
  if (!inside(a.piece, a.whole))
    return what + "the piece " + box_text(a.piece) + " is not inside the whole box " + box_text(a.whole);
  if (!inside(a.piece, device_box(a)))
    return what + "the piece " + box_text(a.piece) + " is not inside the stored box " + box_text(a.stored);
  if (!a.device) return what + "a non-empty piece has no device memory";
  return "";
}

// Throws on every rank when any rank's arrays are malformed, before any collective HDF5 call
// (a rank that threw alone would leave the others waiting in one).
void check_arrays(const Comm& comm, const std::vector<StateArray>& arrays, bool pieces_cover) {
  std::string problem;
  for (const StateArray& a : arrays)
    if (problem.empty()) problem = array_problem(a);
  if (comm.any(!problem.empty()))
    throw std::invalid_argument(problem.empty() ? "checkpoint: another rank's arrays are malformed" : problem);
  if (!pieces_cover) return;
  for (const StateArray& a : arrays) {  // unwritten cells would be read back as garbage
    const long long held = comm.sum(a.piece.cells());
    if (held != a.whole.cells())
      throw std::invalid_argument("checkpoint array '" + a.name + "': the ranks' pieces hold " +
                                  std::to_string(held) + " cells of its whole box's " +
                                  std::to_string(a.whole.cells()) + " (they must tile it)");
  }
}

// Runs `f` on rank 0 only and makes every rank throw its error, if any.
template <class F>
void on_root(const Comm& comm, F f) {
  std::vector<char> error;
  if (comm.root()) {
    try {
      f();
    } catch (const std::exception& e) {
      error.assign(e.what(), e.what() + std::strlen(e.what()));
    }
  }
  comm.broadcast(error);
  if (!error.empty()) throw std::runtime_error(std::string(error.begin(), error.end()));
}

Handle access_plist(const Comm& comm) {
  Handle p(H5Pcreate(H5P_FILE_ACCESS), H5Pclose, "create file access property list");
  if (comm.parallel()) check(H5Pset_fapl_mpio(p, comm.handle, MPI_INFO_NULL), "use the MPI-IO driver");
  return p;
}

Handle transfer_plist(const Comm& comm) {
  Handle p(H5Pcreate(H5P_DATASET_XFER), H5Pclose, "create transfer property list");
  if (comm.parallel()) check(H5Pset_dxpl_mpio(p, H5FD_MPIO_COLLECTIVE), "use collective transfers");
  return p;
}

// Selects this rank's piece in `space`, the dataspace of an array over box `within`: its
// hyperslab, or none (a rank with nothing still takes part in the collective transfer).
void select_piece(hid_t space, const StateArray& a, const Box& within) {
  if (a.piece.empty()) return check(H5Sselect_none(space), "select nothing of " + a.name);
  const Dims start = {0, hsize_t(a.piece.lo.k - within.lo.k), hsize_t(a.piece.lo.j - within.lo.j),
                      hsize_t(a.piece.lo.i - within.lo.i), 0};
  const Dims count = box_dims(a, a.piece);
  check(H5Sselect_hyperslab(space, H5S_SELECT_SET, start.data(), nullptr, count.data(), nullptr),
        "select the piece of " + a.name);
}

// The host copy of the device array (ghosts included) as a dataspace with the piece
// selected; a placeholder with nothing selected when the piece is empty.
Handle memory_space(const StateArray& a) {
  const Dims d = a.piece.empty() ? Dims{1, 1, 1, 1, 1} : box_dims(a, device_box(a));
  Handle s(H5Screate_simple(kRank, d.data(), nullptr), H5Sclose, "create memory space of " + a.name);
  select_piece(s, a, device_box(a));
  return s;
}

// HDF5 refuses a null buffer for a transfer even when nothing is selected.
void* buffer(std::vector<char>& host) {
  static char placeholder;
  return host.empty() ? &placeholder : host.data();
}

// ---- writing ----

void write_array(hid_t file, const StateArray& a, hid_t transfer) {
  Handle links(H5Pcreate(H5P_LINK_CREATE), H5Pclose, "create link property list");
  check(H5Pset_create_intermediate_group(links, 1), "create groups along " + a.name);
  Handle layout(H5Pcreate(H5P_DATASET_CREATE), H5Pclose, "create dataset property list");
  check(H5Pset_fill_time(layout, H5D_FILL_TIME_NEVER), "skip fill values");  // the pieces tile the box
  const Dims dims = box_dims(a, a.whole);
  Handle space(H5Screate_simple(kRank, dims.data(), nullptr), H5Sclose, "create dataspace of " + a.name);
  Handle d(H5Dcreate2(file, a.name.c_str(), memory_type(a), space, links, layout, H5P_DEFAULT), H5Dclose,
           "create dataset " + a.name);
  attribute<long long>(d, "first_index", {a.whole.lo.i, a.whole.lo.j, a.whole.lo.k});

  std::vector<char> host(device_bytes(a));
  if (!host.empty()) device::download(host.data(), a.device, host.size());
  select_piece(space, a, a.whole);
  Handle memory = memory_space(a);
  check(H5Dwrite(d, memory_type(a), memory, space, transfer, buffer(host)), "write dataset " + a.name);
}

void write_file(const std::string& tmp, const Comm& comm, const StateScalars& scalars,
                const std::vector<StateArray>& arrays, const std::string& scene_text) {
  Handle access = access_plist(comm);
  Handle file(H5Fcreate(tmp.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, access), H5Fclose, "create " + tmp);
  Handle transfer = transfer_plist(comm);
  for (const StateArray& a : arrays) write_array(file, a, transfer);
  attribute<long long>(file, "step", {scalars.step});
  attribute<double>(file, "max_energy", {scalars.max_energy});
  attribute<long long>(file, "ranks", {comm.size});
  attribute(file, "pfdtd_version", std::string(PFDTD_VERSION));
  text_attribute(file, "scene", scene_text);
  check(H5Fflush(file, H5F_SCOPE_GLOBAL), "flush " + tmp);
  attribute<long long>(file, "complete", {1});  // last: a file without it was cut short
}

// Forces `path` (a file or a directory) to disk.
void sync_to_disk(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY);
  if (fd < 0) throw std::runtime_error("checkpoint: cannot open " + path + " to sync it: " + std::strerror(errno));
  const int status = ::fsync(fd);
  const int saved = errno;
  ::close(fd);
  if (status != 0) throw std::runtime_error("checkpoint: cannot sync " + path + ": " + std::strerror(saved));
}

// ---- reading ----

Handle open_checkpoint(const std::string& path, const Comm& comm) {
  if (!fs::exists(path)) throw std::runtime_error("checkpoint " + path + " not found");
  Handle access = access_plist(comm);
  hid_t id;
  {
    QuietErrors quiet;  // a truncated file is reported below, without HDF5's stack
    id = H5Fopen(path.c_str(), H5F_ACC_RDONLY, access);
  }
  if (id < 0) throw std::runtime_error("checkpoint " + path + " cannot be opened (not an HDF5 file, or truncated)");
  Handle file(id, H5Fclose, "open " + path);
  if (H5Aexists(file, "complete") <= 0 || read_attribute<long long>(file, "complete") != std::vector<long long>{1})
    throw std::runtime_error("checkpoint " + path + " is incomplete (no 'complete' attribute)");
  return file;
}

// "line N differs" with both lines, for a scene edited since the checkpoint was written.
std::string first_difference(const std::string& stored, const std::string& now) {
  std::istringstream a(stored), b(now);
  std::string la, lb;
  for (int line = 1;; ++line) {
    const bool more_a = bool(std::getline(a, la)), more_b = bool(std::getline(b, lb));
    if (!more_a && !more_b) return "the texts differ in line endings";
    if (!more_a || !more_b || la != lb) {
      const auto quote = [](bool more, const std::string& l) {
        return more ? "'" + l.substr(0, 120) + (l.size() > 120 ? "...'" : "'") : std::string("(end of text)");
      };
      return "line " + std::to_string(line) + " is " + quote(more_a, la) + " in the checkpoint and " +
             quote(more_b, lb) + " in this scene";
    }
  }
}

void check_scene(hid_t file, const std::string& path, const std::string& scene_text) {
  const std::string stored = read_string_attribute(file, "scene");
  if (stored != scene_text)
    throw std::runtime_error("checkpoint " + path + " is of another scene: " + first_difference(stored, scene_text));
}

// The dataset must hold `a` as this run describes it: same precision, shape and position.
void check_layout(hid_t d, const StateArray& a, const std::string& where) {
  Handle type(H5Dget_type(d), H5Tclose, "get the type of " + where);
  const bool is_float = H5Tget_class(type) == H5T_FLOAT;
  const std::size_t size = H5Tget_size(type);
  if (!is_float || (size != 4 && size != 8))
    throw std::runtime_error(where + " is not float32 or float64 data");
  if ((size == 4) != a.single)
    throw std::runtime_error(where + " is " + precision_text(size == 4) + ", this run needs " + precision_text(a.single));

  Handle space(H5Dget_space(d), H5Sclose, "get the dataspace of " + where);
  Dims stored{};
  const int rank = H5Sget_simple_extent_ndims(space);
  if (rank == kRank) H5Sget_simple_extent_dims(space, stored.data(), nullptr);
  const Dims expected = box_dims(a, a.whole);
  if (rank != kRank || stored != expected)
    throw std::runtime_error(where + " has shape " + (rank == kRank ? shape_text(stored) : std::to_string(rank) + "-D") +
                             ", this run needs " + shape_text(expected) + " (outer, nz, ny, nx, inner)");

  const std::vector<long long> first = read_attribute<long long>(d, "first_index");
  if (first != std::vector<long long>{a.whole.lo.i, a.whole.lo.j, a.whole.lo.k})
    throw std::runtime_error(where + " starts at another cell than this run's " + index_text(a.whole.lo));
}

void read_array(hid_t file, const std::string& path, const StateArray& a, hid_t transfer) {
  if (!has_path(file, a.name))
    throw std::runtime_error("checkpoint " + path + " has no array '" + a.name + "' (a checkpoint of another scene?)");
  const std::string where = "checkpoint " + path + ": array '" + a.name + "'";
  Handle d(H5Dopen2(file, a.name.c_str(), H5P_DEFAULT), H5Dclose, "open " + where);
  check_layout(d, a, where);

  Handle space(H5Dget_space(d), H5Sclose, "get the dataspace of " + where);
  select_piece(space, a, a.whole);
  Handle memory = memory_space(a);
  std::vector<char> host(device_bytes(a));
  if (has_ghosts(a)) device::download(host.data(), a.device, host.size());  // ghosts go back unchanged
  check(H5Dread(d, memory_type(a), memory, space, transfer, buffer(host)), "read " + where);
  if (!host.empty()) device::upload(a.device, host.data(), host.size());
}

}  // namespace

std::string checkpoint_path(const std::string& dir) { return (fs::path(dir) / "checkpoint.h5").string(); }

bool checkpoint_exists(const std::string& dir) { return fs::exists(checkpoint_path(dir)); }

// Written as <path>.tmp, closed and synced, then renamed over <path> by rank 0 once every
// rank has closed it: a kill before the rename leaves the previous checkpoint in place.
void write_checkpoint(const std::string& dir, const Comm& comm, const StateScalars& scalars,
                      const std::vector<StateArray>& arrays, const std::string& scene_text) {
  check_arrays(comm, arrays, true);
  const std::string path = checkpoint_path(dir), tmp = path + ".tmp";
  const std::string folder = dir.empty() ? "." : dir;
  on_root(comm, [&] { fs::create_directories(folder); });
  try {
    write_file(tmp, comm, scalars, arrays, scene_text);
  } catch (...) {
    std::error_code ignored;  // e.g. a full disk: drop the partial file, keep the old one
    if (comm.root()) fs::remove(tmp, ignored);
    throw;
  }
  comm.barrier();  // every rank has closed the file
  on_root(comm, [&] {
    sync_to_disk(tmp);
    fs::rename(tmp, path);
    sync_to_disk(folder);  // the rename itself
  });
}

StateScalars read_checkpoint(const std::string& dir, const Comm& comm, const std::vector<StateArray>& arrays,
                             const std::string& scene_text) {
  check_arrays(comm, arrays, false);
  const std::string path = checkpoint_path(dir);
  Handle file = open_checkpoint(path, comm);
  check_scene(file, path, scene_text);
  Handle transfer = transfer_plist(comm);
  for (const StateArray& a : arrays) read_array(file, path, a, transfer);
  StateScalars s;
  s.step = read_attribute<long long>(file, "step").at(0);
  s.max_energy = read_attribute<double>(file, "max_energy").at(0);
  return s;
}

}  // namespace pfdtd

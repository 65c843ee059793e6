// `pfdtd sweep` (apps/sweep.hpp, docs/sweeps.md).
//
// The world's ranks split into groups of `ranks_per_point`; group g runs the points left to
// do at positions g, g + G, g + 2G, ... of the list (static, so every rank knows the plan
// without talking). A point's group root writes its record done.json and then rebuilds the
// table under a file lock, so the table is complete for the points finished so far whoever
// finishes first; at the end world rank 0 rebuilds it once more.
#include "apps/sweep.hpp"

#include <mpi.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <optional>
#include <set>
#include <sstream>
#include <stdexcept>

#include "apps/runner.hpp"
#include "io/scene_yaml.hpp"
#include "io/sweep.hpp"
#include "solver/comm.hpp"

namespace pfdtd {

namespace {

struct SweepArgs {
  std::string file;
  bool resume = false, quiet = false;
  int point = -1;  // --point i: this point only (a Slurm array task)
};

SweepArgs parse_args(const std::vector<std::string>& args) {
  SweepArgs a;
  for (std::size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--resume") a.resume = true;
    else if (args[i] == "--quiet") a.quiet = true;
    else if (args[i] == "--point" && i + 1 < args.size()) {
      const std::string& v = args[++i];
      if (v.empty() || v.find_first_not_of("0123456789") != std::string::npos || v.size() > 9)
        throw std::invalid_argument("--point expects a point index >= 0, e.g. $SLURM_ARRAY_TASK_ID; got '" + v + "'");
      a.point = std::stoi(v);
    } else if (a.file.empty() && args[i].rfind("--", 0) != 0) a.file = args[i];
    else throw std::invalid_argument("unknown argument '" + args[i] + "'");
  }
  return a;
}

double seconds_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

// The points this invocation runs, in order, decided by world rank 0 (one look at the
// folder for everyone) and sent to all ranks. Throws on every rank with rank 0's reason.
std::vector<int> points_to_run(const Sweep& sweep, const SweepArgs& args, const Comm& world) {
  std::string plan;  // "ok i j k ..." or "error <message>"
  if (world.root()) {
    try {
      if (args.point >= sweep.size())
        throw std::invalid_argument("--point " + std::to_string(args.point) + ": the sweep has " +
                                    std::to_string(sweep.size()) + " points (0 to " +
                                    std::to_string(sweep.size() - 1) + ")");
      std::ostringstream ok;
      ok << "ok";
      for (int i = args.point < 0 ? 0 : args.point; i < (args.point < 0 ? sweep.size() : args.point + 1); ++i) {
        if (!read_point_record(sweep, i)) ok << ' ' << i;
        else if (!args.resume)
          throw std::invalid_argument(sweep.point_dir(i) + " is finished already: pass --resume to skip finished "
                                      "points, or remove " + sweep.output_dir + " (or set another output) to start over");
      }
      plan = ok.str();
    } catch (const std::exception& e) {
      plan = std::string("error ") + e.what();
    }
  }
  std::vector<char> bytes(plan.begin(), plan.end());
  world.broadcast(bytes);
  plan.assign(bytes.begin(), bytes.end());
  if (plan.rfind("error ", 0) == 0) throw std::invalid_argument(plan.substr(6));
  std::istringstream in(plan.substr(2));
  std::vector<int> todo;
  for (int i; in >> i;) todo.push_back(i);
  return todo;
}

struct RankGroups {
  Comm comm;
  int index = 0, count = 1;
};

// Splits the world into groups of ranks_per_point ranks (all ranks: one group).
RankGroups split_groups(const Sweep& sweep, const Comm& world, bool one_point) {
  const int per = one_point || sweep.ranks_per_point == 0 ? world.size : std::min(sweep.ranks_per_point, world.size);
  if (world.size % per != 0)
    throw std::invalid_argument(sweep.file + ": ranks_per_point " + std::to_string(per) + " does not divide the " +
                                std::to_string(world.size) + " MPI ranks; expected a divisor of the rank count");
  RankGroups g;
  g.count = world.size / per;
  g.index = world.rank / per;
  if (g.count == 1) {
    g.comm = world;
  } else {
    MPI_Comm c;
    MPI_Comm_split(world.handle, g.index, world.rank, &c);
    g.comm = Comm::of(c);
  }
  return g;
}

void write_file(const std::string& path, const std::string& text) {
  std::filesystem::create_directories(std::filesystem::path(path).parent_path());
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  if (!out) throw std::runtime_error("cannot write " + path);
}

// Prints the scene's warnings that an earlier point of this group has not printed already
// (most points of a sweep share them).
void warn_once(const Scene& scene, std::set<std::string>& shown) {
  for (const std::string& w : scene_warnings(scene)) {
    const std::string what = w.substr(w.rfind(scene.source_file + ": ", 0) == 0 ? scene.source_file.size() + 2 : 0);
    if (shown.insert(what).second) std::fprintf(stderr, "warning: %s\n", w.c_str());
  }
}

// Runs one point on the group's ranks. The record is complete on the group's root; none if
// a signal stopped the run (the point stays to do).
std::optional<PointRecord> run_point(const Sweep& sweep, int index, const Comm& group, bool quiet,
                                     std::set<std::string>& warnings_shown) {
  const auto t0 = std::chrono::steady_clock::now();
  PointRecord r;
  r.index = index;
  r.status = "done";
  r.values = sweep.point_values(index);
  const std::string dir = sweep.point_dir(index), file = point_scene_file(sweep, index);
  try {
    const std::string text = point_scene_text(sweep, index);
    if (group.root()) write_file(file, text);  // what the messages' line numbers refer to
    const Scene scene = parse_scene(text, file);
    check_resources(scene);
    if (!quiet && group.root()) warn_once(scene, warnings_shown);
    RunOptions options;
    options.quiet = true;  // the groups' progress lines would interleave; the sweep reports per point
    const int code = run_scene(scene, group, options);
    if (code == exit_interrupted) return std::nullopt;
    if (code == exit_diverged) {
      r.status = "failed";
      r.error = "diverged: " + (group.root() ? run_status(dir) : std::string());
    } else if (group.root()) {
      r.figures = read_figures(sweep, dir);
    }
  } catch (const std::exception& e) {
    r.status = "failed";
    r.error = e.what();
  }
  r.wall_seconds = seconds_since(t0);
  return r;
}

// One line per finished point, from its group's root: what it gave, the sweep's counts
// (from the table just rebuilt; "running" counts the groups that can still be busy) and an
// ETA from this group's pace over its points left (groups run in parallel, so the last
// group's ETA is the sweep's).
class ProgressReport {
 public:
  ProgressReport(const Sweep& sweep, int my_points, int groups)
      : sweep_(sweep), my_points_(my_points), groups_(groups), t0_(std::chrono::steady_clock::now()) {}

  void point(const PointRecord& r, const SweepCounts& c) {
    ++finished_;
    std::string line = "point " + std::to_string(r.index) + " " + r.status + " in " + human_seconds(r.wall_seconds) + ":";
    for (std::size_t i = 0; i < r.values.size(); ++i)
      line += " " + sweep_.parameters[i].name + "=" + exact_number(r.values[i]);
    if (r.status == "done") {
      line += " ->";
      for (std::size_t i = 0; i < r.figures.size(); ++i) line += " " + sweep_.figures[i].name + "=" + exact_number(r.figures[i]);
    } else {
      line += " (" + r.error.substr(0, r.error.find('\n')) + ")";
    }
    const double eta = seconds_since(t0_) / finished_ * (my_points_ - finished_);
    const int running = std::min(groups_, c.pending);
    std::printf("%s\n  sweep: %d done, %d running, %d failed, %d waiting of %d; ETA %s\n", line.c_str(), c.done,
                running, c.failed, c.pending - running, sweep_.size(), human_seconds(eta).c_str());
    std::fflush(stdout);
  }

 private:
  const Sweep& sweep_;
  int my_points_, groups_, finished_ = 0;
  std::chrono::steady_clock::time_point t0_;
};

int run_sweep(const Sweep& sweep, const SweepArgs& args, const Comm& world) {
  const std::vector<int> todo = points_to_run(sweep, args, world);
  const RankGroups groups = split_groups(sweep, world, args.point >= 0);
  std::vector<int> mine;  // this group's share: positions g, g + G, ... of the list
  for (std::size_t k = groups.index; k < todo.size(); k += groups.count) mine.push_back(todo[k]);
  if (world.root())
    std::printf("sweep %s: %d points of %s, %zu to run on %d group%s of %d rank%s; output %s\n", sweep.file.c_str(),
                sweep.size(), sweep.scene_file.c_str(), todo.size(), groups.count, groups.count > 1 ? "s" : "",
                groups.comm.size, groups.comm.size > 1 ? "s" : "", sweep.output_dir.c_str());
  std::fflush(stdout);
  ProgressReport progress(sweep, static_cast<int>(mine.size()), groups.count);
  bool stopped = false;
  std::set<std::string> warnings_shown;
  for (std::size_t k = 0; k < mine.size() && !stopped; ++k) {
    const std::optional<PointRecord> r = run_point(sweep, mine[k], groups.comm, args.quiet, warnings_shown);
    stopped = !r;
    if (!r || !groups.comm.root()) continue;
    write_point_record(sweep, *r);
    const SweepCounts counts = write_sweep_table(sweep);
    if (!args.quiet) progress.point(*r, counts);
  }
  stopped = world.any(stopped);
  if (world.root()) {
    const SweepCounts c = write_sweep_table(sweep);
    std::printf("sweep: %d done, %d failed, %d pending of %d; table %s/sweep.csv and sweep.h5\n", c.done, c.failed,
                c.pending, sweep.size(), sweep.output_dir.c_str());
    if (stopped) std::fprintf(stderr, "pfdtd sweep: stopped by a signal; run again with --resume to finish\n");
  }
  return stopped ? exit_interrupted : 0;
}

}  // namespace

int cmd_sweep(const std::vector<std::string>& args) {
  const Comm world = Comm::world();
  try {
    const SweepArgs a = parse_args(args);
    if (a.file.empty()) {
      if (world.root()) std::fprintf(stderr, "usage: pfdtd sweep <sweep.yaml> [--resume] [--point i] [--quiet]\n");
      return exit_usage;
    }
    return run_sweep(load_sweep(a.file), a, world);
  } catch (const SceneError& e) {
    if (world.root()) std::fprintf(stderr, "%s\n", e.what());
  } catch (const std::exception& e) {
    if (world.root()) std::fprintf(stderr, "pfdtd sweep: %s\n", e.what());
  }
  return exit_input;
}

}  // namespace pfdtd

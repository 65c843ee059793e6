#include "apps/runner.hpp"

#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <memory>

#include "io/checkpoint.hpp"
#include "io/hdf5_output.hpp"
#include "io/s_parameters.hpp"
#include "solver/halo.hpp"
#include "solver/permittivity_map.hpp"
#include "solver/s_matrix.hpp"
#include "solver/simulation.hpp"

namespace pfdtd {

namespace {

std::atomic<int> stop_signal{0};
extern "C" void on_stop_signal(int sig) { stop_signal = sig; }

// Progress: a rewritten line on a terminal, a plain line every 10 s otherwise.
class ProgressPrinter {
 public:
  explicit ProgressPrinter(bool quiet) : quiet_(quiet), tty_(isatty(fileno(stderr))) {}
  void operator()(const Progress& p) {
    if (quiet_) return;
    const double period = tty_ ? 0.25 : 10.0;
    if ((p.elapsed - last_ < period || p.elapsed < 0.5) && p.step != p.total) return;
    last_ = p.elapsed;
    const double rate = (p.step - first_) / std::max(p.elapsed, 1e-9);
    const double eta = (p.total - p.step) / std::max(rate, 1e-9);
    std::fprintf(stderr, "%s%5.1f%%  step %lld/%lld  %.1f steps/s  %.1f Mcells/s  ETA %s%s", tty_ ? "\r" : "",
                 100.0 * p.step / p.total, p.step, p.total, rate, rate * p.cells / 1e6, human_seconds(eta).c_str(),
                 tty_ ? "   " : "\n");
    std::fflush(stderr);
  }
  void start_at(long long step) { first_ = step; }
  void done() {
    if (!quiet_ && tty_) std::fprintf(stderr, "\n");
  }

 private:
  bool quiet_, tty_;
  long long first_ = 0;
  double last_ = -1e9;
};

// Decides, the same way on every rank, when to write a checkpoint: every N steps, every M
// minutes of the root's clock, and on a stop signal (then the run stops).
class CheckpointPolicy {
 public:
  CheckpointPolicy(const Scene& s, const RunOptions& o, const Comm& comm)
      : every_(o.checkpoint_every > 0 ? o.checkpoint_every : s.run.checkpoint_every),
        minutes_(o.checkpoint_minutes > 0 ? o.checkpoint_minutes : s.run.checkpoint_minutes),
        comm_(comm), last_(clock::now()) {}
  bool stop() const { return comm_.any(stop_signal != 0); }
  bool due(long long step) {
    bool due = every_ > 0 && step % every_ == 0;
    if (minutes_ > 0)
      due = comm_.any(due || (comm_.root() && std::chrono::duration<double>(clock::now() - last_).count() >= 60 * minutes_));
    return due;
  }
  void written() { last_ = clock::now(); }

 private:
  using clock = std::chrono::steady_clock;
  long long every_;
  double minutes_;
  Comm comm_;
  clock::time_point last_;
};

template <class Real>
int run_single(const Scene& scene, const Comm& comm, const RunOptions& opt) {
  const std::string& dir = scene.run.output_dir;
  Simulation<Real> sim(scene, comm);
  long long resumed = -1;
  if (opt.resume) {
    if (!checkpoint_exists(dir))
      throw std::invalid_argument("--resume: no checkpoint in " + dir + " (" + checkpoint_path(dir) +
                                  "); run without --resume to start from the beginning");
    sim.restore(read_checkpoint(dir, comm, sim.state(), scene.text));
    resumed = sim.steps_taken();
  }
  Hdf5Output out(dir, scene.text, comm, resumed);
  const Grid& g = sim.grid();
  out.permittivity(permittivity_map(scene, g, g.owned, scene_wavelength(scene)), g.interior(), g.owned,
                   g.origin + Vec3{0.5 * g.d, 0.5 * g.d, 0.5 * g.d});
  const bool talk = comm.root() && !opt.quiet;
  if (talk) print_grid(scene, sim.grid());
  if (talk && resumed >= 0) std::printf("resumed     from step %lld (%s)\n", resumed, checkpoint_path(dir).c_str());
  if (talk && comm.parallel())
    std::printf("ranks       %d, halo %s\n", comm.size,
                mpi_takes_device_pointers() ? "device to device (CUDA-aware MPI)" : "staged through host memory");
  ProgressPrinter progress(!comm.root() || opt.quiet);
  progress.start_at(std::max(0LL, resumed));
  CheckpointPolicy policy(scene, opt, comm);
  RunResults r;
  bool stopped = false;
  try {
    r = sim.run(&out, [&](const Progress& p) {
      progress(p);
      stopped = policy.stop();
      if (stopped || (policy.due(p.step) && p.step < p.total)) {
        write_checkpoint(dir, comm, sim.scalars(), sim.state(), scene.text);
        policy.written();
      }
      return !stopped;
    });
  } catch (const DivergenceError& e) {
    progress.done();
    if (comm.root())
      std::fprintf(stderr, "pfdtd: %s: %s\noutputs written so far are in %s\n", scene.source_file.c_str(), e.what(),
                   dir.c_str());
    return exit_diverged;
  }
  progress.done();
  const RunSummary& s = r.summary;
  if (stopped) {
    if (comm.root())
      std::fprintf(stderr, "pfdtd: stopped by signal %d: %s; checkpoint in %s, results so far in %s/results.h5\n"
                           "resume with: pfdtd run %s --resume\n",
                   stop_signal.load(), s.status.c_str(), checkpoint_path(dir).c_str(), dir.c_str(),
                   scene.source_file.c_str());
    return exit_interrupted;
  }
  if (comm.root()) {  // the summary, also with --quiet (which silences progress)
    std::printf("done        %lld steps, %.4g um/c simulated, %s wall, %.1f Mcells/s (%s, %s)\n", s.steps, s.time,
                human_seconds(s.wall_seconds).c_str(), s.mcells_per_second, s.backend.c_str(), s.precision.c_str());
    std::printf("outputs     %s/results.h5\n", dir.c_str());
  }
  return 0;
}

// A scene with ports: one run per excited port mode, then the S-matrix in HDF5, CSV and
// Touchstone, and |S|^2 at the band's centre on stdout.
template <class Real>
int run_ports(const Scene& scene, const Comm& comm, const RunOptions& opt) {
  if (opt.resume) throw std::invalid_argument("--resume: a scene with ports (an S-matrix run) has no checkpoints");
  std::vector<std::unique_ptr<Hdf5Output>> sinks;
  ProgressPrinter progress(!comm.root() || opt.quiet);
  const bool talk = comm.root() && !opt.quiet;
  SMatrix m;
  try {
    m = run_s_matrix<Real>(
      scene,
      [&](const std::string& label) {
        if (talk) std::printf("excite      port %s\n", label.c_str());
        sinks.push_back(std::make_unique<Hdf5Output>(scene.run.output_dir + "/excite-" + label, scene.text, comm));
        return sinks.back().get();
      },
      [&](const Progress& p) {
        progress(p);
        return stop_signal == 0;
      },
      comm);
  } catch (const DivergenceError& e) {
    progress.done();
    if (comm.root())
      std::fprintf(stderr, "pfdtd: %s: %s\nthe excitations run so far are in %s\n", scene.source_file.c_str(), e.what(),
                   scene.run.output_dir.c_str());
    return exit_diverged;
  }
  progress.done();
  if (comm.root()) {
    const std::string stem = std::filesystem::path(scene.source_file).stem().string();
    const std::vector<std::string> paths = write_s_parameters(m, scene.run.output_dir, stem, scene.text);
    const std::size_t mid = m.frequencies.size() / 2, n = m.labels.size();
    {
      std::printf("|S|^2 at %.4g um (rows: out, columns: in)\n", 1 / m.frequencies[mid]);
      for (std::size_t i = 0; i < n; ++i) {
        std::printf("  %-10s", m.labels[i].c_str());
        for (std::size_t j = 0; j < n; ++j) std::printf(" %10.5f", std::norm(m.at(mid, i, j)));
        std::printf("\n");
      }
      for (const std::string& p : paths) std::printf("outputs     %s\n", p.c_str());
    }
  }
  if (comm.any(stop_signal != 0)) {
    if (comm.root()) std::fprintf(stderr, "pfdtd: stopped by signal %d; unfinished excitations are NaN\n", stop_signal.load());
    return exit_interrupted;
  }
  return 0;
}

}  // namespace

double scene_wavelength(const Scene& s) {
  if (!s.sources.empty()) return 1 / s.sources.front().time.frequency;
  if (!s.mode_sources.empty()) return 1 / s.mode_sources.front().time.frequency;
  if (!s.beam_sources.empty()) return 1 / s.beam_sources.front().time.frequency;
  return 1.55;
}

void install_stop_signals() {
  std::signal(SIGINT, on_stop_signal);
  std::signal(SIGTERM, on_stop_signal);
  std::signal(SIGUSR1, on_stop_signal);
}

int run_scene(const Scene& scene, const Comm& comm, const RunOptions& options) {
  install_stop_signals();
  const bool f64 = scene.run.precision == "float64";
  if (!scene.ports.empty()) return f64 ? run_ports<double>(scene, comm, options) : run_ports<float>(scene, comm, options);
  return f64 ? run_single<double>(scene, comm, options) : run_single<float>(scene, comm, options);
}

void print_grid(const Scene& s, const Grid& g) {
  std::printf("grid        %d x %d x %d = %lld cells (%dD), cell %.4g um, dt %.4g um/c (%.4g fs)\n", g.n[0], g.n[1],
              g.n[2], g.cells(), g.dims, g.d, g.dt, g.dt * 3.33564095);
  std::printf("steps       %lld for %.4g um/c%s\n", static_cast<long long>(std::ceil(s.run.time / g.dt - 1e-9)),
              s.run.time, s.run.decay_threshold > 0 ? " (at most: stops on decay)" : "");
  const double S = g.dt / g.dt_limit();
  if (S < s.run.courant * (1 - 1e-9))
    std::printf("courant     %.3g of the limit (run.courant %.3g x %.3g, the stable limit of the dispersive "
                "materials' pole updates)\n", S, s.run.courant, S / s.run.courant);
}

std::string human_seconds(double s) {
  char buf[32];
  if (s < 120) std::snprintf(buf, sizeof buf, "%.1f s", s);
  else if (s < 7200) std::snprintf(buf, sizeof buf, "%.1f min", s / 60);
  else std::snprintf(buf, sizeof buf, "%.1f h", s / 3600);
  return buf;
}

}  // namespace pfdtd

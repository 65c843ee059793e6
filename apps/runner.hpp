// Running a scene from the command line: on the ranks of a Comm, with progress, outputs,
// checkpoints and stop signals. Used by `pfdtd run` and by each point of `pfdtd sweep`.
#pragma once
#include <string>

#include "solver/comm.hpp"
#include "solver/grid.hpp"
#include "solver/scene.hpp"

namespace pfdtd {

constexpr int exit_input = 1, exit_usage = 2, exit_no_device = 3, exit_diverged = 4, exit_interrupted = 5;

struct RunOptions {
  bool quiet = false;
  bool resume = false;               // continue from <output>/checkpoint.h5
  long long checkpoint_every = 0;    // steps; 0: the scene's run.checkpoint.every
  double checkpoint_minutes = 0;     // wall clock; 0: the scene's run.checkpoint.minutes
};

// Runs a scene (a scene with ports: the S-matrix) on the ranks of `comm`, writing into
// scene.run.output_dir. Returns 0 (completed), exit_diverged or exit_interrupted (stopped by
// SIGINT, SIGTERM or SIGUSR1, after writing a checkpoint). Bad scenes throw SceneError or
// std::invalid_argument.
int run_scene(const Scene& scene, const Comm& comm, const RunOptions& options);

// SIGINT, SIGTERM (Slurm's kill) and SIGUSR1 (Slurm's --signal warning) stop a run at the
// next step, with a checkpoint and the results so far.
void install_stop_signals();

// The wavelength a scene is about: its first source's centre, else 1.55 um.
double scene_wavelength(const Scene& s);

void print_grid(const Scene& s, const Grid& g);
std::string human_seconds(double s);

}  // namespace pfdtd

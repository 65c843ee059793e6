// The pfdtd command line: a thin layer over the library.
//   pfdtd run scene.yaml [--quiet]     run a scene, write HDF5 outputs and a summary
//   pfdtd check scene.yaml             validate, print grid, steps, memory and time estimates
//   pfdtd modes scene.yaml [--plane x=1.0] [--wavelength um] [--num-modes N]   waveguide modes of cross-sections
//   pfdtd bench [--cells N] [--steps N] [--precision float32|float64]
#include <unistd.h>

#include <chrono>
#include <thread>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "apps/runner.hpp"
#include "apps/sweep.hpp"
#include "io/modes_output.hpp"
#include "io/permittivity_output.hpp"
#include "io/s_parameters.hpp"
#include "io/scene_yaml.hpp"
#include "kernels/device_memory.hpp"
#include "solver/benchmark.hpp"
#include "solver/permittivity_map.hpp"
#include "solver/simulation.hpp"

namespace {

using namespace pfdtd;

int usage() {
  std::fprintf(stderr,
               "usage: pfdtd run <scene.yaml> [--quiet] [--resume] [--checkpoint-every N] [--checkpoint-minutes M]\n"
               "       mpirun -np N pfdtd run <scene.yaml> ...   (the grid splits over the ranks)\n"
               "       pfdtd check <scene.yaml>\n"
               "       pfdtd geometry <scene.yaml> [--wavelength um] [--at x,y,z] [--out dir]\n"
               "       pfdtd modes <scene.yaml> [--plane x=1.0 ...] [--wavelength um] [--num-modes N]\n"
               "       pfdtd sweep <sweep.yaml> [--resume] [--point i] [--quiet]   (docs/sweeps.md)\n"
               "       pfdtd bench [--cells N] [--steps N] [--precision float32|float64]\n"
               "Scene format: docs/scene-format.md (JSON files are valid YAML).\n");
  return exit_usage;
}

bool has_flag(const std::vector<std::string>& args, const char* flag) {
  for (const auto& a : args)
    if (a == flag) return true;
  return false;
}

std::string option(const std::vector<std::string>& args, const char* name, const std::string& fallback) {
  for (std::size_t i = 0; i + 1 < args.size(); ++i)
    if (args[i] == name) return args[i + 1];
  return fallback;
}

// The CUDA build needs a device; the CPU build always has one.
bool have_device() {
  if (device::count() > 0) return true;
  std::fprintf(stderr, "pfdtd: no CUDA device found (backend %s); run the CPU build instead "
                       "(cmake -DPFDTD_CUDA=OFF)\n", device::backend_name());
  return false;
}

std::string human_bytes(double b) {
  const char* unit[] = {"B", "KiB", "MiB", "GiB", "TiB"};
  int u = 0;
  while (b >= 1024 && u < 4) b /= 1024, ++u;
  char s[32];
  std::snprintf(s, sizeof s, "%.1f %s", b, unit[u]);
  return s;
}

Scene load(const std::string& path, const Comm& comm = Comm::serial()) {
  Scene s = load_scene(path);
  if (!comm.root()) return s;
  for (const std::string& n : s.notes) std::fprintf(stderr, "note: %s\n", n.c_str());
  for (const std::string& w : scene_warnings(s)) std::fprintf(stderr, "warning: %s\n", w.c_str());
  return s;
}

// A whole number or a number >= 0 after a flag, with a clear error otherwise.
double number_option(const std::vector<std::string>& args, const char* name, bool whole) {
  const std::string text = option(args, name, "0");
  char* end = nullptr;
  const double v = std::strtod(text.c_str(), &end);
  if (end == text.c_str() || *end || v < 0 || (whole && v != std::floor(v)))
    throw std::invalid_argument(std::string(name) + " expects " + (whole ? "a whole number of steps" : "a number of minutes") +
                                " >= 0; got '" + text + "'");
  return v;
}

int cmd_run(const std::vector<std::string>& args, const Comm& world) {
  if (args.empty()) return usage();
  const Scene scene = load(args[0], world);
  if (!have_device()) return exit_no_device;
  RunOptions options;
  options.quiet = has_flag(args, "--quiet");
  options.resume = has_flag(args, "--resume");
  options.checkpoint_every = static_cast<long long>(number_option(args, "--checkpoint-every", true));
  options.checkpoint_minutes = number_option(args, "--checkpoint-minutes", false);
  return run_scene(scene, world, options);
}

int cmd_check(const std::vector<std::string>& args) {
  if (args.empty()) return usage();
  const Scene scene = load(args[0]);
  const Grid g = grid_of(scene);
  const int real_bytes = scene.run.precision == "float64" ? 8 : 4;
  print_grid(scene, g);
  std::printf("memory      about %s (%s); this machine has %s\n",
              human_bytes(estimate_device_bytes(scene, real_bytes)).c_str(), scene.run.precision.c_str(),
              human_bytes(static_cast<double>(machine_memory_bytes())).c_str());
  if (device::count() > 0) {
    // Calibrate on a small run of the built-in benchmark on this machine.
    const BenchmarkResult b = run_benchmark(std::min(4e6, std::max(1e6, double(g.cells()))), 10, real_bytes == 8);
    const double steps = std::ceil(scene.run.time / g.dt);
    std::printf("runtime     about %s at %.0f Mcells/s (measured here on the built-in benchmark)\n",
                human_seconds(g.cells() * steps / (b.mcells_per_second * 1e6)).c_str(), b.mcells_per_second);
  }
  std::printf("scene       %s is valid\n", scene.source_file.c_str());
  return 0;
}

Vec3 parse_point(const std::string& text) {
  Vec3 p;
  if (std::sscanf(text.c_str(), "%lf,%lf,%lf", &p.x, &p.y, &p.z) != 3)
    throw std::invalid_argument("--at expects x,y,z in um, e.g. --at 0,0,0.11; got '" + text + "'");
  return p;
}

int cmd_geometry(const std::vector<std::string>& args) {
  if (args.empty()) return usage();
  const Scene scene = load(args[0]);
  const double lambda = std::atof(option(args, "--wavelength", std::to_string(scene_wavelength(scene))).c_str());
  const Vec3 at = has_flag(args, "--at") ? parse_point(option(args, "--at", "")) : scene.domain.center;
  const std::string dir = option(args, "--out", scene.run.output_dir + "/geometry");
  const PermittivityMap map = permittivity_map(scene, lambda);
  print_grid(scene, map.grid);
  std::printf("permittivity at %.4g um (smoothing %s):\n", lambda, scene.smoothing ? "on" : "off");
  for (const std::string& path : write_permittivity(map, dir, at)) std::printf("  %s\n", path.c_str());
  return 0;
}

// `--plane x=1.0`: the whole domain's cross-section normal to x at x = 1.0 um.
ModePlaneSpec plane_from_flag(const Scene& scene, const std::string& text) {
  const std::size_t eq = text.find('=');
  const std::string axis = text.substr(0, eq);
  char* end = nullptr;
  const double at = eq == std::string::npos ? 0 : std::strtod(text.c_str() + eq + 1, &end);
  if (eq == std::string::npos || (axis != "x" && axis != "y" && axis != "z") || end == text.c_str() + eq + 1 || *end)
    throw std::invalid_argument("--plane expects x=, y= or z= and a position in um, e.g. --plane x=1.0; got '" + text + "'");
  ModePlaneSpec p;
  p.name = text;
  const int a = axis[0] - 'x';
  p.center = scene.domain.center;
  p.center[a] = at;
  p.size = scene.domain.size;
  p.size[a] = 0;
  return p;
}

// The planes to solve: --plane flags, else the scene's `modes:` section; --wavelength and
// --num-modes override theirs.
std::vector<ModePlaneSpec> mode_planes(const Scene& scene, const std::vector<std::string>& args) {
  std::vector<ModePlaneSpec> planes;
  for (std::size_t i = 0; i + 1 < args.size(); ++i)
    if (args[i] == "--plane") planes.push_back(plane_from_flag(scene, args[i + 1]));
  if (planes.empty()) planes = scene.mode_planes;
  if (planes.empty())
    throw std::invalid_argument(scene.source_file + ": no cross-section to solve: add a `modes:` section (docs/scene-format.md) or --plane x=...");
  const double lambda = std::atof(option(args, "--wavelength", "0").c_str());
  const int num_modes = std::atoi(option(args, "--num-modes", "0").c_str());
  if (has_flag(args, "--wavelength") && !(lambda > 0)) throw std::invalid_argument("--wavelength expects a number > 0 (um)");
  if (has_flag(args, "--num-modes") && num_modes < 1) throw std::invalid_argument("--num-modes expects a whole number >= 1");
  for (ModePlaneSpec& p : planes) {
    if (lambda > 0 || p.frequencies.empty()) p.frequencies = {lambda > 0 ? 1 / lambda : 1 / scene_wavelength(scene)};
    if (num_modes > 0) p.num_modes = num_modes;
  }
  return planes;
}

int cmd_modes(const std::vector<std::string>& args) {
  if (args.empty()) return usage();
  const Scene scene = load_scene(args[0]);  // the run's warnings (no sources, ...) do not apply
  for (const std::string& n : scene.notes) std::fprintf(stderr, "note: %s\n", n.c_str());
  const Grid grid = grid_of(scene);
  const std::vector<ModePlaneSpec> planes = mode_planes(scene, args);
  std::vector<PlaneModes> solved;
  std::printf("%-12s %4s %10s %10s %10s %8s %12s %6s\n", "plane", "mode", "lambda_um", "neff_re", "neff_im", "ng",
              "loss_dB/cm", "TE");
  for (const ModePlaneSpec& spec : planes) {
    const ModePlane plane = ModePlane::from_region(grid, spec.center, spec.size);
    ModeSolverOptions options;
    options.num_modes = spec.num_modes;
    options.neff_guess = spec.neff_guess;
    options.pml_cells = spec.pml_cells;
    options.regions = spec.regions;
    PlaneModes p{spec, spec.frequencies, {}};
    for (double f : spec.frequencies) {
      p.modes.push_back(solve_modes(scene, grid, plane, f, options));
      for (std::size_t m = 0; m < p.modes.back().size(); ++m) {
        const Mode& x = p.modes.back()[m];
        std::printf("%-12s %4zu %10.5f %10.6f %10.3e %8.4f %12.4g %6.3f\n", spec.name.c_str(), m, 1 / f,
                    x.neff.real(), x.neff.imag(), x.group_index, x.loss_db_per_cm, x.te_fraction);
      }
    }
    solved.push_back(std::move(p));
  }
  for (const std::string& path : write_modes(scene.run.output_dir, grid, solved, scene.text))
    std::printf("outputs     %s\n", path.c_str());
  return 0;
}

int cmd_bench(const std::vector<std::string>& args) {
  if (!have_device()) return exit_no_device;
  const double cells = std::atof(option(args, "--cells", "1e7").c_str());
  const int steps = std::atoi(option(args, "--steps", "50").c_str());
  const std::string precision = option(args, "--precision", "float32");
  if (cells < 1e3 || steps < 1 || (precision != "float32" && precision != "float64")) return usage();
  const BenchmarkResult r = run_benchmark(cells, steps, precision == "float64");
  std::printf("pfdtd bench: Si strip waveguide in SiO2, CPML on all faces, %d x %d x %d = %lld cells, %lld steps, %s, "
              "%s backend: %.3f s, %.1f Mcells/s\n",
              r.n[0], r.n[1], r.n[2], r.cells, r.steps, r.precision.c_str(), device::backend_name(), r.seconds,
              r.mcells_per_second);
  return 0;
}

// Reports an error once: the root first; another rank only if the root did not abort the
// job within a moment (an error of that rank alone), so a scene error is not printed N times.
int fail(const Comm& world, const char* message, int code) {
  if (!world.root()) std::this_thread::sleep_for(std::chrono::seconds(2));
  if (world.root()) std::fprintf(stderr, "%s\n", message);
  else std::fprintf(stderr, "(rank %d) %s\n", world.rank, message);
  if (world.parallel()) MPI_Abort(world.handle, code);
  MPI_Finalize();
  return code;
}

int dispatch(const std::string& cmd, const std::vector<std::string>& args, const Comm& world) {
  if (cmd == "run") return cmd_run(args, world);
  if (cmd == "check") return cmd_check(args);
  if (cmd == "bench") return cmd_bench(args);
  if (cmd == "geometry") return cmd_geometry(args);
  if (cmd == "modes") return cmd_modes(args);
  if (cmd == "sweep") return cmd_sweep(args);
  if (cmd == "--version") return std::printf("pfdtd 0.1.0 (%s backend)\n", device::backend_name()), 0;
  return usage();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) return usage();
  const std::string cmd = argv[1];
  const std::vector<std::string> args(argv + 2, argv + argc);
  const Comm world = Comm::world();
  MPI_Comm node;  // the ranks on this node pick their GPUs in turn
  MPI_Comm_split_type(world.handle, MPI_COMM_TYPE_SHARED, 0, MPI_INFO_NULL, &node);
  device::select(Comm::of(node).rank);
  MPI_Comm_free(&node);
  int code = 0;
  try {
    code = dispatch(cmd, args, world);
  } catch (const SceneError& e) {
    return fail(world, e.what(), exit_input);
  } catch (const std::exception& e) {
    return fail(world, ("pfdtd: " + std::string(e.what())).c_str(), exit_input);
  }
  MPI_Finalize();
  return code;
}

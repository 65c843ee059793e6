// Parameter sweeps (`pfdtd sweep sweep.yaml`, docs/sweeps.md): a base scene, parameters
// substituted into any number of its YAML tree (geometry, builder parameters, material
// perturbations, ...), the figures of merit read back from each point's results, and the
// table of all points (CSV and HDF5) rebuilt from the points' records as they finish.
//
// The sweep file is checked up front with the scene reader's "file:line:col: key: what;
// expected what" messages; a point whose values make the scene invalid fails on its own
// (parse_scene of the expanded text), so one bad value does not stop the others.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "solver/scene.hpp"

namespace pfdtd {

struct SweepParameter {
  std::string name;                // column name; default: the first path
  std::vector<std::string> paths;  // dotted paths into the base scene (list items by index)
  std::vector<double> values;
};

// A figure of merit of one point, read from its output folder (docs/sweeps.md lists them).
struct SweepFigure {
  enum class Kind { flux, mode, s_parameter, resonance };
  std::string name;
  Kind kind = Kind::flux;
  std::string source;     // flux or mode monitor name; resonance: the probe group (`probe-Comp`)
  std::string normalize;  // flux: "source_power", "none" or another flux monitor's name
  std::string quantity;   // mode: transmission|reflection|neff; s_parameter: power|phase; resonance: wavelength|Q
  int mode = 0;           // mode: the mode index
  std::string out_port, in_port;  // s_parameter: port labels (as in s_parameters.h5)
  double wavelength = 0;  // um; a sample of the monitor within 1e-6 relative (resonance: the nearest)
};

struct Sweep {
  std::string file;        // the sweep file, as given (labels messages)
  std::string text;        // its text, embedded in the table
  std::string scene_file;  // the base scene, relative to the working directory
  std::string scene_text;
  std::vector<SweepParameter> parameters;
  bool zip = false;         // points: the i-th value of every parameter; else their Cartesian product
  int ranks_per_point = 0;  // 0: all ranks run every point together
  std::vector<SweepFigure> figures;
  std::string output_dir;

  int size() const;  // number of points
  // The value of each parameter at point `index` (product: the first parameter varies slowest).
  std::vector<double> point_values(int index) const;
  std::string point_dir(int index) const;  // <output>/points/<index>
};

// Parses a sweep file; reads the base scene (relative to the sweep file's folder) and checks
// every parameter path against it. Errors are SceneErrors naming file:line:col and key.
Sweep parse_sweep(const std::string& yaml_text, const std::string& file_name);
Sweep load_sweep(const std::string& path);

// The base scene's YAML with point `index`'s values substituted and run.output set to the
// point's folder; relative gds files are made relative to the working directory, since the
// text no longer lives next to the base scene.
std::string point_scene_text(const Sweep& sweep, int index);
// Where point_scene_text is written (and what messages about it name): <point dir>/scene.yaml.
std::string point_scene_file(const Sweep& sweep, int index);

// Numbers as text that reads back to the same double (shortest of %.15g..%.17g).
std::string exact_number(double v);

// ---------------------------------------------------------------------------------------
// Results (io/sweep_results.cpp)

// What happened to one point: its record `<point dir>/done.json`.
struct PointRecord {
  int index = 0;
  std::string status;            // "done" or "failed"
  std::vector<double> values;    // per parameter
  std::vector<double> figures;   // per figure; NaN when failed
  std::string error;             // why it failed
  double wall_seconds = 0;
};

// The figures of merit of a finished point from its folder's results.h5 (s_parameters.h5);
// throws std::runtime_error naming the file and what is missing.
std::vector<double> read_figures(const Sweep& sweep, const std::string& point_dir);
// The `status` attribute of a run's results.h5 (e.g. a divergence message); "" if none.
std::string run_status(const std::string& point_dir);

// Written through a temporary file and a rename: a kill never leaves half a record.
void write_point_record(const Sweep& sweep, const PointRecord& record);
// The point's record, if it has one. Throws std::runtime_error when the record was made by a
// sweep with other parameter values (a resumed sweep must be the same sweep).
std::optional<PointRecord> read_point_record(const Sweep& sweep, int index);

struct SweepCounts {
  int done = 0, failed = 0, pending = 0;
};

// Rebuilds <output>/sweep.csv and sweep.h5 from every point's record (pending points have
// status "pending"), under an exclusive lock on <output>/.table.lock, each file written
// through a temporary and a rename, so the table is always whole. Returns the counts.
SweepCounts write_sweep_table(const Sweep& sweep);

}  // namespace pfdtd

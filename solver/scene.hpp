// The typed scene: what a scene file describes, validated on load (io/scene_yaml.cpp), in
// the units users think in (micrometres; frequencies in 1/um, i.e. c/lambda with c = 1).
#pragma once
#include <array>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "geometry/shape.hpp"
#include "solver/far_field.hpp"
#include "solver/gaussian_beam.hpp"
#include "materials/material.hpp"

namespace pfdtd {

enum class Component { Ex = 0, Ey, Ez, Hx, Hy, Hz };
inline bool is_electric(Component c) { return static_cast<int>(c) < 3; }
inline int axis_of(Component c) { return static_cast<int>(c) % 3; }
const char* component_name(Component c);

enum class BoundaryKind { pml, pec, periodic };

struct PmlParams {
  int cells = 12;
  double grading = 3.0;       // polynomial order m of sigma and kappa
  double sigma_factor = 1.0;  // sigma_max in units of the optimum 0.8 (m+1) / (d sqrt(eps))
  double kappa_max = 1.0;
  double alpha_max = 0.0;     // in units of 2 pi f, f in 1/um (CFS shift, for evanescent waves)
};

struct Boundary {
  BoundaryKind kind = BoundaryKind::pml;
  PmlParams pml;
};

struct Domain {
  Vec3 center{0, 0, 0};
  Vec3 size{1, 1, 1};   // micrometres, including PML
  double resolution = 20;  // cells per micrometre
  int dims = 3;          // 2: z-invariant, nz = 1 and periodic in z
  std::array<std::array<Boundary, 2>, 3> boundary;  // [axis][low, high]
  // Mirror symmetry about the domain's centre plane normal to each axis: the phase of the
  // fields under the mirror (MEEP's mp.Mirror convention, solver/symmetry.hpp): +1 even,
  // -1 odd, 0 none. The solver keeps only the half above each mirrored centre plane.
  std::array<int, 3> mirror{0, 0, 0};
  // How the grid splits over MPI ranks (solver/decomposition.hpp): ranks per axis, 0 to let
  // MPI_Dims_create choose; `balance_cost` weighs PML cells by their extra work.
  std::array<int, 3> ranks{0, 0, 0};
  bool balance_cost = false;
};

struct TimeProfile {
  enum class Kind { gaussian, cw } kind = Kind::gaussian;
  double frequency = 1.0 / 1.55;  // centre frequency, 1/um
  double fwidth = 0.1;            // gaussian: spectral width (1/um), the 1/e half width of |S(f)|
  double ramp = 5.0;              // cw: duration of the smooth turn-on, in periods
  double offset = 5.0;            // gaussian: peak delay in units of the envelope width
};

struct SourceSpec {
  std::string name;
  Component component = Component::Ez;
  Vec3 center{0, 0, 0};
  Vec3 size{0, 0, 0};  // zero extent on an axis: a point or a plane on that axis
  double amplitude = 1.0;
  TimeProfile time;
};

// Harmonic inversion of a probe's record once the sources are off (solver/resonances.hpp).
struct ResonanceSpec {
  bool enabled = false;
  double fmin = 0, fmax = 0;  // window, 1/um
  double min_q = 50;          // shorter-lived terms are not reported
};

struct ProbeSpec {
  std::string name;
  std::vector<Component> components;
  Vec3 point{0, 0, 0};
  ResonanceSpec resonances{};
};

struct SnapshotSpec {
  std::string name;
  std::vector<Component> components;
  Vec3 center{0, 0, 0};
  Vec3 size{0, 0, 0};
  int every = 100;  // steps
};

// An alignment scan of a fibre over a flux plane (solver/coupling.hpp: scan_alignment).
struct FibreScanSpec {
  double offset = 6.0;    // half range of the focus offsets along each in-plane axis, um
  int offset_steps = 25;  // samples per offset axis
  double tilt_deg = 5;    // half range of the tilts around the fibre's own tilt, deg
  int tilt_steps = 21;
  double frequency = 0;   // 1/um; 0: the monitor frequency nearest the centre of its band
};

// A fibre (Gaussian mode) coupled to a flux plane's fields. The beam's axis is the plane's
// normal and its invariant axis z in a 2D run; focus, tilt, polarisation, index, direction
// are as placed by the user (the focus defaults to the plane's centre).
struct FibreSpec {
  GaussianBeamSpec beam;
  bool scan = false;
  FibreScanSpec scan_spec;
};

struct FluxSpec {
  std::string name;
  Vec3 center{0, 0, 0};
  Vec3 size{0, 0, 0};  // exactly one axis has zero size: the normal
  int direction = +1;  // +1: flux counted along +normal
  std::vector<double> frequencies;  // 1/um
  // Analyses of the plane's DFT fields colocated as PlaneFields (solver/flux_plane.hpp).
  std::optional<FibreSpec> fibre{};
  std::optional<FarFieldSpec> far_field{};
};

// Running DFTs of field components over a region (a point, line, plane or volume), kept at
// their Yee positions; also averaged to cell centres for viewing.
struct DftFieldSpec {
  std::string name;
  Vec3 center{0, 0, 0};
  Vec3 size{0, 0, 0};
  std::vector<Component> components;  // default: all six
  std::vector<double> frequencies;    // 1/um
};

// Which waveguide mode of a cross-section: the `mode`-th (0: fundamental) by effective
// index, counting only modes of the polarisation when one is named ("te": E mostly along
// the plane's first transverse axis (normal+1)%3, "tm": along the second).
struct ModeChoice {
  int mode = 0;
  std::string polarisation;  // "", "te" or "tm"
  double neff_guess = 0;     // 0: the largest index on the plane
  int pml_cells = 0;         // PML on the cross-section's edge (leaky modes)
};

// A waveguide mode launched one way from a plane (solver/plane_source.hpp); its launched
// power is known, so transmissions need no normalisation run.
struct ModeSourceSpec {
  std::string name;
  Vec3 center{0, 0, 0};
  Vec3 size{0, 0, 0};  // zero on the propagation axis
  int direction = +1;  // along that axis
  ModeChoice choice;
  TimeProfile time;
};

// A Gaussian beam (a cleaved or lensed fibre) launched one way from a plane; the beam's
// focus, tilt and polarisation are in `beam` (its axis and direction follow the plane).
struct BeamSourceSpec {
  std::string name;
  Vec3 center{0, 0, 0};
  Vec3 size{0, 0, 0};  // zero on the axis the beam crosses
  int direction = +1;
  GaussianBeamSpec beam;
  TimeProfile time;
};

// Forward and backward amplitudes of a plane's modes at every frequency (S-parameters).
struct ModeMonitorSpec {
  std::string name;
  Vec3 center{0, 0, 0};
  Vec3 size{0, 0, 0};
  int direction = +1;  // "forward" for the amplitudes
  int num_modes = 1;
  ModeChoice choice;   // neff_guess, pml_cells and polarisation filter apply; mode is the first one kept
  std::vector<double> frequencies;  // 1/um
};

// A port of a device for S-parameters: a cross-section of its waveguide. `direction` points
// into the device; `modes` of the port's modes take part in the S-matrix.
struct PortSpec {
  std::string name;
  Vec3 center{0, 0, 0};
  Vec3 size{0, 0, 0};
  int direction = +1;
  int modes = 1;
  ModeChoice choice;  // polarisation filter, neff_guess, pml_cells (the index is unused)
};

// The S-matrix over the ports: one run per excited port and mode (solver/s_matrix.hpp).
struct SParameterSpec {
  std::vector<double> frequencies;  // 1/um
  std::vector<std::string> excite;  // port names; empty: every port
  TimeProfile time;                 // fwidth 0: chosen to cover the frequencies
};

struct RunSpec {
  double time = 100;             // um/c; maximum when decay_threshold is set
  double decay_threshold = 0;    // stop once field energy < threshold * its maximum (0: off)
  double courant = 0.99;         // fraction of the 3D/2D stability limit
  int check_every = 200;         // steps between divergence checks
  std::string precision = "float32";
  std::string output_dir = "pfdtd-out";
  // Checkpoints (io/checkpoint.hpp) every N steps and/or every M wall-clock minutes (0: off);
  // a stop signal always writes one.
  long long checkpoint_every = 0;
  double checkpoint_minutes = 0;
};

// A cross-section whose waveguide modes `pfdtd modes` solves without a time-domain run.
struct ModePlaneSpec {
  std::string name;
  Vec3 center{0, 0, 0};
  Vec3 size{0, 0, 0};               // exactly one axis has zero size: the normal
  std::vector<double> frequencies;  // 1/um
  int num_modes = 1;
  double neff_guess = 0;  // 0: the largest index on the plane
  int pml_cells = 0;      // 0: PEC walls
  std::map<std::string, std::pair<Vec3, Vec3>> regions;  // confinement regions: name -> (center, size)
};

// A device placed by a `component:` geometry item (geometry/components.hpp), kept for later
// use (mode sources and monitors at its ports, reports): its ports and derived numbers.
struct ComponentPort {
  std::string name;
  Vec3 center;           // centre of the core's cross-section at the port, um
  double angle_deg = 0;  // direction pointing out of the device, degrees from +x
  double width = 0;      // um
};
struct ComponentRecord {
  std::string name, type;  // the item's name (default: type and index) and builder
  std::vector<ComponentPort> ports;
  std::map<std::string, double> info;  // the builder's derived numbers, um
};

struct Scene {
  std::string source_file;  // for messages
  std::string text;         // the scene as written, embedded in outputs
  Domain domain;
  std::vector<Material> materials;
  int background = 0;  // index into materials
  std::vector<Shape> shapes;
  bool smoothing = true;  // subpixel smoothing of the permittivity at interfaces
  std::vector<ComponentRecord> components;  // in geometry order
  std::vector<SourceSpec> sources;
  std::vector<ModeSourceSpec> mode_sources;
  std::vector<BeamSourceSpec> beam_sources;
  std::vector<ModeMonitorSpec> mode_monitors;
  std::vector<PortSpec> ports;
  SParameterSpec s_parameters;
  std::vector<ProbeSpec> probes;
  std::vector<SnapshotSpec> snapshots;
  std::vector<FluxSpec> fluxes;
  std::vector<DftFieldSpec> dft_fields;
  std::vector<ModePlaneSpec> mode_planes;  // the `modes:` section, solved by `pfdtd modes`
  RunSpec run;
  std::vector<std::string> notes;  // what the user should know (library fit errors), one line each
};

}  // namespace pfdtd

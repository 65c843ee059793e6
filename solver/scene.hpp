// The typed scene: what a scene file describes, validated on load (io/scene_yaml.cpp), in
// the units users think in (micrometres; frequencies in 1/um, i.e. c/lambda with c = 1).
#pragma once
#include <array>
#include <map>
#include <string>
#include <vector>

#include "geometry/shape.hpp"
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

struct ProbeSpec {
  std::string name;
  std::vector<Component> components;
  Vec3 point{0, 0, 0};
};

struct SnapshotSpec {
  std::string name;
  std::vector<Component> components;
  Vec3 center{0, 0, 0};
  Vec3 size{0, 0, 0};
  int every = 100;  // steps
};

struct FluxSpec {
  std::string name;
  Vec3 center{0, 0, 0};
  Vec3 size{0, 0, 0};  // exactly one axis has zero size: the normal
  int direction = +1;  // +1: flux counted along +normal
  std::vector<double> frequencies;  // 1/um
};

struct RunSpec {
  double time = 100;             // um/c; maximum when decay_threshold is set
  double decay_threshold = 0;    // stop once field energy < threshold * its maximum (0: off)
  double courant = 0.99;         // fraction of the 3D/2D stability limit
  int check_every = 200;         // steps between divergence checks
  std::string precision = "float32";
  std::string output_dir = "pfdtd-out";
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
  std::vector<ProbeSpec> probes;
  std::vector<SnapshotSpec> snapshots;
  std::vector<FluxSpec> fluxes;
  RunSpec run;
  std::vector<std::string> notes;  // what the user should know (library fit errors), one line each
};

}  // namespace pfdtd

// Parametric device builders. Lengths in micrometres, angles in degrees. Each builder takes a
// parameter struct (defaults: SOI, 220 nm Si core on a 2 um BOX over a Si substrate, the
// core's bottom at z = 0) and the material indices, and returns a Component: shapes in scene
// order (later override earlier: substrate, BOX, reflector, cladding, slab, cores), marked
// regions (doped arcs, phase shifters) to be placed after them, ports and derived numbers.
//
// Devices lie in the xy plane and start at (x0, y0) heading +x unless said otherwise.
// Waveguide widths are at the base of the etched wall (with a sidewall angle < 90 deg the
// top is narrower by 2 t / tan(angle)). Where a piece ends at a port its sloped end is
// extended by t / tan(angle) along the guide, so that pieces joined at a port leave no
// groove at the top; circular arcs (ring sectors) have vertical end faces and need none.
#pragma once
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "geometry/shape.hpp"
#include "geometry/solids.hpp"

namespace pfdtd {

// Material indices of an SOI device; a negative index leaves that layer out (a negative
// cladding means the background, e.g. air, is the cladding).
struct ComponentMaterials {
  int core = -1;
  int cladding = -1;
  int box = -1;
  int substrate = -1;
};
// Resolves the usual names through a scene's lookup: "Si" for core and substrate, "SiO2"
// for BOX and cladding (air_cladding: none).
ComponentMaterials soi_materials(const std::function<int(const std::string&)>& index_of, bool air_cladding = false);

// Cross-section of a waveguide: strip when slab_thickness is 0, rib otherwise.
struct WaveguideCross {
  double width = 0.5;           // at the base of the etched wall
  double thickness = 0.22;      // core (rib: full height)
  double z_bottom = 0.0;        // bottom of the core = top of the BOX
  double slab_thickness = 0.0;  // rib slab left by the etch (0: strip)
  double slab_width = 0.0;      // slab width around the guide (<= 0: unbounded layer)
  double sidewall_deg = 90.0;   // etched wall angle (90: vertical)
};

// The layers under and over the devices. The BOX top is at the core's z_bottom.
struct SoiStack {
  bool include = true;               // false: the caller places the stack (once per scene)
  double box_thickness = 2.0;
  double substrate_thickness = 1e3;  // effectively semi-infinite below the BOX
  double cladding_thickness = 1e3;   // above the BOX top; only if a cladding material is set
  double x_min = -1e30;              // layers start here (a chip facet), > -1e29 only
};

struct Port {
  std::string name;
  Vec3 center;            // centre of the core's cross-section at the port
  double angle_deg = 0;   // direction pointing out of the device
  double width = 0;
};

struct Component {
  std::vector<Shape> shapes;   // scene order
  std::vector<Shape> regions;  // marked regions (their own materials), to place after shapes
  std::vector<Port> ports;
  std::map<std::string, double> info;  // derived numbers (lengths, positions), in um

  std::vector<Shape> all() const;  // shapes, then regions
  const Port& port(const std::string& name) const;
};

// The substrate, BOX and cladding layers (and an unbounded rib slab) alone.
std::vector<Shape> soi_stack(const SoiStack& stack, const WaveguideCross& xs, const ComponentMaterials& m);

// ---- waveguides -------------------------------------------------------------------------

struct StraightParams {
  WaveguideCross xs;
  SoiStack stack;
  double x0 = 0, y0 = 0, angle_deg = 0;
  double length = 10;
};
Component straight_waveguide(const StraightParams& p, const ComponentMaterials& m);

// Circular arc of centre-line radius `radius` turning by angle_deg (> 0: left, counter-
// clockwise; < 0: right) from direction angle0_deg at (x0, y0). An exact ring sector.
struct BendParams {
  WaveguideCross xs;
  SoiStack stack;
  double x0 = 0, y0 = 0, angle0_deg = 0;
  double radius = 5;
  double angle_deg = 90;
};
Component circular_bend(const BendParams& p, const ComponentMaterials& m);

// Euler bend: curvature linear in arc length from 0 to 1/radius_min over the first
// p_fraction/2 of the turn, a circular arc of radius_min in the middle, and the mirror
// clothoid at the end (Cherchi et al., Opt. Express 21, 17814 (2013); the partial bend with
// p: Vogelbacher et al., Opt. Express 27, 31394 (2019)). p = 1: a full Euler bend, p = 0: a
// circular arc. Length = radius_min * angle * (1 + p). Sampled as a polygon, vertices at
// most max_segment apart along the centre line.
struct EulerBendParams {
  WaveguideCross xs;
  SoiStack stack;
  double x0 = 0, y0 = 0, angle0_deg = 0;
  double radius_min = 5;
  double angle_deg = 90;
  double p = 1.0;
  double max_segment = 0.05;
};
Component euler_bend(const EulerBendParams& p, const ComponentMaterials& m);
// Centre line of an Euler bend starting at the origin heading +x (for tests and routing).
std::vector<Vec2> euler_centre_line(double radius_min, double angle_deg, double p, double max_segment);

struct TaperParams {
  WaveguideCross xs;  // width unused
  SoiStack stack;
  double x0 = 0, y0 = 0, angle_deg = 0;
  double width_in = 0.5, width_out = 3.0;
  double length = 10;
};
Component linear_taper(const TaperParams& p, const ComponentMaterials& m);

// Two guides along x, centre line y0, edge-to-edge gap over the coupling length, each fanned
// out by a cosine S-bend (y = offset (1 - cos(pi s / L)) / 2) of the given length and lateral
// offset, with straight leads. Ports in1 (upper) / in2 (lower) on the left, out1 / out2.
struct DirectionalCouplerParams {
  WaveguideCross xs;
  SoiStack stack;
  double x0 = 0, y0 = 0;
  double gap = 0.2;
  double coupling_length = 10;
  double sbend_length = 10;
  double sbend_offset = 2;
  double lead_length = 2;
  double max_segment = 0.1;
};
Component directional_coupler(const DirectionalCouplerParams& p, const ComponentMaterials& m);

// Self-imaging beat length L_pi = 4 n_r W_e^2 / (3 lambda) with the effective width
// W_e = W + (lambda / pi) (n_c / n_r)^(2 sigma) / sqrt(n_r^2 - n_c^2), sigma = 0 for TE,
// 1 for TM (Soldano and Pennings, J. Lightwave Technol. 13, 615 (1995), eqs. 3 and 7).
double mmi_effective_width(double width, double n_r, double n_c, double wavelength, bool tm = false);
double mmi_beat_length(double width, double n_r, double n_c, double wavelength, bool tm = false);

// MMI 1x2 (inputs = 1: symmetric interference, centre-fed, outputs at +-W_e/4, length
// 3 L_pi / 8) or 2x2 (inputs = 2: paired interference, ports at +-W_e/6, length L_pi / 2),
// after Soldano and Pennings (1995). length <= 0 takes that estimate from n_r (slab
// effective index: 2.85 for TE in 220 nm Si at 1550 nm), n_c and wavelength. Access
// tapers from the waveguide width to taper_width, straight leads beyond them.
struct MmiParams {
  WaveguideCross xs;
  SoiStack stack;
  double x0 = 0, y0 = 0;  // left end of the input leads, centre line
  int inputs = 1;
  double width = 3.0;
  double length = 0;
  double n_r = 2.85, n_c = 1.444, wavelength = 1.55;
  double port_offset = 0;  // <= 0: the self-imaging positions above
  double taper_width = 1.0, taper_length = 3.0;
  double lead_length = 2.0;
};
Component mmi(const MmiParams& p, const ComponentMaterials& m);

// Inverse-taper edge coupler: the chip (stack and cladding) ends at the facet x = x0 with
// the background beyond; the core starts tip_offset inside it at tip_width and widens to the
// waveguide width over taper_length, then a straight lead. Port "facet" and "out".
struct EdgeCouplerParams {
  WaveguideCross xs;
  SoiStack stack;
  double x0 = 0, y0 = 0;
  double tip_width = 0.18;
  double taper_length = 50;
  double tip_offset = 0;
  double lead_length = 2;
};
Component edge_coupler(const EdgeCouplerParams& p, const ComponentMaterials& m);

// ---- rings and modulators ----------------------------------------------------------------

// A region over an arc of a ring, e.g. a doped section, of its own material. Radially it
// covers the ring core widened by extra_width on each side; vertically the core.
struct DopedArc {
  double start_deg = 30, stop_deg = 150;
  int material = -1;
  double extra_width = 0;
};

// Ring of centre-line radius `radius` centred at (cx, cy) with a bus below (through port on
// the right) and, for add-drop, a second bus above (drop port on the left). Gap: edge to
// edge. Ports: in, through, (add, drop).
struct RingParams {
  WaveguideCross xs;  // the ring's cross-section
  SoiStack stack;
  double cx = 0, cy = 0;
  double radius = 5;
  double gap = 0.2;
  double bus_width = 0;   // <= 0: the ring's width
  double bus_length = 0;  // <= 0: 2 radius + 10
  bool add_drop = false;
  std::vector<DopedArc> doped;
};
Component ring_resonator(const RingParams& p, const ComponentMaterials& m);

enum class Splitter { mmi, y_branch };
enum class PhaseShifterArms { none, upper, lower, both };

// Mach-Zehnder modulator along x: lead, splitter (MMI 1x2 or Y branch), cosine S-bends to
// arms arm_separation apart, a straight phase-shifter section of ps_section_length, a delay
// section (lower arm longer by delta_length, a cosine bump), S-bends back, combiner (the
// mirrored splitter), lead. Phase-shifter regions cover the core of the chosen arm(s)
// within the phase section, shortened by ps_margin at each end, widened by ps_extra_width.
struct MziParams {
  WaveguideCross xs;
  SoiStack stack;
  double x0 = 0, y0 = 0;
  Splitter splitter = Splitter::mmi;
  MmiParams mmi;  // splitter and combiner body (xs, stack, position and inputs are set here)
  double arm_separation = 6;
  double sbend_length = 10;
  double ps_section_length = 20;
  double delay_length = 0;  // x extent of the delay section (needed if delta_length > 0)
  double delta_length = 0;  // extra path of the lower arm
  PhaseShifterArms arms = PhaseShifterArms::both;
  int ps_material_upper = -1, ps_material_lower = -1;
  double ps_margin = 0, ps_extra_width = 0;
  double lead_length = 2;
  double max_segment = 0.1;
};
Component mach_zehnder(const MziParams& p, const ComponentMaterials& m);

// ---- grating couplers ---------------------------------------------------------------------

// One period of a grating: an etched trench (gap) followed by an unetched tooth, in x.
struct GratingTooth {
  double gap = 0.315;
  double tooth = 0.315;
  double etch_depth = -1;  // < 0: the grating's etch_depth
};
// Teeth from per-period periods, fill factors (tooth / period) and optional etch depths.
std::vector<GratingTooth> apodised_teeth(const std::vector<double>& periods, const std::vector<double>& fills,
                                         const std::vector<double>& etch_depths = {});

enum class Reflector { none, metal, dbr };

// Grating coupler: input lead (and optional linear taper) along +x, then the grating from
// x_start: trenches etched etch_depth into the core (full etch: etch_depth = thickness),
// then an unetched tail. Uniform (period, fill_factor, periods) unless `teeth` is given.
// Trenches are solids of trench_material (default: the cladding; with an air cladding give
// the background's index), wider at the top by the sidewall angle, reaching a little above
// the core and beside the grating so that their edges fall only on the core.
// Bottom reflector under the BOX (the substrate below it): a metal layer or DBR pairs
// (high, low from the top). Focusing: teeth are ring sectors about a focal point
// focal_length before x_start, of full angle aperture_deg, fed by a circular-sector taper.
struct GratingCouplerParams {
  WaveguideCross xs;  // width: the input waveguide's
  SoiStack stack;
  double x_start = 0, y0 = 0;
  double period = 0.63, fill_factor = 0.5, etch_depth = 0.07;
  int periods = 25;
  std::vector<GratingTooth> teeth;
  double width = 12;        // lateral width of the grating (<= 0: unbounded, for 2D xz runs)
  double taper_length = 0;  // 0: the lead has the grating's width
  double lead_length = 5;
  double tail_length = 1;
  int trench_material = -1;  // < 0: the cladding
  Reflector reflector = Reflector::none;
  int metal_material = -1;
  double metal_thickness = 0.1;
  int dbr_high_material = -1, dbr_low_material = -1;
  double dbr_high_thickness = 0.111, dbr_low_thickness = 0.268;  // quarter waves at 1550 nm, Si / SiO2
  int dbr_pairs = 2;
  bool focusing = false;
  double focal_length = 15, aperture_deg = 40;
};
Component grating_coupler(const GratingCouplerParams& p, const ComponentMaterials& m);

// ---- InP laser stack ----------------------------------------------------------------------

struct CoatingLayer {
  double thickness = 0;
  int material = -1;
};

// Ridge laser on n-InP: z = 0 is the substrate's top; upwards n-cladding, lower separate-
// confinement layer (SCH), multiple quantum wells (barriers = wells + 1: barrier first and
// last; wells - 1: well first and last), upper SCH, p-cladding, contact. Above
// top - etch_depth only the ridge (ridge_width, centred at y0) remains. The stack runs
// along x and ends at the cleaved facet x = x_facet (cavity from x_facet - length), the
// background beyond, where coating layers (first on the facet) may be deposited.
struct LaserStackParams {
  int substrate_material = -1, n_cladding_material = -1, sch_material = -1, well_material = -1,
      barrier_material = -1, p_cladding_material = -1, contact_material = -1;
  double substrate_thickness = 1e3;
  double n_cladding_thickness = 1.0;
  double sch_thickness = 0.1;  // each of lower and upper
  int wells = 5;
  int barriers = -1;  // < 0: wells + 1
  double well_thickness = 0.006, barrier_thickness = 0.010;
  double p_cladding_thickness = 1.5;
  double contact_thickness = 0.2;
  double ridge_width = 2.0;
  double etch_depth = 1.6;  // from the top surface
  double ridge_sidewall_deg = 90;
  double x_facet = 0, length = 1e3, y0 = 0;
  std::vector<CoatingLayer> coatings;
};
Component laser_stack(const LaserStackParams& p);

}  // namespace pfdtd

#include "io/scene_yaml.hpp"

#include "io/scene_materials.hpp"
#include "solver/source_time.hpp"

#include <unistd.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <limits>
#include <optional>
#include <sstream>

#include "io/scene_yaml_detail.hpp"
#include "solver/simulation.hpp"

namespace pfdtd {

namespace scene_detail {
void throw_scene_error(const std::string& message) { throw SceneError(message); }
}  // namespace scene_detail

using namespace scene_detail;

namespace {

constexpr double kThzPerUnit = 299.792458;  // c / 1 um in THz: f[1/um] = f[THz] / 299.792458
constexpr double kUmPerFs = 0.299792458;    // light travels 0.2998 um per fs (c = 1 um per unit)
constexpr double kTolerance = 1e-9;         // um; regions touching the domain's faces are inside
constexpr long long kMaxCellsPerAxis = 1LL << 30;  // the grid counts cells per axis in an int

// ---------------------------------------------------------------------------------------
// The scene, section by section

const std::vector<std::string> kComponents = {"Ex", "Ey", "Ez", "Hx", "Hy", "Hz"};

class Builder {
 public:
  explicit Builder(const std::string& file) : file_(file) {
    s_.source_file = file;
    Material pec{"pec", 1.0};
    pec.pec = true;
    s_.materials = {Material{"vacuum", 1.0}, Material{"air", 1.0}, pec};
  }

  Scene build(const YAML::Node& root) {
    const Map top(Field(root, "", &file_), {"domain", "boundaries", "materials", "background", "geometry",
                                            "sources", "monitors", "ports", "s_parameters", "modes", "run"});
    domain(top.need("domain", "a mapping with size and resolution"));
    if (const Field* f = top.find("materials")) materials(*f);
    if (const Field* f = top.find("background")) s_.background = material(*f);
    boundaries(top.find("boundaries"));
    if (const Field* f = top.find("geometry")) geometry(*f);
    if (const Field* f = top.find("sources")) sources(*f);
    if (const Field* f = top.find("monitors")) monitors(*f);
    if (const Field* f = top.find("ports")) ports(*f);
    if (const Field* f = top.find("s_parameters")) s_parameters(*f);
    else if (!s_.ports.empty()) top.self().missing("s_parameters", "a mapping with wavelengths (the ports need it)");
    if (const Field* f = top.find("modes")) mode_planes(*f);
    if (const Field* f = top.find("run")) run(*f);
    return std::move(s_);
  }

 private:
  int dims() const { return s_.domain.dims; }
  int active_axes() const { return dims() == 2 ? 2 : 3; }

  // A point or extent [x, y, z]; in 2D [x, y] will do and a z entry means nothing.
  Vec3 vec3(const Field& f, const Range& r, bool inf_ok = false) const { return read_vec3(f, r, dims(), inf_ok); }

  Vec3 center_or_default(const Map& m, const std::string& key = "center") const {
    const Field* f = m.find(key);
    return f ? vec3(*f, kAnyNumber) : s_.domain.center;
  }

  void domain(const Field& f) {
    const Map m(f, {"size", "center", "resolution", "dims", "smoothing", "symmetry", "decomposition"});
    Domain& d = s_.domain;
    if (const Field* g = m.find("smoothing")) s_.smoothing = g->boolean();
    if (const Field* g = m.find("dims")) {
      d.dims = static_cast<int>(g->integer(2, "2 or 3"));
      if (d.dims > 3) g->fail("got " + std::to_string(d.dims), "2 or 3");
    }
    d.resolution = m.need("resolution", "a number > 0 (cells per um)").number(kPositive);
    size_field_.emplace(m.need("size", "a list [x, y, z] of sizes in um"));
    d.size = vec3(*size_field_, kPositive);
    if (m.find("center")) d.center = vec3(*m.find("center"), kAnyNumber);
    if (d.dims == 2) d.size.z = 1.0 / d.resolution;  // one cell: the grid is z-invariant
    for (int a = 0; a < active_axes(); ++a) {
      const double n = std::round(d.size[a] * d.resolution);
      if (n > kMaxCellsPerAxis)
        size_field_->fail(num(d.size[a]) + " um at resolution " + num(d.resolution) + " gives " + num(n) +
                              " cells on " + kAxisNames[a],
                          "at most " + std::to_string(kMaxCellsPerAxis) + " cells per axis");
    }
    if (const Field* g = m.find("symmetry")) symmetry(*g);
    if (const Field* g = m.find("decomposition")) decomposition(*g);
  }

  // decomposition: {ranks: [2, 1, 1], balance: cells | cost}: how the grid splits over MPI
  // ranks (solver/decomposition.hpp); 0 on an axis lets pfdtd choose.
  void decomposition(const Field& f) {
    const Map m(f, {"ranks", "balance"});
    Domain& d = s_.domain;
    if (const Field* g = m.find("ranks")) {
      const char* expected = "a list [x, y, z] of whole numbers >= 0 (ranks per axis, 0: free)";
      const std::vector<Field> items = g->items(expected);
      if (items.size() != 3) g->fail("got " + std::to_string(items.size()) + " items", expected);
      for (int a = 0; a < 3; ++a) d.ranks[a] = static_cast<int>(items[a].integer(0, expected));
      if (d.dims == 2 && d.ranks[2] > 1) items[2].fail("a 2D domain split on z", "0 or 1 ranks on z in 2D");
    }
    if (const Field* g = m.find("balance")) d.balance_cost = g->choice("balance", {"cells", "cost"}) == 1;
  }

  // symmetry: {y: odd, z: even}: the phase of the fields under the mirror about the domain's
  // centre plane (MEEP's convention, solver/symmetry.hpp). The plane must be a cell face.
  void symmetry(const Field& f) {
    const Map m(f, {"x", "y", "z"});
    Domain& d = s_.domain;
    for (int a = 0; a < 3; ++a) {
      const Field* g = m.find(kAxisNames[a]);
      if (!g) continue;
      if (a >= active_axes()) g->fail("a z symmetry in 2D", "symmetry on x or y: a 2D scene has no z extent");
      d.mirror[a] = g->choice("symmetry", {"even", "odd"}) == 0 ? +1 : -1;
      const long long n = std::llround(d.size[a] * d.resolution);
      if (n % 2 != 0)
        g->fail("size." + std::string(kAxisNames[a]) + " " + num(d.size[a]) + " um gives " + std::to_string(n) +
                    " cells at resolution " + num(d.resolution) + ", so the centre plane is not a cell face",
                "an even number of cells on " + std::string(kAxisNames[a]) + " with a symmetry there");
    }
    symmetry_field_.emplace(f);
  }

  void materials(const Field& f) {
    const Map m(f, {});
    for (std::size_t i = 0; i < m.keys().size(); ++i) {
      const std::string& name = m.keys()[i];
      for (const Material& known : s_.materials)
        if (known.name == name)
          m.values()[i].fail("material '" + name + "' is predefined", "a new name (vacuum, air and pec exist already)");
      s_.materials.push_back(material_model(name, m.values()[i]));
    }
  }

  Material material_model(const std::string& name, const Field& f) {
    return read_material(name, f, s_.notes);
  }

  int material(const Field& f) const {
    std::vector<std::string> names;
    for (const Material& m : s_.materials) names.push_back(m.name);
    return material_index(f, names);
  }

  // -- boundaries

  BoundaryKind boundary_kind(const Field& f) const {
    return static_cast<BoundaryKind>(f.choice("boundary kind", {"pml", "pec", "periodic"}));
  }

  PmlParams pml_params(const Field& f) const {
    const Map m(f, {"cells", "grading", "sigma_factor", "kappa_max", "alpha_max"});
    PmlParams p;
    if (const Field* g = m.find("cells")) p.cells = static_cast<int>(g->integer(1, "a whole number >= 1"));
    if (const Field* g = m.find("grading")) p.grading = g->number(kPositive);
    if (const Field* g = m.find("sigma_factor")) p.sigma_factor = g->number(kNonNegative);
    if (const Field* g = m.find("kappa_max")) p.kappa_max = g->number(Range{1, kHuge, false, false, "a number >= 1"});
    if (const Field* g = m.find("alpha_max")) p.alpha_max = g->number(kNonNegative);
    return p;
  }

  // `x: pec` or `x: {low: pml, high: pec}`; faces not named keep their kind.
  void axis_kinds(const Field& f, BoundaryKind kinds[2]) const {
    if (!f.node.IsScalar() && !f.node.IsMap())
      f.fail("got " + describe(f.node), "a boundary kind (pml, pec, periodic) or {low: kind, high: kind}");
    if (f.node.IsScalar()) {
      kinds[0] = kinds[1] = boundary_kind(f);
    } else {
      const Map m(f, {"low", "high"});
      if (const Field* g = m.find("low")) kinds[0] = boundary_kind(*g);
      if (const Field* g = m.find("high")) kinds[1] = boundary_kind(*g);
    }
    if ((kinds[0] == BoundaryKind::periodic) != (kinds[1] == BoundaryKind::periodic))
      f.fail("periodic on one face only", "periodic on both faces of an axis or on neither");
  }

  void boundaries(const Field* f) {
    BoundaryKind kinds[3][2] = {};  // pml everywhere unless told otherwise
    PmlParams pml;
    std::optional<Map> m, pml_map;  // kept alive: cells_field points into pml_map
    const Field* cells_field = nullptr;
    if (f) {
      m.emplace(*f, std::vector<std::string>{"all", "x", "y", "z", "pml"});
      if (const Field* p = m->find("pml")) {
        pml = pml_params(*p);
        cells_field = pml_map.emplace(*p, std::vector<std::string>{}).find("cells");
      }
      if (const Field* a = m->find("all"))
        for (auto& axis : kinds) axis[0] = axis[1] = boundary_kind(*a);
      for (int a = 0; a < 3; ++a)
        if (const Field* g = m->find(kAxisNames[a])) axis_kinds(*g, kinds[a]);
      const Field* z = m->find("z");
      if (z && dims() == 2 && kinds[2][0] != BoundaryKind::periodic)
        z->fail("a z boundary in 2D", "no z boundary: a 2D scene is z-invariant (periodic with one cell)");
    }
    if (dims() == 2) kinds[2][0] = kinds[2][1] = BoundaryKind::periodic;
    for (int a = 0; a < 3; ++a)
      for (int side = 0; side < 2; ++side) s_.domain.boundary[a][side] = Boundary{kinds[a][side], pml};
    check_pml_fits(cells_field);
    for (int a = 0; a < 3; ++a)
      if (s_.domain.mirror[a] != 0 && (kinds[a][0] == BoundaryKind::periodic || kinds[a][1] == BoundaryKind::periodic))
        symmetry_field_->fail("a symmetry on " + std::string(kAxisNames[a]) + " with periodic boundaries there",
                              "pml or pec boundaries on an axis with a mirror symmetry");
  }

  // The PML faces of an axis must leave at least one interior cell.
  void check_pml_fits(const Field* cells_field) const {
    const Domain& d = s_.domain;
    for (int a = 0; a < active_axes(); ++a) {
      int faces = 0;
      for (const Boundary& b : d.boundary[a]) faces += b.kind == BoundaryKind::pml;
      const int cells = faces * d.boundary[a][0].pml.cells;
      const long long n = std::max(1LL, std::llround(d.size[a] * d.resolution));
      if (faces == 0 || cells < n) continue;
      const Field& where = cells_field ? *cells_field : *size_field_;
      where.fail("the PML on " + std::string(kAxisNames[a]) + " takes " + std::to_string(cells) + " cells (" +
                     std::to_string(faces) + " x " + std::to_string(d.boundary[a][0].pml.cells) +
                     ") but the axis has only n = " + std::to_string(n) + " cells (" + num(d.size[a]) +
                     " um x resolution " + num(d.resolution) + ")",
                 "fewer PML cells than n: a larger domain.size or resolution, or fewer boundaries.pml.cells");
    }
  }

  // -- geometry: io/scene_geometry.cpp

  void geometry(const Field& f) { read_geometry(f, s_); }

  // -- sources

  // A current source names a `component`; a waveguide-mode source a `mode` and a direction.
  void sources(const Field& f) {
    const std::vector<Field> items = f.items("a list of sources");
    std::vector<std::string> names;
    for (std::size_t i = 0; i < items.size(); ++i) {
      const Map m(items[i], {"name", "component", "mode", "beam", "direction", "center", "size", "amplitude", "gaussian", "cw"});
      const std::string name = m.find("name") ? m.find("name")->text("a name") : "source" + std::to_string(i);
      if (std::count(names.begin(), names.end(), name))
        items[i].fail("a second source named '" + name + "'", "unique source names");
      names.push_back(name);
      const std::string kind = m.exactly_one({"component", "mode", "beam"}, true);
      if (kind == "mode") s_.mode_sources.push_back(mode_source(m, name));
      else if (kind == "beam") s_.beam_sources.push_back(beam_source(m, name));
      else s_.sources.push_back(source(m, name));
    }
  }

  // What mode and beam sources share: a plane, a direction and a time profile.
  template <class Spec>
  Spec plane_source(const Map& m, const std::string& name) const {
    Spec src;
    src.name = name;
    src.center = center_or_default(m);
    src.size = plane_size(m);
    src.direction = direction(m);
    const std::string kind = m.exactly_one({"gaussian", "cw"}, true);
    src.time = kind == "gaussian" ? gaussian(*m.find(kind)) : cw(*m.find(kind));
    flatten_z(src.center, src.size);
    check_inside(m, src.center, src.size);
    return src;
  }

  ModeSourceSpec mode_source(const Map& m, const std::string& name) const {
    ModeSourceSpec src = plane_source<ModeSourceSpec>(m, name);
    src.choice = mode_choice(*m.find("mode"));
    return src;
  }

  // `beam: {waist, focus, tilt_deg, tilt_azimuth_deg, polarization_deg, index}`: a Gaussian
  // beam crossing the source plane along `direction`; the focus defaults to the plane centre.
  BeamSourceSpec beam_source(const Map& m, const std::string& name) const {
    BeamSourceSpec src = plane_source<BeamSourceSpec>(m, name);
    const Map b(*m.find("beam"), {"waist", "focus", "tilt_deg", "tilt_azimuth_deg", "polarization_deg", "index"});
    GaussianBeamSpec& g = src.beam;
    beam_shape(b, src.center, g);
    if (const Field* a = m.find("amplitude")) g.amplitude = a->number();
    if (dims() == 2) g.focus.z = src.center.z;
    return src;
  }

  // A Gaussian beam's waist, focus (default `centre`), tilt, polarisation and index.
  void beam_shape(const Map& b, const Vec3& centre, GaussianBeamSpec& g) const {
    g.waist = b.need("waist", "the 1/e field radius at the focus, um (SMF-28: 5.2)").number(kPositive);
    g.focus = b.find("focus") ? vec3(*b.find("focus"), kAnyNumber) : centre;
    if (const Field* t = b.find("tilt_deg")) g.tilt_deg = t->number(Range{-89.9, 89.9, true, true, "an angle in (-90, 90) degrees"});
    if (const Field* a = b.find("tilt_azimuth_deg")) g.tilt_azimuth_deg = a->number();
    if (const Field* p = b.find("polarization_deg")) g.polarization_deg = p->number();
    if (const Field* n = b.find("index")) g.index = n->number(kPositive);
  }

  // `mode: 0` or `mode: {index, polarisation, neff_guess, pml_cells}`.
  static ModeChoice mode_choice(const Field& f) {
    ModeChoice c;
    const std::string idx = "a whole number >= 0 (0: the fundamental mode)";
    if (f.node.IsScalar()) {
      c.mode = static_cast<int>(f.integer(0, idx));
      return c;
    }
    const Map m(f, {"index", "polarisation", "neff_guess", "pml_cells"});
    if (const Field* i = m.find("index")) c.mode = static_cast<int>(i->integer(0, idx));
    read_mode_options(m, c);
    return c;
  }

  static void read_mode_options(const Map& m, ModeChoice& c) {
    if (const Field* p = m.find("polarisation")) c.polarisation = p->choice("polarisation", {"te", "tm"}) == 0 ? "te" : "tm";
    if (const Field* g = m.find("neff_guess")) c.neff_guess = g->number(kPositive);
    if (const Field* n = m.find("pml_cells")) c.pml_cells = static_cast<int>(n->integer(0, "a whole number >= 0"));
  }

  static int direction(const Map& m) { return plus_or_minus_one(m, "direction", +1); }

  static int plus_or_minus_one(const Map& m, const std::string& key, int fallback) {
    const Field* d = m.find(key);
    if (!d) return fallback;
    const double v = d->number(Range{-kHuge, kHuge, false, false, "+1 or -1"});
    if (v != 1 && v != -1) d->fail("got " + num(v), "+1 or -1");
    return static_cast<int>(v);
  }

  // The size of a plane: exactly one (active) axis of zero size, the normal.
  Vec3 plane_size(const Map& m) const {
    const Field& size = m.need("size", "a list [x, y, z] of sizes in um with one 0: the normal");
    const Vec3 v = vec3(size, kNonNegative);
    int zeros = 0;
    for (int a = 0; a < active_axes(); ++a) zeros += v[a] == 0;
    if (zeros != 1)
      size.fail("got " + std::to_string(zeros) + " zero entries",
                dims() == 2 ? "exactly one of x, y equal to 0 (the plane's normal)"
                            : "exactly one entry equal to 0 (the plane's normal)");
    return v;
  }

  SourceSpec source(const Map& m, const std::string& name) const {
    if (const Field* d = m.find("direction")) d->fail("a direction on a current source", "direction only with mode");
    SourceSpec src;
    src.name = name;
    src.component = static_cast<Component>(m.need("component", "one of " + join(kComponents)).choice("component", kComponents));
    src.center = center_or_default(m);
    if (const Field* sz = m.find("size")) src.size = vec3(*sz, kNonNegative);
    if (const Field* a = m.find("amplitude")) src.amplitude = a->number();
    const std::string kind = m.exactly_one({"gaussian", "cw"}, true);
    src.time = kind == "gaussian" ? gaussian(*m.find(kind)) : cw(*m.find(kind));
    flatten_z(src.center, src.size);
    check_inside(m, src.center, src.size);
    return src;
  }

  // A centre frequency, in 1/um, from `wavelength` (um) or `frequency_thz`.
  static double carrier(const Map& m) {
    const std::string which = m.exactly_one({"wavelength", "frequency_thz"}, true);
    const double v = m.find(which)->number(kPositive);
    return which == "wavelength" ? 1.0 / v : v / kThzPerUnit;
  }

  static TimeProfile gaussian(const Field& f) {
    const Map m(f, {"wavelength", "frequency_thz", "bandwidth", "width_thz", "offset"});
    TimeProfile t;
    t.kind = TimeProfile::Kind::gaussian;
    t.frequency = carrier(m);
    // Either width is a full width across which the amplitude spectrum keeps e^-1/2 of its
    // peak; fwidth is the half width: bandwidth d(lambda) = d(f) lambda^2 = 2 fwidth lambda^2.
    const std::string which = m.exactly_one({"bandwidth", "width_thz"}, true);
    const double w = m.find(which)->number(kPositive);
    t.fwidth = which == "bandwidth" ? 0.5 * w * t.frequency * t.frequency : 0.5 * w / kThzPerUnit;
    if (const Field* o = m.find("offset")) t.offset = o->number(kPositive);
    return t;
  }

  static TimeProfile cw(const Field& f) {
    const Map m(f, {"wavelength", "frequency_thz", "ramp_periods"});
    TimeProfile t;
    t.kind = TimeProfile::Kind::cw;
    t.frequency = carrier(m);
    if (const Field* r = m.find("ramp_periods")) t.ramp = r->number(kNonNegative);
    return t;
  }

  // In 2D nothing depends on z: regions sit on the domain's plane.
  void flatten_z(Vec3& center, Vec3& size) const {
    if (dims() == 2) center.z = s_.domain.center.z, size.z = 0;
  }

  // Every point of the region must lie in the domain box. Blame the centre if it is itself
  // outside, else the size that reaches out.
  void check_inside(const Map& m, const Vec3& c, const Vec3& size, const std::string& center_key = "center") const {
    const Domain& d = s_.domain;
    for (int a = 0; a < active_axes(); ++a) {
      const double lo = c[a] - 0.5 * size[a], hi = c[a] + 0.5 * size[a];
      const double dlo = d.center[a] - 0.5 * d.size[a], dhi = d.center[a] + 0.5 * d.size[a];
      if (lo >= dlo - kTolerance && hi <= dhi + kTolerance) continue;
      const bool center_out = c[a] < dlo - kTolerance || c[a] > dhi + kTolerance;
      const Field* where = center_out || !m.find("size") ? m.find(center_key) : m.find("size");
      const std::string ax = kAxisNames[a];
      const std::string span = size[a] == 0 ? ax + " = " + num(c[a]) : ax + " from " + num(lo) + " to " + num(hi);
      (where ? *where : m.self())
          .fail(span + " um lies outside the domain (" + ax + " from " + num(dlo) + " to " + num(dhi) + " um)",
                "a region inside the domain");
    }
  }

  // -- monitors

  void monitors(const Field& f) {
    const std::vector<Field> items = f.items("a list of monitors (- probe: ..., - snapshot: ..., - flux: ...)");
    for (std::size_t i = 0; i < items.size(); ++i) {
      const Tagged t = tagged(items[i], {"probe", "snapshot", "flux", "mode", "dft_fields"});
      if (t.kind == "mode") {
        mode_monitor(t.body, i);
        continue;
      }
      if (t.kind == "dft_fields") {
        dft_fields(t.body, i);
        continue;
      }
      const Map m(t.body, t.kind == "probe"      ? std::vector<std::string>{"name", "components", "point", "resonances"}
                          : t.kind == "snapshot" ? std::vector<std::string>{"name", "components", "center", "size", "every"}
                                                 : std::vector<std::string>{"name", "center", "size", "direction",
                                                                            "wavelengths", "frequencies_thz", "fibre",
                                                                            "far_field"});
      const std::string name = monitor_name(m, t.kind + std::to_string(i));
      if (t.kind == "probe") probe(m, name);
      if (t.kind == "snapshot") snapshot(m, name);
      if (t.kind == "flux") flux(m, name);
    }
  }

  std::string monitor_name(const Map& m, const std::string& fallback) {
    const Field* f = m.find("name");
    const std::string name = f ? f->text("a name") : fallback;
    if (std::count(monitor_names_.begin(), monitor_names_.end(), name))
      (f ? *f : m.self()).fail("a second monitor named '" + name + "'", "unique monitor names");
    monitor_names_.push_back(name);
    return name;
  }

  std::vector<Component> components(const Map& m) const {
    const std::string expected = "a non-empty list of components (" + join(kComponents) + ")";
    const Field& f = m.need("components", expected);
    const std::vector<Field> items = f.items(expected);
    if (items.empty()) f.fail("an empty list", expected);
    std::vector<Component> out;
    for (const Field& item : items) {
      const auto c = static_cast<Component>(item.choice("component", kComponents));
      if (std::count(out.begin(), out.end(), c)) item.fail(std::string(component_name(c)) + " listed twice", "each component once");
      out.push_back(c);
    }
    return out;
  }

  void probe(const Map& m, const std::string& name) {
    ProbeSpec p{name, components(m), center_or_default(m, "point"), {}};
    Vec3 size;
    flatten_z(p.point, size);
    check_inside(m, p.point, size, "point");
    if (const Field* r = m.find("resonances")) p.resonances = resonances(*r);
    s_.probes.push_back(p);
  }

  // `resonances: {wavelengths: [min, max]}` (um) or `{frequencies_thz: [min, max]}`, min_q.
  static ResonanceSpec resonances(const Field& f) {
    const Map m(f, {"wavelengths", "frequencies_thz", "min_q"});
    const std::string which = m.exactly_one({"wavelengths", "frequencies_thz"}, true);
    const Field& band = *m.find(which);
    const std::string expected = "a list [min, max] of two numbers > 0";
    const std::vector<Field> ends = band.items(expected);
    if (ends.size() != 2) band.fail("got " + describe(band.node), expected);
    const double a = ends[0].number(kPositive), b = ends[1].number(kPositive);
    if (a >= b) band.fail("min " + num(a) + " is not below max " + num(b), expected + " with min < max");
    ResonanceSpec r;
    r.enabled = true;
    r.fmin = which == "wavelengths" ? 1 / b : a / kThzPerUnit;
    r.fmax = which == "wavelengths" ? 1 / a : b / kThzPerUnit;
    if (const Field* q = m.find("min_q")) r.min_q = q->number(kNonNegative);
    return r;
  }

  void snapshot(const Map& m, const std::string& name) {
    SnapshotSpec sn{name, components(m), center_or_default(m), s_.domain.size, 100};
    if (const Field* sz = m.find("size")) sn.size = vec3(*sz, kNonNegative);
    if (const Field* e = m.find("every")) sn.every = static_cast<int>(e->integer(1, "a whole number >= 1 (steps)"));
    flatten_z(sn.center, sn.size);
    check_inside(m, sn.center, sn.size);
    s_.snapshots.push_back(sn);
  }

  // Frequency-domain fields over a region: a point, line, plane or volume.
  void dft_fields(const Field& body, std::size_t i) {
    const Map m(body, {"name", "center", "size", "components", "wavelengths", "frequencies_thz"});
    DftFieldSpec d;
    d.name = monitor_name(m, "dft_fields" + std::to_string(i));
    d.center = center_or_default(m);
    d.size = vec3(m.need("size", "a list [x, y, z] of sizes in um (0 on an axis: one layer)"), kNonNegative);
    d.components = m.find("components") ? components(m)
                                        : std::vector<Component>{Component::Ex, Component::Ey, Component::Ez,
                                                                 Component::Hx, Component::Hy, Component::Hz};
    const std::string which = m.exactly_one({"wavelengths", "frequencies_thz"}, true);
    d.frequencies = spectrum(*m.find(which), which == "wavelengths");
    flatten_z(d.center, d.size);
    check_inside(m, d.center, d.size);
    s_.dft_fields.push_back(d);
  }

  void flux(const Map& m, const std::string& name) {
    FluxSpec fx;
    fx.name = name;
    fx.center = center_or_default(m);
    fx.size = plane_size(m);
    fx.direction = direction(m);
    const std::string which = m.exactly_one({"wavelengths", "frequencies_thz"}, true);
    fx.frequencies = spectrum(*m.find(which), which == "wavelengths");
    flatten_z(fx.center, fx.size);
    check_inside(m, fx.center, fx.size);
    if (const Field* f = m.find("fibre")) fx.fibre = fibre(*f, fx);
    if (const Field* f = m.find("far_field")) fx.far_field = far_field(*f);
    s_.fluxes.push_back(fx);
  }

  // `fibre: {waist, focus, tilt_deg, tilt_azimuth_deg, polarization_deg, index, direction,
  // scan}` on a flux plane: the fibre mode its fields couple into, crossing the plane along
  // `direction` (default: the monitor's) and focused at `focus` (default: the plane centre).
  FibreSpec fibre(const Field& f, const FluxSpec& fx) const {
    const Map m(f, {"waist", "focus", "tilt_deg", "tilt_azimuth_deg", "polarization_deg", "index", "direction", "scan"});
    FibreSpec fibre;
    GaussianBeamSpec& g = fibre.beam;
    beam_shape(m, fx.center, g);
    if (dims() == 2) g.focus.z = fx.center.z;
    g.direction = plus_or_minus_one(m, "direction", fx.direction);
    for (int a = 0; a < 3; ++a)
      if (fx.size[a] == 0 && !(dims() == 2 && a == 2)) g.axis = a;
    if (dims() == 2) g.invariant_axis = 2;
    try {
      static_cast<void>(GaussianBeam(g));  // throws on a tilt or polarisation it cannot have
    } catch (const std::invalid_argument& e) {
      f.fail(e.what(), "a fibre that crosses the plane" + std::string(dims() == 2 ? " within the xy plane" : ""));
    }
    if (const Field* s = m.find("scan")) {
      fibre.scan = true;
      fibre.scan_spec = fibre_scan(*s, fx, g);
    }
    return fibre;
  }

  // `scan: {offset, offset_steps, tilt, tilt_steps, wavelength}`: half ranges (um, deg) of
  // the alignment scan around the fibre's placement, at the monitor wavelength nearest
  // `wavelength` (default: the centre of its band).
  FibreScanSpec fibre_scan(const Field& f, const FluxSpec& fx, const GaussianBeamSpec& g) const {
    const Map m(f, {"offset", "offset_steps", "tilt", "tilt_steps", "wavelength"});
    FibreScanSpec s;
    const std::string steps = "a whole number >= 1 (samples across the range)";
    if (const Field* o = m.find("offset")) s.offset = o->number(kNonNegative);
    if (const Field* n = m.find("offset_steps")) s.offset_steps = static_cast<int>(n->integer(1, steps));
    if (const Field* t = m.find("tilt")) {
      const double limit = 90 - std::abs(g.tilt_deg);
      s.tilt_deg = t->number(Range{0, limit, false, true, "a half range >= 0 deg that keeps |tilt_deg| + tilt below 90"});
    }
    if (const Field* n = m.find("tilt_steps")) s.tilt_steps = static_cast<int>(n->integer(1, steps));
    if (const Field* w = m.find("wavelength")) {
      const double lambda = w->number(kPositive);
      const auto [lo, hi] = std::minmax_element(fx.frequencies.begin(), fx.frequencies.end());
      if (1 / lambda < *lo * (1 - 1e-9) || 1 / lambda > *hi * (1 + 1e-9))
        w->fail("got " + num(lambda) + " um, outside the monitor's band " + num(1 / *hi) + " to " + num(1 / *lo) + " um",
                "a wavelength within the monitor's wavelengths");
      s.frequency = 1 / lambda;
    }
    return s;
  }

  // `far_field: {index, side, samples, max_angle_deg}` on a flux plane.
  static FarFieldSpec far_field(const Field& f) {
    const Map m(f, {"index", "side", "samples", "max_angle_deg"});
    FarFieldSpec s;
    if (const Field* n = m.find("index")) s.index = n->number(kPositive);
    s.side = plus_or_minus_one(m, "side", +1);
    if (const Field* n = m.find("samples")) s.samples = static_cast<int>(n->integer(3, "a whole number >= 3 (per direction axis)"));
    if (const Field* a = m.find("max_angle_deg")) s.max_angle_deg = a->number(Range{0, 90, true, false, "an angle in (0, 90] degrees"});
    return s;
  }

  // `- mode: {name, center, size, direction, modes, polarisation, neff_guess, pml_cells, wavelengths}`
  void mode_monitor(const Field& body, std::size_t i) {
    const Map m(body, {"name", "center", "size", "direction", "modes", "polarisation", "neff_guess", "pml_cells",
                       "wavelengths", "frequencies_thz"});
    ModeMonitorSpec mm;
    mm.name = monitor_name(m, "mode" + std::to_string(i));
    mm.center = center_or_default(m);
    mm.size = plane_size(m);
    mm.direction = direction(m);
    if (const Field* n = m.find("modes")) mm.num_modes = static_cast<int>(n->integer(1, "a whole number >= 1"));
    read_mode_options(m, mm.choice);
    const std::string which = m.exactly_one({"wavelengths", "frequencies_thz"}, true);
    mm.frequencies = spectrum(*m.find(which), which == "wavelengths");
    flatten_z(mm.center, mm.size);
    check_inside(m, mm.center, mm.size);
    s_.mode_monitors.push_back(mm);
  }

  // -- ports and S-parameters

  void ports(const Field& f) {
    const std::vector<Field> items = f.items("a list of ports ({name, center, size, direction, modes})");
    for (std::size_t i = 0; i < items.size(); ++i) {
      const Map m(items[i], {"name", "center", "size", "direction", "modes", "polarisation", "neff_guess", "pml_cells"});
      PortSpec p;
      p.name = m.need("name", "a port name (e.g. in, out, through, drop)").text("a name");
      for (const PortSpec& other : s_.ports)
        if (other.name == p.name) m.find("name")->fail("a second port named '" + p.name + "'", "unique port names");
      p.center = center_or_default(m);
      p.size = plane_size(m);
      p.direction = direction(m);
      if (const Field* n = m.find("modes")) p.modes = static_cast<int>(n->integer(1, "a whole number >= 1"));
      read_mode_options(m, p.choice);
      flatten_z(p.center, p.size);
      check_inside(m, p.center, p.size);
      s_.ports.push_back(p);
    }
  }

  void s_parameters(const Field& f) {
    const Map m(f, {"wavelengths", "frequencies_thz", "excite", "gaussian"});
    SParameterSpec& sp = s_.s_parameters;
    const std::string which = m.exactly_one({"wavelengths", "frequencies_thz"}, true);
    sp.frequencies = spectrum(*m.find(which), which == "wavelengths");
    if (const Field* e = m.find("excite"))
      for (const Field& item : e->items("a list of port names")) {
        std::vector<std::string> names;
        for (const PortSpec& p : s_.ports) names.push_back(p.name);
        sp.excite.push_back(names[item.choice("port", names)]);
      }
    if (const Field* g = m.find("gaussian")) sp.time = gaussian(*g);
    if (s_.ports.empty()) m.self().fail("s_parameters without ports", "a ports section listing the device's ports");
  }

  // Frequencies in 1/um from a list, or {start, stop, count} evenly spaced in the unit given.
  static std::vector<double> spectrum(const Field& f, bool wavelengths) {
    const auto to_freq = [&](double v) { return wavelengths ? 1.0 / v : v / kThzPerUnit; };
    const std::string expected = "a list of numbers > 0 or {start, stop, count}";
    std::vector<double> out;
    if (f.node.IsSequence()) {
      for (const Field& item : f.items(expected)) out.push_back(to_freq(item.number(kPositive)));
      if (out.empty()) f.fail("an empty list", expected);
      return out;
    }
    if (!f.node.IsMap()) f.fail("got " + describe(f.node), expected);
    const Map m(f, {"start", "stop", "count"});
    const double start = m.need("start", "a number > 0").number(kPositive);
    const double stop = m.need("stop", "a number > 0").number(kPositive);
    const long long count = m.need("count", "a whole number >= 1").integer(1, "a whole number >= 1");
    if (count > 1000000) m.find("count")->fail("got " + std::to_string(count), "at most 1000000 frequencies");
    for (long long k = 0; k < count; ++k)
      out.push_back(to_freq(count == 1 ? start : start + (stop - start) * k / (count - 1)));
    return out;
  }

  // -- modes: cross-sections for `pfdtd modes`

  void mode_planes(const Field& f) {
    const std::vector<Field> items = f.items("a list of mode planes ({name, center, size, wavelengths, ...})");
    for (std::size_t i = 0; i < items.size(); ++i) {
      const Map m(items[i], {"name", "center", "size", "wavelengths", "frequencies_thz", "num_modes", "neff_guess",
                             "pml_cells", "regions"});
      ModePlaneSpec p;
      p.name = m.find("name") ? m.find("name")->text("a name") : "plane" + std::to_string(i);
      for (const ModePlaneSpec& other : s_.mode_planes)
        if (other.name == p.name)
          (m.find("name") ? *m.find("name") : items[i]).fail("a second mode plane named '" + p.name + "'", "unique names");
      p.center = center_or_default(m);
      const Field& size = m.need("size", "a list [x, y, z] of sizes in um with one 0: the normal");
      p.size = vec3(size, kNonNegative);
      int zeros = 0;
      for (int a = 0; a < active_axes(); ++a) zeros += p.size[a] == 0;
      if (zeros != 1)
        size.fail("got " + std::to_string(zeros) + " zero entries", "exactly one entry equal to 0 (the plane's normal)");
      const std::string which = m.exactly_one({"wavelengths", "frequencies_thz"}, true);
      p.frequencies = spectrum(*m.find(which), which == "wavelengths");
      if (const Field* g = m.find("num_modes")) p.num_modes = static_cast<int>(g->integer(1, "a whole number >= 1"));
      if (const Field* g = m.find("neff_guess")) p.neff_guess = g->number(kNonNegative);
      if (const Field* g = m.find("pml_cells")) p.pml_cells = static_cast<int>(g->integer(0, "a whole number >= 0"));
      if (const Field* g = m.find("regions")) p.regions = confinement_regions(*g);
      flatten_z(p.center, p.size);
      check_inside(m, p.center, p.size);
      s_.mode_planes.push_back(p);
    }
  }

  // `regions: {name: {center: [..], size: [..]}, ...}`
  std::map<std::string, std::pair<Vec3, Vec3>> confinement_regions(const Field& f) const {
    const Map names(f, {});
    std::map<std::string, std::pair<Vec3, Vec3>> out;
    for (std::size_t i = 0; i < names.keys().size(); ++i) {
      const Map r(names.values()[i], {"center", "size"});
      out[names.keys()[i]] = {vec3(r.need("center", "a point [x, y, z] in um"), kAnyNumber),
                              vec3(r.need("size", "a list [x, y, z] of sizes in um"), kNonNegative)};
    }
    return out;
  }

  // -- run

  void run(const Field& f) {
    const Map m(f, {"time", "time_fs", "decay_threshold", "courant", "check_every", "precision", "output", "checkpoint"});
    RunSpec& r = s_.run;
    const std::string which = m.exactly_one({"time", "time_fs"}, true);
    const double t = m.find(which)->number(kPositive);
    r.time = which == "time" ? t : t * kUmPerFs;
    if (const Field* g = m.find("decay_threshold"))
      r.decay_threshold = g->number(Range{0, 1, false, true, "a number >= 0 and < 1"});
    if (const Field* g = m.find("courant")) r.courant = courant(*g);
    if (const Field* g = m.find("check_every")) r.check_every = static_cast<int>(g->integer(1, "a whole number >= 1 (steps)"));
    if (const Field* g = m.find("checkpoint")) {  // {every: steps, minutes: wall clock}
      const Map c(*g, {"every", "minutes"});
      if (const Field* e = c.find("every")) r.checkpoint_every = e->integer(0, "a whole number >= 0 (steps; 0: off)");
      if (const Field* e = c.find("minutes")) r.checkpoint_minutes = e->number(Range{0, kHuge, false, false, "a number >= 0 (minutes; 0: off)"});
    }
    if (const Field* g = m.find("precision")) r.precision = g->choice("precision", {"float32", "float64"}) ? "float64" : "float32";
    if (const Field* g = m.find("output")) {
      r.output_dir = g->text("a folder name");
      if (r.output_dir.empty()) g->fail("an empty name", "a folder name");
    }
  }

  static double courant(const Field& f) {
    const char* expected = "a number in (0, 1]";
    const double c = f.number(Range{0, kHuge, true, false, expected});
    if (c > 1) f.fail("courant " + num(c) + " is above the stability limit 1 (dt <= d/sqrt(dims))", expected);
    return c;
  }

  const std::string& file_;
  Scene s_;
  std::optional<Field> size_field_;  // domain.size, blamed when the domain is too small
  std::optional<Field> symmetry_field_;  // domain.symmetry, blamed when the boundaries conflict
  std::vector<std::string> monitor_names_;
};

YAML::Node load_yaml(const std::string& text, const std::string& file) {
  try {
    return YAML::Load(text);
  } catch (const YAML::ParserException& e) {
    throw SceneError(format_error(file, e.mark, "", "YAML syntax error: " + e.msg, "valid YAML (or JSON)"));
  }
}

// ---------------------------------------------------------------------------------------
// Warnings

// Materials the grid can see: the background and those of shapes.
std::vector<int> used_materials(const Scene& s) {
  std::vector<int> used{s.background};
  for (const Shape& sh : s.shapes)
    if (!std::count(used.begin(), used.end(), sh.material)) used.push_back(sh.material);
  return used;
}

// Every source's name and time profile, current and mode sources alike.
struct NamedProfile {
  std::string name;
  TimeProfile time;
};
std::vector<NamedProfile> source_profiles(const Scene& s) {
  std::vector<NamedProfile> out;
  for (const SourceSpec& src : s.sources) out.push_back({src.name, src.time});
  for (const ModeSourceSpec& src : s.mode_sources) out.push_back({src.name, src.time});
  for (const BeamSourceSpec& src : s.beam_sources) out.push_back({src.name, src.time});
  return out;
}

// Resolution against the shortest wavelength any source carries, in the densest material.
void resolution_warning(const Scene& s, std::vector<std::string>& w) {
  double f_max = 0;
  for (const NamedProfile& src : source_profiles(s)) {
    const TimeProfile& t = src.time;
    f_max = std::max(f_max, t.frequency + (t.kind == TimeProfile::Kind::gaussian ? 2 * t.fwidth : 0.0));
  }
  double eps = 0;
  std::string densest;
  for (int m : used_materials(s))
    if (!s.materials[m].pec && s.materials[m].epsilon.max() > eps) eps = s.materials[m].epsilon.max(), densest = s.materials[m].name;
  if (f_max <= 0 || eps <= 0) return;
  const double index = std::sqrt(eps), lambda = 1.0 / f_max;
  const double per_wavelength = lambda / index * s.domain.resolution;
  if (per_wavelength < 10)
    w.push_back(s.source_file + ": resolution " + num(s.domain.resolution) + " gives " + num(per_wavelength) +
                " cells per wavelength in " + densest + " (index " + num(index) + ", shortest source wavelength " +
                num(lambda) + " um); 10 or more are advised, else the results carry large dispersion errors");
}

void pulse_warnings(const Scene& s, std::vector<std::string>& w) {
  for (const NamedProfile& src : source_profiles(s))
    if (src.time.kind == TimeProfile::Kind::gaussian && src.time.frequency <= 2 * src.time.fwidth)
      w.push_back(s.source_file + ": source '" + src.name +
                  "': its bandwidth reaches zero frequency, where the pulse leaves static fields; narrow it");
  // A run that stops while a pulse is still on measures a fraction of it.
  for (const NamedProfile& src : source_profiles(s)) {
    const double end = SourceTime(src.time).end_time();
    if (std::isfinite(end) && s.run.time < end)
      w.push_back(s.source_file + ": source '" + src.name + "': its pulse lasts until t = " + num(end) +
                  " um/c but the run stops at " + num(s.run.time) + "; lengthen run.time (or widen the bandwidth)");
  }
}

// Sources and monitors inside an absorbing layer see fields that are being damped.
void pml_overlap(const Scene& s, const std::string& what, const Vec3& c, const Vec3& size,
                 std::vector<std::string>& w) {
  const Domain& d = s.domain;
  for (int a = 0; a < (d.dims == 2 ? 2 : 3); ++a) {
    const double half = 0.5 * std::max(1.0, std::round(d.size[a] * d.resolution)) / d.resolution;
    for (int side = 0; side < 2; ++side) {
      const Boundary& b = d.boundary[a][side];
      if (b.kind != BoundaryKind::pml) continue;
      const double thick = b.pml.cells / d.resolution;
      const bool in = side == 0 ? c[a] - 0.5 * size[a] < d.center[a] - half + thick - kTolerance
                                : c[a] + 0.5 * size[a] > d.center[a] + half - thick + kTolerance;
      if (in)
        w.push_back(s.source_file + ": " + what + " reaches into the PML on the " + (side ? "high " : "low ") +
                    kAxisNames[a] + " face (" + num(thick) + " um thick); keep it in the interior");
    }
  }
}

void flux_band_warnings(const Scene& s, std::vector<std::string>& w) {
  const std::vector<NamedProfile> sources = source_profiles(s);
  for (const NamedProfile& src : sources)
    if (src.time.kind != TimeProfile::Kind::gaussian) return;  // CW: the user chose the frequency
  if (sources.empty()) return;
  for (const FluxSpec& fx : s.fluxes) {
    int outside = 0;
    for (double f : fx.frequencies) {
      bool covered = false;  // within 3 widths: at least 1% of a source's peak amplitude
      for (const NamedProfile& src : sources) covered |= std::abs(f - src.time.frequency) <= 3 * src.time.fwidth;
      outside += !covered;
    }
    if (outside)
      w.push_back(s.source_file + ": flux '" + fx.name + "': " + std::to_string(outside) + " of " +
                  std::to_string(fx.frequencies.size()) +
                  " frequencies lie where the sources carry under 1% of their peak amplitude; widen the sources");
  }
}

std::string gib(double bytes) {
  char b[32];
  std::snprintf(b, sizeof b, bytes < 1024.0 * (1 << 30) ? "%.1f" : "%.3g", bytes / (1 << 30));
  return b;
}

// Where to point a resource error: domain.resolution in the scene's text, if it can be found.
std::string resource_location(const Scene& s) {
  try {
    const YAML::Node root = YAML::Load(s.text);
    const YAML::Node res = root.IsMap() && root["domain"].IsMap() ? root["domain"]["resolution"] : YAML::Node();
    if (res.IsDefined() && res.Mark().line >= 0) return location(s.source_file, res.Mark()) + ": domain.resolution: ";
  } catch (const YAML::Exception&) {
  }
  return s.source_file.empty() ? "" : s.source_file + ": ";
}

}  // namespace

Scene parse_scene(const std::string& yaml_text, const std::string& file_name) {
  const YAML::Node root = load_yaml(yaml_text, file_name);
  Scene s;
  try {
    s = Builder(file_name).build(root);
  } catch (const YAML::Exception& e) {  // should not happen: every access is checked first
    throw SceneError(format_error(file_name, e.mark, "", e.msg, ""));
  }
  s.text = yaml_text;
  return s;
}

Scene load_scene(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw SceneError(path + ": cannot read the scene file (" + std::strerror(errno) + ")");
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) throw SceneError(path + ": cannot read the scene file");
  Scene s = parse_scene(text.str(), path);
  check_resources(s);
  return s;
}

std::uint64_t machine_memory_bytes() {
  std::ifstream in("/proc/meminfo");
  std::string line;
  unsigned long long kib = 0;
  while (std::getline(in, line))
    if (std::sscanf(line.c_str(), "MemTotal: %llu kB", &kib) == 1) return kib * 1024ULL;
  const long pages = sysconf(_SC_PHYS_PAGES), page = sysconf(_SC_PAGE_SIZE);
  return pages > 0 && page > 0 ? static_cast<std::uint64_t>(pages) * static_cast<std::uint64_t>(page) : 0;
}

void check_resources(const Scene& scene) {
  const double need = estimate_device_bytes(scene, scene.run.precision == "float64" ? 8 : 4);
  const double have = static_cast<double>(machine_memory_bytes());
  if (have > 0 && need > have)
    throw SceneError(resource_location(scene) + "needs about " + gib(need) + " GiB, more than this machine's " +
                     gib(have) + " GiB; lower the resolution or the domain");
}

std::vector<std::string> scene_warnings(const Scene& s) {
  std::vector<std::string> w;
  if (source_profiles(s).empty() && s.ports.empty()) w.push_back(s.source_file + ": no sources: the fields stay zero");
  resolution_warning(s, w);
  pulse_warnings(s, w);
  for (const SourceSpec& src : s.sources) pml_overlap(s, "source '" + src.name + "'", src.center, src.size, w);
  for (const ModeSourceSpec& src : s.mode_sources) pml_overlap(s, "source '" + src.name + "'", src.center, src.size, w);
  for (const BeamSourceSpec& src : s.beam_sources) pml_overlap(s, "source '" + src.name + "'", src.center, src.size, w);
  for (const ModeMonitorSpec& m : s.mode_monitors) pml_overlap(s, "mode monitor '" + m.name + "'", m.center, m.size, w);
  for (const ProbeSpec& p : s.probes) pml_overlap(s, "probe '" + p.name + "'", p.point, Vec3{}, w);
  for (const FluxSpec& f : s.fluxes) pml_overlap(s, "flux '" + f.name + "'", f.center, f.size, w);
  for (const DftFieldSpec& f : s.dft_fields) pml_overlap(s, "dft_fields '" + f.name + "'", f.center, f.size, w);
  flux_band_warnings(s, w);
  return w;
}

}  // namespace pfdtd

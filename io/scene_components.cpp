// `component:` geometry items: the device builders of geometry/components.hpp driven from a
// scene file. Every field of a builder's parameter struct is a key of the same name (nested
// structs as nested mappings, lists of structs as lists), defaulting to the builder's
// default; materials are named by role in the item's `materials:` mapping. The format is
// described in docs/scene-format.md ("component").
//
// This file must not include solver/scene.hpp (see io/scene_yaml_detail.hpp): it returns a
// BuiltComponent, which io/scene_geometry.cpp files into the Scene.
#include <functional>
#include <optional>
#include <stdexcept>

#include "geometry/components.hpp"
#include "io/scene_yaml_detail.hpp"

namespace pfdtd::scene_detail {
namespace {

const std::vector<std::string> kTypes = {"straight_waveguide", "bend",           "euler_bend",    "taper",
                                         "directional_coupler", "mmi",           "edge_coupler",  "ring_resonator",
                                         "mach_zehnder",        "grating_coupler", "laser_stack"};
// The C++ names of the builders, accepted as well.
const std::map<std::string, std::string> kTypeAliases = {{"circular_bend", "bend"}, {"linear_taper", "taper"}};

// Keys every component takes besides its parameters.
const std::vector<std::string> kCommonKeys = {"type", "name", "materials", "slice_z"};

const Range kSidewallDeg{0, 180, true, true, "an angle in (0, 180) degrees (90: vertical walls)"};
const Range kTurn{-360, 360, true, true, "an angle in (-360, 360) degrees, not 0"};
const Range kFraction{0, 1, true, true, "a number in (0, 1)"};
const Range kUnitInterval{0, 1, false, false, "a number in [0, 1]"};
const Range kAperture{0, 170, true, false, "an angle in (0, 170] degrees"};

// ---------------------------------------------------------------------------------------
// Parameter schemas: the keys a mapping takes and where each value goes.

class Schema {
 public:
  using Apply = std::function<void(const Field&)>;

  void add(const std::string& key, Apply apply) {
    keys_.push_back(key);
    apply_.push_back(std::move(apply));
  }
  void number(const std::string& key, double& v, const Range& r = kAnyNumber) {
    add(key, [&v, r](const Field& f) { v = f.number(r); });
  }
  void integer(const std::string& key, int& v, int lo, int hi) {
    add(key, [&v, lo, hi](const Field& f) {
      const std::string expected = "a whole number from " + std::to_string(lo) + " to " + std::to_string(hi);
      const long long n = f.integer(lo, expected);
      if (n > hi) f.fail("got " + std::to_string(n), expected);
      v = static_cast<int>(n);
    });
  }
  void flag(const std::string& key, bool& v) {
    add(key, [&v](const Field& f) { v = f.boolean(); });
  }
  template <class E>
  void choice(const std::string& key, E& v, const std::vector<std::string>& names) {
    add(key, [&v, key, names](const Field& f) { v = static_cast<E>(f.choice(key, names)); });
  }
  // A nested mapping read by its own schema.
  void nested(const std::string& key, std::function<void(Schema&)> describe) {
    add(key, [describe](const Field& f) {
      Schema inner;
      describe(inner);
      inner.read(f);
    });
  }

  const std::vector<std::string>& keys() const { return keys_; }

  // Reads the mapping `f`: its keys must be this schema's or `extra` (left to the caller).
  Map read(const Field& f, const std::vector<std::string>& extra = {}) const {
    std::vector<std::string> allowed(extra);
    allowed.insert(allowed.end(), keys_.begin(), keys_.end());
    const Map m(f, allowed);
    for (std::size_t i = 0; i < m.keys().size(); ++i)
      for (std::size_t k = 0; k < keys_.size(); ++k)
        if (keys_[k] == m.keys()[i]) apply_[k](m.values()[i]);
    return m;
  }

 private:
  std::vector<std::string> keys_;
  std::vector<Apply> apply_;
};

void cross_section(Schema& s, WaveguideCross& xs) {
  s.add("xs", [&xs](const Field& f) {
    Schema c;
    c.number("width", xs.width, kPositive);
    c.number("thickness", xs.thickness, kPositive);
    c.number("z_bottom", xs.z_bottom);
    c.number("slab_thickness", xs.slab_thickness, kNonNegative);
    c.number("slab_width", xs.slab_width, kNonNegative);
    c.number("sidewall_deg", xs.sidewall_deg, kSidewallDeg);
    c.number("sidewall_angle", xs.sidewall_deg, kSidewallDeg);  // the name the other items use
    const Map m = c.read(f);
    m.exactly_one({"sidewall_deg", "sidewall_angle"}, false);
    if (const Field* slab = m.find("slab_thickness"); slab && !(xs.slab_thickness < xs.thickness))
      slab->fail("slab_thickness " + num(xs.slab_thickness) + " is not below thickness " + num(xs.thickness),
                 "0 <= slab_thickness < thickness (0: a strip)");
  });
}

void soi_stack(Schema& s, SoiStack& st) {
  s.nested("stack", [&st](Schema& c) {
    c.flag("include", st.include);
    c.number("box_thickness", st.box_thickness, kPositive);
    c.number("substrate_thickness", st.substrate_thickness, kPositive);
    c.number("cladding_thickness", st.cladding_thickness, kPositive);
    c.number("x_min", st.x_min);
  });
}

template <class P>
void soi_common(Schema& s, P& p) {
  cross_section(s, p.xs);
  soi_stack(s, p.stack);
}

// ---------------------------------------------------------------------------------------
// Materials by role

struct Role {
  std::string name;
  std::string what;                      // for messages: "the core"
  std::vector<std::string> defaults;     // names tried when the role is not given
  bool needed = false;                   // an error if neither given nor defaulted
  bool none_ok = false;                  // `none` leaves the layer out
};

class Roles {
 public:
  Roles(const Field& body, const std::vector<std::string>& names) : body_(body), names_(names) {}

  // Reads `materials:` of the component; `roles` are all it may name.
  void read(const Map& top, std::vector<Role> roles) {
    roles_ = std::move(roles);
    std::vector<std::string> keys;
    for (const Role& r : roles_) keys.push_back(r.name);
    if (const Field* f = top.find("materials")) map_.emplace(*f, keys);
    for (const Role& r : roles_) index_[r.name] = resolve(r);
  }

  int operator[](const std::string& role) const { return index_.at(role); }

  // A role that a parameter makes necessary (a metal reflector needs its metal).
  int need(const std::string& role, const std::string& because) const {
    const int i = index_.at(role);
    if (i < 0) missing(role_of(role), "the " + role_of(role).what + " material (" + because + ")");
    return i;
  }

 private:
  const Role& role_of(const std::string& name) const {
    for (const Role& r : roles_)
      if (r.name == name) return r;
    throw std::logic_error("scene_components: no role " + name);
  }

  [[noreturn]] void missing(const Role& r, const std::string& expected) const {
    if (map_) map_->self().missing(r.name, expected);
    body_.missing("materials." + r.name, expected);
  }

  int resolve(const Role& r) const {
    if (const Field* f = map_ ? map_->find(r.name) : nullptr) {
      if (r.none_ok && f->node.IsScalar() && f->node.Scalar() == "none") return -1;
      return material_index(*f, names_);
    }
    for (const std::string& d : r.defaults)
      for (std::size_t i = 0; i < names_.size(); ++i)
        if (names_[i] == d) return static_cast<int>(i);
    if (!r.needed) return -1;
    std::string expected = "the name of the " + r.what + " material";
    if (!r.defaults.empty()) expected += " (no material '" + r.defaults[0] + "' is defined to default to)";
    if (r.none_ok) expected += ", or none to leave it out";
    missing(r, expected);
  }

  const Field& body_;
  const std::vector<std::string>& names_;
  std::vector<Role> roles_;
  std::optional<Map> map_;
  std::map<std::string, int> index_;
};

const std::vector<std::string> kSi = {"si", "Si"};
const std::vector<std::string> kSiO2 = {"sio2", "SiO2"};

// The SOI roles; the stack's layers are needed only where the builder places the stack.
std::vector<Role> soi_roles(bool stack) {
  return {{"core", "core", kSi, true, false},
          {"cladding", "cladding", kSiO2, stack, true},
          {"box", "buried oxide (BOX)", kSiO2, stack, true},
          {"substrate", "substrate", kSi, stack, true}};
}

ComponentMaterials soi_materials_of(const Roles& r) {
  ComponentMaterials m;
  m.core = r["core"];
  m.cladding = r["cladding"];
  m.box = r["box"];
  m.substrate = r["substrate"];
  return m;
}

// Parameters of the C++ structs that hold material indices are named by role instead.
void refuse_material_fields(const Field& body, const std::map<std::string, std::string>& field_to_role) {
  if (!body.node.IsMap()) return;
  for (auto it = body.node.begin(); it != body.node.end(); ++it) {
    if (!it->first.IsScalar()) continue;
    const auto found = field_to_role.find(it->first.Scalar());
    if (found == field_to_role.end()) continue;
    const Field key(it->first, body.sub(found->first), body.file);
    key.fail("materials are named by role in the component's materials mapping",
             "materials: {" + found->second + ": <material>}");
  }
}

// ---------------------------------------------------------------------------------------
// 2D: a z-cut of the device

// The solid's cut at z = z_cut, extended unchanged along z. Its distance is the base's at
// the point moved onto the cut plane: exact in sign, and no larger than the distance to the
// z-invariant solid (the contract of geometry/shape.hpp), exact where the nearest surface
// of the base at the plane is vertical.
class ZCutSolid : public Solid {
 public:
  ZCutSolid(std::shared_ptr<const Solid> base, double z_cut) : base_(std::move(base)), z_(z_cut) {}
  double signed_distance(const Vec3& p) const override { return base_->signed_distance({p.x, p.y, z_}); }
  Vec3 normal(const Vec3& p) const override {
    Vec3 n = base_->normal({p.x, p.y, z_});
    n.z = 0;
    const double l = norm(n);
    return l > 1e-9 ? (1 / l) * n : Solid::normal(p);
  }
  Bounds bounds() const override {
    Bounds b = base_->bounds();
    b.lo.z = -kInfinite, b.hi.z = kInfinite;
    return b;
  }

 private:
  std::shared_ptr<const Solid> base_;
  double z_;
};

// ---------------------------------------------------------------------------------------
// The builders

struct Context {
  const Field& body;
  const std::vector<std::string>& names;
  int dims;
  std::string type;
};

// Runs the builder, turning its refusals into errors at the item, and files the result; in
// 2D cuts it at slice_z (default: `default_cut` of the built device).
BuiltComponent finish(const Context& c, const Map& m, const std::function<Component()>& build,
                      const std::function<double(const Component&)>& default_cut) {
  Component built;
  try {
    built = build();
  } catch (const std::invalid_argument& e) {
    c.body.fail(e.what(), "parameters the " + c.type + " builder accepts (docs/geometry.md)");
  }
  BuiltComponent out;
  out.type = c.type;
  for (const Port& p : built.ports) out.ports.push_back(BuiltPort{p.name, p.center, p.angle_deg, p.width});
  out.info = built.info;
  std::vector<Shape> shapes = built.all();
  const Field* cut = m.find("slice_z");
  if (c.dims == 3) {
    if (cut) cut->fail("slice_z in a 3D scene", "slice_z only with dims: 2, where the device is cut at that z");
    out.shapes = std::move(shapes);
    return out;
  }
  const double z = cut ? cut->number() : default_cut(built);
  for (const Shape& sh : shapes) {
    const Bounds b = sh.solid->bounds();
    if (b.lo.z > z || b.hi.z < z) continue;  // not in the plane: contains no point of it
    out.shapes.push_back(Shape{sh.material, std::make_shared<ZCutSolid>(sh.solid, z)});
  }
  return out;
}

double core_mid(const WaveguideCross& xs) { return xs.z_bottom + 0.5 * xs.thickness; }

// The builders whose only materials are the SOI roles.
template <class P>
BuiltComponent simple_soi(const Context& c, P p, const std::function<void(Schema&, P&)>& params,
                          Component (*builder)(const P&, const ComponentMaterials&)) {
  Schema s;
  soi_common(s, p);
  params(s, p);
  const Map m = s.read(c.body, kCommonKeys);
  Roles roles(c.body, c.names);
  roles.read(m, soi_roles(p.stack.include));
  const ComponentMaterials mats = soi_materials_of(roles);
  return finish(c, m, [&] { return builder(p, mats); }, [&](const Component&) { return core_mid(p.xs); });
}

BuiltComponent straight(const Context& c) {
  return simple_soi<StraightParams>(c, {}, [](Schema& s, StraightParams& p) {
    s.number("x0", p.x0);
    s.number("y0", p.y0);
    s.number("angle_deg", p.angle_deg);
    s.number("length", p.length, kPositive);
  }, straight_waveguide);
}

BuiltComponent bend(const Context& c) {
  return simple_soi<BendParams>(c, {}, [](Schema& s, BendParams& p) {
    s.number("x0", p.x0);
    s.number("y0", p.y0);
    s.number("angle0_deg", p.angle0_deg);
    s.number("radius", p.radius, kPositive);
    s.add("angle_deg", [&p](const Field& f) {
      p.angle_deg = f.number(kTurn);
      if (p.angle_deg == 0) f.fail("got 0", kTurn.expected);
    });
  }, circular_bend);
}

BuiltComponent euler(const Context& c) {
  return simple_soi<EulerBendParams>(c, {}, [](Schema& s, EulerBendParams& p) {
    s.number("x0", p.x0);
    s.number("y0", p.y0);
    s.number("angle0_deg", p.angle0_deg);
    s.number("radius_min", p.radius_min, kPositive);
    s.add("angle_deg", [&p](const Field& f) {
      p.angle_deg = f.number(kTurn);
      if (p.angle_deg == 0) f.fail("got 0", kTurn.expected);
    });
    s.number("p", p.p, kUnitInterval);
    s.number("max_segment", p.max_segment, kPositive);
  }, euler_bend);
}

BuiltComponent taper(const Context& c) {
  return simple_soi<TaperParams>(c, {}, [](Schema& s, TaperParams& p) {
    s.number("x0", p.x0);
    s.number("y0", p.y0);
    s.number("angle_deg", p.angle_deg);
    s.number("width_in", p.width_in, kPositive);
    s.number("width_out", p.width_out, kPositive);
    s.number("length", p.length, kPositive);
  }, linear_taper);
}

BuiltComponent coupler(const Context& c) {
  return simple_soi<DirectionalCouplerParams>(c, {}, [](Schema& s, DirectionalCouplerParams& p) {
    s.number("x0", p.x0);
    s.number("y0", p.y0);
    s.number("gap", p.gap, kPositive);
    s.number("coupling_length", p.coupling_length, kNonNegative);
    s.number("sbend_length", p.sbend_length, kPositive);
    s.number("sbend_offset", p.sbend_offset, kNonNegative);
    s.number("lead_length", p.lead_length, kNonNegative);
    s.number("max_segment", p.max_segment, kPositive);
  }, directional_coupler);
}

// The MMI body's own parameters (without cross-section, stack, position or leads, which a
// Mach-Zehnder sets itself).
void mmi_body(Schema& s, MmiParams& p) {
  s.number("width", p.width, kPositive);
  s.number("length", p.length, kNonNegative);
  s.number("n_r", p.n_r, kPositive);
  s.number("n_c", p.n_c, kPositive);
  s.number("wavelength", p.wavelength, kPositive);
  s.number("port_offset", p.port_offset, kNonNegative);
  s.number("taper_width", p.taper_width, kPositive);
  s.number("taper_length", p.taper_length, kNonNegative);
}

BuiltComponent mmi_item(const Context& c) {
  return simple_soi<MmiParams>(c, {}, [](Schema& s, MmiParams& p) {
    s.number("x0", p.x0);
    s.number("y0", p.y0);
    s.integer("inputs", p.inputs, 1, 2);
    mmi_body(s, p);
    s.number("lead_length", p.lead_length, kNonNegative);
  }, mmi);
}

BuiltComponent edge(const Context& c) {
  return simple_soi<EdgeCouplerParams>(c, {}, [](Schema& s, EdgeCouplerParams& p) {
    s.number("x0", p.x0);
    s.number("y0", p.y0);
    s.number("tip_width", p.tip_width, kPositive);
    s.number("taper_length", p.taper_length, kPositive);
    s.number("tip_offset", p.tip_offset, kNonNegative);
    s.number("lead_length", p.lead_length, kNonNegative);
  }, edge_coupler);
}

constexpr int kUnset = -2;  // a material index not given by the item itself

BuiltComponent ring(const Context& c) {
  RingParams p;
  Schema s;
  soi_common(s, p);
  s.number("cx", p.cx);
  s.number("cy", p.cy);
  s.number("radius", p.radius, kPositive);
  s.number("gap", p.gap, kPositive);
  s.number("bus_width", p.bus_width, kNonNegative);
  s.number("bus_length", p.bus_length, kNonNegative);
  s.flag("add_drop", p.add_drop);
  s.add("doped", [&](const Field& f) {
    for (const Field& item : f.items("a list of doped arcs {start_deg, stop_deg, extra_width, material}")) {
      DopedArc arc;
      arc.material = kUnset;
      Schema a;
      a.number("start_deg", arc.start_deg);
      a.number("stop_deg", arc.stop_deg);
      a.number("extra_width", arc.extra_width, kNonNegative);
      a.add("material", [&](const Field& g) { arc.material = material_index(g, c.names); });
      a.read(item);
      p.doped.push_back(arc);
    }
  });
  const Map m = s.read(c.body, kCommonKeys);
  Roles roles(c.body, c.names);
  std::vector<Role> r = soi_roles(p.stack.include);
  r.push_back({"doped", "doped arcs'", {}, false, false});
  roles.read(m, r);
  // An arc without a material of its own takes the `doped` role's; with neither it is left out.
  std::vector<DopedArc> arcs;
  for (DopedArc a : p.doped) {
    if (a.material == kUnset) a.material = roles["doped"];
    if (a.material >= 0) arcs.push_back(a);
  }
  p.doped = arcs;
  const ComponentMaterials mats = soi_materials_of(roles);
  return finish(c, m, [&] { return ring_resonator(p, mats); }, [&](const Component&) { return core_mid(p.xs); });
}

BuiltComponent mzi(const Context& c) {
  refuse_material_fields(c.body, {{"ps_material_upper", "phase_shifter_upper"},
                                  {"ps_material_lower", "phase_shifter_lower"}});
  MziParams p;
  Schema s;
  soi_common(s, p);
  s.number("x0", p.x0);
  s.number("y0", p.y0);
  s.choice("splitter", p.splitter, {"mmi", "y_branch"});
  s.nested("mmi", [&p](Schema& b) { mmi_body(b, p.mmi); });
  s.number("arm_separation", p.arm_separation, kPositive);
  s.number("sbend_length", p.sbend_length, kPositive);
  s.number("ps_section_length", p.ps_section_length, kPositive);
  s.number("delay_length", p.delay_length, kNonNegative);
  s.number("delta_length", p.delta_length, kNonNegative);
  s.choice("arms", p.arms, {"none", "upper", "lower", "both"});
  s.number("ps_margin", p.ps_margin, kNonNegative);
  s.number("ps_extra_width", p.ps_extra_width, kNonNegative);
  s.number("lead_length", p.lead_length, kPositive);
  s.number("max_segment", p.max_segment, kPositive);
  const Map m = s.read(c.body, kCommonKeys);
  Roles roles(c.body, c.names);
  std::vector<Role> r = soi_roles(p.stack.include);
  r.push_back({"phase_shifter", "phase shifters'", {}, false, false});
  r.push_back({"phase_shifter_upper", "upper phase shifter's", {}, false, false});
  r.push_back({"phase_shifter_lower", "lower phase shifter's", {}, false, false});
  roles.read(m, r);
  // Each arm's region takes its own role, else `phase_shifter`; with neither it is left out.
  const int both = roles["phase_shifter"];
  p.ps_material_upper = roles["phase_shifter_upper"] >= 0 ? roles["phase_shifter_upper"] : both;
  p.ps_material_lower = roles["phase_shifter_lower"] >= 0 ? roles["phase_shifter_lower"] : both;
  bool upper = p.arms == PhaseShifterArms::upper || p.arms == PhaseShifterArms::both;
  bool lower = p.arms == PhaseShifterArms::lower || p.arms == PhaseShifterArms::both;
  upper = upper && p.ps_material_upper >= 0;
  lower = lower && p.ps_material_lower >= 0;
  p.arms = upper && lower ? PhaseShifterArms::both
           : upper        ? PhaseShifterArms::upper
           : lower        ? PhaseShifterArms::lower
                          : PhaseShifterArms::none;
  const ComponentMaterials mats = soi_materials_of(roles);
  return finish(c, m, [&] { return mach_zehnder(p, mats); }, [&](const Component&) { return core_mid(p.xs); });
}

BuiltComponent grating(const Context& c) {
  refuse_material_fields(c.body, {{"trench_material", "trench"},
                                  {"metal_material", "metal"},
                                  {"dbr_high_material", "dbr_high"},
                                  {"dbr_low_material", "dbr_low"}});
  GratingCouplerParams p;
  Schema s;
  soi_common(s, p);
  s.number("x_start", p.x_start);
  s.number("y0", p.y0);
  s.number("period", p.period, kPositive);
  s.number("fill_factor", p.fill_factor, kFraction);
  s.number("etch_depth", p.etch_depth, kPositive);
  s.integer("periods", p.periods, 1, 100000);
  s.add("teeth", [&p](const Field& f) {
    const char* expected = "a non-empty list of periods {gap, tooth, etch_depth} or {period, fill_factor, etch_depth}";
    const std::vector<Field> items = f.items(expected);
    if (items.empty()) f.fail("an empty list", expected);
    for (const Field& item : items) {
      GratingTooth t;
      double period = 0, fill = 0;
      Schema g;
      g.number("gap", t.gap, kPositive);
      g.number("tooth", t.tooth, kPositive);
      g.number("period", period, kPositive);
      g.number("fill_factor", fill, kFraction);
      g.number("etch_depth", t.etch_depth, kPositive);
      const Map m = g.read(item);
      const bool by_period = m.find("period") || m.find("fill_factor");
      if (by_period && (m.find("gap") || m.find("tooth")))
        item.fail("gap/tooth and period/fill_factor both given", "either {gap, tooth} or {period, fill_factor}");
      if (by_period) {
        m.need("period", "a number > 0 (um)");
        m.need("fill_factor", "a number in (0, 1): tooth / period");
        t.gap = (1 - fill) * period, t.tooth = fill * period;
      } else {
        m.need("gap", "a number > 0 (um): the etched trench, or period and fill_factor");
        m.need("tooth", "a number > 0 (um): the unetched tooth");
      }
      p.teeth.push_back(t);
    }
  });
  s.number("width", p.width);
  s.number("taper_length", p.taper_length, kNonNegative);
  s.number("lead_length", p.lead_length, kNonNegative);
  s.number("tail_length", p.tail_length, kNonNegative);
  s.choice("reflector", p.reflector, {"none", "metal", "dbr"});
  s.number("metal_thickness", p.metal_thickness, kPositive);
  s.number("dbr_high_thickness", p.dbr_high_thickness, kPositive);
  s.number("dbr_low_thickness", p.dbr_low_thickness, kPositive);
  s.integer("dbr_pairs", p.dbr_pairs, 1, 1000);
  s.flag("focusing", p.focusing);
  s.number("focal_length", p.focal_length, kPositive);
  s.number("aperture_deg", p.aperture_deg, kAperture);
  const Map m = s.read(c.body, kCommonKeys);
  Roles roles(c.body, c.names);
  std::vector<Role> r = soi_roles(p.stack.include);
  r.push_back({"trench", "etched trenches'", {}, false, false});
  r.push_back({"metal", "metal reflector's", {}, false, false});
  r.push_back({"dbr_high", "DBR's high-index", kSi, false, false});
  r.push_back({"dbr_low", "DBR's low-index", kSiO2, false, false});
  roles.read(m, r);
  const ComponentMaterials mats = soi_materials_of(roles);
  p.trench_material = roles["trench"];
  if (p.trench_material < 0 && mats.cladding < 0)
    roles.need("trench", "the cladding is none, so the trenches need their own, e.g. air");
  if (p.reflector == Reflector::metal) p.metal_material = roles.need("metal", "reflector: metal");
  if (p.reflector == Reflector::dbr) {
    p.dbr_high_material = roles.need("dbr_high", "reflector: dbr");
    p.dbr_low_material = roles.need("dbr_low", "reflector: dbr");
  }
  return finish(c, m, [&] { return grating_coupler(p, mats); }, [&](const Component&) { return core_mid(p.xs); });
}

BuiltComponent laser(const Context& c) {
  const std::vector<std::pair<std::string, std::string>> layers = {
      {"substrate", "substrate"}, {"n_cladding", "n-cladding"}, {"sch", "separate-confinement (SCH)"},
      {"well", "quantum well"},   {"barrier", "barrier"},       {"p_cladding", "p-cladding"},
      {"contact", "contact"}};
  std::map<std::string, std::string> fields;
  for (const auto& l : layers) fields[l.first + "_material"] = l.first;
  refuse_material_fields(c.body, fields);
  LaserStackParams p;
  Schema s;
  s.number("substrate_thickness", p.substrate_thickness, kPositive);
  s.number("n_cladding_thickness", p.n_cladding_thickness, kPositive);
  s.number("sch_thickness", p.sch_thickness, kNonNegative);
  s.integer("wells", p.wells, 1, 1000);
  s.integer("barriers", p.barriers, 0, 1001);
  s.number("well_thickness", p.well_thickness, kPositive);
  s.number("barrier_thickness", p.barrier_thickness, kPositive);
  s.number("p_cladding_thickness", p.p_cladding_thickness, kPositive);
  s.number("contact_thickness", p.contact_thickness, kNonNegative);
  s.number("ridge_width", p.ridge_width, kPositive);
  s.number("etch_depth", p.etch_depth, kPositive);
  s.number("ridge_sidewall_deg", p.ridge_sidewall_deg, kSidewallDeg);
  s.number("x_facet", p.x_facet);
  s.number("length", p.length, kPositive);
  s.number("y0", p.y0);
  s.add("coatings", [&](const Field& f) {
    for (const Field& item : f.items("a list of facet coatings {thickness, material}, the first on the facet")) {
      const Map m(item, {"thickness", "material"});
      CoatingLayer k;
      k.thickness = m.need("thickness", "a number > 0 (um)").number(kPositive);
      k.material = material_index(m.need("material", "a material name"), c.names);
      p.coatings.push_back(k);
    }
  });
  const Map m = s.read(c.body, kCommonKeys);
  Roles roles(c.body, c.names);
  std::vector<Role> r;
  for (const auto& l : layers) r.push_back({l.first, l.second, {}, true, false});
  roles.read(m, r);
  p.substrate_material = roles["substrate"];
  p.n_cladding_material = roles["n_cladding"];
  p.sch_material = roles["sch"];
  p.well_material = roles["well"];
  p.barrier_material = roles["barrier"];
  p.p_cladding_material = roles["p_cladding"];
  p.contact_material = roles["contact"];
  return finish(c, m, [&] { return laser_stack(p); },
                [](const Component& built) { return built.info.at("active_center_z"); });
}

}  // namespace

BuiltComponent build_component(const Field& body, const std::vector<std::string>& material_names, int dims) {
  const Map any(body, {});
  std::vector<std::string> all(kTypes);
  for (const auto& a : kTypeAliases) all.push_back(a.first);
  const std::string expected = "a builder: one of " + join(kTypes);
  const Field& tf = any.need("type", expected);
  std::string type = tf.text(expected);
  if (const auto a = kTypeAliases.find(type); a != kTypeAliases.end()) type = a->second;
  if (!std::count(kTypes.begin(), kTypes.end(), type))
    tf.fail("unknown component type '" + type + "'" + did_you_mean(type, all), expected);
  const Context c{body, material_names, dims, type};
  if (type == "straight_waveguide") return straight(c);
  if (type == "bend") return bend(c);
  if (type == "euler_bend") return euler(c);
  if (type == "taper") return taper(c);
  if (type == "directional_coupler") return coupler(c);
  if (type == "mmi") return mmi_item(c);
  if (type == "edge_coupler") return edge(c);
  if (type == "ring_resonator") return ring(c);
  if (type == "mach_zehnder") return mzi(c);
  if (type == "grating_coupler") return grating(c);
  return laser(c);
}

}  // namespace pfdtd::scene_detail

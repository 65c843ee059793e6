// The `geometry:` list of a scene file: box, cylinder, layers, sphere, ring, polygon, array,
// gds and component items, each a one-key mapping, read into the scene's shapes in order
// (the last shape containing a point wins). Device builders are read in
// io/scene_components.cpp. The format is described in docs/scene-format.md.
#include <filesystem>
#include <stdexcept>

#include "geometry/gds.hpp"
#include "geometry/solids.hpp"
#include "io/scene_yaml_detail.hpp"
#include "solver/scene.hpp"

namespace pfdtd::scene_detail {
namespace {

const std::vector<std::string> kKinds = {"box",   "cylinder", "layers", "sphere",   "ring",
                                         "polygon", "array",  "gds",    "component"};
// What an array may repeat: items that are solids of their own, not whole-domain layers
// or devices (whose ports would repeat).
const std::vector<std::string> kArrayable = {"box", "cylinder", "sphere", "ring", "polygon", "array", "gds"};

const Range kSidewall{0, 180, true, true, "an angle in (0, 180) degrees (90: vertical walls)"};
constexpr long long kMaxCopies = 1000000;

class GeometryReader {
 public:
  explicit GeometryReader(Scene& s) : s_(s) {
    for (const Material& m : s.materials) material_names_.push_back(m.name);
  }

  void read(const Field& list) {
    const std::vector<Field> items = list.items("a list of shapes (- box: ..., - " + join(kKinds) + ")");
    for (std::size_t i = 0; i < items.size(); ++i) {
      const Tagged t = tagged(items[i], kKinds);
      if (t.kind == "component") {
        component(t.body);
        continue;
      }
      for (Shape& sh : shapes(t)) s_.shapes.push_back(std::move(sh));
    }
  }

 private:
  int dims() const { return s_.domain.dims; }

  int material(const Field& f) const { return material_index(f, material_names_); }
  int material(const Map& m) const { return material(m.need("material", "a material name")); }

  Vec3 center_or_default(const Map& m) const {
    const Field* f = m.find("center");
    return f ? read_vec3(*f, kAnyNumber, dims()) : s_.domain.center;
  }

  // The shapes of one item other than a component.
  std::vector<Shape> shapes(const Tagged& t) const {
    if (t.kind == "box") return {box(t.body)};
    if (t.kind == "cylinder") return {cylinder(t.body)};
    if (t.kind == "layers") return layers(t.body);
    if (t.kind == "sphere") return {sphere(t.body)};
    if (t.kind == "ring") return {ring(t.body)};
    if (t.kind == "polygon") return {polygon(t.body)};
    if (t.kind == "array") return array(t.body);
    return gds(t.body);
  }

  // A solid from the geometry library, whose constructor may still refuse a combination
  // (a sidewall angle that closes a ring): its message, at `where`.
  template <class Make>
  static Shape checked(const Field& where, Make make) {
    try {
      return make();
    } catch (const std::invalid_argument& e) {
      where.fail(e.what(), "a solid that exists");
    }
  }

  // The sidewall angle (default 90); in 2D only vertical walls, since nothing varies in z.
  double sidewall(const Map& m) const {
    const Field* f = m.find("sidewall_angle");
    if (!f) return 90;
    const double a = f->number(kSidewall);
    if (dims() == 2 && a != 90)
      f->fail("a sidewall angle of " + num(a) + " deg in a 2D scene", "90: a 2D scene is z-invariant (walls are vertical)");
    return a;
  }

  // z0 and z1 of an extruded item: required in 3D (z1 above z0), unbounded in 2D.
  void z_range(const Map& m, double& z0, double& z1) const {
    z0 = -kInfinite, z1 = kInfinite;
    if (dims() == 2) return;  // z-invariant: like the z entries of vectors, z0 and z1 mean nothing
    z0 = m.need("z0", "a number (um): the bottom").number();
    const Field& top = m.need("z1", "a number (um) above z0: the top");
    z1 = top.number();
    if (!(z1 > z0)) top.fail("z1 = " + num(z1) + " is not above z0 = " + num(z0), "z1 > z0");
  }

  // -- the items

  Shape box(const Field& f) const {
    const Map m(f, {"material", "center", "size"});
    const int mat = material(m);
    Vec3 center = center_or_default(m);
    Vec3 size = read_vec3(m.need("size", "a list [x, y, z] of sizes in um (or inf)"), kPositive, dims(), true);
    if (dims() == 2) size.z = kInfinite, center.z = s_.domain.center.z;  // z-invariant
    return make_box(mat, center, size);
  }

  Shape cylinder(const Field& f) const {
    const Map m(f, {"material", "center", "radius", "height", "axis"});
    const int mat = material(m);
    Vec3 center = center_or_default(m);
    const double radius = m.need("radius", "a number > 0 (um)").number(kPositive);
    int axis = 2;
    if (const Field* a = m.find("axis")) axis = a->choice("axis", {"x", "y", "z"});
    double height = kInfinite;
    if (dims() == 2) {
      if (axis != 2)
        m.find("axis")->fail("a cylinder along " + std::string(kAxisNames[axis]) + " in 2D",
                             "axis z: a 2D scene is z-invariant");
      center.z = s_.domain.center.z;
    } else {
      height = m.need("height", "a number > 0 (um) or inf").extent(kPositive);
    }
    return make_cylinder(mat, center, radius, height, axis);
  }

  // Slabs stacked along `axis` from `start`, each spanning the domain transversally.
  std::vector<Shape> layers(const Field& f) const {
    const Map m(f, {"axis", "start", "layers"});
    int axis = 2;
    if (const Field* a = m.find("axis")) axis = a->choice("axis", {"x", "y", "z"});
    if (dims() == 2 && axis == 2)
      (m.find("axis") ? *m.find("axis") : f).fail("layers along z in 2D", "axis x or y: a 2D scene is z-invariant");
    const Domain& d = s_.domain;
    double pos = d.center[axis] - 0.5 * d.size[axis];
    if (const Field* st = m.find("start")) pos = st->number();
    const Field& list = m.need("layers", "a list of {material, thickness}");
    const std::vector<Field> items = list.items("a list of {material, thickness}");
    if (items.empty()) list.fail("an empty list", "at least one {material, thickness}");
    std::vector<Shape> out;
    for (const Field& item : items) {
      const Map layer(item, {"material", "thickness"});
      const int mat = material(layer);
      const double t = layer.need("thickness", "a number > 0 (um)").number(kPositive);
      Vec3 center = d.center;
      center[axis] = pos + 0.5 * t;
      Vec3 size{kInfinite, kInfinite, kInfinite};
      size[axis] = t;
      pos += t;
      out.push_back(make_box(mat, center, size));
    }
    return out;
  }

  Shape sphere(const Field& f) const {
    const Map m(f, {"material", "center", "radius"});
    if (dims() == 2)
      f.fail("a sphere in a 2D scene", "a cylinder (axis z) or a ring: a 2D scene is z-invariant, a sphere is not");
    const int mat = material(m);
    const Vec3 center = center_or_default(m);
    const double radius = m.need("radius", "a number > 0 (um)").number(kPositive);
    return make_sphere(mat, center, radius);
  }

  Shape ring(const Field& f) const {
    const Map m(f, {"material", "center", "inner_radius", "outer_radius", "z0", "z1", "height", "start_angle",
                    "stop_angle", "sidewall_angle"});
    const int mat = material(m);
    const Vec3 center = center_or_default(m);
    double ri = 0;
    if (const Field* g = m.find("inner_radius")) ri = g->number(kNonNegative);
    const Field& outer = m.need("outer_radius", "a number > 0 (um)");
    const double ro = outer.number(kPositive);
    if (!(ro > ri))
      outer.fail("outer_radius " + num(ro) + " is not above inner_radius " + num(ri), "outer_radius > inner_radius");
    double start = 0, stop = 360;
    if (const Field* g = m.find("start_angle")) start = g->number();
    if (const Field* g = m.find("stop_angle")) stop = g->number();
    const double wall = sidewall(m);
    double z0 = -kInfinite, z1 = kInfinite;
    if (dims() == 3) {
      const Field* h = m.find("height");
      const Field* zk = m.find("z0") ? m.find("z0") : m.find("z1");
      const char* either = "either z0 and z1, or height (centred on center.z)";
      if (h && zk) zk->fail("height and " + zk->path.substr(zk->path.rfind('.') + 1) + " both given", either);
      if (!h && !zk) f.fail("none of z0, z1 and height given", either);
      if (h) {
        const double height = h->number(kPositive);
        z0 = center.z - 0.5 * height, z1 = center.z + 0.5 * height;
      } else {
        z_range(m, z0, z1);
      }
    }
    return checked(m.find("sidewall_angle") ? *m.find("sidewall_angle") : f, [&] {
      return Shape{mat, std::make_shared<RingSolid>(center, ri, ro, z0, z1, start, stop, wall)};
    });
  }

  Shape polygon(const Field& f) const {
    const Map m(f, {"material", "points", "z0", "z1", "sidewall_angle"});
    const int mat = material(m);
    const char* expected = "a list of at least 3 points [x, y] enclosing an area";
    const Field& list = m.need("points", expected);
    std::vector<Vec2> points;
    double extent = 0;
    for (const Field& item : list.items(expected)) {
      if (!item.node.IsSequence() || item.node.size() != 2) item.fail("got " + describe(item.node), "a point [x, y]");
      const std::vector<Field> xy = item.items("a point [x, y]");
      points.push_back({xy[0].number(), xy[1].number()});
      extent = std::max({extent, std::abs(points.back().x), std::abs(points.back().y)});
    }
    std::vector<Vec2> distinct;  // a repeated closing point is allowed, as in GDSII
    for (const Vec2& p : points)
      if (distinct.empty() || p.x != distinct.back().x || p.y != distinct.back().y) distinct.push_back(p);
    while (distinct.size() > 1 && distinct.front().x == distinct.back().x && distinct.front().y == distinct.back().y)
      distinct.pop_back();
    if (distinct.size() < 3) list.fail("got " + std::to_string(distinct.size()) + " distinct points", expected);
    const double area = polygon_area(distinct);
    if (std::abs(area) <= 1e-12 * std::max(extent * extent, 1e-300))
      list.fail("the polygon has zero area (its points lie on a line)", expected);
    double z0, z1;
    z_range(m, z0, z1);
    const double wall = sidewall(m);
    return checked(m.find("sidewall_angle") ? *m.find("sidewall_angle") : f,
                   [&] { return make_polygon_prism(mat, distinct, z0, z1, wall); });
  }

  std::vector<Shape> array(const Field& f) const {
    const Map m(f, {"shape", "counts", "pitch", "offsets"});
    const Field& shape = m.need("shape", "one geometry item, e.g. {box: {...}}");
    const Map kind(shape, {});
    for (const char* no : {"layers", "component"})
      if (kind.find(no))
        shape.fail(std::string("a ") + no + " item in an array", "one of " + join(kArrayable) + ": a solid to repeat");
    const Tagged t = tagged(shape, kArrayable);
    std::vector<Vec3> offsets;
    if (m.exactly_one({"counts", "offsets"}, true) == "counts") {
      const char* expected = "a list [nx, ny] of whole numbers >= 1";
      const Field& counts = *m.find("counts");
      if (!counts.node.IsSequence() || counts.node.size() != 2) counts.fail("got " + describe(counts.node), expected);
      const std::vector<Field> c = counts.items(expected);
      const long long nx = c[0].integer(1, "a whole number >= 1"), ny = c[1].integer(1, "a whole number >= 1");
      if (nx * ny > kMaxCopies)
        counts.fail(std::to_string(nx) + " x " + std::to_string(ny) + " copies", "at most " + std::to_string(kMaxCopies));
      const Field& pitch = m.need("pitch", "a list [px, py] of distances in um");
      if (!pitch.node.IsSequence() || pitch.node.size() != 2)
        pitch.fail("got " + describe(pitch.node), "a list [px, py] of distances in um");
      const std::vector<Field> p = pitch.items("a list [px, py]");
      const double px = p[0].number(), py = p[1].number();
      for (long long j = 0; j < ny; ++j)
        for (long long i = 0; i < nx; ++i) offsets.push_back({i * px, j * py, 0});
    } else {
      if (const Field* p = m.find("pitch")) p->fail("pitch with offsets", "pitch only with counts");
      const Field& list = *m.find("offsets");
      const char* expected = "a non-empty list of offsets [x, y, z]";
      for (const Field& item : list.items(expected)) offsets.push_back(read_vec3(item, kAnyNumber, dims()));
      if (offsets.empty()) list.fail("an empty list", expected);
      if (static_cast<long long>(offsets.size()) > kMaxCopies)
        list.fail(std::to_string(offsets.size()) + " copies", "at most " + std::to_string(kMaxCopies));
    }
    std::vector<Shape> out;
    for (const Shape& base : shapes(t)) out.push_back(make_array(base.material, base.solid, offsets));
    return out;
  }

  std::vector<Shape> gds(const Field& f) const {
    const Map m(f, {"file", "cell", "layer", "datatype", "z0", "z1", "material", "sidewall_angle", "scale_um"});
    const Field& file = m.need("file", "a GDSII file name (relative: to the scene file's folder)");
    std::string path = file.text("a GDSII file name");
    if (path.empty()) file.fail("an empty name", "a GDSII file name");
    if (std::filesystem::path(path).is_relative())
      path = (std::filesystem::path(*f.file).parent_path() / path).lexically_normal().string();
    std::string cell;
    if (const Field* c = m.find("cell")) cell = c->text("a cell name");
    const int layer = static_cast<int>(m.need("layer", "a whole number >= 0").integer(0, "a whole number 0 to 65535"));
    if (layer > 65535) m.find("layer")->fail("got " + std::to_string(layer), "a whole number 0 to 65535");
    int datatype = 0;
    if (const Field* d = m.find("datatype")) {
      datatype = static_cast<int>(d->integer(0, "a whole number 0 to 65535"));
      if (datatype > 65535) d->fail("got " + std::to_string(datatype), "a whole number 0 to 65535");
    }
    double z0, z1;
    z_range(m, z0, z1);
    const int mat = material(m);
    const double wall = sidewall(m);
    double scale = 0;
    if (const Field* s = m.find("scale_um")) scale = s->number(Range{0, kHuge, true, false, "a number > 0 (um per database unit)"});
    try {
      return import_gds(path, cell, layer, datatype, z0, z1, mat, wall, scale);
    } catch (const std::exception& e) {
      f.fail(e.what(), "a readable GDSII file holding the cell and layer/datatype named");
    }
  }

  void component(const Field& f) {
    BuiltComponent c = build_component(f, material_names_, dims());
    const Map m(f, {});
    const Field* name_field = m.find("name");
    ComponentRecord r;
    r.type = c.type;
    r.name = name_field ? name_field->text("a name") : c.type + std::to_string(s_.components.size());
    for (const ComponentRecord& other : s_.components)
      if (other.name == r.name)
        (name_field ? *name_field : f).fail("a second component named '" + r.name + "'", "unique component names");
    for (const BuiltPort& p : c.ports) r.ports.push_back(ComponentPort{p.name, p.center, p.angle_deg, p.width});
    r.info = std::move(c.info);
    s_.components.push_back(std::move(r));
    for (Shape& sh : c.shapes) s_.shapes.push_back(std::move(sh));
  }

  Scene& s_;
  std::vector<std::string> material_names_;
};

}  // namespace

void read_geometry(const Field& list, Scene& scene) { GeometryReader(scene).read(list); }

}  // namespace pfdtd::scene_detail

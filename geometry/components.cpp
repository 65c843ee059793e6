// Component basics: materials, the SOI stack, ports and the helpers of components_detail.hpp.
#include "geometry/components.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "geometry/components_detail.hpp"

namespace pfdtd {

using namespace components_detail;

ComponentMaterials soi_materials(const std::function<int(const std::string&)>& index_of, bool air_cladding) {
  ComponentMaterials m;
  m.core = index_of("Si");
  m.substrate = m.core;
  m.box = index_of("SiO2");
  m.cladding = air_cladding ? -1 : m.box;
  return m;
}

std::vector<Shape> Component::all() const {
  std::vector<Shape> v(shapes);
  v.insert(v.end(), regions.begin(), regions.end());
  return v;
}

const Port& Component::port(const std::string& name) const {
  for (const Port& p : ports)
    if (p.name == name) return p;
  std::string have;
  for (const Port& p : ports) have += (have.empty() ? "" : ", ") + p.name;
  throw std::out_of_range("component has no port '" + name + "' (ports: " + have + ")");
}

std::vector<Shape> soi_stack(const SoiStack& stack, const WaveguideCross& xs, const ComponentMaterials& m) {
  Component c;
  SoiStack s = stack;
  s.include = true;
  add_stack(c, s, xs, m);
  return c.shapes;
}

namespace components_detail {

void need_material(int material, const char* builder, const char* what) {
  if (material < 0)
    throw std::invalid_argument(std::string(builder) + ": the " + what + " material index is not set");
}

void need_positive(double value, const char* builder, const char* what) {
  if (!(value > 0))
    throw std::invalid_argument(std::string(builder) + ": " + what + " = " + std::to_string(value) +
                                " must be > 0");
}

double core_z0(const WaveguideCross& xs) { return xs.z_bottom + std::max(0.0, xs.slab_thickness); }
double core_z1(const WaveguideCross& xs) { return xs.z_bottom + xs.thickness; }
double core_zmid(const WaveguideCross& xs) { return xs.z_bottom + 0.5 * xs.thickness; }

double end_extension(const WaveguideCross& xs) {
  if (xs.sidewall_deg >= 90) return 0;
  return (core_z1(xs) - core_z0(xs)) / std::tan(xs.sidewall_deg * kPi / 180);
}

void check_cross(const WaveguideCross& xs, const char* builder) {
  need_positive(xs.width, builder, "width");
  need_positive(xs.thickness, builder, "thickness");
  if (xs.slab_thickness < 0 || xs.slab_thickness >= xs.thickness)
    throw std::invalid_argument(std::string(builder) + ": slab_thickness " + std::to_string(xs.slab_thickness) +
                                " must be in [0, thickness)");
}

Vec2 operator+(Vec2 a, Vec2 b) { return {a.x + b.x, a.y + b.y}; }
Vec2 operator-(Vec2 a, Vec2 b) { return {a.x - b.x, a.y - b.y}; }
Vec2 operator*(double s, Vec2 a) { return {s * a.x, s * a.y}; }

Vec2 rotated(Vec2 v, double deg) {
  const double c = std::cos(deg * kPi / 180), s = std::sin(deg * kPi / 180);
  return {c * v.x - s * v.y, s * v.x + c * v.y};
}

Vec2 polar(double r, double deg) { return rotated({r, 0}, deg); }

std::vector<Vec2> placed(const std::vector<Vec2>& local, Vec2 origin, double angle_deg) {
  std::vector<Vec2> out;
  out.reserve(local.size());
  for (const Vec2& p : local) out.push_back(origin + rotated(p, angle_deg));
  return out;
}

double path_length(const std::vector<Vec2>& path) {
  double l = 0;
  for (std::size_t i = 1; i < path.size(); ++i) l += std::hypot(path[i].x - path[i - 1].x, path[i].y - path[i - 1].y);
  return l;
}

void append_line(std::vector<Vec2>& path, Vec2 to) { path.push_back(to); }

void append_cosine_sbend(std::vector<Vec2>& path, double length, double offset, double max_segment) {
  const Vec2 s = path.back();
  const int n = std::max(16, static_cast<int>(std::ceil(length / max_segment)));
  for (int i = 1; i <= n; ++i) {
    const double u = static_cast<double>(i) / n;
    path.push_back({s.x + u * length, s.y + 0.5 * offset * (1 - std::cos(kPi * u))});
  }
}

Shape stack_layer(int material, const SoiStack& s, double z0, double z1) {
  double xc = 0, xs = kUnbounded;
  if (s.x_min > -1e29) {
    xs = 2 * kWide;
    xc = s.x_min + kWide;
  }
  return make_box(material, {xc, 0, 0.5 * (z0 + z1)}, {xs, kUnbounded, z1 - z0});
}

void add_stack(Component& c, const SoiStack& s, const WaveguideCross& xs, const ComponentMaterials& m) {
  const double top = xs.z_bottom;
  if (s.include) {
    if (m.substrate >= 0)
      c.shapes.push_back(stack_layer(m.substrate, s, top - s.box_thickness - s.substrate_thickness, top - s.box_thickness));
    if (m.box >= 0) c.shapes.push_back(stack_layer(m.box, s, top - s.box_thickness, top));
    if (m.cladding >= 0) c.shapes.push_back(stack_layer(m.cladding, s, top, top + s.cladding_thickness));
  }
  // An unbounded rib slab is the same material as the cores: harmless where repeated.
  if (xs.slab_thickness > 0 && xs.slab_width <= 0)
    c.shapes.push_back(stack_layer(m.core, s, xs.z_bottom, xs.z_bottom + xs.slab_thickness));
}

void add_route(Component& c, const std::vector<Vec2>& centre, const std::vector<double>& widths,
               const WaveguideCross& xs, int material, bool extend_start, bool extend_end) {
  if (xs.slab_thickness > 0 && xs.slab_width > 0) {
    const double e = xs.sidewall_deg < 90 ? xs.slab_thickness / std::tan(xs.sidewall_deg * kPi / 180) : 0;
    c.shapes.push_back(make_polygon_prism(material, path_outline(centre, xs.slab_width, extend_start ? e : 0,
                                                                 extend_end ? e : 0),
                                          xs.z_bottom, xs.z_bottom + xs.slab_thickness, xs.sidewall_deg));
  }
  const double e = end_extension(xs);
  c.shapes.push_back(make_polygon_prism(material,
                                        path_outline(centre, widths, extend_start ? e : 0, extend_end ? e : 0),
                                        core_z0(xs), core_z1(xs), xs.sidewall_deg));
}

void add_route(Component& c, const std::vector<Vec2>& centre, double width, const WaveguideCross& xs, int material,
               bool extend_start, bool extend_end) {
  add_route(c, centre, std::vector<double>(centre.size(), width), xs, material, extend_start, extend_end);
}

void add_arc(Component& c, Vec2 center, double radius, double width, double start_deg, double stop_deg,
             const WaveguideCross& xs, int material) {
  const Vec3 axis{center.x, center.y, 0};
  if (xs.slab_thickness > 0 && xs.slab_width > 0)
    c.shapes.push_back(Shape{material, std::make_shared<RingSolid>(axis, radius - 0.5 * xs.slab_width,
                                                                   radius + 0.5 * xs.slab_width, xs.z_bottom,
                                                                   xs.z_bottom + xs.slab_thickness, start_deg,
                                                                   stop_deg, xs.sidewall_deg)});
  c.shapes.push_back(Shape{material, std::make_shared<RingSolid>(axis, radius - 0.5 * width, radius + 0.5 * width,
                                                                 core_z0(xs), core_z1(xs), start_deg, stop_deg,
                                                                 xs.sidewall_deg)});
}

void add_port(Component& c, const std::string& name, Vec2 at, double angle_deg, double width,
              const WaveguideCross& xs) {
  c.ports.push_back(Port{name, {at.x, at.y, core_zmid(xs)}, angle_deg, width});
}

}  // namespace components_detail
}  // namespace pfdtd

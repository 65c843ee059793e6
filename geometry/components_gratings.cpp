// Grating couplers: uniform and apodised, shallow or full etch, optional bottom reflector,
// straight or focusing teeth.
#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "geometry/components.hpp"
#include "geometry/components_detail.hpp"

namespace pfdtd {

using namespace components_detail;

std::vector<GratingTooth> apodised_teeth(const std::vector<double>& periods, const std::vector<double>& fills,
                                         const std::vector<double>& etch_depths) {
  if (periods.size() != fills.size() || (!etch_depths.empty() && etch_depths.size() != periods.size()))
    throw std::invalid_argument("apodised_teeth: " + std::to_string(periods.size()) + " periods, " +
                                std::to_string(fills.size()) + " fill factors and " +
                                std::to_string(etch_depths.size()) + " etch depths: the lists must match");
  std::vector<GratingTooth> t;
  for (std::size_t i = 0; i < periods.size(); ++i) {
    if (!(periods[i] > 0 && fills[i] > 0 && fills[i] < 1))
      throw std::invalid_argument("apodised_teeth: period " + std::to_string(i) + " needs period > 0 and 0 < fill < 1");
    t.push_back({(1 - fills[i]) * periods[i], fills[i] * periods[i], etch_depths.empty() ? -1 : etch_depths[i]});
  }
  return t;
}

namespace {

void add_reflector(Component& c, const GratingCouplerParams& p) {
  const double top = p.xs.z_bottom - p.stack.box_thickness;
  if (p.reflector == Reflector::metal) {
    need_material(p.metal_material, "grating_coupler", "metal reflector");
    need_positive(p.metal_thickness, "grating_coupler", "metal_thickness");
    c.shapes.push_back(stack_layer(p.metal_material, p.stack, top - p.metal_thickness, top));
  } else if (p.reflector == Reflector::dbr) {
    need_material(p.dbr_high_material, "grating_coupler", "DBR high-index");
    need_material(p.dbr_low_material, "grating_coupler", "DBR low-index");
    need_positive(p.dbr_high_thickness, "grating_coupler", "dbr_high_thickness");
    need_positive(p.dbr_low_thickness, "grating_coupler", "dbr_low_thickness");
    need_positive(p.dbr_pairs, "grating_coupler", "dbr_pairs");
    double z = top;
    for (int k = 0; k < p.dbr_pairs; ++k) {
      c.shapes.push_back(stack_layer(p.dbr_high_material, p.stack, z - p.dbr_high_thickness, z));
      z -= p.dbr_high_thickness;
      c.shapes.push_back(stack_layer(p.dbr_low_material, p.stack, z - p.dbr_low_thickness, z));
      z -= p.dbr_low_thickness;
    }
  }
}

}  // namespace

Component grating_coupler(const GratingCouplerParams& p, const ComponentMaterials& m) {
  const char* b = "grating_coupler";
  check_cross(p.xs, b);
  need_material(m.core, b, "core");
  const int trench = p.trench_material >= 0 ? p.trench_material : m.cladding;
  if (trench < 0)
    throw std::invalid_argument(
        "grating_coupler: no material for the etched trenches: with an air cladding set trench_material to the "
        "background's (air) index");
  std::vector<GratingTooth> teeth = p.teeth;
  const bool uniform = teeth.empty();
  if (uniform) {
    need_positive(p.period, b, "period");
    need_positive(p.periods, b, "periods");
    if (!(p.fill_factor > 0 && p.fill_factor < 1)) throw std::invalid_argument("grating_coupler: fill_factor must be in (0, 1)");
    teeth.assign(p.periods, GratingTooth{(1 - p.fill_factor) * p.period, p.fill_factor * p.period, p.etch_depth});
  }
  double total = 0;
  for (GratingTooth& t : teeth) {
    if (t.etch_depth < 0) t.etch_depth = p.etch_depth;
    if (!(t.gap > 0 && t.tooth > 0 && t.etch_depth > 0 && t.etch_depth <= p.xs.thickness))
      throw std::invalid_argument("grating_coupler: each period needs gap > 0, tooth > 0 and 0 < etch_depth <= thickness (" +
                                  std::to_string(p.xs.thickness) + ")");
    total += t.gap + t.tooth;
  }
  if (p.lead_length < 0 || p.taper_length < 0 || p.tail_length < 0)
    throw std::invalid_argument("grating_coupler: lead, taper and tail lengths must be >= 0");

  Component c;
  add_stack(c, p.stack, p.xs, m);
  add_reflector(c, p);
  const double w = p.xs.width, width = p.width > 0 ? p.width : 2 * kWide;
  const double zt = core_z1(p.xs);
  const double above = std::max(0.1, p.xs.thickness);  // trenches reach above the core top
  const double beside = 1.0;                            // and beyond the grating's sides
  const double trench_angle = 180 - p.xs.sidewall_deg;  // a trench widens upwards
  const double x_end = p.x_start + total + p.tail_length;

  if (!p.focusing) {
    std::vector<Vec2> line;
    std::vector<double> ws;
    if (p.lead_length > 0) {
      line.push_back({p.x_start - p.taper_length - p.lead_length, p.y0});
      ws.push_back(p.taper_length > 0 ? w : width);
    }
    if (p.taper_length > 0) {
      line.push_back({p.x_start - p.taper_length, p.y0});
      ws.push_back(w);
    }
    line.push_back({p.x_start, p.y0});
    ws.push_back(width);
    if (line.size() > 1) add_route(c, line, ws, p.xs, m.core);
    add_route(c, {{p.x_start, p.y0}, {x_end, p.y0}}, width, p.xs, m.core, true, false);
    add_port(c, "in", line.front(), 180, ws.front(), p.xs);
    auto trench_at = [&](double x, const GratingTooth& t) {
      const double hw = 0.5 * width + beside, floor = zt - t.etch_depth;
      return std::make_shared<PolygonPrism>(
          std::vector<Vec2>{{x, p.y0 - hw}, {x + t.gap, p.y0 - hw}, {x + t.gap, p.y0 + hw}, {x, p.y0 + hw}}, floor,
          zt + above, trench_angle, floor);
    };
    if (uniform) {
      c.shapes.push_back(make_array(trench, trench_at(p.x_start, teeth[0]), p.periods, 1, p.period, 0));
    } else {
      double x = p.x_start;
      for (const GratingTooth& t : teeth) {
        c.shapes.push_back(Shape{trench, trench_at(x, t)});
        x += t.gap + t.tooth;
      }
    }
  } else {
    if (!(p.aperture_deg > 0 && p.aperture_deg <= 170))
      throw std::invalid_argument("grating_coupler: aperture_deg must be in (0, 170]");
    need_positive(p.focal_length, b, "focal_length");
    const double half = 0.5 * p.aperture_deg;
    const Vec2 f{p.x_start - p.focal_length, p.y0};
    const double r_min = 0.5 * w / std::sin(half * kPi / 180);  // where the sector is as wide as the guide
    if (r_min >= p.focal_length)
      throw std::invalid_argument("grating_coupler: focal_length must exceed " + std::to_string(r_min) +
                                  " (where the focusing taper is as wide as the waveguide)");
    const double r_out = p.focal_length + total + p.tail_length;
    if (p.lead_length > 0) add_route(c, {{f.x + r_min - p.lead_length, p.y0}, {f.x + r_min, p.y0}}, w, p.xs, m.core);
    add_arc(c, f, 0.5 * (r_min + r_out), r_out - r_min, -half, half, p.xs, m.core);
    add_port(c, "in", {f.x + r_min - p.lead_length, p.y0}, 180, w, p.xs);
    double r = p.focal_length;
    for (const GratingTooth& t : teeth) {
      const double floor = zt - t.etch_depth;
      c.shapes.push_back(Shape{trench, std::make_shared<RingSolid>(Vec3{f.x, f.y, 0}, r, r + t.gap, floor, zt + above,
                                                                   -half - 5, half + 5, trench_angle, floor)});
      r += t.gap + t.tooth;
    }
    c.info["focal_x"] = f.x;
  }
  c.info["grating_length"] = total;
  c.info["x_end"] = x_end;
  return c;
}

}  // namespace pfdtd

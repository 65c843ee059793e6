// Ring resonators (all-pass, add-drop, doped arcs) and Mach-Zehnder modulators.
#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "geometry/components.hpp"
#include "geometry/components_detail.hpp"

namespace pfdtd {

using namespace components_detail;

Component ring_resonator(const RingParams& p, const ComponentMaterials& m) {
  check_cross(p.xs, "ring_resonator");
  need_material(m.core, "ring_resonator", "core");
  need_positive(p.radius - 0.5 * p.xs.width, "ring_resonator", "radius - width / 2");
  need_positive(p.gap, "ring_resonator", "gap");
  const double w = p.xs.width, wb = p.bus_width > 0 ? p.bus_width : w;
  const double lb = p.bus_length > 0 ? p.bus_length : 2 * p.radius + 10;
  WaveguideCross bus = p.xs;
  bus.width = wb;
  Component c;
  add_stack(c, p.stack, p.xs, m);
  add_arc(c, {p.cx, p.cy}, p.radius, w, 0, 360, p.xs, m.core);
  const double dy = p.radius + 0.5 * w + p.gap + 0.5 * wb;
  const Vec2 l0{p.cx - 0.5 * lb, p.cy - dy}, l1{p.cx + 0.5 * lb, p.cy - dy};
  add_route(c, {l0, l1}, wb, bus, m.core);
  add_port(c, "in", l0, 180, wb, bus);
  add_port(c, "through", l1, 0, wb, bus);
  if (p.add_drop) {
    const Vec2 u0{p.cx - 0.5 * lb, p.cy + dy}, u1{p.cx + 0.5 * lb, p.cy + dy};
    add_route(c, {u0, u1}, wb, bus, m.core);
    add_port(c, "drop", u0, 180, wb, bus);
    add_port(c, "add", u1, 0, wb, bus);
  }
  // Doped arcs: the ring's own walls (same sidewall from the same base), full core height.
  for (const DopedArc& d : p.doped) {
    need_material(d.material, "ring_resonator", "doped arc");
    const double ri = p.radius - 0.5 * w - d.extra_width, ro = p.radius + 0.5 * w + d.extra_width;
    c.regions.push_back(Shape{d.material, std::make_shared<RingSolid>(Vec3{p.cx, p.cy, 0}, ri, ro, p.xs.z_bottom,
                                                                      core_z1(p.xs), d.start_deg, d.stop_deg,
                                                                      p.xs.sidewall_deg, core_z0(p.xs))});
  }
  c.info["circumference"] = 2 * kPi * p.radius;
  c.info["bus_y"] = p.cy - dy;
  return c;
}

namespace {

// Extra length of y = -a (1 - cos(2 pi x / l)) / 2 over [0, l] (Simpson).
double bump_extra(double a, double l) {
  const int n = 2000;
  const double h = l / n;
  double s = 0;
  for (int k = 0; k <= n; ++k) {
    const double d = a * kPi / l * std::sin(2 * kPi * k * h / l);
    const double w = (k == 0 || k == n) ? 1 : (k % 2 ? 4 : 2);
    s += w * std::sqrt(1 + d * d);
  }
  return s * h / 3 - l;
}

// Amplitude of the bump that adds `extra` to a length l (bisection; the extra grows with a).
double bump_amplitude(double extra, double l) {
  double lo = 0, hi = std::max(1.0, l);
  while (bump_extra(hi, l) < extra) hi *= 2;
  for (int i = 0; i < 100; ++i) {
    const double mid = 0.5 * (lo + hi);
    (bump_extra(mid, l) < extra ? lo : hi) = mid;
  }
  return 0.5 * (lo + hi);
}

}  // namespace

Component mach_zehnder(const MziParams& p, const ComponentMaterials& m) {
  const char* b = "mach_zehnder";
  check_cross(p.xs, b);
  need_material(m.core, b, "core");
  need_positive(p.arm_separation, b, "arm_separation");
  need_positive(p.sbend_length, b, "sbend_length");
  need_positive(p.lead_length, b, "lead_length");
  if (!(p.ps_section_length > 2 * p.ps_margin) || p.ps_margin < 0)
    throw std::invalid_argument("mach_zehnder: ps_section_length must exceed 2 ps_margin >= 0");
  if (p.delta_length < 0 || p.delay_length < 0 || (p.delta_length > 0 && p.delay_length <= 0))
    throw std::invalid_argument("mach_zehnder: delta_length > 0 needs a delay section (delay_length > 0)");
  const bool upper_ps = p.arms == PhaseShifterArms::upper || p.arms == PhaseShifterArms::both;
  const bool lower_ps = p.arms == PhaseShifterArms::lower || p.arms == PhaseShifterArms::both;
  if (upper_ps) need_material(p.ps_material_upper, b, "upper phase-shifter");
  if (lower_ps) need_material(p.ps_material_lower, b, "lower phase-shifter");

  Component c;
  add_stack(c, p.stack, p.xs, m);
  const double w = p.xs.width, half = 0.5 * p.arm_separation;
  MmiParams sp = p.mmi;
  sp.xs = p.xs;
  sp.stack.include = false;
  sp.inputs = 1;
  sp.y0 = p.y0;
  sp.lead_length = p.lead_length;

  // Splitter.
  double xs_end, off = 0;
  if (p.splitter == Splitter::mmi) {
    sp.x0 = p.x0;
    const Component s = mmi_oriented(sp, m, false);
    c.shapes.insert(c.shapes.end(), s.shapes.begin(), s.shapes.end());
    off = s.info.at("port_offset");
    xs_end = p.x0 + s.info.at("total_length");
    add_port(c, "in", {p.x0, p.y0}, 180, w, p.xs);
  } else {
    xs_end = p.x0 + p.lead_length;
    add_route(c, {{p.x0, p.y0}, {xs_end, p.y0}}, w, p.xs, m.core);
    add_port(c, "in", {p.x0, p.y0}, 180, w, p.xs);
  }
  if (off >= half) throw std::invalid_argument("mach_zehnder: arm_separation must exceed the splitter's port spacing");

  // Arms.
  const double x_ps0 = xs_end + p.sbend_length, x_ps1 = x_ps0 + p.ps_section_length;
  const double x_d1 = x_ps1 + p.delay_length;
  const double amp = p.delta_length > 0 ? bump_amplitude(p.delta_length, p.delay_length) : 0;
  double xc = 0;
  for (double side : {1.0, -1.0}) {
    std::vector<Vec2> line{{xs_end, p.y0 + side * off}};
    append_cosine_sbend(line, p.sbend_length, side * (half - off), p.max_segment);
    append_line(line, {x_ps1, p.y0 + side * half});
    if (p.delay_length > 0) {
      if (side < 0 && amp > 0) {
        const int n = std::max(64, static_cast<int>(std::ceil(p.delay_length / p.max_segment)));
        for (int i = 1; i <= n; ++i) {
          const double u = static_cast<double>(i) / n;
          line.push_back({x_ps1 + u * p.delay_length, p.y0 - half - 0.5 * amp * (1 - std::cos(2 * kPi * u))});
        }
      } else {
        append_line(line, {x_d1, p.y0 + side * half});
      }
    }
    append_cosine_sbend(line, p.sbend_length, -side * (half - off), p.max_segment);
    add_route(c, line, w, p.xs, m.core);
    xc = line.back().x;
    c.info[side > 0 ? "arm_length_upper" : "arm_length_lower"] = path_length(line);
    const bool ps = side > 0 ? upper_ps : lower_ps;
    if (ps) {
      const double y = p.y0 + side * half, hw = 0.5 * w + p.ps_extra_width;
      const double a = x_ps0 + p.ps_margin, e = x_ps1 - p.ps_margin;
      c.regions.push_back(Shape{side > 0 ? p.ps_material_upper : p.ps_material_lower,
                                std::make_shared<PolygonPrism>(std::vector<Vec2>{{a, y - hw}, {e, y - hw}, {e, y + hw}, {a, y + hw}},
                                                               p.xs.z_bottom, core_z1(p.xs), p.xs.sidewall_deg,
                                                               core_z0(p.xs))});
    }
  }

  // Combiner: the mirrored splitter.
  double x_end;
  if (p.splitter == Splitter::mmi) {
    sp.x0 = xc;
    const Component s = mmi_oriented(sp, m, true);
    c.shapes.insert(c.shapes.end(), s.shapes.begin(), s.shapes.end());
    x_end = xc + s.info.at("total_length");
  } else {
    x_end = xc + p.lead_length;
    add_route(c, {{xc, p.y0}, {x_end, p.y0}}, w, p.xs, m.core);
  }
  add_port(c, "out", {x_end, p.y0}, 0, w, p.xs);
  c.info["delta_length"] = c.info["arm_length_lower"] - c.info["arm_length_upper"];
  c.info["ps_x0"] = x_ps0;
  c.info["ps_x1"] = x_ps1;
  c.info["length"] = x_end - p.x0;
  return c;
}

}  // namespace pfdtd

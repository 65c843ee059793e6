// Waveguide builders: straight (strip, rib), circular and Euler bends, linear taper,
// directional coupler, MMI, inverse-taper edge coupler.
#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "geometry/components.hpp"
#include "geometry/components_detail.hpp"

namespace pfdtd {

using namespace components_detail;

Component straight_waveguide(const StraightParams& p, const ComponentMaterials& m) {
  check_cross(p.xs, "straight_waveguide");
  need_material(m.core, "straight_waveguide", "core");
  need_positive(p.length, "straight_waveguide", "length");
  Component c;
  add_stack(c, p.stack, p.xs, m);
  const Vec2 a{p.x0, p.y0}, b = a + polar(p.length, p.angle_deg);
  add_route(c, {a, b}, p.xs.width, p.xs, m.core);
  add_port(c, "in", a, p.angle_deg + 180, p.xs.width, p.xs);
  add_port(c, "out", b, p.angle_deg, p.xs.width, p.xs);
  c.info["length"] = p.length;
  return c;
}

Component circular_bend(const BendParams& p, const ComponentMaterials& m) {
  check_cross(p.xs, "circular_bend");
  need_material(m.core, "circular_bend", "core");
  need_positive(p.radius - 0.5 * p.xs.width, "circular_bend", "radius - width / 2");
  if (p.angle_deg == 0 || std::abs(p.angle_deg) >= 360)
    throw std::invalid_argument("circular_bend: angle " + std::to_string(p.angle_deg) + " must be in (-360, 360), not 0");
  Component c;
  add_stack(c, p.stack, p.xs, m);
  const double side = p.angle_deg > 0 ? 1 : -1;  // left turn: centre on the left
  const Vec2 start{p.x0, p.y0};
  const Vec2 centre = start + polar(p.radius, p.angle0_deg + side * 90);
  const double phi0 = p.angle0_deg - side * 90;  // polar angle of the start seen from the centre
  const double phi1 = phi0 + p.angle_deg;
  add_arc(c, centre, p.radius, p.xs.width, std::min(phi0, phi1), std::max(phi0, phi1), p.xs, m.core);
  const Vec2 end = centre + polar(p.radius, phi1);
  add_port(c, "in", start, p.angle0_deg + 180, p.xs.width, p.xs);
  add_port(c, "out", end, p.angle0_deg + p.angle_deg, p.xs.width, p.xs);
  c.info["length"] = p.radius * std::abs(p.angle_deg) * kPi / 180;
  c.info["center_x"] = centre.x;
  c.info["center_y"] = centre.y;
  return c;
}

std::vector<Vec2> euler_centre_line(double radius_min, double angle_deg, double p, double max_segment) {
  need_positive(radius_min, "euler_bend", "radius_min");
  need_positive(max_segment, "euler_bend", "max_segment");
  if (!(p >= 0 && p <= 1)) throw std::invalid_argument("euler_bend: p = " + std::to_string(p) + " must be in [0, 1]");
  if (angle_deg == 0 || std::abs(angle_deg) >= 360)
    throw std::invalid_argument("euler_bend: angle " + std::to_string(angle_deg) + " must be in (-360, 360), not 0");
  const double total = std::abs(angle_deg) * kPi / 180, sign = angle_deg > 0 ? 1 : -1;
  const double r = radius_min;
  // Clothoid kappa(s) = s / A^2 reaching 1 / r after turning theta_e = p total / 2:
  // A^2 = 2 r^2 theta_e, its length s_e = 2 r theta_e; then an arc of r, then the mirror.
  const double theta_e = 0.5 * p * total;
  const double s_e = 2 * r * theta_e, arc = r * (total - 2 * theta_e), length = 2 * s_e + arc;
  auto theta = [&](double s) {
    if (s < s_e) return s * s / (4 * r * r * theta_e);
    if (s <= s_e + arc) return theta_e + (s - s_e) / r;
    const double q = length - s;
    return total - q * q / (4 * r * r * theta_e);
  };
  const int n = std::max(8, static_cast<int>(std::ceil(length / max_segment)));
  const int sub = 16;  // Simpson intervals per output segment
  std::vector<Vec2> pts{{0, 0}};
  double x = 0, y = 0;
  for (int i = 0; i < n; ++i) {
    const double a = length * i / n, h = length / n / sub;
    double sx = 0, sy = 0;
    for (int k = 0; k <= sub; ++k) {
      const double w = (k == 0 || k == sub) ? 1 : (k % 2 ? 4 : 2), t = theta(a + k * h);
      sx += w * std::cos(t);
      sy += w * std::sin(t);
    }
    x += sx * h / 3;
    y += sy * h / 3;
    pts.push_back({x, sign * y});
  }
  return pts;
}

Component euler_bend(const EulerBendParams& p, const ComponentMaterials& m) {
  check_cross(p.xs, "euler_bend");
  need_material(m.core, "euler_bend", "core");
  need_positive(p.radius_min - 0.5 * p.xs.width, "euler_bend", "radius_min - width / 2");
  Component c;
  add_stack(c, p.stack, p.xs, m);
  const std::vector<Vec2> line = placed(euler_centre_line(p.radius_min, p.angle_deg, p.p, p.max_segment),
                                        {p.x0, p.y0}, p.angle0_deg);
  add_route(c, line, p.xs.width, p.xs, m.core);
  add_port(c, "in", line.front(), p.angle0_deg + 180, p.xs.width, p.xs);
  add_port(c, "out", line.back(), p.angle0_deg + p.angle_deg, p.xs.width, p.xs);
  c.info["length"] = p.radius_min * std::abs(p.angle_deg) * kPi / 180 * (1 + p.p);
  return c;
}

Component linear_taper(const TaperParams& p, const ComponentMaterials& m) {
  WaveguideCross xs = p.xs;
  xs.width = std::max(p.width_in, p.width_out);
  check_cross(xs, "linear_taper");
  need_material(m.core, "linear_taper", "core");
  need_positive(std::min(p.width_in, p.width_out), "linear_taper", "width");
  need_positive(p.length, "linear_taper", "length");
  Component c;
  add_stack(c, p.stack, xs, m);
  const Vec2 a{p.x0, p.y0}, b = a + polar(p.length, p.angle_deg);
  add_route(c, {a, b}, {p.width_in, p.width_out}, xs, m.core);
  add_port(c, "in", a, p.angle_deg + 180, p.width_in, xs);
  add_port(c, "out", b, p.angle_deg, p.width_out, xs);
  return c;
}

Component directional_coupler(const DirectionalCouplerParams& p, const ComponentMaterials& m) {
  check_cross(p.xs, "directional_coupler");
  need_material(m.core, "directional_coupler", "core");
  need_positive(p.gap, "directional_coupler", "gap");
  need_positive(p.sbend_length, "directional_coupler", "sbend_length");
  if (p.coupling_length < 0 || p.lead_length < 0 || p.sbend_offset < 0)
    throw std::invalid_argument("directional_coupler: lengths and offset must be >= 0");
  Component c;
  add_stack(c, p.stack, p.xs, m);
  const double yc = 0.5 * (p.gap + p.xs.width);  // arm centre in the coupling section
  const double x1 = p.x0 + 2 * (p.lead_length + p.sbend_length) + p.coupling_length;
  for (double side : {1.0, -1.0}) {
    std::vector<Vec2> line{{p.x0, p.y0 + side * (yc + p.sbend_offset)}};
    if (p.lead_length > 0) append_line(line, {p.x0 + p.lead_length, line.back().y});
    append_cosine_sbend(line, p.sbend_length, -side * p.sbend_offset, p.max_segment);
    if (p.coupling_length > 0) append_line(line, {line.back().x + p.coupling_length, line.back().y});
    append_cosine_sbend(line, p.sbend_length, side * p.sbend_offset, p.max_segment);
    if (p.lead_length > 0) append_line(line, {x1, line.back().y});
    add_route(c, line, p.xs.width, p.xs, m.core);
    const std::string k = side > 0 ? "1" : "2";
    add_port(c, "in" + k, line.front(), 180, p.xs.width, p.xs);
    add_port(c, "out" + k, line.back(), 0, p.xs.width, p.xs);
    c.info["arm_length"] = path_length(line);
  }
  c.info["length"] = x1 - p.x0;
  return c;
}

double mmi_effective_width(double width, double n_r, double n_c, double wavelength, bool tm) {
  if (!(n_r > n_c && n_c > 0)) throw std::invalid_argument("mmi: needs n_r > n_c > 0");
  const double f = tm ? std::pow(n_c / n_r, 2) : 1.0;
  return width + wavelength / kPi * f / std::sqrt(n_r * n_r - n_c * n_c);
}

double mmi_beat_length(double width, double n_r, double n_c, double wavelength, bool tm) {
  const double we = mmi_effective_width(width, n_r, n_c, wavelength, tm);
  return 4 * n_r * we * we / (3 * wavelength);
}

namespace components_detail {

// The MMI with its x range [x0, x0 + total]; mirrored: inputs on the right facing +x.
Component mmi_oriented(const MmiParams& p, const ComponentMaterials& m, bool mirrored) {
  check_cross(p.xs, "mmi");
  need_material(m.core, "mmi", "core");
  need_positive(p.width, "mmi", "width");
  if (p.inputs != 1 && p.inputs != 2)
    throw std::invalid_argument("mmi: inputs = " + std::to_string(p.inputs) + " must be 1 (1x2) or 2 (2x2)");
  const double we = mmi_effective_width(p.width, p.n_r, p.n_c, p.wavelength);
  const double lpi = mmi_beat_length(p.width, p.n_r, p.n_c, p.wavelength);
  const double length = p.length > 0 ? p.length : (p.inputs == 1 ? 3 * lpi / 8 : lpi / 2);
  const double off = p.port_offset > 0 ? p.port_offset : (p.inputs == 1 ? we / 4 : we / 6);
  const double tw = p.taper_width > 0 ? p.taper_width : p.xs.width;
  if (2 * off < tw)
    throw std::invalid_argument("mmi: access tapers of width " + std::to_string(tw) + " overlap at port offset +-" +
                                std::to_string(off) + "; narrow taper_width");
  if (off + 0.5 * tw > 0.5 * p.width)
    throw std::invalid_argument("mmi: access tapers at +-" + std::to_string(off) + " do not fit in width " +
                                std::to_string(p.width));
  if (p.lead_length < 0 || p.taper_length < 0 || p.lead_length + p.taper_length <= 0)
    throw std::invalid_argument("mmi: lead_length and taper_length must be >= 0, not both 0");
  Component c;
  add_stack(c, p.stack, p.xs, m);
  const double xb0 = p.lead_length + p.taper_length, xb1 = xb0 + length, total = xb1 + xb0;
  auto X = [&](double x) { return mirrored ? p.x0 + total - x : p.x0 + x; };
  auto line = [&](double xa, double xb, double xc, double y) {
    std::vector<Vec2> l{{X(xa), p.y0 + y}};
    if (xb != xa) l.push_back({X(xb), p.y0 + y});
    if (xc != xb) l.push_back({X(xc), p.y0 + y});
    return l;
  };
  const double w = p.xs.width, in_angle = mirrored ? 0 : 180, out_angle = mirrored ? 180 : 0;
  std::vector<double> ins = p.inputs == 1 ? std::vector<double>{0} : std::vector<double>{off, -off};
  for (std::size_t i = 0; i < ins.size(); ++i) {
    const std::vector<Vec2> l = line(0, p.lead_length, xb0, ins[i]);
    std::vector<double> ws(l.size(), w);
    ws.back() = tw;
    add_route(c, l, ws, p.xs, m.core);
    add_port(c, ins.size() == 1 ? "in" : "in" + std::to_string(i + 1), l.front(), in_angle, w, p.xs);
  }
  const std::vector<Vec2> body{{X(xb0), p.y0 - 0.5 * p.width}, {X(xb1), p.y0 - 0.5 * p.width},
                               {X(xb1), p.y0 + 0.5 * p.width}, {X(xb0), p.y0 + 0.5 * p.width}};
  c.shapes.push_back(make_polygon_prism(m.core, body, core_z0(p.xs), core_z1(p.xs), p.xs.sidewall_deg));
  if (p.xs.slab_thickness > 0 && p.xs.slab_width > 0) {
    const double e = 0.5 * (p.xs.slab_width - p.xs.width);
    const std::vector<Vec2> slab{{X(xb0), p.y0 - 0.5 * p.width - e}, {X(xb1), p.y0 - 0.5 * p.width - e},
                                 {X(xb1), p.y0 + 0.5 * p.width + e}, {X(xb0), p.y0 + 0.5 * p.width + e}};
    c.shapes.push_back(make_polygon_prism(m.core, slab, p.xs.z_bottom, p.xs.z_bottom + p.xs.slab_thickness,
                                          p.xs.sidewall_deg));
  }
  for (int i = 0; i < 2; ++i) {
    const double y = i == 0 ? off : -off;
    const std::vector<Vec2> l = line(xb1, xb1 + p.taper_length, total, y);
    std::vector<double> ws(l.size(), w);
    ws.front() = tw;
    add_route(c, l, ws, p.xs, m.core);
    add_port(c, "out" + std::to_string(i + 1), l.back(), out_angle, w, p.xs);
  }
  c.info["length"] = length;
  c.info["beat_length"] = lpi;
  c.info["effective_width"] = we;
  c.info["port_offset"] = off;
  c.info["total_length"] = total;
  return c;
}

}  // namespace components_detail

Component mmi(const MmiParams& p, const ComponentMaterials& m) { return mmi_oriented(p, m, false); }

Component edge_coupler(const EdgeCouplerParams& p, const ComponentMaterials& m) {
  check_cross(p.xs, "edge_coupler");
  need_material(m.core, "edge_coupler", "core");
  need_positive(p.tip_width, "edge_coupler", "tip_width");
  need_positive(p.taper_length, "edge_coupler", "taper_length");
  if (p.tip_offset < 0) throw std::invalid_argument("edge_coupler: tip_offset must be >= 0");
  Component c;
  SoiStack stack = p.stack;
  stack.x_min = p.x0;  // the chip ends at the facet
  add_stack(c, stack, p.xs, m);
  const double xt = p.x0 + p.tip_offset;
  std::vector<Vec2> line{{xt, p.y0}, {xt + p.taper_length, p.y0}};
  std::vector<double> ws{p.tip_width, p.xs.width};
  if (p.lead_length > 0) {
    line.push_back({xt + p.taper_length + p.lead_length, p.y0});
    ws.push_back(p.xs.width);
  }
  if (p.tip_offset > 0) {
    add_route(c, line, ws, p.xs, m.core, false, true);  // the tip: an etched end in the cladding
  } else {
    // Tip on the facet: a vertical cleaved face, the guide extended past it and clipped.
    Component tmp;
    add_route(tmp, line, ws, p.xs, m.core, true, true);
    for (Shape& s : tmp.shapes)
      c.shapes.push_back(Shape{s.material, std::make_shared<ClippedSolid>(s.solid, Vec3{p.x0, 0, 0}, Vec3{-1, 0, 0})});
  }
  add_port(c, "facet", {p.x0, p.y0}, 180, p.tip_width, p.xs);
  add_port(c, "out", line.back(), 0, p.xs.width, p.xs);
  return c;
}

}  // namespace pfdtd

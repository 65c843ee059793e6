#include "geometry/solids.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

namespace pfdtd {
namespace {

constexpr double kPi = 3.14159265358979323846;
constexpr double kInf = std::numeric_limits<double>::infinity();

Vec2 sub(Vec2 a, Vec2 b) { return {a.x - b.x, a.y - b.y}; }
double dot2(Vec2 a, Vec2 b) { return a.x * b.x + a.y * b.y; }

// Squared distance from p to the segment ab.
double segment_distance2(Vec2 p, Vec2 a, Vec2 b) {
  const Vec2 e = sub(b, a), w = sub(p, a);
  const double l2 = dot2(e, e);
  const double t = l2 > 0 ? std::clamp(dot2(w, e) / l2, 0.0, 1.0) : 0.0;
  const double dx = w.x - t * e.x, dy = w.y - t * e.y;
  return dx * dx + dy * dy;
}

// Does the edge ab cross the ray from p towards +x (half-open in y, so a vertex on the ray
// counts once)?
bool crosses(Vec2 p, Vec2 a, Vec2 b) {
  if ((a.y > p.y) == (b.y > p.y)) return false;
  return p.x < a.x + (p.y - a.y) * (b.x - a.x) / (b.y - a.y);
}

// Lower bound of the distance from p to a box (0 inside it).
double distance_to_bounds(const Vec3& p, const Bounds& b) {
  double s = 0;
  for (int a = 0; a < 3; ++a) {
    const double d = std::max({b.lo[a] - p[a], p[a] - b.hi[a], 0.0});
    s += d * d;
  }
  return std::sqrt(s);
}

// Drops a repeated closing vertex and consecutive duplicates.
std::vector<Vec2> cleaned(std::vector<Vec2> v) {
  std::vector<Vec2> out;
  out.reserve(v.size());
  for (const Vec2& p : v)
    if (out.empty() || p.x != out.back().x || p.y != out.back().y) out.push_back(p);
  while (out.size() > 1 && out.front().x == out.back().x && out.front().y == out.back().y) out.pop_back();
  return out;
}

double cot_of(double sidewall_deg, const char* what) {
  if (!(sidewall_deg > 0 && sidewall_deg < 180))
    throw std::invalid_argument(std::string(what) + ": sidewall angle " + std::to_string(sidewall_deg) +
                                " deg is outside (0, 180)");
  return sidewall_deg == 90 ? 0.0 : 1 / std::tan(sidewall_deg * kPi / 180);
}

// Signed distance in the (u, z) plane to {z0 <= z <= z1, u + (z - zr) c <= 0}, the
// cross-section of a prism whose 2D signed distance is u; s = sin(atan(1/c)) scales the
// distance to the slanted wall.
double extruded_distance(double u, double z, double z0, double z1, double zr, double c, double s) {
  const double wall = u + (z - zr) * c;
  if (z >= z0 && z <= z1 && wall <= 0) return -std::min({z - z0, z1 - z, -wall * s});
  const Vec2 a{-(z0 - zr) * c, z0}, b{-(z1 - zr) * c, z1}, q{u, z};
  const double bottom = u <= a.x ? std::abs(z - z0) : std::hypot(u - a.x, z - z0);
  const double top = u <= b.x ? std::abs(z - z1) : std::hypot(u - b.x, z - z1);
  return std::min({bottom, top, std::sqrt(segment_distance2(q, a, b))});
}

}  // namespace

// ---- plane polygons ---------------------------------------------------------------------

double polygon_area(const std::vector<Vec2>& poly) {
  double a = 0;
  const std::size_t n = poly.size();
  for (std::size_t i = 0; i < n; ++i) {
    const Vec2 &p = poly[i], &q = poly[(i + 1) % n];
    a += p.x * q.y - q.x * p.y;
  }
  return 0.5 * a;
}

bool polygon_contains(const std::vector<Vec2>& poly, Vec2 p) {
  bool inside = false;
  const std::size_t n = poly.size();
  for (std::size_t i = 0, j = n - 1; i < n; j = i++)
    if (crosses(p, poly[j], poly[i])) inside = !inside;
  return inside;
}

double polygon_signed_distance(const std::vector<Vec2>& poly, Vec2 p) {
  double d2 = kInf;
  bool inside = false;
  const std::size_t n = poly.size();
  for (std::size_t i = 0, j = n - 1; i < n; j = i++) {
    d2 = std::min(d2, segment_distance2(p, poly[j], poly[i]));
    if (crosses(p, poly[j], poly[i])) inside = !inside;
  }
  return inside ? -std::sqrt(d2) : std::sqrt(d2);
}

std::vector<Vec2> path_outline(const std::vector<Vec2>& centre_line, const std::vector<double>& widths,
                               double extend_start, double extend_end, double miter_limit) {
  if (centre_line.size() != widths.size())
    throw std::invalid_argument("path_outline: " + std::to_string(centre_line.size()) + " points but " +
                                std::to_string(widths.size()) + " widths");
  std::vector<Vec2> pts;
  std::vector<double> w;
  for (std::size_t i = 0; i < centre_line.size(); ++i)
    if (pts.empty() || centre_line[i].x != pts.back().x || centre_line[i].y != pts.back().y) {
      pts.push_back(centre_line[i]);
      w.push_back(widths[i]);
    }
  const std::size_t n = pts.size();
  if (n < 2) throw std::invalid_argument("path_outline: a path needs two distinct points");
  // Unit tangents of the segments.
  std::vector<Vec2> t(n - 1);
  for (std::size_t i = 0; i + 1 < n; ++i) {
    const Vec2 e = sub(pts[i + 1], pts[i]);
    const double l = std::hypot(e.x, e.y);
    t[i] = {e.x / l, e.y / l};
  }
  std::vector<Vec2> right(n), left(n);
  for (std::size_t i = 0; i < n; ++i) {
    const Vec2 tin = t[i == 0 ? 0 : i - 1], tout = t[i == n - 1 ? n - 2 : i];
    const Vec2 nin{-tin.y, tin.x}, nout{-tout.y, tout.x};
    Vec2 m{nin.x + nout.x, nin.y + nout.y};
    const double ml = std::hypot(m.x, m.y);
    double scale = 1;
    if (ml < 1e-12) {
      m = nin;  // a full reversal: square it off
    } else {
      m = {m.x / ml, m.y / ml};
      scale = std::min(1 / std::max(dot2(m, nin), 1e-12), miter_limit);
    }
    Vec2 c = pts[i];
    if (i == 0) c = {c.x - extend_start * tout.x, c.y - extend_start * tout.y};
    if (i == n - 1) c = {c.x + extend_end * tin.x, c.y + extend_end * tin.y};
    const double h = 0.5 * w[i] * scale;
    left[i] = {c.x + h * m.x, c.y + h * m.y};
    right[i] = {c.x - h * m.x, c.y - h * m.y};
  }
  std::vector<Vec2> out(right);
  out.insert(out.end(), left.rbegin(), left.rend());
  return out;
}

std::vector<Vec2> path_outline(const std::vector<Vec2>& centre_line, double width, double extend_start,
                               double extend_end, double miter_limit) {
  return path_outline(centre_line, std::vector<double>(centre_line.size(), width), extend_start, extend_end,
                      miter_limit);
}

// ---- sphere ------------------------------------------------------------------------------

SphereSolid::SphereSolid(const Vec3& center, double radius) : center_(center), radius_(radius) {
  if (!(radius > 0)) throw std::invalid_argument("sphere: radius " + std::to_string(radius) + " must be > 0");
}

double SphereSolid::signed_distance(const Vec3& p) const { return norm(p - center_) - radius_; }

Vec3 SphereSolid::normal(const Vec3& p) const {
  const Vec3 d = p - center_;
  const double n = norm(d);
  return n > 0 ? (1 / n) * d : Vec3{1, 0, 0};
}

Bounds SphereSolid::bounds() const {
  const Vec3 r{radius_, radius_, radius_};
  return {center_ - r, center_ + r};
}

// ---- ring ---------------------------------------------------------------------------------

RingSolid::RingSolid(const Vec3& center, double inner_radius, double outer_radius, double z0, double z1,
                     double start_deg, double stop_deg, double sidewall_deg, double z_ref)
    : center_(center), ri_(inner_radius), ro_(outer_radius), z0_(z0), z1_(z1) {
  if (!(inner_radius >= 0 && outer_radius > inner_radius))
    throw std::invalid_argument("ring: radii " + std::to_string(inner_radius) + ", " + std::to_string(outer_radius) +
                                " need 0 <= inner < outer");
  if (!(z1 > z0)) throw std::invalid_argument("ring: z1 must be above z0");
  cot_ = cot_of(sidewall_deg, "ring");
  const double zr = z_ref == kZRefAtBase ? z0 : z_ref;
  const double s0 = (z0 - zr) * cot_, s1 = (z1 - zr) * cot_;
  // Meridian section (rho, z), counter-clockwise; with inner radius 0 the inner wall is the axis.
  const double a = ri_ > 0 ? ri_ + s0 : 0, d = ri_ > 0 ? ri_ + s1 : 0;
  section_ = {{a, z0}, {ro_ - s0, z0}, {ro_ - s1, z1}, {d, z1}};
  if (!(section_[1].x > a && section_[2].x > d && a >= 0 && d >= 0))
    throw std::invalid_argument("ring: the sidewall angle " + std::to_string(sidewall_deg) +
                                " deg closes the ring or crosses its axis within its height");
  double span = stop_deg - start_deg;
  full_ = span == 0 || std::abs(span) >= 360;
  span = std::fmod(span, 360.0);
  if (span < 0) span += 360;
  a0_ = start_deg * kPi / 180;
  span_ = span * kPi / 180;
}

double RingSolid::meridian_distance(double rho, double z, bool axis_is_boundary) const {
  // The section as a polygon; its edge on the axis (disk) is no boundary of the solid of
  // revolution, but is one of a sector's flat end face.
  const Vec2 p{rho, z};
  double d2 = kInf;
  for (int i = 0; i < 4; ++i) {
    if (i == 3 && ri_ == 0 && !axis_is_boundary) continue;
    d2 = std::min(d2, segment_distance2(p, section_[i], section_[(i + 1) % 4]));
  }
  return polygon_contains(section_, p) ? -std::sqrt(d2) : std::sqrt(d2);
}

double RingSolid::signed_distance(const Vec3& p) const {
  const double dx = p.x - center_.x, dy = p.y - center_.y;
  const double rho = std::hypot(dx, dy);
  if (full_) return meridian_distance(rho, p.z, false);
  double t = std::fmod(std::atan2(dy, dx) - a0_, 2 * kPi);
  if (t < 0) t += 2 * kPi;
  if (t <= span_) {
    // Within the wedge: the nearest point of the whole ring lies in p's own meridian.
    const double dt = meridian_distance(rho, p.z, false);
    if (dt > 0) return dt;
    double depth = kInf;
    for (double ang : {a0_, a0_ + span_}) {
      const double ux = std::cos(ang), uy = std::sin(ang);
      const double along = std::max(0.0, dx * ux + dy * uy);
      depth = std::min(depth, std::hypot(dx - along * ux, dy - along * uy));
    }
    return std::max(dt, -depth);
  }
  // Outside the wedge: the nearest point lies on the end face nearest in angle, a flat
  // region of the plane through the axis at that angle.
  const double ang = (t - span_ <= 2 * kPi - t) ? a0_ + span_ : a0_;
  const double ux = std::cos(ang), uy = std::sin(ang);
  const double in_plane = dx * ux + dy * uy, off_plane = std::abs(-dx * uy + dy * ux);
  const double df = meridian_distance(in_plane, p.z, true);
  return df > 0 ? std::hypot(off_plane, df) : off_plane;
}

Bounds RingSolid::bounds() const {
  const double rout = std::max(section_[1].x, section_[2].x), rin = std::min(section_[0].x, section_[3].x);
  Bounds b{{kInf, kInf, z0_}, {-kInf, -kInf, z1_}};
  auto add = [&](double r, double ang) {
    const double x = center_.x + r * std::cos(ang), y = center_.y + r * std::sin(ang);
    b.lo.x = std::min(b.lo.x, x);
    b.hi.x = std::max(b.hi.x, x);
    b.lo.y = std::min(b.lo.y, y);
    b.hi.y = std::max(b.hi.y, y);
  };
  const double span = full_ ? 2 * kPi : span_;
  for (double r : {rin, rout}) {
    add(r, a0_);
    add(r, a0_ + span);
    // Axis directions within the sector.
    for (int k = -8; k <= 8; ++k) {
      const double ang = k * kPi / 2;
      double t = std::fmod(ang - a0_, 2 * kPi);
      if (t < 0) t += 2 * kPi;
      if (t <= span) add(r, ang);
    }
  }
  return b;
}

// ---- polygon prism ------------------------------------------------------------------------

PolygonPrism::PolygonPrism(std::vector<Vec2> polygon, double z0, double z1, double sidewall_deg, double z_ref)
    : poly_(cleaned(std::move(polygon))), z0_(z0), z1_(z1), sidewall_deg_(sidewall_deg) {
  if (poly_.size() < 3)
    throw std::invalid_argument("polygon prism: a polygon needs 3 distinct vertices, got " +
                                std::to_string(poly_.size()));
  if (polygon_area(poly_) == 0) throw std::invalid_argument("polygon prism: the polygon has no area");
  if (!(z1 > z0)) throw std::invalid_argument("polygon prism: z1 must be above z0");
  cot_ = cot_of(sidewall_deg, "polygon prism");
  sin_ = std::sin(sidewall_deg * kPi / 180);
  z_ref_ = z_ref == kZRefAtBase ? z0 : z_ref;
  const int n = static_cast<int>(poly_.size());
  for (int i = 0; i < n; ++i) edges_.push_back(Edge::between(poly_[i], poly_[(i + 1) % n]));
  constexpr int kChunk = 16;
  for (int first = 0; first < n; first += kChunk) {
    Chunk c{first, std::min(first + kChunk, n), kInf, -kInf, kInf, -kInf, {}, 0};
    for (int i = c.first; i <= c.last; ++i) {  // edge i runs from vertex i to i + 1
      const Vec2& v = poly_[i % n];
      c.xlo = std::min(c.xlo, v.x);
      c.xhi = std::max(c.xhi, v.x);
      c.ylo = std::min(c.ylo, v.y);
      c.yhi = std::max(c.yhi, v.y);
      // Distance to a segment is convex, so the vertices bound the edges' deviation.
      c.dev = std::max(c.dev, std::sqrt(segment_distance2(v, poly_[c.first], poly_[c.last % n])));
    }
    c.dev *= 1 + 1e-12;
    c.chord = Edge::between(poly_[c.first], poly_[c.last % n]);
    chunks_.push_back(c);
  }
  // The widest profile: the base polygon grown where the walls lean outwards.
  const double grow = std::max({0.0, -(z0 - z_ref_) * cot_, -(z1 - z_ref_) * cot_});
  bounds_ = {{kInf, kInf, z0}, {-kInf, -kInf, z1}};
  for (const Chunk& c : chunks_) {
    bounds_.lo.x = std::min(bounds_.lo.x, c.xlo - grow);
    bounds_.hi.x = std::max(bounds_.hi.x, c.xhi + grow);
    bounds_.lo.y = std::min(bounds_.lo.y, c.ylo - grow);
    bounds_.hi.y = std::max(bounds_.hi.y, c.yhi + grow);
  }
}

PolygonPrism::Edge PolygonPrism::Edge::between(Vec2 a, Vec2 b) {
  const Vec2 e = sub(b, a);
  const double l2 = dot2(e, e);
  return {a, e, b.y, l2 > 0 ? 1 / l2 : 0.0, e.y != 0 ? e.x / e.y : 0.0};
}

double PolygonPrism::Edge::distance2(Vec2 p) const {
  const double wx = p.x - a.x, wy = p.y - a.y;
  const double t = std::clamp((wx * e.x + wy * e.y) * inv_len2, 0.0, 1.0);
  const double dx = wx - t * e.x, dy = wy - t * e.y;
  return dx * dx + dy * dy;
}

bool PolygonPrism::Edge::crosses(Vec2 p) const {
  if ((a.y > p.y) == (by > p.y)) return false;
  return p.x < a.x + (p.y - a.y) * dxdy;
}

double PolygonPrism::polygon_distance(double x, double y) const {
  const Vec2 p{x, y};
  // A chunk's edges lie within `dev` of its chord, so its distance is the chord's +- dev:
  // only chunks whose lower bound is below the least upper bound can hold the nearest edge.
  // The crossing count needs only the chunks that straddle p's row to the right of p.
  constexpr std::size_t kKept = 128;  // chord distances kept on the stack, else recomputed
  double chord[kKept];
  const std::size_t nc = chunks_.size();
  double upper = kInf;
  for (std::size_t k = 0; k < nc; ++k) {
    const double dc = std::sqrt(chunks_[k].chord.distance2(p));
    if (k < kKept) chord[k] = dc;
    upper = std::min(upper, dc + chunks_[k].dev);
  }
  double d2 = kInf;
  bool inside = false;
  for (std::size_t k = 0; k < nc; ++k) {
    const Chunk& c = chunks_[k];
    const bool crossing = y >= c.ylo && y < c.yhi && x < c.xhi;
    const bool distance = (k < kKept ? chord[k] : std::sqrt(c.chord.distance2(p))) - c.dev <= upper;
    if (distance)
      for (int i = c.first; i < c.last; ++i) d2 = std::min(d2, edges_[i].distance2(p));
    if (crossing)
      for (int i = c.first; i < c.last; ++i) inside ^= edges_[i].crosses(p);
  }
  return inside ? -std::sqrt(d2) : std::sqrt(d2);
}

double PolygonPrism::signed_distance(const Vec3& p) const {
  return extruded_distance(polygon_distance(p.x, p.y), p.z, z0_, z1_, z_ref_, cot_, sin_);
}

Bounds PolygonPrism::bounds() const { return bounds_; }

// ---- translated copies and arrays ---------------------------------------------------------

TranslatedSolid::TranslatedSolid(std::shared_ptr<const Solid> base, const Vec3& offset)
    : base_(std::move(base)), offset_(offset) {
  if (!base_) throw std::invalid_argument("translated solid: no base solid");
}

double TranslatedSolid::signed_distance(const Vec3& p) const { return base_->signed_distance(p - offset_); }
Vec3 TranslatedSolid::normal(const Vec3& p) const { return base_->normal(p - offset_); }
Bounds TranslatedSolid::bounds() const {
  const Bounds b = base_->bounds();
  return {b.lo + offset_, b.hi + offset_};
}

ArraySolid::ArraySolid(std::shared_ptr<const Solid> base, std::vector<Vec3> offsets)
    : base_(std::move(base)), offsets_(std::move(offsets)) {
  if (!base_) throw std::invalid_argument("array solid: no base solid");
  if (offsets_.empty()) throw std::invalid_argument("array solid: no copies");
  base_bounds_ = base_->bounds();
  bounds_ = {{kInf, kInf, kInf}, {-kInf, -kInf, -kInf}};
  for (const Vec3& o : offsets_)
    for (int a = 0; a < 3; ++a) {
      bounds_.lo[a] = std::min(bounds_.lo[a], base_bounds_.lo[a] + o[a]);
      bounds_.hi[a] = std::max(bounds_.hi[a], base_bounds_.hi[a] + o[a]);
    }
}

namespace {
std::vector<Vec3> lattice(int nx, int ny, double px, double py) {
  if (nx < 1 || ny < 1)
    throw std::invalid_argument("array solid: counts " + std::to_string(nx) + " x " + std::to_string(ny) +
                                " must be >= 1");
  std::vector<Vec3> o;
  for (int j = 0; j < ny; ++j)
    for (int i = 0; i < nx; ++i) o.push_back({i * px, j * py, 0});
  return o;
}
}  // namespace

ArraySolid::ArraySolid(std::shared_ptr<const Solid> base, int nx, int ny, double pitch_x, double pitch_y)
    : ArraySolid(std::move(base), lattice(nx, ny, pitch_x, pitch_y)) {}

int ArraySolid::nearest(const Vec3& p, double* distance) const {
  // Copies in order of their bounds' distance would be ideal; visiting the nearest box
  // first and then pruning by the boxes is nearly as good and needs no sort.
  const int n = static_cast<int>(offsets_.size());
  auto lower = [&](int k) {
    const Bounds b{base_bounds_.lo + offsets_[k], base_bounds_.hi + offsets_[k]};
    return distance_to_bounds(p, b);
  };
  int first = 0;
  double first_lb = kInf;
  for (int k = 0; k < n; ++k) {
    const double lb = lower(k);
    if (lb < first_lb) first_lb = lb, first = k;
    if (lb == 0) break;
  }
  int best = first;
  double d = base_->signed_distance(p - offsets_[first]);
  for (int k = 0; k < n; ++k) {
    if (k == first || lower(k) >= d) continue;
    const double dk = base_->signed_distance(p - offsets_[k]);
    if (dk < d) d = dk, best = k;
  }
  *distance = d;
  return best;
}

double ArraySolid::signed_distance(const Vec3& p) const {
  double d;
  nearest(p, &d);
  return d;
}

Vec3 ArraySolid::normal(const Vec3& p) const {
  double d;
  const int k = nearest(p, &d);
  return base_->normal(p - offsets_[k]);
}

Bounds ArraySolid::bounds() const { return bounds_; }

// ---- clipped -------------------------------------------------------------------------------

ClippedSolid::ClippedSolid(std::shared_ptr<const Solid> base, const Vec3& point, const Vec3& normal)
    : base_(std::move(base)), point_(point) {
  if (!base_) throw std::invalid_argument("clipped solid: no base solid");
  const double n = norm(normal);
  if (!(n > 0)) throw std::invalid_argument("clipped solid: the plane's normal is zero");
  normal_ = (1 / n) * normal;
}

double ClippedSolid::signed_distance(const Vec3& p) const {
  const double b = dot(p - point_, normal_);
  if (b <= 0) return std::max(base_->signed_distance(p), b);
  // Beyond the plane: the distance to the cut face, from p's foot on the plane.
  const double a = base_->signed_distance(p - b * normal_);
  return a > 0 ? std::hypot(a, b) : b;
}

Bounds ClippedSolid::bounds() const {
  Bounds b = base_->bounds();
  for (int a = 0; a < 3; ++a) {
    const bool along = std::abs(std::abs(normal_[a]) - 1) < 1e-12;
    if (!along) continue;
    if (normal_[a] > 0) b.hi[a] = std::min(b.hi[a], point_[a]);
    else b.lo[a] = std::max(b.lo[a], point_[a]);
  }
  return b;
}

// ---- factories -----------------------------------------------------------------------------

Shape make_sphere(int material, const Vec3& center, double radius) {
  return Shape{material, std::make_shared<SphereSolid>(center, radius)};
}

Shape make_ring(int material, const Vec3& center, double inner_radius, double outer_radius, double height,
                double start_deg, double stop_deg, double sidewall_deg) {
  return Shape{material, std::make_shared<RingSolid>(center, inner_radius, outer_radius, center.z - 0.5 * height,
                                                     center.z + 0.5 * height, start_deg, stop_deg, sidewall_deg)};
}

Shape make_polygon_prism(int material, std::vector<Vec2> polygon, double z0, double z1, double sidewall_deg) {
  return Shape{material, std::make_shared<PolygonPrism>(std::move(polygon), z0, z1, sidewall_deg)};
}

Shape make_translated(int material, std::shared_ptr<const Solid> base, const Vec3& offset) {
  return Shape{material, std::make_shared<TranslatedSolid>(std::move(base), offset)};
}

Shape make_array(int material, std::shared_ptr<const Solid> base, int nx, int ny, double pitch_x, double pitch_y) {
  return Shape{material, std::make_shared<ArraySolid>(std::move(base), nx, ny, pitch_x, pitch_y)};
}

Shape make_array(int material, std::shared_ptr<const Solid> base, std::vector<Vec3> offsets) {
  return Shape{material, std::make_shared<ArraySolid>(std::move(base), std::move(offsets))};
}

}  // namespace pfdtd

// Solids (signed distances against exact values, sidewall angles, normals), component
// builders (materials at known points, rasterised areas and volumes against analytic ones
// within perimeter x spacing) and GDSII import (a layout written by gdspy, read back).
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>

#include "geometry/components.hpp"
#include "geometry/gds.hpp"
#include "geometry/solids.hpp"

namespace pfdtd {
namespace {

constexpr double kPi = 3.14159265358979323846;
constexpr int kBg = 0, kCore = 1, kClad = 2, kBox = 3, kSub = 4;
const ComponentMaterials kSoi{kCore, kClad, kBox, kSub};

double cot_deg(double a) { return 1 / std::tan(a * kPi / 180); }
double sin_deg(double a) { return std::sin(a * kPi / 180); }
double cos_deg(double a) { return std::cos(a * kPi / 180); }

int mat(const std::vector<Shape>& s, double x, double y, double z) { return material_at(s, kBg, {x, y, z}); }
int mat(const Component& c, double x, double y, double z) { return material_at(c.all(), kBg, {x, y, z}); }

// Area of material `m` in a plane of constant `axis` coordinate `at`, sampled at cell
// centres of spacing d over [a0, a1] x [b0, b1] of the other two axes (in order). Unless
// the window's edges are the shape's own, the lattice is shifted by a fraction of a cell so
// that no edge of the layouts (at round coordinates) falls on a row of samples.
double raster_area(const std::vector<Shape>& s, int m, int axis, double at, double a0, double a1, double b0, double b1,
                   double d, bool shift = true) {
  if (shift) a0 += 0.37 * d, a1 += 0.37 * d, b0 += 0.29 * d, b1 += 0.29 * d;
  const int u = axis == 0 ? 1 : 0, v = axis == 2 ? 1 : 2;
  const long na = std::lround((a1 - a0) / d), nb = std::lround((b1 - b0) / d);
  long count = 0;
  for (long j = 0; j < nb; ++j)
    for (long i = 0; i < na; ++i) {
      Vec3 p;
      p[axis] = at;
      p[u] = a0 + (i + 0.5) * d;
      p[v] = b0 + (j + 0.5) * d;
      if (material_at(s, kBg, p) == m) ++count;
    }
  return count * d * d;
}

double raster_volume(const std::vector<Shape>& s, int m, const Bounds& b, double d) {
  const long nx = std::lround((b.hi.x - b.lo.x) / d), ny = std::lround((b.hi.y - b.lo.y) / d),
             nz = std::lround((b.hi.z - b.lo.z) / d);
  long count = 0;
  for (long k = 0; k < nz; ++k)
    for (long j = 0; j < ny; ++j)
      for (long i = 0; i < nx; ++i)
        if (material_at(s, kBg, {b.lo.x + (i + 0.5) * d, b.lo.y + (j + 0.5) * d, b.lo.z + (k + 0.5) * d}) == m)
          ++count;
  return count * d * d * d;
}

// Compares a rasterised measure with the exact one, tolerance perimeter (surface) x d.
void expect_measure(const std::string& what, double raster, double exact, double tol) {
  std::printf("[geometry] %-44s raster %10.5f exact %10.5f error %+.2e (tol %.1e)\n", what.c_str(), raster, exact,
              raster - exact, tol);
  EXPECT_NEAR(raster, exact, tol) << what;
}

// Only the shapes of one material (areas of the core without the stack's cost).
std::vector<Shape> of(const std::vector<Shape>& s, int m) {
  std::vector<Shape> out;
  for (const Shape& x : s)
    if (x.material == m) out.push_back(x);
  return out;
}

double path_length_for_test(const std::vector<Vec2>& l) {
  double s = 0;
  for (std::size_t i = 1; i < l.size(); ++i) s += std::hypot(l[i].x - l[i - 1].x, l[i].y - l[i - 1].y);
  return s;
}

void expect_vec(const Vec3& a, const Vec3& b, double tol) {
  EXPECT_NEAR(a.x, b.x, tol);
  EXPECT_NEAR(a.y, b.y, tol);
  EXPECT_NEAR(a.z, b.z, tol);
}

// ---- solids -----------------------------------------------------------------------------

TEST(Solids, BoxAndCylinder) {
  const BoxSolid b({0, 0, 0}, {2, 4, 6});
  EXPECT_DOUBLE_EQ(b.signed_distance({0, 0, 0}), -1);
  EXPECT_DOUBLE_EQ(b.signed_distance({3, 0, 0}), 2);
  EXPECT_DOUBLE_EQ(b.signed_distance({2, 3, 0}), std::sqrt(2.0));
  expect_vec(b.normal({1.5, 0, 0}), {1, 0, 0}, 1e-9);
  const BoxSolid slab({0, 0, 0.5}, {1e30, 1e30, 1});  // unbounded layer
  EXPECT_DOUBLE_EQ(slab.signed_distance({1e3, -1e3, 0.25}), -0.25);
  EXPECT_DOUBLE_EQ(slab.signed_distance({0, 0, 1.5}), 0.5);
  const CylinderSolid c({0, 0, 0}, 1, 2, 2);
  EXPECT_DOUBLE_EQ(c.signed_distance({0, 0, 0}), -1);
  EXPECT_DOUBLE_EQ(c.signed_distance({0, 2, 0}), 1);
  EXPECT_DOUBLE_EQ(c.signed_distance({0, 0, 1.5}), 0.5);
  EXPECT_NEAR(c.signed_distance({0, 1.3, 1.4}), 0.5, 1e-12);
  const CylinderSolid cx({0, 0, 0}, 1, 2, 0);  // along x
  EXPECT_DOUBLE_EQ(cx.signed_distance({1.5, 0, 0}), 0.5);
  EXPECT_DOUBLE_EQ(cx.signed_distance({0, 0, 1.5}), 0.5);
}

TEST(Solids, SphereDistanceAndNormal) {
  SphereSolid s({1, 2, 3}, 2);
  EXPECT_DOUBLE_EQ(s.signed_distance({1, 2, 3}), -2);
  EXPECT_DOUBLE_EQ(s.signed_distance({1, 2, 6}), 1);
  EXPECT_DOUBLE_EQ(s.signed_distance({1, 2, 4}), -1);
  EXPECT_NEAR(s.signed_distance({1 + 2 / std::sqrt(3.0) * 3, 2 + 2 / std::sqrt(3.0) * 3, 3 + 2 / std::sqrt(3.0) * 3}),
              4, 1e-12);
  expect_vec(s.normal({4, 2, 3}), {1, 0, 0}, 1e-12);
  const Bounds b = s.bounds();
  expect_vec(b.lo, {-1, 0, 1}, 0);
  expect_vec(b.hi, {3, 4, 5}, 0);
  const double d = 0.02, v = raster_volume({make_sphere(7, {0, 0, 0}, 1)}, 7, {{-1, -1, -1}, {1, 1, 1}}, d);
  expect_measure("sphere r=1 volume, d=0.02", v, 4 * kPi / 3, 4 * kPi * d);
}

TEST(Solids, RingFullAndSector) {
  const RingSolid ring({0, 0, 0}, 1, 2, 0, 1);
  EXPECT_NEAR(ring.signed_distance({1.5, 0, 0.5}), -0.5, 1e-12);
  EXPECT_NEAR(ring.signed_distance({0, 1.8, 0.5}), -0.2, 1e-12);
  EXPECT_NEAR(ring.signed_distance({3, 0, 0.5}), 1, 1e-12);
  EXPECT_NEAR(ring.signed_distance({0, 0, 0.5}), 1, 1e-12);       // on the axis: the inner wall
  EXPECT_NEAR(ring.signed_distance({0.5, 0, 0.5}), 0.5, 1e-12);   // in the hole
  EXPECT_NEAR(ring.signed_distance({2.3, 0, 1.4}), 0.5, 1e-12);   // beyond the top outer edge
  EXPECT_NEAR(ring.signed_distance({0, -1.5, -0.25}), 0.25, 1e-12);

  // Quarter sector from 0 to 90 deg.
  const RingSolid q({0, 0, 0}, 1, 2, 0, 1, 0, 90);
  EXPECT_NEAR(q.signed_distance({1.5, -0.3, 0.5}), 0.3, 1e-12);    // beyond the 0-deg end face
  EXPECT_NEAR(q.signed_distance({1.5, 0.2, 0.5}), -0.2, 1e-12);    // inside, near that face
  EXPECT_NEAR(q.signed_distance({-1.5, 0, 0.5}), std::hypot(1.5, 1.0), 1e-12);  // nearest: 90-deg face's inner edge
  EXPECT_NEAR(q.signed_distance({0.3, 0.3, 0.5}), 1 - std::hypot(0.3, 0.3), 1e-12);
  EXPECT_NEAR(q.signed_distance({2.5, -0.5, 1.5}), std::sqrt(0.25 + 0.25 + 0.25), 1e-12);  // corner of the end face
  EXPECT_NEAR(q.signed_distance({-1, -1, 0.5}), std::sqrt(5.0), 1e-12);  // opposite quadrant: inner corners
  const Bounds b = q.bounds();
  expect_vec(b.lo, {0, 0, 0}, 1e-12);
  expect_vec(b.hi, {2, 2, 1}, 1e-12);
  // Sector across the +x axis (350 to 10 deg).
  const RingSolid w({0, 0, 0}, 1, 2, 0, 1, 350, 370);
  EXPECT_LT(w.signed_distance({1.5, 0, 0.5}), 0);
  EXPECT_GT(w.signed_distance({0, 1.5, 0.5}), 0);
  // Rasterised area of a 3/4 ring (270 deg) at mid-height.
  const double d = 0.01;
  const double a = raster_area({make_ring(5, {0, 0, 0.5}, 1, 2, 1, 0, 270)}, 5, 2, 0.5, -2, 2, -2, 2, d);
  const double exact = 0.75 * kPi * (4 - 1), perimeter = 0.75 * 2 * kPi * 3 + 2;
  expect_measure("ring sector 270 deg area, d=0.01", a, exact, perimeter * d);
}

TEST(Solids, RingSidewallAngle) {
  const double ang = 80, c = cot_deg(ang);
  const RingSolid ring({0, 0, 0}, 1, 2, 0, 0.5, 0, 360, ang);
  const double outer = 2 - 0.25 * c, inner = 1 + 0.25 * c;  // walls at z = 0.25
  EXPECT_NEAR(ring.signed_distance({outer, 0, 0.25}), 0, 1e-12);
  EXPECT_NEAR(ring.signed_distance({0, inner, 0.25}), 0, 1e-12);
  EXPECT_NEAR(ring.signed_distance({3, 0, 0.25}), (3 - outer) * sin_deg(ang), 1e-12);
  EXPECT_NEAR(ring.signed_distance({0, -1.5, 0.25}), -0.25 + 0.0, 1e-12);  // nearer the top and bottom
  EXPECT_GT(ring.signed_distance({2 - 0.01, 0, 0.45}), 0);  // the wall has moved in at the top
  EXPECT_LT(ring.signed_distance({2 - 0.01, 0, 0.02}), 0);
  expect_vec(ring.normal({outer + 0.01, 0, 0.25}), {sin_deg(ang), 0, cos_deg(ang)}, 1e-6);
  expect_vec(ring.normal({inner - 0.01, 0, 0.25}), {-sin_deg(ang), 0, cos_deg(ang)}, 1e-6);
  // A sector's end faces stay vertical.
  const RingSolid q({0, 0, 0}, 1, 2, 0, 0.5, 0, 90, ang);
  EXPECT_NEAR(q.signed_distance({1.5, -0.1, 0.25}), 0.1, 1e-12);
  EXPECT_NEAR(q.signed_distance({1.5, -0.1, 0.45}), 0.1, 1e-12);
  expect_vec(q.normal({1.5, -0.05, 0.25}), {0, -1, 0}, 1e-6);
  // Volume: a solid of revolution of the trapezoid section (Pappus).
  const double h = 0.5, section = h * (1 - h * c);  // widths 1 at the base, 1 - 2 h c at the top
  const double centroid = 1.5;                         // the section is symmetric about rho = 1.5
  const double d = 0.01;
  const double v = raster_volume({Shape{9, std::make_shared<RingSolid>(ring)}}, 9, {{-2, -2, 0}, {2, 2, 0.5}}, d);
  const double surface = 2 * kPi * 1.5 * 2 + 2 * kPi * 3 * 0.5;
  expect_measure("ring 80 deg walls volume, d=0.01", v, 2 * kPi * centroid * section, surface * d);
}

const std::vector<Vec2> kL{{0, 0}, {2, 0}, {2, 1}, {1, 1}, {1, 2}, {0, 2}};  // concave corner at (1, 1)

TEST(Solids, PolygonPrismConcaveEitherOrientation) {
  std::vector<Vec2> cw(kL.rbegin(), kL.rend());
  EXPECT_GT(polygon_area(kL), 0);
  EXPECT_LT(polygon_area(cw), 0);
  for (const auto& poly : {kL, cw}) {
    const PolygonPrism p(poly, 0, 1);
    EXPECT_NEAR(p.signed_distance({0.5, 0.5, 0.5}), -0.5, 1e-12);
    EXPECT_NEAR(p.signed_distance({1.5, 0.8, 0.3}), -0.2, 1e-12);
    EXPECT_NEAR(p.signed_distance({1.5, 1.5, 0.5}), 0.5, 1e-12);  // in the notch
    EXPECT_NEAR(p.signed_distance({0.5, 0.5, 0.5}), -0.5, 1e-12);
    EXPECT_NEAR(polygon_signed_distance(poly, {0.8, 0.9}), -std::hypot(0.2, 0.1), 1e-12);  // nearest: the concave vertex
    EXPECT_NEAR(p.signed_distance({1.2, 1.5, 0.5}), 0.2, 1e-12);
    EXPECT_NEAR(p.signed_distance({3, 0.5, 0.5}), 1, 1e-12);
    EXPECT_NEAR(p.signed_distance({3, 0.5, 1.5}), std::hypot(1, 0.5), 1e-12);
    EXPECT_NEAR(p.signed_distance({0.5, 0.5, -0.2}), 0.2, 1e-12);
    EXPECT_NEAR(polygon_signed_distance(poly, {0.5, 1.5}), -0.5, 1e-12);
    const Bounds b = p.bounds();
    expect_vec(b.lo, {0, 0, 0}, 0);
    expect_vec(b.hi, {2, 2, 1}, 0);
  }
  // Many vertices (chunked search) against the plain loop: a 500-gon star.
  std::vector<Vec2> star;
  for (int i = 0; i < 500; ++i) {
    const double r = i % 2 ? 1.0 : 0.6, t = 2 * kPi * i / 500;
    star.push_back({r * std::cos(t), r * std::sin(t)});
  }
  const PolygonPrism s(star, 0, 1);
  double worst = 0;
  for (int i = 0; i < 2000; ++i) {
    const double x = -1.5 + 3.0 * ((i * 7919) % 2000) / 2000, y = -1.5 + 3.0 * ((i * 104729) % 1999) / 1999;
    worst = std::max(worst, std::abs(s.polygon_distance(x, y) - polygon_signed_distance(star, {x, y})));
  }
  EXPECT_LT(worst, 1e-12);
  // Points level with vertices (a crossing ray through a vertex counts once).
  int disagree = 0;
  for (std::size_t i = 0; i < star.size(); ++i)
    for (double x : {-1.2, -0.7, -0.1, 0.3, 0.8, 1.2})
      disagree += (s.polygon_distance(x, star[i].y) < 0) != polygon_contains(star, {x, star[i].y});
  EXPECT_EQ(disagree, 0);
}

TEST(Solids, PolygonPrismSidewallAngle) {
  const double ang = 80, c = cot_deg(ang), h = 0.22;
  const PolygonPrism sq({{0, 0}, {2, 0}, {2, 2}, {0, 2}}, 0, h, ang);
  // Distance to the sloped wall facing +x: (u + z cot) sin(angle) where the foot lies on the
  // wall, else to the wall's bottom edge.
  EXPECT_NEAR(sq.signed_distance({2.1, 1, 0.2}), (0.1 + 0.2 * c) * sin_deg(ang), 1e-12);
  EXPECT_NEAR(sq.signed_distance({3, 1, 0.11}), std::hypot(1, 0.11), 1e-12);
  EXPECT_NEAR(sq.signed_distance({2 - 0.2 * c, 1, 0.2}), 0, 1e-12);  // on the wall at z = 0.2
  EXPECT_NEAR(sq.signed_distance({1, 1, 0.11}), -0.11, 1e-12);
  EXPECT_NEAR(sq.signed_distance({1.99, 1, 0.11}), (-0.01 + 0.11 * c) * sin_deg(ang), 1e-12);  // outside: > 0
  EXPECT_GT(sq.signed_distance({1.99, 1, 0.11}), 0);
  expect_vec(sq.normal({2.05, 1, 0.11}), {sin_deg(ang), 0, cos_deg(ang)}, 1e-6);
  expect_vec(sq.normal({1, -0.05, 0.11}), {0, -sin_deg(ang), cos_deg(ang)}, 1e-6);
  // Volume of the square frustum.
  const double top = 2 - 2 * h * c;
  const double exact = h / 3 * (4 + top * top + 2 * top), prism = 4 * h;
  const double d = 0.005;
  const double v = raster_volume({Shape{9, std::make_shared<PolygonPrism>(sq)}}, 9, {{0, 0, 0}, {2, 2, h}}, d);
  expect_measure("square prism 80 deg walls volume, d=0.005", v, exact, (8 + 8 * h) * d);
  EXPECT_LT(std::abs(v - exact), 0.1 * std::abs(prism - exact)) << "the sloped walls are resolved";

  // Concave corner: the inset by s rounds it (points within s of the concave vertex go).
  const double s = 0.3;
  const PolygonPrism l(kL, 0, 0.5, 45);
  EXPECT_LT(l.signed_distance({0.75, 0.75, s}), 0);  // dist 0.354 > s from (1, 1): kept
  EXPECT_NEAR(l.signed_distance({0.75, 0.75, s}), -(std::hypot(0.25, 0.25) - s) * sin_deg(45), 1e-12);
  EXPECT_GT(l.signed_distance({0.8, 0.8, s}), 0);  // dist 0.283 < s: gone
  // The slice at height s: the exact inset (sharp convex corners, a quarter circle at the
  // concave one) has area (1 - 2 s)(3 - 2 s) + (1 - pi / 4) s^2.
  const double dd = 0.002;
  const double a = raster_area({Shape{9, std::make_shared<PolygonPrism>(l)}}, 9, 2, s, 0, 2, 0, 2, dd, false);
  expect_measure("L prism 45 deg slice at z=0.3, d=0.002", a, (1 - 2 * s) * (3 - 2 * s) + (1 - kPi / 4) * s * s,
                 (8 - 8 * s) * dd);
}

TEST(Solids, ArrayTranslatedClipped) {
  auto ball = std::make_shared<SphereSolid>(Vec3{0, 0, 0}, 0.5);
  const ArraySolid arr(ball, 3, 2, 2, 3);
  EXPECT_EQ(arr.count(), 6u);
  EXPECT_NEAR(arr.signed_distance({4, 3, 0}), -0.5, 1e-12);
  EXPECT_NEAR(arr.signed_distance({5, 3, 0}), 0.5, 1e-12);
  EXPECT_NEAR(arr.signed_distance({1, 0, 0}), 0.5, 1e-12);
  EXPECT_NEAR(arr.signed_distance({100, 0, 0}), 95.5, 1e-12);
  EXPECT_NEAR(arr.signed_distance({2, 1.5, 0}), 1, 1e-12);
  expect_vec(arr.normal({2, 3.7, 0}), {0, 1, 0}, 1e-9);
  const Bounds b = arr.bounds();
  expect_vec(b.lo, {-0.5, -0.5, -0.5}, 0);
  expect_vec(b.hi, {4.5, 3.5, 0.5}, 0);
  const ArraySolid free(ball, {{0, 0, 0}, {10, 0, 0}, {0, 0, 7}});
  EXPECT_NEAR(free.signed_distance({10, 0, 1}), 0.5, 1e-12);
  EXPECT_NEAR(free.signed_distance({0, 0, 3.5}), 3, 1e-12);
  const TranslatedSolid t(ball, {1, 1, 1});
  EXPECT_NEAR(t.signed_distance({1, 1, 2}), 0.5, 1e-12);
  expect_vec(t.normal({1, 1, 2}), {0, 0, 1}, 1e-12);

  // A box clipped by the plane x = 0.5.
  auto box = std::make_shared<BoxSolid>(Vec3{0, 0, 0}, Vec3{2, 2, 2});
  const ClippedSolid cut(box, {0.5, 0, 0}, {1, 0, 0});
  EXPECT_NEAR(cut.signed_distance({0.7, 0, 0}), 0.2, 1e-12);
  EXPECT_NEAR(cut.signed_distance({0.4, 0, 0}), -0.1, 1e-12);
  EXPECT_NEAR(cut.signed_distance({1.5, 2, 0}), std::sqrt(2.0), 1e-12);  // to the cut edge
  EXPECT_NEAR(cut.signed_distance({-0.5, 0, 0}), -0.5, 1e-12);
  EXPECT_NEAR(cut.bounds().hi.x, 0.5, 0);
}

TEST(Solids, PathOutline) {
  const std::vector<Vec2> l = path_outline({{0, 5}, {4, 5}, {4, 8}}, 0.5);
  EXPECT_NEAR(polygon_area(l), 3.5, 1e-12);  // counter-clockwise, mitred corner
  EXPECT_TRUE(polygon_contains(l, {4.2, 4.8}));
  EXPECT_FALSE(polygon_contains(l, {2, 5.3}));
  const std::vector<Vec2> e = path_outline({{0, 0}, {3, 0}}, std::vector<double>{1, 2}, 0.5, 0.5);
  EXPECT_NEAR(polygon_area(e), 4 * 1.5, 1e-12);  // trapezoid 3 x (1 + 2)/2 plus two end strips
}

// ---- components -------------------------------------------------------------------------

TEST(Components, StraightStripAndRib) {
  StraightParams p;
  const Component c = straight_waveguide(p, kSoi);
  EXPECT_EQ(mat(c, 5, 0, 0.11), kCore);
  EXPECT_EQ(mat(c, 5, 0.3, 0.11), kClad);
  EXPECT_EQ(mat(c, 5, 0, 0.25), kClad);
  EXPECT_EQ(mat(c, 5, 0, -1), kBox);
  EXPECT_EQ(mat(c, 5, 0, -2.5), kSub);
  EXPECT_EQ(mat(c, -0.1, 0, 0.11), kClad);
  expect_vec(c.port("out").center, {10, 0, 0.11}, 1e-12);
  EXPECT_THROW(c.port("nope"), std::out_of_range);
  const ComponentMaterials named = soi_materials([](const std::string& n) { return n == "Si" ? 5 : n == "SiO2" ? 6 : -1; });
  EXPECT_EQ(named.core, 5);
  EXPECT_EQ(named.substrate, 5);
  EXPECT_EQ(named.box, 6);
  EXPECT_EQ(named.cladding, 6);
  EXPECT_EQ(soi_materials([](const std::string&) { return 1; }, true).cladding, -1);
  EXPECT_THROW(straight_waveguide(p, ComponentMaterials{}), std::invalid_argument);
  const double d = 0.01;
  expect_measure("strip 10 x 0.5 area, d=0.01", raster_area(of(c.shapes, kCore), kCore, 2, 0.11, -1, 11, -1, 1, d), 5,
                 21 * d);
  // Rotated by 30 deg.
  StraightParams r = p;
  r.angle_deg = 30;
  const Component cr = straight_waveguide(r, kSoi);
  EXPECT_EQ(mat(cr, 5 * cos_deg(30), 5 * sin_deg(30), 0.11), kCore);
  expect_measure("strip at 30 deg area, d=0.01",
                 raster_area(of(cr.shapes, kCore), kCore, 2, 0.11, -1, 10, -1, 6, d), 5, 21 * d);
  // Rib: 90 nm slab, unbounded and 3 um wide.
  StraightParams rib = p;
  rib.xs.slab_thickness = 0.09;
  const Component cu = straight_waveguide(rib, kSoi);
  EXPECT_EQ(mat(cu, 5, 2, 0.05), kCore);
  EXPECT_EQ(mat(cu, 5, 2, 0.15), kClad);
  EXPECT_EQ(mat(cu, 5, 0, 0.15), kCore);
  rib.xs.slab_width = 3;
  const Component cf = straight_waveguide(rib, kSoi);
  EXPECT_EQ(mat(cf, 5, 2, 0.05), kClad);
  EXPECT_EQ(mat(cf, 5, 1.2, 0.05), kCore);
  EXPECT_EQ(mat(cf, 5, 1.2, 0.15), kClad);
  // Sloped walls: the cross-section is a trapezoid of area t (w - t cot).
  StraightParams s = p;
  s.xs.sidewall_deg = 80;
  const Component cs = straight_waveguide(s, kSoi);
  const double dd = 0.002, t = 0.22, c80 = cot_deg(80);
  expect_measure("strip 80 deg walls cross-section, d=0.002",
                 raster_area(of(cs.shapes, kCore), kCore, 0, 5, -0.5, 0.5, 0, 0.22, dd, false), t * (0.5 - t * c80),
                 2 * (0.5 + t) * dd);
  EXPECT_EQ(mat(cs, 5, 0.245, 0.01), kCore);
  EXPECT_EQ(mat(cs, 5, 0.245, 0.21), kClad);
}

TEST(Components, CircularAndEulerBends) {
  BendParams b;
  const Component c = circular_bend(b, kSoi);
  expect_vec(c.port("out").center, {5, 5, 0.11}, 1e-12);
  EXPECT_DOUBLE_EQ(c.port("out").angle_deg, 90);
  const Vec2 mid{5 * sin_deg(45), 5 - 5 * cos_deg(45)};
  EXPECT_EQ(mat(c, mid.x, mid.y, 0.11), kCore);
  EXPECT_EQ(mat(c, mid.x + 0.4 * cos_deg(-45), mid.y + 0.4 * sin_deg(-45), 0.11), kClad);
  const double d = 0.01;
  expect_measure("circular bend R=5 90 deg area, d=0.01",
                 raster_area(of(c.shapes, kCore), kCore, 2, 0.11, -1, 6, -1, 6, d), 5 * 0.5 * kPi / 2,
                 (2 * 5 * kPi / 2 + 1) * d);
  // Right turn by 60 deg.
  BendParams r = b;
  r.angle_deg = -60;
  const Component cr = circular_bend(r, kSoi);
  expect_vec(cr.port("out").center, {5 * sin_deg(60), -5 + 5 * cos_deg(60), 0.11}, 1e-12);

  // Full Euler bend: curvature linear in arc length, 1/R at the middle.
  const double r0 = 5;
  const std::vector<Vec2> line = euler_centre_line(r0, 90, 1, 0.01);
  const double length = r0 * kPi / 2 * 2;
  EXPECT_NEAR(path_length_for_test(line), length, 1e-5);
  auto curvature_at = [&](double frac) {
    const std::size_t i = static_cast<std::size_t>(std::lround(frac * (line.size() - 1)));
    const Vec2 a = line[i - 1], m = line[i], e = line[i + 1];
    const double cross = (m.x - a.x) * (e.y - m.y) - (m.y - a.y) * (e.x - m.x);
    return 2 * cross / (std::hypot(m.x - a.x, m.y - a.y) * std::hypot(e.x - m.x, e.y - m.y) *
                        std::hypot(e.x - a.x, e.y - a.y));
  };
  EXPECT_NEAR(curvature_at(0.25), 0.5 / r0, 1e-4);
  EXPECT_NEAR(curvature_at(0.125), 0.25 / r0, 1e-4);
  EXPECT_NEAR(curvature_at(0.5), 1 / r0, 3e-4);  // the peak of a tent, sampled by 3 points
  EXPECT_NEAR(curvature_at(0.75), 0.5 / r0, 1e-4);
  EXPECT_NEAR(line.back().x, line.back().y, 1e-9);  // symmetric about the bisector
  // Partial Euler (p = 0.4): the middle 60 % of the angle at constant curvature 1/R.
  const std::vector<Vec2> part = euler_centre_line(r0, 90, 0.4, 0.01);
  EXPECT_NEAR(path_length_for_test(part), r0 * kPi / 2 * 1.4, 1e-5);
  EulerBendParams e;
  const Component ce = euler_bend(e, kSoi);
  EXPECT_NEAR(ce.port("out").center.x, ce.port("out").center.y, 1e-9);
  expect_measure("Euler bend p=1 area = length x width, d=0.01",
                 raster_area(of(ce.shapes, kCore), kCore, 2, 0.11, -1, 12, -1, 12, d), length * 0.5,
                 (2 * length + 1) * d);
}

TEST(Components, TaperCouplerMmi) {
  TaperParams t;
  const Component ct = linear_taper(t, kSoi);
  const double d = 0.01;
  expect_measure("taper 0.5 -> 3 over 10 area, d=0.01",
                 raster_area(of(ct.shapes, kCore), kCore, 2, 0.11, -1, 11, -2, 2, d), 10 * 1.75, 24 * d);
  EXPECT_EQ(mat(ct, 9.9, 1.4, 0.11), kCore);
  EXPECT_EQ(mat(ct, 0.1, 0.4, 0.11), kClad);

  DirectionalCouplerParams p;
  const Component dc = directional_coupler(p, kSoi);
  const double xm = p.lead_length + p.sbend_length + 0.5 * p.coupling_length, yc = 0.5 * (p.gap + 0.5);
  EXPECT_EQ(mat(dc, xm, 0, 0.11), kClad);        // in the gap
  EXPECT_EQ(mat(dc, xm, 0.09, 0.11), kClad);
  EXPECT_EQ(mat(dc, xm, yc, 0.11), kCore);       // upper guide
  EXPECT_EQ(mat(dc, xm, -yc, 0.11), kCore);      // lower guide
  EXPECT_EQ(mat(dc, xm, 0.11, 0.11), kCore);     // gap edge at 0.1
  expect_vec(dc.port("in1").center, {0, yc + 2, 0.11}, 1e-12);
  expect_vec(dc.port("out2").center, {34, -yc - 2, 0.11}, 1e-12);
  const double arm = dc.info.at("arm_length");
  expect_measure("directional coupler area = 2 arms x width, d=0.01",
                 raster_area(of(dc.shapes, kCore), kCore, 2, 0.11, -0.5, 34.5, -3, 3, d), 2 * arm * 0.5,
                 4 * (arm + 0.5) * d);

  MmiParams m;
  const Component c1 = mmi(m, kSoi);
  const double we = 3 + 1.55 / (kPi * std::sqrt(2.85 * 2.85 - 1.444 * 1.444));
  const double lpi = 4 * 2.85 * we * we / (3 * 1.55);
  EXPECT_NEAR(c1.info.at("length"), 3 * lpi / 8, 1e-12);
  EXPECT_NEAR(c1.port("out1").center.y, we / 4, 1e-12);
  EXPECT_NEAR(c1.port("out2").center.y, -we / 4, 1e-12);
  const double xb0 = 5, xb1 = 5 + c1.info.at("length"), total = c1.info.at("total_length");
  EXPECT_EQ(mat(c1, 0.5 * (xb0 + xb1), 1.45, 0.11), kCore);
  EXPECT_EQ(mat(c1, 0.5 * (xb0 + xb1), 1.55, 0.11), kClad);
  EXPECT_EQ(mat(c1, xb1 + 1, 0, 0.11), kClad);  // between the output tapers
  EXPECT_EQ(mat(c1, xb1 + 1, we / 4, 0.11), kCore);
  const double exact = 3 * c1.info.at("length") + 3 * (2 * 0.5 + 3 * 0.75);
  expect_measure("MMI 1x2 area, d=0.01", raster_area(of(c1.shapes, kCore), kCore, 2, 0.11, -0.5, total + 0.5, -2, 2, d), exact,
                 (2 * total + 6 + 6 * 10) * d);
  m.inputs = 2;
  m.taper_width = 0.8;
  const Component c2 = mmi(m, kSoi);
  EXPECT_NEAR(c2.info.at("length"), lpi / 2, 1e-12);
  EXPECT_NEAR(c2.port("in1").center.y, we / 6, 1e-12);
  EXPECT_NEAR(c2.port("out2").center.y, -we / 6, 1e-12);
  m.taper_width = 1.2;
  EXPECT_THROW(mmi(m, kSoi), std::invalid_argument);
}

TEST(Components, EdgeCoupler) {
  EdgeCouplerParams p;
  const Component c = edge_coupler(p, kSoi);
  EXPECT_EQ(mat(c, -0.05, 0, 0.11), kBg);  // beyond the facet: air, at every height
  EXPECT_EQ(mat(c, -0.05, 0, -1), kBg);
  EXPECT_EQ(mat(c, -0.05, 0, -3), kBg);
  EXPECT_EQ(mat(c, 0.05, 0, 0.11), kCore);
  EXPECT_EQ(mat(c, 0.05, 0.1, 0.11), kClad);  // the tip is 180 nm wide
  EXPECT_EQ(mat(c, 0.05, 0, -1), kBox);
  EXPECT_EQ(mat(c, 51, 0.2, 0.11), kCore);
  const double d = 0.01;
  expect_measure("edge coupler taper + lead area, d=0.01",
                 raster_area(of(c.shapes, kCore), kCore, 2, 0.11, -1, 53, -1, 1, d), 50 * 0.34 + 2 * 0.5,
                 (2 * 52 + 1) * d);
  // Sloped walls with the tip on the facet: the facet stays a vertical plane.
  p.xs.sidewall_deg = 80;
  const Component s = edge_coupler(p, kSoi);
  EXPECT_EQ(mat(s, 0.002, 0, 0.2), kCore);
  EXPECT_EQ(mat(s, -0.002, 0, 0.2), kBg);
}

TEST(Components, RingResonator) {
  RingParams p;
  p.doped.push_back({45, 135, 7, 0});
  const Component c = ring_resonator(p, kSoi);
  const double r = 5, yb = -(5 + 0.25 + 0.2 + 0.25);
  EXPECT_EQ(mat(c.shapes, 0, r, 0.11), kCore);
  EXPECT_EQ(mat(c, 0, r, 0.11), 7);          // the doped arc over the top
  EXPECT_EQ(mat(c, 0, -r, 0.11), kCore);     // not at the bottom
  EXPECT_EQ(mat(c, r, 0, 0.11), kCore);
  EXPECT_EQ(mat(c, 0, 0, 0.11), kClad);      // centre
  EXPECT_EQ(mat(c, 0, -5.35, 0.11), kClad);  // in the gap
  EXPECT_EQ(mat(c, 0, yb, 0.11), kCore);     // bus
  EXPECT_EQ(mat(c, 0, -yb, 0.11), kClad);    // no drop bus
  EXPECT_DOUBLE_EQ(c.port("through").center.y, yb);
  const double d = 0.01, lb = 20;
  expect_measure("ring R=5 + bus area, d=0.01",
                 raster_area(of(c.shapes, kCore), kCore, 2, 0.11, -10.5, 10.5, -6.5, 5.5, d),
                 2 * kPi * r * 0.5 + lb * 0.5, (4 * kPi * r + 2 * lb) * d);
  const double doped = raster_area(of(c.regions, 7), 7, 2, 0.11, -6, 6, -6, 6, d);
  expect_measure("doped arc 90 deg area, d=0.01", doped, 0.25 * 2 * kPi * r * 0.5, (kPi * r + 1) * d);
  p.add_drop = true;
  const Component ad = ring_resonator(p, kSoi);
  EXPECT_EQ(mat(ad, 0, -yb, 0.11), kCore);
  EXPECT_DOUBLE_EQ(ad.port("drop").center.x, -10);
  EXPECT_DOUBLE_EQ(ad.port("add").center.x, 10);
  p.doped[0].material = -1;
  EXPECT_THROW(ring_resonator(p, kSoi), std::invalid_argument);
}

TEST(Components, MachZehnder) {
  MziParams p;
  p.ps_material_upper = 7;
  p.ps_material_lower = 8;
  p.delay_length = 20;
  p.delta_length = 3;
  const Component c = mach_zehnder(p, kSoi);
  EXPECT_NEAR(c.info.at("delta_length"), 3, 2e-3);
  const double xps = 0.5 * (c.info.at("ps_x0") + c.info.at("ps_x1"));
  EXPECT_EQ(mat(c, xps, 3, 0.11), 7);
  EXPECT_EQ(mat(c, xps, -3, 0.11), 8);
  EXPECT_EQ(mat(c.shapes, xps, 3, 0.11), kCore);
  EXPECT_EQ(mat(c, xps, 3.3, 0.11), kClad);
  EXPECT_EQ(mat(c, xps, 0, 0.11), kClad);
  // The lower arm's bump reaches below its straight line in the delay section.
  const double xd = c.info.at("ps_x1") + 10;
  EXPECT_EQ(mat(c, xd, -3, 0.11), kClad);
  EXPECT_EQ(mat(c, xd, 3, 0.11), kCore);
  EXPECT_EQ(mat(c, 1, 0, 0.11), kCore);  // input lead
  const Port out = c.port("out");
  EXPECT_EQ(mat(c, out.center.x - 0.5, 0, 0.11), kCore);
  EXPECT_NEAR(out.center.x, c.info.at("length"), 1e-12);
  // Y branch, one phase shifter.
  p.splitter = Splitter::y_branch;
  p.arms = PhaseShifterArms::upper;
  p.delta_length = 0;
  p.delay_length = 0;
  const Component y = mach_zehnder(p, kSoi);
  EXPECT_EQ(mat(y, 2.5, 0, 0.11), kCore);  // junction
  EXPECT_EQ(mat(y, 2 + 10 + 10, -3, 0.11), kCore);
  EXPECT_EQ(mat(y, 2 + 10 + 10, 3, 0.11), 7);
  EXPECT_NEAR(y.info.at("arm_length_upper"), y.info.at("arm_length_lower"), 1e-9);
  const double d = 0.02, arms = y.info.at("arm_length_upper") + y.info.at("arm_length_lower");
  // Arms overlap near the junctions, so compare the core away from them: the straight section.
  expect_measure("MZI arms in the phase section, d=0.02",
                 raster_area(of(y.shapes, kCore), kCore, 2, 0.11, y.info.at("ps_x0"), y.info.at("ps_x1"), -4, 4, d),
                 2 * 20 * 0.5, 4 * 20 * d);
  EXPECT_GT(arms, 2 * 40);
}

TEST(Components, GratingCouplerUniform) {
  GratingCouplerParams p;
  const Component c = grating_coupler(p, kSoi);
  const double gap = 0.315, tooth = 0.315, e = 0.07, zt = 0.22, period = 0.63;
  EXPECT_EQ(mat(c, gap + 0.5 * tooth, 0, zt - 0.01), kCore);           // tooth
  EXPECT_EQ(mat(c, 0.5 * gap, 0, zt - 0.01), kClad);                   // trench
  EXPECT_EQ(mat(c, 0.5 * gap, 0, zt - e - 0.01), kCore);               // under the trench
  EXPECT_EQ(mat(c, 24 * period + 0.5 * gap, 5.9, zt - 0.01), kClad);   // last trench, near the side
  EXPECT_EQ(mat(c, 25 * period + 0.5, 0, zt - 0.01), kCore);           // tail
  EXPECT_EQ(mat(c, -2, 5.9, zt - 0.01), kCore);                        // lead, grating-wide
  EXPECT_EQ(mat(c, 0.5 * gap, 6.5, 0.1), kClad);                       // beside the grating
  EXPECT_EQ(mat(c, 3, 0, -1), kBox);
  // Count the teeth along the axis just under the top.
  int teeth = 0, prev = kClad;
  for (double x = -0.0005; x < 25 * period + 0.5; x += 0.001) {
    const int m = mat(c, x, 0, zt - 0.01);
    if (m == kClad && prev == kCore) ++teeth;
    prev = m;
  }
  EXPECT_EQ(teeth, 25);
  // xz section at y = 0: the slab less the trenches.
  const double d = 0.002, x1 = 25 * period + 1;
  expect_measure("uniform grating xz section, d=0.002", raster_area(c.shapes, kCore, 1, 0, 0, x1, 0, zt, d, false),
                 x1 * zt - 25 * gap * e, (2 * x1 + 50 * e) * d);
  // Sloped walls (80 deg): trenches widen upwards, area gap e + e^2 cot each.
  GratingCouplerParams s = p;
  s.xs.sidewall_deg = 80;
  const Component cs = grating_coupler(s, kSoi);
  const double c80 = cot_deg(80);
  expect_measure("grating 80 deg walls xz section, d=0.002", raster_area(cs.shapes, kCore, 1, 0, 0, x1, 0, zt, d, false),
                 x1 * zt - 25 * (gap * e + e * e * c80) - 0.5 * zt * zt * c80, (2 * x1 + 50 * e) * d);
  EXPECT_EQ(mat(cs, gap + 0.5 * e * c80, 0, zt - 0.005), kClad);  // the tooth's top is narrower
  EXPECT_EQ(mat(cs, gap + 0.5 * e * c80, 0, zt - e + 0.005), kCore);
}

TEST(Components, GratingCouplerVariants) {
  const double zt = 0.22;
  // Apodised: listed teeth with their own etch depths; full etch on the second.
  GratingCouplerParams a;
  a.teeth = {{0.2, 0.4, 0.07}, {0.3, 0.3, 0.22}, {0.4, 0.2, -1}};
  const Component ca = grating_coupler(a, kSoi);
  EXPECT_EQ(mat(ca, 0.1, 0, zt - 0.01), kClad);
  EXPECT_EQ(mat(ca, 0.1, 0, 0.1), kCore);
  EXPECT_EQ(mat(ca, 0.6 + 0.15, 0, 0.01), kClad);  // full etch down to the BOX
  EXPECT_EQ(mat(ca, 0.6 + 0.15, 0, -0.01), kBox);
  EXPECT_EQ(mat(ca, 0.6 + 0.3 + 0.15, 0, zt - 0.01), kCore);
  EXPECT_EQ(mat(ca, 1.2 + 0.2, 0, zt - 0.01), kClad);
  EXPECT_EQ(mat(ca, 1.2 + 0.2, 0, zt - 0.08), kCore);  // default etch 0.07
  const std::vector<GratingTooth> t = apodised_teeth({0.6, 0.7}, {0.5, 0.4}, {0.07, 0.1});
  EXPECT_NEAR(t[1].gap, 0.42, 1e-12);
  EXPECT_NEAR(t[1].tooth, 0.28, 1e-12);
  EXPECT_THROW(apodised_teeth({0.6}, {0.5, 0.4}), std::invalid_argument);
  // Unbounded width (2D runs) with a metal reflector and with a DBR.
  GratingCouplerParams r;
  r.width = 0;
  r.reflector = Reflector::metal;
  r.metal_material = 9;
  const Component cm = grating_coupler(r, kSoi);
  EXPECT_EQ(mat(cm, 5, 0, -2.05), 9);
  EXPECT_EQ(mat(cm, 5, 0, -2.15), kSub);
  EXPECT_EQ(mat(cm, 5, 300, 0.2), kCore);
  r.reflector = Reflector::dbr;
  r.dbr_high_material = 10;
  r.dbr_low_material = 11;
  const Component cd = grating_coupler(r, kSoi);
  EXPECT_EQ(mat(cd, 5, 0, -2.05), 10);
  EXPECT_EQ(mat(cd, 5, 0, -2.111 - 0.1), 11);
  EXPECT_EQ(mat(cd, 5, 0, -2.379 - 0.05), 10);
  EXPECT_EQ(mat(cd, 5, 0, -2.758 - 0.05), kSub);
  r.dbr_low_material = -1;
  EXPECT_THROW(grating_coupler(r, kSoi), std::invalid_argument);
  // Air cladding needs the trench material.
  GratingCouplerParams air;
  ComponentMaterials m = kSoi;
  m.cladding = -1;
  EXPECT_THROW(grating_coupler(air, m), std::invalid_argument);
  air.trench_material = kBg;
  EXPECT_EQ(mat(grating_coupler(air, m), 0.1, 0, zt - 0.01), kBg);
  // Focusing: ring-sector teeth about the focal point.
  GratingCouplerParams f;
  f.focusing = true;
  const Component cf = grating_coupler(f, kSoi);
  const Vec2 fp{-15, 0};
  auto at = [&](double r, double deg) { return mat(cf, fp.x + r * cos_deg(deg), fp.y + r * sin_deg(deg), zt - 0.01); };
  EXPECT_EQ(at(15 + 0.15, 0), kClad);           // first trench
  EXPECT_EQ(at(15 + 0.15, 15), kClad);          // curved: same radius off axis
  EXPECT_EQ(at(15 + 0.315 + 0.15, 15), kCore);  // first tooth
  EXPECT_EQ(at(10, 15), kCore);                 // the sector taper
  EXPECT_EQ(at(10, 25), kClad);                 // outside the 40 deg aperture
  EXPECT_EQ(at(15 + 0.15, 25), kClad);
  EXPECT_EQ(mat(cf, -15 + 0.6, 0, 0.11), kCore);  // where the lead meets the taper
}

TEST(Components, LaserStack) {
  LaserStackParams p;
  p.substrate_material = 20;
  p.n_cladding_material = 21;
  p.sch_material = 22;
  p.well_material = 23;
  p.barrier_material = 24;
  p.p_cladding_material = 25;
  p.contact_material = 26;
  p.coatings = {{0.2, 30}, {0.1, 31}};
  const Component c = laser_stack(p);
  const double top = 1 + 0.1 + 0.006 * 5 + 0.01 * 6 + 0.1 + 1.5 + 0.2, ze = top - 1.6;
  EXPECT_NEAR(c.info.at("top_z"), top, 1e-12);
  EXPECT_NEAR(c.info.at("active_z0"), 1.1, 1e-12);
  EXPECT_NEAR(c.info.at("active_z1"), 1.1 + 0.09, 1e-12);
  EXPECT_EQ(mat(c, -5, 0, -1), 20);
  EXPECT_EQ(mat(c, -5, 0, 0.5), 21);
  EXPECT_EQ(mat(c, -5, 0, 1.05), 22);
  EXPECT_EQ(mat(c, -5, 0, 1.105), 24);          // first barrier
  for (int k = 0; k < 5; ++k) EXPECT_EQ(mat(c, -5, 0, 1.11 + 0.016 * k + 0.003), 23) << "well " << k;
  EXPECT_EQ(mat(c, -5, 0, 1.11 + 0.016 * 4 + 0.006 + 0.005), 24);  // last barrier
  EXPECT_EQ(mat(c, -5, 0, 1.25), 22);
  EXPECT_EQ(mat(c, -5, 0, 2), 25);
  EXPECT_EQ(mat(c, -5, 0, top - 0.1), 26);
  EXPECT_EQ(mat(c, -5, 3, top - 0.1), kBg);     // etched beside the ridge
  EXPECT_EQ(mat(c, -5, 3, ze - 0.05), 25);      // p-cladding left under the etch
  EXPECT_EQ(mat(c, -5, 3, 1.05), 22);
  EXPECT_EQ(mat(c, 0.1, 0, 1.15), 30);          // coatings beyond the facet
  EXPECT_EQ(mat(c, 0.25, 0, 1.15), 31);
  EXPECT_EQ(mat(c, 0.35, 0, 1.15), kBg);
  EXPECT_NEAR(c.port("facet").center.z, 1.145, 1e-12);
  // Sloped ridge: the facet stays vertical; the ridge's yz section is a trapezoid.
  p.ridge_sidewall_deg = 80;
  p.coatings.clear();
  const Component s = laser_stack(p);
  EXPECT_EQ(mat(s, -0.002, 0.5, top - 0.01), 26);
  EXPECT_EQ(mat(s, 0.002, 0.5, top - 0.01), kBg);
  EXPECT_EQ(mat(s, -5, 0.9, top - 0.01), kBg);  // the ridge is narrower at the top
  EXPECT_EQ(mat(s, -5, 0.9, ze + 0.01), 25);
  const double c80 = cot_deg(80), d = 0.002;
  expect_measure("laser ridge 80 deg yz section, d=0.002",
                 raster_area(s.shapes, 25, 0, -5, -2, 2, ze, top, d, false) + raster_area(s.shapes, 26, 0, -5, -2, 2, ze, top, d, false),
                 1.6 * (2 - 1.6 * c80), 2 * (2 + 1.6) * d);
  p.barriers = 2;
  EXPECT_THROW(laser_stack(p), std::invalid_argument);
  p.barriers = 4;  // wells - 1: wells first and last
  const Component w = laser_stack(p);
  EXPECT_EQ(mat(w, -5, 0, 1.103), 23);
}

// ---- GDSII --------------------------------------------------------------------------------

const char* kGdsScript = R"(
import sys, gdspy
out = sys.argv[1]
lib = gdspy.GdsLibrary(unit=1e-6, precision=1e-9)
top = gdspy.Cell('TOP', exclude_from_current=True)
sub = gdspy.Cell('SUB', exclude_from_current=True)
sub.add(gdspy.Rectangle((0, 0), (1, 2), layer=1, datatype=0))
top.add(gdspy.Rectangle((0, 0), (3, 1), layer=1, datatype=0))
top.add(gdspy.Polygon([(0, 2), (2, 2), (2, 3), (1, 3), (1, 4), (0, 4)], layer=2, datatype=0))
top.add(gdspy.FlexPath([(0, 5), (4, 5), (4, 8)], 0.5, layer=2, datatype=1, gdsii_path=True))
top.add(gdspy.FlexPath([(6, 5), (9, 5)], 0.5, ends='extended', layer=3, datatype=0, gdsii_path=True))
top.add(gdspy.CellReference(sub, (10, 0), rotation=90))
top.add(gdspy.CellArray(sub, 2, 3, (5, 5), (20, 0)))
top.add(gdspy.CellReference(sub, (40, 0), x_reflection=True, magnification=2))
lib.add(top)
lib.add(sub)
lib.write_gds(out + '/layout.gds')
two = gdspy.GdsLibrary(unit=1e-6, precision=1e-9)
for name in ('A', 'B'):
    c = gdspy.Cell(name, exclude_from_current=True)
    c.add(gdspy.Rectangle((0, 0), (1, 1), layer=1))
    two.add(c)
two.write_gds(out + '/two_tops.gds')
dang = gdspy.GdsLibrary(unit=1e-6, precision=1e-9)
c = gdspy.Cell('TOP', exclude_from_current=True)
gone = gdspy.Cell('GONE', exclude_from_current=True)
gone.add(gdspy.Rectangle((0, 0), (1, 1), layer=1))
c.add(gdspy.CellReference(gone, (5, 0)))
dang.add(c)
dang.write_gds(out + '/dangling.gds')
)";

class Gds : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    char tmpl[] = "/tmp/pfdtd_gds_XXXXXX";
    ASSERT_NE(mkdtemp(tmpl), nullptr);
    dir_ = tmpl;
    std::ofstream(dir_ + "/write.py") << kGdsScript;
    const std::string cmd = "/usr/bin/python3 " + dir_ + "/write.py " + dir_;
    ASSERT_EQ(std::system(cmd.c_str()), 0) << "writing the test layout needs /usr/bin/python3 with gdspy "
                                              "(Debian: python3-gdspy, scripts/install-deps.sh)";
  }
  static void TearDownTestSuite() { std::filesystem::remove_all(dir_); }
  static std::string file() { return dir_ + "/layout.gds"; }
  static double total_area(const std::vector<std::vector<Vec2>>& p) {
    double a = 0;
    for (const auto& q : p) a += std::abs(polygon_area(q));
    return a;
  }
  static std::string dir_;
};
std::string Gds::dir_;

TEST_F(Gds, SummaryAndPolygons) {
  const GdsSummary s = gds_summary(file());
  EXPECT_EQ(s.cells, (std::vector<std::string>{"TOP", "SUB"}));
  EXPECT_EQ(s.top_cells, (std::vector<std::string>{"TOP"}));
  EXPECT_NEAR(s.database_unit_um, 1e-3, 1e-15);
  EXPECT_EQ(s.layers, (std::vector<std::pair<int, int>>{{1, 0}, {2, 0}, {2, 1}, {3, 0}}));
  // Layer 1: a rectangle, a rotated reference, a 2 x 3 array, a reflected x2 reference.
  const auto l1 = gds_polygons(file(), "", 1, 0);
  EXPECT_EQ(l1.size(), 1u + 1 + 6 + 1);
  EXPECT_NEAR(total_area(l1), 3 + 2 + 12 + 8, 1e-9);
  EXPECT_NEAR(total_area(gds_polygons(file(), "TOP", 2, 0)), 3, 1e-9);
  EXPECT_NEAR(total_area(gds_polygons(file(), "TOP", 2, 1)), 3.5, 1e-9);   // flush path, mitred corner
  EXPECT_NEAR(total_area(gds_polygons(file(), "TOP", 3, 0)), 1.75, 1e-9);  // extended ends
  EXPECT_NEAR(total_area(gds_polygons(file(), "SUB", 1, 0)), 2, 1e-9);
  EXPECT_NEAR(total_area(gds_polygons(file(), "TOP", 2, 0, 2e-3)), 12, 1e-9);  // explicit scale
}

TEST_F(Gds, ImportedPrisms) {
  const int m = 5;
  const std::vector<Shape> l1 = import_gds(file(), "", 1, 0, 0, 0.22, m);
  std::vector<Shape> l2 = import_gds(file(), "", 2, 0, 0, 0.22, m);
  for (auto& x : import_gds(file(), "", 2, 1, 0, 0.22, m)) l2.push_back(x);
  const std::vector<Shape> l3 = import_gds(file(), "", 3, 0, 0, 0.22, m);
  auto in = [&](const std::vector<Shape>& s, double x, double y) { return mat(s, x, y, 0.11) == m; };
  EXPECT_TRUE(in(l1, 1.5, 0.5));
  EXPECT_FALSE(in(l1, 1.5, 1.1));
  EXPECT_TRUE(in(l1, 9, 0.5));  // SUB rotated by 90 deg at (10, 0): x in [8, 10], y in [0, 1]
  EXPECT_FALSE(in(l1, 10.5, 0.5));
  EXPECT_FALSE(in(l1, 9, 1.5));
  EXPECT_TRUE(in(l1, 25.5, 11));  // array copy (1, 2) at (25, 10)
  EXPECT_FALSE(in(l1, 26.5, 11));
  EXPECT_TRUE(in(l1, 41, -3));  // reflected about x, magnified 2: x in [40, 42], y in [-4, 0]
  EXPECT_FALSE(in(l1, 41, 0.5));
  EXPECT_TRUE(in(l2, 0.5, 3.5));   // L polygon
  EXPECT_FALSE(in(l2, 1.5, 3.5));  // its notch (concave corner at (1, 3))
  EXPECT_TRUE(in(l2, 1.5, 2.5));
  EXPECT_TRUE(in(l2, 4.2, 4.8));   // path: outer mitre corner
  EXPECT_FALSE(in(l2, 2, 5.3));
  EXPECT_TRUE(in(l2, 2, 5.2));
  EXPECT_TRUE(in(l3, 5.8, 5));     // extended path end
  EXPECT_FALSE(in(l3, 5.7, 5));
  EXPECT_FALSE(mat(l1, 1.5, 0.5, 0.3) == m);  // above the prisms
  const double d = 0.02;
  expect_measure("GDS layer 1/0 prisms area, d=0.02", raster_area(l1, m, 2, 0.11, -3, 45, -5, 13, d),
                 25, 62 * d);
  expect_measure("GDS L polygon + path area, d=0.01",
                 raster_area(l2, m, 2, 0.11, -1, 5, 1, 9, 0.01), 3 + 3.5, (8 + 15) * 0.01);
  // Sidewall angle on import: the base polygon at z0, narrower at the top.
  const std::vector<Shape> sl = import_gds(file(), "TOP", 3, 0, 0, 0.22, m, 80);
  EXPECT_TRUE(mat(sl, 5.76, 5, 0.01) == m);
  EXPECT_FALSE(mat(sl, 5.76, 5, 0.21) == m);
}

TEST_F(Gds, ClearErrors) {
  auto message = [](auto&& f) {
    try {
      f();
    } catch (const std::exception& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  const std::string missing = message([] { gds_polygons("/nonexistent/x.gds", "", 1, 0); });
  EXPECT_NE(missing.find("/nonexistent/x.gds"), std::string::npos) << missing;
  const std::string layer = message([] { gds_polygons(file(), "", 7, 0); });
  EXPECT_NE(layer.find("7/0"), std::string::npos) << layer;
  EXPECT_NE(layer.find("2/1"), std::string::npos) << layer;  // lists what is there
  const std::string cell = message([] { gds_polygons(file(), "NOPE", 1, 0); });
  EXPECT_NE(cell.find("NOPE"), std::string::npos) << cell;
  EXPECT_NE(cell.find("SUB"), std::string::npos) << cell;
  const std::string tops = message([] { gds_polygons(dir_ + "/two_tops.gds", "", 1, 0); });
  EXPECT_NE(tops.find("A, B"), std::string::npos) << tops;
  EXPECT_NEAR(total_area(gds_polygons(dir_ + "/two_tops.gds", "B", 1, 0)), 1, 1e-12);
  const std::string garbage = message([] {
    std::ofstream(dir_ + "/bad.gds") << "not a gds file";
    gds_polygons(dir_ + "/bad.gds", "", 1, 0);
  });
  EXPECT_NE(garbage.find("bad.gds"), std::string::npos) << garbage;
  const std::string dangling = message([] { gds_polygons(dir_ + "/dangling.gds", "", 1, 0); });
  EXPECT_NE(dangling.find("GONE"), std::string::npos) << dangling;  // libGDSII alone would exit
  EXPECT_THROW(import_gds(file(), "", 1, 0, 0.22, 0, 5), std::invalid_argument);
}

}  // namespace
}  // namespace pfdtd

// A point or vector in micrometres.
#pragma once
#include <cmath>

namespace pfdtd {

struct Vec3 {
  double x = 0, y = 0, z = 0;
  double operator[](int a) const { return a == 0 ? x : (a == 1 ? y : z); }
  double& operator[](int a) { return a == 0 ? x : (a == 1 ? y : z); }
};

inline Vec3 operator+(Vec3 a, const Vec3& b) { return {a.x + b.x, a.y + b.y, a.z + b.z}; }
inline Vec3 operator-(Vec3 a, const Vec3& b) { return {a.x - b.x, a.y - b.y, a.z - b.z}; }
inline Vec3 operator*(double s, const Vec3& a) { return {s * a.x, s * a.y, s * a.z}; }
inline double dot(const Vec3& a, const Vec3& b) { return a.x * b.x + a.y * b.y + a.z * b.z; }
inline double norm(const Vec3& a) { return std::sqrt(dot(a, a)); }

// An axis-aligned bounding box.
struct Bounds {
  Vec3 lo, hi;
};

}  // namespace pfdtd

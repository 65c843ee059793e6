// One VTKHDF ImageData file (VTK's HDF5 format, version 1): point arrays over a box of
// n[0] x n[1] x n[2] samples given x fastest. Read by ParaView 5.11 (Debian 12) and newer;
// the layout below is what both read (docs/output-format.md, "Snapshots (ParaView)").
#pragma once
#include <cstddef>
#include <string>
#include <vector>

#include "geometry/vec3.hpp"
#include "io/hdf5_util.hpp"

namespace pfdtd::h5 {

struct ImageArray {
  std::string name;
  const float* f32 = nullptr;  // one of the two
  const double* f64 = nullptr;
};

// ParaView 5.11's reader (VTK 9.2 vtkHDFReader::Read) copies six extent values into a
// vector sized for the image's non-flat axes when the WholeExtent is one sample thick along
// y or z: the heap is corrupted, pvpython aborts and then hangs in its crash handler. Newer
// VTK instead drops those axes from the rank it expects of the arrays. A one-sample x is
// read correctly by both. So the image's index axes (i, j, k) are the box's axes with the
// one-sample ones first and `Direction` maps them back to x, y, z; the samples keep their
// order in memory. A line or a point has more than one such axis: those after the first
// are stored two samples deep, the values repeated.
struct ImageLayout {
  int axis[3];      // the x, y, z axis that index axis i, j, k runs along
  int size[3];      // samples stored along i, j, k
  bool repeated;    // some values stored twice (a line or a point)
};

inline ImageLayout image_layout(const int n[3]) {
  ImageLayout l{};
  int next = 0;
  for (bool flat : {true, false})
    for (int a = 0; a < 3; ++a)
      if ((n[a] == 1) == flat) l.axis[next++] = a;
  for (int c = 0; c < 3; ++c) {
    l.size[c] = n[l.axis[c]];
    if (c > 0 && l.size[c] == 1) l.size[c] = 2, l.repeated = true;
  }
  return l;
}

// The values in the stored order (i fastest), each one-sample axis read at its only sample.
template <class T>
std::vector<T> repeat_flat_axes(const T* v, const int n[3], const ImageLayout& l) {
  std::vector<T> out;
  out.reserve(static_cast<std::size_t>(l.size[0]) * l.size[1] * l.size[2]);
  int at[3];
  for (int k = 0; k < l.size[2]; ++k)
    for (int j = 0; j < l.size[1]; ++j)
      for (int i = 0; i < l.size[0]; ++i) {
        const int index[3] = {i, j, k};
        for (int c = 0; c < 3; ++c) at[l.axis[c]] = n[l.axis[c]] == 1 ? 0 : index[c];
        out.push_back(v[at[0] + static_cast<std::size_t>(n[0]) * (at[1] + static_cast<std::size_t>(n[1]) * at[2])]);
      }
  return out;
}

template <class T>
void image_dataset(hid_t parent, const std::string& name, const int n[3], const ImageLayout& l, const T* v) {
  const std::vector<hsize_t> dims = {hsize_t(l.size[2]), hsize_t(l.size[1]), hsize_t(l.size[0])};
  if (l.repeated) {
    const std::vector<T> stored = repeat_flat_axes(v, n, l);
    dataset(parent, name, dims, stored.data());
  } else {
    dataset(parent, name, dims, v);  // the samples' own order: no copy
  }
}

// The VTKHDF group's attributes for an image of layout `l`: `origin` is the position of the
// first sample and `spacing` the distance between samples (um); `time` and `step` are extra
// attributes for h5py readers (VTK ignores them).
inline void image_attributes(hid_t vtk, const ImageLayout& l, const Vec3& origin, double spacing, double time,
                             long long step) {
  std::vector<double> direction(9, 0.0);  // row-major: column c is index axis c's direction
  for (int c = 0; c < 3; ++c) direction[3 * l.axis[c] + c] = 1;
  attribute<long long>(vtk, "Version", {1, 0});
  attribute(vtk, "Type", std::string("ImageData"));  // fixed-length ASCII, as VTK requires
  attribute<long long>(vtk, "WholeExtent", {0, l.size[0] - 1, 0, l.size[1] - 1, 0, l.size[2] - 1});
  attribute<double>(vtk, "Origin", {origin.x, origin.y, origin.z});
  attribute<double>(vtk, "Spacing", {spacing, spacing, spacing});
  attribute<double>(vtk, "Direction", direction);
  attribute<double>(vtk, "Time", {time});
  attribute<long long>(vtk, "Step", {step});
}

inline void write_vtkhdf_image(const std::string& path, const int n[3], const Vec3& origin, double spacing,
                               const std::vector<ImageArray>& arrays, double time = 0, long long step = 0) {
  const ImageLayout l = image_layout(n);
  write_atomically(path, [&](hid_t f) {
    Handle vtk = group(f, "VTKHDF");
    image_attributes(vtk, l, origin, spacing, time, step);
    Handle points = group(vtk, "PointData");
    for (const ImageArray& a : arrays) {
      if (a.f32) image_dataset(points, a.name, n, l, a.f32);
      else image_dataset(points, a.name, n, l, a.f64);
    }
  });
}

}  // namespace pfdtd::h5

// Small RAII and convenience layer over the HDF5 C API, shared by the writers in io/.
#pragma once
#include <hdf5.h>

#include <filesystem>
#include <stdexcept>
#include <string>
#include <system_error>
#include <vector>

#include "geometry/vec3.hpp"

namespace pfdtd::h5 {


// RAII for HDF5 identifiers.
class Handle {
 public:
  Handle(hid_t id, herr_t (*close)(hid_t), const std::string& what) : id_(id), close_(close) {
    if (id < 0) throw std::runtime_error("HDF5: cannot " + what);
  }
  Handle(const Handle&) = delete;
  Handle& operator=(const Handle&) = delete;
  Handle(Handle&& o) noexcept : id_(o.id_), close_(o.close_) { o.id_ = -1; }  // so helpers can return one
  ~Handle() {
    if (id_ >= 0) close_(id_);
  }
  operator hid_t() const { return id_; }

 private:
  hid_t id_;
  herr_t (*close_)(hid_t);
};

inline void check(herr_t status, const std::string& what) {
  if (status < 0) throw std::runtime_error("HDF5: cannot " + what);
}

inline Handle group(hid_t parent, const std::string& name) {
  return Handle(H5Gcreate2(parent, name.c_str(), H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT), H5Gclose,
                "create group " + name);
}

template <class T>
hid_t h5type();
template <>
inline hid_t h5type<double>() { return H5T_NATIVE_DOUBLE; }
template <>
inline hid_t h5type<float>() { return H5T_NATIVE_FLOAT; }
template <>
inline hid_t h5type<long long>() { return H5T_NATIVE_LLONG; }

template <class T>
void attribute(hid_t obj, const std::string& name, const std::vector<T>& v) {
  const hsize_t n = v.size();
  Handle space(H5Screate_simple(1, &n, nullptr), H5Sclose, "create dataspace");
  Handle a(H5Acreate2(obj, name.c_str(), h5type<T>(), space, H5P_DEFAULT, H5P_DEFAULT), H5Aclose,
           "create attribute " + name);
  check(H5Awrite(a, h5type<T>(), v.data()), "write attribute " + name);
}

// Fixed-length ASCII string attribute (what VTK's reader expects for "Type").
inline void attribute(hid_t obj, const std::string& name, const std::string& s) {
  Handle type(H5Tcopy(H5T_C_S1), H5Tclose, "copy string type");
  check(H5Tset_size(type, s.empty() ? 1 : s.size()), "size string type");
  check(H5Tset_strpad(type, H5T_STR_NULLPAD), "pad string type");
  Handle space(H5Screate(H5S_SCALAR), H5Sclose, "create scalar dataspace");
  Handle a(H5Acreate2(obj, name.c_str(), type, space, H5P_DEFAULT, H5P_DEFAULT), H5Aclose,
           "create attribute " + name);
  check(H5Awrite(a, type, s.data()), "write attribute " + name);
}

// Variable-length UTF-8 string attribute: any length (a fixed-length one must fit in the
// object header's 64 KiB, too little for a large scene file).
inline void text_attribute(hid_t obj, const std::string& name, const std::string& s) {
  Handle type(H5Tcopy(H5T_C_S1), H5Tclose, "copy string type");
  check(H5Tset_size(type, H5T_VARIABLE), "make string type variable-length");
  check(H5Tset_cset(type, H5T_CSET_UTF8), "set string encoding");
  Handle space(H5Screate(H5S_SCALAR), H5Sclose, "create scalar dataspace");
  Handle a(H5Acreate2(obj, name.c_str(), type, space, H5P_DEFAULT, H5P_DEFAULT), H5Aclose,
           "create attribute " + name);
  const char* text = s.c_str();
  check(H5Awrite(a, type, &text), "write attribute " + name);
}

// A string attribute, fixed-length (null-padded) or variable-length.
inline std::string read_string_attribute(hid_t obj, const std::string& name) {
  Handle a(H5Aopen(obj, name.c_str(), H5P_DEFAULT), H5Aclose, "open attribute " + name);
  Handle type(H5Aget_type(a), H5Tclose, "get the type of attribute " + name);
  if (H5Tget_class(type) != H5T_STRING) throw std::runtime_error("HDF5: attribute " + name + " is not a string");
  if (H5Tis_variable_str(type) > 0) {
    char* text = nullptr;
    check(H5Aread(a, type, &text), "read attribute " + name);
    std::string s = text ? text : "";
    H5free_memory(text);
    return s;
  }
  std::string s(H5Tget_size(type), '\0');
  check(H5Aread(a, type, s.data()), "read attribute " + name);
  return s.substr(0, s.find('\0'));
}

template <class T>
std::vector<T> read_attribute(hid_t obj, const std::string& name) {
  Handle a(H5Aopen(obj, name.c_str(), H5P_DEFAULT), H5Aclose, "open attribute " + name);
  Handle space(H5Aget_space(a), H5Sclose, "get the dataspace of attribute " + name);
  const hssize_t n = H5Sget_simple_extent_npoints(space);
  if (n < 0) throw std::runtime_error("HDF5: cannot size attribute " + name);
  std::vector<T> v(static_cast<std::size_t>(n));
  check(H5Aread(a, h5type<T>(), v.data()), "read attribute " + name);
  return v;
}

// Silences HDF5's printed error stack while alive, around calls whose failure is expected
// and reported by the caller's own message (a missing file or link).
class QuietErrors {
 public:
  QuietErrors() {
    H5Eget_auto2(H5E_DEFAULT, &print_, &data_);
    H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
  }
  QuietErrors(const QuietErrors&) = delete;
  QuietErrors& operator=(const QuietErrors&) = delete;
  ~QuietErrors() { H5Eset_auto2(H5E_DEFAULT, print_, data_); }

 private:
  H5E_auto2_t print_ = nullptr;
  void* data_ = nullptr;
};

// Whether `path` ("a/b/c") names an object: every link along it exists (H5Lexists alone
// fails when an intermediate group is missing).
inline bool has_path(hid_t file, const std::string& path) {
  QuietErrors quiet;  // a dataset in the middle of the path is an error, here a "no"
  for (std::size_t end = path.find('/', 1);; end = path.find('/', end + 1)) {
    if (H5Lexists(file, path.substr(0, end).c_str(), H5P_DEFAULT) <= 0) return false;
    if (end == std::string::npos) return true;
  }
}

template <class T>
void dataset(hid_t parent, const std::string& name, const std::vector<hsize_t>& dims, const T* data,
             const std::string& units = "") {
  Handle space(H5Screate_simple(static_cast<int>(dims.size()), dims.data(), nullptr), H5Sclose,
               "create dataspace for " + name);
  Handle d(H5Dcreate2(parent, name.c_str(), h5type<T>(), space, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT),
           H5Dclose, "create dataset " + name);
  check(H5Dwrite(d, h5type<T>(), H5S_ALL, H5S_ALL, H5P_DEFAULT, data), "write dataset " + name);
  if (!units.empty()) attribute(d, "units", units);
}

template <class T>
void dataset(hid_t parent, const std::string& name, const std::vector<T>& v, const std::string& units = "") {
  dataset(parent, name, {v.size()}, v.data(), units);
}

// Creates `path` through a temporary file that is renamed only once `fill` succeeded.
template <class Fill>
void write_atomically(const std::string& path, Fill fill) {
  const std::string tmp = path + ".tmp";
  try {
    Handle file(H5Fcreate(tmp.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT), H5Fclose, "create " + tmp);
    fill(static_cast<hid_t>(file));
    check(H5Fflush(file, H5F_SCOPE_GLOBAL), "flush " + tmp);
  } catch (...) {
    std::error_code ignored;  // e.g. a full disk: drop the partial file, keep the old one
    std::filesystem::remove(tmp, ignored);
    throw;
  }
  std::filesystem::rename(tmp, path);
}



// The VTKHDF (ParaView) image writer is io/vtkhdf_image.hpp.

}  // namespace pfdtd::h5

// Internal to the scene reader (io/scene_yaml.cpp, io/scene_geometry.cpp,
// io/scene_components.cpp): typed access to YAML nodes that remembers where each node came
// from, and the message helpers behind the "file:line:col: key.path: what; expected what"
// errors. Not a public interface.
//
// This header does not include solver/scene.hpp: io/scene_components.cpp includes
// geometry/components.hpp, whose `struct Component` (a built device) clashes with the
// `enum class Component` (a field component) of solver/scene.hpp, so that file sees the
// scene only through the plain types below.
#pragma once
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <limits>
#include <map>
#include <string>
#include <vector>

#include "geometry/shape.hpp"

namespace pfdtd {

struct Scene;

namespace scene_detail {

constexpr double kInfinite = 1e30;  // an "inf" extent: beyond any domain, yet finite arithmetic
inline const char* const kAxisNames[3] = {"x", "y", "z"};

// Throws the reader's SceneError (io/scene_yaml.hpp) with a complete message.
[[noreturn]] void throw_scene_error(const std::string& message);

// ---------------------------------------------------------------------------------------
// Message helpers

inline std::string num(double v) {
  char b[32];
  std::snprintf(b, sizeof b, "%g", v);
  return b;
}

inline std::string join(const std::vector<std::string>& words) {
  std::string s;
  for (const std::string& w : words) s += (s.empty() ? "" : ", ") + w;
  return s;
}

inline std::string location(const std::string& file, const YAML::Mark& m) {
  // yaml-cpp counts lines and columns from 0, editors from 1; a node without a position
  // (an empty document) is reported at the start of the file.
  const int line = m.line < 0 ? 1 : m.line + 1;
  const int column = m.column < 0 ? 1 : m.column + 1;
  return file + ":" + std::to_string(line) + ":" + std::to_string(column);
}

inline std::string format_error(const std::string& file, const YAML::Mark& m, const std::string& path,
                                const std::string& what, const std::string& expected) {
  std::string s = location(file, m) + ": ";
  if (!path.empty()) s += path + ": ";
  s += what;
  if (!expected.empty()) s += "; expected " + expected;
  return s;
}

inline int edit_distance(const std::string& a, const std::string& b) {
  std::vector<int> prev(b.size() + 1), cur(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) prev[j] = static_cast<int>(j);
  for (std::size_t i = 1; i <= a.size(); ++i) {
    cur[0] = static_cast<int>(i);
    for (std::size_t j = 1; j <= b.size(); ++j)
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] != b[j - 1])});
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

// " (did you mean 'x'?)" for the closest option within 3 edits, else "". An option as far
// away as its own length (e.g. "x" for "foo") is a rewrite, not a typo, and is not offered.
inline std::string did_you_mean(const std::string& word, const std::vector<std::string>& options) {
  std::string best;
  int best_d = 4;
  for (const std::string& o : options) {
    const int d = edit_distance(word, o);
    const int longest = static_cast<int>(std::max(word.size(), o.size()));
    if (d < best_d && d < longest) best = o, best_d = d;
  }
  return best.empty() ? "" : " (did you mean '" + best + "'?)";
}

inline std::string describe(const YAML::Node& n) {
  switch (n.Type()) {
    case YAML::NodeType::Null: return "nothing";
    case YAML::NodeType::Sequence: return "a list of " + std::to_string(n.size()) + " items";
    case YAML::NodeType::Map: return "a mapping";
    case YAML::NodeType::Scalar: return "'" + n.Scalar() + "'";
    default: return "an undefined value";
  }
}

// ---------------------------------------------------------------------------------------
// Typed access to YAML nodes that remembers where each node came from.

struct Range {
  double lo, hi;
  bool lo_open, hi_open;
  const char* expected;
  bool contains(double v) const {
    return (lo_open ? v > lo : v >= lo) && (hi_open ? v < hi : v <= hi);
  }
};
constexpr double kHuge = std::numeric_limits<double>::max();
inline const Range kAnyNumber{-kHuge, kHuge, false, false, "a number"};
inline const Range kPositive{0, kHuge, true, false, "a number > 0"};
inline const Range kNonNegative{0, kHuge, false, false, "a number >= 0"};

struct Field {
  YAML::Node node;
  std::string path;  // e.g. sources[0].gaussian.wavelength
  const std::string* file;

  Field(const YAML::Node& n, std::string p, const std::string* f) : node(n), path(std::move(p)), file(f) {}
  Field(const Field&) = default;
  // yaml-cpp's Node assignment rebinds the node inside the document: never assign Fields.
  Field& operator=(const Field&) = delete;

  [[noreturn]] void fail(const std::string& what, const std::string& expected) const {
    throw_scene_error(format_error(*file, node.Mark(), path, what, expected));
  }
  [[noreturn]] void missing(const std::string& key, const std::string& expected) const {
    throw_scene_error(format_error(*file, node.Mark(), sub(key), "missing", expected));
  }
  std::string sub(const std::string& key) const { return path.empty() ? key : path + "." + key; }

  bool is_inf() const {
    if (!node.IsScalar()) return false;
    std::string s = node.Scalar();
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s == "inf" || s == ".inf" || s == "+inf" || s == "infinity";
  }

  double number(const Range& r = kAnyNumber) const {
    double v = 0;
    // A quoted scalar is a string even when it looks like a number ("3" in JSON).
    const bool ok = node.IsScalar() && node.Tag() != "!" && YAML::convert<double>::decode(node, v);
    if (!ok || !std::isfinite(v)) fail("got " + describe(node), r.expected);
    if (!r.contains(v)) fail("got " + num(v), r.expected);
    return v;
  }

  // A number, or the string inf for an unbounded extent.
  double extent(const Range& r) const { return is_inf() ? kInfinite : number(r); }

  long long integer(long long lo, const std::string& expected) const {
    const double v = number(Range{-kHuge, kHuge, false, false, expected.c_str()});
    if (v != std::floor(v) || v < static_cast<double>(lo) || v > 9e15) fail("got " + num(v), expected);
    return static_cast<long long>(v);
  }

  std::string text(const std::string& expected) const {
    if (!node.IsScalar()) fail("got " + describe(node), expected);
    return node.Scalar();
  }

  bool boolean() const {
    bool b = false;
    if (!node.IsScalar() || !YAML::convert<bool>::decode(node, b)) fail("got " + describe(node), "true or false");
    return b;
  }

  // One of `options` by name; returns its index.
  int choice(const std::string& noun, const std::vector<std::string>& options) const {
    const std::string expected = "one of " + join(options);
    const std::string s = text(expected);
    for (std::size_t i = 0; i < options.size(); ++i)
      if (s == options[i]) return static_cast<int>(i);
    fail("unknown " + noun + " '" + s + "'" + did_you_mean(s, options), expected);
  }

  // The items of a list (an empty value counts as an empty list).
  std::vector<Field> items(const std::string& expected) const {
    std::vector<Field> out;
    if (node.IsNull()) return out;
    if (!node.IsSequence()) fail("got " + describe(node), expected);
    for (std::size_t i = 0; i < node.size(); ++i) {
      const YAML::Node& self = node;  // const: indexing must not insert
      out.emplace_back(self[i], path + "[" + std::to_string(i) + "]", file);
    }
    return out;
  }
};

// A mapping whose keys are checked against the allowed ones (all keys allowed if none given).
class Map {
 public:
  Map(const Field& self, std::vector<std::string> allowed) : self_(self), allowed_(std::move(allowed)) {
    if (self.node.IsNull()) return;  // an empty section (`materials:`) is an empty mapping
    if (!self.node.IsMap()) self.fail("got " + describe(self.node), expected());
    for (auto it = self.node.begin(); it != self.node.end(); ++it) add(it->first, it->second);
  }

  const Field& self() const { return self_; }
  const std::vector<std::string>& keys() const { return keys_; }
  const std::vector<Field>& values() const { return values_; }

  const Field* find(const std::string& key) const {
    for (std::size_t i = 0; i < keys_.size(); ++i)
      if (keys_[i] == key) return &values_[i];
    return nullptr;
  }
  const Field& need(const std::string& key, const std::string& expected) const {
    const Field* f = find(key);
    if (!f) self_.missing(key, expected);
    return *f;
  }

  // The one key of `options` present; "" if none and not required.
  std::string exactly_one(const std::vector<std::string>& options, bool required) const {
    std::vector<std::string> present;
    for (const std::string& o : options)
      if (find(o)) present.push_back(o);
    const std::string expected = "exactly one of " + join(options);
    if (present.size() > 1) find(present[1])->fail(present[0] + " and " + present[1] + " both given", expected);
    if (present.empty() && required) self_.fail("none of " + join(options) + " given", expected);
    return present.empty() ? "" : present[0];
  }

 private:
  std::string expected() const {
    return allowed_.empty() ? "a mapping of names" : "a mapping with keys " + join(allowed_);
  }
  void add(const YAML::Node& k, const YAML::Node& v) {
    const Field key(k, self_.sub(k.IsScalar() ? k.Scalar() : "?"), self_.file);
    if (!k.IsScalar()) key.fail("a key that is " + describe(k), "a plain name");
    const std::string name = k.Scalar();
    const bool known = allowed_.empty() || std::count(allowed_.begin(), allowed_.end(), name);
    if (!known) key.fail("unknown key '" + name + "'" + did_you_mean(name, allowed_), "one of " + join(allowed_));
    if (find(name)) key.fail("duplicate key '" + name + "'", "each key once");
    keys_.push_back(name);
    values_.emplace_back(v, key.path, self_.file);
  }

  Field self_;
  std::vector<std::string> allowed_;
  std::vector<std::string> keys_;
  std::vector<Field> values_;
};

// A list item that is a one-key mapping such as `- box: {...}`: its kind and its body.
struct Tagged {
  std::string kind;
  Field body;
};

inline Tagged tagged(const Field& item, const std::vector<std::string>& kinds) {
  const Map m(item, kinds);
  if (m.keys().size() != 1)
    item.fail("got " + std::to_string(m.keys().size()) + " keys (" + join(m.keys()) + ")",
              "a mapping with one key, one of " + join(kinds));
  return Tagged{m.keys()[0], m.values()[0]};
}

// A point or extent [x, y, z]; in 2D (dims 2) [x, y] will do and a z entry means nothing.
inline Vec3 read_vec3(const Field& f, const Range& r, int dims, bool inf_ok = false) {
  const std::string expected =
      dims == 2 ? "a list of 2 or 3 numbers [x, y] or [x, y, z]" : "a list of 3 numbers [x, y, z]";
  const std::size_t n = f.node.IsSequence() ? f.node.size() : 0;
  if (!(n == 3 || (n == 2 && dims == 2))) f.fail("got " + describe(f.node), expected);
  const std::vector<Field> items = f.items(expected);
  Vec3 v;
  for (std::size_t a = 0; a < n; ++a) {
    const Range& ra = a == 2 && dims == 2 ? kAnyNumber : r;
    v[a] = inf_ok ? items[a].extent(ra) : items[a].number(ra);
  }
  return v;
}

// The index of the material named by `f` among `names`, or an error suggesting the closest.
inline int material_index(const Field& f, const std::vector<std::string>& names) {
  const std::string expected = "a defined material: " + join(names);
  const std::string name = f.text(expected);
  for (std::size_t i = 0; i < names.size(); ++i)
    if (names[i] == name) return static_cast<int>(i);
  f.fail("unknown material '" + name + "'" + did_you_mean(name, names), expected);
}

// ---------------------------------------------------------------------------------------
// Geometry (io/scene_geometry.cpp) and device builders (io/scene_components.cpp)

// Appends the shapes (and component records) of the `geometry:` list to the scene, whose
// domain and materials must be read already.
void read_geometry(const Field& list, Scene& scene);

// A device built by `component:`, in types that do not need solver/scene.hpp.
struct BuiltPort {
  std::string name;
  Vec3 center;
  double angle_deg = 0;
  double width = 0;
};
struct BuiltComponent {
  std::string type;
  std::vector<Shape> shapes;  // shapes, then the regions whose materials were given
  std::vector<BuiltPort> ports;
  std::map<std::string, double> info;
};

// Reads the body of a `component:` item and builds the device (its `name` is checked only
// as a key: the caller reads it); materials are named among `material_names` (scene order =
// indices). In 2D the device is cut at a plane z = slice_z and made z-invariant.
BuiltComponent build_component(const Field& body, const std::vector<std::string>& material_names, int dims);

}  // namespace scene_detail
}  // namespace pfdtd

// Reading sweep files and expanding their points into scene texts (io/sweep.hpp).
#include "io/sweep.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "io/scene_yaml.hpp"
#include "io/scene_yaml_detail.hpp"

namespace pfdtd {

using namespace scene_detail;

namespace {

constexpr long long kMaxPoints = 1000000;  // a typo in a range count, not a real sweep

std::string read_text(const std::string& path, const std::string& what) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw SceneError(path + ": cannot read the " + what + " (" + std::strerror(errno) + ")");
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

YAML::Node load_yaml(const std::string& text, const std::string& file) {
  try {
    return YAML::Load(text);
  } catch (const YAML::ParserException& e) {
    throw SceneError(format_error(file, e.mark, "", "YAML syntax error: " + e.msg, "valid YAML (or JSON)"));
  }
}

std::vector<std::string> split_path(const std::string& path) {
  std::vector<std::string> parts;
  std::stringstream in(path);
  for (std::string part; std::getline(in, part, '.');) parts.push_back(part);
  return parts;
}

bool is_index(const std::string& s) {
  return !s.empty() && s.size() < 9 && s.find_first_not_of("0123456789") == std::string::npos;
}

// The child `part` of `self` (a map key or a list index), or an undefined node with `why`
// saying where the path leaves the tree; `here` names `self` for that message.
YAML::Node child(const YAML::Node& self, const std::string& part, const std::string& here, std::string* why) {
  if (self.IsMap()) {
    if (self[part].IsDefined()) return self[part];  // const: looking does not insert
    std::vector<std::string> keys;
    for (auto it = self.begin(); it != self.end(); ++it) keys.push_back(it->first.Scalar());
    *why = "no key '" + part + "' under " + here + did_you_mean(part, keys) + " (keys: " + join(keys) + ")";
  } else if (self.IsSequence()) {
    if (is_index(part) && std::stoul(part) < self.size()) return self[std::stoul(part)];
    *why = "'" + part + "' under " + here + ", a list of " + std::to_string(self.size()) + " items";
  } else {
    *why = "'" + part + "' under " + here + ", which is " + describe(self) + ", not a mapping or a list";
  }
  return YAML::Node(YAML::NodeType::Undefined);
}

// The node at a dotted path (`geometry.0.box.size.1`: map keys and list indices), or an
// undefined node and `why`. The node shares the tree's memory: assigning a string to it
// changes the tree. (Recursion, not a loop: assigning one YAML::Node to another rebinds the
// node inside the document.)
YAML::Node node_at(const YAML::Node& node, const std::vector<std::string>& parts, std::size_t i,
                   std::string* why) {
  if (i == parts.size()) return node;
  std::string here = "the top level";
  for (std::size_t k = 0; k < i; ++k) here = (k ? here + "." : "") + parts[k];
  const YAML::Node next = child(node, parts[i], here, why);
  return next.IsDefined() ? node_at(next, parts, i + 1, why) : next;
}

YAML::Node node_at(const YAML::Node& root, const std::string& path, std::string* why) {
  return node_at(root, split_path(path), 0, why);
}

// {start, stop, count}: count values evenly spaced, both ends included (count 1: start).
std::vector<double> read_range(const Field& f) {
  const Map m(f, {"start", "stop", "count"});
  const double start = m.need("start", "a number").number();
  const double stop = m.need("stop", "a number").number();
  const long long count = m.need("count", "a whole number >= 1").integer(1, "a whole number >= 1");
  if (count > kMaxPoints) m.find("count")->fail("got " + std::to_string(count), "at most " + num(kMaxPoints));
  std::vector<double> v(count);
  for (long long i = 0; i < count; ++i) v[i] = count == 1 ? start : start + (stop - start) * i / (count - 1);
  return v;
}

// Names become CSV columns and HDF5 dataset names: nothing that needs quoting there.
std::string column_name(const Field& f) {
  const std::string s = f.text("a name");
  if (s.empty() || s.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.+-") !=
                       std::string::npos)
    f.fail("got '" + s + "'", "a name of letters, digits and _ . + - (a CSV column and HDF5 dataset name)");
  return s;
}

SweepParameter read_parameter(const Field& f, const YAML::Node& scene, const std::string& scene_file) {
  const Map m(f, {"name", "path", "values", "range"});
  SweepParameter p;
  const Field& path = m.need("path", "a dotted path into the scene, e.g. geometry.0.box.size.1, or a list of them");
  for (const Field& one : path.node.IsSequence() ? path.items("a list of paths") : std::vector<Field>{path}) {
    p.paths.push_back(one.text("a dotted path into the scene, e.g. geometry.0.box.size.1"));
    std::string why;
    const YAML::Node target = node_at(scene, p.paths.back(), &why);
    if (!target.IsDefined()) one.fail("'" + p.paths.back() + "' is not in " + scene_file + ": " + why,
                                      "a path to a value written in the base scene");
    if (!target.IsScalar())
      one.fail("'" + p.paths.back() + "' in " + scene_file + " is " + describe(target), "a path to a single value");
  }
  if (p.paths.empty()) path.fail("an empty list", "at least one path");
  p.name = m.find("name") ? column_name(*m.find("name")) : p.paths.front();
  const std::string which = m.exactly_one({"values", "range"}, true);
  if (which == "range") {
    p.values = read_range(*m.find(which));
  } else {
    for (const Field& v : m.find(which)->items("a list of numbers")) p.values.push_back(v.number());
    if (p.values.empty()) m.find(which)->fail("an empty list", "at least one number");
  }
  return p;
}

// `flux: {monitor, wavelength, normalize}`, `mode: {monitor, wavelength, mode, quantity}`,
// `s_parameter: {out, in, wavelength, quantity}`, `resonance: {probe, near, quantity}`.
SweepFigure read_figure(const Field& f, const Scene& scene) {
  const std::vector<std::string> kinds = {"flux", "mode", "s_parameter", "resonance"};
  std::vector<std::string> keys = kinds;
  keys.push_back("name");
  const Map m(f, keys);
  SweepFigure g;
  g.name = column_name(m.need("name", "a name (the table's column)"));
  const std::string kind = m.exactly_one(kinds, true);
  g.kind = static_cast<SweepFigure::Kind>(std::find(kinds.begin(), kinds.end(), kind) - kinds.begin());
  const Field& body = *m.find(kind);
  auto known = [](const Field& name, const std::vector<std::string>& names, const std::string& what) {
    const std::string s = name.text("a name");
    if (!std::count(names.begin(), names.end(), s))
      name.fail("the base scene has no " + what + " '" + s + "'" + did_you_mean(s, names),
                names.empty() ? "a scene with a " + what : "one of " + join(names));
    return s;
  };
  std::vector<std::string> names;
  switch (g.kind) {
    case SweepFigure::Kind::flux: {
      const Map b(body, {"monitor", "wavelength", "normalize"});
      for (const FluxSpec& x : scene.fluxes) names.push_back(x.name);
      g.source = known(b.need("monitor", "a flux monitor's name"), names, "flux monitor");
      g.wavelength = b.need("wavelength", "a number > 0 (um)").number(kPositive);
      names.insert(names.begin(), {"source_power", "none"});
      g.normalize = b.find("normalize") ? known(*b.find("normalize"), names, "normalisation") : "source_power";
      break;
    }
    case SweepFigure::Kind::mode: {
      const Map b(body, {"monitor", "wavelength", "mode", "quantity"});
      for (const ModeMonitorSpec& x : scene.mode_monitors) names.push_back(x.name);
      g.source = known(b.need("monitor", "a mode monitor's name"), names, "mode monitor");
      g.wavelength = b.need("wavelength", "a number > 0 (um)").number(kPositive);
      const int modes = std::find_if(scene.mode_monitors.begin(), scene.mode_monitors.end(),
                                     [&](const ModeMonitorSpec& x) { return x.name == g.source; })->num_modes;
      if (const Field* x = b.find("mode"))
        g.mode = static_cast<int>(x->integer(0, "a mode index from 0 to " + std::to_string(modes - 1)));
      if (g.mode >= modes) b.find("mode")->fail("the monitor has " + std::to_string(modes) + " modes",
                                                "a mode index from 0 to " + std::to_string(modes - 1));
      const std::vector<std::string> q = {"transmission", "reflection", "neff"};
      g.quantity = b.find("quantity") ? q[b.find("quantity")->choice("quantity", q)] : q[0];
      break;
    }
    case SweepFigure::Kind::s_parameter: {
      const Map b(body, {"out", "in", "wavelength", "quantity"});
      for (const PortSpec& p : scene.ports)
        for (int k = 0; k < p.modes; ++k) names.push_back(p.modes == 1 ? p.name : p.name + ":" + std::to_string(k));
      g.out_port = known(b.need("out", "a port label"), names, "port");
      g.in_port = known(b.need("in", "a port label"), names, "port");
      g.wavelength = b.need("wavelength", "a number > 0 (um)").number(kPositive);
      const std::vector<std::string> q = {"power", "phase"};
      g.quantity = b.find("quantity") ? q[b.find("quantity")->choice("quantity", q)] : q[0];
      break;
    }
    case SweepFigure::Kind::resonance: {
      const Map b(body, {"probe", "near", "quantity"});
      for (const ProbeSpec& p : scene.probes)
        if (p.resonances.enabled)
          for (Component c : p.components) names.push_back(p.name + "-" + component_name(c));
      g.source = known(b.need("probe", "a probe with resonances and its component, e.g. ring-Ez"), names,
                       "probe with resonances");
      g.wavelength = b.need("near", "a number > 0 (um): the resonance nearest it").number(kPositive);
      const std::vector<std::string> q = {"wavelength", "Q"};
      g.quantity = b.find("quantity") ? q[b.find("quantity")->choice("quantity", q)] : q[0];
      break;
    }
  }
  return g;
}

// Fields cannot be assigned (io/scene_yaml_detail.hpp), so the items are pointed at.
void check_unique(const std::vector<std::string>& names, const std::vector<const Field*>& items,
                  const std::string& what) {
  for (std::size_t i = 0; i < names.size(); ++i)
    for (std::size_t j = 0; j < i; ++j)
      if (names[i] == names[j]) items[i]->fail("duplicate " + what + " '" + names[i] + "'", "unique " + what + "s");
}

void check_counts(Sweep& s, const Field& list) {
  const std::vector<Field> items = list.items("a list of parameters");
  long long product = 1;
  for (std::size_t i = 0; i < s.parameters.size(); ++i) {
    const std::size_t n = s.parameters[i].values.size();
    if (s.zip && n != s.parameters[0].values.size())
      items[i].fail(std::to_string(n) + " values against " + std::to_string(s.parameters[0].values.size()) +
                        " of " + s.parameters[0].name,
                    "the same number of values for every parameter with combine: zip");
    product *= static_cast<long long>(n);
    if (product > kMaxPoints) list.fail("more than " + num(kMaxPoints) + " points", "a smaller sweep");
  }
}

// Relative `gds.file` entries are relative to the base scene's folder; the point's scene lives
// elsewhere, so they become absolute.
void anchor_gds_files(YAML::Node node, const std::filesystem::path& base_dir) {
  if (node.IsSequence()) {
    for (std::size_t i = 0; i < node.size(); ++i) anchor_gds_files(node[i], base_dir);
  } else if (node.IsMap()) {
    for (auto it = node.begin(); it != node.end(); ++it) {
      YAML::Node value = it->second;
      const bool gds_file = it->first.Scalar() == "gds" && value.IsMap() && value["file"].IsScalar();
      if (gds_file && std::filesystem::path(value["file"].Scalar()).is_relative())
        value["file"] = std::filesystem::absolute(base_dir / value["file"].Scalar()).lexically_normal().string();
      anchor_gds_files(value, base_dir);
    }
  }
}

// Block-style YAML, keeping quoted scalars quoted (yaml-cpp's own emitter drops the quotes of
// "3", which the scene reader treats as a string) and flow lists and mappings in flow style.
void emit(YAML::Emitter& out, const YAML::Node& n) {
  if (n.Style() == YAML::EmitterStyle::Flow) out << YAML::Flow;
  if (n.IsMap()) {
    out << YAML::BeginMap;
    for (auto it = n.begin(); it != n.end(); ++it) {
      out << YAML::Key;
      emit(out, it->first);
      out << YAML::Value;
      emit(out, it->second);
    }
    out << YAML::EndMap;
  } else if (n.IsSequence()) {
    out << YAML::BeginSeq;
    for (const YAML::Node& item : n) emit(out, item);
    out << YAML::EndSeq;
  } else if (n.IsScalar()) {
    if (n.Tag() == "!") out << YAML::DoubleQuoted;
    out << n.Scalar();
  } else {
    out << YAML::Null;
  }
}

}  // namespace

std::string exact_number(double v) {
  char b[40];
  for (int digits = 15; digits <= 17; ++digits) {
    std::snprintf(b, sizeof b, "%.*g", digits, v);
    if (std::strtod(b, nullptr) == v) break;
  }
  return b;
}

int Sweep::size() const {
  if (parameters.empty()) return 0;
  if (zip) return static_cast<int>(parameters[0].values.size());
  long long n = 1;
  for (const SweepParameter& p : parameters) n *= static_cast<long long>(p.values.size());
  return static_cast<int>(n);
}

std::vector<double> Sweep::point_values(int index) const {
  std::vector<double> v(parameters.size());
  for (int i = static_cast<int>(parameters.size()) - 1; i >= 0; --i) {
    const int n = static_cast<int>(parameters[i].values.size());
    v[i] = parameters[i].values[zip ? index : index % n];
    if (!zip) index /= n;
  }
  return v;
}

std::string Sweep::point_dir(int index) const { return output_dir + "/points/" + std::to_string(index); }

Sweep parse_sweep(const std::string& yaml_text, const std::string& file_name) {
  const YAML::Node root = load_yaml(yaml_text, file_name);
  Sweep s;
  s.file = file_name;
  s.text = yaml_text;
  const Field top_field(root, "", &s.file);
  const Map top(top_field, {"scene", "parameters", "combine", "ranks_per_point", "figures", "output"});
  const Field& scene = top.need("scene", "the base scene's file name (relative to this file's folder)");
  const std::string scene_name = scene.text("a file name");
  s.scene_file = (std::filesystem::path(file_name).parent_path() / scene_name).lexically_normal().string();
  try {
    s.scene_text = read_text(s.scene_file, "base scene");
  } catch (const SceneError& e) {
    scene.fail(e.what(), "a readable scene file (relative to the sweep file's folder)");
  }
  const Scene base = parse_scene(s.scene_text, s.scene_file);  // its own errors point into it
  const YAML::Node scene_tree = load_yaml(s.scene_text, s.scene_file);
  if (const Field* f = top.find("combine")) s.zip = f->choice("combine", {"product", "zip"}) == 1;
  const Field& list = top.need("parameters", "a list of {name, path, values or range}");
  const std::vector<Field> items = list.items("a list of {name, path, values or range}");
  std::vector<std::string> names;
  std::vector<const Field*> named;
  for (const Field& item : items) {
    s.parameters.push_back(read_parameter(item, scene_tree, s.scene_file));
    names.push_back(s.parameters.back().name);
    named.push_back(&item);
  }
  if (items.empty()) list.fail("no parameters", "at least one parameter");
  check_unique(names, named, "parameter name");
  check_counts(s, list);
  if (const Field* f = top.find("ranks_per_point"))
    s.ranks_per_point = static_cast<int>(f->integer(1, "a whole number >= 1 (MPI ranks running one point)"));
  if (const Field* f = top.find("figures")) {
    const std::vector<Field> figures = f->items("a list of figures of merit");
    for (const Field& item : figures) {
      s.figures.push_back(read_figure(item, base));
      names.push_back(s.figures.back().name);
      named.push_back(&item);
    }
    check_unique(names, named, "column name (parameters and figures)");
  }
  s.output_dir = "pfdtd-out/sweep-" + std::filesystem::path(file_name).stem().string();
  if (const Field* f = top.find("output")) {
    s.output_dir = f->text("a folder name");
    if (s.output_dir.empty()) f->fail("an empty name", "a folder name");
  }
  return s;
}

Sweep load_sweep(const std::string& path) { return parse_sweep(read_text(path, "sweep file"), path); }

std::string point_scene_file(const Sweep& sweep, int index) { return sweep.point_dir(index) + "/scene.yaml"; }

std::string point_scene_text(const Sweep& sweep, int index) {
  YAML::Node root = YAML::Load(sweep.scene_text);  // checked by parse_sweep
  const std::vector<double> values = sweep.point_values(index);
  for (std::size_t i = 0; i < values.size(); ++i)
    for (const std::string& path : sweep.parameters[i].paths) {
      std::string why;
      YAML::Node target = node_at(root, path, &why);
      target = exact_number(values[i]);
    }
  root["run"]["output"] = sweep.point_dir(index);
  anchor_gds_files(root, std::filesystem::path(sweep.scene_file).parent_path());
  YAML::Emitter out;
  emit(out, root);
  std::string text = "# " + sweep.file + ", point " + std::to_string(index) + " of " + sweep.scene_file + "\n";
  return text + out.c_str() + "\n";
}

}  // namespace pfdtd

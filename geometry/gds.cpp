#include "geometry/gds.hpp"

// libGDSII's header opens namespace std and declares enumerators BOUNDARY, PATH, SREF, ...
// in the global namespace: it is included in this file only.
#include <libGDSII.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <memory>
#include <set>
#include <sstream>
#include <stdexcept>

namespace pfdtd {
namespace {

constexpr double kPi = 3.14159265358979323846;
constexpr int kMaxDepth = 64;

// A similarity transform of the plane: p' = m p + t.
struct Affine {
  double m[2][2] = {{1, 0}, {0, 1}};
  double t[2] = {0, 0};
  double scale = 1;  // magnification, for path widths

  Vec2 apply(double x, double y) const {
    return {m[0][0] * x + m[0][1] * y + t[0], m[1][0] * x + m[1][1] * y + t[1]};
  }
  // this after (child): first child, then this.
  Affine then_child(const Affine& c) const {
    Affine r;
    for (int i = 0; i < 2; ++i) {
      for (int j = 0; j < 2; ++j) r.m[i][j] = m[i][0] * c.m[0][j] + m[i][1] * c.m[1][j];
      r.t[i] = m[i][0] * c.t[0] + m[i][1] * c.t[1] + t[i];
    }
    r.scale = scale * c.scale;
    return r;
  }
};

// GDSII's STRANS order: reflect about x, magnify, rotate, then place at the origin.
Affine reference_transform(const GDSIIElement& e, bool reflect, double x, double y) {
  const double c = std::cos(e.Angle * kPi / 180), s = std::sin(e.Angle * kPi / 180);
  const double ry = reflect ? -1.0 : 1.0;
  Affine a;
  a.m[0][0] = e.Mag * c;
  a.m[0][1] = -e.Mag * s * ry;
  a.m[1][0] = e.Mag * s;
  a.m[1][1] = e.Mag * c * ry;
  a.t[0] = x;
  a.t[1] = y;
  a.scale = e.Mag;
  return a;
}

// A scan of the record stream for what libGDSII (0.2) gets wrong or dies on:
// - it reads the STRANS bit array in host byte order, so on a little-endian machine it never
//   sees the reflection bit (GDSII bit 0, 0x8000 of the big-endian word): flags[s][k] holds
//   the flags of the k-th SREF/AREF of the s-th structure, both in file order;
// - a reference to a structure the file lacks makes it exit the process: `missing` names one.
struct RecordScan {
  std::vector<std::vector<unsigned>> flags;
  std::string missing;
  bool box_elements = false;  // BOX elements, which libGDSII cannot parse
};

std::string record_string(const std::vector<unsigned char>& payload) {
  std::string s(payload.begin(), payload.end());
  while (!s.empty() && s.back() == '\0') s.pop_back();
  return s;
}

RecordScan scan_records(const std::string& file) {
  RecordScan scan;
  std::FILE* f = std::fopen(file.c_str(), "rb");
  if (!f) return scan;
  std::set<std::string> defined, referenced;
  bool in_ref = false;
  unsigned char head[4];
  std::vector<unsigned char> payload;
  while (std::fread(head, 1, 4, f) == 4) {
    const std::size_t length = (static_cast<std::size_t>(head[0]) << 8) | head[1];
    if (length < 4) break;  // zero padding after ENDLIB
    payload.resize(length - 4);
    if (!payload.empty() && std::fread(payload.data(), 1, payload.size(), f) != payload.size()) break;
    switch (head[2]) {
      case 0x05: scan.flags.emplace_back(); break;               // BGNSTR
      case 0x06: defined.insert(record_string(payload)); break;  // STRNAME
      case 0x0a:                                                 // SREF
      case 0x0b:                                                 // AREF
        if (!scan.flags.empty()) scan.flags.back().push_back(0), in_ref = true;
        break;
      case 0x12: referenced.insert(record_string(payload)); break;  // SNAME
      case 0x1a:                                                    // STRANS
        if (in_ref && payload.size() >= 2) scan.flags.back().back() = (payload[0] << 8) | payload[1];
        break;
      case 0x11: in_ref = false; break;  // ENDEL
      case 0x2d: scan.box_elements = true; break;  // BOX
      default: break;
    }
    if (head[2] == 0x04) break;  // ENDLIB
  }
  std::fclose(f);
  for (const std::string& r : referenced)
    if (!defined.count(r)) {
      scan.missing = r;
      break;
    }
  return scan;
}

struct Reader {
  std::string file;
  std::unique_ptr<libGDSII::GDSIIData> data;
  std::vector<std::vector<unsigned>> flags;  // STRANS of the references, see above

  explicit Reader(const std::string& f) : file(f) {
    if (FILE* probe = std::fopen(f.c_str(), "rb")) {
      std::fclose(probe);
    } else {
      throw std::runtime_error("gds: cannot open '" + f + "'");
    }
    RecordScan scan = scan_records(f);
    if (!scan.missing.empty())
      throw std::runtime_error("gds: '" + f + "' references a cell it does not define: '" + scan.missing + "'");
    data = std::make_unique<libGDSII::GDSIIData>(f);
    if (data->ErrMsg)
      throw std::runtime_error("gds: '" + f + "' is not a readable GDSII file: " + *data->ErrMsg +
                               (scan.box_elements ? " (it holds BOX elements, which libGDSII cannot read)" : ""));
    flags = std::move(scan.flags);
    bool consistent = flags.size() == data->Structs.size();
    for (std::size_t s = 0; consistent && s < flags.size(); ++s) {
      std::size_t refs = 0;
      for (const GDSIIElement* e : data->Structs[s]->Elements) refs += (e->Type == SREF || e->Type == AREF);
      consistent = refs == flags[s].size();
    }
    if (!consistent) flags.clear();  // fall back on libGDSII's own flags
  }

  bool reflected(int s, int k, const GDSIIElement& e) const {
    return flags.empty() ? e.Refl : (flags[s][k] & 0x8000u) != 0;
  }

  std::string name(int s) const { return data->Structs[s]->Name ? *data->Structs[s]->Name : "?"; }

  std::vector<int> top_structs() const {
    std::vector<int> tops;
    for (std::size_t s = 0; s < data->Structs.size(); ++s)
      if (!data->Structs[s]->IsReferenced && !data->Structs[s]->IsPCell) tops.push_back(static_cast<int>(s));
    return tops;
  }

  int find_cell(const std::string& cell) const {
    std::ostringstream names;
    for (std::size_t s = 0; s < data->Structs.size(); ++s) names << (s ? ", " : "") << name(static_cast<int>(s));
    if (data->Structs.empty()) throw std::runtime_error("gds: '" + file + "' holds no cells");
    if (cell.empty()) {
      const std::vector<int> tops = top_structs();
      if (tops.size() == 1) return tops[0];
      std::ostringstream t;
      for (std::size_t i = 0; i < tops.size(); ++i) t << (i ? ", " : "") << name(tops[i]);
      throw std::runtime_error("gds: '" + file + "' has " + std::to_string(tops.size()) + " top cells (" + t.str() +
                               "): name the cell to import");
    }
    for (std::size_t s = 0; s < data->Structs.size(); ++s)
      if (name(static_cast<int>(s)) == cell) return static_cast<int>(s);
    throw std::runtime_error("gds: '" + file + "' has no cell '" + cell + "' (cells: " + names.str() + ")");
  }

  // Walks the hierarchy under structure s; calls f(element, transform) for every boundary
  // and path.
  template <class F>
  void walk(int s, const Affine& tr, int depth, F&& f) const {
    if (depth > kMaxDepth)
      throw std::runtime_error("gds: '" + file + "': references nest deeper than " + std::to_string(kMaxDepth) +
                               " levels under cell '" + name(s) + "' (a cycle?)");
    int k = -1;  // index among the structure's references
    for (const GDSIIElement* e : data->Structs[s]->Elements) {
      if (e->Type == BOUNDARY || e->Type == PATH) {
        f(*e, tr);
      } else if (e->Type == SREF || e->Type == AREF) {
        const bool refl = reflected(s, ++k, *e);
        if (e->nsRef < 0 || e->nsRef >= static_cast<int>(data->Structs.size()))
          throw std::runtime_error("gds: '" + file + "': cell '" + name(s) + "' references unknown cell '" +
                                   (e->SName ? *e->SName : std::string("?")) + "'");
        if (e->XY.size() < 2) continue;
        const double x0 = e->XY[0], y0 = e->XY[1];
        if (e->Type == SREF) {
          walk(e->nsRef, tr.then_child(reference_transform(*e, refl, x0, y0)), depth + 1, f);
          continue;
        }
        if (e->XY.size() < 6 || e->Columns < 1 || e->Rows < 1) continue;
        const double cx = (e->XY[2] - x0) / e->Columns, cy = (e->XY[3] - y0) / e->Columns;
        const double rx = (e->XY[4] - x0) / e->Rows, ry = (e->XY[5] - y0) / e->Rows;
        for (int c = 0; c < e->Columns; ++c)
          for (int r = 0; r < e->Rows; ++r)
            walk(e->nsRef, tr.then_child(reference_transform(*e, refl, x0 + c * cx + r * rx, y0 + c * cy + r * ry)),
                 depth + 1, f);
      }
    }
  }
};

std::vector<Vec2> element_polygon(const GDSIIElement& e, const Affine& tr, double unit) {
  std::vector<Vec2> pts;
  for (std::size_t i = 0; i + 1 < e.XY.size(); i += 2) {
    const Vec2 q = tr.apply(e.XY[i], e.XY[i + 1]);
    pts.push_back({q.x * unit, q.y * unit});
  }
  if (e.Type == BOUNDARY) {
    if (pts.size() > 1 && pts.front().x == pts.back().x && pts.front().y == pts.back().y) pts.pop_back();
    return pts;
  }
  // PATH: a negative width is absolute (not magnified).
  const double w = (e.Width < 0 ? -e.Width : e.Width * tr.scale) * unit;
  if (w <= 0 || pts.size() < 2) return {};
  const double ext = (e.PathType == 1 || e.PathType == 2) ? 0.5 * w : 0.0;
  return path_outline(pts, w, ext, ext);
}

}  // namespace

GdsSummary gds_summary(const std::string& file) {
  Reader rd(file);
  GdsSummary s;
  for (std::size_t i = 0; i < rd.data->Structs.size(); ++i) s.cells.push_back(rd.name(static_cast<int>(i)));
  for (int t : rd.top_structs()) s.top_cells.push_back(rd.name(t));
  s.database_unit_um = rd.data->FileUnits[1] * 1e6;
  std::set<std::pair<int, int>> keys;
  for (const GDSIIStruct* st : rd.data->Structs)
    for (const GDSIIElement* e : st->Elements)
      if (e->Type == BOUNDARY || e->Type == PATH) keys.insert({e->Layer, e->DataType});
  s.layers.assign(keys.begin(), keys.end());
  return s;
}

std::vector<std::vector<Vec2>> gds_polygons(const std::string& file, const std::string& cell, int layer,
                                            int datatype, double scale_um) {
  Reader rd(file);
  const int top = rd.find_cell(cell);
  const double unit = scale_um > 0 ? scale_um : rd.data->FileUnits[1] * 1e6;
  if (!(unit > 0) || !std::isfinite(unit))
    throw std::runtime_error("gds: '" + file + "' gives no valid database unit; pass scale_um");
  std::vector<std::vector<Vec2>> polys;
  std::set<std::pair<int, int>> seen;
  rd.walk(top, Affine{}, 0, [&](const GDSIIElement& e, const Affine& tr) {
    seen.insert({e.Layer, e.DataType});
    if (e.Layer != layer || e.DataType != datatype) return;
    std::vector<Vec2> p = element_polygon(e, tr, unit);
    if (p.size() >= 3 && polygon_area(p) != 0) polys.push_back(std::move(p));
  });
  if (!seen.count({layer, datatype})) {
    std::ostringstream have;
    for (auto it = seen.begin(); it != seen.end(); ++it)
      have << (it == seen.begin() ? "" : ", ") << it->first << "/" << it->second;
    throw std::runtime_error("gds: '" + file + "': cell '" + rd.name(top) + "' has nothing on layer " +
                             std::to_string(layer) + "/" + std::to_string(datatype) + " (layer/datatype present: " +
                             (seen.empty() ? std::string("none") : have.str()) + ")");
  }
  return polys;
}

std::vector<Shape> import_gds(const std::string& file, const std::string& cell, int layer, int datatype, double z0,
                              double z1, int material, double sidewall_deg, double scale_um) {
  if (!(z1 > z0))
    throw std::invalid_argument("gds: importing '" + file + "': z1 = " + std::to_string(z1) +
                                " must be above z0 = " + std::to_string(z0));
  std::vector<Shape> shapes;
  for (auto& p : gds_polygons(file, cell, layer, datatype, scale_um))
    shapes.push_back(make_polygon_prism(material, std::move(p), z0, z1, sidewall_deg));
  return shapes;
}

}  // namespace pfdtd

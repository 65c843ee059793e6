// Layout import from GDSII files (read with Debian's libGDSII). The hierarchy under a cell is
// flattened here (SREF and AREF with reflection, magnification and rotation), so layer AND
// datatype select the polygons; BOUNDARY elements become polygons as they are, PATH elements
// become the outline of the path (mitred joins; pathtype 0 flush ends, 2 ends extended by
// half the width, 1 (round) approximated by 2, 4 (custom) treated as 0).
// Coordinates come out in micrometres: database units times the file's database unit in
// metres times 1e6, unless a scale (micrometres per database unit) is given.
#pragma once
#include <string>
#include <utility>
#include <vector>

#include "geometry/shape.hpp"
#include "geometry/solids.hpp"

namespace pfdtd {

struct GdsSummary {
  std::vector<std::string> cells;      // every structure, in file order
  std::vector<std::string> top_cells;  // structures no other references
  double database_unit_um = 0;         // one database unit in micrometres
  std::vector<std::pair<int, int>> layers;  // (layer, datatype) pairs used anywhere, sorted
};

GdsSummary gds_summary(const std::string& file);

// Polygons (micrometres) on layer/datatype of `cell` (empty: the one top cell) with its
// hierarchy flattened. Throws std::runtime_error naming the file and what is missing.
std::vector<std::vector<Vec2>> gds_polygons(const std::string& file, const std::string& cell, int layer,
                                            int datatype, double scale_um = 0);

// The polygons as prisms from z0 to z1 of one material (sidewall angle as in PolygonPrism:
// the layout polygon is the base at z0). scale_um <= 0: from the file's units.
std::vector<Shape> import_gds(const std::string& file, const std::string& cell, int layer, int datatype, double z0,
                              double z1, int material, double sidewall_deg = 90, double scale_um = 0);

}  // namespace pfdtd

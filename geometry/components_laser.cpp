// InP ridge laser stack with a cleaved facet and facet coatings.
#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "geometry/components.hpp"
#include "geometry/components_detail.hpp"

namespace pfdtd {

using namespace components_detail;

Component laser_stack(const LaserStackParams& p) {
  const char* b = "laser_stack";
  need_material(p.substrate_material, b, "substrate");
  need_material(p.n_cladding_material, b, "n-cladding");
  need_material(p.sch_material, b, "SCH");
  need_material(p.well_material, b, "well");
  need_material(p.barrier_material, b, "barrier");
  need_material(p.p_cladding_material, b, "p-cladding");
  need_material(p.contact_material, b, "contact");
  need_positive(p.substrate_thickness, b, "substrate_thickness");
  need_positive(p.n_cladding_thickness, b, "n_cladding_thickness");
  need_positive(p.p_cladding_thickness, b, "p_cladding_thickness");
  need_positive(p.ridge_width, b, "ridge_width");
  need_positive(p.length, b, "length");
  if (p.sch_thickness < 0 || p.contact_thickness < 0)
    throw std::invalid_argument("laser_stack: sch_thickness and contact_thickness must be >= 0");
  if (p.wells < 1) throw std::invalid_argument("laser_stack: wells must be >= 1");
  need_positive(p.well_thickness, b, "well_thickness");
  const int barriers = p.barriers < 0 ? p.wells + 1 : p.barriers;
  if (barriers != p.wells + 1 && barriers != p.wells - 1)
    throw std::invalid_argument("laser_stack: barriers = " + std::to_string(barriers) + " must be wells + 1 or wells - 1");
  if (barriers > 0) need_positive(p.barrier_thickness, b, "barrier_thickness");

  struct Layer {
    double z0, z1;
    int material;
  };
  std::vector<Layer> layers;
  double z = 0;
  auto push = [&](double t, int mat) {
    if (t <= 0) return;
    layers.push_back({z, z + t, mat});
    z += t;
  };
  push(p.n_cladding_thickness, p.n_cladding_material);
  push(p.sch_thickness, p.sch_material);
  const double active_z0 = z;
  const bool barrier_first = barriers == p.wells + 1;
  if (barrier_first) push(p.barrier_thickness, p.barrier_material);
  for (int k = 0; k < p.wells; ++k) {
    push(p.well_thickness, p.well_material);
    if (barrier_first || k + 1 < p.wells) push(p.barrier_thickness, p.barrier_material);
  }
  const double active_z1 = z;
  push(p.sch_thickness, p.sch_material);
  push(p.p_cladding_thickness, p.p_cladding_material);
  push(p.contact_thickness, p.contact_material);
  const double top = z;
  if (!(p.etch_depth > 0 && p.etch_depth <= top))
    throw std::invalid_argument("laser_stack: etch_depth " + std::to_string(p.etch_depth) + " must be in (0, " +
                                std::to_string(top) + "] (the stack above the substrate)");
  const double ze = top - p.etch_depth;
  const double cot = p.ridge_sidewall_deg == 90 ? 0 : 1 / std::tan(p.ridge_sidewall_deg * kPi / 180);
  if (!(p.ridge_sidewall_deg > 0 && p.ridge_sidewall_deg < 180) || p.ridge_width - 2 * p.etch_depth * cot <= 0)
    throw std::invalid_argument("laser_stack: the ridge's sidewall angle must be in (0, 180) and leave its top open");

  const double xf = p.x_facet, xb = p.x_facet - p.length, xmid = 0.5 * (xf + xb);
  Component c;
  auto full_layer = [&](int mat, double z0, double z1) {
    c.shapes.push_back(make_box(mat, {xmid, 0, 0.5 * (z0 + z1)}, {p.length, kUnbounded, z1 - z0}));
  };
  full_layer(p.substrate_material, -p.substrate_thickness, 0);
  // Sloped ridge walls: the ridge runs past the facet and is cut there by a vertical plane.
  const double ext = cot != 0 ? std::abs(cot) * p.etch_depth + 0.01 : 0;
  const double hw = 0.5 * p.ridge_width;
  const std::vector<Vec2> ridge{{xb - ext, p.y0 - hw}, {xf + ext, p.y0 - hw}, {xf + ext, p.y0 + hw}, {xb - ext, p.y0 + hw}};
  for (const Layer& l : layers) {
    if (l.z0 < ze) full_layer(l.material, l.z0, std::min(l.z1, ze));
    if (l.z1 > ze) {
      auto s = std::make_shared<PolygonPrism>(ridge, std::max(l.z0, ze), l.z1, p.ridge_sidewall_deg, ze);
      if (ext > 0)
        c.shapes.push_back(Shape{l.material, std::make_shared<ClippedSolid>(s, Vec3{xf, 0, 0}, Vec3{1, 0, 0})});
      else
        c.shapes.push_back(Shape{l.material, s});
    }
  }
  double xc = xf;
  for (const CoatingLayer& k : p.coatings) {
    need_material(k.material, b, "coating");
    need_positive(k.thickness, b, "coating thickness");
    c.shapes.push_back(make_box(k.material, {xc + 0.5 * k.thickness, 0, 0.5 * (top - p.substrate_thickness)},
                                {k.thickness, kUnbounded, top + p.substrate_thickness}));
    xc += k.thickness;
  }
  const double zc = 0.5 * (active_z0 + active_z1);
  c.ports.push_back(Port{"facet", {xf, p.y0, zc}, 0, p.ridge_width});
  c.info["top_z"] = top;
  c.info["etch_z"] = ze;
  c.info["active_z0"] = active_z0;
  c.info["active_z1"] = active_z1;
  c.info["active_center_z"] = zc;
  c.info["sch_z0"] = active_z0 - p.sch_thickness;
  c.info["sch_z1"] = active_z1 + p.sch_thickness;
  c.info["coating_end_x"] = xc;
  return c;
}

}  // namespace pfdtd

// Helpers shared by the component builders (components_*.cpp); not a public interface.
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "geometry/components.hpp"

namespace pfdtd::components_detail {

constexpr double kPi = 3.14159265358979323846;
constexpr double kUnbounded = 1e30;  // BoxSolid edge meaning "no limit"
constexpr double kWide = 1e3;        // half-width standing for "unbounded" in polygons

void need_material(int material, const char* builder, const char* what);
void need_positive(double value, const char* builder, const char* what);

// The etched part of the core: from the slab top (rib) or the core bottom (strip) to the top.
double core_z0(const WaveguideCross& xs);
double core_z1(const WaveguideCross& xs);
double core_zmid(const WaveguideCross& xs);
// How far a sloped end face reaches: (z1 - z0) / tan(angle) for walls leaning in, else 0.
double end_extension(const WaveguideCross& xs);
void check_cross(const WaveguideCross& xs, const char* builder);

Vec2 operator+(Vec2 a, Vec2 b);
Vec2 operator-(Vec2 a, Vec2 b);
Vec2 operator*(double s, Vec2 a);
Vec2 rotated(Vec2 v, double deg);
Vec2 polar(double r, double deg);
// Local points (start at the origin heading +x) placed at `origin` heading `angle_deg`.
std::vector<Vec2> placed(const std::vector<Vec2>& local, Vec2 origin, double angle_deg);
double path_length(const std::vector<Vec2>& path);

// Appends a straight segment to `to`.
void append_line(std::vector<Vec2>& path, Vec2 to);
// Appends a cosine S-bend heading +x from path.back(): y += offset (1 - cos(pi s / L)) / 2.
void append_cosine_sbend(std::vector<Vec2>& path, double length, double offset, double max_segment);

// A layer from z0 to z1 over the stack's x range (from x_min, if set), unbounded in y.
Shape stack_layer(int material, const SoiStack& stack, double z0, double z1);
// Layers of the stack (and an unbounded rib slab) into c.shapes.
void add_stack(Component& c, const SoiStack& stack, const WaveguideCross& xs, const ComponentMaterials& m);

// A waveguide along a centre line: the core (and a finite rib slab) as polygon prisms,
// ends extended by end_extension() where asked.
void add_route(Component& c, const std::vector<Vec2>& centre, const std::vector<double>& widths,
               const WaveguideCross& xs, int material, bool extend_start = true, bool extend_end = true);
void add_route(Component& c, const std::vector<Vec2>& centre, double width, const WaveguideCross& xs, int material,
               bool extend_start = true, bool extend_end = true);
// A circular arc of the core (and a finite rib slab): a ring sector.
void add_arc(Component& c, Vec2 center, double radius, double width, double start_deg, double stop_deg,
             const WaveguideCross& xs, int material);

void add_port(Component& c, const std::string& name, Vec2 at, double angle_deg, double width,
              const WaveguideCross& xs);

// The MMI over x in [x0, x0 + total]; mirrored: its inputs on the right, facing +x.
Component mmi_oriented(const MmiParams& p, const ComponentMaterials& m, bool mirrored);

}  // namespace pfdtd::components_detail

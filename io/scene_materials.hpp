// The `materials:` entries of a scene file: constant, anisotropic, conductive, PEC,
// dispersive (poles), library materials fitted over a band, gain, and index perturbations
// (carriers, heat, Pockels). Format: docs/scene-format.md.
#pragma once
#include <string>
#include <vector>

#include "io/scene_yaml_detail.hpp"
#include "materials/material.hpp"

namespace pfdtd {

// Reads one material; what the user should know about it (a library fit's error) is
// appended to `notes`.
Material read_material(const std::string& name, const scene_detail::Field& f, std::vector<std::string>& notes);

}  // namespace pfdtd

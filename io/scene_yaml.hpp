// Reading scene files (YAML, or JSON, which is YAML too) into the typed Scene of
// solver/scene.hpp. Everything a scene file can get wrong is reported as a SceneError whose
// message points at the place in the file ("file:line:column: key.path: what; expected
// what"), so a user can fix a scene without reading the solver. The format is described in
// docs/scene-format.md.
#pragma once
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

#include "solver/scene.hpp"

namespace pfdtd {

// A scene that cannot be run as written. The message is complete, ready to print.
struct SceneError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Parses and validates a scene; `file_name` only labels messages and Scene::source_file.
// Does not check the machine's resources (see check_resources).
Scene parse_scene(const std::string& yaml_text, const std::string& file_name);

// Reads `path`, parses it and checks that the machine can hold the simulation.
Scene load_scene(const std::string& path);

// Refuses a scene whose estimated memory (estimate_device_bytes) exceeds this machine's.
void check_resources(const Scene& scene);

// Physical memory of this machine in bytes (0 if it cannot be found out).
std::uint64_t machine_memory_bytes();

// Things that are allowed but probably not what the user wants (coarse resolution, sources
// in the PML, ...), one sentence each, prefixed with the scene's file name.
std::vector<std::string> scene_warnings(const Scene& scene);

}  // namespace pfdtd

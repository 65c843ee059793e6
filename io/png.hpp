// A minimal PNG writer (8-bit RGB, zlib-compressed), enough for cross-section images.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace pfdtd {

// rgb: width * height * 3 bytes, rows top to bottom. Written through a temporary file.
void write_png(const std::string& path, int width, int height, const std::vector<std::uint8_t>& rgb);

// Maps values to colours (a perceptually ordered blue-green-yellow ramp) between lo and hi.
std::vector<std::uint8_t> colour_map(const std::vector<double>& values, double lo, double hi);

}  // namespace pfdtd

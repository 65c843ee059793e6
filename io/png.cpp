#include "io/png.hpp"

#include <zlib.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <stdexcept>

namespace pfdtd {

namespace {

void put32(std::vector<std::uint8_t>& out, std::uint32_t v) {
  for (int s = 24; s >= 0; s -= 8) out.push_back(static_cast<std::uint8_t>(v >> s));
}

// A PNG chunk: length, type, data, CRC of type and data (PNG spec, sec. 5.3).
void chunk(std::vector<std::uint8_t>& out, const char* type, const std::vector<std::uint8_t>& data) {
  put32(out, static_cast<std::uint32_t>(data.size()));
  const std::size_t start = out.size();
  out.insert(out.end(), type, type + 4);
  out.insert(out.end(), data.begin(), data.end());
  put32(out, static_cast<std::uint32_t>(crc32(0, out.data() + start, static_cast<uInt>(out.size() - start))));
}

}  // namespace

void write_png(const std::string& path, int width, int height, const std::vector<std::uint8_t>& rgb) {
  std::vector<std::uint8_t> raw;  // each row: filter byte 0, then the pixels
  raw.reserve(static_cast<std::size_t>(height) * (3 * width + 1));
  for (int y = 0; y < height; ++y) {
    raw.push_back(0);
    raw.insert(raw.end(), rgb.begin() + 3L * width * y, rgb.begin() + 3L * width * (y + 1));
  }
  uLongf size = compressBound(static_cast<uLong>(raw.size()));
  std::vector<std::uint8_t> packed(size);
  if (compress2(packed.data(), &size, raw.data(), static_cast<uLong>(raw.size()), 6) != Z_OK)
    throw std::runtime_error("PNG: compression failed for " + path);
  packed.resize(size);
  std::vector<std::uint8_t> header;
  put32(header, static_cast<std::uint32_t>(width));
  put32(header, static_cast<std::uint32_t>(height));
  header.insert(header.end(), {8, 2, 0, 0, 0});  // 8 bits, RGB, deflate, no filter, no interlace
  std::vector<std::uint8_t> file = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
  chunk(file, "IHDR", header);
  chunk(file, "IDAT", packed);
  chunk(file, "IEND", {});
  const std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary);
    out.write(reinterpret_cast<const char*>(file.data()), static_cast<std::streamsize>(file.size()));
    if (!out) throw std::runtime_error("cannot write " + tmp);
  }
  std::filesystem::rename(tmp, path);
}

std::vector<std::uint8_t> colour_map(const std::vector<double>& values, double lo, double hi) {
  // Control points of a viridis-like ramp (dark blue, teal, green, yellow).
  static const std::array<std::array<double, 3>, 5> ramp = {{{68, 1, 84}, {59, 82, 139}, {33, 145, 140},
                                                              {94, 201, 98}, {253, 231, 37}}};
  std::vector<std::uint8_t> rgb;
  rgb.reserve(3 * values.size());
  for (double v : values) {
    const double t = hi > lo ? std::clamp((v - lo) / (hi - lo), 0.0, 1.0) : 0.5;
    const double x = t * (ramp.size() - 1);
    const std::size_t i = std::min<std::size_t>(static_cast<std::size_t>(x), ramp.size() - 2);
    const double u = x - i;
    for (int c = 0; c < 3; ++c)
      rgb.push_back(static_cast<std::uint8_t>(std::lround((1 - u) * ramp[i][c] + u * ramp[i + 1][c])));
  }
  return rgb;
}

}  // namespace pfdtd

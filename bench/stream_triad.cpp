// A STREAM-like triad a = b + s c over arrays much larger than the caches, with OpenMP,
// to measure the memory bandwidth that bounds the FDTD kernels on this machine. Bytes
// counted as 3 arrays x 8 bytes per element (write-allocate traffic not counted, as STREAM).
#include <omp.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <vector>

int main(int argc, char** argv) {
  const std::size_t n = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 80'000'000;
  std::vector<double> a(n), b(n), c(n);
#pragma omp parallel for schedule(static)
  for (std::size_t i = 0; i < n; ++i) {
    a[i] = 0;
    b[i] = 1;
    c[i] = 2;
  }
  double best = 1e30;
  for (int rep = 0; rep < 10; ++rep) {
    const auto t0 = std::chrono::steady_clock::now();
#pragma omp parallel for simd schedule(static)
    for (std::size_t i = 0; i < n; ++i) a[i] = b[i] + 3.0 * c[i];
    const double t = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    if (t < best) best = t;
  }
  std::printf("triad: %d threads, %.1f GB/s (check %g)\n", omp_get_max_threads(), 3.0 * 8 * n / best / 1e9, a[n / 2]);
}

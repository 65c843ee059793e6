// The only header that knows which backend runs a kernel. Everything else calls
//   parallel_for(box, [=] PFDTD_HD (int i, int j, int k) { ... });
// with a lambda of one cell. On CUDA it is one thread per cell; on the CPU an OpenMP loop
// over (k, j) with a SIMD inner loop over contiguous x.
#pragma once
#include <stdexcept>
#include <string>

#include "box.hpp"

#if defined(PFDTD_DEVICE_BACKEND_CUDA)
#include <cuda_runtime.h>
#endif

namespace pfdtd {

#if defined(PFDTD_DEVICE_BACKEND_CUDA)

template <class F>
__global__ void parallel_for_kernel(Box b, F f) {
  const int i = b.lo.i + static_cast<int>(blockIdx.x * blockDim.x + threadIdx.x);
  const int j = b.lo.j + static_cast<int>(blockIdx.y * blockDim.y + threadIdx.y);
  const int k = b.lo.k + static_cast<int>(blockIdx.z);
  if (i < b.hi.i && j < b.hi.j) f(i, j, k);
}

inline void check_cuda(cudaError_t err, const char* what) {
  if (err != cudaSuccess)
    throw std::runtime_error(std::string("CUDA error in ") + what + ": " + cudaGetErrorString(err));
}

template <class F>
void parallel_for(const Box& b, F f) {
  if (b.empty()) return;
  const dim3 block(64, 4, 1);
  const dim3 grid((b.extent(0) + block.x - 1) / block.x, (b.extent(1) + block.y - 1) / block.y,
                  b.extent(2));
  parallel_for_kernel<<<grid, block>>>(b, f);
  check_cuda(cudaGetLastError(), "kernel launch");
}

inline void device_synchronize() { check_cuda(cudaDeviceSynchronize(), "synchronize"); }

#else

// Below this many cells a box runs on the calling thread: starting a parallel region costs
// microseconds, more than updating a few thousand cells (1D and small 2D runs, planes).
constexpr long long kMinParallelCells = 16384;

template <class F>
void serial_for(const Box& b, F& f) {
  for (int k = b.lo.k; k < b.hi.k; ++k)
    for (int j = b.lo.j; j < b.hi.j; ++j)
#pragma omp simd
      for (int i = b.lo.i; i < b.hi.i; ++i) f(i, j, k);
}

template <class F>
void parallel_for(const Box& b, F f) {
  if (b.empty()) return;
  // Small boxes skip OpenMP altogether: even an inactive parallel region wakes the pool.
  if (b.cells() < kMinParallelCells) return serial_for(b, f);
  const int k0 = b.lo.k, k1 = b.hi.k, j0 = b.lo.j, j1 = b.hi.j, i0 = b.lo.i, i1 = b.hi.i;
#pragma omp parallel for collapse(2) schedule(static)
  for (int k = k0; k < k1; ++k)
    for (int j = j0; j < j1; ++j)
#pragma omp simd
      for (int i = i0; i < i1; ++i) f(i, j, k);
}

inline void device_synchronize() {}

#endif

}  // namespace pfdtd

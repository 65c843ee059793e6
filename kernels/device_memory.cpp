// Backend implementation of device memory (see device_memory.hpp). Compiled as CUDA in the
// CUDA build, as C++ otherwise.
#include "device_memory.hpp"

#include <cstdlib>
#include <cstring>
#include <limits>
#include <new>
#include <stdexcept>
#include <string>

#include "config.hpp"

#if defined(PFDTD_DEVICE_BACKEND_CUDA)
#include <cuda_runtime.h>
#endif

namespace pfdtd::device {

#if defined(PFDTD_DEVICE_BACKEND_CUDA)

static void check(cudaError_t err, const char* what) {
  if (err != cudaSuccess)
    throw std::runtime_error(std::string("CUDA ") + what + ": " + cudaGetErrorString(err));
}
void* allocate(std::size_t bytes) {
  void* p = nullptr;
  check(cudaMalloc(&p, bytes), "cudaMalloc");
  return p;
}
void release(void* p) noexcept { cudaFree(p); }
void upload(void* d, const void* h, std::size_t n) { check(cudaMemcpy(d, h, n, cudaMemcpyHostToDevice), "upload"); }
void download(void* h, const void* d, std::size_t n) { check(cudaMemcpy(h, d, n, cudaMemcpyDeviceToHost), "download"); }
void copy(void* d, const void* s, std::size_t n) { check(cudaMemcpy(d, s, n, cudaMemcpyDeviceToDevice), "copy"); }
void fill_zero(void* p, std::size_t n) { check(cudaMemset(p, 0, n), "memset"); }
void poison(void* p, std::size_t n) { check(cudaMemset(p, 0xFF, n), "poison"); }  // all-ones = NaN
int count() {
  int n = 0;  // cudaGetDeviceCount fails with no GPU or driver: that means zero devices
  if (cudaGetDeviceCount(&n) != cudaSuccess) return 0;
  return n;
}
const char* backend_name() { return "cuda"; }
// One rank per GPU: the node's ranks take its GPUs in turn.
void* allocate_pinned(std::size_t bytes) {
  void* p = nullptr;
  check(cudaMallocHost(&p, bytes), "cudaMallocHost");
  return p;
}
void release_pinned(void* p) noexcept { cudaFreeHost(p); }
int select(int local_rank) {
  const int n = count();
  if (n == 0) return -1;
  check(cudaSetDevice(local_rank % n), "cudaSetDevice");
  return local_rank % n;
}

#else

void* allocate(std::size_t bytes) {
  // 64-byte alignment so SIMD loads of a row never straddle a cache line at its start
  void* p = std::aligned_alloc(64, (bytes + 63) / 64 * 64);
  if (!p) throw std::bad_alloc();
  return p;
}
void release(void* p) noexcept { std::free(p); }
void upload(void* d, const void* h, std::size_t n) { std::memcpy(d, h, n); }
void download(void* h, const void* d, std::size_t n) { std::memcpy(h, d, n); }
void copy(void* d, const void* s, std::size_t n) { std::memmove(d, s, n); }
void fill_zero(void* p, std::size_t n) { std::memset(p, 0, n); }
void poison(void* p, std::size_t n) {
#if defined(PFDTD_POISON_DEVICE_MEMORY)
  std::memset(p, 0xFF, n);  // every float and double made of all-one bytes is a NaN
#else
  (void)p;
  (void)n;
#endif
}
int count() { return 1; }
const char* backend_name() { return "cpu-openmp"; }
int select(int) { return 0; }
void* allocate_pinned(std::size_t bytes) { return allocate(bytes); }
void release_pinned(void* p) noexcept { release(p); }

#endif

}  // namespace pfdtd::device

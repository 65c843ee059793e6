// Device memory: RAII buffers and the explicit transfer calls between host and device.
// CUDA backend: cudaMalloc / cudaMemcpy. CPU backend: a separate heap allocation and memcpy,
// so that a forgotten upload or download fails the tests here as it would on a GPU. With
// PFDTD_POISON_DEVICE_MEMORY (on in the test build) fresh buffers are filled with NaN.
#pragma once
#include <cstddef>
#include <stdexcept>
#include <utility>
#include <vector>

namespace pfdtd {

namespace device {
void* allocate(std::size_t bytes);
void release(void* p) noexcept;
void upload(void* dst_device, const void* src_host, std::size_t bytes);
void download(void* dst_host, const void* src_device, std::size_t bytes);
void copy(void* dst_device, const void* src_device, std::size_t bytes);
void fill_zero(void* p, std::size_t bytes);
void poison(void* p, std::size_t bytes);  // NaN bytes when poisoning is on, else nothing
int count();                              // CUDA devices present (0 on error); 1 on CPU
const char* backend_name();
int select(int local_rank);  // the device this rank uses, picked by its rank on the node
// Page-locked host memory (cudaMallocHost): copies to and from the device run at full PCIe
// rate and need no bounce buffer. Plain host memory on the CPU backend.
void* allocate_pinned(std::size_t bytes);
void release_pinned(void* p) noexcept;
}  // namespace device

// A host buffer in page-locked memory, for staging transfers (halo exchange).
template <class T>
class PinnedBuffer {
 public:
  PinnedBuffer() = default;
  explicit PinnedBuffer(std::size_t n) : n_(n), p_(n ? static_cast<T*>(device::allocate_pinned(n * sizeof(T))) : nullptr) {}
  PinnedBuffer(const PinnedBuffer&) = delete;
  PinnedBuffer& operator=(const PinnedBuffer&) = delete;
  PinnedBuffer(PinnedBuffer&& o) noexcept : n_(std::exchange(o.n_, 0)), p_(std::exchange(o.p_, nullptr)) {}
  PinnedBuffer& operator=(PinnedBuffer&& o) noexcept {
    if (this != &o) {
      device::release_pinned(p_);
      n_ = std::exchange(o.n_, 0);
      p_ = std::exchange(o.p_, nullptr);
    }
    return *this;
  }
  ~PinnedBuffer() { device::release_pinned(p_); }
  T* data() const { return p_; }
  std::size_t size() const { return n_; }

 private:
  std::size_t n_ = 0;
  T* p_ = nullptr;
};

template <class T>
class DeviceBuffer {
 public:
  DeviceBuffer() = default;
  explicit DeviceBuffer(std::size_t n) : n_(n) {
    if (n_) {
      p_ = static_cast<T*>(device::allocate(n_ * sizeof(T)));
      device::poison(p_, n_ * sizeof(T));
    }
  }
  DeviceBuffer(const DeviceBuffer&) = delete;
  DeviceBuffer& operator=(const DeviceBuffer&) = delete;
  DeviceBuffer(DeviceBuffer&& o) noexcept : p_(std::exchange(o.p_, nullptr)), n_(std::exchange(o.n_, 0)) {}
  DeviceBuffer& operator=(DeviceBuffer&& o) noexcept {
    if (this != &o) {
      device::release(p_);
      p_ = std::exchange(o.p_, nullptr);
      n_ = std::exchange(o.n_, 0);
    }
    return *this;
  }
  ~DeviceBuffer() { device::release(p_); }

  T* data() const { return p_; }
  std::size_t size() const { return n_; }
  std::size_t bytes() const { return n_ * sizeof(T); }

  void zero() { device::fill_zero(p_, bytes()); }
  void upload(const std::vector<T>& host) {
    n_check(host.size());
    device::upload(p_, host.data(), bytes());
  }
  std::vector<T> download() const {
    std::vector<T> host(n_);
    device::download(host.data(), p_, bytes());
    return host;
  }

 private:
  void n_check(std::size_t n) const;
  T* p_ = nullptr;
  std::size_t n_ = 0;
};

template <class T>
void DeviceBuffer<T>::n_check(std::size_t n) const {
  if (n != n_) throw std::length_error("DeviceBuffer::upload: host and device sizes differ");
}

}  // namespace pfdtd

// Backend-neutral macros shared by every kernel header. Nothing here knows physics.
#pragma once

#if defined(__CUDACC__)
#define PFDTD_HD __host__ __device__
#define PFDTD_DEVICE_BACKEND_CUDA 1
#else
#define PFDTD_HD
#endif

#define PFDTD_INLINE inline

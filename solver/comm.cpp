#include "solver/comm.hpp"

namespace pfdtd {

Comm Comm::world() {
  int ready = 0;
  MPI_Initialized(&ready);
  if (!ready) {
    int provided = 0;
    MPI_Init_thread(nullptr, nullptr, MPI_THREAD_FUNNELED, &provided);
  }
  return of(MPI_COMM_WORLD);
}

Comm Comm::of(MPI_Comm c) {
  Comm r;
  r.handle = c;
  MPI_Comm_rank(c, &r.rank);
  MPI_Comm_size(c, &r.size);
  return r;
}

void Comm::barrier() const {
  if (parallel()) MPI_Barrier(handle);
}

bool Comm::any(bool v) const {
  int x = v ? 1 : 0;
  if (parallel()) MPI_Allreduce(MPI_IN_PLACE, &x, 1, MPI_INT, MPI_LOR, handle);
  return x != 0;
}

double Comm::max(double v) const {
  if (parallel()) MPI_Allreduce(MPI_IN_PLACE, &v, 1, MPI_DOUBLE, MPI_MAX, handle);
  return v;
}

long long Comm::sum(long long v) const {
  if (parallel()) MPI_Allreduce(MPI_IN_PLACE, &v, 1, MPI_LONG_LONG, MPI_SUM, handle);
  return v;
}

double Comm::sum(double v) const {
  if (parallel()) MPI_Allreduce(MPI_IN_PLACE, &v, 1, MPI_DOUBLE, MPI_SUM, handle);
  return v;
}

void Comm::broadcast(std::vector<char>& bytes, int root) const {
  if (!parallel()) return;
  unsigned long long n = bytes.size();
  MPI_Bcast(&n, 1, MPI_UNSIGNED_LONG_LONG, root, handle);
  bytes.resize(n);
  MPI_Bcast(bytes.data(), static_cast<int>(n), MPI_CHAR, root, handle);
}

}  // namespace pfdtd

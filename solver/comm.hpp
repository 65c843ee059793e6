// The ranks that run one simulation together. A serial Comm (size 1) makes no MPI calls at
// all, so library users and unit tests need not initialise MPI; `world()` does.
#pragma once
#include <mpi.h>

#include <vector>

namespace pfdtd {

struct Comm {
  MPI_Comm handle = MPI_COMM_NULL;  // MPI_COMM_NULL when serial
  int rank = 0, size = 1;

  static Comm serial() { return Comm{}; }
  // MPI_COMM_WORLD, initialising MPI (thread level funneled) if no one has yet.
  static Comm world();
  // A Comm over an existing communicator (e.g. one colour of MPI_Comm_split).
  static Comm of(MPI_Comm c);

  bool root() const { return rank == 0; }
  bool parallel() const { return size > 1; }
  void barrier() const;
  bool any(bool v) const;            // logical OR over the ranks
  double max(double v) const;
  long long sum(long long v) const;  // exact
  double sum(double v) const;        // in MPI's order: not the same bits on every split
  // Rank `root`'s bytes to everyone (resized on the others).
  void broadcast(std::vector<char>& bytes, int root = 0) const;
};

}  // namespace pfdtd

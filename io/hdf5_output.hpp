// Writes a run's outputs with HDF5 (layout in docs/output-format.md):
//   <dir>/results.h5                      probes, flux spectra, run summary, the scene text
//   <dir>/<monitor>-<Comp>-<step>.hdf     field snapshots in VTK's HDF5 format (ImageData),
//   <dir>/<monitor>-<Comp>.hdf.series     their time series for ParaView (and a .pvd of the same)
//   <dir>/<monitor>.dft.hdf               a dft_fields monitor at cell centres (VTKHDF)
//   <dir>/permittivity.hdf                the scene's permittivity at the source wavelength (VTKHDF)
// Every file is written under a temporary name and renamed when complete, so a crash or a
// kill never leaves a half-written file in place of a good one.
#pragma once
#include <map>
#include <string>
#include <vector>

#include "solver/output.hpp"
#include "solver/permittivity_map.hpp"

namespace pfdtd {

class Hdf5Output : public OutputSink {
 public:
  // On several ranks every call is collective. `resumed_step` >= 0: a restarted run, whose
  // earlier snapshots (up to that step) stay in the time series.
  Hdf5Output(std::string directory, std::string scene_text, const Comm& comm = Comm::serial(),
             long long resumed_step = -1);
  void snapshot(const FieldBlock& block) override;
  void results(const RunResults& results) override;
  // Collective: `mine` is this rank's part (`piece`) of the grid's cells `whole`; `first` is
  // the centre of the whole box's first cell.
  void permittivity(const PermittivityMap& mine, const Box& whole, const Box& piece, const Vec3& first);
  const std::string& directory() const { return dir_; }

 private:
  void write_time_series(const std::string& series);  // <series>.pvd and <series>.hdf.series
  void rescan_series(long long resumed_step);
  std::string dir_, scene_text_;
  Comm comm_;
  std::map<std::string, std::vector<std::pair<double, std::string>>> series_;  // (time, file) per series
};

}  // namespace pfdtd

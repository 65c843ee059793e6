// A flux monitor's DFT fields as PlaneFields (tangential E and H colocated at the centres of
// the plane's cells), and the fibre coupling and far field that its FluxSpec asks for.
#pragma once
#include <vector>

#include "solver/grid.hpp"
#include "solver/monitors.hpp"
#include "solver/output.hpp"
#include "solver/plane_fields.hpp"

namespace pfdtd {

// The axis a flux plane is normal to: the one of zero size (x or y in a 2D run).
int flux_plane_normal(const Grid& g, const FluxSpec& spec);

// One box of cells (extent 1 along the normal, over the whole domain) holding every
// tangential E component of the plane: the hull of their own regions. A FluxMonitor built on
// it records all four components on the same cells, so none is lost when they are colocated.
Box flux_plane_box(const Grid& g, const FluxSpec& spec);

// Tangential E and H at the centres (j + 1/2) d of the plane's cells, each component averaged
// over its staggered neighbours (two along an in-plane axis where it sits on cell edges, and
// H over its two layers either side of the E plane, as FluxFields::flux does); u = t1, v = t2.
// The samples lie at the E plane. A line of a 2D run keeps z as its invariant axis with
// spacing 1. Throws std::invalid_argument when the plane is less than 2 cells wide on an
// in-plane axis or the frequencies do not match.
PlaneFields plane_fields(const FluxFields& flux, const Grid& g, const std::vector<double>& frequencies);

// The fibre as placed on `plane`: its axis the plane's normal, its invariant axis the line's.
GaussianBeamSpec placed_fibre(const FibreSpec& fibre, const PlaneFields& plane);

// Fills out.fibre and out.far_field as `spec` asks. input_power: the power launched into the
// scene per frequency (empty when unknown), for the fibre's efficiency_input.
void analyse_flux_plane(const FluxSpec& spec, const PlaneFields& plane, const std::vector<double>& input_power,
                        FluxSpectrum& out);

}  // namespace pfdtd

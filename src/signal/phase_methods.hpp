#pragma once
// The automatic phasing methods behind auto_phase (private).
#include <array>
#include <complex>
#include <span>

#include "sidepeak/signal/nmr_pipeline.hpp"

namespace sidepeak::signal::detail {

inline constexpr std::size_t kCoarseSize = 2048;   ///< points of the decimated spectrum for the global search
inline constexpr std::size_t kFineSize = 8192;     ///< points (before masking) for the local refinement
inline constexpr double kMaxP1Deg = 360.0;         ///< |p1| bound (soft wall)
inline constexpr double kGridP1Deg = 180.0;        ///< p1 grid range of the global search
inline constexpr double kGridP1StepDeg = 45.0;
inline constexpr double kGridP0StepDeg = 20.0;

/// ACME (Chen et al. 2002), global grid + Nelder-Mead.
PhaseResult acme_phase(std::span<const std::complex<double>> spectrum);
/// Region phase angles (PAMPAS-like) + a linear phase fit, refined by ACME on the signal regions.
PhaseResult region_phase(std::span<const std::complex<double>> spectrum);
/// The region estimate alone (before the entropy refinement), degrees {p0, p1}.
std::array<double, 2> region_phase_estimate(std::span<const std::complex<double>> spectrum);
/// Local ACME refinement on the signal regions at up to kFineSize resolution.
std::array<double, 2> acme_refine(std::span<const std::complex<double>> spectrum, std::array<double, 2> start_deg,
                                  double step_deg);

}  // namespace sidepeak::signal::detail

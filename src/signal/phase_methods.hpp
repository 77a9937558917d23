#pragma once
// The automatic phasing methods behind auto_phase (private).
#include <array>
#include <complex>
#include <cstddef>
#include <optional>
#include <span>
#include <vector>

#include "sidepeak/signal/nmr_pipeline.hpp"

namespace sidepeak::signal::detail {

inline constexpr std::size_t kCoarseSize = 1024;  ///< points of the decimated spectrum for the global search
inline constexpr int kGlobalEvals = 50;           ///< cost evaluations of each local minimisation
inline constexpr std::size_t kFineSize = 8192;    ///< points (before masking) for the local refinement
inline constexpr double kMaxP1Deg = 360.0;        ///< |p1| bound (soft wall)
inline constexpr double kGridP1Deg = 180.0;       ///< p1 grid range of the global search
inline constexpr double kGridP1StepDeg = 45.0;
inline constexpr double kGridP0StepDeg = 30.0;

inline constexpr std::size_t kLineFitSize = 65536;     ///< points (at most) on which lines are fitted
inline constexpr double kLineMinSnr = 20.0;            ///< line apex |z| over the noise sigma
inline constexpr std::size_t kLineMaxCandidates = 64;  ///< strongest candidate lines fitted
inline constexpr double kLineWindowWidths = 10.0;      ///< fit window half-width in line half-widths
inline constexpr double kLineMaxWeightShare = 0.2;     ///< cap of one line's share of the weight
inline constexpr double kLinePriorDeg = 20.0;          ///< trust in the start phase at either end (sd)
inline constexpr std::size_t kLineMinCount = 6;        ///< fewer fitted lines: keep the entropy result
inline constexpr std::size_t kLineMinAgreeing = 4;     ///< lines that must agree with the robust fit

inline constexpr std::size_t kRollBlocks = 1024;       ///< grid of the smooth complex baseline estimate
inline constexpr std::size_t kRollWindowDivisor = 64;  ///< running window half-width: blocks / this

/// A copy of the spectrum minus its smooth complex baseline (running median then running mean of
/// the real and imaginary parts on a kRollBlocks grid): removes a first-point roll before phasing.
std::vector<std::complex<double>> without_smooth_baseline(std::span<const std::complex<double>> spectrum);

/// ACME (Chen et al. 2002), global grid + Nelder-Mead.
PhaseResult acme_phase(std::span<const std::complex<double>> spectrum);
/// Region phase angles (PAMPAS-like) + a linear phase fit, refined by ACME on the signal regions.
PhaseResult region_phase(std::span<const std::complex<double>> spectrum);
/// The region estimate alone (before the entropy refinement), degrees {p0, p1}.
std::array<double, 2> region_phase_estimate(std::span<const std::complex<double>> spectrum);
/// Local ACME refinement on the signal regions at up to kFineSize resolution.
std::array<double, 2> acme_refine(std::span<const std::complex<double>> spectrum, std::array<double, 2> start_deg,
                                  double step_deg);
/// Final stage of both methods: per-line phases from local complex Lorentzian fits and a robust
/// linear fit of p0/p1 over them, starting from `start_deg`; nothing when the lines do not decide
/// (fewer than kLineMinCount isolated lines, or fewer than kLineMinAgreeing agreeing).
std::optional<std::array<double, 2>> line_phase_refine(std::span<const std::complex<double>> spectrum,
                                                       std::array<double, 2> start_deg);

}  // namespace sidepeak::signal::detail

#pragma once
/// The 1D NMR processing pipeline: FID -> group-delay removal -> DC offset -> apodization ->
/// zero filling -> FFT -> automatic phasing -> referencing -> baseline -> noise -> peaks ->
/// multiplets -> integrals. Each stage is also available on its own (see the other headers in
/// sidepeak/signal/).
#include <optional>
#include <string>
#include <vector>

#include "sidepeak/core/nmr_data.hpp"
#include "sidepeak/signal/nmr_options.hpp"

namespace sidepeak::signal {



struct Peak {
    double ppm = 0.0;      ///< sub-point apex position
    double index = 0.0;    ///< fractional point index of the apex
    double height = 0.0;
    double area = 0.0;     ///< integral over the peak, in intensity x ppm
    double fwhm_hz = 0.0;
    double snr = 0.0;      ///< height / noise sigma
};

struct Multiplet {
    double ppm = 0.0;                  ///< intensity-weighted centre
    double ppm_from = 0.0;             ///< integration range (high ppm end first is not required)
    double ppm_to = 0.0;
    std::string pattern;               ///< "s", "d", "t", "q", "quint", "dd", "dt", "td", "ddd", "m", ...
    std::vector<double> j_hz;          ///< coupling constants for first-order patterns
    double area = 0.0;                 ///< integral of the range (same units as Peak::area)
    double relative_area = 0.0;        ///< area normalised to the reference integral (see normalise)
    std::vector<std::size_t> peaks;    ///< indices into NmrResult::peaks
};

struct PhaseResult {
    double p0_deg = 0.0;
    double p1_deg = 0.0;   ///< first-order phase across the full spectral width, pivot at point 0
    std::string method;
};

struct ReferenceResult {
    std::string signal;        ///< "TMS", "DSS", "TSP", "CHCl3", "DMSO", ... or "none"
    double ppm = 0.0;          ///< the assigned shift of that signal
    double shift_ppm = 0.0;    ///< correction applied to the axis
    bool found = false;
    /// Why this signal was used, for a reviewer: e.g. "TMS singlet; CHCl3 residual agrees (+0.003 ppm)".
    std::string reason;
    /// A candidate that contradicted the one used and was not taken: "TMS"/"DSS"/"TSP" for a
    /// rejected standard, the residual's name when a standard overruled it; empty when none.
    std::string rejected;
    double rejected_ppm = 0.0;  ///< apex of the rejected candidate on the referenced axis
    /// Cross-check of a standard against the residual solvent line: where the residual lands on
    /// the axis referenced by that standard, minus its tabulated shift (ppm). Refers to the
    /// rejected standard (or the standard that overruled the residual) when `rejected` is set,
    /// else to the standard used; empty when no such comparison was made.
    std::optional<double> disagreement_ppm;
};

/// Milliseconds per stage (steady_clock). process_nmr runs the FID -> complex spectrum chain
/// (DC offset, apodization, zero filling, FFT, group delay) as one call and reports it as fft_ms;
/// group_delay_ms and apodization_ms stay 0 there (bench/nmr_pipeline_bench.cpp times them apart).
/// read_ms is for the caller that reads the file.
struct StageTimings {
    double read_ms = 0, group_delay_ms = 0, apodization_ms = 0, fft_ms = 0, phase_ms = 0, reference_ms = 0,
           baseline_ms = 0, noise_ms = 0, peaks_ms = 0, multiplets_ms = 0, total_ms = 0;
};

struct NmrResult {
    NmrMeta meta;
    NmrSpectrum spectrum;          ///< phased, referenced, baseline-corrected real spectrum
    std::vector<double> baseline;  ///< the baseline that was subtracted (same size as spectrum)
    PhaseResult phase;
    ReferenceResult reference;
    double noise = 0.0;            ///< robust noise sigma (MAD of a signal-free region)
    std::vector<Peak> peaks;
    std::vector<Multiplet> multiplets;
    StageTimings timings;
};

/// Runs the whole pipeline. Uses the first FID of `data` (or the processed spectrum when there
/// is no FID or options.use_vendor_processed is set). Throws Error when there is nothing to process.
NmrResult process_nmr(const NmrData& data, const NmrProcessingOptions& options = {});

}  // namespace sidepeak::signal

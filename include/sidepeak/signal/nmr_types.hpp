#pragma once
/// Results of the 1D NMR processing stages: peaks, multiplets, the phase and the reference found.
/// Each stage header (peaks.hpp, multiplets.hpp, phase.hpp, reference.hpp) uses these; the
/// pipeline (nmr_pipeline.hpp) gathers them in NmrResult.
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

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

}  // namespace sidepeak::signal

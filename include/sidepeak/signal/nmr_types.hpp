#pragma once
/// Results of the 1D NMR processing stages: peaks, multiplets, the phase and the reference found.
/// Each stage header (peaks.hpp, multiplets.hpp, phase.hpp, reference.hpp) uses these; the
/// pipeline (nmr_pipeline.hpp) gathers them in NmrResult.
#include <algorithm>
#include <cstddef>
#include <initializer_list>
#include <optional>
#include <string>
#include <utility>
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

/// First-order multiplicity of a multiplet as the pattern classifier read it (classify_pattern),
/// carried typed across module boundaries: detectors ask these questions, and only reports and
/// notes spell it, through name().
struct Multiplicity {
    /// Lines of each distinct coupling, largest J first: n + 1 for n equivalent spins (2 = d,
    /// 3 = t, 4 = q, 5 = quint, ...), so {2, 2, 3} is a ddt. Empty for a singlet or for "m".
    std::vector<int> orders;
    /// True when a first-order coupling tree explains the lines; false for an unresolved "m".
    bool first_order = false;

    /// One line, no coupling ("s").
    static Multiplicity singlet() { return {{}, true}; }
    /// A first-order pattern with these lines per coupling, largest J first.
    static Multiplicity of(std::vector<int> lines_per_coupling) { return {std::move(lines_per_coupling), true}; }

    /// "s": one line without a resolved coupling.
    bool is_singlet() const noexcept { return first_order && orders.empty(); }
    /// "m": no first-order tree explains the lines.
    bool is_unresolved() const noexcept { return !first_order; }
    /// Lines of a pattern of one coupling to equivalent spins (2 d, 3 t, 4 q, 5 quint, 6 sext,
    /// 7 sept); 0 for a singlet, "m" or a pattern of several couplings (dd, tt, ...).
    int simple_order() const noexcept { return first_order && orders.size() == 1 ? orders.front() : 0; }
    /// True for a first-order pattern of exactly these lines per coupling, largest J first
    /// (e.g. {3, 3}: a tt).
    bool is(std::initializer_list<int> lines_per_coupling) const {
        return first_order && std::equal(orders.begin(), orders.end(), lines_per_coupling.begin(), lines_per_coupling.end());
    }

    friend bool operator==(const Multiplicity&, const Multiplicity&) = default;
};

/// The first-order name: "s", "d", "t", "q", "quint", "sext", "sept" per coupling, concatenated
/// largest J first ("dd", "dt", "td", "ddt", "tt", ...); "m" when not first order. Seven or more
/// lines of one coupling are named "sept" (the name table ends there).
std::string name(const Multiplicity& multiplicity);

struct Multiplet {
    double ppm = 0.0;                  ///< intensity-weighted centre
    double ppm_from = 0.0;             ///< integration range (high ppm end first is not required)
    double ppm_to = 0.0;
    Multiplicity multiplicity;         ///< first-order pattern (name(): "s", "d", "t", "dd", ..., "m")
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

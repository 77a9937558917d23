#pragma once
/// Isotope grouping of LC-MS features without an averagine model: candidates whose m/z differ by
/// n x 1.0033548 / z (13C spacing) for z = 1..max_charge, that co-elute (apex RT within a
/// tolerance) and have correlated elution profiles form one isotope pattern; the lightest member
/// is the monoisotopic feature. Follows the feature assembly of FeatureFinderMetabo (Kenar et al.,
/// MCP 2014) with the co-elution/shape tests of CAMERA (Kuhl et al., Anal. Chem. 84 (2012) 283).
///
/// Intensity plausibility without averagine: the M+1/M ratio of a molecule with mass m can not
/// exceed that of an all-carbon molecule of the same mass (C_n with n = m/12: n x 1.08 %), so a
/// candidate M+1 more intense than `max_m1_ratio_slack` x that bound is rejected; likewise M+2 is
/// accepted up to the bound of one Br or two Cl plus carbon (so halogenated ions still group).
#include <cstdint>
#include <deque>
#include <functional>
#include <string>
#include <vector>

#include "sidepeak/signal/features.hpp"

namespace sidepeak::signal {

struct IsotopeGroupingOptions {
    double ppm = 10.0;                 ///< m/z tolerance of each isotope position (ppm)
    double abs_tolerance = 0.003;      ///< extra Da allowed for 15N/34S/18O spacing differences
    double rt_tolerance_s = 3.0;       ///< apex RT difference allowed
    double min_correlation = 0.6;      ///< elution-profile Pearson correlation required
    int max_charge = 3;
    int max_isotopes = 4;              ///< isotope peaks searched after the monoisotopic one
    double max_m1_ratio_slack = 1.5;   ///< multiplier on the all-carbon M+1 bound
};

/// Groups isotopes: returns the monoisotopic candidates (isotope members removed) with charge,
/// isotopes (m/z) and isotope_intensities (apex relative to the monoisotopic one) set. Features
/// without isotopes keep charge 0 (unknown). Output is by m/z; candidates of equal m/z keep their
/// input order (the sort is stable). The same as IsotopeGrouper fed the sorted candidates.
[[nodiscard]] std::vector<FeatureCandidate> group_isotopes(std::vector<FeatureCandidate> candidates,
                                                           const IsotopeGroupingOptions& options = {});

/// group_isotopes on candidates that arrive in ascending m/z, holding only those within the reach
/// of the isotope search (max_isotopes x 1.0033548 Da plus the tolerance) of the lowest one not yet
/// settled: a candidate is settled once one beyond its reach has arrived, since nothing later can
/// be its isotope. A settled isotope member is dropped, a settled monoisotopic candidate goes to
/// the sink, in ascending m/z. Given the candidates of a whole run, the sink receives exactly what
/// group_isotopes returns, in its order, while memory holds a few daltons of candidates, not the run.
/// The search looks only upward in m/z, as group_isotopes does when the tolerance of the nearest
/// isotope position (1.0033548 / max_charge Da) exceeds its m/z tolerance (always at the defaults:
/// 10 ppm + 3 mDa against 334 mDa).
class IsotopeGrouper {
public:
    using Sink = std::function<void(FeatureCandidate&&)>;
    IsotopeGrouper(const IsotopeGroupingOptions& options, Sink sink);
    /// The next candidate; its m/z must not be below the previous one's.
    void add(FeatureCandidate candidate);
    /// Settles every candidate still held (the end of the run).
    void finish();
    /// Candidates held now (the window; for memory figures and tests).
    [[nodiscard]] std::size_t held() const noexcept { return window_.size(); }

private:
    [[nodiscard]] double reach(double mz) const;  // highest m/z an isotope of a candidate at mz can have
    void settle_front();
    IsotopeGroupingOptions options_;
    Sink sink_;
    std::deque<FeatureCandidate> window_;  // ascending m/z, the lowest unsettled first
    std::deque<double> mz_;                // their m/z (the search keys)
    std::deque<std::uint8_t> consumed_;    // taken as an isotope of a lower candidate
};

/// How well a feature's isotopes match the predicted pattern of `ion_formula` (the ion, adduct
/// and charge included, e.g. "C12H19N2+"): the monoisotopic m/z must match the formula's within
/// `mass_ppm` (else 0); each observed isotope whose m/z misses the predicted M+k centroid by
/// more than `mass_ppm` (+ 3 mDa for fine-structure spread) counts as not observed; the relative
/// intensities are then scored by chem::score_isotopes (1 = perfect, 0.5 = nothing to compare).
/// Throws UsageError for a malformed formula.
[[nodiscard]] double isotope_pattern_score(const Feature& feature, const std::string& ion_formula, double mass_ppm = 10.0);

}  // namespace sidepeak::signal

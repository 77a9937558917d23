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
/// without isotopes keep charge 0 (unknown). Input order does not matter; output is by m/z.
[[nodiscard]] std::vector<FeatureCandidate> group_isotopes(std::vector<FeatureCandidate> candidates,
                                                           const IsotopeGroupingOptions& options = {});

/// How well a feature's isotopes match the predicted pattern of `ion_formula` (the ion, adduct
/// and charge included, e.g. "C12H19N2+"): the monoisotopic m/z must match the formula's within
/// `mass_ppm` (else 0); each observed isotope whose m/z misses the predicted M+k centroid by
/// more than `mass_ppm` (+ 3 mDa for fine-structure spread) counts as not observed; the relative
/// intensities are then scored by chem::score_isotopes (1 = perfect, 0.5 = nothing to compare).
/// Throws UsageError for a malformed formula.
[[nodiscard]] double isotope_pattern_score(const Feature& feature, const std::string& ion_formula, double mass_ppm = 10.0);

}  // namespace sidepeak::signal

#pragma once
/// Isotope patterns aggregated by nominal mass (M, M+1, M+2, ...) with exact-mass centroids,
/// and a score that compares an observed pattern with the predicted one.
///
/// Algorithm: the polynomial (convolution) method of Yergey (Int. J. Mass Spectrom. Ion Phys.
/// 52, 337, 1983) with aggregation by nominal mass shift as in Kubinyi (Anal. Chim. Acta 247,
/// 107, 1991) and Rockwood et al. (Anal. Chem. 67, 2699, 1995): each element's isotope
/// distribution is raised to its atom count by binary exponentiation of convolutions, then the
/// elements are convolved together. Each bin keeps its probability and the probability-weighted
/// exact mass, so a bin's centroid is exact. Bins beyond `max_peaks` and below `prune` (relative
/// to the largest bin) are dropped after every convolution.
#include <span>
#include <vector>

#include "sidepeak/chem/formula.hpp"

namespace sidepeak::chem {

struct IsotopePeak {
    int shift = 0;           ///< nominal shift from the monoisotopic peak (0 = M, 1 = M+1, ...)
    double mass = 0.0;       ///< abundance-weighted exact mass of the aggregated peak (Da, ion mass when charged)
    double mz = 0.0;         ///< mass / |charge| (equals mass for a neutral formula)
    double abundance = 0.0;  ///< probability (all peaks sum to about 1)
    double relative = 0.0;   ///< abundance relative to the monoisotopic peak
};

struct IsotopeOptions {
    int max_peaks = 8;        ///< highest nominal shift kept (M+0 .. M+max_peaks-1)
    double prune = 1e-7;      ///< bins below this fraction of the largest bin are dropped
};

/// Predicted isotope pattern of `f` (peaks ordered by shift; shifts may be negative for elements
/// whose most abundant isotope is not the lightest, e.g. Fe, B, Li). Charge divides the m/z.
std::vector<IsotopePeak> isotope_pattern(const Formula& f, const IsotopeOptions& options = {});

/// The relative abundance of M+`shift` (0 when not in the pattern).
double relative_abundance(const std::vector<IsotopePeak>& pattern, int shift);

struct IsotopeScoreOptions {
    /// Allowed deviation of an observed relative intensity: abs_tolerance + rel_tolerance * predicted.
    /// Defaults reflect the typical precision of isotope ratios on TOF/Orbitrap features with
    /// 1e4-1e6 counts: a few percent absolute plus 15 % of the expected value.
    double abs_tolerance = 0.03;
    double rel_tolerance = 0.15;
    /// Predicted peaks below this relative abundance are skipped when not observed (they may
    /// simply be under the detection limit).
    double min_predicted = 0.05;
};

struct IsotopeMatch {
    double score = 0.0;        ///< 0..1: exp(-chi^2 / (2 n)), chi = deviation / allowed deviation
    int compared = 0;          ///< number of isotope peaks compared
    double max_deviation = 0;  ///< largest |observed - predicted| (relative intensity units)
};

/// Compares `observed_relative` (intensities of M+1, M+2, ... relative to M; a value <= 0 means
/// not observed) with `predicted`. Peaks predicted above `min_predicted` but not observed count
/// as a full miss. With nothing to compare, the score is 0.5 (no information).
IsotopeMatch score_isotopes(std::span<const double> observed_relative, const std::vector<IsotopePeak>& predicted,
                            const IsotopeScoreOptions& options = {});

}  // namespace sidepeak::chem

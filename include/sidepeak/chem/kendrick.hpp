#pragma once
/// Kendrick mass analysis for repeat-unit series (Kendrick, Anal. Chem. 35, 2146, 1963; Hughey
/// et al., Anal. Chem. 73, 4676, 2001 for the general repeat-unit base).
///
/// For a repeat unit R of exact mass m_R and nominal mass n_R:
///   KM  = mass * n_R / m_R
///   KMD = round(KM) - KM          (this project's sign convention; in (-0.5, 0.5])
/// Ions that differ only by k repeat units have KMs that differ by exactly k * n_R, hence the same
/// KMD. For ions of charge z pass the charge-multiplied value z * m/z (members of a doubly
/// charged series then share a KMD among themselves).
#include <cstddef>
#include <span>
#include <string>
#include <vector>

#include "sidepeak/chem/formula.hpp"

namespace sidepeak::chem {

struct KendrickBase {
    std::string formula;   ///< Hill formula of the repeat unit
    double exact = 0.0;    ///< m_R (Da)
    int nominal = 0;       ///< n_R
};

/// The Kendrick base of a repeat-unit formula. Throws UsageError for an empty or charged formula.
KendrickBase kendrick_base(const Formula& repeat_unit);

double kendrick_mass(double mass, const KendrickBase& base);
/// round(KM) - KM.
double kendrick_mass_defect(double mass, const KendrickBase& base);
/// Distance between two KMDs on the unit circle (a KMD near +0.5 is close to one near -0.5).
double kmd_distance(double a, double b);

struct SeriesOptions {
    double tolerance_ppm = 10.0;     ///< per-ion mass accuracy
    double abs_tolerance = 0.002;    ///< Da, added for low masses where ppm is tiny
    std::size_t min_members = 3;     ///< shortest series reported
};

struct KendrickSeries {
    std::vector<std::size_t> members;  ///< indices into the input, ascending mass, consecutive k
    double kmd = 0.0;                  ///< KMD of the lightest member
    double max_kmd_spread = 0.0;       ///< largest KMD distance of a member from the lightest one
};

/// Groups masses into series of consecutive repeat-unit multiples: ion j follows ion i when
/// KM_j - KM_i = n_R within the combined mass tolerance of the two ions (which is the KMD
/// clustering test together with the consecutive-k test). Each ion joins at most one series;
/// when several ions compete for one successor the closest in KM wins. O(n log n).
std::vector<KendrickSeries> find_series(std::span<const double> masses, const KendrickBase& base,
                                        const SeriesOptions& options = {});

}  // namespace sidepeak::chem

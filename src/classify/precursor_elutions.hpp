#pragma once
// Elutions of one m/z read from the features and the data-dependent MS2 precursors together: a
// DDA MS2 scan is triggered by an ion of its precursor m/z in the MS1 survey scan before it
// (Stahl et al., J. Am. Soc. Mass Spectrom. 7 (1996) 532), so a scan at that m/z at an RT outside
// every feature there records an ion the feature detection kept none of (below its S/N limit).
// The quaternary cation of the reaction and its ring-opened Hofmann amine are isobaric (the
// amine's [M+H]+ is the cation's formula) and differ in retention (a permanent cation vs a neutral
// amine): two RT-separated elutions at that m/z are that pair. Used by the Hofmann detector and by
// the context inference.
#include <vector>

#include "detectors.hpp"
#include "ms_ions.hpp"

namespace sidepeak::classify::detail {

/// Two RT-separated elutions at one m/z in one run, at least one an MS2 precursor outside the
/// features (pairs of two features are read from the features alone).
struct PrecursorPair {
    bool found = false;
    double rt_a = 0.0;
    double rt_b = 0.0;
};

/// Scans count as apart beyond two median feature FWHMs of `table`: a Gaussian peak spans about
/// 1.7 FWHM at its base (4 sigma), so two triggers of one peak are never further apart.
[[nodiscard]] double scan_apart_s(const IonTable& table);

/// The first pair of RT-separated elutions at `mz` in any run of `ms2`: features of `features`
/// (the vector `table` was built on) and MS2 precursors outside them (beyond the index's RT
/// margin). A feature pair is apart beyond the table's separation and both FWHMs, a scan pair
/// beyond `scan_apart`.
[[nodiscard]] PrecursorPair precursor_pair(const IonTable& table, const std::vector<signal::Feature>& features,
                                           const Ms2Access& ms2, double mz, double scan_apart);

/// The pair's chance in this run: precursor_pair (scans apart beyond scan_apart_s) at `mz` and at
/// each of `offsets` (decoy positions of that m/z, range_decoy_offsets); no test (target 0)
/// without MS2.
[[nodiscard]] DecoyTest precursor_pair_test(const IonTable& table, const std::vector<signal::Feature>& features,
                                            const Ms2Access& ms2, double mz, const std::vector<double>& offsets);

}  // namespace sidepeak::classify::detail

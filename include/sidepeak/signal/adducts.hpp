#pragma once
/// Adduct and in-source-fragment grouping of co-eluting LC-MS features into compounds, after
/// CAMERA (Kuhl et al., Anal. Chem. 84 (2012) 283-289) and OpenMS MetaboliteFeatureDeconvolution:
/// features whose apex RTs agree within a tolerance and whose elution profiles correlate are
/// candidate ions of one neutral; for every pair the adduct table (chem/adducts.hpp: [M+H]+,
/// [M+Na]+, [M+K]+, [M+NH4]+, [M+2H]2+, [M+H-H2O]+, ...) is searched for two adducts that imply
/// the same neutral mass within `ppm`. Each feature, most intense first, takes the hypothesis
/// (its adduct and neutral mass) supported by the most co-eluting partners; the supporters join
/// its group. Known charges (from isotopes) must agree with the adduct's charge.
#include <vector>

#include "sidepeak/signal/features.hpp"

namespace sidepeak::signal {

struct AdductOptions {
    double ppm = 10.0;                 ///< neutral-mass agreement between two ions (ppm)
    double rt_tolerance_s = 3.0;       ///< apex RT difference allowed
    double min_correlation = 0.6;      ///< elution-profile correlation required
    bool positive = true;              ///< positive-mode table (negative mode: no grouping yet)
};

/// Sets group, adduct and neutral_mass of the features in place. Features without a partner keep
/// group -1 and an empty adduct. Group ids are 0.. in order of the groups' most intense member.
void group_adducts(std::vector<FeatureCandidate>& candidates, const AdductOptions& options = {});

}  // namespace sidepeak::signal

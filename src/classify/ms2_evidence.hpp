#pragma once
// MS/MS helpers shared by the LC-MS detectors: the "ms2_spectrum" evidence entry of an annotated
// consensus fragment spectrum, and the strongest single neutral loss of a given name.
#include <string>
#include <string_view>
#include <vector>

#include "sidepeak/chem/fragments.hpp"
#include "sidepeak/classify/finding.hpp"
#include "sidepeak/signal/ms2_index.hpp"

namespace sidepeak::classify::detail {

/// An "ms2_spectrum" evidence entry: precursor m/z and formula, provenance (scan ids, first RT,
/// energies, activation) and the annotated fragments (unassigned peaks left out).
Evidence ms2_evidence(const signal::Ms2Consensus& consensus, const chem::Formula& precursor_ion,
                      const std::vector<chem::FragmentAnnotation>& fragments, const std::string& label);

/// The most intense annotation of the single loss `name` (nullptr when absent or below
/// `min_relative` of the base peak).
const chem::FragmentAnnotation* strongest_loss(const std::vector<chem::FragmentAnnotation>& fragments,
                                               std::string_view name, double min_relative);

/// "at 112 s, HCD 30 %, 2 scans" (the provenance phrase of a summary).
std::string ms2_provenance(const signal::Ms2Consensus& consensus);

}  // namespace sidepeak::classify::detail

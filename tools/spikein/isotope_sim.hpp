#pragma once
// Isotope patterns for the LC-MS spike-in, computed here from the element isotope abundances so
// that the simulator does not share code (or mistakes) with the detectors' isotope engine.
#include <vector>

#include "sidepeak/chem/formula.hpp"

namespace sidepeak::spikein {

/// One aggregate of the isotope pattern: all isotopologues with the same nominal mass shift.
struct IsotopeLine {
    int shift = 0;           ///< nominal mass shift from the monoisotopic isotopologue
    double mass = 0.0;       ///< abundance-weighted mean mass of the aggregate (ion mass, Da)
    double abundance = 0.0;  ///< relative to the most abundant aggregate (which is 1)
};

/// Isotope pattern of `formula` by polynomial convolution of the element isotope distributions
/// (CIAAW/IUPAC representative abundances, AME masses). Masses include the formula's charge
/// (one electron mass removed per positive charge). Aggregates below `prune` of the largest are
/// dropped. Throws UsageError for an element without a table entry or a negative count.
std::vector<IsotopeLine> isotope_pattern(const chem::Formula& formula, double prune = 1e-4);

}  // namespace sidepeak::spikein

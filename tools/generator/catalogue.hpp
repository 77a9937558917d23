#pragma once
// The labelled sample set: scenario templates that together give every by-product class as a
// positive and a negative, mixed samples, low-abundance positives and every trap of the domain
// reference. Each seed draws reagents, amounts, instruments and artefacts anew, so another seed
// gives a different set labelled the same way.
#include <cstdint>
#include <string>
#include <vector>

#include "mixture.hpp"

namespace sidepeak::gen {

enum class NmrOutput { none, bruker, jcamp_affn, jcamp_difdup };
enum class LcmsOutput { none, centroid, profile };

struct SampleSpec {
    std::string id;
    std::string scenario;
    Mixture mixture;
    NmrOutput nmr = NmrOutput::none;
    LcmsOutput lcms = LcmsOutput::none;
    double nmr_baseline = 0.005;  ///< rolling-baseline strength (fraction of the tallest line)
    std::vector<std::string> traps;
    std::string notes;
};

/// The truth of each class as implied by the species present.
struct Truth {
    bool oligomer = false, over_alkylation = false, n_oxide = false, hofmann = false;
};
Truth truth_of(const Mixture& m);

/// All samples of the set for `seed`.
std::vector<SampleSpec> build_catalogue(std::uint64_t seed);

}  // namespace sidepeak::gen

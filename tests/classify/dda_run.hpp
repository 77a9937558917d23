#pragma once
// An LC-MS run with the data-dependent MS2 scans an instrument took of it, read by one detector.
#include <vector>

#include "detectors.hpp"
#include "sidepeak/signal/ms2_index.hpp"
#include "synthetic.hpp"

namespace synth {

struct DdaRun {
    Ms ms;
    std::vector<sidepeak::signal::Ms2Scan> scans;
};

/// Calls `detect(features, ms2)` with an MS2 index of the run's scans (every feature in run 0).
template <class Detect>
sidepeak::classify::ModalityResult read_dda(const DdaRun& run, Detect detect) {
    const sidepeak::signal::Ms2Index index(run.scans, sidepeak::signal::Ms2IndexOptions{});
    sidepeak::classify::Ms2Access access;
    access.runs = {&index};
    access.feature_run.assign(run.ms.r.features.size(), 0);
    return detect(run.ms.r.features, access);
}

}  // namespace synth

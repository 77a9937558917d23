#pragma once
// An LC-MS run with the data-dependent MS2 scans an instrument took of it, read by one detector.
#include <random>
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

/// Adds to `run` (the product's ions already in it) two features marking the m/z range (150.5 and
/// 799.5 at 600 s) and 200 matrix ions drawn from `seed`, uniform in m/z [mz_lo, mz_hi) and RT
/// 60-900 s, each with one MS2 scan at its apex made by `scan_of(feature)`: the dense DDA matrix
/// in which a detector's reading must stay at chance.
template <class ScanOf>
DdaRun with_dda_matrix(DdaRun run, unsigned seed, double mz_lo, double mz_hi, ScanOf scan_of) {
    run.ms.add(150.5, 600, 1e4);
    run.ms.add(799.5, 600, 1e4);
    std::mt19937 gen(seed);
    std::uniform_real_distribution<double> mz(mz_lo, mz_hi), rt(60.0, 900.0);
    for (int i = 0; i < 200; ++i) {
        const auto& f = run.ms.add(mz(gen), rt(gen), 2e4);
        run.scans.push_back(scan_of(f));
    }
    return run;
}

}  // namespace synth

// Isotope grouping as the candidates stream in (IsotopeGrouper): the same monoisotopic features as
// group_isotopes on the whole list, while only a few daltons of candidates are held; and the slab
// pipeline hands each slab's candidates on in m/z order at any thread count.
#include "sidepeak/signal/isotopes.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

#include <gtest/gtest.h>

#include "sidepeak/chem/constants.hpp"
#include "sidepeak/signal/feature_slabs.hpp"
#include "sidepeak/signal/mz_slabs.hpp"
#include "synthetic_lcms.hpp"

namespace sidepeak::signal {
namespace {

// A Gaussian elution profile over scans 0..29 with its apex at `apex_scan`.
FeatureCandidate candidate(double mz, double height, std::uint32_t apex_scan) {
    FeatureCandidate c;
    c.feature.mz = mz;
    c.feature.rt_s = apex_scan;  // one scan per second
    c.feature.intensity = height;
    c.feature.run_snr = 100.0;
    for (std::uint32_t s = apex_scan - 5; s <= apex_scan + 5; ++s) {
        const double d = (static_cast<double>(s) - apex_scan) / 2.0;
        c.scan.push_back(s);
        c.profile.push_back(height * std::exp(-0.5 * d * d));
    }
    return c;
}

// Ions every 1.7 Da from 150 to 1850 (closer than one isotope spacing apart, so patterns
// interleave), each with M+1 and M+2 at 13C spacing and charge 1 or 2, eluting at one of three times.
std::vector<FeatureCandidate> interleaved_patterns() {
    std::vector<FeatureCandidate> out;
    for (int i = 0; i < 1000; ++i) {
        const double mono = 150.0 + 1.7 * i;
        const int z = 1 + i % 2;
        const auto apex = static_cast<std::uint32_t>(10 + 5 * (i % 3));
        out.push_back(candidate(mono, 1e6, apex));
        out.push_back(candidate(mono + chem::kC13Shift / z, 1e6 * 0.0108 * mono * z / 12.0, apex));
        out.push_back(candidate(mono + 2.0 * chem::kC13Shift / z, 1e6 * 0.02, apex));
    }
    std::stable_sort(out.begin(), out.end(),
                     [](const FeatureCandidate& a, const FeatureCandidate& b) { return a.feature.mz < b.feature.mz; });
    return out;
}

TEST(IsotopeGrouper, SameFeaturesAsGroupingTheWholeListWhileHoldingAFewDaltons) {
    const auto all = interleaved_patterns();
    const auto whole = group_isotopes(all);
    ASSERT_EQ(whole.size(), 1000U);  // every pattern found: the test case is not trivial

    std::vector<FeatureCandidate> streamed;
    IsotopeGrouper grouper({}, [&streamed](FeatureCandidate&& c) { streamed.push_back(std::move(c)); });
    std::size_t most_held = 0;
    for (const auto& c : all) {
        grouper.add(c);
        most_held = std::max(most_held, grouper.held());
    }
    grouper.finish();
    EXPECT_EQ(grouper.held(), 0U);
    ASSERT_EQ(streamed.size(), whole.size());
    for (std::size_t k = 0; k < whole.size(); ++k) {
        EXPECT_EQ(streamed[k].feature.mz, whole[k].feature.mz);
        EXPECT_EQ(streamed[k].feature.charge, whole[k].feature.charge);
        EXPECT_EQ(streamed[k].feature.isotopes, whole[k].feature.isotopes);
        EXPECT_EQ(streamed[k].feature.isotope_intensities, whole[k].feature.isotope_intensities);
    }
    // The reach of the search is 4 x 1.0034 Da plus tolerance: about 3 ions (9 candidates) per
    // 4 Da here, never the 3000 candidates of the list.
    EXPECT_LE(most_held, 12U);
}

TEST(IsotopeGrouper, EqualMzCandidatesKeepTheirInputOrder) {
    // Two ions of one m/z at different times (a repeated injection): each takes its own M+1.
    std::vector<FeatureCandidate> all{candidate(300.0, 1e6, 10), candidate(300.0, 2e6, 20),
                                      candidate(300.0 + chem::kC13Shift, 1e5, 10), candidate(300.0 + chem::kC13Shift, 2e5, 20)};
    const auto grouped = group_isotopes(all);
    ASSERT_EQ(grouped.size(), 2U);
    EXPECT_EQ(grouped[0].feature.intensity, 1e6);
    EXPECT_EQ(grouped[1].feature.intensity, 2e6);
    ASSERT_EQ(grouped[0].feature.isotope_intensities.size(), 1U);
    ASSERT_EQ(grouped[1].feature.isotope_intensities.size(), 1U);
    EXPECT_DOUBLE_EQ(grouped[0].feature.isotope_intensities[0], 0.1);
    EXPECT_DOUBLE_EQ(grouped[1].feature.isotope_intensities[0], 0.1);
}

TEST(FeatureSlabs, SinkReceivesTheSlabsInMzOrderAtOneTwoAndEightThreads) {
    const auto syn = test::make_synthetic_run(test::standard_compounds());
    const PeakMap map = build_peak_map(syn.run);
    const FeatureDetectionOptions options;
    const std::vector<double> cuts{200.0, 300.0, 400.0, 500.0, 700.0};
    auto load = [&map](double lo, double hi) { return slice_mz(map, lo, hi); };
    const auto whole = detect_features_in_slabs(load, cuts, 0.0, options, 1);
    ASSERT_FALSE(whole.empty());
    for (const unsigned threads : {1U, 2U, 8U}) {
        std::vector<FeatureCandidate> got;
        std::size_t calls = 0;
        double last = -std::numeric_limits<double>::infinity();
        for_each_slab_features(load, cuts, 0.0, options, threads, [&](std::vector<FeatureCandidate>&& slab) {
            ++calls;
            for (auto& c : slab) {
                EXPECT_GE(c.feature.mz, last);
                last = c.feature.mz;
                got.push_back(std::move(c));
            }
        });
        EXPECT_EQ(calls, cuts.size() + 1);
        ASSERT_EQ(got.size(), whole.size());
        for (std::size_t k = 0; k < got.size(); ++k) {
            EXPECT_EQ(got[k].feature.mz, whole[k].feature.mz);
            EXPECT_EQ(got[k].feature.rt_s, whole[k].feature.rt_s);
            EXPECT_EQ(got[k].profile, whole[k].profile);
        }
    }
}

}  // namespace
}  // namespace sidepeak::signal

// Feature detection slab by slab (feature_slabs.hpp, mz_slabs.hpp): cuts fall only in m/z gaps
// wider than the trace tolerance, and the candidates of the slabs, detected in parallel at 1, 2 and
// 8 threads, are those of one pass over the whole map, bit for bit.
#include <algorithm>
#include <cmath>
#include <cstring>
#include <random>

#include <gtest/gtest.h>

#include "sidepeak/signal/feature_slabs.hpp"
#include "sidepeak/signal/features.hpp"
#include "sidepeak/signal/lcms_pipeline.hpp"
#include "sidepeak/signal/mz_slabs.hpp"
#include "sidepeak/signal/run_summary.hpp"

namespace sidepeak::signal {
namespace {

// 240 scans 1 s apart: 120 noise centroids per scan over m/z 150-600 and 60 ions, some in pairs
// 4-20 ppm apart (they compete for the same centroids), each drifting by a few ppm over its elution.
PeakMap make_map(unsigned seed) {
    std::mt19937 rng(seed);
    std::uniform_real_distribution<double> uniform(0.0, 1.0);
    std::exponential_distribution<double> level(1.0 / 1000.0);
    std::normal_distribution<double> gauss(0.0, 1.0);
    struct Ion {
        double mz, rt, fwhm, height;
    };
    std::vector<Ion> ions;
    for (int i = 0; i < 30; ++i) {
        const double mz = 160.0 + 430.0 * uniform(rng);
        ions.push_back({mz, 20.0 + 200.0 * uniform(rng), 4.0 + 8.0 * uniform(rng), 2e4 + 2e5 * uniform(rng)});
        ions.push_back({mz * (1.0 + (4.0 + 16.0 * uniform(rng)) * 1e-6), 20.0 + 200.0 * uniform(rng), 6.0, 1e4 + 1e5 * uniform(rng)});
    }
    PeakMap map;
    map.begin.push_back(0);
    for (std::size_t s = 0; s < 240; ++s) {
        const double rt = static_cast<double>(s);
        std::vector<std::pair<double, double>> peaks;
        for (int k = 0; k < 120; ++k) peaks.emplace_back(150.0 + 450.0 * uniform(rng), level(rng));
        for (const Ion& ion : ions) {
            const double sigma = ion.fwhm / 2.3548;
            const double y = ion.height * std::exp(-0.5 * std::pow((rt - ion.rt) / sigma, 2)) * (1.0 + 0.05 * gauss(rng));
            const double drift = 3e-6 * (rt - ion.rt) / ion.fwhm;
            if (y > 500.0) peaks.emplace_back(ion.mz * (1.0 + drift + 1.5e-6 * gauss(rng)), y);
        }
        std::sort(peaks.begin(), peaks.end());
        for (const auto& [m, y] : peaks) {
            map.mz.push_back(m);
            map.intensity.push_back(y);
        }
        map.rt_s.push_back(rt);
        map.spectrum.push_back(s);
        map.begin.push_back(map.mz.size());
    }
    return map;
}

MzOccupancy occupancy_of(const PeakMap& map, double ppm) {
    MzOccupancy occupancy(ppm);
    occupancy.add(map.mz);
    return occupancy;
}

bool same_bits(double a, double b) { return std::memcmp(&a, &b, sizeof a) == 0; }

void expect_identical(const std::vector<FeatureCandidate>& got, const std::vector<FeatureCandidate>& want) {
    ASSERT_EQ(got.size(), want.size());
    for (std::size_t i = 0; i < want.size(); ++i) {
        const Feature& a = got[i].feature;
        const Feature& b = want[i].feature;
        EXPECT_TRUE(same_bits(a.mz, b.mz) && same_bits(a.rt_s, b.rt_s) && same_bits(a.area, b.area) &&
                    same_bits(a.intensity, b.intensity) && same_bits(a.snr, b.snr) && same_bits(a.chrom_snr, b.chrom_snr) &&
                    same_bits(a.fwhm_s, b.fwhm_s) && same_bits(a.rt_from_s, b.rt_from_s) && same_bits(a.rt_to_s, b.rt_to_s))
            << i << " " << a.mz << " " << b.mz;
        EXPECT_EQ(got[i].scan, want[i].scan) << i;
        EXPECT_EQ(got[i].profile, want[i].profile) << i;
    }
}

TEST(MzSlabs, CutsOnlyInGapsWiderThanTwiceTheTolerance) {
    const PeakMap map = make_map(1);
    const double ppm = 10.0;
    const auto cuts = occupancy_of(map, ppm).cuts(1000);
    ASSERT_GT(cuts.size(), 5u);
    std::vector<double> all = map.mz;
    std::sort(all.begin(), all.end());
    for (const double c : cuts) {
        const auto above = std::lower_bound(all.begin(), all.end(), c);
        ASSERT_NE(above, all.begin());
        ASSERT_NE(above, all.end());
        const double a = *(above - 1), b = *above;
        // Nothing within the tolerance of the cut on either side: a trace below cannot reach above.
        EXPECT_GT(c, a * (1.0 + ppm * 1e-6)) << c;
        EXPECT_LT(c, b * (1.0 - ppm * 1e-6)) << c;
    }
}

TEST(MzSlabs, NoCutWhereCentroidsAreCloserThanTheTolerance) {
    // A ladder of centroids 15 ppm apart from m/z 300 to 330: every gap is within twice the
    // tolerance, so the ladder stays in one slab however small the target.
    PeakMap map;
    map.begin.push_back(0);
    for (double mz = 300.0; mz < 330.0; mz *= 1.0 + 15e-6) {
        map.mz.push_back(mz);
        map.intensity.push_back(1.0);
    }
    map.rt_s.push_back(0.0);
    map.spectrum.push_back(0);
    map.begin.push_back(map.mz.size());
    EXPECT_TRUE(occupancy_of(map, 10.0).cuts(1).empty());
    // A ladder 100 ppm apart has gaps of ten tolerances, and is cut.
    PeakMap sparse;
    sparse.begin.push_back(0);
    for (double mz = 300.0; mz < 330.0; mz *= 1.0 + 100e-6) {
        sparse.mz.push_back(mz);
        sparse.intensity.push_back(1.0);
    }
    sparse.rt_s.push_back(0.0);
    sparse.spectrum.push_back(0);
    sparse.begin.push_back(sparse.mz.size());
    EXPECT_GT(occupancy_of(sparse, 10.0).cuts(1).size(), 900u);
}

TEST(MzSlabs, SliceKeepsEveryScanAndTheCentroidsInRange) {
    const PeakMap map = make_map(2);
    const PeakMap slab = slice_mz(map, 300.0, 400.0);
    EXPECT_EQ(slab.rt_s, map.rt_s);
    EXPECT_EQ(slab.begin.size(), map.begin.size());
    const auto n = static_cast<std::size_t>(std::count_if(map.mz.begin(), map.mz.end(), [](double m) { return m >= 300.0 && m < 400.0; }));
    EXPECT_EQ(slab.peaks(), n);
    EXPECT_TRUE(std::all_of(slab.mz.begin(), slab.mz.end(), [](double m) { return m >= 300.0 && m < 400.0; }));
}

TEST(FeatureSlabs, SameCandidatesAsOnePassAtOneTwoAndEightThreads) {
    for (const unsigned seed : {3u, 4u}) {
        const PeakMap map = make_map(seed);
        FeatureDetectionOptions options;
        options.chrom_snr_below = 10.0;
        const double noise = summarize(map).noise();
        const auto whole = detect_features(map, noise, options);
        ASSERT_GT(whole.size(), 40u);
        const auto cuts = occupancy_of(map, options.traces.ppm).cuts(2000);
        ASSERT_GT(cuts.size(), 3u);
        const SlabLoader load = [&map](double lo, double hi) { return slice_mz(map, lo, hi); };
        for (const unsigned threads : {1u, 2u, 8u}) {
            SCOPED_TRACE(threads);
            expect_identical(detect_features_in_slabs(load, cuts, noise, options, threads), whole);
        }
    }
}

TEST(FeatureSlabs, PipelineResultDoesNotDependOnMemoryCapOrThreads) {
    const PeakMap map = make_map(5);
    LcmsProcessingOptions reference;
    reference.threads = 1;
    reference.memory_cap_bytes = std::size_t{1} << 40;  // one slab per worker at most
    const auto want = process_peak_map(map, map.scans(), false, reference);
    ASSERT_GT(want.features.size(), 20u);
    for (const unsigned threads : {1u, 2u, 8u}) {
        LcmsProcessingOptions o;
        o.threads = threads;
        o.memory_cap_bytes = 1 << 16;  // the smallest slabs
        const auto got = process_peak_map(map, map.scans(), false, o);
        ASSERT_EQ(got.features.size(), want.features.size());
        for (std::size_t i = 0; i < want.features.size(); ++i) {
            EXPECT_TRUE(same_bits(got.features[i].mz, want.features[i].mz) && same_bits(got.features[i].area, want.features[i].area) &&
                        got.features[i].isotopes == want.features[i].isotopes && got.features[i].group == want.features[i].group &&
                        got.features[i].adduct == want.features[i].adduct)
                << i;
        }
        EXPECT_EQ(got.tic.intensity, want.tic.intensity);
        EXPECT_TRUE(same_bits(got.noise, want.noise));
    }
}

TEST(RunSummary, SameFiguresAsTheWholeMap) {
    const PeakMap map = make_map(6);
    const RunSummary s = summarize(map);
    EXPECT_EQ(s.tic().intensity, total_ion_chromatogram(map).intensity);
    EXPECT_EQ(s.bpc().intensity, base_peak_chromatogram(map).intensity);
    EXPECT_EQ(s.median_scan_interval(), 1.0);
    EXPECT_GT(s.noise(), 0.0);
}

}  // namespace
}  // namespace sidepeak::signal

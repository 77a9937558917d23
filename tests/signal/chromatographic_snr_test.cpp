// The chromatographic S/N (features.hpp) and the pipeline's use of it, on hand-built peak maps:
// 300 scans 1 s apart with 150 noise centroids per scan (run noise about 1 000).
#include <algorithm>
#include <cmath>
#include <random>

#include <gtest/gtest.h>

#include "sidepeak/signal/features.hpp"
#include "sidepeak/signal/lcms_pipeline.hpp"

namespace sidepeak::signal {
namespace {

struct Ion {
    double mz;
    double base;       // constant level over the run
    double apex_rt_s;  // elution on top of it
    double fwhm_s;
    double height;
    double scatter;    // relative sd of the intensity per scan
};

PeakMap make_map(const std::vector<Ion>& ions, unsigned seed) {
    std::mt19937 rng(seed);
    std::uniform_real_distribution<double> mz(150.0, 900.0);
    std::exponential_distribution<double> level(1.0 / 1000.0);
    std::normal_distribution<double> gauss(0.0, 1.0);
    PeakMap map;
    map.begin.push_back(0);
    for (std::size_t s = 0; s < 300; ++s) {
        const double rt = static_cast<double>(s);
        std::vector<std::pair<double, double>> peaks;
        for (int k = 0; k < 150; ++k) peaks.emplace_back(mz(rng), level(rng));
        for (const Ion& ion : ions) {
            const double sigma = ion.fwhm_s / 2.3548;
            const double clean = ion.base + ion.height * std::exp(-0.5 * std::pow((rt - ion.apex_rt_s) / sigma, 2));
            const double y = clean * (1.0 + ion.scatter * gauss(rng));
            if (y > 0.05 * (ion.base + ion.height)) peaks.emplace_back(ion.mz * (1.0 + 1e-6 * gauss(rng)), y);
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

const Feature* near(const std::vector<Feature>& fs, double mz, double rt_lo, double rt_hi) {
    for (const auto& f : fs) {
        if (std::abs(f.mz - mz) < mz * 5e-6 && f.rt_s >= rt_lo && f.rt_s <= rt_hi) return &f;
    }
    return nullptr;
}

// An ion eluting at 5 x the run noise with nothing else at its m/z is reported on its
// chromatographic S/N; its snr carries that figure and run_snr the S/N against the run noise.
TEST(ChromatographicSnr, WeakIsolatedElutionIsReported) {
    const PeakMap map = make_map({{412.2034, 0.0, 150.0, 12.0, 5000.0, 0.1}}, 1);
    const LcmsResult r = process_peak_map(map, map.scans(), false);
    ASSERT_GT(r.noise, 500.0);
    ASSERT_LT(r.noise, 1500.0);
    const Feature* f = near(r.features, 412.2034, 145.0, 155.0);
    ASSERT_NE(f, nullptr);
    EXPECT_LT(f->run_snr, 10.0);
    EXPECT_GE(f->chrom_snr, 10.0);
    EXPECT_EQ(f->snr, f->chrom_snr);
}

// A background ion at 5 x the run noise fluctuating by 25 % per scan has many local maxima; none
// rises above the spread of its own XIC, so none is reported.
TEST(ChromatographicSnr, FluctuatingBackgroundIonGivesNoFeature) {
    const PeakMap map = make_map({{523.3001, 5000.0, 150.0, 12.0, 0.0, 0.25}}, 2);
    const LcmsResult r = process_peak_map(map, map.scans(), false);
    EXPECT_EQ(near(r.features, 523.3001, 0.0, 300.0), nullptr);
}

// The same weak ion on top of that background is measured against the background's spread: at
// 3 x the background's level it is reported, and its rise, not the background, makes its S/N.
TEST(ChromatographicSnr, ElutionOnABackgroundIonIsMeasuredAgainstItsSpread) {
    const PeakMap map = make_map({{523.3001, 5000.0, 150.0, 12.0, 15000.0, 0.1}}, 3);
    const LcmsResult r = process_peak_map(map, map.scans(), false);
    const Feature* f = near(r.features, 523.3001, 145.0, 155.0);
    ASSERT_NE(f, nullptr);
    EXPECT_EQ(near(r.features, 523.3001, 0.0, 120.0), nullptr);
    EXPECT_EQ(near(r.features, 523.3001, 180.0, 300.0), nullptr);
}

// A lone intense centroid of another ion in the window is trimmed off (5-95 % quantiles) and does
// not swamp the XIC noise.
TEST(ChromatographicSnr, LoneCentroidInTheWindowIsTrimmed) {
    PeakMap map = make_map({{412.2034, 0.0, 150.0, 12.0, 5000.0, 0.1}}, 4);
    // One noise centroid of scan 110 (40 s from the apex, inside the baseline window) becomes a
    // 300 000-count centroid at the ion's m/z.
    const std::size_t s = 110;
    std::vector<std::pair<double, double>> scan;
    for (std::size_t k = map.begin[s]; k < map.begin[s + 1]; ++k) scan.emplace_back(map.mz[k], map.intensity[k]);
    scan.front() = {412.2035, 3e5};
    std::sort(scan.begin(), scan.end());
    for (std::size_t k = 0; k < scan.size(); ++k) {
        map.mz[map.begin[s] + k] = scan[k].first;
        map.intensity[map.begin[s] + k] = scan[k].second;
    }
    const LcmsResult r = process_peak_map(map, map.scans(), false);
    const Feature* f = near(r.features, 412.2034, 145.0, 155.0);
    ASSERT_NE(f, nullptr);
    EXPECT_GE(f->chrom_snr, 10.0);
}

}  // namespace
}  // namespace sidepeak::signal

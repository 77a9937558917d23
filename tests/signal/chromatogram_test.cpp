#include "sidepeak/signal/chromatogram.hpp"

#include <cmath>
#include <numeric>
#include <random>

#include <gtest/gtest.h>

#include "sidepeak/signal/xic_index.hpp"
#include "synthetic_lcms.hpp"

namespace sidepeak::signal {
namespace {

TEST(Chromatogram, TicAndBpcFromMs1Only) {
    const auto syn = test::make_synthetic_run(test::standard_compounds());
    const PeakMap map = build_peak_map(syn.run);
    ASSERT_EQ(map.scans() * 2, syn.run.spectra.size());  // MS2 scans skipped
    const auto tic = total_ion_chromatogram(map);
    const auto bpc = base_peak_chromatogram(map);
    ASSERT_EQ(tic.time_s.size(), map.scans());
    for (std::size_t s = 0; s < map.scans(); ++s) {
        const auto& sp = syn.run.spectra[map.spectrum[s]];
        EXPECT_EQ(sp.ms_level, 1);
        EXPECT_NEAR(tic.intensity[s], std::accumulate(sp.intensity.begin(), sp.intensity.end(), 0.0), 1e-6 * tic.intensity[s]);
        EXPECT_DOUBLE_EQ(bpc.intensity[s], *std::max_element(sp.intensity.begin(), sp.intensity.end()));
    }
    // The base peak at 120 s is the product's [M+H]+.
    const auto apex = std::max_element(bpc.intensity.begin(), bpc.intensity.end()) - bpc.intensity.begin();
    EXPECT_NEAR(bpc.time_s[static_cast<std::size_t>(apex)], 120.0, 1.0);
}

TEST(XicIndex, MatchesBruteForce) {
    const auto syn = test::make_synthetic_run(test::standard_compounds());
    const PeakMap map = build_peak_map(syn.run);
    const XicIndex index(map);
    EXPECT_EQ(index.size(), map.peaks());
    std::mt19937 rng(5);
    std::uniform_real_distribution<double> u(100.0, 1000.0);
    std::vector<double> queries{syn.expected[0].mz, syn.expected[1].mz, 149.02332};
    for (int k = 0; k < 200; ++k) queries.push_back(u(rng));
    for (const double mz : queries) {
        for (const double tol : {5.0, 20.0, 200.0}) {
            const auto brute = extract_ion_chromatogram(map, mz, tol);
            const auto dense = index.densify(index.xic(mz, tol));
            ASSERT_EQ(brute.intensity.size(), dense.intensity.size());
            for (std::size_t s = 0; s < brute.intensity.size(); ++s) {
                ASSERT_NEAR(brute.intensity[s], dense.intensity[s], 1e-9 * (1.0 + brute.intensity[s])) << mz << " " << s;
            }
        }
    }
    // RT window restricts the points.
    const auto part = index.xic(syn.expected[0].mz, 10.0, 110.0, 130.0);
    ASSERT_FALSE(part.time_s.empty());
    for (const double t : part.time_s) {
        EXPECT_GE(t, 110.0);
        EXPECT_LE(t, 130.0);
    }
}

TEST(XicIndex, QueryCostDoesNotScanEverySpectrum) {
    // Many scans, one narrow ion: a query returns only the scans that hold it.
    MsRun run;
    for (int s = 0; s < 5000; ++s) {
        MsSpectrum sp;
        sp.rt_s = s;
        sp.mode = SpectrumMode::centroid;
        sp.mz = {100.0 + s * 0.01, 500.0};
        sp.intensity = {10.0, s >= 100 && s < 110 ? 1000.0 : 0.0};
        run.spectra.push_back(sp);
    }
    const PeakMap map = build_peak_map(run);
    const XicIndex index(map);
    const auto pts = index.query(500.0, 5.0);
    ASSERT_EQ(pts.size(), 10u);  // zero-intensity points were dropped when the map was built
    EXPECT_EQ(pts.front().scan, 100u);
}

TEST(PeakMap, ProfileSpectraAreCentroided) {
    MsRun run;
    MsSpectrum sp;
    sp.mode = SpectrumMode::profile;
    for (double x = 299.9; x < 300.1; x += 0.0005) {
        sp.mz.push_back(x);
        sp.intensity.push_back(1e5 * std::exp(-0.5 * (x - 300.0) * (x - 300.0) / (0.002 * 0.002)) + 1.0);
    }
    run.spectra.push_back(sp);
    const PeakMap map = build_peak_map(run);
    ASSERT_EQ(map.scans(), 1u);
    ASSERT_GE(map.peaks(), 1u);
    const auto top = std::max_element(map.intensity.begin(), map.intensity.end()) - map.intensity.begin();
    EXPECT_NEAR(map.mz[static_cast<std::size_t>(top)], 300.0, 300.0 * 0.5e-6);
    // A peak list mislabelled as profile (as some converters write) is kept as it is.
    MsRun run2;
    MsSpectrum pl;
    pl.mode = SpectrumMode::profile;
    std::mt19937 rng(2);
    std::uniform_real_distribution<double> u(100.0, 900.0);
    for (int k = 0; k < 200; ++k) pl.mz.push_back(u(rng));
    std::sort(pl.mz.begin(), pl.mz.end());
    pl.intensity.assign(pl.mz.size(), 0.0);
    for (auto& y : pl.intensity) y = u(rng);
    run2.spectra.push_back(pl);
    EXPECT_EQ(build_peak_map(run2).peaks(), 200u);
}

}  // namespace
}  // namespace sidepeak::signal

#include "sidepeak/signal/features.hpp"

#include <algorithm>
#include <cmath>
#include <random>

#include <gtest/gtest.h>

#include "sidepeak/signal/lcms_pipeline.hpp"
#include "sidepeak/signal/mass_traces.hpp"
#include "synthetic_lcms.hpp"
#include "bucketed_search.hpp"

namespace sidepeak::signal {
namespace {

double ppm(double a, double b) { return (a - b) / b * 1e6; }

const Feature* find_feature(const std::vector<Feature>& fs, double mz, double rt, double ppm_tol = 3.0, double rt_tol = 2.0) {
    const Feature* best = nullptr;
    for (const auto& f : fs) {
        if (std::abs(ppm(f.mz, mz)) <= ppm_tol && std::abs(f.rt_s - rt) <= rt_tol) {
            if (best == nullptr || f.intensity > best->intensity) best = &f;
        }
    }
    return best;
}

TEST(Features, SyntheticRunYieldsEveryKnownIon) {
    const auto syn = test::make_synthetic_run(test::standard_compounds());
    const auto result = process_lcms(syn.run);
    EXPECT_EQ(result.spectra, syn.run.spectra.size());
    EXPECT_EQ(result.ms1_spectra, syn.run.spectra.size() / 2);
    EXPECT_GT(result.noise, 100.0);
    for (const auto& e : syn.expected) {
        const Feature* f = find_feature(result.features, e.mz, e.rt_s);
        ASSERT_NE(f, nullptr) << e.adduct << " of compound " << e.compound << " at m/z " << e.mz;
        EXPECT_GE(f->snr, 10.0);
        EXPECT_NEAR(f->intensity, e.apex, 0.2 * e.apex);
        // Gaussian sigma 2.5-3 s: FWHM 5.9-7.1 s, area = apex x sigma x sqrt(2 pi).
        EXPECT_GT(f->fwhm_s, 4.5);
        EXPECT_LT(f->fwhm_s, 8.5);
        EXPECT_LT(f->rt_from_s, f->rt_s);
        EXPECT_GT(f->rt_to_s, f->rt_s);
    }
}

TEST(Features, NoSpuriousFeaturesFromNoiseOrBackground) {
    const auto syn = test::make_synthetic_run(test::standard_compounds());
    const auto result = process_lcms(syn.run);  // default S/N 10
    for (const auto& f : result.features) {
        bool known = false;
        for (const auto& e : syn.expected) {
            if (std::abs(ppm(f.mz, e.mz)) <= 5.0 && std::abs(f.rt_s - e.rt_s) <= 3.0) known = true;
        }
        EXPECT_TRUE(known) << "spurious feature m/z " << f.mz << " rt " << f.rt_s << " S/N " << f.snr;
    }
    EXPECT_EQ(result.features.size(), syn.expected.size());
}

// A compound eluting on top of a background ion of the same m/z: the feature's S/N is its apex
// against the run noise (background included, as a spectrum shows it), and the background's own
// scan-to-scan wiggles over a long run give no feature.
TEST(Features, PeakOnABackgroundIonKeepsItsApexSignal) {
    std::vector<test::SyntheticCompound> one{{"C12H18N2", 400.0, 3.0, 2e4, {{"[M+H]+", 1.0}}}};
    test::SyntheticRunOptions o;
    o.rt_end_s = 900.0;
    const auto probe = test::make_synthetic_run(one, o);
    o.background_mz = {probe.expected[0].mz, 279.15909};
    o.background_intensity = 2e4;
    auto syn = test::make_synthetic_run(one, o);
    // The generator lists the compound and the background as two centroids; an instrument sees
    // one ion: sum the points within 5 ppm of it in each scan.
    const double target = syn.expected[0].mz;
    for (auto& sp : syn.run.spectra) {
        MsSpectrum merged = sp;
        merged.mz.clear();
        merged.intensity.clear();
        double sum = 0.0, weighted = 0.0;
        for (std::size_t k = 0; k < sp.mz.size(); ++k) {
            if (std::abs(ppm(sp.mz[k], target)) <= 5.0) {
                sum += sp.intensity[k];
                weighted += sp.mz[k] * sp.intensity[k];
            } else {
                merged.mz.push_back(sp.mz[k]);
                merged.intensity.push_back(sp.intensity[k]);
            }
        }
        if (sum > 0.0) {
            const auto at = std::lower_bound(merged.mz.begin(), merged.mz.end(), weighted / sum);
            merged.intensity.insert(merged.intensity.begin() + (at - merged.mz.begin()), sum);
            merged.mz.insert(at, weighted / sum);
        }
        sp = std::move(merged);
    }
    const auto result = process_lcms(syn.run);
    const Feature* f = find_feature(result.features, syn.expected[0].mz, 400.0);
    ASSERT_NE(f, nullptr);
    EXPECT_NEAR(f->intensity, 4e4, 0.25 * 4e4);
    EXPECT_NEAR(f->snr, 4e4 / result.noise, 0.25 * 4e4 / result.noise);
    for (const auto& g : result.features) {
        EXPECT_LE(std::abs(g.rt_s - 400.0), 3.0) << "background wiggle reported at m/z " << g.mz << " rt " << g.rt_s
                                                 << " S/N " << g.snr;
    }
}

TEST(Features, AreaAndWidthOfAGaussianElution) {
    std::vector<test::SyntheticCompound> one{{"C12H18N2", 150.0, 4.0, 1e6, {{"[M+H]+", 1.0}}}};
    test::SyntheticRunOptions o;
    o.intensity_cv = 0.0;
    o.noise_peaks_per_scan = 0;
    o.background_mz.clear();
    const auto syn = test::make_synthetic_run(one, o);
    const PeakMap map = build_peak_map(syn.run);
    const auto cands = detect_features(map, 100.0);
    const FeatureCandidate* mono = nullptr;
    for (const auto& c : cands) {
        if (std::abs(ppm(c.feature.mz, syn.expected[0].mz)) < 3.0) mono = &c;
    }
    ASSERT_NE(mono, nullptr);
    EXPECT_NEAR(mono->feature.fwhm_s, 2.3548 * 4.0, 0.5);
    EXPECT_NEAR(mono->feature.area, 1e6 * 4.0 * std::sqrt(2.0 * M_PI), 0.03 * 1e7);
    EXPECT_NEAR(mono->feature.rt_s, 150.0, 0.3);
}

TEST(Features, TwoElutionsOfOneIonSplitIntoTwoFeatures) {
    std::vector<test::SyntheticCompound> two{{"C12H18N2", 100.0, 3.0, 1e6, {{"[M+H]+", 1.0}}},
                                             {"C12H18N2", 118.0, 3.0, 5e5, {{"[M+H]+", 1.0}}}};
    const auto syn = test::make_synthetic_run(two);
    const auto result = process_lcms(syn.run);
    EXPECT_NE(find_feature(result.features, syn.expected[0].mz, 100.0), nullptr);
    EXPECT_NE(find_feature(result.features, syn.expected[1].mz, 118.0), nullptr);
    // One mass trace holds both peaks.
    const auto traces = detect_mass_traces(build_peak_map(syn.run), {.ppm = 10.0, .min_seed_intensity = 5e3});
    std::size_t covering = 0;
    for (const auto& t : traces) {
        if (std::abs(ppm(t.mean_mz, syn.expected[0].mz)) < 5.0 && t.rt_s.front() < 95.0 && t.rt_s.back() > 123.0) ++covering;
    }
    EXPECT_EQ(covering, 1u);
}

TEST(Features, MassTraceBridgesMissingScans) {
    MsRun run;
    for (int s = 0; s < 40; ++s) {
        MsSpectrum sp;
        sp.rt_s = s;
        sp.mode = SpectrumMode::centroid;
        if (s != 20 && s != 21) {  // two scans without the ion
            sp.mz = {250.1234 * (1.0 + (s % 3 - 1) * 2e-6)};
            sp.intensity = {1e5 * std::exp(-0.5 * (s - 20) * (s - 20) / 25.0)};
        }
        run.spectra.push_back(sp);
    }
    const auto traces = detect_mass_traces(build_peak_map(run), {.ppm = 10.0, .max_missing_scans = 2});
    ASSERT_EQ(traces.size(), 1u);
    EXPECT_EQ(traces[0].size(), 38u);
    EXPECT_NEAR(traces[0].mean_mz, 250.1234, 250.1234 * 1e-6);
    const auto split = detect_mass_traces(build_peak_map(run), {.ppm = 10.0, .max_missing_scans = 1});
    EXPECT_EQ(split.size(), 2u);
}

TEST(Features, BucketedSearchAgreesWithBinarySearch) {
    std::mt19937 rng(3);
    std::uniform_real_distribution<double> uni(100.0, 1000.0);
    std::vector<double> v;
    for (int k = 0; k < 500; ++k) v.push_back(uni(rng));
    for (int k = 0; k < 300; ++k) v.push_back(500.0);  // a tight cluster and exact duplicates
    for (int k = 0; k < 200; ++k) v.push_back(500.0 + k * 1e-9);
    std::sort(v.begin(), v.end());
    const detail::BucketedSearch index(v);
    std::vector<double> queries{50.0, 100.0, v.front(), v.back(), 1000.0, 2000.0, 500.0, 500.0 + 1e-10};
    for (int k = 0; k < 2000; ++k) queries.push_back(uni(rng));
    for (const double q : queries) {
        const auto expect = static_cast<std::size_t>(std::lower_bound(v.begin(), v.end(), q) - v.begin());
        EXPECT_EQ(index.lower_bound(q), expect) << q;
    }
    EXPECT_EQ(detail::BucketedSearch(std::span<const double>()).lower_bound(1.0), 0u);
    const std::vector<double> same(5, 7.0);
    EXPECT_EQ(detail::BucketedSearch(same).lower_bound(7.0), 0u);
    EXPECT_EQ(detail::BucketedSearch(same).lower_bound(7.5), 5u);
}


// A run that records no noise (OpenMS's OpenSwathWorkflow_17_input: 50 identical MS1 scans of 100
// constant ions at integer m/z 100-199, intensity = m/z): the median peak is a constant signal, not
// the noise level, and must not hide an eluting ion weaker than ten times that signal. The constant
// ions themselves are no features (no rise, and float rounding ripples are no peaks).
TEST(Features, NoiseFreeRunKeepsAWeakElutingIon) {
    MsRun run;
    const double ion_mz = 250.1234;
    for (int s = 0; s < 50; ++s) {
        MsSpectrum sp;
        sp.index = static_cast<std::size_t>(s);
        sp.ms_level = 1;
        sp.rt_s = s;
        sp.mode = SpectrumMode::centroid;
        for (int m = 100; m < 200; ++m) {
            sp.mz.push_back(m);
            sp.intensity.push_back(m);
        }
        const double y = 20.0 * std::exp(-0.5 * std::pow((s - 25.0) / 3.0, 2));
        if (y > 0.01) {
            sp.mz.push_back(ion_mz);
            sp.intensity.push_back(y);
        }
        run.spectra.push_back(std::move(sp));
    }
    const auto result = process_lcms(run);
    EXPECT_EQ(result.noise, 0.0);
    ASSERT_EQ(result.features.size(), 1u);
    EXPECT_NEAR(result.features[0].mz, ion_mz, 1e-6);
    EXPECT_NEAR(result.features[0].rt_s, 25.0, 0.5);
}

}  // namespace
}  // namespace sidepeak::signal

// The algorithm contract (tests/signal/algorithm_contract_test.cpp: input untouched, a repeat
// bit-identical, eight threads at once each the single-threaded result, documented failure
// signals surfaced) for the stages that test does not reach through its entry points: the SNIP
// baseline (baselines), centroid_spectrum (centroiding), the chromatographic peak picker
// detect_elution_peaks (peak picking), and the feature finders detect_mass_traces, detect_features
// and the streaming LcmsStream. Synthetic inputs with fixed seeds.
#include <gtest/gtest.h>

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <functional>
#include <optional>
#include <random>
#include <stdexcept>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "sidepeak/core/ms_data.hpp"
#include "sidepeak/signal/centroid.hpp"
#include "sidepeak/signal/chromatogram.hpp"
#include "sidepeak/signal/elution_peaks.hpp"
#include "sidepeak/signal/features.hpp"
#include "sidepeak/signal/lcms_stream.hpp"
#include "sidepeak/signal/mass_traces.hpp"
#include "sidepeak/signal/snip.hpp"
#include "signal/contract_digest.hpp"
#include "signal/contract_lcms_run.hpp"

namespace {
namespace ss = sidepeak::signal;

using contract::add;
using contract::Digest;
using contract::expect_repeatable_and_thread_safe;

// A profile mass spectrum: three Gaussian peaks on a noise floor and a slow background rise.
sidepeak::MsSpectrum profile_spectrum() {
    sidepeak::MsSpectrum s;
    s.ms_level = 1;
    s.mode = sidepeak::SpectrumMode::profile;
    std::mt19937 rng(3);
    std::uniform_real_distribution<double> floor(0.0, 5.0);
    const double peaks[][2] = {{200.1, 1e5}, {201.1, 1.2e4}, {350.25, 4e4}};
    for (double mz = 150.0; mz < 400.0; mz += 0.005) {
        double y = floor(rng) + 0.2 * (mz - 150.0);
        for (const auto& pk : peaks) y += pk[1] * std::exp(-0.5 * std::pow((mz - pk[0]) / 0.01, 2));
        s.mz.push_back(mz);
        s.intensity.push_back(y);
    }
    return s;
}

sidepeak::MsRun lcms_run() { return contract::lcms_run(true); }

// One ion's mass trace: a Gaussian elution at 60 s (FWHM ~9.4 s) on a noisy background.
ss::MassTrace gaussian_trace(std::size_t points = 120) {
    ss::MassTrace t;
    std::mt19937 rng(9);
    std::normal_distribution<double> noise(0.0, 50.0);
    for (std::size_t i = 0; i < points; ++i) {
        const double rt = static_cast<double>(i);
        t.scan.push_back(static_cast<std::uint32_t>(i));
        t.rt_s.push_back(rt);
        t.mz.push_back(281.2012 + 1e-4 * noise(rng) / 50.0);
        t.intensity.push_back(std::max(0.0, 500.0 + 2e5 * std::exp(-0.5 * std::pow((rt - 60.0) / 4.0, 2)) + noise(rng)));
    }
    t.mean_mz = 281.2012;
    t.max_intensity = *std::max_element(t.intensity.begin(), t.intensity.end());
    return t;
}

Digest digest(const std::vector<ss::FeatureCandidate>& candidates) {
    Digest d;
    d.push_back(candidates.size());
    for (const auto& c : candidates) {
        const auto& f = c.feature;
        for (const double v : {f.mz, f.rt_s, f.rt_from_s, f.rt_to_s, f.intensity, f.area, f.snr, f.fwhm_s}) add(d, v);
        add(d, c.profile);
        for (const auto s : c.scan) d.push_back(s);
    }
    return d;
}

Digest digest(const ss::LcmsResult& r) {
    Digest d;
    add(d, r.noise);
    d.push_back(r.spectra);
    d.push_back(r.features.size());
    for (const auto& f : r.features) {
        for (const double v : {f.mz, f.rt_s, f.rt_from_s, f.rt_to_s, f.intensity, f.area, f.snr, f.fwhm_s, f.neutral_mass}) add(d, v);
        d.push_back(static_cast<std::uint64_t>(f.charge));
        add(d, f.isotopes);
    }
    add(d, r.tic.intensity);
    return d;
}

}  // namespace

TEST(AlgorithmContractStages, SnipBaseline) {
    const auto s = profile_spectrum();
    const std::vector<double> y = s.intensity;
    for (const bool lls : {true, false}) {
        SCOPED_TRACE(lls ? "log-log-sqrt" : "linear");
        ss::SnipOptions o;
        o.lls_transform = lls;
        expect_repeatable_and_thread_safe([&] {
            Digest d;
            add(d, ss::snip_baseline(y, o));
            return d;
        });
        // Documented: the same length, never above y.
        const auto b = ss::snip_baseline(y, o);
        ASSERT_EQ(b.size(), y.size());
        for (std::size_t i = 0; i < y.size(); ++i) ASSERT_LE(b[i], y[i]) << i;
    }
    EXPECT_EQ(y, s.intensity) << "the input was modified";
    EXPECT_TRUE(ss::snip_baseline(std::vector<double>{}).empty());
}

TEST(AlgorithmContractStages, CentroidSpectrum) {
    const sidepeak::MsSpectrum profile = profile_spectrum();
    const sidepeak::MsSpectrum copy = profile;
    expect_repeatable_and_thread_safe([&] {
        const auto c = ss::centroid_spectrum(profile);
        Digest d;
        add(d, c.mz);
        add(d, c.intensity);
        d.push_back(static_cast<std::uint64_t>(c.mode));
        return d;
    });
    EXPECT_EQ(profile.mz, copy.mz);
    EXPECT_EQ(profile.intensity, copy.intensity);
    const auto c = ss::centroid_spectrum(profile);
    EXPECT_EQ(c.mode, sidepeak::SpectrumMode::centroid);
    EXPECT_GE(c.mz.size(), 3u);
    // Documented: a centroid spectrum is returned as it is (mode centroid).
    sidepeak::MsSpectrum list;
    list.mode = sidepeak::SpectrumMode::centroid;
    list.mz = {100.0, 150.5, 220.25};
    list.intensity = {10.0, 300.0, 20.0};
    const auto same = ss::centroid_spectrum(list);
    EXPECT_EQ(same.mz, list.mz);
    EXPECT_EQ(same.intensity, list.intensity);
    EXPECT_EQ(same.mode, sidepeak::SpectrumMode::centroid);
    // Documented: a profile stored out of m/z order (here descending) is sorted first, so it gives
    // the peaks of the ascending one; centroid_peaks itself refuses it (std::invalid_argument).
    sidepeak::MsSpectrum descending = profile;
    std::reverse(descending.mz.begin(), descending.mz.end());
    std::reverse(descending.intensity.begin(), descending.intensity.end());
    const auto from_descending = ss::centroid_spectrum(descending);
    EXPECT_EQ(from_descending.mz, c.mz);
    EXPECT_EQ(from_descending.intensity, c.intensity);
    EXPECT_THROW((void)ss::centroid_peaks(descending.mz, descending.intensity), std::invalid_argument);
}

TEST(AlgorithmContractStages, ElutionPeakPicking) {
    const ss::MassTrace trace = gaussian_trace();
    const ss::MassTrace copy = trace;
    expect_repeatable_and_thread_safe([&] {
        Digest d;
        for (const auto& p : ss::detect_elution_peaks(trace)) {
            d.push_back(p.first);
            d.push_back(p.last);
            d.push_back(p.apex);
            for (const double v : {p.mz, p.rt_s, p.height, p.area, p.fwhm_s, p.snr, p.baseline, p.prominence}) add(d, v);
        }
        return d;
    });
    EXPECT_EQ(trace.intensity, copy.intensity);
    EXPECT_EQ(trace.rt_s, copy.rt_s);
    EXPECT_EQ(trace.mz, copy.mz);
    const auto peaks = ss::detect_elution_peaks(trace);
    ASSERT_EQ(peaks.size(), 1u);
    EXPECT_NEAR(peaks[0].rt_s, 60.0, 1.0);
    // Documented empty results: a trace shorter than a peak's min_points, and a peak wider than
    // max_fwhm_s (here narrower than allowed: max_fwhm_s below its ~9.4 s).
    ss::MassTrace short_trace = trace;
    for (auto* v : {&short_trace.rt_s, &short_trace.mz, &short_trace.intensity}) v->resize(2);
    short_trace.scan.resize(2);
    EXPECT_TRUE(ss::detect_elution_peaks(short_trace).empty());
    ss::ElutionPeakOptions narrow;
    narrow.max_fwhm_s = 2.0;
    EXPECT_TRUE(ss::detect_elution_peaks(trace, narrow).empty());
}

TEST(AlgorithmContractStages, MassTracesAndFeatureCandidates) {
    const sidepeak::MsRun run = lcms_run();
    const ss::PeakMap map = ss::build_peak_map(run);
    const ss::PeakMap copy = map;
    expect_repeatable_and_thread_safe([&] {
        Digest d;
        for (const auto& t : ss::detect_mass_traces(map)) {
            add(d, t.mz);
            add(d, t.intensity);
            add(d, t.mean_mz);
        }
        return d;
    });
    expect_repeatable_and_thread_safe([&] { return digest(ss::detect_features(map, 100.0)); });
    EXPECT_EQ(map.mz, copy.mz);
    EXPECT_EQ(map.intensity, copy.intensity);
    EXPECT_EQ(map.rt_s, copy.rt_s);
    // Documented: candidates in ascending m/z; the three ions among them.
    const auto candidates = ss::detect_features(map, 100.0);
    for (std::size_t i = 1; i < candidates.size(); ++i) EXPECT_LE(candidates[i - 1].feature.mz, candidates[i].feature.mz);
    int found = 0;
    for (const double mz : {191.1543, 281.2012, 305.1655}) {
        for (const auto& c : candidates) found += std::abs(c.feature.mz - mz) < 0.002 ? 1 : 0;
    }
    EXPECT_GE(found, 3);
    // Documented empty results: traces shorter than min_scans are dropped (one scan only), and an
    // empty map has nothing.
    sidepeak::MsRun one;
    one.spectra.push_back(run.spectra.front());
    EXPECT_TRUE(ss::detect_mass_traces(ss::build_peak_map(one)).empty());
    EXPECT_TRUE(ss::detect_features(ss::PeakMap{}, 100.0).empty());
}

TEST(AlgorithmContractStages, StreamingFeatureFinding) {
    const sidepeak::MsRun run = lcms_run();
    const sidepeak::MsRun copy = run;
    auto streamed = [&run] {
        ss::LcmsStream stream(ss::LcmsProcessingOptions{}, ss::Ms2IndexOptions{});
        for (const auto& s : run.spectra) stream.add(s);
        stream.finish();
        return stream;
    };
    expect_repeatable_and_thread_safe([&] { return digest(streamed().process()); });
    ASSERT_EQ(run.spectra.size(), copy.spectra.size());
    for (std::size_t k = 0; k < run.spectra.size(); ++k) {
        EXPECT_EQ(run.spectra[k].mz, copy.spectra[k].mz);
        EXPECT_EQ(run.spectra[k].intensity, copy.spectra[k].intensity);
    }
    auto stream = streamed();
    EXPECT_EQ(stream.spectra(), run.spectra.size());
    EXPECT_TRUE(stream.has_ms2());
    EXPECT_FALSE(stream.process().features.empty());
    // Documented: a stream that keeps no MS2 (std::nullopt) has none.
    ss::LcmsStream no_ms2(ss::LcmsProcessingOptions{}, std::nullopt);
    for (const auto& s : run.spectra) no_ms2.add(s);
    no_ms2.finish();
    EXPECT_FALSE(no_ms2.has_ms2());
    // An empty stream is no error: no features.
    ss::LcmsStream empty(ss::LcmsProcessingOptions{}, std::nullopt);
    empty.finish();
    EXPECT_TRUE(empty.process().features.empty());
}

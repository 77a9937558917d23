// Contract of every algorithm family of src/signal (baselines, phasing, peak picking, centroiding,
// feature finding), as pybaselines states it for its own: the input is left untouched, a repeat
// gives a bit-identical result, eight threads running at once each get that same result, and the
// documented failure signals (the converged flag, an empty result, std::invalid_argument) are
// surfaced rather than hidden. Synthetic inputs, so the contract is checked without the real-data
// folder too; tests/pipeline/algorithm_contract_test.cpp checks the same on real spectra and runs.
#include <algorithm>
#include <bit>
#include <cmath>
#include <complex>
#include <cstdint>
#include <functional>
#include <numbers>
#include <random>
#include <string>
#include <utility>
#include <stdexcept>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "sidepeak/core/ms_data.hpp"
#include "sidepeak/core/nmr_data.hpp"
#include "sidepeak/signal/baseline.hpp"
#include "sidepeak/signal/centroid.hpp"
#include "sidepeak/signal/lcms_pipeline.hpp"
#include "sidepeak/signal/peaks.hpp"
#include "sidepeak/signal/phase.hpp"
#include "signal/contract_digest.hpp"
#include "signal/contract_lcms_run.hpp"

namespace ss = sidepeak::signal;

namespace {

using contract::add;
using contract::Digest;
using contract::expect_repeatable_and_thread_safe;

// A 1H-like spectrum: Lorentzian lines on a slow roll, with Gaussian noise (fixed seed).
sidepeak::NmrSpectrum nmr_spectrum(std::size_t n = 8192) {
    sidepeak::NmrSpectrum s;
    s.ppm_first = 10.0;
    s.ppm_last = 0.0;
    s.spectrometer_mhz = 400.0;
    s.real.assign(n, 0.0);
    std::mt19937 rng(7);
    std::normal_distribution<double> noise(0.0, 0.002);
    const double lines[][2] = {{7.26, 0.3}, {3.55, 1.0}, {2.70, 0.8}, {1.80, 0.5}, {0.0, 0.2}};
    for (std::size_t i = 0; i < n; ++i) {
        const double ppm = s.ppm_at(static_cast<double>(i));
        double y = 0.05 * std::sin(2.0 * std::numbers::pi * static_cast<double>(i) / static_cast<double>(n)) + noise(rng);
        for (const auto& l : lines) {
            const double hw = 1.0 / 400.0;  // 1 Hz half width in ppm at 400 MHz
            y += l[1] / (1.0 + std::pow((ppm - l[0]) / hw, 2));
        }
        s.real[i] = y;
    }
    return s;
}

// The same lines as a complex spectrum (absorption + i dispersion) given a known phase error.
std::vector<std::complex<double>> dephased_spectrum(std::size_t n = 8192) {
    std::vector<std::complex<double>> c(n);
    std::mt19937 rng(11);
    std::normal_distribution<double> noise(0.0, 0.001);
    const double centres[] = {0.12, 0.3, 0.45, 0.6, 0.71, 0.85};
    for (std::size_t i = 0; i < n; ++i) {
        std::complex<double> y{noise(rng), noise(rng)};
        for (const double f : centres) {
            const double x = (static_cast<double>(i) / static_cast<double>(n) - f) / 4e-4;
            y += std::complex<double>(1.0, x) / (1.0 + x * x);
        }
        c[i] = y;
    }
    ss::apply_phase(c, 30.0, -20.0);
    return c;
}

// A Gaussian profile spectrum: three peaks on a small noise floor.
struct Profile {
    std::vector<double> mz, intensity;
};
Profile profile_spectrum() {
    Profile p;
    std::mt19937 rng(3);
    std::uniform_real_distribution<double> floor(0.0, 5.0);
    const double peaks[][2] = {{200.1, 1e5}, {201.1, 1.2e4}, {350.25, 4e4}};
    for (double mz = 150.0; mz < 400.0; mz += 0.005) {
        double y = floor(rng);
        for (const auto& pk : peaks) y += pk[1] * std::exp(-0.5 * std::pow((mz - pk[0]) / 0.01, 2));
        p.mz.push_back(mz);
        p.intensity.push_back(y);
    }
    return p;
}

sidepeak::MsRun lcms_run() { return contract::lcms_run(false); }

Digest digest(const ss::BaselineResult& r) {
    Digest d;
    add(d, r.baseline);
    add(d, r.weights);
    add(d, r.history);
    d.push_back(static_cast<std::uint64_t>(r.iterations));
    d.push_back(r.converged ? 1u : 0u);
    return d;
}

}  // namespace

TEST(AlgorithmContractSynthetic, Baselines) {
    const sidepeak::NmrSpectrum s = nmr_spectrum();
    const std::vector<double> y = s.real;
    const double lambda = ss::whittaker_lambda(400.0);
    std::vector<double> x(y.size());
    for (std::size_t i = 0; i < x.size(); ++i) x[i] = static_cast<double>(i) / static_cast<double>(x.size());
    const std::vector<std::function<ss::BaselineResult()>> methods = {
        [&] { return ss::asls(y, lambda); },
        [&] { return ss::arpls(y, lambda); },
        [&] { return ss::airpls(y, lambda); },
        [&] { return ss::polynomial_baseline(y, 5); },
        [&] { return ss::first_point_roll(y, x); },
        [&] { return ss::estimate_baseline(s); },
    };
    for (std::size_t m = 0; m < methods.size(); ++m) {
        SCOPED_TRACE("baseline method " + std::to_string(m));
        const auto r = methods[m]();
        EXPECT_EQ(r.baseline.size(), y.size());
        expect_repeatable_and_thread_safe([&] { return digest(methods[m]()); });
    }
    EXPECT_EQ(y, s.real) << "the input was modified";

    // Failure flags: one iteration of a reweighting method does not converge, and says so.
    const auto cut = ss::arpls(y, lambda, 1, 1e-12);
    EXPECT_FALSE(cut.converged);
    EXPECT_EQ(cut.iterations, 1);
    const auto cut_poly = ss::polynomial_baseline(y, 5, 1, 1e-12);
    EXPECT_FALSE(cut_poly.converged);
    EXPECT_THROW((void)ss::asls(y, 0.0), std::invalid_argument);
    EXPECT_THROW((void)ss::asls(y, lambda, 1.5), std::invalid_argument);
    EXPECT_THROW((void)ss::polynomial_baseline(std::vector<double>(4, 1.0), 4), std::invalid_argument);
    EXPECT_THROW((void)ss::first_point_roll(y, std::vector<double>(3, 0.0)), std::invalid_argument);
}

TEST(AlgorithmContractSynthetic, Phasing) {
    const auto c = dephased_spectrum();
    const auto copy = c;
    for (const auto method : {ss::PhaseMethod::acme, ss::PhaseMethod::peak_minimum_entropy}) {
        SCOPED_TRACE("phase method " + std::to_string(static_cast<int>(method)));
        expect_repeatable_and_thread_safe([&] {
            const auto r = ss::auto_phase(c, method);
            Digest d;
            add(d, r.p0_deg);
            add(d, r.p1_deg);
            return d;
        });
    }
    EXPECT_EQ(c, copy) << "the input was modified";
    // manual / none find nothing: {0, 0}, as documented.
    const auto none = ss::auto_phase(c, ss::PhaseMethod::none);
    EXPECT_EQ(none.p0_deg, 0.0);
    EXPECT_EQ(none.p1_deg, 0.0);
}

TEST(AlgorithmContractSynthetic, PeakPicking) {
    const sidepeak::NmrSpectrum s = nmr_spectrum();
    const auto before = s.real;
    expect_repeatable_and_thread_safe([&] {
        Digest d;
        for (const auto& p : ss::pick_peaks(s, 0.002, 10.0, 0.5)) {
            for (const double v : {p.ppm, p.index, p.height, p.area, p.fwhm_hz, p.snr}) add(d, v);
        }
        return d;
    });
    EXPECT_EQ(s.real, before) << "the input was modified";
    // Documented empty results: no noise level, or fewer than 3 points.
    EXPECT_TRUE(ss::pick_peaks(s, 0.0, 10.0).empty());
    sidepeak::NmrSpectrum tiny = s;
    tiny.real.resize(2);
    EXPECT_TRUE(ss::pick_peaks(tiny, 0.002, 10.0).empty());
}

TEST(AlgorithmContractSynthetic, Centroiding) {
    const Profile p = profile_spectrum();
    const Profile copy = p;
    expect_repeatable_and_thread_safe([&] {
        Digest d;
        for (const auto& c : ss::centroid_peaks(p.mz, p.intensity)) {
            for (const double v : {c.mz, c.intensity, c.area, c.fwhm_mz, c.snr}) add(d, v);
        }
        return d;
    });
    EXPECT_EQ(p.mz, copy.mz);
    EXPECT_EQ(p.intensity, copy.intensity);
    // Documented failures: m/z not ascending, or arrays of different lengths.
    std::vector<double> descending(p.mz.rbegin(), p.mz.rend());
    EXPECT_THROW((void)ss::centroid_peaks(descending, p.intensity), std::invalid_argument);
    EXPECT_THROW((void)ss::centroid_peaks(p.mz, std::vector<double>(3, 1.0)), std::invalid_argument);
}

TEST(AlgorithmContractSynthetic, FeatureFinding) {
    const sidepeak::MsRun run = lcms_run();
    const sidepeak::MsRun copy = run;
    expect_repeatable_and_thread_safe([&] {
        const auto r = ss::process_lcms(run);
        Digest d;
        add(d, r.noise);
        d.push_back(r.features.size());
        for (const auto& f : r.features) {
            for (const double v : {f.mz, f.rt_s, f.rt_from_s, f.rt_to_s, f.intensity, f.area, f.snr, f.fwhm_s, f.neutral_mass}) add(d, v);
            d.push_back(static_cast<std::uint64_t>(f.charge));
            add(d, f.isotopes);
        }
        return d;
    });
    ASSERT_EQ(run.spectra.size(), copy.spectra.size());
    for (std::size_t k = 0; k < run.spectra.size(); ++k) {
        EXPECT_EQ(run.spectra[k].mz, copy.spectra[k].mz);
        EXPECT_EQ(run.spectra[k].intensity, copy.spectra[k].intensity);
    }
    // The three ions are found (the result is not trivially empty).
    const auto r = ss::process_lcms(run);
    int found = 0;
    for (const double mz : {191.1543, 281.2012, 305.1655}) {
        for (const auto& f : r.features) found += std::abs(f.mz - mz) < 0.002 ? 1 : 0;
    }
    EXPECT_GE(found, 3);
    // An empty run is no error: no features, no spectra.
    const auto empty = ss::process_lcms(sidepeak::MsRun{});
    EXPECT_TRUE(empty.features.empty());
    EXPECT_EQ(empty.spectra, 0u);
}

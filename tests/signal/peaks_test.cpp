// Peak picking on synthetic Lorentzian spectra with known positions, widths and areas.
#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "sidepeak/signal/noise.hpp"
#include "sidepeak/signal/peaks.hpp"

using sidepeak::NmrSpectrum;
using sidepeak::signal::Peak;
using sidepeak::signal::pick_peaks;

namespace {

// 64k points from 12 to -1 ppm at 500 MHz (0.099 Hz per point).
NmrSpectrum axis(std::size_t n = 65536, double first = 12.0, double last = -1.0, double mhz = 500.0) {
    NmrSpectrum s;
    s.real.assign(n, 0.0);
    s.ppm_first = first;
    s.ppm_last = last;
    s.spectrometer_mhz = mhz;
    return s;
}

void add_lorentzian(NmrSpectrum& s, double ppm, double height, double fwhm_hz) {
    const double gamma = 0.5 * fwhm_hz / s.spectrometer_mhz;  // HWHM in ppm
    for (std::size_t i = 0; i < s.size(); ++i) {
        const double u = (s.ppm_at(static_cast<double>(i)) - ppm) / gamma;
        s.real[i] += height / (1.0 + u * u);
    }
}

void add_noise(NmrSpectrum& s, double sigma, unsigned seed) {
    std::mt19937 rng(seed);
    std::normal_distribution<double> g(0.0, sigma);
    for (double& v : s.real) v += g(rng);
}

double lorentz_area(double height, double fwhm_hz, double mhz) { return M_PI * height * 0.5 * fwhm_hz / mhz; }

const Peak* nearest(const std::vector<Peak>& peaks, double ppm) {
    const Peak* best = nullptr;
    for (const Peak& p : peaks)
        if (!best || std::abs(p.ppm - ppm) < std::abs(best->ppm - ppm)) best = &p;
    return best;
}

}  // namespace

TEST(PickPeaks, IsolatedLorentziansGivePositionWidthAndArea) {
    NmrSpectrum s = axis();
    struct Line {
        double ppm, height, fwhm;
    };
    const std::vector<Line> lines = {{7.2613, 1000.0, 1.0}, {3.7011, 400.0, 1.5}, {1.2534, 2500.0, 0.8},
                                     {0.1234, 50.0, 2.5}, {9.8765, 120.0, 4.0}};
    for (const Line& l : lines) add_lorentzian(s, l.ppm, l.height, l.fwhm);
    add_noise(s, 0.05, 1);
    const std::vector<Peak> peaks = pick_peaks(s, 0.05, 5.0);
    ASSERT_EQ(peaks.size(), lines.size());
    for (const Line& l : lines) {
        const Peak* p = nearest(peaks, l.ppm);
        ASSERT_NE(p, nullptr);
        EXPECT_NEAR(p->ppm, l.ppm, 0.001) << l.ppm;
        EXPECT_NEAR(p->ppm, l.ppm, 1e-4) << "sub-point apex " << l.ppm;
        EXPECT_NEAR(p->height, l.height, 0.01 * l.height) << l.ppm;
        EXPECT_NEAR(p->fwhm_hz, l.fwhm, 0.02 * l.fwhm) << l.ppm;
        EXPECT_NEAR(p->area, lorentz_area(l.height, l.fwhm, 500.0), 0.02 * lorentz_area(l.height, l.fwhm, 500.0))
            << l.ppm;
        EXPECT_NEAR(p->snr, l.height / 0.05, 0.02 * l.height / 0.05);
    }
    for (std::size_t i = 1; i < peaks.size(); ++i) EXPECT_LT(peaks[i - 1].index, peaks[i].index);
}

TEST(PickPeaks, CoarselySampledLorentzianStillExact) {
    // 2.5 points per FWHM: the three-point Lorentzian interpolation is exact for a Lorentzian.
    NmrSpectrum s = axis(4096, 12.0, -1.0, 500.0);  // 1.59 Hz per point
    add_lorentzian(s, 5.00037, 1000.0, 4.0);
    const std::vector<Peak> peaks = pick_peaks(s, 0.01, 5.0);
    ASSERT_EQ(peaks.size(), 1u);
    EXPECT_NEAR(peaks[0].ppm, 5.00037, 1e-6);
    EXPECT_NEAR(peaks[0].height, 1000.0, 1e-6);
    EXPECT_NEAR(peaks[0].fwhm_hz, 4.0, 1e-3);
    EXPECT_NEAR(peaks[0].area, lorentz_area(1000.0, 4.0, 500.0), 0.01 * lorentz_area(1000.0, 4.0, 500.0));
}

TEST(PickPeaks, OnePercentLineBesideTallLineIsReported) {
    NmrSpectrum s = axis();
    add_lorentzian(s, 3.50, 10000.0, 1.0);
    add_lorentzian(s, 3.30, 100.0, 1.0);  // 1 % by-product, 100 Hz away
    add_noise(s, 5.0, 2);
    const double sigma = sidepeak::signal::estimate_noise(s.real).sigma;
    const std::vector<Peak> peaks = pick_peaks(s, sigma, 5.0);
    ASSERT_EQ(peaks.size(), 2u);
    EXPECT_NEAR(peaks[1].ppm, 3.30, 0.001);
    EXPECT_NEAR(peaks[1].height, 100.0, 10.0);
}

TEST(PickPeaks, OnePercentLineOnTheTailOfATallLineIsReported) {
    NmrSpectrum s = axis();
    add_lorentzian(s, 3.50, 10000.0, 1.0);
    add_lorentzian(s, 3.49, 100.0, 1.0);  // 5 Hz away, sits on a tail of ~100
    add_noise(s, 2.0, 3);
    const std::vector<Peak> peaks = pick_peaks(s, 2.0, 5.0);
    ASSERT_EQ(peaks.size(), 2u);
    EXPECT_NEAR(peaks[1].ppm, 3.49, 0.001);
}

TEST(PickPeaks, NoisySingletsAreNotSplit) {
    // Tall singlets with noise on their flat tops and flanks: each must give exactly one peak.
    for (unsigned seed = 0; seed < 20; ++seed) {
        NmrSpectrum s = axis();
        const std::vector<double> centres = {1.0, 2.0, 4.0, 7.26, 10.0};
        for (const double c : centres) add_lorentzian(s, c, 5000.0, 3.0);
        add_noise(s, 1.0, 100 + seed);
        const std::vector<Peak> peaks = pick_peaks(s, 1.0, 5.0);
        EXPECT_EQ(peaks.size(), centres.size()) << "seed " << seed;
        for (const double c : centres) EXPECT_NEAR(nearest(peaks, c)->ppm, c, 0.001);
    }
}

TEST(PickPeaks, ResolvedDoubletGivesTwoPeaksWithValleyBoundedAreas) {
    NmrSpectrum s = axis();
    add_lorentzian(s, 4.000, 800.0, 1.0);
    add_lorentzian(s, 4.006, 800.0, 1.0);  // 3 Hz apart
    const std::vector<Peak> peaks = pick_peaks(s, 0.1, 5.0);
    ASSERT_EQ(peaks.size(), 2u);
    EXPECT_NEAR(peaks[0].ppm, 4.006, 0.001);
    EXPECT_NEAR(peaks[1].ppm, 4.000, 0.001);
    // Each takes roughly half of the pair's area (split at the valley).
    const double total = 2.0 * lorentz_area(800.0, 1.0, 500.0);
    EXPECT_NEAR(peaks[0].area + peaks[1].area, total, 0.05 * total);
    EXPECT_NEAR(peaks[0].area, peaks[1].area, 0.01 * total);
}

TEST(PickPeaks, ThresholdAndDegenerateInputs) {
    NmrSpectrum s = axis(65536);
    add_lorentzian(s, 5.0, 10.0, 1.0);  // SNR 10
    EXPECT_TRUE(pick_peaks(s, 1.0, 12.0).empty());
    EXPECT_EQ(pick_peaks(s, 1.0, 8.0).size(), 1u);
    EXPECT_TRUE(pick_peaks(s, 0.0, 5.0).empty());
    EXPECT_TRUE(pick_peaks(NmrSpectrum{}, 1.0, 5.0).empty());
    NmrSpectrum flat = axis(100);
    EXPECT_TRUE(pick_peaks(flat, 1.0, 5.0).empty());
}

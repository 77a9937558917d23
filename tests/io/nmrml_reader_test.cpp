// Real nmrML files: namespace and no namespace, compressed/uncompressed, Complex128 and int32 FIDs.
#include <cmath>
#include <complex>

#include <gtest/gtest.h>

#include "sidepeak/io/nmr_readers.hpp"
#include "data_format_print.hpp"
#include "test_support.hpp"

namespace {
namespace fs = std::filesystem;
fs::path nmrml_dir() { return sidepeak::test::real_samples() / "nmr" / "nmrml"; }

double dtft_magnitude(const std::vector<std::complex<double>>& fid, double offset_hz, double sweep_hz) {
    std::complex<double> sum = 0.0;
    const double w = -2.0 * M_PI * offset_hz / sweep_hz;
    for (std::size_t k = 0; k < fid.size(); ++k) sum += fid[k] * std::polar(1.0, w * static_cast<double>(k));
    return std::abs(sum);
}

TEST(NmrmlReader, GabaFidAndSpectrum) {
    const auto d = sidepeak::io::read_nmrml(nmrml_dir() / "VZBBI_13R03_GABA_1H.nmrML");
    EXPECT_EQ(d.meta.format, sidepeak::DataFormat::nmrml);
    EXPECT_EQ(d.meta.nucleus, "1H");
    EXPECT_EQ(d.meta.scans, 64);
    EXPECT_NEAR(d.meta.observe_mhz, 500.1625008, 1e-9);
    EXPECT_NEAR(d.meta.reference_mhz, 500.16, 1e-9);
    EXPECT_NEAR(d.meta.sweep_width_hz, 6002.40096038415, 1e-9);
    EXPECT_NEAR(d.meta.group_delay_points, 76.0, 1e-12);
    EXPECT_NEAR(d.meta.temperature_k, 302.7, 1e-9);
    ASSERT_EQ(d.fids.size(), 1u);
    EXPECT_EQ(d.fids[0].size(), 16384u);  // TD 32768 = 16384 complex points
    ASSERT_TRUE(d.processed);
    const auto& s = *d.processed;
    EXPECT_EQ(s.size(), 32768u);
    EXPECT_NEAR(s.ppm_first, 11.07747, 1e-9);
    EXPECT_NEAR(s.ppm_last, -0.923492, 1e-9);
    // Orientation contract: the strongest line away from the carrier is at +offset.
    std::size_t peak = 0;
    double best = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const double ppm = s.ppm_at(static_cast<double>(i));
        if (std::abs(ppm - d.meta.carrier_ppm) > 0.5 && std::abs(s.real[i]) > best) {
            best = std::abs(s.real[i]);
            peak = i;
        }
    }
    const double offset = (s.ppm_at(static_cast<double>(peak)) - d.meta.carrier_ppm) * d.meta.reference_mhz;
    EXPECT_GT(dtft_magnitude(d.fids[0], offset, d.meta.sweep_width_hz),
              5.0 * dtft_magnitude(d.fids[0], -offset, d.meta.sweep_width_hz));
}

TEST(NmrmlReader, HmdbWithoutNamespace) {
    const auto d = sidepeak::io::read_nmrml(nmrml_dir() / "HMDB00005.nmrML");
    ASSERT_EQ(d.fids.size(), 1u);
    EXPECT_EQ(d.fids[0].size(), 28800u);  // numberOfDataPoints 57600 counts reals
    EXPECT_NEAR(d.meta.observe_mhz, 599.4, 1e-9);
    EXPECT_NEAR(d.meta.sweep_width_hz, 7200.0, 1e-9);
    EXPECT_EQ(d.meta.pulse_program, "tnnoesy");
    // The complex128 spectrum has no xAxis: it is not placed on a ppm scale.
    EXPECT_FALSE(d.processed);
}

TEST(NmrmlReader, EarlyDraftJavaIntegerFidMatchesTheBrukerFid) {
    const auto d = sidepeak::io::read_nmrml(nmrml_dir() / "bmse000325.nmrML");
    ASSERT_EQ(d.fids.size(), 1u);
    ASSERT_EQ(d.fids[0].size(), 16384u);
    // irradiationFrequency 4.9984E8 Hz; the field is in tesla so the reference is the observe frequency.
    EXPECT_NEAR(d.meta.observe_mhz, 499.84, 1e-9);
    EXPECT_NEAR(d.meta.reference_mhz, 499.84, 1e-9);
    // Values of the big-endian Bruker fid (bmse000325/1H/fid, BYTORDA=1) at complex points 100, 101.
    EXPECT_EQ(d.fids[0][100], std::complex<double>(813.0, -3379.0));
    EXPECT_EQ(d.fids[0][101], std::complex<double>(-4543.0, -2691.0));
}

}  // namespace

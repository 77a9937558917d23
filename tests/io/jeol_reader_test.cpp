// Real JEOL Delta .jdf files: FIDs, processed spectrum, metadata, group delay, orientation.
#include <cmath>
#include <complex>

#include <gtest/gtest.h>

#include "sidepeak/io/nmr_readers.hpp"
#include "data_format_print.hpp"
#include "test_support.hpp"

namespace {
namespace fs = std::filesystem;
fs::path jeol_dir() { return sidepeak::test::real_samples() / "nmr" / "jeol"; }

TEST(JeolReader, RutinFid) {
    const auto d = sidepeak::io::read_jeol(jeol_dir() / "Rutin_3080ug200uL_DMSOd6_qHNMR_400MHz_Jeol.jdf");
    EXPECT_EQ(d.meta.format, sidepeak::DataFormat::jeol);
    ASSERT_EQ(d.fids.size(), 1u);
    EXPECT_EQ(d.fids[0].size(), 32768u);
    EXPECT_FALSE(d.processed);
    EXPECT_EQ(d.meta.nucleus, "1H");
    EXPECT_NEAR(d.meta.observe_mhz, 399.78219837825, 1e-9);
    EXPECT_NEAR(d.meta.carrier_ppm, 9.0, 1e-9);
    EXPECT_NEAR(d.meta.sweep_width_hz, 10016.02564102564, 1e-6);
    EXPECT_EQ(d.meta.solvent, "DMSO-D6");
    EXPECT_EQ(d.meta.scans, 128);
    EXPECT_NEAR(d.meta.temperature_k, 298.15, 1e-9);
    // ORDERS "2 54 73", FACTORS "8 2": 0.5 * (53 / 16 + 72 / 2).
    EXPECT_NEAR(d.meta.group_delay_points, 19.65625, 1e-12);
    // The echo of the digital filter: the FID's largest point sits right after the delay.
    std::size_t peak = 0;
    for (std::size_t k = 0; k < 200; ++k) {
        if (std::abs(d.fids[0][k]) > std::abs(d.fids[0][peak])) peak = k;
    }
    EXPECT_NEAR(static_cast<double>(peak), d.meta.group_delay_points, 2.0);
}

TEST(JeolReader, RutinFidOrientationAgainstTheJcampSpectrum) {
    const auto fid = sidepeak::io::read_jeol(jeol_dir() / "Rutin_3080ug200uL_DMSOd6_qHNMR_400MHz_Jeol.jdf");
    const auto spec = sidepeak::io::read_jcamp_nmr(sidepeak::test::real_samples() / "nmr" / "jcamp" /
                                                   "Rutin_3080ug200uL_DMSOd6_qHNMR_400MHz_JDX.jdx");
    ASSERT_TRUE(spec.processed);
    const auto& s = *spec.processed;
    std::size_t peak = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (std::abs(s.real[i]) > std::abs(s.real[peak])) peak = i;
    }
    const double offset = (s.ppm_at(static_cast<double>(peak)) - fid.meta.carrier_ppm) * fid.meta.reference_mhz;
    auto mag = [&](double f) {
        std::complex<double> sum = 0.0;
        const double w = -2.0 * M_PI * f / fid.meta.sweep_width_hz;
        for (std::size_t k = 0; k < fid.fids[0].size(); ++k) sum += fid.fids[0][k] * std::polar(1.0, w * static_cast<double>(k));
        return std::abs(sum);
    };
    EXPECT_GT(mag(offset), 5.0 * mag(-offset));
}

TEST(JeolReader, FluorineFid) {
    const auto d = sidepeak::io::read_jeol(jeol_dir() / "fluorine.jdf");
    ASSERT_EQ(d.fids.size(), 1u);
    EXPECT_EQ(d.fids[0].size(), 32768u);
    EXPECT_EQ(d.meta.nucleus, "19F");
    EXPECT_NEAR(d.meta.observe_mhz, 470.3635083723063, 1e-9);
    EXPECT_NEAR(d.meta.carrier_ppm, -100.0, 1e-9);
    EXPECT_EQ(d.meta.solvent, "CHLOROFORM-D");
}

TEST(JeolReader, ProcessedRealSpectrumOnPpmAxis) {
    const auto d = sidepeak::io::read_jeol(jeol_dir() / "PM032220_3000U200U_Bin_180218_qH-1-4.jdf");
    EXPECT_TRUE(d.fids.empty());
    ASSERT_TRUE(d.processed);
    const auto& s = *d.processed;
    // 104864 stored points, of which Data_Offset_Start..Stop = 3..104860 are valid (the rest is
    // zero padding); the ruler runs from Data_Axis_Start to Data_Axis_Stop over the valid range.
    EXPECT_EQ(s.size(), 104858u);
    EXPECT_TRUE(s.imag.empty());
    EXPECT_NEAR(s.ppm_first, 12.498116138160077, 1e-12);
    EXPECT_NEAR(s.ppm_last, -2.4979731234899862, 1e-12);
    EXPECT_NEAR(s.real[0], -2.3905832606478075e-05, 1e-18);
    std::size_t peak = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s.real[i] > s.real[peak]) peak = i;
    }
    EXPECT_NEAR(s.ppm_at(static_cast<double>(peak)), 4.81, 0.05);  // HOD in methanol-d4
    EXPECT_EQ(d.meta.solvent, "METHANOL-D4");
}

}  // namespace

// process_lcms on real LC-MS runs: an Orbitrap small-molecule LC-MS/MS run (bundled, MIT) and the
// faahKO single-quadrupole run (LGPL, read from the shared folder, skipped when absent).
#include <chrono>
#include <cmath>

#include <gtest/gtest.h>

#include "sidepeak/io/ms_readers.hpp"
#include "sidepeak/signal/lcms_pipeline.hpp"
#include "test_support.hpp"

namespace sidepeak {
namespace {

const signal::Feature* near(const std::vector<signal::Feature>& fs, double mz, double tol_mz, double rt_from, double rt_to) {
    const signal::Feature* best = nullptr;
    for (const auto& f : fs) {
        if (std::abs(f.mz - mz) <= tol_mz && f.rt_s >= rt_from && f.rt_s <= rt_to) {
            if (best == nullptr || f.intensity > best->intensity) best = &f;
        }
    }
    return best;
}

void expect_sane(const signal::LcmsResult& r, double rt_lo, double rt_hi, double mz_lo, double mz_hi) {
    EXPECT_EQ(r.tic.time_s.size(), r.ms1_spectra);
    EXPECT_EQ(r.bpc.intensity.size(), r.ms1_spectra);
    EXPECT_GT(r.noise, 0.0);
    for (const auto& f : r.features) {
        ASSERT_TRUE(std::isfinite(f.mz) && std::isfinite(f.rt_s) && std::isfinite(f.area) && std::isfinite(f.snr));
        EXPECT_GE(f.snr, 10.0);
        EXPECT_GE(f.rt_s, rt_lo);
        EXPECT_LE(f.rt_s, rt_hi);
        EXPECT_LE(f.rt_from_s, f.rt_s);
        EXPECT_GE(f.rt_to_s, f.rt_s);
        EXPECT_GE(f.mz, mz_lo);
        EXPECT_LE(f.mz, mz_hi);
        EXPECT_EQ(f.isotopes.size(), f.isotope_intensities.size());
        if (f.group >= 0) {
            EXPECT_FALSE(f.adduct.empty());
        }
    }
}

TEST(LcmsReal, OrbitrapSmallMoleculeRun) {
    const auto path = test::real_samples() / "ms" / "mzxml" / "lcMsMs.mzXML";
    SIDEPEAK_REQUIRE_PATH(path);
    const auto t0 = std::chrono::steady_clock::now();
    const auto result = signal::process_lcms(io::read_ms(path));
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    EXPECT_EQ(result.spectra, 3899u);
    EXPECT_EQ(result.ms1_spectra, 736u);  // MS2 scans ignored
    EXPECT_GT(result.features.size(), 100u);
    expect_sane(result, 0.0, 601.0, 50.0, 2000.0);
    // [M+H]+ of aminobutyric acid (C4H9NO2, 104.07060), the run's documented precursor.
    const auto* gaba = near(result.features, 104.07060, 104.07060 * 3e-6, 0.0, 601.0);
    ASSERT_NE(gaba, nullptr);
    // Guanine [M+H]+ (C5H6N5O+, 152.05669): one of the most intense ions, singly charged with
    // its 13C isotope, and its proton-bound dimer [2M+H]+ (303.10610) co-elutes in its group.
    const auto* gua = near(result.features, 152.05669, 152.05669 * 3e-6, 0.0, 601.0);
    ASSERT_NE(gua, nullptr);
    EXPECT_EQ(gua->charge, 1);
    ASSERT_FALSE(gua->isotopes.empty());
    EXPECT_NEAR(gua->isotopes[0], 153.0600, 0.003);
    EXPECT_EQ(gua->adduct, "[M+H]+");
    const auto* dimer = near(result.features, 303.10610, 303.10610 * 3e-6, gua->rt_s - 3.0, gua->rt_s + 3.0);
    ASSERT_NE(dimer, nullptr);
    EXPECT_EQ(dimer->group, gua->group);
    EXPECT_EQ(dimer->adduct, "[2M+H]+");
    EXPECT_LT(seconds, 20.0);
}

TEST(LcmsReal, FaahKoSingleQuadrupoleRun) {
    const auto path = test::shared_spectra() / "ms" / "netcdf" / "faahKO_ko15.CDF";
    SIDEPEAK_REQUIRE_PATH(path);
    const auto t0 = std::chrono::steady_clock::now();
    const auto result = signal::process_lcms(io::read_ms(path));
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    EXPECT_EQ(result.ms1_spectra, 1278u);
    EXPECT_GT(result.features.size(), 50u);
    expect_sane(result, 2501.0, 4500.0, 200.0, 600.0);
    // Intense lysophospholipid-region ions of this extract (unit resolution, 0.1 m/z steps).
    EXPECT_NE(near(result.features, 496.2, 0.05, 3300.0, 3450.0), nullptr);
    EXPECT_NE(near(result.features, 508.2, 0.05, 3450.0, 3600.0), nullptr);
    EXPECT_LT(seconds, 20.0);
}

}  // namespace
}  // namespace sidepeak

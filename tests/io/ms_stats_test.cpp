// Whole-run statistics (the pass behind `sidepeak info`).
#include "sidepeak/io/ms_stats.hpp"

#include <gtest/gtest.h>

#include "test_support.hpp"

namespace {
namespace fs = std::filesystem;
using namespace sidepeak;

TEST(MsStats, FileFilterInput) {
    auto path = test::real_samples() / "ms" / "mzml" / "FileFilter_1_input.mzML";
    if (!fs::exists(path)) path = test::shared_spectra() / "ms" / "mzml" / "FileFilter_1_input.mzML";
    SIDEPEAK_REQUIRE_PATH(path);
    const auto st = io::ms_stats(path);
    EXPECT_EQ(st.spectra, 10u);
    EXPECT_EQ(st.peaks, 3149u);
    ASSERT_EQ(st.ms_levels.size(), 2u);
    EXPECT_EQ(st.ms_levels[0].ms_level, 1);
    EXPECT_EQ(st.ms_levels[0].spectra, 4u);
    EXPECT_EQ(st.ms_levels[1].spectra, 6u);
    EXPECT_NEAR(st.intensity_sum, 2.717116e+06, 1.0);
    EXPECT_NEAR(st.rt_min_s, 20.8713, 1e-6);
    EXPECT_GT(st.rt_max_s, st.rt_min_s);
    EXPECT_GT(st.mz_max, st.mz_min);
    EXPECT_GT(st.mz_min, 0.0);
    EXPECT_TRUE(st.centroided());
    EXPECT_EQ(st.info.compression, "none");
    EXPECT_EQ(st.file_bytes, fs::file_size(path));
}

TEST(MsStats, MixedCompressionIsReportedAfterTheRun) {
    auto path = test::real_samples() / "ms" / "mzml" / "pyteomics_small_ltqft.mzML";
    if (!fs::exists(path)) path = test::shared_spectra() / "ms" / "mzml" / "pyteomics_small_ltqft.mzML";
    SIDEPEAK_REQUIRE_PATH(path);
    const auto st = io::ms_stats(path);
    EXPECT_EQ(st.info.compression, "mixed (none, zlib)");
    EXPECT_EQ(st.profile_spectra, 2u);
    EXPECT_FALSE(st.centroided());
    EXPECT_EQ(st.peaks, 39828u);
}

}  // namespace

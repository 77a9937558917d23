// Random access through the mzML index: trusted when every offset checks out, rebuilt (with a
// warning) when stale.
#include "sidepeak/io/mzml_indexed.hpp"

#include <gtest/gtest.h>

#include "sidepeak/core/error.hpp"
#include "sidepeak/io/ms_readers.hpp"
#include "test_support.hpp"

namespace {
namespace fs = std::filesystem;
using sidepeak::io::MzmlIndexedReader;

fs::path mzml(const std::string& name) {
    const auto local = sidepeak::test::real_samples() / "ms" / "mzml" / name;
    return fs::exists(local) ? local : sidepeak::test::shared_spectra() / "ms" / "mzml" / name;
}

TEST(MzmlIndexed, TinyByIdAndRetentionTime) {
    const auto path = mzml("tiny.pwiz.1.1.mzML");
    SIDEPEAK_REQUIRE_PATH(path);
    MzmlIndexedReader reader(path);
    EXPECT_TRUE(reader.index_trusted());
    ASSERT_EQ(reader.size(), 4u);
    EXPECT_EQ(reader.offset(0), 6883u);
    const auto s = reader.spectrum_by_id("scan=20");
    ASSERT_TRUE(s);
    EXPECT_EQ(s->ms_level, 2);
    EXPECT_EQ(s->index, 1u);
    EXPECT_FALSE(reader.spectrum_by_id("scan=999"));
    const auto near = reader.nearest_rt(5.9 * 60, 1);
    ASSERT_TRUE(near);
    EXPECT_EQ(near->id, "scan=19");
    EXPECT_THROW(reader.spectrum(4), std::out_of_range);
}

TEST(MzmlIndexed, StaleIndexIsRebuilt) {
    const auto path = mzml("pyteomics_small_ltqft.mzML");
    SIDEPEAK_REQUIRE_PATH(path);
    MzmlIndexedReader reader(path);
    EXPECT_FALSE(reader.index_trusted());
    ASSERT_FALSE(reader.info().warnings.empty());
    EXPECT_NE(reader.info().warnings[0].find("stale"), std::string::npos);
    ASSERT_EQ(reader.size(), 2u);
    const auto s = reader.spectrum(1);
    EXPECT_EQ(s.mz.size(), 19914u);
    const auto whole = sidepeak::io::read_ms(path);
    EXPECT_EQ(s.intensity, whole.spectra[1].intensity);
}

TEST(MzmlIndexed, OpenMsIndexIsUsable) {
    for (const char* name : {"FileFilter_37_output.mzML", "FileConverter_29_output.mzML", "OpenSwathWorkflow_17_input.mzML"}) {
        const auto path = mzml(name);
        SIDEPEAK_REQUIRE_PATH(path);
        MzmlIndexedReader reader(path);
        EXPECT_TRUE(reader.index_trusted()) << name;
        const auto whole = sidepeak::io::read_ms(path);
        ASSERT_EQ(reader.size(), whole.spectra.size()) << name;
        const std::size_t last = reader.size() - 1;
        EXPECT_EQ(reader.spectrum(last).mz, whole.spectra[last].mz) << name;
        const auto near = reader.nearest_rt(whole.spectra[last].rt_s);
        ASSERT_TRUE(near);
        EXPECT_DOUBLE_EQ(near->rt_s, whole.spectra[last].rt_s);
    }
}

TEST(MzmlIndexed, UnindexedFileIsScanned) {
    const auto path = mzml("FileFilter_1_input.mzML");
    SIDEPEAK_REQUIRE_PATH(path);
    MzmlIndexedReader reader(path);
    EXPECT_FALSE(reader.index_trusted());
    EXPECT_TRUE(reader.info().warnings.empty());  // no index is not a problem
    EXPECT_EQ(reader.size(), 10u);
}

}  // namespace

// Streaming LC-MS analysis (pipeline::stream_lcms_run, as analyze and process use it) gives exactly
// what the whole-run path (io::read_ms + process_lcms + Ms2Index) gives, on real runs: a profile
// Orbitrap DDA run with MS2, a centroided peptide digest and a unit-resolution netCDF run.
#include <gtest/gtest.h>

#include <filesystem>

#include "../test_support.hpp"
#include "sidepeak/io/format.hpp"
#include "sidepeak/io/ms_readers.hpp"
#include "sidepeak/pipeline/analyze.hpp"
#include "sidepeak/signal/lcms_stream.hpp"

namespace sidepeak {
namespace {

void expect_same_analysis(const std::filesystem::path& path) {
    SIDEPEAK_REQUIRE_PATH(path);
    signal::LcmsProcessingOptions options;
    signal::Ms2IndexOptions mo;
    const MsRun run = io::read_ms(path);
    const auto whole = signal::process_lcms(run, options);
    const signal::Ms2Index whole_ms2(run, mo);

    auto stream = pipeline::stream_lcms_run(path, io::detect_format(path), options, mo);
    const auto streamed = stream.process();
    const auto ms2 = stream.take_ms2_index();

    EXPECT_EQ(streamed.spectra, whole.spectra);
    EXPECT_EQ(streamed.ms1_spectra, whole.ms1_spectra);
    EXPECT_EQ(streamed.noise, whole.noise);
    EXPECT_EQ(streamed.tic.intensity, whole.tic.intensity);
    ASSERT_EQ(streamed.features.size(), whole.features.size());
    EXPECT_GT(whole.features.size(), 10u);
    for (std::size_t i = 0; i < whole.features.size(); ++i) {
        EXPECT_EQ(streamed.features[i].mz, whole.features[i].mz) << i;
        EXPECT_EQ(streamed.features[i].rt_s, whole.features[i].rt_s) << i;
        EXPECT_EQ(streamed.features[i].area, whole.features[i].area) << i;
        EXPECT_EQ(streamed.features[i].adduct, whole.features[i].adduct) << i;
    }
    ASSERT_EQ(ms2.size(), whole_ms2.size());
    for (std::size_t i = 0; i < ms2.size(); ++i) {
        EXPECT_EQ(ms2.scans()[i].id, whole_ms2.scans()[i].id);
        EXPECT_EQ(ms2.scans()[i].mz, whole_ms2.scans()[i].mz);
    }
    // The peak map the evidence traces read is the one the features came from.
    EXPECT_EQ(stream.peak_map().scans(), whole.ms1_spectra);
}

TEST(LcmsStreamReal, OrbitrapDdaRunWithMs2) {
    expect_same_analysis(test::real_samples() / "ms" / "mzxml" / "lcMsMs.mzXML");
}

TEST(LcmsStreamReal, PeptideDigest) { expect_same_analysis(test::real_samples() / "ms" / "mzml" / "BSA1_F1.mzML"); }

TEST(LcmsStreamReal, UnitResolutionNetcdf) {
    expect_same_analysis(std::filesystem::path(SIDEPEAK_SHARED_SPECTRA) / "ms" / "netcdf" / "faahKO_ko15.CDF");
}

}  // namespace
}  // namespace sidepeak

// `sidepeak process` through the pipeline: process_input_file reads and processes one input as
// analyze does (format detected once, NMR through process_nmr, LC-MS streamed), and
// single_input_batch makes it the one-sample batch results.h5 is written from.
#include <gtest/gtest.h>

#include "sidepeak/core/error.hpp"
#include "sidepeak/core/file_io.hpp"
#include "sidepeak/io/ms_readers.hpp"
#include "sidepeak/io/nmr_readers.hpp"
#include "sidepeak/pipeline/process.hpp"
#include "test_support.hpp"

namespace {
using namespace sidepeak;

TEST(ProcessInputFile, NmrIsReadAndProcessedAsAnalyzeDoes) {
    const auto path = test::real_samples() / "nmr" / "jcamp" / "aspirin-1h.fid.dx";
    const pipeline::AnalysisOptions options;
    const auto got = pipeline::process_input_file(path, options, 1);
    EXPECT_EQ(got.format, io::detect_format(path));
    ASSERT_TRUE(got.nmr.has_value());
    EXPECT_FALSE(got.lcms.has_value());
    const auto want = signal::process_nmr(io::read_nmr(path), options.nmr);
    EXPECT_EQ(got.nmr->spectrum.real, want.spectrum.real);
    ASSERT_EQ(got.nmr->peaks.size(), want.peaks.size());
    const report::BatchResult batch = pipeline::single_input_batch(got);
    ASSERT_EQ(batch.samples.size(), 1u);
    EXPECT_EQ(batch.samples[0].id, "aspirin-1h.fid.dx");
    ASSERT_EQ(batch.samples[0].nmr.size(), 1u);
    EXPECT_TRUE(batch.samples[0].lcms.empty());
    EXPECT_EQ(batch.samples[0].nmr[0].path, path);
}

TEST(ProcessInputFile, LcmsIsStreamedWithTheDetectedFormat) {
    const auto path = test::real_samples() / "ms" / "mzml" / "pyteomics_small_ltqft.mzML";
    const pipeline::AnalysisOptions options;
    const auto got = pipeline::process_input_file(path, options, 1);
    EXPECT_EQ(got.format, io::Format::mzml);
    ASSERT_TRUE(got.lcms.has_value());
    EXPECT_FALSE(got.nmr.has_value());
    const auto want = pipeline::stream_lcms_run(path, io::Format::mzml, options.lcms, {}, 1).process();
    EXPECT_EQ(got.lcms->spectra, want.spectra);
    EXPECT_EQ(got.lcms->features.size(), want.features.size());
    const report::BatchResult batch = pipeline::single_input_batch(got);
    ASSERT_EQ(batch.samples.size(), 1u);
    ASSERT_EQ(batch.samples[0].lcms.size(), 1u);
    EXPECT_TRUE(batch.samples[0].nmr.empty());
    EXPECT_EQ(batch.samples[0].lcms[0].result.spectra, want.spectra);
}

TEST(ProcessInputFile, AnUnrecognisedInputIsAnInputErrorWithTheReason) {
    const auto path = test::scratch_dir() / "notes.txt";
    write_file_atomic(path, "no spectrum here\n");
    try {
        (void)pipeline::process_input_file(path, pipeline::AnalysisOptions{}, 1);
        FAIL() << "no error";
    } catch (const InputError& e) {
        EXPECT_EQ(e.problem(), pipeline::unrecognised_reason(path));
    }
}

}  // namespace

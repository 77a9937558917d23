// Discovery detects each input's format once and hands the typed format on (InputRecord::format,
// an io::Format), which the readers are given; its contract name is written by report/ only.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "sidepeak/core/file_io.hpp"
#include "sidepeak/io/format.hpp"
#include "sidepeak/pipeline/analyze.hpp"
#include "data_format_print.hpp"
#include "test_support.hpp"

namespace sidepeak {
namespace {
namespace fs = std::filesystem;
using io::Format;

TEST(DiscoverFormat, EveryInputCarriesItsTypedFormat) {
    const fs::path dir = test::scratch_dir() / "sample";
    fs::create_directories(dir / "bruker");
    fs::copy(test::real_samples() / "nmr/bruker/aspirin-1h/1", dir / "bruker" / "1", fs::copy_options::recursive);
    fs::copy_file(test::real_samples() / "nmr/jeol/fluorine.jdf", dir / "f.jdf");
    // Named as mzML, content JCAMP-DX: the content decides.
    fs::copy_file(test::real_samples() / "nmr/jcamp/aspirin-1h.dx", dir / "run.mzML");
    fs::copy_file(test::real_samples() / "ms/mzxml/pyteomics_lcqdeca.mzXML", dir / "run.mzXML");
    write_file_atomic(dir / "broken.jdx", std::string("\x00\x01\x02garbage", 10));
    const auto inputs = pipeline::discover_inputs(dir);
    ASSERT_EQ(inputs.size(), 5u);
    // Sorted by path: broken.jdx, bruker/1, f.jdf, run.mzML, run.mzXML.
    const Format want[] = {Format::unknown, Format::bruker_fid, Format::jeol, Format::jcamp_dx, Format::mzxml};
    for (std::size_t i = 0; i < inputs.size(); ++i) {
        SCOPED_TRACE(inputs[i].path.string());
        EXPECT_EQ(inputs[i].format, want[i]);
        EXPECT_EQ(inputs[i].kind, io::format_kind(inputs[i].format));
    }
}

TEST(DiscoverFormat, SingleFileSampleCarriesItsTypedFormat) {
    const auto inputs = pipeline::discover_inputs(test::real_samples() / "nmr/nmrml/HMDB00005.nmrML");
    ASSERT_EQ(inputs.size(), 1u);
    EXPECT_EQ(inputs[0].format, Format::nmrml);
    EXPECT_EQ(pipeline::discover_inputs("/nonexistent/sample").at(0).format, Format::unknown);
}

TEST(DiscoverFormat, AnalysisReadsEachInputAsDiscovered) {
    const fs::path dir = test::scratch_dir() / "sample";
    fs::create_directories(dir);
    fs::copy_file(test::real_samples() / "nmr/jcamp/aspirin-1h.dx", dir / "proton.dx");
    fs::copy_file(test::real_samples() / "ms/mzml/tiny.pwiz.1.1.mzML", dir / "run.mzML");
    const auto s = pipeline::analyze_sample("A", dir, pipeline::resolve_context("C9H8O4", ""));
    ASSERT_EQ(s.inputs.size(), 2u);
    for (const auto& in : s.inputs) EXPECT_TRUE(in.ok) << in.path << ": " << in.error;
    EXPECT_EQ(s.nmr.size(), 1u);
    EXPECT_EQ(s.lcms.size(), 1u);
}

}  // namespace
}  // namespace sidepeak

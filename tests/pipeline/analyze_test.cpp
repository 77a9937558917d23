// Sample discovery, batch running, sample sheets and configuration.
#include "sidepeak/pipeline/analyze.hpp"

#include <gtest/gtest.h>

#include <type_traits>

#include "sidepeak/core/error.hpp"
#include "sidepeak/core/file_io.hpp"
#include "sidepeak/pipeline/batch.hpp"
#include "sidepeak/pipeline/config.hpp"
#include "data_format_print.hpp"
#include "test_support.hpp"

namespace sidepeak {
namespace {
namespace fs = std::filesystem;

fs::path jcamp_file() { return test::real_samples() / "nmr/jcamp/2-chloroethanol_jcamp-difdup.dx"; }
fs::path bruker_folder() { return test::real_samples() / "nmr/bruker/aspirin-1h/1"; }

// A sample folder as an analyst would have it: an NMR file, a Bruker experiment, a file that is
// not a spectrum, and notes.
fs::path make_sample_folder() {
    const fs::path dir = test::scratch_dir() / "sample-A";
    fs::create_directories(dir);
    fs::copy_file(jcamp_file(), dir / "proton.dx");
    fs::create_directories(dir / "bruker");
    fs::copy(bruker_folder(), dir / "bruker" / "1", fs::copy_options::recursive);
    write_file_atomic(dir / "broken.jdx", std::string("\x00\x01\x02garbage", 10));
    write_file_atomic(dir / "notes.txt", "weighed 12 mg");
    write_file_atomic(dir / ".DS_Store", "x");
    return dir;
}

TEST(DiscoverInputs, FindsInstrumentDataAndListsUnreadableFiles) {
    const auto dir = make_sample_folder();
    const auto inputs = pipeline::discover_inputs(dir);
    ASSERT_EQ(inputs.size(), 3u);
    // Sorted by path: broken.jdx, bruker/1, proton.dx.
    EXPECT_EQ(inputs[0].path.filename(), "broken.jdx");
    EXPECT_EQ(inputs[0].format, DataFormat::unknown);
    EXPECT_FALSE(inputs[0].error.empty());
    EXPECT_EQ(inputs[1].path.filename(), "1");
    EXPECT_EQ(inputs[1].format, DataFormat::bruker_fid);
    EXPECT_EQ(inputs[2].format, DataFormat::jcamp_dx);
}

TEST(DiscoverInputs, MissingPathIsAnError) {
    const auto inputs = pipeline::discover_inputs("/nonexistent/sample");
    ASSERT_EQ(inputs.size(), 1u);
    EXPECT_FALSE(inputs[0].ok);
    EXPECT_NE(inputs[0].error.find("no such"), std::string::npos);
}

TEST(AnalyzeSample, BadInputIsRecordedNotThrown) {
    const auto dir = make_sample_folder();
    const auto ctx = pipeline::resolve_context("C12H18N2", "benzyl");
    const auto s = pipeline::analyze_sample("A", dir, ctx);
    ASSERT_EQ(s.inputs.size(), 3u);
    EXPECT_FALSE(s.inputs[0].ok);
    EXPECT_TRUE(s.inputs[1].ok) << s.inputs[1].error;
    EXPECT_TRUE(s.inputs[2].ok) << s.inputs[2].error;
    EXPECT_EQ(s.nmr.size(), 2u);
    ASSERT_EQ(s.findings.size(), 4u);
    for (std::size_t i = 0; i < 4; ++i) EXPECT_EQ(s.findings[i].cls, classify::kAllClasses[i]);
}

TEST(AnalyzeSample, ProgressCanCancel) {
    pipeline::AnalysisOptions options;
    int calls = 0;
    options.progress = [&](const std::string&, double) { return ++calls < 2; };
    EXPECT_THROW(pipeline::analyze_sample("A", jcamp_file(), {}, options), Cancelled);
    EXPECT_EQ(calls, 2);
}

TEST(AnalyzeSample, CancelledIsAnErrorOfItsOwnType) {
    pipeline::AnalysisOptions options;
    options.progress = [](const std::string&, double) { return false; };
    try {
        (void)pipeline::analyze_sample("A", jcamp_file(), {}, options);
        FAIL() << "expected Cancelled";
    } catch (const Cancelled& e) {
        EXPECT_STREQ(e.what(), "cancelled");
    }
    // Still an Error, so callers that catch every sidepeak error keep working.
    static_assert(std::is_base_of_v<Error, Cancelled>);
    static_assert(!std::is_base_of_v<UsageError, Cancelled>);
}

TEST(AnalyzeBuffer, ReadsInMemoryFiles) {
    const auto bytes = read_file_text(jcamp_file());
    const auto s = pipeline::analyze_buffer("mem", bytes.data(), bytes.size(), "proton.dx", {});
    ASSERT_EQ(s.inputs.size(), 1u);
    EXPECT_TRUE(s.inputs[0].ok) << s.inputs[0].error;
    EXPECT_EQ(s.inputs[0].path, "proton.dx");
    const std::string junk = "not a spectrum at all";
    const auto bad = pipeline::analyze_buffer("junk", junk.data(), junk.size(), "../../etc/x.jdx", {});
    EXPECT_FALSE(bad.inputs[0].ok);
}

TEST(ResolveContext, ReagentNamesBecomeIncrements) {
    EXPECT_EQ(pipeline::resolve_context("C12H18N2", "benzyl").increment, "C7H6");
    EXPECT_EQ(pipeline::resolve_context("", "CH2").increment, "CH2");
    EXPECT_THROW(pipeline::resolve_context("C12H18Xq2", ""), UsageError);
}

TEST(SampleSheet, ParsesQuotedFieldsAndRelativePaths) {
    const auto dir = test::scratch_dir();
    write_file_atomic(dir / "sheet.csv",
                      "sample,path,product,reagent\n"
                      "\"batch 7, vial 2\",data/a.mzML,C12H18N2,benzyl\n"
                      "# comment\n\n"
                      "B,/abs/b,,methyl\n");
    const auto specs = pipeline::read_sample_sheet(dir / "sheet.csv");
    ASSERT_EQ(specs.size(), 2u);
    EXPECT_EQ(specs[0].id, "batch 7, vial 2");
    EXPECT_EQ(specs[0].path, dir / "data/a.mzML");
    EXPECT_EQ(specs[0].reagent, "benzyl");
    EXPECT_EQ(specs[1].path, "/abs/b");
    write_file_atomic(dir / "bad.csv", "name,file\nx,y\n");
    EXPECT_THROW(pipeline::read_sample_sheet(dir / "bad.csv"), InputError);
}

TEST(Batch, KeepsOrderAndSurvivesBadSamples) {
    const auto dir = make_sample_folder();
    std::vector<pipeline::SampleSpec> specs = {
        {"one", jcamp_file(), "", ""},
        {"missing", "/nonexistent/x.mzML", "", ""},
        {"folder", dir, "C12H18N2", "benzyl"},
        {"badcontext", jcamp_file(), "Xx9", ""},
    };
    const auto batch = pipeline::analyze_batch(specs, "", "", {}, 2);
    ASSERT_EQ(batch.samples.size(), 4u);
    EXPECT_EQ(batch.samples[0].id, "one");
    EXPECT_TRUE(batch.samples[0].inputs[0].ok);
    EXPECT_FALSE(batch.samples[1].inputs[0].ok);
    EXPECT_EQ(batch.samples[2].context.increment, "C7H6");
    EXPECT_EQ(batch.samples[3].findings.size(), 4u);
    EXPECT_FALSE(batch.samples[3].inputs.back().ok);  // the context problem is listed
}

TEST(Config, ParsesKnownKeysAndRejectsTypos) {
    const auto o = pipeline::options_from_json_text(
        R"({"nmr": {"line_broadening_hz": 1.0, "baseline": "asls", "phase": "manual", "p0_deg": 12},
            "lcms": {"mass_tolerance_ppm": 5}})");
    EXPECT_DOUBLE_EQ(o.nmr.transform.line_broadening_hz, 1.0);
    EXPECT_EQ(o.nmr.baseline.method, signal::BaselineMethod::asls);
    EXPECT_EQ(o.nmr.phase_method, signal::PhaseMethod::manual);
    EXPECT_DOUBLE_EQ(o.lcms.mass_tolerance_ppm, 5.0);
    EXPECT_THROW(pipeline::options_from_json_text(R"({"nmr": {"line_broadning_hz": 1}})"), UsageError);
    EXPECT_THROW(pipeline::options_from_json_text(R"({"nmr": {"baseline": "magic"}})"), UsageError);
    EXPECT_THROW(pipeline::options_from_json_text("{oops"), UsageError);
    EXPECT_THROW(pipeline::options_from_json_text(R"({"lcms": {"min_snr": -1}})"), UsageError);
    EXPECT_DOUBLE_EQ(pipeline::options_from_json_text(R"({"classify": {"mass_tolerance_ppm": 5}})").classify.mass_tolerance_ppm, 5.0);
    EXPECT_THROW(pipeline::options_from_json_text(R"({"classify": {"tolerance": 5}})"), UsageError);
}

}  // namespace
}  // namespace sidepeak

namespace sidepeak {
namespace {

TEST(EvidenceTraces, EveryEvidenceIonHasItsChromatogramAndApexSpectrum) {
    const auto sample_dir = test::generated_samples() / "30_mixed_all";
    SIDEPEAK_REQUIRE_PATH(sample_dir);
    const auto s = pipeline::analyze_sample("30", sample_dir, pipeline::resolve_context("C12H18N2", "benzyl"));
    ASSERT_EQ(s.lcms.size(), 1u);
    const auto& lc = s.lcms.front();
    ASSERT_FALSE(lc.traces.empty());
    for (const auto& t : lc.traces) {
        EXPECT_EQ(t.xic.time_s.size(), lc.result.ms1_spectra) << t.label;
        const auto apex = std::max_element(t.xic.intensity.begin(), t.xic.intensity.end());
        ASSERT_NE(apex, t.xic.intensity.end());
        EXPECT_GT(*apex, 0.0) << t.label;
        // The ion itself is in its apex spectrum.
        const bool found = std::any_of(t.spectrum_mz.begin(), t.spectrum_mz.end(),
                                       [&](double mz) { return std::abs(mz - t.mz) < t.mz * 20e-6; });
        EXPECT_TRUE(found) << t.label << " " << t.mz;
        if (!t.formula.empty() && !t.predicted_mz.empty()) {
            EXPECT_NEAR(t.predicted_mz.front(), t.mz, t.mz * 20e-6) << t.label;
            EXPECT_DOUBLE_EQ(t.predicted_relative.front(), 1.0);
        }
    }
}

}  // namespace
}  // namespace sidepeak

namespace {
namespace fs = std::filesystem;
}  // namespace

TEST(SampleSpecs, SheetRowsNameTheirFolderEntryOnlyAndIdsStayUnique) {
    using sidepeak::pipeline::SampleSpec;
    const fs::path dir = fs::temp_directory_path() / "sidepeak-specs";
    // The sheet names a/ (relative and with a dot segment); b/ and c/ hold the same data as a/
    // (links under other names) and are samples of their own; two command-line paths share an id.
    std::vector<SampleSpec> sheet = {{"first", dir / "x" / ".." / "a", "C12H18N2", "benzyl"}};
    std::vector<SampleSpec> folder = {{"a", dir / "a", "", ""}, {"b", dir / "b", "", ""}, {"c", dir / "c", "", ""}};
    std::vector<SampleSpec> given = {{"b", dir / "elsewhere" / "b", "", ""}, {"b", dir / "other" / "b", "", ""}};
    const auto specs = sidepeak::pipeline::merge_sample_specs(sheet, folder, given);
    ASSERT_EQ(specs.size(), 5u);
    EXPECT_EQ(specs[0].id, "first");
    EXPECT_EQ(specs[0].reagent, "benzyl");
    EXPECT_EQ(specs[1].id, "b");
    EXPECT_EQ(specs[2].id, "c");
    EXPECT_EQ(specs[3].id, "b-2");
    EXPECT_EQ(specs[4].id, "b-3");
}

TEST(SampleSpecs, ManyEntriesMergeWithoutQuadraticCost) {
    // 20,000 folder entries and 10,000 sheet rows naming every other one: a sorted-set match.
    using sidepeak::pipeline::SampleSpec;
    std::vector<SampleSpec> sheet, folder;
    for (int i = 0; i < 20000; ++i) {
        std::string name = "s";
        name += std::to_string(i);
        const fs::path p = fs::path("/batch") / name;
        folder.push_back({name, p, "", ""});
        if (i % 2 == 0) sheet.push_back({name + "-row", p, "", ""});
    }
    const auto specs = sidepeak::pipeline::merge_sample_specs(sheet, folder, {});
    EXPECT_EQ(specs.size(), 20000u);
}

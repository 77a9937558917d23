// Discovery over hostile folder trees: link loops, data reached twice, deep and hidden folders,
// data files with documentation extensions. Nothing is taken twice and nothing is dropped silently.
#include <algorithm>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "sidepeak/core/file_io.hpp"
#include "sidepeak/pipeline/analyze.hpp"
#include "sidepeak/pipeline/batch.hpp"
#include "sidepeak/report/json_report.hpp"
#include "data_format_print.hpp"
#include "test_support.hpp"

namespace sidepeak {
namespace {
namespace fs = std::filesystem;

fs::path jcamp_file() { return test::real_samples() / "nmr/jcamp/2-chloroethanol_jcamp-difdup.dx"; }

std::size_t count_reason(const pipeline::Discovery& d, const std::string& word) {
    return static_cast<std::size_t>(std::count_if(d.skipped.begin(), d.skipped.end(), [&](const auto& e) {
        return e.reason.find(word) != std::string::npos;
    }));
}

TEST(DiscoverRobustness, LinksToTheFolderItselfAreNotFollowed) {
    const auto dir = test::scratch_dir();
    fs::copy_file(jcamp_file(), dir / "h.dx");
    for (const char* name : {"a", "b", "c", "d", "e"}) fs::create_directory_symlink(".", dir / name);
    const auto found = pipeline::discover(dir);
    ASSERT_EQ(found.inputs.size(), 1u);
    EXPECT_EQ(found.inputs[0].path.filename(), "h.dx");
    EXPECT_EQ(found.skipped.size(), 5u);
    EXPECT_EQ(count_reason(found, "loop"), 5u);
}

TEST(DiscoverRobustness, SelfLinkCountsTheSpectrumOnceAsEvidence) {
    const auto dir = test::scratch_dir();
    fs::copy_file(jcamp_file(), dir / "h.dx");
    fs::create_directory_symlink(".", dir / "self");
    const auto s = pipeline::analyze_sample("S", dir, {});
    EXPECT_EQ(s.inputs.size(), 1u);
    EXPECT_EQ(s.nmr.size(), 1u);
    ASSERT_EQ(s.skipped.size(), 1u);
    EXPECT_EQ(s.skipped[0].path.filename(), "self");
    // The reason reaches report.json.
    report::BatchResult batch;
    batch.samples.push_back(s);
    const auto j = nlohmann::json::parse(report::report_json_text(batch));
    ASSERT_EQ(j["skipped"].size(), 1u);
    EXPECT_EQ(j["skipped"][0]["sample"], "S");
    EXPECT_NE(j["skipped"][0]["reason"].get<std::string>().find("loop"), std::string::npos);
}

TEST(DiscoverRobustness, LinkToAnAncestorDeeperDownIsALoop) {
    const auto dir = test::scratch_dir();
    fs::create_directories(dir / "x" / "y");
    fs::copy_file(jcamp_file(), dir / "x" / "y" / "h.dx");
    fs::create_directory_symlink("../..", dir / "x" / "y" / "up");
    fs::create_directory_symlink("..", dir / "x" / "y" / "parent");
    const auto found = pipeline::discover(dir);
    EXPECT_EQ(found.inputs.size(), 1u);
    EXPECT_EQ(count_reason(found, "loop"), 2u);
}

TEST(DiscoverRobustness, DataReachedTwiceThroughLinksIsTakenOnce) {
    const auto dir = test::scratch_dir();
    fs::create_directories(dir / "data");
    fs::copy_file(jcamp_file(), dir / "data" / "h.dx");
    fs::create_directory_symlink("data", dir / "alias1");
    fs::create_directory_symlink("data", dir / "zalias");
    fs::create_symlink("data/h.dx", dir / "same.dx");
    const auto found = pipeline::discover(dir);
    ASSERT_EQ(found.inputs.size(), 1u);
    EXPECT_EQ(count_reason(found, "taken once"), 3u);
}

TEST(DiscoverRobustness, DeepHiddenAndSidecarEntriesAreListed) {
    const auto dir = test::scratch_dir();
    fs::path deep = dir;
    for (int i = 0; i <= pipeline::kMaxDiscoveryDepth + 1; ++i) deep /= std::to_string(i);
    fs::create_directories(deep);
    fs::copy_file(jcamp_file(), deep / "deep.dx");
    fs::create_directories(dir / ".hidden");
    fs::copy_file(jcamp_file(), dir / ".hidden" / "h.dx");
    write_file_atomic(dir / ".DS_Store", "x");
    write_file_atomic(dir / "notes.txt", "weighed 12 mg");
    fs::copy_file(jcamp_file(), dir / "proton.txt");  // a JCAMP named .txt is data
    fs::create_symlink("nowhere", dir / "dangling.dx");
    const auto found = pipeline::discover(dir);
    ASSERT_EQ(found.inputs.size(), 2u);
    EXPECT_EQ(found.inputs[0].path.filename(), "dangling.dx");
    EXPECT_NE(found.inputs[0].error.find("broken link"), std::string::npos);
    EXPECT_EQ(found.inputs[1].path.filename(), "proton.txt");
    EXPECT_EQ(found.inputs[1].format, DataFormat::jcamp_dx);
    EXPECT_EQ(count_reason(found, "deeper than"), 1u);
    EXPECT_EQ(count_reason(found, "hidden folder"), 1u);
    EXPECT_EQ(count_reason(found, "hidden file"), 1u);
    EXPECT_EQ(count_reason(found, "documentation"), 1u);
    EXPECT_EQ(found.skipped.size(), 4u);
}

TEST(DiscoverRobustness, BatchFolderListsWhatIsNotASample) {
    const auto dir = test::scratch_dir();
    fs::copy_file(jcamp_file(), dir / "x.txt");  // data, by content
    write_file_atomic(dir / "README.md", "# batch");
    write_file_atomic(dir / "sheet.csv", "sample,path\n");
    fs::create_directories(dir / ".git");
    fs::create_directories(dir / "out");
    fs::create_directories(dir / "s1");
    fs::copy_file(jcamp_file(), dir / "s1" / "h.dx");
    std::vector<report::SkippedEntry> skipped;
    const auto specs = pipeline::samples_in_folder(dir, &skipped, dir / "out");
    ASSERT_EQ(specs.size(), 2u);
    EXPECT_EQ(specs[0].id, "s1");
    EXPECT_EQ(specs[1].id, "x");
    ASSERT_EQ(skipped.size(), 4u);  // .git, README.md, out, sheet.csv (sorted)
    EXPECT_EQ(skipped[0].path.filename(), ".git");
    EXPECT_EQ(skipped[1].path.filename(), "README.md");
    EXPECT_NE(skipped[2].reason.find("--out"), std::string::npos);
    EXPECT_EQ(skipped[3].path.filename(), "sheet.csv");
}

}  // namespace
}  // namespace sidepeak

// `sidepeak merge` and the Snakemake workflow: per-sample results made in separate runs give the
// same report.json as one batch run, sample for sample.
#include <regex>
#include <set>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "cli_runner.hpp"

namespace sidepeak {
namespace {
namespace fs = std::filesystem;
using nlohmann::json;

// The first `n` rows of the generated samples' sheet, as a sheet in `dir` whose paths are
// absolute (so every run reads the inputs under the same names).
fs::path sheet_of(const fs::path& dir, std::size_t from, std::size_t to, const std::string& name) {
    std::ifstream in(test::generated_samples() / "samples.csv");
    std::string header, line;
    std::getline(in, header);
    std::ofstream out(dir / name);
    out << header << "\n";
    for (std::size_t i = 0; std::getline(in, line) && i < to; ++i) {
        if (i < from) continue;
        const auto c1 = line.find(',');
        const auto c2 = line.find(',', c1 + 1);
        out << line.substr(0, c1 + 1) << (test::generated_samples() / line.substr(c1 + 1, c2 - c1 - 1)).string()
            << line.substr(c2) << "\n";
    }
    return dir / name;
}

std::string analyze(const fs::path& sheet, const fs::path& out, const std::string& extra = "") {
    return test::sidepeak_program().string() + " analyze --samples '" + sheet.string() + "' --out '" + out.string() +
           "' --quiet" + extra;
}

json report_of(const fs::path& out) { return json::parse(test::slurp(out / "report.json")); }

// Ids in the order of the sheet.
std::vector<std::string> ids(const json& report) {
    std::vector<std::string> out;
    for (const auto& s : report["samples"]) out.push_back(s["id"].get<std::string>());
    return out;
}

// A sample page says how long its analysis took: the one thing two runs may not share.
std::string without_timing(const std::string& page) {
    return std::regex_replace(page, std::regex("Analysed in [0-9]+ ms"), "Analysed in N ms");
}

constexpr std::size_t kRows = 8;  // clean and by-product samples of both kinds, NMR-only and LC-MS-only

TEST(Merge, SeparateRunsGiveTheSingleRunReport) {
    const fs::path root = test::scratch_dir();
    const fs::path all = sheet_of(root, 0, kRows, "all.csv");
    ASSERT_EQ(test::run_command(analyze(all, root / "single", " --format html,json,csv,h5"), root / "single.log").status, 0);
    const fs::path a = sheet_of(root, 0, 3, "a.csv"), b = sheet_of(root, 3, kRows, "b.csv");
    ASSERT_EQ(test::run_command(analyze(a, root / "part-a", " --format html,json,csv,h5"), root / "a.log").status, 0);
    ASSERT_EQ(test::run_command(analyze(b, root / "part-b", " --jobs 1 --format html,json,csv,h5"), root / "b.log").status, 0);
    const auto merged = test::run_command(test::sidepeak_program().string() + " merge '" + (root / "merged").string() +
                                              "' '" + (root / "part-a").string() + "' '" + (root / "part-b").string() +
                                              "' --format html,json,csv,h5",
                                          root / "merge.log");
    ASSERT_EQ(merged.status, 0) << merged.output;
    // Nothing has to be ignored: same inputs under the same paths, same parameters and version.
    EXPECT_EQ(report_of(root / "merged"), report_of(root / "single"));
    EXPECT_EQ(ids(report_of(root / "merged")).size(), kRows);
    EXPECT_EQ(test::slurp(root / "merged" / "summary.csv"), test::slurp(root / "single" / "summary.csv"));
    EXPECT_EQ(test::slurp(root / "merged" / "report.html"), test::slurp(root / "single" / "report.html"));
    EXPECT_GT(fs::file_size(root / "merged" / "results.h5"), 0u);
    for (const auto& e : fs::directory_iterator(root / "single" / "samples")) {
        const fs::path twin = root / "merged" / "samples" / e.path().filename();
        ASSERT_TRUE(fs::exists(twin)) << twin;
        if (e.path().extension() != ".h5") {
            EXPECT_EQ(without_timing(test::slurp(twin)), without_timing(test::slurp(e.path()))) << twin;
        }
    }
    const auto h5 = test::run_command("h5ls -r '" + (root / "merged" / "results.h5").string() + "'", root / "h5ls.log");
    if (h5.status != 127) {
        EXPECT_NE(h5.output.find("/samples/7/findings"), std::string::npos) << h5.output;
    }
}

TEST(Merge, SameIdTwiceIsOneSampleWhenIdenticalAndAnErrorOtherwise) {
    const fs::path root = test::scratch_dir();
    const fs::path a = sheet_of(root, 0, 2, "a.csv");
    ASSERT_EQ(test::run_command(analyze(a, root / "one"), root / "1.log").status, 0);
    ASSERT_EQ(test::run_command(analyze(a, root / "two"), root / "2.log").status, 0);
    auto r = test::run_command(test::sidepeak_program().string() + " merge '" + (root / "m").string() + "' '" +
                                   (root / "one").string() + "' '" + (root / "two").string() + "'",
                               root / "m.log");
    ASSERT_EQ(r.status, 0) << r.output;
    EXPECT_EQ(report_of(root / "m"), report_of(root / "one"));
    // The same id with another result (other context): bad usage, nothing published.
    std::ofstream(root / "c.csv") << "sample,path,product,reagent\n01_clean," << (test::generated_samples() / "01_clean").string()
                                  << ",C6H14N2,CH2\n";
    ASSERT_EQ(test::run_command(analyze(root / "c.csv", root / "three"), root / "3.log").status, 0);
    r = test::run_command(test::sidepeak_program().string() + " merge '" + (root / "n").string() + "' '" +
                              (root / "one").string() + "' '" + (root / "three").string() + "'",
                          root / "n.log");
    EXPECT_EQ(r.status, 1) << r.output;
    EXPECT_NE(r.output.find("sample '01_clean' is in "), std::string::npos) << r.output;
    EXPECT_FALSE(fs::exists(root / "n" / "report.json"));
    // Results of other parameters do not go into one report.
    std::ofstream(root / "config.json") << R"({"lcms": {"min_snr": 7}})";
    const fs::path d = sheet_of(root, 4, 5, "d.csv");
    ASSERT_EQ(test::run_command(analyze(d, root / "four", " --config '" + (root / "config.json").string() + "'"), root / "4.log").status, 0);
    r = test::run_command(test::sidepeak_program().string() + " merge '" + (root / "p").string() + "' '" +
                              (root / "one").string() + "' '" + (root / "four").string() + "'",
                          root / "p.log");
    EXPECT_EQ(r.status, 1) << r.output;
    EXPECT_NE(r.output.find("other parameters"), std::string::npos) << r.output;
}

TEST(Snakemake, WorkflowRunGivesTheSingleRunReport) {
    if (test::run_command("snakemake --version", test::scratch_dir() / "version.log").status != 0) {
        GTEST_SKIP() << "snakemake is not installed (tools/deps.sh installs it)";
    }
    const fs::path root = test::scratch_dir();
    const fs::path all = sheet_of(root, 0, kRows, "all.csv");
    ASSERT_EQ(test::run_command(analyze(all, root / "single"), root / "single.log").status, 0);
    const auto r = test::run_command(
        "snakemake -s '" + (test::source_dir() / "workflow" / "Snakefile").string() + "' --cores 2 --directory '" +
            root.string() + "' --config samples='" + all.string() + "' out='" + (root / "scaled").string() +
            "' sidepeak='" + test::sidepeak_program().string() + "'",
        root / "snakemake.log");
    ASSERT_EQ(r.status, 0) << r.output;
    // One analyze job per row, then the merge; the report equals the single run's in full (the
    // jobs read the rows' files under the same absolute paths).
    std::size_t parts = 0;
    for (const auto& e : fs::directory_iterator(root / "scaled" / ".parts")) parts += e.is_directory() ? 1 : 0;
    EXPECT_EQ(parts, kRows);
    EXPECT_EQ(report_of(root / "scaled"), report_of(root / "single"));
    EXPECT_EQ(test::slurp(root / "scaled" / "summary.csv"), test::slurp(root / "single" / "summary.csv"));
    EXPECT_TRUE(fs::exists(root / "scaled" / "report.html"));
}

}  // namespace
}  // namespace sidepeak

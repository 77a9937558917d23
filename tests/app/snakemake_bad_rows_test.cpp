// The Snakemake workflow on a sheet with bad rows: every row is a sample of the merged report, a
// bad row is listed with its error (as `analyze --samples` lists it) and does not stop the run,
// and the message points at the row's line in the original sheet.
#include <fstream>
#include <map>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "cli_runner.hpp"

namespace sidepeak {
namespace {
namespace fs = std::filesystem;
using nlohmann::json;

// The first input error of each sample, by id ("" when its inputs were read).
std::map<std::string, std::string> errors_by_id(const json& report) {
    std::map<std::string, std::string> out;
    for (const auto& s : report["samples"]) {
        std::string error;
        for (const auto& in : s["inputs"]) {
            if (in.contains("error") && error.empty()) error = in["error"].get<std::string>();
        }
        out[s["id"].get<std::string>()] = error;
    }
    return out;
}

TEST(Snakemake, BadRowsAreSamplesWithTheirErrorNotAFailedRun) {
    if (test::run_command("snakemake --version", test::scratch_dir() / "version.log").status != 0) {
        GTEST_SKIP() << "snakemake is not installed (tools/deps.sh installs it)";
    }
    const fs::path root = test::scratch_dir();
    const fs::path sheet = root / "sheet.csv";
    std::ofstream(sheet) << "sample,path\n# a comment line\ngood," << (test::generated_samples() / "01_clean").string()
                         << "\n\nmissing," << (root / "absent.mzML").string() << "\nempty,\n";
    const auto single = test::run_command(test::sidepeak_program().string() + " analyze --samples '" + sheet.string() +
                                              "' --out '" + (root / "single").string() + "' --quiet",
                                          root / "single.log");
    ASSERT_EQ(single.status, 2) << single.output;  // some inputs unreadable, report written
    const auto r = test::run_command(
        "snakemake -s '" + (test::source_dir() / "workflow" / "Snakefile").string() + "' --cores 2 --directory '" +
            root.string() + "' --config samples='" + sheet.string() + "' out='" + (root / "scaled").string() +
            "' sidepeak='" + test::sidepeak_program().string() + "'",
        root / "snakemake.log");
    ASSERT_EQ(r.status, 0) << r.output;
    const json scaled = json::parse(test::slurp(root / "scaled" / "report.json"));
    const auto errors = errors_by_id(scaled);
    ASSERT_EQ(errors.size(), 3u);
    EXPECT_EQ(errors.at("good"), "");
    EXPECT_NE(errors.at("missing").find("no such file"), std::string::npos) << errors.at("missing");
    // The empty path is on line 6 of the original sheet, whichever file the job read.
    EXPECT_NE(errors.at("empty").find("line 6"), std::string::npos) << errors.at("empty");
    EXPECT_EQ(errors_by_id(json::parse(test::slurp(root / "single" / "report.json"))), errors);
}

}  // namespace
}  // namespace sidepeak

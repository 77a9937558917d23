// The `sidepeak` program as a user runs it: exit codes, outputs, bad input.
#include <cstdlib>
#include <fstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <sys/wait.h>

#include "sidepeak/core/file_io.hpp"
#include "test_support.hpp"

namespace sidepeak {
namespace {
namespace fs = std::filesystem;

struct Run {
    int status = -1;
    std::string out;
};

Run run(const std::string& args) {
    const auto dir = test::binary_dir() / "test-scratch";
    fs::create_directories(dir);
    const fs::path out = dir / ("cli-out-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "-" +
                                ::testing::UnitTest::GetInstance()->current_test_info()->name());
    const std::string cmd = (test::binary_dir() / "src/app/sidepeak").string() + " " + args + " > " + out.string() + " 2>&1";
    const int raw = std::system(cmd.c_str());
    Run r;
    r.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
    r.out = read_file_text(out);
    return r;
}

std::string q(const fs::path& p) {
    std::string out;
    out.reserve(p.string().size() + 2);
    out.push_back('\'');
    out.append(p.string());
    out.push_back('\'');
    return out;
}
fs::path jcamp_file() { return test::real_samples() / "nmr/jcamp/2-chloroethanol_jcamp-difdup.dx"; }

TEST(Cli, VersionAndUsage) {
    EXPECT_EQ(run("version").status, 0);
    EXPECT_EQ(run("--no-such-flag").status, 1);
    EXPECT_EQ(run("").status, 1);
    EXPECT_EQ(run("analyze").status, 1);  // nothing to analyse
}

TEST(Cli, InfoJsonOnNmr) {
    const auto r = run("info --json " + q(jcamp_file()));
    ASSERT_EQ(r.status, 0) << r.out;
    const auto j = nlohmann::json::parse(r.out);
    EXPECT_EQ(j["format"], "jcamp-dx");
    EXPECT_EQ(j["kind"], "nmr");
    EXPECT_GT(j["points"].get<int>(), 1000);
}

TEST(Cli, InfoOnGarbageFailsClearly) {
    const auto dir = test::scratch_dir();
    write_file_atomic(dir / "junk.jdx", "\x7f\x45\x4c\x46 binary junk");
    const auto r = run("info " + q(dir / "junk.jdx"));
    EXPECT_EQ(r.status, 2);
    EXPECT_NE(r.out.find("junk.jdx"), std::string::npos);
    write_file_atomic(dir / "empty.mzML", "");
    EXPECT_EQ(run("info " + q(dir / "empty.mzML")).status, 2);
}

TEST(Cli, ProcessWritesPeaksAndSpectrum) {
    const auto dir = test::scratch_dir();
    auto r = run("process " + q(jcamp_file()) + " --out " + q(dir / "p.json") + " --spectrum");
    ASSERT_EQ(r.status, 0) << r.out;
    const auto j = nlohmann::json::parse(read_file_text(dir / "p.json"));
    EXPECT_EQ(j["kind"], "nmr");
    EXPECT_FALSE(j["peaks"].empty());
    EXPECT_EQ(j["spectrum"]["ppm"].size(), j["spectrum"]["intensity"].size());
    r = run("process " + q(jcamp_file()) + " --out " + q(dir / "p.csv"));
    ASSERT_EQ(r.status, 0) << r.out;
    EXPECT_EQ(read_file_text(dir / "p.csv").rfind("ppm,height,area,fwhm_hz,snr", 0), 0u);
    EXPECT_EQ(run("process " + q(jcamp_file()) + " --out " + q(dir / "p.txt")).status, 1);
}

TEST(Cli, AnalyzeBatchWithABadFileExitsTwoAndReportsIt) {
    const auto dir = test::scratch_dir();
    fs::create_directories(dir / "batch" / "good");
    fs::copy_file(jcamp_file(), dir / "batch" / "good" / "h.dx");
    write_file_atomic(dir / "batch" / "bad.jdx", "##TITLE= truncated\n##JCAMP-DX= 5.0\n##XYDATA=(X++(Y..Y))\n1 2 3");
    const auto r = run("analyze --batch " + q(dir / "batch") + " --product C12H18N2 --reagent benzyl --out " +
                       q(dir / "out") + " --format html,json,csv --quiet");
    EXPECT_EQ(r.status, 2) << r.out;
    const auto report = nlohmann::json::parse(read_file_text(dir / "out/report.json"));
    ASSERT_EQ(report["samples"].size(), 2u);
    EXPECT_EQ(report["errors"].size(), 1u);
    EXPECT_NE(report["errors"][0]["path"].get<std::string>().find("bad.jdx"), std::string::npos);
    EXPECT_TRUE(fs::exists(dir / "out/report.html"));
    EXPECT_TRUE(fs::exists(dir / "out/summary.csv"));
    EXPECT_EQ(std::distance(fs::directory_iterator(dir / "out/samples"), fs::directory_iterator{}), 2);
}

// A JCAMP copy whose solvent name is Latin-1 (CDCl with a superscript 3 as byte 0xB3).
fs::path latin1_jcamp(const fs::path& where) {
    std::string text = read_file_text(jcamp_file());
    const auto at = text.find("##.OBSERVE FREQUENCY");
    text.insert(at, "##.SOLVENT NAME= CDCl\xB3 (Deutero GmbH, Qualit\xE4t)\n");
    write_file_atomic(where, text);
    return where;
}

TEST(Cli, Latin1SolventNameAndNonUtf8FileNameGiveValidJson) {
    const auto dir = test::scratch_dir();
    const fs::path file = latin1_jcamp(dir / "r\xE9sultat-\xFF.dx");  // not UTF-8 either
    auto r = run("info --json " + q(file));
    ASSERT_EQ(r.status, 0) << r.out;
    auto j = nlohmann::json::parse(r.out);
    EXPECT_EQ(j["solvent"].get<std::string>().rfind("CDCl\xEF\xBF\xBD", 0), 0u) << r.out;
    r = run("process " + q(file) + " --out " + q(dir / "p.json"));
    ASSERT_EQ(r.status, 0) << r.out;
    j = nlohmann::json::parse(read_file_text(dir / "p.json"));
    EXPECT_EQ(j["solvent"].get<std::string>().rfind("CDCl\xEF\xBF\xBD", 0), 0u);
    r = run("analyze " + q(file) + " --out " + q(dir / "out") + " --format html,json,csv --quiet");
    ASSERT_EQ(r.status, 0) << r.out;
    j = nlohmann::json::parse(read_file_text(dir / "out/report.json"));
    ASSERT_EQ(j["samples"].size(), 1u);
    EXPECT_NE(j["samples"][0]["inputs"][0]["path"].get<std::string>().find("r\xEF\xBF\xBDsultat"), std::string::npos);
}

TEST(Cli, AnalyzeRejectsABadProductFormula) {
    EXPECT_EQ(run("analyze " + q(jcamp_file()) + " --product C12H18Qq --out /tmp/never").status, 1);
}

}  // namespace
}  // namespace sidepeak

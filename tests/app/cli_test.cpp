// The `sidepeak` program as a user runs it: exit codes, outputs, bad input.
#include <cstdlib>
#include <set>
#include <sstream>
#include <fstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

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

// Starts the program in a child process, output to `log`; files it writes may not grow beyond
// `max_file_bytes` (RLIMIT_FSIZE): a full disk for every file it writes, without a special file
// system and also as root.
pid_t spawn(const std::string& args, const fs::path& log, rlim_t max_file_bytes = RLIM_INFINITY) {
    const std::string cmd = (test::binary_dir() / "src/app/sidepeak").string() + " " + args + " > " + log.string() + " 2>&1";
    const pid_t child = fork();
    if (child == 0) {
        const rlimit limit{max_file_bytes, max_file_bytes};
        setrlimit(RLIMIT_FSIZE, &limit);
        execl("/bin/sh", "sh", "-c", cmd.c_str(), static_cast<char*>(nullptr));
        _exit(127);
    }
    return child;
}

Run finish(pid_t child, const fs::path& log) {
    int raw = 0;
    Run r;
    if (child < 0 || waitpid(child, &raw, 0) != child) return r;
    r.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
    r.out = read_file_text(log);
    return r;
}

Run run_with_file_limit(const std::string& args, rlim_t max_file_bytes) {
    const fs::path log = test::binary_dir() / "test-scratch" /
                         ("cli-out-limited-" + std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    return finish(spawn(args, log, max_file_bytes), log);
}

bool has_progress_line(const std::string& out) { return out.find("[1/") != std::string::npos; }

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
    std::size_t pages = 0;
    for (const auto& e : fs::directory_iterator(dir / "out/samples")) pages += e.path().extension() == ".html" ? 1 : 0;
    EXPECT_EQ(pages, 2u);
}

TEST(Cli, ConfigDefaultsRoundTripAndTheReportRecordsTheParameters) {
    const auto dir = test::scratch_dir();
    fs::create_directories(dir / "s");
    fs::copy_file(jcamp_file(), dir / "s" / "h.dx");
    auto r = run("config --defaults");
    ASSERT_EQ(r.status, 0) << r.out;
    EXPECT_NE(r.out.find("\"baseline_cutoff_period_hz\""), std::string::npos) << r.out;
    write_file_atomic(dir / "defaults.json", r.out);
    r = run("analyze " + q(dir / "s") + " --config " + q(dir / "defaults.json") + " --out " + q(dir / "out") +
            " --format json --quiet");
    ASSERT_EQ(r.status, 0) << r.out;
    const auto report = nlohmann::json::parse(read_file_text(dir / "out/report.json"));
    ASSERT_TRUE(report.contains("parameters"));
    EXPECT_DOUBLE_EQ(report["parameters"]["nmr"]["line_broadening_hz"].get<double>(), 0.3);
    EXPECT_EQ(report["parameters"]["lcms"]["max_isotopes"].get<int>(), 4);
    r = run("config --markdown");
    ASSERT_EQ(r.status, 0) << r.out;
    EXPECT_EQ(r.out.rfind("| key | default |", 0), 0u) << r.out;
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

// Every usage problem is found before any sample is analysed: exit 1, a message naming the
// option, and no progress line (nothing was read).
TEST(Cli, UnusableOutIsBadUsageBeforeAnyAnalysis) {
    const auto dir = test::scratch_dir();
    const std::string sample = q(jcamp_file());
    auto r = run("analyze " + sample + " --out ''");
    EXPECT_EQ(r.status, 1) << r.out;
    EXPECT_NE(r.out.find("--out must name a folder"), std::string::npos) << r.out;
    EXPECT_FALSE(has_progress_line(r.out)) << r.out;

    write_file_atomic(dir / "a-file", "not a folder");
    r = run("analyze " + sample + " --out " + q(dir / "a-file"));
    EXPECT_EQ(r.status, 1) << r.out;
    EXPECT_NE(r.out.find("exists and is not a folder"), std::string::npos) << r.out;
    EXPECT_FALSE(has_progress_line(r.out)) << r.out;
    EXPECT_EQ(read_file_text(dir / "a-file"), "not a folder");

    // /proc refuses new entries even to root, so this holds whoever runs the test.
    r = run("analyze " + sample + " --out /proc/sidepeak-cannot-exist");
    EXPECT_EQ(r.status, 1) << r.out;
    EXPECT_NE(r.out.find("--out /proc/sidepeak-cannot-exist"), std::string::npos) << r.out;
    EXPECT_FALSE(has_progress_line(r.out)) << r.out;

    if (geteuid() != 0) {  // permissions bind only non-root users
        fs::create_directories(dir / "read-only");
        fs::permissions(dir / "read-only", fs::perms::owner_read | fs::perms::owner_exec);
        r = run("analyze " + sample + " --out " + q(dir / "read-only"));
        fs::permissions(dir / "read-only", fs::perms::owner_all);
        EXPECT_EQ(r.status, 1) << r.out;
        EXPECT_NE(r.out.find("not writable"), std::string::npos) << r.out;
        EXPECT_FALSE(has_progress_line(r.out)) << r.out;
    }
}

TEST(Cli, MissingOrBadConfigIsBadUsageBeforeAnyAnalysis) {
    const auto dir = test::scratch_dir();
    const std::string common = "analyze " + q(jcamp_file()) + " --out " + q(dir / "out");
    auto r = run(common + " --config " + q(dir / "no-such.json"));
    EXPECT_EQ(r.status, 1) << r.out;
    EXPECT_NE(r.out.find("--config"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("file not found"), std::string::npos) << r.out;
    EXPECT_FALSE(has_progress_line(r.out)) << r.out;

    fs::create_directories(dir / "a-folder.json");
    r = run(common + " --config " + q(dir / "a-folder.json"));
    EXPECT_EQ(r.status, 1) << r.out;
    EXPECT_FALSE(has_progress_line(r.out)) << r.out;

    write_file_atomic(dir / "broken.json", "{ \"nmr\": ");
    r = run(common + " --config " + q(dir / "broken.json"));
    EXPECT_EQ(r.status, 1) << r.out;
    EXPECT_NE(r.out.find("malformed JSON"), std::string::npos) << r.out;
    EXPECT_FALSE(has_progress_line(r.out)) << r.out;
    EXPECT_FALSE(fs::exists(dir / "out" / "report.json"));
}

TEST(Cli, MissingOrMalformedSampleSheetIsBadUsageBeforeAnyAnalysis) {
    const auto dir = test::scratch_dir();
    fs::copy_file(jcamp_file(), dir / "h.dx");
    // A valid path in front of the sheet: had the sheet been read late, this sample would have run.
    const std::string common = "analyze " + q(dir / "h.dx") + " --out " + q(dir / "out") + " --samples ";
    auto r = run(common + q(dir / "no-such.csv"));
    EXPECT_EQ(r.status, 1) << r.out;
    EXPECT_NE(r.out.find("--samples"), std::string::npos) << r.out;
    EXPECT_FALSE(has_progress_line(r.out)) << r.out;

    write_file_atomic(dir / "no-header.csv", "name,file\nS1,h.dx\n");
    r = run(common + q(dir / "no-header.csv"));
    EXPECT_EQ(r.status, 1) << r.out;
    EXPECT_NE(r.out.find("'sample' and 'path'"), std::string::npos) << r.out;
    EXPECT_FALSE(has_progress_line(r.out)) << r.out;
    EXPECT_FALSE(fs::exists(dir / "out" / "report.json"));

    r = run("analyze --batch " + q(dir / "h.dx") + " --out " + q(dir / "out"));
    EXPECT_EQ(r.status, 1) << r.out;
    EXPECT_NE(r.out.find("--batch"), std::string::npos) << r.out;
}

// A report that cannot be written (here every file is limited to 8 KiB, as on a full disk) ends
// with exit 3 and a message naming the folder, not with 0, 2 or a signal.
TEST(Cli, ReportThatCannotBeWrittenExitsThree) {
    const auto dir = test::scratch_dir();
    const auto r = run_with_file_limit("analyze " + q(jcamp_file()) + " --out " + q(dir / "out"), 8 << 10);
    EXPECT_EQ(r.status, 3) << r.out;
    EXPECT_NE(r.out.find("disk full or I/O error"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find((dir / "out").string()), std::string::npos) << r.out;
    // The first file that does not fit is the sample's own result, written as it finishes: the
    // batch stops there and publishes nothing.
    EXPECT_FALSE(fs::exists(dir / "out" / "report.json"));
}

TEST(Cli, HelpDocumentsTheExitStatus) {
    const auto r = run("--help");
    EXPECT_EQ(r.status, 0);
    EXPECT_NE(r.out.find("3 no report could be written"), std::string::npos) << r.out;
}

// The report set of an --out folder, as files: what a reader of DIR sees.
struct SetView {
    std::string report_json, summary_csv, report_html;
    std::set<std::string> pages;
};
SetView view(const fs::path& out) {
    SetView v;
    v.report_json = read_file_text(out / "report.json");
    v.summary_csv = read_file_text(out / "summary.csv");
    v.report_html = read_file_text(out / "report.html");
    for (const auto& e : fs::directory_iterator(out / "samples")) {
        if (e.path().extension() == ".html") v.pages.insert(e.path().filename().string());  // not the .json results
    }
    return v;
}

// Files a failed or finished run must not leave: temporary files, empty files, unpublished sets.
std::vector<std::string> leftovers(const fs::path& out) {
    std::vector<std::string> found;
    std::size_t sets = 0;
    for (const auto& e : fs::recursive_directory_iterator(out)) {
        const std::string name = e.path().filename().string();
        if (e.is_symlink()) continue;
        if (name.find(".tmp-") != std::string::npos || name.rfind(".sidepeak-", 0) == 0 ||
            (e.is_regular_file() && e.file_size() == 0 && name != "notes.txt")) {
            found.push_back(e.path().string());
        }
        if (name.rfind("set-", 0) == 0 && e.is_directory()) ++sets;
    }
    if (sets != 1) found.push_back(std::to_string(sets) + " set folders");
    return found;
}

fs::path two_sample_batch(const fs::path& dir) {
    fs::create_directories(dir / "batch2");
    fs::copy_file(jcamp_file(), dir / "batch2" / "first.dx");
    fs::copy_file(jcamp_file(), dir / "batch2" / "second.dx");
    return dir / "batch2";
}

TEST(CliReportSet, PreviousRunsPagesDisappearAndOtherFilesStay) {
    const auto dir = test::scratch_dir();
    const fs::path out = dir / "out";
    fs::create_directories(out);
    write_file_atomic(out / "notes.txt", "");  // the user's own file, even an empty one, is kept
    auto r = run("analyze --batch " + q(two_sample_batch(dir)) + " --out " + q(out) + " --format html,json,csv,h5 --quiet");
    ASSERT_EQ(r.status, 0) << r.out;
    EXPECT_EQ(view(out).pages.size(), 2u);
    EXPECT_TRUE(fs::exists(out / "results.h5"));
    r = run("analyze " + q(jcamp_file()) + " --out " + q(out) + " --quiet");
    ASSERT_EQ(r.status, 0) << r.out;
    const auto v = view(out);
    EXPECT_EQ(v.pages, std::set<std::string>{"0001-2-chloroethanol_jcamp-difdup.dx.html"});
    EXPECT_EQ(nlohmann::json::parse(v.report_json)["samples"].size(), 1u);
    EXPECT_FALSE(fs::exists(out / "results.h5")) << "not part of this run's set";
    EXPECT_TRUE(fs::exists(out / "notes.txt"));
    EXPECT_EQ(leftovers(out), std::vector<std::string>{});
}

TEST(CliReportSet, FolderWrittenByAnEarlierVersionIsReplaced) {
    const auto dir = test::scratch_dir();
    const fs::path out = dir / "out";
    fs::create_directories(out / "samples");
    write_file_atomic(out / "samples" / "0009-stale.html", "old page");
    write_file_atomic(out / "report.json", "{}");
    write_file_atomic(out / "results.h5", "old");
    const auto r = run("analyze " + q(jcamp_file()) + " --out " + q(out) + " --quiet");
    ASSERT_EQ(r.status, 0) << r.out;
    EXPECT_EQ(view(out).pages.size(), 1u);
    EXPECT_FALSE(fs::exists(out / "results.h5"));
    EXPECT_EQ(nlohmann::json::parse(read_file_text(out / "report.json"))["samples"].size(), 1u);
}

// A write that fails half-way (every file limited to 8 KiB, as on a full disk: the CSV fits, the
// sample pages do not) changes nothing a reader sees and leaves no temporary or empty file.
TEST(CliReportSet, FailureMidWriteKeepsThePreviousSet) {
    const auto dir = test::scratch_dir();
    const fs::path out = dir / "out";
    auto r = run("analyze --batch " + q(two_sample_batch(dir)) + " --out " + q(out) + " --quiet");
    ASSERT_EQ(r.status, 0) << r.out;
    const auto before = view(out);
    r = run_with_file_limit("analyze " + q(jcamp_file()) + " --out " + q(out), 8 << 10);
    EXPECT_EQ(r.status, 3) << r.out;
    EXPECT_NE(r.out.find("disk full or I/O error"), std::string::npos) << r.out;
    const auto after = view(out);
    EXPECT_EQ(after.pages, before.pages);
    EXPECT_EQ(after.report_json, before.report_json);
    EXPECT_EQ(after.summary_csv, before.summary_csv);
    EXPECT_EQ(after.report_html, before.report_html);
    EXPECT_EQ(leftovers(out), std::vector<std::string>{});
}

// While one run holds --out, another fails at once (exit 1, before analysing anything) and
// changes nothing.
TEST(CliReportSet, SecondRunIntoALockedFolderFailsFast) {
    const auto dir = test::scratch_dir();
    const fs::path out = dir / "out";
    auto r = run("analyze " + q(jcamp_file()) + " --out " + q(out) + " --quiet");
    ASSERT_EQ(r.status, 0) << r.out;
    const auto before = view(out);
    const int fd = ::open((out / ".sidepeak").c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    ASSERT_GE(fd, 0);
    ASSERT_EQ(::flock(fd, LOCK_EX | LOCK_NB), 0);  // as a running sidepeak holds it
    r = run("analyze --batch " + q(two_sample_batch(dir)) + " --out " + q(out));
    ::close(fd);
    EXPECT_EQ(r.status, 1) << r.out;
    EXPECT_NE(r.out.find("in use by another sidepeak run"), std::string::npos) << r.out;
    EXPECT_FALSE(has_progress_line(r.out)) << r.out;
    EXPECT_EQ(view(out).pages, before.pages);
    r = run("analyze --batch " + q(two_sample_batch(dir / "again")) + " --out " + q(out) + " --quiet");
    EXPECT_EQ(r.status, 0) << r.out;  // the lock went with its holder
}

// Two runs started together into one --out: whichever order they take, the set read afterwards is
// one run's whole set (its report.json, summary.csv and pages agree), never a mix.
TEST(CliReportSet, TwoRunsAtOnceDoNotMix) {
    const auto dir = test::scratch_dir();
    const fs::path out = dir / "out";
    const std::string two = "analyze --batch " + q(two_sample_batch(dir)) + " --out " + q(out);
    const std::string one = "analyze " + q(jcamp_file()) + " --out " + q(out);
    for (int round = 0; round < 3; ++round) {
        const pid_t a = spawn(two, dir / "log-a");
        const pid_t b = spawn(one, dir / "log-b");
        const auto ra = finish(a, dir / "log-a");
        const auto rb = finish(b, dir / "log-b");
        for (const auto& r : {ra, rb}) {
            EXPECT_TRUE(r.status == 0 || r.status == 1) << r.out;
            if (r.status == 1) {
                EXPECT_NE(r.out.find("in use by another sidepeak run"), std::string::npos) << r.out;
            }
        }
        EXPECT_TRUE(ra.status == 0 || rb.status == 0);
        const auto v = view(out);
        const auto samples = nlohmann::json::parse(v.report_json)["samples"].size();
        EXPECT_EQ(v.pages.size(), samples);
        std::set<std::string> csv_samples;  // first column of every row after the header
        std::istringstream rows(v.summary_csv);
        std::string row;
        std::getline(rows, row);
        while (std::getline(rows, row)) csv_samples.insert(row.substr(0, row.find(',')));
        EXPECT_EQ(csv_samples.size(), samples) << v.summary_csv;
        EXPECT_NE(v.report_html.find(samples == 2 ? "second" : "2-chloroethanol"), std::string::npos);
        EXPECT_EQ(leftovers(out), std::vector<std::string>{});
    }
}

}  // namespace
}  // namespace sidepeak

namespace sidepeak {
namespace {

// File names with terminal control sequences (ESC, BEL, CR) reach the progress and error lines
// only as \xNN escapes.
TEST(CliHostileNames, ControlBytesInFileNamesAreEscapedOnTheTerminal) {
    const auto dir = test::scratch_dir();
    fs::create_directories(dir / "batch");
    fs::copy_file(jcamp_file(), dir / "batch" / "evil\x1b[2Jname.dx");
    write_file_atomic(dir / "batch" / "bad\x07\rname.jdx", "##TITLE= truncated\n##JCAMP-DX= 5.0\n##XYDATA=(X++(Y..Y))\n1 2 3");
    const auto r = run("analyze --batch " + q(dir / "batch") + " --out " + q(dir / "out") + " --format json");
    EXPECT_EQ(r.status, 2) << r.out;
    EXPECT_EQ(r.out.find('\x1b'), std::string::npos);
    EXPECT_EQ(r.out.find('\x07'), std::string::npos);
    EXPECT_EQ(r.out.find('\r'), std::string::npos);
    EXPECT_NE(r.out.find("evil\\x1b[2Jname"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("bad\\x07\\x0dname"), std::string::npos) << r.out;
    // report.json keeps the names (JSON escapes them).
    const auto j = nlohmann::json::parse(read_file_text(dir / "out/report.json"));
    EXPECT_EQ(j["samples"].size(), 2u);
}

// A sheet saved by a spreadsheet (byte-order mark, CRLF, upper-case headers, quoted fields) with
// one bad row: the other samples run, the bad row is that sample's error, exit 2.
TEST(CliSampleSheet, SpreadsheetSheetWithABadRowRunsTheRest) {
    const auto dir = test::scratch_dir();
    fs::create_directories(dir / "data, 1");
    fs::copy_file(jcamp_file(), dir / "data, 1" / "h.dx");
    write_file_atomic(dir / "sheet.csv",
                      "\xEF\xBB\xBFSample,Path,Product,Reagent\r\n"
                      "\"vial \"\"A\"\"\",\"data, 1/h.dx\",C12H18N2,benzyl\r\n"
                      ",data/missing.dx,,\r\n");
    const auto r = run("analyze --samples " + q(dir / "sheet.csv") + " --out " + q(dir / "out") + " --format json --quiet");
    EXPECT_EQ(r.status, 2) << r.out;
    EXPECT_NE(r.out.find("line 3"), std::string::npos) << r.out;
    const auto j = nlohmann::json::parse(read_file_text(dir / "out/report.json"));
    ASSERT_EQ(j["samples"].size(), 2u);
    EXPECT_EQ(j["samples"][0]["id"], "vial \"A\"");
    EXPECT_EQ(j["samples"][0]["inputs"][0]["status"], "ok");
    EXPECT_EQ(j["samples"][1]["id"], "line-3");
    EXPECT_EQ(j["samples"][1]["inputs"][0]["status"], "error");
    EXPECT_EQ(j["samples"][1]["inputs"][0]["format"], "sample-sheet");
}

TEST(CliSampleSheet, UnterminatedQuoteIsBadUsageNamingTheLine) {
    const auto dir = test::scratch_dir();
    fs::copy_file(jcamp_file(), dir / "h.dx");
    write_file_atomic(dir / "sheet.csv", "sample,path\nA,h.dx\n\"B,h.dx\nC,h.dx\n");
    const auto r = run("analyze --samples " + q(dir / "sheet.csv") + " --out " + q(dir / "out") + " --quiet");
    EXPECT_EQ(r.status, 1) << r.out;
    EXPECT_NE(r.out.find("line 3"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("never closed"), std::string::npos) << r.out;
    EXPECT_FALSE(fs::exists(dir / "out" / "report.json"));
}

// A report written into the --batch folder is not taken as a sample by the next run, whatever
// --out that run uses; report.json lists it as skipped with the reason.
TEST(CliBatch, ReportFolderInsideTheBatchIsNotReadOnTheNextRun) {
    const auto dir = test::scratch_dir();
    fs::create_directories(dir / "batch");
    fs::copy_file(jcamp_file(), dir / "batch" / "h.dx");
    auto r = run("analyze --batch " + q(dir / "batch") + " --out " + q(dir / "batch" / "rep1") + " --quiet");
    ASSERT_EQ(r.status, 0) << r.out;
    r = run("analyze --batch " + q(dir / "batch") + " --out " + q(dir / "batch" / "rep2") + " --format json --quiet");
    ASSERT_EQ(r.status, 0) << r.out;
    const auto j = nlohmann::json::parse(read_file_text(dir / "batch" / "rep2" / "report.json"));
    ASSERT_EQ(j["samples"].size(), 1u);
    EXPECT_EQ(j["samples"][0]["id"], "h");
    std::set<std::string> reasons;
    for (const auto& s : j["skipped"]) reasons.insert(s["reason"].get<std::string>());
    bool earlier = false;
    for (const auto& s : j["skipped"]) {
        earlier = earlier || (s["path"].get<std::string>().find("rep1") != std::string::npos &&
                              s["reason"].get<std::string>().find("report folder") != std::string::npos);
    }
    EXPECT_TRUE(earlier) << j["skipped"].dump();
}

// More jobs than samples or cores: allowed, bounded by the samples, same report.
TEST(CliBatch, JobsBeyondTheCoresAreBoundedByTheSamples) {
    const auto dir = test::scratch_dir();
    fs::create_directories(dir / "batch");
    fs::copy_file(jcamp_file(), dir / "batch" / "a.dx");
    fs::copy_file(jcamp_file(), dir / "batch" / "b.dx");
    const auto r = run("analyze --batch " + q(dir / "batch") + " --out " + q(dir / "out") + " --jobs 4096 --format json --quiet");
    EXPECT_EQ(r.status, 0) << r.out;
    EXPECT_EQ(nlohmann::json::parse(read_file_text(dir / "out/report.json"))["samples"].size(), 2u);
}

// Under a process limit (RLIMIT_NPROC = 1, as an unprivileged user: root is exempt) no worker
// thread can be created: the batch runs on the main thread, says so, and writes the whole report.
TEST(CliBatch, ThreadLimitFallsBackToTheMainThreadAndWritesTheReport) {
    std::string templ = (fs::temp_directory_path() / "sidepeak-nproc-XXXXXX").string();
    ASSERT_NE(::mkdtemp(templ.data()), nullptr);
    const fs::path dir = templ;
    ::chmod(dir.c_str(), 0777);
    for (const char* name : {"a.dx", "b.dx", "c.dx"}) fs::copy_file(jcamp_file(), dir / name);
    const fs::path log = test::scratch_dir() / "log";  // opened before the privileges are dropped
    const std::string program = (test::binary_dir() / "src/app/sidepeak").string();
    const std::string batch = dir.string(), out = (dir / "out").string();
    const pid_t child = fork();
    if (child == 0) {
        const int fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0666);
        ::dup2(fd, 1);
        ::dup2(fd, 2);
        if (::geteuid() == 0 && (::setgid(65534) != 0 || ::setuid(65534) != 0)) _exit(126);
        const rlimit one{1, 1};
        ::setrlimit(RLIMIT_NPROC, &one);
        execl(program.c_str(), program.c_str(), "analyze", "--batch", batch.c_str(), "--out", out.c_str(), "--jobs", "3",
              "--format", "json", static_cast<char*>(nullptr));
        _exit(127);
    }
    const auto r = finish(child, log);
    EXPECT_EQ(r.status, 0) << r.out;
    EXPECT_NE(r.out.find("started 1 of 3 worker threads"), std::string::npos) << r.out;
    const auto j = nlohmann::json::parse(read_file_text(dir / "out" / "report.json"));
    EXPECT_EQ(j["samples"].size(), 3u);
    fs::remove_all(dir);
}

}  // namespace
}  // namespace sidepeak

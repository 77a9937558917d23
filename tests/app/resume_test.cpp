// `analyze --resume`: a batch killed with SIGKILL mid-way loses no finished sample, leaves no
// half-written file, and the resumed run reuses every finished sample without redoing it; the
// progress lines when stderr is no terminal.
#include <chrono>
#include <map>
#include <regex>
#include <set>
#include <thread>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "cli_runner.hpp"

namespace sidepeak {
namespace {
namespace fs = std::filesystem;
using nlohmann::json;

// A batch folder of `n` entries, symbolic links to the bundled generated samples in turn.
fs::path make_batch(const fs::path& root, std::size_t n) {
    std::vector<fs::path> samples;
    for (const auto& e : fs::directory_iterator(test::generated_samples())) {
        if (e.is_directory()) samples.push_back(e.path());
    }
    std::sort(samples.begin(), samples.end());
    const fs::path batch = root / "batch";
    fs::create_directories(batch);
    for (std::size_t i = 0; i < n; ++i) {
        char name[32];
        std::snprintf(name, sizeof name, "s%03zu", i);
        fs::create_directory_symlink(samples[i % samples.size()], batch / name);
    }
    return batch;
}

std::size_t count_records(const fs::path& dir) {
    std::size_t n = 0;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(dir, ec)) {
        const std::string name = e.path().filename().string();
        if (e.path().extension() == ".json" && name[0] != '.') ++n;
    }
    return n;
}

bool valid_json_file(const fs::path& p) {
    return !json::parse(test::slurp(p), nullptr, false).is_discarded();
}

TEST(Resume, KillNineMidBatchLosesNothingAndRedoesNothing) {
    const fs::path root = test::scratch_dir();
    constexpr std::size_t kSamples = 40;
    const fs::path batch = make_batch(root, kSamples);
    const fs::path out = root / "out";
    const fs::path results = out / ".sidepeak" / "results";

    // Killed once a few samples are stored, long before the batch can end.
    const pid_t child = test::spawn_sidepeak(root / "first.log", "analyze", "--batch", batch.string(), "--out",
                                             out.string(), "--jobs", "2");
    ASSERT_GT(child, 0);
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::minutes(5);
    while (count_records(results) < 4 && std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    ::kill(child, SIGKILL);
    int raw = 0;
    ASSERT_EQ(::waitpid(child, &raw, 0), child);
    ASSERT_TRUE(WIFSIGNALED(raw)) << "the batch ended before it could be killed: " << test::slurp(root / "first.log");

    // Every visible file the killed run left is complete: per-sample records parse, pages end.
    std::map<fs::path, std::pair<fs::file_time_type, std::string>> before;
    for (const auto& e : fs::directory_iterator(results)) {
        const std::string name = e.path().filename().string();
        if (name[0] == '.') continue;  // a temporary file of an unfinished write, never a result
        if (e.path().extension() == ".json") {
            ASSERT_TRUE(valid_json_file(e.path())) << e.path();
            before[e.path()] = {fs::last_write_time(e.path()), test::slurp(e.path())};
        } else if (e.path().extension() == ".html") {
            EXPECT_NE(test::slurp(e.path()).find("</html>"), std::string::npos) << e.path();
        }
    }
    ASSERT_GE(before.size(), 4u);
    ASSERT_LT(before.size(), kSamples);
    EXPECT_FALSE(fs::exists(out / "report.json"));  // nothing published by the killed run

    std::this_thread::sleep_for(std::chrono::milliseconds(20));  // a rewrite would show in the mtime
    const auto resumed = test::run_command(test::sidepeak_program().string() + " analyze --batch '" + batch.string() +
                                               "' --out '" + out.string() + "' --jobs 2 --resume",
                                           root / "resume.log");
    ASSERT_EQ(resumed.status, 0) << resumed.output;
    // None of the finished samples was analysed again, all the others were.
    std::size_t reused = 0, analysed = 0;
    std::istringstream lines(resumed.output);
    for (std::string line; std::getline(lines, line);) {
        if (line.find("its result reused (--resume)") != std::string::npos) ++reused;
        if (line.find(" inputs read; ") != std::string::npos) ++analysed;
    }
    EXPECT_EQ(reused, before.size());
    EXPECT_EQ(analysed, kSamples - before.size());
    for (const auto& [path, stamp] : before) {
        ASSERT_TRUE(fs::exists(path)) << path;
        EXPECT_EQ(fs::last_write_time(path), stamp.first) << path << " was written again";
        EXPECT_EQ(test::slurp(path), stamp.second) << path;
    }
    // No sample lost: the report has every sample once, and every output parses.
    const json report = json::parse(test::slurp(out / "report.json"));
    ASSERT_EQ(report["samples"].size(), kSamples);
    std::set<std::string> ids;
    for (const auto& s : report["samples"]) ids.insert(s["id"].get<std::string>());
    EXPECT_EQ(ids.size(), kSamples);
    std::size_t records = 0;
    for (const auto& e : fs::directory_iterator(out / "samples")) {
        if (e.path().extension() == ".json") {
            EXPECT_TRUE(valid_json_file(e.path())) << e.path();
            ++records;
        }
    }
    EXPECT_EQ(records, kSamples);
    EXPECT_EQ(count_records(results), kSamples);

    // The same report as one uninterrupted run.
    const fs::path fresh = root / "fresh";
    const auto full = test::run_command(test::sidepeak_program().string() + " analyze --batch '" + batch.string() +
                                            "' --out '" + fresh.string() + "' --jobs 2 --quiet",
                                        root / "fresh.log");
    ASSERT_EQ(full.status, 0) << full.output;
    EXPECT_EQ(json::parse(test::slurp(fresh / "report.json")), report);
    EXPECT_EQ(test::slurp(fresh / "summary.csv"), test::slurp(out / "summary.csv"));
}

TEST(Resume, ChangedInputOrParametersAreAnalysedAgain) {
    const fs::path root = test::scratch_dir();
    const fs::path batch = root / "batch";
    fs::create_directories(batch);
    fs::copy(test::generated_samples() / "21_noxide_lcms", batch / "a", fs::copy_options::recursive);
    fs::copy(test::generated_samples() / "03_clean_lcms", batch / "b", fs::copy_options::recursive);
    const fs::path out = root / "out";
    const std::string base = test::sidepeak_program().string() + " analyze --batch '" + batch.string() + "' --out '" +
                             out.string() + "' --resume";
    ASSERT_EQ(test::run_command(base, root / "1.log").status, 0);
    auto again = test::run_command(base, root / "2.log");
    ASSERT_EQ(again.status, 0) << again.output;
    EXPECT_NE(again.output.find("] a: unchanged"), std::string::npos) << again.output;
    // One byte of one file of "b" changes (same size, same mtime is not relied on): b is redone.
    fs::path changed;
    for (const auto& e : fs::recursive_directory_iterator(batch / "b")) {
        if (e.is_regular_file()) changed = e.path();
    }
    {
        std::fstream f(changed, std::ios::in | std::ios::out | std::ios::binary);
        f.seekp(0, std::ios::end);
        f << ' ';
    }
    again = test::run_command(base, root / "3.log");
    EXPECT_NE(again.output.find("a: unchanged"), std::string::npos) << again.output;
    EXPECT_EQ(again.output.find("b: unchanged"), std::string::npos) << again.output;
    // Other parameters: every sample is redone.
    const fs::path config = root / "config.json";
    std::ofstream(config) << R"({"lcms": {"min_snr": 7}})";
    const auto with_config = test::run_command(base + " --config '" + config.string() + "'", root / "4.log");
    EXPECT_EQ(with_config.output.find("unchanged"), std::string::npos) << with_config.output;
}

TEST(Progress, OneLinePerSampleWhenStderrIsNoTerminal) {
    const fs::path root = test::scratch_dir();
    const fs::path batch = root / "batch";
    fs::create_directories(batch);
    fs::create_directory_symlink(test::generated_samples() / "21_noxide_lcms", batch / "x");
    fs::create_directory_symlink(test::generated_samples() / "02_clean_nmr", batch / "y");
    const auto r = test::run_command(test::sidepeak_program().string() + " analyze --batch '" + batch.string() +
                                         "' --out '" + (root / "out").string() + "' --jobs 1",
                                     root / "log");
    ASSERT_EQ(r.status, 0) << r.output;
    const std::regex line(R"(\[([12])/2\] (x|y): (\d+) of (\d+) inputs read; (no by-products found|found [a-z_, ]+) \((\d+) ms\))");
    std::istringstream in(r.output);
    std::vector<std::string> progress;
    for (std::string l; std::getline(in, l);) {
        if (!l.empty() && l[0] == '[') progress.push_back(l);
        EXPECT_EQ(l.find('\r'), std::string::npos) << "no live redraw without a terminal";
        EXPECT_EQ(l.find("\x1b["), std::string::npos);
    }
    ASSERT_EQ(progress.size(), 2u) << r.output;
    for (const auto& l : progress) EXPECT_TRUE(std::regex_match(l, line)) << l;
    EXPECT_NE(r.output.find("sidepeak: 2 samples analysed, 0 inputs unreadable; report in "), std::string::npos);
}

// On a terminal (a pseudo-terminal from util-linux `script`): one line redrawn in place with the
// bar, counts, rate and ETA, no per-sample lines, a line break before the closing line.
TEST(Progress, LiveBarOnATerminal) {
    const fs::path root = test::scratch_dir();
    if (test::run_command("script --version", root / "version.log").status != 0) GTEST_SKIP() << "no script(1)";
    const fs::path batch = root / "batch";
    fs::create_directories(batch);
    for (const char* name : {"21_noxide_lcms", "02_clean_nmr", "03_clean_lcms"}) {
        fs::create_directory_symlink(test::generated_samples() / name, batch / name);
    }
    const std::string inner = test::sidepeak_program().string() + " analyze --batch '" + batch.string() + "' --out '" +
                              (root / "out").string() + "' --jobs 1";
    const auto r = test::run_command("script -qfec \"" + inner + "\" '" + (root / "typescript").string() + "'",
                                     root / "outer.log");
    ASSERT_EQ(r.status, 0) << r.output;
    const std::string tty = test::slurp(root / "typescript");
    const std::regex bar(R"(\r\x1b\[K\[#{24}\] 3/3 100%  [0-9]+\.[0-9]{2} samples/s  ETA 0:00:00)");
    EXPECT_TRUE(std::regex_search(tty, bar)) << tty;
    EXPECT_EQ(tty.find("inputs read;"), std::string::npos) << tty;
    EXPECT_NE(tty.find("\nsidepeak: 3 samples analysed"), std::string::npos) << tty;
}

}  // namespace
}  // namespace sidepeak

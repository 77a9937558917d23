// The report set of an output folder on failing disks and under concurrent use: a set is published
// whole or not at all, a failed write leaves the previous set and no temporary file, stale pages
// go, and one folder takes one writer at a time. The disk is made "full" with RLIMIT_FSIZE in a
// child process (writes beyond the limit fail with EFBIG), which holds for root too.
#include <csignal>
#include <set>

#include <gtest/gtest.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "report_fixture.hpp"
#include "sidepeak/core/error.hpp"
#include "sidepeak/core/file_io.hpp"
#include "sidepeak/report/write_reports.hpp"
#include "full_disk.hpp"
#include "test_support.hpp"

namespace sidepeak {
namespace {
namespace fs = std::filesystem;

report::BatchResult batch_of(std::size_t n) {
    report::BatchResult batch;
    for (std::size_t i = 0; i < n; ++i) batch.samples.push_back(test::make_sample("S-" + std::to_string(i + 1)));
    return batch;
}

std::set<std::string> pages(const fs::path& out) {
    std::set<std::string> names;
    for (const auto& e : fs::directory_iterator(out / "samples")) names.insert(e.path().filename().string());
    return names;
}

// Every regular file under `out` that is not in a published set: what a failure could leave.
std::vector<std::string> stray_files(const fs::path& out) {
    std::vector<std::string> found;
    const fs::path published = fs::canonical(out / ".sidepeak" / "current");
    for (const auto& e : fs::recursive_directory_iterator(out)) {
        if (e.is_symlink() || e.is_directory()) continue;
        const auto rel = fs::relative(fs::canonical(e.path()), published);
        if (rel.empty() || *rel.begin() == "..") found.push_back(e.path().string());
    }
    return found;
}

TEST(ReportSetRobustness, PublishReplacesTheWholeSet) {
    const auto dir = test::scratch_dir();
    {
        const report::ReportSet set(dir / "out");
        set.publish(batch_of(3), {"html", "json", "csv", "h5"});
    }
    EXPECT_EQ(pages(dir / "out").size(), 3u);
    EXPECT_TRUE(fs::exists(dir / "out" / "results.h5"));
    {
        const report::ReportSet set(dir / "out");
        set.publish(batch_of(1), {"html", "json"});
    }
    EXPECT_EQ(pages(dir / "out").size(), 1u);
    EXPECT_FALSE(fs::exists(dir / "out" / "results.h5"));
    EXPECT_FALSE(fs::exists(dir / "out" / "summary.csv"));
    EXPECT_TRUE(fs::exists(dir / "out" / "report.json"));
    EXPECT_EQ(stray_files(dir / "out"), std::vector<std::string>{});
}

TEST(ReportSetRobustness, FullDiskKeepsThePreviousSetAndLeavesNoFile) {
    const auto dir = test::scratch_dir();
    const fs::path out = dir / "out";
    {
        const report::ReportSet set(out);
        set.publish(batch_of(2), {"html", "json", "csv"});
    }
    const std::string json_before = read_file_text(out / "report.json");
    const auto pages_before = pages(out);
    for (const std::string format : {"json", "html", "h5"}) {
        const int status = test::exit_code_with_file_size_limit(4 << 10, [&] {
            try {
                const report::ReportSet set(out);
                set.publish(batch_of(5), {format});
            } catch (const OutputError&) {
                return 3;
            } catch (...) {
                return 4;
            }
            return 0;
        });
        ASSERT_NE(status, -1) << format << ": child ended by a signal";
        EXPECT_EQ(status, 3) << format;
        EXPECT_EQ(read_file_text(out / "report.json"), json_before) << format;
        EXPECT_EQ(pages(out), pages_before) << format;
        EXPECT_EQ(stray_files(out), std::vector<std::string>{}) << format;
    }
}

TEST(ReportSetRobustness, OneWriterPerFolder) {
    const auto dir = test::scratch_dir();
    const report::ReportSet first(dir / "out");
    try {
        const report::ReportSet second(dir / "out");
        ADD_FAILURE() << "a second writer was let in";
    } catch (const UsageError& e) {
        EXPECT_NE(std::string(e.what()).find("in use by another sidepeak run"), std::string::npos) << e.what();
    }
    const report::ReportSet elsewhere(dir / "other");  // another folder is independent
    first.publish(batch_of(1), {"json"});
}

TEST(ReportSetRobustness, LockIsReleasedWithItsHolder) {
    const auto dir = test::scratch_dir();
    { const report::ReportSet first(dir / "out"); }
    EXPECT_NO_THROW(report::ReportSet(dir / "out"));
}

TEST(ReportSetRobustness, UnusableFoldersAreUsageErrors) {
    const auto dir = test::scratch_dir();
    EXPECT_THROW(report::ReportSet(""), UsageError);
    write_file_atomic(dir / "file", "x");
    EXPECT_THROW(report::ReportSet(dir / "file"), UsageError);
    EXPECT_THROW(report::ReportSet(dir / "file" / "below"), UsageError);
    EXPECT_THROW(report::ReportSet("/proc/sidepeak-cannot-exist"), UsageError);
    EXPECT_EQ(read_file_text(dir / "file"), "x");
}

}  // namespace
}  // namespace sidepeak

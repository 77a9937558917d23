// analyze_buffer (the plugin's in-memory entry point) never leaves the caller's bytes where others
// can read them: in memory where the system allows it, else a private folder (0700) and file (0600)
// that are gone when the call returns, also when reading fails or the caller cancels.
#include <cstdlib>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <sys/stat.h>

#include "sidepeak/core/error.hpp"
#include "sidepeak/core/file_io.hpp"
#include "sidepeak/pipeline/analyze.hpp"
#include "data_format_print.hpp"
#include "test_support.hpp"

namespace sidepeak {
namespace {
namespace fs = std::filesystem;

std::string bytes_of(const fs::path& p) { return read_file_text(p); }
fs::path jcamp_file() { return test::real_samples() / "nmr/jcamp/2-chloroethanol_jcamp-difdup.dx"; }
fs::path mzml_file() { return test::real_samples() / "ms/mzml/tiny.pwiz.1.1.mzML"; }

// Points TMPDIR at a fresh empty folder for the test's lifetime.
class TempDirTest : public ::testing::Test {
protected:
    void SetUp() override {
        if (const char* old = std::getenv("TMPDIR")) old_ = old, had_ = true;
        tmp_ = test::scratch_dir() / "tmp";
        fs::create_directories(tmp_);
        ::setenv("TMPDIR", tmp_.c_str(), 1);
    }
    void TearDown() override {
        if (had_) {
            ::setenv("TMPDIR", old_.c_str(), 1);
        } else {
            ::unsetenv("TMPDIR");
        }
    }
    [[nodiscard]] std::vector<fs::path> left() const {
        std::vector<fs::path> out;
        for (const auto& e : fs::recursive_directory_iterator(tmp_)) out.push_back(e.path());
        return out;
    }
    fs::path tmp_;

private:
    std::string old_;
    bool had_ = false;
};

using BufferRobustness = TempDirTest;

TEST_F(BufferRobustness, MemoryModeTouchesNoFolder) {
    const std::string data = bytes_of(jcamp_file());
    std::size_t calls = 0;
    std::vector<fs::path> during;
    pipeline::AnalysisOptions options;
    options.progress = [&](const std::string&, double) {
        ++calls;
        for (const auto& p : left()) during.push_back(p);
        return true;
    };
    const auto s = pipeline::analyze_buffer("S", data.data(), data.size(), "h.dx", {}, options, pipeline::BufferStorage::memory);
    ASSERT_EQ(s.inputs.size(), 1u);
    EXPECT_TRUE(s.inputs[0].ok) << s.inputs[0].error;
    EXPECT_EQ(s.inputs[0].path, "h.dx");
    ASSERT_EQ(s.nmr.size(), 1u);
    EXPECT_EQ(s.nmr[0].path, "h.dx");
    EXPECT_GT(calls, 0u);
    EXPECT_TRUE(during.empty());
    EXPECT_TRUE(left().empty());
    // Same result as reading the file itself.
    const auto direct = pipeline::analyze_sample("S", jcamp_file(), {});
    EXPECT_EQ(s.nmr[0].result.peaks.size(), direct.nmr[0].result.peaks.size());
}

TEST_F(BufferRobustness, MemoryModeReadsLcmsToo) {
    const std::string data = bytes_of(mzml_file());
    const auto s = pipeline::analyze_buffer("S", data.data(), data.size(), "run.mzML", {}, {}, pipeline::BufferStorage::memory);
    ASSERT_EQ(s.inputs.size(), 1u);
    EXPECT_TRUE(s.inputs[0].ok) << s.inputs[0].error;
    EXPECT_EQ(s.inputs[0].format, DataFormat::mzml);
    EXPECT_EQ(s.lcms.size(), 1u);
    EXPECT_TRUE(left().empty());
}

// libhdf5 cannot open a memory file: an mzMLb buffer goes through a private file, removed after.
TEST_F(BufferRobustness, MzmlbBufferIsReadThroughAPrivateFile) {
    const std::string data = bytes_of(test::source_dir() / "tests/fuzz/corpus/mzmlb/contiguous.mzMLb");
    std::vector<unsigned> modes;
    pipeline::AnalysisOptions options;
    options.progress = [&](const std::string&, double) {
        for (const auto& p : left()) {
            struct stat st {};
            ::lstat(p.c_str(), &st);
            modes.push_back(static_cast<unsigned>(st.st_mode & 07777));
        }
        return true;
    };
    const auto s = pipeline::analyze_buffer("S", data.data(), data.size(), "run.mzMLb", {}, options);
    ASSERT_EQ(s.inputs.size(), 1u);
    EXPECT_TRUE(s.inputs[0].ok) << s.inputs[0].error;
    EXPECT_EQ(s.inputs[0].format, DataFormat::mzmlb);
    ASSERT_GE(modes.size(), 2u);
    EXPECT_EQ(modes[0], 0700u);
    EXPECT_EQ(modes[1], 0600u);
    EXPECT_TRUE(left().empty());
}

TEST_F(BufferRobustness, PrivateFileIsOwnerOnlyAndRemovedAfterReading) {
    const std::string data = bytes_of(jcamp_file());
    std::vector<std::pair<fs::path, unsigned>> during;  // path, permission bits
    pipeline::AnalysisOptions options;
    options.progress = [&](const std::string&, double) {
        if (during.empty()) {
            for (const auto& p : left()) {
                struct stat st {};
                ::lstat(p.c_str(), &st);
                during.emplace_back(p, static_cast<unsigned>(st.st_mode & 07777));
            }
        }
        return true;
    };
    // A label that tries to leave the folder is reduced to its last component.
    const auto s = pipeline::analyze_buffer("S", data.data(), data.size(), "../../etc/h.dx", {}, options,
                                            pipeline::BufferStorage::private_file);
    ASSERT_EQ(s.inputs.size(), 1u);
    EXPECT_TRUE(s.inputs[0].ok) << s.inputs[0].error;
    EXPECT_EQ(s.inputs[0].path, "../../etc/h.dx");  // the caller's label in the report
    ASSERT_EQ(during.size(), 2u);
    EXPECT_EQ(during[0].first.parent_path(), tmp_);
    EXPECT_EQ(during[0].first.filename().string().rfind("sidepeak-buffer-", 0), 0u);
    EXPECT_EQ(during[0].second, 0700u);
    EXPECT_EQ(during[1].first, during[0].first / "h.dx");
    EXPECT_EQ(during[1].second, 0600u);
    EXPECT_TRUE(left().empty());
}

TEST_F(BufferRobustness, NothingLeftAfterBadDataOrCancellation) {
    const std::string garbage = "this is not a spectrum";
    for (const auto mode : {pipeline::BufferStorage::automatic, pipeline::BufferStorage::memory,
                            pipeline::BufferStorage::private_file}) {
        const auto s = pipeline::analyze_buffer("S", garbage.data(), garbage.size(), "x.dx", {}, {}, mode);
        ASSERT_EQ(s.inputs.size(), 1u);
        EXPECT_FALSE(s.inputs[0].ok);
        EXPECT_EQ(s.inputs[0].path, "x.dx");
        EXPECT_EQ(s.inputs[0].error.find("/proc/"), std::string::npos) << s.inputs[0].error;
        EXPECT_EQ(s.inputs[0].error.find(tmp_.string()), std::string::npos) << s.inputs[0].error;
        EXPECT_TRUE(left().empty());

        const auto empty = pipeline::analyze_buffer("S", nullptr, 0, "", {}, {}, mode);
        ASSERT_EQ(empty.inputs.size(), 1u);
        EXPECT_FALSE(empty.inputs[0].ok);
        EXPECT_EQ(empty.inputs[0].path, "buffer");
        EXPECT_TRUE(left().empty());

        const std::string data = bytes_of(jcamp_file());
        pipeline::AnalysisOptions cancel;
        cancel.progress = [](const std::string&, double) { return false; };
        EXPECT_THROW((void)pipeline::analyze_buffer("S", data.data(), data.size(), "h.dx", {}, cancel, mode), Cancelled);
        EXPECT_TRUE(left().empty());
    }
}

TEST_F(BufferRobustness, UnusableTemporaryFolderIsAnErrorNotACrash) {
    ::setenv("TMPDIR", (tmp_ / "missing" / "deeper").c_str(), 1);
    const std::string data = bytes_of(jcamp_file());
    EXPECT_THROW((void)pipeline::analyze_buffer("S", data.data(), data.size(), "h.dx", {}, {},
                                                pipeline::BufferStorage::private_file),
                 Error);
    // The default needs no folder.
    const auto s = pipeline::analyze_buffer("S", data.data(), data.size(), "h.dx", {}, {});
    EXPECT_TRUE(s.inputs.at(0).ok);
}

}  // namespace
}  // namespace sidepeak

// The key of a stored per-sample result (pipeline::SampleKey) is the JSON text the record keeps,
// so a sample whose path is not valid UTF-8 (a Latin-1 folder name) is found again by --resume:
// the key compared is the one written (U+FFFD for the stray byte), not the raw bytes.
#include <fstream>
#include <set>

#include <gtest/gtest.h>

#include "sidepeak/pipeline/resumable_batch.hpp"
#include "sidepeak/pipeline/sample_store.hpp"
#include "test_support.hpp"

namespace sidepeak {
namespace {
namespace fs = std::filesystem;

fs::path jcamp_file() { return test::real_samples() / "nmr/jcamp/2-chloroethanol_jcamp-difdup.dx"; }

// Runs the batch with --resume semantics and returns how many samples were reused.
std::size_t reused_in_run(const std::vector<pipeline::SampleSpec>& specs, const pipeline::SampleStore& store) {
    pipeline::BatchThreads threads;
    threads.jobs = 1;
    std::size_t reused = 0;
    pipeline::run_resumable_batch(specs, "", "", {}, threads, store, true, {"json"},
                                  [&](std::size_t, std::size_t, const report::SampleResult&, bool was_reused) {
                                      reused += was_reused ? 1 : 0;
                                  });
    return reused;
}

TEST(SampleKey, ResumeFindsASampleWhosePathIsNotUtf8) {
    const fs::path root = test::scratch_dir();
    const fs::path latin1 = root / "r\xE9sultat";  // Latin-1 e-acute: not UTF-8
    fs::create_directories(latin1);
    fs::copy_file(jcamp_file(), latin1 / "proton.dx");
    fs::create_directories(root / "plain");
    fs::copy_file(jcamp_file(), root / "plain" / "proton.dx");
    const std::vector<pipeline::SampleSpec> specs{{"latin1", latin1, "", ""}, {"plain", root / "plain", "", ""}};
    const pipeline::SampleStore store(root / "store");
    EXPECT_EQ(reused_in_run(specs, store), 0u);
    EXPECT_EQ(reused_in_run(specs, store), 2u);
}

TEST(SampleKey, AChangedInputIsNotReused) {
    const fs::path root = test::scratch_dir();
    fs::create_directories(root / "s");
    fs::copy_file(jcamp_file(), root / "s" / "proton.dx");
    const std::vector<pipeline::SampleSpec> specs{{"s", root / "s", "", ""}};
    const pipeline::SampleStore store(root / "store");
    EXPECT_EQ(reused_in_run(specs, store), 0u);
    std::ofstream(root / "s" / "notes.txt") << "added after the first run";
    EXPECT_EQ(reused_in_run(specs, store), 0u);
    EXPECT_EQ(reused_in_run(specs, store), 1u);
}

}  // namespace
}  // namespace sidepeak

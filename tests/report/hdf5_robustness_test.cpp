// results.h5 on a failing disk: the write reports an error, the temporary file is removed and
// nothing is renamed into place. The disk is made "full" with RLIMIT_FSIZE in a child process
// (writes beyond the limit fail with EFBIG), so no special file system is needed.
#include <csignal>

#include <gtest/gtest.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sidepeak/core/error.hpp"
#include "sidepeak/report/hdf5_results.hpp"
#include "full_disk.hpp"
#include "test_support.hpp"

namespace sidepeak {
namespace {
namespace fs = std::filesystem;

report::BatchResult large_batch() {
    report::BatchResult batch;
    report::SampleResult s;
    s.id = "big";
    report::NmrInput in;
    in.path = "big.dx";
    in.result.spectrum.real.assign(1u << 20, 1.0);  // 8 MiB of intensities
    in.result.baseline.assign(1u << 20, 0.0);
    s.nmr.push_back(std::move(in));
    batch.samples.push_back(std::move(s));
    return batch;
}

std::size_t files_in(const fs::path& dir) {
    return static_cast<std::size_t>(std::distance(fs::directory_iterator(dir), fs::directory_iterator{}));
}

TEST(Hdf5Robustness, FullDiskLeavesNoFileAndReportsAnError) {
    const auto dir = test::scratch_dir();
    const auto batch = large_batch();
    const int status = test::exit_code_with_file_size_limit(64 << 10, [&] {
        try {
            report::write_hdf5_results(dir / "results.h5", batch);
        } catch (const Error&) {
            return 3;
        } catch (...) {
            return 4;
        }
        return 0;
    });
    ASSERT_NE(status, -1) << "child ended by a signal";
    EXPECT_EQ(status, 3);
    EXPECT_FALSE(fs::exists(dir / "results.h5"));
    EXPECT_EQ(files_in(dir), 0u) << "temporary file left behind";
}

TEST(Hdf5Robustness, UnwritableFolderIsAnError) {
    const auto dir = test::scratch_dir();
    EXPECT_THROW(report::write_hdf5_results(dir / "no" / "such" / "results.h5", large_batch()), Error);
}

TEST(Hdf5Robustness, NormalWriteSucceeds) {
    const auto dir = test::scratch_dir();
    report::write_hdf5_results(dir / "results.h5", large_batch());
    EXPECT_GT(fs::file_size(dir / "results.h5"), 8u << 20);
    EXPECT_EQ(files_in(dir), 1u);
}

}  // namespace
}  // namespace sidepeak

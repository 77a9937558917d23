#pragma once
// Paths to test data. Real files copied into the project live in spectra_samples/real; files
// under licenses that may not be copied are read from ../shared/real_spectra and their tests
// skip when it is absent.
#include <filesystem>

#include <gtest/gtest.h>

namespace sidepeak::test {

inline std::filesystem::path source_dir() { return SIDEPEAK_SOURCE_DIR; }
inline std::filesystem::path real_samples() { return source_dir() / "spectra_samples" / "real"; }
inline std::filesystem::path generated_samples() { return source_dir() / "spectra_samples" / "generated"; }
inline std::filesystem::path shared_spectra() { return SIDEPEAK_SHARED_SPECTRA; }
inline std::filesystem::path binary_dir() { return SIDEPEAK_BINARY_DIR; }
/// A scratch folder unique to the running test, created fresh.
inline std::filesystem::path scratch_dir() {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    auto dir = binary_dir() / "test-scratch" / (std::string(info->test_suite_name()) + "." + info->name());
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    return dir;
}

}  // namespace sidepeak::test

/// Skips the current test when a file from ../shared (not copied for license reasons) is absent.
#define SIDEPEAK_REQUIRE_PATH(p)                                              \
    do {                                                                      \
        if (!std::filesystem::exists(p)) GTEST_SKIP() << "absent: " << (p);   \
    } while (0)

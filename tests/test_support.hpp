#pragma once
// Paths to test data. Real files copied into the project live in spectra_samples/real; files
// under licenses that may not be copied are read from ../shared/real_spectra and their tests
// skip when it is absent, unless SIDEPEAK_REQUIRE_REAL_DATA=1 (tools/test.sh sets it when
// ../shared/real_spectra exists): then an absent file is a failure, so a renamed or missing file
// on a machine that has the data is never a silent skip.
#include <cstdlib>
#include <filesystem>
#include <string_view>

#include <gtest/gtest.h>

namespace sidepeak::test {

inline std::filesystem::path source_dir() { return SIDEPEAK_SOURCE_DIR; }
inline std::filesystem::path real_samples() { return source_dir() / "spectra_samples" / "real"; }
inline std::filesystem::path generated_samples() { return source_dir() / "spectra_samples" / "generated"; }
inline std::filesystem::path shared_spectra() { return SIDEPEAK_SHARED_SPECTRA; }
inline std::filesystem::path binary_dir() { return SIDEPEAK_BINARY_DIR; }
/// True when the environment says every real-data file must be present (SIDEPEAK_REQUIRE_REAL_DATA=1).
inline bool real_data_required() {
    const char* value = std::getenv("SIDEPEAK_REQUIRE_REAL_DATA");
    return value != nullptr && std::string_view(value) == "1";
}
/// A scratch folder unique to the running test, created fresh.
inline std::filesystem::path scratch_dir() {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    auto dir = binary_dir() / "test-scratch" / (std::string(info->test_suite_name()) + "." + info->name());
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    return dir;
}

}  // namespace sidepeak::test

/// Ends the current test (or the void helper it is in) because real data `what` is absent: a
/// skip, or a failure when SIDEPEAK_REQUIRE_REAL_DATA=1.
#define SIDEPEAK_ABSENT_DATA(what)                                                          \
    do {                                                                                    \
        if (::sidepeak::test::real_data_required()) {                                       \
            FAIL() << "absent, and SIDEPEAK_REQUIRE_REAL_DATA=1 requires it: " << what;     \
        } else {                                                                            \
            GTEST_SKIP() << "absent: " << what;                                             \
        }                                                                                   \
    } while (0)

/// Skips the current test when a file from ../shared (not copied for license reasons) is absent;
/// fails instead when SIDEPEAK_REQUIRE_REAL_DATA=1.
#define SIDEPEAK_REQUIRE_PATH(p)                                  \
    do {                                                          \
        if (!std::filesystem::exists(p)) SIDEPEAK_ABSENT_DATA(p); \
    } while (0)

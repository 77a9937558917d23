// SIDEPEAK_REQUIRE_PATH / SIDEPEAK_ABSENT_DATA (tests/test_support.hpp): an absent real-data file
// skips the test, unless SIDEPEAK_REQUIRE_REAL_DATA=1 (set by tools/test.sh when
// ../shared/real_spectra exists), when it is a failure naming the file.
#include <gtest/gtest-spi.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <optional>
#include <string>

#include "test_support.hpp"

namespace {

// Sets SIDEPEAK_REQUIRE_REAL_DATA for the scope, restoring what was there.
class RequireEnv {
public:
    explicit RequireEnv(const char* value) {
        if (const char* old = std::getenv(kName)) old_ = old;
        if (value) {
            ::setenv(kName, value, 1);
        } else {
            ::unsetenv(kName);
        }
    }
    ~RequireEnv() {
        if (old_) {
            ::setenv(kName, old_->c_str(), 1);
        } else {
            ::unsetenv(kName);
        }
    }
    RequireEnv(const RequireEnv&) = delete;
    RequireEnv& operator=(const RequireEnv&) = delete;

private:
    static constexpr const char* kName = "SIDEPEAK_REQUIRE_REAL_DATA";
    std::optional<std::string> old_;
};

void require_absent_file() { SIDEPEAK_REQUIRE_PATH(std::filesystem::path("/nonexistent/sidepeak/shared/run.mzML")); }

TEST(RequireRealData, OnlyTheValueOneRequires) {
    {
        const RequireEnv env("1");
        EXPECT_TRUE(sidepeak::test::real_data_required());
    }
    for (const char* value : {"0", "", "yes", "true"}) {
        const RequireEnv env(value);
        EXPECT_FALSE(sidepeak::test::real_data_required()) << '"' << value << '"';
    }
    const RequireEnv env(nullptr);
    EXPECT_FALSE(sidepeak::test::real_data_required());
}

TEST(RequireRealData, AbsentFileIsAFailureWhenRequired) {
    const RequireEnv env("1");
    EXPECT_FATAL_FAILURE(require_absent_file(), "/nonexistent/sidepeak/shared/run.mzML");
}

TEST(RequireRealData, PresentFileNeitherFailsNorSkips) {
    const RequireEnv env("1");
    SIDEPEAK_REQUIRE_PATH(sidepeak::test::real_samples());
    SUCCEED();
}

// (The skip branch is GTEST_SKIP itself; a test exercising it would be reported skipped on every
// run, so it is covered by OnlyTheValueOneRequires choosing it.)

}  // namespace

// Golden tests: report.json and summary.csv for the generated labelled samples must match the
// committed expectations in tests/golden/expected/ (numbers to a relative 1e-6, paths relative to
// the source folder). After an intended change, regenerate with
//   SIDEPEAK_UPDATE_GOLDEN=1 build/tests/test_golden_report_golden_test
// and review the diff like any other change.
#include <cmath>
#include <cstdlib>
#include <memory>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "sidepeak/core/file_io.hpp"
#include "sidepeak/pipeline/batch.hpp"
#include "sidepeak/report/csv_report.hpp"
#include "sidepeak/report/json_report.hpp"
#include "test_support.hpp"

namespace sidepeak {
namespace {
namespace fs = std::filesystem;
using nlohmann::json;

fs::path expected_dir() { return test::source_dir() / "tests/golden/expected"; }

std::string relative_paths(std::string text) {
    const std::string prefix = test::source_dir().string() + "/";
    for (auto pos = text.find(prefix); pos != std::string::npos; pos = text.find(prefix, pos)) {
        text.replace(pos, prefix.size(), "<src>/");
    }
    return text;
}

report::BatchResult analyse_generated() {
    const auto specs = pipeline::read_sample_sheet(test::generated_samples() / "samples.csv");
    return pipeline::analyze_batch(specs, "", "", {}, 2);
}

// Compares two JSON values; numbers to a relative tolerance. Collects every difference.
void compare(const json& expected, const json& actual, const std::string& where, std::vector<std::string>& diffs) {
    if (diffs.size() > 40) return;
    if (expected.is_number() && actual.is_number()) {
        const double a = expected.get<double>(), b = actual.get<double>();
        if (std::abs(a - b) > 1e-6 * std::max({1.0, std::abs(a), std::abs(b)})) {
            diffs.push_back(where + ": " + expected.dump() + " -> " + actual.dump());
        }
        return;
    }
    if (expected.type() != actual.type()) {
        diffs.push_back(where + ": type " + expected.dump() + " -> " + actual.dump());
        return;
    }
    if (expected.is_object()) {
        for (const auto& [k, v] : expected.items()) {
            if (!actual.contains(k)) {
                diffs.push_back(where + "/" + k + ": missing");
            } else {
                compare(v, actual[k], where + "/" + k, diffs);
            }
        }
        for (const auto& [k, v] : actual.items()) {
            if (!expected.contains(k)) diffs.push_back(where + "/" + k + ": added " + v.dump().substr(0, 80));
        }
    } else if (expected.is_array()) {
        if (expected.size() != actual.size()) {
            diffs.push_back(where + ": " + std::to_string(expected.size()) + " items -> " + std::to_string(actual.size()));
            return;
        }
        for (std::size_t i = 0; i < expected.size(); ++i) compare(expected[i], actual[i], where + "/" + std::to_string(i), diffs);
    } else if (expected != actual) {
        diffs.push_back(where + ": " + expected.dump().substr(0, 120) + " -> " + actual.dump().substr(0, 120));
    }
}

class Golden : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        if (!fs::exists(test::generated_samples() / "samples.csv")) return;
        batch_ = std::make_unique<report::BatchResult>(analyse_generated());
    }
    static void TearDownTestSuite() { batch_.reset(); }
    static std::unique_ptr<report::BatchResult> batch_;  // analysed once for the whole suite
};
std::unique_ptr<report::BatchResult> Golden::batch_;

bool updating() { return std::getenv("SIDEPEAK_UPDATE_GOLDEN") != nullptr; }

TEST_F(Golden, ReportJson) {
    ASSERT_NE(batch_, nullptr) << "generated samples missing";
    json actual = json::parse(relative_paths(report::report_json_text(*batch_)));
    actual["tool"]["version"] = "<version>";
    const fs::path file = expected_dir() / "report.json";
    if (updating()) {
        fs::create_directories(expected_dir());
        write_file_atomic(file, actual.dump(1) + "\n");
        GTEST_SKIP() << "golden report.json rewritten";
    }
    ASSERT_TRUE(fs::exists(file)) << "run with SIDEPEAK_UPDATE_GOLDEN=1 to create " << file;
    std::vector<std::string> diffs;
    compare(json::parse(read_file_text(file)), actual, "", diffs);
    for (const auto& d : diffs) ADD_FAILURE() << d;
}

TEST_F(Golden, SummaryCsv) {
    ASSERT_NE(batch_, nullptr) << "generated samples missing";
    const std::string actual = relative_paths(report::summary_csv(*batch_));
    const fs::path file = expected_dir() / "summary.csv";
    if (updating()) {
        fs::create_directories(expected_dir());
        write_file_atomic(file, actual);
        GTEST_SKIP() << "golden summary.csv rewritten";
    }
    ASSERT_TRUE(fs::exists(file)) << "run with SIDEPEAK_UPDATE_GOLDEN=1 to create " << file;
    // Field by field; the confidence column (printed to 3 decimals) may differ by one last digit
    // across CPUs whose FFT kernels round differently.
    const auto split = [](const std::string& text, char sep) {
        std::vector<std::string> out(1);
        for (const char c : text) {
            if (c == sep) {
                out.emplace_back();
            } else {
                out.back() += c;
            }
        }
        return out;
    };
    const auto expected_lines = split(read_file_text(file), '\n');
    const auto actual_lines = split(actual, '\n');
    ASSERT_EQ(expected_lines.size(), actual_lines.size());
    for (std::size_t i = 0; i < expected_lines.size(); ++i) {
        const auto e = split(expected_lines[i], ',');
        const auto a = split(actual_lines[i], ',');
        if (e.size() == a.size() && e.size() >= 5 && i > 0) {
            for (std::size_t k = 0; k < e.size(); ++k) {
                if (k == 4) {
                    EXPECT_NEAR(std::stod(e[k]), std::stod(a[k]), 1.5e-3) << "line " << i + 1;
                } else {
                    EXPECT_EQ(e[k], a[k]) << "line " << i + 1 << " field " << k;
                }
            }
        } else {
            EXPECT_EQ(expected_lines[i], actual_lines[i]) << "line " << i + 1;
        }
    }
}

}  // namespace
}  // namespace sidepeak

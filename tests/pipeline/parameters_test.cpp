// The parameter table (sidepeak/pipeline/parameters.hpp): every key reaches its own option, the
// defaults file reads back to the defaults, ranges and types are enforced, the user guide lists
// exactly the table, and report.json records the values.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>

#include <nlohmann/json.hpp>

#include "../test_support.hpp"
#include "sidepeak/core/error.hpp"
#include "sidepeak/pipeline/config.hpp"
#include "sidepeak/pipeline/parameters.hpp"
#include "sidepeak/report/json_report.hpp"

namespace sidepeak {
namespace {
using nlohmann::json;

std::map<std::string, std::string> values_of(const pipeline::AnalysisOptions& o) {
    std::map<std::string, std::string> m;
    for (const auto& v : pipeline::parameter_values(o)) m[v.key] = v.value_json;
    return m;
}

json config_with(const std::string& key, const json& value) {
    json c = json::object();
    c[key.substr(0, key.find('.'))][key.substr(key.find('.') + 1)] = value;
    return c;
}

// A valid value different from the default: another choice, the negated flag, or a number
// inside the range but off the default.
json other_value(const pipeline::ParameterInfo& p) {
    const json d = json::parse(p.default_json);
    if (d.is_boolean()) return !d.get<bool>();
    if (d.is_string()) {
        std::istringstream names(p.allowed);
        std::string name;
        while (names >> name) {
            if (name != "|" && name != d.get<std::string>()) return name;
        }
        return nullptr;
    }
    double lo = 0, hi = 0;
    std::sscanf(p.allowed.c_str(), "%lf to %lf", &lo, &hi);
    const double v = d.get<double>();
    double x = v + 1.0 <= hi ? v + 1.0 : lo;
    if (p.allowed.find("whole") == std::string::npos && v * 0.5 >= lo && v != 0.0) x = v * 0.5;
    return x;
}

TEST(Parameters, KeysAreUniqueAndDocumented) {
    const auto list = pipeline::parameter_list();
    EXPECT_GE(list.size(), 40u);
    std::map<std::string, int> seen;
    for (const auto& p : list) {
        EXPECT_EQ(++seen[p.key], 1) << p.key;
        EXPECT_FALSE(p.help.empty()) << p.key;
        EXPECT_FALSE(p.allowed.empty()) << p.key;
        EXPECT_NE(p.key.find('.'), std::string::npos) << p.key;
    }
}

TEST(Parameters, EveryKeyReachesItsOwnOption) {
    const auto defaults = values_of({});
    for (const auto& p : pipeline::parameter_list()) {
        const json v = other_value(p);
        ASSERT_FALSE(v.is_null()) << p.key;
        const auto changed = values_of(pipeline::options_from_json_text((config_with(p.key, v)).dump()));
        for (const auto& [key, value] : changed) {
            if (key == p.key) {
                EXPECT_NE(value, defaults.at(key)) << p.key << " did not change its option";
            } else {
                EXPECT_EQ(value, defaults.at(key)) << "setting " << p.key << " changed " << key;
            }
        }
    }
}

TEST(Parameters, DefaultsFileReadsBackToTheDefaults) {
    const std::string text = pipeline::default_config_text();
    EXPECT_NE(text.find("// "), std::string::npos);
    EXPECT_EQ(values_of(pipeline::options_from_json_text(text)), values_of({}));
    for (const auto& p : pipeline::parameter_list()) {
        std::string quoted(1, '"');
        quoted.append(p.key, p.key.find('.') + 1).push_back('"');
        EXPECT_NE(text.find(quoted), std::string::npos) << p.key;
    }
}

TEST(Parameters, RangesAndTypesAreEnforced) {
    EXPECT_THROW(pipeline::options_from_json_text((config_with("nmr.zero_fill_factor", 2.5)).dump()), UsageError);
    EXPECT_THROW(pipeline::options_from_json_text((config_with("nmr.zero_fill_factor", 17)).dump()), UsageError);
    EXPECT_THROW(pipeline::options_from_json_text((config_with("nmr.baseline_asls_p", 0.9)).dump()), UsageError);
    EXPECT_THROW(pipeline::options_from_json_text((config_with("nmr.reference", "yes")).dump()), UsageError);
    EXPECT_THROW(pipeline::options_from_json_text((config_with("lcms.max_missing_scans", -1)).dump()), UsageError);
    EXPECT_THROW(pipeline::options_from_json_text((config_with("classify.separation_s", "6")).dump()), UsageError);
    EXPECT_THROW(pipeline::options_from_json_text((json{{"nmr", 3}}).dump()), UsageError);
    EXPECT_THROW(pipeline::options_from_json_text((json{{"report", json::object()}}).dump()), UsageError);
    EXPECT_EQ(pipeline::options_from_json_text((config_with("nmr.baseline_max_working_points", 8192)).dump()).nmr.baseline.max_working_points, 8192u);
}

TEST(Parameters, UserGuideListsExactlyTheTable) {
    std::ifstream in(test::source_dir() / "docs" / "user-guide.md");
    std::stringstream ss;
    ss << in.rdbuf();
    const std::string doc = ss.str();
    const std::string begin = "<!-- parameters:begin (generated: sidepeak config --markdown) -->\n";
    const std::string end = "<!-- parameters:end -->";
    const auto b = doc.find(begin);
    const auto e = doc.find(end);
    ASSERT_NE(b, std::string::npos);
    ASSERT_NE(e, std::string::npos);
    if (std::getenv("SIDEPEAK_UPDATE_GOLDEN") != nullptr) {
        std::ofstream(test::source_dir() / "docs" / "user-guide.md")
            << doc.substr(0, b + begin.size()) << pipeline::parameters_markdown() << doc.substr(e);
        GTEST_SKIP() << "docs/user-guide.md parameter list rewritten";
    }
    EXPECT_EQ(doc.substr(b + begin.size(), e - b - begin.size()), pipeline::parameters_markdown())
        << "docs/user-guide.md is out of date: run with SIDEPEAK_UPDATE_GOLDEN=1 (or paste `sidepeak config --markdown`)";
}

TEST(Parameters, ReportJsonRecordsTheValuesInConfigShape) {
    report::BatchResult batch;
    auto options = pipeline::options_from_json_text((config_with("nmr.line_broadening_hz", 1.5)).dump());
    batch.parameters = pipeline::parameter_values(options);
    const json j = json::parse(report::report_json_text(batch));
    ASSERT_TRUE(j.contains("parameters"));
    EXPECT_DOUBLE_EQ(j["parameters"]["nmr"]["line_broadening_hz"].get<double>(), 1.5);
    // The block is a configuration that gives the same options back.
    EXPECT_EQ(values_of(pipeline::options_from_json_text(j["parameters"].dump())), values_of(options));
}

}  // namespace
}  // namespace sidepeak

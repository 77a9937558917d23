// JSON outputs never fail on bytes: file names and texts taken from files need not be UTF-8.
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "sidepeak/core/file_io.hpp"
#include "sidepeak/report/json_report.hpp"
#include "sidepeak/report/write_reports.hpp"
#include "test_support.hpp"

namespace sidepeak {
namespace {
namespace fs = std::filesystem;

const std::string kReplacement = "\xEF\xBF\xBD";  // U+FFFD in UTF-8

report::BatchResult batch_with_latin1_bytes() {
    report::BatchResult batch;
    report::SampleResult s;
    s.id = "caf\xE9";                                       // Latin-1 e-acute
    report::InputRecord in;
    in.path = "/data/r\xE9sultat/\xFF\xFE.jdx";
    in.format = DataFormat::jcamp_dx;
    in.kind = DataKind::nmr;
    in.error = "##.SOLVENT NAME= CDCl\xB3 is not understood";  // Latin-1 superscript 3
    s.inputs.push_back(in);
    batch.samples.push_back(s);
    return batch;
}

TEST(JsonRobustness, InvalidUtf8BecomesReplacementCharacter) {
    const auto batch = batch_with_latin1_bytes();
    std::string text;
    ASSERT_NO_THROW(text = report::report_json_text(batch, 1));
    const auto j = nlohmann::json::parse(text);  // valid UTF-8 JSON
    EXPECT_EQ(j["samples"][0]["id"].get<std::string>(), "caf" + kReplacement);
    EXPECT_NE(j["errors"][0]["error"].get<std::string>().find("CDCl" + kReplacement), std::string::npos);
    EXPECT_NE(j["errors"][0]["path"].get<std::string>().find("r" + kReplacement + "sultat"), std::string::npos);
}

TEST(JsonRobustness, ValidUtf8IsKeptAsIs) {
    report::SampleResult s;
    s.id = "\xE2\x82\xAC";
    s.context.product = "CDCl\xC2\xB3";
    const auto back = nlohmann::json::parse(report::sample_json_text(s));
    EXPECT_EQ(back["context"]["product"].get<std::string>(), "CDCl\xC2\xB3");
    EXPECT_EQ(back["id"].get<std::string>(), "\xE2\x82\xAC");
}

TEST(JsonRobustness, ReportJsonIsWrittenWithNonUtf8Names) {
    const auto dir = test::scratch_dir();
    ASSERT_NO_THROW(report::write_reports(dir / "out", batch_with_latin1_bytes(), {"json", "csv"}));
    ASSERT_TRUE(fs::exists(dir / "out" / "report.json"));
    const auto j = nlohmann::json::parse(read_file_text(dir / "out" / "report.json"));
    EXPECT_EQ(j["samples"].size(), 1u);
}

}  // namespace
}  // namespace sidepeak

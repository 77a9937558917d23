// The input formats' contract names (report::format_name, docs design: `info` and report.json
// `inputs[].format`), read back from stored records (format_from_name), and written from the
// typed format by the JSON writers.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <string>
#include <utility>
#include <vector>

#include "sidepeak/report/info_report.hpp"
#include "sidepeak/report/json_report.hpp"

namespace sidepeak {
namespace {

// The contract of docs design (info: "bruker-fid|bruker-1r|jcamp-dx|varian|jeol|nmrml|mzml|mzxml|
// mzmlb|andi-netcdf"), a sample-sheet row listed as an input, and nothing recognised.
const std::vector<std::pair<DataFormat, std::string>> kContract = {
    {DataFormat::bruker_fid, "bruker-fid"}, {DataFormat::bruker_1r, "bruker-1r"}, {DataFormat::jcamp_dx, "jcamp-dx"},
    {DataFormat::varian, "varian"},         {DataFormat::jeol, "jeol"},           {DataFormat::nmrml, "nmrml"},
    {DataFormat::mzml, "mzml"},             {DataFormat::mzxml, "mzxml"},         {DataFormat::mzmlb, "mzmlb"},
    {DataFormat::andi_netcdf, "andi-netcdf"}, {DataFormat::sample_sheet, "sample-sheet"}, {DataFormat::unknown, "unknown"},
};

TEST(FormatNames, EveryFormatHasItsContractNameAndReadsBack) {
    for (const auto& [format, name] : kContract) {
        EXPECT_EQ(report::format_name(format), name);
        EXPECT_EQ(report::format_from_name(name), format) << name;
    }
}

TEST(FormatNames, AnyOtherNameReadsAsUnknown) {
    EXPECT_EQ(report::format_from_name(""), DataFormat::unknown);
    EXPECT_EQ(report::format_from_name("mzML"), DataFormat::unknown);  // the contract names are lower case
    EXPECT_EQ(report::format_from_name("bruker_fid"), DataFormat::unknown);
    EXPECT_EQ(report::format_from_name("synthetic"), DataFormat::unknown);
}

TEST(FormatNames, ReportInfoAndProcessWriteTheContractName) {
    report::SampleResult s;
    s.id = "s";
    s.inputs.push_back({"/d/run.cdf", DataFormat::andi_netcdf, DataKind::lcms, true, ""});
    s.inputs.push_back({"/d", DataFormat::sample_sheet, DataKind::unknown, false, "bad row"});
    const auto sample = nlohmann::json::parse(report::sample_json_text(s));
    EXPECT_EQ(sample["inputs"][0]["format"], "andi-netcdf");
    EXPECT_EQ(sample["inputs"][1]["format"], "sample-sheet");

    report::NmrInputInfo nmr;
    nmr.path = "exp/1";
    nmr.meta.format = DataFormat::bruker_1r;
    EXPECT_EQ(nlohmann::json::parse(report::info_json_text(nmr))["format"], "bruker-1r");
    report::LcmsInputInfo lcms;
    lcms.path = "run.mzXML";
    lcms.run.format = DataFormat::mzxml;
    EXPECT_EQ(nlohmann::json::parse(report::info_json_text(lcms))["format"], "mzxml");

    signal::NmrResult processed;
    processed.meta.format = DataFormat::jcamp_dx;
    EXPECT_EQ(nlohmann::json::parse(report::nmr_process_json_text(processed, false))["format"], "jcamp-dx");
}

}  // namespace
}  // namespace sidepeak

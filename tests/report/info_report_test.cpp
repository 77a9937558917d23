// `sidepeak info` output written by report/: spectrometer_mhz is the reference frequency (Bruker
// SF, the frequency of 0 ppm) as in `process` and results.h5; the observe frequency (SFO1) is
// observe_mhz.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "sidepeak/report/info_report.hpp"

namespace sidepeak {
namespace {

report::NmrInputInfo bruker_like() {
    report::NmrInputInfo in;
    in.path = "exp/1";
    in.meta.format = DataFormat::bruker_fid;
    in.meta.observe_mhz = 400.1324710;    // SFO1 = BF1 + O1: the transmitter sits at ~4.7 ppm
    in.meta.reference_mhz = 400.1300000;  // SF: 0 ppm
    in.meta.solvent = "CDCl3";
    in.fids = 1;
    in.fid_points = 32768;
    return in;
}

TEST(InfoReport, SpectrometerFrequencyIsTheReferenceFrequency) {
    const auto j = nlohmann::json::parse(report::info_json_text(bruker_like()));
    EXPECT_DOUBLE_EQ(j["spectrometer_mhz"].get<double>(), 400.13);
    EXPECT_DOUBLE_EQ(j["reference_mhz"].get<double>(), 400.13);
    EXPECT_DOUBLE_EQ(j["observe_mhz"].get<double>(), 400.1324710);
    EXPECT_EQ(j["kind"], "nmr");
    EXPECT_EQ(j["points"], 32768);
}

TEST(InfoReport, SpectrometerFrequencyFallsBackToTheProcessedAxisThenTheObserveFrequency) {
    auto in = bruker_like();
    in.meta.reference_mhz = 0.0;
    in.processed = report::ProcessedSpectrumInfo{16384, 12.0, -2.0, 400.12, false};
    EXPECT_DOUBLE_EQ(report::spectrometer_mhz(in), 400.12);
    in.processed.reset();
    EXPECT_DOUBLE_EQ(report::spectrometer_mhz(in), 400.1324710);
}

TEST(InfoReport, LinesLeaveOutEmptyTextAndWriteOtherValuesAsJson) {
    report::LcmsInputInfo in;
    in.path = "run.mzML";
    in.run.format = DataFormat::mzml;
    in.spectra = 3;
    in.ms_levels = {{1, 2}, {2, 1}};
    in.centroided = true;
    const std::string lines = report::info_lines(in);
    EXPECT_NE(lines.find("format: mzml\n"), std::string::npos) << lines;
    EXPECT_NE(lines.find("kind: lcms\n"), std::string::npos) << lines;
    EXPECT_NE(lines.find("ms_levels: [1,2]\n"), std::string::npos) << lines;
    EXPECT_NE(lines.find("spectra_per_level: {\"1\":2,\"2\":1}\n"), std::string::npos) << lines;
    EXPECT_NE(lines.find("centroided: true\n"), std::string::npos) << lines;
    EXPECT_EQ(lines.find("instrument:"), std::string::npos) << lines;  // empty text: not listed
}

}  // namespace
}  // namespace sidepeak

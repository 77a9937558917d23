// Reading a run on several threads (pipeline::stream_lcms_run with threads > 1: spectra decoded
// and centroided in parallel, fed to the stream in run order) gives bit for bit what one thread
// gives, on every real LC-MS run at hand: the peak map, the MS2 index and every feature.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "../test_support.hpp"
#include "sidepeak/io/format.hpp"
#include "sidepeak/pipeline/analyze.hpp"
#include "sidepeak/report/json_report.hpp"
#include "sidepeak/signal/lcms_stream.hpp"

namespace sidepeak {
namespace {
namespace fs = std::filesystem;

struct Outcome {
    signal::PeakMap map;
    std::vector<std::string> ms2_ids;
    std::vector<std::vector<double>> ms2_mz;
    std::string result_json;  // every feature, the TIC and the noise, at full double precision
};

Outcome read_with(const fs::path& path, unsigned threads) {
    signal::LcmsProcessingOptions options;
    signal::Ms2IndexOptions mo;
    auto stream = pipeline::stream_lcms_run(path, io::detect_format(path), options, mo, threads);
    Outcome out;
    out.map = stream.peak_map();
    out.result_json = report::lcms_process_json_text(stream.process());
    const auto ms2 = stream.take_ms2_index();
    for (const auto& scan : ms2.scans()) {
        out.ms2_ids.push_back(scan.id);
        out.ms2_mz.push_back(scan.mz);
    }
    return out;
}

void expect_same_at_any_thread_count(const fs::path& path) {
    const Outcome one = read_with(path, 1);
    for (const unsigned threads : {2u, 8u}) {
        SCOPED_TRACE(path.filename().string() + " at " + std::to_string(threads) + " threads");
        const Outcome many = read_with(path, threads);
        EXPECT_EQ(many.map.rt_s, one.map.rt_s);
        EXPECT_EQ(many.map.spectrum, one.map.spectrum);
        EXPECT_EQ(many.map.begin, one.map.begin);
        EXPECT_EQ(many.map.mz, one.map.mz);
        EXPECT_EQ(many.map.intensity, one.map.intensity);
        EXPECT_EQ(many.ms2_ids, one.ms2_ids);
        EXPECT_EQ(many.ms2_mz, one.ms2_mz);
        EXPECT_EQ(many.result_json, one.result_json);
    }
}

std::vector<fs::path> runs_in(const fs::path& folder, const std::string& extension) {
    std::vector<fs::path> out;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(folder, ec)) {
        if (e.path().extension() == extension) out.push_back(e.path());
    }
    std::sort(out.begin(), out.end());
    return out;
}

void expect_all(const std::vector<fs::path>& runs) {
    if (runs.empty()) SIDEPEAK_ABSENT_DATA("no runs present");
    for (const auto& run : runs) expect_same_at_any_thread_count(run);
}

TEST(LcmsParallelReal, MzmlRuns) { expect_all(runs_in(test::real_samples() / "ms" / "mzml", ".mzML")); }

TEST(LcmsParallelReal, SharedMzmlRuns) {
    expect_all(runs_in(fs::path(SIDEPEAK_SHARED_SPECTRA) / "ms" / "mzml", ".mzML"));
}

TEST(LcmsParallelReal, MzxmlRuns) { expect_all(runs_in(test::real_samples() / "ms" / "mzxml", ".mzXML")); }

TEST(LcmsParallelReal, MzmlbRun) {
    expect_all(runs_in(fs::path(SIDEPEAK_SHARED_SPECTRA) / "ms" / "mzmlb", ".mzMLb"));
}

TEST(LcmsParallelReal, NetcdfRun) {
    const fs::path run = fs::path(SIDEPEAK_SHARED_SPECTRA) / "ms" / "netcdf" / "faahKO_ko15.CDF";
    SIDEPEAK_REQUIRE_PATH(run);
    expect_same_at_any_thread_count(run);
}

}  // namespace
}  // namespace sidepeak

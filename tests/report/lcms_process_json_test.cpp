// The LC-MS `process` JSON written feature by feature (report::write_lcms_process_json) is the
// text nlohmann's dump gives a tree of the whole table, byte for byte, at every indent: member
// order (sorted keys), number formatting (shortest round-trip doubles, null for NaN/infinity),
// empty arrays and the nesting of each feature's lines.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <limits>
#include <sstream>

#include <unistd.h>

#include <nlohmann/json.hpp>

#include "sidepeak/report/json_report.hpp"
#include "sidepeak/report/lcms_process_json.hpp"

namespace sidepeak {
namespace {
using nlohmann::json;
namespace fs = std::filesystem;

json number(double v) { return std::isfinite(v) ? json(v) : json(nullptr); }

// The tree of the whole table, as the writer before streaming built it.
json whole_tree(const signal::LcmsResult& r) {
    json features = json::array();
    for (const auto& f : r.features) {
        json iso = json::array();
        for (double mz : f.isotopes) iso.push_back(number(mz));
        features.push_back({{"mz", number(f.mz)}, {"rt_s", number(f.rt_s)},
                            {"rt_range_s", {number(f.rt_from_s), number(f.rt_to_s)}},
                            {"intensity", number(f.intensity)}, {"area", number(f.area)}, {"snr", number(f.snr)},
                            {"fwhm_s", number(f.fwhm_s)}, {"charge", f.charge}, {"isotopes", iso},
                            {"isotope_intensities", f.isotope_intensities}, {"group", f.group},
                            {"adduct", f.adduct}, {"neutral_mass", number(f.neutral_mass)}});
    }
    return {{"kind", "lcms"}, {"spectra", r.spectra}, {"ms1_spectra", r.ms1_spectra}, {"features", features}};
}

signal::LcmsResult sample_result() {
    signal::LcmsResult r;
    r.spectra = 767;
    r.ms1_spectra = 286;
    signal::Feature a;
    a.mz = 445.12003;  // digits a fixed-precision writer would round
    a.rt_s = 1.0 / 3.0;
    a.rt_from_s = 0.1;
    a.rt_to_s = 1e-7;
    a.intensity = 1.5e12;
    a.area = 123456789.0;
    a.snr = std::numeric_limits<double>::quiet_NaN();
    a.fwhm_s = std::numeric_limits<double>::infinity();
    a.charge = 2;
    a.isotopes = {445.62, 446.12};
    a.isotope_intensities = {0.5, 0.125};
    a.group = 3;
    a.adduct = "[M+2H]2+";
    a.neutral_mass = 888.225;
    signal::Feature b;  // empty isotope lists, default group
    b.mz = 100.0;
    b.adduct = "quote \" and \xff byte";
    r.features = {a, b};
    return r;
}

std::string streamed(const signal::LcmsResult& r, int indent) {
    std::ostringstream out;
    report::write_lcms_process_json(out, r, indent);
    return out.str();
}

std::string tree_text(const signal::LcmsResult& r, int indent) {
    return whole_tree(r).dump(indent, ' ', false, json::error_handler_t::replace);
}

TEST(LcmsProcessJson, StreamedTextIsTheWholeTreesDumpAtEveryIndent) {
    const signal::LcmsResult r = sample_result();
    for (const int indent : {-1, 0, 1, 2, 4}) {
        EXPECT_EQ(streamed(r, indent), tree_text(r, indent)) << "indent " << indent;
        EXPECT_EQ(report::lcms_process_json_text(r, indent), tree_text(r, indent)) << "indent " << indent;
    }
}

TEST(LcmsProcessJson, NoFeaturesIsAnEmptyArray) {
    const signal::LcmsResult r;
    for (const int indent : {-1, 0, 1, 3}) EXPECT_EQ(streamed(r, indent), tree_text(r, indent)) << "indent " << indent;
}

TEST(LcmsProcessJson, FileIsTheTextAndANewlineWithNoTemporaryLeft) {
    const fs::path dir = fs::temp_directory_path() / ("lcms_process_json_test_" + std::to_string(::getpid()));
    fs::create_directories(dir);
    const fs::path path = dir / "p.json";
    const signal::LcmsResult r = sample_result();
    report::write_lcms_process_json_file(path, r, 1);
    std::ifstream in(path, std::ios::binary);
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    EXPECT_EQ(text, tree_text(r, 1) + "\n");
    EXPECT_EQ(std::distance(fs::directory_iterator(dir), fs::directory_iterator()), 1);
    fs::remove_all(dir);
}

}  // namespace
}  // namespace sidepeak

// End to end on real MS/MS (MassBank records, spectra_samples/real/ms/massbank, CC BY / CC BY-SA):
// a parent amine and its +O isomer assembled into one MS1 + MS2 run, written as mzML, analysed by
// analyze_sample (which builds the run's MS2 index) and reported: the N-oxide's fragment spectrum
// becomes an "ms2_spectrum" evidence entry in report.json (schema-valid) and in the HTML evidence
// table. MS1 is the same for both members of a pair; see tests/classify/ms2_n_oxide_real_test.cpp.
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "../signal/massbank_mzml.hpp"
#include "sidepeak/io/mzml_writer.hpp"
#include "sidepeak/pipeline/analyze.hpp"
#include "sidepeak/report/json_report.hpp"
#include "sidepeak/report/html_report.hpp"
#include "sidepeak/report/write_reports.hpp"
#include "test_support.hpp"

namespace {
using namespace sidepeak;

test::MassBankRecord record(const std::string& accession) {
    return test::read_massbank(test::real_samples() / "ms" / "massbank" / (accession + ".txt"));
}

report::SampleResult analyse_pair(const std::filesystem::path& dir, const std::string& parent_acc, const std::string& oxide_acc) {
    const auto parent = record(parent_acc);
    const auto oxide = record(oxide_acc);
    std::filesystem::create_directories(dir);
    io::write_mzml(dir / "run.mzML", test::massbank_pair_run(parent, 300.0, oxide, 330.0));
    return pipeline::analyze_sample(oxide_acc, dir, pipeline::resolve_context(parent.formula, "methyl"));
}

const classify::Evidence* ms2_entry(const classify::Finding& f) {
    for (const auto& e : f.evidence) {
        if (e.kind == classify::EvidenceKind::ms2_spectrum) return &e;
    }
    return nullptr;
}

TEST(Ms2RealPairs, TrimipramineNOxideAndItsHydroxyIsomerEndToEnd) {
    const auto dir = test::scratch_dir();
    const auto oxide = analyse_pair(dir / "oxide", "MSBNK-Eawag-EA286103", "MSBNK-Eawag-EQ356102");
    const auto hydroxy = analyse_pair(dir / "hydroxy", "MSBNK-Eawag-EA286103", "MSBNK-Eawag-EQ01154202");
    ASSERT_EQ(oxide.findings.size(), 4u);
    const auto& n = oxide.findings[2];
    EXPECT_TRUE(n.detected) << n.summary;
    EXPECT_FALSE(hydroxy.findings[2].detected) << hydroxy.findings[2].summary;
    const auto* e = ms2_entry(n);
    ASSERT_NE(e, nullptr);
    EXPECT_FALSE(e->scan_ids.empty());
    EXPECT_EQ(e->activation, "HCD");
    EXPECT_EQ(e->collision_energy_unit, "%");

    // report.json carries the entry with its annotated fragments.
    const auto j = nlohmann::json::parse(report::sample_json_text(oxide));
    const nlohmann::json* ms2 = nullptr;
    for (const auto& ev : j["findings"][2]["evidence"]) {
        if (ev["kind"] == "ms2_spectrum") ms2 = &ev;
    }
    ASSERT_NE(ms2, nullptr);
    EXPECT_NEAR((*ms2)["mz"].get<double>(), 311.2118, 1e-3);
    EXPECT_EQ((*ms2)["formula"], "C20H27N2O+");
    bool cope = false;
    for (const auto& f : (*ms2)["fragments"]) cope = cope || f.value("loss_name", "") == "Me2NOH";
    EXPECT_TRUE(cope);
    // The prediction of both readings, each marked observed or not: the Cope loss was seen.
    ASSERT_TRUE(ms2->contains("predicted_fragments"));
    bool cope_predicted_seen = false;
    for (const auto& p : (*ms2)["predicted_fragments"])
        cope_predicted_seen = cope_predicted_seen || (p["name"] == "Me2NOH" && p["observed"].get<bool>());
    EXPECT_TRUE(cope_predicted_seen);

    // Schema-valid, and listed in the HTML evidence table.
    report::BatchResult batch;
    batch.samples = {oxide, hydroxy};
    report::write_reports(dir / "out", batch, {"json", "html"});
    if (std::system("/usr/bin/python3 -c 'import jsonschema' >/dev/null 2>&1") == 0) {
        const std::string cmd = "/usr/bin/python3 " + (test::source_dir() / "tools/validate_report.py").string() + " " +
                                (test::source_dir() / "docs/report.schema.json").string() + " " +
                                (dir / "out" / "report.json").string();
        EXPECT_EQ(std::system(cmd.c_str()), 0);
    }
    const std::string page = report::sample_html(oxide);
    EXPECT_NE(page.find("<td>ms2_spectrum</td>"), std::string::npos);
    EXPECT_NE(page.find("Me2NOH"), std::string::npos);

    // The HTML plots the consensus the detector read (every peak, annotated or not) against the
    // predicted fragments, with the Cope loss labelled on the observed side.
    ASSERT_EQ(oxide.lcms.size(), 1u);
    ASSERT_EQ(oxide.lcms[0].ms2.size(), 1u);
    const auto& trace = oxide.lcms[0].ms2[0];
    EXPECT_EQ(trace.scan_ids, e->scan_ids);
    EXPECT_GE(trace.mz.size(), e->fragments.size());
    EXPECT_NEAR(*std::max_element(trace.relative_intensity.begin(), trace.relative_intensity.end()), 1.0, 1e-12);
    const auto plot = page.find("<svg class=\"plot\" id=\"ms2-");
    ASSERT_NE(plot, std::string::npos);
    const std::string svg = page.substr(plot, page.find("</svg>\n</svg>", plot) - plot);
    EXPECT_NE(svg.find("class=\"pred-nox\""), std::string::npos);
    EXPECT_NE(svg.find("class=\"mlabel evidence\""), std::string::npos);
    EXPECT_NE(svg.find(">\xE2\x88\x92Me2NOH</text>"), std::string::npos);
    EXPECT_NE(svg.find(fmt::format("{} peaks", trace.mz.size())), std::string::npos);
    const std::string hydroxy_page = report::sample_html(hydroxy);
    EXPECT_NE(hydroxy_page.find("<svg class=\"plot\" id=\"ms2-"), std::string::npos);

    // Another class's entry is mirrored against its own predicted_fragments: seen ones in red to
    // 100 %, the others in green to 60 %, ions by formula, losses with a minus sign.
    report::SampleResult other = oxide;
    classify::Evidence moved = *e;
    moved.predicted = {{"", 250.1590, "C2H7NO", "Me2NOH", "seen", true}, {"C7H7+", 91.0542, "", "C7H7+ (tropylium)", "", false}};
    for (auto& f : other.findings) f.evidence.clear();
    other.findings[3].evidence.push_back(moved);
    const std::string other_page = report::sample_html(other);
    const auto at = other_page.find("<svg class=\"plot\" id=\"ms2-");
    ASSERT_NE(at, std::string::npos);
    const std::string other_svg = other_page.substr(at, other_page.find("</svg>\n</svg>", at) - at);
    EXPECT_NE(other_svg.find("class=\"pred-nox\""), std::string::npos);
    EXPECT_NE(other_svg.find("class=\"pred-intact\""), std::string::npos);
    EXPECT_NE(other_svg.find(">C7H7+ (tropylium)</text>"), std::string::npos);
    EXPECT_NE(other_page.find("seen in the consensus in red"), std::string::npos);
}

}  // namespace

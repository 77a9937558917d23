// The machine and human reports: schema validation, escaping, CSV, HDF5 and size bounds.
#include <cstdlib>
#include <fstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "report_fixture.hpp"
#include "sidepeak/core/error.hpp"
#include "sidepeak/core/file_io.hpp"
#include "sidepeak/report/csv_report.hpp"
#include "sidepeak/report/html_report.hpp"
#include "sidepeak/report/json_report.hpp"
#include "sidepeak/report/svg_plot.hpp"
#include "sidepeak/report/write_reports.hpp"
#include "test_support.hpp"

namespace sidepeak {
namespace {
namespace fs = std::filesystem;

bool python_module(const std::string& module) {
    return std::system(("/usr/bin/python3 -c 'import " + module + "' >/dev/null 2>&1").c_str()) == 0;
}

report::BatchResult two_samples() {
    report::BatchResult batch;
    batch.samples.push_back(test::make_sample("S-001"));
    batch.samples.push_back(test::make_sample("<script>alert(1)</script>"));
    return batch;
}

TEST(ReportJson, HasTheContractFields) {
    const auto j = nlohmann::json::parse(report::report_json_text(two_samples()));
    EXPECT_EQ(j["schema"], "sidepeak.report/1");
    ASSERT_EQ(j["samples"].size(), 2u);
    const auto& s = j["samples"][0];
    EXPECT_EQ(s["context"]["product"], "C12H18N2");
    EXPECT_EQ(s["context"]["reagent"], "C7H6");
    ASSERT_EQ(s["findings"].size(), 4u);
    EXPECT_EQ(s["findings"][1]["class"], "over_alkylation");
    EXPECT_DOUBLE_EQ(s["findings"][1]["evidence"][0]["mz"].get<double>(), 281.2012);
    EXPECT_EQ(s["inputs"][2]["status"], "error");
    EXPECT_EQ(j["errors"].size(), 2u);
}

TEST(ReportJson, ValidatesAgainstTheSchema) {
    if (!python_module("jsonschema")) GTEST_SKIP() << "python3-jsonschema not installed";
    const auto dir = test::scratch_dir();
    report::write_reports(dir, two_samples(), {"json"});
    const std::string cmd = "/usr/bin/python3 " + (test::source_dir() / "tools/validate_report.py").string() + " " +
                            (test::source_dir() / "docs/report.schema.json").string() + " " +
                            (dir / "report.json").string();
    EXPECT_EQ(std::system(cmd.c_str()), 0);
    // A report that breaks the contract must fail validation: the validator is not a no-op.
    auto j = nlohmann::json::parse(report::report_json_text(two_samples()));
    j["samples"][0]["findings"].erase(0);
    write_file_atomic(dir / "bad.json", j.dump());
    const std::string bad = "/usr/bin/python3 " + (test::source_dir() / "tools/validate_report.py").string() + " " +
                            (test::source_dir() / "docs/report.schema.json").string() + " " +
                            (dir / "bad.json").string() + " >/dev/null";
    EXPECT_NE(std::system(bad.c_str()), 0);
}

TEST(ReportHtml, EscapesEverythingFromFiles) {
    const auto batch = two_samples();
    const std::string index = report::index_html(batch);
    EXPECT_EQ(index.find("<script>alert(1)</script>"), std::string::npos);
    EXPECT_NE(index.find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);
    const std::string page = report::sample_html(batch.samples[1]);
    EXPECT_EQ(page.find("<script>alert"), std::string::npos);
    EXPECT_NE(page.find("&lt;script&gt;"), std::string::npos);
    // The file name of that sample is safe too.
    EXPECT_EQ(report::sample_file_name("<script>alert(1)</script>", 1).find_first_of("<>/\\"), std::string::npos);
}

TEST(ReportHtml, IsSelfContainedAndAccessible) {
    const auto batch = two_samples();
    const std::string page = report::sample_html(batch.samples[0]);
    EXPECT_EQ(page.find("http://", page.find("<body")), page.find("http://www.w3.org/2000/svg", page.find("<body")));
    EXPECT_EQ(page.find("https://"), std::string::npos);
    EXPECT_EQ(page.find("<link"), std::string::npos);
    EXPECT_NE(page.find("<title id=\"nmr0-t\">"), std::string::npos);   // plot alt text
    EXPECT_NE(page.find("role=\"img\""), std::string::npos);
    EXPECT_NE(page.find("<th scope=\"col\">"), std::string::npos);       // real table markup
    EXPECT_NE(page.find("class=\"region hump\""), std::string::npos);     // hump shaded
    EXPECT_NE(page.find("marker evidence"), std::string::npos);          // olefin labelled
    EXPECT_NE(page.find("data-plot=\"nmr0\""), std::string::npos);       // evidence links to the plot
    EXPECT_NE(page.find("id=\"kmd0\""), std::string::npos);              // Kendrick plot for the series
}

TEST(ReportHtml, SaysWhenTheContextWasInferredAndFromWhat) {
    auto sample = test::make_sample("S-ctx");
    EXPECT_EQ(report::sample_html(sample).find("inferred from the data"), std::string::npos);
    sample.context.source = classify::ContextSource::inferred;
    sample.context.inferred_from = "m/z 191.1543 [M+H]+ with its 13C isotope <0.01>";
    const std::string page = report::sample_html(sample);
    EXPECT_NE(page.find("inferred from the data: m/z 191.1543 [M+H]+ with its 13C isotope &lt;0.01&gt;"), std::string::npos);
}

TEST(ReportHtml, Ms2SpectrumIsPlottedAgainstThePrediction) {
    const auto batch = two_samples();
    const std::string page = report::sample_html(batch.samples[0]);
    // The fixture's ms2_spectrum evidence is the fourth evidence entry of the sample.
    const auto plot = page.find("<svg class=\"plot\" id=\"ms2-4\"");
    ASSERT_NE(plot, std::string::npos);
    const std::string svg = page.substr(plot, page.find("</svg>\n</svg>", plot) - plot);
    EXPECT_NE(svg.find("<title id=\"ms2-4-t\">MS2 of m/z 207.1490 against the predicted fragments</title>"), std::string::npos);
    // Observed sticks: every consensus peak, unassigned ones too (120.0808 is not annotated).
    EXPECT_NE(svg.find("<path class=\"baseline\""), std::string::npos);  // the zero line
    EXPECT_NE(svg.find("L120.081 -12L120.081 -0"), std::string::npos);
    // Annotated fragments labelled by their loss or formula, the diagnostic loss in red.
    EXPECT_NE(svg.find("class=\"mlabel evidence\" data-x=\"189.1386\""), std::string::npos);
    EXPECT_NE(svg.find(">\xE2\x88\x92H2O</text>"), std::string::npos);
    EXPECT_NE(svg.find(">C7H7+</text>"), std::string::npos);
    // Mirror: predicted N-oxide losses (O, OH*, RMeNOH for the benzyl reagent) and intact-amine losses below zero.
    EXPECT_NE(svg.find("class=\"pred-nox\""), std::string::npos);
    EXPECT_NE(svg.find("class=\"pred-intact\""), std::string::npos);
    EXPECT_NE(svg.find("data-x=\"191.1542"), std::string::npos);  // [M+H-O]+ of C12H19N2O+
    EXPECT_NE(svg.find(">\xE2\x88\x92OH* / \xE2\x88\x92O</text>"), std::string::npos);  // 1 m/z apart: one label
    EXPECT_NE(svg.find(">\xE2\x88\x92RMeNOH (R=C7H7)</text>"), std::string::npos);
    EXPECT_EQ(svg.find("R2NOH (R=C7H7)"), std::string::npos);  // heavier than the ion: not predicted
    EXPECT_NE(svg.find(">\xE2\x88\x92RMeNH (R=C7H7)</text>"), std::string::npos);
    // The mirror's y ticks read as magnitudes (no negative labels).
    const auto yt = svg.find("<g class=\"yticks\">");
    ASSERT_NE(yt, std::string::npos);
    EXPECT_EQ(svg.substr(yt, svg.find("</g>", yt) - yt).find(">-"), std::string::npos);
    // The evidence row links to the plot and zooms onto the whole spectrum.
    EXPECT_NE(page.find("data-plot=\"ms2-4\""), std::string::npos);
    EXPECT_NE(page.find("data-reset=\"ms2-4\""), std::string::npos);
}

TEST(ReportHtml, Ms2SpectrumWithoutConsensusOrPrediction) {
    auto sample = test::make_sample("S-ms2");
    sample.lcms.front().ms2.clear();  // e.g. a report rebuilt from report.json: the annotated fragments only
    std::string page = report::sample_html(sample);
    auto plot = page.find("id=\"ms2-4\"");
    ASSERT_NE(plot, std::string::npos);
    EXPECT_NE(page.find("the 3 annotated fragments only"), std::string::npos);
    EXPECT_EQ(page.find("L120.081 -12"), std::string::npos);
    // An ms2_spectrum of a class without predicted fragments: the spectrum alone, no mirror.
    auto ev = sample.findings[2].evidence.front();
    sample.findings[2].evidence.clear();
    sample.findings[0].evidence.push_back(ev);  // now the third entry, under "oligomer"
    page = report::sample_html(sample);
    plot = page.find("<svg class=\"plot\" id=\"ms2-3\"");
    ASSERT_NE(plot, std::string::npos);
    const std::string svg = page.substr(plot, page.find("</svg>\n</svg>", plot) - plot);
    EXPECT_EQ(svg.find("pred-nox"), std::string::npos);
    EXPECT_NE(svg.find("relative intensity (%)</text>"), std::string::npos);
}

TEST(ReportHtml, DecimationKeepsPeaksAndBoundsSize) {
    std::vector<double> x(131072), y(131072, 0.0);
    for (std::size_t i = 0; i < x.size(); ++i) x[i] = static_cast<double>(i);
    y[77777] = 100.0;  // one-point spike must survive
    std::vector<double> ox, oy;
    report::decimate_min_max(x, y, 1000, ox, oy);
    EXPECT_LE(ox.size(), 2000u);
    EXPECT_EQ(*std::max_element(oy.begin(), oy.end()), 100.0);
    // A 128k-point spectrum page stays small.
    report::BatchResult batch;
    batch.samples.push_back(test::make_sample("big", 131072));
    EXPECT_LT(report::sample_html(batch.samples[0]).size(), 600u * 1024u);
}

TEST(ReportHtml, IndexOf200SamplesStaysUnder2MB) {
    report::BatchResult batch;
    for (int i = 0; i < 200; ++i) batch.samples.push_back(test::make_sample("sample-" + std::to_string(i), 1024));
    const std::string index = report::index_html(batch);
    EXPECT_LT(index.size(), 2u * 1024u * 1024u);
    EXPECT_NE(index.find("sample-199"), std::string::npos);
}

TEST(ReportCsv, OneRowPerSampleAndClass) {
    const std::string csv = report::summary_csv(two_samples());
    EXPECT_EQ(std::count(csv.begin(), csv.end(), '\n'), 1 + 2 * 4);
    EXPECT_NE(csv.find("S-001,over_alkylation,true,true,0.900"), std::string::npos);
    EXPECT_EQ(report::csv_field("a,b"), "\"a,b\"");
    EXPECT_EQ(report::csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
    EXPECT_EQ(report::csv_field("=cmd()"), "'=cmd()");
    EXPECT_EQ(report::csv_field("-2+3+cmd|' /C calc'!A0"), "'-2+3+cmd|' /C calc'!A0");
    EXPECT_EQ(report::csv_field("\t=1"), "'\t=1");
    EXPECT_EQ(report::csv_field("\r=1"), "\"'\r=1\"");
    EXPECT_EQ(report::csv_field("sample-1"), "sample-1");
}

TEST(ReportHdf5, OpensInH5py) {
    if (!python_module("h5py")) GTEST_SKIP() << "python3-h5py not installed";
    const auto dir = test::scratch_dir();
    report::write_reports(dir, two_samples(), {"h5"});
    const std::string script =
        "import h5py,sys\n"
        "f=h5py.File(sys.argv[1],'r')\n"
        "assert f.attrs['schema']=='sidepeak.results/1'\n"
        "s=f['samples/0']\n"
        "assert s.attrs['id']=='S-001'\n"
        "assert s['nmr/0/ppm'].shape==(8192,)\n"
        "assert s['lcms/0/features/mz'][0]>191\n"
        "assert s['findings/hofmann'].attrs['detected']==1\n"
        "print('ok')\n";
    write_file_atomic(dir / "check.py", script);
    EXPECT_EQ(std::system(("/usr/bin/python3 " + (dir / "check.py").string() + " " + (dir / "results.h5").string()).c_str()), 0);
}

TEST(ReportFormats, RejectsUnknownNames) {
    EXPECT_EQ(report::parse_formats("html,json"), (std::set<std::string>{"html", "json"}));
    EXPECT_THROW(report::parse_formats("html,pdf"), Error);
}

}  // namespace
}  // namespace sidepeak

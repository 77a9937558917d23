// Kinds are enums inside the program and contract strings only where a report is written:
// DataKind <-> "nmr"/"lcms"/"unknown" (report.json inputs[].kind, read back from per-sample
// records), and the evidence kinds the reports read (src/report/evidence_kind.hpp).
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "internal/evidence_kind.hpp"
#include "sidepeak/report/json_report.hpp"

namespace sidepeak {
namespace {

TEST(Kinds, DataKindNamesRoundTrip) {
    for (const DataKind kind : {DataKind::nmr, DataKind::lcms, DataKind::unknown}) {
        EXPECT_EQ(report::data_kind_from_name(report::data_kind_name(kind)), kind);
    }
    EXPECT_EQ(report::data_kind_name(DataKind::nmr), "nmr");
    EXPECT_EQ(report::data_kind_name(DataKind::lcms), "lcms");
    EXPECT_EQ(report::data_kind_from_name("NMR"), DataKind::unknown);  // names are exact
    EXPECT_EQ(report::data_kind_from_name(""), DataKind::unknown);
}

TEST(Kinds, ProcessOutputNamesItsKind) {
    EXPECT_EQ(nlohmann::json::parse(report::lcms_process_json_text({}))["kind"], "lcms");
    EXPECT_EQ(nlohmann::json::parse(report::nmr_process_json_text({}, false))["kind"], "nmr");
}

TEST(Kinds, EvidenceKindsMeetTextOnlyInTheReport) {
    using classify::EvidenceKind;
    for (const EvidenceKind kind :
         {EvidenceKind::ms_ion, EvidenceKind::ms2_spectrum, EvidenceKind::nmr_signal, EvidenceKind::nmr_region}) {
        EXPECT_EQ(report::detail::evidence_kind_from_name(report::detail::evidence_kind_name(kind)), kind);
    }
    EXPECT_EQ(report::detail::evidence_kind_name(EvidenceKind::ms2_spectrum), "ms2_spectrum");
    EXPECT_EQ(report::detail::evidence_kind_name(EvidenceKind::nmr_region), "nmr_region");
    EXPECT_FALSE(report::detail::evidence_kind_from_name("uv_band").has_value());
    EXPECT_FALSE(report::detail::evidence_kind_from_name("").has_value());
    EXPECT_TRUE(report::detail::is_nmr(EvidenceKind::nmr_region));
    EXPECT_TRUE(report::detail::is_nmr(EvidenceKind::nmr_signal));
    EXPECT_FALSE(report::detail::is_nmr(EvidenceKind::ms2_spectrum));
    EXPECT_FALSE(report::detail::is_nmr(EvidenceKind::ms_ion));
}

TEST(Kinds, OnlyMs2EvidenceCarriesFragments) {
    report::SampleResult s;
    s.id = "S";
    classify::Finding f;
    classify::Evidence ms2;
    ms2.kind = classify::EvidenceKind::ms2_spectrum;
    classify::Evidence ion;
    ion.kind = classify::EvidenceKind::ms_ion;
    f.evidence = {ms2, ion};
    s.findings.push_back(f);
    const auto j = nlohmann::json::parse(report::sample_json_text(s));
    EXPECT_TRUE(j["findings"][0]["evidence"][0].contains("fragments"));
    EXPECT_FALSE(j["findings"][0]["evidence"][1].contains("fragments"));
}

}  // namespace
}  // namespace sidepeak

// The N-oxide detector on real MS/MS spectra (MassBank records, spectra_samples/real/ms/massbank,
// CC BY / CC BY-SA; MANIFEST.md there). Each isomer pair -- an N-oxide and its C-hydroxylated or
// S-oxidised isomer, same formula, same [M+H]+ -- is assembled into runs whose MS1 is identical:
// the parent amine's [M+H]+ at 300 s and the +O ion at 330 s (after the parent, the order that is
// not the textbook one for an N-oxide, so MS1 alone points to C-hydroxylation), no in-source
// fragment. Each ion has one MS2 scan at its apex with its record's real peak list; only that
// MS2 differs between the two members of a pair.
//
// Context: product = the parent amine's formula, reagent = methyl (all three drugs are N-methyl
// amines), so the +O ion is the reaction model's own N-oxide position ("N-oxide of the product")
// and the MS2 is annotated against C(n)H(m)N(k)O+. This is the targeted path a user of the tool
// takes: the parent named as the product. (The untargeted path has no formula to annotate the
// MS2 against and does not read MS2 yet.)
#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "../signal/massbank_mzml.hpp"
#include "sidepeak/classify/classifier.hpp"
#include "sidepeak/signal/lcms_pipeline.hpp"
#include "sidepeak/signal/ms2_index.hpp"
#include "test_support.hpp"

namespace {
using namespace sidepeak;
namespace sc = sidepeak::classify;

test::MassBankRecord record(const std::string& accession) {
    return test::read_massbank(test::real_samples() / "ms" / "massbank" / (accession + ".txt"));
}

// Parent at 300 s and the +O ion at 330 s in one run.
MsRun pair_run(const test::MassBankRecord& parent, const test::MassBankRecord& oxide) {
    return test::massbank_pair_run(parent, 300.0, oxide, 330.0);
}

struct Outcome {
    sc::Finding with_ms2;
    sc::Finding ms1_only;
    std::vector<double> feature_mz;  // MS1 features (m/z), for the identity of the pair's MS1
};

Outcome classify_pair(const std::string& parent_accession, const std::string& oxide_accession) {
    const auto parent = record(parent_accession);
    const auto oxide = record(oxide_accession);
    const MsRun run = pair_run(parent, oxide);
    const auto lcms = signal::process_lcms(run);
    const signal::Ms2Index index(run);
    sc::ClassifierInput input;
    input.context.product = parent.formula;
    input.context.reagent = "methyl";
    input.lcms = {&lcms};
    Outcome out;
    for (const auto& f : lcms.features) out.feature_mz.push_back(f.mz);
    out.ms1_only = sc::classify(input).findings[2];
    input.ms2 = {&index};
    out.with_ms2 = sc::classify(input).findings[2];
    return out;
}

const sc::Evidence* ms2_evidence(const sc::Finding& f) {
    for (const auto& e : f.evidence) {
        if (e.kind == sc::EvidenceKind::ms2_spectrum) return &e;
    }
    return nullptr;
}

bool has_fragment_loss(const sc::Evidence& e, const std::string& loss_name) {
    return std::any_of(e.fragments.begin(), e.fragments.end(), [&](const sc::Ms2Fragment& f) { return f.loss_name == loss_name; });
}

void expect_same_ms1(const Outcome& a, const Outcome& b) {
    ASSERT_EQ(a.feature_mz.size(), b.feature_mz.size());
    for (std::size_t i = 0; i < a.feature_mz.size(); ++i) EXPECT_NEAR(a.feature_mz[i], b.feature_mz[i], 1e-9);
    // MS1 alone cannot tell the pair apart: the same verdict and confidence for both.
    EXPECT_EQ(a.ms1_only.detected, b.ms1_only.detected);
    EXPECT_DOUBLE_EQ(a.ms1_only.confidence, b.ms1_only.confidence);
}

TEST(Ms2NOxideReal, MianserinNOxideCalledFromItsOhLoss) {
    const auto oxide = classify_pair("MSBNK-Eawag-EQ327402", "MSBNK-Eawag-EQ327802");
    EXPECT_FALSE(oxide.ms1_only.detected) << oxide.ms1_only.summary;
    EXPECT_TRUE(oxide.with_ms2.detected) << oxide.with_ms2.summary;
    EXPECT_NE(oxide.with_ms2.summary.find("MS2 of m/z 281.16"), std::string::npos) << oxide.with_ms2.summary;
    EXPECT_NE(oxide.with_ms2.summary.find("OH*"), std::string::npos) << oxide.with_ms2.summary;
    const auto* e = ms2_evidence(oxide.with_ms2);
    ASSERT_NE(e, nullptr);
    EXPECT_EQ(e->role, sc::EvidenceRole::supports);
    EXPECT_EQ(e->scan_ids.size(), 1u);
    EXPECT_EQ(e->activation, "HCD");
    ASSERT_EQ(e->collision_energies.size(), 1u);
    EXPECT_DOUBLE_EQ(e->collision_energies.front(), 30.0);
    EXPECT_EQ(e->formula, "C18H21N2O+");
    EXPECT_TRUE(has_fragment_loss(*e, "OH*"));
    for (const auto& f : e->fragments) EXPECT_LT(std::abs(f.ppm_error), 10.0) << f.label;
}

TEST(Ms2NOxideReal, TrimipramineNOxideVersusTwoHydroxyIsomer) {
    const auto oxide = classify_pair("MSBNK-Eawag-EA286103", "MSBNK-Eawag-EQ356102");
    const auto hydroxy = classify_pair("MSBNK-Eawag-EA286103", "MSBNK-Eawag-EQ01154202");
    expect_same_ms1(oxide, hydroxy);
    EXPECT_TRUE(oxide.with_ms2.detected) << oxide.with_ms2.summary;
    EXPECT_NE(oxide.with_ms2.summary.find("Me2NOH"), std::string::npos) << oxide.with_ms2.summary;
    EXPECT_FALSE(hydroxy.with_ms2.detected) << hydroxy.with_ms2.summary;
    EXPECT_NE(hydroxy.with_ms2.summary.find("C-hydroxylation, not N-oxide"), std::string::npos) << hydroxy.with_ms2.summary;
    // MS2 makes the "not" more confident than MS1 alone.
    EXPECT_GT(hydroxy.with_ms2.confidence, hydroxy.ms1_only.confidence);
    const auto* e = ms2_evidence(hydroxy.with_ms2);
    ASSERT_NE(e, nullptr);
    EXPECT_EQ(e->role, sc::EvidenceRole::considered);
    EXPECT_TRUE(has_fragment_loss(*e, "Me2NH"));
    EXPECT_FALSE(has_fragment_loss(*e, "Me2NOH"));
}

TEST(Ms2NOxideReal, RanitidineNOxideVersusSOxide) {
    const auto noxide = classify_pair("MSBNK-Eawag-EA019603", "MSBNK-Eawag-EA273803");
    const auto soxide = classify_pair("MSBNK-Eawag-EA019603", "MSBNK-Eawag-EA273703");
    expect_same_ms1(noxide, soxide);
    EXPECT_TRUE(noxide.with_ms2.detected) << noxide.with_ms2.summary;
    EXPECT_FALSE(soxide.with_ms2.detected) << soxide.with_ms2.summary;
    EXPECT_NE(soxide.with_ms2.summary.find("S-oxide, not N-oxide"), std::string::npos) << soxide.with_ms2.summary;
}

TEST(Ms2NOxideReal, RunsWithoutMs2AreClassifiedAsBefore) {
    // An index of a run without MS2 scans is the same as none.
    const auto parent = record("MSBNK-Eawag-EA286103");
    const auto oxide = record("MSBNK-Eawag-EQ356102");
    MsRun run = pair_run(parent, oxide);
    std::erase_if(run.spectra, [](const MsSpectrum& s) { return s.ms_level != 1; });
    const auto lcms = signal::process_lcms(run);
    const signal::Ms2Index index(run);
    sc::ClassifierInput input;
    input.context.product = parent.formula;
    input.context.reagent = "methyl";
    input.lcms = {&lcms};
    const auto without = sc::classify(input).findings[2];
    input.ms2 = {&index};
    const auto with_empty = sc::classify(input).findings[2];
    EXPECT_EQ(without.summary, with_empty.summary);
    EXPECT_DOUBLE_EQ(without.confidence, with_empty.confidence);
    EXPECT_EQ(ms2_evidence(with_empty), nullptr);
}

}  // namespace

// Accuracy of the classifier on data it did not shape: simulated by-products added to real 1H
// FIDs and real LC-MS runs (tools/spikein), on a seed used by nothing else. The floors are the
// figures measured when the detectors last changed, rounded down (docs/accuracy.md has the full
// tables); they guard against regressions and say plainly where the classifier stands. The
// product-only LC-MS samples in real matrices must draw no call at all.
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <filesystem>
#include <iostream>
#include <vector>

#include "evaluate.hpp"
#include "lcms_spikein.hpp"
#include "nmr_spikein.hpp"

namespace fs = std::filesystem;
namespace sp = sidepeak::spikein;

namespace {

constexpr std::uint64_t kSeed = 515;  // used by this test only
const fs::path kSource = SIDEPEAK_SOURCE_DIR;
const fs::path kShared = SIDEPEAK_SHARED_SPECTRA;

std::vector<fs::path> nmr_backgrounds() {
    return {kSource / "spectra_samples/real/nmr/bruker/MP-TFM-aniline/10", kSource / "spectra_samples/real/nmr/bruker/strychnine/10",
            kSource / "spectra_samples/real/nmr/bruker/aspirin-1h/1", kSource / "spectra_samples/real/nmr/bruker/VZBBI_13R03_GABA/1H"};
}

std::vector<fs::path> lcms_runs() {
    return {kSource / "spectra_samples/real/ms/mzxml/lcMsMs.mzXML",
            kSource / "spectra_samples/real/ms/mzml/BSA1_F1.mzML"};
}

struct Floor {
    double precision, recall;
};

void print_and_check(const sp::Evaluation& e, const std::string& name, const std::array<Floor, 4>& floors) {
    std::cout << sp::markdown(e, name, 60);
    EXPECT_EQ(e.errors, 0) << name;
    for (std::size_t c = 0; c < 4; ++c) {
        const auto& k = e.classes[c];
        const auto cls = sidepeak::classify::class_name(sidepeak::classify::kAllClasses[c]);
        EXPECT_GE(k.precision(), floors[c].precision) << name << " " << cls;
        EXPECT_GE(k.recall(), floors[c].recall) << name << " " << cls;
    }
}

}  // namespace

TEST(SpikeInAccuracy, NmrOnRealFids) {
    sp::NmrSpikeOptions o;
    o.seed = kSeed;
    o.samples_per_background = 10;
    const auto set = sp::make_nmr_spikeins(nmr_backgrounds(), o);
    ASSERT_GE(set.size(), 40u);
    // Measured floors (oligomer, over-alkylation, N-oxide, Hofmann): precision, recall.
    const auto both = sp::evaluate_both(set);
    // Measured on this seed (calibrated merge): with context oligomer 1.00/0.07, over-alkylation
    // 1.00/0.25, N-oxide -/0.00, Hofmann 1.00/0.18; without context oligomer -/0.00,
    // over-alkylation 1.00/0.20, N-oxide -/0.00, Hofmann 1.00/0.18 (precision/recall). The NMR
    // oligomer calls only envelopes seen in the data (docs/classifier.md, "Seen, not inferred"):
    // precision first, recall far below the 0.95 goal (docs/accuracy.md, "What fails and why").
    print_and_check(both[0], "NMR spike-in, with context",
                    {{{0.95, 0.05}, {0.60, 0.10}, {0.95, 0.0}, {0.95, 0.09}}});
    print_and_check(both[1], "NMR spike-in, without context",
                    {{{0.95, 0.0}, {0.45, 0.05}, {0.95, 0.0}, {0.95, 0.09}}});
}

TEST(SpikeInAccuracy, LcmsInRealRuns) {
    sp::LcmsSpikeOptions o;
    o.seed = kSeed;
    o.samples_per_run = 8;
    const auto set = sp::make_lcms_spikeins(lcms_runs(), o);
    ASSERT_GE(set.size(), 16u);
    const auto both = sp::evaluate_both(set);
    // Measured on this seed: no call at all (precision 1, recall 0 for every class present: 2
    // oligomer, 4 over-alkylation, 1 Hofmann samples): the decoy test keeps real matrix hits out
    // and, at these levels, the spiked ions as well. See docs/accuracy.md.
    print_and_check(both[0], "LC-MS spike-in, with context",
                    {{{0.95, 0.0}, {0.95, 0.0}, {0.95, 0.0}, {0.95, 0.0}}});
    print_and_check(both[1], "LC-MS spike-in, without context",
                    {{{0.95, 0.0}, {0.95, 0.0}, {0.95, 0.0}, {0.95, 0.0}}});
}

TEST(SpikeInAccuracy, ProductOnlyRunsDrawNoCall) {
    sp::LcmsSpikeOptions o;
    o.seed = kSeed + 1;
    o.samples_per_run = 8;
    o.positive_fraction = 0.0;
    const auto set = sp::make_lcms_spikeins(lcms_runs(), o);
    ASSERT_GE(set.size(), 16u);
    const auto e = sp::evaluate(set, true);
    std::cout << sp::markdown(e, "LC-MS product-only samples in real runs", 60);
    int calls = 0;
    for (const auto& k : e.classes) calls += k.fp;
    EXPECT_EQ(calls, 0) << "calls on product-only samples";
}

TEST(SpikeInOutcomes, OneTabSeparatedRowPerSampleWithItsNotes) {
    sp::Evaluation e;
    sp::Outcome hit;
    hit.id = "nmr-x-0001";
    hit.family = "ethyl/CDCl3";
    hit.truth.over_alkylation = true;
    hit.detected = {false, true, false, false};
    hit.evidence_llr = {0.0, 1.5, -1.0, 0.0};
    hit.summary = {"clean", "ring gives\t1.30\nper ring", "no copy", "no vinyl"};
    hit.level = 0.05;
    sp::Outcome failed = hit;
    failed.id = "nmr-x-0002";
    failed.error = "unreadable FID";
    e.outcomes = {hit, failed};
    const std::string tsv = sp::outcomes_tsv(e, "NMR", true, true);
    const std::string header = "table\tcontext\tid\tfamily\tlevel\ttruth\tcalled\tllr_o\tsummary_o\tllr_a\tsummary_a\tllr_n\tsummary_n\tllr_h\tsummary_h\n";
    ASSERT_EQ(tsv.rfind(header, 0), 0u) << tsv;
    EXPECT_NE(tsv.find("NMR\tgiven\tnmr-x-0001\tethyl/CDCl3\t0.050\t-a--\t-a--\t0.00\tclean\t1.50\tring gives 1.30 per ring\t-1.00"),
              std::string::npos)
        << tsv;
    EXPECT_NE(tsv.find("nmr-x-0002"), std::string::npos);
    EXPECT_NE(tsv.find("\tunreadable FID\t"), std::string::npos) << tsv;
    EXPECT_EQ(std::count(tsv.begin(), tsv.end(), '\n'), 3);
    EXPECT_EQ(sp::outcomes_tsv(e, "NMR", false, false).find("table\t"), std::string::npos);
}

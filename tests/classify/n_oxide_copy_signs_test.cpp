// What the NMR N-oxide copy of the product's N-alpha group must show (src/classify/
// n_oxide_copy_signs.*): integral S/N at the limit of quantitation, the product group's whole
// multiplet, and a second shifted ring signal (C6-H2 or ring N-CH2) in the copy's amount.
#include <gtest/gtest.h>

#include <numbers>

#include "n_oxide_alpha_copy.hpp"
#include "detectors.hpp"
#include "synthetic.hpp"

namespace sc = sidepeak::classify;
namespace ch = sidepeak::chem;

namespace {
using synth::benzyl_model;
const ch::ReactionModel& tfe_model() {
    static const ch::ReactionModel m = ch::build_reaction_model({"C7H13F3N2", "trifluoroethyl"});
    return m;
}
synth::Nmr benzyl_product(double noise = 0.002) {
    synth::Nmr n("CDCl3", 400.0, 32768, noise);
    synth::benzyl_diazepane(n);
    synth::solvents(n);
    return n;
}
// 1-(2,2,2-trifluoroethyl)-1,4-diazepane in CDCl3: N-CH2CF3 q (3J_HF 9.6 Hz).
synth::Nmr tfe_product() {
    synth::Nmr n;
    n.multiplet(3.05, 2, {9.6, 9.6, 9.6}, "q");
    n.multiplet(2.92, 2, {6.0, 6.0}, "t");
    n.multiplet(2.86, 2, {6.0, 6.0}, "t");
    n.multiplet(2.70, 4, {6.0, 6.0}, "m");
    n.multiplet(1.78, 2, {6.0, 6.0, 6.0, 6.0}, "quint");
    synth::solvents(n);
    return n;
}
// Lines of given relative heights at given offsets (Hz), recorded as one multiplet of `pattern`.
void lines(synth::Nmr& n, double ppm, double protons, const std::vector<std::pair<double, double>>& off_weight,
           const std::string& pattern, std::vector<double> j) {
    const double mhz = n.r.spectrum.spectrometer_mhz, w_ppm = n.line_hz / mhz;
    double wsum = 0.0;
    for (auto [o, w] : off_weight) wsum += w;
    sidepeak::signal::Multiplet m;
    m.ppm = ppm;
    m.multiplicity = synth::multiplicity_named(pattern);
    m.j_hz = std::move(j);
    double lo = 0.0, hi = 0.0;
    for (auto [o, w] : off_weight) {
        m.peaks.push_back(n.r.peaks.size());
        m.area += n.line(ppm + o / mhz, protons * w / wsum / (std::numbers::pi / 2 * w_ppm), n.line_hz);
        lo = std::min(lo, o);
        hi = std::max(hi, o);
    }
    m.ppm_from = ppm + (hi + 3) / mhz;
    m.ppm_to = ppm + (lo - 3) / mhz;
    n.r.multiplets.push_back(m);
}
sc::detail::AlphaCopy copy_of(const synth::Nmr& n, const ch::ReactionModel& model) {
    return sc::detail::n_oxide_alpha_copy(n.r, model, sc::detail::ring_frame(n.r, model));
}
bool called(const sc::ModalityResult& r) {
    return sc::merge_findings(sc::ByproductClass::n_oxide, {r}).detected;
}
// A 5 % N-oxide of the benzyl product: N-CH2Ph copy at 4.42 and its ring N-CH2 alpha to the
// N-oxide as two 2H triplets at 3.36 / 3.20 (the copy's area per H).
void benzyl_n_oxide(synth::Nmr& n, double level = 0.05) {
    n.multiplet(4.42, 2 * level, {}, "s");
    n.multiplet(3.36, 2 * level, {5.6, 5.6}, "t");
    n.multiplet(3.20, 2 * level, {5.6, 5.6}, "t");
}
}  // namespace

TEST(NOxideCopySigns, WholeCopyWithItsRingLinesIsCalled) {
    auto n = benzyl_product();
    benzyl_n_oxide(n);
    const auto c = copy_of(n, benzyl_model());
    EXPECT_TRUE(c.found) << c.why;
    EXPECT_TRUE(c.pattern.ok) << c.pattern.why;
    EXPECT_EQ(c.sign.which, "ring N-CH2");
    EXPECT_EQ(c.sign.lines.size(), 2U);
    EXPECT_TRUE(called(sc::n_oxide_nmr(n.r, benzyl_model())));
}

TEST(NOxideCopySigns, CopyBelowTheLimitOfQuantitationIsNoCall) {
    // Noise 1.0 against a 0.02-area copy (2H x 1 %): integral S/N ~8 over its +-3 Hz range,
    // apex ~5 sigma. The same lines at noise 0.01 are read. The ring line (0.5 H at the copy's
    // area per H) is no one-substituent stoichiometry, so only the copy reading can call.
    for (const double noise : {1.0, 0.01}) {
        auto n = benzyl_product(noise);
        n.multiplet(4.42, 2 * 0.01, {}, "s");
        n.multiplet(3.30, 0.5 * 0.01, {5.6, 5.6}, "t");
        const auto c = copy_of(n, benzyl_model());
        ASSERT_NE(c.group, nullptr);
        const auto r = sc::n_oxide_nmr(n.r, benzyl_model());
        if (noise > 0.1) {
            EXPECT_LT(c.snr, 10.0);
            EXPECT_FALSE(c.found);
            EXPECT_NE(c.why.find("integral S/N"), std::string::npos) << c.why;
            EXPECT_FALSE(called(r)) << r.note;
        } else {
            EXPECT_GE(c.snr, 10.0);
            EXPECT_TRUE(c.found) << c.why;
            EXPECT_TRUE(called(r)) << r.note;
        }
    }
}

TEST(NOxideCopySigns, TwoNearCoincidentLinesAreNoCopyOfASinglet) {
    // Two singlets 2.5 Hz apart at 4.42 (a matrix pair, grouped as one "s"): singlet-like, but the
    // product's group is one line. Weak ring lines (0.4 H each at the copy's area per H) leave
    // the copy reading alone to decide.
    auto n = benzyl_product();
    lines(n, 4.42, 2 * 0.05, {{-1.25, 1.0}, {1.25, 1.0}}, "s", {});
    n.multiplet(3.36, 2 * 0.01, {5.6, 5.6}, "t");
    n.multiplet(3.20, 2 * 0.01, {5.6, 5.6}, "t");
    const auto c = copy_of(n, benzyl_model());
    ASSERT_NE(c.group, nullptr);
    EXPECT_FALSE(c.pattern.ok);
    EXPECT_GE(c.pattern.extra, 1);
    EXPECT_FALSE(c.found) << c.why;
    EXPECT_FALSE(called(sc::n_oxide_nmr(n.r, benzyl_model())));
}

TEST(NOxideCopySigns, QuartetCopyMustRepeatTheIntensityRatios) {
    // N-CH2CF3 3.05 -> 3.70 as a "q" of J 9.6 Hz: at 1:3:3:1 it is the copy, at 1:1:1:1 (four
    // singlets of a background at the quartet's spacings) it is not.
    for (const bool binomial : {true, false}) {
        auto n = tfe_product();
        const double w = binomial ? 3.0 : 1.0;
        lines(n, 3.70, 2 * 0.05, {{-14.4, 1.0}, {-4.8, w}, {4.8, w}, {14.4, 1.0}}, "q", {9.6, 9.6, 9.6});
        n.multiplet(3.36, 2 * 0.01, {5.6, 5.6}, "t");
        n.multiplet(3.22, 2 * 0.01, {5.6, 5.6}, "t");
        const auto c = copy_of(n, tfe_model());
        ASSERT_TRUE(c.applicable);
        ASSERT_NE(c.group, nullptr) << c.why;
        EXPECT_EQ(c.pattern.matched, 4);
        EXPECT_EQ(c.pattern.ok, binomial) << c.pattern.why;
        EXPECT_EQ(c.found, binomial) << c.why;
        EXPECT_EQ(called(sc::n_oxide_nmr(n.r, tfe_model())), binomial);
    }
}

TEST(NOxideCopySigns, RingLineOfAnotherAmountIsNoSecondSign) {
    // A coupled line of the product's width at 3.30 holding 12 protons at the copy's area per H
    // (a background CH2 beside a small copy): no ring multiplet of the N-oxide holds that much.
    auto n = benzyl_product();
    n.multiplet(4.42, 2 * 0.01, {}, "s");
    n.multiplet(3.30, 12 * 0.01, {6.5, 6.5}, "t");
    const auto c = copy_of(n, benzyl_model());
    ASSERT_NE(c.group, nullptr);
    EXPECT_FALSE(c.sign.found);
    EXPECT_GT(c.sign.protons, 4 * 1.4);
    EXPECT_FALSE(c.found) << c.why;
    EXPECT_FALSE(called(sc::n_oxide_nmr(n.r, benzyl_model())));
}

TEST(NOxideCopySigns, ShiftedC6IsTheSecondSignWhereTheRingNCh2AreNotPicked) {
    // The N-oxide's C6-H2 quintet 0.22 ppm downfield of the product's (1.78 -> 2.00), 2H at the
    // copy's area per H; its ring N-CH2 spread too thin to be picked.
    auto n = benzyl_product();
    n.multiplet(4.42, 2 * 0.05, {}, "s");
    n.multiplet(2.00, 2 * 0.05, {6.0, 6.0, 6.0, 6.0}, "quint");
    const auto c = copy_of(n, benzyl_model());
    EXPECT_TRUE(c.found) << c.why;
    EXPECT_EQ(c.sign.which, "ring C6-H2");
    const auto r = sc::n_oxide_nmr(n.r, benzyl_model());
    EXPECT_TRUE(called(r)) << r.note;
    EXPECT_NE(r.note.find("ring C6-H2"), std::string::npos) << r.note;
}

TEST(NOxideCopySigns, BroadSingletBandCountsAsARingLineOnlyAtBroadLines) {
    // At 12 Hz lines (wider than a ring 3J) a ring multiplet is one band: picked as "s" twice the
    // singlet's width, it is a coupled ring line. At 1 Hz lines a singlet 1.5x the product's width
    // is another compound's singlet, not an unresolved multiplet.
    synth::Nmr broad;
    broad.line_hz = 24.0;
    broad.multiplet(3.12, 0.1, {}, "s");
    EXPECT_TRUE(sc::detail::ring_line_coupled(broad.r, broad.r.multiplets.front(), 12.0, 12.0));
    EXPECT_FALSE(sc::detail::ring_line_coupled(broad.r, broad.r.multiplets.front(), 24.0, 24.0));
    synth::Nmr sharp;
    sharp.line_hz = 1.5;
    sharp.multiplet(3.12, 0.1, {}, "s");
    EXPECT_FALSE(sc::detail::ring_line_coupled(sharp.r, sharp.r.multiplets.front(), 1.0, 1.0));
}

TEST(NOxideCopySigns, RingTripletMergedIntoAMatrixMultipletIsFittedAtTheCopysAmount) {
    // The N-oxide's ring N-CH2 pair (2H at the copy's area per H, t J 5.9 Hz at 3.36) shares its
    // downfield line with a tall matrix doublet (J 6.7 Hz): the picker lists all four lines as one
    // "m" holding 26 H at the copy's area per H. Fitted line by line at the amplitude the copy
    // fixes, the triplet is the second sign; at half that amplitude (a quaternary's ring pair, two
    // substituents) it is not.
    for (const double pair : {1.0, 0.5}) {
        auto n = benzyl_product();
        const double h = 0.05 * pair;
        n.multiplet(4.42, 2 * 0.05, {}, "s");
        lines(n, 3.36, 1.2 + 2 * h, {{-5.9, 0.5 * h}, {0.0, h}, {5.9, 0.5 * h + 0.6}, {12.6, 0.6}}, "m", {});
        const auto c = copy_of(n, benzyl_model());
        ASSERT_NE(c.group, nullptr);
        EXPECT_EQ(c.sign.found, pair == 1.0) << c.sign.why;
        EXPECT_EQ(c.found, pair == 1.0) << c.why;
        EXPECT_EQ(called(sc::n_oxide_nmr(n.r, benzyl_model())), pair == 1.0);
    }
}

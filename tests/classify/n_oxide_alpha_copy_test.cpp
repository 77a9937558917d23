// The NMR N-oxide fingerprint from the copy of the product's own N-alpha group
// (src/classify/n_oxide_alpha_copy.*): a call on NMR alone when the copy has the product's
// multiplicity and width 0.6-1.0 ppm downfield beside coupled ring N-CH2 lines; none for the
// symmetric quaternary R2N+, another compound's lines or shifts outside the N-oxide's range.
#include <gtest/gtest.h>

#include <numbers>

#include "n_oxide_alpha_copy.hpp"
#include "detectors.hpp"
#include "synthetic.hpp"

namespace sc = sidepeak::classify;
namespace ch = sidepeak::chem;

namespace {
using synth::benzyl_model;
const ch::ReactionModel& methyl_model() {
    static const ch::ReactionModel m = ch::build_reaction_model({"C6H14N2", "MeI"});
    return m;
}
synth::Nmr benzyl_product() {
    synth::Nmr n;
    synth::benzyl_diazepane(n);
    synth::solvents(n);
    return n;
}
// 1-methyl-1,4-diazepane in CDCl3.
synth::Nmr methyl_product() {
    synth::Nmr n;
    n.multiplet(2.90, 2, {6.0, 6.0}, "t");
    n.multiplet(2.86, 2, {6.0, 6.0}, "t");
    n.multiplet(2.58, 4, {6.0, 6.0}, "m");
    n.multiplet(2.35, 3, {}, "s");
    n.multiplet(1.78, 2, {6.0, 6.0, 6.0, 6.0}, "quint");
    synth::solvents(n);
    return n;
}
bool called(const sc::ModalityResult& r) {
    return sc::merge_findings(sc::ByproductClass::n_oxide, {r}).detected;
}
}  // namespace

TEST(NOxideAlphaCopy, CopyWithWeakRingLinesIsCalled) {
    // 5 % N-oxide: N-CH2Ph 3.62 -> 4.42 (s, 2H x 0.05). Its ring N-CH2 are diastereotopic next to
    // the N-oxide (spread multiplets), so the picked ring lines hold only a fifth of their protons:
    // no one-substituent ratio of the two copies, yet the group's copy is specific.
    auto n = benzyl_product();
    n.multiplet(4.42, 2 * 0.05, {}, "s");
    n.multiplet(3.36, 2 * 0.01, {5.6, 5.6}, "t");
    n.multiplet(3.20, 2 * 0.01, {5.6, 5.6}, "t");
    const auto r = sc::n_oxide_nmr(n.r, benzyl_model());
    EXPECT_GE(r.llr, 1.4) << r.note;
    EXPECT_FALSE(r.corroborative_only);
    EXPECT_TRUE(called(r)) << r.note;
    EXPECT_NE(r.note.find("copy"), std::string::npos) << r.note;
}

TEST(NOxideAlphaCopy, MethylSingletCopyWithoutRingLineIsNoCall) {
    // N-CH3 2.35 -> 3.17 (s, 3H x 0.04) with one ring line of 0.15 H at the copy's area per H: a
    // 3H singlet at 2.9-3.4 ppm alone is no specific sign (matrix N-CH3 / O-CH3, DMF, MeOH, water
    // in DMSO-d6 resonate there).
    auto n = methyl_product();
    n.multiplet(3.17, 3 * 0.04, {}, "s");
    n.multiplet(3.34, 2 * 0.003, {5.8, 5.8}, "t");
    const auto c = sc::detail::n_oxide_alpha_copy(n.r, methyl_model(), sc::detail::ring_frame(n.r, methyl_model()));
    EXPECT_TRUE(c.applicable);
    EXPECT_FALSE(c.found) << c.why;
    EXPECT_FALSE(called(sc::n_oxide_nmr(n.r, methyl_model())));
}

TEST(NOxideAlphaCopy, MethylSingletCopyWithRingLinesIsCalled) {
    // 5 % N-oxide of 1-methyl-1,4-diazepane: N-CH3 2.35 -> 3.20 (s, 3H x 0.05; N,N-dimethylbenzyl-
    // amine N-CH3 +0.85 on N-oxidation, Silverstein) beside its ring N-CH2 pairs at 3.38 / 3.12
    // (2H x 0.05 each): one substituent on the shifted N.
    auto n = methyl_product();
    n.multiplet(3.20, 3 * 0.05, {}, "s");
    n.multiplet(3.38, 2 * 0.05, {5.8, 5.8}, "t");
    n.multiplet(3.12, 2 * 0.05, {5.8, 5.8}, "t");
    const auto c = sc::detail::n_oxide_alpha_copy(n.r, methyl_model(), sc::detail::ring_frame(n.r, methyl_model()));
    EXPECT_TRUE(c.found) << c.why;
    EXPECT_FALSE(c.quaternary) << c.why;
    EXPECT_TRUE(called(sc::n_oxide_nmr(n.r, methyl_model())));
}

TEST(NOxideAlphaCopy, MethylSingletOnALabImpurityPositionIsNoCopy) {
    // The same lines as MethylSingletCopyWithRingLinesIsCalled, the singlet at 2.96 ppm (+0.61):
    // residual DMF's N-CH3 in CDCl3 (Fulmer et al. 2010) sits there, so it is no N-CH3 copy.
    auto n = methyl_product();
    n.multiplet(2.96, 3 * 0.05, {}, "s");
    n.multiplet(3.38, 2 * 0.05, {5.8, 5.8}, "t");
    n.multiplet(3.12, 2 * 0.05, {5.8, 5.8}, "t");
    const auto c = sc::detail::n_oxide_alpha_copy(n.r, methyl_model(), sc::detail::ring_frame(n.r, methyl_model()));
    EXPECT_FALSE(c.found) << c.why;
    EXPECT_FALSE(called(sc::n_oxide_nmr(n.r, methyl_model()))) << sc::n_oxide_nmr(n.r, methyl_model()).note;
}

TEST(NOxideAlphaCopy, SingletThatIsOneLineOfATripletIsNoCopy) {
    // A 1:2:1 triplet (J 5.8 Hz at 400 MHz) at 3.20 ppm picked as three "singlets": the centre line
    // has the N-oxide N-CH3's shift and the ring lines beside it its amount, but it is one line of
    // a CH2 triplet (its neighbours at the vicinal J hold half its height), no N-CH3 singlet.
    auto n = methyl_product();
    const double j_ppm = 5.8 / 400.0;
    n.multiplet(3.20 + j_ppm, 3 * 0.025, {}, "s");
    n.multiplet(3.20, 3 * 0.05, {}, "s");
    n.multiplet(3.20 - j_ppm, 3 * 0.025, {}, "s");
    n.multiplet(3.38, 2 * 0.05, {5.8, 5.8}, "t");
    n.multiplet(3.12, 2 * 0.05, {5.8, 5.8}, "t");
    const auto c = sc::detail::n_oxide_alpha_copy(n.r, methyl_model(), sc::detail::ring_frame(n.r, methyl_model()));
    EXPECT_FALSE(c.found) << c.why;
    EXPECT_FALSE(called(sc::n_oxide_nmr(n.r, methyl_model())));
}

TEST(NOxideAlphaCopy, MethylQuaternaryIsNoNOxide) {
    // 1,1-dimethyl-diazepanium: its N+(CH3)2 6H singlet (x 0.05) at 3.20 read as a 3H copy puts its
    // ring N+-CH2 pairs (2H x 0.05) at half the copy's area per H: two substituents.
    auto n = methyl_product();
    n.multiplet(3.20, 6 * 0.05, {}, "s");
    n.multiplet(3.45, 2 * 0.05, {5.8, 5.8}, "t");
    n.multiplet(3.38, 2 * 0.05, {5.8, 5.8}, "t");
    const auto c = sc::detail::n_oxide_alpha_copy(n.r, methyl_model(), sc::detail::ring_frame(n.r, methyl_model()));
    EXPECT_TRUE(c.quaternary) << c.why;
    EXPECT_FALSE(called(sc::n_oxide_nmr(n.r, methyl_model())));
}

TEST(NOxideAlphaCopy, QuaternaryTripletPastTheNOxideWindowVetoesATie) {
    // 1,1-dimethyl-diazepanium: N+(CH3)2 6H singlet (x 0.05) at 3.16 read as a 3H copy; one ring
    // N+-CH2 pair as a triplet at 3.69 (half the copy's area per H, past the N-oxide's 3.0-3.6 ppm
    // ring window) and two more pairs coinciding in a 4H triplet at 3.34 (the N-oxide's ratio).
    auto n = methyl_product();
    n.multiplet(3.16, 6 * 0.05, {}, "s");
    n.multiplet(3.69, 2 * 0.05, {5.8, 5.8}, "t");
    n.multiplet(3.34, 4 * 0.05, {5.8, 5.8}, "t");
    const auto c = sc::detail::n_oxide_alpha_copy(n.r, methyl_model(), sc::detail::ring_frame(n.r, methyl_model()));
    EXPECT_TRUE(c.quaternary) << c.why;
    EXPECT_FALSE(c.found) << c.why;
    EXPECT_FALSE(called(sc::n_oxide_nmr(n.r, methyl_model())));
}

TEST(NOxideAlphaCopy, MethylCopyAtBroadLinesReadsTheRingBand) {
    // Lines 12 Hz wide (poor shim): the ring N-CH2 of the N-oxide are single bands twice the
    // singlet's width, picked as "s"; the product's N-CH3 line carries a neighbour's shoulder.
    synth::Nmr n;
    n.line_hz = 12.0;
    n.multiplet(2.90, 2, {6.0, 6.0}, "t");
    n.multiplet(2.86, 2, {6.0, 6.0}, "t");
    n.multiplet(2.58, 4, {6.0, 6.0}, "m");
    n.multiplet(2.35, 3, {}, "s");
    n.multiplet(1.78, 2, {6.0, 6.0, 6.0, 6.0}, "quint");
    n.multiplet(3.20, 3 * 0.06, {}, "s");
    n.line_hz = 24.0;
    n.multiplet(3.12, 2 * 0.06, {}, "s");
    n.multiplet(3.40, 2 * 0.06, {}, "s");
    synth::solvents(n);
    const auto c = sc::detail::n_oxide_alpha_copy(n.r, methyl_model(), sc::detail::ring_frame(n.r, methyl_model()));
    EXPECT_TRUE(c.found) << c.why;
    EXPECT_TRUE(called(sc::n_oxide_nmr(n.r, methyl_model())));
}

TEST(NOxideAlphaCopy, SymmetricQuaternaryIsNoNOxide) {
    // 1,1-dibenzyl-diazepanium: two N+-CH2Ph (4H x 0.05) at 4.42 and ring N+-CH2 triplets of 2H each:
    // each ring pair holds half the copy's area per H.
    auto n = benzyl_product();
    n.multiplet(4.42, 4 * 0.05, {}, "s");
    n.multiplet(3.32, 2 * 0.05, {5.8, 5.8}, "t");
    n.multiplet(3.16, 2 * 0.05, {5.8, 5.8}, "t");
    n.multiplet(3.06, 2 * 0.05, {5.5, 5.5}, "t");
    const auto c = sc::detail::n_oxide_alpha_copy(n.r, benzyl_model(), sc::detail::ring_frame(n.r, benzyl_model()));
    EXPECT_TRUE(c.quaternary) << c.why;
    const auto r = sc::n_oxide_nmr(n.r, benzyl_model());
    EXPECT_LE(r.llr, 0.0) << r.note;
    EXPECT_FALSE(called(r)) << r.note;
}

TEST(NOxideAlphaCopy, AnotherCompoundsLineIsNoCopy) {
    // The same singlet four times narrower than the product's lines: another compound's line.
    synth::Nmr n;
    n.line_hz = 4.0;
    synth::benzyl_diazepane(n);
    synth::solvents(n);
    n.line_hz = 1.0;
    n.multiplet(4.42, 2 * 0.05, {}, "s");
    n.multiplet(3.36, 2 * 0.01, {5.6, 5.6}, "t");
    const auto c = sc::detail::n_oxide_alpha_copy(n.r, benzyl_model(), sc::detail::ring_frame(n.r, benzyl_model()));
    EXPECT_FALSE(c.found) << c.why;
    EXPECT_FALSE(called(sc::n_oxide_nmr(n.r, benzyl_model())));
}

TEST(NOxideAlphaCopy, ShiftOutsideTheNOxideRangeIsNoCopy) {
    // A benzylic singlet 1.3 ppm downfield (4.92: an ester O-CH2Ph, a quaternary in CDCl3).
    auto n = benzyl_product();
    n.multiplet(4.92, 2 * 0.05, {}, "s");
    n.multiplet(3.36, 2 * 0.01, {5.6, 5.6}, "t");
    EXPECT_FALSE(called(sc::n_oxide_nmr(n.r, benzyl_model())));
}

TEST(NOxideAlphaCopy, CopyWithoutRingLineIsNoCall) {
    auto n = benzyl_product();
    n.multiplet(4.42, 2 * 0.05, {}, "s");
    const auto c = sc::detail::n_oxide_alpha_copy(n.r, benzyl_model(), sc::detail::ring_frame(n.r, benzyl_model()));
    EXPECT_TRUE(c.group != nullptr);
    EXPECT_FALSE(c.found) << c.why;
    EXPECT_FALSE(called(sc::n_oxide_nmr(n.r, benzyl_model())));
}

TEST(NOxideAlphaCopy, CrowdedRingWindowStillChecked) {
    // A matrix with its own coupled lines at 3.1-3.5 ppm (ten times the ring N-CH2): the detector
    // used to give up ("outweigh the ring N-CH2"); the group's copy is still read.
    auto n = benzyl_product();
    n.multiplet(3.45, 40, {7.0, 7.0}, "t");
    n.multiplet(3.12, 40, {7.0, 7.0}, "t");
    n.multiplet(4.42, 2 * 0.05, {}, "s");
    n.multiplet(3.30, 2 * 0.01, {5.6, 5.6}, "t");
    const auto r = sc::n_oxide_nmr(n.r, benzyl_model());
    EXPECT_TRUE(r.checked) << r.note;
    EXPECT_TRUE(called(r)) << r.note;
}

TEST(NOxideAlphaCopy, RingLineOfAnotherWidthIsNotCounted) {
    // The only ring-window line is four times wider than the product's lines: a matrix line, no
    // ring N-CH2 of the N-oxide.
    auto n = benzyl_product();
    n.multiplet(4.42, 2 * 0.05, {}, "s");
    n.line_hz = 4.0;
    n.multiplet(3.33, 2 * 0.05, {6.0, 6.0}, "t");
    const auto c = sc::detail::n_oxide_alpha_copy(n.r, benzyl_model(), sc::detail::ring_frame(n.r, benzyl_model()));
    EXPECT_TRUE(c.group != nullptr);
    EXPECT_TRUE(c.ring.empty());
    EXPECT_FALSE(c.found) << c.why;
    EXPECT_FALSE(called(sc::n_oxide_nmr(n.r, benzyl_model())));
}

TEST(NOxideAlphaCopy, OneRingLineInTheQuaternaryRatioVetoes) {
    // One ring pair (2H) at half the copy's area per H and none at the N-oxide's ratio.
    auto n = benzyl_product();
    n.multiplet(4.42, 4 * 0.05, {}, "s");
    n.multiplet(3.31, 2 * 0.05, {5.8, 5.8}, "t");
    const auto c = sc::detail::n_oxide_alpha_copy(n.r, benzyl_model(), sc::detail::ring_frame(n.r, benzyl_model()));
    EXPECT_TRUE(c.quaternary) << c.why;
    EXPECT_FALSE(called(sc::n_oxide_nmr(n.r, benzyl_model())));
}

TEST(NOxideAlphaCopy, DiastereotopicRingLinesDoNotVetoAsQuaternary) {
    // 5 % N-oxide: the N-oxide N (O, benzyl, C2, C7) is stereogenic, so each ring N-CH2 splits
    // into two 1H multiplets with the geminal 2J (13.5 Hz) beside two vicinal 3J: each holds half
    // the copy's area per ring pair, the R2N+ ratio, but spans 27 Hz, wider than the R2N+'s ring
    // triplet (<= 2 x 8 Hz): no quaternary veto.
    auto n = benzyl_product();
    n.multiplet(4.42, 2 * 0.05, {}, "s");
    n.multiplet(3.45, 1 * 0.05, {13.5, 7.0, 7.0}, "m");
    n.multiplet(3.31, 1 * 0.05, {13.5, 7.0, 7.0}, "m");
    const auto c = sc::detail::n_oxide_alpha_copy(n.r, benzyl_model(), sc::detail::ring_frame(n.r, benzyl_model()));
    EXPECT_EQ(c.quaternary_lines, 0) << c.why;
    EXPECT_FALSE(c.quaternary) << c.why;
    EXPECT_TRUE(called(sc::n_oxide_nmr(n.r, benzyl_model())));
}

namespace {
// 10 % of a shifted species beside the benzyl product: its N-CH2Ph copy (`group_protons` per ring)
// at 4.30 ppm (+0.68, where an N-oxide's N-CH2Ph copy and a quaternary's N+(CH2Ph)2 both resonate)
// and one resolved ring N+-CH2 triplet (2H) at 3.30 ppm, picked into one multiplet with a matrix
// line beside it. Counted against that multiplet the copy has one substituent on the shifted N.
synth::Nmr copy_beside_own_triplet(double group_protons) {
    synth::Nmr n;
    synth::benzyl_diazepane(n, 0.9);
    synth::solvents(n);
    n.multiplet(4.30, group_protons, {}, "s", 0.1);
    n.multiplet(3.30, 2, {6.0, 6.0}, "t", 0.1);
    const double mhz = n.r.spectrum.spectrometer_mhz, matrix_ppm = 3.345;
    auto& merged = n.r.multiplets.back();
    merged.peaks.push_back(n.r.peaks.size());
    merged.area += n.line(matrix_ppm, 0.45 / (std::numbers::pi / 2 * n.line_hz / mhz), n.line_hz);
    merged.ppm_from = matrix_ppm + 3.0 / mhz;
    merged.multiplicity = synth::multiplicity_named("m");
    merged.j_hz.clear();
    return n;
}
}  // namespace

TEST(NOxideAlphaCopy, CopyHeldByTheQuaternarysOwnTripletsIsNoNOxide) {
    // The R2N+ (CH2Ph)2 quaternary (4H copy): against the triplet's own lines it has two
    // substituents per ring proton, so the line is the quaternary's and no N-oxide is called on it.
    const auto n = copy_beside_own_triplet(4.0);
    const auto over = sc::over_alkylation_nmr(n.r, benzyl_model());
    EXPECT_NE(over.note.find("substituents per ring of its own N+-CH2 triplets"), std::string::npos) << over.note;
    const auto r = sc::n_oxide_nmr(n.r, benzyl_model());
    EXPECT_FALSE(called(r)) << r.note;
    EXPECT_NE(r.note.find("the over-alkylation reading holds this line"), std::string::npos) << r.note;
}

TEST(NOxideAlphaCopy, ACountBetweenOneAndTwoLeavesTheLineToBothReadings) {
    // A copy of 3.2H per ring reads 1.6 substituents per ring proton of the triplet: over-alkylation
    // still reads a quaternary, but a line that holds both species' copies reads between one and two,
    // so the line is not the quaternary's alone and the N-oxide reading is made on it.
    const auto n = copy_beside_own_triplet(3.2);
    const auto over = sc::over_alkylation_nmr(n.r, benzyl_model());
    EXPECT_NE(over.note.find("1.6 substituents per ring of its own N+-CH2 triplets"), std::string::npos) << over.note;
    const auto r = sc::n_oxide_nmr(n.r, benzyl_model());
    EXPECT_EQ(r.note.find("the over-alkylation reading holds this line"), std::string::npos) << r.note;
    EXPECT_TRUE(called(r)) << r.note;
}

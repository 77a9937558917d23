// Hofmann NMR, the terminal vinyl spin system whose allylic CH2 is not resolved and could lie in the
// N-allyl window or in a C-/O-allyl window (hofmann_allyl.cpp, read_unplaced): called on its own
// beside an alkylating reagent, at less weight than the N-allyl readings (2.0 - ln(k + 1) for k
// C-/O-allyl windows with room); supportive only without a reagent, when the =CH2 shifts are an O-
// or alkyl C-allyl group's, and no call when a C-/O-allyl CH2 d is actually read.
#include <cmath>

#include <gtest/gtest.h>

#include "detectors.hpp"
#include "synthetic.hpp"

namespace sc = sidepeak::classify;
namespace ch = sidepeak::chem;

namespace {
using synth::benzyl_model;

// The benzyl diazepane product in CDCl3 with a terminal vinyl group (=CH- ddt, =CH2 d 17 and d 10
// Hz) of 0.1 H per H, free N-allyl shifts by default (=CH2 5.18/5.12; triallylamine 5.15/5.10),
// and another compound's t at 3.95 ppm (0.6 H per H) under which an O-allyl CH2 could hide.
synth::Nmr vinyl_beside_o_window(double e = 5.18, double z = 5.12) {
    synth::Nmr n("CDCl3", 400.0);
    synth::benzyl_diazepane(n);
    synth::solvents(n);
    n.multiplet(5.88, 0.1, {17.0, 10.2, 6.5, 6.5}, "ddt");
    n.multiplet(e, 0.1, {17.0}, "d");
    n.multiplet(z, 0.1, {10.2}, "d");
    n.multiplet(3.95, 0.6, {6.0, 6.0}, "t");
    return n;
}
bool detected(const sc::ModalityResult& r) {
    return sc::merge_findings(sc::ByproductClass::hofmann, {r}).detected;
}
}  // namespace

TEST(HofmannUnplacedCh2, VinylSystemWithRoomInAnOWindowIsASupportiveSign) {
    // Supportive, not a call on its own: allyl ethers and aryl C-allyls whose CH2 hides under other
    // lines read the same (docs/accuracy.md); it corroborates another modality's specific sign.
    const auto n = vinyl_beside_o_window();
    const auto r = sc::hofmann_nmr(n.r, benzyl_model());
    EXPECT_TRUE(r.corroborative_only) << r.note;
    EXPECT_FALSE(detected(r)) << r.note;
    // One C-/O-allyl window with room: 2.0 - ln 2, below the hidden-N (2.0) and resolved (2.5) readings.
    EXPECT_NEAR(r.llr, 2.0 - std::log(2.0), 1e-9) << r.note;
    EXPECT_NE(r.note.find("may be N-allyl"), std::string::npos) << r.note;
    EXPECT_NE(r.note.find("O-CH2 3.85-4.7 ppm"), std::string::npos) << r.note;
    EXPECT_NE(r.note.find("no CH2 d of J"), std::string::npos) << r.note;
}

TEST(HofmannUnplacedCh2, ResolvedNCh2StaysStronger) {
    auto n = vinyl_beside_o_window();
    n.multiplet(3.08, 0.2, {6.5}, "d");  // the allylic N-CH2 d (2H : 1H)
    const auto resolved = sc::hofmann_nmr(n.r, benzyl_model());
    const auto unplaced = sc::hofmann_nmr(vinyl_beside_o_window().r, benzyl_model());
    EXPECT_GT(resolved.llr, unplaced.llr) << resolved.note;
    EXPECT_NE(resolved.note.find("allylic N-CH2 d"), std::string::npos) << resolved.note;
}

TEST(HofmannUnplacedCh2, WithoutAnAlkylatingReagentItIsSupportive) {
    // Without the quaternary precursor nothing ties an allyl group of unknown kind to the amine.
    const auto n = vinyl_beside_o_window();
    const auto none = ch::build_reaction_model({"", ""});
    const auto r = sc::hofmann_nmr(n.r, none);
    EXPECT_TRUE(r.corroborative_only) << r.note;
    EXPECT_FALSE(detected(r)) << r.note;
    EXPECT_NE(r.note.find("no alkylating reagent"), std::string::npos) << r.note;
}

TEST(HofmannUnplacedCh2, ReadOAllylCh2DoubletIsNoCall) {
    // An allylic O-CH2 d (J 6.5 Hz, 2H : 1H) at 4.10 ppm (allyl alcohol 4.10) is read: positive
    // evidence of an O-allyl group, no Hofmann call.
    auto n = vinyl_beside_o_window();
    n.multiplet(4.10, 0.2, {6.5}, "d");
    const auto r = sc::hofmann_nmr(n.r, benzyl_model());
    EXPECT_FALSE(detected(r)) << r.note;
    EXPECT_NE(r.note.find("not N-allyl"), std::string::npos) << r.note;
}

TEST(HofmannUnplacedCh2, OAllylCh2ShiftsKeepItSupportive) {
    // =CH2 at 5.27/5.14 (allyl ethyl ether 5.27/5.16): the J 17 Hz partner beyond a free N-allyl
    // amine's and the J 10 Hz partner not moved by protonation. Another compound's t at 3.20 ppm
    // gives the CH2 room in the N-allyl window these =CH2 place at 2.99-3.43 ppm.
    auto n = vinyl_beside_o_window(5.27, 5.14);
    n.multiplet(3.20, 0.6, {6.0, 6.0}, "t");
    const auto r = sc::hofmann_nmr(n.r, benzyl_model());
    EXPECT_TRUE(r.corroborative_only) << r.note;
    EXPECT_FALSE(detected(r)) << r.note;
    EXPECT_NE(r.note.find("O-allyl group's"), std::string::npos) << r.note;
}

TEST(HofmannUnplacedCh2, Ch2Cl2SingletBesideTheSystemChangesNothing) {
    // CH2Cl2 at 5.30 ppm (Fulmer 2010) near the =CH2 lines: a solvent singlet of the fit, no line of
    // the vinyl system, and no vinyl system on its own.
    auto n = vinyl_beside_o_window();
    n.multiplet(5.30, 0.5, {}, "s");
    const auto r = sc::hofmann_nmr(n.r, benzyl_model());
    EXPECT_NEAR(r.llr, 2.0 - std::log(2.0), 1e-9) << r.note;
    synth::Nmr alone("CDCl3", 400.0);
    synth::benzyl_diazepane(alone);
    synth::solvents(alone);
    alone.multiplet(5.30, 0.5, {}, "s");
    alone.multiplet(3.95, 0.6, {6.0, 6.0}, "t");
    EXPECT_FALSE(detected(sc::hofmann_nmr(alone.r, benzyl_model())));
}

// Ring frame: when no anchor shows the product, the frame returned (and named in the note) is the
// one whose three references came closest, not the first C6-H2 candidate of the window.
#include <gtest/gtest.h>

#include <cmath>

#include "detectors.hpp"
#include "nmr_tools.hpp"
#include "synthetic.hpp"

namespace sc = sidepeak::classify;

namespace {
using synth::benzyl_model;

// 1-benzyl-1,4-diazepane (CDCl3) whose ring N-CH2 window also holds another compound's 8H band
// and whose N-CH2Ph singlet holds a quarter of its 2H: C6-H2 1, ring N-CH2 2 and the group 0.25
// per ring proton, no two within 35 %. Before it in the list, another compound's small quintet at
// 2.45 ppm (a dication's C6-H2 position) with a 6H open-chain triplet in that frame's ring window.
synth::Nmr disagreeing_product() {
    synth::Nmr n;
    n.multiplet(2.45, 0.1, {6.0, 6.0, 6.0, 6.0}, "quint");
    n.multiplet(3.95, 6, {7.5, 7.5}, "t");
    n.multiplet(7.30, 5, {7.5, 7.5}, "m");
    n.multiplet(3.62, 0.5, {}, "s");
    n.multiplet(2.78, 8, {}, "m");
    n.multiplet(2.70, 8, {}, "m");
    n.multiplet(1.78, 2, {6.0, 6.0, 6.0, 6.0}, "quint");
    synth::solvents(n);
    return n;
}
}  // namespace

TEST(RingFrameAnchorRank, WithoutAProductFrameTheClosestReferencesAreNamed) {
    const auto n = disagreeing_product();
    const auto f = sc::detail::ring_frame(n.r, benzyl_model());
    EXPECT_FALSE(f.found);
    EXPECT_TRUE(f.disagree);
    EXPECT_NEAR(f.c6_ppm, 1.78, 0.02) << f.c6_ppm;
}

TEST(RingFrameAnchorRank, TheNoteNamesTheProductsAnchor) {
    const auto n = disagreeing_product();
    const auto r = sc::over_alkylation_nmr(n.r, benzyl_model());
    EXPECT_FALSE(r.checked) << r.note;
    EXPECT_NE(r.note.find("C6-H2 anchor 1.78 ppm"), std::string::npos) << r.note;
}

TEST(RingFrameAnchorRank, AFrameShowingTheProductStillWins) {
    // The same foreign quintet and triplet beside a clean product: the product's frame is found.
    synth::Nmr n;
    n.multiplet(2.45, 0.1, {6.0, 6.0, 6.0, 6.0}, "quint");
    n.multiplet(3.95, 6, {7.5, 7.5}, "t");
    synth::benzyl_diazepane(n, 1.0);
    synth::solvents(n);
    const auto f = sc::detail::ring_frame(n.r, benzyl_model());
    EXPECT_TRUE(f.found);
    EXPECT_NEAR(f.c6_ppm, 1.78, 0.02) << f.c6_ppm;
    EXPECT_NEAR(f.per_ring, 1.0, 0.15) << f.per_ring;
}

namespace {
const sidepeak::chem::ReactionModel& ethyl_model() {
    static const sidepeak::chem::ReactionModel m = sidepeak::chem::build_reaction_model({"C7H16N2", "EtI"});
    return m;
}

// 1-ethyl-1,4-diazepane free base in CDCl3 (C6-H2 quintet 1.72, ring N-CH2 2.55-2.9 with a little
// of another compound's area under them, N-CH2 q 2.50, CH3 t 1.05) and an exchange-broadened NH
// band picked as "m" at 2.10 ppm: a salt frame anchored on that band reads the product's upper
// ring triplets as its ring N+-CH2 in the same ratio (1.15H against 4.6H) and the ethyl t as 1.7
// per ring, an exact fit of 2 : 8 : 3k closer than the product's own frame.
synth::Nmr ethyl_free_base_with_nh_band() {
    synth::Nmr n;
    n.multiplet(2.86, 2.6, {6.0, 6.0}, "t");
    n.multiplet(2.80, 2, {6.0, 6.0}, "t");
    n.multiplet(2.62, 4, {6.0, 6.0}, "m");
    n.multiplet(2.50, 2, {7.2, 7.2, 7.2}, "q");
    n.multiplet(1.72, 2, {6.0, 6.0, 6.0, 6.0}, "quint");
    n.multiplet(1.05, 3, {7.2, 7.2}, "t");
    n.multiplet(2.10, 1.15, {}, "m");
    synth::solvents(n);
    return n;
}
}  // namespace

TEST(RingFrameAnchorRank, AResolvedQuintetAnchorBeatsAnUnresolvedBand) {
    const auto n = ethyl_free_base_with_nh_band();
    const auto f = sc::detail::ring_frame(n.r, ethyl_model());
    EXPECT_TRUE(f.found);
    EXPECT_NEAR(f.c6_ppm, 1.72, 0.02) << f.c6_ppm;
    EXPECT_FALSE(f.protonated());
    EXPECT_NEAR(f.per_ring, 1.0, 0.2) << f.per_ring;
}

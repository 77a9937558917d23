// Hofmann NMR, N-allyl group: the terminal vinyl spin system read by the joint fit (olefin_fit.cpp)
// at free line width and continuous J, and the call when the allylic N-CH2 is hidden under the ring
// multiplets and no C-/O-allyl window of the spectrum has room for a CH2 of its own.
#include <gtest/gtest.h>

#include "detectors.hpp"
#include "synthetic.hpp"

namespace sc = sidepeak::classify;
namespace ch = sidepeak::chem;

namespace {
using synth::benzyl_model;
synth::Nmr clean(double mhz = 400.0) {
    synth::Nmr n("CDCl3", mhz);
    synth::benzyl_diazepane(n);
    synth::solvents(n);
    return n;
}
// Terminal vinyl group of `h` protons per H: =CH- ddt and the two =CH2 doublets.
void vinyl(synth::Nmr& n, double ch, double e, double z, double h, double jt = 17.0, double jc = 10.2,
           double ja = 6.5) {
    n.multiplet(ch, h, {jt, jc, ja, ja}, "ddt");
    n.multiplet(e, h, {jt}, "d");
    n.multiplet(z, h, {jc}, "d");
}
bool detected(const sc::ModalityResult& r) {
    return sc::merge_findings(sc::ByproductClass::hofmann, {r}).detected;
}
}  // namespace

TEST(OlefinFit, HiddenAllylicNCh2WithNoOtherRoomIsNAllyl) {
    // N-allyl =CH2 at 5.19/5.13 (free base), allylic N-CH2 under the product's ring N-CH2 t at
    // 2.86-2.92 ppm; the alkyl, ArCH2 and O-CH2 windows hold no line that could hide a 2H CH2.
    auto n = clean();
    vinyl(n, 5.86, 5.19, 5.13, 0.1);
    const auto r = sc::hofmann_nmr(n.r, benzyl_model());
    EXPECT_FALSE(r.corroborative_only) << r.note;
    EXPECT_GE(r.llr, 2.0) << r.note;
    EXPECT_TRUE(detected(r)) << r.note;
    EXPECT_NE(r.note.find("under the ring N-CH2"), std::string::npos) << r.note;
}

TEST(OlefinFit, HiddenAllylicNCh2BesideACarbamateContextIsSupportiveOnly) {
    // The same spectrum with a Boc context: a carbamate protection makes no quaternary salt, so the
    // allyl group, whose N-CH2 is only placed by exclusion, is tied to the amine by nothing seen.
    auto n = clean();
    vinyl(n, 5.86, 5.19, 5.13, 0.1);
    const auto boc = ch::build_reaction_model({"C10H20N2O2", "Boc"});
    const auto r = sc::hofmann_nmr(n.r, boc);
    EXPECT_TRUE(r.corroborative_only) << r.note;
    EXPECT_FALSE(detected(r)) << r.note;
    EXPECT_NE(r.note.find("makes no quaternary salt"), std::string::npos) << r.note;

    // A resolved allylic N-CH2 d (3.08 ppm, J 6.5) is seen, not placed: the reading stays a call at
    // the no-context weight.
    n.multiplet(3.08, 0.2, {6.5}, "d");
    const auto seen = sc::hofmann_nmr(n.r, boc);
    EXPECT_FALSE(seen.corroborative_only) << seen.note;
    EXPECT_TRUE(detected(seen)) << seen.note;
}

TEST(OlefinFit, HiddenCh2WithRoomInTheOCh2WindowStaysSupportive) {
    // The same vinyl system beside another compound's multiplet at 3.95 ppm (where an allyl ether's
    // O-CH2 d resonates): the CH2 may be an O-allyl's hidden there, and the N-allyl window these =CH2
    // place (2.99-3.43 ppm) has no room for it, so the sign is supportive only. (With room in both,
    // it is supportive at LLR 2.0 - ln 2: hofmann_unplaced_ch2_test.cpp.)
    auto n = clean();
    vinyl(n, 5.90, 5.24, 5.16, 0.1);
    n.multiplet(3.95, 0.6, {6.0, 6.0}, "t");
    const auto r = sc::hofmann_nmr(n.r, benzyl_model());
    EXPECT_TRUE(r.corroborative_only) << r.note;
    EXPECT_FALSE(detected(r)) << r.note;
    EXPECT_NE(r.note.find("O-CH2"), std::string::npos) << r.note;
}

TEST(OlefinFit, HiddenAlkylCh2OfACAllylGroupIsNoCall) {
    // 1-octene-like =CH2 (4.99/4.93): an alkyl C-allyl CH2 (dtt, 2.0-2.1 ppm) could hide under a
    // multiplet at 2.05 ppm; no call.
    auto n = clean();
    vinyl(n, 5.81, 4.99, 4.93, 0.1, 17.0, 10.2, 6.7);
    n.multiplet(2.05, 0.8, {7.0, 7.0, 7.0}, "q");
    const auto r = sc::hofmann_nmr(n.r, benzyl_model());
    EXPECT_FALSE(detected(r)) << r.note;
}

TEST(OlefinFit, SaltFormHiddenNCh2IsNAllyl) {
    // As an ammonium salt the =CH2 move to 5.4-5.5 ppm, beyond every neutral allyl group; the
    // allylic N+-CH2 lies under the ring N+-CH2 multiplets at 3.55-3.9 ppm.
    synth::Nmr n;
    n.multiplet(7.45, 5, {7.5, 7.5}, "m");
    n.multiplet(4.35, 2, {}, "s");
    n.multiplet(3.72, 4, {6.0, 6.0}, "m");
    n.multiplet(3.58, 4, {6.0, 6.0}, "m");
    n.multiplet(2.25, 2, {6.0, 6.0, 6.0, 6.0}, "quint");
    vinyl(n, 5.95, 5.49, 5.43, 0.1, 17.1, 10.3, 6.8);
    const auto r = sc::hofmann_nmr(n.r, benzyl_model());
    EXPECT_TRUE(detected(r)) << r.note;
}

TEST(OlefinFit, NarrowLinesWithJBetweenGridPointsAreRead) {
    // 0.5 Hz lines at 500 MHz with J 16.6 / 10.6 / 6.3 Hz (between the grid points of the
    // literature ranges): the continuous J refinement reads the system; the allylic N-CH2 d at
    // 3.08 ppm (J 6.3) makes it the N-allyl group.
    auto n = clean(500.0);
    n.line_hz = 0.5;
    vinyl(n, 5.86, 5.19, 5.13, 0.1, 16.6, 10.6, 6.3);
    n.multiplet(3.08, 0.2, {6.3}, "d");
    const auto r = sc::hofmann_nmr(n.r, benzyl_model());
    EXPECT_NE(r.note.find("joint ddt"), std::string::npos) << r.note;
    EXPECT_TRUE(detected(r)) << r.note;
}

TEST(OlefinFit, BroadLinesWithOverstatedPickedWidthAreRead) {
    // 12 Hz lines: the picker merges the ddt into a few humps and reports them ~2.5x as wide as a
    // line. The width is a free parameter of the fit, so the system is still read, and the resolved
    // pattern (J 17/10/6.5 envelope) with the N-CH2 d is the N-allyl group.
    auto n = clean();
    n.line_hz = 12.0;
    vinyl(n, 5.86, 5.19, 5.13, 0.3);
    n.multiplet(3.08, 0.6, {6.5}, "d");
    for (auto& p : n.r.peaks) {
        if (p.ppm > 4.8 && p.ppm < 6.2) p.fwhm_hz = 30.0;
    }
    const auto r = sc::hofmann_nmr(n.r, benzyl_model());
    EXPECT_NE(r.note.find("joint ddt"), std::string::npos) << r.note;
    EXPECT_TRUE(detected(r)) << r.note;
}

TEST(OlefinFit, AllylicRoomFollowsTheSpectrum) {
    // allylic_room is at most what the spectrum carries: none in an empty window, ample under a tall
    // multiplet.
    auto n = clean();
    vinyl(n, 5.86, 5.19, 5.13, 0.1);
    const auto r = sc::hofmann_nmr(n.r, benzyl_model());
    ASSERT_TRUE(detected(r)) << r.note;
    auto busy = clean();
    vinyl(busy, 5.86, 5.19, 5.13, 0.1);
    busy.multiplet(3.36, 1.0, {6.5}, "d");  // an ArCH2-like d beside the product's phenyl
    const auto b = sc::hofmann_nmr(busy.r, benzyl_model());
    EXPECT_FALSE(detected(b) && b.note.find("under the ring") != std::string::npos) << b.note;
}

namespace {
// The salt-form N-allyl system of SaltFormHiddenNCh2IsNAllyl, optionally beside another compound's
// lines in the =CH- band.
synth::Nmr salt_allyl() {
    synth::Nmr n;
    n.multiplet(7.45, 5, {7.5, 7.5}, "m");
    n.multiplet(4.35, 2, {}, "s");
    n.multiplet(3.72, 4, {6.0, 6.0}, "m");
    n.multiplet(3.58, 4, {6.0, 6.0}, "m");
    n.multiplet(2.25, 2, {6.0, 6.0, 6.0, 6.0}, "quint");
    vinyl(n, 5.95, 5.49, 5.43, 0.1, 17.1, 10.3, 6.8);
    return n;
}
}  // namespace

TEST(OlefinFit, BackgroundLinesUnderTheDdtGetColumnsOfTheirOwn) {
    // Two lines of another compound (a matrix olefin's d, J 2.5 Hz) between the ddt lines at
    // +17 Hz and a singlet at -8.5 Hz, each several times as tall as a ddt line: the whole band is
    // no ddt, but the ddt's own lines are fully explained once the background lines have free
    // columns, and the =CH2 doublets and integrals hold.
    auto n = salt_allyl();
    n.multiplet(5.95 + 17.0 / 400.0, 0.1, {2.5}, "d");
    n.multiplet(5.95 - 8.5 / 400.0, 0.06, {}, "s");
    const auto r = sc::hofmann_nmr(n.r, benzyl_model());
    EXPECT_NE(r.note.find("joint ddt"), std::string::npos) << r.note;
    EXPECT_TRUE(detected(r)) << r.note;
}

TEST(OlefinFit, BackgroundMultipletWithoutTheVinylPatternStaysNoAllyl) {
    // Specificity beside the background columns: a lone ddd of another compound (J 15/8/4 Hz) at
    // 5.90 ppm with two unrelated d (J 7 Hz) at 5.45 / 5.40: its lines are not the 17/10/6.5 Hz
    // ddt, the d are no 17 / 10 Hz =CH2 doublets, so no vinyl system is read.
    synth::Nmr n;
    n.multiplet(7.45, 5, {7.5, 7.5}, "m");
    n.multiplet(4.35, 2, {}, "s");
    n.multiplet(3.72, 4, {6.0, 6.0}, "m");
    n.multiplet(3.58, 4, {6.0, 6.0}, "m");
    n.multiplet(2.25, 2, {6.0, 6.0, 6.0, 6.0}, "quint");
    n.multiplet(5.90, 0.1, {15.0, 8.0, 4.0}, "ddd");
    n.multiplet(5.45, 0.1, {7.0}, "d");
    n.multiplet(5.40, 0.1, {7.0}, "d");
    const auto r = sc::hofmann_nmr(n.r, benzyl_model());
    EXPECT_FALSE(detected(r)) << r.note;
    EXPECT_EQ(r.note.find("N-allyl group:"), std::string::npos) << r.note;
}

TEST(OlefinFit, WeakSaltBandAtTheNoiseIsReadByItsCh2Doublets) {
    // An ammonium N-allyl group near the detection limit (500 MHz D2O salt, 7 Hz lines): the =CH-
    // ddt's tallest lines stand about 3 noise sigma, so the ddt and every competing reading (the
    // acrylate-like dd, the vinyl ether dd, one broad line) fit the =CH- band to within the noise
    // and its shape decides nothing; the =CH2 doublets (5.48 / 5.35 ppm, J 17 / 10 Hz, resolved at
    // 7 Hz lines) carry the vinyl pattern, and the =CH2 shifts the ammonium form.
    synth::Nmr n("D2O", 500.0);
    n.multiplet(7.45, 5, {7.5, 7.5}, "m");
    n.multiplet(4.35, 2, {}, "s");
    n.multiplet(3.72, 4, {6.0, 6.0}, "m");
    n.multiplet(3.58, 4, {6.0, 6.0}, "m");
    n.multiplet(2.25, 2, {6.0, 6.0, 6.0, 6.0}, "quint");
    n.line_hz = 7.0;
    vinyl(n, 5.99, 5.48, 5.35, 0.0012, 17.0, 10.3, 7.0);
    const auto r = sc::hofmann_nmr(n.r, benzyl_model());
    EXPECT_NE(r.note.find("joint ddt"), std::string::npos) << r.note;
    EXPECT_TRUE(detected(r)) << r.note;
}

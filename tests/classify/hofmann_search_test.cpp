// Hofmann NMR, search for the N-allyl spin system: a weak vinyl group whose lines lie below the
// peak picker's threshold (matched-filter seeds, vinyl_scan.hpp), every vinyl system of the
// spectrum read on its own (a trap allyl group beside the by-product), and the ammonium-form =CH2
// that places the allylic CH2 on the N+.
#include <gtest/gtest.h>

#include "vinyl_scan.hpp"
#include "detectors.hpp"
#include "synthetic.hpp"

namespace sc = sidepeak::classify;
namespace ch = sidepeak::chem;

namespace {
using synth::benzyl_model;
synth::Nmr clean() {
    synth::Nmr n("CDCl3", 400.0);
    synth::benzyl_diazepane(n);
    synth::solvents(n);
    return n;
}
// A first-order multiplet of `protons` added to the spectrum only: no picked lines, no multiplet
// record (as the picker leaves lines below its 5 sigma threshold).
void unpicked(synth::Nmr& n, double ppm, double protons, const std::vector<double>& j) {
    std::vector<std::pair<double, double>> lines{{0.0, 1.0}};
    for (double jj : j) {
        std::vector<std::pair<double, double>> next;
        for (auto [off, w] : lines) {
            next.push_back({off - jj / 2, w / 2});
            next.push_back({off + jj / 2, w / 2});
        }
        lines = next;
    }
    const double mhz = n.r.spectrum.spectrometer_mhz, w_ppm = n.line_hz / mhz;
    for (auto [off, w] : lines) n.line(ppm + off / mhz, protons * w / (std::numbers::pi / 2 * w_ppm), n.line_hz, false);
}
void vinyl(synth::Nmr& n, double ch, double e, double z, double h, double ja = 6.5) {
    n.multiplet(ch, h, {17.0, 10.2, ja, ja}, "ddt");
    n.multiplet(e, h, {17.0}, "d");
    n.multiplet(z, h, {10.2}, "d");
}
bool detected(const sc::ModalityResult& r) {
    return sc::merge_findings(sc::ByproductClass::hofmann, {r}).detected;
}
}  // namespace

TEST(HofmannSearch, ScanFindsAnUnpickedDdtAtItsCentre) {
    // A ddt of 0.0004 H: its lines are ~3 sigma (below the picker's 5), but the 16-line band
    // stands out of the noise by far more standard errors than any one line.
    auto n = clean();
    unpicked(n, 5.86, 0.0004, {17.0, 10.2, 6.5, 6.5});
    const auto hits = sc::detail::scan_multiplet(n.r, 5.6, 6.2, {17.0, 10.2, 6.5, 6.5}, 1.0, 4.0, 3, 3.0);
    ASSERT_FALSE(hits.empty());
    EXPECT_NEAR(hits.front().ppm, 5.86, 0.5 / 400.0);
    EXPECT_GT(hits.front().t, 10.0);
    // Noise alone: no centre reaches the threshold.
    const auto none = sc::detail::scan_multiplet(clean().r, 5.6, 6.2, {17.0, 10.2, 6.5, 6.5}, 1.0, 4.0, 3, 3.0);
    EXPECT_TRUE(none.empty());
}

TEST(HofmannSearch, WeakVinylBelowThePickerIsReadAsNAllyl) {
    // The whole N-allyl vinyl system unpicked (ddt lines ~3 sigma, =CH2 lines ~25 sigma but not in
    // the peak list): the matched-filter seeds find the =CH- and the =CH2 doublets, the joint fit
    // reads the system; its N-CH2 hides under the ring N-CH2 and no C-/O-allyl window has room.
    auto n = clean();
    unpicked(n, 5.86, 0.0004, {17.0, 10.2, 6.5, 6.5});
    unpicked(n, 5.19, 0.0004, {17.0});
    unpicked(n, 5.13, 0.0004, {10.2});
    const auto r = sc::hofmann_nmr(n.r, benzyl_model());
    EXPECT_NE(r.note.find("joint ddt"), std::string::npos) << r.note;
    EXPECT_TRUE(detected(r)) << r.note;
}

TEST(HofmannSearch, UnpickedBandWithoutTheVinylPatternIsNoAllyl) {
    // Specificity of the seeds: an unpicked ddd (J 15/8/4 Hz) at 5.90 and two d (J 7 Hz) at
    // 5.45 / 5.40 are no terminal vinyl system.
    auto n = clean();
    unpicked(n, 5.90, 0.0004, {15.0, 8.0, 4.0});
    unpicked(n, 5.45, 0.0004, {7.0});
    unpicked(n, 5.40, 0.0004, {7.0});
    const auto r = sc::hofmann_nmr(n.r, benzyl_model());
    EXPECT_FALSE(detected(r)) << r.note;
    EXPECT_EQ(r.note.find("N-allyl group:"), std::string::npos) << r.note;
}

TEST(HofmannSearch, AmmoniumFormVinylBesideAnotherCompoundsCh2IsNAllyl) {
    // Salt form: =CH2 at 5.49/5.43 (beyond every neutral allyl group), N+-CH2 under the ring
    // N+-CH2 multiplets; another compound's d (J 6.8 Hz, 2H against the =CH-) at 4.08 ppm, where
    // an O-allyl CH2 would lie, cannot be this system's allylic CH2.
    synth::Nmr n;
    n.multiplet(7.45, 5, {7.5, 7.5}, "m");
    n.multiplet(4.35, 2, {}, "s");
    n.multiplet(3.72, 4, {6.0, 6.0}, "m");
    n.multiplet(3.58, 4, {6.0, 6.0}, "m");
    n.multiplet(2.25, 2, {6.0, 6.0, 6.0, 6.0}, "quint");
    vinyl(n, 5.95, 5.49, 5.43, 0.1, 6.8);
    n.multiplet(4.08, 0.2, {6.8}, "d");
    const auto r = sc::hofmann_nmr(n.r, benzyl_model());
    EXPECT_TRUE(detected(r)) << r.note;
}

TEST(HofmannSearch, AllylEtherBesideTheNAllylByProductStillCalls) {
    // A crude with an allyl ether (=CH- 5.95, =CH2 5.28/5.18, O-CH2 d 4.00 ppm, J 6.2 Hz) and the
    // N-allyl by-product (=CH- 5.75, =CH2 5.12/5.06, N-CH2 d 3.05 ppm) at equal amounts: two
    // resolved vinyl systems, two allylic CH2 of the same size (each 2H against either =CH-), one
    // of them the N-CH2. The O-CH2 is claimed by the other system, so the N-allyl group is there.
    auto n = clean();
    vinyl(n, 5.95, 5.28, 5.18, 0.1, 6.2);
    n.multiplet(4.00, 0.2, {6.2}, "d");
    vinyl(n, 5.75, 5.12, 5.06, 0.1);
    n.multiplet(3.05, 0.2, {6.5}, "d");
    const auto r = sc::hofmann_nmr(n.r, benzyl_model());
    EXPECT_TRUE(detected(r)) << r.note;
    // The allyl ether alone stays a trap.
    auto t = clean();
    vinyl(t, 5.95, 5.28, 5.18, 0.1, 5.6);
    t.multiplet(4.00, 0.2, {5.6}, "d");
    const auto tr = sc::hofmann_nmr(t.r, benzyl_model());
    EXPECT_FALSE(detected(tr)) << tr.note;
}

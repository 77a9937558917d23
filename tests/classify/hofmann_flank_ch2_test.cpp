// Hofmann NMR, the allylic CH2 d read beside a much taller line (allylic_ch2.cpp, flank seeds): an
// allyl ether's O-CH2 d (J_allyl, 2H : 1H) on the flank of another compound's tall, broad line is
// read as the O-allyl group's CH2 (no Hofmann call), with the tall neighbour fitted as a column of its
// own; a pair of lines there whose splitting is not the vinyl system's J_allyl, or whose area is not
// 2H per =CH- H, is not read as that CH2.
#include <cmath>
#include <initializer_list>
#include <numbers>

#include <gtest/gtest.h>

#include "detectors.hpp"
#include "synthetic.hpp"

namespace sc = sidepeak::classify;

namespace {
using synth::benzyl_model;

constexpr double kVinylProtons = 0.1;  // per product H
constexpr double kTallPpm = 4.12;      // another compound's broad line (an ester OCH2 region)
constexpr double kTallFwhmHz = 18.0;
constexpr double kTallOverLine = 35.0;  // its height over one line of the CH2 d

// The benzyl diazepane product in CDCl3 (400 MHz) with a terminal vinyl group of free N-allyl shifts
// (=CH2 5.18/5.12), another compound's t at 3.95 ppm (room for an O-CH2), and a d of `protons` with
// splitting `j` Hz centred 20 Hz upfield of a tall broad line. The d's lines are picked at their raw
// heights, the neighbour's flank included (as a peak picker reports them).
synth::Nmr vinyl_with_flank_d(double protons, double j) {
    synth::Nmr n("CDCl3", 400.0);
    synth::benzyl_diazepane(n);
    synth::solvents(n);
    n.multiplet(5.88, kVinylProtons, {17.0, 10.2, 6.5, 6.5}, "ddt");
    n.multiplet(5.18, kVinylProtons, {17.0}, "d");
    n.multiplet(5.12, kVinylProtons, {10.2}, "d");
    n.multiplet(3.95, 0.6, {6.0, 6.0}, "t");
    const double mhz = n.r.spectrum.spectrometer_mhz;
    const double centre = kTallPpm - 20.0 / mhz;
    const double w_ppm = n.line_hz / mhz;
    const double h_line = 2 * kVinylProtons * 0.5 / (std::numbers::pi / 2 * w_ppm);  // a 2H d's line
    n.line(kTallPpm, kTallOverLine * h_line, kTallFwhmHz);
    const double h = protons * 0.5 / (std::numbers::pi / 2 * w_ppm);
    for (double off : {-j / 2, j / 2}) n.line(centre + off / mhz, h, n.line_hz, false);
    for (double off : {-j / 2, j / 2}) {
        const double ppm = centre + off / mhz;
        auto& s = n.r.spectrum;
        sidepeak::signal::Peak p;
        p.ppm = ppm;
        p.index = s.index_of(ppm);
        p.height = s.real[static_cast<std::size_t>(std::lround(p.index))];
        p.fwhm_hz = n.line_hz;
        p.area = std::numbers::pi / 2 * h * w_ppm;
        p.snr = p.height / n.r.noise;
        n.r.peaks.push_back(p);
    }
    return n;
}
bool detected(const sc::ModalityResult& r) {
    return sc::merge_findings(sc::ByproductClass::hofmann, {r}).detected;
}
}  // namespace

TEST(HofmannFlankCh2, ODoubletOnATallLinesFlankIsReadAsOAllyl) {
    // O-CH2 d (2H : 1H, J 6.5 Hz = the ddt's J_allyl) at 4.07 ppm on the tall line's flank.
    const auto n = vinyl_with_flank_d(2 * kVinylProtons, 6.5);
    const auto r = sc::hofmann_nmr(n.r, benzyl_model());
    EXPECT_FALSE(detected(r)) << r.note;
    EXPECT_NE(r.note.find("not N-allyl"), std::string::npos) << r.note;
}

TEST(HofmannFlankCh2, PairOfAnotherSplittingIsNotTheCh2) {
    // Two lines 3.5 Hz apart: not the vinyl system's J_allyl (6.5 Hz), no CH2 of it.
    const auto n = vinyl_with_flank_d(2 * kVinylProtons, 3.5);
    const auto r = sc::hofmann_nmr(n.r, benzyl_model());
    // Not read as an O-allyl CH2: the unplaced-CH2 reading (supportive) remains.
    EXPECT_EQ(r.note.find("not N-allyl"), std::string::npos) << r.note;
    EXPECT_NE(r.note.find("may be N-allyl"), std::string::npos) << r.note;
    EXPECT_NEAR(r.llr, 2.0 - std::log(2.0), 1e-9) << r.note;
}

TEST(HofmannFlankCh2, DoubletOfAnotherAreaIsNotTheCh2) {
    // A d of J_allyl holding 5H per =CH- H: another compound's d, not a 2H CH2.
    const auto n = vinyl_with_flank_d(5 * kVinylProtons, 6.5);
    const auto r = sc::hofmann_nmr(n.r, benzyl_model());
    EXPECT_EQ(r.note.find("not N-allyl"), std::string::npos) << r.note;
    EXPECT_NE(r.note.find("may be N-allyl"), std::string::npos) << r.note;
}

// Hofmann NMR, the allylic CH2 read outside the N-allyl windows: a band at a laboratory-impurity
// singlet (Fulmer 2010) whose allylic J is not resolved at the line width is not taken for a C-allyl
// CH2 (it is as well the impurity's singlet); a resolved q/dt there, or an unresolved band away from
// every impurity singlet, still is.
#include <gtest/gtest.h>

#include <numbers>

#include "detectors.hpp"
#include "synthetic.hpp"

namespace sc = sidepeak::classify;

namespace {
using synth::benzyl_model;
synth::Nmr clean(double line_hz) {
    synth::Nmr n("CDCl3", 400.0);
    n.line_hz = line_hz;
    synth::benzyl_diazepane(n);
    synth::solvents(n);
    return n;
}
void vinyl(synth::Nmr& n, double ch, double e, double z, double h) {
    n.multiplet(ch, h, {17.0, 10.2, 6.5, 6.5}, "ddt");
    n.multiplet(e, h, {17.0}, "d");
    n.multiplet(z, h, {10.2}, "d");
}
// A singlet of `protons` at FWHM `w_hz`, picked as one line.
void singlet(synth::Nmr& n, double ppm, double protons, double w_hz) {
    const double w_ppm = w_hz / n.r.spectrum.spectrometer_mhz;
    sidepeak::signal::Multiplet m;
    m.ppm = ppm;
    m.multiplicity = sidepeak::signal::Multiplicity::singlet();
    m.peaks.push_back(n.r.peaks.size());
    m.area = n.line(ppm, protons / (std::numbers::pi / 2 * w_ppm), w_hz);
    m.ppm_from = ppm + w_ppm;
    m.ppm_to = ppm - w_ppm;
    n.r.multiplets.push_back(m);
}
constexpr const char* kNotNAllyl = "not N-allyl";
constexpr const char* kSetAside = "laboratory-impurity singlet";
}  // namespace

TEST(HofmannImpurityBand, UnresolvedBandAtTolueneIsNotTheVinylsCh2) {
    // 14 Hz lines: J_allyl 6.5 Hz is below the Sparrow limit (8.1 Hz); the lump at 2.36 ppm (toluene
    // CH3 in CDCl3) reads as well as a q/dt as it does as the impurity's singlet.
    auto n = clean(14.0);
    vinyl(n, 5.98, 5.15, 5.03, 0.1);
    singlet(n, 2.36, 0.2, 24.0);
    const auto r = sc::hofmann_nmr(n.r, benzyl_model());
    EXPECT_EQ(r.note.find(kNotNAllyl), std::string::npos) << r.note;
    EXPECT_NE(r.note.find(kSetAside), std::string::npos) << r.note;
    EXPECT_GT(r.llr, 0.0) << r.note;
}

TEST(HofmannImpurityBand, UnresolvedBandAwayFromImpuritySingletsStaysACAllylCh2) {
    auto n = clean(14.0);
    vinyl(n, 5.98, 5.15, 5.03, 0.1);
    singlet(n, 2.26, 0.2, 24.0);
    const auto r = sc::hofmann_nmr(n.r, benzyl_model());
    EXPECT_NE(r.note.find(kNotNAllyl), std::string::npos) << r.note;
    EXPECT_LT(r.llr, 0.0) << r.note;
}

TEST(HofmannImpurityBand, ResolvedQdtAtTolueneStaysACAllylCh2) {
    // 1 Hz lines: the alkyl CH2's q/dt (J 6.5 and two 7 Hz) is resolved, so it is the vinyl's CH2
    // even where toluene's singlet would lie.
    auto n = clean(1.0);
    vinyl(n, 5.81, 5.00, 4.94, 0.1);
    n.multiplet(2.36, 0.2, {6.5, 7.0, 7.0}, "q");
    const auto r = sc::hofmann_nmr(n.r, benzyl_model());
    EXPECT_EQ(r.note.find(kSetAside), std::string::npos) << r.note;
    EXPECT_LT(r.llr, 0.0) << r.note;
}

// The broad component keeps the lines' core misfit out of the valleys between dense multiplets (the
// line-shape error is variance at the lines' cores, not along their whole Lorentzian wings), and a
// single-modality oligomer call needs its envelope above the broad residue of every other window of
// the N-CH2 width (src/classify/broad_component.cpp, oligomer_nmr.cpp).
#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "broad_component.hpp"
#include "detectors.hpp"
#include "nmr_tools.hpp"
#include "synthetic.hpp"

namespace sc = sidepeak::classify;
namespace ch = sidepeak::chem;

namespace {

double broad_area(const sc::detail::BroadComponent& bc, double from, double to) {
    double a = 0.0;
    for (std::size_t i = 0; i < bc.ppm.size(); ++i)
        if (bc.ppm[i] >= from && bc.ppm[i] <= to) a += bc.broad[i];
    return a * bc.ppm_per_bin;
}

}  // namespace

TEST(OligomerEnvelope, CoreMisfitStaysOutOfTheBroadComponent) {
    // The product at high signal-to-noise, its lines recorded 20 % narrower than drawn: the apex
    // misfit the fit reads as line-shape error eps. That error is variance at the lines' cores;
    // spread along their whole Lorentzian wings it down-weighted the valleys between the ring
    // N-CH2 triplets and the misfit came back as a broad component there (0.55 H of 170 H).
    synth::Nmr n;
    synth::benzyl_diazepane(n, 10.0);
    for (auto& p : n.r.peaks) p.fwhm_hz *= 0.8;
    const auto bare = sc::detail::broad_component(n.r);
    ASSERT_FALSE(bare.ppm.empty());
    EXPECT_LT(broad_area(bare, 2.0, 3.6), 0.2) << "broad area without an envelope";
    // An envelope of FWHM 150 Hz (8 H, ~4.5 % of the 1H area) under the same lines is kept.
    n.hump(2.75, 150.0, 8.0);
    const auto bc = sc::detail::broad_component(n.r);
    EXPECT_NEAR(broad_area(bc, 2.0, 3.6) - broad_area(bare, 2.0, 3.6), 8.0, 0.1 * 8.0);
}

TEST(OligomerEnvelope, StandaloneCallNeedsTheEnvelopeAboveOtherWindows) {
    // No reaction context: the envelope alone (>= 5 % of the 1H area beside amine N-CH2
    // multiplets) is a call of its own ...
    const ch::ReactionModel none;
    synth::Nmr n;
    synth::benzyl_diazepane(n);
    n.hump(2.75, 120.0, 1.4);
    const auto alone = sc::oligomer_nmr(n.r, none);
    EXPECT_GT(alone.llr, 1.0) << alone.note;
    EXPECT_FALSE(alone.corroborative_only) << alone.note;
    // ... but not when a window elsewhere (a broad feature at 5.9 ppm, outside every polyamine
    // and water window) holds more broad area than the N-CH2 window: then it is a weak sign.
    n.hump(5.9, 120.0, 1.8);
    const auto beside = sc::oligomer_nmr(n.r, none);
    EXPECT_TRUE(beside.corroborative_only) << beside.note;
}

TEST(OligomerEnvelope, ShownProductCallNeedsMostOfTheOtherWindowsResidue) {
    // The reaction context shows the product: an envelope of ~4 % of the 1H area (below the
    // standalone 5 %) under its N-CH2 is a call ...
    const auto model = ch::build_reaction_model({"C12H18N2", "BnBr"});
    synth::Nmr n;
    synth::benzyl_diazepane(n);
    n.hump(2.75, 120.0, 0.7);
    const auto shown = sc::oligomer_nmr(n.r, model);
    EXPECT_GT(shown.llr, 1.0) << shown.note;
    EXPECT_FALSE(shown.corroborative_only) << shown.note;
    // ... also beside a broad feature elsewhere (5.9 ppm) of about its own size ...
    synth::Nmr near = n;
    near.hump(5.9, 120.0, 0.75);
    const auto beside = sc::oligomer_nmr(near.r, model);
    EXPECT_FALSE(beside.corroborative_only) << beside.note;
    // ... but a supportive sign only when that window holds clearly more broad area (1.7x).
    n.hump(5.9, 120.0, 1.2);
    const auto below = sc::oligomer_nmr(n.r, model);
    EXPECT_TRUE(below.corroborative_only) << below.note;
    EXPECT_NE(below.note.find("weak sign"), std::string::npos) << below.note;
}

TEST(OligomerEnvelope, ResolvedRingTripletsKeepTheSpectrumsNarrowestEnvelope) {
    // A sharp matrix (1 Hz lines) and the product at 4.8 Hz lines whose ring N-CH2 triplets (3J 6
    // Hz) are still resolved: its multiplets are first-order patterns of resolved lines, so an
    // envelope under N-CH2 read as a ~40 Hz lobe (wider than a 32 Hz multiplet span + 2 of the
    // spectrum's lines, 34 Hz; narrower than 32 Hz + 2 of the product's, 41.5 Hz) is an envelope.
    const auto model = ch::build_reaction_model({"C12H18N2", "BnBr"});
    synth::Nmr n;
    for (int k = 0; k < 40; ++k) n.multiplet(4.2 + 0.1 * k, 0.5, {}, "s");
    n.line_hz = 4.8;
    synth::benzyl_diazepane(n);
    n.hump(2.75, 32.0, 1.5);
    const auto r = sc::oligomer_nmr(n.r, model);
    EXPECT_GT(r.llr, 1.0) << r.note;
    EXPECT_EQ(r.note.find("narrower than a multiplet"), std::string::npos) << r.note;
}

TEST(OligomerEnvelope, ProtonatedRingSetsTheAmmoniumWindowsBesideAMatrixAmine) {
    // 1-methyl-1,4-diazepane dihydrochloride in D2O (ring N+-CH2 3.47-3.72 ppm) beside a matrix
    // amine whose coupled CH2-CH2 triplets (2.70, 2.40 ppm) hold more area at 2.3-3.2 than the
    // product's at 3.2-3.9 ppm, which reads as a free base by the coupled areas alone. The
    // oligomer of the same medium is an ammonium: its envelope at 3.45 ppm lies under the
    // ammonium N-CH2 window 2.9-3.9, read from the product's own protonated ring.
    const auto model = ch::build_reaction_model({"C6H14N2", "MeI"});
    synth::Nmr n("D2O");
    synth::methyl_diazepane_salt(n);
    n.multiplet(2.70, 2, {7.0, 7.0}, "t", 6.0);
    n.multiplet(2.40, 2, {7.0, 7.0}, "t", 6.0);
    n.hump(3.45, 150.0, 1.6);
    const auto r = sc::oligomer_nmr(n.r, model);
    EXPECT_GT(r.llr, 1.0) << r.note;
    EXPECT_NE(r.note.find("2.9-3.9 ppm"), std::string::npos) << r.note;
}

TEST(OligomerEnvelope, WithoutContextTheSpectrumsOwnProductRingIsShown) {
    // No reaction context, but the spectrum shows a mono-benzyl diazepane (ring C6-H2, ring N-CH2
    // and the benzyl CH2 singlet in ratio): the product is visible from the spectrum itself, so an
    // envelope of ~4 % of the 1H area under its N-CH2 (below the standalone 5 %) is a call, as it
    // is with the context stated, and not only a weak sign.
    const ch::ReactionModel none;
    synth::Nmr n;
    synth::benzyl_diazepane(n);
    n.hump(2.75, 120.0, 0.4);
    const auto r = sc::oligomer_nmr(n.r, none);
    EXPECT_GT(r.llr, 1.0) << r.note;
    EXPECT_FALSE(r.corroborative_only) << r.note;
    EXPECT_NE(r.note.find("mono-benzyl diazepane"), std::string::npos) << r.note;
}

TEST(OligomerEnvelope, BroadEnvelopeFromFivePercentOfTheProductRing) {
    // The product (17 H, ring N-CH2 8 H) beside a sharp matrix (13 H of singlets): an envelope of
    // 0.6 H (7.5 % of the ring N-CH2, 2 % of the 1H area, below the 3 % limit and the 10 % of the
    // ring) read as one lobe of 120 Hz, several terms of the fit's dictionary, is no band of one
    // unresolved multiplet: from 5 % of the ring N-CH2 it is a call ...
    const auto model = ch::build_reaction_model({"C12H18N2", "BnBr"});
    synth::Nmr n;
    for (int k = 0; k < 10; ++k) n.multiplet(6.2 + 0.3 * k, 1.3, {}, "s");
    synth::benzyl_diazepane(n);
    synth::Nmr narrow = n;
    n.hump(2.75, 120.0, 0.6);
    const auto broad = sc::oligomer_nmr(n.r, model);
    EXPECT_GT(broad.llr, 1.0) << broad.note;
    EXPECT_FALSE(broad.corroborative_only) << broad.note;
    // ... but the same area as a lobe of one term (38 Hz, the fit's shape of an unresolved band)
    // still needs 10 % of the ring N-CH2.
    narrow.hump(2.75, 38.0, 0.6);
    const auto one_term = sc::oligomer_nmr(narrow.r, model);
    EXPECT_LT(one_term.llr, 0.0) << one_term.note;
}

TEST(OligomerEnvelope, BroadComponentAboveTheSpectrumIsNoSignal) {
    // A 50 Hz Gaussian broad component (400 MHz) read from the fit, against two spectra: one that
    // holds it (a floor of its own shape plus a sharp line on top) and one whose valley between
    // two wide bands drops to a fifth of it (the fit's terms overshooting that valley).
    const double mhz = 400.0, sigma_hz = 50.0 / 2.3548;
    sidepeak::signal::NmrResult nmr;
    nmr.spectrum.spectrometer_mhz = mhz;
    nmr.spectrum.ppm_first = 3.2;
    nmr.spectrum.ppm_last = 2.2;
    const std::size_t n = 2001;
    auto gauss = [&](double ppm) {
        const double d = (ppm - 2.72) * mhz / sigma_hz;
        return 1e6 * std::exp(-0.5 * d * d);
    };
    sc::detail::BroadComponent bc;
    for (std::size_t i = 0; i < 400; ++i) {
        bc.ppm.push_back(3.2 - 0.0025 * static_cast<double>(i));
        bc.hump.push_back(gauss(bc.ppm.back()));
    }
    const std::vector<bool> all(bc.ppm.size(), true);
    nmr.spectrum.real.resize(n);
    for (std::size_t i = 0; i < n; ++i) {
        const double ppm = nmr.spectrum.ppm_at(static_cast<double>(i));
        const double line = 3e6 / (1.0 + std::pow((ppm - 2.75) * mhz / 2.0, 2.0));
        nmr.spectrum.real[i] = gauss(ppm) + line;
    }
    EXPECT_LT(sc::detail::share_above_spectrum(nmr, bc, all, 1e3), 0.01);
    for (std::size_t i = 0; i < n; ++i) {
        const double ppm = nmr.spectrum.ppm_at(static_cast<double>(i));
        if (std::abs(ppm - 2.72) < 0.04) nmr.spectrum.real[i] = 0.2 * gauss(ppm);
    }
    EXPECT_GT(sc::detail::share_above_spectrum(nmr, bc, all, 1e3), 0.3);
}

TEST(OligomerEnvelope, LobeCentredOnATallSingletIsItsFoot) {
    // No reaction context: the product beside a tall 3 H singlet at 2.45 ppm (inside the free
    // base's N-CH2 window). A 120 Hz band of 1.6 H (7 % of the 1H area) centred on that singlet is
    // the line's own base (the shimming "hump"), not an envelope ...
    const ch::ReactionModel none;
    synth::Nmr n;
    n.line_hz = 3.0;
    synth::benzyl_diazepane(n);
    n.multiplet(2.45, 3, {}, "s");
    synth::Nmr apart = n;
    n.hump(2.45, 120.0, 1.6);
    const auto foot = sc::oligomer_nmr(n.r, none);
    EXPECT_LT(foot.llr, 0.0) << foot.note;
    // ... while the same band under the ring N-CH2, away from the singlet, is a call.
    apart.hump(2.75, 120.0, 1.6);
    const auto envelope = sc::oligomer_nmr(apart.r, none);
    EXPECT_GT(envelope.llr, 1.0) << envelope.note;
    EXPECT_FALSE(envelope.corroborative_only) << envelope.note;
}

TEST(OligomerEnvelope, ObservedShareIsWhereTheEnvelopeStandsAboveTheLines) {
    // A Gaussian envelope (FWHM 40 bins) under a cluster of lines 10x its height over its core
    // (+-20 bins) and nothing beyond: only its flanks beyond the cluster are seen.
    sc::detail::BroadComponent bc;
    for (int i = 0; i < 200; ++i) {
        const double d = (i - 100) / (40.0 / 2.3548);
        bc.ppm.push_back(3.0 - 0.005 * i);
        bc.hump.push_back(std::exp(-0.5 * d * d));
        bc.lines.push_back(std::abs(i - 100) <= 20 ? 10.0 : 0.0);
    }
    const std::vector<bool> all(bc.ppm.size(), true);
    const double flanks = sc::detail::observed_share(bc, all);
    EXPECT_GT(flanks, 0.15);
    EXPECT_LT(flanks, 0.35);  // a Gaussian holds 76 % of its area within +-1 FWHM / 2 x 1.0
    // The same envelope with the lines only on a narrow core (+-5 bins) is mostly seen ...
    for (int i = 0; i < 200; ++i) bc.lines[static_cast<std::size_t>(i)] = std::abs(i - 100) <= 5 ? 10.0 : 0.0;
    EXPECT_GT(sc::detail::observed_share(bc, all), 0.7);
    // ... and nothing is seen under lines everywhere; no envelope gives 0.
    for (auto& l : bc.lines) l = 10.0;
    EXPECT_DOUBLE_EQ(sc::detail::observed_share(bc, all), 0.0);
    EXPECT_DOUBLE_EQ(sc::detail::observed_share(bc, std::vector<bool>(bc.ppm.size(), false)), 0.0);
}

TEST(OligomerEnvelope, EnvelopeHiddenUnderTheProductsLinesIsAWeakSign) {
    // The product shown (reaction context) at 5 Hz lines, whose triplets (3J 6 Hz) fill their own
    // valleys: a 50 Hz band of 1 H lying wholly under its tall ring N-CH2 multiplet at 2.66 ppm
    // stands below the fitted lines over most of its area, which is where a product-only spectrum
    // leaves its lines' shape misfit: a supportive sign only ...
    const auto model = ch::build_reaction_model({"C12H18N2", "BnBr"});
    synth::Nmr hidden;
    hidden.line_hz = 5.0;
    synth::benzyl_diazepane(hidden);
    synth::Nmr shown = hidden;
    hidden.hump(2.66, 50.0, 1.0);
    const auto weak = sc::oligomer_nmr(hidden.r, model);
    EXPECT_TRUE(weak.corroborative_only) << weak.note;
    EXPECT_NE(weak.note.find("stands above the fitted sharp lines"), std::string::npos) << weak.note;
    // ... while a 250 Hz envelope of 2 H reaching beyond the multiplets is seen: a call. (One of
    // 150 Hz, as wide as the ring's multiplets at 400 MHz, is seen over a third of its area only.)
    shown.hump(2.75, 250.0, 2.0);
    const auto call = sc::oligomer_nmr(shown.r, model);
    EXPECT_GT(call.llr, 1.0) << call.note;
    EXPECT_FALSE(call.corroborative_only) << call.note;
}

TEST(OligomerEnvelope, RegionLineWidthIsTheWidthOfTheLinesHoldingItsArea) {
    // A sharp matrix (30 singlets of 1 Hz) sets the spectrum's typical width; the N-CH2 region
    // holds a broadened amine (three 18 Hz bands) beside five small sharp lines. The region's
    // width is that of the lines holding its area, which sets the narrowest envelope there.
    synth::Nmr n;
    for (int k = 0; k < 30; ++k) n.line(4.2 + 0.1 * k, 1.0, 1.0);
    for (int k = 0; k < 5; ++k) n.line(2.40 + 0.02 * k, 0.5, 2.0);
    n.line(2.90, 0.6, 18.0);
    n.line(2.66, 0.5, 17.0);
    n.line(2.57, 0.5, 19.0);
    EXPECT_NEAR(sc::detail::typical_line_hz(n.r), 1.0, 1e-9);
    EXPECT_NEAR(sc::detail::typical_line_hz(n.r, 2.3, 3.2, 40.0), 18.0, 1.0);
    // Lines at or above the cap (the fit's narrowest envelope) are not counted.
    EXPECT_NEAR(sc::detail::typical_line_hz(n.r, 2.3, 3.2, 16.0), 2.0, 1e-9);
    // Fewer than five lines: no width.
    EXPECT_DOUBLE_EQ(sc::detail::typical_line_hz(n.r, 2.5, 3.2, 40.0), 0.0);
}

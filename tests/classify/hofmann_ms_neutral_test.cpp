// Hofmann LC-MS: a single ion at the quaternary m/z that carries an adduct of a neutral -- [M+Na]+,
// [M+K]+ or [M+NH4]+ co-eluting -- is the protonated ring-opened amine, not the permanent cation
// (which shows M+ only); the same ion without such a partner says nothing of a Hofmann product, and
// a doubly charged partner is no sign either: it is also the quaternary's own [Q+H]2+.
#include <gtest/gtest.h>

#include "sidepeak/chem/constants.hpp"
#include "detectors.hpp"
#include "synthetic.hpp"

namespace sc = sidepeak::classify;
namespace ch = sidepeak::chem;

namespace {
using synth::benzyl_model;
const sc::ClassifierOptions kOpt{};

// The product with its Na adduct, and one ion at the tribenzyl quaternary m/z (371.2482): the
// ring-opened C26H30N2 [M+H]+ at 455 s.
synth::Ms product_and_isobar() {
    synth::Ms ms;
    ms.protonated("C12H18N2", 300, 1e6);
    ms.add(synth::mh("C12H18N2") + ch::kMassNa - ch::kMassH, 300.4, 1e5);
    ms.protonated("C26H30N2", 455, 6e4);
    return ms;
}
}  // namespace

TEST(HofmannMsNeutral, SingleIonWithoutAdductsIsNoHofmannProduct) {
    const auto ms = product_and_isobar();
    const auto r = sc::hofmann_ms(ms.r.features, benzyl_model(), kOpt);
    EXPECT_LT(r.llr, 0.0) << r.note;
}

TEST(HofmannMsNeutral, DoublyChargedPartnerIsAlsoTheQuaternarysOwn) {
    auto ms = product_and_isobar();
    const double m = synth::mh("C26H30N2") - ch::kProtonMass;
    ms.add((m + 2 * ch::kProtonMass) / 2, 455.5, 2e4, 0);  // [M+2H]2+ of the diamine = [Q+H]2+
    const auto r = sc::hofmann_ms(ms.r.features, benzyl_model(), kOpt);
    EXPECT_LT(r.llr, 0.0) << r.note;
}

TEST(HofmannMsNeutral, AmmoniumAdductMarksTheNeutral) {
    auto ms = product_and_isobar();
    ms.add(synth::mh("C26H30N2") + ch::kMassN + 3 * ch::kMassH, 454.8, 1e4);  // [M+NH4]+
    const auto r = sc::hofmann_ms(ms.r.features, benzyl_model(), kOpt);
    EXPECT_GT(r.llr, 1.0) << r.note;
}

TEST(HofmannMsNeutral, PartnerAtAnotherRetentionTimeDoesNotCount) {
    auto ms = product_and_isobar();
    const double m = synth::mh("C26H30N2") - ch::kProtonMass;
    ms.add((m + 2 * ch::kProtonMass) / 2, 520.0, 2e4, 0);  // same m/z, 65 s away: another compound
    const auto r = sc::hofmann_ms(ms.r.features, benzyl_model(), kOpt);
    EXPECT_LT(r.llr, 0.0) << r.note;
}

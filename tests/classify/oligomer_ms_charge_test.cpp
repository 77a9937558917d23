// Oligomer LC-MS: a repeat-unit series whose smaller members are seen as [M+H]+ and whose larger
// ones as [M+2H]2+ only is one series of neutral masses spaced by C5H12N2 (100.1000 Da); split by
// charge state it is two pairs, below the three members a series needs.
#include <gtest/gtest.h>

#include "sidepeak/chem/constants.hpp"
#include "sidepeak/chem/formula.hpp"
#include "detectors.hpp"
#include "synthetic.hpp"

namespace sc = sidepeak::classify;
namespace ch = sidepeak::chem;

namespace {
const ch::ReactionModel& diazepane_model() {
    static const ch::ReactionModel m = ch::build_reaction_model({"C5H12N2", ""});
    return m;
}
const sc::ClassifierOptions kOpt{};

// Methyl-ether-terminated linear oligomers H-(C5H12N2)n-OCH3 (not among the route's predicted
// species, so only the series can call them), n = 1, 2 as [M+H]+ and n = 3, 4 as [M+2H]2+ only; `shift` (Da) moves the doubly charged ions.
synth::Ms mixed_series(double shift) {
    synth::Ms ms;
    ms.protonated("C5H12N2", 60, 1e6);  // the amine itself
    for (int n = 1; n <= 4; ++n) {
        const double m = (ch::Formula("C5H12N2") * n + ch::Formula("CH4O")).monoisotopic_mass();
        const double rt = 80.0 + 12.0 * n;
        if (n <= 2) ms.add(m + ch::kProtonMass, rt, 2e5 / n, 1);
        else ms.add((m + 2 * ch::kProtonMass) / 2 + shift, rt, 1e5, 2);
    }
    return ms;
}
}  // namespace

TEST(OligomerMsCharge, SeriesAcrossChargeStatesIsOneSeries) {
    const auto ms = mixed_series(0.0);
    const auto r = sc::oligomer_ms(ms.r.features, diazepane_model(), kOpt);
    EXPECT_GT(r.llr, 2.0) << r.note;
    EXPECT_NE(r.note.find("several charge states"), std::string::npos) << r.note;
    EXPECT_NE(r.note.find("4 ions"), std::string::npos) << r.note;
}

TEST(OligomerMsCharge, DoublyChargedIonsOffTheSeriesMassAreNoMembers) {
    const auto ms = mixed_series(0.02);  // 0.04 Da off in neutral mass: ~100-200 ppm
    const auto r = sc::oligomer_ms(ms.r.features, diazepane_model(), kOpt);
    EXPECT_LE(r.llr, 0.0) << r.note;
}

// The linear chain whose 3-bromopropyl end was hydrolysed, H-(C5H12N2)n-OH, is one of the route's
// predicted oligomers (targeted_ions.hpp, route_oligomers): its [M+H]+ alone is a predicted
// oligomer ion (a supportive sign), not "no repeat-unit series".
TEST(OligomerMsCharge, HydrolysedLinearDimerIsAPredictedOligomerIon) {
    synth::Ms ms;
    ms.protonated("C5H12N2", 60, 1e6);
    const double dimer = (ch::Formula("C5H12N2") * 2 + ch::Formula("H2O")).monoisotopic_mass();
    ms.add(dimer + ch::kProtonMass, 95.0, 2e5, 1);
    const auto r = sc::oligomer_ms(ms.r.features, diazepane_model(), kOpt);
    EXPECT_NE(r.note.find("predicted oligomer ion"), std::string::npos) << r.note;
    EXPECT_GT(r.llr, 0.0) << r.note;
}

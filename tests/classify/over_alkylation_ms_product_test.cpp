// Over-alkylation, LC-MS: the product ion the ladder is anchored on.
#include <gtest/gtest.h>

#include "sidepeak/chem/reaction_model.hpp"
#include "detectors.hpp"
#include "synthetic.hpp"

namespace sc = sidepeak::classify;
namespace ch = sidepeak::chem;

// A model naming a second product species that the run does not show keeps the product ion it
// did match (the ladder's anchor and its evidence); a later unmatched product does not replace it.
TEST(OverAlkylationMs, UnmatchedSecondProductKeepsTheMatchedOne) {
    ch::ReactionModel m = ch::build_reaction_model({"C12H18N2", "BnBr"});
    ch::Species extra;
    extra.name = "second product (not in the run)";
    extra.role = ch::SpeciesRole::product;
    extra.formula = ch::Formula("C30H50N2");
    m.species.push_back(extra);
    synth::Ms ms;
    ms.protonated("C12H18N2", 300, 1e6);
    const auto r = sc::over_alkylation_ms(ms.r.features, m, sc::ClassifierOptions{});
    ASSERT_TRUE(r.checked);
    EXPECT_NE(r.note.find("shows the product at m/z 191.15"), std::string::npos) << r.note;
    bool product_evidence = false;
    for (const auto& e : r.evidence) product_evidence = product_evidence || e.formula == "C12H18N2";
    EXPECT_TRUE(product_evidence);
}

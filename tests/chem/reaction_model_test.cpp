#include "sidepeak/chem/reaction_model.hpp"

#include <cmath>

#include <gtest/gtest.h>

#include "sidepeak/chem/adducts.hpp"
#include "sidepeak/core/error.hpp"

namespace sc = sidepeak::chem;

namespace {
double round4(double v) { return std::round(v * 1e4) / 1e4; }
double mh(const sc::Formula& f) { return sc::adduct_mz(f.monoisotopic_mass(), sc::find_adduct("[M+H]+")); }
const sc::Species* find(const sc::ReactionModel& m, sc::SpeciesRole role, int alkylations) {
    for (const auto* s : m.of_role(role)) {
        if (s->alkylations == alkylations) return s;
    }
    return nullptr;
}
}  // namespace

TEST(ReactionModel, BenzylLadderFromProduct) {
    const auto m = sc::build_reaction_model({"C12H18N2", "BnBr"});
    ASSERT_TRUE(m.increment.has_value());
    EXPECT_EQ(m.increment->to_string(), "C7H6");
    EXPECT_EQ(m.product_alkylations, 1);
    EXPECT_EQ(m.starting_amine, sc::diazepane());
    const auto* di = find(m, sc::SpeciesRole::over_alkylated, 2);
    ASSERT_NE(di, nullptr);
    EXPECT_EQ(di->formula.to_string(), "C19H24N2");
    EXPECT_DOUBLE_EQ(round4(mh(di->formula)), 281.2012);
    const auto* quat = find(m, sc::SpeciesRole::quaternary, 3);
    ASSERT_NE(quat, nullptr);
    EXPECT_EQ(quat->formula.to_string(), "C26H31N2+");
    EXPECT_DOUBLE_EQ(round4(quat->formula.mz()), 371.2482);
    const auto* ox = find(m, sc::SpeciesRole::n_oxide, 1);
    ASSERT_NE(ox, nullptr);
    EXPECT_DOUBLE_EQ(round4(mh(ox->formula)), 207.1492);
    // Hofmann ring opening: the neutral's [M+H]+ equals the quaternary cation's m/z.
    const auto ring = m.of_role(sc::SpeciesRole::hofmann_ring_opened);
    ASSERT_EQ(ring.size(), 1u);
    EXPECT_NEAR(mh(ring[0]->formula), quat->formula.mz(), 2e-7);
    // Benzyl has no beta-H: no alkene loss.
    EXPECT_TRUE(m.of_role(sc::SpeciesRole::hofmann_alkene_loss).empty());
    EXPECT_EQ(m.ladder_increments.size(), 1u);
    ASSERT_EQ(m.repeat_units.size(), 1u);
    EXPECT_NEAR(m.repeat_units[0].monoisotopic_mass(), 100.1000, 1e-4);
}

TEST(ReactionModel, ReagentNamesAndFormulas) {
    EXPECT_EQ(sc::find_reagent("MeI")->increment, "CH2");
    EXPECT_EQ(sc::find_reagent("  benzyl bromide ")->increment, "C7H6");
    EXPECT_EQ(sc::find_reagent("C5H4S")->name, "2-thienylmethyl");
    EXPECT_EQ(sc::find_reagent("boc2o")->increment, "C5H8O2");
    EXPECT_EQ(sc::find_reagent("unobtainium"), nullptr);
    const auto m = sc::build_reaction_model({"", "C3H4"});  // propargyl-like increment not in the table
    EXPECT_EQ(m.reagent_name, "C3H4");
    EXPECT_EQ(m.product->to_string(), "C8H16N2");
    EXPECT_THROW(sc::build_reaction_model({"", "unobtainium bromide"}), sidepeak::UsageError);
    EXPECT_THROW(sc::build_reaction_model({"C12H19N2+", ""}), sidepeak::UsageError);
}

TEST(ReactionModel, InfersReagentFromProduct) {
    const auto m = sc::build_reaction_model({"C13H19FN2O", ""});
    ASSERT_NE(m.reagent, nullptr);
    EXPECT_EQ(m.reagent->name, "2-(4-fluorophenoxy)ethyl");
    EXPECT_EQ(m.increment_origin, sc::PartOrigin::derived);
    EXPECT_EQ(m.product_origin, sc::PartOrigin::given);
    // Fluorophenoxyethyl has a beta-H: the quat can lose 4-fluorophenyl vinyl ether, which gives
    // back the dialkylated amine.
    const auto loss = m.of_role(sc::SpeciesRole::hofmann_alkene_loss);
    ASSERT_EQ(loss.size(), 1u);
    EXPECT_EQ(loss[0]->formula, find(m, sc::SpeciesRole::over_alkylated, 2)->formula);
}

TEST(ReactionModel, EthylAndMethylAndBoc) {
    const auto et = sc::build_reaction_model({"", "ethyl iodide"});
    EXPECT_EQ(et.of_role(sc::SpeciesRole::hofmann_alkene_loss).size(), 1u);
    const auto me = sc::build_reaction_model({"C7H16N2", "MeI"});  // 1,4-dimethyl
    EXPECT_EQ(me.product_alkylations, 2);
    EXPECT_EQ(me.of_role(sc::SpeciesRole::intermediate).size(), 1u);
    EXPECT_TRUE(me.of_role(sc::SpeciesRole::over_alkylated).empty());
    EXPECT_EQ(me.of_role(sc::SpeciesRole::quaternary).front()->formula.to_string(), "C8H19N2+");
    const auto boc = sc::build_reaction_model({"C10H20N2O2", "Boc"});
    EXPECT_TRUE(boc.of_role(sc::SpeciesRole::quaternary).empty());
    EXPECT_EQ(boc.of_role(sc::SpeciesRole::over_alkylated).front()->formula.to_string(), "C15H28N2O4");
}

TEST(ReactionModel, UnknownContextSearchesCommonIncrements) {
    const auto m = sc::build_reaction_model({"", ""});
    EXPECT_FALSE(m.increment.has_value());
    EXPECT_EQ(m.ladder_increments.size(), sc::reagent_table().size());
    EXPECT_EQ(m.of_role(sc::SpeciesRole::starting_amine).size(), 1u);
    EXPECT_EQ(m.of_role(sc::SpeciesRole::n_oxide).size(), 1u);
    EXPECT_FALSE(m.of_role(sc::SpeciesRole::oligomer).empty());
    const auto bg = sc::background_repeat_units();
    EXPECT_NEAR(bg[0].monoisotopic_mass(), 44.0262, 1e-4);
    EXPECT_NEAR(bg[1].monoisotopic_mass(), 74.0188, 1e-4);
}

TEST(ReactionModel, OtherStartingAmine) {
    // 1-benzylpiperazine from piperazine (C4H10N2): not diazepane-based.
    const auto m = sc::build_reaction_model({"C11H16N2", "benzyl"});
    EXPECT_EQ(m.starting_amine.to_string(), "C4H10N2");
    EXPECT_EQ(m.product_alkylations, 1);
    EXPECT_TRUE(m.repeat_units.empty());
}

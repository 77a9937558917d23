// How each part of the reaction model was obtained: given, assumed (1,4-diazepane as the starting
// amine), derived from the other given part, or absent.
#include <gtest/gtest.h>

#include "sidepeak/chem/reaction_model.hpp"

namespace sc = sidepeak::chem;

TEST(PartOrigin, BothGivenOnTheDiazepane) {
    const auto m = sc::build_reaction_model({"C12H18N2", "benzyl"});
    EXPECT_EQ(m.product_origin, sc::PartOrigin::given);
    EXPECT_EQ(m.increment_origin, sc::PartOrigin::given);
    EXPECT_EQ(m.start_origin, sc::PartOrigin::assumed);
}

TEST(PartOrigin, ReagentAloneDerivesTheMonoSubstitutedProduct) {
    const auto m = sc::build_reaction_model({"", "MeI"});
    EXPECT_EQ(m.increment_origin, sc::PartOrigin::given);
    EXPECT_EQ(m.product_origin, sc::PartOrigin::derived);
    ASSERT_TRUE(m.product.has_value());
    EXPECT_EQ(m.product->to_string(), "C6H14N2");
}

TEST(PartOrigin, ProductAloneDerivesTheFirstTableIncrementThatReachesIt) {
    const auto m = sc::build_reaction_model({"C12H18N2", ""});
    EXPECT_EQ(m.product_origin, sc::PartOrigin::given);
    EXPECT_EQ(m.increment_origin, sc::PartOrigin::derived);
    ASSERT_NE(m.reagent, nullptr);
    EXPECT_EQ(m.reagent->name, "benzyl");
}

TEST(PartOrigin, AnotherAmineDerivesTheStartingAmine) {
    // 1-benzylpiperazine C11H16N2 is not 1,4-diazepane plus benzyls: the start is the product less
    // one increment, piperazine C4H10N2.
    const auto m = sc::build_reaction_model({"C11H16N2", "benzyl"});
    EXPECT_EQ(m.start_origin, sc::PartOrigin::derived);
    EXPECT_EQ(m.starting_amine.to_string(), "C4H10N2");
}

TEST(PartOrigin, NothingGivenLeavesBothAbsent) {
    const auto m = sc::build_reaction_model({"", ""});
    EXPECT_EQ(m.product_origin, sc::PartOrigin::absent);
    EXPECT_EQ(m.increment_origin, sc::PartOrigin::absent);
    EXPECT_EQ(sc::part_origin_name(sc::PartOrigin::derived), "derived");
}

// Reagent inference from a product formula: C7H16N2 is 1-ethyl- or 1,4-dimethyl-1,4-diazepane;
// the NMR sign counts the reagent's group by its own multiplicity, so an ethyl product's N-CH2
// quartet and ring N-CH2 multiplets in the N-CH3 window are no methyl groups.
#include <gtest/gtest.h>

#include "infer_context.hpp"
#include "synthetic.hpp"

namespace sc = sidepeak::classify;

namespace {
// 1-ethyl-1,4-diazepane in CDCl3: CH3 t 1.05, N-CH2 q 2.40 (1-ethylpiperazine 2.40, Pretsch),
// the alkylated side's ring N-CH2 at 2.44 and the NH side's at 2.9, C6-H2 quintet 1.76.
synth::Nmr ethyl_diazepane() {
    synth::Nmr n;
    n.multiplet(2.92, 2, {6.0, 6.0}, "t");
    n.multiplet(2.86, 2, {6.0, 6.0}, "t");
    n.multiplet(2.44, 4, {6.0, 6.0}, "m");
    n.multiplet(2.40, 2, {7.2, 7.2, 7.2}, "q");
    n.multiplet(1.76, 2, {6.0, 6.0, 6.0, 6.0}, "quint");
    n.multiplet(1.05, 3, {7.2, 7.2}, "t");
    synth::solvents(n);
    return n;
}
}  // namespace

TEST(InferReagent, EthylProductIsNotReadAsDimethylFromItsQuartet) {
    // An ion of the methyl ladder (1-methyl-1,4-diazepane, [M+H]+) gives methylation one LC-MS
    // point; the NMR shows an ethyl CH3 triplet and no N-CH3 singlet, so ethyl keeps the NMR sign
    // and methyl has none.
    const auto n = ethyl_diazepane();
    synth::Ms ms;
    ms.protonated("C6H14N2", 120.0, 1e5);
    const auto choice = sc::detail::infer_reagent("C7H16N2", &n.r, ms.r.features, sc::ClassifierOptions{});
    ASSERT_NE(choice.reagent, nullptr);
    EXPECT_EQ(choice.reagent->name, "ethyl") << choice.why;
    EXPECT_NE(choice.why.find("N-CH2CH3 t"), std::string::npos) << choice.why;
}

TEST(InferReagent, DimethylProductKeepsItsSingletSign) {
    // 1,4-dimethyl-1,4-diazepane: the N-CH3 singlet (6H) gives two methyls per ring.
    synth::Nmr n;
    n.multiplet(2.62, 8, {6.0, 6.0}, "m");
    n.multiplet(2.35, 6, {}, "s");
    n.multiplet(1.76, 2, {6.0, 6.0, 6.0, 6.0}, "quint");
    synth::solvents(n);
    const auto choice = sc::detail::infer_reagent("C7H16N2", &n.r, {}, sc::ClassifierOptions{});
    ASSERT_NE(choice.reagent, nullptr);
    EXPECT_EQ(choice.reagent->name, "methyl") << choice.why;
}

#include "sidepeak/signal/adducts.hpp"

#include <cmath>

#include <gtest/gtest.h>

#include "sidepeak/signal/lcms_pipeline.hpp"
#include "synthetic_lcms.hpp"

namespace sidepeak::signal {
namespace {

double ppm(double a, double b) { return (a - b) / b * 1e6; }

const Feature* at(const std::vector<Feature>& fs, const test::ExpectedIon& e) {
    for (const auto& f : fs) {
        if (std::abs(ppm(f.mz, e.mz)) <= 3.0 && std::abs(f.rt_s - e.rt_s) <= 2.0) return &f;
    }
    return nullptr;
}

TEST(Adducts, CoElutingIonsOfOneNeutralShareAGroup) {
    const auto syn = test::make_synthetic_run(test::standard_compounds());
    const auto result = process_lcms(syn.run);
    std::vector<const Feature*> fs;
    for (const auto& e : syn.expected) {
        fs.push_back(at(result.features, e));
        ASSERT_NE(fs.back(), nullptr) << e.adduct << " " << e.mz;
    }
    // Compound 0: [M+H]+ and [M+Na]+; compound 1: [M+H]+ and [M+2H]2+.
    for (std::size_t k : {0u, 1u, 2u, 3u}) {
        const auto& e = syn.expected[k];
        EXPECT_EQ(fs[k]->adduct, e.adduct) << k;
        EXPECT_GE(fs[k]->group, 0) << k;
        EXPECT_LT(std::abs(ppm(fs[k]->neutral_mass, e.neutral_mass)), 3.0) << k;
    }
    EXPECT_EQ(fs[0]->group, fs[1]->group);
    EXPECT_EQ(fs[2]->group, fs[3]->group);
    EXPECT_NE(fs[0]->group, fs[2]->group);
    // The unrelated compound eluting one second after compound 0 stays out of its group, and
    // single ions stay ungrouped.
    EXPECT_NE(fs[5]->group, fs[0]->group);
    EXPECT_EQ(fs[4]->group, -1);
    EXPECT_TRUE(fs[4]->adduct.empty());
}

TEST(Adducts, InSourceWaterLossJoinsItsPrecursor) {
    std::vector<test::SyntheticCompound> cs{
        {"C10H15NO", 100.0, 3.0, 1e6, {{"[M+H]+", 1.0}, {"[M+H-H2O]+", 0.5}, {"[M+K]+", 0.1}}}};
    const auto syn = test::make_synthetic_run(cs);
    const auto result = process_lcms(syn.run);
    std::vector<const Feature*> fs;
    for (const auto& e : syn.expected) {
        fs.push_back(at(result.features, e));
        ASSERT_NE(fs.back(), nullptr) << e.adduct;
        EXPECT_EQ(fs.back()->adduct, e.adduct);
    }
    EXPECT_EQ(fs[0]->group, fs[1]->group);
    EXPECT_EQ(fs[0]->group, fs[2]->group);
}

TEST(Adducts, DifferentElutionTimesAreNotGrouped) {
    // [M+H]+ and [M+Na]+ masses of one neutral but 20 s apart: two compounds, no group.
    std::vector<test::SyntheticCompound> cs{{"C12H18N2", 100.0, 3.0, 1e6, {{"[M+H]+", 1.0}}},
                                            {"C12H18N2", 120.0, 3.0, 1e6, {{"[M+Na]+", 1.0}}}};
    const auto syn = test::make_synthetic_run(cs);
    const auto result = process_lcms(syn.run);
    for (const auto& e : syn.expected) {
        const Feature* f = at(result.features, e);
        ASSERT_NE(f, nullptr);
        EXPECT_EQ(f->group, -1);
    }
}

}  // namespace
}  // namespace sidepeak::signal

#include "calibration.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

namespace sp = sidepeak::spikein;

TEST(Platt, RecoversKnownCoefficients) {
    // Outcomes drawn from p = logistic(1.6 llr - 0.8) over llr in [-4, 4].
    std::mt19937_64 gen(7);
    std::uniform_real_distribution<double> x(-4.0, 4.0), u(0.0, 1.0);
    std::vector<double> llr;
    std::vector<bool> present;
    for (int i = 0; i < 40000; ++i) {
        const double v = x(gen);
        llr.push_back(v);
        present.push_back(u(gen) < 1.0 / (1.0 + std::exp(-(1.6 * v - 0.8))));
    }
    const auto fit = sp::fit_platt(llr, present);
    EXPECT_TRUE(fit.converged);
    EXPECT_NEAR(fit.a, 1.6, 0.06);
    EXPECT_NEAR(fit.b, -0.8, 0.06);
}

TEST(Platt, SeparatedSetsStayFinite) {
    const auto fit = sp::fit_platt({-2, -1, 1, 2}, {false, false, true, true});
    EXPECT_TRUE(std::isfinite(fit.a));
    EXPECT_TRUE(std::isfinite(fit.b));
    EXPECT_GT(fit.a, 0.0);
}

TEST(Platt, EmptyInputKeepsTheIdentity) {
    const auto fit = sp::fit_platt({}, {});
    EXPECT_EQ(fit.a, 1.0);
    EXPECT_EQ(fit.b, 0.0);
}

TEST(Platt, ConstantEvidenceGivesTheBaseRate) {
    // Every finding carries the same evidence: the fit can only learn the base rate (3 of 10).
    std::vector<double> llr(10, -0.7);
    std::vector<bool> present = {true, true, true, false, false, false, false, false, false, false};
    const auto fit = sp::fit_platt(llr, present);
    ASSERT_TRUE(std::isfinite(fit.a) && std::isfinite(fit.b));
    const double p = 1.0 / (1.0 + std::exp(-(fit.a * -0.7 + fit.b)));
    // The smoothed targets (Lin, Lin & Weng 2007) pull the rate slightly towards 1/2: 0.318.
    EXPECT_NEAR(p, 0.32, 0.03);
}

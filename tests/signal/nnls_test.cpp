#include "sidepeak/signal/nnls.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <stdexcept>

namespace sg = sidepeak::signal;

namespace {
sg::Atom bump(std::size_t first, std::size_t n, double centre, double width) {
    sg::Atom a;
    a.first = first;
    for (std::size_t i = 0; i < n; ++i) {
        const double d = (static_cast<double>(first + i) - centre) / width;
        a.values.push_back(std::exp(-d * d));
    }
    return a;
}
}  // namespace

TEST(Nnls, RecoversANonNegativeCombination) {
    std::vector<sg::Atom> atoms;
    for (std::size_t c = 10; c < 190; c += 10) atoms.push_back(bump(c - 10, 20, static_cast<double>(c), 4.0));
    std::vector<double> truth(atoms.size(), 0.0);
    truth[3] = 2.0;
    truth[4] = 0.5;
    truth[11] = 1.0;
    const auto y = sg::synthesise(atoms, truth, 200);
    const auto g = sg::gram(atoms);
    const auto r = sg::nnls_gram(g, sg::correlate(atoms, y));
    EXPECT_TRUE(r.converged);
    for (std::size_t j = 0; j < truth.size(); ++j) EXPECT_NEAR(r.x[j], truth[j], 1e-3) << j;
}

TEST(Nnls, SatisfiesTheKktConditionsWhenTheBoundIsActive) {
    // y has a negative part that no non-negative atom can fit: the solution sits on the bound
    // there, with a non-negative gradient (Lawson & Hanson 1974, ch. 23).
    std::vector<sg::Atom> atoms = {bump(0, 40, 10.0, 5.0), bump(0, 40, 20.0, 5.0), bump(0, 40, 30.0, 5.0)};
    std::vector<double> y(40, 0.0);
    for (std::size_t i = 0; i < 40; ++i) y[i] = std::exp(-std::pow((static_cast<double>(i) - 10.0) / 5.0, 2)) - 0.5 * std::exp(-std::pow((static_cast<double>(i) - 30.0) / 5.0, 2));
    const auto g = sg::gram(atoms);
    const auto b = sg::correlate(atoms, y);
    const auto r = sg::nnls_gram(g, b);
    ASSERT_TRUE(r.converged);
    for (std::size_t j = 0; j < atoms.size(); ++j) {
        double grad = g.diag[j] * r.x[j] - b[j];
        for (std::size_t k = g.start[j]; k < g.start[j + 1]; ++k) grad += g.value[k] * r.x[g.row[k]];
        EXPECT_GE(r.x[j], 0.0);
        if (r.x[j] > 1e-9) EXPECT_NEAR(grad, 0.0, 1e-6) << j;
        else EXPECT_GE(grad, -1e-6) << j;
    }
    EXPECT_EQ(r.x[2], 0.0);
}

TEST(Nnls, FreeCoordinatesMayGoNegativeAndFrozenOnesStay) {
    std::vector<sg::Atom> atoms = {bump(0, 30, 15.0, 6.0)};
    std::vector<double> y(30);
    for (std::size_t i = 0; i < 30; ++i) y[i] = -2.0 * atoms[0].values[i];
    const auto g = sg::gram(atoms);
    const std::vector<double> lower = {sg::kFree};
    EXPECT_NEAR(sg::nnls_gram(g, sg::correlate(atoms, y), lower).x[0], -2.0, 1e-9);
    EXPECT_EQ(sg::nnls_gram(g, sg::correlate(atoms, y)).x[0], 0.0);
    const std::vector<double> x0 = {1.0};
    EXPECT_EQ(sg::nnls_gram(g, sg::correlate(atoms, y), lower, x0, std::vector<bool>{false}).x[0], 1.0);
    EXPECT_THROW(sg::nnls_gram(g, std::vector<double>{1.0, 2.0}), std::invalid_argument);
}

TEST(Nnls, WeightsEnterTheGram) {
    std::vector<sg::Atom> atoms = {bump(0, 10, 5.0, 3.0)};
    const std::vector<double> w(10, 2.0);
    EXPECT_NEAR(sg::gram(atoms, w).diag[0], 2.0 * sg::gram(atoms).diag[0], 1e-12);
}

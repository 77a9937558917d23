// The detectors' percent text (percent_text.hpp) and the N-oxide search's starting LLR
// (n_oxide_search.hpp), on values whose answers are known.
#include <gtest/gtest.h>

#include "n_oxide_ms2.hpp"
#include "n_oxide_search.hpp"
#include "percent_text.hpp"

namespace {
using namespace sidepeak::classify::detail;

TEST(PercentText, WritesAFractionAsPercentWithTheGivenDecimals) {
    EXPECT_EQ(percent_text(0.034, 1), "3.4");
    EXPECT_EQ(percent_text(0.03, 0), "3");
    EXPECT_EQ(percent_text(0.1, 0), "10");
    EXPECT_EQ(percent_text(1.0, 1), "100.0");
    EXPECT_EQ(percent_text(0.0, 1), "0.0");
    EXPECT_EQ(percent_text(-0.125, 1), "-12.5");
    // The same text fixed() gives for 100 x the fraction.
    for (const double f : {0.0123, 0.4567, 0.999, 2.5e-4}) EXPECT_EQ(percent_text(f, 2), fixed(100.0 * f, 2)) << f;
}

TEST(NOxideSearchStart, HoldsTheNoCandidateLlrBelowEveryCandidate) {
    const NOxideSearch empty;
    EXPECT_EQ(empty.best, kNoCandidateLlr);
    EXPECT_EQ(empty.best_t, kNoCandidateLlr);
    // The lowest LLR a candidate reaches: a water loss (-0.8) read against by its MS2.
    EXPECT_LT(kNoCandidateLlr, -0.8 + kMs2AgainstLlr);
    EXPECT_LT(kNoCandidateLlr, kNOxidePositiveLlr);
}

}  // namespace

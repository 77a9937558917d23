// The typed multiplicity carried from the pattern classifier to its readers: its questions, its
// first-order name, and the round trip of every name through classify_pattern on synthetic lines.
#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <utility>
#include <vector>

#include "sidepeak/chem/reaction_model.hpp"
#include "sidepeak/signal/multiplets.hpp"

using namespace sidepeak::signal;

namespace {

struct Named {
    std::vector<int> lines;  // per coupling, largest J first
    std::vector<double> j;   // Hz, descending
    const char* name;
};

// Every name of the first-order table, with couplings far enough apart to be told apart.
const std::vector<Named>& table() {
    static const std::vector<Named> t = {
        {{2}, {7.0}, "d"},          {{3}, {7.0}, "t"},          {{4}, {7.0}, "q"},
        {{5}, {7.0}, "quint"},      {{6}, {7.0}, "sext"},       {{7}, {7.0}, "sept"},
        {{2, 2}, {10.3, 4.1}, "dd"}, {{2, 3}, {15.0, 6.5}, "dt"}, {{3, 2}, {12.0, 3.0}, "td"},
        {{3, 3}, {7.4, 2.3}, "tt"},  {{2, 4}, {10.4, 6.9}, "dq"}, {{2, 2, 2}, {17.2, 10.4, 4.5}, "ddd"},
        {{2, 2, 3}, {17.1, 10.2, 6.5}, "ddt"},
    };
    return t;
}

// Lines (positions in Hz, heights) of a first-order tree: each coupling to n equivalent spins
// splits every line into n + 1 of binomial heights.
void lines_of(const Named& c, std::vector<double>& pos, std::vector<double>& height) {
    pos = {0.0};
    height = {1.0};
    for (std::size_t k = 0; k < c.lines.size(); ++k) {
        const int n = c.lines[k] - 1;
        std::vector<double> p2, h2;
        double binom = 1.0;
        for (int a = 0; a <= n; ++a) {
            for (std::size_t i = 0; i < pos.size(); ++i) {
                p2.push_back(pos[i] + a * c.j[k]);
                h2.push_back(height[i] * binom);
            }
            binom = binom * (n - a) / (a + 1);
        }
        pos = std::move(p2);
        height = std::move(h2);
    }
    // Coincident lines of the tree are one observed line of summed height.
    std::vector<double> up, uh;
    for (std::size_t i = 0; i < pos.size(); ++i) {
        bool merged = false;
        for (std::size_t u = 0; u < up.size() && !merged; ++u) {
            if (std::abs(up[u] - pos[i]) < 1e-9) {
                uh[u] += height[i];
                merged = true;
            }
        }
        if (!merged) {
            up.push_back(pos[i]);
            uh.push_back(height[i]);
        }
    }
    pos = std::move(up);
    height = std::move(uh);
}

}  // namespace

TEST(Multiplicity, QuestionsOfSingletUnresolvedAndFirstOrder) {
    const Multiplicity s = Multiplicity::singlet(), m{}, t = Multiplicity::of({3}), tt = Multiplicity::of({3, 3});
    EXPECT_TRUE(s.is_singlet());
    EXPECT_FALSE(s.is_unresolved());
    EXPECT_EQ(s.simple_order(), 0);
    EXPECT_TRUE(m.is_unresolved());
    EXPECT_FALSE(m.is_singlet());
    EXPECT_EQ(m.simple_order(), 0);
    EXPECT_FALSE(m.is({}));  // "m" is no first-order pattern, not even an empty one
    EXPECT_EQ(t.simple_order(), 3);
    EXPECT_TRUE(t.is({3}));
    EXPECT_FALSE(t.is({3, 3}));
    EXPECT_EQ(tt.simple_order(), 0);
    EXPECT_TRUE(tt.is({3, 3}));
    EXPECT_NE(Multiplicity::of({2, 3}), Multiplicity::of({3, 2}));  // dt is not td
    EXPECT_EQ(Multiplicity{}, (PatternMatch{}.multiplicity));       // no match reads "m"
}

TEST(Multiplicity, NameOfEveryTableEntry) {
    EXPECT_EQ(name(Multiplicity::singlet()), "s");
    EXPECT_EQ(name(Multiplicity{}), "m");
    for (const Named& c : table()) EXPECT_EQ(name(Multiplicity::of(c.lines)), c.name);
    EXPECT_EQ(name(Multiplicity::of({8})), "sept");  // the table ends at the septet
}

// A triplet 1:2:1 of J 7 Hz reads orders {3}; every name of the table round-trips the same way.
TEST(Multiplicity, EveryNameRoundTripsThroughClassifyPattern) {
    for (const Named& c : table()) {
        std::vector<double> pos, height;
        lines_of(c, pos, height);
        const PatternMatch got = classify_pattern(pos, height, 0.3);
        EXPECT_EQ(got.multiplicity, Multiplicity::of(c.lines)) << c.name << " read as " << name(got.multiplicity);
        EXPECT_EQ(name(got.multiplicity), c.name);
        ASSERT_EQ(got.j_hz.size(), c.j.size()) << c.name;
        for (std::size_t k = 0; k < c.j.size(); ++k) EXPECT_NEAR(got.j_hz[k], c.j[k], 1e-6) << c.name;
    }
    const PatternMatch one = classify_pattern(std::vector<double>{12.0}, std::vector<double>{1.0}, 0.3);
    EXPECT_TRUE(one.multiplicity.is_singlet());
    EXPECT_EQ(name(one.multiplicity), "s");
}

// The reagent table's typed diagnostic multiplicity is the one its label names.
TEST(Multiplicity, ReagentDiagnosticLinesAgreeWithTheLabel) {
    for (const auto& rg : sidepeak::chem::reagent_table()) {
        ASSERT_GE(rg.diag_lines, 1) << rg.name;
        const Multiplicity typed = rg.diag_lines == 1 ? Multiplicity::singlet() : Multiplicity::of({rg.diag_lines});
        EXPECT_EQ(rg.diag_label.substr(rg.diag_label.rfind(' ') + 1), name(typed)) << rg.name;
    }
}

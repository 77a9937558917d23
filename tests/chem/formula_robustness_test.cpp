#include <string>

#include <gtest/gtest.h>

#include "sidepeak/chem/formula.hpp"
#include "sidepeak/core/error.hpp"

namespace sc = sidepeak::chem;

TEST(FormulaRobustness, RejectsMalformedText) {
    const char* bad[] = {"",       "   ",   "c5h12",    "Xx2",   "C5H12N2)", "(CH2",  "()",       "C0",
                         "C5 H12 N2 2", "C5+H", "C5H12N2+-", "C99999999999", "+", "2+", "C5H12N2 2",
                         "C\xff",  "C5H12N2^", "((((((((((((((((((((((((((((((((((C))))))))))))))))))))))))))))))))))"};
    for (const char* text : bad) {
        EXPECT_THROW(sc::Formula{std::string_view(text)}, sidepeak::UsageError) << "'" << text << "'";
    }
}

TEST(FormulaRobustness, ErrorNamesTheText) {
    try {
        sc::Formula f("C5Q");
        FAIL() << "no throw";
    } catch (const sidepeak::UsageError& e) {
        EXPECT_NE(std::string(e.what()).find("C5Q"), std::string::npos);
        EXPECT_NE(std::string(e.what()).find("Q"), std::string::npos);
    }
}

TEST(FormulaRobustness, LargeMultipliersStayBounded) {
    EXPECT_THROW(sc::Formula("((C999999)999999)"), sidepeak::UsageError);
    EXPECT_NO_THROW(sc::Formula("(C2H4O)100"));
}

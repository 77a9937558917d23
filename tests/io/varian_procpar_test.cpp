// VNMR procpar parser (private helper of the io module).
#include <gtest/gtest.h>

#include "varian_procpar.hpp"
#include "sidepeak/core/error.hpp"

namespace {
using sidepeak::InputError;
using sidepeak::io::detail::Procpar;

constexpr const char* kProcpar = R"(sfrq 1 1 1000000000 0 0 2 1 11 1 64
1 499.8192724 
0 
tn 2 2 8 0 0 2 1 11 1 64
1 "H1"
0 
array 1 2 256 0 0 2 1 0 1 64
1 "nt,pw"
0 
nt 7 1 1e+09 1 1 1 1 0 1 64
3 12 12 24 
0 
text 2 2 256 0 0 2 1 0 1 64
2 "first \"quoted\" line"
"second line"
0 
dp 4 2 1 0 0 2 1 9 1 64
1 "y"
2 "n" "y" 
)";

TEST(VarianProcpar, ParsesRealsStringsArraysAndEnumerations) {
    const auto pp = Procpar::parse(kProcpar, "procpar");
    EXPECT_DOUBLE_EQ(*pp.number("sfrq"), 499.8192724);
    EXPECT_EQ(pp.text("tn"), "H1");
    EXPECT_EQ(pp.text("array"), "nt,pw");
    ASSERT_NE(pp.find("nt"), nullptr);
    EXPECT_EQ(pp.find("nt")->values, (std::vector<std::string>{"12", "12", "24"}));
    EXPECT_DOUBLE_EQ(*pp.number("nt"), 12.0);
    EXPECT_EQ(pp.find("text")->values, (std::vector<std::string>{"first \"quoted\" line", "second line"}));
    EXPECT_EQ(pp.text("dp"), "y");
    EXPECT_FALSE(pp.number("tn"));     // a string is not a number
    EXPECT_FALSE(pp.text("sfrq"));     // nor the reverse
    EXPECT_FALSE(pp.number("absent"));
    EXPECT_EQ(pp.params().size(), 6u);
}

TEST(VarianProcpar, RejectsMalformedText) {
    EXPECT_THROW(Procpar::parse("", "p"), InputError);
    EXPECT_THROW(Procpar::parse("sfrq 1 1 1 0 0 2 1 11 1 64\n1 499.8\n", "p"), InputError);       // no enum count
    EXPECT_THROW(Procpar::parse("sfrq 1 1 1 0 0 2 1 11 1 64\n9 499.8\n0\n", "p"), InputError);    // count too big
    EXPECT_THROW(Procpar::parse("sfrq 1 7 1 0 0 2 1 11 1 64\n1 499.8\n0\n", "p"), InputError);    // basic type 7
    EXPECT_THROW(Procpar::parse("sfrq 1 1 1 0 0 2 1 11 1 64\n1 \"x\"\n0\n", "p"), InputError);    // string in a real
    EXPECT_THROW(Procpar::parse("tn 2 2 8 0 0 2 1 11 1 64\n1 \"H1\n0\n", "p"), InputError);       // unterminated
    EXPECT_THROW(Procpar::parse("sfrq 1 1 x 0 0 2 1 11 1 64\n1 4\n0\n", "p"), InputError);        // bad attribute
    EXPECT_THROW(Procpar::parse(std::string("sfrq\x01\x02", 6), "p"), InputError);                 // binary
    EXPECT_THROW(Procpar::parse("sfrq 1 1 1 0 0 2 1 11 1 64\n-1 4\n0\n", "p"), InputError);       // negative count
    const auto bad_value = Procpar::parse("sw 1 1 1 0 0 2 1 11 1 64\n1 abc\n0\n", "p");
    EXPECT_THROW((void)bad_value.number("sw"), InputError);
}

}  // namespace

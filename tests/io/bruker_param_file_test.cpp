// Bruker parameter-file parser and digital-filter table (private helpers of the io module).
#include <gtest/gtest.h>

#include "bruker_dsp.hpp"
#include "param_file.hpp"
#include "sidepeak/core/error.hpp"

namespace {
using sidepeak::InputError;
using sidepeak::io::detail::bruker_dsp_table_delay;
using sidepeak::io::detail::bruker_group_delay;
using sidepeak::io::detail::ParamFile;

constexpr const char* kAcqus = R"(##TITLE= Parameter file, XWIN-NMR		Version 3.5
##JCAMPDX= 5.0
$$ Tue Jan 31 10:24:56 2006 "MET (UT+1h)  ocmess@dpx300
##$AMP= (0..3)
100 100
100 99.5
##$AUNM= <au_zg>
##$AUTOPOS= <>
##$GPNAM= (0..2)
<sine.100> <sine 2> <>
##$NOTE= <first line
second line>
##$TD= 16384
##$SW_h= 4789.27203065134
##$NC= -2
##$TE= 2.98e2
##END=
##$AFTER_END= 1
)";

TEST(BrukerParamFile, ParsesScalarsStringsArraysAndComments) {
    const auto pf = ParamFile::parse(kAcqus, "acqus");
    EXPECT_EQ(pf.text("TITLE"), "Parameter file, XWIN-NMR\t\tVersion 3.5");
    EXPECT_EQ(pf.text("AMP"), "100 100 100 99.5");
    EXPECT_EQ(pf.numbers("AMP"), (std::vector<double>{100, 100, 100, 99.5}));
    EXPECT_EQ(pf.text("AUNM"), "au_zg");
    EXPECT_EQ(pf.text("AUTOPOS"), "");
    EXPECT_EQ(pf.text("GPNAM"), "<sine.100> <sine 2> <>");
    EXPECT_EQ(pf.text("NOTE"), "first line\nsecond line");
    EXPECT_EQ(pf.integer("TD"), 16384);
    EXPECT_DOUBLE_EQ(*pf.number("SW_h"), 4789.27203065134);
    EXPECT_EQ(pf.integer("NC"), -2);
    EXPECT_DOUBLE_EQ(*pf.number("TE"), 298.0);
    EXPECT_FALSE(pf.has("AFTER_END"));
    EXPECT_FALSE(pf.number("MISSING").has_value());
}

TEST(BrukerParamFile, TypedAccessRejectsWrongValues) {
    const auto pf = ParamFile::parse("##$A= abc\n##$B= 1.5\n##$C= nan\n##$D= (0..1)\n1 x\n", "p");
    EXPECT_THROW((void)pf.number("A"), InputError);
    EXPECT_THROW((void)pf.integer("B"), InputError);
    EXPECT_THROW((void)pf.number("C"), InputError);
    EXPECT_THROW((void)pf.numbers("D"), InputError);
    try {
        (void)pf.number("A");
    } catch (const InputError& e) {
        EXPECT_EQ(e.path(), "p");
        EXPECT_NE(e.problem().find("A"), std::string::npos);
    }
}

TEST(BrukerParamFile, RejectsNonParameterText) {
    EXPECT_THROW(ParamFile::parse("", "p"), InputError);
    EXPECT_THROW(ParamFile::parse("\n \n", "p"), InputError);
    EXPECT_THROW(ParamFile::parse("hello world\n##$TD= 4\n", "p"), InputError);
    EXPECT_THROW(ParamFile::parse(std::string("##$TD= 4\n\x01\x02\x00junk", 16), "p"), InputError);
    EXPECT_THROW(ParamFile::parse("##$TD 4\n", "p"), InputError);
    EXPECT_THROW(ParamFile::parse("##$= 4\n", "p"), InputError);
    EXPECT_THROW(ParamFile::parse("##$S= <never closed\n##$TD= 4\n", "p"), InputError);
    EXPECT_THROW(ParamFile::parse("##$A= (0..x)\n1\n", "p"), InputError);
    EXPECT_THROW(ParamFile::parse("##$A= (5..1)\n1\n", "p"), InputError);
    EXPECT_THROW(ParamFile::parse("##$A= (0..99999999999)\n1\n", "p"), InputError);
}

TEST(BrukerParamFile, CrlfLinesAndCaseSensitiveKeys) {
    const auto pf = ParamFile::parse("##$TD= 8\r\n##$td= 9\r\n##$ARR= (0..1)\r\n1 2\r\n", "p");
    EXPECT_EQ(pf.integer("TD"), 8);
    EXPECT_EQ(pf.integer("td"), 9);
    EXPECT_EQ(pf.text("ARR"), "1 2");
}

TEST(BrukerDspTable, KnownEntries) {
    EXPECT_DOUBLE_EQ(*bruker_dsp_table_delay(10, 24), 61.020833333333333);
    EXPECT_DOUBLE_EQ(*bruker_dsp_table_delay(10, 6), 59.083333333333333);
    EXPECT_DOUBLE_EQ(*bruker_dsp_table_delay(11, 16), 72.25);
    EXPECT_DOUBLE_EQ(*bruker_dsp_table_delay(12, 16), 71.625);
    EXPECT_DOUBLE_EQ(*bruker_dsp_table_delay(12, 2048), 72.03125);
    EXPECT_DOUBLE_EQ(*bruker_dsp_table_delay(13, 96), 2.9947916666666667);
    EXPECT_FALSE(bruker_dsp_table_delay(13, 128));
    EXPECT_FALSE(bruker_dsp_table_delay(10, 24.5));
    EXPECT_FALSE(bruker_dsp_table_delay(20, 24));
}

TEST(BrukerDspTable, GroupDelayRules) {
    auto delay = [](const char* text) { return bruker_group_delay(ParamFile::parse(text, "acqus")); };
    EXPECT_DOUBLE_EQ(delay("##$GRPDLY= 67.984\n##$DSPFVS= 20\n##$DECIM= 2080\n"), 67.984);
    EXPECT_DOUBLE_EQ(delay("##$GRPDLY= -1\n##$DSPFVS= 10\n##$DECIM= 24\n"), 61.020833333333333);
    EXPECT_DOUBLE_EQ(delay("##$DSPFVS= 12\n##$DECIM= 24\n"), 70.166666666666667);
    EXPECT_DOUBLE_EQ(delay("##$DSPFVS= 10\n##$DECIM= 24\n##$DIGMOD= 0\n"), 0.0);
    EXPECT_DOUBLE_EQ(delay("##$DSPFVS= 10\n##$DECIM= 1\n"), 0.0);
    EXPECT_DOUBLE_EQ(delay("##$TD= 4\n"), 0.0);
    EXPECT_DOUBLE_EQ(delay("##$DSPFVS= 20\n##$DECIM= 2080\n"), 0.0);
    EXPECT_THROW(delay("##$DSPFVS= 10\n##$DECIM= 5\n"), InputError);
    EXPECT_THROW(delay("##$GRPDLY= 1e9\n"), InputError);
    EXPECT_THROW(delay("##$GRPDLY= x\n"), InputError);
}

}  // namespace

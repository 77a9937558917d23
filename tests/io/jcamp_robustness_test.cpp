// Bad JCAMP-DX input: every case must raise InputError naming the file and the problem.
#include <fstream>
#include <string>

#include <gtest/gtest.h>

#include "sidepeak/core/error.hpp"
#include "sidepeak/core/file_io.hpp"
#include "sidepeak/io/jcamp.hpp"
#include "sidepeak/io/nmr_readers.hpp"
#include "test_support.hpp"

namespace {
namespace fs = std::filesystem;

fs::path write(const std::string& name, const std::string& content) {
    const fs::path p = sidepeak::test::scratch_dir() / name;
    std::ofstream(p, std::ios::binary) << content;
    return p;
}

// Reads and expects an InputError whose message names the file and contains `problem`.
void expect_error(const fs::path& p, const std::string& problem) {
    try {
        (void)sidepeak::io::read_jcamp_nmr(p);
        ADD_FAILURE() << "no error for " << p;
    } catch (const sidepeak::InputError& e) {
        EXPECT_NE(std::string(e.what()).find(p.filename().string()), std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find(problem), std::string::npos) << e.what();
    }
}

const std::string kHead =
    "##TITLE= t\n##JCAMP-DX= 5.01\n##DATA TYPE= NMR SPECTRUM\n##.OBSERVE FREQUENCY= 400\n"
    "##XUNITS= HZ\n##FIRSTX= 100\n##LASTX= 0\n##XFACTOR= 1\n##YFACTOR= 1\n";

TEST(JcampRobustness, EmptyFile) { expect_error(write("empty.jdx", ""), "empty file"); }

TEST(JcampRobustness, BinaryJunk) {
    std::string junk;
    for (int i = 0; i < 4096; ++i) junk.push_back(static_cast<char>((i * 7919) & 0xff));
    expect_error(write("junk.jdx", junk), "NUL byte");
}

TEST(JcampRobustness, TextWithoutLabels) { expect_error(write("text.jdx", "hello\nworld\n"), "no JCAMP-DX"); }

TEST(JcampRobustness, TruncatedRealFile) {
    const std::string full =
        sidepeak::read_file_text(sidepeak::test::real_samples() / "nmr" / "jcamp" / "2-chloroethanol_jcamp-difdup.dx");
    expect_error(write("truncated.dx", full.substr(0, full.size() / 2)), "declared 16384 points but decoded");
}

TEST(JcampRobustness, WrongDeclaredCount) {
    expect_error(write("count.jdx", kHead + "##NPOINTS= 5\n##XYDATA= (X++(Y..Y))\n0 1 2 3\n##END=\n"),
                 "declared 5 points but decoded 3");
}

TEST(JcampRobustness, TooManyPointsStopEarly) {
    expect_error(write("many.jdx", kHead + "##NPOINTS= 3\n##XYDATA= (X++(Y..Y))\n0 1 2 3 4 5 6 7 8\n##END=\n"),
                 "more values than the declared point count");
}

TEST(JcampRobustness, HugeDupCountIsBounded) {
    expect_error(write("dup.jdx", kHead + "##NPOINTS= 4\n##XYDATA= (X++(Y..Y))\n0 1 2 S999999999999\n##END=\n"),
                 "DUP count");
}

TEST(JcampRobustness, InvalidAsdfCharacter) {
    expect_error(write("char.jdx", kHead + "##NPOINTS= 3\n##XYDATA= (X++(Y..Y))\n0 A B\n1 C # D\n##END=\n"),
                 "line 13: invalid character '#'");
}

TEST(JcampRobustness, DifYCheckMismatchNamesTheLine) {
    // Line 12 ends in DIF form at 3; line 13 must start with the check value 3, not 7.
    expect_error(write("ycheck.jdx", kHead + "##NPOINTS= 5\n##XYDATA= (X++(Y..Y))\n0 AJJ\n2 G J\n##END=\n"),
                 "line 13: DIF Y-check failed");
}

TEST(JcampRobustness, DifWithoutBase) {
    expect_error(write("dif.jdx", kHead + "##NPOINTS= 2\n##XYDATA= (X++(Y..Y))\n0 JJ\n##END=\n"),
                 "without a preceding ordinate");
}

TEST(JcampRobustness, NoNmrBlock) {
    expect_error(write("ir.jdx", "##TITLE= ir\n##DATA TYPE= INFRARED SPECTRUM\n##XUNITS= 1/CM\n##FIRSTX= 0\n"
                                  "##LASTX= 1\n##NPOINTS= 2\n##XYDATA= (X++(Y..Y))\n0 1 2\n##END=\n"),
                 "no NMR SPECTRUM or NMR FID block");
}

TEST(JcampRobustness, UnsupportedUnits) {
    expect_error(write("units.jdx", "##TITLE= t\n##DATA TYPE= NMR SPECTRUM\n##XUNITS= FURLONG\n##FIRSTX= 0\n"
                                     "##LASTX= 1\n##NPOINTS= 2\n##XYDATA= (X++(Y..Y))\n0 1 2\n##END=\n"),
                 "unsupported NMR x units");
}

TEST(JcampRobustness, HzWithoutFrequency) {
    expect_error(write("nofreq.jdx", "##TITLE= t\n##DATA TYPE= NMR SPECTRUM\n##XUNITS= HZ\n##FIRSTX= 0\n"
                                      "##LASTX= 1\n##NPOINTS= 2\n##XYDATA= (X++(Y..Y))\n0 1 2\n##END=\n"),
                 "OBSERVE FREQUENCY");
}

TEST(JcampRobustness, FidWithoutImaginaryPage) {
    const std::string text =
        "##TITLE= f\n##DATA TYPE= NMR FID\n##DATA CLASS= NTUPLES\n##.OBSERVE FREQUENCY= 400\n##NTUPLES= NMR FID\n"
        "##SYMBOL= X, R, I\n##VAR_DIM= 3, 3, 3\n##UNITS= SECONDS, ARBITRARY UNITS, ARBITRARY UNITS\n"
        "##FACTOR= 0.001, 1, 1\n##FIRST= 0, 1, 0\n##LAST= 0.002, 3, 0\n##PAGE= N=1\n"
        "##DATA TABLE= (X++(R..R)), XYDATA\n0 1 2 3\n##END NTUPLES= NMR FID\n##END=\n";
    expect_error(write("fid.jdx", text), "no imaginary page");
}

TEST(JcampRobustness, IncompletePairs) {
    const std::string text = "##TITLE= p\n##DATA TYPE= MASS SPECTRUM\n##PEAK TABLE= (XY..XY)\n1,2 3,4 5\n##END=\n";
    EXPECT_THROW((void)sidepeak::io::jcamp::parse(text, "pairs.jdx"), sidepeak::InputError);
}

TEST(JcampRobustness, RandomMutationsNeverCrash) {
    const std::string base =
        sidepeak::read_file_text(sidepeak::test::real_samples() / "nmr" / "jcamp" / "jeol_winnmr_1h.dx");
    const char alphabet[] = "@AaJjSs%?.+-0123456789 ,;#\n=$";
    std::uint32_t state = 12345;
    auto next = [&] { return state = state * 1664525u + 1013904223u; };
    for (int round = 0; round < 200; ++round) {
        std::string text = base;
        for (int k = 0; k < 8; ++k) text[next() % text.size()] = alphabet[next() % (sizeof(alphabet) - 1)];
        try {
            (void)sidepeak::io::jcamp::parse(text, "mutant.dx");
        } catch (const sidepeak::InputError&) {
        }
    }
    SUCCEED();
}

}  // namespace

#include "sidepeak/chem/formula.hpp"

#include <cmath>

#include <gtest/gtest.h>

#include "sidepeak/chem/adducts.hpp"
#include "sidepeak/chem/constants.hpp"
#include "sidepeak/core/error.hpp"

namespace sc = sidepeak::chem;

namespace {

double round4(double v) { return std::round(v * 1e4) / 1e4; }

struct Row {
    const char* formula;
    double m;
    double mh;  // [M+H]+ (0 for a permanent cation)
};

// The hand-checked reference table of the domain notes.
constexpr Row kReference[] = {
    {"C5H12N2", 100.1000, 101.1073},     {"C12H18N2", 190.1470, 191.1543},  {"C19H24N2", 280.1939, 281.2012},
    {"C26H31N2+", 371.2482, 0.0},         {"C12H18N2O", 206.1419, 207.1492}, {"C10H20N2O2", 200.1525, 201.1598},
    {"C13H19FN2O", 238.1481, 239.1554},  {"C7H13F3N2", 182.1031, 183.1104}, {"C10H16N2S", 196.1034, 197.1107},
    {"C5H13N3O2S", 179.0728, 180.0801},
};

}  // namespace

TEST(Formula, ReferenceTableMonoisotopicAndProtonated) {
    const auto& mh = sc::find_adduct("[M+H]+");
    for (const auto& row : kReference) {
        const sc::Formula f(row.formula);
        EXPECT_DOUBLE_EQ(round4(f.monoisotopic_mass()), row.m) << row.formula;
        if (row.mh > 0.0) {
            EXPECT_DOUBLE_EQ(round4(sc::adduct_mz(f.monoisotopic_mass(), mh)), row.mh) << row.formula;
        } else {
            EXPECT_EQ(f.charge(), 1);
            EXPECT_DOUBLE_EQ(round4(f.mz()), row.m);
        }
    }
}

TEST(Formula, IncrementTable) {
    const std::pair<const char*, double> incs[] = {{"CH2", 14.0157},  {"C2H4", 28.0313},   {"C7H6", 90.0470},
                                                   {"C8H7FO", 138.0481}, {"C2HF3", 82.0030}, {"C5H4S", 96.0034},
                                                   {"C5H8O2", 100.0524}, {"C2H4O", 44.0262}, {"C2H6OSi", 74.0188}};
    for (const auto& [text, mass] : incs) EXPECT_DOUBLE_EQ(round4(sc::Formula(text).monoisotopic_mass()), mass) << text;
}

TEST(Formula, ParsesGroupsAndCharges) {
    EXPECT_EQ(sc::Formula("(CH2)3").to_string(), "C3H6");
    EXPECT_EQ(sc::Formula("C6H5[CH2]2NH2").to_string(), "C8H11N");
    EXPECT_EQ(sc::Formula("((CH2)2O)3H2O").to_string(), "C6H14O4");
    EXPECT_EQ(sc::Formula("C2H6OSi").to_string(), "C2H6OSi");
    EXPECT_EQ(sc::Formula("SiC2OH6").to_string(), "C2H6OSi");
    EXPECT_EQ(sc::Formula("CDCl3").count("D"), 1);
    EXPECT_EQ(sc::Formula("CDCl3").count("Cl"), 3);

    const sc::Formula quat("C26H31N2+");
    EXPECT_EQ(quat.charge(), 1);
    EXPECT_EQ(quat.count("N"), 2);
    EXPECT_EQ(quat.to_string(), "C26H31N2+");
    EXPECT_EQ(sc::Formula("[C5H14N2]2+").charge(), 2);
    EXPECT_EQ(sc::Formula("[C5H14N2]2+").count("N"), 2);
    EXPECT_EQ(sc::Formula("C5H14N2 2+").charge(), 2);
    EXPECT_EQ(sc::Formula("C5H14N2^2+").charge(), 2);
    EXPECT_EQ(sc::Formula("C5H14N2+2").charge(), 2);
    EXPECT_EQ(sc::Formula("C5H14N2++").charge(), 2);
    EXPECT_EQ(sc::Formula("C2H3O2-").charge(), -1);
    EXPECT_EQ(sc::Formula("C5H14N2+2").to_string(), "C5H14N2+2");
    EXPECT_EQ(sc::Formula(sc::Formula("C5H14N2+2").to_string()), sc::Formula("C5H14N2+2"));
    // Hill order without carbon is alphabetical.
    EXPECT_EQ(sc::Formula("H2O").to_string(), "H2O");
    EXPECT_EQ(sc::Formula("NH4Cl").to_string(), "ClH4N");
}

TEST(Formula, ChargedMassesRemoveElectrons) {
    const sc::Formula h("H+");
    EXPECT_NEAR(h.monoisotopic_mass(), sc::kProtonMass, 1e-7);  // H - e agrees with p to 2e-8 Da
    const sc::Formula dication("[C5H14N2]2+");
    EXPECT_NEAR(dication.mz(), (sc::Formula("C5H12N2").monoisotopic_mass() + 2 * sc::kProtonMass) / 2, 1e-7);
    EXPECT_THROW((void)sc::Formula("C5H12N2").mz(), sidepeak::UsageError);
}

TEST(Formula, Arithmetic) {
    const sc::Formula amine("C5H12N2");
    const sc::Formula bn("C7H6");
    EXPECT_EQ((amine + bn).to_string(), "C12H18N2");
    EXPECT_EQ((amine + 2 * bn).to_string(), "C19H24N2");
    EXPECT_EQ((amine + bn * 3 + sc::Formula("H+")).to_string(), "C26H31N2+");
    EXPECT_EQ((sc::Formula("C12H18N2") - bn), amine);
    const sc::Formula diff = sc::Formula("CH2") - sc::Formula("C2H4");
    EXPECT_TRUE(diff.has_negative());
    EXPECT_EQ(diff.count("C"), -1);
    EXPECT_TRUE((bn * 0).empty());
    EXPECT_EQ(sc::Formula("C5H12N2").nominal_mass(), 100);
    EXPECT_DOUBLE_EQ(sc::Formula("C5H12N2").double_bond_equivalents(), 1.0);
    EXPECT_DOUBLE_EQ(sc::Formula("C7H8").double_bond_equivalents(), 4.0);
}

TEST(Formula, AverageMass) {
    // IUPAC standard atomic weights: H2O 18.015, C6H6 78.11, CHCl3 119.37.
    EXPECT_NEAR(sc::Formula("H2O").average_mass(), 18.0153, 0.001);
    EXPECT_NEAR(sc::Formula("C6H6").average_mass(), 78.112, 0.002);
    EXPECT_NEAR(sc::Formula("CHCl3").average_mass(), 119.377, 0.005);
}

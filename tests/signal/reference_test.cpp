#include "sidepeak/signal/reference.hpp"

#include <gtest/gtest.h>

#include <array>
#include <cmath>
#include <random>

#include "sidepeak/signal/solvents.hpp"

namespace {

using namespace sidepeak;
using namespace sidepeak::signal;

/// Real Lorentzian spectrum on a 12 .. -1 ppm axis at 400 MHz, lines given as {ppm, height, fwhm Hz},
/// plus noise; `offset` is added to every line position (the calibration error to find).
NmrSpectrum spectrum(const std::vector<std::array<double, 3>>& lines, double offset, double noise = 0.001) {
    NmrSpectrum s;
    s.ppm_first = 12.0;
    s.ppm_last = -1.0;
    s.spectrometer_mhz = 400.0;
    s.real.resize(65536);
    std::mt19937 rng(5);
    std::normal_distribution<double> g(0.0, noise);
    for (std::size_t i = 0; i < s.real.size(); ++i) {
        const double ppm = s.ppm_at(static_cast<double>(i));
        double y = g(rng);
        for (const auto& l : lines) {
            const double dx = (ppm - l[0] - offset) * s.spectrometer_mhz / (l[2] / 2.0);
            y += l[1] / (1.0 + dx * dx);
        }
        s.real[i] = y;
    }
    return s;
}

NmrMeta meta_for(const std::string& solvent) {
    NmrMeta m;
    m.solvent = solvent;
    m.nucleus = "1H";
    return m;
}

TEST(Solvents, NormalisesInstrumentSpellings) {
    EXPECT_EQ(normalise_solvent("CDCl3"), "CDCl3");
    EXPECT_EQ(normalise_solvent("CDCL3"), "CDCl3");
    EXPECT_EQ(normalise_solvent("DMSO"), "DMSO-d6");
    EXPECT_EQ(normalise_solvent("<DMSO>"), "DMSO-d6");
    EXPECT_EQ(normalise_solvent("dmso-d6"), "DMSO-d6");
    EXPECT_EQ(normalise_solvent("D2O"), "D2O");
    EXPECT_EQ(normalise_solvent("H2O+D2O"), "D2O");
    EXPECT_EQ(normalise_solvent("90%H2O/10%D2O"), "D2O");
    EXPECT_EQ(normalise_solvent("MeOD"), "CD3OD");
    EXPECT_EQ(normalise_solvent("Acetone"), "acetone-d6");
    EXPECT_EQ(normalise_solvent("C6D6"), "C6D6");
    EXPECT_EQ(normalise_solvent("CD2Cl2"), "CD2Cl2");
    EXPECT_EQ(normalise_solvent("CD3CN"), "CD3CN");
    EXPECT_EQ(normalise_solvent("COFFEE_calctemp"), "");
    EXPECT_EQ(normalise_solvent(""), "");
    ASSERT_TRUE(find_solvent("cdcl3").has_value());
    EXPECT_DOUBLE_EQ(find_solvent("cdcl3")->ppm_1h, 7.26);
    EXPECT_DOUBLE_EQ(find_solvent("DMSO")->ppm_1h, 2.50);
    EXPECT_DOUBLE_EQ(find_solvent("CD3OD")->ppm_1h, 3.31);
    EXPECT_DOUBLE_EQ(find_solvent("D2O")->ppm_1h, 4.79);
    EXPECT_TRUE(find_solvent("D2O")->aqueous);
    EXPECT_GE(solvent_table().size(), 8U);
}

TEST(Reference, TmsPreferredOverSolvent) {
    const auto s = spectrum({{0.0, 1.0, 1.0}, {7.26, 0.5, 1.0}, {3.5, 2.0, 1.0}}, 0.037);
    const auto r = find_reference(s, meta_for("CDCl3"));
    ASSERT_TRUE(r.found);
    EXPECT_EQ(r.signal, "TMS");
    EXPECT_NEAR(r.shift_ppm, -0.037, 0.001);
}

TEST(Reference, SolventWhenNoStandardAndNotFooledByAMultiplet) {
    // CHCl3 singlet at 7.26 next to a taller aromatic doublet at 7.30 (J = 8 Hz).
    const auto s = spectrum({{7.26, 0.5, 1.0}, {7.30, 2.0, 1.0}, {7.32, 2.0, 1.0}, {1.2, 3.0, 1.0}}, -0.021);
    const auto r = find_reference(s, meta_for("CDCL3"));
    ASSERT_TRUE(r.found);
    EXPECT_EQ(r.signal, "CHCl3");
    EXPECT_DOUBLE_EQ(r.ppm, 7.26);
    EXPECT_NEAR(r.shift_ppm, 0.021, 0.001);
    auto shifted = s;
    apply_reference(shifted, r);
    EXPECT_NEAR(shifted.ppm_first - s.ppm_first, 0.021, 0.001);
}

TEST(Reference, AqueousStandardIsDss) {
    const auto s = spectrum({{0.0, 1.0, 1.0}, {4.79, 20.0, 5.0}}, 0.01);
    const auto r = find_reference(s, meta_for("H2O+D2O"));
    ASSERT_TRUE(r.found);
    EXPECT_EQ(r.signal, "DSS");
    EXPECT_NEAR(r.shift_ppm, -0.01, 0.001);
}

TEST(Reference, NoneWhenNothingMatches) {
    const auto s = spectrum({{3.0, 1.0, 1.0}}, 0.0);
    const auto r = find_reference(s, meta_for("unknown-solvent"));
    EXPECT_FALSE(r.found);
    EXPECT_EQ(r.signal, "none");
    auto copy = s;
    apply_reference(copy, r);
    EXPECT_EQ(copy.ppm_first, s.ppm_first);
    // A broad hump near 0 ppm is not a standard.
    const auto broad = spectrum({{0.05, 1.0, 40.0}}, 0.0);
    EXPECT_FALSE(find_reference(broad, meta_for("CDCl3")).found);
    EXPECT_FALSE(find_reference(NmrSpectrum{}, meta_for("CDCl3")).found);
}

// The users' case, synthetic: no TMS, a 0.2 % impurity singlet at 0.10 ppm (well above the
// noise) and the CHCl3 residual; the axis is off by -0.02 ppm. The singlet is not TMS.
TEST(Reference, SmallSingletNearZeroIsNotTmsWhenTheResidualDisagrees) {
    const auto s = spectrum({{7.26, 0.3, 1.0}, {7.10, 1.0, 1.0}, {3.8, 0.9, 1.0}, {0.10, 0.002, 1.5}}, -0.02, 1e-5);
    const auto r = find_reference(s, meta_for("CDCl3"));
    ASSERT_TRUE(r.found);
    EXPECT_EQ(r.signal, "CHCl3");
    EXPECT_NEAR(r.shift_ppm, 0.02, 0.001);
    EXPECT_EQ(r.rejected, "TMS");
    EXPECT_NEAR(r.rejected_ppm, 0.10, 0.001);
    ASSERT_TRUE(r.disagreement_ppm.has_value());
    EXPECT_NEAR(*r.disagreement_ppm, -0.10, 0.001);
    EXPECT_NE(r.reason.find("not TMS"), std::string::npos) << r.reason;
}

// TMS and the residual disagree by 0.08 ppm (e.g. a mislabelled or concentrated sample) and TMS is
// tall and sharp: TMS wins, and the disagreement is on record.
TEST(Reference, TallSharpTmsOverrulesADisagreeingResidual) {
    const auto s = spectrum({{-0.05, 1.0, 0.9}, {7.29, 0.4, 1.1}, {3.5, 2.0, 1.0}}, 0.0);
    const auto r = find_reference(s, meta_for("CDCl3"));
    ASSERT_TRUE(r.found);
    EXPECT_EQ(r.signal, "TMS");
    EXPECT_NEAR(r.shift_ppm, 0.05, 0.001);
    EXPECT_EQ(r.rejected, "CHCl3");
    EXPECT_NEAR(r.rejected_ppm, 7.34, 0.001);
    ASSERT_TRUE(r.disagreement_ppm.has_value());
    EXPECT_NEAR(*r.disagreement_ppm, 0.08, 0.001);
    // The same TMS line at a fifth of the height: the residual wins, TMS is the rejected one.
    const auto small = spectrum({{-0.05, 0.2, 0.9}, {7.29, 0.4, 1.1}, {3.5, 2.0, 1.0}}, 0.0);
    const auto rs = find_reference(small, meta_for("CDCl3"));
    EXPECT_EQ(rs.signal, "CHCl3");
    EXPECT_NEAR(rs.shift_ppm, -0.03, 0.001);
    EXPECT_EQ(rs.rejected, "TMS");
    ASSERT_TRUE(rs.disagreement_ppm.has_value());
    EXPECT_NEAR(*rs.disagreement_ppm, 0.08, 0.001);
    // A broad line at 0 does not overrule the residual either, however tall.
    const auto broad = spectrum({{-0.05, 3.0, 3.5}, {7.29, 0.4, 1.1}}, 0.0);
    EXPECT_EQ(find_reference(broad, meta_for("CDCl3")).signal, "CHCl3");
}

// CHCl3 overlapped by an analyte line 4.8 Hz away (so not an isolated singlet) and a taller analyte
// singlet at 7.30 that the residual search picks instead: TMS, of the size of CHCl3, stays the
// reference because a comparable line sits where TMS puts CHCl3.
TEST(Reference, TmsKeptWhenTheResidualIsOverlapped) {
    const auto s = spectrum({{0.0, 0.3, 0.8}, {7.26, 0.35, 1.0}, {7.272, 0.35, 1.0}, {7.30, 1.5, 1.0}}, 0.02);
    const auto r = find_reference(s, meta_for("CDCl3"));
    ASSERT_TRUE(r.found);
    EXPECT_EQ(r.signal, "TMS");
    EXPECT_NEAR(r.shift_ppm, -0.02, 0.001);
    EXPECT_EQ(r.rejected, "CHCl3");
    EXPECT_NEAR(r.rejected_ppm, 7.30, 0.001);
    ASSERT_TRUE(r.disagreement_ppm.has_value());
    EXPECT_NEAR(*r.disagreement_ppm, 0.04, 0.001);
    EXPECT_NE(r.reason.find("overlapped"), std::string::npos) << r.reason;
}

// Agreement is recorded when both are present; a taller singlet next to TMS (silicone grease,
// 0.07 ppm in CDCl3) that would otherwise score higher is rejected by the residual.
TEST(Reference, ResidualPicksTmsOverGrease) {
    // Axis off by -0.03: the grease lands at 0.04, closer to 0 than TMS and far taller.
    const auto s = spectrum({{0.0, 0.3, 1.0}, {0.07, 2.0, 1.2}, {7.26, 0.5, 1.0}, {3.5, 2.0, 1.0}}, -0.03);
    const auto r = find_reference(s, meta_for("CDCl3"));
    ASSERT_TRUE(r.found);
    EXPECT_EQ(r.signal, "TMS");
    EXPECT_NEAR(r.shift_ppm, 0.03, 0.001);
    EXPECT_EQ(r.rejected, "TMS");
    EXPECT_NEAR(r.rejected_ppm, 0.07, 0.001);
    ASSERT_TRUE(r.disagreement_ppm.has_value());
    EXPECT_NEAR(*r.disagreement_ppm, -0.07, 0.001);
    // Without the grease: plain agreement, nothing rejected.
    const auto clean = find_reference(spectrum({{0.0, 0.3, 1.0}, {7.26, 0.5, 1.0}}, 0.03), meta_for("CDCl3"));
    EXPECT_EQ(clean.signal, "TMS");
    EXPECT_TRUE(clean.rejected.empty());
    ASSERT_TRUE(clean.disagreement_ppm.has_value());
    EXPECT_NEAR(*clean.disagreement_ppm, 0.0, 0.001);
}

// D2O: DSS is used even though HDO is away from 4.79 (temperature); no cross-check.
TEST(Reference, AqueousDssNotCrossCheckedAgainstHdo) {
    const auto s = spectrum({{0.0, 0.05, 1.0}, {4.68, 20.0, 5.0}}, 0.01);
    const auto r = find_reference(s, meta_for("D2O"));
    ASSERT_TRUE(r.found);
    EXPECT_EQ(r.signal, "DSS");
    EXPECT_NEAR(r.shift_ppm, -0.01, 0.001);
    EXPECT_TRUE(r.rejected.empty());
    EXPECT_FALSE(r.disagreement_ppm.has_value());
    EXPECT_FALSE(r.reason.empty());
}


// DMSO-d6: the DMSO-d5 residual is a 1:2:3:2:1 quintet (J_HD 1.9 Hz); an analyte singlet twice the
// quintet centre's height 0.04 ppm from it (an N-CH3 in DMSO) outranks it by height x proximity,
// but it is no quintet centre. With lines too broad to resolve the quintet the ranking is as before.
TEST(Reference, DmsoResidualIsTheQuintetNotATallerSinglet) {
    const double j = 1.9 / 400.0;
    auto lines = [&](double w) {
        return std::vector<std::array<double, 3>>{{2.50 - 2 * j, 1.0 / 3, w}, {2.50 - j, 2.0 / 3, w}, {2.50, 1.0, w},
                                                  {2.50 + j, 2.0 / 3, w},      {2.50 + 2 * j, 1.0 / 3, w}, {2.46, 2.0, 1.0},
                                                  {7.0, 1.0, 1.0}};
    };
    const auto r = find_reference(spectrum(lines(0.6), 0.012), meta_for("DMSO-d6"));
    ASSERT_TRUE(r.found);
    EXPECT_EQ(r.signal, "DMSO-d5");
    EXPECT_NEAR(r.shift_ppm, -0.012, 0.001);
    // An analyte triplet of the same spacing is no quintet centre: its outer partners are missing.
    auto with_triplet = lines(0.6);
    with_triplet.back() = {2.46 - j, 1.3, 0.6};
    with_triplet.push_back({2.46 + j, 1.3, 0.6});
    const auto rt = find_reference(spectrum(with_triplet, 0.0), meta_for("DMSO-d6"));
    EXPECT_EQ(rt.signal, "DMSO-d5");
    EXPECT_NEAR(rt.shift_ppm, 0.0, 0.001);
}

// CHCl3 is a sharp singlet: a 9 Hz lump of unresolved aromatic lines near 7.26 is not it.
TEST(Reference, BroadLumpIsNotTheChcl3Residual) {
    const auto rl = find_reference(spectrum({{7.30, 1.0, 9.0}, {3.5, 2.0, 1.0}}, 0.0, 1e-6), meta_for("CDCl3"));
    EXPECT_FALSE(rl.found) << rl.signal << " " << rl.shift_ppm << " " << rl.reason;
    // The same lump beside a small sharp CHCl3 line: CHCl3.
    const auto both = spectrum({{7.31, 1.0, 9.0}, {7.26, 0.2, 1.0}, {3.5, 2.0, 1.0}}, 0.015, 1e-6);
    const auto r = find_reference(both, meta_for("CDCl3"));
    ASSERT_TRUE(r.found);
    EXPECT_EQ(r.signal, "CHCl3");
    EXPECT_NEAR(r.shift_ppm, -0.015, 0.001);
}

// A sharp impurity singlet at 0.10 ppm, a residual pick 0.02 ppm from the table shift and some
// line near where the singlet would put CHCl3 (7.36): the singlet asks a 0.10 ppm correction of
// a calibrated axis against the pick's 0.02, so it is not taken for an overlapped-residual TMS.
TEST(Reference, FarImpuritySingletDoesNotOverruleANearResidual) {
    const auto s = spectrum({{0.10, 0.3, 0.8}, {7.28, 1.0, 1.0}, {7.36, 0.3, 1.0}, {3.5, 2.0, 1.0}}, 0.0);
    const auto r = find_reference(s, meta_for("CDCl3"));
    ASSERT_TRUE(r.found);
    EXPECT_EQ(r.signal, "CHCl3");
    EXPECT_NEAR(r.shift_ppm, -0.02, 0.001);
    EXPECT_EQ(r.rejected, "TMS");
}

}  // namespace

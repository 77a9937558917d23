#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "sidepeak/chem/constants.hpp"
#include "detectors.hpp"
#include "infer_context.hpp"
#include "ms_ions.hpp"  // detail::mz_quantum
#include "sidepeak/chem/isotopes.hpp"
#include "synthetic.hpp"

namespace sc = sidepeak::classify;
namespace ch = sidepeak::chem;

namespace {
using synth::benzyl_model;
const sc::ClassifierOptions kOpt{};

// Product with all of its adducts, its isotope peak as a separate feature and a 2+ ion.
synth::Ms product_with_traps() {
    synth::Ms ms;
    ms.protonated("C12H18N2", 300, 1e6);
    const double mh = synth::mh("C12H18N2");
    const double m = mh - ch::kProtonMass;
    ms.add(mh + ch::kMassNa - ch::kMassH, 300.5, 2e5);
    ms.add(mh + ch::kMassK - ch::kMassH, 300.2, 5e4);
    ms.add(mh + ch::kMassN + 3 * ch::kMassH, 299.8, 8e4);
    ms.add((m + 2 * ch::kProtonMass) / 2, 300.0, 1e5, 0);
    ms.add(mh + ch::kC13Shift, 300.1, 1.4e5, 0);        // 13C isotope as its own feature
    ms.add(mh + 2 * ch::kC13Shift, 300.1, 1.0e4, 0);
    return ms;
}
}  // namespace

TEST(MsDetectors, AdductsAndIsotopesAreNotByproducts) {
    const auto ms = product_with_traps();
    const auto& m = benzyl_model();
    const auto over = sc::over_alkylation_ms(ms.r.features, m, kOpt);
    EXPECT_TRUE(over.checked);
    EXPECT_LT(over.llr, -1.0) << over.note;
    EXPECT_LT(sc::oligomer_ms(ms.r.features, m, kOpt).llr, 0);
    EXPECT_LT(sc::n_oxide_ms(ms.r.features, m, kOpt).llr, 0);
    EXPECT_LT(sc::hofmann_ms(ms.r.features, m, kOpt).llr, 0);
}

TEST(MsDetectors, BenzylLadderAndQuat) {
    auto ms = product_with_traps();
    ms.protonated("C19H24N2", 420, 3e5, 2.0);   // dibenzyl [M+H]+ 281.2012
    ms.cation("C26H31N2+", 380, 1e5);            // tribenzyl quaternary 371.2482
    const auto r = sc::over_alkylation_ms(ms.r.features, benzyl_model(), kOpt);
    EXPECT_GT(r.llr, 2.5) << r.note;
    bool saw_quat = false, saw_di = false;
    for (const auto& e : r.evidence) {
        if (e.adduct == "[M]+") saw_quat = std::abs(*e.mz - 371.2482) < 1e-3;
        if (e.formula == "C19H24N2") saw_di = std::abs(*e.ppm_error - 2.0) < 0.1;
    }
    EXPECT_TRUE(saw_quat);
    EXPECT_TRUE(saw_di);
}

TEST(MsDetectors, WrongIsotopePatternRejectsAMatch) {
    auto ms = product_with_traps();
    auto& f = ms.protonated("C19H24N2", 420, 3e5);
    f.isotope_intensities = {0.22, 0.33};  // a chlorine compound at the same nominal m/z, not dibenzyl
    EXPECT_LT(sc::over_alkylation_ms(ms.r.features, benzyl_model(), kOpt).llr, 0);
}

TEST(MsDetectors, OutsideTheToleranceIsNoMatch) {
    auto ms = product_with_traps();
    ms.protonated("C19H24N2", 420, 3e5, 25.0);  // 25 ppm off
    EXPECT_LT(sc::over_alkylation_ms(ms.r.features, benzyl_model(), kOpt).llr, 0);
}

TEST(MsDetectors, PegAndSiloxaneLaddersAreBackground) {
    auto ms = product_with_traps();
    for (int n = 4; n <= 10; ++n) ms.protonated("H2O(C2H4O)" + std::to_string(n), 500 + 10 * n, 5e4);
    for (int n = 3; n <= 7; ++n) ms.protonated("(C2H6OSi)" + std::to_string(n), 700 + 12 * n, 4e4);
    const auto& m = benzyl_model();
    EXPECT_LT(sc::oligomer_ms(ms.r.features, m, kOpt).llr, 0);
    EXPECT_LT(sc::over_alkylation_ms(ms.r.features, m, kOpt).llr, 0);
    // Without a reagent the generic ladder search must not take them either.
    const auto unknown = ch::build_reaction_model({"", ""});
    EXPECT_LT(sc::over_alkylation_ms(ms.r.features, unknown, kOpt).llr, 0);
    EXPECT_LT(sc::oligomer_ms(ms.r.features, unknown, kOpt).llr, 0);
}

TEST(MsDetectors, RepeatUnitSeriesIsOligomer) {
    auto ms = product_with_traps();
    for (int n = 1; n <= 4; ++n) ms.protonated("(C5H12N2)" + std::to_string(n) + "C2H8N2", 100 + 20 * n, 2e5 / n);
    const auto r = sc::oligomer_ms(ms.r.features, benzyl_model(), kOpt);
    EXPECT_GT(r.llr, 2.0) << r.note;
    ASSERT_FALSE(r.evidence.empty());
    EXPECT_TRUE(r.evidence[0].kmd.has_value());
}

TEST(MsDetectors, DoublyChargedSeriesIsOligomer) {
    synth::Ms ms;
    for (int n = 3; n <= 6; ++n) {
        const ch::Formula ion = ch::Formula("(C5H12N2)" + std::to_string(n) + "C2H8N2") + ch::Formula("H2+2");
        ms.with_isotopes(ion, 100 + 20 * n, 1e5, 0.0);
    }
    EXPECT_GT(sc::oligomer_ms(ms.r.features, benzyl_model(), kOpt).llr, 2.0);
}

TEST(MsDetectors, NOxideWithInSourceFragmentAndEarlierElution) {
    auto ms = product_with_traps();
    ms.protonated("C12H18N2O", 250, 2e5);                 // N-oxide [M+H]+ 207.1492, earlier
    ms.add(synth::mh("C12H18N2"), 250.3, 3e4);            // [M+H-O]+ inside the N-oxide peak
    ms.add(synth::mh("C12H18N2O") - ch::kMassO - ch::kMassH, 250.1, 1e4);  // [M+H-OH]+
    const auto r = sc::n_oxide_ms(ms.r.features, benzyl_model(), kOpt);
    EXPECT_GT(r.llr, 2.5) << r.note;
    EXPECT_NE(r.note.find("N-oxide"), std::string::npos);
}

TEST(MsDetectors, CHydroxylationIsNotAnNOxide) {
    auto ms = product_with_traps();
    ms.protonated("C12H18N2O", 340, 2e5);  // +O eluting after the parent, no fragment
    const auto r = sc::n_oxide_ms(ms.r.features, benzyl_model(), kOpt);
    EXPECT_LT(r.llr, 0) << r.note;
    EXPECT_NE(r.note.find("C-hydroxylation"), std::string::npos);
    ASSERT_FALSE(r.evidence.empty());
}

TEST(MsDetectors, IsobaricHofmannSeparatedByRt) {
    auto single = product_with_traps();
    single.cation("C26H31N2+", 380, 1e5);
    EXPECT_LT(sc::hofmann_ms(single.r.features, benzyl_model(), kOpt).llr, 0);

    auto both = product_with_traps();
    both.cation("C26H31N2+", 380, 1e5);
    both.protonated("C26H30N2", 455, 6e4);                                     // same m/z, later
    both.add(synth::mh("C26H30N2") + ch::kMassNa - ch::kMassH, 455.2, 1e4);    // neutral takes Na+
    const auto r = sc::hofmann_ms(both.r.features, benzyl_model(), kOpt);
    EXPECT_GT(r.llr, 2.0) << r.note;
    ASSERT_GE(r.evidence.size(), 2u);
    EXPECT_NEAR(*r.evidence[1].rt_s, 455, 1e-9);  // the neutral is the one with the Na adduct
}

TEST(MsDetectors, UnknownReagentLadderHasLowerConfidence) {
    synth::Ms ms;
    ms.protonated("C7H16N2", 200, 5e5);   // 1-ethyl... as C2H4 ladder from diazepane
    ms.protonated("C9H20N2", 260, 3e5);
    ms.protonated("C11H24N2", 330, 1e5);
    const auto unknown = ch::build_reaction_model({"", ""});
    const auto r = sc::over_alkylation_ms(ms.r.features, unknown, kOpt);
    EXPECT_GT(r.llr, 0.5) << r.note;
    EXPECT_LT(r.llr, 2.0);
}

// A unit-resolution run stores m/z on a 0.1 Da grid: the tolerance comes from that quantum, not
// from 10 ppm (which would miss every ion of the reaction).
TEST(MsDetectors, QuantisedRunUsesItsOwnPrecision) {
    synth::Ms ms;
    auto grid = [](double mz) { return static_cast<double>(static_cast<float>(std::round(mz * 10.0) / 10.0)); };
    for (int i = 0; i < 40; ++i) ms.add(grid(520.0 + 7.3 * i), 100.0 + 15 * i, 2e4);  // unrelated matrix ions
    ms.add(grid(synth::mh("C12H18N2")), 300, 1e6);   // product 191.1543 -> 191.2
    ms.add(grid(ch::Formula("C26H31N2+").mz()), 380, 2e5);  // tribenzyl quat 371.2482 -> 371.2 (130 ppm)
    EXPECT_NEAR(sidepeak::classify::detail::mz_quantum(ms.r.features), 0.1, 1e-12);
    const auto r = sc::over_alkylation_ms(ms.r.features, benzyl_model(), kOpt);
    EXPECT_GT(r.llr, 2.0) << r.note;
}

// In a feature-rich run a 4-member "series" of the repeat unit occurs by chance; decoy repeat
// units find as good series as often, so it is no oligomer evidence (target-decoy).
TEST(MsDetectors, ChanceSeriesInDenseRunIsNotOligomer) {
    synth::Ms ms;
    std::mt19937 gen(2024);
    std::uniform_real_distribution<double> mz(150.0, 800.0), rt(60.0, 900.0);
    for (int i = 0; i < 20000; ++i) ms.add(mz(gen), rt(gen), 1e4);
    const auto r = sc::oligomer_ms(ms.r.features, benzyl_model(), kOpt);
    EXPECT_LE(r.llr, 0.0) << r.note;
    EXPECT_NE(r.note.find("chance level"), std::string::npos) << r.note;
    EXPECT_FALSE(r.evidence.empty());  // the near miss is kept with its figures
}

// The same series in a sparse run is beyond chance and still counts.
TEST(MsDetectors, DecoysKeepARealSeriesInASparseRun) {
    synth::Ms ms;
    std::mt19937 gen(7);
    std::uniform_real_distribution<double> mz(150.0, 800.0), rt(60.0, 900.0);
    for (int i = 0; i < 300; ++i) ms.add(mz(gen), rt(gen), 1e4);
    for (int n = 1; n <= 4; ++n) ms.protonated("(C5H12N2)" + std::to_string(n) + "C2H8N2", 100 + 20 * n, 2e5 / n);
    const auto r = sc::oligomer_ms(ms.r.features, benzyl_model(), kOpt);
    EXPECT_GT(r.llr, 2.0) << r.note;
}

// Without a reagent, a long CH2 chain of even nominal m/z ions is a homologous matrix series,
// not an alkylation ladder of a diamine.
TEST(MsDetectors, HomologousSeriesIsNoGenericLadder) {
    synth::Ms ms;
    for (int n = 0; n < 7; ++n) ms.add(466.3 + n * 14.01565, 300 + 10 * n, 1e5);  // nominal 466, 480, ... (even)
    const auto unknown = ch::build_reaction_model({"", ""});
    EXPECT_LT(sc::over_alkylation_ms(ms.r.features, unknown, kOpt).llr, 0);
}

// A dense run holds 3-member chains of the PEG spacing by chance; the background flag must not take
// such chance members (here the reaction's own N-oxide) out of every search. Only chains longer than
// the run's decoy spacings produce are background.
TEST(MsDetectors, ChanceChainInDenseRunIsNoBackgroundLadder) {
    synth::Ms ms;
    std::mt19937 gen(2024);
    std::uniform_real_distribution<double> mz(150.0, 800.0), rt(60.0, 900.0);
    for (int i = 0; i < 20000; ++i) ms.add(mz(gen), rt(gen), 1e4);
    const double nox = synth::mh("C12H18N2O");
    const double peg = ch::Formula("C2H4O").monoisotopic_mass();
    ms.add(nox - peg, 700, 1e4);
    ms.add(nox + peg, 820, 1e4);
    ms.add(nox, 250, 2e5);
    const sc::detail::IonTable table(ms.r.features, kOpt);
    const auto hits = table.find(nox, false);
    ASSERT_FALSE(hits.empty());
    EXPECT_FALSE(hits.front()->background) << hits.front()->explained_by;
}

// At the reaction's own N-oxide m/z any ion may be the species: a coincidental flag (here the
// N-oxide sits at the 37Cl spacing above a stronger co-eluting ion) does not hide it.
TEST(MsDetectors, FlaggedIonAtTheOwnNOxidePositionIsStillEvaluated) {
    auto ms = product_with_traps();
    const double nox = synth::mh("C12H18N2O");
    ms.protonated("C12H18N2O", 250, 2e5);
    ms.add(synth::mh("C12H18N2"), 250.3, 3e4);  // [M+H-O]+ inside the N-oxide peak
    ms.add(nox - 1.99704991, 250.1, 4e5);       // a stronger co-eluting ion 37Cl-35Cl below it
    const sc::detail::IonTable table(ms.r.features, kOpt);
    ASSERT_TRUE(table.find(nox, false).front()->isotope);
    const auto r = sc::n_oxide_ms(ms.r.features, benzyl_model(), kOpt);
    EXPECT_GT(r.llr, 2.0) << r.note;
    EXPECT_FALSE(r.corroborative_only);
}

// The reaction's own N-oxide eluting before its parent but without the in-source O/OH loss: a
// supportive sign only (C-hydroxylated isomers elute on either side; a void-time ion elutes
// before everything).
TEST(MsDetectors, EarlierElutionAloneIsASupportiveNOxideSign) {
    auto ms = product_with_traps();
    ms.protonated("C12H18N2O", 200, 2e5);
    const auto r = sc::n_oxide_ms(ms.r.features, benzyl_model(), kOpt);
    EXPECT_GT(r.llr, 0.0) << r.note;
    EXPECT_TRUE(r.corroborative_only) << r.note;
}

// On a unit-resolution axis two features at the quaternary cation's 0.1 Da bin share a nominal
// m/z, not a formula: the isobaric pair is supportive only, even with an [M+Na]+ beside one of them.
TEST(MsDetectors, QuantisedIsobaricPairIsSupportiveOnly) {
    synth::Ms ms;
    auto grid = [](double mz) { return static_cast<double>(static_cast<float>(std::round(mz * 10.0) / 10.0)); };
    for (int i = 0; i < 40; ++i) ms.add(grid(520.0 + 7.3 * i), 100.0 + 15 * i, 2e4);
    ms.add(grid(synth::mh("C12H18N2")), 300, 1e6);
    const double q = ch::Formula("C26H31N2+").mz();
    ms.add(grid(q), 380, 1e5);
    ms.add(grid(q), 455, 6e4);
    ms.add(grid(q + ch::kMassNa - ch::kMassH), 455.2, 1e4);
    const auto r = sc::hofmann_ms(ms.r.features, benzyl_model(), kOpt);
    EXPECT_TRUE(r.corroborative_only) << r.note;
    EXPECT_NE(r.note.find("nominal m/z"), std::string::npos) << r.note;
    // The same pair at full resolution counts by itself.
    auto exact = product_with_traps();
    exact.cation("C26H31N2+", 380, 1e5);
    exact.protonated("C26H30N2", 455, 6e4);
    EXPECT_FALSE(sc::hofmann_ms(exact.r.features, benzyl_model(), kOpt).corroborative_only);
}

// Beyond the standard +-2 .. +-21 units, decoy positions stay inside the run's m/z range (an
// out-of-range decoy is empty by construction).
TEST(MsDetectors, RangeDecoysStayInsideTheRun) {
    const auto offs = sc::detail::range_decoy_offsets(200.0, 600.0, {371.2});
    ASSERT_GT(offs.size(), 300u);
    for (std::size_t i = 0; i < offs.size(); ++i) {
        if (i < sc::detail::decoy_offsets().size()) {
            EXPECT_EQ(offs[i], sc::detail::decoy_offsets()[i]);
            continue;
        }
        EXPECT_GE(371.2 + offs[i], 200.0);
        EXPECT_LE(371.2 + offs[i], 600.0);
    }
}

namespace {
// A dense run whose features carry their 13C trace: each m/z with a random error of `sigma_ppm`
// and a common calibration offset of `offset_ppm`.
synth::Ms dense_run_with_isotopes(double sigma_ppm, double offset_ppm, unsigned seed, int n = 20000) {
    synth::Ms ms;
    std::mt19937 gen(seed);
    std::uniform_real_distribution<double> mz(150.0, 800.0), rt(60.0, 900.0), rel(0.05, 0.4);
    std::normal_distribution<double> err(0.0, sigma_ppm);
    for (int i = 0; i < n; ++i) {
        const double m = mz(gen);
        auto& f = ms.add(m * (1 + (offset_ppm + err(gen)) * 1e-6), rt(gen), 1e4);
        f.isotopes.push_back((m + ch::kC13Shift) * (1 + (offset_ppm + err(gen)) * 1e-6));
        f.isotope_intensities.push_back(rel(gen));
    }
    return ms;
}
}  // namespace

// The run's random m/z error comes from its own 13C spacings: their spread is sqrt(2) x that of
// one m/z; the relation tolerance is ~3 sigma of it when tighter than the default 10 ppm.
TEST(MsDetectors, MassPrecisionFromIsotopeSpacings) {
    const auto ms = dense_run_with_isotopes(1.0, 0.0, 11, 2000);
    const auto p = sc::detail::mass_precision(ms.r.features);
    ASSERT_TRUE(p.measured());
    EXPECT_NEAR(p.sigma_pair_ppm, std::sqrt(2.0), 0.15);
    const sc::detail::IonTable table(ms.r.features, kOpt);
    EXPECT_NEAR(table.ppm(), 3.0 * p.sigma_pair_ppm, 1e-9);
    // Perfect spacings claim no error: floored at the Orbitrap lock-mass figure.
    const auto perfect = dense_run_with_isotopes(0.0, 0.0, 12, 2000);
    EXPECT_NEAR(sc::detail::mass_precision(perfect.r.features).sigma_pair_ppm,
                std::sqrt(2.0) * sc::detail::kMinSigmaMzPpm, 1e-9);
    // Too few confident features: not measured, the default tolerance stays.
    const auto few = dense_run_with_isotopes(1.0, 0.0, 13, 50);
    const sc::detail::IonTable sparse(few.r.features, kOpt);
    EXPECT_FALSE(sparse.precision().measured());
    EXPECT_DOUBLE_EQ(sparse.ppm(), kOpt.mass_tolerance_ppm);
}

// Internal recalibration: a systematic +6 ppm offset common to the run is read off the product,
// and the reaction species are matched (and scored by closeness) about the corrected m/z.
TEST(MsDetectors, RecalibrationOnTheProductCorrectsTheSystematicOffset) {
    auto ms = dense_run_with_isotopes(0.5, 6.0, 21);
    ms.protonated("C12H18N2", 300, 1e6, 6.0);
    const double quat = ch::Formula("C26H31N2+").mz();
    ms.with_isotopes(ch::Formula("C26H31N2+"), 380, 1e5, 6.0);
    const sc::detail::IonTable table(ms.r.features, kOpt, sc::detail::model_calibrants(benzyl_model()));
    ASSERT_TRUE(table.calibrated());
    EXPECT_NEAR(table.calibration_ppm(), 6.0, 0.05);
    EXPECT_LT(table.ppm(), 4.0);
    EXPECT_TRUE(table.matches(quat * (1 + 6e-6), quat));
    EXPECT_FALSE(table.matches(quat * (1 - 5e-6), quat));  // 11 ppm off the corrected position
    EXPECT_GT(table.closeness(quat * (1 + 6e-6), quat), 0.95);
    const auto r = sc::over_alkylation_ms(ms.r.features, benzyl_model(), kOpt);
    EXPECT_NE(r.note.find("371.2504"), std::string::npos) << r.note;
    EXPECT_NE(r.note.find("recalibrated by 6.0 ppm"), std::string::npos) << r.note;
}

// An in-source fragment is made from the same eluting molecules: same apex, same width. A
// co-eluting ion at the edge of the co-elution window with another width agrees less.
TEST(MsDetectors, InSourceFragmentProfileAgreement) {
    synth::Ms ms;
    ms.add(207.1492, 250.0, 2e5);
    ms.add(191.1543, 250.0, 3e4);
    ms.add(191.1543, 252.5, 3e4).fwhm_s = 8.0;
    const auto& b = ms.r.features[0];
    const auto& same = ms.r.features[1];
    const auto& edge = ms.r.features[2];
    const sc::detail::IonTable table(ms.r.features, kOpt);
    EXPECT_NEAR(sc::detail::profile_agreement(table, same, b), 1.0, 1e-12);
    EXPECT_LT(sc::detail::profile_agreement(table, edge, b), 0.2);
}

// An +O ion that loses water in the source at least as strongly as O is a hydroxyl, even when a
// weaker ion sits at B - O inside its peak.
TEST(MsDetectors, WaterLossOutweighsACoincidentOLoss) {
    auto ms = product_with_traps();
    const double nox = synth::mh("C12H18N2O");
    ms.protonated("C12H18N2O", 250, 2e5);
    ms.add(nox - ch::kMassO, 250.2, 1e4);                          // weak "[M+H-O]+"
    ms.add(nox - ch::kMassO - 2 * ch::kMassH, 250.1, 5e4);         // strong [M+H-H2O]+
    const auto r = sc::n_oxide_ms(ms.r.features, benzyl_model(), kOpt);
    EXPECT_LE(r.llr, 0.0) << r.note;
}

// A chain of ions spaced by an increment but anchored on no reaction species (reagent unknown) is
// supportive only: a homologous matrix series of odd nominal mass passes the same tests.
TEST(MsDetectors, UnanchoredGenericLadderIsSupportiveOnly) {
    synth::Ms ms;
    for (int n = 0; n < 3; ++n) ms.add(343.2845 + n * 14.01565, 300 + 10 * n, 1e5);
    const auto unknown = ch::build_reaction_model({"", ""});
    const auto r = sc::over_alkylation_ms(ms.r.features, unknown, kOpt);
    EXPECT_GT(r.llr, 0.0) << r.note;
    EXPECT_TRUE(r.corroborative_only) << r.note;
}

// Per-hit specificity (docs/classifier.md, "Per-hit chance rates"): a ladder member that carries
// its own isotope peaks in the formula's ratios and a co-eluting [M+Na]+ counts even when plain
// features fill every decoy position of the ladder (the summed pattern score is then at chance).
TEST(MsDetectors, LadderMemberWithItsOwnEvidenceBeatsCrowdedDecoyPositions) {
    auto ms = product_with_traps();
    const auto& m = benzyl_model();
    const double di = synth::mh("C19H24N2");
    ms.protonated("C19H24N2", 420, 3e5);
    ms.add(di + ch::kMassNa - ch::kMassH, 420.2, 5e4);  // its [M+Na]+
    // Plain features (no isotopes, no adducts) at every pattern decoy position of the ladder.
    for (const auto& sp : m.species) {
        if (sp.role != ch::SpeciesRole::over_alkylated && sp.role != ch::SpeciesRole::quaternary) continue;
        const double at = sp.permanent_cation() ? sp.formula.mz() : synth::mh(sp.formula.to_string());
        for (double off : sc::detail::decoy_offsets()) ms.add(at + off, 500, 1e5, 0);
    }
    const auto r = sc::over_alkylation_ms(ms.r.features, m, kOpt);
    EXPECT_GT(r.llr, 2.0) << r.note;
    EXPECT_NE(r.note.find("per ion"), std::string::npos) << r.note;
    EXPECT_EQ(r.note.find("decoys matched as well in 0 "), std::string::npos) << r.note;  // the pattern test alone fails
}

// The same position filled by a plain feature only (no isotopes, no adduct) stays at chance.
TEST(MsDetectors, LadderMemberWithoutEvidenceStaysAtChanceAmongCrowdedDecoys) {
    auto ms = product_with_traps();
    const auto& m = benzyl_model();
    ms.add(synth::mh("C19H24N2"), 420, 3e5, 0);
    for (const auto& sp : m.species) {
        if (sp.role != ch::SpeciesRole::over_alkylated && sp.role != ch::SpeciesRole::quaternary) continue;
        const double at = sp.permanent_cation() ? sp.formula.mz() : synth::mh(sp.formula.to_string());
        for (double off : sc::detail::range_decoy_offsets(100.0, 800.0, {at})) ms.add(at + off, 500, 1e5, 0);
    }
    const auto r = sc::over_alkylation_ms(ms.r.features, m, kOpt);
    EXPECT_LE(r.llr, 0.0) << r.note;
}

// Isotope peaks recorded as separate co-eluting features (no trace on the feature itself) are read
// as the ion's own isotopes.
TEST(MsIons, SpeciesHitReadsCoelutingIsotopeFeatures) {
    synth::Ms ms;
    const ch::Formula ion = ch::Formula("C19H24N2") + ch::Formula("H+");
    const auto pattern = ch::isotope_pattern(ion);
    ms.add(ion.mz(), 420, 1e6, 0);
    ms.add(ion.mz() + ch::kC13Shift, 420.1, 1e6 * ch::relative_abundance(pattern, 1), 0);
    ms.add(ion.mz() + 2 * ch::kC13Shift, 420.1, 1e6 * ch::relative_abundance(pattern, 2), 0);
    const sc::detail::IonTable table(ms.r.features, kOpt);
    const auto hit = sc::detail::species_hit(table, ion, 0.0, true);
    ASSERT_NE(hit.ion, nullptr);
    EXPECT_EQ(hit.isotope_peaks, 2);
    EXPECT_TRUE(hit.isotopes_agree()) << hit.isotope_score;
    // A formula with far fewer carbons does not fit those ratios.
    const auto wrong = sc::detail::observed_isotopes(table, *hit.ion, 1);
    EXPECT_LT(ch::score_isotopes(wrong, ch::isotope_pattern(ch::Formula("C5H13N2+") )).score, 0.5);
}

TEST(MsIons, CombinedChanceOfPerHitRates) {
    // One hit among three positions: 1 - (1 - r)^3.
    EXPECT_NEAR(sc::detail::combined_chance({0.01}, 3), 1.0 - std::pow(0.99, 3), 1e-12);
    // Two moderately specific hits of three: P(Bin(3, 0.1) >= 2) = 3 x 0.01 x 0.9 + 0.001.
    EXPECT_NEAR(sc::detail::combined_chance({0.1, 0.1}, 3), 0.028, 1e-12);
    EXPECT_DOUBLE_EQ(sc::detail::combined_chance({}, 3), 1.0);
    EXPECT_NEAR(sc::detail::combined_chance({0.5}, 1), 0.5, 1e-12);
}

TEST(MsIons, PerIonCallsHoldTheSampleFamilyWiseRate) {
    // One ion at a 1.2 % chance rate among three ladder positions (combined 3.6 %) is below the
    // 5 % of one test but not below 5 % / 4 for the four classes a sample is tested for: no call
    // on its own. Two such ions of three (combined 0.04 %) are.
    EXPECT_FALSE(sc::detail::per_ion_call(sc::detail::combined_chance({0.012}, 3)));
    EXPECT_TRUE(sc::detail::per_ion_call(sc::detail::combined_chance({0.012, 0.012}, 3)));
    EXPECT_TRUE(sc::detail::per_ion_call(sc::detail::combined_chance({0.002}, 3)));
}

// Without a context, the product of a crude spiked into a run of thousands of matrix features need
// not be among the top 1 % of intensities; its ion carries the evidence of its formula (isotopes,
// adducts) beyond chance at every decoy position, so the context is still inferred. The same ion
// without that evidence is not taken for a product.
TEST(MsIons, ContextInferredFromAProductWithItsOwnEvidenceInADenseRun) {
    auto dense = [](bool evidence) {
        synth::Ms ms;
        std::mt19937 gen(11);
        std::uniform_real_distribution<double> mz(150.0, 800.0), rt(60.0, 900.0), lg(4.0, 7.0);
        for (int i = 0; i < 5000; ++i) ms.add(mz(gen), rt(gen), std::pow(10.0, lg(gen)), 0);
        if (evidence) {
            ms.protonated("C12H18N2", 300, 3e6);  // ~top 17 %, not top 1 %
            const double mh = synth::mh("C12H18N2");
            ms.add(mh + ch::kMassNa - ch::kMassH, 300.3, 6e5, 0);
            ms.add(mh + ch::kMassN + 3 * ch::kMassH, 299.9, 3e5, 0);
        } else {
            ms.add(synth::mh("C12H18N2"), 300, 3e6, 0);
        }
        return ms;
    };
    const auto with = dense(true);
    const auto ctx = sc::detail::infer_context_from_ms(with.r.features, kOpt);
    EXPECT_EQ(ctx.product, "C12H18N2") << ctx.why;
    ASSERT_NE(ctx.reagent, nullptr);
    const auto without = dense(false);
    EXPECT_TRUE(sc::detail::infer_context_from_ms(without.r.features, kOpt).product.empty());
}

// Two of the route's predicted oligomer ions (no three-member series), each with its isotope peaks
// and a co-eluting [M+Na]+ and [M+NH4]+, count as oligomer evidence of their own among 2,000
// matrix features (before: "predicted oligomer ions alone", 0.6 each, below a call).
TEST(MsDetectors, PredictedOligomerIonsWithTheirOwnEvidenceCount) {
    synth::Ms ms;
    std::mt19937 gen(2024);
    std::uniform_real_distribution<double> mz(150.0, 800.0), rt(60.0, 900.0);
    for (int i = 0; i < 2000; ++i) ms.add(mz(gen), rt(gen), 1e4, 0);
    const auto& m = benzyl_model();
    int added = 0;
    for (const auto* sp : m.of_role(ch::SpeciesRole::oligomer)) {
        const double mh = synth::mh(sp->formula.to_string());
        if (mh < 150.0 || added >= 2) continue;
        const double t = 200.0 + 40.0 * added++;
        ms.protonated(sp->formula.to_string(), t, 2e5);
        ms.add(mh + ch::kMassNa - ch::kMassH, t + 0.2, 4e4, 0);
        ms.add(mh + ch::kMassN + 3 * ch::kMassH, t - 0.2, 3e4, 0);
    }
    ASSERT_EQ(added, 2);
    const auto r = sc::oligomer_ms(ms.r.features, m, kOpt);
    EXPECT_GT(r.llr, 2.0) << r.note;
    EXPECT_NE(r.note.find("per ion"), std::string::npos) << r.note;
}

// The unsubstituted starting amine has only secondary N: its +O ion (a hydroxylamine, or an
// isobaric matrix compound) with an in-source -O partner is no N-oxide of the reaction.
TEST(MsDetectors, PlusOOfTheSecondaryStartingAmineIsNoNOxidePosition) {
    auto ms = product_with_traps();
    ms.protonated("C5H12N2O", 250, 2e5);
    ms.add(synth::mh("C5H12N2"), 250.2, 3e4);  // [M+H-O]+ inside its peak
    const auto r = sc::n_oxide_ms(ms.r.features, benzyl_model(), kOpt);
    EXPECT_FALSE(r.llr > 0.0 && !r.corroborative_only) << r.note;
    EXPECT_EQ(r.note.find("N-oxide of starting amine"), std::string::npos) << r.note;
}

// ---- MS/MS of ladder members ----------------------------------------------------------------
#include "sidepeak/signal/ms2_index.hpp"

namespace {
namespace sg = sidepeak::signal;

sg::Ms2Scan scan(const std::string& id, double rt, double precursor, std::vector<std::pair<double, double>> peaks) {
    auto s = synth::dda_scan(rt, precursor, std::move(peaks));
    s.id = id;
    return s;
}

// A crowded run: the product, the dibenzyl member without isotopes or adducts (MS1 alone gives it
// no more than its m/z), 300 matrix ions; MS2 of 60 matrix ions with random fragments.
struct LadderMs2Run {
    synth::Ms ms;
    std::vector<sg::Ms2Scan> scans;
    double member_mz = 0.0;
};

LadderMs2Run ladder_ms2_run(bool member_fragments_predicted) {
    LadderMs2Run run;
    run.ms = product_with_traps();
    run.member_mz = synth::mh("C19H24N2");
    run.ms.add(run.member_mz, 420, 3e5);
    std::mt19937 rng(7);
    std::uniform_real_distribution<double> mz(120.0, 600.0), rt(60.0, 900.0), frac(0.0, 1.0);
    for (int i = 0; i < 300; ++i) run.ms.add(mz(rng), rt(rng), 1e5 + 1e6 * frac(rng));
    for (int i = 0; i < 60; ++i) {
        const auto& f = run.ms.r.features[run.ms.r.features.size() - 1 - static_cast<std::size_t>(i)];
        std::vector<std::pair<double, double>> peaks;
        std::uniform_real_distribution<double> frag(50.0, f.mz - 5.0);
        for (int k = 0; k < 8; ++k) peaks.emplace_back(frag(rng), 0.05 + frac(rng));
        run.scans.push_back(scan(std::to_string(i), f.rt_s, f.mz, peaks));
    }
    const double mh = run.member_mz;
    if (member_fragments_predicted) {
        // Tropylium and the ring alpha-cleavage losses of C2H5N and C3H7N.
        run.scans.push_back(scan("member", 420, mh,
                                 {{ch::Formula("C7H7+").mz(), 1.0},
                                  {mh - ch::Formula("C2H5N").monoisotopic_mass(), 0.3},
                                  {mh - ch::Formula("C3H7N").monoisotopic_mass(), 0.2},
                                  {mh, 0.1}}));
    } else {
        run.scans.push_back(scan("member", 420, mh, {{77.0386, 1.0}, {mh - 18.0106, 0.4}, {mh, 0.1}}));
    }
    return run;
}

const sc::Evidence* find_ms2(const sc::ModalityResult& r) {
    for (const auto& e : r.evidence)
        if (e.kind == sc::EvidenceKind::ms2_spectrum && e.role == sc::EvidenceRole::supports) return &e;
    return nullptr;
}
}  // namespace

TEST(MsDetectors, LadderMemberMs2WithPredictedFragmentsIsPerHitEvidence) {
    const auto run = ladder_ms2_run(true);
    const sg::Ms2Index index(run.scans, sg::Ms2IndexOptions{});
    sc::Ms2Access access;
    access.runs = {&index};
    access.feature_run.assign(run.ms.r.features.size(), 0);
    const auto ms1 = sc::over_alkylation_ms(run.ms.r.features, benzyl_model(), kOpt);
    const auto with = sc::over_alkylation_ms(run.ms.r.features, benzyl_model(), kOpt, access);
    const auto* e = find_ms2(with);
    ASSERT_NE(e, nullptr) << with.note;
    EXPECT_TRUE(std::any_of(e->fragments.begin(), e->fragments.end(),
                            [](const sc::Ms2Fragment& f) { return f.formula == "C7H7+"; }));
    EXPECT_NE(with.note.find("3 of 3 predicted fragments"), std::string::npos) << with.note;
    EXPECT_GT(with.llr, ms1.llr) << ms1.note << "\n" << with.note;
    EXPECT_GT(with.llr, 2.0) << with.note;
}

TEST(MsDetectors, LadderMemberMs2WithoutPredictedFragmentsAddsNothing) {
    const auto run = ladder_ms2_run(false);
    const sg::Ms2Index index(run.scans, sg::Ms2IndexOptions{});
    sc::Ms2Access access;
    access.runs = {&index};
    access.feature_run.assign(run.ms.r.features.size(), 0);
    const auto ms1 = sc::over_alkylation_ms(run.ms.r.features, benzyl_model(), kOpt);
    const auto with = sc::over_alkylation_ms(run.ms.r.features, benzyl_model(), kOpt, access);
    EXPECT_EQ(find_ms2(with), nullptr) << with.note;
    EXPECT_DOUBLE_EQ(with.llr, ms1.llr) << with.note;
}

// Per-hit evidence of the reaction's own +O ion (docs/classifier.md, "N-oxide"): when every decoy
// position holds an equally good +O pair (an earlier ion with the formula's isotopes and an
// in-source [M+H-O]+), the pair test is at chance; the +O ion's own co-eluting [M+Na]+ and
// mass agreement still make it the formula beyond chance. A plain +O feature does not.
namespace {
synth::Ms crowded_plus_o(bool with_adduct) {
    auto ms = product_with_traps();
    const auto& m = benzyl_model();
    ms.add(100.5, 600, 1e4);
    ms.add(799.5, 600, 1e4);
    const double nox = synth::mh("C12H18N2O");
    const auto iso = ms.protonated("C12H18N2O", 250, 2e5);
    if (!with_adduct) {  // a plain feature: no isotopes of its own
        ms.r.features.back().isotopes.clear();
        ms.r.features.back().isotope_intensities.clear();
    }
    ms.add(nox - ch::kMassO, 250.1, 2e4);  // in-source [M+H-O]+
    if (with_adduct) ms.add(nox + ch::kMassNa - ch::kMassH, 250.2, 4e4);
    std::vector<double> positions;
    for (const auto& sp : m.species)
        if (sp.role == ch::SpeciesRole::n_oxide) positions.push_back(synth::mh(sp.formula.to_string()));
    std::vector<double> taken;  // the sample's own ions and the +O ion's loss positions stay free
    for (const auto& f : ms.r.features) taken.push_back(f.mz);
    taken.push_back(nox - ch::kMassO - 2 * ch::kMassH);
    taken.push_back(nox - ch::kMassO - ch::kMassH);
    for (double off : sc::detail::range_decoy_offsets(100.5, 799.5, positions)) {
        for (double at : positions) {
            if (at + off < 101.0 || at + off > 799.0) continue;
            if (std::any_of(taken.begin(), taken.end(), [&](double t) { return std::abs(t - (at + off)) < 1.5; })) continue;
            auto& d = ms.add(at + off, 250, 1e5);
            d.isotopes = iso.isotopes;
            for (double& x : d.isotopes) x += off;
            d.isotope_intensities = iso.isotope_intensities;
        }
    }
    return ms;
}
}  // namespace

TEST(MsDetectors, PlusOIonWithItsOwnAdductCountsWherePairTestIsAtChance) {
    const auto ms = crowded_plus_o(true);
    const auto r = sc::n_oxide_ms(ms.r.features, benzyl_model(), kOpt);
    EXPECT_GT(r.llr, 0.0) << r.note;
    EXPECT_NE(r.note.find("per ion"), std::string::npos) << r.note;
}

TEST(MsDetectors, PlusOIonWithoutOwnEvidenceStaysAtChanceAmongCrowdedPairs) {
    const auto ms = crowded_plus_o(false);
    const auto r = sc::n_oxide_ms(ms.r.features, benzyl_model(), kOpt);
    EXPECT_LE(r.llr, 0.0) << r.note;
}

// Per-hit evidence of the Hofmann isobaric pair: when plain pairs of RT-separated ions (one with
// an [M+Na]+) fill every decoy position, the run-wide pair test is at chance; a pair whose two
// ions both carry the formula's isotopes still counts. Without isotopes of its own it does not.
namespace {
synth::Ms crowded_hofmann(bool own_isotopes) {
    auto ms = product_with_traps();
    ms.add(100.5, 600, 1e4);
    ms.add(799.5, 600, 1e4);
    const ch::Formula q("C26H31N2+");
    const double qmz = q.mz();
    if (own_isotopes) {
        ms.cation("C26H31N2+", 380, 1e5);
        ms.with_isotopes(q, 520, 8e4, 0.0);
    } else {
        ms.add(qmz, 380, 1e5);
        ms.add(qmz, 520, 8e4);
    }
    ms.add(qmz + ch::kMassNa - ch::kMassH, 520.2, 2e4);  // the neutral's [M+Na]+
    std::vector<double> taken;
    for (const auto& f : ms.r.features) taken.push_back(f.mz);
    for (double off : sc::detail::range_decoy_offsets(100.5, 799.5, {qmz})) {
        const double at = qmz + off;
        if (at < 101.0 || at + 23.0 > 799.0) continue;
        // No decoy at an adduct, PEG (C2H4O) or siloxane (C2H6OSi) step of the sample's own ions.
        const double steps[] = {0.0, ch::kMassNa - ch::kMassH, 44.0262, 74.0188, 88.0524, 148.0376};
        if (std::any_of(taken.begin(), taken.end(), [&](double t) {
                return std::any_of(std::begin(steps), std::end(steps), [&](double d) {
                    return std::abs(t - at - d) < 3.5 || std::abs(t + d - at) < 3.5;  // and isotope steps
                });
            }))
            continue;
        ms.add(at, 380, 1e5);
        ms.add(at, 520, 8e4);
        ms.add(at + ch::kMassNa - ch::kMassH, 520.2, 2e4);
    }
    return ms;
}
}  // namespace

TEST(MsDetectors, HofmannPairWithItsOwnIsotopesCountsWherePairTestIsAtChance) {
    const auto ms = crowded_hofmann(true);
    const auto r = sc::hofmann_ms(ms.r.features, benzyl_model(), kOpt);
    EXPECT_GT(r.llr, 0.0) << r.note;
    EXPECT_NE(r.note.find("per ion"), std::string::npos) << r.note;
}

TEST(MsDetectors, HofmannPairWithoutOwnEvidenceStaysAtChanceAmongCrowdedPairs) {
    const auto ms = crowded_hofmann(false);
    const auto r = sc::hofmann_ms(ms.r.features, benzyl_model(), kOpt);
    EXPECT_LE(r.llr, 0.0) << r.note;
}

// Without the in-source O/OH loss and without MS2, an early-eluting +O ion is reported as what the
// data show: an +O species, N-oxide or C-hydroxylation, supportive only.
TEST(MsDetectors, EarlyPlusOWithoutLossIsReportedAsNOxideOrCHydroxylation) {
    auto ms = product_with_traps();
    ms.protonated("C12H18N2O", 250, 2e5);
    const auto r = sc::n_oxide_ms(ms.r.features, benzyl_model(), kOpt);
    EXPECT_NE(r.note.find("N-oxide or C-hydroxylation"), std::string::npos) << r.note;
    EXPECT_EQ(r.note.find("shows an N-oxide"), std::string::npos) << r.note;
}

// ---- Quaternary cation or protonated isobar (MS2), oligomer members' MS2, MS2 without a reagent --
#include "ms2_evidence.hpp"

namespace {
// A consensus of one scan at `precursor` with the given (m/z, relative intensity) peaks.
sg::Ms2Consensus consensus_of(double precursor, std::vector<std::pair<double, double>> peaks) {
    sg::Ms2Consensus c;
    c.precursor_mz = precursor;
    c.precursor_charge = 1;
    c.scan_ids = {"s1"};
    c.rts_s = {300.0};
    std::sort(peaks.begin(), peaks.end());
    for (const auto& [m, i] : peaks) c.peaks.push_back({m, i, 1});
    return c;
}

// Literature fragments (ms2_evidence.hpp): the benzyl quat loses toluene C7H8 and gives C7H7+; the
// protonated isobar loses N-H amines (dibenzylamine C14H15N, benzylamine C7H9N) and shows iminium
// ions (C3H8N+ 58.0651, C4H8N+ 70.0651).
std::vector<std::pair<double, double>> quat_peaks(double q) {
    return {{ch::Formula("C7H7+").mz(), 1.0}, {q - ch::Formula("C7H8").monoisotopic_mass(), 0.45}, {q, 0.2}};
}
std::vector<std::pair<double, double>> protonated_peaks(double q) {
    return {{ch::Formula("C7H7+").mz(), 1.0},
            {q - ch::Formula("C14H15N").monoisotopic_mass(), 0.5},
            {q - ch::Formula("C7H9N").monoisotopic_mass(), 0.3},
            {ch::Formula("C3H8N+").mz(), 0.1},
            {ch::Formula("C4H8N+").mz(), 0.08},
            {q, 0.2}};
}
}  // namespace

TEST(Ms2ChargeSite, QuaternaryLosesTolueneProtonatedLosesNHAmines) {
    const ch::Formula q("C26H31N2+");
    const auto quat = sc::detail::read_charge_site(consensus_of(q.mz(), quat_peaks(q.mz())), q, benzyl_model(), 10.0);
    EXPECT_EQ(quat.site, sc::detail::ChargeSite::quaternary) << quat.text;
    EXPECT_NE(quat.text.find("C7H8"), std::string::npos) << quat.text;
    const auto prot = sc::detail::read_charge_site(consensus_of(q.mz(), protonated_peaks(q.mz())), q, benzyl_model(), 10.0);
    EXPECT_EQ(prot.site, sc::detail::ChargeSite::protonated) << prot.text;
    EXPECT_FALSE(prot.evidence.predicted.empty());
    // Tropylium alone is made by both (protonated N-benzylpiperazine: base peak m/z 91).
    const auto trop = sc::detail::read_charge_site(consensus_of(q.mz(), {{ch::Formula("C7H7+").mz(), 1.0}, {q.mz(), 0.3}}), q,
                                                   benzyl_model(), 10.0);
    EXPECT_EQ(trop.site, sc::detail::ChargeSite::undecided) << trop.text;
}

namespace {
sc::Ms2Access access_for(const synth::Ms& ms, const sg::Ms2Index& index) {
    sc::Ms2Access a;
    a.runs = {&index};
    a.feature_run.assign(ms.r.features.size(), 0);
    return a;
}

// Random matrix MS2 of the last `n` features (fragments anywhere below the precursor).
void matrix_ms2(const synth::Ms& ms, std::vector<sg::Ms2Scan>& scans, int n, unsigned seed) {
    std::mt19937 rng(seed);
    std::uniform_real_distribution<double> frac(0.0, 1.0);
    for (int i = 0; i < n; ++i) {
        const auto& f = ms.r.features[ms.r.features.size() - 1 - static_cast<std::size_t>(i)];
        std::uniform_real_distribution<double> frag(50.0, f.mz - 5.0);
        std::vector<std::pair<double, double>> peaks;
        for (int k = 0; k < 8; ++k) peaks.emplace_back(frag(rng), 0.05 + frac(rng));
        scans.push_back(scan(std::to_string(i) + "m", f.rt_s, f.mz, peaks));
    }
}
}  // namespace

// The Hofmann pair at chance by MS1 (plain RT-separated pairs at every decoy position): MS2 of the
// two ions, one reading quaternary and the other protonated, is the pair itself, and no decoy
// position shows it. Both reading quaternary is no pair.
TEST(MsDetectors, HofmannPairToldApartByMs2) {
    const auto ms = crowded_hofmann(false);
    const double q = ch::Formula("C26H31N2+").mz();
    ASSERT_LE(sc::hofmann_ms(ms.r.features, benzyl_model(), kOpt).llr, 0.0);
    std::vector<sg::Ms2Scan> scans{scan("cation", 380, q, quat_peaks(q)), scan("neutral", 520, q, protonated_peaks(q))};
    const sg::Ms2Index index(scans, sg::Ms2IndexOptions{});
    const auto r = sc::hofmann_ms(ms.r.features, benzyl_model(), kOpt, access_for(ms, index));
    EXPECT_GT(r.llr, 2.0) << r.note;
    EXPECT_NE(r.note.find("protonated amine"), std::string::npos) << r.note;
    EXPECT_NE(r.note.find("MS2 pair"), std::string::npos) << r.note;
    std::vector<sg::Ms2Scan> alike{scan("a", 380, q, quat_peaks(q)), scan("b", 520, q, quat_peaks(q))};
    const sg::Ms2Index index2(alike, sg::Ms2IndexOptions{});
    EXPECT_LE(sc::hofmann_ms(ms.r.features, benzyl_model(), kOpt, access_for(ms, index2)).llr, 0.0);
}

// An ion at the quaternary m/z whose MS2 reads protonated is no quaternary ladder member.
TEST(MsDetectors, ProtonatedIsobarAtTheQuaternaryMzIsNoQuaternaryMember) {
    auto ms = product_with_traps();
    ms.cation("C26H31N2+", 380, 1e5);
    const double q = ch::Formula("C26H31N2+").mz();
    const auto ms1 = sc::over_alkylation_ms(ms.r.features, benzyl_model(), kOpt);
    ASSERT_GT(ms1.llr, 0.0) << ms1.note;
    std::vector<sg::Ms2Scan> scans{scan("x", 380, q, protonated_peaks(q))};
    const sg::Ms2Index index(scans, sg::Ms2IndexOptions{});
    const auto r = sc::over_alkylation_ms(ms.r.features, benzyl_model(), kOpt, access_for(ms, index));
    EXPECT_LT(r.llr, 0.0) << r.note;
    EXPECT_NE(r.note.find("protonated amine, not a quaternary cation"), std::string::npos) << r.note;
    std::vector<sg::Ms2Scan> quat{scan("x", 380, q, quat_peaks(q))};
    const sg::Ms2Index index2(quat, sg::Ms2IndexOptions{});
    EXPECT_GT(sc::over_alkylation_ms(ms.r.features, benzyl_model(), kOpt, access_for(ms, index2)).llr, 0.0);
}

namespace {
// A three-member repeat-unit series (an end group the route does not predict) in a dense run
// where decoy units find series as long as often.
std::string series_member(int n) { return "(C5H12N2)" + std::to_string(n) + "C6H15N"; }
synth::Ms dense_series() {
    synth::Ms ms;
    std::mt19937 gen(2024);
    std::uniform_real_distribution<double> mz(150.0, 800.0), rt(60.0, 900.0);
    for (int i = 0; i < 20000; ++i) ms.add(mz(gen), rt(gen), 1e4);
    for (int n = 1; n <= 3; ++n) ms.add(synth::mh(series_member(n)), 100 + 20 * n, 2e5 / n);
    return ms;
}
}  // namespace

TEST(MsDetectors, OligomerMembersLosingRepeatUnitsLiftASeriesAtChance) {
    const auto ms = dense_series();
    const auto ms1 = sc::oligomer_ms(ms.r.features, benzyl_model(), kOpt);
    ASSERT_LE(ms1.llr, 0.0) << ms1.note;
    const double unit = ch::Formula("C5H12N2").monoisotopic_mass();
    for (const bool loses_units : {true, false}) {
        std::vector<sg::Ms2Scan> scans;
        matrix_ms2(ms, scans, 0, 1);
        // MS2 of 60 matrix ions (features 0..59 are random matrix ions).
        std::mt19937 rng(3);
        std::uniform_real_distribution<double> frac(0.0, 1.0);
        for (std::size_t i = 0; i < 60; ++i) {
            const auto& f = ms.r.features[i];
            std::uniform_real_distribution<double> frag(50.0, f.mz - 5.0);
            std::vector<std::pair<double, double>> peaks;
            for (int k = 0; k < 8; ++k) peaks.emplace_back(frag(rng), 0.05 + frac(rng));
            scans.push_back(scan(std::to_string(i) + "m", f.rt_s, f.mz, peaks));
        }
        for (int n = 1; n <= 3; ++n) {
            const double p = synth::mh(series_member(n));
            std::vector<std::pair<double, double>> peaks =
                loses_units ? std::vector<std::pair<double, double>>{{p - unit, 1.0},
                                                                     {p - ch::Formula("C2H5N").monoisotopic_mass(), 0.4},
                                                                     {p - ch::Formula("NH3").monoisotopic_mass(), 0.3},
                                                                     {ch::Formula("C5H11N2+").mz(), 0.2},
                                                                     {p, 0.1}}
                            : std::vector<std::pair<double, double>>{{p - 18.0106, 1.0}, {p - 60.0, 0.4}, {p, 0.1}};
            scans.push_back(scan(std::to_string(n) + "olig", 100 + 20 * n, p, peaks));
        }
        const sg::Ms2Index index(scans, sg::Ms2IndexOptions{});
        const auto r = sc::oligomer_ms(ms.r.features, benzyl_model(), kOpt, access_for(ms, index));
        if (loses_units) {
            EXPECT_GT(r.llr, 2.0) << r.note;
            EXPECT_NE(r.note.find("MS2 losing the repeat unit"), std::string::npos) << r.note;
            const auto it = std::find_if(r.evidence.begin(), r.evidence.end(), [](const sc::Evidence& e) {
                return e.kind == sc::EvidenceKind::ms2_spectrum && e.role == sc::EvidenceRole::supports;
            });
            ASSERT_NE(it, r.evidence.end());
            EXPECT_TRUE(std::any_of(it->predicted.begin(), it->predicted.end(),
                                    [](const sc::Ms2Predicted& p) { return p.loss == "C5H12N2" && p.observed; }));
        } else {
            EXPECT_LE(r.llr, 0.0) << r.note;
            EXPECT_NE(r.note.find("no loss of C5H12N2"), std::string::npos) << r.note;
        }
    }
}

// Without a reagent: the anchored ladder's members' MS2 (tropylium, ring alpha-cleavage losses)
// beyond the chance rate of the run's other MS2 scans; an MS2 reading is reported with it.
TEST(MsDetectors, GenericLadderReadsItsMembersMs2) {
    auto ms = product_with_traps();
    ms.protonated("C5H12N2", 200, 2e5);
    ms.protonated("C19H24N2", 420, 3e5);
    std::mt19937 rng(7);
    std::uniform_real_distribution<double> mz(120.0, 600.0), rt(60.0, 900.0), frac(0.0, 1.0);
    for (int i = 0; i < 300; ++i) ms.add(mz(rng), rt(rng), 1e5 + 1e6 * frac(rng));
    std::vector<sg::Ms2Scan> scans;
    matrix_ms2(ms, scans, 60, 11);
    const double mh = synth::mh("C19H24N2");
    scans.push_back(scan("member", 420, mh,
                         {{ch::Formula("C7H7+").mz(), 1.0},
                          {mh - ch::Formula("C2H5N").monoisotopic_mass(), 0.3},
                          {mh - ch::Formula("C3H7N").monoisotopic_mass(), 0.2},
                          {mh, 0.1}}));
    const sg::Ms2Index index(scans, sg::Ms2IndexOptions{});
    const auto unknown = ch::build_reaction_model({"", ""});
    const auto r = sc::over_alkylation_ms(ms.r.features, unknown, kOpt, access_for(ms, index));
    std::string expected = "MS2 of m/z ";
    expected += sc::detail::fixed(mh, 4);
    EXPECT_NE(r.note.find(expected), std::string::npos) << r.note;
}

// Real MS/MS (spectra_samples/real/ms/massbank, CC BY; MANIFEST.md there): the benzyl quaternary
// ammonium benzyldimethyltetradecylammonium (CID 40 eV) loses toluene and reads quaternary; the
// protonated tertiary amine trimipramine [M+H]+ (HCD 30) loses Me2NH and reads protonated in a
// benzyl reaction; in a methyl reaction Me2NH is the quaternary N's own R2NH, which a ring quat
// loses too (after a ring-opening elimination), so it decides nothing there.
#include <fstream>
#include <sstream>
#include "test_support.hpp"

namespace {
sg::Ms2Consensus massbank_consensus(const std::string& file, double precursor) {
    std::ifstream in(sidepeak::test::real_samples() / "ms" / "massbank" / file);
    std::string line;
    bool peaks = false;
    std::vector<std::pair<double, double>> list;
    while (std::getline(in, line)) {
        if (line.rfind("PK$PEAK:", 0) == 0) {
            peaks = true;
            continue;
        }
        if (!peaks || line.rfind("//", 0) == 0) continue;
        std::istringstream ss(line);
        double mz = 0, abs = 0, rel = 0;
        if (ss >> mz >> abs >> rel) list.emplace_back(mz, rel / 999.0);
    }
    return consensus_of(precursor, list);
}
}  // namespace

TEST(Ms2ChargeSite, RealQuaternaryAndProtonatedAmine) {
    const ch::Formula quat("C23H42N+");
    const auto bac = massbank_consensus("MSBNK-Athens_Univ-AU285104.txt", quat.mz());
    ASSERT_FALSE(bac.peaks.empty());
    const auto q = sc::detail::read_charge_site(bac, quat, benzyl_model(), 10.0);
    EXPECT_EQ(q.site, sc::detail::ChargeSite::quaternary) << q.text;
    EXPECT_NE(q.text.find("C7H8"), std::string::npos) << q.text;

    const ch::Formula tri("C20H27N2+");
    const auto trimipramine = massbank_consensus("MSBNK-Eawag-EA286103.txt", tri.mz());
    ASSERT_FALSE(trimipramine.peaks.empty());
    const auto p = sc::detail::read_charge_site(trimipramine, tri, benzyl_model(), 10.0);
    EXPECT_EQ(p.site, sc::detail::ChargeSite::protonated) << p.text;
    const auto methyl = ch::build_reaction_model({"C6H14N2", "methyl"});
    const auto m = sc::detail::read_charge_site(trimipramine, tri, methyl, 10.0);
    EXPECT_EQ(m.site, sc::detail::ChargeSite::undecided) << m.text;
}

// Without a context, a crude's product that shows neither its 13C peak nor an adduct (a lone
// [M+H]+ among 5,000 matrix features) is still read as the product when its MS2 shows the
// diazepane's predicted fragments (tropylium, ring alpha-cleavage losses of C2H5N and C3H7N)
// that the run's other MS2 scans do not: the fragments' chance and the m/z's decoy rate combine.
// The same ion with matrix-like MS2 is not taken for a product.
TEST(MsIons, ContextInferredFromALoneProductIonByItsMs2) {
    synth::Ms ms;
    std::mt19937 gen(11);
    std::uniform_real_distribution<double> mz(150.0, 800.0), rt(60.0, 900.0), lg(4.0, 7.0);
    for (int i = 0; i < 5000; ++i) ms.add(mz(gen), rt(gen), std::pow(10.0, lg(gen)), 0);
    std::vector<sg::Ms2Scan> scans;
    matrix_ms2(ms, scans, 2000, 7);  // of matrix features only
    const double mh = synth::mh("C12H18N2");
    ms.add(mh, 300, 3e6, 0);
    ASSERT_TRUE(sc::detail::infer_context_from_ms(ms.r.features, kOpt).product.empty());
    auto with_product_scan = [&](std::vector<std::pair<double, double>> peaks) {
        auto all = scans;
        all.push_back(scan("product", 300, mh, std::move(peaks)));
        return all;
    };
    const auto ring = with_product_scan({{ch::Formula("C7H7+").mz(), 1.0},
                                         {mh - ch::Formula("C2H5N").monoisotopic_mass(), 0.4},
                                         {mh - ch::Formula("C3H7N").monoisotopic_mass(), 0.3},
                                         {mh, 0.2}});
    const sg::Ms2Index index(ring, sg::Ms2IndexOptions{});
    const sc::detail::IonTable table(ms.r.features, kOpt);
    const auto access = access_for(ms, index);
    const auto ctx = sc::detail::infer_context_from_ms(ms.r.features, table, &access);
    EXPECT_EQ(ctx.product, "C12H18N2") << ctx.why;
    EXPECT_NE(ctx.why.find("MS2"), std::string::npos) << ctx.why;
    const auto other = with_product_scan({{77.0386, 1.0}, {119.0855, 0.5}, {mh, 0.2}});
    const sg::Ms2Index index2(other, sg::Ms2IndexOptions{});
    const auto access2 = access_for(ms, index2);
    EXPECT_TRUE(sc::detail::infer_context_from_ms(ms.r.features, table, &access2).product.empty());
}

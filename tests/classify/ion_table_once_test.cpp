// The LC-MS ion tables are built once per classification (classifier.cpp) and passed to the
// detectors by const reference: a plain table and a copy recalibrated on the model's calibrants.
// These tests hold that the shared tables read exactly as the tables each detector used to build.
#include <gtest/gtest.h>

#include <random>
#include <string>

#include "detectors.hpp"
#include "infer_context.hpp"
#include "ms_ions.hpp"
#include "sidepeak/chem/constants.hpp"
#include "synthetic.hpp"

namespace sc = sidepeak::classify;
namespace ch = sidepeak::chem;

namespace {
using synth::benzyl_model;
const sc::ClassifierOptions kOpt{};

// A dense run whose m/z carry a common +6 ppm offset and a 0.5 ppm random error, with the product,
// the dibenzyl [M+H]+, the tribenzyl quaternary cation, the N-oxide and a repeat-unit series.
synth::Ms offset_crude() {
    synth::Ms ms;
    std::mt19937 gen(31);
    std::uniform_real_distribution<double> mz(150.0, 800.0), rt(60.0, 900.0), rel(0.05, 0.4);
    std::normal_distribution<double> err(0.0, 0.5);
    constexpr double kOffsetPpm = 6.0;
    for (int i = 0; i < 2000; ++i) {
        const double m = mz(gen);
        auto& f = ms.add(m * (1 + (kOffsetPpm + err(gen)) * 1e-6), rt(gen), 1e4);
        f.isotopes.push_back((m + ch::kC13Shift) * (1 + (kOffsetPpm + err(gen)) * 1e-6));
        f.isotope_intensities.push_back(rel(gen));
    }
    ms.protonated("C12H18N2", 300, 1e6, kOffsetPpm);
    ms.protonated("C19H24N2", 420, 3e5, kOffsetPpm);
    ms.with_isotopes(ch::Formula("C26H31N2+"), 380, 1e5, kOffsetPpm);
    ms.protonated("C12H18N2O", 250, 2e5, kOffsetPpm);
    for (int n = 1; n <= 4; ++n) ms.protonated("(C5H12N2)" + std::to_string(n) + "C2H8N2", 100 + 20 * n, 2e5 / n, kOffsetPpm);
    return ms;
}

void expect_same(const sc::ModalityResult& a, const sc::ModalityResult& b) {
    EXPECT_EQ(a.checked, b.checked);
    EXPECT_EQ(a.llr, b.llr);
    EXPECT_EQ(a.note, b.note);
    EXPECT_EQ(a.evidence.size(), b.evidence.size());
    EXPECT_EQ(a.corroborative_only, b.corroborative_only);
}
}  // namespace

// A recalibrated copy reads as a table built with the calibrants: same ions and flags, the same
// offset; recalibrating a calibrated table on no calibrant gives the plain table back.
TEST(IonTableOnce, RecalibratedCopyEqualsATableBuiltWithTheCalibrants) {
    const auto ms = offset_crude();
    const auto calibrants = sc::detail::model_calibrants(benzyl_model());
    const sc::detail::IonTable plain(ms.r.features, kOpt);
    const sc::detail::IonTable built(ms.r.features, kOpt, calibrants);
    const sc::detail::IonTable copy = plain.recalibrated(calibrants);
    ASSERT_FALSE(plain.calibrated());
    ASSERT_TRUE(built.calibrated());
    EXPECT_NEAR(built.calibration_ppm(), 6.0, 0.05);
    EXPECT_EQ(copy.calibrated(), built.calibrated());
    EXPECT_EQ(copy.calibration_ppm(), built.calibration_ppm());
    EXPECT_EQ(copy.ppm(), built.ppm());
    EXPECT_EQ(copy.background_count(), built.background_count());
    EXPECT_EQ(copy.primary_count(), built.primary_count());
    ASSERT_EQ(copy.ions().size(), built.ions().size());
    for (std::size_t i = 0; i < copy.ions().size(); ++i) {
        EXPECT_EQ(copy.ions()[i].feature, built.ions()[i].feature);
        EXPECT_EQ(copy.ions()[i].primary(), built.ions()[i].primary());
        EXPECT_EQ(copy.ions()[i].explained_by, built.ions()[i].explained_by);
    }
    const sc::detail::IonTable back = built.recalibrated({});
    EXPECT_FALSE(back.calibrated());
    EXPECT_EQ(back.calibration_ppm(), 0.0);
    EXPECT_EQ(back.options().mass_tolerance_ppm, kOpt.mass_tolerance_ppm);
}

// Each detector given the shared table reads as it does from the features alone: the plain table
// for the oligomer and N-oxide detectors, the recalibrated one for over-alkylation and Hofmann.
TEST(IonTableOnce, DetectorsOnSharedTablesReadAsOnTheirOwnTables) {
    const auto ms = offset_crude();
    const auto& m = benzyl_model();
    const sc::detail::IonTable plain(ms.r.features, kOpt);
    const sc::detail::IonTable calibrated = plain.recalibrated(sc::detail::model_calibrants(m));
    const auto over = sc::over_alkylation_ms(calibrated, ms.r.features, m);
    EXPECT_NE(over.note.find("recalibrated by 6.0 ppm"), std::string::npos) << over.note;
    expect_same(over, sc::over_alkylation_ms(ms.r.features, m, kOpt));
    expect_same(sc::hofmann_ms(calibrated, ms.r.features, m), sc::hofmann_ms(ms.r.features, m, kOpt));
    expect_same(sc::oligomer_ms(plain, ms.r.features, m), sc::oligomer_ms(ms.r.features, m, kOpt));
    expect_same(sc::n_oxide_ms(plain, ms.r.features, m), sc::n_oxide_ms(ms.r.features, m, kOpt));
    const auto inferred = sc::detail::infer_reagent("C12H18N2", nullptr, plain);
    const auto own = sc::detail::infer_reagent("C12H18N2", nullptr, ms.r.features, kOpt);
    ASSERT_NE(inferred.reagent, nullptr);
    EXPECT_EQ(inferred.reagent, own.reagent);
    EXPECT_EQ(inferred.score, own.score);
}

// classify() hands the over-alkylation detector the table recalibrated on the stated product, and
// its LC-MS reading is the one of the detector's own table.
TEST(IonTableOnce, ClassifyPassesTheRecalibratedTableToOverAlkylation) {
    const auto ms = offset_crude();
    sc::ClassifierInput input;
    input.context = sc::resolve_context("C12H18N2", "benzyl");
    input.lcms = {&ms.r};
    const auto c = sc::classify(input);
    const auto own = sc::over_alkylation_ms(ms.r.features, *input.context.model, kOpt);
    ASSERT_EQ(c.findings.size(), 4u);
    const auto& over = c.findings[1];
    EXPECT_EQ(over.cls, sc::ByproductClass::over_alkylation);
    EXPECT_NE(over.summary.find("recalibrated by 6.0 ppm"), std::string::npos) << over.summary;
    EXPECT_NE(over.summary.find(own.note), std::string::npos) << over.summary << "\n" << own.note;
}

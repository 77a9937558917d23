// Per-class, per-data-kind calibration of the merged evidence (src/classify/calibration.hpp).
#include <gtest/gtest.h>

#include <cmath>

#include "calibration.hpp"
#include "detectors.hpp"

namespace sc = sidepeak::classify;
namespace scd = sidepeak::classify::detail;

namespace {
sc::ModalityResult part(sc::EvidenceSource source, double llr) {
    sc::ModalityResult r;
    r.checked = true;
    r.source = source;
    r.llr = llr;
    r.note = "sign";
    return r;
}
}  // namespace

TEST(Calibration, IdentityIsTheSumOfTheLlrs) {
    const auto nmr = part(sc::EvidenceSource::nmr, 1.5);
    const auto ms = part(sc::EvidenceSource::lcms, -0.5);
    EXPECT_DOUBLE_EQ(scd::calibrated_logit(scd::identity_calibration(), sc::ByproductClass::n_oxide, {&nmr, &ms}), 1.0);
}

TEST(Calibration, EachDataKindHasItsOwnSlopeAndTheInterceptIsCountedOnce) {
    scd::CalibrationTable t;
    t.maps[2][0] = {0.5, -1.0};  // n_oxide, NMR
    t.maps[2][1] = {2.0, 0.5};   // n_oxide, LC-MS
    const auto nmr = part(sc::EvidenceSource::nmr, 2.0);
    const auto ms = part(sc::EvidenceSource::lcms, 1.0);
    EXPECT_DOUBLE_EQ(scd::calibrated_logit(t, sc::ByproductClass::n_oxide, {&nmr}), 0.0);
    EXPECT_DOUBLE_EQ(scd::calibrated_logit(t, sc::ByproductClass::n_oxide, {&ms}), 2.5);
    // Both kinds: slopes per part, intercepts averaged (one prior, not two).
    EXPECT_DOUBLE_EQ(scd::calibrated_logit(t, sc::ByproductClass::n_oxide, {&nmr, &ms}), 1.0 + 2.0 - 0.25);
    // Other classes keep their own (identity) maps.
    EXPECT_DOUBLE_EQ(scd::calibrated_logit(t, sc::ByproductClass::oligomer, {&nmr, &ms}), 3.0);
}

TEST(Calibration, ACheckedKindWithoutCountedEvidenceStillSetsThePrior) {
    scd::CalibrationTable t;
    t.maps[0][0] = {0.5, -1.0};  // oligomer, NMR
    EXPECT_DOUBLE_EQ(scd::calibrated_logit(t, sc::ByproductClass::oligomer, {}, {sc::EvidenceSource::nmr}), -1.0);
    EXPECT_DOUBLE_EQ(scd::calibrated_logit(t, sc::ByproductClass::oligomer, {}, {}), 0.0);
}

TEST(Calibration, ImpliedEvidenceIsCountedAsStated) {
    scd::CalibrationTable t;
    t.maps[1][0] = {0.5, -2.0};  // over-alkylation, NMR
    const auto implied = part(sc::EvidenceSource::implied, 2.0);
    EXPECT_DOUBLE_EQ(scd::calibrated_logit(t, sc::ByproductClass::over_alkylation, {&implied}), 2.0);
}

TEST(Calibration, FittedMapsAreIncreasing) {
    // A calibration may soften or sharpen the evidence but never turn evidence for into evidence
    // against: every slope is positive and finite.
    const auto t = scd::fitted_calibration();
    for (const auto& per_class : t.maps) {
        for (const auto& m : per_class) {
            EXPECT_GT(m.a, 0.0);
            EXPECT_TRUE(std::isfinite(m.a) && std::isfinite(m.b));
        }
    }
}

TEST(Calibration, MergeReportsTheUncalibratedLlr) {
    const auto f = sc::merge_findings(sc::ByproductClass::hofmann,
                                      {part(sc::EvidenceSource::nmr, 2.0), part(sc::EvidenceSource::lcms, 0.5)});
    EXPECT_DOUBLE_EQ(f.evidence_llr, 2.5);
    EXPECT_TRUE(f.detected);
    EXPECT_NEAR(f.confidence, 1.0 / (1.0 + std::exp(-2.5)), 1e-12);
}

// Negative LC-MS findings whose predicted ions partly lie beyond the run's scan limit (a scan
// starting above the product: a dense ion population cut at its lowest ion) name the positions
// they read: each beyond the limit, empty (with the nearest ion and its offset in ppm) or holding
// an ion; inside the scan, or in a sparse run whose ions merely end, they keep their wording. And a quaternary cation whose product lies below the scan
// range still counts on its own evidence (isotopes of its formula).
#include <gtest/gtest.h>

#include <string>

#include "detectors.hpp"
#include "ion_positions.hpp"
#include "sidepeak/chem/constants.hpp"
#include "synthetic.hpp"

namespace sc = sidepeak::classify;
namespace scd = sidepeak::classify::detail;
namespace ch = sidepeak::chem;

namespace {
const sc::ClassifierOptions kOpt{};
const ch::ReactionModel& benzyl() {
    static const ch::ReactionModel m = ch::build_reaction_model({"C12H18N2", "BnBr"});
    return m;
}
constexpr double kQuat = 371.2482;  // C26H31N2+

// A run recorded from m/z 300: 12 matrix ions in 300.5-306.0 (a scan edge), 371.2655 (+46.6 ppm
// from the quaternary cation) and 520.3, none at the reaction's ions.
synth::Ms scan_from(double lo) {
    synth::Ms ms;
    for (int k = 0; k < 12; ++k) ms.add(lo + 0.5 + 0.5 * k, 100 + 10 * k, 5e4);
    if (lo < 371.0) ms.add(371.2655, 200, 5e4);
    ms.add(520.3, 300, 5e4);
    return ms;
}
synth::Ms scan_from_300() { return scan_from(300.0); }

bool has(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }
}  // namespace

TEST(NegativePositions, PositionTextSaysOutsideEmptyOrSeen) {
    const auto ms = scan_from_300();
    const scd::IonTable table(ms.r.features, kOpt);
    EXPECT_TRUE(scd::outside_run(table, 281.2012));
    EXPECT_FALSE(scd::outside_run(table, 600.0));  // above the highest ion, but no scan edge there
    EXPECT_TRUE(has(scd::position_text(table, "P", 281.2012), "beyond the run's scan limit (its ions span m/z 300.50-520.30)"));
    const std::string empty = scd::position_text(table, "Q", kQuat, 1);
    EXPECT_TRUE(has(empty, "no ion within 10.0 ppm (nearest m/z 371.2655, +46.6 ppm, RT 200 s)")) << empty;
    EXPECT_TRUE(has(scd::position_text(table, "M", 520.3), "M m/z 520.3000: m/z 520.3000, S/N 100.0 at RT 300 s"));
}

TEST(NegativePositions, NearestIonKeepsTheCharge) {
    synth::Ms ms;
    ms.add(371.2490, 100, 5e4, 2);
    ms.add(371.2600, 100, 5e4, 1);
    const scd::IonTable table(ms.r.features, kOpt);
    ASSERT_NE(scd::nearest_ion(table, kQuat, 1), nullptr);
    EXPECT_NEAR(scd::nearest_ion(table, kQuat, 1)->mz(), 371.2600, 1e-9);
    EXPECT_NEAR(scd::nearest_ion(table, kQuat, 0)->mz(), 371.2490, 1e-9);
}

TEST(NegativePositions, OverAlkylationNamesThePositionsRead) {
    const auto r = sc::over_alkylation_ms(scan_from_300().r.features, benzyl(), kOpt);
    EXPECT_LT(r.llr, 0.0);
    EXPECT_TRUE(has(r.note, "S+1 benzyl (product) [M+H]+ m/z 191.1543 beyond the run's scan limit")) << r.note;
    EXPECT_TRUE(has(r.note, "S+2 benzyl [M+H]+ m/z 281.2012 beyond")) << r.note;
    EXPECT_TRUE(has(r.note, "m/z 371.2482: no ion within 10.0 ppm (nearest m/z 371.2655")) << r.note;
}

TEST(NegativePositions, NOxideAndHofmannNameTheirPositions) {
    const auto n = sc::n_oxide_ms(scan_from_300().r.features, benzyl(), kOpt);
    EXPECT_TRUE(has(n.note, "the reaction's own N-oxide positions: N-oxide of S+1 benzyl [M+H]+ m/z 207.1492 beyond"))
        << n.note;
    const auto h = sc::hofmann_ms(scan_from(400.0).r.features, benzyl(), kOpt);  // scanned above the cation
    EXPECT_TRUE(has(h.note, "no quaternary cation") && has(h.note, "M+ m/z 371.2482 beyond")) << h.note;
}

// Every position inside the scan, or a sparse run whose ions merely end: the short negatives stay
// as they were.
TEST(NegativePositions, InRangeNegativesKeepTheirWording) {
    synth::Ms ms;
    ms.add(150.5, 100, 5e4);
    ms.add(520.3, 300, 5e4);
    EXPECT_EQ(sc::over_alkylation_ms(ms.r.features, benzyl(), kOpt).note, "no member of the benzyl ladder in LC-MS");
    EXPECT_EQ(sc::n_oxide_ms(ms.r.features, benzyl(), kOpt).note, "no +O partner of any ion in LC-MS");
    EXPECT_EQ(sc::hofmann_ms(ms.r.features, benzyl(), kOpt).note, "no quaternary cation, hence no Hofmann precursor, in LC-MS");
    synth::Ms sparse;  // two ions from m/z 300: no scan edge
    sparse.add(300.5, 100, 5e4);
    sparse.add(520.3, 300, 5e4);
    EXPECT_EQ(sc::over_alkylation_ms(sparse.r.features, benzyl(), kOpt).note, "no member of the benzyl ladder in LC-MS");
}

TEST(NegativePositions, QuaternaryWithIsotopesCountsWithoutTheProductInRange) {
    auto ms = scan_from_300();
    ms.cation("C26H31N2+", 250, 4e4);  // M+ with its M+1 / M+2 at the formula's ratios
    const auto r = sc::over_alkylation_ms(ms.r.features, benzyl(), kOpt);
    EXPECT_GT(r.llr, 0.0) << r.note;
}

// Isotope peaks read from separate features (detail::observed_isotopes): a weaker 13C trace whose
// elution range and apex lie inside the monoisotopic peak's is the same eluting molecules even when
// its measured apex and FWHM differ (a tailing or split peak moves the stronger trace's apex, the
// weaker trace drops below the noise early); a feature at the 13C spacing outside that range is
// another compound. A quaternary cation read with such an M+1 counts beyond chance in a dense run.
#include <gtest/gtest.h>

#include <random>

#include "detectors.hpp"
#include "ms_ions.hpp"
#include "sidepeak/chem/constants.hpp"
#include "sidepeak/chem/isotopes.hpp"
#include "synthetic.hpp"

namespace sc = sidepeak::classify;
namespace scd = sidepeak::classify::detail;
namespace ch = sidepeak::chem;

namespace {
const sc::ClassifierOptions kOpt{};
constexpr double kQuatMz = 371.2482;  // C26H31N2+, the tribenzyl quaternary cation

// A monoisotopic trace 482-509 s (apex 498 s, FWHM 20 s) as a tailing peak gives it.
sidepeak::signal::Feature& tailing_mono(synth::Ms& ms, double mz, double intensity) {
    auto& f = ms.add(mz, 498, intensity);
    f.rt_from_s = 482;
    f.rt_to_s = 509;
    f.fwhm_s = 20.3;
    return f;
}

// Its M+1 trace, kept only over the first maximum: 482-492 s, apex 492 s, FWHM 5.7 s.
sidepeak::signal::Feature& early_m1(synth::Ms& ms, double mz, double intensity, double from = 482, double to = 492,
                                   double apex = 492) {
    auto& f = ms.add(mz + ch::kC13Shift, apex, intensity);
    f.rt_from_s = from;
    f.rt_to_s = to;
    f.fwhm_s = 5.7;
    return f;
}

const scd::Ion& ion_at(const scd::IonTable& table, double mz) {
    const auto hits = table.find_related(mz, false, 0);
    EXPECT_FALSE(hits.empty());
    return *hits.front();
}
}  // namespace

TEST(IsotopeElution, NestedWeakerTraceIsTheM1) {
    synth::Ms ms;
    tailing_mono(ms, kQuatMz, 2.0e4);
    early_m1(ms, kQuatMz, 7.0e3);
    const scd::IonTable table(ms.r.features, kOpt);
    const auto iso = scd::observed_isotopes(table, ion_at(table, kQuatMz), 1);
    ASSERT_EQ(iso.size(), 1u);
    EXPECT_NEAR(iso[0], 0.35, 1e-9);
}

TEST(IsotopeElution, TraceOutsideTheElutionIsAnotherCompound) {
    synth::Ms ms;
    tailing_mono(ms, kQuatMz, 2.0e4);
    early_m1(ms, kQuatMz, 7.0e3, 505, 515, 510);  // starts inside, ends after the monoisotopic trace
    const scd::IonTable table(ms.r.features, kOpt);
    EXPECT_TRUE(scd::observed_isotopes(table, ion_at(table, kQuatMz), 1).empty());
}

TEST(IsotopeElution, WithinElutionNeedsRangeAndApexInside) {
    sidepeak::signal::Feature mono, weak;
    mono.rt_s = 498, mono.rt_from_s = 482, mono.rt_to_s = 509;
    weak.rt_s = 492, weak.rt_from_s = 482, weak.rt_to_s = 492;
    EXPECT_TRUE(scd::within_elution(mono, weak));
    weak.rt_from_s = 480;
    EXPECT_FALSE(scd::within_elution(mono, weak));
    weak.rt_from_s = 482, weak.rt_s = 493;  // apex outside its own range: not a peak reading
    weak.rt_to_s = 492;
    EXPECT_TRUE(scd::within_elution(mono, weak));
    sidepeak::signal::Feature unknown;  // no elution range recorded: no reading
    EXPECT_FALSE(scd::within_elution(mono, unknown));
}

// A dense run like a crude's: 20000 singly charged matrix ions spread over m/z 150-800 and 0-900 s
// (about 31 per Da, so the 10 ppm window at m/z 371 holds one by chance about 20 % of the time), the
// product with its isotopes, and the quaternary cation 6 ppm off as a tailing peak whose M+1 trace is
// nested in it. Without the M+1 the lone cation is at chance; with it, it counts.
TEST(IsotopeElution, QuaternaryWithNestedM1CountsInADenseRun) {
    const auto model = ch::build_reaction_model({"C12H18N2", "BnBr"});
    auto dense = [](bool with_m1) {
        synth::Ms ms;
        std::mt19937 rng(7);
        std::uniform_real_distribution<double> mz(150.0, 800.0), rt(0.0, 900.0), in(1e3, 1e5);
        for (int i = 0; i < 20000; ++i) ms.add(mz(rng), rt(rng), in(rng));
        ms.protonated("C12H18N2", 380, 4.4e5);
        const double quat = kQuatMz * (1.0 - 6e-6);
        tailing_mono(ms, quat, 2.1e4);
        if (with_m1) early_m1(ms, quat, 0.3 * 2.1e4);
        return ms;
    };
    const auto without = sc::over_alkylation_ms(dense(false).r.features, model, kOpt);
    const auto with = sc::over_alkylation_ms(dense(true).r.features, model, kOpt);
    EXPECT_LT(without.llr, 0.0) << without.note;
    EXPECT_GT(with.llr, 0.0) << with.note;
}

// Over-alkylation LC-MS: data-dependent MS2 scans at the quaternary cation's exact m/z, where MS1
// kept no feature, record an ion the survey scan saw; they count as the quaternary member when
// decoy positions of the m/z hold as many scans in <= 5 % of the run's in-range positions.
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "sidepeak/chem/constants.hpp"
#include "sidepeak/signal/ms2_index.hpp"
#include "detectors.hpp"
#include "dda_run.hpp"
#include "ms_ions.hpp"
#include "synthetic.hpp"

namespace sc = sidepeak::classify;
namespace sg = sidepeak::signal;
namespace ch = sidepeak::chem;

namespace {
const sc::ClassifierOptions kOpt{};
const double kQuat = ch::Formula("C26H31N2+").mz();

sg::Ms2Scan scan(double rt, double precursor) {
    return synth::dda_scan(rt, precursor, {{91.0542, 0.5}, {precursor - 92.0626, 1.0}, {precursor, 0.3}});
}

// The product, 200 matrix ions each with one MS2 scan at its apex; no quaternary feature.
synth::DdaRun matrix_run() {
    synth::DdaRun run;
    run.ms.protonated("C12H18N2", 300, 1e6);
    return synth::with_dda_matrix(std::move(run), 11, 160.0, 790.0,
                                  [](const auto& f) { return scan(f.rt_s, f.mz); });
}

sc::ModalityResult read(const synth::DdaRun& run) {
    return synth::read_dda(run, [](const auto& features, const auto& ms2) {
        return sc::over_alkylation_ms(features, synth::benzyl_model(), kOpt, ms2);
    });
}
}  // namespace

TEST(OverAlkylationMsPrecursor, ScansAtTheQuaternaryMzCount) {
    auto run = matrix_run();
    ASSERT_LT(read(run).llr, 0.0);
    for (double rt : {400.0, 404.0, 408.0}) run.scans.push_back(scan(rt, kQuat));
    const auto r = read(run);
    EXPECT_GT(r.llr, 0.0) << r.note;
    EXPECT_NE(r.note.find("data-dependent MS2"), std::string::npos) << r.note;
}

TEST(OverAlkylationMsPrecursor, AsManyScansAtDecoyPositionsAreChance) {
    auto run = matrix_run();
    for (double rt : {400.0, 404.0, 408.0}) run.scans.push_back(scan(rt, kQuat));
    for (double off : sc::detail::range_decoy_offsets(150.5, 799.5, {kQuat}))
        for (double rt : {200.0, 204.0, 208.0}) run.scans.push_back(scan(rt, kQuat + off));
    EXPECT_LT(read(run).llr, 0.0);
}

namespace {
const double kBisH = ch::Formula("C19H25N2+").mz();  // S+2 benzyl [M+H]+, 281.2012

// A DDA scan at S+2 [M+H]+: tropylium and the ring's C2H5N / C3H7N alpha-cleavage losses
// (`ring` false: the tropylium alone, which any benzylic matrix ion shows).
sg::Ms2Scan bis_scan(double rt, bool ring) {
    std::vector<std::pair<double, double>> peaks{{91.0542, 1.0}, {kBisH, 0.5}};
    if (ring) {
        peaks.emplace_back(kBisH - ch::Formula("C2H5N").monoisotopic_mass(), 0.8);
        peaks.emplace_back(kBisH - ch::Formula("C3H7N").monoisotopic_mass(), 0.3);
    }
    return synth::dda_scan(rt, kBisH, peaks);
}
}  // namespace

TEST(OverAlkylationMsPrecursor, ScanAtTheBisAmineWithItsFragmentsCounts) {
    auto run = matrix_run();
    run.scans.push_back(bis_scan(310.0, true));
    const auto r = read(run);
    EXPECT_GT(r.llr, 0.0) << r.note;
    EXPECT_NE(r.note.find("S+2 benzyl"), std::string::npos) << r.note;
    EXPECT_NE(r.note.find("predicted fragments"), std::string::npos) << r.note;
}

TEST(OverAlkylationMsPrecursor, ScanAtTheBisAmineWithTheTropyliumAloneIsNoMember) {
    auto run = matrix_run();
    run.scans.push_back(bis_scan(310.0, false));
    EXPECT_LT(read(run).llr, 0.0);
}

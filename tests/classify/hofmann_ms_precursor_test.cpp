// Hofmann LC-MS: a data-dependent MS2 scan at the quaternary m/z at a retention time outside every
// feature there records a second ion of that m/z the feature detection did not keep; beside the
// quaternary cation's own feature (or another such scan well apart) it is the isobaric pair,
// counted when decoy positions of the m/z do not show such pairs as often. Scans inside the
// quaternary's own peak, or two scans within one peak width, are no pair.
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "sidepeak/chem/constants.hpp"
#include "sidepeak/signal/ms2_index.hpp"
#include "detectors.hpp"
#include "ms_ions.hpp"
#include "dda_run.hpp"
#include "synthetic.hpp"

namespace sc = sidepeak::classify;
namespace sg = sidepeak::signal;
namespace ch = sidepeak::chem;

namespace {
using synth::benzyl_model;
const sc::ClassifierOptions kOpt{};

sg::Ms2Scan scan(double rt, double precursor) {
    return synth::dda_scan(rt, precursor, {{91.0542, 0.5}, {precursor - 92.0626, 1.0}, {precursor, 0.3}});
}

// The product, 200 matrix ions each with an MS2 scan at its own apex, and (when `quat`) the
// tribenzyl quaternary cation at 380 s.
using Run = synth::DdaRun;
Run matrix_run(bool quat) {
    Run run;
    run.ms.protonated("C12H18N2", 300, 1e6);
    run.ms.add(synth::mh("C12H18N2") + ch::kMassNa - ch::kMassH, 300.4, 1e5);
    run = synth::with_dda_matrix(std::move(run), 7, 160.0, 790.0, [](const auto& f) { return scan(f.rt_s, f.mz); });
    if (quat) run.ms.cation("C26H31N2+", 380, 1e5);
    return run;
}

sc::ModalityResult read(const Run& run) {
    return synth::read_dda(run, [](const auto& features, const auto& ms2) {
        return sc::hofmann_ms(features, benzyl_model(), kOpt, ms2);
    });
}

const double kQuat = ch::Formula("C26H31N2+").mz();
}  // namespace

TEST(HofmannMsPrecursor, ScanOutsideTheQuaternarysPeakIsTheIsobar) {
    auto run = matrix_run(true);
    ASSERT_LT(read(run).llr, 0.0);
    run.scans.push_back(scan(381, kQuat));  // the quaternary's own MS2
    run.scans.push_back(scan(520, kQuat));  // an ion of the same m/z, 140 s later
    const auto r = read(run);
    EXPECT_GT(r.llr, 0.0) << r.note;
    EXPECT_NE(r.note.find("MS2 precursors"), std::string::npos) << r.note;
}

TEST(HofmannMsPrecursor, ScansInsideTheQuaternarysPeakAreNoPair) {
    auto run = matrix_run(true);
    run.scans.push_back(scan(377, kQuat));
    run.scans.push_back(scan(384, kQuat));
    EXPECT_LT(read(run).llr, 0.0);
}

TEST(HofmannMsPrecursor, TwoScanGroupsWithoutFeaturesArePair) {
    auto run = matrix_run(false);
    run.scans.push_back(scan(400, kQuat));
    run.scans.push_back(scan(402, kQuat));
    EXPECT_LT(read(run).llr, 0.0) << "two triggers within one peak width";
    run.scans.push_back(scan(520, kQuat));
    const auto r = read(run);
    EXPECT_GT(r.llr, 0.0) << r.note;
}

TEST(HofmannMsPrecursor, PairsAtDecoyPositionsTooAreChance) {
    auto run = matrix_run(true);
    run.scans.push_back(scan(520, kQuat));
    for (double off : sc::detail::range_decoy_offsets(150.5, 799.5, {kQuat})) {
        run.scans.push_back(scan(200, kQuat + off));
        run.scans.push_back(scan(700, kQuat + off));
    }
    EXPECT_LT(read(run).llr, 0.0);
}

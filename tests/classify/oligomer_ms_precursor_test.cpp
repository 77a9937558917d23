// Oligomer LC-MS: data-dependent MS2 scans at the route's chain positions, where MS1 kept no
// feature, record ions the survey scan saw; they count as oligomer members when their consensus
// MS2 loses one repeat unit (C5H12N2, 100.1000 Da) beyond the chance of that loss among the run's
// other MS2 scans and the scan count beyond the chance of the run's decoy positions.
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "sidepeak/chem/constants.hpp"
#include "sidepeak/chem/formula.hpp"
#include "sidepeak/signal/ms2_index.hpp"
#include "detectors.hpp"
#include "dda_run.hpp"
#include "synthetic.hpp"

namespace sc = sidepeak::classify;
namespace sg = sidepeak::signal;
namespace ch = sidepeak::chem;

namespace {
const sc::ClassifierOptions kOpt{};
const double kUnit = ch::Formula("C5H12N2").monoisotopic_mass();

const ch::ReactionModel& diazepane_model() {
    static const ch::ReactionModel m = ch::build_reaction_model({"C5H12N2", ""});
    return m;
}

// [M+H]+ of the hydrolysed linear chain H-(C5H12N2)n-OH.
double hydrolysed(int n) { return n * kUnit + ch::Formula("H2O").monoisotopic_mass() + ch::kProtonMass; }

// A matrix ion's MS2: two fragments of no relation to the route.
sg::Ms2Scan matrix_scan(double rt, double precursor) {
    return synth::dda_scan(rt, precursor, {{precursor - 18.0106, 0.6}, {precursor - 44.0262, 1.0}, {precursor, 0.3}});
}

// A chain's MS2: the loss of one repeat unit and the protonated unit C5H13N2+ (`unit_loss` false:
// the same scan without the loss).
sg::Ms2Scan chain_scan(double rt, double precursor, bool unit_loss) {
    std::vector<std::pair<double, double>> peaks{{101.1073, 0.5}, {precursor, 0.4}};
    if (unit_loss) peaks.emplace_back(precursor - kUnit, 1.0);
    return synth::dda_scan(rt, precursor, peaks);
}

// The starting amine, 200 matrix ions each with one MS2 scan at its apex; no chain in MS1.
synth::DdaRun matrix_run() {
    synth::DdaRun run;
    run.ms.protonated("C5H12N2", 60, 1e6);
    return synth::with_dda_matrix(std::move(run), 17, 160.0, 790.0,
                                  [](const auto& f) { return matrix_scan(f.rt_s, f.mz); });
}

sc::ModalityResult read(const synth::DdaRun& run) {
    return synth::read_dda(run, [](const auto& features, const auto& ms2) {
        return sc::oligomer_ms(features, diazepane_model(), kOpt, ms2);
    });
}
}  // namespace

TEST(OligomerMsPrecursor, ChainScansLosingTheUnitCount) {
    auto run = matrix_run();
    ASSERT_LE(read(run).llr, 0.0);
    for (int n = 3; n <= 5; ++n) run.scans.push_back(chain_scan(400.0 + 20.0 * n, hydrolysed(n), true));
    const auto r = read(run);
    EXPECT_GT(r.llr, 0.0) << r.note;
    EXPECT_NE(r.note.find("data-dependent MS2 precursors"), std::string::npos) << r.note;
}

TEST(OligomerMsPrecursor, ChainScansWithoutTheUnitLossDoNotCount) {
    auto run = matrix_run();
    for (int n = 3; n <= 5; ++n) run.scans.push_back(chain_scan(400.0 + 20.0 * n, hydrolysed(n), false));
    EXPECT_LE(read(run).llr, 0.0);
}

// When the run's other MS2 scans lose C5H12N2 as often (a diazepane matrix), the loss says nothing.
TEST(OligomerMsPrecursor, UnitLossCommonInTheRunIsChance) {
    synth::DdaRun run;
    run.ms.protonated("C5H12N2", 60, 1e6);
    run = synth::with_dda_matrix(std::move(run), 17, 160.0, 790.0,
                                 [](const auto& f) { return chain_scan(f.rt_s, f.mz, true); });
    run.scans.push_back(chain_scan(460.0, hydrolysed(3), true));
    EXPECT_LE(read(run).llr, 0.0) << read(run).note;
}

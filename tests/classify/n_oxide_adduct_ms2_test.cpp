// N-oxide LC-MS: data-dependent MS2 of the reaction's own N-oxide as [M+NH4]+ (or [M+H]+), read
// from the scans' precursors where no feature was kept, showing the in-source losses of O and OH
// from the [M+H]+ is the N-oxide; a water loss alone is no N-oxide sign, and the same reading at
// every decoy position is chance.
#include <algorithm>
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

sg::Ms2Scan scan(double rt, double precursor, const std::vector<double>& fragments) {
    std::vector<std::pair<double, double>> peaks;
    for (const double mz : fragments) peaks.emplace_back(mz, 1.0);
    return synth::dda_scan(rt, precursor, std::move(peaks));
}

// The product and 200 matrix ions with their own MS2 (no +O pair among them).
using Run = synth::DdaRun;
Run matrix_run() {
    Run run;
    run.ms.protonated("C12H18N2", 300, 1e6);
    return synth::with_dda_matrix(std::move(run), 11, 300.0, 790.0,
                                  [](const auto& f) { return scan(f.rt_s, f.mz, {f.mz - 60.0, f.mz}); });
}

sc::ModalityResult read(const Run& run) {
    return synth::read_dda(run, [](const auto& features, const auto& ms2) {
        return sc::n_oxide_ms(features, benzyl_model(), kOpt, ms2);
    });
}

// 1,4-dibenzyl-1,4-diazepane N-oxide, C19H24N2O: [M+H]+ and [M+NH4]+.
const double kMh = synth::mh("C19H24N2O");
const double kNh4 = kMh + ch::kMassN + 3 * ch::kMassH;
}  // namespace

TEST(NOxideAdductMs2, AmmoniumAdductLosingOAndOhIsTheNOxide) {
    auto run = matrix_run();
    ASSERT_LT(read(run).llr, 0.0);
    run.scans.push_back(scan(500, kNh4, {kMh, kMh - ch::kMassO, kMh - ch::kMassO - ch::kMassH}));
    run.scans.push_back(scan(506, kNh4, {kMh - ch::kMassO - ch::kMassH, kNh4}));
    const auto r = read(run);
    EXPECT_GT(r.llr, 0.0) << r.note;
    EXPECT_NE(r.note.find("[M+NH4]+"), std::string::npos) << r.note;
}

// A matrix pair 15.995 apart (the +O search finds it, at chance level) does not hide the MS2 of the
// reaction's own N-oxide precursor, whose ion stayed below the MS1 feature limit.
TEST(NOxideAdductMs2, ChanceLevelPlusOPairOfTheMatrixLeavesTheOwnMs2Reading) {
    auto run = matrix_run();
    // The same relation at every decoy mass difference: the pair is at chance level.
    std::vector<double> differences{0.0};
    for (const double off : sc::detail::decoy_offsets()) differences.push_back(off);
    double rt = 620.0;
    for (const double off : differences) {
        run.ms.add(452.2101 + ch::kMassO + off, rt, 3e4);
        run.ms.add(452.2101, rt, 6e3);  // an in-source [M+H-O]+ inside its peak
        rt += 60.0;
    }
    const auto before = read(run);
    ASSERT_LE(before.llr, 0.0) << before.note;
    ASSERT_NE(before.note.find("at chance level"), std::string::npos) << before.note;
    run.scans.push_back(scan(500, kMh, {kMh - ch::kMassO, kMh - ch::kMassO - ch::kMassH, kMh}));
    run.scans.push_back(scan(506, kMh, {kMh - ch::kMassO - ch::kMassH, kMh - ch::kMassO}));
    const auto r = read(run);
    EXPECT_GT(r.llr, 0.0) << r.note;
    EXPECT_NE(r.note.find("MS2 of the"), std::string::npos) << r.note;
}

TEST(NOxideAdductMs2, WaterLossAloneIsNoNOxide) {
    auto run = matrix_run();
    run.scans.push_back(scan(500, kNh4, {kMh, kMh - 18.0106}));
    EXPECT_LT(read(run).llr, 0.0);
}

TEST(NOxideAdductMs2, TheSameReadingAtEveryDecoyPositionIsChance) {
    auto run = matrix_run();
    run.scans.push_back(scan(500, kNh4, {kMh, kMh - ch::kMassO, kMh - ch::kMassO - ch::kMassH}));
    for (double off : sc::detail::range_decoy_offsets(150.5, 799.5, {kMh, synth::mh("C12H18N2O")}))
        run.scans.push_back(
            scan(400, kNh4 + off, {kMh + off, kMh + off - ch::kMassO, kMh + off - ch::kMassO - ch::kMassH}));
    EXPECT_LT(read(run).llr, 0.0);
}

// Without a reagent in the context the model names no N-oxide; the table's N-alkylating reagents
// are tried on their mono-products and the reading of one of them counts, each decoy test held to
// 5 % / (number of reagents).
namespace {
const ch::ReactionModel& no_context() {
    static const ch::ReactionModel m = ch::build_reaction_model({});
    return m;
}
sc::ModalityResult read_without_context(const Run& run) {
    return synth::read_dda(run, [](const auto& features, const auto& ms2) {
        return sc::n_oxide_ms(features, no_context(), kOpt, ms2);
    });
}
void add_n_oxide_scans(Run& run, double off) {
    const double mh = kMh + off;
    run.scans.push_back(scan(500, kNh4 + off, {mh, mh - ch::kMassO, mh - ch::kMassO - ch::kMassH}));
    run.scans.push_back(scan(506, kNh4 + off, {mh - ch::kMassO - ch::kMassH, kNh4 + off}));
}
}  // namespace

TEST(NOxideAdductMs2, WithoutContextTheTableReagentsAreTried) {
    auto run = matrix_run();
    ASSERT_LT(read_without_context(run).llr, 0.0);
    add_n_oxide_scans(run, 0.0);
    const auto r = read_without_context(run);
    EXPECT_GT(r.llr, 0.0) << r.note;
    EXPECT_FALSE(r.corroborative_only);
    EXPECT_NE(r.note.find("no reagent in the context"), std::string::npos) << r.note;
    EXPECT_NE(r.note.find("read by benzyl"), std::string::npos) << r.note;
}

TEST(NOxideAdductMs2, WithoutContextTheSameReadingAtEveryDecoyPositionIsChance) {
    auto run = matrix_run();
    add_n_oxide_scans(run, 0.0);
    for (double off : sc::detail::range_decoy_offsets(150.5, 799.5, {kMh, synth::mh("C12H18N2O")}))
        add_n_oxide_scans(run, off);
    EXPECT_LT(read_without_context(run).llr, 0.0);
}

// Ms2Index: precursor and isolation-window matching, elution window, consensus binning and
// provenance, on constructed runs.
#include <cmath>

#include <gtest/gtest.h>

#include "sidepeak/signal/lcms_pipeline.hpp"
#include "sidepeak/signal/ms2_index.hpp"

namespace {
using namespace sidepeak;
using namespace sidepeak::signal;

MsSpectrum ms2(double rt, double precursor, std::vector<double> mz, std::vector<double> in, double ce = 30) {
    MsSpectrum s;
    s.id = "scan=" + std::to_string(static_cast<int>(rt * 10));
    s.ms_level = 2;
    s.rt_s = rt;
    s.mode = SpectrumMode::centroid;
    s.precursor_mz = precursor;
    s.precursor_charge = 1;
    s.activation = Activation::hcd;
    s.collision_energy = ce;
    s.collision_energy_unit = EnergyUnit::percent;
    s.mz = std::move(mz);
    s.intensity = std::move(in);
    return s;
}

Feature feature(double mz, double rt, double from, double to) {
    Feature f;
    f.mz = mz;
    f.rt_s = rt;
    f.rt_from_s = from;
    f.rt_to_s = to;
    return f;
}

TEST(Ms2Index, MatchesPrecursorWithinToleranceAndElutionWindow) {
    MsRun run;
    MsSpectrum ms1;
    ms1.mz = {311.2118};
    ms1.intensity = {1e6};
    run.spectra.push_back(ms1);                                                   // MS1: ignored
    run.spectra.push_back(ms2(100, 311.2120, {116.1069, 250.159}, {1000, 100}));   // 0.6 ppm: in
    run.spectra.push_back(ms2(101, 311.2118 * (1 + 15e-6), {116.1069}, {10}));    // 15 ppm: out
    run.spectra.push_back(ms2(130, 311.2118, {116.1069}, {10}));                  // outside the RT window
    run.spectra.push_back(ms2(99, 311.2117, {116.1070, 250.1591, 58.0651}, {500, 500, 50}, 45));
    const Ms2Index index(run);
    EXPECT_EQ(index.size(), 4u);
    const auto f = feature(311.2118, 100, 95, 106);
    const auto hits = index.find(f);
    ASSERT_EQ(hits.size(), 2u);
    EXPECT_DOUBLE_EQ(index.scans()[hits[0]].rt_s, 99);  // RT order
    const auto c = index.consensus(hits);
    ASSERT_EQ(c.scan_ids.size(), 2u);
    EXPECT_EQ(c.collision_energies, (std::vector<double>{45, 30}));
    EXPECT_EQ(c.precursor_charge, 1);
    ASSERT_EQ(c.peaks.size(), 3u);  // 58, 116 and 250 binned across the two scans
    EXPECT_NEAR(c.peaks[1].mz, 116.10693, 1e-4);
    EXPECT_EQ(c.peaks[1].scans, 2u);
    EXPECT_DOUBLE_EQ(c.peaks[1].intensity, 1.0);           // base peak in both scans
    EXPECT_NEAR(c.peaks[2].intensity, (0.1 + 1.0) / 2, 1e-12);  // 250: 10 % in one scan, 100 % in the other
    EXPECT_NEAR(c.peaks[0].intensity, (0.1 / 2), 1e-12);        // 58: seen in one scan of two
    EXPECT_EQ(c.peaks[0].scans, 1u);
    EXPECT_TRUE(index.consensus_for(feature(500.0, 100, 95, 106)).empty());
}

TEST(Ms2Index, IsolationWindowContainsTheIon) {
    MsRun run;
    MsSpectrum s = ms2(50, 412.5, {200.0}, {1});
    s.precursor_mz = 0;
    s.isolation_target_mz = 412.5;
    s.isolation_lower_offset = 12.5;
    s.isolation_upper_offset = 12.5;
    s.precursor_mz = s.isolation_target_mz;
    run.spectra.push_back(s);
    run.spectra.push_back(ms2(50, 300.0, {100.0}, {1}));
    const Ms2Index index(run);
    EXPECT_EQ(index.find(405.0, 45, 55).size(), 1u);
    EXPECT_EQ(index.find(424.9, 45, 55).size(), 1u);
    EXPECT_TRUE(index.find(426.0, 45, 55).empty());
    Ms2IndexOptions narrow;
    narrow.use_isolation_window = false;
    EXPECT_TRUE(Ms2Index(run, narrow).find(405.0, 45, 55).empty());
}

TEST(Ms2Index, ProfileScansAreCentroidedAndEmptyRunsWork) {
    MsRun run;
    MsSpectrum p = ms2(10, 200.0, {}, {});
    p.mode = SpectrumMode::profile;
    for (int i = -20; i <= 20; ++i) {
        p.mz.push_back(150.0 + i * 0.002);
        p.intensity.push_back(1000.0 * std::exp(-0.5 * (i * 0.002) * (i * 0.002) / (0.006 * 0.006)));
    }
    run.spectra.push_back(p);
    const Ms2Index index(run);
    ASSERT_EQ(index.size(), 1u);
    ASSERT_EQ(index.scans()[0].mz.size(), 1u);
    EXPECT_NEAR(index.scans()[0].mz[0], 150.0, 1e-4);
    EXPECT_EQ(Ms2Index(MsRun{}).size(), 0u);
    EXPECT_TRUE(Ms2Index(MsRun{}).find(100, 0, 10).empty());
}

}  // namespace

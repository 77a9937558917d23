// Bad and degenerate inputs to the LC-MS processing: nothing may crash, results stay finite.
#include <cmath>
#include <limits>

#include <gtest/gtest.h>

#include "sidepeak/signal/chromatogram.hpp"
#include "sidepeak/signal/lcms_pipeline.hpp"
#include "sidepeak/signal/xic_index.hpp"

namespace sidepeak::signal {
namespace {

TEST(LcmsRobustness, EmptyRun) {
    const MsRun run;
    const auto r = process_lcms(run);
    EXPECT_EQ(r.spectra, 0u);
    EXPECT_TRUE(r.features.empty());
    EXPECT_TRUE(r.tic.intensity.empty());
    const XicIndex index(build_peak_map(run));
    EXPECT_TRUE(index.xic(300.0, 10.0).intensity.empty());
}

TEST(LcmsRobustness, GarbageSpectra) {
    MsRun run;
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const double inf = std::numeric_limits<double>::infinity();
    MsSpectrum a;  // arrays of different length
    a.mz = {100, 200, 300};
    a.intensity = {1, 2};
    MsSpectrum b;  // NaN, inf, negative, zero, unsorted
    b.mz = {500, nan, 100, inf, 300, -5};
    b.intensity = {1e4, 1e4, nan, 1e4, -3, 1e4};
    MsSpectrum c;  // declared profile with two points
    c.mode = SpectrumMode::profile;
    c.mz = {100, 100.001};
    c.intensity = {5, 6};
    MsSpectrum d;  // empty
    MsSpectrum e;  // unsorted profile-looking data
    e.mode = SpectrumMode::profile;
    for (int k = 0; k < 100; ++k) {
        e.mz.push_back(400.0 - k * 0.001);
        e.intensity.push_back(1000.0 * std::exp(-0.5 * (k - 50) * (k - 50) / 9.0));
    }
    for (const auto& s : {a, b, c, d, e, b, a}) run.spectra.push_back(s);
    const auto r = process_lcms(run);
    EXPECT_EQ(r.ms1_spectra, run.spectra.size());
    for (const double v : r.tic.intensity) EXPECT_TRUE(std::isfinite(v));
    for (const auto& f : r.features) {
        EXPECT_TRUE(std::isfinite(f.mz));
        EXPECT_TRUE(std::isfinite(f.snr));
    }
}

TEST(LcmsRobustness, SingleScanAndIdenticalTimes) {
    MsRun run;
    for (int k = 0; k < 5; ++k) {
        MsSpectrum s;
        s.rt_s = 10.0;  // all at the same time
        s.mz = {200.0, 300.0};
        s.intensity = {1e6, 1e3};
        run.spectra.push_back(s);
    }
    const auto r = process_lcms(run);
    for (const auto& f : r.features) {
        EXPECT_TRUE(std::isfinite(f.rt_s));
        EXPECT_TRUE(std::isfinite(f.area));
    }
    LcmsProcessingOptions o;
    o.min_trace_scans = -4;  // nonsense options are clamped
    o.max_charge = 0;
    o.mass_tolerance_ppm = 0.0;
    EXPECT_NO_THROW((void)process_lcms(run, o));
}

}  // namespace
}  // namespace sidepeak::signal

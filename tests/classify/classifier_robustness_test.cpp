#include <cmath>
#include <limits>

#include <gtest/gtest.h>

#include "sidepeak/classify/classifier.hpp"
#include "synthetic.hpp"

namespace sc = sidepeak::classify;

TEST(ClassifierRobustness, GarbageInputsGiveFourFindings) {
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const double inf = std::numeric_limits<double>::infinity();
    synth::Ms ms;
    ms.add(nan, 10, 1);
    ms.add(-5, 10, 1);
    ms.add(191.1543, nan, 1);
    ms.add(191.1543, 10, -1);
    ms.add(inf, inf, inf);
    ms.add(1e-300, 0, 0, 0);
    ms.add(371.2482, 1, 1e300, 7);
    sidepeak::signal::NmrResult tiny;
    tiny.spectrum.real = {1, 2, 3};
    synth::Nmr bad("", 400.0, 4096);
    bad.r.spectrum.real[10] = nan;
    bad.r.spectrum.real[20] = inf;
    sidepeak::signal::Peak p;
    p.ppm = nan;
    p.fwhm_hz = 1;
    p.height = inf;
    bad.r.peaks.push_back(p);
    sidepeak::signal::Multiplet m;
    m.ppm = 5.8;
    m.multiplicity = {};
    bad.r.multiplets.push_back(m);
    sc::ClassifierInput in;
    in.context = {"C12H18N2", "BnBr", "", {}, ""};
    in.nmr = {&tiny, nullptr, &bad.r};
    in.lcms = {&ms.r, nullptr};
    const auto f = sc::classify_sample(in);
    ASSERT_EQ(f.size(), 4u);
    for (const auto& x : f) {
        EXPECT_TRUE(std::isfinite(x.confidence));
        EXPECT_GE(x.confidence, 0.0);
        EXPECT_LE(x.confidence, 1.0);
    }
}

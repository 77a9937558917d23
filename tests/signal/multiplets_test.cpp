// First-order multiplet recognition on synthetic patterns with known couplings, grouping and areas.
#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "sidepeak/signal/multiplets.hpp"
#include "sidepeak/signal/peaks.hpp"

using sidepeak::NmrSpectrum;
using namespace sidepeak::signal;

namespace {

constexpr double mhz = 500.0;

NmrSpectrum axis() {
    NmrSpectrum s;
    s.real.assign(65536, 0.0);
    s.ppm_first = 12.0;
    s.ppm_last = -1.0;
    s.spectrometer_mhz = mhz;
    return s;
}

void add_line(NmrSpectrum& s, double ppm, double height, double fwhm_hz = 1.0) {
    const double gamma = 0.5 * fwhm_hz / mhz;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const double u = (s.ppm_at(static_cast<double>(i)) - ppm) / gamma;
        s.real[i] += height / (1.0 + u * u);
    }
}

double binom(int n, int k) {
    double r = 1.0;
    for (int i = 1; i <= k; ++i) r = r * (n - k + i) / i;
    return r;
}

// A first-order multiplet at `centre` ppm: couplings (n equivalent spins, J Hz), total height scale.
void add_multiplet(NmrSpectrum& s, double centre, const std::vector<std::pair<int, double>>& couplings,
                   double height = 1000.0) {
    std::vector<std::pair<double, double>> lines = {{0.0, 1.0}};
    for (const auto& [n, j] : couplings) {
        std::vector<std::pair<double, double>> next;
        for (const auto& [pos, h] : lines)
            for (int a = 0; a <= n; ++a) next.push_back({pos + (a - 0.5 * n) * j, h * binom(n, a)});
        lines = next;
    }
    double hmax = 0.0;
    for (const auto& l : lines) hmax = std::max(hmax, l.second);
    for (const auto& [pos, h] : lines) add_line(s, centre + pos / mhz, height * h / hmax);
}

std::vector<Multiplet> analyse(NmrSpectrum& s, double sigma = 0.5, unsigned seed = 1) {
    std::mt19937 rng(seed);
    std::normal_distribution<double> g(0.0, sigma);
    for (double& v : s.real) v += g(rng);
    const std::vector<Peak> peaks = pick_peaks(s, sigma, 5.0);
    return find_multiplets(s, peaks);
}

const Multiplet& at(const std::vector<Multiplet>& m, double ppm) {
    const Multiplet* best = &m.front();
    for (const Multiplet& x : m)
        if (std::abs(x.ppm - ppm) < std::abs(best->ppm - ppm)) best = &x;
    return *best;
}

}  // namespace

struct PatternCase {
    const char* name;
    std::vector<std::pair<int, double>> couplings;
    std::vector<double> expected_j;  // descending
    const char* label = nullptr;     // test name when the pattern name repeats
};

class Patterns : public ::testing::TestWithParam<PatternCase> {};

TEST_P(Patterns, RecognisedWithCouplingsWithinPointTwoHz) {
    const PatternCase& c = GetParam();
    NmrSpectrum s = axis();
    add_multiplet(s, 4.1234, c.couplings);
    const std::vector<Multiplet> m = analyse(s);
    ASSERT_EQ(m.size(), 1u);
    EXPECT_EQ(name(m[0].multiplicity), c.name);
    ASSERT_EQ(m[0].j_hz.size(), c.expected_j.size());
    for (std::size_t k = 0; k < c.expected_j.size(); ++k) EXPECT_NEAR(m[0].j_hz[k], c.expected_j[k], 0.2);
    EXPECT_NEAR(m[0].ppm, 4.1234, 0.001);
}

INSTANTIATE_TEST_SUITE_P(
    FirstOrder, Patterns,
    ::testing::Values(PatternCase{"d", {{1, 7.2}}, {7.2}}, PatternCase{"t", {{2, 7.0}}, {7.0}},
                      PatternCase{"q", {{3, 7.1}}, {7.1}}, PatternCase{"quint", {{4, 6.8}}, {6.8}},
                      PatternCase{"dd", {{1, 10.3}, {1, 4.1}}, {10.3, 4.1}},
                      PatternCase{"dt", {{1, 15.0}, {2, 6.5}}, {15.0, 6.5}},
                      PatternCase{"td", {{2, 12.0}, {1, 3.0}}, {12.0, 3.0}},
                      PatternCase{"ddd", {{1, 17.2}, {1, 10.4}, {1, 4.5}}, {17.2, 10.4, 4.5}},
                      PatternCase{"sept", {{6, 6.9}}, {6.9}},
                      // Vinyl =CH- of an N-allyl group: 12 lines, two pairs 0.4 Hz apart merge.
                      PatternCase{"ddt", {{1, 17.1}, {1, 10.2}, {2, 6.5}}, {17.1, 10.2, 6.5}},
                      PatternCase{"dq", {{1, 10.4}, {3, 6.9}}, {10.4, 6.9}},
                      PatternCase{"tt", {{2, 7.4}, {2, 2.3}}, {7.4, 2.3}},
                      PatternCase{"dt", {{1, 6.8}, {2, 1.6}}, {6.8, 1.6}, "dt_small"},
                      PatternCase{"tq", {{2, 8.0}, {3, 1.8}}, {8.0, 1.8}},
                      PatternCase{"dddd", {{1, 13.0}, {1, 9.1}, {1, 4.4}, {1, 2.0}}, {13.0, 9.1, 4.4, 2.0}}),
    [](const ::testing::TestParamInfo<PatternCase>& param_info) {
        return std::string(param_info.param.label ? param_info.param.label : param_info.param.name);
    });

TEST(Multiplets, TallSingletStaysSingletAndOnePercentNeighbourIsSeparate) {
    for (unsigned seed = 0; seed < 10; ++seed) {
        NmrSpectrum s = axis();
        add_line(s, 7.26, 20000.0, 1.2);         // CHCl3
        add_line(s, 7.26 - 10.0 / mhz, 200.0);   // 1 % line 10 Hz away
        add_line(s, 7.26 + 104.0 / mhz, 110.0);  // 13C satellites
        add_line(s, 7.26 - 104.0 / mhz, 110.0);
        const std::vector<Multiplet> m = analyse(s, 2.0, seed);
        const Multiplet& main = at(m, 7.26);
        EXPECT_TRUE(main.multiplicity.is_singlet()) << "seed " << seed;
        EXPECT_EQ(main.peaks.size(), 1u);
        EXPECT_TRUE(at(m, 7.24).multiplicity.is_singlet());
        EXPECT_EQ(m.size(), 4u);
    }
}

TEST(Multiplets, EthylGroupAreasGiveThreeToTwo) {
    NmrSpectrum s = axis();
    add_multiplet(s, 1.25, {{2, 7.1}}, 1500.0);  // CH3 t: lines 1:2:1 -> area 4 units x 375
    add_multiplet(s, 3.65, {{3, 7.1}}, 750.0);   // CH2 q: lines 1:3:3:1 -> area 8 units x 250
    // Areas: t = (1+2+1) * 750 = 3000, q = (1+3+3+1) * 250 = 2000 (x pi gamma): 3 : 2.
    std::vector<Multiplet> m = analyse(s);
    ASSERT_EQ(m.size(), 2u);
    const Multiplet& t = at(m, 1.25);
    const Multiplet& q = at(m, 3.65);
    EXPECT_EQ(t.multiplicity, Multiplicity::of({3}));
    EXPECT_EQ(q.multiplicity, Multiplicity::of({4}));
    EXPECT_NEAR(t.area / q.area, 1.5, 0.03);
    const double analytic_t = M_PI * 0.5 / mhz * 3000.0;
    EXPECT_NEAR(t.area, analytic_t, 0.03 * analytic_t);  // 16 FWHM extension keeps ~98 %
    EXPECT_GT(t.ppm_from, t.ppm_to);  // point-0 side first on a descending axis
    EXPECT_LT(t.ppm_from - 1.25, 0.1);
}

TEST(ClassifyPattern, DirectCases) {
    const std::vector<double> pos = {0.0, 7.0, 14.0};
    EXPECT_EQ(classify_pattern(pos, std::vector<double>{1, 2, 1}, 0.3).multiplicity, Multiplicity::of({3}));
    EXPECT_TRUE(classify_pattern(pos, std::vector<double>{1, 1, 1}, 0.3).multiplicity.is_unresolved());  // wrong ratios
    EXPECT_TRUE(classify_pattern(std::vector<double>{0.0, 7.0, 15.0}, std::vector<double>{1, 2, 1}, 0.3).multiplicity.is_unresolved());
    EXPECT_TRUE(classify_pattern(std::vector<double>{5.0}, std::vector<double>{3.0}, 0.3).multiplicity.is_singlet());
    // dd with J1 = 2 J2: four equally spaced, equal lines (not a quartet).
    const PatternMatch dd = classify_pattern(std::vector<double>{0, 4, 8, 12}, std::vector<double>{1, 1, 1, 1}, 0.3);
    EXPECT_EQ(dd.multiplicity, Multiplicity::of({2, 2}));
    ASSERT_EQ(dd.j_hz.size(), 2u);
    EXPECT_NEAR(dd.j_hz[0], 8.0, 1e-9);
    EXPECT_NEAR(dd.j_hz[1], 4.0, 1e-9);
    EXPECT_TRUE(classify_pattern(std::vector<double>{}, std::vector<double>{}, 0.3).multiplicity.is_unresolved());
    std::vector<double> many(12), hs(12, 1.0);
    for (std::size_t i = 0; i < many.size(); ++i) many[i] = 3.0 * static_cast<double>(i);
    EXPECT_TRUE(classify_pattern(many, hs, 0.3).multiplicity.is_unresolved());
}

// Vinyl ddt with exact coincidences (17.0 = 10.5 + 6.5: lines coincide and add) and with the
// lines a little broader, at several noise seeds.
TEST(Multiplets, VinylDdtWithCoincidentLinesAndNoise) {
    for (unsigned seed = 0; seed < 8; ++seed) {
        NmrSpectrum s = axis();
        add_multiplet(s, 5.86, {{1, 17.0}, {1, 10.5}, {2, 6.5}});
        const std::vector<Multiplet> m = analyse(s, 2.0, seed);
        ASSERT_EQ(m.size(), 1u);
        EXPECT_EQ(m[0].multiplicity, Multiplicity::of({2, 2, 3})) << "seed " << seed;
        ASSERT_EQ(m[0].j_hz.size(), 3u);
        EXPECT_NEAR(m[0].j_hz[0], 17.0, 0.2);
        EXPECT_NEAR(m[0].j_hz[1], 10.5, 0.2);
        EXPECT_NEAR(m[0].j_hz[2], 6.5, 0.2);
    }
}

// Two N-CH3 singlets of different compounds 1-3 Hz apart: unequal lines are two singlets, not a
// doublet; equal lines further apart than the line width are a doublet; a spacing below the
// line width is never reported as a coupling.
TEST(Multiplets, NearCoincidentSingletsAreNotADoublet) {
    for (const double gap : {1.3, 2.0, 3.0}) {
        NmrSpectrum s = axis();
        add_line(s, 2.30, 1000.0);
        add_line(s, 2.30 + gap / mhz, 550.0);
        const std::vector<Multiplet> m = analyse(s, 1.0, 3);
        ASSERT_FALSE(m.empty());
        for (const Multiplet& x : m) {
            EXPECT_NE(x.multiplicity.simple_order(), 2) << "gap " << gap;
            EXPECT_TRUE(x.j_hz.empty()) << "gap " << gap;
        }
        // Resolved (>= 2 line widths apart): two singlets; closer they may form one "m" band.
        if (gap >= 2.0) {
            EXPECT_EQ(m.size(), 2u) << "gap " << gap;
        }
    }
    NmrSpectrum d = axis();
    add_line(d, 2.30, 1000.0);
    add_line(d, 2.30 + 2.0 / mhz, 1000.0);
    const std::vector<Multiplet> md = analyse(d, 1.0, 3);
    ASSERT_EQ(md.size(), 1u);
    EXPECT_EQ(md[0].multiplicity, Multiplicity::of({2}));
    ASSERT_EQ(md[0].j_hz.size(), 1u);
    EXPECT_NEAR(md[0].j_hz[0], 2.0, 0.2);
    // Equal lines 0.8 Hz apart with 1.2 Hz width: below the resolution, no coupling.
    NmrSpectrum u = axis();
    add_line(u, 2.30, 1000.0, 1.2);
    add_line(u, 2.30 + 0.8 / mhz, 1000.0, 1.2);
    for (const Multiplet& x : analyse(u, 1.0, 3)) EXPECT_TRUE(x.j_hz.empty());
}

// Lines on a strongly rolling, uncorrected baseline: no multiplet may chain across the
// spectrum, and every peak has a width.
TEST(Multiplets, RollingBaselineDoesNotChainMultiplets) {
    NmrSpectrum s = axis();
    for (std::size_t i = 0; i < s.size(); ++i) {
        const double x = static_cast<double>(i) / static_cast<double>(s.size());
        s.real[i] += 3000.0 * std::sin(9.0 * x) + 2000.0 * std::cos(23.0 * x);
    }
    for (const double ppm : {7.26, 6.9, 3.5, 3.4, 2.3, 1.53, 1.2})
        add_multiplet(s, ppm, {{2, 7.0}}, 800.0);
    std::mt19937 rng(5);
    std::normal_distribution<double> g(0.0, 2.0);
    for (double& v : s.real) v += g(rng);
    const std::vector<Peak> peaks = pick_peaks(s, 2.0, 5.0);
    for (const Peak& p : peaks) EXPECT_GT(p.fwhm_hz, 0.0) << p.ppm;
    const std::vector<Multiplet> m = find_multiplets(s, peaks);
    MultipletOptions defaults;
    for (const Multiplet& x : m) {
        double lo = HUGE_VAL, hi = -HUGE_VAL;
        for (const std::size_t i : x.peaks) {
            lo = std::min(lo, peaks[i].ppm);
            hi = std::max(hi, peaks[i].ppm);
        }
        EXPECT_LE((hi - lo) * mhz, defaults.max_span_hz) << x.ppm;
    }
}

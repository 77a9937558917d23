// NMR spike-in: multiplet expansion, time-domain addition into real FIDs (position, phase and
// area after sidepeak's own processing), determinism and the labels of generated samples.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <numbers>
#include <complex>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "fid_adder.hpp"
#include "nmr_spikein.hpp"
#include "sample_dump.hpp"
#include "sidepeak/chem/reaction_model.hpp"
#include "sidepeak/signal/nmr_pipeline.hpp"
#include "spin_system.hpp"
#include "test_support.hpp"

namespace fs = std::filesystem;
using namespace sidepeak;
using namespace sidepeak::spikein;

namespace {

const fs::path repo_nmr = fs::path(SIDEPEAK_SOURCE_DIR) / "spectra_samples/real/nmr";
const fs::path shared_nmr = fs::path(SIDEPEAK_SHARED_SPECTRA) / "nmr";

struct BackgroundCase {
    const char* label;
    bool shared;  ///< read from /work/shared (may be absent: skip)
    const char* relative;
};

const BackgroundCase cases[] = {
    {"MpTfmAniline", false, "bruker/MP-TFM-aniline/10"},
    {"Strychnine", false, "bruker/strychnine/10"},
    {"Aspirin", false, "bruker/aspirin-1h/1"},
    {"Gaba", false, "bruker/VZBBI_13R03_GABA/1H"},
    {"Bmse000325", false, "bruker/bmse000325/1H"},
    {"Penguins", true, "bruker/penguins-testdata/7"},
    {"VarianHmdb00001", false, "varian/HMDB00001.fid"},
    {"VarianHop", false, "varian/FAM013_AHTM.PROTON_04.fid"},
    {"JeolRutin", false, "jeol/Rutin_3080ug200uL_DMSOd6_qHNMR_400MHz_Jeol.jdf"},
};

fs::path case_path(const BackgroundCase& c) { return (c.shared ? shared_nmr : repo_nmr) / c.relative; }

// Apex of the real spectrum within +-window ppm of `ppm` (parabolic interpolation).
double apex_ppm(const NmrSpectrum& s, double ppm, double window) {
    const double step = std::abs(s.ppm_step());
    const auto centre = static_cast<long>(std::lround(s.index_of(ppm)));
    const long half = static_cast<long>(window / step);
    long best = centre;
    for (long i = centre - half; i <= centre + half; ++i)
        if (i > 0 && i + 1 < static_cast<long>(s.size()) && s.real[static_cast<std::size_t>(i)] > s.real[static_cast<std::size_t>(best)])
            best = i;
    const auto b = static_cast<std::size_t>(best);
    const double y0 = s.real[b - 1], y1 = s.real[b], y2 = s.real[b + 1];
    const double den = y0 - 2 * y1 + y2;
    const double offset = den != 0.0 ? 0.5 * (y0 - y2) / den : 0.0;
    return s.ppm_at(static_cast<double>(best) + offset);
}

// Complex integral of the phased spectrum over +-half_hz around ppm (intensity x ppm).
std::complex<double> window_integral(const NmrSpectrum& s, double ppm, double half_hz) {
    const double step = std::abs(s.ppm_step());
    const double half = half_hz / s.spectrometer_mhz;
    std::complex<double> sum{0.0, 0.0};
    const auto a = static_cast<long>(std::floor(s.index_of(ppm + half)));
    const auto b = static_cast<long>(std::ceil(s.index_of(ppm - half)));
    for (long i = std::max(0L, std::min(a, b)); i <= std::min(static_cast<long>(s.size()) - 1, std::max(a, b)); ++i)
        sum += std::complex<double>(s.real[static_cast<std::size_t>(i)], s.imag[static_cast<std::size_t>(i)]);
    return sum * step;
}

// Phase error (degrees) of a line of known position and FWHM: least-squares fit of the real
// part by a absorption + d dispersion Lorentzian on a linear background; error = atan2(d, a).
double phase_error_deg(const NmrSpectrum& s, double ppm, double fwhm_hz, double half_hz) {
    const double g = 0.5 * fwhm_hz;
    double m[4][5] = {};
    const auto a = static_cast<long>(std::floor(s.index_of(ppm + half_hz / s.spectrometer_mhz)));
    const auto b = static_cast<long>(std::ceil(s.index_of(ppm - half_hz / s.spectrometer_mhz)));
    for (long i = std::min(a, b); i <= std::max(a, b); ++i) {
        const double x = (s.ppm_at(static_cast<double>(i)) - ppm) * s.spectrometer_mhz / g;
        const double basis[4] = {1.0 / (1.0 + x * x), x / (1.0 + x * x), 1.0, x * g / half_hz};
        const double y = s.real[static_cast<std::size_t>(i)];
        for (int r = 0; r < 4; ++r) {
            for (int c = 0; c < 4; ++c) m[r][c] += basis[r] * basis[c];
            m[r][4] += basis[r] * y;
        }
    }
    for (int c = 0; c < 4; ++c)  // Gauss-Jordan on the 4 x 4 normal equations
        for (int r = 0; r < 4; ++r)
            if (r != c) {
                const double f = m[r][c] / m[c][c];
                for (int k = 0; k < 5; ++k) m[r][k] -= f * m[c][k];
            }
    const double absorption = m[0][4] / m[0][0];
    const double dispersion = m[1][4] / m[1][1];
    return std::atan2(dispersion, absorption) * 180.0 / std::numbers::pi;
}

// Shifts where the unspiked spectrum is quiet (so the spiked line is measured alone).
std::vector<double> quiet_shifts(const signal::NmrResult& r, std::size_t wanted) {
    std::vector<double> out;
    const double hi = std::max(r.spectrum.ppm_first, r.spectrum.ppm_last) - 0.3;
    const double lo = std::min(r.spectrum.ppm_first, r.spectrum.ppm_last) + 0.3;
    for (double ppm = 0.55; ppm < 10.0 && out.size() < wanted; ppm += 0.11) {
        if (ppm < lo || ppm > hi) continue;
        if (!out.empty() && ppm - out.back() < 0.6) continue;
        double top = 0.0;
        const auto a = static_cast<long>(r.spectrum.index_of(ppm + 0.06));
        const auto b = static_cast<long>(r.spectrum.index_of(ppm - 0.06));
        for (long i = std::min(a, b); i <= std::max(a, b); ++i)
            top = std::max(top, std::abs(r.spectrum.real[static_cast<std::size_t>(i)]));
        if (top < 30.0 * r.noise) out.push_back(ppm);
    }
    return out;
}

class SpikeIntoBackground : public ::testing::TestWithParam<BackgroundCase> {};

}  // namespace

TEST(SpinSystem, DdtExpandsToTwelveLinesAtTheAnalyticPositions) {
    const double mhz = 400.0, j1 = 17.0, j2 = 10.4, j3 = 6.5;
    const auto lines = expand_group({5.8, 1.0, {{j1, 1}, {j2, 1}, {j3, 2}}}, mhz);
    ASSERT_EQ(lines.size(), 12U);
    std::vector<std::pair<double, double>> expected;  // (Hz offset, area)
    for (const double a : {-0.5, 0.5})
        for (const double b : {-0.5, 0.5})
            for (int c = 0; c < 3; ++c) expected.emplace_back(a * j1 + b * j2 + (c - 1) * j3, (c == 1 ? 0.5 : 0.25) / 4.0);
    std::sort(expected.begin(), expected.end());
    double total = 0.0;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        EXPECT_NEAR((lines[i].ppm - 5.8) * mhz, expected[i].first, 1e-9);
        EXPECT_NEAR(lines[i].area, expected[i].second, 1e-12);
        total += lines[i].area;
    }
    EXPECT_NEAR(total, 1.0, 1e-12);
}

TEST(SpinSystem, QuintetAndSatellites) {
    const auto quintet = expand_group({1.75, 2.0, {{6.0, 4}}}, 500.0);
    ASSERT_EQ(quintet.size(), 5U);
    EXPECT_NEAR(quintet[2].area / quintet[0].area, 6.0, 1e-12);
    const auto sat = expand_group({2.3, 3.0, {}}, 500.0, 1.0, 0.0, Satellites{true, 130.0, 0.0054});
    ASSERT_EQ(sat.size(), 3U);
    EXPECT_NEAR((sat[2].ppm - sat[0].ppm) * 500.0, 130.0, 1e-9);
    EXPECT_NEAR(sat[0].area, 3.0 * 0.0054, 1e-12);
    EXPECT_NEAR(sat[0].area + sat[1].area + sat[2].area, 3.0, 1e-12);
}

TEST_P(SpikeIntoBackground, LineLandsAbsorptiveAtItsShiftWithItsArea) {
    const fs::path path = case_path(GetParam());
    if (!fs::exists(path)) {
        if (GetParam().shared) SIDEPEAK_ABSENT_DATA("shared spectrum " << path);
        FAIL() << "bundled background missing: " << path;
    }
    const BackgroundInfo bg = load_background(path);
    ASSERT_GT(bg.integral, 0.0);
    const signal::NmrResult before = signal::process_nmr(bg.data);
    const auto shifts = quiet_shifts(before, 6);
    ASSERT_GE(shifts.size(), 3U) << "no quiet regions";

    // First shift = reference line; others with different areas (ratios are what is checked).
    std::vector<Line> lines;
    std::vector<double> areas;
    for (std::size_t i = 0; i < shifts.size(); ++i) {
        areas.push_back(bg.integral * 0.04 * static_cast<double>(1 + i % 3));
        lines.push_back({shifts[i], areas.back(), 1.0, 0.0});
    }
    NmrData spiked = bg.data;
    add_lines(spiked, lines, AddOptions{bg.frame, 0, {}});
    const signal::NmrResult after = signal::process_nmr(spiked);

    // The spiked lines carry the background's phase, so automatic phasing finds it again.
    EXPECT_NEAR(after.phase.p0_deg, before.phase.p0_deg, 2.0);
    EXPECT_NEAR(after.phase.p1_deg, before.phase.p1_deg, 2.0);
    const std::complex<double> ref = window_integral(after.spectrum, shifts[0], 15.0);
    for (std::size_t i = 0; i < shifts.size(); ++i) {
        SCOPED_TRACE("line at " + std::to_string(shifts[i]) + " ppm");
        EXPECT_NEAR(apex_ppm(after.spectrum, shifts[i], 0.03), shifts[i], 0.01);
        const std::complex<double> z = window_integral(after.spectrum, shifts[i], 15.0);
        EXPECT_GT(z.real(), 0.0);
        EXPECT_LT(std::abs(phase_error_deg(after.spectrum, shifts[i], 1.3, 15.0)), 5.0) << "not absorptive";
        EXPECT_NEAR((z.real() / ref.real()) / (areas[i] / areas[0]), 1.0, 0.10);
        EXPECT_NEAR(z.real() / areas[i], 1.0, 0.15) << "absolute area";
    }
}

INSTANTIATE_TEST_SUITE_P(RealFid, SpikeIntoBackground, ::testing::ValuesIn(cases),
                         [](const ::testing::TestParamInfo<BackgroundCase>& i) { return std::string(i.param.label); });

TEST(NmrSpikein, SameSeedGivesIdenticalSamplesAndLabels) {
    const std::vector<fs::path> bgs{repo_nmr / "bruker/aspirin-1h/1"};
    NmrSpikeOptions options;
    options.seed = 42;
    options.samples_per_background = 4;
    const auto a = make_nmr_spikeins(bgs, options);
    const auto b = make_nmr_spikeins(bgs, options);
    ASSERT_EQ(a.size(), 4U);
    ASSERT_EQ(a.size(), b.size());
    for (std::size_t i = 0; i < a.size(); ++i) {
        EXPECT_EQ(a[i].id, b[i].id);
        EXPECT_EQ(a[i].family, b[i].family);
        EXPECT_EQ(a[i].traps, b[i].traps);
        EXPECT_EQ(a[i].variations, b[i].variations);
        EXPECT_EQ(a[i].level, b[i].level);
        ASSERT_TRUE(a[i].nmr && b[i].nmr);
        EXPECT_TRUE(a[i].nmr->fids == b[i].nmr->fids) << a[i].id;
    }
    options.seed = 43;
    const auto c = make_nmr_spikeins(bgs, options);
    ASSERT_EQ(c.size(), 4U);
    EXPECT_FALSE(c[0].nmr->fids == a[0].nmr->fids);
}

TEST(NmrSpikein, LabelsAreConsistentAcrossTheScenarioSpace) {
    NmrSpikeOptions options;
    options.seed = 7;
    options.samples_per_background = 60;
    const auto samples = make_nmr_spikeins({repo_nmr / "bruker/aspirin-1h/1", repo_nmr / "bruker/VZBBI_13R03_GABA/1H",
                                            shared_nmr / "no-such-background/1"},
                                           options);
    ASSERT_EQ(samples.size(), 120U);  // the absent background is skipped
    int negatives = 0;
    for (const auto& s : samples) {
        SCOPED_TRACE(s.id);
        const bool positive = s.truth.oligomer || s.truth.over_alkylation || s.truth.n_oxide || s.truth.hofmann;
        negatives += positive ? 0 : 1;
        if (positive) {
            EXPECT_GE(s.level, options.min_level);
            EXPECT_LE(s.level, options.max_level);
        } else {
            EXPECT_EQ(s.level, 0.0);
        }
        if (s.truth.hofmann) {
            EXPECT_TRUE(s.truth.over_alkylation);
        }
        EXPECT_NE(chem::find_reagent(s.reagent), nullptr) << s.reagent;
        EXPECT_EQ(s.family.substr(0, s.reagent.size() + 1), s.reagent + "/");
        // The background's solvent decides: GABA is in D2O (always protonated), aspirin in CDCl3.
        if (s.background.find("GABA") != std::string::npos) {
            EXPECT_NE(s.family.find("/D2O-salt"), std::string::npos);
        }
        if (s.background.find("aspirin") != std::string::npos) {
            EXPECT_NE(s.family.find("/CDCl3"), std::string::npos);
        }
        ASSERT_TRUE(s.nmr);
        for (const auto& v : s.nmr->fids.front()) ASSERT_TRUE(std::isfinite(v.real()) && std::isfinite(v.imag()));
        // Variation tags: one solvent and one line-width bucket, the rest only where present.
        auto has = [&](const std::vector<std::string>& v, const std::string& t) { return std::find(v.begin(), v.end(), t) != v.end(); };
        const auto count_prefix = [&](const std::string& prefix) {
            return std::count_if(s.variations.begin(), s.variations.end(), [&](const std::string& t) { return t.rfind(prefix, 0) == 0; });
        };
        EXPECT_EQ(count_prefix("solvent:"), 1);
        EXPECT_EQ(count_prefix("linewidth:"), 1);
        const bool d2o = s.background.find("GABA") != std::string::npos;
        EXPECT_EQ(has(s.variations, "solvent:D2O"), d2o);
        EXPECT_EQ(has(s.variations, "solvent:CDCl3"), !d2o);
        if (d2o) {
            EXPECT_TRUE(has(s.variations, "salt"));
        }
        EXPECT_EQ(has(s.variations, "salt"), s.family.find("-salt") != std::string::npos);
        EXPECT_EQ(has(s.variations, "nh_exchange_broadened"), !d2o);  // NH exchanged away in D2O
        EXPECT_EQ(has(s.variations, "rotamers"), has(s.traps, "boc_rotamers"));
        for (const char* t : {"c13_satellites", "statistical_mixture", "rolling_baseline"})
            EXPECT_EQ(has(s.variations, t), has(s.traps, t)) << t;
        const bool residual = std::any_of(s.traps.begin(), s.traps.end(), [](const std::string& t) {
            return t == "ch2cl2_singlet" || t.rfind("residual_solvent_", 0) == 0;
        });
        EXPECT_EQ(has(s.variations, "residual_solvents"), residual);
    }
    EXPECT_GT(negatives, 120 * 0.25);
    EXPECT_LT(negatives, 120 * 0.55);
}

TEST(NmrSpikein, ForcedTagsAreCarriedByEverySample) {
    const BackgroundInfo bg = load_background(repo_nmr / "bruker/aspirin-1h/1");
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"salt", "salt"}, {"rotamers", "rotamers"}, {"c13_satellites", "c13_satellites"},
        {"statistical_mixture", "statistical_mixture"}, {"rolling_baseline", "rolling_baseline"},
        {"residual_solvents", "residual_solvents"}, {"residual_solvent_DMF", "residual_solvent_DMF"},
        {"ch2cl2_singlet", "ch2cl2_singlet"}, {"impurity_singlet_0.1ppm", "impurity_singlet_0.1ppm"},
        {"exchange_broadened_nh_water", "exchange_broadened_nh_water"}, {"c_allyl", "c_allyl"},
        {"allyl_ether", "allyl_ether"}, {"aryl_vinyl_ether", "aryl_vinyl_ether"},
        {"linewidth:<2Hz", "linewidth:<2Hz"}, {"linewidth:2-6Hz", "linewidth:2-6Hz"},
        {"linewidth:6-10Hz", "linewidth:6-10Hz"}, {"linewidth:>10Hz", "linewidth:>10Hz"}};
    for (const auto& [force, tag] : cases) {
        NmrSpikeOptions options;
        options.seed = 11;
        options.samples_per_background = 4;
        options.trap_probability = 0.0;
        options.force = {force};
        for (const auto& s : make_nmr_spikeins(bg, options, options.seed)) {
            const bool carried = std::find(s.traps.begin(), s.traps.end(), tag) != s.traps.end() ||
                                 std::find(s.variations.begin(), s.variations.end(), tag) != s.variations.end();
            EXPECT_TRUE(carried) << force << " in " << s.id;
            if (force == "rotamers") {
                EXPECT_EQ(s.reagent, "boc");
            }
            if (force == "statistical_mixture") {
                EXPECT_TRUE(s.truth.over_alkylation);
                EXPECT_FALSE(s.truth.hofmann);
            }
        }
    }
}

TEST(NmrSpikein, DumpWritesTheProcessedSpectrumAndTheSamplesLabels) {
    const std::vector<fs::path> bgs{repo_nmr / "bruker/aspirin-1h/1"};
    NmrSpikeOptions options;
    options.seed = 7;
    options.samples_per_background = 1;
    const auto samples = make_nmr_spikeins(bgs, options);
    ASSERT_EQ(samples.size(), 1U);
    const fs::path dir = fs::temp_directory_path() / "sidepeak_sample_dump_test";
    fs::remove_all(dir);
    ASSERT_TRUE(dump_nmr_sample(samples[0], dir));
    const auto processed = sidepeak::signal::process_nmr(*samples[0].nmr);
    std::ifstream csv(dir / (samples[0].id + ".csv"));
    std::string line;
    ASSERT_TRUE(std::getline(csv, line));
    EXPECT_EQ(line, "ppm,intensity,baseline");
    std::size_t rows = 0;
    while (std::getline(csv, line)) ++rows;
    EXPECT_EQ(rows, processed.spectrum.size());
    std::ifstream txt(dir / (samples[0].id + ".txt"));
    ASSERT_TRUE(std::getline(txt, line));
    EXPECT_EQ(line, "id " + samples[0].id);
    LabelledSample lcms_only = samples[0];
    lcms_only.nmr.reset();
    EXPECT_FALSE(dump_nmr_sample(lcms_only, dir / "none"));
    EXPECT_FALSE(fs::exists(dir / "none"));
    fs::remove_all(dir);
}

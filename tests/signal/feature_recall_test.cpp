// Feature recall on real LC-MS runs: ions with known elution peaks (ion_injection.hpp) are written
// into three real runs at 3, 5, 10 and 30 x the run noise, and process_lcms must report them.
// Runs: BSA1_F1 (LTQ Orbitrap XL, centroid), lcMsMs (Orbitrap Exploris 240, centroid) and faahKO
// ko15 (Agilent single quadrupole, m/z on a 0.1 Da grid; shared folder, skipped when absent).
// A recovered ion: a reported feature within max(10 ppm, grid) of its m/z and one FWHM of its apex.
// The unspiked runs' feature counts are held within a bound so recall is not bought with noise.
// SIDEPEAK_RECALL_DEBUG=1 prints, for every missed ion, the mass traces and candidates near it.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <random>

#include <gtest/gtest.h>

#include "ion_injection.hpp"
#include "sidepeak/io/ms_readers.hpp"
#include "sidepeak/signal/chromatogram.hpp"
#include "sidepeak/signal/features.hpp"
#include "sidepeak/signal/lcms_pipeline.hpp"
#include "sidepeak/signal/mass_traces.hpp"
#include "test_support.hpp"

namespace sidepeak::signal {
namespace {

constexpr double kLevels[] = {3.0, 5.0, 10.0, 30.0};

double mz_tolerance(double mz, double grid) { return std::max(ppm_window(mz, 10.0), grid); }

bool recovered(const std::vector<Feature>& fs, const test::InjectedIon& ion, double grid) {
    const double tol = mz_tolerance(ion.mz, grid) + 1e-9;
    return std::any_of(fs.begin(), fs.end(), [&](const Feature& f) {
        return std::abs(f.mz - ion.mz) <= tol && std::abs(f.rt_s - ion.apex_rt_s) <= ion.fwhm_s;
    });
}

// Where a missed ion went: the traces and all candidates (any S/N) within 30 ppm of it.
void explain_miss(const MsRun& run, double noise, const test::InjectedIon& ion, double grid) {
    const PeakMap map = build_peak_map(run);
    const double tol = std::max(ppm_window(ion.mz, 30.0), grid);
    std::printf("  missed m/z %.4f apex %.1f s fwhm %.1f h %.0f %s%s\n", ion.mz, ion.apex_rt_s, ion.fwhm_s, ion.height,
                ion.tailing ? "EMG" : "Gauss", ion.near_background ? " near-bg" : "");
    FeatureDetectionOptions o;
    for (const MassTrace& t : detect_mass_traces(map, [&] {
             MassTraceOptions m;
             m.min_seed_intensity = o.seed_snr * noise;
             return m;
         }())) {
        if (std::abs(t.mean_mz - ion.mz) > tol) continue;
        if (t.rt_s.back() < ion.apex_rt_s - 3 * ion.fwhm_s || t.rt_s.front() > ion.apex_rt_s + 3 * ion.fwhm_s) continue;
        std::printf("    trace %.4f (%+.1f ppm) %zu pts %.1f-%.1f s max %.0f\n", t.mean_mz, (t.mean_mz - ion.mz) / ion.mz * 1e6,
                    t.size(), t.rt_s.front(), t.rt_s.back(), t.max_intensity);
        ElutionPeakOptions po;
        po.noise_floor = noise;
        po.min_prominence = 0.0;
        for (const auto& p : detect_elution_peaks(t, po)) {
            std::printf("      peak %.1f s fwhm %.1f h %.0f snr %.1f prom %.1f chrom %.1f base %.0f tnoise %.0f pts %zu-%zu\n", p.rt_s,
                        p.fwhm_s, p.height, p.snr, p.prominence,
                        chromatographic_snr(map, t.scan[p.apex], p.mz, 10.0, p), p.baseline, p.trace_noise, p.first, p.last);
        }
    }
}

// The run with its MS1 peak lists dealt out to the MS1 scans in random order (times kept): every
// elution profile is destroyed while the noise centroids and the constant background ions stay, so
// what is reported there is what the detector makes of noise and of background fluctuation.
MsRun scans_shuffled(const MsRun& run, unsigned seed) {
    MsRun out = run;
    std::vector<std::size_t> ms1;
    for (std::size_t i = 0; i < out.spectra.size(); ++i) {
        if (out.spectra[i].ms_level == 1) ms1.push_back(i);
    }
    std::vector<std::size_t> order = ms1;
    std::shuffle(order.begin(), order.end(), std::mt19937(seed));
    for (std::size_t k = 0; k < ms1.size(); ++k) {
        out.spectra[ms1[k]].mz = run.spectra[order[k]].mz;
        out.spectra[ms1[k]].intensity = run.spectra[order[k]].intensity;
    }
    return out;
}

struct RunRecall {
    std::map<double, std::pair<int, int>> all, near_bg;  // level -> (found, total)
    int chance = 0;                                       // ions the unspiked run already "finds"
    std::size_t base_features = 0;
    std::size_t shuffled_features = 0;  // features of the scan-shuffled run (no elution left)
    double noise = 0.0;
};

RunRecall measure(const std::filesystem::path& path, std::size_t ions_per_level, unsigned seed) {
    const MsRun run = io::read_ms(path);
    const LcmsResult base = process_lcms(run);
    RunRecall out;
    out.base_features = base.features.size();
    out.noise = base.noise;
    out.shuffled_features = process_lcms(scans_shuffled(run, seed)).features.size();
    test::IonInjector injector(run, base.noise, seed);
    auto ions = injector.draw(ions_per_level, 0.35);
    const double grid = injector.shape().grid;
    const bool debug = std::getenv("SIDEPEAK_RECALL_DEBUG") != nullptr;
    for (const auto& ion : ions) out.chance += recovered(base.features, ion, grid) ? 1 : 0;
    std::printf("%s: noise %.1f, grid %.2f, m/z %.1f-%.1f, %zu unspiked features, %zu with scans shuffled, %zu ions\n",
                path.filename().c_str(), base.noise, grid, injector.shape().mz_lo, injector.shape().mz_hi, base.features.size(),
                out.shuffled_features, ions.size());
    for (const double level : kLevels) {
        const MsRun spiked = injector.inject(ions, level, seed + static_cast<unsigned>(level));
        const LcmsResult r = process_lcms(spiked);
        for (const auto& ion : ions) {
            const bool ok = recovered(r.features, ion, grid);
            auto& a = out.all[level];
            a.first += ok;
            a.second += 1;
            if (ion.near_background) {
                out.near_bg[level].first += ok;
                out.near_bg[level].second += 1;
            }
            if (!ok && debug) explain_miss(spiked, base.noise, ion, grid);
        }
        std::printf("  %4.0f x noise: recovered %d / %d (beside a background ion %d / %d), %zu features\n", level,
                    out.all[level].first, out.all[level].second, out.near_bg[level].first, out.near_bg[level].second,
                    r.features.size());
    }
    std::printf("  chance matches in the unspiked run: %d\n", out.chance);
    return out;
}

double fraction(const std::pair<int, int>& p) { return p.second > 0 ? static_cast<double>(p.first) / p.second : 0.0; }

// Floors sit a few ions below the measured recovery (60 ions per level; the figures are in
// docs/performance.md). Feature-count ceilings: the unspiked run may gain what the chromatographic
// S/N admits (measured +45 % on BSA1_F1, a digest rich in weak peptide ions; +15 % on faahKO), and
// the scan-shuffled run, where no elution peak is left, at most 5 % over what the run-noise S/N
// alone reported there (1 190, 10 611, 4 873): that is the bound on features made of noise.
void expect_recall(const RunRecall& r, const double (&floor)[4], std::size_t max_features, std::size_t max_shuffled) {
    for (std::size_t k = 0; k < 4; ++k) {
        EXPECT_GE(fraction(r.all.at(kLevels[k])), floor[k]) << kLevels[k] << " x noise";
    }
    EXPECT_LE(r.base_features, max_features);
    EXPECT_LE(r.shuffled_features, max_shuffled);
}

TEST(FeatureRecall, Bsa1OrbitrapCentroid) {
    const auto r = measure(test::real_samples() / "ms" / "mzml" / "BSA1_F1.mzML", 60, 11);
    expect_recall(r, {0.55, 0.85, 0.9, 0.95}, 760, 1250);
}

TEST(FeatureRecall, LcMsMsOrbitrapCentroid) {
    const auto r = measure(test::real_samples() / "ms" / "mzxml" / "lcMsMs.mzXML", 60, 12);
    expect_recall(r, {0.4, 0.8, 0.9, 0.95}, 22300, 11140);
}

TEST(FeatureRecall, FaahKoUnitResolutionGrid) {
    const auto path = test::shared_spectra() / "ms" / "netcdf" / "faahKO_ko15.CDF";
    SIDEPEAK_REQUIRE_PATH(path);
    const auto r = measure(path, 60, 13);
    expect_recall(r, {0.45, 0.65, 0.9, 0.95}, 1500, 5120);
}

}  // namespace
}  // namespace sidepeak::signal

namespace sidepeak::signal {
namespace {

// The case of the problem report: BSA1_F1 records a background ion at m/z 389.112 (4 000-6 000
// counts in every scan around 1 800 s); an ion 13 ppm above it (centroids at 389.116-389.119)
// eluting at 1 809 s with a 20 000-count apex (about 10 x the run noise of 1 990) must become a
// feature of its own, at its own m/z, with the background left as it was.
TEST(FeatureRecall, Bsa1IonThirteenPpmAboveABackgroundIon) {
    MsRun run = io::read_ms(test::real_samples() / "ms" / "mzml" / "BSA1_F1.mzML");
    std::mt19937 rng(389);
    std::uniform_real_distribution<double> mz(389.116, 389.119);
    std::normal_distribution<double> scatter(0.0, 0.08);
    for (auto& sp : run.spectra) {
        if (sp.ms_level != 1) continue;
        const double y = 20258.0 * std::exp(-0.5 * std::pow((sp.rt_s - 1809.0) / (18.0 / 2.3548), 2)) * (1.0 + scatter(rng));
        if (y < 1000.0) continue;
        const double m = mz(rng);
        const auto it = std::lower_bound(sp.mz.begin(), sp.mz.end(), m);
        const auto pos = it - sp.mz.begin();
        sp.mz.insert(it, m);
        sp.intensity.insert(sp.intensity.begin() + pos, y);
    }
    const LcmsResult r = process_lcms(run);
    const Feature* hit = nullptr;
    for (const auto& f : r.features) {
        if (std::abs(f.mz - 389.1175) < 389.1175 * 6e-6 && std::abs(f.rt_s - 1809.0) < 10.0) hit = &f;
        if (std::abs(f.mz - 389.115) < 0.01 && std::getenv("SIDEPEAK_RECALL_DEBUG")) {
            std::printf("feature %.4f rt %.1f h %.0f snr %.1f fwhm %.1f\n", f.mz, f.rt_s, f.intensity, f.snr, f.fwhm_s);
        }
    }
    if (hit == nullptr && std::getenv("SIDEPEAK_RECALL_DEBUG")) {
        test::InjectedIon ion;
        ion.mz = 389.1175;
        ion.apex_rt_s = 1809.0;
        ion.fwhm_s = 18.0;
        explain_miss(run, r.noise, ion, 0.0);
    }
    ASSERT_NE(hit, nullptr);
}

}  // namespace
}  // namespace sidepeak::signal

// LC-MS spike-in simulator: isotope patterns against analytic cases, elution profiles, and
// injected ions recovered by the project's own reader and LC-MS pipeline on real runs.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <set>

#include <gtest/gtest.h>

#include "dda_sim.hpp"
#include "isotope_sim.hpp"
#include "lcms_spikein.hpp"
#include "ms_injector.hpp"
#include "sidepeak/chem/formula.hpp"
#include "sidepeak/chem/reaction_model.hpp"
#include "sidepeak/io/ms_readers.hpp"
#include "sidepeak/signal/lcms_pipeline.hpp"
#include "test_support.hpp"

namespace sidepeak::spikein {
namespace {

std::filesystem::path lcmsms_path() { return test::real_samples() / "ms" / "mzxml" / "lcMsMs.mzXML"; }
std::filesystem::path ltqft_path() { return test::real_samples() / "ms" / "mzml" / "pyteomics_small_ltqft.mzML"; }
std::filesystem::path openswath_path() { return test::real_samples() / "ms" / "mzml" / "OpenSwathWorkflow_17_input.mzML"; }
std::filesystem::path faahko_path() { return test::shared_spectra() / "ms" / "netcdf" / "faahKO_ko15.CDF"; }

// 3899 scans: read once per test program.
const MsRun& lcmsms() {
    static const MsRun run = io::read_ms(lcmsms_path());
    return run;
}

double sum_abundance(const std::vector<IsotopeLine>& lines) {
    double s = 0.0;
    for (const auto& l : lines) s += l.abundance;
    return s;
}

TEST(IsotopeSim, SingleCarbonM1IsItsAbundance) {
    const auto lines = isotope_pattern(chem::Formula("C"));
    ASSERT_EQ(lines.size(), 2u);
    EXPECT_NEAR(lines[1].abundance / sum_abundance(lines), 0.0107, 1e-9);
    EXPECT_NEAR(lines[1].mass, 13.00335483507, 1e-9);
    EXPECT_EQ(lines[1].shift, 1);
}

TEST(IsotopeSim, BenzylDiazepaneM1RatioIsTheFirstOrderSum) {
    // Only 13C, 2H, 15N contribute to M+1: ratio = sum n_i p1_i / p0_i exactly.
    const auto lines = isotope_pattern(chem::Formula("C12H18N2"));
    ASSERT_GE(lines.size(), 3u);
    const double expected = 12 * 0.0107 / 0.9893 + 18 * 0.000115 / 0.999885 + 2 * 0.00364 / 0.99636;
    EXPECT_NEAR(lines[1].abundance / lines[0].abundance, expected, 1e-9);
    EXPECT_NEAR(lines[0].mass, chem::Formula("C12H18N2").monoisotopic_mass(), 1e-6);
    // [M+H]+ from domain.md: 191.1543.
    const auto ion = isotope_pattern(chem::Formula("C12H19N2+"));
    EXPECT_NEAR(ion[0].mass, 191.1543, 1e-4);
    for (const auto& l : ion) EXPECT_GE(l.abundance, 1e-4);
}

TEST(IsotopeSim, BromineDoublet) {
    const auto lines = isotope_pattern(chem::Formula("CH3Br"));
    ASSERT_GE(lines.size(), 3u);
    EXPECT_EQ(lines[2].shift, 2);
    EXPECT_NEAR(lines[2].abundance / lines[0].abundance, 0.973, 0.002);
    EXPECT_NEAR(lines[2].mass - lines[0].mass, 80.9162897 - 78.9183376, 1e-3);
}

TEST(IsotopeSim, DoublyChargedIonRemovesTwoElectrons) {
    const auto lines = isotope_pattern(chem::Formula("C12H20N2+2"));
    EXPECT_NEAR(lines[0].mass, chem::Formula("C12H20N2+2").monoisotopic_mass(), 1e-6);
}

TEST(Elution, EmgHasUnitArea) {
    for (const auto& [sigma, tau] : {std::pair{1.5, 0.0}, {3.0, 2.0}, {10.0, 8.0}, {1.5, 8.0}, {5.0, 0.2}}) {
        double area = 0.0;
        const double dt = 0.01;
        for (double t = -100.0; t < 200.0; t += dt) area += emg_density(t, 0.0, sigma, tau) * dt;
        EXPECT_NEAR(area, 1.0, 1e-4) << sigma << " " << tau;
    }
}

TEST(Elution, ShapePeaksAtItsApex) {
    for (const auto& [tau, split] : {std::pair{0.0, 0.0}, {6.0, 0.0}, {3.0, 4.0}}) {
        const ElutionShape shape(100.0, 3.0, tau, split, 0.6);
        EXPECT_NEAR(shape.value(100.0), 1.0, 1e-6);
        double best_t = 0.0, best = 0.0, area = 0.0;
        for (double t = 50.0; t < 200.0; t += 0.01) {
            const double v = shape.value(t);
            area += v * 0.01;
            if (v > best) best = v, best_t = t;
        }
        EXPECT_NEAR(best_t, 100.0, 0.05);
        EXPECT_NEAR(area, shape.area_s(), 1e-3 * shape.area_s());
        EXPECT_LT(shape.value(shape.to_s() + 1.0), 1e-3);
    }
}

bool sorted_scans(const MsRun& run) {
    return std::all_of(run.spectra.begin(), run.spectra.end(),
                       [](const MsSpectrum& s) { return std::is_sorted(s.mz.begin(), s.mz.end()); });
}

const signal::Feature* find_feature(const signal::LcmsResult& r, double mz, double tol_mz, double rt, double tol_rt) {
    const signal::Feature* best = nullptr;
    for (const auto& f : r.features) {
        if (std::abs(f.mz - mz) <= tol_mz && std::abs(f.rt_s - rt) <= tol_rt && (!best || f.intensity > best->intensity)) best = &f;
    }
    return best;
}

// One ion with its isotopes at a fixed place and height.
IonInjection product_ion(double rt, double height) {
    IonInjection ion;
    ion.label = "benzyl-diazepane [M+H]+";
    for (const auto& l : isotope_pattern(chem::Formula("C12H19N2+"))) {
        ion.mz.push_back(l.mass);
        ion.relative.push_back(l.abundance);
    }
    ion.height = height;
    ion.shape = ElutionShape(rt, 3.0, 1.5);
    return ion;
}

TEST(Injector, RecoveredByThePipelineOnAnOrbitrapRun) {
    const MsRun& original = lcmsms();
    const RunTraits traits = characterise_run(original);
    EXPECT_TRUE(traits.high_resolution);
    MsRun run = original;
    MsInjector injector(traits);
    SpikeRandom rng(7);
    const double mz = chem::Formula("C12H19N2+").monoisotopic_mass();
    injector.add(product_ion(300.0, 2e6), rng);
    injector.apply(run);

    EXPECT_TRUE(sorted_scans(run));
    for (std::size_t i = 0; i < run.spectra.size(); ++i) {
        if (run.spectra[i].ms_level == 1) continue;
        EXPECT_EQ(run.spectra[i].mz, original.spectra[i].mz);
        EXPECT_EQ(run.spectra[i].intensity, original.spectra[i].intensity);
    }
    const auto t0 = std::chrono::steady_clock::now();
    const auto result = signal::process_lcms(run);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    std::printf("process_lcms on spiked lcMsMs: %.2f s, %zu features\n", seconds, result.features.size());
    const auto* f = find_feature(result, mz, mz * 5e-6, 300.0, 3.0);
    ASSERT_NE(f, nullptr);
    EXPECT_NEAR(f->mz, mz, mz * 5e-6);
    EXPECT_NEAR(f->rt_s, 300.0, 3.0);
}

TEST(Injector, UnitResolutionRunFollowsItsMzGrid) {
    SIDEPEAK_REQUIRE_PATH(faahko_path());
    const MsRun original = io::read_ms(faahko_path());
    const RunTraits traits = characterise_run(original);
    EXPECT_FALSE(traits.high_resolution);
    EXPECT_NEAR(traits.mz_quantum, 0.1, 1e-12);
    MsRun run = original;
    MsInjector injector(traits);
    SpikeRandom rng(11);
    // Above the run's 200 m/z floor: the dibenzyl diazepane [M+H]+ 281.2012.
    IonInjection ion;
    for (const auto& l : isotope_pattern(chem::Formula("C19H25N2+"))) {
        ion.mz.push_back(l.mass);
        ion.relative.push_back(l.abundance);
    }
    ion.height = 5e5;
    ion.shape = ElutionShape(3500.0, 4.0, 2.0);
    injector.add(ion, rng);
    injector.apply(run);
    EXPECT_TRUE(sorted_scans(run));
    const auto result = signal::process_lcms(run);
    const auto* f = find_feature(result, 281.2012, 0.3, 3500.0, 3.0);
    ASSERT_NE(f, nullptr);
}

TEST(Injector, ProfileScanGetsAPeakOfTheRunsWidth) {
    const MsRun original = io::read_ms(ltqft_path());
    const RunTraits traits = characterise_run(original);
    ASSERT_FALSE(traits.ms1.empty());
    ASSERT_TRUE(traits.ms1.front().profile);
    EXPECT_TRUE(traits.high_resolution);
    MsRun run = original;
    MsInjector injector(traits);
    SpikeRandom rng(3);
    const auto& scan = traits.ms1.front();
    const double mz = 0.5 * (scan.low_mz + scan.high_mz);
    IonInjection ion;
    ion.mz = {mz};
    ion.relative = {1.0};
    ion.height = 1e7;
    ion.shape = ElutionShape(scan.rt_s, 1.5, 0.0);
    injector.add(ion, rng);
    injector.apply(run);
    const MsSpectrum& s = run.spectra[scan.index];
    EXPECT_TRUE(std::is_sorted(s.mz.begin(), s.mz.end()));
    EXPECT_GE(s.mz.size(), original.spectra[scan.index].mz.size());
    // The added peak: maximum near mz, width close to the run's own FWHM.
    const double fwhm = traits.fwhm_at(mz);
    std::size_t top = s.mz.size();
    for (std::size_t i = 0; i < s.mz.size(); ++i) {
        if (std::abs(s.mz[i] - mz) < fwhm && (top == s.mz.size() || s.intensity[i] > s.intensity[top])) top = i;
    }
    ASSERT_LT(top, s.mz.size());
    EXPECT_NEAR(s.mz[top], mz, fwhm);
    EXPECT_GT(s.intensity[top], 5e6);
    double left = s.mz[top], right = s.mz[top];
    for (std::size_t i = top; i > 0 && s.intensity[i] > 0.5 * s.intensity[top]; --i) left = s.mz[i - 1];
    for (std::size_t i = top; i + 1 < s.mz.size() && s.intensity[i] > 0.5 * s.intensity[top]; ++i) right = s.mz[i + 1];
    EXPECT_NEAR(right - left, fwhm, 0.6 * fwhm);
    // Nothing written outside the scan's window.
    EXPECT_GE(s.mz.front(), std::min(scan.low_mz, original.spectra[scan.index].mz.front()));
    EXPECT_LE(s.mz.back(), std::max(scan.high_mz, original.spectra[scan.index].mz.back()));
}

bool same_run(const MsRun& a, const MsRun& b) {
    if (a.spectra.size() != b.spectra.size()) return false;
    for (std::size_t i = 0; i < a.spectra.size(); ++i) {
        if (a.spectra[i].mz != b.spectra[i].mz || a.spectra[i].intensity != b.spectra[i].intensity) return false;
    }
    return true;
}

TEST(Spikein, SamplesAreLabelledAndDeterministic) {
    LcmsSpikeOptions options;
    options.seed = 42;
    options.samples_per_run = 12;
    const auto a = make_lcms_spikeins(lcmsms(), "lcMsMs", lcmsms_path().string(), options);
    const auto b = make_lcms_spikeins(lcmsms(), "lcMsMs", lcmsms_path().string(), options);
    ASSERT_EQ(a.size(), 12u);
    ASSERT_EQ(b.size(), a.size());
    std::set<std::string> ids;
    int positives = 0;
    for (std::size_t i = 0; i < a.size(); ++i) {
        const auto& s = a[i];
        ids.insert(s.id);
        ASSERT_TRUE(s.lcms.has_value());
        EXPECT_TRUE(same_run(*s.lcms, *b[i].lcms)) << s.id;
        EXPECT_EQ(s.variations, b[i].variations);
        // The run's own tags come first: an Orbitrap centroid run with thousands of features.
        ASSERT_GE(s.variations.size(), 3u);
        EXPECT_EQ(s.variations[0], "resolution:high");
        EXPECT_EQ(s.variations[1], "centroid");
        EXPECT_EQ(s.variations[2], "matrix_features:>10000");
        const bool oxide_tag = std::any_of(s.variations.begin(), s.variations.end(),
                                           [](const std::string& t) { return t.rfind("noxide:", 0) == 0; });
        EXPECT_EQ(oxide_tag, s.truth.n_oxide);
        EXPECT_FALSE(same_run(*s.lcms, lcmsms())) << s.id;
        EXPECT_TRUE(sorted_scans(*s.lcms));
        EXPECT_NE(chem::find_reagent(s.reagent), nullptr) << s.reagent;
        EXPECT_EQ(s.family, s.reagent + "/lcMsMs");
        EXPECT_EQ(chem::Formula(s.product), chem::Formula("C5H12N2") + chem::Formula(chem::find_reagent(s.reagent)->increment));
        const bool positive = s.truth.oligomer || s.truth.over_alkylation || s.truth.n_oxide || s.truth.hofmann;
        positives += positive;
        if (s.truth.hofmann) {
            EXPECT_TRUE(s.truth.over_alkylation);
        }
        if (positive) {
            EXPECT_GE(s.level, options.min_level);
            EXPECT_LE(s.level, options.max_level);
        } else {
            EXPECT_EQ(s.level, 0.0);
        }
    }
    EXPECT_EQ(ids.size(), a.size());
    EXPECT_GT(positives, 0);
    EXPECT_LT(positives, 12);

    options.positive_fraction = 0.0;
    options.samples_per_run = 4;
    for (const auto& s : make_lcms_spikeins(lcmsms(), "lcMsMs", "", options)) {
        EXPECT_FALSE(s.truth.oligomer || s.truth.over_alkylation || s.truth.n_oxide || s.truth.hofmann);
    }
}

TEST(Spikein, ClassesWhoseIonsTheRunDoesNotRecordAreLabelledAbsent) {
    // BSA1_F1 records MS1 from m/z 300: a methyl diazepane ladder ([M+H]+ 115-143), its N-oxides
    // and its quaternary salt are not in these data.
    const auto path = test::real_samples() / "ms" / "mzml" / "BSA1_F1.mzML";
    const MsRun run = sidepeak::io::read_ms(path);
    LcmsSpikeOptions options;
    options.seed = 11;
    options.samples_per_run = 6;
    options.positive_fraction = 1.0;
    options.reagents = {"methyl"};
    options.matrix_features = 1000;
    int unobservable = 0;
    for (const auto& s : make_lcms_spikeins(run, "BSA1_F1", path.string(), options)) {
        EXPECT_FALSE(s.truth.over_alkylation) << s.id;
        EXPECT_FALSE(s.truth.n_oxide) << s.id;
        for (const auto& t : s.variations) unobservable += t.rfind("unobservable:", 0) == 0 ? 1 : 0;
    }
    EXPECT_GE(unobservable, 4);
}

TEST(Spikein, ForcedTagsAreCarriedByEverySample) {
    const std::vector<std::string> tags = {"adduct:Na", "adduct:K", "adduct:NH4", "adduct:2H", "adduct:2M+H", "split_peak",
                                           "tailing", "noxide:before", "noxide:after", "noxide_no_insource_loss",
                                           "c_hydroxylation:before", "c_hydroxylation:after", "starting_amine", "peg_ladder",
                                           "siloxane_ladder", "halogen_sulfur_isotopes", "unrelated_quaternary", "product_adducts"};
    for (const auto& tag : tags) {
        LcmsSpikeOptions options;
        options.seed = 13;
        options.samples_per_run = 3;
        options.traps = false;
        options.matrix_features = 20000;  // the count is not what this test is about
        options.force = {tag};
        for (const auto& s : make_lcms_spikeins(lcmsms(), "lcMsMs", "", options)) {
            const bool carried = std::find(s.traps.begin(), s.traps.end(), tag) != s.traps.end() ||
                                 std::find(s.variations.begin(), s.variations.end(), tag) != s.variations.end();
            EXPECT_TRUE(carried) << tag << " in " << s.id;
            if (tag.rfind("noxide", 0) == 0) {
                EXPECT_TRUE(s.truth.n_oxide) << s.id;
            }
            // With traps off, only the forced trap (and the product's own adducts) appear.
            for (const auto& t : s.traps) {
                EXPECT_TRUE(t == "product_adducts" || tag.rfind(t, 0) == 0) << t << " in " << s.id;
            }
        }
    }
}

TEST(Spikein, SampleThroughThePipeline) {
    LcmsSpikeOptions options;
    options.seed = 5;
    options.samples_per_run = 1;
    const auto t0 = std::chrono::steady_clock::now();
    const auto samples = make_lcms_spikeins(lcmsms(), "lcMsMs", "", options);
    const auto t1 = std::chrono::steady_clock::now();
    ASSERT_EQ(samples.size(), 1u);
    const auto result = signal::process_lcms(*samples[0].lcms);
    const auto t2 = std::chrono::steady_clock::now();
    std::printf("one sample: spike-in %.3f s, process_lcms %.3f s, %zu features\n",
                std::chrono::duration<double>(t1 - t0).count(), std::chrono::duration<double>(t2 - t1).count(),
                result.features.size());
    // The product [M+H]+ is placed at a high intensity percentile: the pipeline must see it.
    const double mz = (chem::Formula(samples[0].product) + chem::Formula("H")).monoisotopic_mass() - 0.00054858;
    bool found = false;
    for (const auto& f : result.features) found = found || std::abs(f.mz - mz) < mz * 10e-6;
    EXPECT_TRUE(found) << samples[0].product;
}

// FNV-1a over the MS1 scans of a run (RT, m/z and intensity bits, in order).
std::uint64_t ms1_fingerprint(const MsRun& run) {
    std::uint64_t h = 1469598103934665603ULL;
    auto mix = [&h](double v) {
        std::uint64_t bits = 0;
        std::memcpy(&bits, &v, sizeof bits);
        for (int b = 0; b < 8; ++b) {
            h ^= (bits >> (8 * b)) & 0xffU;
            h *= 1099511628211ULL;
        }
    };
    for (const auto& s : run.spectra) {
        if (s.ms_level != 1) continue;
        mix(s.rt_s);
        for (std::size_t i = 0; i < s.mz.size(); ++i) mix(s.mz[i]), mix(s.intensity[i]);
    }
    return h;
}

TEST(Spikein, Ms1IsTheSameWithAndWithoutMs2) {
    // Fingerprints of the MS1 scans of seed 42 measured before MS2 simulation existed: the MS2
    // draws come from their own stream, so the MS1 content of a seed has not changed.
    const std::uint64_t before[4] = {0x1f80cb50683ecb7aULL, 0xd7d2d4e3d0d59b55ULL, 0x9c51acc4167a611fULL, 0xc5d79f881dd24126ULL};
    LcmsSpikeOptions options;
    options.seed = 42;
    options.samples_per_run = 4;
    options.matrix_features = 20000;
    const auto with = make_lcms_spikeins(lcmsms(), "lcMsMs", "", options);
    options.ms2 = false;
    const auto without = make_lcms_spikeins(lcmsms(), "lcMsMs", "", options);
    ASSERT_EQ(with.size(), 4u);
    ASSERT_EQ(without.size(), 4u);
    std::set<std::string> original_ids;
    std::size_t original_ms2 = 0;
    for (const auto& sp : lcmsms().spectra) {
        original_ids.insert(sp.id);
        original_ms2 += sp.ms_level == 2 ? 1 : 0;
    }
    std::size_t added = 0;
    for (std::size_t i = 0; i < 4; ++i) {
        EXPECT_EQ(ms1_fingerprint(*with[i].lcms), before[i]) << with[i].id;
        EXPECT_EQ(ms1_fingerprint(*without[i].lcms), before[i]) << without[i].id;
        EXPECT_EQ(with[i].truth.n_oxide, without[i].truth.n_oxide);
        EXPECT_TRUE(without[i].ms2.empty());
        // The run's own MS2 scans are all there, unchanged, in their order.
        std::vector<const MsSpectrum*> real;
        std::size_t ms2 = 0;
        for (const auto& sp : with[i].lcms->spectra) {
            if (sp.ms_level != 2) continue;
            ++ms2;
            if (original_ids.count(sp.id)) real.push_back(&sp);
        }
        ASSERT_EQ(real.size(), original_ms2);
        std::size_t k = 0;
        for (const auto& sp : lcmsms().spectra) {
            if (sp.ms_level != 2) continue;
            EXPECT_EQ(real[k]->mz, sp.mz);
            EXPECT_EQ(real[k]->intensity, sp.intensity);
            EXPECT_EQ(real[k]->rt_s, sp.rt_s);
            ++k;
        }
        added += ms2 - original_ms2;
        // Spectra stay in RT order and are numbered by position.
        const auto& spectra = with[i].lcms->spectra;
        for (std::size_t j = 0; j < spectra.size(); ++j) {
            EXPECT_EQ(spectra[j].index, j);
            if (j > 0) {
                EXPECT_LE(spectra[j - 1].rt_s, spectra[j].rt_s) << j;
            }
        }
    }
    EXPECT_GT(added, 0u);
}

// The first sample (over seeds from `seed`) whose N-oxide [M+H]+ got MS2 scans.
const LabelledSample* noxide_with_ms2(std::vector<LabelledSample>& keep, std::uint64_t seed, const SpikedIonMs2** ion) {
    LcmsSpikeOptions options;
    options.samples_per_run = 4;
    options.traps = false;
    options.matrix_features = 20000;
    options.reagents = {"benzyl"};
    options.force = {"noxide:before"};
    options.max_level = 0.5;
    options.min_level = 0.2;
    for (std::uint64_t s = seed; s < seed + 10; ++s) {
        options.seed = s;
        keep = make_lcms_spikeins(lcmsms(), "lcMsMs", "", options);
        for (const auto& sample : keep) {
            for (const auto& rec : sample.ms2) {
                if (rec.species == "N-oxide of product" && rec.ion == "[M+H]+" && !rec.spectra.empty()) {
                    *ion = &rec;
                    return &sample;
                }
            }
        }
    }
    return nullptr;
}

bool has_peak(const MsSpectrum& s, double mz, double ppm) {
    return std::any_of(s.mz.begin(), s.mz.end(), [&](double m) { return std::abs(m - mz) <= mz * ppm * 1e-6; });
}

TEST(Spikein, Ms2OfASpikedNoxideFollowsItsFormulas) {
    std::vector<LabelledSample> keep;
    const SpikedIonMs2* ion = nullptr;
    const LabelledSample* sample = noxide_with_ms2(keep, 300, &ion);
    ASSERT_NE(sample, nullptr);
    ASSERT_NE(ion, nullptr);
    EXPECT_TRUE(sample->truth.n_oxide);
    EXPECT_NE(std::find(sample->variations.begin(), sample->variations.end(), "ms2_noxide"), sample->variations.end());
    // Benzyl-diazepane N-oxide [M+H]+ C12H19N2O+ and the fragments its rules give.
    const chem::Formula mh("C12H19N2O+");
    EXPECT_EQ(chem::Formula(ion->formula), mh);
    EXPECT_NEAR(ion->mz, mh.mz(), 1e-9);
    const double loss_o = (mh - chem::Formula("O")).mz();    // [M+H-O]+ C12H19N2+
    const double loss_oh = (mh - chem::Formula("OH")).mz();  // [M+H-OH]+* C12H18N2+
    const double tropylium = chem::Formula("C7H7+").mz();
    EXPECT_NEAR(loss_o, 191.1543, 1e-4);
    EXPECT_NEAR(tropylium, 91.0542, 1e-4);
    const auto& spectra = sample->lcms->spectra;
    bool o = false, oh = false, trop = false;
    for (const std::size_t pos : ion->spectra) {
        ASSERT_LT(pos, spectra.size());
        const MsSpectrum& s = spectra[pos];
        EXPECT_EQ(s.ms_level, 2);
        EXPECT_EQ(s.precursor_charge, 1);
        EXPECT_NEAR(s.precursor_mz, ion->mz, ion->mz * 10e-6);
        const double width = s.isolation_lower_offset + s.isolation_upper_offset;
        EXPECT_GE(width, 1.0);
        EXPECT_LE(width, 2.0);
        EXPECT_LE(s.isolation_target_mz - s.isolation_lower_offset, ion->mz);
        EXPECT_GE(s.isolation_target_mz + s.isolation_upper_offset, ion->mz);
        EXPECT_GT(s.collision_energy, 0.0);
        EXPECT_NE(s.activation, Activation::unknown);
        EXPECT_TRUE(std::is_sorted(s.mz.begin(), s.mz.end()));
        // Between its survey scan and the next MS1 scan.
        std::size_t survey = pos;
        while (survey > 0 && spectra[survey].ms_level != 1) --survey;
        EXPECT_EQ(spectra[survey].id, s.precursor_scan);
        EXPECT_GE(s.rt_s, spectra[survey].rt_s);
        for (std::size_t next = pos + 1; next < spectra.size(); ++next) {
            if (spectra[next].ms_level != 1) continue;
            EXPECT_LE(s.rt_s, spectra[next].rt_s);
            break;
        }
        EXPECT_LT(std::abs(s.rt_s - ion->apex_rt_s), 60.0);
        o = o || has_peak(s, loss_o, 10.0);
        oh = oh || has_peak(s, loss_oh, 10.0);
        trop = trop || has_peak(s, tropylium, 10.0);
    }
    EXPECT_TRUE(o);
    EXPECT_TRUE(oh);
    EXPECT_TRUE(trop);
}

TEST(Ms2Rules, FragmentFormulasPerCompoundType) {
    Substituent benzyl;
    benzyl.group = chem::Formula("C7H7");
    benzyl.benzylic = true;
    auto rules = [](FragmentModel model, std::vector<Substituent> subs, bool free_nh) {
        FragmentSource src;
        src.model = model;
        src.substituents = std::move(subs);
        src.free_nh = free_nh;
        src.ring = true;
        return src;
    };
    auto find = [](const std::vector<FragmentPeak>& peaks, const chem::Formula& f) {
        return std::find_if(peaks.begin(), peaks.end(), [&](const FragmentPeak& p) { return p.ion == f; }) != peaks.end();
    };
    for (std::uint64_t seed = 1; seed <= 20; ++seed) {
        SpikeRandom rng(seed);
        const chem::Formula oxide("C12H19N2O+");
        const auto n = fragment_peaks(rules(FragmentModel::n_oxide, {benzyl}, true), oxide, "[M+H]+", 0.5, rng);
        EXPECT_TRUE(find(n, chem::Formula("C12H19N2+")));   // -O
        EXPECT_TRUE(find(n, chem::Formula("C12H18N2+")));   // -OH*
        EXPECT_TRUE(find(n, chem::Formula("C5H10N+")));     // -C7H9NO (Cope-type, ring-opened: R-NHOH)
        EXPECT_TRUE(find(n, chem::Formula("C7H7+")));       // tropylium
        const auto c = fragment_peaks(rules(FragmentModel::c_hydroxyl, {benzyl}, true), oxide, "[M+H]+", 0.5, rng);
        EXPECT_TRUE(find(c, chem::Formula("C12H17N2+")));   // -H2O
        EXPECT_FALSE(find(c, chem::Formula("C12H19N2+")));  // never -O
        EXPECT_FALSE(find(c, chem::Formula("C12H18N2+")));  // never -OH*
        for (const auto& p : c) {
            if (p.ion == chem::Formula("C12H17N2+")) {
                EXPECT_GE(p.relative, 0.5);
            }
        }
        // Quaternary S+3Δ (benzyl): tropylium and loss of toluene, no [M+H]+ (no H added to M+).
        FragmentSource q = rules(FragmentModel::quaternary, {benzyl, benzyl}, false);
        q.ring_quaternary = true;
        const chem::Formula quat("C26H31N2+");
        const auto qp = fragment_peaks(q, quat, "M+", 0.5, rng);
        EXPECT_TRUE(find(qp, chem::Formula("C7H7+")));
        EXPECT_TRUE(find(qp, chem::Formula("C19H23N2+")));  // -C7H8
        EXPECT_FALSE(find(qp, quat + chem::Formula("H")));
        for (const auto& p : qp) EXPECT_EQ(p.ion.charge(), 1);
        // Oligomer n = 3 with +H2O ends: losses of one and two repeat units.
        FragmentSource o;
        o.model = FragmentModel::oligomer;
        o.repeat = chem::Formula("C5H12N2");
        o.units = 3;
        const chem::Formula trimer("C15H39N6O+");
        const auto op = fragment_peaks(o, trimer, "[M+H]+", 0.5, rng);
        EXPECT_TRUE(find(op, chem::Formula("C10H27N4O+")));
        EXPECT_TRUE(find(op, chem::Formula("C5H15N2O+")));
        EXPECT_TRUE(find(op, chem::Formula("C15H36N5O+")));  // -NH3
    }
}

TEST(Spikein, IonsTheDdaMissedHaveNoMs2) {
    LcmsSpikeOptions options;
    options.seed = 77;
    options.samples_per_run = 8;
    options.matrix_features = 20000;
    options.positive_fraction = 1.0;
    const auto samples = make_lcms_spikeins(lcmsms(), "lcMsMs", "", options);
    std::set<std::string> original_ids;
    for (const auto& sp : lcmsms().spectra) original_ids.insert(sp.id);
    std::size_t missed = 0, fragmented = 0;
    for (const auto& sample : samples) {
        const auto& spectra = sample.lcms->spectra;
        ASSERT_FALSE(sample.ms2.empty());
        for (const auto& rec : sample.ms2) {
            for (const std::size_t pos : rec.spectra) {
                ASSERT_LT(pos, spectra.size());
                EXPECT_EQ(spectra[pos].ms_level, 2);
                EXPECT_EQ(original_ids.count(spectra[pos].id), 0u) << spectra[pos].id;
            }
            if (!rec.byproduct) continue;
            if (!rec.spectra.empty()) {
                ++fragmented;
                continue;
            }
            ++missed;
            // No simulated MS2 scan isolates it, unless an isobaric ion of another compound was
            // fragmented (a Hofmann ring-opened [M+H]+ has the quaternary cation's formula).
            bool isobar = false;
            for (const auto& other : sample.ms2) {
                isobar = isobar || (&other != &rec && !other.spectra.empty() && std::abs(other.mz - rec.mz) < rec.mz * 20e-6);
            }
            if (isobar) continue;
            for (const auto& s : spectra) {
                if (s.ms_level != 2 || original_ids.count(s.id)) continue;
                EXPECT_FALSE(std::abs(s.precursor_mz - rec.mz) < rec.mz * 10e-6 && std::abs(s.rt_s - rec.apex_rt_s) < 60.0)
                    << sample.id << " " << rec.species << " " << rec.ion;
            }
        }
        const bool tagged = std::any_of(sample.variations.begin(), sample.variations.end(), [](const std::string& t) {
            return t == "ms2_present" || t == "ms2_partial" || t == "ms2_absent";
        });
        EXPECT_TRUE(tagged) << sample.id;
    }
    std::printf("by-product ions: %zu with MS2, %zu missed by the DDA\n", fragmented, missed);
    EXPECT_GT(fragmented, 0u);
    EXPECT_GT(missed, 0u);
}

TEST(Spikein, RunsWithoutDdaGetNoMs2) {
    // OpenSwath: data-independent windows; no DDA is simulated into it.
    const MsRun run = io::read_ms(openswath_path());
    LcmsSpikeOptions options;
    options.seed = 3;
    options.samples_per_run = 2;
    options.matrix_features = 100;
    for (const auto& s : make_lcms_spikeins(run, "openswath", "", options)) {
        EXPECT_EQ(s.lcms->spectra.size(), run.spectra.size());
        EXPECT_NE(std::find(s.variations.begin(), s.variations.end(), "no_dda"), s.variations.end());
        for (const auto& rec : s.ms2) EXPECT_TRUE(rec.spectra.empty());
    }
}

TEST(Spikein, PathListSkipsAbsentFilesAndReadsEachRun) {
    LcmsSpikeOptions options;
    options.samples_per_run = 2;
    const auto samples = make_lcms_spikeins({openswath_path(), test::shared_spectra() / "absent.CDF"}, options);
    ASSERT_EQ(samples.size(), 2u);
    for (const auto& s : samples) {
        EXPECT_EQ(s.background, openswath_path().string());
        EXPECT_TRUE(sorted_scans(*s.lcms));
    }
}

}  // namespace
}  // namespace sidepeak::spikein

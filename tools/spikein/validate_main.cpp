// sidepeak-validate: measures the classifier on labelled samples it did not shape: by-product
// signals spiked into real 1H FIDs and real LC-MS runs, scored with and without the reaction
// context, split into the families used while the detectors were tuned and held-out ones.
// Prints Markdown (the tables of docs/accuracy-spikein.md, summarised in docs/accuracy.md).
#include <CLI/CLI.hpp>
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <set>
#include <system_error>
#include <utility>

#include "calibration.hpp"
#include "evaluate.hpp"
#include "lcms_spikein.hpp"
#include "nmr_spikein.hpp"
#include "sample_dump.hpp"

namespace fs = std::filesystem;
using namespace sidepeak::spikein;

namespace {

// Families whose spectra informed the detectors' thresholds (the benzyl and methyl reactions of
// the committed generated set); every other reagent family is held out.
bool tuning_family(const std::string& family) {
    return family.rfind("benzyl/", 0) == 0 || family.rfind("methyl/", 0) == 0;
}

std::vector<LabelledSample> select(const std::vector<LabelledSample>& all, bool tuning) {
    std::vector<LabelledSample> out;
    for (const auto& s : all) {
        if (tuning_family(s.family) == tuning) out.push_back(s);
    }
    return out;
}

// Prints the tables of one set; with `outcomes` given, appends every sample's calls and notes.
void report(const std::vector<LabelledSample>& set, const std::string& name, unsigned jobs, std::size_t rows,
            std::string* outcomes) {
    if (set.empty()) return;
    const auto both = evaluate_both(set, {}, jobs);
    for (std::size_t k = 0; k < 2; ++k) {
        std::cout << markdown(both[k], name + (k == 0 ? ", with context" : ", without context"), rows);
        std::cout << variation_table(both[k], set);
        if (outcomes != nullptr) *outcomes += outcomes_tsv(both[k], name, k == 0, outcomes->empty());
    }
}

// Recall per class at fixed by-product levels (every sample positive), with context: the level
// from which a class is found in >= 90 % of the samples that hold it is its detection limit.
void dilution(const std::vector<fs::path>& nmr, const std::vector<fs::path>& ms, std::uint64_t seed, int per_nmr,
              int per_ms, unsigned jobs) {
    const std::vector<double> levels = {0.01, 0.02, 0.04, 0.08, 0.15};
    for (const bool is_nmr : {true, false}) {
        if ((is_nmr && nmr.empty()) || (!is_nmr && ms.empty())) continue;
        std::cout << "### Dilution series, " << (is_nmr ? "NMR" : "LC-MS")
                  << " spike-in (recall with context; samples holding the class in brackets)\n\n"
                  << "| class |";
        for (double l : levels) std::cout << " " << 100 * l << " % |";
        std::cout << "\n|---|";
        for (std::size_t i = 0; i < levels.size(); ++i) std::cout << "---|";
        std::cout << "\n";
        std::vector<Evaluation> evals;
        for (double level : levels) {
            std::vector<LabelledSample> set;
            if (is_nmr) {
                NmrSpikeOptions o;
                o.seed = seed + 100;
                o.samples_per_background = per_nmr;
                o.min_level = o.max_level = level;
                o.positive_fraction = 1.0;
                set = make_nmr_spikeins(nmr, o);
            } else {
                LcmsSpikeOptions o;
                o.seed = seed + 100;
                o.samples_per_run = per_ms;
                o.min_level = o.max_level = level;
                o.positive_fraction = 1.0;
                set = make_lcms_spikeins(ms, o);
            }
            evals.push_back(evaluate(set, true, {}, jobs));
        }
        for (std::size_t c = 0; c < 4; ++c) {
            std::cout << "| " << sidepeak::classify::class_name(sidepeak::classify::kAllClasses[c]) << " |";
            for (const auto& e : evals) {
                const auto& k = e.classes[c];
                const int n = k.tp + k.fn;
                if (n == 0) std::cout << " - |";
                else std::cout << " " << static_cast<int>(100.0 * k.tp / n + 0.5) << " % (" << n << ") |";
            }
            std::cout << "\n";
        }
        std::cout << "\n";
    }
}

// Per-class logistic calibration of each data kind's evidence: p = 1 / (1 + exp(-(a * llr + b)))
// fitted to the truth on the detectors' uncalibrated LLRs (Finding::evidence_llr) of the checked
// findings, both context settings pooled. Prints the table and the rows of
// src/classify/calibration.cpp (fitted_calibration).
void calibrate(const std::vector<std::pair<std::string, std::vector<Evaluation>>>& kinds) {
    std::cout << "### Calibration fit p = 1 / (1 + exp(-(a * llr + b)))\n\n| data | class | a | b | a with b = 0 | findings | present |\n|---|---|---|---|---|---|---|\n";
    std::string code;
    for (std::size_t m = 0; m < kinds.size(); ++m) {
        const auto& [name, sets] = kinds[m];
        for (std::size_t c = 0; c < 4; ++c) {
            std::vector<double> llr;
            std::vector<bool> present;
            for (const auto& e : sets) {
                for (const auto& o : e.outcomes) {
                    if (!o.error.empty() || !o.checked[c]) continue;
                    llr.push_back(o.evidence_llr[c]);
                    present.push_back(truth_of(o.truth, sidepeak::classify::kAllClasses[c]));
                }
            }
            const auto fit = fit_platt(llr, present);
            const auto slope = fit_platt(llr, present, false);
            const auto cls = sidepeak::classify::class_name(sidepeak::classify::kAllClasses[c]);
            std::cout << "| " << name << " | " << cls << " | " << fit.a << " | " << fit.b << " | " << slope.a << " | " << fit.n
                      << " | " << fit.positives << " |\n";
            char row[200];
            std::snprintf(row, sizeof row, "    t.maps[%zu][%zu] = {%.3f, %.3f};  // %s, %s: %d findings, %d present; slope alone %.3f\n",
                          c, name == "nmr" ? std::size_t{0} : std::size_t{1}, fit.a, fit.b, std::string(cls).c_str(),
                          name.c_str(), fit.n, fit.positives, slope.a);
            code += row;
        }
    }
    std::cout << "\nRows for fitted_calibration() (src/classify/calibration.cpp):\n\n```cpp\n" << code << "```\n\n";
}

// Removes every MS2 scan (and the DDA records), so the classifier sees MS1 only.
void strip_ms2(std::vector<LabelledSample>& set) {
    for (auto& s : set) {
        s.ms2.clear();
        if (!s.lcms) continue;
        std::erase_if(s.lcms->spectra, [](const sidepeak::MsSpectrum& sp) { return sp.ms_level != 1; });
        for (std::size_t i = 0; i < s.lcms->spectra.size(); ++i) s.lcms->spectra[i].index = i;
    }
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"Classifier accuracy on spike-in samples (real backgrounds + simulated by-products)"};
    const fs::path root = fs::path(SIDEPEAK_SOURCE_DIR_FOR_TOOLS);
    std::vector<std::string> nmr = {(root / "spectra_samples/real/nmr/bruker/MP-TFM-aniline/10").string(),
                                    (root / "spectra_samples/real/nmr/bruker/strychnine/10").string(),
                                    (root / "spectra_samples/real/nmr/bruker/aspirin-1h/1").string(),
                                    (root / "spectra_samples/real/nmr/bruker/VZBBI_13R03_GABA/1H").string(),
                                    (root / "../shared/real_spectra/nmr/bruker/bmse000325/1H").string(),
                                    (root / "../shared/real_spectra/nmr/bruker/penguins-testdata/7").string()};
    std::vector<std::string> ms = {(root / "spectra_samples/real/ms/mzxml/lcMsMs.mzXML").string(),
                                   (root / "spectra_samples/real/ms/mzml/BSA1_F1.mzML").string(),
                                   (root / "../shared/real_spectra/ms/netcdf/faahKO_ko15.CDF").string()};
    std::uint64_t seed = 2027;
    int per_nmr = 30, per_ms = 30;
    unsigned jobs = 0;
    std::size_t rows = 25;
    bool split = true, negatives = true;
    std::string modality = "both", families = "both";
    bool dilution_series = false, calibration = false;
    std::string ms2 = "sim";
    std::vector<std::string> only;
    std::string dump_dir, outcomes_path;
    app.add_option("--nmr", nmr, "real 1H FIDs to spike (Bruker folders, Varian, JEOL, ...)");
    app.add_option("--lcms", ms, "real LC-MS runs to spike");
    app.add_option("--seed", seed, "random seed of the scenario draws");
    app.add_option("--per-nmr", per_nmr, "samples per NMR background");
    app.add_option("--per-lcms", per_ms, "samples per LC-MS run");
    app.add_option("--jobs", jobs, "threads (0 = all cores)");
    app.add_option("--rows", rows, "mismatch rows listed per table");
    app.add_flag("!--no-split", split, "one table per modality instead of tuning / held-out families");
    app.add_flag("!--no-negatives", negatives, "skip the product-only LC-MS set");
    app.add_option("--modality", modality, "nmr, lcms or both")->check(CLI::IsMember({"nmr", "lcms", "both"}));
    app.add_option("--families", families, "tuning (benzyl, methyl), heldout or both")
        ->check(CLI::IsMember({"tuning", "heldout", "both"}));
    app.add_flag("--dilution", dilution_series, "recall per class at fixed levels 1-15 % (detection limits) instead");
    app.add_option("--ms2", ms2,
                   "LC-MS MS2: sim (the runs' own MS2 plus simulated DDA MS2 of the spiked ions), real (the runs' own "
                   "MS2 only) or none (every MS2 scan removed: MS1-only classification)")
        ->check(CLI::IsMember({"sim", "real", "none"}));
    app.add_flag("--calibrate", calibration, "print per-class logistic calibration fits of the selected families");
    app.add_option("--only", only, "keep only the samples with these ids (e.g. nmr-strychnine-10-0003); the set is drawn as "
                                   "without it, so a sample is the same with or without --only");
    app.add_option("--dump", dump_dir, "write each selected NMR sample as processed (DIR/<id>.csv: ppm, intensity, baseline; "
                                       "DIR/<id>.txt: labels, peaks, multiplets)");
    app.add_option("--outcomes", outcomes_path, "also write every sample's truth, calls and per-class notes as TSV");
    CLI11_PARSE(app, argc, argv);
    if (modality == "lcms") nmr.clear();
    if (modality == "nmr") ms.clear();

    auto existing = [](const std::vector<std::string>& v) {
        std::vector<fs::path> out;
        for (const auto& p : v) {
            if (fs::exists(p)) out.emplace_back(p);
            else std::cerr << "skipped (absent): " << p << "\n";
        }
        return out;
    };
    if (dilution_series) {
        dilution(existing(nmr), existing(ms), seed, per_nmr, per_ms, jobs);
        return 0;
    }
    NmrSpikeOptions nopt;
    nopt.seed = seed;
    nopt.samples_per_background = per_nmr;
    auto nmr_set = make_nmr_spikeins(existing(nmr), nopt);
    LcmsSpikeOptions mopt;
    mopt.seed = seed;
    mopt.samples_per_run = per_ms;
    mopt.ms2 = ms2 == "sim";
    const auto ms_runs = existing(ms);
    auto ms_set = make_lcms_spikeins(ms_runs, mopt);
    if (ms2 == "none") strip_ms2(ms_set);
    if (!only.empty()) {
        const std::set<std::string> keep(only.begin(), only.end());
        const auto dropped = [&](const LabelledSample& s) { return !keep.contains(s.id); };
        std::erase_if(nmr_set, dropped);
        std::erase_if(ms_set, dropped);
        negatives = false;
    }
    if (!dump_dir.empty()) {
        try {
            for (const auto& s : nmr_set) {
                const bool split_match = families == "both" || tuning_family(s.family) == (families == "tuning");
                if (split_match) dump_nmr_sample(s, dump_dir);
            }
        } catch (const std::exception& e) {
            std::cerr << "sidepeak-validate: cannot write the dump into " << dump_dir << ": " << e.what() << "\n";
            return 1;
        }
    }

    if (calibration) {
        std::vector<std::pair<std::string, std::vector<Evaluation>>> kinds;
        const bool tuning = families != "heldout";
        for (const auto* set : {&std::as_const(nmr_set), &std::as_const(ms_set)}) {
            const auto chosen = families == "both" ? *set : select(*set, tuning);
            if (chosen.empty()) continue;
            const auto both = evaluate_both(chosen, {}, jobs);
            kinds.emplace_back(set == &nmr_set ? "nmr" : "lcms", std::vector<Evaluation>(both.begin(), both.end()));
        }
        calibrate(kinds);
        return 0;
    }
    std::string outcomes;
    std::string* sink = outcomes_path.empty() ? nullptr : &outcomes;
    std::cout << "## Spike-in validation (seed " << seed << ", LC-MS MS2: " << ms2 << ")\n\n";
    if (split) {
        const bool tuning = families != "heldout", heldout = families != "tuning";
        if (tuning) report(select(nmr_set, true), "NMR spike-in, tuning families (benzyl, methyl)", jobs, rows, sink);
        if (heldout) report(select(nmr_set, false), "NMR spike-in, held-out families", jobs, rows, sink);
        if (tuning) report(select(ms_set, true), "LC-MS spike-in, tuning families (benzyl, methyl)", jobs, rows, sink);
        if (heldout) report(select(ms_set, false), "LC-MS spike-in, held-out families", jobs, rows, sink);
    } else {
        report(nmr_set, "NMR spike-in", jobs, rows, sink);
        report(ms_set, "LC-MS spike-in", jobs, rows, sink);
    }
    if (negatives && !ms_runs.empty()) {
        LcmsSpikeOptions neg = mopt;
        neg.positive_fraction = 0.0;
        neg.seed = seed + 1;
        auto neg_set = make_lcms_spikeins(ms_runs, neg);
        if (ms2 == "none") strip_ms2(neg_set);
        const auto e = evaluate(neg_set, true, {}, jobs);
        std::cout << markdown(e, "LC-MS product-only samples in real matrices (every call is a false positive)", rows);
        std::cout << variation_table(e, neg_set);
        if (sink != nullptr) outcomes += outcomes_tsv(e, "LC-MS product-only samples", true, outcomes.empty());
    }
    if (sink != nullptr) {
        // Written beside its place and renamed, so a reader never sees half a table.
        const fs::path tmp = outcomes_path + ".part";
        std::error_code ec;
        {
            std::ofstream out(tmp);
            out << outcomes;
            out.close();
            if (!out) ec = std::make_error_code(std::errc::io_error);
        }
        if (!ec) fs::rename(tmp, outcomes_path, ec);
        if (ec) {
            const std::string why = ec.message();
            fs::remove(tmp, ec);
            std::cerr << "sidepeak-validate: cannot write " << outcomes_path << ": " << why << "\n";
            return 1;
        }
    }
    return 0;
}

// sidepeak-validate: measures the classifier on labelled samples it did not shape: by-product
// signals spiked into real 1H FIDs and real LC-MS runs, scored with and without the reaction
// context, split into the families used while the detectors were tuned and held-out ones.
// Prints Markdown (the tables of docs/accuracy.md).
#include <CLI/CLI.hpp>
#include <filesystem>
#include <iostream>
#include <set>

#include "evaluate.hpp"
#include "lcms_spikein.hpp"
#include "nmr_spikein.hpp"

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

void report(const std::vector<LabelledSample>& set, const std::string& name, unsigned jobs, std::size_t rows) {
    if (set.empty()) return;
    for (const bool ctx : {true, false}) {
        const auto e = evaluate(set, ctx, {}, jobs);
        std::cout << markdown(e, name + (ctx ? ", with context" : ", without context"), rows);
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
                                   (root / "spectra_samples/real/ms/mzml/OpenSwathWorkflow_17_input.mzML").string(),
                                   (root / "../shared/real_spectra/ms/netcdf/faahKO_ko15.CDF").string()};
    std::uint64_t seed = 2027;
    int per_nmr = 30, per_ms = 30;
    unsigned jobs = 0;
    std::size_t rows = 25;
    bool split = true, negatives = true;
    std::string modality = "both", families = "both";
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
    NmrSpikeOptions nopt;
    nopt.seed = seed;
    nopt.samples_per_background = per_nmr;
    const auto nmr_set = make_nmr_spikeins(existing(nmr), nopt);
    LcmsSpikeOptions mopt;
    mopt.seed = seed;
    mopt.samples_per_run = per_ms;
    const auto ms_runs = existing(ms);
    const auto ms_set = make_lcms_spikeins(ms_runs, mopt);

    std::cout << "## Spike-in validation (seed " << seed << ")\n\n";
    if (split) {
        const bool tuning = families != "heldout", heldout = families != "tuning";
        if (tuning) report(select(nmr_set, true), "NMR spike-in, tuning families (benzyl, methyl)", jobs, rows);
        if (heldout) report(select(nmr_set, false), "NMR spike-in, held-out families", jobs, rows);
        if (tuning) report(select(ms_set, true), "LC-MS spike-in, tuning families (benzyl, methyl)", jobs, rows);
        if (heldout) report(select(ms_set, false), "LC-MS spike-in, held-out families", jobs, rows);
    } else {
        report(nmr_set, "NMR spike-in", jobs, rows);
        report(ms_set, "LC-MS spike-in", jobs, rows);
    }
    if (negatives && !ms_runs.empty()) {
        LcmsSpikeOptions neg = mopt;
        neg.positive_fraction = 0.0;
        neg.seed = seed + 1;
        const auto e = evaluate(make_lcms_spikeins(ms_runs, neg), true, {}, jobs);
        std::cout << markdown(e, "LC-MS product-only samples in real matrices (every call is a false positive)", rows);
    }
    return 0;
}

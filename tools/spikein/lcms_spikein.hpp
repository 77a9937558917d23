#pragma once
// LC-MS spike-in: simulated ions of a 1,4-diazepane reaction mixture (product, by-products and
// traps) added to the MS1 scans of real runs, with data-dependent MS2 scans of the spiked ions in
// runs that hold MS2, and their ground truth. Every range is listed with
// its source in docs/validation.md ("LC-MS spike-in").
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "labelled.hpp"
#include "sidepeak/core/ms_data.hpp"

namespace sidepeak::spikein {

struct LcmsSpikeOptions {
    std::uint64_t seed = 1;
    int samples_per_run = 10;
    double min_level = 0.01;          ///< by-product abundance, fraction of the product (log-uniform draw)
    double max_level = 0.15;
    double positive_fraction = 0.6;   ///< share of samples with at least one by-product class
    double min_product_percentile = 90.0;  ///< product apex height: percentile of the run's MS1 intensities
    double max_product_percentile = 99.9;
    bool traps = true;                ///< place traps (C-hydroxylation, PEG, siloxanes, ...)
    std::vector<std::string> reagents;  ///< reagent names to draw from; empty = all seven
    /// Tags every sample must carry, whatever the draws say (docs/validation.md, "Variation
    /// tags"): "adduct:Na|K|NH4|2H|2M+H|3H" (on the product and by-products that can carry
    /// them), "split_peak" (every product/by-product peak split), "tailing" (column tau above
    /// sigma), "noxide:before|after", "noxide_no_insource_loss" (these make every sample
    /// positive with an N-oxide, reagent alkylating), "c_hydroxylation[:before|:after]",
    /// "starting_amine", "peg_ladder", "siloxane_ladder", "halogen_sulfur_isotopes",
    /// "unrelated_quaternary", "product_adducts" (forced traps are placed even with traps off).
    /// Resolution, profile/centroid and matrix size come from the run. Every draw of an
    /// unforced sample is still made: an empty list gives the unforced samples.
    std::vector<std::string> force;
    /// Features signal::process_lcms finds in the unspiked run (the `matrix_features:` tag);
    /// negative: counted by make_lcms_spikeins (one process_lcms per run).
    long matrix_features = -1;
    /// Simulated data-dependent MS2 scans of the spiked ions in runs that hold MS2 (dda_sim.hpp);
    /// drawn from a separate random stream, so MS1 is the same with or without them.
    bool ms2 = true;
};

/// Features signal::process_lcms (default options) finds in a run: its matrix.
std::size_t matrix_feature_count(const MsRun& run);

/// "matrix_features:<100", "matrix_features:100-1000", "matrix_features:1000-10000" or
/// "matrix_features:>10000".
std::string matrix_features_tag(std::size_t features);

/// Samples for each run: reads each run once (io::read_ms), copies it per sample and adds a drawn
/// scenario. A path that does not exist is skipped (optional shared files); an unreadable run
/// throws InputError. Deterministic for a seed.
std::vector<LabelledSample> make_lcms_spikeins(const std::vector<std::filesystem::path>& runs,
                                               const LcmsSpikeOptions& options);

/// The same for a run already in memory; `run_name` names the family and the ids and, with the
/// seed, picks the random stream of this run.
std::vector<LabelledSample> make_lcms_spikeins(const MsRun& run, const std::string& run_name,
                                               const std::string& background, const LcmsSpikeOptions& options);

/// The reagent names the simulator draws from (the names chem::find_reagent accepts).
const std::vector<std::string>& lcms_spike_reagents();

}  // namespace sidepeak::spikein

#pragma once
// NMR spike-in: simulated 1,4-diazepane reaction mixtures (product, by-products, traps) added in
// the time domain to real 1H FIDs, giving labelled samples on data the classifier did not shape.
// Ranges and sources: docs/validation.md, section "NMR spike-in".
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "fid_adder.hpp"
#include "labelled.hpp"
#include "sidepeak/core/nmr_data.hpp"

namespace sidepeak::spikein {

struct NmrSpikeOptions {
    std::uint64_t seed = 1;
    int samples_per_background = 20;
    double min_level = 0.01;          ///< by-product level range (moles relative to the product)
    double max_level = 0.15;
    double positive_fraction = 0.6;   ///< share of samples with at least one by-product
    double min_linewidth_hz = 0.5;    ///< per-sample line width range (log-uniform)
    double max_linewidth_hz = 15.0;
    double min_product_factor = 0.3;  ///< product area relative to the background's own 1H integral
    double max_product_factor = 3.0;
    double trap_probability = 0.5;    ///< probability of each trap kind (a sample may get several)
    /// Tags every sample must carry, whatever the draws say (docs/validation.md, "Variation
    /// tags"): "salt" (HCl/TFA form; D2O samples always are), "rotamers" /
    /// "boc_rotamers" (the reagent becomes boc), "statistical_mixture" (every sample positive),
    /// "linewidth:<2Hz|2-6Hz|6-10Hz|>10Hz" (the line-width range becomes the bucket), and the
    /// traps and variations listed at MixtureRanges::force. The solvent comes from the
    /// background. Every draw is still made: an empty list gives the unforced samples.
    std::vector<std::string> force;
};

/// What sidepeak's processing does to an unspiked background, measured once per file.
struct BackgroundInfo {
    std::string name;     ///< e.g. "strychnine-10"
    NmrData data;
    FidFrame frame;       ///< phase and referencing found by signal::process_nmr
    double integral = 0;  ///< 1H integral of the background's own signals (solvent and water excluded)
    double noise = 0;     ///< noise sigma of the processed background (signal::NmrResult::noise)
    std::string solvent;  ///< normalised solvent name ("CDCl3", "D2O", "DMSO-d6", "CD3OD", ...)
};

/// Reads a 1H FID (any format read_nmr accepts) and measures its frame and integral.
/// Throws InputError for unreadable files and std::invalid_argument for data without an FID.
BackgroundInfo load_background(const std::filesystem::path& path);

/// Samples for every background (samples_per_background each), deterministic for options.seed.
/// Backgrounds that cannot be read, hold no FID or are not 1H are skipped.
std::vector<LabelledSample> make_nmr_spikeins(const std::vector<std::filesystem::path>& backgrounds,
                                              const NmrSpikeOptions& options);

/// Samples for one loaded background from its own seed (make_nmr_spikeins derives one per file).
std::vector<LabelledSample> make_nmr_spikeins(const BackgroundInfo& background, const NmrSpikeOptions& options,
                                              std::uint64_t seed);

}  // namespace sidepeak::spikein

#pragma once
// The simulated reaction mixtures of the NMR spike-in: a mono-N-substituted 1,4-diazepane
// product, by-products (oligomer, over-alkylation, N-oxide, Hofmann) and traps, each as spin
// groups drawn from literature ranges (docs/validation.md, "NMR spike-in").
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "labelled.hpp"
#include "spike_random.hpp"
#include "spin_system.hpp"

namespace sidepeak::spikein {

enum class NmrReagent { methyl, ethyl, benzyl, trifluoroethyl, thienylmethyl, fluorophenoxyethyl, boc };

struct ReagentSpec {
    NmrReagent id;
    std::string_view name;             ///< reagent name accepted by the analysis ("benzyl", "boc", ...)
    std::string_view product_formula;  ///< mono-substituted 1,4-diazepane, e.g. "C12H18N2"
};

/// The seven reagents of the scenario space.
std::span<const ReagentSpec> nmr_reagents() noexcept;

/// Solvent (from the background file, never changed) and whether the amine is a salt.
struct SolventForm {
    std::string solvent;   ///< normalised: "CDCl3", "D2O", "DMSO-d6", "CD3OD", ... ("CDCl3" when unknown)
    bool salt = false;     ///< HCl/TFA salt (always in D2O)
    double n_shift = 0.0;  ///< downfield shift of protons alpha to a protonated N (ppm)
    /// "CDCl3", "D2O-salt", ... as used in family strings.
    [[nodiscard]] std::string label() const { return salt ? solvent + "-salt" : solvent; }
};

/// Draws the salt form for a solvent: D2O always protonated, salts elsewhere with some
/// probability; shifts 0.3-0.9 ppm for salts/D2O, small solvent shifts for DMSO-d6/CD3OD.
/// `force_salt` makes the sample a salt whatever the draw (the draws themselves are unchanged).
SolventForm draw_solvent_form(const std::string& normalised_solvent, SpikeRandom& rng, bool force_salt = false);

/// One spin group with its line shape. group.n_h = protons x moles relative to the product.
struct Component {
    std::string species;  ///< "product", "bis", "quat", "n_oxide", "hofmann", "oligomer", "trap:...", ...
    SpinGroup group;
    double fwhm_hz = 1.0;
    double gauss_fraction = 0.0;
    Satellites satellites;
};

struct NmrMixture {
    ReagentSpec reagent{};
    SolventForm form;
    Truth truth;
    double level = 0.0;                 ///< strongest by-product (moles or area fraction relative to the product)
    std::vector<std::string> traps;
    std::vector<Component> components;
    double product_protons = 0.0;       ///< protons of one product molecule that are simulated
    bool corrupt_first_points = false;  ///< rolling-baseline trap, applied by the FID adder
    bool nh_broad = false;              ///< a broad exchangeable NH line was placed (not in D2O/CD3OD)
    std::vector<std::string> variations;  ///< variation tags (LabelledSample::variations)
};

struct MixtureRanges {
    double min_level = 0.01;
    double max_level = 0.15;
    double trap_probability = 0.5;
    double linewidth_hz = 1.0;     ///< this sample's width of sharp lines
    double gauss_fraction = 0.0;   ///< this sample's Gaussian share of sharp lines
    /// Tags to place whatever the draws say (NmrSpikeOptions::force): "c13_satellites",
    /// "rotamers"/"boc_rotamers" (boc only), "statistical_mixture" (with `positive`),
    /// "rolling_baseline", "residual_solvents", "residual_solvent_<name>", "ch2cl2_singlet",
    /// "impurity_singlet_0.1ppm", "exchange_broadened_nh_water", "c_allyl", "allyl_ether",
    /// "aryl_vinyl_ether" (not for fluorophenoxyethyl). Every draw is still made, so an empty
    /// list gives exactly the unforced samples.
    std::vector<std::string> force;
    [[nodiscard]] bool forced(std::string_view tag) const;
};

/// The line-width bucket tag of a sharp-line width: "linewidth:<2Hz", "linewidth:2-6Hz",
/// "linewidth:6-10Hz" or "linewidth:>10Hz".
std::string linewidth_tag(double fwhm_hz);

/// Draws one mixture. `positive` forces at least one by-product class; otherwise none.
NmrMixture draw_mixture(const ReagentSpec& reagent, const SolventForm& form, bool positive, const MixtureRanges& ranges,
                        SpikeRandom& rng);

}  // namespace sidepeak::spikein

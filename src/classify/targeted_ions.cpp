#include "targeted_ions.hpp"

#include <exception>

#include "sidepeak/chem/adducts.hpp"
#include "sidepeak/chem/isotopes.hpp"
#include "ms_ions.hpp"

namespace sidepeak::classify::detail {
namespace {

// The adducts a positive-mode ESI run shows of an amine (the detectors' own look-ups: [M+H]+,
// [M+Na]+ partners, [M+2H]2+ of the diamines and oligomers).
constexpr const char* kTargetAdducts[] = {"[M+H]+", "[M+Na]+", "[M+2H]2+"};

void add_target(const chem::Formula& ion, std::vector<signal::MzTarget>& out) {
    signal::MzTarget t;
    t.mz = ion.mz();
    t.charge = ion.charge() == 0 ? 1 : ion.charge();
    t.m1_ratio = chem::relative_abundance(chem::isotope_pattern(ion), 1);
    if (t.mz > 0.0) out.push_back(t);
}

void add_species_targets(const chem::Species& sp, std::vector<signal::MzTarget>& out) {
    if (sp.permanent_cation()) {
        add_target(sp.formula, out);
        return;
    }
    for (const char* name : kTargetAdducts) {
        try {
            add_target(chem::ion_formula(sp.formula, chem::find_adduct(name)), out);
        } catch (const std::exception&) {
            // A formula without the atoms the adduct needs has no such ion.
        }
    }
}

// Repeat units of the hydrolysed linear chains (route_oligomers): a dimer and a trimer.
constexpr int kHydrolysedFrom = 2, kHydrolysedTo = 3;

// The hydrolysed linear chains alone.
std::vector<chem::Species> hydrolysed_oligomers(const chem::ReactionModel& model) {
    std::vector<chem::Species> out;
    for (const auto& unit : model.repeat_units) {
        for (int n = kHydrolysedFrom; n <= kHydrolysedTo; ++n) {
            chem::Species sp;
            sp.formula = unit * n + chem::Formula("H2O");
            sp.role = chem::SpeciesRole::oligomer;
            sp.name = "linear hydroxypropyl-terminated (" + unit.to_string() + ")" + std::to_string(n) + "-H2O";
            out.push_back(std::move(sp));
        }
    }
    return out;
}

}  // namespace

std::vector<chem::Species> route_oligomers(const chem::ReactionModel& model) {
    std::vector<chem::Species> out;
    for (const auto* sp : model.of_role(chem::SpeciesRole::oligomer)) out.push_back(*sp);
    for (auto& sp : hydrolysed_oligomers(model)) out.push_back(std::move(sp));
    return out;
}

std::vector<signal::MzTarget> reaction_targets(const chem::ReactionModel& model) {
    std::vector<signal::MzTarget> out;
    for (const auto& sp : model.species) add_species_targets(sp, out);
    for (const auto& sp : hydrolysed_oligomers(model)) add_species_targets(sp, out);
    return out;
}

std::vector<signal::MzTarget> oligomer_targets(const chem::ReactionModel& model) {
    std::vector<signal::MzTarget> out;
    for (const auto& sp : route_oligomers(model)) add_species_targets(sp, out);
    return out;
}

void add_targeted_features(const ClassifierInput& input, const chem::ReactionModel& model,
                           std::vector<signal::Feature>& features, std::vector<std::size_t>& feature_run) {
    add_targeted_features(input, reaction_targets(model), features, feature_run);
}

void add_targeted_features(const ClassifierInput& input, const std::vector<signal::MzTarget>& targets,
                           std::vector<signal::Feature>& features, std::vector<std::size_t>& feature_run) {
    if (targets.empty()) return;
    const double ppm = kTargetWindowTolerances * input.options.mass_tolerance_ppm;
    const bool with_runs = !feature_run.empty();
    for (std::size_t k = 0; k < input.lcms.size(); ++k) {
        const auto* run = input.lcms[k];
        if (run == nullptr || run->sub_threshold.empty() || mz_quantum(run->features) > 0.0) continue;
        const auto found = signal::extract_targeted(run->sub_threshold, targets, ppm);
        features.insert(features.end(), found.begin(), found.end());
        if (with_runs) feature_run.insert(feature_run.end(), found.size(), k);
    }
}

}  // namespace sidepeak::classify::detail

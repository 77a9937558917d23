#include "ms2_evidence.hpp"

#include <algorithm>
#include <functional>

#include "ms_ions.hpp"
#include "sidepeak/classify/detectors.hpp"

namespace sidepeak::classify {

bool Ms2Access::empty() const noexcept {
    return std::none_of(runs.begin(), runs.end(), [](const signal::Ms2Index* i) { return i != nullptr && i->size() > 0; });
}

signal::Ms2Consensus Ms2Access::consensus(const std::vector<signal::Feature>& features,
                                          const signal::Feature& feature) const {
    // Only an element of `features` has a run (std::less: a total order over unrelated pointers).
    const std::less<const signal::Feature*> before;
    if (features.empty() || before(&feature, features.data()) || !before(&feature, features.data() + features.size())) return {};
    const auto k = static_cast<std::size_t>(&feature - features.data());
    if (k >= feature_run.size() || feature_run[k] >= runs.size()) return {};
    const signal::Ms2Index* index = runs[feature_run[k]];
    if (index == nullptr || index->size() == 0) return {};
    return index->consensus_for(feature);
}

namespace detail {

namespace {
const char* unit_text(EnergyUnit u) {
    switch (u) {
        case EnergyUnit::electronvolt: return "eV";
        case EnergyUnit::percent: return "%";
        case EnergyUnit::unknown: break;
    }
    return "";
}
}  // namespace

Evidence ms2_evidence(const signal::Ms2Consensus& consensus, const chem::Formula& precursor_ion,
                      const std::vector<chem::FragmentAnnotation>& fragments, const std::string& label) {
    Evidence e;
    e.kind = "ms2_spectrum";
    e.label = label;
    e.mz = consensus.precursor_mz;
    if (!consensus.rts_s.empty()) e.rt_s = consensus.rts_s.front();
    e.formula = precursor_ion.to_string();
    e.adduct = "[M+H]+";
    e.scan_ids = consensus.scan_ids;
    e.collision_energies = consensus.collision_energies;
    if (!consensus.energy_units.empty() &&
        std::all_of(consensus.energy_units.begin(), consensus.energy_units.end(),
                    [&](EnergyUnit u) { return u == consensus.energy_units.front(); }))
        e.collision_energy_unit = unit_text(consensus.energy_units.front());
    if (!consensus.activations.empty() && consensus.activations.front() != Activation::unknown &&
        std::all_of(consensus.activations.begin(), consensus.activations.end(),
                    [&](Activation a) { return a == consensus.activations.front(); }))
        e.activation = activation_name(consensus.activations.front());
    for (const auto& f : fragments) {
        if (f.kind == chem::FragmentKind::unassigned || f.kind == chem::FragmentKind::isotope) continue;
        Ms2Fragment m;
        m.mz = f.mz;
        m.relative_intensity = f.relative_intensity;
        m.label = f.label;
        m.formula = f.formula.to_string();
        if (!f.loss.empty()) m.loss = f.loss.to_string();
        m.loss_name = f.loss_name;
        m.ppm_error = f.ppm_error;
        e.fragments.push_back(std::move(m));
    }
    return e;
}

const chem::FragmentAnnotation* strongest_loss(const std::vector<chem::FragmentAnnotation>& fragments,
                                               std::string_view name, double min_relative) {
    const chem::FragmentAnnotation* best = nullptr;
    for (const auto* f : chem::find_loss(fragments, name)) {
        if (f->relative_intensity >= min_relative && (best == nullptr || f->relative_intensity > best->relative_intensity))
            best = f;
    }
    return best;
}

std::string ms2_provenance(const signal::Ms2Consensus& consensus) {
    std::string out;
    if (!consensus.rts_s.empty()) out = "at " + fixed(consensus.rts_s.front(), 0) + " s";
    if (!consensus.activations.empty() && consensus.activations.front() != Activation::unknown)
        out += std::string(out.empty() ? "" : ", ") + activation_name(consensus.activations.front());
    if (!consensus.collision_energies.empty() && consensus.collision_energies.front() > 0.0) {
        const auto mm = std::minmax_element(consensus.collision_energies.begin(), consensus.collision_energies.end());
        const std::string unit = consensus.energy_units.empty() ? "" : unit_text(consensus.energy_units.front());
        out += " " + fixed(*mm.first, 0) + (*mm.second > *mm.first ? "-" + fixed(*mm.second, 0) : "") +
               (unit.empty() ? "" : " " + unit);
    }
    const std::size_t n = consensus.scan_ids.size();
    out += std::string(out.empty() ? "" : ", ") + std::to_string(n) + " scan" + (n == 1 ? "" : "s");
    return out;
}

}  // namespace detail
}  // namespace sidepeak::classify

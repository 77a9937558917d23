#include "mzml_precursor.hpp"

#include <cstring>

#include "mzml_params.hpp"
#include "precursor_values.hpp"

namespace sidepeak::io::detail {

namespace {

// PSI-MS accessions of the precursor, isolation window and activation.
constexpr std::string_view kSelectedIonMz = "MS:1000744";
constexpr std::string_view kChargeState = "MS:1000041";
constexpr std::string_view kPeakIntensity = "MS:1000042";
constexpr std::string_view kIsolationTarget = "MS:1000827";
constexpr std::string_view kIsolationLower = "MS:1000828";
constexpr std::string_view kIsolationUpper = "MS:1000829";
constexpr std::string_view kCollisionEnergy = "MS:1000045";
constexpr std::string_view kNormalizedEnergy = "MS:1000138";  // "normalized collision energy", percent
constexpr std::string_view kActivationEnergy = "MS:1000509";  // generic, eV
constexpr std::string_view kRampStart = "MS:1002013";         // collision energy ramp start, eV
constexpr std::string_view kRampEnd = "MS:1002014";
constexpr std::string_view kPercentUnit = "UO:0000187";

// Dissociation methods (children of MS:1000044).
Activation activation_of(std::string_view acc) noexcept {
    if (acc == "MS:1000133" || acc == "MS:1002472") return Activation::cid;
    if (acc == "MS:1000422" || acc == "MS:1002481") return Activation::hcd;
    if (acc == "MS:1001880") return Activation::in_source_cid;
    if (acc == "MS:1000598") return Activation::etd;
    if (acc == "MS:1002631") return Activation::ethcd;
    if (acc == "MS:1000250") return Activation::ecd;
    if (acc == "MS:1000262") return Activation::irmpd;
    if (acc == "MS:1000599") return Activation::pqd;
    if (acc == "MS:1000435" || acc == "MS:1003246") return Activation::photodissociation;
    if (acc == "MS:1000136") return Activation::sid;
    // post-source decay, BIRD, SORI, LIFT, negative ETD, ...
    if (acc == "MS:1000135" || acc == "MS:1000242" || acc == "MS:1000282" || acc == "MS:1002000" ||
        acc == "MS:1003247" || acc == "MS:1003294") {
        return Activation::other;
    }
    return Activation::unknown;
}

// Several methods in one <activation>: ETD with supplemental beam-type activation (MS:1002678)
// or with HCD is EThcD; ETD with supplemental trap CID (MS:1002679, ETciD) stays ETD; otherwise the
// first method named wins.
Activation combine(Activation a, Activation b) noexcept {
    if (a == Activation::unknown) return b;
    if (b == Activation::unknown) return a;
    if ((a == Activation::etd && b == Activation::hcd) || (a == Activation::hcd && b == Activation::etd)) return Activation::ethcd;
    return a;
}

}  // namespace

void read_mzml_precursor(pugi::xml_node precursor, const ParamGroups* groups, const std::filesystem::path& path,
                         const std::string& where, MsSpectrum& s) {
    s.precursor_scan = precursor.attribute("spectrumRef").value();
    if (const auto ion = precursor.child("selectedIonList").child("selectedIon")) {
        each_param(ion, groups, [&](std::string_view acc, std::string_view value, std::string_view, std::string_view) {
            if (acc == kSelectedIonMz) {
                s.precursor_mz = checked_number(value, "selected ion m/z", true, path, where).value_or(0.0);
            } else if (acc == kChargeState) {
                s.precursor_charge = checked_charge(value, path, where).value_or(0);
            } else if (acc == kPeakIntensity) {
                s.precursor_intensity = checked_number(value, "precursor peak intensity", true, path, where).value_or(0.0);
            }
        });
    }
    each_param(precursor.child("isolationWindow"), groups,
               [&](std::string_view acc, std::string_view value, std::string_view, std::string_view) {
                   if (acc == kIsolationTarget) {
                       s.isolation_target_mz = checked_number(value, "isolation window target m/z", true, path, where).value_or(0.0);
                   } else if (acc == kIsolationLower) {
                       s.isolation_lower_offset = checked_number(value, "isolation window lower offset", true, path, where).value_or(0.0);
                   } else if (acc == kIsolationUpper) {
                       s.isolation_upper_offset = checked_number(value, "isolation window upper offset", true, path, where).value_or(0.0);
                   }
               });
    if (s.precursor_mz == 0.0) s.precursor_mz = s.isolation_target_mz;

    const pugi::xml_node activation = precursor.child("activation");
    double energy = 0.0, normalized = 0.0, generic = 0.0, ramp_start = 0.0, ramp_end = 0.0;
    bool energy_in_percent = false;
    bool etd = false, supplemental_beam = false;
    each_param(activation, groups, [&](std::string_view acc, std::string_view value, std::string_view ua, std::string_view) {
        if (acc == kCollisionEnergy) {
            energy = checked_number(value, "collision energy", true, path, where).value_or(0.0);
            energy_in_percent = ua == kPercentUnit;
        } else if (acc == kNormalizedEnergy) {
            normalized = checked_number(value, "normalized collision energy", true, path, where).value_or(0.0);
        } else if (acc == kActivationEnergy) {
            generic = checked_number(value, "activation energy", true, path, where).value_or(0.0);
        } else if (acc == kRampStart) {
            ramp_start = checked_number(value, "collision energy ramp start", true, path, where).value_or(0.0);
        } else if (acc == kRampEnd) {
            ramp_end = checked_number(value, "collision energy ramp end", true, path, where).value_or(0.0);
        } else if (acc == "MS:1002678") {
            supplemental_beam = true;
        } else {
            const Activation a = activation_of(acc);
            etd = etd || a == Activation::etd;
            s.activation = combine(s.activation, a);
        }
    });
    if (etd && supplemental_beam) s.activation = Activation::ethcd;
    // OpenMS writes the energy as <userParam name="collision energy" value="35"/> next to an
    // "activation energy" of 0 (example: Ecoli_MS2_small.mzML).
    double user_energy = 0.0;
    for (auto p = activation.child("userParam"); p; p = p.next_sibling("userParam")) {
        if (std::strcmp(p.attribute("name").value(), "collision energy") == 0) {
            user_energy = checked_number(p.attribute("value").value(), "collision energy", true, path, where).value_or(0.0);
        }
    }
    if (energy > 0.0) {
        s.collision_energy = energy;
        s.collision_energy_unit = energy_in_percent ? EnergyUnit::percent : EnergyUnit::electronvolt;
    } else if (normalized > 0.0) {
        s.collision_energy = normalized;
        s.collision_energy_unit = EnergyUnit::percent;
    } else if (ramp_start > 0.0 || ramp_end > 0.0) {
        s.collision_energy = ramp_end > 0.0 ? 0.5 * (ramp_start + ramp_end) : ramp_start;  // the ramp's middle
        s.collision_energy_unit = EnergyUnit::electronvolt;
    } else if (generic > 0.0) {
        s.collision_energy = generic;
        s.collision_energy_unit = EnergyUnit::electronvolt;
    } else if (user_energy > 0.0) {
        s.collision_energy = user_energy;
        s.collision_energy_unit = EnergyUnit::unknown;
    }
}

}  // namespace sidepeak::io::detail

#pragma once
// LC-MS feature bookkeeping shared by the MS detectors: which features are isotope peaks,
// adducts or in-source fragments of a co-eluting ion, or members of a background ladder
// (PEG, polysiloxane), and m/z look-up with the ppm tolerance.
#include <string>
#include <vector>

#include "sidepeak/classify/classifier.hpp"
#include "sidepeak/classify/finding.hpp"
#include "sidepeak/signal/lcms_pipeline.hpp"

namespace sidepeak::classify::detail {

struct Ion {
    const signal::Feature* feature = nullptr;
    bool isotope = false;     // an isotope peak of a co-eluting lighter ion
    bool adduct = false;      // a non-protonated adduct, multimer, multiply charged ion or in-source fragment
    bool background = false;  // member of a PEG or siloxane ladder
    std::string explained_by; // e.g. "[M+Na]+ of m/z 191.1543"
    [[nodiscard]] bool primary() const noexcept { return !isotope && !adduct && !background; }
    [[nodiscard]] double mz() const noexcept { return feature->mz; }
    [[nodiscard]] double rt() const noexcept { return feature->rt_s; }
    [[nodiscard]] int charge() const noexcept { return feature->charge == 0 ? 1 : std::abs(feature->charge); }
};

class IonTable {
public:
    IonTable(const std::vector<signal::Feature>& features, const ClassifierOptions& options);

    [[nodiscard]] const std::vector<Ion>& ions() const noexcept { return ions_; }
    [[nodiscard]] bool empty() const noexcept { return ions_.empty(); }
    /// Ions within the ppm tolerance of `mz`, best first. `primary_only` skips isotopes, adducts and
    /// background ions; `charge` 0 accepts any charge state.
    [[nodiscard]] std::vector<const Ion*> find(double mz, bool primary_only = true, int charge = 0) const;
    [[nodiscard]] bool coelute(const signal::Feature& a, const signal::Feature& b) const;
    [[nodiscard]] bool separated(const signal::Feature& a, const signal::Feature& b) const;
    [[nodiscard]] double ppm() const noexcept { return options_.mass_tolerance_ppm; }
    [[nodiscard]] std::size_t background_count() const noexcept { return background_; }
    [[nodiscard]] std::size_t primary_count() const noexcept;

private:
    void flag_isotopes();
    void flag_adducts();
    void flag_background();

    ClassifierOptions options_;
    std::vector<Ion> ions_;  // sorted by m/z
    std::size_t background_ = 0;
};

/// An "ms_ion" evidence entry.
Evidence ms_evidence(const signal::Feature& f, double expected_mz, const std::string& formula,
                     const std::string& adduct, const std::string& label);

/// Shortest round-trip text of a number with `digits` decimals.
std::string fixed(double v, int digits);

}  // namespace sidepeak::classify::detail

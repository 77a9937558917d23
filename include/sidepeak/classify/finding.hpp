#pragma once
/// What the classifier reports: one Finding per by-product class, each with evidence a reviewer
/// can check. These shapes map one-to-one onto report.json (schema sidepeak.report/1).
#include <array>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sidepeak::chem {
struct ReactionModel;
}

namespace sidepeak::classify {

enum class ByproductClass { oligomer, over_alkylation, n_oxide, hofmann };
inline constexpr std::array<ByproductClass, 4> kAllClasses = {
    ByproductClass::oligomer, ByproductClass::over_alkylation, ByproductClass::n_oxide, ByproductClass::hofmann};

/// "oligomer", "over_alkylation", "n_oxide", "hofmann".
constexpr std::string_view class_name(ByproductClass c) noexcept {
    switch (c) {
        case ByproductClass::oligomer: return "oligomer";
        case ByproductClass::over_alkylation: return "over_alkylation";
        case ByproductClass::n_oxide: return "n_oxide";
        case ByproductClass::hofmann: return "hofmann";
    }
    return "unknown";
}

/// Whether an observation supports the finding or was only considered: a finding that is not
/// detected keeps the observations that came closest (near misses, with their figures), so a
/// reviewer sees why the sample is clean.
enum class EvidenceRole { supports, considered };

/// One annotated fragment of an "ms2_spectrum" evidence entry.
struct Ms2Fragment {
    double mz = 0.0;                  ///< observed (consensus) m/z
    double relative_intensity = 0.0;  ///< to the most intense fragment of the consensus (0..1)
    std::string label;                ///< "[M+H-OH*]+", "C7H7+ (tropylium)", ...
    std::string formula;              ///< fragment ion formula, e.g. "C18H19N2+"
    std::string loss;                 ///< neutral loss formula from the precursor ("" for fragment ions)
    std::string loss_name;            ///< "OH*", "Me2NOH", "Me2NH + H2O", ...
    double ppm_error = 0.0;           ///< (observed - expected) / expected x 1e6
};

/// One fragment the detector's rules predict from the precursor ion of an "ms2_spectrum" entry:
/// a listed fragment ion, or the precursor minus a neutral loss. No intensity is predicted.
struct Ms2Predicted {
    std::string formula;              ///< predicted fragment ion formula, e.g. "C7H7+"
    double mz = 0.0;                  ///< its m/z
    std::string loss;                 ///< neutral loss formula ("" for a listed fragment ion)
    std::string name;                 ///< "C7H7+ (tropylium)", "C5H12N2", "NH3", ...
    std::string meaning;              ///< what the fragment tells, e.g. "repeat unit lost"
    bool observed = false;            ///< seen in the consensus (>= 2 % of its base peak, run tolerance)
};

/// What one observation is. The reports write it as the contract strings "ms_ion",
/// "nmr_signal", "nmr_region" and "ms2_spectrum" (design.md; the list may grow).
enum class EvidenceKind {
    ms_ion,        ///< an LC-MS ion (m/z, RT, adduct, formula)
    nmr_signal,    ///< one NMR multiplet (shift, multiplicity, J)
    nmr_region,    ///< an NMR window with its share of the 1H area
    ms2_spectrum,  ///< the merged fragment spectrum of one precursor ion
};

/// One observation; only the fields that apply to its kind are set. An ms2_spectrum entry is the
/// merged fragment spectrum of one ion: `mz` is its precursor m/z, `rt_s` the first scan's RT,
/// `formula` the precursor ion formula it was annotated against, and the fields below.
struct Evidence {
    EvidenceKind kind = EvidenceKind::ms_ion;
    EvidenceRole role = EvidenceRole::supports;
    std::string label;                   ///< what this is, e.g. "[M+H+2Δ]+ dibenzyl", "vinyl =CH2"
    std::optional<double> mz, rt_s, ppm_error, intensity;
    std::string formula, adduct;
    std::optional<double> ppm, ppm_from, ppm_to, area_fraction;
    std::string multiplicity;
    std::vector<double> j_hz;
    std::optional<double> kmd;           ///< Kendrick mass defect (oligomer series)
    // ms2_spectrum: provenance and annotated fragments.
    std::vector<std::string> scan_ids;        ///< native ids of the merged MS2 scans
    std::vector<double> collision_energies;   ///< one per scan, in `collision_energy_unit`
    std::string collision_energy_unit;        ///< "eV", "%" (normalised) or "" when unknown
    std::string activation;                   ///< "CID", "HCD", ... ("" when unknown or mixed)
    std::vector<Ms2Fragment> fragments;       ///< annotated fragments (unassigned ones left out)
    std::vector<Ms2Predicted> predicted;      ///< the detector's predicted fragments (empty: no prediction)
};

enum class Verdict { detected, not_detected, not_checked };

struct Finding {
    ByproductClass cls = ByproductClass::oligomer;
    bool detected = false;
    bool checked = false;         ///< false when no input allowed a check (e.g. no data of either kind)
    double confidence = 0.0;      ///< 0..1: how sure the tool is of `detected` (either way)
    /// Net log-likelihood ratio of the counted evidence as the detectors state it, before
    /// calibration (what the calibration is fitted on; docs/classifier.md, "Confidence").
    double evidence_llr = 0.0;
    std::string summary;          ///< one sentence a QC reviewer can read
    std::vector<Evidence> evidence;
};

/// How the reaction context was obtained: given by the user, inferred from the data (a product
/// without a reagent), or none at all.
enum class ContextSource { none, given, inferred };

/// "none", "given", "inferred".
constexpr std::string_view context_source_name(ContextSource s) noexcept {
    switch (s) {
        case ContextSource::none: return "none";
        case ContextSource::given: return "given";
        case ContextSource::inferred: return "inferred";
    }
    return "none";
}

/// The reaction context a sample was analysed in.
struct SampleContext {
    std::string product;    ///< product formula, e.g. "C12H18N2" (empty when not given)
    std::string reagent;    ///< reagent name or increment formula as given (or as inferred)
    std::string increment;  ///< resolved increment formula, e.g. "C7H6" (empty when unknown)
    ContextSource source = ContextSource::none;  ///< set by classify()
    std::string inferred_from;                   ///< the evidence behind an inferred part
    /// The reaction model built once from `product` and `reagent` by classify::resolve_context
    /// (reached through pipeline::resolve_context), with how each part was obtained; classify()
    /// builds another only when it infers a part from the data. Null when the context was not
    /// resolved (classify() then resolves it) or was read back from a stored report.
    std::shared_ptr<const chem::ReactionModel> model{};
};

}  // namespace sidepeak::classify

// Evidence merge across NMR and LC-MS: naive-Bayes sum of the detectors' log-likelihood ratios
// with even prior odds. Each detector's LLR is a property of its evidence (docs/classifier.md
// lists them): ~2-3 for a specific fingerprint (e.g. a ladder ion within 10 ppm with matching
// isotopes, the J 17/10 Hz vinyl pattern), ~1 for a supportive sign, -0.4..-1.8 for an absence
// that the data could have shown. The sum is then mapped through the per-class, per-data-kind
// calibration (calibration.hpp) so that the reported confidence is a frequency.
#include <algorithm>
#include <cmath>

#include "calibration.hpp"
#include "ms_ions.hpp"
#include "detectors.hpp"

namespace sidepeak::classify {

namespace {

// The calibrated logit is capped at +-8 (confidence 1 - 3.4e-4): the calibration's logistic fits
// (calibration.hpp) rest on a few hundred labelled samples per class, so no frequency beyond about
// 1 in 3000 is supported by them.
constexpr double kLogitCap = 8.0;

Finding merge_with(ByproductClass cls, const std::vector<ModalityResult>& parts, const detail::CalibrationTable& table) {
    Finding f;
    f.cls = cls;
    double llr = 0.0;
    std::vector<const ModalityResult*> counted;
    std::vector<EvidenceSource> checked;
    std::vector<std::string> pro, con, weak, unused;
    // A corroborative-only part counts only beside a specific positive sign of another part.
    bool specific = false;
    for (const auto& p : parts) specific = specific || (p.checked && !p.corroborative_only && p.llr > 0.0);
    for (const auto& p : parts) {
        if (!p.checked) {
            if (!p.note.empty()) unused.push_back(p.note);
            continue;
        }
        f.checked = true;
        checked.push_back(p.source);
        if (p.corroborative_only && p.llr > 0.0 && !specific) {
            if (!p.note.empty()) weak.push_back(p.note);
            for (auto e : p.evidence) {
                e.role = EvidenceRole::considered;
                f.evidence.push_back(std::move(e));
            }
            continue;
        }
        llr += p.llr;
        counted.push_back(&p);
        for (auto e : p.evidence) {
            if (p.llr <= 0.0) e.role = EvidenceRole::considered;
            f.evidence.push_back(std::move(e));
        }
        if (p.note.empty()) continue;
        (p.llr > 0 ? pro : con).push_back(p.note);
    }
    const std::string name = class_name(cls) == "n_oxide"           ? "N-oxide"
                             : class_name(cls) == "over_alkylation" ? "Over-alkylation"
                             : class_name(cls) == "hofmann"         ? "Hofmann elimination"
                                                                    : "Oligomer";
    auto join = [](const std::vector<std::string>& v) {
        std::string s;
        for (std::size_t i = 0; i < v.size(); ++i) s += (i ? "; " : "") + v[i];
        return s;
    };
    if (!f.checked) {
        f.detected = false;
        f.confidence = 0.0;
        f.summary = name + " not checked: no usable NMR or LC-MS data for this class";
        if (!unused.empty()) f.summary += " (" + join(unused) + ")";
        f.summary += ".";
        return f;
    }
    f.evidence_llr = llr;
    const double logit = std::clamp(detail::calibrated_logit(table, cls, counted, checked), -kLogitCap, kLogitCap);
    const double p = 1.0 / (1.0 + std::exp(-logit));
    // Even odds are no finding: detection needs net evidence for the class.
    f.detected = logit > 0.0;
    f.confidence = f.detected ? p : 1.0 - p;
    // A clean finding keeps what was considered (near misses), marked as such.
    if (!f.detected) {
        for (auto& e : f.evidence) e.role = EvidenceRole::considered;
    }
    for (const auto& w : weak) pro.push_back(w + " (weak sign, not confirmed)");
    if (f.detected) {
        f.summary = name + " detected (confidence " + detail::fixed(f.confidence, 2) + "): " + join(pro);
        if (!con.empty()) f.summary += "; against: " + join(con);
    } else {
        f.summary = name + " not detected (confidence " + detail::fixed(f.confidence, 2) + "): " +
                    join(con.empty() ? pro : con);
        if (!pro.empty() && !con.empty()) f.summary += "; weaker signs: " + join(pro);
    }
    if (!unused.empty()) f.summary += "; not used: " + join(unused);
    f.summary += ".";
    return f;
}

}  // namespace

Finding merge_findings(ByproductClass cls, const std::vector<ModalityResult>& parts) {
    return merge_with(cls, parts, detail::identity_calibration());
}

Finding merge_calibrated_findings(ByproductClass cls, const std::vector<ModalityResult>& parts) {
    return merge_with(cls, parts, detail::fitted_calibration());
}

}  // namespace sidepeak::classify

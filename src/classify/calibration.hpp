#pragma once
// Calibration of the merged evidence (docs/classifier.md, "Confidence"): a logistic (Platt 1999)
// map per class and data kind from the detectors' log-likelihood ratios to a probability that the
// class is present, fitted on the tuning families of the spike-in validation
// (`sidepeak-validate --families tuning --calibrate`) and checked on the held-out families.
#include <array>

#include "detectors.hpp"

namespace sidepeak::classify::detail {

/// p = 1 / (1 + exp(-(a * llr + b))) for the evidence of one data kind.
struct PlattMap {
    double a = 1.0;
    double b = 0.0;
};

/// One map per class (kAllClasses order) and data kind (EvidenceSource order: nmr, lcms).
struct CalibrationTable {
    std::array<std::array<PlattMap, 2>, 4> maps{};
    [[nodiscard]] const PlattMap& of(ByproductClass cls, EvidenceSource source) const noexcept;
};

/// The identity map (a = 1, b = 0): the detectors' own LLRs at even prior odds.
[[nodiscard]] CalibrationTable identity_calibration() noexcept;

/// The fitted table used by classify().
[[nodiscard]] CalibrationTable fitted_calibration() noexcept;

/// Calibrated logit: sum of a * llr over the counted parts plus the mean b of the data kinds that
/// were checked (a checked kind whose only sign was not counted still sets the prior); a part
/// implied by another class counts with a = 1, b = 0.
[[nodiscard]] double calibrated_logit(const CalibrationTable& table, ByproductClass cls,
                                      const std::vector<const ModalityResult*>& counted,
                                      const std::vector<EvidenceSource>& checked = {}) noexcept;

}  // namespace sidepeak::classify::detail

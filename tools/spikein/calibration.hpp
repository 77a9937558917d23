#pragma once
// Logistic (Platt) calibration of the classifier's evidence: fits p = 1 / (1 + exp(-(a * llr + b)))
// to labelled outcomes by maximum likelihood (Platt 1999, with the target smoothing of Lin, Lin &
// Weng 2007 so that perfectly separated sets keep finite coefficients).
#include <vector>

namespace sidepeak::spikein {

struct PlattFit {
    double a = 1.0, b = 0.0;
    int n = 0, positives = 0;
    bool converged = false;
};

/// Fits a and b to (llr, present) pairs by Newton's method on the log-likelihood; with
/// `fit_intercept` false, b stays 0 (even prior odds) and only the slope is fitted.
PlattFit fit_platt(const std::vector<double>& llr, const std::vector<bool>& present, bool fit_intercept = true);

}  // namespace sidepeak::spikein

#pragma once
// First-order (weak-coupling) multiplet expansion of one group of equivalent protons into lines,
// with optional 13C satellites. Used by the NMR spike-in simulator (docs/validation.md).
#include <vector>

namespace sidepeak::spikein {

/// Coupling of the group to `partners` equivalent spin-1/2 nuclei (1H or 19F) with constant `j_hz`.
struct Coupling {
    double j_hz = 0.0;
    int partners = 1;
};

/// A group of equivalent protons: its shift, number of protons (the total area) and couplings.
struct SpinGroup {
    double ppm = 0.0;
    double n_h = 1.0;
    std::vector<Coupling> couplings;
};

/// One Lorentzian (optionally Voigt-like) line. `area` is in the units of the processed spectrum
/// integral (intensity x ppm) once fid_adder has scaled it; here relative areas are n_h based.
struct Line {
    double ppm = 0.0;
    double area = 1.0;
    double fwhm_hz = 1.0;        ///< total full width at half height
    double gauss_fraction = 0.0; ///< 0 = pure Lorentzian, 1 = pure Gaussian (of the same FWHM)
};

/// 13C satellites: copies of the multiplet at +-J_CH/2, each with `fraction` of the area
/// (natural abundance 1.07 % 13C: 0.535 % per satellite); the centre keeps 1 - 2 fraction.
struct Satellites {
    bool enabled = false;
    double j_ch_hz = 135.0;
    double fraction = 0.0054;
};

/// Expands a group at a spectrometer frequency (MHz per ppm) into lines whose areas sum to
/// group.n_h. Each coupling splits every line into partners + 1 lines spaced j_hz with binomial
/// weights; coincident lines (closer than 1e-6 Hz) are merged. Lines are sorted by ppm.
std::vector<Line> expand_group(const SpinGroup& group, double spectrometer_mhz, double fwhm_hz = 1.0,
                               double gauss_fraction = 0.0, const Satellites& satellites = {});

}  // namespace sidepeak::spikein

#pragma once
// NMR helpers shared by the NMR detectors: windowed integrals, known solvent and water lines,
// multiplets in a window, and the evidence records.
#include <string>
#include <vector>

#include "sidepeak/classify/finding.hpp"
#include "sidepeak/signal/nmr_pipeline.hpp"

namespace sidepeak::classify::detail {

/// Integral of the real spectrum between two shifts (intensity x ppm, positive part only when
/// `positive_only`).
double integrate(const NmrSpectrum& s, double ppm_a, double ppm_b, bool positive_only = false);

/// Known residual-solvent, water and common-contaminant singlet positions for the sample's solvent
/// (Fulmer et al., Organometallics 29 (2010) 2176): CDCl3 7.26, H2O 1.56, CH2Cl2 5.30, ...
std::vector<double> solvent_lines(const signal::NmrResult& nmr);
/// True when `ppm` lies within `tol` of a known solvent / water / contaminant line.
bool near_solvent_line(const signal::NmrResult& nmr, double ppm, double tol = 0.03);

/// Total 1H integral used for area fractions: 0.5-10 ppm without +-0.05 ppm around solvent lines.
double total_area(const signal::NmrResult& nmr);

/// Area of a multiplet, falling back to the spectrum integral over its range.
double multiplet_area(const signal::NmrResult& nmr, const signal::Multiplet& m);

/// Integral in [from, to]: sum of multiplets whose centre lies inside (solvent lines excluded) when
/// the result has multiplets, else the spectrum integral.
double window_area(const signal::NmrResult& nmr, double from, double to);

/// True when the spectrum can be used (enough points, a frequency, finite values).
bool usable(const signal::NmrResult& nmr);

Evidence nmr_signal(const signal::Multiplet& m, double area_fraction, const std::string& label);
Evidence nmr_region(double from, double to, double area_fraction, const std::string& label);

}  // namespace sidepeak::classify::detail

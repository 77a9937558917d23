#pragma once
// NMR helpers shared by the NMR detectors: windowed integrals, known solvent and water lines,
// multiplets in a window, and the evidence records.
#include <optional>
#include <string>
#include <vector>

#include "sidepeak/chem/reaction_model.hpp"
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

/// Widest line that still counts as a resolved ("sharp") line in a well-shimmed spectrum: natural
/// + shim widths of small molecules are <= 2-3 Hz and blends of small couplings stay below ~6 Hz,
/// while exchange-broadened NH/OH and oligomer envelopes are >= 10 Hz.
inline constexpr double kSharpLineHz = 10.0;

/// The sharp-line limit of this spectrum: kSharpLineHz, or twice the typical width of its
/// strongest lines when poor shims or a viscous crude broaden every line (up to 15 Hz is common),
/// capped at 30 Hz (an envelope is broader than that). The typical width is the median FWHM of the
/// 25 tallest picked lines away from solvent lines.
double sharp_limit_hz(const signal::NmrResult& nmr);

/// Sum of the areas of sharp picked peaks (FWHM < sharp_limit_hz) whose apex lies in [from, to],
/// without lines within 0.02 ppm of a solvent / water line. Immune to broad NH, humps and the
/// way multiplets were grouped.
double sharp_area(const signal::NmrResult& nmr, double from, double to);

/// True when the multiplet is a singlet (pattern "s", or one peak without couplings).
bool is_singlet(const signal::Multiplet& m);
/// A singlet, or a group whose only splittings are < 4 Hz (near-coincident singlets, long-range J).
/// With `nmr`, an unassigned group of 2-4 lines within 4 Hz counts as well.
bool singlet_like(const signal::Multiplet& m, const signal::NmrResult* nmr = nullptr);

/// Area of sharp lines of a multiplet (see sharp_area), falling back to multiplet_area.
double sharp_multiplet_area(const signal::NmrResult& nmr, const signal::Multiplet& m);

/// A downfield-shifted copy of the reagent's N-alpha signal (N-oxide N+-O- or quaternary N+):
/// the reagent's diagnostic group (when it is the N-CH3 / N-CH2 alpha to the ring N) reappears
/// with the same multiplicity 0.45-1.2 ppm downfield, and ring N-CH2 multiplets (never singlets)
/// appear at 3.05-3.9 ppm. `substituents` = (shifted group area / its protons) / (shifted ring
/// N-CH2 area / 4): 1 for an N-oxide (one substituent on the oxidised N), 2 for a quaternary
/// N+ (two). Both areas are sharp-line sums.
/// Whether the spectrum shows the reaction's product: its substituent's diagnostic signal against
/// the ring C6-H2 quintet (1.62-1.98 ppm, sharp lines, >= 1 % of the 1H area) gives at least half
/// the product's substituents per ring. Empty when the context gives no reagent to count with.
std::optional<bool> product_visible(const signal::NmrResult& nmr, const chem::ReactionModel& model);

struct ShiftedAlpha {
    bool applicable = false;                    ///< reagent known and its diagnostic group is N-alpha
    double ring_area = 0.0;                     ///< non-singlet multiplets 3.05-3.9 ppm (outside the diag window)
    double ring_area_noxide = 0.0;              ///< the part in 3.05-3.6 ppm (N-oxide ring N-CH2)
    double group_area = 0.0;                    ///< shifted copies of the diagnostic group
    double substituents = 0.0;                  ///< see above; 0 when either area is 0
    std::vector<const signal::Multiplet*> ring, group;
};
ShiftedAlpha shifted_alpha(const signal::NmrResult& nmr, const chem::ReactionModel& model);

Evidence nmr_signal(const signal::Multiplet& m, double area_fraction, const std::string& label);
Evidence nmr_region(double from, double to, double area_fraction, const std::string& label);

}  // namespace sidepeak::classify::detail

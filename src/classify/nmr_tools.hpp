#pragma once
// NMR helpers shared by the NMR detectors: windowed integrals, known solvent and water lines,
// multiplets in a window, and the evidence records.
#include <optional>
#include <string>
#include <vector>

#include "sidepeak/chem/reaction_model.hpp"
#include "sidepeak/classify/finding.hpp"
#include "sidepeak/signal/integrate.hpp"
#include "sidepeak/signal/nmr_pipeline.hpp"

namespace sidepeak::classify::detail {

/// Integral of the real spectrum between two shifts (intensity x ppm, positive part only when
/// `positive_only`). Forwards to the signal module's point-sum integrals
/// (signal::integrate_points / signal::integrate_positive_points); kept under this name for the
/// detectors that call it, no integrator of its own.
inline double integrate(const NmrSpectrum& s, double ppm_a, double ppm_b, bool positive_only = false) {
    return positive_only ? signal::integrate_positive_points(s, ppm_a, ppm_b) : signal::integrate_points(s, ppm_a, ppm_b);
}

/// Points a spectrum needs before the NMR detectors read it: fewer is a stub or a failed
/// transform (a 1H spectrum of 16 ppm at 64 points has 0.25 ppm per point, no line resolved).
inline constexpr std::size_t kNmrMinPoints = 64;
/// A line counts as a solvent / water line within 0.03 ppm of its tabulated shift: the spread of
/// residual-solvent shifts with concentration and temperature (Fulmer et al. 2010, Table 1 notes:
/// +-0.01-0.02 ppm) plus the read-out.
inline constexpr double kSolventLineTolPpm = 0.03;
/// Width-measurement tolerances of the band tests (a measured FWHM against a computed envelope):
/// a measured width carries ~10 % error, 15 % either side allows it.
inline constexpr double kMeasuredWidthLow = 0.85, kMeasuredWidthHigh = 1.15;
/// Unresolved couplings are read from a band only when their envelope is >= 30 % wider than one
/// line (~3x the ~10 % error of a measured width).
inline constexpr double kEnvelopeWiderThanLine = 1.3;
/// Known residual-solvent, water and common-contaminant singlet positions for the sample's solvent
/// (Fulmer et al., Organometallics 29 (2010) 2176): CDCl3 7.26, H2O 1.56, CH2Cl2 5.30, ...
std::vector<double> solvent_lines(const signal::NmrResult& nmr);
/// True when `ppm` lies within `tol` of a known solvent / water / contaminant line.
bool near_solvent_line(const signal::NmrResult& nmr, double ppm, double tol = kSolventLineTolPpm);

/// True when a line at `ppm` of `area` sits where a 13C satellite of the solvent's residual does
/// (residual +-1J_CH / 2, within the line's own width or 2 Hz) with at most a satellite's share of
/// the residual line's area: in DMSO-d6 they fall at 2.33 and 2.67 ppm, among the amine lines.
bool residual_satellite(const signal::NmrResult& nmr, double ppm, double fwhm_hz, double area);

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

/// Typical FWHM (Hz) of this spectrum's resolved lines: the median FWHM of the 25 tallest picked
/// lines away from solvent lines; 0 when fewer than 5 such lines were picked.
double typical_line_hz(const signal::NmrResult& nmr);

/// The width of the lines whose apex lies in [from, to] ppm and whose FWHM is below `below_hz`
/// (the lines a fit models as sharp there), at half of their summed area (height x FWHM, lines
/// taken from the narrowest): how wide the lines are that hold a region's intensity when a sharp
/// matrix sets the spectrum's typical width and a broadened compound fills the region. 0 when
/// fewer than 5 such lines were picked.
double typical_line_hz(const signal::NmrResult& nmr, double from, double to, double below_hz);

/// The sharp-line limit of this spectrum: kSharpLineHz, or twice the typical width of its
/// strongest lines when poor shims or a viscous crude broaden every line (up to 15 Hz is common),
/// capped at 30 Hz (an envelope is broader than that). The typical width is the median FWHM of the
/// 25 tallest picked lines away from solvent lines.
double sharp_limit_hz(const signal::NmrResult& nmr);

/// The sharp-line limit for one compound whose own lines are `line_hz` wide (its singlet's FWHM):
/// the spectrum's limit, or twice that width when the compound's lines are broader than the
/// spectrum's strongest lines (an amine broadened by NH exchange or a viscous crude beside a sharp
/// matrix: 0.5-15 Hz), or the envelope of its widest multiplet at that width (a quintet of 3J 8 Hz,
/// +15 %) when that is wider. Both stay below the narrowest envelope (32 Hz + 2 widths, see
/// docs/classifier.md, oligomer), so envelopes are still left out.
double sharp_limit_hz(const signal::NmrResult& nmr, double line_hz);

/// Sum of the areas of sharp picked peaks (FWHM < sharp_limit_hz) whose apex lies in [from, to],
/// without lines within 0.02 ppm of a solvent / water line. Immune to broad NH, humps and the
/// way multiplets were grouped.
double sharp_area(const signal::NmrResult& nmr, double from, double to);

/// True when the multiplet is a singlet (read as one, or one peak without couplings and not "m").
bool is_singlet(const signal::Multiplet& m);
/// A singlet, or a group whose only splittings are < 4 Hz (near-coincident singlets, long-range J).
/// With `nmr`, an unassigned group of 2-4 lines within 4 Hz counts as well.
bool singlet_like(const signal::Multiplet& m, const signal::NmrResult* nmr = nullptr);

/// Area of sharp lines of a multiplet (see sharp_area), falling back to multiplet_area.
double sharp_multiplet_area(const signal::NmrResult& nmr, const signal::Multiplet& m);
/// The same with an explicit sharp-line limit (Hz), e.g. sharp_limit_hz(nmr, line_hz).
double sharp_multiplet_area(const signal::NmrResult& nmr, const signal::Multiplet& m, double limit_hz);

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

/// FWHM (Hz) of a binomial multiplet of `n` equal couplings `j_hz` whose lines are Lorentzians of
/// FWHM `line_hz`, measured like measured_fwhm_hz: from the apex out to the first half-height
/// crossing. A resolved pattern gives about one line width (the walk stops at the first dip);
/// an unresolved one its envelope (a quintet of J 6 Hz at 12 Hz lines: ~23 Hz; at most 2nJ/2 + w).
double envelope_fwhm_hz(int n, double j_hz, double line_hz);
/// FWHM (Hz) of the band at a multiplet, read from the spectrum: the tallest point near its centre,
/// then out to half height on each side; twice the narrower half (a neighbour only widens one side).
double measured_fwhm_hz(const signal::NmrResult& nmr, const signal::Multiplet& m);
/// True when a band whose lines are `line_hz` wide holds a pattern of >= `n` couplings of
/// >= `j_min` Hz: resolved and not singlet-like, or unresolved with a measured width of at least
/// the envelope's (and that envelope distinguishable from one line: >= 1.3 x line_hz).
bool coupled_at_width(const signal::NmrResult& nmr, const signal::Multiplet& m, double line_hz, int n, double j_min);

/// Band-shape reading of a first-order multiplet of `n` equal couplings (binomial 1:n:...:1) of
/// Lorentzian lines, for line widths near J where the peak picker reports merged or partly
/// resolved lines with misleading labels (a quintet of 3J 6 Hz at 4-5 Hz lines is picked as "q" J
/// 8 or "d" J 11.5). The spectrum within +-(n/2 x j_hi + 2.8 x line_hz) of `ppm` is fitted by linear
/// least squares (amplitude + constant + slope, the slope and constant absorbing a neighbour's
/// tail or a broad NH beneath) at every J in [j_lo, j_hi] (0.25 Hz steps), width 0.7-1.4x
/// `line_hz` and centre +-1.5 Hz. `r2` is the best R^2 of the pattern; `single_r2` the best R^2 of
/// one Lorentzian of free width (0.5-4x `line_hz`) at the same centres, its competitor.
/// The real spectrum within `half_hz` of `ppm`: x in Hz from `ppm` (decreasing ppm = increasing
/// index), y the intensities; points that are not finite are left out. Empty for a spectrum
/// without a frequency or shorter than 16 points.
struct HzWindow {
    std::vector<double> x, y;
};
HzWindow spectrum_window_hz(const signal::NmrResult& nmr, double ppm, double half_hz);

struct BandFit {
    double r2 = 0.0, single_r2 = 0.0, j_hz = 0.0, width_hz = 0.0, ppm = 0.0;
    double area = 0.0;  ///< area of the fitted pattern (intensity x ppm, as Peak::area)
};
BandFit binomial_band_fit(const signal::NmrResult& nmr, double ppm, int n, double j_lo, double j_hi, double line_hz);

/// Where this sample's diazepane ring and the reagent's diagnostic signal resonate. Salts and D2O
/// move every ring proton downfield (fast exchange averages the protonated and free amine):
/// homopiperazine C6-H2 1.72 -> 2.25 ppm, ring N-CH2 2.9 -> 3.5-3.65 as the dihydrochloride
/// (Pretsch, Structure Determination of Organic Compounds, 4th ed., tables of amines vs. ammonium
/// salts); N-CH3 2.3 -> 2.8-3.0, N-CH2Ph 3.6 -> 4.1-4.4 (alpha groups move ~1-2x as far as the
/// C6-H2 beta to both N); DMSO-d6 lowers N-CH3/N-CH2 by 0.1-0.15 ppm (Fulmer et al.,
/// Organometallics 2010, 29, 2176: Et3N CH2 2.53 CDCl3 vs 2.43 DMSO-d6).
/// The frame is anchored on a C6-H2 band judged at the product's own line width (the FWHM of its
/// diagnostic singlet, else the spectrum's typical width): a resolved quintet / tt / "m" with J
/// 4.5-8 Hz, or an unresolved band as wide as the quintet's envelope at that width. The ring N-CH2
/// window (0.63 ppm wide, the free base's 2.42-3.05) is placed where the ring N-CH2 lines are
/// measured, 1-2x the C6-H2 shift downfield; alpha groups move with it.
/// Three references: C6-H2 (2H per ring), ring N-CH2 (8H) and the diagnostic group (n H per
/// substituent x the product's k). Matrix lines only add area: when C6-H2 and ring N-CH2 differ by
/// more than 35 % (5 sigma of the 7 % error of a ratio of two integrals), the one the diagnostic
/// group agrees with (within 35 %) is kept and the other rejected as overlapped; with no such
/// agreement the references `disagree`. Of all anchors, the frame whose kept ratios fit
/// 2 : 8 : n k best wins.
struct RingFrame {
    /// Ring proton counts of 1,4-diazepane: C6-H2 holds 2H, the four ring N-CH2 groups 8H.
    static constexpr double kC6Protons = 2.0, kNch2Protons = 8.0;
    bool found = false;                 ///< a C6-H2 anchor with ring N-CH2 and the product's signal
    double shift = 0.0;                 ///< measured C6-H2 position minus the free base's 1.76 ppm
    double nch2_shift = 0.0;            ///< measured ring N-CH2 centre minus the free base's 2.78 ppm
    double c6_ppm = 0.0;
    double line_hz = 0.0;               ///< the product's line width used to judge its patterns
    double sharp_hz = 0.0;              ///< sharp-line limit for the product's lines (sharp_limit_hz(nmr, line_hz))
    bool c6_unresolved = false;         ///< the anchor was taken by its envelope width
    double nch2_from = 0.0, nch2_to = 0.0, diag_from = 0.0, diag_to = 0.0;
    double c6_area = 0.0, nch2_area = 0.0;
    double ring_h = 0.0;                ///< area of one ring proton (kept references)
    double ring_h_upper = 0.0;          ///< the same by the larger kept reference (ring_h when one was set aside)
    double triplet_h = 0.0;             ///< area of one ring proton from the product's own resolved ring N-CH2 triplets (0: none)
    bool disagree = false;
    std::string rejected;               ///< "C6-H2" or "ring N-CH2" when that reference was set aside
    double diag_area = 0.0;             ///< product-family diagnostic cluster (right pattern)
    double diag_ppm = 0.0;              ///< its largest member
    double per_ring = 0.0;              ///< (diag / its protons) / ring_h
    double score = 1e300;               ///< misfit of the kept ratios (lower is better)
    std::vector<const signal::Multiplet*> diag, excluded;  ///< counted; rejected as matrix lines
    [[nodiscard]] bool protonated() const noexcept { return shift >= 0.2 || nch2_shift >= 0.3; }
    [[nodiscard]] double per_ring_c6() const noexcept { return c6_area > 0 ? ring_h * kC6Protons / c6_area : 0.0; }
    [[nodiscard]] double per_ring_nch2() const noexcept { return nch2_area > 0 ? ring_h * kNch2Protons / nch2_area : 0.0; }
};
/// The best frame for the context's reagent (see RingFrame); not found when no anchor gives the
/// product's substituents at >= half the expected count.
RingFrame ring_frame(const signal::NmrResult& nmr, const chem::ReactionModel& model);
/// The model of a table reagent's mono-alkylated 1,4-diazepane, the product a crude of that
/// reagent holds when no context names one (the readings without context try each reagent);
/// none when the reagent's increment does not make a one-substituent ring.
std::optional<chem::ReactionModel> mono_product_model(const chem::Reagent& rg);
/// True when a multiplet has the multiplicity of the reagent's diagnostic group (Reagent::diag_lines):
/// singlet-like for a singlet; for t / q the pattern with its J in the chemical range
/// (3J_HH ethyl 6.5-8 Hz, OCH2CH2 4.5-7 Hz, 3J_HF of CH2CF3 8.5-11 Hz; Pretsch).
bool diag_pattern(const signal::Multiplet& m, const chem::Reagent& rg, const signal::NmrResult& nmr);

/// True when a multiplet can be a diazepane ring's C6-H2 at lines `line_hz` wide (the test that
/// anchors a RingFrame): a quintet / tt / "m" of 3J 4.5-8 Hz, or a band of that quintet's shape or
/// envelope width. `band_area` receives the fitted quintet's area when the band shape decided
/// (0 otherwise: the caller takes the multiplet's own area).
bool c6_band(const signal::Multiplet& m, const signal::NmrResult& nmr, double line_hz, double* band_area = nullptr);

struct ShiftedAlpha {
    bool applicable = false;                    ///< reagent known and its diagnostic group is N-alpha
    double ring_area = 0.0;                     ///< non-singlet multiplets 3.05-3.9 ppm (outside the diag window)
    double ring_area_noxide = 0.0;              ///< the part in 3.05-3.6 ppm (N-oxide ring N-CH2)
    double group_area = 0.0;                    ///< shifted copies of the diagnostic group
    double substituents = 0.0;                  ///< see above; 0 when either area is 0
    std::vector<const signal::Multiplet*> ring, group;

    /// Sets `substituents` from the two areas: the group's area per proton over the shifted ring
    /// N-CH2's per 4H (the two CH2 alpha to one N); 0 when either area or `diag_protons` is 0.
    void count_substituents(double diag_protons) {
        constexpr double kShiftedRingProtons = 4.0;
        substituents = group_area > 0.0 && ring_area > 0.0 && diag_protons > 0.0
                           ? (group_area / diag_protons) / (ring_area / kShiftedRingProtons)
                           : 0.0;
    }
};
ShiftedAlpha shifted_alpha(const signal::NmrResult& nmr, const chem::ReactionModel& model);

Evidence nmr_signal(const signal::Multiplet& m, double area_fraction, const std::string& label);
Evidence nmr_region(double from, double to, double area_fraction, const std::string& label);

}  // namespace sidepeak::classify::detail

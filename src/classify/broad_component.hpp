#pragma once
// The broad component of a 1H spectrum as the NMR detectors read it: signal::broad_component
// (include/sidepeak/signal/broad_component.hpp: joint non-negative least-squares fit of the sharp
// lines and a dictionary of broad Gaussians, rolling part removed) at the scales of a polyamine
// envelope, which this file derives from the chemistry.
#include <vector>

#include "sidepeak/signal/broad_component.hpp"
#include "sidepeak/signal/nmr_pipeline.hpp"

namespace sidepeak::classify::detail {

/// The widest first-order multiplet a polyamine CH2 forms: the C-CH2-C quintet (tt) of four
/// vicinal couplings of 6-8 Hz in freely rotating CH2-CH2 chains (Pretsch, Structure
/// Determination of Organic Compounds, 4th ed., H-H coupling table), i.e. up to 4 x 8 Hz.
inline constexpr double kWidestMultipletSpanHz = 32.0;

/// The widest single polyamine envelope, in ppm: the spread of one CH2 type over the chain
/// positions, ends and conformers of an oligomer cannot exceed the shift range of that CH2 type,
/// N-CH2 2.4-3.0 ppm in the free base (0.6 ppm; C-CH2-C 1.5-1.9 ppm is narrower; as ammonium salts
/// the whole range moves together by 0.3-0.9 ppm): docs domain.md, Pretsch tables of aliphatic
/// amines. Polyamine chains of a few kDa are mobile in solution (segmental motion keeps their
/// backbone lines to a few to tens of Hz: Bovey & Mirau, NMR of Polymers, Academic Press 1996), so
/// the intrinsic width adds at most one narrowest envelope (see min_envelope_hz).
inline constexpr double kEnvelopeSpanPpm = 0.6;

/// The broad component with the scales it was fitted at (line_hz: typical FWHM of this
/// spectrum's sharp lines; min_envelope_hz: the narrowest broad signal that can be told apart from
/// a multiplet of them, the widest multiplet span plus a line width on either side, a line being
/// at 20 % of its height one FWHM from its centre; max_envelope_hz: kEnvelopeSpanPpm at this field
/// plus min_envelope_hz).
using BroadComponent = signal::BroadComponent;

/// Share of the broad component's positive part over the bins marked in `bins` (same size as
/// bc.ppm) that lies above the measured spectrum by more than `tolerance` (intensity units; the
/// caller passes a few noise sigma). The spectrum is the sum of non-negative sharp lines, the
/// broad signal and noise, so a real broad signal never rises above it; a broad component that
/// does was placed by the fit where the data hold nothing (its terms overshooting the valleys
/// between tall, wide lines whose misfit the fit weights down). 0 when the marked bins hold no
/// positive broad intensity.
double share_above_spectrum(const signal::NmrResult& nmr, const BroadComponent& bc, const std::vector<bool>& bins,
                            double tolerance);

/// Share of the broad component's positive part over the bins marked in `bins` that lies in bins
/// where it is at least as high as the joint fit's sharp lines (bc.lines). Below the lines its
/// height is the fit's split of the data between the lines and the broad terms, which the lines'
/// assumed shape decides (their wings and the valleys between them); at or above them the data
/// show it directly (its flanks beyond a cluster of lines, the valleys it fills). 0 when the
/// marked bins hold no positive broad intensity.
double observed_share(const BroadComponent& bc, const std::vector<bool>& bins);

/// The options for a polyamine envelope on this spectrum (typical_line_hz, or the sharp-line limit
/// kSharpLineHz when there are too few lines to measure: a conservative, wide line).
signal::BroadComponentOptions polyamine_envelope_options(const signal::NmrResult& nmr);

/// signal::broad_component at polyamine_envelope_options (empty `ppm` when the spectrum has too
/// few points or no spectrometer frequency).
BroadComponent broad_component(const signal::NmrResult& nmr);

}  // namespace sidepeak::classify::detail

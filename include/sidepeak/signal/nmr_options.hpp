#pragma once
/// Options of the 1D NMR processing stages and of the whole pipeline (process_nmr). Every field
/// is a parameter of the `nmr` section of a configuration file (sidepeak/pipeline/parameters.hpp
/// lists them with their units and ranges).
#include <cstddef>

#include "sidepeak/signal/fid_options.hpp"

namespace sidepeak::signal {

enum class PhaseMethod { acme, peak_minimum_entropy, manual, none };
enum class BaselineMethod { arpls, asls, airpls, polynomial, none };

struct BaselineOptions {
    BaselineMethod method = BaselineMethod::arpls;
    /// Whittaker lambda in units of the spectrum's own points (full resolution). 0 = derived from
    /// cutoff_period_hz: lambda = whittaker_lambda(cutoff_period_hz / hz_per_point).
    double lambda = 0.0;
    /// Half-power period of the Whittaker smoother in Hz (default 1500 Hz = 3 ppm at 500 MHz).
    /// The smoother alone follows undulations slower than this; the asymmetric weights then
    /// exclude anything that stands above the fit by more than the noise, so a broad hump is
    /// bridged rather than followed as long as it rises above the first smooth fit. Measured on
    /// 500 MHz synthetic data (docs/algorithms/baseline.md): humps of 100-500 Hz FWHM keep their
    /// area within ~8 % (5-30 sigma tall), an 800 Hz hump of 5 sigma is partly eaten (~30 %);
    /// a larger period follows a rolling baseline of a few ppm less well and, through the
    /// mistracking, can make arPLS collapse. Used only when lambda == 0. Without a known
    /// spectrometer frequency the period is 1/8 of the spectral width.
    double cutoff_period_hz = 1500.0;
    /// The period used instead for asls and airpls (lambda == 0). Both give the points above the
    /// fit ~zero weight, so the fit rests on the lower half of the noise and is effectively
    /// stiffer; a third of the period gives them about the same tracking as arPLS (measured).
    double lower_envelope_period_hz = 500.0;
    /// Every k-th point is kept so that at most this many remain; the baseline is computed there
    /// (with lambda / k^4) and interpolated back linearly. Keeps the cost at O(n) +
    /// O(max_working_points * iterations) and lambda in a well-conditioned range. Subsampling (not
    /// averaging) keeps the per-point noise, which the asymmetric weights are scaled by.
    std::size_t max_working_points = 4096;
    /// First stage: first_point_roll with this many harmonics (a roll from k corrupted FID points
    /// has harmonics 0..k-1 of the spectral width) and roll_legendre_order, removed before the
    /// chosen method runs on the working grid. 0 = no first stage.
    int roll_harmonics = 4;
    int roll_legendre_order = 1;
    /// The first stage is applied only when the chosen smoother (its own lambda) would miss the
    /// fitted roll, somewhere in the inner 90 % of the width, by more than this many times the rms
    /// scatter of the baseline points (roll weight > 1/2) about the roll fit: the roll must both
    /// describe the baseline (scatter ~ noise) and be beyond what the smoother follows.
    double roll_gate_sigma = 3.0;
    int polynomial_order = 5;
    double asls_p = 1e-3;
    int max_iterations = 50;
    double tolerance = 1e-3;
};

struct MultipletOptions {
    /// Neighbouring peaks (in ppm order) closer than this join one multiplet...
    double window_hz = 20.0;
    /// ...when the smaller of the two is at least this fraction of the larger (adjacent lines of a
    /// first-order multiplet up to a septet differ by at most 1:6); a weak line beside a strong
    /// one (a by-product, a 13C satellite, a sideband) stays a multiplet of its own.
    double min_adjacent_ratio = 0.1;
    /// Comparable peaks whose valley stays above this fraction of the smaller apex are one
    /// unresolved band and join whatever their distance.
    double connected_fraction = 0.5;
    /// The integration range reaches this many FWHM beyond each outer line (16 FWHM = 32
    /// half-widths: 99 % of a Lorentzian's area on that side), or stops at the lowest point
    /// towards the neighbouring multiplet if that comes first. A fixed multiple of the width (not
    /// "until the noise") keeps the captured fraction independent of the signal-to-noise ratio,
    /// which ratios of integrals need.
    /// The FWHM used here is capped at window_hz, so the range of a hump or a baseline error
    /// reaches at most 16 x 20 Hz beyond its outer line.
    double range_extension_fwhm = 16.0;
    /// A group never spans more than this from its first to its last line (Hz): a first-order
    /// pattern spans the sum of its couplings (a vinyl ddt ~40 Hz), and an unresolved band of
    /// lines cannot chain across a spectrum whose valleys a baseline error has raised.
    double max_span_hz = 80.0;
    /// Line positions must match a first-order pattern within max(this x median FWHM, 0.5 point).
    double position_tolerance_fwhm = 0.3;
    /// A coupling must be at least this many median FWHM to be reported: two lines closer than
    /// one line width show a dip of < 17 % and their apex spacing is not the splitting.
    double min_j_fwhm = 1.0;
    /// Observed / expected relative height of every line must lie in [1/(1+t), 1+t] (t = this):
    /// allows for roofing and for overlap of neighbouring lines.
    double intensity_tolerance = 0.4;
    /// Spectrometer frequency assumed when the spectrum does not carry one (MHz).
    double fallback_mhz = 400.0;
};

struct NmrProcessingOptions {
    FidTransformOptions transform;       ///< apodization and zero filling (fid_to_spectrum)
    PhaseMethod phase_method = PhaseMethod::acme;
    double manual_p0_deg = 0.0;          ///< used with PhaseMethod::manual
    double manual_p1_deg = 0.0;
    bool reference = true;               ///< TMS/DSS/TSP at 0 ppm, else residual solvent
    double snr_threshold = 5.0;          ///< peaks below this signal-to-noise are not reported
    bool use_vendor_processed = false;   ///< Bruker: take pdata 1r/1i instead of processing the FID
    BaselineOptions baseline;            ///< baseline stage (method, smoothness, first-point roll)
    MultipletOptions multiplets;         ///< grouping of peaks into multiplets
};

}  // namespace sidepeak::signal

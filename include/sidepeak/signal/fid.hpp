#pragma once
/// FID -> complex spectrum: DC-offset correction, apodization, zero filling, FFT, digital-filter
/// group-delay removal, first-point correction and the ppm axis. Each step is also available on
/// its own. Conventions (see docs/algorithms/fft-and-apodization.md):
///  - FIDs are oriented as the readers deliver them: a forward DFT followed by fft_shift gives a
///    spectrum whose ppm increases with the index; fid_to_spectrum reverses it so that point 0 is
///    the highest ppm.
///  - Time origin of a digitally filtered (Bruker DQD) FID is `group_delay_points` (may be
///    fractional): apodization windows start there, and the delay is removed after the FFT by a
///    linear phase ramp.
#include <complex>
#include <cstddef>
#include <span>
#include <vector>

#include "sidepeak/core/nmr_data.hpp"
#include "sidepeak/signal/fid_options.hpp"
#include "sidepeak/signal/nmr_types.hpp"

namespace sidepeak::signal {

/// A complex spectrum on an evenly spaced ppm axis, point 0 at ppm_first (the high-ppm end).
struct ComplexSpectrum {
    std::vector<std::complex<double>> data;
    double ppm_first = 0.0;
    double ppm_last = 0.0;
    double spectrometer_mhz = 0.0;  ///< MHz per ppm (the reference frequency)
};

/// Subtracts the mean of the last quarter of the FID (pure noise for a decayed FID) from every
/// point: removes a receiver DC offset, which would otherwise give a spike at the carrier.
/// FIDs shorter than 16 points are left unchanged.
void remove_dc_offset(std::span<std::complex<double>> fid);

/// The apodization window w[k], k = 0..points-1, with its time origin at `time_origin_points`
/// (points before it get w = w(origin)). Times t = (k - origin) / sweep_width_hz seconds;
/// T = acquisition time of the samples after the origin.
///  - exponential: w = exp(-pi * LB * t), LB = options.line_broadening_hz (Lorentzian, FWHM + LB Hz)
///  - gaussian:    w = exp(-(pi * GB * t)^2 / (4 ln 2)), GB = options.line_broadening_hz
///                 (multiplies the FT by a Gaussian of FWHM GB Hz)
///  - sine_bell:   w = sin(phi + (pi - phi) * t / T), phi = options.sine_shift_deg (90 = cosine bell)
///  - sine_bell_squared: the square of sine_bell
///  - none: w = 1
/// Throws std::invalid_argument for a non-positive sweep width when a window needs it.
std::vector<double> apodization_window(std::size_t points, const FidTransformOptions& options,
                                       double sweep_width_hz, double time_origin_points = 0.0);

/// Multiplies the FID by apodization_window(fid.size(), ...).
void apodize(std::span<std::complex<double>> fid, const FidTransformOptions& options, double sweep_width_hz,
             double time_origin_points = 0.0);

/// Size after zero filling: the next power of two >= factor * points (factor < 1 counts as 1);
/// never less than `points`. Returns 0 for 0 points.
std::size_t zero_fill_size(std::size_t points, int factor);

/// Removes a time delay of `delay_points` (fractional allowed) from a spectrum in raw FFT order
/// (index 0 = frequency 0, before fft_shift): multiplies bin k by exp(+2 pi i f_k d / N), with the
/// signed frequency index f_k in [-N/2, N/2). Using the signed index keeps the ramp continuous
/// across the spectrum for a fractional delay. Equivalent to a circular time shift by -d.
void remove_group_delay(std::span<std::complex<double>> spectrum, double delay_points);

/// First-point correction in the frequency domain (raw FFT order): scales the time-domain point at
/// t = 0 by `factor` (Bruker/NMRPipe convention 0.5, the trapezoid rule for the Fourier integral;
/// removes the baseline offset a full-weight first point leaves). After remove_group_delay the
/// t = 0 point is the inverse-DFT value at n = 0, i.e. the mean of the spectrum, so this adds
/// (factor - 1) * mean to every bin.
void scale_first_point(std::span<std::complex<double>> spectrum, double factor);

/// The whole chain: remove_dc_offset, apodize (origin at meta.group_delay_points), zero fill to
/// zero_fill_size(points, options.zero_fill_factor), fft_forward, remove_group_delay,
/// scale_first_point(0.5), fft_shift, reversal (point 0 = highest ppm) and the axis:
/// point N/2 of the shifted spectrum is meta.carrier_ppm, the point spacing is
/// sweep_width_hz / reference_mhz / N ppm, spectrometer_mhz = meta.reference_mhz.
/// Throws std::invalid_argument for an empty FID or a non-positive sweep width / reference frequency.
ComplexSpectrum fid_to_spectrum(std::span<const std::complex<double>> fid, const NmrMeta& meta,
                                const FidTransformOptions& options);

}  // namespace sidepeak::signal

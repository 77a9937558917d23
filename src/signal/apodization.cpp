// Apodization windows (time-domain multiplication) for 1D FIDs. Definitions follow the usual
// TopSpin/NMRPipe parameterisation: EM (LB, Hz), GM-like pure Gaussian (GB, Hz FWHM), SINE / QSINE
// with the shift as a phase angle (SSB = 180 / shift_deg in TopSpin terms).
#include <algorithm>
#include <cmath>
#include <numbers>
#include <stdexcept>

#include "sidepeak/signal/fid.hpp"

namespace sidepeak::signal {

std::vector<double> apodization_window(std::size_t points, const FidTransformOptions& options,
                                       double sweep_width_hz, double time_origin_points) {
    std::vector<double> w(points, 1.0);
    if (options.apodization == Apodization::none || points == 0) return w;
    if (!(sweep_width_hz > 0.0) || !std::isfinite(sweep_width_hz))
        throw std::invalid_argument("apodization needs a positive sweep width");
    const double origin = std::clamp(std::isfinite(time_origin_points) ? time_origin_points : 0.0, 0.0,
                                     static_cast<double>(points - 1));
    const double dt = 1.0 / sweep_width_hz;
    const double span = std::max(static_cast<double>(points) - origin, 1.0) * dt;  // T, seconds
    constexpr double pi = std::numbers::pi;
    for (std::size_t k = 0; k < points; ++k) {
        const double t = std::max(static_cast<double>(k) - origin, 0.0) * dt;
        switch (options.apodization) {
            case Apodization::exponential:
                w[k] = std::exp(-pi * options.line_broadening_hz * t);
                break;
            case Apodization::gaussian: {
                const double a = pi * options.line_broadening_hz * t;
                w[k] = std::exp(-a * a / (4.0 * std::numbers::ln2));
                break;
            }
            case Apodization::sine_bell:
            case Apodization::sine_bell_squared: {
                const double phi = std::clamp(options.sine_shift_deg, 0.0, 180.0) * pi / 180.0;
                const double s = std::sin(phi + (pi - phi) * t / span);
                w[k] = options.apodization == Apodization::sine_bell ? s : s * s;
                break;
            }
            case Apodization::none:
                break;
        }
    }
    return w;
}

void apodize(std::span<std::complex<double>> fid, const FidTransformOptions& options, double sweep_width_hz,
             double time_origin_points) {
    if (options.apodization == Apodization::none) return;
    const auto w = apodization_window(fid.size(), options, sweep_width_hz, time_origin_points);
    for (std::size_t k = 0; k < fid.size(); ++k) fid[k] *= w[k];
}

}  // namespace sidepeak::signal

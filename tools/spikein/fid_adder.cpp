// Time-domain line addition. The simulated FID is built free of the digital-filter delay (time 0
// at the first point), then delayed by exactly the group delay process_nmr will remove, so the
// lines see the same processing as the real signal of the file.
#include "fid_adder.hpp"

#include <algorithm>
#include <cmath>
#include <complex>
#include <numbers>
#include <stdexcept>

#include "sidepeak/signal/fft.hpp"
#include "sidepeak/signal/fid.hpp"

namespace sidepeak::spikein {

namespace {

constexpr double pi = std::numbers::pi;

double spectrometer_mhz(const NmrMeta& meta) {
    return meta.reference_mhz > 0.0 ? meta.reference_mhz : meta.observe_mhz;
}

// Adds one line's delay-free decay to y[0 .. points).
void add_decay(std::vector<std::complex<double>>& y, std::size_t points, std::complex<double> start, double freq_hz,
               double lorentz_hz, double gauss_hz, double sweep_hz) {
    const double dt = 1.0 / sweep_hz;
    const std::complex<double> step = std::exp(std::complex<double>(-pi * lorentz_hz * dt, 2.0 * pi * freq_hz * dt));
    // Gaussian envelope exp(-(pi g t)^2 / (4 ln 2)): its FT is a Gaussian of FWHM g Hz.
    const double a = gauss_hz > 0.0 ? (pi * gauss_hz * dt) * (pi * gauss_hz * dt) / (4.0 * std::numbers::ln2) : 0.0;
    const double floor = 1e-10 * std::abs(start);
    std::complex<double> z = start;
    for (std::size_t k = 0; k < points; ++k) {
        // Re-anchor every 1024 points so the recurrence cannot drift.
        if (k % 1024 == 0 && k > 0) z = start * std::pow(step, static_cast<double>(k));
        const double kk = static_cast<double>(k);
        const double g = a > 0.0 ? std::exp(-a * kk * kk) : 1.0;
        const std::complex<double> v = z * g;
        y[k] += v;
        if (std::abs(v) < floor && (g < 1e-10 || std::abs(z) < floor)) break;
        z *= step;
    }
}

}  // namespace

double amplitude_for_area(const NmrMeta& meta, double area) {
    return 2.0 * area * spectrometer_mhz(meta) / meta.sweep_width_hz;
}

void add_lines(NmrData& data, const std::vector<Line>& lines, const AddOptions& options) {
    if (data.fids.empty() || data.fids.front().empty()) throw std::invalid_argument("spike-in: the data hold no FID");
    const NmrMeta& meta = data.meta;
    const double sf = spectrometer_mhz(meta);
    const double sw = meta.sweep_width_hz;
    if (!(sw > 0.0) || !std::isfinite(sw) || !(sf > 0.0) || !std::isfinite(sf))
        throw std::invalid_argument("spike-in: FID without a sweep width or spectrometer frequency");

    auto& fid = data.fids.front();
    const std::size_t points = fid.size();
    const std::size_t n = options.fft_points > 0 ? std::max(options.fft_points, points) : signal::zero_fill_size(points, 2);
    const double nd = static_cast<double>(n);
    const double half = static_cast<double>(n / 2);
    constexpr double rad = pi / 180.0;

    std::vector<std::complex<double>> y(n, {0.0, 0.0});
    for (const Line& line : lines) {
        if (!(line.area != 0.0) || !std::isfinite(line.ppm) || !std::isfinite(line.area)) continue;
        const double raw_ppm = line.ppm - options.frame.shift_ppm;
        const double freq = (raw_ppm - meta.carrier_ppm) * sf;
        if (std::abs(freq) >= 0.5 * sw) continue;  // outside the window: would alias
        // Output point j (0 = high-ppm end) of the line after fftshift and reversal.
        const double j = nd - 1.0 - (freq * nd / sw + half);
        const double phase = -(options.frame.p0_deg + options.frame.p1_deg * j / nd) * rad;
        const double g = std::clamp(line.gauss_fraction, 0.0, 1.0);
        const double width = std::max(line.fwhm_hz, 0.0);
        add_decay(y, points, std::polar(amplitude_for_area(meta, line.area), phase), freq, (1.0 - g) * width, g * width,
                  sw);
    }
    if (options.corruption) {
        const FirstPointCorruption& c = *options.corruption;
        for (std::size_t k = 0; k < c.re.size() && k < c.im.size() && k < points; ++k)
            y[k] += c.scale * std::complex<double>(c.re[k], c.im[k]);
    }

    const double delay = std::isfinite(meta.group_delay_points)
                             ? std::clamp(meta.group_delay_points, 0.0, static_cast<double>(points) / 2.0)
                             : 0.0;
    if (delay > 0.0) {
        // Delay by d points: the inverse of signal::remove_group_delay's ramp, in the same FFT frame.
        signal::fft_forward(y);
        signal::remove_group_delay(y, -delay);
        signal::fft_inverse(y);
        for (auto& v : y) v /= nd;
    }
    for (std::size_t k = 0; k < points; ++k) fid[k] += y[k];
}

}  // namespace sidepeak::spikein

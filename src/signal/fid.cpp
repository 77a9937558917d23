// FID -> complex spectrum. Order of the steps and the reasons are in
// docs/algorithms/fft-and-apodization.md.
#include "sidepeak/signal/fid.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <stdexcept>

#include "sidepeak/signal/fft.hpp"

namespace sidepeak::signal {

void remove_dc_offset(std::span<std::complex<double>> fid) {
    const std::size_t n = fid.size();
    if (n < 16) return;
    const std::size_t first = n - n / 4;
    std::complex<double> sum{0.0, 0.0};
    for (std::size_t k = first; k < n; ++k) sum += fid[k];
    const std::complex<double> mean = sum / static_cast<double>(n - first);
    for (auto& v : fid) v -= mean;
}

std::size_t zero_fill_size(std::size_t points, int factor) {
    if (points == 0) return 0;
    const std::size_t f = factor < 1 ? 1 : static_cast<std::size_t>(factor);
    const std::size_t target = points * f;
    if (target / f != points || target > (std::size_t{1} << 40)) return points;  // overflow guard
    return std::bit_ceil(target);
}

ComplexSpectrum fid_to_spectrum(std::span<const std::complex<double>> fid, const NmrMeta& meta,
                                const FidTransformOptions& options) {
    if (fid.empty()) throw std::invalid_argument("empty FID");
    if (!(meta.sweep_width_hz > 0.0) || !std::isfinite(meta.sweep_width_hz))
        throw std::invalid_argument("FID without a positive sweep width");
    if (!(meta.reference_mhz > 0.0) || !std::isfinite(meta.reference_mhz))
        throw std::invalid_argument("FID without a positive spectrometer frequency");
    const double delay = std::isfinite(meta.group_delay_points)
                             ? std::clamp(meta.group_delay_points, 0.0, static_cast<double>(fid.size()) / 2.0)
                             : 0.0;

    const std::size_t n = zero_fill_size(fid.size(), options.zero_fill_factor);
    ComplexSpectrum out;
    out.data.assign(n, {0.0, 0.0});
    std::copy(fid.begin(), fid.end(), out.data.begin());
    const std::span<std::complex<double>> time(out.data.data(), fid.size());
    remove_dc_offset(time);
    apodize(time, options, meta.sweep_width_hz, delay);

    fft_forward(out.data);
    remove_group_delay(out.data, delay);
    scale_first_point(out.data, 0.5);
    fft_shift(out.data);
    std::reverse(out.data.begin(), out.data.end());

    const double step = meta.sweep_width_hz / meta.reference_mhz / static_cast<double>(n);
    const double half = static_cast<double>(n / 2);
    // Shifted index i has ppm = carrier + (i - N/2) * step; point j of the output is i = N-1-j.
    out.ppm_first = meta.carrier_ppm + (static_cast<double>(n - 1) - half) * step;
    out.ppm_last = meta.carrier_ppm - half * step;
    out.spectrometer_mhz = meta.reference_mhz;
    return out;
}

}  // namespace sidepeak::signal

#include "broad_component.hpp"

#include <algorithm>
#include <cmath>

#include "nmr_tools.hpp"

namespace sidepeak::classify::detail {

signal::BroadComponentOptions polyamine_envelope_options(const signal::NmrResult& nmr) {
    signal::BroadComponentOptions o;
    const double typical = typical_line_hz(nmr);
    o.line_hz = typical > 0.0 ? typical : kSharpLineHz;
    o.min_envelope_hz = kWidestMultipletSpanHz + 2.0 * o.line_hz;
    o.max_envelope_hz = kEnvelopeSpanPpm * nmr.spectrum.spectrometer_mhz + o.min_envelope_hz;
    return o;
}

BroadComponent broad_component(const signal::NmrResult& nmr) {
    // Smallest spectrum worth a fit, in points (signal::broad_component's own floor).
    constexpr std::size_t kMinPoints = 64;
    const NmrSpectrum& s = nmr.spectrum;
    if (s.size() < kMinPoints || !(s.hz_per_point() > 0.0) || !(s.spectrometer_mhz > 0.0)) return {};
    return signal::broad_component(nmr, polyamine_envelope_options(nmr));
}

double share_above_spectrum(const signal::NmrResult& nmr, const BroadComponent& bc, const std::vector<bool>& bins,
                            double tolerance) {
    const NmrSpectrum& s = nmr.spectrum;
    const auto last = static_cast<double>(s.size()) - 1.0;
    double area = 0.0, above = 0.0;
    for (std::size_t q = 0; q < bc.ppm.size() && q < bins.size(); ++q) {
        const double h = std::max(bc.hump[q], 0.0);
        if (!bins[q] || h <= 0.0) continue;
        const double idx = s.index_of(bc.ppm[q]);
        if (!(idx >= 0.0 && idx <= last)) continue;
        area += h;
        const double y = s.real[static_cast<std::size_t>(std::lround(idx))];
        above += std::max(h - y - tolerance, 0.0);
    }
    return area > 0.0 ? above / area : 0.0;
}

double observed_share(const BroadComponent& bc, const std::vector<bool>& bins) {
    double all = 0.0, seen = 0.0;
    for (std::size_t q = 0; q < bc.ppm.size() && q < bins.size() && q < bc.hump.size() && q < bc.lines.size(); ++q) {
        if (!bins[q]) continue;
        const double h = std::max(bc.hump[q], 0.0);
        all += h;
        if (h >= bc.lines[q]) seen += h;
    }
    return all > 0.0 ? seen / all : 0.0;
}

}  // namespace sidepeak::classify::detail

#include "broad_component.hpp"

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

}  // namespace sidepeak::classify::detail

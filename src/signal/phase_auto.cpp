#include "phase_methods.hpp"
#include "sidepeak/signal/phase.hpp"

namespace sidepeak::signal {

PhaseResult auto_phase(std::span<const std::complex<double>> spectrum, PhaseMethod method) {
    switch (method) {
        case PhaseMethod::acme:
            return detail::acme_phase(detail::without_smooth_baseline(spectrum));
        case PhaseMethod::peak_minimum_entropy:
            return detail::region_phase(detail::without_smooth_baseline(spectrum));
        case PhaseMethod::manual:
            return {0.0, 0.0, "manual"};
        case PhaseMethod::none:
            break;
    }
    return {0.0, 0.0, "none"};
}

}  // namespace sidepeak::signal

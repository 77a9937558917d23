// process_nmr: FID (or vendor-processed spectrum) -> phased, baseline-corrected, referenced
// spectrum with noise, peaks and multiplets, each stage timed.
#include "sidepeak/signal/nmr_pipeline.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <stdexcept>

#include "sidepeak/core/error.hpp"
#include "sidepeak/signal/baseline.hpp"
#include "sidepeak/signal/fid.hpp"
#include "sidepeak/signal/multiplets.hpp"
#include "sidepeak/signal/noise.hpp"
#include "sidepeak/signal/peaks.hpp"
#include "sidepeak/signal/phase.hpp"
#include "sidepeak/signal/reference.hpp"

namespace sidepeak::signal {

namespace {

using Clock = std::chrono::steady_clock;

double elapsed_ms(Clock::time_point since) {
    return std::chrono::duration<double, std::milli>(Clock::now() - since).count();
}

// Phased complex spectrum -> NmrSpectrum (real part for everything downstream, imaginary kept).
NmrSpectrum to_spectrum(ComplexSpectrum&& c) {
    NmrSpectrum s;
    s.real.resize(c.data.size());
    s.imag.resize(c.data.size());
    for (std::size_t i = 0; i < c.data.size(); ++i) {
        s.real[i] = c.data[i].real();
        s.imag[i] = c.data[i].imag();
    }
    s.ppm_first = c.ppm_first;
    s.ppm_last = c.ppm_last;
    s.spectrometer_mhz = c.spectrometer_mhz;
    return s;
}

void check_spectrum(const NmrSpectrum& s) {
    if (s.size() < 8) throw Error("NMR processing: spectrum has fewer than 8 points");
    if (!std::isfinite(s.ppm_first) || !std::isfinite(s.ppm_last) || s.ppm_first == s.ppm_last)
        throw Error("NMR processing: spectrum has no usable ppm axis");
    for (const double v : s.real)
        if (!std::isfinite(v)) throw Error("NMR processing: spectrum holds non-finite values");
}

// Narrowest line the acquisition can give: the FID truncated at the acquisition time AQ has a
// sinc lineshape of FWHM 1.21 / AQ, and exponential line broadening LB alone gives FWHM LB.
// 0 (no floor beyond one point) when the FID is not used.
double min_line_width_hz(const NmrData& data, const NmrProcessingOptions& options, bool use_fid) {
    if (!use_fid || !(data.meta.sweep_width_hz > 0.0)) return 0.0;
    const double aq_s = static_cast<double>(data.fids.front().size()) / data.meta.sweep_width_hz;
    double floor_hz = aq_s > 0.0 ? 1.21 / aq_s : 0.0;
    if (options.transform.apodization == Apodization::exponential)
        floor_hz = std::max(floor_hz, options.transform.line_broadening_hz);
    return floor_hz;
}

}  // namespace

NmrResult process_nmr(const NmrData& data, const NmrProcessingOptions& options) {
    const auto start = Clock::now();
    NmrResult r;
    r.meta = data.meta;
    const bool have_fid = !data.fids.empty() && !data.fids.front().empty();
    const bool use_fid = have_fid && !(options.use_vendor_processed && data.processed);

    if (use_fid) {
        auto t = Clock::now();
        ComplexSpectrum complex;
        try {
            complex = fid_to_spectrum(data.fids.front(), data.meta, options.transform);
        } catch (const std::invalid_argument& e) {
            throw Error(std::string("NMR processing: ") + e.what());
        }
        r.timings.fft_ms = elapsed_ms(t);

        t = Clock::now();
        switch (options.phase_method) {
            case PhaseMethod::manual:
                r.phase = {options.manual_p0_deg, options.manual_p1_deg, "manual"};
                break;
            case PhaseMethod::none:
                r.phase = {0.0, 0.0, "none"};
                break;
            default:
                r.phase = auto_phase(complex.data, options.phase_method);
                break;
        }
        if (r.phase.p0_deg != 0.0 || r.phase.p1_deg != 0.0) apply_phase(complex.data, r.phase.p0_deg, r.phase.p1_deg);
        r.timings.phase_ms = elapsed_ms(t);
        r.spectrum = to_spectrum(std::move(complex));
    } else if (data.processed) {
        // Vendor-processed spectra arrive phased: they are taken as they are.
        r.spectrum = *data.processed;
        r.phase = {0.0, 0.0, "vendor"};
        if (!(r.spectrum.spectrometer_mhz > 0.0))
            r.spectrum.spectrometer_mhz = data.meta.reference_mhz > 0.0 ? data.meta.reference_mhz : data.meta.observe_mhz;
    } else {
        throw Error("NMR processing: the data hold neither an FID nor a processed spectrum");
    }
    check_spectrum(r.spectrum);

    // The baseline depends on the point spacing only, not on the axis offset, so it is removed
    // before referencing: the reference search then sees a flat spectrum.
    auto t = Clock::now();
    BaselineResult baseline = estimate_baseline(r.spectrum, options.baseline);
    for (std::size_t i = 0; i < r.spectrum.size(); ++i) r.spectrum.real[i] -= baseline.baseline[i];
    r.baseline = std::move(baseline.baseline);
    r.timings.baseline_ms = elapsed_ms(t);

    t = Clock::now();
    if (options.reference) {
        r.reference = find_reference(r.spectrum, data.meta);
        apply_reference(r.spectrum, r.reference);
    } else {
        r.reference.signal = "none";
    }
    r.timings.reference_ms = elapsed_ms(t);

    t = Clock::now();
    r.noise = estimate_noise(r.spectrum.real).sigma;
    if (!(r.noise > 0.0)) {
        // Noise-free (synthetic) data: a floor far below any line keeps peak picking meaningful.
        double top = 0.0;
        for (const double v : r.spectrum.real) top = std::max(top, std::abs(v));
        r.noise = top > 0.0 ? 1e-9 * top : 0.0;
    }
    r.timings.noise_ms = elapsed_ms(t);

    t = Clock::now();
    r.peaks = pick_peaks(r.spectrum, r.noise, options.snr_threshold, min_line_width_hz(data, options, use_fid));
    r.timings.peaks_ms = elapsed_ms(t);

    t = Clock::now();
    r.multiplets = find_multiplets(r.spectrum, r.peaks, options.multiplets);
    r.timings.multiplets_ms = elapsed_ms(t);

    r.timings.total_ms = elapsed_ms(start);
    return r;
}

}  // namespace sidepeak::signal

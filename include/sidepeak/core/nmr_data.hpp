#pragma once
/// Value types for 1D NMR data as the readers deliver it and the signal module consumes it.
#include <cmath>
#include <complex>
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "sidepeak/core/data_format.hpp"

namespace sidepeak {

/// Acquisition metadata normalised across vendors. Frequencies in MHz, widths in Hz.
struct NmrMeta {
    DataFormat format = DataFormat::unknown;  ///< as read: bruker_fid, bruker_1r, jcamp_dx, varian, jeol, nmrml
    std::string nucleus = "1H";     ///< observed nucleus, e.g. "1H", "13C"
    double observe_mhz = 0.0;       ///< transmitter (carrier) frequency, Bruker SFO1
    double reference_mhz = 0.0;     ///< frequency of 0 ppm (Bruker SF, else BF1 or the observe frequency)
    double sweep_width_hz = 0.0;    ///< spectral width, Bruker SW_h
    double carrier_ppm = 0.0;       ///< chemical shift of the carrier = centre of the FFT spectrum
    double group_delay_points = 0;  ///< digital-filter group delay still present in the FID (points, may be fractional)
    std::string solvent;            ///< as written by the instrument, e.g. "CDCl3"
    std::string pulse_program;
    std::string instrument;
    std::string title;
    int scans = 0;
    double temperature_k = 0.0;
    /// Vendor parameters kept verbatim (name -> value text) for `info` and provenance.
    std::map<std::string, std::string> params;
};

/// A processed 1D spectrum on an evenly spaced ppm axis. Point 0 is at `ppm_first` (normally the
/// high-ppm, left end), the last point at `ppm_last`.
struct NmrSpectrum {
    std::vector<double> real;
    std::vector<double> imag;  ///< empty when only the real part is known
    double ppm_first = 0.0;
    double ppm_last = 0.0;
    double spectrometer_mhz = 0.0;  ///< MHz per ppm on this axis (the reference frequency)

    [[nodiscard]] std::size_t size() const noexcept { return real.size(); }
    /// ppm step from one point to the next (negative for a descending axis).
    [[nodiscard]] double ppm_step() const noexcept {
        return real.size() > 1 ? (ppm_last - ppm_first) / static_cast<double>(real.size() - 1) : 0.0;
    }
    [[nodiscard]] double ppm_at(double index) const noexcept { return ppm_first + index * ppm_step(); }
    /// Fractional index of a chemical shift (may lie outside [0, size-1]).
    [[nodiscard]] double index_of(double ppm) const noexcept {
        const double step = ppm_step();
        return step != 0.0 ? (ppm - ppm_first) / step : 0.0;
    }
    [[nodiscard]] double hz_per_point() const noexcept {
        return std::abs(ppm_step()) * spectrometer_mhz;
    }
};

/// What an NMR reader returns: metadata, zero or more FIDs (several for an arrayed acquisition)
/// and the vendor-processed spectrum when the file holds one.
struct NmrData {
    NmrMeta meta;
    std::vector<std::vector<std::complex<double>>> fids;
    std::optional<NmrSpectrum> processed;
};

}  // namespace sidepeak

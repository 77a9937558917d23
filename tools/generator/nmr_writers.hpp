#pragma once
// Writers of simulated 1H spectra: a Bruker TopSpin experiment folder (acqus, int32 fid with a
// digital-filter group delay, phase errors, first-point baseline corruption and noise,
// pdata/1/procs) and a JCAMP-DX 5.01 processed spectrum (XYDATA as AFFN or SQZ/DIF/DUP).
#include <complex>
#include <filesystem>
#include <string>
#include <vector>

#include "nmr_model.hpp"
#include "rng.hpp"

namespace sidepeak::gen {

struct NmrAcquisition {
    double bf1_mhz = 400.13;       ///< basic frequency = frequency of 0 ppm (SR = 0)
    double sw_ppm = 20.0;          ///< spectral width
    double carrier_ppm = 6.18;     ///< O1 / BF1
    int complex_points = 16384;    ///< TD / 2
    double group_delay = 67.9862518310547;  ///< GRPDLY (points)
    int dspfvs = 20;
    double p0_deg = 0.0;           ///< zero-order phase error
    double p1_deg = 0.0;           ///< first-order phase error across the full width (extra delay)
    double snr = 2000.0;           ///< height of the tallest line / spectrum noise sigma
    double baseline = 0.005;       ///< first-point corruption as a fraction of the tallest line
    double reference_error_ppm = 0.0;  ///< calibration offset of every line (SR not yet set)
    int scans = 16;
    std::string solvent = "CDCl3";
    std::string title;
    [[nodiscard]] double sw_hz() const { return sw_ppm * bf1_mhz; }
};

/// Writes <dir>/acqus, <dir>/fid, <dir>/pdata/1/procs and <dir>/pdata/1/title.
void write_bruker_experiment(const std::filesystem::path& dir, const std::vector<Line>& lines,
                             const NmrAcquisition& acq, Rng& rng);

enum class JcampEncoding { affn, difdup };

/// Writes a processed (phased, referenced) real spectrum of `points` points as JCAMP-DX 5.01.
void write_jcamp_spectrum(const std::filesystem::path& file, const std::vector<Line>& lines,
                          const NmrAcquisition& acq, int points, JcampEncoding encoding, Rng& rng);

/// In-place radix-2 complex FFT (Cooley & Tukey 1965), forward sign exp(-2 pi i k n / N) when
/// `inverse` is false; the inverse is unnormalised. Size must be a power of two.
void fft_inplace(std::vector<std::complex<double>>& a, bool inverse);

}  // namespace sidepeak::gen

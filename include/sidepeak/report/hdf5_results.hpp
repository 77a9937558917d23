#pragma once
/// results.h5: processed spectra, peak and feature tables and findings in a documented HDF5 layout
/// (docs/report-formats.md) that h5py and HDFView open.
///
///   /                              attrs: schema="sidepeak.results/1", tool_version
///   /samples/<n>                   attrs: id, product, reagent   (n = 0-based sample index)
///     nmr/<k>                      attrs: path, nucleus, spectrometer_mhz, solvent, reference, p0_deg, p1_deg, noise
///       ppm, intensity, baseline   float64[points]
///       peaks/{ppm,height,area,fwhm_hz,snr}           float64[peaks]
///     lcms/<k>                     attrs: path, spectra
///       tic/{time_s,intensity}, bpc/{time_s,intensity} float64
///       features/{mz,rt_s,rt_from_s,rt_to_s,intensity,area,snr,fwhm_s,neutral_mass} float64, {charge,group} int32
///     findings/<class>             attrs: detected (int8), checked (int8), confidence, summary
///       evidence/{mz,rt_s,ppm,ppm_from,ppm_to,area_fraction,ppm_error,intensity} float64 (NaN when absent),
///       evidence attrs: kinds, labels (one string per row, newline-separated)
#include <filesystem>

#include "sidepeak/report/sample_report.hpp"

namespace sidepeak::report {

/// Writes the batch to `path` atomically (temporary file + rename). Throws Error on failure.
void write_hdf5_results(const std::filesystem::path& path, const BatchResult& batch);

}  // namespace sidepeak::report

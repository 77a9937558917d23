#pragma once
/// CSV outputs (RFC 4180 quoting) for spreadsheets and LIMS.
#include <string>

#include "sidepeak/report/sample_report.hpp"

namespace sidepeak::report {

/// summary.csv: one row per sample and class: sample,class,detected,checked,confidence,summary,key_evidence.
std::string summary_csv(const BatchResult& batch);
/// `process --out FILE.csv` for NMR: the peak list (ppm,height,area,fwhm_hz,snr,multiplet), or with
/// `with_spectrum` the processed spectrum (ppm,intensity).
std::string nmr_process_csv(const signal::NmrResult& result, bool with_spectrum);
/// `process --out FILE.csv` for LC-MS: the feature table.
std::string lcms_process_csv(const signal::LcmsResult& result);
/// Quotes a CSV field when it holds a comma, quote or line break.
std::string csv_field(const std::string& text);

}  // namespace sidepeak::report

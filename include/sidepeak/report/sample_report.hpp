#pragma once
/// The result of analysing samples, as the reports present it: per sample its inputs (with
/// read status), the processed NMR and LC-MS data, and one finding per by-product class.
#include <filesystem>
#include <string>
#include <vector>

#include "sidepeak/classify/finding.hpp"
#include "sidepeak/core/data_format.hpp"
#include "sidepeak/core/data_kind.hpp"
#include "sidepeak/signal/lcms_pipeline.hpp"
#include "sidepeak/signal/nmr_pipeline.hpp"

namespace sidepeak::report {

struct InputRecord {
    std::filesystem::path path;
    /// The format discovery recognised by content, given to the reader so it is not detected
    /// again; a string (format_name) only in the reports.
    DataFormat format = DataFormat::unknown;
    DataKind kind = DataKind::unknown;  ///< how the pipeline routes it; a string only in report.json
    bool ok = false;
    std::string error;       ///< why it could not be read or processed (empty when ok)
};

/// A file or folder that discovery passed over, and why (hidden, documentation, a link back into
/// a folder already searched, deeper than the search goes). Listed in report.json `skipped`.
struct SkippedEntry {
    std::filesystem::path path;
    std::string reason;
};

struct NmrInput {
    std::filesystem::path path;
    signal::NmrResult result;
};

/// The raw data behind one LC-MS evidence ion, for the reviewer to see: its extracted-ion
/// chromatogram over the whole run, the mass spectrum around it at its apex, and the isotope
/// pattern predicted from its formula.
struct IonTrace {
    std::string label;
    std::string formula;
    std::string adduct;
    double mz = 0.0;
    double rt_s = 0.0;                        ///< apex used for the spectrum
    double tolerance_ppm = 0.0;
    Chromatogram xic;                         ///< one point per MS1 scan
    std::vector<double> spectrum_mz;          ///< apex scan, m/z window around the ion
    std::vector<double> spectrum_intensity;
    std::vector<double> predicted_mz;         ///< isotope pattern of the ion (empty without formula)
    std::vector<double> predicted_relative;   ///< relative to the monoisotopic peak
};

/// The consensus fragment spectrum behind one "ms2_spectrum" evidence entry (all its peaks,
/// annotated or not), so the report can plot what the detector read.
struct Ms2Trace {
    std::vector<std::string> scan_ids;        ///< the merged scans (same as the evidence's)
    double precursor_mz = 0.0;
    std::vector<double> mz;                   ///< consensus peaks, ascending
    std::vector<double> relative_intensity;   ///< to the most intense consensus peak (0..1)
};

struct LcmsInput {
    std::filesystem::path path;
    signal::LcmsResult result;
    std::vector<IonTrace> traces;             ///< one per distinct evidence ion
    std::vector<Ms2Trace> ms2;                ///< one per "ms2_spectrum" evidence read from this run
};

struct SampleResult {
    std::string id;
    classify::SampleContext context;
    std::vector<InputRecord> inputs;
    std::vector<SkippedEntry> skipped;        ///< entries of the sample's folder not taken as inputs
    std::vector<NmrInput> nmr;
    std::vector<LcmsInput> lcms;
    std::vector<classify::Finding> findings;  ///< exactly one per class, in kAllClasses order
    double elapsed_ms = 0.0;
};

/// A batch: the samples and the inputs that could not be read (also listed per sample).
/// One analysis parameter and the value a batch ran with (key "section.name", value as JSON
/// text); report.json writes them as its `parameters` block.
struct ParameterValue {
    std::string key;
    std::string value_json;
};

struct BatchResult {
    std::vector<SampleResult> samples;
    std::vector<SkippedEntry> skipped;        ///< entries of the --batch folder that are not samples
    std::vector<ParameterValue> parameters;   ///< every analysis parameter used (empty: not recorded)
};

}  // namespace sidepeak::report

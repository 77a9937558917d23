#pragma once
/// Sample analysis: finds the inputs of a sample, reads and processes each (NMR and LC-MS),
/// runs the classifier and returns everything the reports need. Shared by the command line and
/// the C ABI.
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "sidepeak/classify/finding.hpp"
#include "sidepeak/signal/lcms_pipeline.hpp"
#include "sidepeak/signal/nmr_pipeline.hpp"

namespace sidepeak::pipeline {

struct InputRecord {
    std::filesystem::path path;
    std::string format;      ///< contract name, "unknown" when not recognised
    std::string kind;        ///< "nmr", "lcms" or "unknown"
    bool ok = false;
    std::string error;       ///< why it could not be read (empty when ok)
};

struct SampleResult {
    std::string id;
    classify::SampleContext context;
    std::vector<InputRecord> inputs;
    std::vector<signal::NmrResult> nmr;      ///< one per NMR input read
    std::vector<std::filesystem::path> nmr_paths;
    std::vector<signal::LcmsResult> lcms;    ///< one per LC-MS input read
    std::vector<std::filesystem::path> lcms_paths;
    std::vector<classify::Finding> findings; ///< exactly one per class, in kAllClasses order
    double elapsed_ms = 0.0;
};

struct AnalysisOptions {
    signal::NmrProcessingOptions nmr;
    signal::LcmsProcessingOptions lcms;
    /// Called with a stage name and the fraction done; return false to cancel.
    std::function<bool(const std::string&, double)> progress;
};

/// Lists the input files of a sample path: the path itself when it is an instrument file or a
/// Bruker/Varian folder, else every recognised entry inside the folder (recursively, stopping at
/// instrument folders). Unrecognised files inside a sample folder are listed as inputs with an error.
std::vector<InputRecord> discover_inputs(const std::filesystem::path& sample_path);

/// Analyses one sample. Never throws for bad input: unreadable inputs are recorded in
/// SampleResult::inputs. Throws UsageError for an invalid context, Error("cancelled") when the
/// progress callback cancels.
SampleResult analyze_sample(const std::string& id, const std::filesystem::path& sample_path,
                            const classify::SampleContext& context, const AnalysisOptions& options = {});

}  // namespace sidepeak::pipeline

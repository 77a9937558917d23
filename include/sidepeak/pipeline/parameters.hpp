#pragma once
/// Every parameter of an analysis, declared once (src/pipeline/parameters.cpp): its key in a
/// configuration file ("section.name"), unit, allowed range or values, and what it does. The
/// default is the member initialiser of the option structs (sidepeak/signal/nmr_options.hpp,
/// sidepeak/signal/lcms_pipeline.hpp, sidepeak/classify/classifier.hpp). From this one table come
/// the `--config` parser (config.hpp), `sidepeak config --defaults`, the parameter list in
/// docs/user-guide.md and the `parameters` block of report.json.
#include <string>
#include <vector>

#include "sidepeak/pipeline/analyze.hpp"

namespace sidepeak::pipeline {

/// A parameter as the documentation shows it.
struct ParameterInfo {
    std::string key;           ///< "nmr.line_broadening_hz"
    std::string unit;          ///< "Hz", "ppm", "s", "" for plain numbers and names
    std::string allowed;       ///< "0 to 1000", "exponential | gaussian | ...", "true | false"
    std::string help;          ///< one sentence
    std::string default_json;  ///< the default as JSON text ("0.3", "\"exponential\"", "false")
};

/// The table, in the order of the configuration file.
[[nodiscard]] std::vector<ParameterInfo> parameter_list();

/// The value of every parameter in `options`, in table order (key and JSON text).
[[nodiscard]] std::vector<report::ParameterValue> parameter_values(const AnalysisOptions& options);

/// A complete configuration file holding every default, one `//` comment per parameter (unit,
/// allowed values, help). options_from_json_text() reads it back to the default options.
[[nodiscard]] std::string default_config_text();

/// The parameter list of docs/user-guide.md (a Markdown table).
[[nodiscard]] std::string parameters_markdown();

}  // namespace sidepeak::pipeline

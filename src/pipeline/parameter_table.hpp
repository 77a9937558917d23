#pragma once
// The parameter table behind sidepeak/pipeline/parameters.hpp and config.hpp: each entry reads
// and writes its field of AnalysisOptions as JSON and checks the value's type and range.
#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "sidepeak/pipeline/analyze.hpp"

namespace sidepeak::pipeline::detail {

struct Parameter {
    std::string key;      ///< "section.name"
    std::string unit;
    std::string allowed;  ///< range or values, as the documentation prints them
    std::string help;
    std::function<nlohmann::json(const AnalysisOptions&)> get;
    /// Throws UsageError naming the key when the value has the wrong type or is out of range.
    std::function<void(AnalysisOptions&, const nlohmann::json&)> set;

    [[nodiscard]] std::string section() const { return key.substr(0, key.find('.')); }
    [[nodiscard]] std::string name() const { return key.substr(key.find('.') + 1); }
};

/// The table, in configuration-file order (built once per call; cheap).
[[nodiscard]] std::vector<Parameter> parameter_table();

}  // namespace sidepeak::pipeline::detail

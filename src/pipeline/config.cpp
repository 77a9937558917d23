#include "sidepeak/pipeline/config.hpp"

#include <algorithm>

#include "config_json.hpp"
#include "parameter_table.hpp"
#include "sidepeak/core/error.hpp"

namespace sidepeak::pipeline {
using nlohmann::json;

namespace detail {

AnalysisOptions options_from_json(const json& config) {
    AnalysisOptions options;
    if (config.is_null()) return options;
    if (!config.is_object()) throw UsageError("config: expected a JSON object");
    const auto table = detail::parameter_table();
    for (const auto& [section, values] : config.items()) {
        bool known = false;
        for (const auto& p : table) known = known || p.section() == section;
        if (!known) throw UsageError("config: unknown section " + section);
        if (!values.is_object()) throw UsageError("config: " + section + " must be an object");
        for (const auto& [name, value] : values.items()) {
            const std::string key = section + "." + name;
            const auto it = std::find_if(table.begin(), table.end(), [&](const auto& p) { return p.key == key; });
            if (it == table.end()) throw UsageError("config: unknown key " + key);
            it->set(options, value);
        }
    }
    return options;
}

}  // namespace detail

AnalysisOptions options_from_json_text(const std::string& text) {
    if (text.find_first_not_of(" \t\r\n") == std::string::npos) return {};
    json parsed;
    try {
        // Comments are allowed (`sidepeak config --defaults` writes one per parameter).
        parsed = json::parse(text, nullptr, true, true);
    } catch (const json::exception& e) {
        // parse_error, and out_of_range for numbers beyond double ("1e700").
        throw UsageError(std::string("config: malformed JSON: ") + e.what());
    }
    return detail::options_from_json(parsed);
}

}  // namespace sidepeak::pipeline

#include "sidepeak/pipeline/config.hpp"

#include <map>

#include "sidepeak/core/error.hpp"

namespace sidepeak::pipeline {
using nlohmann::json;

namespace {

template <typename Enum>
Enum enum_value(const json& value, const std::string& key, const std::map<std::string, Enum>& names) {
    if (!value.is_string()) throw UsageError("config: " + key + " must be a string");
    const auto it = names.find(value.get<std::string>());
    if (it == names.end()) throw UsageError("config: unknown value '" + value.get<std::string>() + "' for " + key);
    return it->second;
}

double number(const json& value, const std::string& key, double lo, double hi) {
    if (!value.is_number()) throw UsageError("config: " + key + " must be a number");
    const double v = value.get<double>();
    if (!(v >= lo && v <= hi)) throw UsageError("config: " + key + " is out of range");
    return v;
}

void read_nmr(const json& j, signal::NmrProcessingOptions& o) {
    using signal::Apodization;
    using signal::BaselineMethod;
    using signal::PhaseMethod;
    for (const auto& [key, value] : j.items()) {
        const std::string k = "nmr." + key;
        if (key == "apodization") {
            o.apodization = enum_value<Apodization>(value, k, {{"exponential", Apodization::exponential},
                                                               {"gaussian", Apodization::gaussian},
                                                               {"sine_bell", Apodization::sine_bell},
                                                               {"sine_bell_squared", Apodization::sine_bell_squared},
                                                               {"none", Apodization::none}});
        } else if (key == "line_broadening_hz") {
            o.line_broadening_hz = number(value, k, 0.0, 1000.0);
        } else if (key == "sine_shift_deg") {
            o.sine_shift_deg = number(value, k, 0.0, 180.0);
        } else if (key == "zero_fill_factor") {
            o.zero_fill_factor = static_cast<int>(number(value, k, 1, 16));
        } else if (key == "phase") {
            o.phase_method = enum_value<PhaseMethod>(value, k, {{"acme", PhaseMethod::acme},
                                                               {"peak_minimum_entropy", PhaseMethod::peak_minimum_entropy},
                                                               {"manual", PhaseMethod::manual},
                                                               {"none", PhaseMethod::none}});
        } else if (key == "p0_deg") {
            o.manual_p0_deg = number(value, k, -1e5, 1e5);
        } else if (key == "p1_deg") {
            o.manual_p1_deg = number(value, k, -1e6, 1e6);
        } else if (key == "baseline") {
            o.baseline = enum_value<BaselineMethod>(value, k, {{"arpls", BaselineMethod::arpls},
                                                              {"asls", BaselineMethod::asls},
                                                              {"airpls", BaselineMethod::airpls},
                                                              {"polynomial", BaselineMethod::polynomial},
                                                              {"none", BaselineMethod::none}});
        } else if (key == "baseline_lambda") {
            o.baseline_lambda = number(value, k, 0.0, 1e15);
        } else if (key == "snr_threshold") {
            o.snr_threshold = number(value, k, 0.0, 1e6);
        } else if (key == "multiplet_window_hz") {
            o.multiplet_window_hz = number(value, k, 0.0, 1000.0);
        } else if (key == "use_vendor_processed") {
            if (!value.is_boolean()) throw UsageError("config: " + k + " must be true or false");
            o.use_vendor_processed = value.get<bool>();
        } else {
            throw UsageError("config: unknown key " + k);
        }
    }
}

void read_lcms(const json& j, signal::LcmsProcessingOptions& o) {
    for (const auto& [key, value] : j.items()) {
        const std::string k = "lcms." + key;
        if (key == "mass_tolerance_ppm") {
            o.mass_tolerance_ppm = number(value, k, 0.01, 1000.0);
        } else if (key == "min_snr") {
            o.min_snr = number(value, k, 0.0, 1e6);
        } else if (key == "min_trace_scans") {
            o.min_trace_scans = number(value, k, 1, 1000);
        } else if (key == "max_charge") {
            o.max_charge = static_cast<int>(number(value, k, 1, 10));
        } else {
            throw UsageError("config: unknown key " + k);
        }
    }
}

void read_classify(const json& j, classify::ClassifierOptions& o) {
    for (const auto& [key, value] : j.items()) {
        const std::string k = "classify." + key;
        if (key == "mass_tolerance_ppm") {
            o.mass_tolerance_ppm = number(value, k, 0.1, 100.0);
        } else if (key == "coelution_s") {
            o.coelution_s = number(value, k, 0.0, 600.0);
        } else if (key == "separation_s") {
            o.separation_s = number(value, k, 0.0, 600.0);
        } else {
            throw UsageError("config: unknown key " + k);
        }
    }
}

}  // namespace

AnalysisOptions options_from_json(const json& config) {
    AnalysisOptions options;
    if (config.is_null()) return options;
    if (!config.is_object()) throw UsageError("config: expected a JSON object");
    for (const auto& [key, value] : config.items()) {
        if (!value.is_object()) throw UsageError("config: " + key + " must be an object");
        if (key == "nmr") {
            read_nmr(value, options.nmr);
        } else if (key == "lcms") {
            read_lcms(value, options.lcms);
        } else if (key == "classify") {
            read_classify(value, options.classify);
        } else {
            throw UsageError("config: unknown section " + key);
        }
    }
    return options;
}

AnalysisOptions options_from_json_text(const std::string& text) {
    if (text.find_first_not_of(" \t\r\n") == std::string::npos) return {};
    json parsed;
    try {
        parsed = json::parse(text);
    } catch (const json::exception& e) {
        // parse_error, and out_of_range for numbers beyond double ("1e700").
        throw UsageError(std::string("config: malformed JSON: ") + e.what());
    }
    return options_from_json(parsed);
}

}  // namespace sidepeak::pipeline

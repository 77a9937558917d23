// The plugin ABI (include/sidepeak/sidepeak.h) over the C++ library. No exception crosses this
// boundary: every entry point catches everything and turns it into a status plus a per-thread
// message.
#include "sidepeak/sidepeak.h"

#include <cstdlib>
#include <cstring>
#include <exception>
#include <memory>
#include <new>
#include <string>

#include <nlohmann/json.hpp>

#include "sidepeak/core/error.hpp"
#include "sidepeak/pipeline/analyze.hpp"
#include "sidepeak/pipeline/config.hpp"
#include "sidepeak/report/json_report.hpp"
#include "sidepeak/version.hpp"

struct sidepeak_session {
    sidepeak::pipeline::AnalysisOptions options;
    sidepeak_progress_fn progress = nullptr;
    void* progress_user = nullptr;
};

namespace {

thread_local std::string t_last_error;

void set_error(const std::string& message) { t_last_error = message; }

// Copies a string into malloc'd memory owned by the caller (freed by sidepeak_string_free).
char* duplicate(const std::string& text) {
    auto* out = static_cast<char*>(std::malloc(text.size() + 1));
    if (out == nullptr) throw std::bad_alloc();
    std::memcpy(out, text.c_str(), text.size() + 1);
    return out;
}

struct Context {
    std::string id = "sample";
    sidepeak::classify::SampleContext sample;
};

Context parse_context(const char* context_json, const std::string& default_id) {
    Context context;
    context.id = default_id;
    if (context_json == nullptr) return context;
    nlohmann::json j;
    try {
        j = nlohmann::json::parse(context_json);
    } catch (const nlohmann::json::parse_error& e) {
        throw sidepeak::UsageError(std::string("context_json: malformed JSON: ") + e.what());
    }
    if (!j.is_object()) throw sidepeak::UsageError("context_json: expected an object");
    const auto text = [&](const char* key) {
        if (!j.contains(key)) return std::string();
        if (!j[key].is_string()) throw sidepeak::UsageError(std::string("context_json: ") + key + " must be a string");
        return j[key].get<std::string>();
    };
    if (const auto id = text("id"); !id.empty()) context.id = id;
    context.sample = sidepeak::pipeline::resolve_context(text("product"), text("reagent"));
    return context;
}

sidepeak::pipeline::AnalysisOptions session_options(sidepeak_session* session) {
    auto options = session->options;
    if (session->progress != nullptr) {
        const auto fn = session->progress;
        void* user = session->progress_user;
        options.progress = [fn, user](const std::string& stage, double fraction) {
            return fn(stage.c_str(), fraction, user) == 0;
        };
    }
    return options;
}

template <typename Analyse>
int run(sidepeak_session* session, char** report_json, Analyse&& analyse) {
    if (report_json != nullptr) *report_json = nullptr;
    if (session == nullptr || report_json == nullptr) {
        set_error("session and report_json must not be NULL");
        return SIDEPEAK_ERROR_ARGUMENT;
    }
    try {
        sidepeak::report::BatchResult batch;
        batch.samples.push_back(analyse(session_options(session)));
        bool input_error = false;
        for (const auto& in : batch.samples.front().inputs) input_error = input_error || !in.ok;
        *report_json = duplicate(sidepeak::report::report_json_text(batch));
        set_error(input_error ? "some inputs could not be read; the report lists them" : "");
        return input_error ? SIDEPEAK_ERROR_INPUT : SIDEPEAK_OK;
    } catch (const sidepeak::UsageError& e) {
        set_error(e.what());
        return SIDEPEAK_ERROR_ARGUMENT;
    } catch (const sidepeak::Cancelled& e) {
        set_error(e.what());
        return SIDEPEAK_ERROR_CANCELLED;
    } catch (const sidepeak::Error& e) {
        set_error(e.what());
        return SIDEPEAK_ERROR_INTERNAL;
    } catch (const std::exception& e) {
        set_error(e.what());
        return SIDEPEAK_ERROR_INTERNAL;
    } catch (...) {
        set_error("unknown error");
        return SIDEPEAK_ERROR_INTERNAL;
    }
}

}  // namespace

extern "C" {

const char* sidepeak_version(void) { return sidepeak::version(); }

int sidepeak_abi_version(void) { return 1; }

sidepeak_session* sidepeak_session_new(const char* config_json) {
    try {
        auto session = std::make_unique<sidepeak_session>();
        if (config_json != nullptr) session->options = sidepeak::pipeline::options_from_json_text(config_json);
        set_error("");
        return session.release();
    } catch (const std::exception& e) {
        set_error(e.what());
    } catch (...) {
        set_error("unknown error");
    }
    return nullptr;
}

void sidepeak_session_free(sidepeak_session* session) { std::unique_ptr<sidepeak_session> owned(session); }

int sidepeak_session_set_progress(sidepeak_session* session, sidepeak_progress_fn fn, void* user_data) {
    if (session == nullptr) {
        set_error("session must not be NULL");
        return SIDEPEAK_ERROR_ARGUMENT;
    }
    session->progress = fn;
    session->progress_user = user_data;
    return SIDEPEAK_OK;
}

int sidepeak_analyze_path(sidepeak_session* session, const char* path, const char* context_json, char** report_json) {
    if (path == nullptr) {
        if (report_json != nullptr) *report_json = nullptr;
        set_error("path must not be NULL");
        return SIDEPEAK_ERROR_ARGUMENT;
    }
    return run(session, report_json, [&](const sidepeak::pipeline::AnalysisOptions& options) {
        const std::filesystem::path p(path);
        const auto context = parse_context(context_json, p.filename().empty() ? p.string() : p.filename().string());
        return sidepeak::pipeline::analyze_sample(context.id, p, context.sample, options);
    });
}

int sidepeak_analyze_buffer(sidepeak_session* session, const void* data, size_t size, const char* name,
                            const char* context_json, char** report_json) {
    if (data == nullptr && size > 0) {
        if (report_json != nullptr) *report_json = nullptr;
        set_error("data must not be NULL");
        return SIDEPEAK_ERROR_ARGUMENT;
    }
    return run(session, report_json, [&](const sidepeak::pipeline::AnalysisOptions& options) {
        const std::string label = name != nullptr ? name : "buffer";
        const auto context = parse_context(context_json, label);
        return sidepeak::pipeline::analyze_buffer(context.id, data, size, label, context.sample, options);
    });
}

void sidepeak_string_free(char* text) { std::free(text); }

const char* sidepeak_last_error(void) { return t_last_error.c_str(); }

}  // extern "C"

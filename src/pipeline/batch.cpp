#include "sidepeak/pipeline/batch.hpp"
#include "sidecar.hpp"

#include <algorithm>
#include <cctype>
#include <atomic>
#include <map>
#include <set>
#include <exception>
#include <mutex>
#include <new>
#include <system_error>
#include <utility>
#include <thread>

#include <sched.h>

#include "sidepeak/classify/classifier.hpp"
#include "sidepeak/core/error.hpp"
#include "sidepeak/core/file_io.hpp"
#include "sidepeak/io/format.hpp"
#include "sidepeak/pipeline/parameters.hpp"

namespace sidepeak::pipeline {
namespace fs = std::filesystem;

namespace {

// One CSV record: its fields (quoted ones verbatim, the others without surrounding blanks) and the
// line it starts on.
struct Record {
    std::vector<std::string> fields;
    std::size_t line = 0;
};

std::string trim_blanks(const std::string& f) {
    const auto a = f.find_first_not_of(" \t");
    const auto b = f.find_last_not_of(" \t");
    return a == std::string::npos ? std::string() : f.substr(a, b - a + 1);
}

// Splits CSV text into records per RFC 4180: fields separated by commas, records by CRLF, LF or a
// lone CR; a field that starts with '"' (after blanks) runs to the matching '"', with '""' for one
// quote and commas and line breaks kept. Blank records and records starting with '#' are dropped.
std::vector<Record> split_records(std::string_view text, const fs::path& sheet) {
    std::vector<Record> records;
    std::size_t line = 1;
    std::size_t i = 0;
    const std::size_t n = text.size();
    while (i < n) {
        Record rec;
        rec.line = line;
        if (text[i] == '#') {  // a comment line
            while (i < n && text[i] != '\n' && text[i] != '\r') ++i;
        } else {
            std::string field;
            bool quoted = false;  // the current field was quoted (kept verbatim)
            const auto end_field = [&] {
                rec.fields.push_back(quoted ? field : trim_blanks(field));
                field.clear();
                quoted = false;
            };
            while (i < n && text[i] != '\n' && text[i] != '\r') {
                const char c = text[i];
                if (c == ',') {
                    end_field();
                    ++i;
                } else if (c == '"' && !quoted && field.find_first_not_of(" \t") == std::string::npos) {
                    const std::size_t opened = line;
                    quoted = true;
                    field.clear();
                    ++i;
                    for (;;) {
                        if (i >= n) {
                            throw InputError(sheet, std::string("line ") + std::to_string(opened) +
                                                        ": a quoted field starts here and is never closed (a '\"' is missing)");
                        }
                        const char q = text[i];
                        if (q == '"') {
                            if (i + 1 < n && text[i + 1] == '"') {
                                field += '"';
                                i += 2;
                                continue;
                            }
                            ++i;
                            break;
                        }
                        if (q == '\r' && i + 1 < n && text[i + 1] == '\n') {  // CRLF inside quotes: one line break
                            field += '\n';
                            i += 2;
                            ++line;
                            continue;
                        }
                        if (q == '\n' || q == '\r') {
                            field += '\n';
                            ++line;
                        } else {
                            field += q;
                        }
                        ++i;
                    }
                } else {
                    // Text after a closing quote, or a quote inside an unquoted field: kept as it is.
                    if (!(quoted && (c == ' ' || c == '\t'))) field += c;
                    ++i;
                }
            }
            end_field();
        }
        // The line break ending the record (CRLF counts once).
        if (i < n && text[i] == '\r') {
            ++i;
            if (i < n && text[i] == '\n') ++i;
        } else if (i < n && text[i] == '\n') {
            ++i;
        }
        ++line;
        const bool blank = rec.fields.empty() || (rec.fields.size() == 1 && rec.fields[0].empty());
        if (!blank) records.push_back(std::move(rec));
    }
    return records;
}

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

}  // namespace

std::vector<SampleSpec> parse_sample_sheet(std::string_view text, const fs::path& sheet) {
    if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);  // UTF-8 byte-order mark
    const auto records = split_records(text, sheet);
    if (records.empty()) throw InputError(sheet, "sample sheet is empty: it needs a header with 'sample' and 'path' columns");
    const Record& header = records.front();
    int col_sample = -1, col_id = -1, col_path = -1, col_product = -1, col_reagent = -1;
    for (std::size_t k = 0; k < header.fields.size(); ++k) {
        const std::string name = lower(trim_blanks(header.fields[k]));
        int* col = name == "sample" ? &col_sample : name == "id" ? &col_id : name == "path" ? &col_path
                 : name == "product" ? &col_product : name == "reagent" ? &col_reagent : nullptr;
        if (col == nullptr) continue;
        if (*col >= 0) {
            throw InputError(sheet, std::string("line ") + std::to_string(header.line) + ": the column '" + name + "' appears twice");
        }
        *col = static_cast<int>(k);
    }
    if (col_sample < 0) col_sample = col_id;
    if (col_sample < 0 || col_path < 0) {
        throw InputError(sheet, std::string("line ") + std::to_string(header.line) +
                                    ": sample sheet needs a header with at least 'sample' and 'path' columns ('id' may stand for 'sample')");
    }
    std::vector<SampleSpec> specs;
    specs.reserve(records.size() - 1);
    for (std::size_t r = 1; r < records.size(); ++r) {
        const Record& row = records[r];
        const auto get = [&](int col) {
            return static_cast<std::size_t>(col) < row.fields.size() ? row.fields[static_cast<std::size_t>(col)]
                                                                      : std::string();
        };
        SampleSpec spec{get(col_sample), get(col_path), col_product >= 0 ? get(col_product) : std::string(),
                        col_reagent >= 0 ? get(col_reagent) : std::string()};
        const std::string where = std::string("sample sheet line ") + std::to_string(row.line) + ": ";
        std::size_t used = row.fields.size();
        while (used > header.fields.size() && row.fields[used - 1].empty()) --used;  // trailing empty fields
        const std::string path_text = get(col_path);
        if (used > header.fields.size()) {
            spec.error = where + std::to_string(used) + " fields, the header has " + std::to_string(header.fields.size()) +
                         " (a field holding a comma must be in double quotes)";
        } else if (spec.id.empty()) {
            spec.error = where + "the sample column is empty";
        } else if (path_text.empty()) {
            spec.error = where + "the path column is empty";
        } else if (path_text.find('\0') != std::string::npos || spec.id.find('\0') != std::string::npos) {
            spec.error = where + "a field holds a NUL byte";
        }
        if (!spec.error.empty()) {
            if (spec.id.empty() || spec.id.find('\0') != std::string::npos) spec.id = std::string("line-") + std::to_string(row.line);
            spec.path = sheet;
        } else if (spec.path.is_relative()) {
            spec.path = sheet.parent_path() / spec.path;
        }
        specs.push_back(std::move(spec));
    }
    return specs;
}

std::vector<SampleSpec> read_sample_sheet(const fs::path& sheet) {
    return parse_sample_sheet(read_file_text(sheet, 64u << 20), sheet);
}

std::vector<SampleSpec> samples_in_folder(const fs::path& dir, std::vector<report::SkippedEntry>* skipped,
                                          const fs::path& exclude) {
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) throw InputError(dir, "--batch expects a folder");
    std::vector<fs::path> entries;
    for (const auto& e : fs::directory_iterator(dir, ec)) entries.push_back(e.path());
    if (ec) throw InputError(dir, "cannot list folder: " + ec.message());
    std::sort(entries.begin(), entries.end());
    const auto skip = [&](const fs::path& p, std::string reason) {
        if (skipped != nullptr) skipped->push_back({p, std::move(reason)});
    };
    std::vector<SampleSpec> specs;
    for (const auto& p : entries) {
        const std::string name = p.filename().string();
        const bool folder = fs::is_directory(p, ec);
        if (!exclude.empty() && fs::equivalent(p, exclude, ec)) {
            skip(p, "the report folder (--out), not a sample");
            continue;
        }
        if (name.empty() || name[0] == '.') {
            skip(p, folder ? "hidden folder (name starts with '.'), not a sample" : "hidden file (name starts with '.')");
            continue;
        }
        if (folder && is_report_folder(p)) {
            skip(p, "a sidepeak report folder (it holds .sidepeak, written by an earlier --out), not a sample");
            continue;
        }
        if (!folder && detail::is_sidecar(p) && io::detect_format(p) == io::Format::unknown) {
            skip(p, "documentation or sample sheet (content is no NMR or LC-MS format), not a sample");
            continue;
        }
        specs.push_back({folder ? name : p.stem().string(), p, "", ""});
    }
    return specs;
}

std::vector<SampleSpec> merge_sample_specs(std::vector<SampleSpec> sheet, std::vector<SampleSpec> folder,
                                           std::vector<SampleSpec> paths) {
    const auto key = [](const fs::path& p) { return fs::absolute(p).lexically_normal(); };
    std::set<fs::path> named;
    for (const auto& s : sheet) {
        if (s.error.empty()) named.insert(key(s.path));
    }
    std::vector<SampleSpec> out = std::move(sheet);
    for (auto& spec : folder) {
        if (!named.count(key(spec.path))) out.push_back(std::move(spec));
    }
    for (auto& spec : paths) out.push_back(std::move(spec));
    // Unique ids: the first keeps its name, later ones get -2, -3, ... (skipping names in use).
    std::set<std::string> used;
    std::map<std::string, int> next;
    for (const auto& s : out) used.insert(s.id);
    std::set<std::string> seen;
    for (auto& s : out) {
        if (seen.insert(s.id).second) continue;
        int& n = next[s.id];
        std::string id;
        do id = s.id + "-" + std::to_string(++n + 1);
        while (used.count(id));
        used.insert(id);
        seen.insert(id);
        s.id = id;
    }
    return out;
}

unsigned usable_cores() {
    cpu_set_t set;
    CPU_ZERO(&set);
    if (::sched_getaffinity(0, sizeof(set), &set) == 0) {
        const int n = CPU_COUNT(&set);
        if (n > 0) return static_cast<unsigned>(n);
    }
    return std::max(1u, std::thread::hardware_concurrency());
}

unsigned planned_workers(unsigned jobs, std::size_t samples) {
    const std::size_t want = jobs == 0 ? usable_cores() : jobs;
    return static_cast<unsigned>(std::max<std::size_t>(1, std::min(want, samples)));
}

namespace {

// The result of a sheet row that cannot be a sample: its problem as an unreadable input.
report::SampleResult row_error(const SampleSpec& spec) {
    report::SampleResult s;
    s.id = spec.id;
    s.inputs.push_back({spec.path, DataFormat::sample_sheet, DataKind::unknown, false, spec.error});
    auto classification = classify::classify(classify::ClassifierInput{});  // one "not detected" finding per class
    s.findings = std::move(classification.findings);
    return s;
}

}  // namespace

BatchContext::BatchContext(std::string product, std::string reagent)
    : product_(std::move(product)), reagent_(std::move(reagent)) {
    try {
        resolved_ = resolve_context(product_, reagent_);
    } catch (const UsageError& e) {
        error_ = e.what();
    }
}

void BatchContext::check() const {
    if (!error_.empty()) throw UsageError(error_);
}

std::string BatchContext::product_of(const SampleSpec& spec) const { return spec.product.empty() ? product_ : spec.product; }

std::string BatchContext::reagent_of(const SampleSpec& spec) const { return spec.reagent.empty() ? reagent_ : spec.reagent; }

classify::SampleContext BatchContext::resolve(const SampleSpec& spec) const {
    if (!spec.product.empty() || !spec.reagent.empty()) return resolve_context(product_of(spec), reagent_of(spec));
    check();
    return resolved_;
}

report::SampleResult analyze_spec(const SampleSpec& spec, const std::string& default_product,
                                  const std::string& default_reagent, const AnalysisOptions& options) {
    return analyze_spec(spec, BatchContext(default_product, default_reagent), options);
}

report::SampleResult analyze_spec(const SampleSpec& spec, const BatchContext& batch_context, const AnalysisOptions& options) {
    if (!spec.error.empty()) return row_error(spec);
    try {
        const auto context = batch_context.resolve(spec);
        return analyze_sample(spec.id, spec.path, context, options);
    } catch (const UsageError& e) {
        // A bad context in one sheet row is that sample's problem, not the batch's: analyse
        // without context and list the problem with the inputs.
        auto s = analyze_sample(spec.id, spec.path, {}, options);
        s.inputs.push_back({spec.path, DataFormat::sample_sheet, DataKind::unknown, false, std::string("reaction context: ") + e.what()});
        return s;
    }
}

void for_each_parallel(std::size_t count, BatchThreads& threads, const std::function<void(std::size_t)>& task) {
    std::atomic<std::size_t> next{0};
    std::exception_ptr failure;
    std::mutex failure_mutex;
    std::atomic<bool> failed{false};
    const auto worker = [&] {
        for (std::size_t i = next++; i < count && !failed; i = next++) {
            try {
                task(i);
            } catch (...) {
                const std::lock_guard lock(failure_mutex);
                if (!failure) failure = std::current_exception();
                failed = true;
            }
        }
    };
    threads.planned = planned_workers(threads.jobs, count);
    threads.started = 1;  // the calling thread
    threads.fallback.clear();
    {
        std::vector<std::jthread> pool;
        pool.reserve(threads.planned);
        // A thread that cannot be created (EAGAIN under RLIMIT_NPROC, cgroup pids.max or a memory
        // limit) ends the spawning: the workers already running, and this thread, do the rest.
        for (unsigned t = 1; t < threads.planned; ++t) {
            try {
                pool.push_back(threads.spawn ? threads.spawn(worker) : std::jthread(worker));
                ++threads.started;
            } catch (const std::system_error& e) {
                threads.fallback = e.what();
                break;
            } catch (const std::bad_alloc& e) {
                threads.fallback = e.what();
                break;
            }
        }
        worker();
    }
    if (failure) std::rethrow_exception(failure);
}

report::BatchResult analyze_batch(const std::vector<SampleSpec>& specs, const std::string& default_product,
                                  const std::string& default_reagent, const AnalysisOptions& options,
                                  BatchThreads& threads, const SampleDone& on_done) {
    report::BatchResult batch;
    batch.parameters = parameter_values(options);
    batch.samples.resize(specs.size());
    const BatchContext context(default_product, default_reagent);
    std::mutex done_mutex;
    std::size_t done = 0;
    for_each_parallel(specs.size(), threads, [&](std::size_t i) {
        batch.samples[i] = analyze_spec(specs[i], context, options);
        if (on_done) {
            const std::lock_guard lock(done_mutex);
            on_done(++done, specs.size(), batch.samples[i]);
        }
    });
    return batch;
}

report::BatchResult analyze_batch(const std::vector<SampleSpec>& specs, const std::string& default_product,
                                  const std::string& default_reagent, const AnalysisOptions& options, unsigned jobs,
                                  const SampleDone& on_done) {
    BatchThreads threads;
    threads.jobs = jobs;
    return analyze_batch(specs, default_product, default_reagent, options, threads, on_done);
}

}  // namespace sidepeak::pipeline

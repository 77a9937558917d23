#include "sidepeak/pipeline/batch.hpp"

#include <algorithm>
#include <cctype>
#include <atomic>
#include <map>
#include <set>
#include <exception>
#include <mutex>
#include <sstream>
#include <thread>

#include "sidepeak/core/error.hpp"
#include "sidepeak/core/file_io.hpp"
#include "sidepeak/io/format.hpp"

namespace sidepeak::pipeline {
namespace fs = std::filesystem;

namespace {

// Splits one CSV line (RFC 4180 quoting; no embedded line breaks in a sample sheet).
std::vector<std::string> split_csv(const std::string& line) {
    std::vector<std::string> out(1);
    bool quoted = false;
    for (std::size_t i = 0; i < line.size(); ++i) {
        const char c = line[i];
        if (quoted) {
            if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
                out.back() += '"';
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                out.back() += c;
            }
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            out.emplace_back();
        } else if (c != '\r') {
            out.back() += c;
        }
    }
    for (auto& f : out) {
        const auto a = f.find_first_not_of(" \t");
        const auto b = f.find_last_not_of(" \t");
        f = a == std::string::npos ? "" : f.substr(a, b - a + 1);
    }
    return out;
}

}  // namespace

std::vector<SampleSpec> read_sample_sheet(const fs::path& sheet) {
    const std::string text = read_file_text(sheet, 64u << 20);
    std::istringstream in(text);
    std::string line;
    std::vector<SampleSpec> specs;
    std::vector<std::string> header;
    std::size_t line_no = 0;
    int col_sample = -1, col_path = -1, col_product = -1, col_reagent = -1;
    while (std::getline(in, line)) {
        ++line_no;
        if (line.find_first_not_of(" \t\r") == std::string::npos || line[0] == '#') continue;
        auto fields = split_csv(line);
        if (header.empty()) {
            header = fields;
            for (std::size_t i = 0; i < header.size(); ++i) {
                const auto& h = header[i];
                const int idx = static_cast<int>(i);
                if (h == "sample" || h == "id") col_sample = idx;
                if (h == "path") col_path = idx;
                if (h == "product") col_product = idx;
                if (h == "reagent") col_reagent = idx;
            }
            if (col_sample < 0 || col_path < 0) {
                throw InputError(sheet, "sample sheet needs a header with at least 'sample' and 'path' columns");
            }
            continue;
        }
        const auto get = [&](int col) {
            return col >= 0 && static_cast<std::size_t>(col) < fields.size() ? fields[static_cast<std::size_t>(col)]
                                                                              : std::string();
        };
        SampleSpec spec{get(col_sample), get(col_path), get(col_product), get(col_reagent)};
        if (spec.id.empty() || spec.path.empty()) {
            throw InputError(sheet, "line " + std::to_string(line_no) + ": sample and path must not be empty");
        }
        if (spec.path.is_relative()) spec.path = sheet.parent_path() / spec.path;
        specs.push_back(std::move(spec));
    }
    return specs;
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
        std::string ext = p.extension().string();
        std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
        if (!folder && (ext == ".csv" || ext == ".md" || ext == ".json" || ext == ".txt") &&
            io::detect_format(p) == io::Format::unknown) {
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
    for (const auto& s : sheet) named.insert(key(s.path));
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

report::BatchResult analyze_batch(const std::vector<SampleSpec>& specs, const std::string& default_product,
                                  const std::string& default_reagent, const AnalysisOptions& options, unsigned jobs,
                                  const SampleDone& on_done) {
    report::BatchResult batch;
    batch.samples.resize(specs.size());
    std::atomic<std::size_t> next{0};
    std::exception_ptr failure;
    std::mutex failure_mutex;
    std::mutex done_mutex;
    std::size_t done = 0;
    std::atomic<bool> failed{false};
    const auto worker = [&] {
        for (std::size_t i = next++; i < specs.size() && !failed; i = next++) {
            const auto& spec = specs[i];
            try {
                const auto context = resolve_context(spec.product.empty() ? default_product : spec.product,
                                                     spec.reagent.empty() ? default_reagent : spec.reagent);
                batch.samples[i] = analyze_sample(spec.id, spec.path, context, options);
            } catch (const UsageError& e) {
                // A bad context in one sheet row is that sample's problem, not the batch's: analyse
                // without context and list the problem with the inputs.
                try {
                    batch.samples[i] = analyze_sample(spec.id, spec.path, {}, options);
                    batch.samples[i].inputs.push_back(
                        {spec.path, "sample-sheet", DataKind::unknown, false, std::string("reaction context: ") + e.what()});
                } catch (...) {
                    const std::lock_guard lock(failure_mutex);
                    if (!failure) failure = std::current_exception();
                    failed = true;
                }
            } catch (...) {
                const std::lock_guard lock(failure_mutex);
                if (!failure) failure = std::current_exception();
                failed = true;
            }
            if (on_done && !failed) {
                const std::lock_guard lock(done_mutex);
                on_done(++done, specs.size(), batch.samples[i]);
            }
        }
    };
    if (jobs == 0) jobs = std::max(1u, std::thread::hardware_concurrency());
    jobs = static_cast<unsigned>(std::min<std::size_t>(jobs, std::max<std::size_t>(1, specs.size())));
    {
        std::vector<std::jthread> pool;
        for (unsigned t = 1; t < jobs; ++t) pool.emplace_back(worker);
        worker();
    }
    if (failure) std::rethrow_exception(failure);
    return batch;
}

}  // namespace sidepeak::pipeline

#include "commands.hpp"

#include <filesystem>
#include <iostream>
#include <set>

#include <unistd.h>

#include "sidepeak/core/error.hpp"
#include "sidepeak/core/file_io.hpp"
#include "sidepeak/core/text.hpp"
#include "sidepeak/io/format.hpp"
#include "sidepeak/io/ms_readers.hpp"
#include "sidepeak/io/nmr_readers.hpp"
#include "sidepeak/pipeline/analyze.hpp"
#include "sidepeak/pipeline/batch.hpp"
#include "sidepeak/pipeline/config.hpp"
#include "sidepeak/pipeline/info.hpp"
#include "sidepeak/pipeline/process.hpp"
#include "sidepeak/pipeline/resumable_batch.hpp"
#include "sidepeak/report/csv_report.hpp"
#include "sidepeak/report/hdf5_results.hpp"
#include "sidepeak/report/json_report.hpp"
#include "sidepeak/report/lcms_process_json.hpp"
#include "sidepeak/report/write_reports.hpp"
#include "progress.hpp"
#include "unreadable.hpp"

namespace sidepeak::app {
namespace fs = std::filesystem;

namespace {

// A --config that is missing, unreadable or not valid JSON is bad usage (exit 1), found before any
// input is read.
pipeline::AnalysisOptions load_options(const std::string& config_path) {
    if (config_path.empty()) return {};
    try {
        return pipeline::options_from_json_text(read_file_text(config_path, 1u << 20));
    } catch (const UsageError&) {
        throw;
    } catch (const InputError& e) {
        throw UsageError("--config " + e.path().string() + ": " + e.problem());
    } catch (const std::exception& e) {
        throw UsageError("--config " + config_path + ": " + e.what());
    }
}

// A missing or malformed sample sheet is bad usage (exit 1), found before any sample is analysed.
std::vector<pipeline::SampleSpec> load_sheet(const std::string& sheet) {
    if (sheet.empty()) return {};
    try {
        return pipeline::read_sample_sheet(sheet);
    } catch (const InputError& e) {
        throw UsageError("--samples " + e.path().string() + ": " + e.problem());
    }
}

void write_output(const std::string& out, const std::string& content) {
    if (out.empty()) {
        std::cout << content;
    } else {
        write_file_atomic(out, content);
    }
}

// results.h5 for `process --out FILE.h5`: a failure to write it is an output error (exit 3).
void write_h5_output(const std::string& out, const report::BatchResult& batch) {
    try {
        report::write_hdf5_results(out, batch);
    } catch (const OutputError&) {
        throw;
    } catch (const Error& e) {
        throw OutputError(e.what());
    }
}

}  // namespace

int run_analyze(const AnalyzeArgs& args) {
    // Everything that can be checked without reading a sample is checked first: the report formats,
    // the --out folder (claimed for this run), the configuration, the sheet, the context.
    const auto formats = report::parse_formats(args.formats);
    const report::ReportSet output(args.out);  // usable --out, locked against other runs into it
    pipeline::AnalysisOptions options = load_options(args.config);
    std::vector<pipeline::SampleSpec> sheet = load_sheet(args.sheet), folder, given;
    std::vector<report::SkippedEntry> skipped;
    if (!args.batch.empty()) {
        try {
            folder = pipeline::samples_in_folder(args.batch, &skipped, args.out);
        } catch (const InputError& e) {
            throw UsageError("--batch " + e.path().string() + ": " + e.problem());
        }
    }
    for (const auto& path : args.paths) {
        const fs::path p(path);
        const std::string id = p.filename().empty() ? p.parent_path().filename().string() : p.filename().string();
        given.push_back({id, p, "", ""});
    }
    // Samples named in the sheet keep their context; the folder adds the rest.
    auto specs = pipeline::merge_sample_specs(std::move(sheet), std::move(folder), std::move(given));
    if (specs.empty()) throw UsageError("analyze: give sample paths, --batch DIR or --samples SHEET");
    // The default context resolved once, up front: a typo in --product is bad usage.
    const pipeline::BatchContext context(args.product, args.reagent);
    context.check();
    // Progress on stderr (stdout stays clean for scripts): a live line on a terminal, else one
    // line per finished sample.
    Progress progress(std::cerr, ::isatty(STDERR_FILENO) == 1, args.quiet);
    std::size_t reused_count = 0;
    const pipeline::StoredSampleDone on_done = [&](std::size_t done, std::size_t total,
                                                   const report::SampleResult& s, bool reused) {
        reused_count += reused ? 1 : 0;
        progress.sample_done(done, total, s, reused);
    };
    pipeline::BatchThreads threads;
    threads.jobs = args.jobs;
    // Every sample is kept in DIR/.sidepeak/results as it finishes; the report is built from those.
    const pipeline::SampleStore store(output.results_dir());
    auto batch = pipeline::run_resumable_batch(specs, context, options, threads, store, args.resume,
                                               formats, on_done);
    progress.finish();
    if (!threads.fallback.empty()) {
        std::cerr << "sidepeak: started " << threads.started << " of " << threads.planned
                  << " worker threads (" << terminal_text(threads.fallback) << "); the batch ran on those\n";
    }
    batch.skipped = std::move(skipped);
    // The whole set or, on OutputError, the previous one untouched.
    output.publish([&](const fs::path& staging) { pipeline::write_stored_reports(staging, batch, formats); });
    std::set<std::string> ids;
    for (const auto& spec : specs) ids.insert(spec.id);
    store.keep_only(ids);  // results of samples no longer in the batch
    const std::size_t bad = report_unreadable(batch);
    if (!args.quiet) {
        std::cerr << "sidepeak: " << batch.samples.size() << " samples analysed";
        if (reused_count > 0) std::cerr << " (" << reused_count << " unchanged, reused)";
        std::cerr << ", " << bad << " inputs unreadable; report in " << terminal_text(args.out) << "\n";
    }
    return bad > 0 ? 2 : 0;
}

int run_info(const InfoArgs& args) {
    const report::InputInfo info = pipeline::describe_input(args.path);
    std::cout << (args.json ? report::info_json_text(info, 2) + "\n" : report::info_lines(info));
    return 0;
}

int run_process(const ProcessArgs& args) {
    pipeline::AnalysisOptions options = load_options(args.config);
    options.nmr.use_vendor_processed = options.nmr.use_vendor_processed || args.vendor_processed;
    const fs::path path(args.path);
    const std::string ext = fs::path(args.out).extension().string();
    if (!args.out.empty() && ext != ".json" && ext != ".csv" && ext != ".h5") {
        throw UsageError("process: --out must end in .json, .csv or .h5");
    }
    // Read and processed by the pipeline as analyze does (format detected once, given to the
    // reader; LC-MS streamed); only the writing is done here.
    pipeline::ProcessedInput processed = pipeline::process_input_file(path, options, args.jobs);
    if (ext == ".h5") {
        write_h5_output(args.out, pipeline::single_input_batch(std::move(processed)));
        return 0;
    }
    switch (io::format_kind(processed.format)) {
        case io::DataKind::nmr: {
            const auto& result = *processed.nmr;
            if (ext == ".csv") {
                write_output(args.out, report::nmr_process_csv(result, args.spectrum));
            } else {
                write_output(args.out, report::nmr_process_json_text(result, args.spectrum, 1) + "\n");
            }
            return 0;
        }
        case io::DataKind::lcms: {
            const auto& result = *processed.lcms;
            if (ext == ".csv") {
                write_output(args.out, report::lcms_process_csv(result));
            } else {
                // Feature by feature, without a JSON tree of the whole table.
                if (args.out.empty()) {
                    report::write_lcms_process_json(std::cout, result, 1) << '\n';
                } else {
                    report::write_lcms_process_json_file(args.out, result, 1);
                }
            }
            return 0;
        }
        case io::DataKind::unknown: break;
    }
    throw InputError(path, pipeline::unrecognised_reason(path));
}

}  // namespace sidepeak::app

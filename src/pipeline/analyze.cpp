// analyze_sample: read -> process -> classify for every input of one sample.
#include "sidepeak/pipeline/analyze.hpp"

#include <algorithm>
#include <chrono>
#include <exception>
#include <new>

#include "sidepeak/classify/classifier.hpp"
#include "sidepeak/core/error.hpp"
#include "sidepeak/io/ms_parallel.hpp"
#include "sidepeak/io/ms_readers.hpp"
#include "sidepeak/io/nmr_readers.hpp"
#include "sidepeak/signal/lcms_stream.hpp"
#include "sidepeak/signal/ms2_index.hpp"
#include "ion_traces.hpp"

namespace sidepeak::pipeline {
namespace {

// What the analysis keeps of one LC-MS run after processing: its MS1 peak map (evidence
// traces) and MS2 index (fragment evidence).
struct LcmsInput {
    signal::LcmsStream stream;
    signal::Ms2Index ms2;
};

void report_progress(const AnalysisOptions& options, const std::string& stage, double fraction) {
    if (options.progress && !options.progress(stage, fraction)) throw Cancelled();
}

// Reads and processes one input, recording the outcome in `record`. Any failure of a single
// input (bad file, unsupported variant, out of memory on absurd data) is contained here.
void process_input(InputRecord& record, SampleResult& sample, std::vector<LcmsInput>& runs,
                   const AnalysisOptions& options) {
    if (record.kind == DataKind::unknown) return;
    try {
        if (record.kind == DataKind::nmr) {
            const NmrData data = io::read_nmr(record.path, record.format);  // detected by discovery
            sample.nmr.push_back({record.path, signal::process_nmr(data, options.nmr)});
        } else {
            // Streamed: one spectrum in memory at a time; the MS1 centroids and MS2 scans are
            // kept (for features, the evidence traces and the MS2 index), the raw arrays are not.
            signal::Ms2IndexOptions mo;
            mo.tolerance_ppm = options.lcms.mass_tolerance_ppm;
            LcmsInput in{stream_lcms_run(record.path, record.format, options.lcms, mo, options.threads), {}};
            sample.lcms.push_back({record.path, in.stream.process(), {}, {}});
            in.ms2 = in.stream.take_ms2_index();
            runs.push_back(std::move(in));  // kept until the evidence ions are traced
        }
        record.ok = true;
    } catch (const InputError& e) {
        // A file inside an instrument folder (fid, acqus, procpar, pdata/1/1r) is named relative to it.
        record.error = e.problem();
        if (!e.path().empty() && e.path() != record.path) {
            const auto inside = e.path().lexically_relative(record.path);
            const bool below = !inside.empty() && *inside.begin() != "..";
            record.error = (below ? inside : e.path()).string() + ": " + e.problem();
        }
    } catch (const std::bad_alloc&) {
        record.error = "out of memory while reading (implausible sizes in the file?)";
    } catch (const std::exception& e) {
        record.error = e.what();
    }
}

}  // namespace

signal::LcmsStream stream_lcms_run(const std::filesystem::path& path, io::Format format,
                                   const signal::LcmsProcessingOptions& options,
                                   const std::optional<signal::Ms2IndexOptions>& ms2_options, unsigned threads) {
    signal::LcmsStream stream(options, ms2_options);
    // Decoding and centroiding run on the reader's threads; the stream is fed in run order.
    io::for_each_spectrum(
        path, format, threads, [&stream](MsSpectrum& s) { stream.prepare(s); },
        [&stream](MsSpectrum&& s) { stream.add(s); });
    stream.finish();
    return stream;
}

SampleResult analyze_sample(const std::string& id, const std::filesystem::path& sample_path,
                            const classify::SampleContext& context, const AnalysisOptions& options) {
    const auto start = std::chrono::steady_clock::now();
    SampleResult sample;
    sample.id = id;
    sample.context = context;
    Discovery found = discover(sample_path);
    sample.inputs = std::move(found.inputs);
    sample.skipped = std::move(found.skipped);
    const double n = static_cast<double>(sample.inputs.size());
    std::vector<LcmsInput> runs;  // parallel to sample.lcms
    for (std::size_t i = 0; i < sample.inputs.size(); ++i) {
        report_progress(options, "read " + sample.inputs[i].path.filename().string(), static_cast<double>(i) / n);
        process_input(sample.inputs[i], sample, runs, options);
    }
    report_progress(options, "classify", 0.95);
    classify::ClassifierInput input;
    input.context = context;
    input.options = options.classify;
    for (const auto& nmr : sample.nmr) input.nmr.push_back(&nmr.result);
    for (const auto& lcms : sample.lcms) input.lcms.push_back(&lcms.result);
    // MS2 index of each LC-MS input that has fragment spectra (data-dependent or DIA runs); runs
    // without MS2 get none and are classified from MS1 alone. Built at the run's m/z tolerance.
    for (const auto& run : runs) input.ms2.push_back(run.ms2.size() > 0 ? &run.ms2 : nullptr);
    auto classification = classify::classify(input);
    sample.findings = std::move(classification.findings);
    sample.context = std::move(classification.context);
    report_progress(options, "trace evidence", 0.98);
    for (std::size_t k = 0; k < sample.lcms.size(); ++k) {
        sample.lcms[k].traces = trace_evidence_ions(runs[k].stream, sample.findings, options.lcms.mass_tolerance_ppm);
        sample.lcms[k].ms2 = trace_ms2_evidence(runs[k].ms2, sample.findings);
    }
    report_progress(options, "done", 1.0);
    sample.elapsed_ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    return sample;
}

}  // namespace sidepeak::pipeline

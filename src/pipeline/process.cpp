// `sidepeak process` through the pipeline: one input read and processed as analyze does.
#include "sidepeak/pipeline/process.hpp"

#include <utility>

#include "sidepeak/core/error.hpp"
#include "sidepeak/io/nmr_readers.hpp"

namespace sidepeak::pipeline {

ProcessedInput process_input_file(const std::filesystem::path& path, const AnalysisOptions& options, unsigned threads) {
    ProcessedInput out;
    out.path = path;
    out.format = io::detect_format(path);  // once; the reader is given it
    switch (io::format_kind(out.format)) {
        case DataKind::nmr: out.nmr = signal::process_nmr(io::read_nmr(path, out.format), options.nmr); return out;
        case DataKind::lcms:
            // Streamed as analyze does: one spectrum in memory at a time, the MS1 centroids kept.
            out.lcms = stream_lcms_run(path, out.format, options.lcms, {}, threads).process();
            return out;
        case DataKind::unknown: break;
    }
    throw InputError(path, unrecognised_reason(path));
}

report::BatchResult single_input_batch(ProcessedInput input) {
    report::BatchResult batch;
    auto& sample = batch.samples.emplace_back();
    sample.id = input.path.filename().string();
    if (input.nmr) sample.nmr.push_back({input.path, std::move(*input.nmr)});
    if (input.lcms) {
        report::LcmsInput lcms;
        lcms.path = input.path;
        lcms.result = std::move(*input.lcms);
        sample.lcms.push_back(std::move(lcms));
    }
    return batch;
}

}  // namespace sidepeak::pipeline

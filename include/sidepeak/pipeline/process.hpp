#pragma once
/// `sidepeak process`: one input read and processed (no classification) the way analyze reads and
/// processes each input of a sample: the format detected once and given to the reader, NMR through
/// signal::process_nmr, LC-MS streamed one spectrum at a time (stream_lcms_run). The command line
/// only writes the result.
#include <filesystem>
#include <optional>

#include "sidepeak/io/format.hpp"
#include "sidepeak/pipeline/analyze.hpp"
#include "sidepeak/report/sample_report.hpp"
#include "sidepeak/signal/lcms_stream.hpp"
#include "sidepeak/signal/nmr_pipeline.hpp"

namespace sidepeak::pipeline {

/// One processed input: exactly one of `nmr` and `lcms` is set.
struct ProcessedInput {
    std::filesystem::path path;
    io::Format format = io::Format::unknown;  ///< detected once, given to the reader
    std::optional<signal::NmrResult> nmr;
    std::optional<signal::LcmsResult> lcms;
};

/// Reads and processes the input at `path` with `options` (options.nmr / options.lcms;
/// `threads` for the LC-MS decode, 0 = all cores). Throws InputError naming the file when it is
/// neither an NMR nor an LC-MS input (the reason of unrecognised_reason) or cannot be read.
ProcessedInput process_input_file(const std::filesystem::path& path, const AnalysisOptions& options, unsigned threads);

/// The processed input as a batch of one sample (id = the file name, one input) for results.h5.
report::BatchResult single_input_batch(ProcessedInput input);

}  // namespace sidepeak::pipeline

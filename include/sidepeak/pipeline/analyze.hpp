#pragma once
/// Sample analysis: finds the inputs of a sample, reads and processes each (NMR and LC-MS),
/// runs the classifier and returns everything the reports need. Shared by the command line and
/// the C ABI.
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "sidepeak/classify/classifier.hpp"
#include "sidepeak/io/format.hpp"
#include "sidepeak/report/sample_report.hpp"
#include "sidepeak/signal/lcms_stream.hpp"

namespace sidepeak::pipeline {

using report::InputRecord;
using report::SampleResult;

struct AnalysisOptions {
    signal::NmrProcessingOptions nmr;
    signal::LcmsProcessingOptions lcms;
    classify::ClassifierOptions classify;
    /// Threads that read one LC-MS run (0 = the cores this process may use, 1 = the calling
    /// thread alone). Not an analysis parameter: results are the same whatever the count.
    unsigned threads = 0;
    /// Called with a stage name and the fraction done; return false to cancel.
    std::function<bool(const std::string&, double)> progress;
};

/// What discovery found in a sample path: the inputs (recognised files and instrument folders,
/// and unreadable data files with their error) and every entry passed over with the reason.
struct Discovery {
    std::vector<InputRecord> inputs;
    std::vector<report::SkippedEntry> skipped;
};

/// Maximum number of folder levels searched below a sample folder; deeper folders are listed in
/// Discovery::skipped.
inline constexpr int kMaxDiscoveryDepth = 6;

/// Finds the inputs of a sample path: the path itself when it is an instrument file or a
/// Bruker/Varian folder, else every entry inside the folder (recursively, not descending into
/// instrument folders). Formats are recognised by content whatever the file name. Every file and
/// folder is taken at most once (by device and inode): a link to a folder that contains it, or to
/// data already reached another way, is skipped with the reason, so link loops end and a spectrum
/// reached twice counts once. Unrecognised data files are inputs with an error; hidden entries
/// (name starting with '.'), documentation and sidecar files (the list of samples_in_folder in
/// batch.hpp, whose content is no recognised format) and folders deeper than kMaxDiscoveryDepth
/// are listed in `skipped`.
Discovery discover(const std::filesystem::path& sample_path);

/// Why a path whose content is no recognised format cannot be an input: the system's error when
/// it cannot be opened or read ("cannot read: Permission denied"), "empty file" for 0 bytes, else
/// "not a recognised NMR or LC-MS format".
std::string unrecognised_reason(const std::filesystem::path& path);

/// True for a folder that holds a sidepeak report set (its private `.sidepeak` folder): an earlier
/// --out. Discovery and --batch never take such a folder as data.
bool is_report_folder(const std::filesystem::path& folder);

/// Streams the LC-MS run at `path`, read as `format` (any LC-MS format io::open_ms reads, as the
/// caller detected it once: discovery, `process`; it is not detected again), into a
/// signal::LcmsStream: a few spectra per thread in memory at once, the MS1 centroids kept, and the
/// MS2 scans when `ms2_options` is given (std::nullopt or {}: none, as `process`, which reads no
/// MS2, passes). `threads` decode and centroid spectra (io::for_each_spectrum; 0 = the cores, 1 =
/// this thread alone); the stream is the same whatever the count. Throws InputError.
signal::LcmsStream stream_lcms_run(const std::filesystem::path& path, io::Format format,
                                   const signal::LcmsProcessingOptions& options,
                                   const std::optional<signal::Ms2IndexOptions>& ms2_options = {}, unsigned threads = 0);

/// discover(sample_path).inputs.
std::vector<InputRecord> discover_inputs(const std::filesystem::path& sample_path);

/// Resolves the reaction context once (classify::resolve_context): the reagent name or formula to
/// an increment formula, and the typed reaction model (SampleContext::model) the classifier reads.
/// Throws UsageError for a malformed product or reagent formula.
classify::SampleContext resolve_context(const std::string& product, const std::string& reagent);

/// Analyses one sample. Never throws for bad input: unreadable inputs are recorded in
/// SampleResult::inputs with the reason. Throws Cancelled when `progress` cancels.
SampleResult analyze_sample(const std::string& id, const std::filesystem::path& sample_path,
                            const classify::SampleContext& context, const AnalysisOptions& options = {});

/// Where analyze_buffer puts the caller's bytes for the readers.
enum class BufferStorage {
    automatic,     ///< memory when the system and the format allow it (not HDF5/mzMLb), else a private file
    memory,        ///< an anonymous memory file (memfd_create, read through /proc/self/fd); Error if unavailable
    private_file,  ///< a file in a new mkdtemp folder (0700), created O_EXCL with mode 0600
};

/// Analyses one in-memory instrument file (any single-file format: JCAMP-DX, JEOL, nmrML, mzML,
/// mzXML, mzMLb, ANDI). The bytes are never written to a shared place: in memory (an anonymous
/// memory file that disappears with the process, even on kill -9) where the system allows it and
/// the reader can open it (every format but HDF5 containers, i.e. mzMLb: libhdf5 resolves the
/// path through its links), else in a private temporary file (folder 0700, file 0600) removed, with its folder, as soon as
/// the sample has been read, also when reading fails. `name` labels the input in the result (only
/// its last component is used for the file name). Throws Error when the bytes cannot be stored.
SampleResult analyze_buffer(const std::string& id, const void* data, std::size_t size, const std::string& name,
                            const classify::SampleContext& context, const AnalysisOptions& options = {},
                            BufferStorage storage = BufferStorage::automatic);

}  // namespace sidepeak::pipeline

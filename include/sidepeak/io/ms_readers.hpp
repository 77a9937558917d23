#pragma once
/// Readers for LC-MS runs: streaming access (memory bounded by the largest spectrum) and whole-run
/// loading for analysis. Errors are InputError naming the file and the problem.
#include <filesystem>
#include <memory>
#include <optional>

#include "sidepeak/core/ms_data.hpp"
#include "sidepeak/io/format.hpp"

namespace sidepeak::io {

/// A run opened for reading, one spectrum at a time.
class MsSource {
public:
    virtual ~MsSource() = default;
    [[nodiscard]] virtual const MsRunInfo& info() const = 0;
    /// Reads the next spectrum with its arrays decoded; std::nullopt at the end of the run.
    virtual std::optional<MsSpectrum> next() = 0;
    /// Chromatograms stored in the file (may read the file again); empty when there are none.
    virtual std::vector<Chromatogram> chromatograms() { return {}; }
};

/// Opens the run at `path` with the reader of `format`, already detected by the caller: the
/// content is not recognised again. Throws InputError naming the file when the path is missing or
/// empty, when `format` is not an LC-MS format, and (from the reader) when the content is not that
/// format.
std::unique_ptr<MsSource> open_ms(const std::filesystem::path& path, Format format);
/// Opens an mzML, indexed mzML, mzXML, mzMLb or ANDI netCDF run for streaming, the format
/// recognised by content (detect_format).
std::unique_ptr<MsSource> open_ms(const std::filesystem::path& path);

/// Loads a whole run (all spectra and chromatograms) read as `format` (see open_ms).
MsRun read_ms(const std::filesystem::path& path, Format format);
/// Loads a whole run, the format recognised by content.
MsRun read_ms(const std::filesystem::path& path);

}  // namespace sidepeak::io

#pragma once
/// Readers for LC-MS runs: streaming access (memory bounded by the largest spectrum) and whole-run
/// loading for analysis. Errors are InputError naming the file and the problem.
#include <filesystem>
#include <memory>
#include <optional>

#include "sidepeak/core/ms_data.hpp"

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

/// Opens an mzML, indexed mzML, mzXML, mzMLb or ANDI netCDF run for streaming.
std::unique_ptr<MsSource> open_ms(const std::filesystem::path& path);

/// Loads a whole run (all spectra and chromatograms).
MsRun read_ms(const std::filesystem::path& path);

}  // namespace sidepeak::io

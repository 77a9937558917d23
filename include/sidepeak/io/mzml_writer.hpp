#pragma once
/// Writes indexed mzML 1.1 (HUPO-PSI mzML 1.1.0 with the 1.1 index wrapper): 64-bit float m/z,
/// intensity and time arrays, uncompressed or zlib; an offset index for every spectrum and
/// chromatogram; optionally the SHA-1 <fileChecksum> over the document up to that element.
///
/// The file is streamed to a temporary file next to the target and renamed over it by finish(),
/// so readers never see a half-written run; a writer destroyed without finish() leaves the target
/// untouched and removes its temporary file.
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "sidepeak/core/ms_data.hpp"

namespace sidepeak::io {

struct MzmlWriteOptions {
    bool zlib = false;       ///< zlib-compress the binary arrays (MS:1000574); default uncompressed
    bool checksum = true;    ///< write the SHA-1 <fileChecksum> (costs one read of the written file)
};

class MzmlWriter {
public:
    /// Starts a run. `info.instrument`, when set, becomes the instrument model.
    MzmlWriter(const std::filesystem::path& path, const MsRunInfo& info, MzmlWriteOptions options = {});
    MzmlWriter(const MzmlWriter&) = delete;
    MzmlWriter& operator=(const MzmlWriter&) = delete;
    ~MzmlWriter();

    /// Appends a spectrum (all spectra come before the first chromatogram). Empty ids become
    /// "scan=<index+1>". Throws UsageError when m/z and intensity differ in length.
    void write(const MsSpectrum& spectrum);
    void write(const Chromatogram& chromatogram);
    /// Writes the index and checksum and renames the file into place. Throws Error on I/O failure.
    void finish();

private:
    void put(std::string_view text);
    void open_chromatogram_list();

    struct FileCloser {
        void operator()(std::FILE* f) const noexcept { std::fclose(f); }
    };
    std::filesystem::path path_;
    std::filesystem::path tmp_;
    MzmlWriteOptions options_;
    std::unique_ptr<std::FILE, FileCloser> file_;
    std::uint64_t written_ = 0;
    std::uint64_t spectrum_count_at_ = 0;       // where the spectrumList count is patched
    std::uint64_t chromatogram_count_at_ = 0;
    std::vector<std::pair<std::string, std::uint64_t>> spectrum_offsets_;
    std::vector<std::pair<std::string, std::uint64_t>> chromatogram_offsets_;
    bool in_chromatograms_ = false;
    bool finished_ = false;
    std::string scratch_;
};

/// Writes a whole run (spectra, then chromatograms) as indexed mzML.
void write_mzml(const std::filesystem::path& path, const MsRun& run, MzmlWriteOptions options = {});


}  // namespace sidepeak::io

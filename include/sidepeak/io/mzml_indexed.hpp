#pragma once
/// Random access to the spectra of an mzML file by position, native id or retention time.
///
/// Indexed mzML ends with an <indexList> of byte offsets. Those are checked, never trusted: every
/// offset must point at a <spectrum> start tag whose id matches the index entry (a few bytes of
/// whitespace before it are tolerated, as some writers point one byte early). When any check fails,
/// or the file has no index, the offsets are rebuilt by one linear scan of the file and a warning
/// is added to info().warnings. No read ever goes outside the file.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sidepeak/core/ms_data.hpp"

namespace sidepeak::io {

class MzmlIndexedReader {
public:
    /// Opens the file and loads (or rebuilds) the spectrum offsets. Throws InputError.
    explicit MzmlIndexedReader(const std::filesystem::path& path);
    MzmlIndexedReader(MzmlIndexedReader&&) noexcept;
    MzmlIndexedReader& operator=(MzmlIndexedReader&&) noexcept;
    ~MzmlIndexedReader();

    [[nodiscard]] const MsRunInfo& info() const noexcept;
    [[nodiscard]] std::size_t size() const noexcept;
    /// True when the file's own index was used; false when it was absent or stale and rebuilt.
    [[nodiscard]] bool index_trusted() const noexcept;
    [[nodiscard]] const std::string& id(std::size_t i) const;
    /// Byte offset of spectrum i's start tag.
    [[nodiscard]] std::uint64_t offset(std::size_t i) const;

    /// Spectrum at position i (0-based); throws std::out_of_range beyond size().
    MsSpectrum spectrum(std::size_t i);
    std::optional<MsSpectrum> spectrum_by_id(std::string_view native_id);
    /// Spectrum whose retention time is closest to `rt_s` (seconds), optionally only of one MS
    /// level (0: any). nullopt when there is none. The first call reads every spectrum's header.
    std::optional<MsSpectrum> nearest_rt(double rt_s, int ms_level = 0);

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace sidepeak::io

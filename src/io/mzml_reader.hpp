#pragma once
// Streaming mzML reader: element boundaries by text search over large blocks, each element parsed
// on its own, so memory is bounded by the largest spectrum.
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "mzml_parse.hpp"
#include "sidepeak/io/ms_readers.hpp"
#include "xml_scan.hpp"

namespace sidepeak::io::detail {

class MzmlSource final : public MsSource {
public:
    /// `reader` holds the mzML text (a file, or the XML of an mzMLb); `external` reads arrays
    /// stored outside the XML (mzMLb) and may be null.
    MzmlSource(BlockReader reader, std::string format, ExternalArrays* external);
    [[nodiscard]] const MsRunInfo& info() const override { return info_; }
    std::optional<MsSpectrum> next() override;
    std::vector<Chromatogram> chromatograms() override;
    /// The run-level parameter groups (for the indexed reader).
    [[nodiscard]] const MzmlHeader& header() const noexcept { return *header_; }

    /// One <spectrum> element cut out of the file but not parsed yet, or (for the first spectrum,
    /// which the constructor reads to learn the compression) already parsed.
    struct RawSpectrum {
        std::string text;
        std::uint64_t file_offset = 0;
        std::size_t index = 0;
        std::optional<MsSpectrum> parsed;
    };
    /// Splits reading into a serial part and a part that may run on several threads at once:
    /// next_raw() finds the next element (in file order; std::nullopt at the end of the
    /// spectrumList) and parse_raw() decodes it with a parser of the caller's thread
    /// (make_parser()). Parsing the elements of next_raw() in order gives what next() gives.
    /// Only for sources whose arrays are inside the XML (no ExternalArrays): HDF5 is not
    /// thread-safe.
    std::optional<RawSpectrum> next_raw();
    [[nodiscard]] bool can_parse_in_parallel() const noexcept { return external_ == nullptr; }
    [[nodiscard]] MzmlElementParser make_parser() const;
    static MsSpectrum parse_raw(RawSpectrum& raw, MzmlElementParser& parser);

private:
    std::optional<MsSpectrum> read_next();
    // Finds the next <spectrum> element: [begin, end) in the file, or false at the end.
    bool next_element(std::uint64_t& begin, std::uint64_t& end);
    // Offset just past the start tag of the element whose name is `name`, searching from `from`.
    std::uint64_t skip_space(std::uint64_t pos);

    BlockReader reader_;
    std::unique_ptr<MzmlHeader> header_;
    ExternalArrays* external_;
    MzmlElementParser parser_;
    MsRunInfo info_;
    std::uint64_t pos_ = 0;
    std::uint64_t run_start_ = 0;
    bool in_spectra_ = false;
    std::size_t count_ = 0;
    std::optional<MsSpectrum> pending_;
};

/// Checks the first bytes of an XML file: not empty, no DOCTYPE entity declarations, root element
/// one of `roots`. Returns the root element name. Throws InputError naming the file.
std::string check_xml_prolog(std::string_view head, const std::filesystem::path& path,
                             std::initializer_list<std::string_view> roots);

/// Name of the element starting at `p` ("spectrum" for "<spectrum ..."), empty if not a tag.
std::string_view tag_name_at(std::string_view text);

std::unique_ptr<MsSource> open_mzml(const std::filesystem::path& path);

}  // namespace sidepeak::io::detail

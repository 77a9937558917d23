#pragma once
// Streaming mzML reader: element boundaries by text search over large blocks, each element parsed
// on its own, so memory is bounded by the largest spectrum.
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "element_source.hpp"
#include "mzml_parse.hpp"
#include "sidepeak/io/ms_readers.hpp"
#include "xml_scan.hpp"

namespace sidepeak::io::detail {

class MzmlSource final : public MsSource, public ElementSource {
public:
    /// `reader` holds the mzML text (a file, or the XML of an mzMLb); `external` reads arrays
    /// stored outside the XML (mzMLb) and may be null; `format` (mzml or mzmlb) is what info() reports.
    MzmlSource(BlockReader reader, DataFormat format, ExternalArrays* external);
    [[nodiscard]] const MsRunInfo& info() const override { return info_; }
    std::optional<MsSpectrum> next() override;
    std::vector<Chromatogram> chromatograms() override;
    /// The run-level parameter groups (for the indexed reader).
    [[nodiscard]] const MzmlHeader& header() const noexcept { return *header_; }

    /// Reading in two parts (element_source.hpp): next_raw() cuts the next <spectrum> element
    /// (the first one comes already parsed: the constructor read it to learn the compression);
    /// parsers of make_element_parser() decode them on any thread. Only for sources whose arrays
    /// are inside the XML (no ExternalArrays): HDF5 is not thread-safe.
    std::optional<RawElement> next_raw() override;
    [[nodiscard]] bool can_parse_in_parallel() const noexcept override { return external_ == nullptr; }
    [[nodiscard]] std::unique_ptr<ElementParser> make_element_parser() const override;

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

#pragma once
// Reading an XML run in two parts, so that the parse can run on several threads
// (io::for_each_spectrum): a serial part cuts the next spectrum element out of the file in file
// order, a part that any thread may run parses it with a parser of its own. Parsing the elements
// in the order they were cut gives what MsSource::next() gives.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "sidepeak/core/ms_data.hpp"

namespace sidepeak::io::detail {

/// One spectrum element cut out of the file but not parsed yet (or, where the source had to parse
/// it already, e.g. mzML's first spectrum, parsed).
struct RawElement {
    std::string text;
    std::uint64_t file_offset = 0;  ///< where the element starts in the file (for messages)
    std::size_t index = 0;          ///< position of the spectrum in the run
    std::optional<MsSpectrum> parsed;
};

/// Parses elements; one per thread (a parser keeps buffers between calls and is not shared).
class ElementParser {
public:
    virtual ~ElementParser() = default;
    /// The spectrum of `raw` (its `index` set); throws InputError naming the file.
    virtual MsSpectrum parse(RawElement& raw) = 0;
};

/// A source whose spectra can be cut serially and parsed in parallel.
class ElementSource {
public:
    virtual ~ElementSource() = default;
    /// False where the parse reads outside the element through a library that is not
    /// thread-safe (mzMLb's HDF5 arrays).
    [[nodiscard]] virtual bool can_parse_in_parallel() const noexcept = 0;
    /// The next element in file order; std::nullopt at the end of the run.
    virtual std::optional<RawElement> next_raw() = 0;
    [[nodiscard]] virtual std::unique_ptr<ElementParser> make_element_parser() const = 0;
};

}  // namespace sidepeak::io::detail

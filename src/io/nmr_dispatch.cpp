// read_nmr: the reader of the format the caller detected, or of the one recognised by content.
#include <string>

#include "sidepeak/core/error.hpp"
#include "sidepeak/io/format.hpp"
#include "sidepeak/io/nmr_readers.hpp"

namespace sidepeak::io {

NmrData read_nmr(const std::filesystem::path& path, Format format) {
    switch (format) {
        case Format::bruker_fid:
        case Format::bruker_1r: return read_bruker(path);
        case Format::jcamp_dx: return read_jcamp_nmr(path);
        case Format::varian: return read_varian(path);
        case Format::jeol: return read_jeol(path);
        case Format::nmrml: return read_nmrml(path);
        case Format::unknown: throw InputError(path, "not a recognised NMR or LC-MS format");
        default: break;
    }
    // The format's contract name is report/'s to write; the reader says in words what the data is.
    const std::string what = "is " + std::string(format_description(format));
    throw InputError(path, format_kind(format) == DataKind::lcms ? what + " (LC-MS data), not NMR" : what + ", not NMR data");
}

NmrData read_nmr(const std::filesystem::path& path) { return read_nmr(path, detect_format(path)); }

}  // namespace sidepeak::io

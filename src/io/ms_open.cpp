// open_ms / read_ms: the streaming reader of the format the caller detected, or of the one
// recognised by content (detect_format).

#include <string>

#include "andi_reader.hpp"
#include "mzml_reader.hpp"
#include "mzmlb_reader.hpp"
#include "mzxml_reader.hpp"
#include "sidepeak/core/error.hpp"
#include "sidepeak/io/format.hpp"
#include "sidepeak/io/ms_readers.hpp"

namespace sidepeak::io {
namespace fs = std::filesystem;

namespace {

void require_nonempty(const fs::path& path) {
    std::error_code ec;
    if (!fs::exists(path, ec)) throw InputError(path, "file not found");
    if (fs::is_regular_file(path, ec) && fs::file_size(path, ec) == 0) throw InputError(path, "empty file (0 bytes)");
}

}  // namespace

std::unique_ptr<MsSource> open_ms(const fs::path& path, Format format) {
    require_nonempty(path);
    switch (format) {
        case Format::mzml: return detail::open_mzml(path);
        case Format::mzxml: return detail::open_mzxml(path);
        case Format::mzmlb: return detail::open_mzmlb(path);
        case Format::andi_netcdf: return detail::open_andi(path);
        case Format::unknown: throw InputError(path, "not a recognised LC-MS file (mzML, mzXML, mzMLb or ANDI netCDF)");
        default: break;
    }
    // The format's contract name is report/'s to write; the reader says in words what the data is.
    const std::string what = "is " + std::string(format_description(format));
    throw InputError(path, format_kind(format) == DataKind::nmr ? what + " (NMR data), not an LC-MS run" : what + ", not an LC-MS run");
}

// A missing or empty file is unknown to detect_format; open_ms(path, format) names the real problem.
std::unique_ptr<MsSource> open_ms(const fs::path& path) { return open_ms(path, detect_format(path)); }

MsRun read_ms(const fs::path& path) { return read_ms(path, detect_format(path)); }

MsRun read_ms(const fs::path& path, Format format) {
    auto source = open_ms(path, format);
    MsRun run;
    while (auto s = source->next()) run.spectra.push_back(std::move(*s));
    run.chromatograms = source->chromatograms();
    run.info = source->info();
    return run;
}

}  // namespace sidepeak::io

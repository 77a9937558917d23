#include "sidepeak/io/format.hpp"

#include <string>
#include <string_view>
#include <system_error>

#include "mzmlb_reader.hpp"
#include "sidepeak/core/file_io.hpp"

namespace sidepeak::io {
namespace fs = std::filesystem;

DataKind format_kind(Format format) noexcept {
    switch (format) {
        case Format::bruker_fid:
        case Format::bruker_1r:
        case Format::jcamp_dx:
        case Format::varian:
        case Format::jeol:
        case Format::nmrml: return DataKind::nmr;
        case Format::mzml:
        case Format::mzxml:
        case Format::mzmlb:
        case Format::andi_netcdf: return DataKind::lcms;
        case Format::sample_sheet:
        case Format::unknown: break;
    }
    return DataKind::unknown;
}

std::string_view format_description(Format format) noexcept {
    switch (format) {
        case Format::bruker_fid: return "a Bruker FID folder";
        case Format::bruker_1r: return "a Bruker processed-spectrum folder";
        case Format::jcamp_dx: return "a JCAMP-DX file";
        case Format::varian: return "a Varian/Agilent FID folder";
        case Format::jeol: return "a JEOL Delta file";
        case Format::nmrml: return "an nmrML file";
        case Format::mzml: return "an mzML file";
        case Format::mzxml: return "an mzXML file";
        case Format::mzmlb: return "an mzMLb file";
        case Format::andi_netcdf: return "an ANDI netCDF file";
        case Format::sample_sheet: return "a sample-sheet row";
        case Format::unknown: break;
    }
    return "an unrecognised file";
}

namespace {

bool is_file(const fs::path& p) {
    std::error_code ec;
    return !p.empty() && fs::is_regular_file(p, ec);
}

Format detect_folder(const fs::path& dir) {
    if (is_file(find_case_insensitive(dir, "procpar")) && is_file(find_case_insensitive(dir, "fid"))) {
        return Format::varian;
    }
    const bool has_acqus = is_file(dir / "acqus") || is_file(dir / "acqu");
    if (has_acqus && is_file(dir / "fid")) return Format::bruker_fid;
    if (is_file(dir / "procs") && is_file(dir / "1r")) return Format::bruker_1r;
    if (has_acqus && is_file(dir / "pdata" / "1" / "1r")) return Format::bruker_1r;
    return Format::unknown;
}

// Finds the root element name of an XML document in its first bytes (skipping the prolog,
// comments and processing instructions).
std::string xml_root(const std::string& head) {
    std::size_t pos = 0;
    while ((pos = head.find('<', pos)) != std::string::npos) {
        if (pos + 1 >= head.size()) break;
        const char c = head[pos + 1];
        if (c == '?' || c == '!') {
            ++pos;
            continue;
        }
        std::size_t end = pos + 1;
        while (end < head.size() && head[end] != ' ' && head[end] != '>' && head[end] != '\n' &&
               head[end] != '\r' && head[end] != '\t' && head[end] != '/') {
            ++end;
        }
        std::string name = head.substr(pos + 1, end - pos - 1);
        if (const auto colon = name.find(':'); colon != std::string::npos) name = name.substr(colon + 1);
        return name;
    }
    return {};
}

// The netCDF classic header (dimensions, attributes, variable names) precedes the data; in the
// ANDI files at hand it ends before byte 3 000. 64 KiB leaves room for long attribute lists.
constexpr std::size_t kNetcdfHeaderProbeBytes = 64 * 1024;

// ANDI/MS (ASTM E2077, the AIA Analytical Data Interchange protocol for mass spectrometry)
// requires the variables mass_values and intensity_values; a netCDF file without them is some
// other netCDF data.
bool is_andi_ms(const fs::path& path) {
    const std::string header = read_file_head(path, kNetcdfHeaderProbeBytes);
    return header.find("mass_values") != std::string::npos && header.find("intensity_values") != std::string::npos;
}

}  // namespace

Format detect_format(const fs::path& path) {
    std::error_code ec;
    if (fs::is_directory(path, ec)) return detect_folder(path);
    if (!fs::is_regular_file(path, ec)) return Format::unknown;
    const std::string head = read_file_head(path, 4096);
    if (head.size() < 4) return Format::unknown;
    if (head.compare(0, 8, "JEOL.NMR") == 0) return Format::jeol;
    if (head.compare(0, 4, "CDF\x01") == 0 || head.compare(0, 4, "CDF\x02") == 0) {
        return is_andi_ms(path) ? Format::andi_netcdf : Format::unknown;
    }
    if (head.compare(0, 8, std::string_view("\x89HDF\r\n\x1a\n", 8)) == 0) {
        // mzMLb and netCDF-4 are both HDF5; mzMLb always carries an "mzML" dataset. Other HDF5
        // files (netCDF-4, results.h5) are no input format.
        return detail::is_mzmlb(path) ? Format::mzmlb : Format::unknown;
    }
    // JCAMP-DX: the first non-blank line starts with "##".
    std::size_t first = head.find_first_not_of(" \t\r\n\xEF\xBB\xBF");
    if (first != std::string::npos && head.compare(first, 2, "##") == 0) return Format::jcamp_dx;
    if (first != std::string::npos && head[first] == '<') {
        const std::string root = xml_root(head);
        if (root == "indexedmzML" || root == "mzML") return Format::mzml;
        if (root == "mzXML" || root == "msRun") return Format::mzxml;
        if (root == "nmrML") return Format::nmrml;
    }
    return Format::unknown;
}

}  // namespace sidepeak::io

// The contract names of the input formats (docs design: `info` and report.json `inputs[].format`):
// the one place a DataFormat becomes text, and text read back from a stored per-sample record
// becomes a DataFormat again.
#include <array>

#include "sidepeak/report/json_report.hpp"

namespace sidepeak::report {

std::string_view format_name(DataFormat format) noexcept {
    switch (format) {
        case DataFormat::bruker_fid: return "bruker-fid";
        case DataFormat::bruker_1r: return "bruker-1r";
        case DataFormat::jcamp_dx: return "jcamp-dx";
        case DataFormat::varian: return "varian";
        case DataFormat::jeol: return "jeol";
        case DataFormat::nmrml: return "nmrml";
        case DataFormat::mzml: return "mzml";
        case DataFormat::mzxml: return "mzxml";
        case DataFormat::mzmlb: return "mzmlb";
        case DataFormat::andi_netcdf: return "andi-netcdf";
        case DataFormat::sample_sheet: return "sample-sheet";
        case DataFormat::unknown: break;
    }
    return "unknown";
}

DataFormat format_from_name(std::string_view name) noexcept {
    constexpr std::array kNamed = {DataFormat::bruker_fid, DataFormat::bruker_1r, DataFormat::jcamp_dx, DataFormat::varian,
                                   DataFormat::jeol,       DataFormat::nmrml,     DataFormat::mzml,     DataFormat::mzxml,
                                   DataFormat::mzmlb,      DataFormat::andi_netcdf, DataFormat::sample_sheet};
    for (const DataFormat format : kNamed) {
        if (format_name(format) == name) return format;
    }
    return DataFormat::unknown;
}

}  // namespace sidepeak::report

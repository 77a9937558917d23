#pragma once
// Structural check of a netCDF classic header before the netCDF library opens the file.
#include <filesystem>

namespace sidepeak::io::detail {

/// Walks the header of a netCDF classic (CDF-1), 64-bit offset (CDF-2) or CDF-5 file as laid out
/// in Unidata's "NetCDF Classic Format Specification" (magic, numrecs, dim_list, gatt_list,
/// var_list) and throws InputError when a count in it (dimensions, attributes, variables, name
/// lengths, attribute values, dimension ids) needs more bytes than the file holds, or a dimension
/// id is out of range. The netCDF library allocates from these counts while opening, so a
/// corrupt count would otherwise reach malloc unchecked. Reads at most the first 64 MiB (a
/// larger header is refused).
void check_netcdf_classic_header(const std::filesystem::path& path);

}  // namespace sidepeak::io::detail

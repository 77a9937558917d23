#pragma once
/// Decoding of Bruker binary arrays (fid, 1r, 1i): int32 or float64 values in either byte
/// order, scaled by a power of two.
#include <complex>
#include <cstddef>
#include <filesystem>
#include <vector>

#include "param_file.hpp"

namespace sidepeak::io::detail {

struct BrukerBinaryLayout {
    std::size_t values = 0;  ///< number of stored values to decode from the start of the file
    bool float64 = false;    ///< DTYPA/DTYPP 2; int32 otherwise
    bool big_endian = false; ///< BYTORDA/BYTORDP 1
    int scale_exponent = 0;  ///< NC or NC_proc: stored value * 2^exponent
};

/// Reads `layout.values` values from the start of `file`. Extra bytes after them (block
/// padding) are ignored. Throws InputError when the file is missing or holds fewer values;
/// nothing is allocated before the size is checked.
std::vector<double> read_bruker_values(const std::filesystem::path& file, const BrukerBinaryLayout& layout,
                                       const char* count_name);

/// Layout of the fid from acqus (TD, DTYPA, BYTORDA, NC), validated: InputError naming acqus
/// for a missing or impossible TD, unknown DTYPA or BYTORDA.
BrukerBinaryLayout bruker_fid_layout(const ParamFile& acqus);
/// Layout of 1r/1i from procs (SI, DTYPP, BYTORDP, NC_proc), validated the same way.
BrukerBinaryLayout bruker_processed_layout(const ParamFile& procs);

/// Pairs interleaved (re, im) values into complex points in the project's FID orientation
/// (see docs/formats/bruker.md). With `real_only` (AQ_mod 0) each value becomes one point.
std::vector<std::complex<double>> bruker_fid_points(const std::vector<double>& values, bool real_only);

}  // namespace sidepeak::io::detail

#include "bruker_binary.hpp"

#include <cerrno>
#include <cmath>
#include <cstdint>
#include <fstream>
#include <system_error>

#include <fmt/format.h>

#include "sidepeak/core/limits.hpp"
#include "sidepeak/core/codec.hpp"
#include "sidepeak/core/error.hpp"
#include "sidepeak/core/file_io.hpp"

namespace sidepeak::io::detail {
namespace fs = std::filesystem;
namespace {

// 2^28 values (1 GiB of int32) is far above any 1D acquisition; larger counts are corrupt.
constexpr long long kMaxValues = 1LL << 28;

int checked_exponent(const ParamFile& params, const char* key) {
    const auto nc = params.integer(key).value_or(0);
    if (nc < -64 || nc > 64) {
        throw InputError(params.source(), fmt::format("{} = {} is outside the plausible range -64..64", key, nc));
    }
    return static_cast<int>(nc);
}

bool checked_float64(const ParamFile& params, const char* key) {
    const auto type = params.integer(key).value_or(0);
    if (type == 0) return false;
    if (type == 2) return true;
    throw InputError(params.source(),
                     fmt::format("{} = {} is not a supported data type (0 = int32, 2 = float64)", key, type));
}

bool checked_big_endian(const ParamFile& params, const char* key) {
    const auto order = params.integer(key);
    if (!order) throw InputError(params.source(), fmt::format("{} (byte order) is missing", key));
    if (*order == 0) return false;
    if (*order == 1) return true;
    throw InputError(params.source(),
                     fmt::format("{} = {} is not a known byte order (0 = little, 1 = big endian)", key, *order));
}

std::size_t checked_count(const ParamFile& params, const char* key) {
    const auto n = params.integer(key);
    if (!n) throw InputError(params.source(), fmt::format("{} (number of points) is missing", key));
    if (*n <= 0 || *n > kMaxValues) {
        throw InputError(params.source(), fmt::format("{} = {} is not a plausible number of points", key, *n));
    }
    return static_cast<std::size_t>(*n);
}

}  // namespace

BrukerBinaryLayout bruker_fid_layout(const ParamFile& acqus) {
    BrukerBinaryLayout layout;
    layout.values = checked_count(acqus, "TD");
    layout.float64 = checked_float64(acqus, "DTYPA");
    layout.big_endian = checked_big_endian(acqus, "BYTORDA");
    layout.scale_exponent = checked_exponent(acqus, "NC");
    return layout;
}

BrukerBinaryLayout bruker_processed_layout(const ParamFile& procs) {
    BrukerBinaryLayout layout;
    layout.values = checked_count(procs, "SI");
    layout.float64 = checked_float64(procs, "DTYPP");
    layout.big_endian = checked_big_endian(procs, "BYTORDP");
    layout.scale_exponent = checked_exponent(procs, "NC_proc");
    return layout;
}

std::vector<double> read_bruker_values(const fs::path& file, const BrukerBinaryLayout& layout,
                                       const char* count_name) {
    const std::size_t width = layout.float64 ? 8 : 4;
    const std::uintmax_t needed = static_cast<std::uintmax_t>(layout.values) * width;
    if (layout.values > max_array_bytes() / 8) {
        throw InputError(file, fmt::format("{} = {} values is above the limit of {} values per array ({} MiB decoded; "
                                           "SIDEPEAK_MAX_ARRAY_MB)",
                                           count_name, layout.values, max_array_bytes() / 8, max_array_bytes() >> 20));
    }
    std::error_code ec;
    if (!fs::is_regular_file(file, ec)) throw InputError(file, "file not found");
    const auto size = fs::file_size(file, ec);
    if (ec) throw InputError(file, "cannot read file size: " + ec.message());
    if (size < needed) {
        throw InputError(file, fmt::format("{} larger than the file: {} = {} values need {} bytes, the file has {}",
                                           count_name, count_name, layout.values, needed, size));
    }
    errno = 0;
    std::ifstream in(file, std::ios::binary);
    if (!in) throw InputError(file, open_failure(errno));
    std::vector<std::uint8_t> bytes(static_cast<std::size_t>(needed));
    in.read(reinterpret_cast<char*>(bytes.data()), static_cast<std::streamsize>(needed));
    if (static_cast<std::uintmax_t>(in.gcount()) != needed) throw InputError(file, "short read");

    std::vector<double> values(layout.values);
    const double scale = std::ldexp(1.0, layout.scale_exponent);
    for (std::size_t i = 0; i < layout.values; ++i) {
        const std::uint8_t* p = bytes.data() + i * width;
        const double v = layout.float64 ? load_value<double>(p, layout.big_endian)
                                        : static_cast<double>(load_value<std::int32_t>(p, layout.big_endian));
        if (!std::isfinite(v)) throw InputError(file, fmt::format("value {} is not finite", i));
        values[i] = v * scale;
    }
    return values;
}

std::vector<std::complex<double>> bruker_fid_points(const std::vector<double>& values, bool real_only) {
    std::vector<std::complex<double>> points;
    if (real_only) {
        points.reserve(values.size());
        for (const double v : values) points.emplace_back(v, 0.0);
        return points;
    }
    points.reserve(values.size() / 2);
    // Bruker's (re, im) pairs already meet the orientation contract (forward DFT + fftshift
    // gives ppm increasing with index); checked against the vendor 1r of every real dataset,
    // see docs/formats/bruker.md. No conjugation.
    for (std::size_t k = 0; k + 1 < values.size(); k += 2) points.emplace_back(values[k], values[k + 1]);
    return points;
}

}  // namespace sidepeak::io::detail

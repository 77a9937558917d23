#pragma once
// Writing an HDF5 file atomically: the writer fills a temporary file beside the target, which is
// renamed over it only when the writer succeeded; on any failure the temporary is removed and the
// target is left as it was. Shared by results.h5 and the merged results of `sidepeak merge`.
#include <filesystem>
#include <random>
#include <system_error>

#include <fmt/format.h>
#include <hdf5.h>

#include "sidepeak/core/error.hpp"

namespace sidepeak::report::detail {

template <typename Writer>
void write_hdf5_atomically(const std::filesystem::path& path, Writer&& write) {
    std::random_device rd;
    const std::filesystem::path dir = path.has_parent_path() ? path.parent_path() : std::filesystem::path(".");
    const std::filesystem::path tmp = dir / fmt::format(".{}.tmp-{:08x}", path.filename().string(), rd());
    H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);  // errors are reported as exceptions, not printed
    try {
        write(tmp);
    } catch (...) {
        std::error_code ignored;
        std::filesystem::remove(tmp, ignored);
        throw;
    }
    std::error_code ec;
    std::filesystem::rename(tmp, path, ec);
    if (ec) {
        std::error_code ignored;
        std::filesystem::remove(tmp, ignored);
        throw Error(fmt::format("{}: cannot replace file: {}", path.string(), ec.message()));
    }
}

}  // namespace sidepeak::report::detail

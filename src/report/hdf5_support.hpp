#pragma once
// HDF5 pieces shared by results.h5 and the merged results of `sidepeak merge`: an owned
// identifier, and writing a file atomically.
#include <filesystem>
#include <random>
#include <string>
#include <system_error>

#include <fmt/format.h>
#include <hdf5.h>

#include "sidepeak/core/error.hpp"

namespace sidepeak::report::detail {

/// Owns one HDF5 identifier and closes it with the matching function. A negative identifier (the
/// library's failure) throws Error "HDF5: cannot <verb> <what>".
class Hdf5Handle {
public:
    Hdf5Handle(hid_t id, herr_t (*close)(hid_t), const std::string& what, const char* verb = "create")
        : id_(id), close_(close) {
        if (id_ < 0) throw Error(std::string("HDF5: cannot ") + verb + " " + what);
    }
    ~Hdf5Handle() {
        if (id_ >= 0) close_(id_);
    }
    Hdf5Handle(const Hdf5Handle&) = delete;
    Hdf5Handle& operator=(const Hdf5Handle&) = delete;
    /// Closes now and returns the library's status (a file's close flushes its data: on a full
    /// disk this is where the write fails).
    herr_t close_now() noexcept {
        const herr_t status = id_ >= 0 ? close_(id_) : 0;
        id_ = -1;
        return status;
    }
    [[nodiscard]] hid_t get() const noexcept { return id_; }

private:
    hid_t id_;
    herr_t (*close_)(hid_t);
};

/// The writer fills a temporary file beside the target, which is renamed over it only when the
/// writer succeeded; on any failure the temporary is removed and the target is left as it was.
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

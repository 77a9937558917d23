#pragma once
// HDF5 pieces shared by results.h5 and the merged results of `sidepeak merge`: an owned
// identifier, the attribute writers (every library status checked), and writing a file atomically.
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

/// Writes a scalar variable-length UTF-8 text attribute `name` on `parent` (h5py reads it as str,
/// HDFView shows it as text). Every step's status is checked: a failure throws Error
/// "HDF5: cannot <step> attribute <name>".
inline void write_text_attribute(hid_t parent, const std::string& name, const std::string& value) {
    const std::string what = "attribute " + name;
    const Hdf5Handle type(H5Tcopy(H5T_C_S1), H5Tclose, "string type of " + what);
    if (H5Tset_size(type.get(), H5T_VARIABLE) < 0 || H5Tset_cset(type.get(), H5T_CSET_UTF8) < 0) {
        throw Error("HDF5: cannot set the string type of " + what);
    }
    const Hdf5Handle space(H5Screate(H5S_SCALAR), H5Sclose, "dataspace of " + what);
    const Hdf5Handle attr(H5Acreate2(parent, name.c_str(), type.get(), space.get(), H5P_DEFAULT, H5P_DEFAULT),
                          H5Aclose, what);
    const char* text = value.c_str();
    if (H5Awrite(attr.get(), type.get(), &text) < 0) throw Error("HDF5: cannot write " + what);
}

/// Writes a scalar double attribute `name` on `parent`, checked as write_text_attribute.
inline void write_number_attribute(hid_t parent, const std::string& name, double value) {
    const std::string what = "attribute " + name;
    const Hdf5Handle space(H5Screate(H5S_SCALAR), H5Sclose, "dataspace of " + what);
    const Hdf5Handle attr(H5Acreate2(parent, name.c_str(), H5T_NATIVE_DOUBLE, space.get(), H5P_DEFAULT, H5P_DEFAULT),
                          H5Aclose, what);
    if (H5Awrite(attr.get(), H5T_NATIVE_DOUBLE, &value) < 0) throw Error("HDF5: cannot write " + what);
}

/// Empties the calling thread's HDF5 error stack when the scope ends. The thread-safe libhdf5 keeps
/// one error stack per thread; records a failed call leaves on a worker thread's stack hold the
/// library's error messages, and H5close at exit then loops ("HDF5: infinite loop closing library").
class Hdf5ErrorStackCleared {
public:
    Hdf5ErrorStackCleared() = default;
    Hdf5ErrorStackCleared(const Hdf5ErrorStackCleared&) = delete;
    Hdf5ErrorStackCleared& operator=(const Hdf5ErrorStackCleared&) = delete;
    ~Hdf5ErrorStackCleared() { H5Eclear2(H5E_DEFAULT); }
};

/// The writer fills a temporary file beside the target, which is renamed over it only when the
/// writer succeeded; on any failure the temporary is removed and the target is left as it was.
/// The caller holds native_library_lock (every HDF5 call here and in the writer runs under it).
template <typename Writer>
void write_hdf5_atomically(const std::filesystem::path& path, Writer&& write) {
    const Hdf5ErrorStackCleared cleared;
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

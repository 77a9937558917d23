#include "sidepeak/report/hdf5_merge.hpp"

#include "hdf5_support.hpp"

#include <random>
#include <string>
#include <system_error>

#include <fmt/format.h>
#include <hdf5.h>

#include "sidepeak/core/error.hpp"
#include "sidepeak/core/native_lock.hpp"
#include "sidepeak/version.hpp"

namespace sidepeak::report {
namespace fs = std::filesystem;

namespace {

// An owned identifier whose failure reads "cannot open" (the merge reads and writes).
class Id : public detail::Hdf5Handle {
public:
    Id(hid_t id, herr_t (*close)(hid_t), const std::string& what) : Hdf5Handle(id, close, what, "open") {}
};

void write_merged(const fs::path& path, const std::vector<fs::path>& parts) {
    Id file(H5Fcreate(path.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT), H5Fclose, path.string());
    detail::write_text_attribute(file.get(), "schema", "sidepeak.results/1");
    detail::write_text_attribute(file.get(), "tool_version", sidepeak::version());
    {
        const Id samples(H5Gcreate2(file.get(), "samples", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT), H5Gclose, "samples");
        for (std::size_t i = 0; i < parts.size(); ++i) {
            const Id part(H5Fopen(parts[i].c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), H5Fclose, parts[i].string());
            if (H5Ocopy(part.get(), "/samples/0", samples.get(), std::to_string(i).c_str(), H5P_DEFAULT, H5P_DEFAULT) < 0) {
                throw Error(parts[i].string() + ": no /samples/0 to copy into results.h5");
            }
        }
    }
    if (file.close_now() < 0 || H5Fis_hdf5(path.c_str()) <= 0) {
        throw Error(fmt::format("{}: HDF5 could not complete the file (disk full or I/O error)", path.string()));
    }
}

}  // namespace

void merge_hdf5_results(const fs::path& path, const std::vector<fs::path>& parts) {
    const auto lock = native_library_lock();  // libhdf5 is not thread-safe
    detail::write_hdf5_atomically(path, [&](const fs::path& tmp) { write_merged(tmp, parts); });
}

}  // namespace sidepeak::report

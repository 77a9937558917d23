// mzMLb reader (Bhamber R. S., Jankevics A., Deutsch E. W., Jones A. R., Dowsey A. W., "mzMLb: A
// Future-Proof Raw Mass Spectrometry Data Format Based on Standards-Compliant mzML and Optimized for
// Speed and Storage Requirements", J. Proteome Res. 20(1):172-183, 2021).
//
// The container is HDF5: the mzML document is a 1-D byte dataset "mzML" and each binaryDataArray
// names a dataset ("external HDF5 dataset", MS:1002841) plus an element offset (MS:1002842) and
// length (MS:1002843) inside it. The XML is streamed through the ordinary mzML reader; arrays are
// read as hyperslabs converted by HDF5 to double, after checking offset + length against the
// dataset's extent.
//
// libhdf5 is serial (see native_lock.hpp): every HDF5 call here runs under native_library_lock,
// taken per operation (opening the file and reading the XML; each array read; closing), never for
// the life of a source. A source may be read and destroyed on other threads than the one that
// opened it, and other HDF5 users (a second mzMLb, the results.h5 writer) run between its reads.
#include "mzmlb_reader.hpp"

#include <map>
#include <utility>

#include <fmt/format.h>
#include <hdf5.h>

#include "sidepeak/core/native_lock.hpp"

#include "mzml_reader.hpp"
#include "sidepeak/core/codec.hpp"
#include "sidepeak/core/error.hpp"
#include "sidepeak/io/numpress.hpp"

namespace sidepeak::io::detail {
namespace fs = std::filesystem;

namespace {

// Owns one HDF5 identifier. Closing is an HDF5 call: an H5Id is destroyed while the caller holds
// native_library_lock (locals inside a locked scope; members by Hdf5File and Hdf5Arrays).
class H5Id {
public:
    using Closer = herr_t (*)(hid_t);
    H5Id() = default;
    H5Id(hid_t id, Closer closer) : id_(id), closer_(closer) {}
    H5Id(const H5Id&) = delete;
    H5Id& operator=(const H5Id&) = delete;
    H5Id(H5Id&& o) noexcept : id_(std::exchange(o.id_, H5I_INVALID_HID)), closer_(o.closer_) {}
    H5Id& operator=(H5Id&& o) noexcept {
        if (this != &o) {
            reset();
            id_ = std::exchange(o.id_, H5I_INVALID_HID);
            closer_ = o.closer_;
        }
        return *this;
    }
    ~H5Id() { reset(); }
    [[nodiscard]] hid_t get() const noexcept { return id_; }
    [[nodiscard]] bool valid() const noexcept { return id_ >= 0; }

private:
    void reset() noexcept {
        if (id_ >= 0 && closer_) closer_(id_);
        id_ = H5I_INVALID_HID;
    }
    hid_t id_ = H5I_INVALID_HID;
    Closer closer_ = nullptr;
};

// Empties the calling thread's HDF5 error stack when the scope ends. libhdf5 (thread-safe build)
// keeps one error stack per thread and clears it only at the thread's next API call; records left
// on a worker thread's stack by a failed call hold references to the library's error messages, and
// at exit H5close cannot release them ("HDF5: infinite loop closing library"). Every function here
// that may fail an HDF5 call holds one, inside native_library_lock.
class ErrorStackCleared {
public:
    ErrorStackCleared() = default;
    ErrorStackCleared(const ErrorStackCleared&) = delete;
    ErrorStackCleared& operator=(const ErrorStackCleared&) = delete;
    ~ErrorStackCleared() { H5Eclear2(H5E_DEFAULT); }
};

// Opens a dataset without HDF5 printing its error stack; invalid id when absent.
H5Id open_dataset(hid_t file, const std::string& name) {
    const ErrorStackCleared cleared;
    hid_t id = H5I_INVALID_HID;
    H5E_BEGIN_TRY { id = H5Dopen2(file, name.c_str(), H5P_DEFAULT); }
    H5E_END_TRY;
    return {id, H5Dclose};
}

struct Dataset {
    H5Id id;
    hsize_t extent = 0;
    bool numeric = false;
};

Dataset describe(H5Id id, const fs::path& path, const std::string& name) {
    const ErrorStackCleared cleared;
    Dataset d;
    d.id = std::move(id);
    const H5Id space(H5Dget_space(d.id.get()), H5Sclose);
    const H5Id type(H5Dget_type(d.id.get()), H5Tclose);
    if (!space.valid() || !type.valid()) throw InputError(path, "mzMLb: cannot inspect dataset " + name);
    if (H5Sget_simple_extent_ndims(space.get()) != 1) throw InputError(path, "mzMLb: dataset " + name + " is not one-dimensional");
    H5Sget_simple_extent_dims(space.get(), &d.extent, nullptr);
    const H5T_class_t cls = H5Tget_class(type.get());
    d.numeric = cls == H5T_INTEGER || cls == H5T_FLOAT;
    return d;
}

class Hdf5Arrays final : public ExternalArrays {
public:
    Hdf5Arrays(fs::path path, hid_t file) : path_(std::move(path)), file_(file) {}
    Hdf5Arrays(const Hdf5Arrays&) = delete;
    Hdf5Arrays& operator=(const Hdf5Arrays&) = delete;
    ~Hdf5Arrays() override {
        const auto lock = native_library_lock();
        datasets_.clear();  // H5Dclose of every dataset opened by read()
    }

    void read(const ArrayCoding& coding, std::size_t expected, std::vector<double>& out) override {
        const auto lock = native_library_lock();  // one array: held from its dataset lookup to the copy
        const ErrorStackCleared cleared;          // destroyed before the lock is released
        const std::string& name = coding.external_dataset;
        if (name.empty()) throw InputError(path_, "mzMLb: binaryDataArray without an external HDF5 dataset name");
        if (coding.external_offset < 0 || coding.external_length < 0) {
            throw InputError(path_, fmt::format("mzMLb: dataset {}: external offset/length missing or invalid", name));
        }
        Dataset& d = dataset(name);
        const auto offset = static_cast<hsize_t>(coding.external_offset);
        const auto length = static_cast<hsize_t>(coding.external_length);
        if (offset > d.extent || length > d.extent - offset) {
            throw InputError(path_, fmt::format("mzMLb: dataset {} holds {} values; offset {} + length {} is outside it", name,
                                                d.extent, offset, length));
        }
        const bool numpress = coding.compression != Compression::none && coding.compression != Compression::zlib;
        if (!numpress && length != expected) {
            throw InputError(path_, fmt::format("mzMLb: dataset {}: external array length {} but the declared length is {}", name,
                                                length, expected));
        }
        const H5Id file_space(H5Dget_space(d.id.get()), H5Sclose);
        const hsize_t count = length;
        if (H5Sselect_hyperslab(file_space.get(), H5S_SELECT_SET, &offset, nullptr, &count, nullptr) < 0) {
            throw InputError(path_, "mzMLb: cannot select a range of dataset " + name);
        }
        const H5Id mem_space(H5Screate_simple(1, &count, nullptr), H5Sclose);
        if (!numpress) {
            out.resize(static_cast<std::size_t>(length));
            if (length > 0 && H5Dread(d.id.get(), H5T_NATIVE_DOUBLE, mem_space.get(), file_space.get(), H5P_DEFAULT, out.data()) < 0) {
                throw InputError(path_, "mzMLb: cannot read dataset " + name);
            }
            return;
        }
        // MS-Numpress bytes stored in a byte dataset (HDF5 filters do any further compression).
        bytes_.resize(static_cast<std::size_t>(length));
        if (length > 0 && H5Dread(d.id.get(), H5T_NATIVE_UCHAR, mem_space.get(), file_space.get(), H5P_DEFAULT, bytes_.data()) < 0) {
            throw InputError(path_, "mzMLb: cannot read dataset " + name);
        }
        try {
            switch (coding.compression) {
                case Compression::linear:
                case Compression::linear_zlib: numpress::decode_linear(bytes_, out, expected); break;
                case Compression::pic:
                case Compression::pic_zlib: numpress::decode_pic(bytes_, out, expected); break;
                default: numpress::decode_slof(bytes_, out, expected); break;
            }
        } catch (const Error& e) {
            throw InputError(path_, fmt::format("mzMLb: dataset {}: {}", name, e.what()));
        }
    }

private:
    Dataset& dataset(const std::string& name) {
        if (const auto it = datasets_.find(name); it != datasets_.end()) return it->second;
        H5Id id = open_dataset(file_, name);
        if (!id.valid()) throw InputError(path_, "mzMLb: external dataset \"" + name + "\" does not exist");
        Dataset d = describe(std::move(id), path_, name);
        if (!d.numeric) throw InputError(path_, "mzMLb: dataset \"" + name + "\" is not numeric");
        return datasets_.emplace(name, std::move(d)).first->second;
    }

    fs::path path_;
    hid_t file_;
    std::map<std::string, Dataset> datasets_;
    std::vector<std::uint8_t> bytes_;
};

// The HDF5 file of a source, closed under native_library_lock on whichever thread destroys it.
class Hdf5File {
public:
    explicit Hdf5File(H5Id id) : id_(std::move(id)) {}
    Hdf5File(const Hdf5File&) = delete;
    Hdf5File& operator=(const Hdf5File&) = delete;
    ~Hdf5File() {
        const auto lock = native_library_lock();
        id_ = H5Id();  // H5Fclose
    }
    [[nodiscard]] hid_t get() const noexcept { return id_.get(); }

private:
    H5Id id_;
};

class MzmlbSource final : public MsSource {
public:
    explicit MzmlbSource(const fs::path& path) : file_(open_file(path)), arrays_(path, file_.get()), xml_(load_xml(path)) {}

    [[nodiscard]] const MsRunInfo& info() const override { return xml_->info(); }
    std::optional<MsSpectrum> next() override { return xml_->next(); }
    std::vector<Chromatogram> chromatograms() override { return xml_->chromatograms(); }

private:
    static H5Id open_file(const fs::path& path) {
        const auto lock = native_library_lock();
        const ErrorStackCleared cleared;
        hid_t id = H5I_INVALID_HID;
        H5E_BEGIN_TRY { id = H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT); }
        H5E_END_TRY;
        if (id < 0) throw InputError(path, "not a readable HDF5 file (mzMLb)");
        return {id, H5Fclose};
    }

    std::unique_ptr<MzmlSource> load_xml(const fs::path& path) {
        // The XML is read under the lock; the mzML reader is built after it is released (it may
        // read arrays through arrays_, which lock by themselves).
        return std::make_unique<MzmlSource>(BlockReader(path, read_xml(path)), DataFormat::mzmlb, &arrays_);
    }

    std::string read_xml(const fs::path& path) const {
        const auto lock = native_library_lock();
        const ErrorStackCleared cleared;
        H5Id id = open_dataset(file_.get(), "mzML");
        if (!id.valid()) throw InputError(path, "HDF5 file without an \"mzML\" dataset: not mzMLb");
        const Dataset d = describe(std::move(id), path, "mzML");
        const H5Id type(H5Dget_type(d.id.get()), H5Tclose);
        if (H5Tget_class(type.get()) != H5T_INTEGER || H5Tget_size(type.get()) != 1) {
            throw InputError(path, "mzMLb: dataset \"mzML\" is not a byte array");
        }
        if (d.extent == 0) throw InputError(path, "mzMLb: dataset \"mzML\" is empty");
        if (d.extent > (hsize_t{1} << 33)) throw InputError(path, "mzMLb: dataset \"mzML\" is implausibly large");
        std::string xml(static_cast<std::size_t>(d.extent), '\0');
        if (H5Dread(d.id.get(), H5T_NATIVE_CHAR, H5S_ALL, H5S_ALL, H5P_DEFAULT, xml.data()) < 0) {
            throw InputError(path, "mzMLb: cannot read dataset \"mzML\"");
        }
        return xml;
    }

    // Destroyed in reverse order: the XML reader, the datasets, then the file (each closing
    // under its own short lock).
    Hdf5File file_;
    Hdf5Arrays arrays_;
    std::unique_ptr<MzmlSource> xml_;
};

}  // namespace

std::unique_ptr<MsSource> open_mzmlb(const fs::path& path) { return std::make_unique<MzmlbSource>(path); }

bool is_mzmlb(const fs::path& path) noexcept {
    try {
        const auto lock = native_library_lock();
        const ErrorStackCleared cleared;  // destroyed before the lock is released
        hid_t id = H5I_INVALID_HID;
        H5E_BEGIN_TRY { id = H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT); }
        H5E_END_TRY;
        if (id < 0) return false;
        const H5Id file(id, H5Fclose);
        return open_dataset(file.get(), "mzML").valid();
    } catch (...) {
        return false;
    }
}

}  // namespace sidepeak::io::detail

// analyze_buffer: in-memory instrument data, for plugins that never write files themselves.
//
// The readers take a path, so the bytes are given one without touching a disk where the system
// allows it: an anonymous memory file (memfd_create) opened through /proc/self/fd/N, which no
// other user can reach and which vanishes with its descriptor, even on kill -9. Where that is not
// available (no memfd, no /proc), the bytes go to a private temporary file: a folder made by
// mkdtemp (mode 0700) in the temporary folder, the file created with O_EXCL | O_NOFOLLOW and mode
// 0600, both removed as soon as the sample has been read, whatever happens. HDF5 containers
// (mzMLb) always take the second way: libhdf5 resolves a path through its links and cannot open
// a memory file.
#include <cerrno>
#include <cstring>
#include <string>
#include <string_view>

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sidepeak/core/error.hpp"
#include "sidepeak/pipeline/analyze.hpp"

namespace sidepeak::pipeline {
namespace fs = std::filesystem;

namespace {

std::string errno_text(int err) { return std::strerror(err); }

// Writes all bytes to `fd`; false (errno set) on failure.
bool write_all(int fd, const char* data, std::size_t size) {
    while (size > 0) {
        const ssize_t n = ::write(fd, data, size);
        if (n < 0) {
            if (errno == EINTR) continue;
            return false;
        }
        data += n;
        size -= static_cast<std::size_t>(n);
    }
    return true;
}

class Descriptor {
public:
    explicit Descriptor(int fd = -1) noexcept : fd_(fd) {}
    ~Descriptor() {
        if (fd_ >= 0) ::close(fd_);
    }
    Descriptor(const Descriptor&) = delete;
    Descriptor& operator=(const Descriptor&) = delete;
    [[nodiscard]] int get() const noexcept { return fd_; }
    void reset(int fd) noexcept {
        if (fd_ >= 0) ::close(fd_);
        fd_ = fd;
    }
    int release() noexcept {
        const int fd = fd_;
        fd_ = -1;
        return fd;
    }

private:
    int fd_;
};

// The bytes as an anonymous memory file; `path` names it for the readers. Empty when the system
// offers no memfd or no /proc (then `why` says so).
struct MemoryFile {
    Descriptor fd;
    fs::path path;
};

bool make_memory_file(MemoryFile& out, const char* data, std::size_t size, std::string& why) {
#ifdef MFD_CLOEXEC
    Descriptor fd(::memfd_create("sidepeak-buffer", MFD_CLOEXEC));
    if (fd.get() < 0) {
        why = std::string("memfd_create: ") + errno_text(errno);
        return false;
    }
    if (!write_all(fd.get(), data, size)) {
        // ENOSPC/ENOMEM: the memory file cannot hold the data; a disk file would not do better
        // without the same memory, so this is the caller's error.
        throw Error(std::string("analyze_buffer: cannot hold the data in memory: ") + errno_text(errno));
    }
    const fs::path path = std::string("/proc/self/fd/") + std::to_string(fd.get());
    const Descriptor probe(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
    if (probe.get() < 0) {
        why = path.string() + ": " + errno_text(errno) + " (no /proc?)";
        return false;
    }
    out.fd.reset(fd.release());
    out.path = path;
    return true;
#else
    (void)out;
    (void)data;
    (void)size;
    why = "no memfd_create on this system";
    return false;
#endif
}

// A private folder with one file in it, both removed when the scope ends, whatever happens.
class PrivateFile {
public:
    PrivateFile(const std::string& name, const char* data, std::size_t size) {
        std::error_code ec;
        const fs::path base = fs::temp_directory_path(ec);  // TMPDIR, else /tmp
        if (ec) throw Error(std::string("analyze_buffer: no usable temporary folder (TMPDIR): ") + ec.message());
        std::string templ = (base / "sidepeak-buffer-XXXXXX").string();
        if (::mkdtemp(templ.data()) == nullptr) {
            throw Error(std::string("analyze_buffer: cannot create a private folder in ") + base.string() + ": " + errno_text(errno));
        }
        dir_ = templ;
        file_ = dir_ / name;
        const Descriptor fd(::open(file_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600));
        if (fd.get() < 0) {
            const int err = errno;
            remove();
            throw Error(std::string("analyze_buffer: cannot create ") + file_.string() + ": " + errno_text(err));
        }
        created_ = true;
        if (!write_all(fd.get(), data, size)) {
            const int err = errno;
            remove();
            throw Error(std::string("analyze_buffer: cannot write ") + file_.string() + ": " + errno_text(err));
        }
    }
    ~PrivateFile() { remove(); }
    PrivateFile(const PrivateFile&) = delete;
    PrivateFile& operator=(const PrivateFile&) = delete;
    [[nodiscard]] const fs::path& path() const noexcept { return file_; }

private:
    void remove() noexcept {
        if (created_) ::unlink(file_.c_str());
        created_ = false;
        if (!dir_.empty()) ::rmdir(dir_.c_str());
        dir_.clear();
    }

    fs::path dir_, file_;
    bool created_ = false;
};

// Keeps only a plain file name so a caller's label can never point outside the private folder.
std::string safe_name(const std::string& name) {
    std::string out = fs::path(name).filename().string();
    if (out.empty() || out == "." || out == ".." || out.find('\0') != std::string::npos) out = "buffer";
    return out;
}

// The report names the caller's label, never the memory file or the temporary file.
SampleResult relabel(SampleResult result, const fs::path& used, const std::string& name) {
    const fs::path label = name.empty() ? fs::path("buffer") : fs::path(name);
    const std::string used_text = used.string();
    for (auto& input : result.inputs) {
        input.path = label;
        for (std::size_t at = input.error.find(used_text); at != std::string::npos;
             at = input.error.find(used_text, at + label.string().size())) {
            input.error.replace(at, used_text.size(), label.string());
        }
    }
    for (auto& nmr : result.nmr) nmr.path = label;
    for (auto& lcms : result.lcms) lcms.path = label;
    for (auto& skipped : result.skipped) skipped.path = label / skipped.path.filename();
    return result;
}

}  // namespace

SampleResult analyze_buffer(const std::string& id, const void* data, std::size_t size, const std::string& name,
                            const classify::SampleContext& context, const AnalysisOptions& options,
                            BufferStorage storage) {
    if (data == nullptr && size > 0) throw UsageError("analyze_buffer: data is NULL");
    const char* bytes = size > 0 ? static_cast<const char*>(data) : "";
    // libhdf5 resolves the path it is given through its links and cannot open a memory file's
    // "/memfd:... (deleted)": HDF5 containers (mzMLb, netCDF-4) need a real file.
    static constexpr std::string_view kHdf5Signature = "\x89HDF\r\n\x1a\n";
    if (storage == BufferStorage::automatic && std::string_view(bytes, size).substr(0, kHdf5Signature.size()) == kHdf5Signature) {
        storage = BufferStorage::private_file;
    }
    if (storage != BufferStorage::private_file) {
        MemoryFile memory;
        std::string why;
        if (make_memory_file(memory, bytes, size, why)) {
            return relabel(analyze_sample(id, memory.path, context, options), memory.path, name);
        }
        if (storage == BufferStorage::memory) throw Error(std::string("analyze_buffer: no memory file: ") + why);
    }
    const PrivateFile file(safe_name(name), bytes, size);
    return relabel(analyze_sample(id, file.path(), context, options), file.path(), name);
}

}  // namespace sidepeak::pipeline

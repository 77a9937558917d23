// Finding the input files of a sample.
#include <algorithm>
#include <array>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <map>
#include <optional>
#include <string>
#include <system_error>
#include <utility>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sidepeak/io/format.hpp"
#include "sidepeak/pipeline/analyze.hpp"
#include "sidecar.hpp"

namespace sidepeak::pipeline {
namespace fs = std::filesystem;

std::string unrecognised_reason(const fs::path& path) {
    // Content detection reads nothing from a file it cannot open: say why it could not, with the
    // system's words (permission denied, I/O error, ...), instead of blaming the format.
    struct stat st {};
    if (::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode)) {
        const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
        if (fd < 0) return std::string("cannot read: ") + std::string(std::strerror(errno));
        char byte = 0;
        const ssize_t got = ::read(fd, &byte, 1);
        const int err = errno;
        ::close(fd);
        if (got < 0) return std::string("cannot read: ") + std::string(std::strerror(err));
        if (got == 0) return "empty file (0 bytes), not a recognised NMR or LC-MS format";
    } else if (::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode) && ::access(path.c_str(), R_OK | X_OK) != 0) {
        return std::string("cannot read folder: ") + std::string(std::strerror(errno));
    }
    return "not a recognised NMR or LC-MS format";
}

bool is_report_folder(const fs::path& folder) {
    std::error_code ec;
    return fs::is_directory(folder / ".sidepeak", ec);
}

namespace {

InputRecord record_for(const fs::path& path, io::Format format) {
    InputRecord record;
    record.path = path;
    record.format = format;
    record.kind = io::format_kind(format);
    if (format == io::Format::unknown) record.error = unrecognised_reason(path);
    return record;
}

// A file or folder's identity: links to one target have the same device and inode.
struct FileId {
    dev_t dev = 0;
    ino_t ino = 0;
    auto operator<=>(const FileId&) const = default;
};

// The identity of what `p` names (links followed), or the errno of stat.
std::pair<std::optional<FileId>, int> file_id(const fs::path& p) {
    struct stat st {};
    if (::stat(p.c_str(), &st) != 0) return {std::nullopt, errno};
    return {FileId{st.st_dev, st.st_ino}, 0};
}

class Walker {
public:
    explicit Walker(Discovery& out) : out_(out) {}

    void walk_root(const fs::path& root) {
        const auto [id, err] = file_id(root);
        if (id) {
            seen_.emplace(*id, root);
            ancestors_.push_back(*id);
        }
        walk(root, 0);
    }

private:
    void skip(const fs::path& p, std::string reason) { out_.skipped.push_back({p, std::move(reason)}); }

    void walk(const fs::path& dir, int depth) {
        std::error_code ec;
        std::vector<fs::path> entries;
        for (const auto& entry : fs::directory_iterator(dir, ec)) entries.push_back(entry.path());
        if (ec) {
            InputRecord record = record_for(dir, io::Format::unknown);
            record.error = "cannot list folder: " + ec.message();
            out_.inputs.push_back(record);
            return;
        }
        std::sort(entries.begin(), entries.end());
        for (const auto& entry : entries) visit(entry, depth);
    }

    void visit(const fs::path& entry, int depth) {
        std::error_code ec;
        const bool folder = fs::is_directory(entry, ec);
        const std::string name = entry.filename().string();
        if (!name.empty() && name.front() == '.') {
            skip(entry, folder ? "hidden folder (name starts with '.'), not searched" : "hidden file (name starts with '.')");
            return;
        }
        const auto [id, err] = file_id(entry);
        if (!id) {
            InputRecord record = record_for(entry, io::Format::unknown);
            record.error = fs::is_symlink(entry, ec) ? "broken link: " + std::string(std::strerror(err))
                                                      : "cannot open: " + std::string(std::strerror(err));
            out_.inputs.push_back(record);
            return;
        }
        if (std::find(ancestors_.begin(), ancestors_.end(), *id) != ancestors_.end()) {
            skip(entry, "link to a folder that contains it (a loop), not followed");
            return;
        }
        if (const auto it = seen_.find(*id); it != seen_.end()) {
            skip(entry, "same " + std::string(folder ? "folder" : "file") + " as " + it->second.string() +
                            " (reached again through a link), taken once");
            return;
        }
        seen_.emplace(*id, entry);
        if (folder && is_report_folder(entry)) {
            skip(entry, "a sidepeak report folder (it holds .sidepeak), not searched");
            return;
        }
        const io::Format format = io::detect_format(entry);  // by content, whatever the name
        if (format != io::Format::unknown) {
            out_.inputs.push_back(record_for(entry, format));
        } else if (folder) {
            if (depth >= kMaxDiscoveryDepth) {
                skip(entry, "folder deeper than " + std::to_string(kMaxDiscoveryDepth) +
                                " levels below the sample, not searched");
                return;
            }
            ancestors_.push_back(*id);
            walk(entry, depth + 1);
            ancestors_.pop_back();
        } else if (detail::is_sidecar(entry)) {
            skip(entry, "documentation or sidecar file (content is no NMR or LC-MS format)");
        } else {
            out_.inputs.push_back(record_for(entry, io::Format::unknown));
        }
    }

    Discovery& out_;
    std::map<FileId, fs::path> seen_;  // every entry taken, with the path it was first reached by
    std::vector<FileId> ancestors_;    // the folders from the sample root down to the current one
};

}  // namespace

Discovery discover(const fs::path& sample_path) {
    Discovery out;
    std::error_code ec;
    if (!fs::exists(sample_path, ec)) {
        InputRecord record = record_for(sample_path, io::Format::unknown);
        record.error = "no such file or folder";
        out.inputs.push_back(record);
        return out;
    }
    const io::Format format = io::detect_format(sample_path);
    if (format != io::Format::unknown || !fs::is_directory(sample_path, ec)) {
        out.inputs.push_back(record_for(sample_path, format));
        return out;
    }
    Walker(out).walk_root(sample_path);
    if (out.inputs.empty()) {
        InputRecord record = record_for(sample_path, io::Format::unknown);
        record.error = "folder holds no NMR or LC-MS data";
        out.inputs.push_back(record);
    }
    return out;
}

std::vector<InputRecord> discover_inputs(const fs::path& sample_path) { return discover(sample_path).inputs; }

}  // namespace sidepeak::pipeline

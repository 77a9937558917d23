#include "sidepeak/report/write_reports.hpp"

#include <array>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <random>
#include <sstream>
#include <string_view>
#include <system_error>

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/file.h>
#include <unistd.h>

#include "sidepeak/core/error.hpp"
#include "sidepeak/core/file_io.hpp"
#include "sidepeak/report/csv_report.hpp"
#include "sidepeak/report/hdf5_results.hpp"
#include "sidepeak/report/html_report.hpp"
#include "sidepeak/report/json_report.hpp"

namespace sidepeak::report {

std::set<std::string> parse_formats(const std::string& list) {
    std::set<std::string> out;
    std::stringstream in(list);
    std::string item;
    while (std::getline(in, item, ',')) {
        if (item.empty()) continue;
        if (item == "hdf5") item = "h5";
        if (item != "html" && item != "json" && item != "csv" && item != "h5") {
            throw UsageError("unknown report format '" + item + "' (expected html, json, csv, h5)");
        }
        out.insert(item);
    }
    if (out.empty()) throw UsageError("no report format given");
    return out;
}

void write_reports(const std::filesystem::path& dir, const BatchResult& batch, const std::set<std::string>& formats) {
    std::filesystem::create_directories(dir);
    for (const auto& f : formats) {
        if (f == "json") {
            write_file_atomic(dir / "report.json", report_json_text(batch, 1) + "\n");
        } else if (f == "csv") {
            write_file_atomic(dir / "summary.csv", summary_csv(batch));
        } else if (f == "html") {
            write_html_report(dir, batch);
        } else if (f == "h5") {
            write_hdf5_results(dir / "results.h5", batch);
        } else {
            throw UsageError("unknown report format '" + f + "'");
        }
    }
}

namespace {
namespace fs = std::filesystem;

// The names of a report set, at the top of the output folder and inside each set folder.
constexpr std::array<std::string_view, 5> set_names{"report.html", "samples", "report.json", "summary.csv",
                                                    "results.h5"};
constexpr std::string_view private_folder = ".sidepeak";
constexpr std::string_view current_link = "current";
constexpr std::string_view results_folder = "results";  // per-sample results, kept for --resume

std::string random_id() {
    std::random_device rd;
    return fmt::format("{:08x}{:08x}", rd(), rd());
}

std::string errno_text() { return std::strerror(errno); }

// Flushes a file or folder to disk; a failure is the disk's (EIO, ENOSPC on delayed allocation).
void sync_path(const fs::path& path, bool folder) {
    const int fd = ::open(path.c_str(), (folder ? O_RDONLY | O_DIRECTORY : O_RDONLY) | O_CLOEXEC);
    if (fd < 0) throw OutputError(path.string() + ": cannot open to flush: " + errno_text());
    const int rc = ::fsync(fd);
    const std::string why = rc != 0 ? errno_text() : std::string();
    ::close(fd);
    if (rc != 0) throw OutputError(path.string() + ": flush to disk failed: " + why);
}

void sync_tree(const fs::path& root) {
    for (const auto& entry : fs::recursive_directory_iterator(root)) {
        sync_path(entry.path(), entry.is_directory());
    }
    sync_path(root, true);
}

// Removes a folder being built unless dismissed: a failed run leaves nothing behind.
class RemoveUnlessKept {
public:
    explicit RemoveUnlessKept(fs::path path) : path_(std::move(path)) {}
    ~RemoveUnlessKept() {
        if (path_.empty()) return;
        std::error_code ignored;
        fs::remove_all(path_, ignored);
    }
    RemoveUnlessKept(const RemoveUnlessKept&) = delete;
    RemoveUnlessKept& operator=(const RemoveUnlessKept&) = delete;
    void keep() noexcept { path_.clear(); }

private:
    fs::path path_;
};

// Puts a symbolic link `target` at `where` in one rename (over a file or an older link).
void place_link(const fs::path& where, const fs::path& target) {
    const fs::path tmp = where.parent_path() / fmt::format(".sidepeak-link-{}", random_id());
    std::error_code ec;
    fs::create_symlink(target, tmp, ec);
    if (!ec) fs::rename(tmp, where, ec);
    if (ec) {
        std::error_code ignored;
        fs::remove(tmp, ignored);
        throw OutputError(where.string() + ": cannot link into the report set: " + ec.message());
    }
}

}  // namespace

ReportSet::ReportSet(fs::path dir) : dir_(std::move(dir)) {
    const std::string shown = dir_.string();
    if (dir_.empty()) throw UsageError("--out must name a folder");
    std::error_code ec;
    const auto status = fs::status(dir_, ec);
    if (fs::exists(status) && !fs::is_directory(status)) throw UsageError("--out " + shown + " exists and is not a folder");
    fs::create_directories(dir_, ec);
    if (ec) throw UsageError("--out " + shown + ": cannot create the folder: " + ec.message());
    // The top-level links are written into DIR itself: it must take new entries.
    std::string probe = (dir_ / ".sidepeak-probe-XXXXXX").string();
    const int probe_fd = ::mkstemp(probe.data());
    if (probe_fd < 0) throw UsageError("--out " + shown + ": folder is not writable: " + errno_text());
    ::close(probe_fd);
    ::unlink(probe.c_str());
    fs::create_directories(dir_ / private_folder, ec);
    if (ec) throw UsageError("--out " + shown + ": cannot create " + std::string(private_folder) + ": " + ec.message());
    lock_fd_ = ::open((dir_ / private_folder).c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (lock_fd_ < 0) throw UsageError("--out " + shown + ": cannot open " + std::string(private_folder) + ": " + errno_text());
    if (::flock(lock_fd_, LOCK_EX | LOCK_NB) != 0) {
        const int err = errno;
        ::close(lock_fd_);
        lock_fd_ = -1;
        if (err == EWOULDBLOCK) {
            throw UsageError("--out " + shown +
                             " is in use by another sidepeak run; wait for it to finish or choose another --out");
        }
        throw UsageError("--out " + shown + ": cannot lock the folder: " + std::strerror(err));
    }
}

ReportSet::~ReportSet() {
    if (lock_fd_ >= 0) ::close(lock_fd_);  // closing the last descriptor releases the flock
}

void ReportSet::publish(const BatchResult& batch, const std::set<std::string>& formats) const {
    publish([&](const fs::path& staging) { write_reports(staging, batch, formats); });
}

void ReportSet::publish(const std::function<void(const fs::path&)>& write) const {
    const fs::path private_dir = dir_ / private_folder;
    const std::string set_name = "set-" + random_id();
    const fs::path staging = private_dir / set_name;
    RemoveUnlessKept cleanup(staging);
    try {
        fs::create_directory(staging);
        write(staging);
        sync_tree(staging);
        // One rename publishes the whole set: readers of DIR/<name> see the old set or the new one.
        place_link(private_dir / current_link, set_name);
        cleanup.keep();
        sync_path(private_dir, true);
    } catch (const OutputError&) {
        throw;
    } catch (const UsageError&) {
        throw;
    } catch (const std::exception& e) {
        throw OutputError(dir_.string() + ": the report could not be written: " + e.what());
    }
    // The top-level names: links through `current` for what this set holds; names it does not
    // hold are removed (a results.h5 of an earlier run with --format ...,h5 is not this set's).
    // A folder written by an earlier version holds plain files here: they are replaced one by one.
    try {
        for (const auto name : set_names) {
            const fs::path top = dir_ / name;
            const fs::path target = fs::path(private_folder) / current_link / name;
            std::error_code ec;
            const auto st = fs::symlink_status(top, ec);
            const bool is_our_link = fs::is_symlink(st) && fs::read_symlink(top, ec) == target;
            if (fs::exists(staging / name)) {
                if (is_our_link) continue;
                if (fs::is_directory(st)) fs::rename(top, private_dir / ("old-" + random_id()));
                place_link(top, target);
            } else if (fs::exists(st) || fs::is_symlink(st)) {
                if (fs::is_directory(st)) {
                    fs::rename(top, private_dir / ("old-" + random_id()));
                } else {
                    fs::remove(top);
                }
            }
        }
    } catch (const OutputError&) {
        throw;
    } catch (const std::exception& e) {
        throw OutputError(dir_.string() + ": the new report set is in " + staging.string() +
                          " but the top-level links could not be made: " + e.what());
    }
    // The previous set, folders of interrupted runs and leftovers: this run holds the lock, so no
    // other run is writing any of them.
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(private_dir, ec)) {
        const std::string name = entry.path().filename().string();
        if (name == current_link || name == set_name || name == results_folder) continue;
        std::error_code ignored;
        fs::remove_all(entry.path(), ignored);
    }
    for (const auto& entry : fs::directory_iterator(dir_, ec)) {
        const std::string name = entry.path().filename().string();
        if (name.rfind(".sidepeak-link-", 0) == 0 || name.rfind(".sidepeak-probe-", 0) == 0) {
            std::error_code ignored;
            fs::remove(entry.path(), ignored);
        }
    }
}

}  // namespace sidepeak::report

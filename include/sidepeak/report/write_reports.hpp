#pragma once
/// Writes the requested report formats for a batch into one folder.
#include <filesystem>
#include <functional>
#include <set>
#include <string>

#include "sidepeak/report/sample_report.hpp"

namespace sidepeak::report {

/// Formats: "html" (report.html + samples/), "json" (report.json), "csv" (summary.csv),
/// "h5" (results.h5). Every file is written atomically. Throws UsageError for an unknown format.
void write_reports(const std::filesystem::path& dir, const BatchResult& batch, const std::set<std::string>& formats);

/// The report set of one output folder, replaced as a whole or not at all, by one run at a time
/// (docs/architecture.md, "The report set"). The set lives in `DIR/.sidepeak/set-<id>/`; the
/// symbolic link `DIR/.sidepeak/current` names the published one and the top-level names
/// (`DIR/report.html`, `DIR/samples`, `DIR/report.json`, `DIR/summary.csv`, `DIR/results.h5`) are
/// links through it, so publishing a new set is one rename. Other files in DIR are never touched.
class ReportSet {
public:
    /// Claims `dir` for this run: checks it is usable (not empty, not an existing file, creatable,
    /// writable), creates `DIR/.sidepeak` and locks it (flock, released when this object goes or
    /// the process ends, even by kill -9). Throws UsageError naming the problem, including a folder
    /// locked by another run.
    explicit ReportSet(std::filesystem::path dir);
    ~ReportSet();
    ReportSet(const ReportSet&) = delete;
    ReportSet& operator=(const ReportSet&) = delete;
    ReportSet(ReportSet&&) = delete;
    ReportSet& operator=(ReportSet&&) = delete;

    /// Writes the whole set into a fresh folder beside the published one, flushes it to disk, then
    /// publishes it with one rename of the `current` link; afterwards removes the previous set and
    /// leftovers of interrupted runs. On failure before the rename the new folder is removed and the
    /// previous set stays as it was. Throws OutputError.
    void publish(const BatchResult& batch, const std::set<std::string>& formats) const;

    /// The same with the set's files written by `write` into the folder it is given (fresh,
    /// inside DIR/.sidepeak); everything else as above.
    void publish(const std::function<void(const std::filesystem::path&)>& write) const;

    /// `DIR/.sidepeak/results`: the per-sample results of the runs into DIR, kept across runs
    /// (for --resume) and never removed by publishing.
    [[nodiscard]] std::filesystem::path results_dir() const { return dir_ / ".sidepeak" / "results"; }

    [[nodiscard]] const std::filesystem::path& dir() const noexcept { return dir_; }

private:
    std::filesystem::path dir_;
    int lock_fd_ = -1;
};

/// Parses a comma-separated list such as "html,json,csv,h5". Throws UsageError for unknown names.
std::set<std::string> parse_formats(const std::string& list);

}  // namespace sidepeak::report

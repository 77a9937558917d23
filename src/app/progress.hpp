#pragma once
// Batch progress on stderr: on a terminal one live line (bar, counts, rate, ETA) redrawn in
// place; otherwise one plain line per finished sample, for logs and scripts.
#include <chrono>
#include <cstddef>
#include <mutex>
#include <ostream>
#include <string>

#include "sidepeak/report/sample_report.hpp"

namespace sidepeak::app {

/// The plain line for one finished sample: "[done/total] ID: R of N inputs read; found CLASS, ...
/// (T ms)", or "[done/total] ID: unchanged since the earlier run, its result reused (--resume)".
std::string sample_line(std::size_t done, std::size_t total, const report::SampleResult& sample, bool reused);

/// The live line: "[#####-----] done/total  P%  R samples/s  ETA h:mm:ss  (K reused)" for
/// `elapsed_s` seconds since the start, the rate over the samples analysed (not reused).
std::string progress_bar(std::size_t done, std::size_t total, std::size_t reused, double elapsed_s);

class Progress {
public:
    /// `terminal`: draw the live line (stderr is a terminal); `quiet`: print nothing.
    Progress(std::ostream& err, bool terminal, bool quiet);
    Progress(const Progress&) = delete;
    Progress& operator=(const Progress&) = delete;
    ~Progress();

    /// One sample finished (calls are serialised by the batch).
    void sample_done(std::size_t done, std::size_t total, const report::SampleResult& sample, bool reused);
    /// Ends the live line (a line break), so later messages start on their own line.
    void finish();

private:
    std::ostream& err_;
    bool terminal_;
    bool quiet_;
    bool drawn_ = false;
    std::size_t reused_ = 0;
    std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
    std::chrono::steady_clock::time_point last_draw_{};
};

}  // namespace sidepeak::app

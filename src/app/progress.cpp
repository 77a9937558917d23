#include "progress.hpp"

#include <cmath>

#include <fmt/format.h>

#include "sidepeak/core/text.hpp"

namespace sidepeak::app {

std::string sample_line(std::size_t done, std::size_t total, const report::SampleResult& s, bool reused) {
    if (reused) {
        return fmt::format("[{}/{}] {}: unchanged since the earlier run, its result reused (--resume)\n", done, total,
                           terminal_text(s.id));
    }
    std::size_t bad = 0;
    std::string found;
    for (const auto& in : s.inputs) bad += in.ok ? 0 : 1;
    for (const auto& f : s.findings) {
        if (f.detected) found += (found.empty() ? "" : ", ") + std::string(classify::class_name(f.cls));
    }
    return fmt::format("[{}/{}] {}: {} of {} inputs read; {} ({} ms)\n", done, total, terminal_text(s.id),
                       s.inputs.size() - bad, s.inputs.size(), found.empty() ? "no by-products found" : "found " + found,
                       static_cast<long>(s.elapsed_ms));
}

std::string progress_bar(std::size_t done, std::size_t total, std::size_t reused, double elapsed_s) {
    constexpr std::size_t width = 24;
    const double fraction = total == 0 ? 1.0 : static_cast<double>(done) / static_cast<double>(total);
    const auto filled = static_cast<std::size_t>(fraction * static_cast<double>(width));
    const std::string bar = fmt::format("[{}{}]", std::string(filled, '#'), std::string(width - filled, '-'));
    const std::size_t analysed = done - reused;
    const double rate = elapsed_s > 0.0 ? static_cast<double>(analysed) / elapsed_s : 0.0;
    std::string eta = "--:--:--";
    if (rate > 0.0) {
        const auto left = static_cast<long>(std::lround(static_cast<double>(total - done) / rate));
        eta = fmt::format("{}:{:02d}:{:02d}", left / 3600, (left / 60) % 60, left % 60);
    }
    std::string line = fmt::format("{} {}/{} {:3.0f}%  {:.2f} samples/s  ETA {}", bar, done, total, 100.0 * fraction,
                                   rate, eta);
    if (reused > 0) line += fmt::format("  ({} reused)", reused);
    return line;
}

Progress::Progress(std::ostream& err, bool terminal, bool quiet) : err_(err), terminal_(terminal), quiet_(quiet) {}

Progress::~Progress() { finish(); }

void Progress::sample_done(std::size_t done, std::size_t total, const report::SampleResult& sample, bool reused) {
    if (quiet_) return;
    reused_ += reused ? 1 : 0;
    if (!terminal_) {
        err_ << sample_line(done, total, sample, reused) << std::flush;
        return;
    }
    // At most 10 redraws a second, and always the last one.
    const auto now = std::chrono::steady_clock::now();
    if (drawn_ && done < total && now - last_draw_ < std::chrono::milliseconds(100)) return;
    last_draw_ = now;
    const double elapsed = std::chrono::duration<double>(now - start_).count();
    err_ << "\r\x1b[K" << progress_bar(done, total, reused_, elapsed) << std::flush;
    drawn_ = true;
}

void Progress::finish() {
    if (drawn_) err_ << "\n" << std::flush;
    drawn_ = false;
}

}  // namespace sidepeak::app

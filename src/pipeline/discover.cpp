// Finding the input files of a sample.
#include <algorithm>
#include <array>
#include <cctype>
#include <string>
#include <system_error>

#include "sidepeak/io/format.hpp"
#include "sidepeak/pipeline/analyze.hpp"

namespace sidepeak::pipeline {
namespace fs = std::filesystem;

namespace {

constexpr int kMaxDepth = 6;

// Files that travel with samples but are not instrument data.
bool is_sidecar(const fs::path& p) {
    const std::string name = p.filename().string();
    if (name.empty() || name.front() == '.') return true;
    std::string ext = p.extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
    static constexpr std::array<std::string_view, 14> kSidecars = {
        ".json", ".csv", ".md", ".txt", ".mol", ".sdf", ".pdf", ".png", ".jpg", ".html", ".log", ".zip", ".xml~", ".sha256"};
    if (std::find(kSidecars.begin(), kSidecars.end(), ext) != kSidecars.end()) return true;
    return name == "SHA256SUMS" || name == "LICENSE" || name == "README";
}

InputRecord record_for(const fs::path& path, io::Format format) {
    InputRecord record;
    record.path = path;
    record.format = std::string(io::format_name(format));
    switch (io::format_kind(format)) {
        case io::DataKind::nmr: record.kind = "nmr"; break;
        case io::DataKind::lcms: record.kind = "lcms"; break;
        case io::DataKind::unknown: record.kind = "unknown"; break;
    }
    if (format == io::Format::unknown) record.error = "not a recognised NMR or LC-MS format";
    return record;
}

void collect(const fs::path& dir, int depth, std::vector<InputRecord>& out) {
    std::error_code ec;
    std::vector<fs::path> entries;
    for (const auto& entry : fs::directory_iterator(dir, ec)) entries.push_back(entry.path());
    if (ec) {
        InputRecord record = record_for(dir, io::Format::unknown);
        record.error = "cannot list folder: " + ec.message();
        out.push_back(record);
        return;
    }
    std::sort(entries.begin(), entries.end());
    for (const auto& entry : entries) {
        const io::Format format = io::detect_format(entry);
        if (format != io::Format::unknown) {
            out.push_back(record_for(entry, format));
        } else if (fs::is_directory(entry, ec)) {
            if (depth < kMaxDepth && entry.filename().string().front() != '.') collect(entry, depth + 1, out);
        } else if (!is_sidecar(entry)) {
            out.push_back(record_for(entry, io::Format::unknown));
        }
    }
}

}  // namespace

std::vector<InputRecord> discover_inputs(const fs::path& sample_path) {
    std::vector<InputRecord> out;
    std::error_code ec;
    if (!fs::exists(sample_path, ec)) {
        InputRecord record = record_for(sample_path, io::Format::unknown);
        record.error = "no such file or folder";
        out.push_back(record);
        return out;
    }
    const io::Format format = io::detect_format(sample_path);
    if (format != io::Format::unknown || !fs::is_directory(sample_path, ec)) {
        out.push_back(record_for(sample_path, format));
        return out;
    }
    collect(sample_path, 0, out);
    if (out.empty()) {
        InputRecord record = record_for(sample_path, io::Format::unknown);
        record.error = "folder holds no NMR or LC-MS data";
        out.push_back(record);
    }
    return out;
}

}  // namespace sidepeak::pipeline

#pragma once
/// File helpers shared by readers and writers.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace sidepeak {

/// Reads a whole file. Throws InputError naming the file when it is missing, unreadable, a
/// directory, or larger than `max_bytes`.
std::vector<std::uint8_t> read_file_bytes(const std::filesystem::path& path,
                                          std::uintmax_t max_bytes = std::uintmax_t{1} << 33);
/// Same as read_file_bytes, returned as text.
std::string read_file_text(const std::filesystem::path& path,
                           std::uintmax_t max_bytes = std::uintmax_t{1} << 33);
/// "cannot open file for reading: <the system's text for err>" (without it when err is 0), the
/// problem text of InputError when a file cannot be opened.
std::string open_failure(int err);

/// Up to `n` leading bytes of a file (fewer if the file is shorter); for format sniffing.
std::string read_file_head(const std::filesystem::path& path, std::size_t n);

/// Writes `content` to `path` atomically: a temporary file in the same folder, flushed, then
/// renamed over the target, so readers never see a half-written file. Throws OutputError on failure
/// (the temporary file is removed).
void write_file_atomic(const std::filesystem::path& path, std::string_view content);

/// Looks up `name` in `dir` ignoring ASCII case (instrument folders come from case-insensitive
/// file systems: FID/fid, PROCPAR/procpar). Returns an empty path when absent.
std::filesystem::path find_case_insensitive(const std::filesystem::path& dir, std::string_view name);

}  // namespace sidepeak

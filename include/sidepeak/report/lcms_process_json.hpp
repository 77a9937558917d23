#pragma once
/// `process --out FILE.json` for LC-MS written as a stream: one feature's JSON at a time, never a
/// tree of the whole table (a JSON tree costs about 2 kB per feature, 1.2 GB for the 527 000
/// features of a 5 GB run). The text is byte-identical to report::lcms_process_json_text (which is
/// this writer into a string): the same member order (sorted keys), number formatting and indent.
#include <filesystem>
#include <iosfwd>

#include "sidepeak/signal/lcms_pipeline.hpp"

namespace sidepeak::report {

/// Writes the LC-MS `process` JSON of `result` to `out` (`indent` < 0: one line; n >= 0: members
/// on their own lines, n spaces per level), without a trailing newline. Returns `out`.
std::ostream& write_lcms_process_json(std::ostream& out, const signal::LcmsResult& result, int indent = -1);

/// The same text and a final newline written to `path` atomically (a temporary file in the same
/// folder, renamed over `path` once complete). Throws OutputError when it cannot be written (the
/// temporary file is removed).
void write_lcms_process_json_file(const std::filesystem::path& path, const signal::LcmsResult& result,
                                  int indent = -1);

}  // namespace sidepeak::report

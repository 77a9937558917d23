#pragma once
/// What an input holds, as far as the pipeline routes it: NMR, LC-MS or nothing recognised.
/// Shared by io (format_kind), the pipeline (discovery and routing) and report (the only place it
/// becomes the contract strings "nmr", "lcms", "unknown").

namespace sidepeak {

enum class DataKind { unknown, nmr, lcms };

}  // namespace sidepeak

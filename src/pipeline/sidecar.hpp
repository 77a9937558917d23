#pragma once
// The one list of files that travel with samples but are not instrument data (documentation,
// sample sheets, checksums, images): discovery inside a sample and the --batch folder's top level
// both ask it, and skip such a file only when its content is no recognised format either.
#include <filesystem>

namespace sidepeak::pipeline::detail {

/// True for .json, .csv, .md, .txt, .mol, .sdf, .pdf, .png, .jpg, .html, .log, .zip, .xml~,
/// .sha256 (any case) and the names SHA256SUMS, LICENSE, README.
bool is_sidecar(const std::filesystem::path& path);

}  // namespace sidepeak::pipeline::detail

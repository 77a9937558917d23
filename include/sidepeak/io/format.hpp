#pragma once
/// Format recognition by content (first bytes and folder structure), never by file name.
#include <filesystem>
#include <string_view>

#include "sidepeak/core/data_format.hpp"
#include "sidepeak/core/data_kind.hpp"

namespace sidepeak::io {

/// The formats io recognises and reads (core/data_format.hpp; a type of core so that the readers'
/// metadata, NmrMeta and MsRunInfo, carry it). Its contract names are written by report/ only.
using Format = sidepeak::DataFormat;

using sidepeak::DataKind;

/// NMR for the NMR formats, LC-MS for the LC-MS ones, unknown for the rest.
DataKind format_kind(Format format) noexcept;

/// The format in words for messages to a user, with its article: "a Bruker FID folder", "an mzML
/// file", ... ("an unrecognised file" for unknown). Not a contract name (report::format_name is).
std::string_view format_description(Format format) noexcept;

/// Recognises the format of a file or folder from its content. Returns Format::unknown when
/// nothing matches; never throws for unreadable paths (they are unknown).
Format detect_format(const std::filesystem::path& path);

}  // namespace sidepeak::io

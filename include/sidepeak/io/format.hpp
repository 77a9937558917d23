#pragma once
/// Format recognition by content (first bytes and folder structure), never by file name.
#include <filesystem>
#include <string_view>

#include "sidepeak/core/data_kind.hpp"

namespace sidepeak::io {

enum class Format {
    unknown,
    bruker_fid,   ///< Bruker experiment folder with fid + acqus
    bruker_1r,    ///< Bruker processed data folder (pdata/N with 1r + procs) without a usable fid
    jcamp_dx,
    varian,       ///< Varian/Agilent VNMR folder with fid + procpar
    jeol,         ///< JEOL Delta .jdf
    nmrml,
    mzml,
    mzxml,
    mzmlb,
    andi_netcdf,
};

using sidepeak::DataKind;

/// The contract name of a format ("bruker-fid", "jcamp-dx", "mzml", ...).
std::string_view format_name(Format format) noexcept;
DataKind format_kind(Format format) noexcept;

/// Recognises the format of a file or folder from its content. Returns Format::unknown when
/// nothing matches; never throws for unreadable paths (they are unknown).
Format detect_format(const std::filesystem::path& path);

}  // namespace sidepeak::io

#pragma once
/// Readers for 1D NMR data. Each validates sizes and headers before allocating, never trusts a
/// count from the file, and throws InputError naming the file and the problem.
#include <filesystem>

#include "sidepeak/core/nmr_data.hpp"
#include "sidepeak/io/format.hpp"

namespace sidepeak::io {

struct BrukerOptions {
    /// Also load pdata/<procno>/1r,1i into NmrData::processed when present.
    bool load_processed = true;
    int procno = 1;
};

/// Bruker TopSpin/XWIN-NMR 1D experiment folder (fid, acqus, pdata/N). Also accepts a pdata/N
/// folder or a folder with only processed data (then `fids` is empty).
NmrData read_bruker(const std::filesystem::path& path, const BrukerOptions& options = {});
/// JCAMP-DX 4.24/5.01/6.00 NMR (spectrum or FID, XYDATA, NTUPLES, LINK blocks).
NmrData read_jcamp_nmr(const std::filesystem::path& path);
/// Varian/Agilent VNMR folder (fid + procpar); arrayed data give several FIDs.
NmrData read_varian(const std::filesystem::path& path);
/// JEOL Delta .jdf 1D (FID or processed real spectrum).
NmrData read_jeol(const std::filesystem::path& path);
/// nmrML (FID and/or processed spectrum).
NmrData read_nmrml(const std::filesystem::path& path);

/// Calls the reader of `format`, already detected by the caller (discovery, `info`, `process`):
/// the content is not recognised again. Throws InputError naming the file for a format that is
/// not NMR (or unknown), and, as every reader does, when the content is not that format (a file
/// replaced since it was detected).
NmrData read_nmr(const std::filesystem::path& path, Format format);
/// Detects the format (detect_format) and calls read_nmr(path, format). Throws InputError for
/// non-NMR input.
NmrData read_nmr(const std::filesystem::path& path);

}  // namespace sidepeak::io

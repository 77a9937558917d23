#pragma once
/// Varian/Agilent VNMR binary "fid" file: a 32-byte big-endian file header, then nblocks
/// blocks, each nbheaders 28-byte block headers followed by ntraces traces of np values
/// (int16, int32 or float32 from the header status bits, interleaved re/im).
#include <complex>
#include <cstdint>
#include <filesystem>
#include <vector>

namespace sidepeak::io::detail {

struct VarianFileHeader {
    std::int32_t nblocks = 0;
    std::int32_t ntraces = 0;
    std::int32_t np = 0;         ///< values per trace (re + im)
    std::int32_t ebytes = 0;     ///< bytes per value
    std::int32_t tbytes = 0;     ///< bytes per trace
    std::int32_t bbytes = 0;     ///< bytes per block, block headers included
    std::int16_t vers_id = 0;
    std::int16_t status = 0;
    std::int32_t nbheaders = 0;  ///< block headers per block
};

/// Status bits of the file header (VNMR "data.h").
inline constexpr std::int16_t kVarianStatusData = 0x1;
inline constexpr std::int16_t kVarianStatusSpectrum = 0x2;
inline constexpr std::int16_t kVarianStatus32 = 0x4;
inline constexpr std::int16_t kVarianStatusFloat = 0x8;

/// Parses and validates the file header against the file size. Throws InputError naming the
/// file for an inconsistent header, transformed (non-FID) data, or a truncated file.
VarianFileHeader read_varian_header(const std::vector<std::uint8_t>& bytes, const std::filesystem::path& file);

/// Reads every trace of every block as one complex FID (nblocks * ntraces FIDs, np/2 points),
/// in the project's orientation (see docs/formats/varian.md).
std::vector<std::vector<std::complex<double>>> read_varian_fids(const std::filesystem::path& file);

}  // namespace sidepeak::io::detail

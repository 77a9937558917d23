#include "varian_fid.hpp"

#include <cmath>

#include <fmt/format.h>

#include "sidepeak/core/codec.hpp"
#include "sidepeak/core/error.hpp"
#include "sidepeak/core/file_io.hpp"

namespace sidepeak::io::detail {
namespace fs = std::filesystem;
namespace {

constexpr std::size_t kFileHeaderBytes = 32;
constexpr std::size_t kBlockHeaderBytes = 28;
// 2^28 values in total (1 GiB of int32) bounds what a 1D reader will hold in memory.
constexpr std::uint64_t kMaxTotalValues = std::uint64_t{1} << 28;
constexpr std::uintmax_t kMaxFileBytes = std::uintmax_t{1} << 31;

}  // namespace

VarianFileHeader read_varian_header(const std::vector<std::uint8_t>& bytes, const fs::path& file) {
    if (bytes.empty()) throw InputError(file, "empty file");
    if (bytes.size() < kFileHeaderBytes) {
        throw InputError(file, fmt::format("{} bytes, shorter than the 32-byte file header", bytes.size()));
    }
    const std::uint8_t* p = bytes.data();
    VarianFileHeader h;
    h.nblocks = load_value<std::int32_t>(p, true);
    h.ntraces = load_value<std::int32_t>(p + 4, true);
    h.np = load_value<std::int32_t>(p + 8, true);
    h.ebytes = load_value<std::int32_t>(p + 12, true);
    h.tbytes = load_value<std::int32_t>(p + 16, true);
    h.bbytes = load_value<std::int32_t>(p + 20, true);
    h.vers_id = load_value<std::int16_t>(p + 24, true);
    h.status = load_value<std::int16_t>(p + 26, true);
    h.nbheaders = load_value<std::int32_t>(p + 28, true);

    if (h.nblocks < 1 || h.ntraces < 1 || h.np < 2 || h.np % 2 != 0 || h.nbheaders < 0 || h.nbheaders > 64) {
        throw InputError(file, fmt::format("implausible file header (nblocks {}, ntraces {}, np {}, nbheaders {})",
                                           h.nblocks, h.ntraces, h.np, h.nbheaders));
    }
    if ((h.status & kVarianStatusData) == 0) throw InputError(file, "file header says the file holds no data");
    if ((h.status & kVarianStatusSpectrum) != 0) {
        throw InputError(file, "holds transformed spectra, not an FID (status bit S_SPEC)");
    }
    const bool is_float = (h.status & kVarianStatusFloat) != 0;
    const bool is_32 = (h.status & kVarianStatus32) != 0;
    const int expected_ebytes = (is_float || is_32) ? 4 : 2;
    if (h.ebytes != expected_ebytes) {
        throw InputError(file, fmt::format("ebytes {} does not match the data type of status 0x{:04x}", h.ebytes,
                                           static_cast<std::uint16_t>(h.status)));
    }
    const std::uint64_t tbytes = std::uint64_t(h.np) * std::uint64_t(h.ebytes);
    const std::uint64_t bbytes = std::uint64_t(h.ntraces) * tbytes + std::uint64_t(h.nbheaders) * kBlockHeaderBytes;
    if (std::uint64_t(h.tbytes) != tbytes || std::uint64_t(h.bbytes) != bbytes) {
        throw InputError(file, fmt::format("inconsistent file header: tbytes {} (expected {}), bbytes {} (expected {})",
                                           h.tbytes, tbytes, h.bbytes, bbytes));
    }
    if (std::uint64_t(h.nblocks) * std::uint64_t(h.ntraces) * std::uint64_t(h.np) > kMaxTotalValues) {
        throw InputError(file, "file header declares more data than a 1D reader accepts");
    }
    const std::uint64_t needed = kFileHeaderBytes + std::uint64_t(h.nblocks) * bbytes;
    if (bytes.size() < needed) {
        throw InputError(file, fmt::format("truncated: the header declares {} block(s) of {} bytes ({} bytes in all), "
                                           "the file has {}",
                                           h.nblocks, bbytes, needed, bytes.size()));
    }
    return h;
}

std::vector<std::vector<std::complex<double>>> read_varian_fids(const fs::path& file) {
    const auto bytes = read_file_bytes(file, kMaxFileBytes);
    const auto h = read_varian_header(bytes, file);
    const bool is_float = (h.status & kVarianStatusFloat) != 0;
    const bool is_32 = (h.status & kVarianStatus32) != 0;
    const auto points = static_cast<std::size_t>(h.np / 2);

    std::vector<std::vector<std::complex<double>>> fids;
    fids.reserve(static_cast<std::size_t>(h.nblocks) * static_cast<std::size_t>(h.ntraces));
    std::size_t offset = kFileHeaderBytes;
    for (std::int32_t b = 0; b < h.nblocks; ++b) {
        offset += static_cast<std::size_t>(h.nbheaders) * kBlockHeaderBytes;
        for (std::int32_t t = 0; t < h.ntraces; ++t) {
            std::vector<std::complex<double>> fid(points);
            for (std::size_t k = 0; k < points; ++k) {
                double v[2];
                for (int part = 0; part < 2; ++part) {
                    const std::uint8_t* p = bytes.data() + offset;
                    if (is_float) {
                        v[part] = static_cast<double>(load_value<float>(p, true));
                    } else if (is_32) {
                        v[part] = static_cast<double>(load_value<std::int32_t>(p, true));
                    } else {
                        v[part] = static_cast<double>(load_value<std::int16_t>(p, true));
                    }
                    offset += static_cast<std::size_t>(h.ebytes);
                }
                if (!std::isfinite(v[0]) || !std::isfinite(v[1])) {
                    throw InputError(file, fmt::format("block {} trace {} point {} is not finite", b, t, k));
                }
                // VNMR stores the opposite rotation sense to the orientation contract, so the
                // FID is conjugated (verified on real data: DSS at 0 ppm and HDO at 4.79 ppm in
                // D2O, CD3OD's CHD2OD quintet at 3.31 ppm; docs/formats/varian.md).
                fid[k] = {v[0], -v[1]};
            }
            fids.push_back(std::move(fid));
        }
    }
    return fids;
}

}  // namespace sidepeak::io::detail

#include "sidepeak/core/codec.hpp"

#include <array>
#include <limits>

#include <fmt/format.h>
#include <zlib.h>

#include "sidepeak/core/error.hpp"

namespace sidepeak {
namespace {

constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

constexpr std::array<std::int8_t, 256> make_decode_table() {
    std::array<std::int8_t, 256> table{};
    for (auto& v : table) v = -1;
    for (int i = 0; i < 64; ++i) table[static_cast<unsigned char>(kAlphabet[i])] = static_cast<std::int8_t>(i);
    return table;
}
constexpr auto kDecode = make_decode_table();

bool is_space(char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; }

}  // namespace

std::vector<std::uint8_t> base64_decode(std::string_view text) {
    std::vector<std::uint8_t> out;
    out.reserve(text.size() / 4 * 3);
    std::uint32_t acc = 0;
    int bits = 0;
    std::size_t symbols = 0;
    std::size_t padding = 0;
    for (const char c : text) {
        if (is_space(c)) continue;
        if (c == '=') {
            ++padding;
            continue;
        }
        if (padding > 0) throw Error("base64: data after padding");
        const int v = kDecode[static_cast<unsigned char>(c)];
        if (v < 0) throw Error(fmt::format("base64: invalid character 0x{:02x}", static_cast<unsigned char>(c)));
        acc = (acc << 6) | static_cast<std::uint32_t>(v);
        bits += 6;
        ++symbols;
        if (bits >= 8) {
            bits -= 8;
            out.push_back(static_cast<std::uint8_t>((acc >> bits) & 0xFFu));
        }
    }
    if (symbols % 4 == 1) throw Error("base64: truncated input");
    if (padding > 2 || (padding > 0 && (symbols + padding) % 4 != 0)) throw Error("base64: bad padding");
    return out;
}

std::string base64_encode(const std::uint8_t* data, std::size_t size) {
    std::string out;
    out.reserve((size + 2) / 3 * 4);
    std::size_t i = 0;
    for (; i + 3 <= size; i += 3) {
        const std::uint32_t v = (std::uint32_t{data[i]} << 16) | (std::uint32_t{data[i + 1]} << 8) | data[i + 2];
        out += kAlphabet[(v >> 18) & 63];
        out += kAlphabet[(v >> 12) & 63];
        out += kAlphabet[(v >> 6) & 63];
        out += kAlphabet[v & 63];
    }
    if (i < size) {
        std::uint32_t v = std::uint32_t{data[i]} << 16;
        if (i + 1 < size) v |= std::uint32_t{data[i + 1]} << 8;
        out += kAlphabet[(v >> 18) & 63];
        out += kAlphabet[(v >> 12) & 63];
        out += (i + 1 < size) ? kAlphabet[(v >> 6) & 63] : '=';
        out += '=';
    }
    return out;
}

std::vector<std::uint8_t> zlib_inflate(const std::uint8_t* data, std::size_t size, std::size_t max_output,
                                       std::size_t expected_size) {
    if (size < 2) throw Error("zlib: stream too short");
    if ((data[0] & 0x0F) != 8 || ((std::uint32_t{data[0]} << 8) | data[1]) % 31 != 0) {
        throw Error("zlib: not a zlib stream (bad header)");
    }
    if (size > std::numeric_limits<uInt>::max()) throw Error("zlib: input too large");
    z_stream zs{};
    if (inflateInit(&zs) != Z_OK) throw Error("zlib: inflateInit failed");
    std::vector<std::uint8_t> out;
    // The first buffer follows the real input, never a declared size alone: a small stream claiming a
    // huge output grows the buffer only as fast as inflate actually produces bytes.
    const std::size_t start = std::max<std::size_t>(size * 4, std::size_t{64} << 10);
    out.resize(std::min(max_output, expected_size > 0 ? std::min(expected_size, start) : start));
    zs.next_in = const_cast<Bytef*>(data);
    zs.avail_in = static_cast<uInt>(size);
    std::size_t produced = 0;
    int rc = Z_OK;
    while (rc != Z_STREAM_END) {
        if (produced == out.size()) {
            if (out.size() >= max_output) {
                inflateEnd(&zs);
                throw Error(fmt::format("zlib: output exceeds the limit of {} bytes", max_output));
            }
            out.resize(std::min(max_output, out.size() * 2));
        }
        zs.next_out = out.data() + produced;
        zs.avail_out = static_cast<uInt>(std::min<std::size_t>(out.size() - produced, std::numeric_limits<uInt>::max()));
        const uInt before = zs.avail_out;
        rc = inflate(&zs, Z_NO_FLUSH);
        produced += before - zs.avail_out;
        if (rc == Z_BUF_ERROR && zs.avail_in == 0) {
            inflateEnd(&zs);
            throw Error("zlib: truncated stream");
        }
        if (rc != Z_OK && rc != Z_STREAM_END && rc != Z_BUF_ERROR) {
            const std::string msg = zs.msg ? zs.msg : "error";
            inflateEnd(&zs);
            throw Error("zlib: corrupt stream (" + msg + ")");
        }
    }
    inflateEnd(&zs);
    out.resize(produced);
    return out;
}

std::vector<std::uint8_t> zlib_deflate(const std::uint8_t* data, std::size_t size, int level) {
    uLongf bound = compressBound(static_cast<uLong>(size));
    std::vector<std::uint8_t> out(bound);
    if (compress2(out.data(), &bound, data, static_cast<uLong>(size), level) != Z_OK) {
        throw Error("zlib: compression failed");
    }
    out.resize(bound);
    return out;
}

}  // namespace sidepeak

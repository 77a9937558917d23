#pragma once
/// Byte-level decoders shared by the readers: base64, bounded zlib inflate, byte order.
#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace sidepeak {

/// Decodes RFC 4648 base64, ignoring ASCII whitespace. Throws Error on an invalid character or
/// truncated input.
std::vector<std::uint8_t> base64_decode(std::string_view text);
/// Encodes bytes as base64 without line breaks.
std::string base64_encode(const std::uint8_t* data, std::size_t size);

/// Inflates zlib (RFC 1950) data; gzip/raw deflate are rejected. The output is limited to
/// `max_output` bytes so a decompression bomb fails with an Error instead of exhausting memory.
/// `expected_size`, when non-zero, is a hint for the first buffer (never above a few times the
/// input size); the buffer grows with the output actually produced.
std::vector<std::uint8_t> zlib_inflate(const std::uint8_t* data, std::size_t size, std::size_t max_output,
                                       std::size_t expected_size = 0);
/// Compresses with zlib at the given level.
std::vector<std::uint8_t> zlib_deflate(const std::uint8_t* data, std::size_t size, int level = 6);

/// Reads a trivially copyable value stored with the given byte order at `p`.
template <typename T>
[[nodiscard]] inline T load_value(const std::uint8_t* p, bool big_endian) noexcept {
    static_assert(std::is_trivially_copyable_v<T>);
    std::uint8_t bytes[sizeof(T)];
    std::memcpy(bytes, p, sizeof(T));
    if (big_endian != (std::endian::native == std::endian::big)) {
        for (std::size_t i = 0; i < sizeof(T) / 2; ++i) std::swap(bytes[i], bytes[sizeof(T) - 1 - i]);
    }
    T value;
    std::memcpy(&value, bytes, sizeof(T));
    return value;
}

}  // namespace sidepeak

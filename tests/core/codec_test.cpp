#include "sidepeak/core/codec.hpp"

#include <string>

#include <gtest/gtest.h>

#include "sidepeak/core/error.hpp"

namespace sidepeak {
namespace {

std::string as_string(const std::vector<std::uint8_t>& v) { return {v.begin(), v.end()}; }

TEST(Base64, DecodesRfc4648Vectors) {
    EXPECT_EQ(as_string(base64_decode("")), "");
    EXPECT_EQ(as_string(base64_decode("Zg==")), "f");
    EXPECT_EQ(as_string(base64_decode("Zm8=")), "fo");
    EXPECT_EQ(as_string(base64_decode("Zm9v")), "foo");
    EXPECT_EQ(as_string(base64_decode("Zm9vYg==")), "foob");
    EXPECT_EQ(as_string(base64_decode("Zm9v\nYmFy")), "foobar");
}

TEST(Base64, RoundTrips) {
    std::vector<std::uint8_t> data(1000);
    for (std::size_t i = 0; i < data.size(); ++i) data[i] = static_cast<std::uint8_t>(i * 37 + 11);
    for (std::size_t n : {0u, 1u, 2u, 3u, 999u, 1000u}) {
        const std::string text = base64_encode(data.data(), n);
        EXPECT_EQ(base64_decode(text), std::vector<std::uint8_t>(data.begin(), data.begin() + static_cast<long>(n)));
    }
}

TEST(Base64, RejectsBadInput) {
    EXPECT_THROW(base64_decode("Zm9v*"), Error);
    EXPECT_THROW(base64_decode("Zm9vY"), Error);
    EXPECT_THROW(base64_decode("Zg==Zg"), Error);
}

TEST(Zlib, RoundTripsAndBoundsOutput) {
    std::vector<std::uint8_t> data(100000, 7);
    const auto packed = zlib_deflate(data.data(), data.size());
    EXPECT_LT(packed.size(), 1000u);
    EXPECT_EQ(zlib_inflate(packed.data(), packed.size(), 1u << 20), data);
    // A small stream that expands far beyond the limit is a decompression bomb.
    EXPECT_THROW(zlib_inflate(packed.data(), packed.size(), 50000), Error);
}

TEST(Zlib, RejectsTruncatedAndCorruptStreams) {
    std::vector<std::uint8_t> data(5000);
    for (std::size_t i = 0; i < data.size(); ++i) data[i] = static_cast<std::uint8_t>((i * i) % 251);
    auto packed = zlib_deflate(data.data(), data.size());
    EXPECT_THROW(zlib_inflate(packed.data(), packed.size() / 2, 1u << 20), Error);
    EXPECT_THROW(zlib_inflate(packed.data() + 1, packed.size() - 1, 1u << 20), Error);
    packed[packed.size() / 2] ^= 0xFF;
    EXPECT_THROW(zlib_inflate(packed.data(), packed.size(), 1u << 20), Error);
}

TEST(ByteOrder, LoadsBothEndians) {
    const std::uint8_t bytes[4] = {0x01, 0x02, 0x03, 0x04};
    EXPECT_EQ(load_value<std::uint32_t>(bytes, true), 0x01020304u);
    EXPECT_EQ(load_value<std::uint32_t>(bytes, false), 0x04030201u);
}

}  // namespace
}  // namespace sidepeak

#pragma once
// SHA-256 (FIPS 180-4) of byte streams: the content hash that decides whether a stored per-sample
// result still belongs to the files on disk (--resume).
#include <array>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

namespace sidepeak::pipeline {

class Sha256 {
public:
    Sha256() noexcept;
    void update(const unsigned char* data, std::size_t size) noexcept;
    void update(std::string_view text) noexcept;
    /// The digest as 64 lowercase hex digits; the object is spent afterwards.
    std::string hex() noexcept;

private:
    void block(const unsigned char* p) noexcept;
    std::array<std::uint32_t, 8> h_;
    std::array<unsigned char, 64> buf_{};
    std::size_t used_ = 0;
    std::uint64_t bits_ = 0;
};

/// SHA-256 of a file's content, read in 1 MiB pieces. Throws InputError when it cannot be read.
std::string sha256_file(const std::filesystem::path& path);

}  // namespace sidepeak::pipeline

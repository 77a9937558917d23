#pragma once
// Cryptographic digests of byte streams (SHA-1, SHA-256; FIPS 180-4), computed by OpenSSL's
// libcrypto: mzML's <fileChecksum> (SHA-1) and the content hash that decides whether a stored
// per-sample result still belongs to the files on disk (SHA-256, `analyze --resume`).
#include <cstddef>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

namespace sidepeak {

enum class DigestAlgorithm { sha1, sha256 };

/// An incremental digest: update() any number of times, then hex() once.
class Digest {
public:
    explicit Digest(DigestAlgorithm algorithm);
    ~Digest();
    Digest(Digest&&) noexcept;
    Digest& operator=(Digest&&) noexcept;
    Digest(const Digest&) = delete;
    Digest& operator=(const Digest&) = delete;

    void update(const void* data, std::size_t size);
    void update(std::string_view text) { update(text.data(), text.size()); }
    /// The digest as lowercase hex digits (40 for SHA-1, 64 for SHA-256); the object is spent
    /// afterwards (a further update() or hex() throws Error).
    [[nodiscard]] std::string hex();

private:
    struct Context;
    std::unique_ptr<Context> context_;
};

/// Digest of a file's content, read in 1 MiB pieces. Throws InputError when it cannot be read.
[[nodiscard]] std::string file_digest(const std::filesystem::path& path, DigestAlgorithm algorithm);

}  // namespace sidepeak

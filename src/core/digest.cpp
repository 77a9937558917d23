#include "sidepeak/core/digest.hpp"

#include <cerrno>
#include <fstream>
#include <vector>

#include <openssl/evp.h>

#include "sidepeak/core/error.hpp"
#include "sidepeak/core/file_io.hpp"

namespace sidepeak {

struct Digest::Context {
    struct Free {
        void operator()(EVP_MD_CTX* c) const noexcept { EVP_MD_CTX_free(c); }
    };
    std::unique_ptr<EVP_MD_CTX, Free> md{EVP_MD_CTX_new()};
    bool finished = false;
};

Digest::Digest(DigestAlgorithm algorithm) : context_(std::make_unique<Context>()) {
    const EVP_MD* md = algorithm == DigestAlgorithm::sha1 ? EVP_sha1() : EVP_sha256();
    if (!context_->md || EVP_DigestInit_ex(context_->md.get(), md, nullptr) != 1) {
        throw Error("cannot initialise a message digest (OpenSSL)");
    }
}

Digest::~Digest() = default;
Digest::Digest(Digest&&) noexcept = default;
Digest& Digest::operator=(Digest&&) noexcept = default;

void Digest::update(const void* data, std::size_t size) {
    if (!context_ || context_->finished) throw Error("digest already finished");
    if (size > 0 && EVP_DigestUpdate(context_->md.get(), data, size) != 1) throw Error("message digest update failed (OpenSSL)");
}

std::string Digest::hex() {
    if (!context_ || context_->finished) throw Error("digest already finished");
    unsigned char value[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (EVP_DigestFinal_ex(context_->md.get(), value, &length) != 1) throw Error("message digest failed (OpenSSL)");
    context_->finished = true;
    static constexpr char digits[] = "0123456789abcdef";
    std::string out;
    out.reserve(2 * length);
    for (unsigned int i = 0; i < length; ++i) {
        out.push_back(digits[value[i] >> 4]);
        out.push_back(digits[value[i] & 0xF]);
    }
    return out;
}

std::string file_digest(const std::filesystem::path& path, DigestAlgorithm algorithm) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw InputError(path, open_failure(errno));
    Digest digest(algorithm);
    std::vector<char> buffer(std::size_t{1} << 20);
    while (in) {
        in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
        const auto got = in.gcount();
        if (got > 0) digest.update(buffer.data(), static_cast<std::size_t>(got));
    }
    if (in.bad()) throw InputError(path, "read failed while hashing");
    return digest.hex();
}

}  // namespace sidepeak

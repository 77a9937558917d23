// Fuzz target: base64 decoding and bounded zlib inflation as the readers chain them, plus
// inflation of the raw bytes, plus round trips that must give the input back.
#include <cstdio>
#include <cstdlib>
#include <vector>

#include "fuzz_support.hpp"
#include "sidepeak/core/codec.hpp"

namespace {

constexpr std::size_t kMaxInflated = std::size_t{1} << 22;  // 4 MiB, far above any seed

void require(bool ok, const char* what) {
    if (!ok) {
        std::fprintf(stderr, "codec round trip failed: %s\n", what);
        std::abort();
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace sidepeak;
    fuzz::run_guarded([&] {
        const auto decoded = base64_decode(fuzz::as_text(data, size));
        (void)zlib_inflate(decoded.data(), decoded.size(), kMaxInflated);
    });
    fuzz::run_guarded([&] {
        const auto inflated = zlib_inflate(data, size, kMaxInflated, size);
        require(inflated.size() <= kMaxInflated, "inflate exceeded its bound");
    });
    // Encoders are total: these round trips must hold for every input.
    const std::vector<std::uint8_t> input(data, data + size);
    const auto text = base64_encode(data, size);
    require(base64_decode(text) == input, "base64");
    const auto packed = zlib_deflate(data, size);
    require(zlib_inflate(packed.data(), packed.size(), size + 1, size) == input, "zlib");
    return 0;
}

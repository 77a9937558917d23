// Fuzz target: the Bruker parameter-file parser (JCAMP-style acqus: ##$KEY= values, (0..N)
// arrays, <strings>, $$ comments) and the metadata checks, with a fixed valid fid of 4096 bytes.
#include <cmath>
#include <cstdint>
#include <vector>

#include "fuzz_support.hpp"
#include "sidepeak/core/codec.hpp"
#include "sidepeak/io/nmr_readers.hpp"

namespace {

// A decaying cosine, 1024 int32 values little endian (TD up to 1024 int32 or 512 float64 fit).
std::vector<std::uint8_t> fixed_fid() {
    std::vector<std::uint8_t> bytes;
    for (int k = 0; k < 1024; ++k) {
        const auto v = static_cast<std::int32_t>(1.0e6 * std::exp(-k / 100.0) * std::cos(0.3 * k));
        const auto u = static_cast<std::uint32_t>(v);
        for (int b = 0; b < 4; ++b) bytes.push_back(static_cast<std::uint8_t>(u >> (8 * b)));
    }
    return bytes;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace sidepeak;
    static const auto dir = fuzz::scratch() / "bruker_acqus";
    static const bool made = [] {
        std::filesystem::create_directories(dir);
        const auto fid = fixed_fid();
        fuzz::write_file(dir / "fid", fid.data(), fid.size());
        return true;
    }();
    (void)made;
    fuzz::write_file(dir / "acqus", data, size);
    return fuzz::run_guarded([&] { (void)io::read_bruker(dir); });
}

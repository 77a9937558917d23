// Fuzz target: the VNMR procpar parser (name/attribute lines, value counts, quoted strings,
// enumerations) and the metadata checks, with a fixed valid fid (one block, 32 int32 points).
#include <cstdint>
#include <vector>

#include "fuzz_support.hpp"
#include "sidepeak/io/nmr_readers.hpp"

namespace {

void put_be(std::vector<std::uint8_t>& out, std::uint32_t v, int bytes) {
    for (int b = bytes - 1; b >= 0; --b) out.push_back(static_cast<std::uint8_t>(v >> (8 * b)));
}

std::vector<std::uint8_t> fixed_fid() {
    constexpr std::uint32_t np = 64;
    std::vector<std::uint8_t> out;
    put_be(out, 1, 4);                // nblocks
    put_be(out, 1, 4);                // ntraces
    put_be(out, np, 4);               // np
    put_be(out, 4, 4);                // ebytes
    put_be(out, np * 4, 4);           // tbytes
    put_be(out, np * 4 + 28, 4);      // bbytes
    put_be(out, 0, 2);                // vers_id
    put_be(out, 0x1 | 0x4 | 0x10, 2); // status: data, 32-bit, complex
    put_be(out, 1, 4);                // nbheaders
    out.resize(out.size() + 28, 0);   // block header
    for (std::uint32_t k = 0; k < np; ++k) put_be(out, (k * 2654435761u) >> 12, 4);
    return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace sidepeak;
    static const auto dir = fuzz::scratch() / "varian_procpar";
    static const bool made = [] {
        std::filesystem::create_directories(dir);
        const auto fid = fixed_fid();
        fuzz::write_file(dir / "fid", fid.data(), fid.size());
        return true;
    }();
    (void)made;
    fuzz::write_file(dir / "procpar", data, size);
    return fuzz::run_guarded([&] { (void)io::read_varian(dir); });
}

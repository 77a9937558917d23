// Fuzz target: the three MS-Numpress decoders (linear, pic, slof). The first input byte picks the
// decoder and whether the bounded or the unbounded form is called; the rest is the encoded array.
#include <span>
#include <vector>

#include "fuzz_support.hpp"
#include "sidepeak/io/numpress.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace sidepeak::io;
    if (size == 0) return 0;
    const std::uint8_t selector = data[0];
    const std::span<const std::uint8_t> bytes(data + 1, size - 1);
    // A decoded array can never hold more values than two per input byte (half-byte integers).
    const std::size_t bound = 2 * bytes.size() + 2;
    return sidepeak::fuzz::run_guarded([&] {
        std::vector<double> out;
        const bool bounded = (selector & 4) != 0;
        switch (selector % 3) {
            case 0:
                if (bounded) numpress::decode_linear(bytes, out, bound); else out = numpress::decode_linear(bytes);
                break;
            case 1:
                if (bounded) numpress::decode_pic(bytes, out, bound); else out = numpress::decode_pic(bytes);
                break;
            default:
                if (bounded) numpress::decode_slof(bytes, out, bound); else out = numpress::decode_slof(bytes);
                break;
        }
        if (out.size() > bound) {
            std::fprintf(stderr, "numpress: %zu values decoded from %zu bytes\n", out.size(), bytes.size());
            std::abort();
        }
    });
}

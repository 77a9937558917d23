// Fuzz target: the nmrML reader (XML, base64 and zlib binary data, acquisition parameters), the input written as a file.
#include "fuzz_support.hpp"
#include "sidepeak/io/nmr_readers.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace sidepeak;
    static const auto file = fuzz::scratch() / "input.nmrML";
    fuzz::write_file(file, data, size);
    return fuzz::run_guarded([&] { (void)io::read_nmrml(file); });
}

// Fuzz target: the JEOL Delta .jdf reader (header, parameter section, data section), the input written as a file.
#include "fuzz_support.hpp"
#include "sidepeak/io/nmr_readers.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace sidepeak;
    static const auto file = fuzz::scratch() / "input.jdf";
    fuzz::write_file(file, data, size);
    return fuzz::run_guarded([&] { (void)io::read_jeol(file); });
}

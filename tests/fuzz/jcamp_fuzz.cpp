// Fuzz target: the generic JCAMP-DX parser on the raw text, then the NMR reader on the same
// bytes as a file (LDR parsing, ASDF decoding, NTUPLES pages, LINK blocks, NMR assembly).
#include "fuzz_support.hpp"
#include "sidepeak/io/jcamp.hpp"
#include "sidepeak/io/nmr_readers.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace sidepeak;
    static const auto file = fuzz::scratch() / "input.jdx";
    fuzz::run_guarded([&] { (void)io::jcamp::parse(fuzz::as_text(data, size), "input.jdx"); });
    fuzz::write_file(file, data, size);
    return fuzz::run_guarded([&] { (void)io::read_jcamp_nmr(file); });
}

// Fuzz target: the mzML reader (indexed and plain mzML, base64, zlib, MS-Numpress arrays, chromatograms). The input is written as a file and the whole run is
// loaded through read_ms (format recognised by content, every spectrum and chromatogram read),
// then streamed through the multi-threaded reader (io::for_each_spectrum, 2 threads: parallel
// decoding, in-order hand-over). When both accept the file they must deliver the same spectra.
#include <cstdio>
#include <cstdlib>
#include <optional>

#include "fuzz_support.hpp"
#include "sidepeak/io/ms_parallel.hpp"
#include "sidepeak/io/ms_readers.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace sidepeak;
    static const auto file = fuzz::scratch() / "input.mzML";
    fuzz::write_file(file, data, size);
    std::optional<std::size_t> whole, streamed;
    fuzz::run_guarded([&] { whole = io::read_ms(file).spectra.size(); });
    fuzz::run_guarded([&] {
        std::size_t n = 0;
        io::for_each_spectrum(file, 2, [](MsSpectrum&) {}, [&n](MsSpectrum&&) { ++n; });
        streamed = n;
    });
    if (whole && streamed && *whole != *streamed) {
        std::fprintf(stderr, "sidepeak fuzz: read_ms gave %zu spectra, for_each_spectrum %zu\n", *whole, *streamed);
        std::abort();
    }
    return 0;
}

// Fuzz target: the mzMLb reader (HDF5 container, mzML text dataset, array datasets). The input is written as a file and the whole run is
// loaded through read_ms given the format (so bytes that detect_format would refuse still reach the
// reader, as a file replaced after detection does; every spectrum and chromatogram read).
#include "fuzz_support.hpp"
#include "sidepeak/io/ms_readers.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace sidepeak;
    static const auto file = fuzz::scratch() / "input.mzMLb";
    fuzz::write_file(file, data, size);
    return fuzz::run_guarded([&] { (void)io::read_ms(file, io::Format::mzmlb); });
}

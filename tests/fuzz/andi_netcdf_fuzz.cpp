// Fuzz target: the ANDI-MS (AIA) netCDF reader (netCDF classic through the netCDF C library). The input is written as a file and the whole run is
// loaded through read_ms (format recognised by content, every spectrum and chromatogram read).
#include "fuzz_support.hpp"
#include "sidepeak/io/ms_readers.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace sidepeak;
    static const auto file = fuzz::scratch() / "input.cdf";
    fuzz::write_file(file, data, size);
    return fuzz::run_guarded([&] { (void)io::read_ms(file); });
}

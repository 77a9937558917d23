// Fuzz target: the ANDI-MS (AIA) netCDF reader (netCDF classic through the netCDF C library). The input is written as a file and the whole run is
// loaded through read_ms given the format (so bytes that detect_format would refuse still reach the
// reader, as a file replaced after detection does; every spectrum and chromatogram read).
#include "fuzz_support.hpp"
#include "sidepeak/io/ms_readers.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace sidepeak;
    static const auto file = fuzz::scratch() / "input.cdf";
    fuzz::write_file(file, data, size);
    return fuzz::run_guarded([&] { (void)io::read_ms(file, io::Format::andi_netcdf); });
}

// Fuzz target: the Varian/Agilent VNMR binary fid (32-byte file header, block headers, int16,
// int32 or float32 big-endian data, arrayed blocks) with a fixed valid procpar.
#include "fuzz_support.hpp"
#include "sidepeak/io/nmr_readers.hpp"

namespace {

constexpr const char* kProcpar =
    "sfrq 1 1 1000000000 0 0 2 1 11 1 64\n1 499.8192724\n0\n"
    "sw 1 1 5 5 5 2 4 8203 1 64\n1 6000.15000375\n0\n"
    "reffrq 1 1 9.99999984307e+17 -9.99999984307e+17 0 4 1 0 1 64\n1 499.816882219\n0\n"
    "np 7 1 524288 32 2 2 1 11 1 64\n1 64\n0\n"
    "nt 1 1 1000000000 1 1 2 1 11 1 64\n1 16\n0\n"
    "temp 1 1 200 -150 0.1 2 1 8 1 64\n1 25\n0\n"
    "tn 2 2 4 0 0 2 1 8 1 64\n1 \"H1\"\n0\n"
    "solvent 2 2 6 0 0 2 1 11 1 64\n1 \"D2O\"\n0\n"
    "seqfil 2 2 0 0 0 2 1 8 1 64\n1 \"s2pul\"\n0\n";

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace sidepeak;
    static const auto dir = fuzz::scratch() / "varian_fid";
    static const bool made = [] {
        std::filesystem::create_directories(dir);
        fuzz::write_file(dir / "procpar", kProcpar);
        return true;
    }();
    (void)made;
    fuzz::write_file(dir / "fid", data, size);
    return fuzz::run_guarded([&] { (void)io::read_varian(dir); });
}

// Fuzz target: the Bruker reader's binary FID path. The first input byte chooses one of a few
// fixed, valid acqus files (int32 or float64, little or big endian, complex or real-only, DSP
// group delay from GRPDLY or from the DECIM/DSPFVS table); the remaining bytes are the fid.
#include <string>

#include "fuzz_support.hpp"
#include "sidepeak/io/nmr_readers.hpp"

namespace {

std::string acqus_for(std::uint8_t variant) {
    std::string text =
        "##TITLE= Parameter file\n"
        "##JCAMPDX= 5.0\n"
        "##DATATYPE= Parameter Values\n"
        "##$TD= 256\n"
        "##$NC= 0\n"
        "##$SFO1= 400.132471\n"
        "##$BF1= 400.13\n"
        "##$O1= 2471\n"
        "##$SW_h= 8012.82\n"
        "##$NS= 16\n"
        "##$TE= 298\n"
        "##$NUC1= <1H>\n"
        "##$SOLVENT= <CDCl3>\n"
        "##$PULPROG= <zg30>\n";
    text += (variant & 1) ? "##$DTYPA= 2\n" : "##$DTYPA= 0\n";
    text += (variant & 2) ? "##$BYTORDA= 1\n" : "##$BYTORDA= 0\n";
    text += (variant & 4) ? "##$AQ_mod= 0\n" : "##$AQ_mod= 3\n";
    text += (variant & 8) ? "##$GRPDLY= 67.9842376708984\n" : "##$GRPDLY= -1\n##$DECIM= 16\n##$DSPFVS= 12\n";
    text += "##END=\n";
    return text;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace sidepeak;
    if (size == 0) return 0;
    static const auto dir = fuzz::scratch() / "bruker_fid";
    static const bool made = std::filesystem::create_directories(dir);
    (void)made;
    fuzz::write_file(dir / "acqus", acqus_for(data[0]));
    fuzz::write_file(dir / "fid", data + 1, size - 1);
    return fuzz::run_guarded([&] { (void)io::read_bruker(dir); });
}

#include "bruker_dsp.hpp"

#include <array>
#include <cmath>

#include <fmt/format.h>

#include "sidepeak/core/error.hpp"

namespace sidepeak::io::detail {
namespace {

struct DspEntry {
    int dspfvs;
    int decim;
    double delay_points;
};

// Digital-filter group delay (points) for Bruker DSP firmware DSPFVS 10-13, by decimation
// factor DECIM. Source: W. M. Westler and F. Abildgaard, "DMX digital filters and non-Bruker
// offline processing III" (NMRFAM, 1996), with the additions of the UConn Health NMR toolkit
// table (sbtools.uchc.edu/help/nmr/nmr_toolkit/bruker_dsp_table.asp). The published values
// are rounded; these are the un-rounded fractions k/(2*DECIM) that round to them, as derived
// and documented in nmrglue (J. J. Helmus, nmrglue/fileio/bruker.py, "bruker_dsp_table").
// Kept as data: the firmware versions are frozen, so the table never changes.
constexpr std::array kDspTable = {
    DspEntry{10, 2, 44.75},           DspEntry{10, 3, 33.5},
    DspEntry{10, 4, 66.625},          DspEntry{10, 6, 59.083333333333333},
    DspEntry{10, 8, 68.5625},         DspEntry{10, 12, 60.375},
    DspEntry{10, 16, 69.53125},       DspEntry{10, 24, 61.020833333333333},
    DspEntry{10, 32, 70.015625},      DspEntry{10, 48, 61.34375},
    DspEntry{10, 64, 70.2578125},     DspEntry{10, 96, 61.505208333333333},
    DspEntry{10, 128, 70.37890625},   DspEntry{10, 192, 61.5859375},
    DspEntry{10, 256, 70.439453125},  DspEntry{10, 384, 61.626302083333333},
    DspEntry{10, 512, 70.4697265625}, DspEntry{10, 768, 61.646484375},
    DspEntry{10, 1024, 70.48486328125}, DspEntry{10, 1536, 61.656575520833333},
    DspEntry{10, 2048, 70.492431640625},

    DspEntry{11, 2, 46.0},            DspEntry{11, 3, 36.5},
    DspEntry{11, 4, 48.0},            DspEntry{11, 6, 50.166666666666667},
    DspEntry{11, 8, 53.25},           DspEntry{11, 12, 69.5},
    DspEntry{11, 16, 72.25},          DspEntry{11, 24, 70.166666666666667},
    DspEntry{11, 32, 72.75},          DspEntry{11, 48, 70.5},
    DspEntry{11, 64, 73.0},           DspEntry{11, 96, 70.666666666666667},
    DspEntry{11, 128, 72.5},          DspEntry{11, 192, 71.333333333333333},
    DspEntry{11, 256, 72.25},         DspEntry{11, 384, 71.666666666666667},
    DspEntry{11, 512, 72.125},        DspEntry{11, 768, 71.833333333333333},
    DspEntry{11, 1024, 72.0625},      DspEntry{11, 1536, 71.916666666666667},
    DspEntry{11, 2048, 72.03125},

    DspEntry{12, 2, 46.0},            DspEntry{12, 3, 36.5},
    DspEntry{12, 4, 48.0},            DspEntry{12, 6, 50.166666666666667},
    DspEntry{12, 8, 53.25},           DspEntry{12, 12, 69.5},
    DspEntry{12, 16, 71.625},         DspEntry{12, 24, 70.166666666666667},
    DspEntry{12, 32, 72.125},         DspEntry{12, 48, 70.5},
    DspEntry{12, 64, 72.375},         DspEntry{12, 96, 70.666666666666667},
    DspEntry{12, 128, 72.5},          DspEntry{12, 192, 71.333333333333333},
    DspEntry{12, 256, 72.25},         DspEntry{12, 384, 71.666666666666667},
    DspEntry{12, 512, 72.125},        DspEntry{12, 768, 71.833333333333333},
    DspEntry{12, 1024, 72.0625},      DspEntry{12, 1536, 71.916666666666667},
    DspEntry{12, 2048, 72.03125},

    DspEntry{13, 2, 2.75},            DspEntry{13, 3, 2.8333333333333333},
    DspEntry{13, 4, 2.875},           DspEntry{13, 6, 2.9166666666666667},
    DspEntry{13, 8, 2.9375},          DspEntry{13, 12, 2.9583333333333333},
    DspEntry{13, 16, 2.96875},        DspEntry{13, 24, 2.9791666666666667},
    DspEntry{13, 32, 2.984375},       DspEntry{13, 48, 2.9895833333333333},
    DspEntry{13, 64, 2.9921875},      DspEntry{13, 96, 2.9947916666666667},
};

}  // namespace

std::optional<double> bruker_dsp_table_delay(int dspfvs, double decim) {
    for (const auto& e : kDspTable) {
        if (e.dspfvs == dspfvs && static_cast<double>(e.decim) == decim) return e.delay_points;
    }
    return std::nullopt;
}

double bruker_group_delay(const ParamFile& acqus) {
    if (const auto grpdly = acqus.number("GRPDLY"); grpdly && *grpdly > 0.0) {
        if (*grpdly > 1.0e4) {
            throw InputError(acqus.source(), fmt::format("GRPDLY {} is not a plausible group delay", *grpdly));
        }
        return *grpdly;
    }
    if (const auto digmod = acqus.integer("DIGMOD"); digmod && *digmod == 0) return 0.0;
    const auto dspfvs = acqus.integer("DSPFVS");
    const auto decim = acqus.number("DECIM");
    if (!dspfvs || !decim || *decim <= 1.0) return 0.0;
    if (*dspfvs < 10 || *dspfvs >= 14) return 0.0;
    if (const auto delay = bruker_dsp_table_delay(static_cast<int>(*dspfvs), *decim)) return *delay;
    throw InputError(acqus.source(), fmt::format("DECIM {} is not in the digital-filter table of DSPFVS {}; "
                                                 "the group delay is unknown",
                                                 *decim, *dspfvs));
}

}  // namespace sidepeak::io::detail

#pragma once
/// Group delay of the Bruker digital (oversampling) filter, in points of the stored FID.
#include <optional>

#include "param_file.hpp"

namespace sidepeak::io::detail {

/// Group delay from the DSPFVS/DECIM lookup table of older firmware (DSPFVS 10..13), or
/// nullopt when the pair is not in the table. See bruker_dsp.cpp for the table's source.
std::optional<double> bruker_dsp_table_delay(int dspfvs, double decim);

/// Group delay for an acquisition, from acqus:
///  - GRPDLY > 0 (TopSpin, DSPFVS >= 20): that value, fractional values kept;
///  - else DIGMOD = 0 (analogue filter) or no DSPFVS/DECIM: 0;
///  - else DSPFVS 10..13: the lookup table (InputError when DECIM is not listed);
///  - else (DSPFVS >= 14 without GRPDLY): 0, as no delay is documented for it.
double bruker_group_delay(const ParamFile& acqus);

}  // namespace sidepeak::io::detail

#pragma once
/// Normalised metadata (NmrMeta) from Bruker acqus and procs.
#include <optional>

#include "param_file.hpp"
#include "sidepeak/core/nmr_data.hpp"

namespace sidepeak::io::detail {

/// Fills the acquisition metadata from acqus (and procs SF for the reference frequency when
/// given). Throws InputError naming acqus for a missing or impossible SFO1/BF1/SW_h.
NmrMeta bruker_meta_from_acqus(const ParamFile& acqus, const ParamFile* procs);
/// Metadata of a processed-only dataset (no acqus): frequencies and width from procs.
NmrMeta bruker_meta_from_procs(const ParamFile& procs);

/// Sweep widths above this (Hz) are rejected as impossible for 1D NMR.
inline constexpr double kMaxSweepWidthHz = 1.0e7;
/// Spectrometer frequencies above this (MHz) are rejected as impossible.
inline constexpr double kMaxFrequencyMhz = 1.0e4;

}  // namespace sidepeak::io::detail

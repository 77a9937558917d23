#pragma once
/// The 1D NMR processing pipeline: FID -> group-delay removal -> DC offset -> apodization ->
/// zero filling -> FFT -> automatic phasing -> referencing -> baseline -> noise -> peaks ->
/// multiplets -> integrals. Each stage is also available on its own (see the other headers in
/// sidepeak/signal/).
#include <optional>
#include <string>
#include <vector>

#include "sidepeak/core/nmr_data.hpp"
#include "sidepeak/signal/nmr_options.hpp"
#include "sidepeak/signal/nmr_result.hpp"
#include "sidepeak/signal/nmr_types.hpp"

namespace sidepeak::signal {

/// Runs the whole pipeline. Uses the first FID of `data` (or the processed spectrum when there
/// is no FID or options.use_vendor_processed is set). Throws Error when there is nothing to process.
NmrResult process_nmr(const NmrData& data, const NmrProcessingOptions& options = {});

}  // namespace sidepeak::signal

#pragma once
// Extraction of the raw evidence behind LC-MS findings (XIC, apex spectrum, predicted isotopes).
#include <vector>

#include "sidepeak/classify/finding.hpp"
#include "sidepeak/core/ms_data.hpp"
#include "sidepeak/report/sample_report.hpp"
#include "sidepeak/signal/chromatogram.hpp"
#include "sidepeak/signal/lcms_stream.hpp"
#include "sidepeak/signal/ms2_index.hpp"

namespace sidepeak::pipeline {

/// One trace per distinct `ms_ion` evidence m/z (at most `max_traces`), from the run's MS1 peak
/// map (the one the features were found in).
std::vector<report::IonTrace> trace_evidence_ions(const signal::PeakMap& map, const std::vector<classify::Finding>& findings,
                                                  double tolerance_ppm, std::size_t max_traces = 24);

/// The same from a streamed run, reading back only the m/z windows of the traces.
std::vector<report::IonTrace> trace_evidence_ions(const signal::LcmsStream& run, const std::vector<classify::Finding>& findings,
                                                  double tolerance_ppm, std::size_t max_traces = 24);

/// The consensus spectrum of each "ms2_spectrum" evidence whose scans are all in `index` (the
/// same merge the detector read), at most `max_traces`.
std::vector<report::Ms2Trace> trace_ms2_evidence(const signal::Ms2Index& index, const std::vector<classify::Finding>& findings,
                                                 std::size_t max_traces = 24);

}  // namespace sidepeak::pipeline

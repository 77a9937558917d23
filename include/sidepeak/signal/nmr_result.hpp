#pragma once
/// The result of the 1D NMR pipeline (nmr_pipeline.hpp): the processed spectrum with what each
/// stage found. Analyses of a processed spectrum (broad_component.hpp, the classifier) read it
/// from here without depending on the orchestrator.
#include <vector>

#include "sidepeak/core/nmr_data.hpp"
#include "sidepeak/signal/nmr_types.hpp"

namespace sidepeak::signal {

/// Milliseconds per stage (steady_clock). process_nmr runs the FID -> complex spectrum chain
/// (DC offset, apodization, zero filling, FFT, group delay) as one call and reports it as fft_ms;
/// group_delay_ms and apodization_ms stay 0 there (bench/nmr_pipeline_bench.cpp times them apart).
/// read_ms is for the caller that reads the file.
struct StageTimings {
    double read_ms = 0, group_delay_ms = 0, apodization_ms = 0, fft_ms = 0, phase_ms = 0, reference_ms = 0,
           baseline_ms = 0, noise_ms = 0, peaks_ms = 0, multiplets_ms = 0, total_ms = 0;
};

struct NmrResult {
    NmrMeta meta;
    NmrSpectrum spectrum;          ///< phased, referenced, baseline-corrected real spectrum
    std::vector<double> baseline;  ///< the baseline that was subtracted (same size as spectrum)
    PhaseResult phase;
    ReferenceResult reference;
    double noise = 0.0;            ///< robust noise sigma (MAD of a signal-free region)
    std::vector<Peak> peaks;
    std::vector<Multiplet> multiplets;
    StageTimings timings;
};

}  // namespace sidepeak::signal

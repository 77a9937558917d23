// NMR pipeline timing: a 64k-point synthetic 1H FID (per stage and whole) and real Bruker folders.
#include <benchmark/benchmark.h>

#include <cmath>
#include <complex>
#include <filesystem>
#include <random>
#include <vector>

#include "sidepeak/io/nmr_readers.hpp"
#include "sidepeak/signal/baseline.hpp"
#include "sidepeak/signal/fft.hpp"
#include "sidepeak/signal/fid.hpp"
#include "sidepeak/signal/multiplets.hpp"
#include "sidepeak/signal/nmr_pipeline.hpp"
#include "sidepeak/signal/noise.hpp"
#include "sidepeak/signal/peaks.hpp"
#include "sidepeak/signal/phase.hpp"
#include "sidepeak/signal/reference.hpp"

using namespace sidepeak;
using namespace sidepeak::signal;

namespace {

// 32k complex points (64k after zero filling), 500 MHz, 12 ppm width: 30 decaying lines + noise.
NmrData synthetic_fid() {
    NmrData d;
    d.meta.reference_mhz = 500.0;
    d.meta.observe_mhz = 500.0;
    d.meta.sweep_width_hz = 6000.0;
    d.meta.carrier_ppm = 5.0;
    d.meta.solvent = "CDCl3";
    const std::size_t n = 32768;
    std::vector<std::complex<double>> fid(n);
    std::mt19937 rng(1);
    std::normal_distribution<double> g(0.0, 0.5);
    for (int k = 0; k < 30; ++k) {
        const double ppm = k == 0 ? 0.0 : (k == 1 ? 7.26 : 0.4 + 0.33 * k);
        const double f = (ppm - 5.0) * 500.0;  // Hz from the carrier
        const double amp = 10.0 + 5.0 * (k % 4);
        const double r2 = M_PI * 1.0;          // 1 Hz lines
        for (std::size_t i = 0; i < n; ++i) {
            const double t = static_cast<double>(i) / 6000.0;
            fid[i] += amp * std::exp(-r2 * t) * std::polar(1.0, 2.0 * M_PI * f * t + 0.4);
        }
    }
    for (auto& v : fid) v += std::complex<double>(g(rng), g(rng));
    d.fids.push_back(std::move(fid));
    return d;
}

const NmrData& fixture() {
    static const NmrData d = synthetic_fid();
    return d;
}

void add_timings(benchmark::State& state, const StageTimings& sum, double runs) {
    state.counters["fid_to_spectrum_ms"] = sum.fft_ms / runs;
    state.counters["phase_ms"] = sum.phase_ms / runs;
    state.counters["baseline_ms"] = sum.baseline_ms / runs;
    state.counters["reference_ms"] = sum.reference_ms / runs;
    state.counters["noise_ms"] = sum.noise_ms / runs;
    state.counters["peaks_ms"] = sum.peaks_ms / runs;
    state.counters["multiplets_ms"] = sum.multiplets_ms / runs;
    state.counters["total_ms"] = sum.total_ms / runs;
}

void accumulate(StageTimings& s, const StageTimings& t) {
    s.fft_ms += t.fft_ms, s.phase_ms += t.phase_ms, s.baseline_ms += t.baseline_ms, s.reference_ms += t.reference_ms;
    s.noise_ms += t.noise_ms, s.peaks_ms += t.peaks_ms, s.multiplets_ms += t.multiplets_ms, s.total_ms += t.total_ms;
}

void BM_SyntheticWholePipeline(benchmark::State& state) {
    const NmrData& d = fixture();
    StageTimings sum;
    double runs = 0;
    (void)process_nmr(d);  // plans the FFT once
    for (auto _ : state) {
        NmrResult r = process_nmr(d);
        benchmark::DoNotOptimize(r.peaks.data());
        accumulate(sum, r.timings);
        ++runs;
    }
    add_timings(state, sum, runs);
}
BENCHMARK(BM_SyntheticWholePipeline)->Unit(benchmark::kMillisecond);

// The FID -> spectrum chain step by step (process_nmr times it as one stage).
void BM_SyntheticApodization(benchmark::State& state) {
    const NmrData& d = fixture();
    FidTransformOptions o;
    std::vector<std::complex<double>> fid = d.fids.front();
    for (auto _ : state) {
        apodize(fid, o, d.meta.sweep_width_hz, 0.0);
        benchmark::DoNotOptimize(fid.data());
    }
}
BENCHMARK(BM_SyntheticApodization)->Unit(benchmark::kMicrosecond);

void BM_Fft64k(benchmark::State& state) {
    std::vector<std::complex<double>> x(65536, {1.0, 0.5});
    fft_forward(x);
    for (auto _ : state) {
        fft_forward(x);
        benchmark::DoNotOptimize(x.data());
    }
}
BENCHMARK(BM_Fft64k)->Unit(benchmark::kMicrosecond);

void BM_GroupDelay64k(benchmark::State& state) {
    std::vector<std::complex<double>> x(65536, {1.0, 0.5});
    for (auto _ : state) {
        remove_group_delay(x, 67.98);
        benchmark::DoNotOptimize(x.data());
    }
}
BENCHMARK(BM_GroupDelay64k)->Unit(benchmark::kMicrosecond);

void BM_BaselineMethods64k(benchmark::State& state) {
    NmrResult r = process_nmr(fixture());
    for (std::size_t i = 0; i < r.spectrum.size(); ++i) r.spectrum.real[i] += r.baseline[i];
    BaselineOptions o;
    o.method = static_cast<BaselineMethod>(state.range(0));
    int iterations = 0;
    for (auto _ : state) {
        BaselineResult b = estimate_baseline(r.spectrum, o);
        iterations = b.iterations;
        benchmark::DoNotOptimize(b.baseline.data());
    }
    state.counters["iterations"] = iterations;
}
BENCHMARK(BM_BaselineMethods64k)->DenseRange(0, 3)->Unit(benchmark::kMillisecond);

void BM_RealBruker(benchmark::State& state, const char* folder) {
    const std::filesystem::path path = std::filesystem::path(SIDEPEAK_SOURCE_DIR) / "spectra_samples/real/nmr/bruker" / folder;
    if (!std::filesystem::exists(path)) {
        state.SkipWithError("sample folder absent");
        return;
    }
    const NmrData d = io::read_bruker(path);
    (void)process_nmr(d);
    StageTimings sum;
    double runs = 0;
    for (auto _ : state) {
        NmrResult r = process_nmr(d);
        benchmark::DoNotOptimize(r.peaks.data());
        accumulate(sum, r.timings);
        ++runs;
    }
    add_timings(state, sum, runs);
    state.counters["points"] = static_cast<double>(process_nmr(d).spectrum.size());
}
BENCHMARK_CAPTURE(BM_RealBruker, strychnine, "strychnine/10")->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_RealBruker, mp_tfm_aniline, "MP-TFM-aniline/10")->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_RealBruker, gaba, "VZBBI_13R03_GABA/1H")->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_RealBruker, bmse000325, "bmse000325/1H")->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();

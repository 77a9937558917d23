// FID processing and automatic phasing: a 64k-point synthetic FID and real Bruker folders, with a
// bare FFTW 64k complex transform (FFTW_MEASURE) as the physical-limit anchor.
#include <benchmark/benchmark.h>
#include <fftw3.h>

#include <cmath>
#include <complex>
#include <filesystem>
#include <numbers>
#include <random>
#include <vector>

#include "sidepeak/io/nmr_readers.hpp"
#include "sidepeak/signal/fft.hpp"
#include "sidepeak/signal/fid.hpp"
#include "sidepeak/signal/phase.hpp"

namespace {

using cd = std::complex<double>;
using namespace sidepeak;
using namespace sidepeak::signal;

/// 32768 complex points (64k after zero filling), 40 lines, group delay 67.98 points, noise.
NmrData synthetic() {
    NmrData d;
    d.meta.reference_mhz = 400.13;
    d.meta.sweep_width_hz = 8000.0;
    d.meta.carrier_ppm = 4.7;
    d.meta.group_delay_points = 67.98;
    std::mt19937 rng(1);
    std::uniform_real_distribution<double> ppm(0.5, 9.5), amp(0.1, 1.0);
    std::normal_distribution<double> noise(0.0, 0.01);
    std::vector<std::pair<double, double>> lines(40);
    for (auto& l : lines) l = {(ppm(rng) - d.meta.carrier_ppm) * d.meta.reference_mhz, amp(rng)};
    std::vector<cd> fid(32768);
    for (std::size_t k = 0; k < fid.size(); ++k) {
        const double t = (static_cast<double>(k) - d.meta.group_delay_points) / d.meta.sweep_width_hz;
        cd s{noise(rng), noise(rng)};
        for (const auto& [f, a] : lines) s += a * std::exp(cd(-t / 0.3, 2 * std::numbers::pi * f * t));
        fid[k] = s * std::polar(1.0, 1.1);
    }
    d.fids.push_back(std::move(fid));
    return d;
}

NmrData real(const char* folder) {
    return io::read_bruker(std::filesystem::path(SIDEPEAK_SOURCE_DIR) / "spectra_samples/real/nmr/bruker" / folder);
}

const NmrData& dataset(int which) {
    static const NmrData synth = synthetic();
    static const NmrData aniline = real("MP-TFM-aniline/10");
    static const NmrData coffee = real("coffee-UV1009/20");
    static const NmrData strychnine = real("strychnine/10");
    static const NmrData gaba = real("VZBBI_13R03_GABA/1H");
    switch (which) {
        case 0:
            return synth;
        case 1:
            return aniline;
        case 2:
            return coffee;
        case 3:
            return strychnine;
        default:
            return gaba;
    }
}

void BM_FidToSpectrum(benchmark::State& state) {
    const auto& d = dataset(static_cast<int>(state.range(0)));
    const FidTransformOptions options;
    for (auto _ : state) benchmark::DoNotOptimize(fid_to_spectrum(d.fids.at(0), d.meta, options));
}

void BM_AutoPhase(benchmark::State& state, PhaseMethod method) {
    const auto& d = dataset(static_cast<int>(state.range(0)));
    const auto s = fid_to_spectrum(d.fids.at(0), d.meta, FidTransformOptions{});
    for (auto _ : state) benchmark::DoNotOptimize(auto_phase(s.data, method));
}

void BM_FftForward64k(benchmark::State& state) {
    std::vector<cd> x(65536, cd(1.0, 0.5));
    for (auto _ : state) {
        fft_forward(x);
        benchmark::DoNotOptimize(x.data());
    }
}

void BM_BareFftw64k(benchmark::State& state) {
    const int n = 65536;
    auto* in = fftw_alloc_complex(n);
    fftw_plan plan = fftw_plan_dft_1d(n, in, in, FFTW_FORWARD, FFTW_MEASURE);
    for (int i = 0; i < n; ++i) in[i][0] = in[i][1] = 1.0;
    for (auto _ : state) {
        fftw_execute(plan);
        benchmark::DoNotOptimize(in);
    }
    fftw_destroy_plan(plan);
    fftw_free(in);
}

// Argument: 0 synthetic 64k, 1 MP-TFM-aniline/10 (64k), 2 coffee (64k), 3 strychnine (128k),
// 4 GABA (32k). Default processing (zero filling x2). On 0, 3 and 4 the line fits decide the phase;
// on 1 and 2 (few isolated lines) the fine entropy stage runs instead.
BENCHMARK(BM_FidToSpectrum)->DenseRange(0, 4)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_AutoPhase, acme, PhaseMethod::acme)->DenseRange(0, 4)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_AutoPhase, peak_minimum_entropy, PhaseMethod::peak_minimum_entropy)
    ->DenseRange(0, 4)
    ->Unit(benchmark::kMillisecond);
BENCHMARK(BM_FftForward64k)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_BareFftw64k)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();

// LC-MS feature detection benchmarks.
//
//   lcms_features_bench [google-benchmark flags]        synthetic run, XIC queries, and BSA1.mzML
//                                                       when found (SIDEPEAK_BSA1 or the openms-doc path)
//   lcms_features_bench --features RUN OUT.tsv [MIN_SNR] whole process: read RUN, process_lcms, write
//                                                       the features as TSV; timings on stderr
//                                                       (used by tools/compare_featurefinder.sh)
#include <benchmark/benchmark.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <random>
#include <string>

#include "../tests/signal/synthetic_lcms.hpp"
#include "sidepeak/io/ms_readers.hpp"
#include "sidepeak/signal/chromatogram.hpp"
#include "sidepeak/signal/lcms_pipeline.hpp"
#include "sidepeak/signal/xic_index.hpp"

namespace {

std::filesystem::path bsa1_path() {
    if (const char* p = std::getenv("SIDEPEAK_BSA1")) return p;
    for (const char* p : {"/usr/share/doc/openms-doc/examples/BSA/BSA1.mzML", "/usr/share/doc/openms/examples/BSA/BSA1.mzML"}) {
        if (std::filesystem::exists(p)) return p;
    }
    return {};
}

const sidepeak::MsRun& synthetic_run() {
    static const sidepeak::MsRun run = [] {
        sidepeak::test::SyntheticRunOptions o;
        o.rt_end_s = 900.0;
        auto compounds = sidepeak::test::standard_compounds();
        std::mt19937 rng(9);
        std::uniform_real_distribution<double> rt(30.0, 870.0);
        for (int k = 0; k < 40; ++k) {
            auto c = compounds[static_cast<std::size_t>(k) % compounds.size()];
            c.rt_s = rt(rng);
            compounds.push_back(c);
        }
        return sidepeak::test::make_synthetic_run(compounds, o).run;
    }();
    return run;
}

void BM_ProcessSyntheticRun(benchmark::State& state) {
    const auto& run = synthetic_run();
    std::size_t features = 0;
    for (auto _ : state) {
        const auto r = sidepeak::signal::process_lcms(run);
        features = r.features.size();
        benchmark::DoNotOptimize(r.features.data());
    }
    state.counters["features"] = static_cast<double>(features);
    state.counters["scans"] = static_cast<double>(run.spectra.size() / 2);
}
BENCHMARK(BM_ProcessSyntheticRun)->Unit(benchmark::kMillisecond);

void BM_XicIndexQuery(benchmark::State& state) {
    const auto map = sidepeak::signal::build_peak_map(synthetic_run());
    const sidepeak::signal::XicIndex index(map);
    std::mt19937 rng(1);
    std::uniform_real_distribution<double> mz(100.0, 1000.0);
    for (auto _ : state) benchmark::DoNotOptimize(index.query(mz(rng), 10.0));
    state.counters["peaks"] = static_cast<double>(index.size());
}
BENCHMARK(BM_XicIndexQuery);

void BM_XicBruteForce(benchmark::State& state) {
    const auto map = sidepeak::signal::build_peak_map(synthetic_run());
    std::mt19937 rng(1);
    std::uniform_real_distribution<double> mz(100.0, 1000.0);
    for (auto _ : state) benchmark::DoNotOptimize(sidepeak::signal::extract_ion_chromatogram(map, mz(rng), 10.0));
}
BENCHMARK(BM_XicBruteForce);

void BM_ProcessBSA1(benchmark::State& state) {
    const auto path = bsa1_path();
    if (path.empty()) {
        state.SkipWithError("BSA1.mzML not found (set SIDEPEAK_BSA1)");
        return;
    }
    const auto run = sidepeak::io::read_ms(path);
    std::size_t features = 0;
    for (auto _ : state) {
        const auto r = sidepeak::signal::process_lcms(run);
        features = r.features.size();
    }
    state.counters["features"] = static_cast<double>(features);
}
BENCHMARK(BM_ProcessBSA1)->Unit(benchmark::kMillisecond);

void BM_ReadAndProcessBSA1(benchmark::State& state) {
    const auto path = bsa1_path();
    if (path.empty()) {
        state.SkipWithError("BSA1.mzML not found (set SIDEPEAK_BSA1)");
        return;
    }
    for (auto _ : state) benchmark::DoNotOptimize(sidepeak::signal::process_lcms(sidepeak::io::read_ms(path)).features.size());
}
BENCHMARK(BM_ReadAndProcessBSA1)->Unit(benchmark::kMillisecond);

int write_features(const std::string& in, const std::string& out, double min_snr) {
    using clock = std::chrono::steady_clock;
    const auto t0 = clock::now();
    const auto run = sidepeak::io::read_ms(in);
    const auto t1 = clock::now();
    sidepeak::signal::LcmsProcessingOptions options;
    options.min_snr = min_snr;
    const auto r = sidepeak::signal::process_lcms(run, options);
    const auto t2 = clock::now();
    std::ofstream f(out);
    f << "mz\trt_s\tintensity\tarea\tsnr\tfwhm_s\tcharge\tisotopes\tgroup\tadduct\tneutral_mass\n";
    f.precision(10);
    for (const auto& x : r.features) {
        f << x.mz << '\t' << x.rt_s << '\t' << x.intensity << '\t' << x.area << '\t' << x.snr << '\t' << x.fwhm_s << '\t'
          << x.charge << '\t';
        for (std::size_t k = 0; k < x.isotopes.size(); ++k) f << (k ? "," : "") << x.isotopes[k];
        f << '\t' << x.group << '\t' << x.adduct << '\t' << x.neutral_mass << '\n';
    }
    const auto ms = [](auto a, auto b) { return std::chrono::duration<double, std::milli>(b - a).count(); };
    std::cerr << "read_ms " << ms(t0, t1) << " ms, process_lcms " << ms(t1, t2) << " ms, spectra " << r.spectra
              << ", ms1 " << r.ms1_spectra << ", noise " << r.noise << ", features " << r.features.size() << "\n";
    return f ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc >= 4 && std::string(argv[1]) == "--features") {
        try {
            return write_features(argv[2], argv[3], argc >= 5 ? std::stod(argv[4]) : 10.0);
        } catch (const std::exception& e) {
            std::cerr << "error: " << e.what() << "\n";
            return 2;
        }
    }
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}

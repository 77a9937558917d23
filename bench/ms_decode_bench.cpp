// Decode throughput of the LC-MS readers: every spectrum streamed with its arrays decoded
// (io::ms_stats), reported in bytes of file per second. Inputs: the bundled samples, plus the
// files named in SIDEPEAK_MS_BENCH_FILES (colon-separated; tools/bench_ms_decode.sh sets it to
// BSA1.mzML and its zlib / MS-Numpress / mzXML conversions). Also the MS-Numpress codecs alone.
#include <cstdlib>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include <benchmark/benchmark.h>

#include "sidepeak/io/ms_stats.hpp"
#include "sidepeak/io/numpress.hpp"

namespace {
namespace fs = std::filesystem;

void decode_file(benchmark::State& state, const fs::path& path) {
    std::uint64_t peaks = 0;
    for (auto _ : state) {
        const auto st = sidepeak::io::ms_stats(path);
        peaks = st.peaks;
        benchmark::DoNotOptimize(st.intensity_sum);
    }
    const auto bytes = static_cast<std::int64_t>(fs::file_size(path));
    state.SetBytesProcessed(state.iterations() * bytes);
    state.counters["peaks"] = static_cast<double>(peaks);
}

std::vector<double> masses(std::size_t n) {
    std::mt19937 rng(1);
    std::uniform_real_distribution<double> step(0.0005, 0.5);
    std::vector<double> v(n);
    double x = 200;
    for (auto& m : v) m = (x += step(rng));
    return v;
}

void numpress_linear_decode(benchmark::State& state) {
    const auto data = masses(static_cast<std::size_t>(state.range(0)));
    const auto bytes = sidepeak::io::numpress::encode_linear(data, sidepeak::io::numpress::optimal_linear_fixed_point(data));
    std::vector<double> out;
    for (auto _ : state) {
        sidepeak::io::numpress::decode_linear(bytes, out, data.size());
        benchmark::DoNotOptimize(out.data());
    }
    state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(numpress_linear_decode)->Arg(1 << 16);

void numpress_slof_decode(benchmark::State& state) {
    std::vector<double> data(static_cast<std::size_t>(state.range(0)));
    std::mt19937 rng(2);
    std::lognormal_distribution<double> dist(8, 2);
    for (auto& v : data) v = dist(rng);
    const auto bytes = sidepeak::io::numpress::encode_slof(data, sidepeak::io::numpress::optimal_slof_fixed_point(data));
    std::vector<double> out;
    for (auto _ : state) {
        sidepeak::io::numpress::decode_slof(bytes, out, data.size());
        benchmark::DoNotOptimize(out.data());
    }
    state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(numpress_slof_decode)->Arg(1 << 16);

}  // namespace

int main(int argc, char** argv) {
    const fs::path samples = fs::path(SIDEPEAK_SOURCE_DIR) / "spectra_samples" / "real" / "ms";
    std::vector<fs::path> files = {samples / "mzxml" / "lcMsMs.mzXML", samples / "mzml" / "Ecoli_MS2_small.mzML",
                                   samples / "mzml" / "FileConverter_29_output.mzML"};
    if (const char* extra = std::getenv("SIDEPEAK_MS_BENCH_FILES")) {
        std::string list = extra;
        std::size_t start = 0;
        while (start <= list.size()) {
            const auto colon = list.find(':', start);
            const std::string item = list.substr(start, colon == std::string::npos ? std::string::npos : colon - start);
            if (!item.empty()) files.emplace_back(item);
            if (colon == std::string::npos) break;
            start = colon + 1;
        }
    }
    for (const auto& f : files) {
        if (!fs::exists(f)) continue;
        benchmark::RegisterBenchmark(("decode/" + f.filename().string()).c_str(), decode_file, f)
            ->Unit(benchmark::kMillisecond)
            ->MinTime(1.0);
    }
    benchmark::Initialize(&argc, argv);
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}

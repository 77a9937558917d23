// Reading one LC-MS run into the streaming pipeline (pipeline::stream_lcms_run: decode, centroid,
// peak map and MS2 index, no feature detection) at 1 and 2 threads, wall time and bytes of file
// per second. Inputs: BSA1_F1.mzML from spectra_samples, plus the files named in
// SIDEPEAK_MS_BENCH_FILES (colon-separated, e.g. the repeated runs of bench/repeat_run).
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include <benchmark/benchmark.h>

#include "sidepeak/io/format.hpp"
#include "sidepeak/pipeline/analyze.hpp"

namespace {
namespace fs = std::filesystem;

void stream_run(benchmark::State& state, const fs::path& path) {
    const auto threads = static_cast<unsigned>(state.range(0));
    std::size_t peaks = 0;
    const auto format = sidepeak::io::detect_format(path);  // once, as discovery does
    for (auto _ : state) {
        const auto stream = sidepeak::pipeline::stream_lcms_run(path, format, {}, sidepeak::signal::Ms2IndexOptions{}, threads);
        peaks = stream.peak_map().peaks();
        benchmark::DoNotOptimize(peaks);
    }
    state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(fs::file_size(path)));
    state.counters["peaks"] = static_cast<double>(peaks);
}

std::vector<fs::path> inputs() {
    std::vector<fs::path> out{fs::path(SIDEPEAK_SOURCE_DIR) / "spectra_samples/real/ms/mzml/BSA1_F1.mzML"};
    if (const char* extra = std::getenv("SIDEPEAK_MS_BENCH_FILES")) {
        std::string list(extra);
        std::size_t start = 0;
        while (start <= list.size()) {
            const auto end = std::min(list.find(':', start), list.size());
            if (end > start) out.emplace_back(list.substr(start, end - start));
            start = end + 1;
        }
    }
    return out;
}

}  // namespace

int main(int argc, char** argv) {
    for (const auto& path : inputs()) {
        if (!fs::exists(path)) continue;
        benchmark::RegisterBenchmark(("stream_lcms_run/" + path.filename().string()).c_str(),
                                     [path](benchmark::State& s) { stream_run(s, path); })
            ->Arg(1)
            ->Arg(2)
            ->UseRealTime()
            ->MeasureProcessCPUTime()
            ->Unit(benchmark::kMillisecond);
    }
    benchmark::Initialize(&argc, argv);
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}

// Discovery of a large --batch folder (docs/performance.md, "Batches"): listing N entries
// (symbolic links to the bundled generated samples) and matching them against a sample sheet
// naming every tenth, as `analyze --batch DIR --samples SHEET` does before the first sample starts.
#include <filesystem>
#include <string>

#include <benchmark/benchmark.h>
#include <unistd.h>

#include "sidepeak/pipeline/batch.hpp"

namespace {
namespace fs = std::filesystem;

// "<prefix><number>" (appended, not operator+: g++ 12 -Wrestrict false positive, GCC bug 105329).
std::string numbered(const char* prefix, std::size_t i) {
    std::string s(prefix);
    s.append(std::to_string(i));
    return s;
}

fs::path make_folder(std::size_t n) {
    const fs::path dir = fs::temp_directory_path() / numbered("sidepeak-discovery-bench-", static_cast<std::size_t>(::getpid())) /
                         numbered("n", n);
    if (fs::exists(dir)) return dir;
    fs::create_directories(dir);
    std::vector<fs::path> samples;
    for (const auto& e : fs::directory_iterator(fs::path(SIDEPEAK_SOURCE_DIR) / "spectra_samples" / "generated")) {
        if (e.is_directory()) samples.push_back(e.path());
    }
    std::sort(samples.begin(), samples.end());
    for (std::size_t i = 0; i < n; ++i) {
        fs::create_directory_symlink(samples[i % samples.size()], dir / numbered("s", 100000 + i));
    }
    return dir;
}

void BM_BatchDiscovery(benchmark::State& state) {
    const auto n = static_cast<std::size_t>(state.range(0));
    const fs::path dir = make_folder(n);
    std::vector<sidepeak::pipeline::SampleSpec> sheet;
    for (std::size_t i = 0; i < n; i += 10) {
        sheet.push_back({numbered("row", i), dir / numbered("s", 100000 + i), "C12H18N2", "benzyl"});
    }
    for (auto _ : state) {
        auto folder = sidepeak::pipeline::samples_in_folder(dir);
        auto specs = sidepeak::pipeline::merge_sample_specs(sheet, std::move(folder), {});
        benchmark::DoNotOptimize(specs);
        if (specs.size() != n) state.SkipWithError("wrong number of samples");
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) * static_cast<std::int64_t>(n));
    fs::remove_all(dir.parent_path());
}
BENCHMARK(BM_BatchDiscovery)->Arg(500)->Arg(5000)->Arg(50000)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();

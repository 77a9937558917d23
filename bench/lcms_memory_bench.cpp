// Memory of a streamed LC-MS run (issue 10): streams RUN with a memory cap (MiB, default the
// pipeline's) into signal::LcmsStream, runs feature detection, and reports the centroids, what
// spilled, the m/z slabs and the times. Run it under `/usr/bin/time -v` for the maximum RSS:
//   build/bench/lcms_memory_bench RUN [CAP_MIB] [THREADS] [ms1|process]
// By default every spectrum is fed and the MS2 scans are kept for the MS2 index (as `analyze`);
// with "ms1" only the MS1 spectra are fed: the part of the run the cap bounds; with "process"
// every spectrum is fed and no MS2 scan is kept (as `sidepeak process`).
// bench/lcms_bounded_memory.sh compares runs of different lengths.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <malloc.h>
#include <optional>
#include <string>

#include "sidepeak/io/ms_parallel.hpp"
#include "sidepeak/signal/lcms_stream.hpp"

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: %s RUN [CAP_MIB] [THREADS] [ms1|process]\n", argv[0]);
        return 1;
    }
    sidepeak::signal::LcmsProcessingOptions options;
    if (argc > 2) options.memory_cap_bytes = std::stoull(argv[2]) << 20;
    if (argc > 3) options.threads = static_cast<unsigned>(std::stoul(argv[3]));
    const auto t0 = std::chrono::steady_clock::now();
    const bool ms1_only = argc > 4 && std::string(argv[4]) == "ms1";
    // "process": every spectrum fed, no MS2 scans kept (as `sidepeak process`); otherwise MS2 kept
    // for the MS2 index (as `analyze`).
    const bool keep_ms2 = !(argc > 4 && std::string(argv[4]) == "process");
    sidepeak::signal::LcmsStream stream(options, keep_ms2 ? std::optional<sidepeak::signal::Ms2IndexOptions>(sidepeak::signal::Ms2IndexOptions{})
                                                          : std::nullopt);
    sidepeak::io::for_each_spectrum(
        argv[1], options.threads, [&stream](sidepeak::MsSpectrum& s) { stream.prepare(s); },
        [&stream, ms1_only](sidepeak::MsSpectrum&& s) {
            if (!ms1_only || s.ms_level == 1) stream.add(s);
        });
    stream.finish();
    const auto t1 = std::chrono::steady_clock::now();
    const std::size_t heap_streamed = mallinfo2().uordblks + mallinfo2().hblkhd;
    const auto cuts = stream.slab_cuts();
    const auto result = stream.process();
    const auto t2 = std::chrono::steady_clock::now();
    const auto& store = stream.store();
    std::printf("spectra %zu  centroids %zu (%.1f MiB)  spilled %.1f MiB  slabs %zu  features %zu  MS2 kept %s\n",
                stream.spectra(), store.peaks(), static_cast<double>(store.peaks()) * 16.0 / (1 << 20),
                static_cast<double>(store.bytes_spilled()) / (1 << 20), cuts.size() + 1, result.features.size(),
                stream.has_ms2() ? "yes" : "no");
    std::printf("in memory %.1f MiB  MS2 fragments spilled %.1f MiB\n", static_cast<double>(store.bytes_in_memory()) / (1 << 20),
                static_cast<double>(stream.ms2_bytes_spilled()) / (1 << 20));
    // Heap in use (glibc mallinfo2, main arena and thread arenas): after the stream, and with the
    // result held after feature detection; the difference is mostly the features of the result.
    std::printf("heap in use: streamed %.1f MiB  with the result %.1f MiB\n", static_cast<double>(heap_streamed) / (1 << 20),
                static_cast<double>(mallinfo2().uordblks + mallinfo2().hblkhd) / (1 << 20));
    std::printf("stream %.2f s  features %.2f s\n", std::chrono::duration<double>(t1 - t0).count(),
                std::chrono::duration<double>(t2 - t1).count());
    return 0;
}

// Writes a large LC-MS run for whole-process benchmarks (bench/large_runs.sh): the spectra of a
// real run repeated N times, each copy shifted in retention time past the previous one, as
// indexed mzML (zlib-compressed arrays by default, like most conversions; `raw` for plain 64-bit).
//   repeat_run INPUT OUTPUT.mzML COPIES [zlib|raw]
#include <algorithm>
#include <cstdio>
#include <string>
#include <cstdlib>
#include <exception>

#include "sidepeak/io/ms_readers.hpp"
#include "sidepeak/io/mzml_writer.hpp"

int main(int argc, char** argv) {
    if (argc != 4 && argc != 5) {
        std::fprintf(stderr, "usage: repeat_run INPUT OUTPUT.mzML COPIES [zlib|raw]\n");
        return 1;
    }
    try {
        const sidepeak::MsRun run = sidepeak::io::read_ms(argv[1]);
        const long copies = std::strtol(argv[3], nullptr, 10);
        double span = 0.0;
        for (const auto& s : run.spectra) span = std::max(span, s.rt_s);
        span += 60.0;
        sidepeak::io::MzmlWriteOptions options;
        options.zlib = argc < 5 || std::string(argv[4]) != "raw";
        options.checksum = false;
        sidepeak::io::MzmlWriter writer(argv[2], run.info, options);
        std::size_t index = 0;
        for (long c = 0; c < copies; ++c) {
            for (auto s : run.spectra) {
                s.rt_s += static_cast<double>(c) * span;
                s.index = index;
                s.id = "scan=" + std::to_string(++index);
                writer.write(s);
            }
        }
        writer.finish();
    } catch (const std::exception& e) {
        std::fprintf(stderr, "repeat_run: %s\n", e.what());
        return 2;
    }
    return 0;
}

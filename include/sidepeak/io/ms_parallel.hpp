#pragma once
/// Reads the spectra of one LC-MS run on several threads while handing them to the caller one at
/// a time in run order, so what is built from them does not depend on the thread count.
#include <filesystem>
#include <functional>

#include "sidepeak/core/ms_data.hpp"
#include "sidepeak/io/format.hpp"

namespace sidepeak::io {

/// Work on one spectrum that may run on any thread, concurrently with other spectra.
using SpectrumPrepare = std::function<void(MsSpectrum&)>;
/// Receives the spectra in run order, one at a time, on one thread at a time.
using SpectrumConsume = std::function<void(MsSpectrum&&)>;

/// Streams the run at `path` as io::open_ms does: `prepare` runs on each spectrum (after its
/// arrays are decoded), then `consume` gets it, in run order. `threads` is the number of threads
/// (0 = the cores this process may use, which is also the most used; 1 = the calling thread
/// alone, no thread is started).
/// mzML arrays are decoded in parallel (base64, zlib, MS-Numpress); the other formats are decoded
/// in order on one thread (mzMLb and ANDI go through HDF5 / netCDF, which are not thread-safe),
/// only `prepare` runs in parallel. At most a few spectra per thread are in memory at once. The
/// first error in run order is thrown, as the one-thread reading would throw it.
void for_each_spectrum(const std::filesystem::path& path, unsigned threads, const SpectrumPrepare& prepare,
                       const SpectrumConsume& consume);
/// As above, the run read as `format` (already detected by the caller, see open_ms(path, format)).
void for_each_spectrum(const std::filesystem::path& path, Format format, unsigned threads,
                       const SpectrumPrepare& prepare, const SpectrumConsume& consume);

}  // namespace sidepeak::io

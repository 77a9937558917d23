// FFTW3 wrappers with a plan cache. The FFTW planner is not thread-safe, so plan creation is
// serialised by a mutex; fftw_execute_dft on new arrays is thread-safe (FFTW manual 4.6, 5.4).
#include "sidepeak/signal/fft.hpp"

#include <fftw3.h>

#include <algorithm>
#include <limits>
#include <map>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <tuple>

namespace sidepeak::signal {
namespace {

struct PlanDeleter {
    void operator()(fftw_plan_s* plan) const noexcept { fftw_destroy_plan(plan); }
};
using PlanPtr = std::unique_ptr<fftw_plan_s, PlanDeleter>;

struct BufferDeleter {
    void operator()(fftw_complex* p) const noexcept { fftw_free(p); }
};

/// Plans keyed by (length, sign, aligned). A plan made on SIMD-aligned scratch arrays may only be
/// executed on arrays with the same alignment; unaligned caller arrays get an FFTW_UNALIGNED plan.
class PlanCache {
public:
    fftw_plan get(std::size_t n, int sign, bool aligned) {
        const std::lock_guard lock(mutex_);
        const auto key = std::make_tuple(n, sign, aligned);
        if (auto it = plans_.find(key); it != plans_.end()) return it->second.get();
        if (n > static_cast<std::size_t>(std::numeric_limits<int>::max())) throw std::length_error("FFT too long");
        // Planning on scratch arrays, so no planner flag can touch the caller's data.
        std::unique_ptr<fftw_complex, BufferDeleter> scratch(fftw_alloc_complex(n));
        if (!scratch) throw std::bad_alloc();
        // FFTW_ESTIMATE: a 64k MEASURE plan costs 0.1-1.7 s to make and saves about 0.07 ms per
        // transform (docs/performance.md), so it never pays off in a command-line run that
        // processes a few spectra. System wisdom (/etc/fftw/wisdom, made with fftw-wisdom) is
        // imported once and is used by ESTIMATE plans when present.
        if (!wisdom_loaded_) {
            fftw_import_system_wisdom();
            wisdom_loaded_ = true;
        }
        unsigned flags = FFTW_ESTIMATE;
        if (!aligned) flags |= FFTW_UNALIGNED;
        PlanPtr plan(fftw_plan_dft_1d(static_cast<int>(n), scratch.get(), scratch.get(), sign, flags));
        if (!plan) throw std::runtime_error("FFTW could not create a plan");
        fftw_plan raw = plan.get();
        plans_.emplace(key, std::move(plan));
        return raw;
    }

private:
    std::mutex mutex_;
    bool wisdom_loaded_ = false;
    std::map<std::tuple<std::size_t, int, bool>, PlanPtr> plans_;
};

PlanCache& plan_cache() {
    static PlanCache cache;  // process-wide by design: FFTW plans are expensive to make
    return cache;
}

void execute(std::span<std::complex<double>> data, int sign) {
    if (data.size() <= 1) return;
    auto* ptr = reinterpret_cast<fftw_complex*>(data.data());
    // Alignment of a scratch array from fftw_alloc_complex is 0 by construction.
    const bool aligned = fftw_alignment_of(reinterpret_cast<double*>(ptr)) == 0;
    fftw_plan plan = plan_cache().get(data.size(), sign, aligned);
    fftw_execute_dft(plan, ptr, ptr);
}

}  // namespace

void fft_forward(std::span<std::complex<double>> data) { execute(data, FFTW_FORWARD); }

void fft_inverse(std::span<std::complex<double>> data) { execute(data, FFTW_BACKWARD); }

void fft_shift(std::span<std::complex<double>> data) {
    // numpy fftshift: index 0 moves to floor(N/2).
    const std::size_t n = data.size();
    if (n < 2) return;
    std::rotate(data.begin(), data.begin() + static_cast<std::ptrdiff_t>(n - n / 2), data.end());
}

}  // namespace sidepeak::signal

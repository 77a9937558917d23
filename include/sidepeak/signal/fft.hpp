#pragma once
/// Complex discrete Fourier transforms on FFTW3 with a process-wide plan cache.
///
/// Plans are created once per (length, direction, alignment) and reused. Plan creation is guarded
/// by a mutex (the FFTW planner is not thread-safe); execution uses fftw_execute_dft on the
/// caller's array (the "new-array execute" interface), which is thread-safe, so these functions
/// may be called from several threads at once.
#include <complex>
#include <cstddef>
#include <span>

namespace sidepeak::signal {

/// In-place forward complex DFT, X[k] = sum_n x[n] exp(-2 pi i n k / N) (FFTW_FORWARD),
/// unnormalised, for any length N >= 1 (N = 0 is a no-op).
void fft_forward(std::span<std::complex<double>> data);

/// In-place inverse complex DFT, x[n] = sum_k X[k] exp(+2 pi i n k / N) (FFTW_BACKWARD),
/// unnormalised: fft_inverse(fft_forward(x)) == N * x.
void fft_inverse(std::span<std::complex<double>> data);

/// Swaps the two halves so that frequency 0 moves from index 0 to index N/2 (numpy fftshift).
void fft_shift(std::span<std::complex<double>> data);

}  // namespace sidepeak::signal

#pragma once
/// Options of the time-domain stage (fid_to_spectrum): the apodization window and the zero
/// filling. The pipeline's NmrProcessingOptions holds one of these as `transform`; the stage
/// functions in fid.hpp take only this struct.

namespace sidepeak::signal {

enum class Apodization { none, exponential, gaussian, sine_bell, sine_bell_squared };

struct FidTransformOptions {
    Apodization apodization = Apodization::exponential;
    double line_broadening_hz = 0.3;  ///< exponential LB, or Gaussian width (Hz)
    double sine_shift_deg = 90.0;     ///< sine-bell shift (90 = cosine bell)
    int zero_fill_factor = 2;         ///< output points = next power of two >= factor * complex points
};

}  // namespace sidepeak::signal

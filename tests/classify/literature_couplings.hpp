#pragma once
// Coupling constants of the table reagents' analytic test spectra, from the literature only
// (Pretsch, Structure Determination of Organic Compounds, 4th ed. 2009, 1H coupling tables; SDBS).

namespace synth {

inline constexpr double kJ = 6.0;    ///< diazepane ring vicinal 3J_HH (Hz), Pretsch
inline constexpr double kJEt = 7.1;  ///< ethyl 3J_HH (Hz), Pretsch
inline constexpr double kJHF = 9.5;  ///< CF3-CH2 3J_HF (Hz), Pretsch / SDBS
inline constexpr double kJOE = 5.8;  ///< O-CH2-CH2-N 3J_HH (Hz), Pretsch

}  // namespace synth

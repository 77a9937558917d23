#pragma once
/// MS-Numpress: the three lossy compressions of mass spectrometry arrays used in mzML
/// (Teleman J., Dowsey A. W., Gonzalez-Galarza F. F., et al., "Numerical compression schemes for
/// proteomics mass spectrometry data", Mol. Cell. Proteomics 13(6):1537-1542, 2014).
///
/// - linear (MS:1002312): values scaled by a fixed point, stored as the residual of a linear
///   prediction from the two previous values; for m/z and retention time. Absolute error
///   <= 0.5 / fixed_point.
/// - pic (MS:1002313, positive integer compression): values rounded to integers; for ion counts.
///   Absolute error <= 0.5.
/// - slof (MS:1002314, short logged float): log(x + 1) scaled by a fixed point into 16 bits; for
///   intensities. Relative error of (x + 1) <= exp(0.5 / fixed_point) - 1.
///
/// Byte layout (from the specification): the fixed point is an 8-byte IEEE double stored
/// big-endian; linear stores the first two scaled values as 4-byte little-endian integers, then
/// each residual as a variable-length integer of half-bytes; slof stores 16-bit little-endian
/// integers. Decoders validate every length and throw sidepeak::Error on malformed input.
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace sidepeak::io::numpress {

/// The largest fixed point that keeps every linear-prediction residual of `data` in 32 bits.
double optimal_linear_fixed_point(std::span<const double> data);
/// The fixed point for which a prediction residual of `mass_accuracy` still rounds correctly
/// (as OpenMS's lossy_mass_accuracy); falls back to the optimal one when that would overflow.
double linear_fixed_point_for_accuracy(std::span<const double> data, double mass_accuracy);
std::vector<std::uint8_t> encode_linear(std::span<const double> data, double fixed_point);
std::vector<double> decode_linear(std::span<const std::uint8_t> bytes);
/// Decodes into `out` (resized); `max_values` bounds the output so garbage cannot allocate without end.
void decode_linear(std::span<const std::uint8_t> bytes, std::vector<double>& out, std::size_t max_values);

std::vector<std::uint8_t> encode_pic(std::span<const double> data);
std::vector<double> decode_pic(std::span<const std::uint8_t> bytes);
void decode_pic(std::span<const std::uint8_t> bytes, std::vector<double>& out, std::size_t max_values);

double optimal_slof_fixed_point(std::span<const double> data);
std::vector<std::uint8_t> encode_slof(std::span<const double> data, double fixed_point);
std::vector<double> decode_slof(std::span<const std::uint8_t> bytes);
void decode_slof(std::span<const std::uint8_t> bytes, std::vector<double>& out, std::size_t max_values);

}  // namespace sidepeak::io::numpress

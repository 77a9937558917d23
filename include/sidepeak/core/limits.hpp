#pragma once
/// Absolute limits on what one input may make the readers allocate, whatever sizes a file
/// declares (docs/reliability notes in docs/fuzzing.md).
#include <cstddef>

namespace sidepeak {

/// Default for max_array_bytes(): 512 MiB.
inline constexpr std::size_t kDefaultMaxArrayBytes = std::size_t{512} << 20;

/// Largest decoded data array accepted from one input, in bytes: one mzML/mzXML binary array after
/// decompression (counted as 8-byte values), a Bruker fid or 1r as doubles, a JCAMP-DX file's text.
/// A declared length beyond it is rejected before anything is allocated or decompressed. Set by the
/// environment variable SIDEPEAK_MAX_ARRAY_MB (whole MiB, 1 to 65536) when the process first asks;
/// otherwise kDefaultMaxArrayBytes.
std::size_t max_array_bytes() noexcept;

/// Largest ratio of zlib output to input (deflate cannot compress better than about 1032:1): a
/// declared length needing more output than this times the compressed bytes cannot be true.
inline constexpr std::size_t kMaxZlibRatio = 1032;

}  // namespace sidepeak

#pragma once
// How GoogleTest prints a DataFormat in a failure message: its enumerator number (the contract
// names are report/'s, which io tests do not link).
#include <ostream>

#include "sidepeak/core/data_format.hpp"

namespace sidepeak {

inline void PrintTo(DataFormat format, std::ostream* os) { *os << "DataFormat #" << static_cast<int>(format); }

}  // namespace sidepeak

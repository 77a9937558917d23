#include "sidepeak/version.hpp"

namespace sidepeak {
const char* version() noexcept { return "0.1.0"; }
}  // namespace sidepeak

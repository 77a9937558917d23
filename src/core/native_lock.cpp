#include "sidepeak/core/native_lock.hpp"

namespace sidepeak {

std::unique_lock<std::mutex> native_library_lock() {
    // The libraries' own state is process-wide, so their guard must be too.
    static std::mutex libraries;
    return std::unique_lock<std::mutex>(libraries);
}

}  // namespace sidepeak

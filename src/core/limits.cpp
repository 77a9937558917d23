#include "sidepeak/core/limits.hpp"

#include <charconv>
#include <cstdlib>
#include <string_view>

namespace sidepeak {
namespace {

std::size_t limit_from_environment() noexcept {
    const char* text = std::getenv("SIDEPEAK_MAX_ARRAY_MB");
    if (text == nullptr) return kDefaultMaxArrayBytes;
    const std::string_view s(text);
    unsigned long mb = 0;
    const auto res = std::from_chars(s.data(), s.data() + s.size(), mb);
    if (res.ec != std::errc{} || res.ptr != s.data() + s.size() || mb < 1 || mb > 65536) return kDefaultMaxArrayBytes;
    return static_cast<std::size_t>(mb) << 20;
}

}  // namespace

std::size_t max_array_bytes() noexcept {
    static const std::size_t limit = limit_from_environment();  // read once, never changed
    return limit;
}

}  // namespace sidepeak

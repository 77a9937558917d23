// The first-order name of a typed multiplicity, for reports and notes.
#include <algorithm>
#include <array>

#include "sidepeak/signal/nmr_types.hpp"

namespace sidepeak::signal {

std::string name(const Multiplicity& multiplicity) {
    if (!multiplicity.first_order) return "m";
    if (multiplicity.orders.empty()) return "s";
    // Indexed by spins (lines - 1); the table ends at the septet.
    static constexpr std::array<const char*, 7> names = {"s", "d", "t", "q", "quint", "sext", "sept"};
    std::string s;
    for (const int lines : multiplicity.orders) s += names[static_cast<std::size_t>(std::clamp(lines - 1, 0, 6))];
    return s;
}

}  // namespace sidepeak::signal

#include "unreadable.hpp"

#include <iostream>
#include <string>

#include "sidepeak/core/text.hpp"

namespace sidepeak::app {

std::size_t report_unreadable(const pipeline::StoredBatch& batch) {
    std::size_t bad = 0;
    for (const auto& s : batch.samples) {
        for (const auto& in : s.summary.inputs) {
            if (in.ok) continue;
            ++bad;
            std::cerr << "sidepeak: " << terminal_text(s.summary.id) << ": " << terminal_text(in.path.string()) << ": "
                      << terminal_text(in.error) << "\n";
        }
    }
    return bad;
}

}  // namespace sidepeak::app

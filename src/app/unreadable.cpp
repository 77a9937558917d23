#include "unreadable.hpp"

#include <iostream>
#include <string>

#include "sidepeak/core/text.hpp"

namespace sidepeak::app {

std::size_t report_unreadable(const pipeline::StoredBatch& batch) {
    std::size_t bad = 0;
    for (const auto& s : batch.samples) {
        const auto& entry = s.record["sample"];
        const std::string id = entry.value("id", "");
        for (const auto& in : entry["inputs"]) {
            if (in.value("status", "") == "ok") continue;
            ++bad;
            std::cerr << "sidepeak: " << terminal_text(id) << ": " << terminal_text(in.value("path", "")) << ": "
                      << terminal_text(in.value("error", "")) << "\n";
        }
    }
    return bad;
}

}  // namespace sidepeak::app

#include "ion_positions.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

namespace sidepeak::classify::detail {
namespace {

// The ion of `ions` (sorted by m/z) of charge `charge` nearest to `mz`, or nullptr.
const Ion* nearest_in(const std::vector<Ion>& ions, double mz, int charge) {
    const Ion* best = nullptr;
    auto consider = [&](const Ion& i) {
        if (charge != 0 && i.feature->charge != 0 && std::abs(i.feature->charge) != charge) return false;
        if (best == nullptr || std::abs(i.mz() - mz) < std::abs(best->mz() - mz)) best = &i;
        return true;
    };
    const auto at = std::lower_bound(ions.begin(), ions.end(), mz, [](const Ion& i, double v) { return i.mz() < v; });
    for (auto it = at; it != ions.end() && !consider(*it); ++it) {
    }
    for (auto it = at; it != ions.begin();) {
        if (consider(*--it)) break;
    }
    return best;
}

}  // namespace

bool outside_run(const IonTable& table, double mz) {
    const auto& ions = table.ions();
    if (ions.empty()) return false;
    auto count_in = [&](double lo, double hi) {
        return static_cast<std::size_t>(std::count_if(ions.begin(), ions.end(), [&](const Ion& i) {
            return i.mz() >= lo && i.mz() <= hi;
        }));
    };
    if (mz < table.min_mz()) return count_in(table.min_mz(), table.min_mz() + kScanEdgeDa) >= kScanEdgeIons;
    if (mz > table.max_mz()) return count_in(table.max_mz() - kScanEdgeDa, table.max_mz()) >= kScanEdgeIons;
    return false;
}

const Ion* nearest_ion(const IonTable& table, double mz, int charge) {
    const double at = table.corrected(mz);
    const Ion* a = nearest_in(table.ions(), at, charge);
    const Ion* b = nearest_in(table.targeted(), at, charge);
    if (a == nullptr) return b;
    if (b == nullptr) return a;
    return std::abs(b->mz() - at) < std::abs(a->mz() - at) ? b : a;
}

std::string position_text(const IonTable& table, const std::string& label, double mz, int charge) {
    const std::string where = label + " m/z " + fixed(mz, 4);
    if (outside_run(table, mz))
        return where + " beyond the run's scan limit (its ions span m/z " + fixed(table.min_mz(), 2) + "-" +
               fixed(table.max_mz(), 2) + ")";
    const auto hits = table.find(mz, false, charge);
    if (!hits.empty()) {
        const auto& f = *hits.front()->feature;
        return where + ": " + (f.targeted ? targeted_text(f) : "m/z " + fixed(f.mz, 4) + ", S/N " + fixed(f.snr, 1)) +
               " at RT " + fixed(f.rt_s, 0) + " s";
    }
    std::string s = where + ": no ion within " + fixed(table.theory_tolerance(mz) / mz * 1e6, 1) + " ppm";
    if (const Ion* n = nearest_ion(table, mz, charge)) {
        const double ppm = (n->mz() - table.corrected(mz)) / mz * 1e6;
        s += " (nearest m/z " + fixed(n->mz(), 4) + ", " + (ppm > 0 ? "+" : "") + fixed(ppm, 1) + " ppm, RT " +
             fixed(n->rt(), 0) + " s)";
    }
    return s;
}

}  // namespace sidepeak::classify::detail

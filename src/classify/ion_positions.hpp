#pragma once
// What a run holds at a predicted ion, so that a negative LC-MS finding names the positions it
// read and its near misses with their figures: the position beyond the run's scan limit, no ion
// within the tolerance (with the nearest ion and its offset in ppm), or the ion seen (RT, S/N).
#include <cstddef>
#include <string>

#include "ms_ions.hpp"

namespace sidepeak::classify::detail {

/// A scan window cuts a dense ion population abruptly: at least this many ions within
/// kScanEdgeDa of the lowest (highest) ion mark that end of the run's ions as the scan limit
/// (BSA1_F1, scanned from m/z 300, holds 24 untargeted ions in 300.17-310.17). A run whose chemistry simply
/// ends there thins out instead (a sparse run of a few species and their adducts never does).
inline constexpr std::size_t kScanEdgeIons = 10;
inline constexpr double kScanEdgeDa = 10.0;

/// Whether the theoretical m/z `mz` lies beyond a scan limit of the run (below its lowest ion or
/// above its highest, at an end that is a scan limit as above): the run cannot show the ion, so
/// its absence is no evidence.
[[nodiscard]] bool outside_run(const IonTable& table, double mz);

/// The ion (untargeted or targeted) nearest to the theoretical m/z `mz` as the run measures it
/// (IonTable::corrected), of charge `charge` (0: any); nullptr when the table holds none.
[[nodiscard]] const Ion* nearest_ion(const IonTable& table, double mz, int charge = 0);

/// "<label> m/z 281.2012 beyond the run's scan limit (its ions span m/z 300.17-798.32)",
/// "<label> m/z 371.2482: no ion within 3.6 ppm (nearest m/z 371.2276, -55.5 ppm, RT 1978 s)" or
/// "<label> m/z 371.2482: m/z 371.2491 at RT 498 s, S/N 15.5" (the strongest ion at the position;
/// a targeted one says so, targeted_text).
[[nodiscard]] std::string position_text(const IonTable& table, const std::string& label, double mz, int charge = 0);

}  // namespace sidepeak::classify::detail

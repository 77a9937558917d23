#pragma once
// Gives the pages of freed heap memory back to the system (glibc malloc_trim; elsewhere nothing).
// A streamed LC-MS run frees hundreds of megabytes at a time (the centroid store's bins and the
// MS2 fragment lists when they are spilled, a slab's peak map once detected) between allocations
// that live on (MS2 scan metadata, candidates): glibc keeps such holes in its arenas, resident,
// and a 5 GB run held about 360 MB of them (malloc_stats during `analyze`: 993 MB taken from the
// system, 633 MB in use). Private to the LC-MS streaming code.
namespace sidepeak::signal::detail {

/// Returns the free pages of every malloc arena to the system (madvise), keeping the allocations
/// in use where they are. Safe from any thread; costs a walk of the free lists and the page
/// faults of touching the pages again.
void release_free_heap() noexcept;

}  // namespace sidepeak::signal::detail

#include "heap_release.hpp"

#include <cstdlib>  // defines __GLIBC__ on glibc

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace sidepeak::signal::detail {

void release_free_heap() noexcept {
#if defined(__GLIBC__)
    // pad 0: keep nothing spare at the top of the main heap.
    malloc_trim(0);
#endif
}

}  // namespace sidepeak::signal::detail

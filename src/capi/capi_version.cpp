// Version queries of the C ABI.
#include "sidepeak/sidepeak.h"
#include "sidepeak/version.hpp"

extern "C" {
const char* sidepeak_version(void) { return sidepeak::version(); }
int sidepeak_abi_version(void) { return 1; }
}

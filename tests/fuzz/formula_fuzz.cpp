// Fuzz target: the molecular-formula parser (elements, nested groups with multipliers, charges).
// A parsed formula must print in Hill order to text that parses back to the same formula.
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "fuzz_support.hpp"
#include "sidepeak/chem/formula.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace sidepeak;
    if (size > 4096) return 0;  // formulas are short; long inputs only slow the search down
    return fuzz::run_guarded([&] {
        const chem::Formula formula(fuzz::as_text(data, size));
        const std::string printed = formula.to_string();
        if (formula.has_negative() || formula.empty()) return;
        const chem::Formula again(printed);
        if (!(again == formula)) {
            std::fprintf(stderr, "formula round trip: '%s' printed as '%s' parses differently\n",
                         std::string(fuzz::as_text(data, size)).c_str(), printed.c_str());
            std::abort();
        }
        const double mono = formula.monoisotopic_mass();
        const double avg = formula.average_mass();
        if (!std::isfinite(mono) || !std::isfinite(avg)) {
            std::fprintf(stderr, "formula '%s': non-finite mass\n", printed.c_str());
            std::abort();
        }
        (void)formula.nominal_mass();
        (void)formula.double_bond_equivalents();
        if (formula.charge() != 0) (void)formula.mz();
    });
}

#include "isotope_sim.hpp"

#include <algorithm>
#include <array>
#include <cstdlib>
#include <string_view>

#include "sidepeak/core/error.hpp"

namespace sidepeak::spikein {
namespace {

struct Isotope {
    int shift;  // nominal mass number minus that of the lightest isotope
    double mass;
    double abundance;
};

struct ElementIsotopes {
    std::string_view symbol;
    std::array<Isotope, 4> isotopes;
    int count;
};

// Representative isotopic compositions: CIAAW, "Isotopic compositions of the elements 2013",
// Meija et al., Pure Appl. Chem. 2016, 88, 293-306 (table 1). Atomic masses: AME2016, Wang et al.,
// Chinese Phys. C 2017, 41, 030003. The lightest isotope is the most abundant for every element
// listed, so shift 0 is the monoisotopic one.
constexpr std::array<ElementIsotopes, 15> kTable{{
    {"H", {{{0, 1.00782503223, 0.999885}, {1, 2.01410177812, 0.000115}}}, 2},
    {"D", {{{0, 2.01410177812, 1.0}}}, 1},
    {"C", {{{0, 12.0, 0.9893}, {1, 13.00335483507, 0.0107}}}, 2},
    {"N", {{{0, 14.00307400443, 0.99636}, {1, 15.00010889888, 0.00364}}}, 2},
    {"O", {{{0, 15.99491461957, 0.99757}, {1, 16.99913175650, 0.00038}, {2, 17.99915961286, 0.00205}}}, 3},
    {"F", {{{0, 18.99840316273, 1.0}}}, 1},
    {"Na", {{{0, 22.9897692820, 1.0}}}, 1},
    {"Si", {{{0, 27.97692653465, 0.92223}, {1, 28.97649466490, 0.04685}, {2, 29.973770136, 0.03092}}}, 3},
    {"P", {{{0, 30.97376199842, 1.0}}}, 1},
    {"S",
     {{{0, 31.9720711744, 0.9499}, {1, 32.9714589098, 0.0075}, {2, 33.967867004, 0.0425}, {4, 35.96708071, 0.0001}}},
     4},
    {"Cl", {{{0, 34.968852682, 0.7576}, {2, 36.965902602, 0.2424}}}, 2},
    {"K", {{{0, 38.9637064864, 0.932581}, {1, 39.963998166, 0.000117}, {2, 40.9618252579, 0.067302}}}, 3},
    {"Br", {{{0, 78.9183376, 0.5069}, {2, 80.9162897, 0.4931}}}, 2},
    {"I", {{{0, 126.9044719, 1.0}}}, 1},
    {"B", {{{0, 10.0129369, 0.199}, {1, 11.0093052, 0.801}}}, 2},
}};
constexpr double kElectron = 0.000548579909;
// Aggregates far below the final threshold are dropped while convolving (keeps it fast) without
// changing what survives the final prune.
constexpr double kWorkingPrune = 1e-9;

// Distribution indexed by nominal shift: probability and probability-weighted mass.
struct Dist {
    std::vector<double> p;
    std::vector<double> pm;
};

Dist convolve(const Dist& a, const Dist& b) {
    Dist out;
    out.p.assign(a.p.size() + b.p.size() - 1, 0.0);
    out.pm.assign(out.p.size(), 0.0);
    for (std::size_t i = 0; i < a.p.size(); ++i) {
        if (a.p[i] == 0.0) continue;
        const double ma = a.pm[i] / a.p[i];
        for (std::size_t j = 0; j < b.p.size(); ++j) {
            if (b.p[j] == 0.0) continue;
            const double p = a.p[i] * b.p[j];
            out.p[i + j] += p;
            out.pm[i + j] += p * (ma + b.pm[j] / b.p[j]);
        }
    }
    const double top = *std::max_element(out.p.begin(), out.p.end());
    for (std::size_t k = 0; k < out.p.size(); ++k) {
        if (out.p[k] < kWorkingPrune * top) out.p[k] = out.pm[k] = 0.0;
    }
    while (out.p.size() > 1 && out.p.back() == 0.0) {
        out.p.pop_back();
        out.pm.pop_back();
    }
    return out;
}

// n-fold self convolution by repeated squaring.
Dist power(Dist base, int n) {
    Dist result{{1.0}, {0.0}};
    while (n > 0) {
        if (n & 1) result = convolve(result, base);
        n >>= 1;
        if (n > 0) base = convolve(base, base);
    }
    return result;
}

}  // namespace

std::vector<IsotopeLine> isotope_pattern(const chem::Formula& formula, double prune) {
    Dist total{{1.0}, {0.0}};
    for (const auto& [symbol, n] : formula.elements()) {
        if (n == 0) continue;
        if (n < 0) throw UsageError("isotope pattern: negative count of " + symbol + " in " + formula.to_string());
        const auto it = std::find_if(kTable.begin(), kTable.end(), [&](const ElementIsotopes& e) { return e.symbol == symbol; });
        if (it == kTable.end()) throw UsageError("isotope pattern: no isotope table for element " + symbol);
        Dist element;
        for (int k = 0; k < it->count; ++k) {
            const Isotope& iso = it->isotopes[static_cast<std::size_t>(k)];
            const auto s = static_cast<std::size_t>(iso.shift);
            if (element.p.size() <= s) {
                element.p.resize(s + 1, 0.0);
                element.pm.resize(s + 1, 0.0);
            }
            element.p[s] += iso.abundance;
            element.pm[s] += iso.abundance * iso.mass;
        }
        total = convolve(total, power(std::move(element), n));
    }
    const double electrons = kElectron * formula.charge();
    const double top = *std::max_element(total.p.begin(), total.p.end());
    std::vector<IsotopeLine> lines;
    for (std::size_t k = 0; k < total.p.size(); ++k) {
        if (total.p[k] <= 0.0 || total.p[k] < prune * top) continue;
        lines.push_back({static_cast<int>(k), total.pm[k] / total.p[k] - electrons, total.p[k] / top});
    }
    return lines;
}

}  // namespace sidepeak::spikein

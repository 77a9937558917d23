#pragma once
/// Physical constants and element data (isotope masses and abundances) used by every mass
/// calculation in sidepeak. This is the only place such numbers live.
///
/// Isotope masses and representative isotopic compositions: NIST "Atomic Weights and Isotopic
/// Compositions" (Coursey, Schwab, Tsai, Dragoset; values as used by IUPAC 2009/2011 tables).
/// Average (standard) atomic masses are computed from these compositions.
#include <array>
#include <span>
#include <string_view>

namespace sidepeak::chem {

inline constexpr double kProtonMass = 1.00727646688;    ///< Da (CODATA 2010)
inline constexpr double kElectronMass = 0.00054858;      ///< Da
inline constexpr double kC13Shift = 1.0033548378;        ///< 13C - 12C, Da (the M+1 spacing)

// Monoisotopic atomic masses (Da) of the elements the adduct and increment tables use.
inline constexpr double kMassH = 1.00782503207;
inline constexpr double kMassC = 12.0;
inline constexpr double kMassN = 14.0030740048;
inline constexpr double kMassO = 15.99491461956;
inline constexpr double kMassF = 18.99840322;
inline constexpr double kMassNa = 22.9897692809;
inline constexpr double kMassSi = 27.9769265325;
inline constexpr double kMassP = 30.97376163;
inline constexpr double kMassS = 31.97207100;
inline constexpr double kMassCl = 34.96885268;
inline constexpr double kMassK = 38.96370668;
inline constexpr double kMassBr = 78.9183371;
inline constexpr double kMassI = 126.904473;

/// One stable isotope: mass number, exact mass (Da) and natural abundance (mole fraction).
struct Isotope {
    int mass_number = 0;
    double mass = 0.0;
    double abundance = 0.0;
};

/// One element: symbol, atomic number and its stable isotopes (lightest first). The
/// monoisotopic isotope is the most abundant one (for all elements listed here except B, Li and
/// Fe this is also the lightest).
struct Element {
    std::string_view symbol;
    int atomic_number = 0;
    std::span<const Isotope> isotopes;
};

namespace detail {
inline constexpr std::array<Isotope, 2> kIsoH{{{1, kMassH, 0.999885}, {2, 2.0141017778, 0.000115}}};
inline constexpr std::array<Isotope, 1> kIsoD{{{2, 2.0141017778, 1.0}}};  // deuterium as a pseudo-element "D"
inline constexpr std::array<Isotope, 2> kIsoLi{{{6, 6.015122795, 0.0759}, {7, 7.01600455, 0.9241}}};
inline constexpr std::array<Isotope, 2> kIsoB{{{10, 10.0129370, 0.199}, {11, 11.0093054, 0.801}}};
inline constexpr std::array<Isotope, 2> kIsoC{{{12, kMassC, 0.9893}, {13, 13.0033548378, 0.0107}}};
inline constexpr std::array<Isotope, 2> kIsoN{{{14, kMassN, 0.99636}, {15, 15.0001088982, 0.00364}}};
inline constexpr std::array<Isotope, 3> kIsoO{
    {{16, kMassO, 0.99757}, {17, 16.99913170, 0.00038}, {18, 17.9991610, 0.00205}}};
inline constexpr std::array<Isotope, 1> kIsoF{{{19, kMassF, 1.0}}};
inline constexpr std::array<Isotope, 1> kIsoNa{{{23, kMassNa, 1.0}}};
inline constexpr std::array<Isotope, 3> kIsoMg{
    {{24, 23.985041700, 0.7899}, {25, 24.98583692, 0.1000}, {26, 25.982592929, 0.1101}}};
inline constexpr std::array<Isotope, 3> kIsoSi{
    {{28, kMassSi, 0.92223}, {29, 28.976494700, 0.04685}, {30, 29.97377017, 0.03092}}};
inline constexpr std::array<Isotope, 1> kIsoP{{{31, kMassP, 1.0}}};
inline constexpr std::array<Isotope, 4> kIsoS{
    {{32, kMassS, 0.9499}, {33, 32.97145876, 0.0075}, {34, 33.96786690, 0.0425}, {36, 35.96708076, 0.0001}}};
inline constexpr std::array<Isotope, 2> kIsoCl{{{35, kMassCl, 0.7576}, {37, 36.96590259, 0.2424}}};
inline constexpr std::array<Isotope, 3> kIsoK{
    {{39, kMassK, 0.932581}, {40, 39.96399848, 0.000117}, {41, 40.96182576, 0.067302}}};
inline constexpr std::array<Isotope, 6> kIsoCa{{{40, 39.96259098, 0.96941},
                                               {42, 41.95861801, 0.00647},
                                               {43, 42.9587666, 0.00135},
                                               {44, 43.9554818, 0.02086},
                                               {46, 45.9536926, 0.00004},
                                               {48, 47.952534, 0.00187}}};
inline constexpr std::array<Isotope, 4> kIsoFe{
    {{54, 53.9396105, 0.05845}, {56, 55.9349375, 0.91754}, {57, 56.9353940, 0.02119}, {58, 57.9332756, 0.00282}}};
inline constexpr std::array<Isotope, 2> kIsoCu{{{63, 62.9295975, 0.6915}, {65, 64.9277895, 0.3085}}};
inline constexpr std::array<Isotope, 2> kIsoBr{{{79, kMassBr, 0.5069}, {81, 80.9162906, 0.4931}}};
inline constexpr std::array<Isotope, 1> kIsoI{{{127, kMassI, 1.0}}};
}  // namespace detail

/// The element table (symbols are case-sensitive, as written in formulas).
inline constexpr std::array<Element, 20> kElements{{
    {"H", 1, detail::kIsoH},   {"D", 1, detail::kIsoD},   {"Li", 3, detail::kIsoLi}, {"B", 5, detail::kIsoB},
    {"C", 6, detail::kIsoC},   {"N", 7, detail::kIsoN},   {"O", 8, detail::kIsoO},   {"F", 9, detail::kIsoF},
    {"Na", 11, detail::kIsoNa}, {"Mg", 12, detail::kIsoMg}, {"Si", 14, detail::kIsoSi}, {"P", 15, detail::kIsoP},
    {"S", 16, detail::kIsoS},  {"Cl", 17, detail::kIsoCl}, {"K", 19, detail::kIsoK},  {"Ca", 20, detail::kIsoCa},
    {"Fe", 26, detail::kIsoFe}, {"Cu", 29, detail::kIsoCu}, {"Br", 35, detail::kIsoBr}, {"I", 53, detail::kIsoI},
}};

/// The element with this symbol, or nullptr.
constexpr const Element* find_element(std::string_view symbol) noexcept {
    for (const auto& e : kElements) {
        if (e.symbol == symbol) return &e;
    }
    return nullptr;
}

/// The most abundant isotope of an element (its monoisotopic isotope).
constexpr const Isotope& monoisotope(const Element& e) noexcept {
    const Isotope* best = &e.isotopes.front();
    for (const auto& iso : e.isotopes) {
        if (iso.abundance > best->abundance) best = &iso;
    }
    return *best;
}

/// Standard atomic weight computed from the isotopic composition (Da).
constexpr double average_mass(const Element& e) noexcept {
    double m = 0.0, a = 0.0;
    for (const auto& iso : e.isotopes) {
        m += iso.mass * iso.abundance;
        a += iso.abundance;
    }
    return a > 0.0 ? m / a : 0.0;
}

}  // namespace sidepeak::chem

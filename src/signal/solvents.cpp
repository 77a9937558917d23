// Residual solvent shifts (1H residual protio signal, 13C solvent carbon), from Fulmer G. R. et al.,
// "NMR Chemical Shifts of Trace Impurities: Common Laboratory Solvents, Organics, and Gases in
// Deuterated Solvents Relevant to the Organometallic Chemist", Organometallics 29 (2010)
// 2176-2179 (which extends Gottlieb, Kotlyar, Nudelman, J. Org. Chem. 62 (1997) 7512-7515).
// D2O: HDO at 25 C (4.79); the HDO shift depends on temperature, so aqueous samples prefer DSS/TSP.
// 1J(13C,1H) of the residual (the protio solvent's, which deuteration moves by < 1 Hz): chloroform
// 209, DMSO 138, methanol 141, acetone 127, acetonitrile 136, benzene 158 Hz (Pretsch, Structure
// Determination of Organic Compounds, 13C-1H coupling constants). Residual line shapes: CHCl3 a
// singlet; CHD2 residuals 1:2:3:2:1 quintets, J_HD = J_HH x gamma_D / gamma_H (0.1535): DMSO-d5
// 1.9, CHD2OD 1.7, acetone-d5 2.2, CHD2CN 2.5 Hz (Cambridge Isotope Laboratories, NMR Solvent Data
// Chart; Gottlieb et al. 1997, Table 1, multiplicities).
// Water lines and contaminant singlets: Fulmer 2010 Table 1 ("H2O" row and the CH2Cl2, acetone,
// ethyl acetate and grease rows) for the solvents the by-product detectors look at.
#include "sidepeak/signal/solvents.hpp"

#include <algorithm>
#include <array>
#include <cctype>

namespace sidepeak::signal {
namespace {

// Contaminant singlets per solvent (Fulmer 2010, Table 1).
constexpr std::array<TraceSignal, 5> kCdcl3Contaminants{{
    {"CH2Cl2", 5.30},
    {"acetone", 2.17},
    {"grease / ethyl acetate CH3", 1.26},
    {"ethyl acetate CH3CO", 2.05},
    {"silicone grease", 0.07},
}};
constexpr std::array<TraceSignal, 1> kDmsoContaminants{{{"CH2Cl2", 5.76}}};
constexpr std::array<TraceSignal, 1> kCd3odContaminants{{{"CH2Cl2", 5.49}}};
constexpr std::array<TraceSignal, 1> kAcetoneContaminants{{{"CH2Cl2", 5.63}}};
constexpr std::array<TraceSignal, 1> kC6d6Contaminants{{{"CH2Cl2", 4.27}}};
constexpr std::array<TraceSignal, 1> kCd3cnContaminants{{{"CH2Cl2", 5.44}}};

// Impurity singlets between 1.5 and 4.8 ppm (Fulmer 2010, Table 1), for the solvents the amine
// detectors read most.
constexpr std::array<double, 10> kCdcl3AmineRegionSinglets{2.17, 2.10, 3.73, 2.96, 2.88, 3.71, 3.49, 2.36, 2.62, 1.56};
constexpr std::array<double, 10> kDmsoAmineRegionSinglets{2.09, 2.07, 3.90, 2.89, 2.73, 3.57, 3.16, 2.30, 3.33, 2.50};
constexpr std::array<double, 9> kCd3odAmineRegionSinglets{2.15, 2.03, 2.99, 2.86, 3.66, 3.34, 2.32, 2.65, 3.31};
constexpr std::array<double, 8> kD2oAmineRegionSinglets{2.22, 2.06, 3.01, 2.85, 3.75, 3.34, 2.71, 4.79};

constexpr std::array<SolventSignal, 14> kSolvents{{
    {"CDCl3", "CHCl3", 7.26, 77.16, false, 1.56, kCdcl3Contaminants, kCdcl3AmineRegionSinglets, 209.0, true},
    {"DMSO-d6", "DMSO-d5", 2.50, 39.52, false, 3.33, kDmsoContaminants, kDmsoAmineRegionSinglets, 138.0, false, 1.9},
    {"CD3OD", "CHD2OD", 3.31, 49.00, false, 4.87, kCd3odContaminants, kCd3odAmineRegionSinglets, 141.0, false, 1.7},
    {"D2O", "HDO", 4.79, 0.0, true, 4.79, {}, kD2oAmineRegionSinglets},
    {"acetone-d6", "acetone-d5", 2.05, 29.84, false, 2.84, kAcetoneContaminants, {}, 127.0, false, 2.2},
    {"C6D6", "C6D5H", 7.16, 128.06, false, 0.40, kC6d6Contaminants, {}, 158.0},
    {"CD2Cl2", "CHDCl2", 5.32, 53.84, false},
    {"CD3CN", "CHD2CN", 1.94, 1.32, false, 2.13, kCd3cnContaminants, {}, 136.0, false, 2.5},
    {"THF-d8", "THF-d7", 3.58, 67.21, false},
    {"toluene-d8", "toluene-d7", 2.08, 20.43, false},
    {"pyridine-d5", "pyridine-d4", 8.74, 150.35, false},
    {"TFE-d3", "TFE-d2", 3.88, 61.50, false},
    {"C6D5Cl", "C6D4HCl", 7.14, 134.19, false},
    {"CD3NO2", "CHD2NO2", 4.33, 62.50, false},
}};

/// Lower-case alphanumerics only: "<DMSO-d6>" -> "dmsod6", "H2O+D2O" -> "h2od2o".
std::string squash(std::string_view name) {
    std::string s;
    for (const char c : name)
        if (std::isalnum(static_cast<unsigned char>(c))) s.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    return s;
}

struct Alias {
    std::string_view squashed;
    std::string_view name;
};

// Spellings seen in Bruker SOLVENT, JCAMP .SOLVENT NAME, Varian solvent and nmrML files.
constexpr std::array<Alias, 44> kAliases{{
    {"cdcl3", "CDCl3"},        {"chloroformd", "CDCl3"},     {"chloroform", "CDCl3"},
    {"dmso", "DMSO-d6"},       {"dmsod6", "DMSO-d6"},        {"d6dmso", "DMSO-d6"},
    {"dmsod", "DMSO-d6"},      {"dimethylsulfoxided6", "DMSO-d6"},
    {"cd3od", "CD3OD"},        {"meod", "CD3OD"},            {"methanold4", "CD3OD"},
    {"methanol", "CD3OD"},     {"cd3odd4", "CD3OD"},         {"d4methanol", "CD3OD"},
    {"d2o", "D2O"},            {"h2od2o", "D2O"},            {"d2oh2o", "D2O"},
    {"h2o", "D2O"},            {"90h2o10d2o", "D2O"},        {"h2o10d2o", "D2O"},
    {"h2o5d2o", "D2O"},        {"95h2o5d2o", "D2O"},         {"water", "D2O"},
    {"acetone", "acetone-d6"}, {"acetoned6", "acetone-d6"},  {"d6acetone", "acetone-d6"},
    {"c6d6", "C6D6"},          {"benzened6", "C6D6"},        {"benzene", "C6D6"},
    {"cd2cl2", "CD2Cl2"},      {"dichloromethaned2", "CD2Cl2"},
    {"cd3cn", "CD3CN"},        {"acetonitriled3", "CD3CN"},  {"acn", "CD3CN"},
    {"thf", "THF-d8"},         {"thfd8", "THF-d8"},
    {"toluene", "toluene-d8"}, {"toluened8", "toluene-d8"},  {"tol", "toluene-d8"},
    {"pyridine", "pyridine-d5"}, {"pyridined5", "pyridine-d5"}, {"c5d5n", "pyridine-d5"},
    {"tfe", "TFE-d3"},         {"c6d5cl", "C6D5Cl"},
}};

}  // namespace

std::span<const SolventSignal> solvent_table() noexcept { return kSolvents; }

std::string normalise_solvent(std::string_view name) {
    const std::string s = squash(name);
    if (s.empty()) return {};
    for (const auto& a : kAliases)
        if (a.squashed == s) return std::string(a.name);
    for (const auto& entry : kSolvents)
        if (squash(entry.name) == s) return std::string(entry.name);
    // Mixtures such as "H2O+D2O 9:1" or "D2O + 10% H2O": any name that mentions D2O is aqueous.
    if (s.find("d2o") != std::string::npos) return "D2O";
    return {};
}

std::optional<SolventSignal> find_solvent(std::string_view name) {
    const std::string key = normalise_solvent(name);
    if (key.empty()) return std::nullopt;
    const auto it = std::find_if(kSolvents.begin(), kSolvents.end(), [&](const SolventSignal& s) { return s.name == key; });
    if (it == kSolvents.end()) return std::nullopt;
    return *it;
}

}  // namespace sidepeak::signal

#pragma once
/// Residual solvent and internal-standard signals used for referencing (1H and 13C).
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace sidepeak::signal {

/// A 1H singlet of a trace impurity in a given solvent (a work-up contaminant such as CH2Cl2,
/// acetone, ethyl acetate or grease).
struct TraceSignal {
    std::string_view compound;  ///< e.g. "CH2Cl2", "ethyl acetate CH3CO", "silicone grease"
    double ppm_1h = 0.0;
};

/// One deuterated solvent: its normalised name, the residual protio signal and its 1H shift (ppm),
/// the 13C shift of the solvent carbon (0 when it has none), and, where tabulated, the water line
/// and the singlets of the common contaminants in that solvent. Values as tabulated by
/// Fulmer et al., Organometallics 29 (2010) 2176-2179 (with Gottlieb, Kotlyar, Nudelman,
/// J. Org. Chem. 62 (1997) 7512-7515).
struct SolventSignal {
    std::string_view name;     ///< normalised name, e.g. "CDCl3", "DMSO-d6"
    std::string_view signal;   ///< residual signal name, e.g. "CHCl3", "DMSO-d5", "HDO"
    double ppm_1h = 0.0;       ///< residual 1H signal (multiplet centre)
    double ppm_13c = 0.0;      ///< solvent 13C signal (multiplet centre), 0 if none
    bool aqueous = false;      ///< internal standard is DSS/TSP rather than TMS
    /// Water (H2O/HOD) 1H shift in this solvent; nullopt where not tabulated here. For D2O it
    /// equals the residual HDO line.
    std::optional<double> water_1h = std::nullopt;
    /// Common contaminant singlets in this solvent (empty where not tabulated here).
    std::span<const TraceSignal> contaminants = {};
    /// 1H singlets of common laboratory impurities between 1.5 and 4.8 ppm, where the amine
    /// lines lie (Fulmer 2010, Table 1: acetone, acetonitrile, DMF, DMSO, MeOH, water, ...); empty
    /// where not tabulated here (the detectors then use CDCl3's).
    std::span<const double> amine_region_singlets = {};
    /// One-bond 13C-1H coupling of the residual (Hz): its 13C satellites (0.55 % each) lie
    /// +-1J/2 from it; 0 where not tabulated here.
    double residual_1j_ch_hz = 0.0;
    /// The residual's 1H line shape: a singlet (CHCl3), or the 1:2:3:2:1 quintet of a CHD2 group
    /// with this J_HD (Hz); neither where not tabulated here.
    bool residual_singlet = false;
    double residual_quintet_j_hz = 0.0;
};

/// The constant table of supported solvents.
std::span<const SolventSignal> solvent_table() noexcept;

/// Normalises a solvent name as written by instruments: case-insensitive, strips <>, spaces,
/// "-d6"-style suffixes are optional ("DMSO", "dmso-d6", "<DMSO>" -> "DMSO-d6"; "CDCL3" -> "CDCl3";
/// "H2O+D2O", "H2O/D2O", "90%H2O" -> "D2O"; "MeOD", "CD3OD", "Methanol-d4" -> "CD3OD").
/// Returns an empty string when the name is not recognised.
std::string normalise_solvent(std::string_view name);

/// Table entry for a solvent name (normalised first), or nullopt.
std::optional<SolventSignal> find_solvent(std::string_view name);

}  // namespace sidepeak::signal

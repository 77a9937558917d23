#pragma once
/// Value types for LC-MS data: spectra, chromatograms and whole runs.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "sidepeak/core/data_format.hpp"

namespace sidepeak {

enum class Polarity : std::uint8_t { unknown, positive, negative };
enum class SpectrumMode : std::uint8_t { unknown, profile, centroid };

/// How an MSn precursor was fragmented (PSI-MS "dissociation method", MS:1000044, and its children).
enum class Activation : std::uint8_t {
    unknown,
    cid,               ///< collision-induced dissociation, trap-type or unspecified (MS:1000133, MS:1002472)
    hcd,               ///< beam-type CID / higher-energy collisional dissociation (MS:1000422, MS:1002481)
    in_source_cid,     ///< in-source collision-induced dissociation (MS:1001880)
    etd,               ///< electron transfer dissociation (MS:1000598)
    ethcd,             ///< ETD with supplemental beam-type activation (MS:1002631, or ETD + MS:1002678)
    ecd,               ///< electron capture dissociation (MS:1000250)
    irmpd,             ///< infrared multiphoton dissociation (MS:1000262)
    pqd,               ///< pulsed q dissociation (MS:1000599)
    photodissociation, ///< photodissociation incl. UVPD (MS:1000435, MS:1003246)
    sid,               ///< surface-induced dissociation (MS:1000136)
    other,             ///< named by the file but none of the above
};
/// "CID", "HCD", "in-source CID", "ETD", "EThcD", "ECD", "IRMPD", "PQD", "PD", "SID", "other", "unknown".
constexpr const char* activation_name(Activation a) noexcept {
    switch (a) {
        case Activation::cid: return "CID";
        case Activation::hcd: return "HCD";
        case Activation::in_source_cid: return "in-source CID";
        case Activation::etd: return "ETD";
        case Activation::ethcd: return "EThcD";
        case Activation::ecd: return "ECD";
        case Activation::irmpd: return "IRMPD";
        case Activation::pqd: return "PQD";
        case Activation::photodissociation: return "PD";
        case Activation::sid: return "SID";
        case Activation::other: return "other";
        case Activation::unknown: break;
    }
    return "unknown";
}

/// Unit of a collision energy: electronvolts (MS:1000045 with UO:0000266, mzXML collisionEnergy)
/// or a normalized collision energy in percent (MS:1000138; Thermo "@hcd35.00" filter strings).
enum class EnergyUnit : std::uint8_t { unknown, electronvolt, percent };

/// One mass spectrum. m/z ascending; intensities in instrument counts.
struct MsSpectrum {
    std::string id;               ///< native id, e.g. "controllerType=0 controllerNumber=1 scan=12"
    std::size_t index = 0;        ///< position in the run (0-based)
    int ms_level = 1;
    double rt_s = 0.0;            ///< retention time in seconds
    Polarity polarity = Polarity::unknown;
    SpectrumMode mode = SpectrumMode::unknown;
    double scan_low_mz = 0.0;     ///< scan window, 0 when unknown
    double scan_high_mz = 0.0;
    // MSn precursor (all zero / empty / unknown for MS1 and when the file does not say).
    double precursor_mz = 0.0;    ///< selected ion m/z, else the isolation window target; 0 for MS1
    int precursor_charge = 0;     ///< 0 when unknown
    double precursor_intensity = 0.0;     ///< intensity of the selected ion in its survey scan, 0 when unknown
    std::string precursor_scan;   ///< id of the spectrum the precursor was selected from ("" when unknown)
    double isolation_target_mz = 0.0;     ///< isolation window target m/z (MS:1000827), 0 when unknown
    double isolation_lower_offset = 0.0;  ///< isolation window lower offset (MS:1000828), m/z below the target
    double isolation_upper_offset = 0.0;  ///< isolation window upper offset (MS:1000829), m/z above the target
    double collision_energy = 0.0;        ///< 0 when unknown; unit in collision_energy_unit
    EnergyUnit collision_energy_unit = EnergyUnit::unknown;
    Activation activation = Activation::unknown;
    std::vector<double> mz;
    std::vector<double> intensity;
};

/// A chromatogram stored in the file (TIC, SRM transition, ...) or computed from a run.
/// What a chromatogram traces (the mzML chromatogram-type term it is written with).
enum class ChromatogramKind {
    other,  ///< MS:1000626 chromatogram type (unspecified)
    tic,    ///< MS:1000235 total ion current chromatogram
    bpc,    ///< MS:1000628 basepeak chromatogram
    srm,    ///< MS:1001473 selected reaction monitoring chromatogram
    xic,    ///< MS:1000627 selected ion current chromatogram
};

struct Chromatogram {
    std::string id;
    ChromatogramKind kind = ChromatogramKind::other;
    double precursor_mz = 0.0;   ///< for SRM/XIC
    double product_mz = 0.0;
    std::vector<double> time_s;
    std::vector<double> intensity;
};

/// Run-level metadata that a reader can give without decoding the arrays.
struct MsRunInfo {
    DataFormat format = DataFormat::unknown;  ///< as read: mzml, mzxml, mzmlb, andi_netcdf
    std::string instrument;
    std::string compression;     ///< e.g. "none", "zlib", "numpress-linear+zlib", "mixed"
    std::size_t declared_spectra = 0;
    /// Problems the reader worked around (a stale index, a wrong declared count, ...); a reader
    /// may add to it while streaming.
    std::vector<std::string> warnings;
};

/// A whole run loaded in memory, for analysis.
struct MsRun {
    MsRunInfo info;
    std::vector<MsSpectrum> spectra;
    std::vector<Chromatogram> chromatograms;
};

}  // namespace sidepeak

#pragma once
/// Value types for LC-MS data: spectra, chromatograms and whole runs.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace sidepeak {

enum class Polarity : std::uint8_t { unknown, positive, negative };
enum class SpectrumMode : std::uint8_t { unknown, profile, centroid };

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
    double precursor_mz = 0.0;    ///< MSn precursor, 0 for MS1
    int precursor_charge = 0;
    std::vector<double> mz;
    std::vector<double> intensity;
};

/// A chromatogram stored in the file (TIC, SRM transition, ...) or computed from a run.
struct Chromatogram {
    std::string id;
    std::string kind;            ///< "tic", "bpc", "srm", "xic", "other"
    double precursor_mz = 0.0;   ///< for SRM/XIC
    double product_mz = 0.0;
    std::vector<double> time_s;
    std::vector<double> intensity;
};

/// Run-level metadata that a reader can give without decoding the arrays.
struct MsRunInfo {
    std::string format;          ///< "mzml", "mzxml", "mzmlb", "andi-netcdf"
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

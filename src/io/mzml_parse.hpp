#pragma once
// Turns one mzML <spectrum> or <chromatogram> element (text in memory) into sidepeak values:
// cvParams (with referenceableParamGroups), binary arrays (base64, zlib, MS-Numpress, or external
// HDF5 datasets for mzMLb) decoded straight into doubles, every length validated.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "sidepeak/core/ms_data.hpp"

namespace pugi {
class xml_document;
}

namespace sidepeak::io::detail {

struct CvParam {
    std::string accession;
    std::string name;
    std::string value;
    std::string unit_accession;
    std::string unit_name;
};
using ParamGroups = std::unordered_map<std::string, std::vector<CvParam>>;

/// What the part of an mzML document before <run> tells: parameter groups and the instrument.
struct MzmlHeader {
    ParamGroups groups;
    std::string instrument;
};
/// Parses the referenceableParamGroupList and instrumentConfigurationList found in `head` (the
/// document text before <run>). Throws InputError naming `path` on malformed XML.
MzmlHeader parse_mzml_header(std::string_view head, const std::filesystem::path& path);

enum class DataType : std::uint8_t { unknown, f32, f64, i32, i64 };
enum class Compression : std::uint8_t { none, zlib, linear, pic, slof, linear_zlib, pic_zlib, slof_zlib };
enum class ArrayKind : std::uint8_t { other, mz, intensity, time };

/// How one binaryDataArray is stored.
struct ArrayCoding {
    DataType type = DataType::unknown;
    Compression compression = Compression::none;
    ArrayKind kind = ArrayKind::other;
    double time_to_seconds = 1.0;    ///< unit of a time array
    std::string external_dataset;    ///< mzMLb: dataset holding the values
    std::int64_t external_offset = -1;
    std::int64_t external_length = -1;
};
std::string_view compression_name(Compression c) noexcept;

/// Reads arrays stored outside the XML (mzMLb). `expected` is the declared array length.
class ExternalArrays {
public:
    virtual ~ExternalArrays() = default;
    virtual void read(const ArrayCoding& coding, std::size_t expected, std::vector<double>& out) = 0;
};

/// Classifies a spectrum whose file does not say whether it is profile or centroid, from the
/// data: a profile spectrum samples each peak at several closely spaced m/z points, so most points
/// have neighbours on both sides within 200 ppm (0.1 at m/z 500); in a centroid list, even a dense
/// one, that is rare. Profile when more than half of the interior points have two such close
/// neighbours; centroid otherwise (and for 4 to 15 points); unknown below 4 points.
SpectrumMode guess_spectrum_mode(const std::vector<double>& mz);

class MzmlElementParser {
public:
    MzmlElementParser(std::filesystem::path path, const ParamGroups* groups, ExternalArrays* external = nullptr);
    MzmlElementParser(const MzmlElementParser&) = delete;
    MzmlElementParser& operator=(const MzmlElementParser&) = delete;
    MzmlElementParser(MzmlElementParser&&) noexcept;
    MzmlElementParser& operator=(MzmlElementParser&&) noexcept;
    ~MzmlElementParser();

    /// Parses a <spectrum> element; the text is modified in place. `file_offset` is only used in
    /// error messages.
    MsSpectrum spectrum(char* text, std::size_t size, std::uint64_t file_offset);
    Chromatogram chromatogram(char* text, std::size_t size, std::uint64_t file_offset);
    /// Compressions met so far in spectra (m/z and intensity arrays).
    [[nodiscard]] const std::set<Compression>& compressions() const noexcept { return compressions_; }

private:
    void decode(const ArrayCoding& coding, std::string_view text, std::size_t expected, long long encoded_length,
                std::vector<double>& out, const std::string& where);

    std::filesystem::path path_;
    const ParamGroups* groups_;
    ExternalArrays* external_;
    std::unique_ptr<pugi::xml_document> doc_;
    std::vector<std::uint8_t> bytes_;
    std::set<Compression> compressions_;
};

/// Describes a set of compressions: "none", "zlib", "numpress-linear+zlib", or
/// "mixed (none, zlib)".
std::string describe_compressions(const std::set<Compression>& set);

}  // namespace sidepeak::io::detail

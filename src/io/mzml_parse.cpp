#include "mzml_parse.hpp"

#include <algorithm>
#include <cstring>
#include <utility>

#include <fmt/format.h>
#include <pugixml.hpp>

#include "sidepeak/core/codec.hpp"
#include "sidepeak/core/limits.hpp"
#include "sidepeak/core/error.hpp"
#include "sidepeak/io/numpress.hpp"
#include "mzml_params.hpp"
#include "mzml_precursor.hpp"
#include "precursor_values.hpp"
#include "xml_scan.hpp"

namespace sidepeak::io::detail {
namespace fs = std::filesystem;

namespace {

// PSI-MS controlled vocabulary accessions used here.
constexpr std::string_view kMsLevel = "MS:1000511";
constexpr std::string_view kMs1Spectrum = "MS:1000579";
constexpr std::string_view kPositive = "MS:1000130";
constexpr std::string_view kNegative = "MS:1000129";
constexpr std::string_view kCentroid = "MS:1000127";
constexpr std::string_view kProfile = "MS:1000128";
constexpr std::string_view kScanStartTime = "MS:1000016";
constexpr std::string_view kWindowLow = "MS:1000501";
constexpr std::string_view kWindowHigh = "MS:1000500";
constexpr std::string_view kFilterString = "MS:1000512";
constexpr std::string_view kIsolationTarget = "MS:1000827";

constexpr unsigned kParseFlags = pugi::parse_minimal | pugi::parse_escapes;

std::string_view sv(const char* s) noexcept { return xml_value(s); }

double time_unit_seconds(std::string_view unit_accession, std::string_view unit_name) {
    if (unit_accession == "UO:0000031" || unit_name == "minute") return 60.0;
    if (unit_accession == "UO:0000032" || unit_name == "hour") return 3600.0;
    if (unit_accession == "UO:0000028" || unit_name == "millisecond") return 1e-3;
    return 1.0;  // UO:0000010 second, and the default when no unit is written
}

ArrayCoding coding_of(pugi::xml_node array, const ParamGroups* groups) {
    ArrayCoding c;
    each_param(array, groups, [&](std::string_view acc, std::string_view value, std::string_view unit_acc,
                                  std::string_view unit_name) {
        if (acc.size() != 10 || acc.substr(0, 3) != "MS:") return;
        const std::string_view num = acc.substr(3);
        if (num == "1000521") c.type = DataType::f32;
        else if (num == "1000523") c.type = DataType::f64;
        else if (num == "1000519") c.type = DataType::i32;
        else if (num == "1000522") c.type = DataType::i64;
        else if (num == "1000576") c.compression = Compression::none;
        else if (num == "1000574") c.compression = Compression::zlib;
        else if (num == "1002312") c.compression = Compression::linear;
        else if (num == "1002313") c.compression = Compression::pic;
        else if (num == "1002314") c.compression = Compression::slof;
        else if (num == "1002746") c.compression = Compression::linear_zlib;
        else if (num == "1002747") c.compression = Compression::pic_zlib;
        else if (num == "1002748") c.compression = Compression::slof_zlib;
        else if (num == "1000514") c.kind = ArrayKind::mz;
        else if (num == "1000515") c.kind = ArrayKind::intensity;
        else if (num == "1000595") {
            c.kind = ArrayKind::time;
            c.time_to_seconds = time_unit_seconds(unit_acc, unit_name);
        } else if (num == "1002841") c.external_dataset = std::string(value);
        else if (num == "1002842") c.external_offset = parse_int(value).value_or(-2);
        else if (num == "1002843") c.external_length = parse_int(value).value_or(-2);
    });
    return c;
}

std::size_t width_of(DataType t) noexcept {
    switch (t) {
        case DataType::f32:
        case DataType::i32: return 4;
        case DataType::f64:
        case DataType::i64: return 8;
        case DataType::unknown: break;
    }
    return 0;
}

bool is_numpress(Compression c) noexcept { return c != Compression::none && c != Compression::zlib; }
bool is_zlib(Compression c) noexcept {
    return c == Compression::zlib || c == Compression::linear_zlib || c == Compression::pic_zlib ||
           c == Compression::slof_zlib;
}

void throw_parse_error(const fs::path& path, const pugi::xml_parse_result& res, std::uint64_t file_offset,
                       std::string_view element) {
    throw InputError(path, fmt::format("malformed XML in the {} element at byte {}: {} (at byte {})", element, file_offset,
                                       res.description(), file_offset + static_cast<std::uint64_t>(res.offset)));
}

// The declared lengths of one binaryDataArray: values (arrayLength, else the element's
// defaultArrayLength) and base64 characters (encodedLength, -1 when absent). Both are only
// checked here; the decoder never trusts them beyond its own bounds.
struct ArrayLengths {
    std::size_t values = 0;
    long long encoded = -1;
};

ArrayLengths array_lengths(const std::filesystem::path& path, pugi::xml_node array, long long default_length,
                           const std::string& where) {
    ArrayLengths out{static_cast<std::size_t>(default_length), -1};
    if (const auto len = array.attribute("arrayLength"); !len.empty()) {
        const auto v = parse_int(len.value());
        if (!v || *v < 0) throw InputError(path, where + ": invalid arrayLength");
        out.values = static_cast<std::size_t>(*v);
    }
    if (const auto enc = array.attribute("encodedLength"); !enc.empty()) {
        const auto v = parse_int(enc.value());
        if (!v) throw InputError(path, where + ": invalid encodedLength");
        out.encoded = *v;
    }
    return out;
}

}  // namespace

std::string_view compression_name(Compression c) noexcept {
    switch (c) {
        case Compression::none: return "none";
        case Compression::zlib: return "zlib";
        case Compression::linear: return "numpress-linear";
        case Compression::pic: return "numpress-pic";
        case Compression::slof: return "numpress-slof";
        case Compression::linear_zlib: return "numpress-linear+zlib";
        case Compression::pic_zlib: return "numpress-pic+zlib";
        case Compression::slof_zlib: return "numpress-slof+zlib";
    }
    return "none";
}

std::string describe_compressions(const std::set<Compression>& set) {
    if (set.empty()) return "none";
    if (set.size() == 1) return std::string(compression_name(*set.begin()));
    std::string out = "mixed (";
    bool first = true;
    for (const auto c : set) {
        if (!first) out += ", ";
        out += compression_name(c);
        first = false;
    }
    return out + ")";
}

MzmlHeader parse_mzml_header(std::string_view head, const fs::path& path) {
    MzmlHeader header;
    auto section = [&](std::string_view name) -> std::string {
        const std::string open = "<" + std::string(name);
        const std::string close = "</" + std::string(name) + ">";
        const auto a = head.find(open);
        if (a == std::string_view::npos) return {};
        const auto b = head.find(close, a);
        if (b == std::string_view::npos) throw InputError(path, fmt::format("malformed XML: <{}> is not closed", name));
        return std::string(head.substr(a, b + close.size() - a));
    };
    if (std::string text = section("referenceableParamGroupList"); !text.empty()) {
        pugi::xml_document doc;
        const auto res = doc.load_buffer_inplace(text.data(), text.size(), kParseFlags);
        if (!res) throw InputError(path, fmt::format("malformed XML in referenceableParamGroupList: {}", res.description()));
        for (auto g : doc.first_child().children("referenceableParamGroup")) {
            auto& params = header.groups[g.attribute("id").value()];
            for (auto p : g.children("cvParam")) {
                params.push_back({p.attribute("accession").value(), p.attribute("name").value(), p.attribute("value").value(),
                                  p.attribute("unitAccession").value(), p.attribute("unitName").value()});
            }
        }
    }
    if (std::string text = section("instrumentConfigurationList"); !text.empty()) {
        pugi::xml_document doc;
        const auto res = doc.load_buffer_inplace(text.data(), text.size(), kParseFlags);
        if (!res) {
            throw InputError(path, fmt::format("malformed XML in instrumentConfigurationList: {}", res.description()));
        }
        const auto config = doc.first_child().child("instrumentConfiguration");
        std::string model;
        auto take = [&](std::string_view acc, std::string_view name, std::string_view value) {
            // Skip the serial number, customization, and an "instrument model" with no value.
            if (!model.empty() || acc == "MS:1000529" || acc == "MS:1000032" || (acc == "MS:1000031" && value.empty())) return;
            model = (acc == "MS:1000031" && !value.empty()) ? std::string(value) : std::string(name);
        };
        for (pugi::xml_node c = config.first_child(); c; c = c.next_sibling()) {
            if (std::strcmp(c.name(), "cvParam") == 0) {
                take(c.attribute("accession").value(), c.attribute("name").value(), c.attribute("value").value());
            } else if (std::strcmp(c.name(), "referenceableParamGroupRef") == 0) {
                const auto it = header.groups.find(c.attribute("ref").value());
                if (it != header.groups.end()) {
                    for (const auto& p : it->second) take(p.accession, p.name, p.value);
                }
            } else if (std::strcmp(c.name(), "userParam") == 0 && model.empty()) {
                model = c.attribute("value").value();
                if (model.empty()) model = c.attribute("name").value();
            }
        }
        header.instrument = model;
    }
    return header;
}

SpectrumMode guess_spectrum_mode(const std::vector<double>& mz) {
    if (mz.size() < 4) return SpectrumMode::unknown;
    if (mz.size() < 16) return SpectrumMode::centroid;
    auto close = [&](std::size_t i) {  // gap between points i-1 and i
        const double gap = mz[i] - mz[i - 1];
        return gap >= 0 && gap < 2e-4 * std::max(mz[i], 1.0);
    };
    std::size_t inside = 0;
    bool left = close(1);
    for (std::size_t i = 1; i + 1 < mz.size(); ++i) {
        const bool right = close(i + 1);
        inside += (left && right) ? 1 : 0;
        left = right;
    }
    return inside * 2 > mz.size() - 2 ? SpectrumMode::profile : SpectrumMode::centroid;
}

MzmlElementParser::MzmlElementParser(fs::path path, const ParamGroups* groups, ExternalArrays* external)
    : path_(std::move(path)), groups_(groups), external_(external), doc_(std::make_unique<pugi::xml_document>()) {}
MzmlElementParser::MzmlElementParser(MzmlElementParser&&) noexcept = default;
MzmlElementParser& MzmlElementParser::operator=(MzmlElementParser&&) noexcept = default;
MzmlElementParser::~MzmlElementParser() = default;

void MzmlElementParser::decode(const ArrayCoding& coding, std::string_view text, std::size_t expected,
                               long long encoded_length, std::vector<double>& out, const std::string& where) {
    const std::size_t cap = max_array_bytes();
    if (expected > cap / 8) {
        throw InputError(path_, fmt::format("{}: declared length of {} values is above the limit of {} values per array "
                                            "({} MiB decoded; SIDEPEAK_MAX_ARRAY_MB)",
                                            where, expected, cap / 8, cap >> 20));
    }
    if (!coding.external_dataset.empty() || coding.external_offset >= 0) {
        if (!external_) throw InputError(path_, where + ": array refers to an external dataset, which plain mzML cannot hold");
        external_->read(coding, expected, out);
        return;
    }
    if (encoded_length >= 0) {
        std::size_t n = text.size();
        while (n > 0 && (text[n - 1] == ' ' || text[n - 1] == '\n' || text[n - 1] == '\r' || text[n - 1] == '\t')) --n;
        if (n != static_cast<std::size_t>(encoded_length)) n = count_non_space(text);
        if (n != static_cast<std::size_t>(encoded_length)) {
            throw InputError(path_, fmt::format("{}: encodedLength says {} characters but the array holds {}", where,
                                                encoded_length, n));
        }
    }
    try {
        base64_decode_into(text, bytes_);
    } catch (const Error& e) {
        throw InputError(path_, where + ": " + e.what());
    }
    const std::size_t limit = std::min(expected * 8 + 1024, cap);  // bounds a decompression bomb
    std::vector<std::uint8_t> inflated;
    const std::vector<std::uint8_t>* raw = &bytes_;
    if (is_zlib(coding.compression)) {
        const std::size_t needed = expected * (is_numpress(coding.compression) ? 0 : width_of(coding.type));
        if (needed > bytes_.size() * kMaxZlibRatio + 1024) {
            throw InputError(path_, fmt::format("{}: declared length of {} values cannot come from {} compressed bytes",
                                                where, expected, bytes_.size()));
        }
        try {
            inflated = zlib_inflate(bytes_.data(), bytes_.size(), limit,
                                    is_numpress(coding.compression) ? 0 : expected * width_of(coding.type));
        } catch (const Error& e) {
            throw InputError(path_, where + ": " + e.what());
        }
        raw = &inflated;
    }
    const std::span<const std::uint8_t> data(raw->data(), raw->size());
    if (is_numpress(coding.compression)) {
        try {
            switch (coding.compression) {
                case Compression::linear:
                case Compression::linear_zlib: numpress::decode_linear(data, out, expected); break;
                case Compression::pic:
                case Compression::pic_zlib: numpress::decode_pic(data, out, expected); break;
                default: numpress::decode_slof(data, out, expected); break;
            }
        } catch (const Error& e) {
            throw InputError(path_, where + ": " + e.what());
        }
    } else {
        const std::size_t w = width_of(coding.type);
        if (w == 0) throw InputError(path_, where + ": binary data type missing or not supported (16-bit float?)");
        if (data.size() % w != 0) {
            throw InputError(path_, fmt::format("{}: {} bytes is not a whole number of {}-byte values", where, data.size(), w));
        }
        const std::size_t n = data.size() / w;
        if (n != expected) {
            throw InputError(path_, fmt::format("{}: array holds {} values but its declared length is {}", where, n, expected));
        }
        out.resize(n);
        const std::uint8_t* p = data.data();
        switch (coding.type) {
            case DataType::f32:
                for (std::size_t i = 0; i < n; ++i) out[i] = load_value<float>(p + 4 * i, false);
                break;
            case DataType::f64:
                if constexpr (std::endian::native == std::endian::little) {
                    if (n > 0) std::memcpy(out.data(), p, n * 8);
                } else {
                    for (std::size_t i = 0; i < n; ++i) out[i] = load_value<double>(p + 8 * i, false);
                }
                break;
            case DataType::i32:
                for (std::size_t i = 0; i < n; ++i) out[i] = load_value<std::int32_t>(p + 4 * i, false);
                break;
            case DataType::i64:
                for (std::size_t i = 0; i < n; ++i) out[i] = static_cast<double>(load_value<std::int64_t>(p + 8 * i, false));
                break;
            case DataType::unknown: break;
        }
    }
    if (out.size() != expected) {
        throw InputError(path_, fmt::format("{}: array holds {} values but its declared length is {}", where, out.size(), expected));
    }
}

MsSpectrum MzmlElementParser::spectrum(char* text, std::size_t size, std::uint64_t file_offset) {
    const auto res = doc_->load_buffer_inplace(text, size, kParseFlags);
    if (!res) throw_parse_error(path_, res, file_offset, "spectrum");
    const pugi::xml_node root = doc_->first_child();
    if (std::strcmp(root.name(), "spectrum") != 0) {
        throw InputError(path_, fmt::format("expected a spectrum element at byte {}", file_offset));
    }
    MsSpectrum s;
    s.id = root.attribute("id").value();
    s.index = root.attribute("index").as_ullong();
    const std::string where = fmt::format("spectrum \"{}\" (byte {})", s.id, file_offset);
    const auto default_length = parse_int(root.attribute("defaultArrayLength").value());
    if (!default_length || *default_length < 0) {
        throw InputError(path_, where + ": defaultArrayLength missing or invalid");
    }
    bool has_level = false;
    std::string_view filter;  // MS:1000512 Thermo filter string of the first scan
    each_param(root, groups_, [&](std::string_view acc, std::string_view value, std::string_view, std::string_view) {
        if (acc == kMsLevel) {
            s.ms_level = static_cast<int>(parse_int(value).value_or(1));
            has_level = true;
        } else if (acc == kMs1Spectrum && !has_level) {
            s.ms_level = 1;
        } else if (acc == kPositive) {
            s.polarity = Polarity::positive;
        } else if (acc == kNegative) {
            s.polarity = Polarity::negative;
        } else if (acc == kCentroid) {
            s.mode = SpectrumMode::centroid;
        } else if (acc == kProfile) {
            s.mode = SpectrumMode::profile;
        }
    });
    if (const auto scan = root.child("scanList").child("scan")) {
        each_param(scan, groups_, [&](std::string_view acc, std::string_view value, std::string_view ua, std::string_view un) {
            if (acc == kScanStartTime) s.rt_s = parse_double(value).value_or(0.0) * time_unit_seconds(ua, un);
            else if (acc == kFilterString) filter = value;
            else if (acc == kPositive) s.polarity = Polarity::positive;
            else if (acc == kNegative) s.polarity = Polarity::negative;
        });
        if (const auto window = scan.child("scanWindowList").child("scanWindow")) {
            each_param(window, groups_, [&](std::string_view acc, std::string_view value, std::string_view, std::string_view) {
                if (acc == kWindowLow) s.scan_low_mz = parse_double(value).value_or(0.0);
                else if (acc == kWindowHigh) s.scan_high_mz = parse_double(value).value_or(0.0);
            });
        }
    }
    if (const auto precursor = root.child("precursorList").child("precursor")) {
        read_mzml_precursor(precursor, groups_, path_, where, s);
    }
    if (s.ms_level > 1 && s.activation == Activation::unknown && !filter.empty()) {
        apply_thermo_filter(filter, s);  // e.g. "FTMS + p ESI d Full ms2 189.0698@hcd76.67 [...]"
    }
    bool have_mz = false;
    bool have_intensity = false;
    for (auto array : root.child("binaryDataArrayList").children("binaryDataArray")) {
        const ArrayCoding coding = coding_of(array, groups_);
        if (coding.kind != ArrayKind::mz && coding.kind != ArrayKind::intensity) continue;  // extra arrays are ignored
        const auto [expected, encoded_length] = array_lengths(path_, array, *default_length, where);
        auto& target = coding.kind == ArrayKind::mz ? s.mz : s.intensity;
        (coding.kind == ArrayKind::mz ? have_mz : have_intensity) = true;
        compressions_.insert(coding.compression);
        decode(coding, sv(array.child("binary").child_value()), expected, encoded_length, target,
               where + (coding.kind == ArrayKind::mz ? " m/z array" : " intensity array"));
    }
    if (*default_length > 0 && (!have_mz || !have_intensity)) {
        throw InputError(path_, where + ": m/z or intensity array missing");
    }
    if (s.mz.size() != s.intensity.size()) {
        throw InputError(path_, fmt::format("{}: {} m/z values but {} intensities", where, s.mz.size(), s.intensity.size()));
    }
    if (s.mode == SpectrumMode::unknown) s.mode = guess_spectrum_mode(s.mz);
    return s;
}

Chromatogram MzmlElementParser::chromatogram(char* text, std::size_t size, std::uint64_t file_offset) {
    const auto res = doc_->load_buffer_inplace(text, size, kParseFlags);
    if (!res) throw_parse_error(path_, res, file_offset, "chromatogram");
    const pugi::xml_node root = doc_->first_child();
    Chromatogram c;
    c.id = root.attribute("id").value();
    c.kind = ChromatogramKind::other;
    const std::string where = fmt::format("chromatogram \"{}\" (byte {})", c.id, file_offset);
    const auto default_length = parse_int(root.attribute("defaultArrayLength").value());
    if (!default_length || *default_length < 0) throw InputError(path_, where + ": defaultArrayLength missing or invalid");
    each_param(root, groups_, [&](std::string_view acc, std::string_view, std::string_view, std::string_view) {
        if (acc == "MS:1000235") c.kind = ChromatogramKind::tic;
        else if (acc == "MS:1000628") c.kind = ChromatogramKind::bpc;
        else if (acc == "MS:1001473") c.kind = ChromatogramKind::srm;
        else if (acc == "MS:1000627") c.kind = ChromatogramKind::xic;
    });
    auto target_of = [&](pugi::xml_node node) {
        double v = 0;
        each_param(node.child("isolationWindow"), groups_,
                   [&](std::string_view acc, std::string_view value, std::string_view, std::string_view) {
                       if (acc == kIsolationTarget) v = parse_double(value).value_or(0.0);
                   });
        return v;
    };
    c.precursor_mz = target_of(root.child("precursor"));
    c.product_mz = target_of(root.child("product"));
    bool have_time = false;
    bool have_intensity = false;
    for (auto array : root.child("binaryDataArrayList").children("binaryDataArray")) {
        const ArrayCoding coding = coding_of(array, groups_);
        if (coding.kind != ArrayKind::time && coding.kind != ArrayKind::intensity) continue;
        const auto [expected, encoded_length] = array_lengths(path_, array, *default_length, where);
        auto& target = coding.kind == ArrayKind::time ? c.time_s : c.intensity;
        (coding.kind == ArrayKind::time ? have_time : have_intensity) = true;
        decode(coding, sv(array.child("binary").child_value()), expected, encoded_length, target,
               where + (coding.kind == ArrayKind::time ? " time array" : " intensity array"));
        if (coding.kind == ArrayKind::time && coding.time_to_seconds != 1.0) {
            for (auto& t : c.time_s) t *= coding.time_to_seconds;
        }
    }
    if (*default_length > 0 && (!have_time || !have_intensity)) throw InputError(path_, where + ": time or intensity array missing");
    if (c.time_s.size() != c.intensity.size()) throw InputError(path_, where + ": time and intensity arrays differ in length");
    return c;
}

}  // namespace sidepeak::io::detail

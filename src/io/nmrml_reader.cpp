// nmrML reader (nmrML 1.0.rc1 and earlier drafts, with or without the XML namespace).
// Schema: http://nmrml.org/schema (Schober et al., Anal. Chem. 90 (2018) 649).
#include <cmath>
#include <complex>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include <pugixml.hpp>

#include "sidepeak/core/codec.hpp"
#include "sidepeak/core/error.hpp"
#include "sidepeak/core/file_io.hpp"
#include "sidepeak/io/nmr_readers.hpp"

namespace sidepeak::io {
namespace {
namespace fs = std::filesystem;

// Decompressed arrays larger than this are rejected (decompression bombs).
constexpr std::size_t kMaxArrayBytes = std::size_t{1} << 30;

std::string_view local_name(const pugi::xml_node& n) {
    std::string_view name = n.name();
    if (const auto colon = name.rfind(':'); colon != std::string_view::npos) name.remove_prefix(colon + 1);
    return name;
}

pugi::xml_node child(const pugi::xml_node& parent, std::string_view name) {
    for (pugi::xml_node c = parent.first_child(); c; c = c.next_sibling()) {
        if (c.type() == pugi::node_element && local_name(c) == name) return c;
    }
    return {};
}

// First descendant element with the given local name (depth-first, document order). Walks the
// tree through parent and sibling links instead of recursing, so a file nested hundreds of
// thousands of levels deep costs no stack.
pugi::xml_node descendant(const pugi::xml_node& parent, std::string_view name) {
    pugi::xml_node c = parent.first_child();
    while (c) {
        if (c.type() == pugi::node_element && local_name(c) == name) return c;
        if (c.type() == pugi::node_element && c.first_child()) {
            c = c.first_child();
            continue;
        }
        while (c && !c.next_sibling()) {
            c = c.parent();
            if (c == parent) return {};
        }
        if (c) c = c.next_sibling();
    }
    return {};
}

std::string lower(std::string s) {
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

// A value element (value= + unitName=) converted to MHz; 0 when absent or not a frequency.
double frequency_mhz(const pugi::xml_node& n) {
    if (!n) return 0.0;
    const double v = n.attribute("value").as_double(0.0);
    const std::string unit = lower(n.attribute("unitName").as_string());
    if (unit == "megahertz" || unit == "mhz") return v;
    if (unit == "hertz" || unit == "hz") return v / 1e6;
    if (unit == "kilohertz" || unit == "khz") return v / 1e3;
    if (unit == "gigahertz" || unit == "ghz") return v * 1e3;
    return 0.0;
}

double hertz(const pugi::xml_node& n) {
    if (!n) return 0.0;
    const double v = n.attribute("value").as_double(0.0);
    const std::string unit = lower(n.attribute("unitName").as_string());
    if (unit == "kilohertz" || unit == "khz") return v * 1e3;
    if (unit == "megahertz" || unit == "mhz") return v * 1e6;
    return v;
}

std::string nucleus_from_name(const std::string& name) {
    const std::string n = lower(name);
    struct Map {
        std::string_view word, iso;
    };
    static constexpr Map maps[] = {{"hydrogen", "1H"}, {"proton", "1H"},   {"deuterium", "2H"},
                                   {"carbon", "13C"},   {"fluorine", "19F"}, {"phosphorus", "31P"},
                                   {"nitrogen", "15N"}, {"silicon", "29Si"}};
    for (const auto& m : maps) {
        if (n.find(m.word) != std::string::npos) return std::string(m.iso);
    }
    return name;
}

class NmrmlFile {
public:
    explicit NmrmlFile(const fs::path& path) : path_(path) {}

    [[noreturn]] void fail(const std::string& problem) const { throw InputError(path_, problem); }

    NmrData read() {
        const std::string text = read_file_text(path_);
        if (text.empty()) fail("empty file");
        // Default parse options: no DOCTYPE processing, so external entities are never expanded
        // or fetched (pugixml has no DTD support); "&name;" stays literal text.
        const pugi::xml_parse_result ok = doc_.load_buffer(text.data(), text.size(), pugi::parse_default);
        if (!ok) fail(std::string("malformed XML: ") + ok.description() + " at offset " + std::to_string(ok.offset));
        const pugi::xml_node root = doc_.document_element();
        if (local_name(root) != "nmrML") fail("root element is <" + std::string(root.name()) + ">, not <nmrML>");

        NmrData data;
        NmrMeta& m = data.meta;
        m.format = DataFormat::nmrml;
        const pugi::xml_node acq = descendant(root, "acquisition1D");
        const pugi::xml_node params = child(acq, "acquisitionParameterSet");
        const pugi::xml_node direct = descendant(params, "DirectDimensionParameterSet");
        m.scans = params.attribute("numberOfScans").as_int(0);
        if (const pugi::xml_node t = child(params, "sampleAcquisitionTemperature")) {
            const double v = t.attribute("value").as_double(0.0);
            m.temperature_k = lower(t.attribute("unitName").as_string()).find("celsius") != std::string::npos ? v + 273.15 : v;
        }
        if (const pugi::xml_node ps = child(params, "pulseSequence")) {
            for (pugi::xml_node u = ps.first_child(); u; u = u.next_sibling()) {
                if (local_name(u) == "userParam" && lower(u.attribute("name").as_string()).find("pulse") != std::string::npos) {
                    m.pulse_program = u.attribute("value").as_string();
                }
            }
        }
        if (const pugi::xml_node g = child(params, "groupDelay")) m.group_delay_points = g.attribute("value").as_double(0.0);
        if (const pugi::xml_node nuc = child(direct, "acquisitionNucleus")) {
            m.nucleus = nucleus_from_name(nuc.attribute("name").as_string());
        }
        m.observe_mhz = frequency_mhz(child(direct, "irradiationFrequency"));
        const double field_mhz = frequency_mhz(child(direct, "effectiveExcitationField"));
        m.reference_mhz = field_mhz > 0 ? field_mhz : m.observe_mhz;
        if (m.observe_mhz <= 0) m.observe_mhz = m.reference_mhz;
        m.sweep_width_hz = hertz(child(direct, "sweepWidth"));
        if (field_mhz > 0 && m.observe_mhz > 0) m.carrier_ppm = (m.observe_mhz - field_mhz) / field_mhz * 1e6;
        if (const pugi::xml_node s = descendant(root, "solventType")) {
            m.solvent = s.attribute("name").as_string();
            if (m.solvent.empty()) m.solvent = child(s, "cvParam").attribute("name").as_string();
        }
        if (const pugi::xml_node i = descendant(root, "instrumentConfiguration")) {
            m.instrument = child(i, "cvParam").attribute("name").as_string();
        }
        for (pugi::xml_attribute a : direct.attributes()) m.params.emplace(a.name(), a.value());

        if (const pugi::xml_node fid = child(acq, "fidData")) {
            data.fids.push_back(read_fid(fid, direct.attribute("numberOfDataPoints").as_ullong(0), m));
        }
        if (const pugi::xml_node spec = descendant(descendant(root, "spectrumList"), "spectrum1D")) {
            read_spectrum(spec, data);
        }
        if (data.fids.empty() && !data.processed) fail("no fidData and no spectrum1D with an x axis");
        return data;
    }

private:
    std::vector<std::uint8_t> decode_array(const pugi::xml_node& n, const char* what) const {
        std::vector<std::uint8_t> raw;
        try {
            raw = base64_decode(n.child_value());
        } catch (const std::exception& e) {
            fail(std::string(what) + ": invalid base64 (" + e.what() + ")");
        }
        if (n.attribute("compressed").as_bool(false)) {
            try {
                raw = zlib_inflate(raw.data(), raw.size(), kMaxArrayBytes);
            } catch (const std::exception& e) {
                fail(std::string(what) + ": zlib decompression failed (" + e.what() + ")");
            }
        }
        return raw;
    }

    // Element formats by byteFormat (nmrML: little-endian). "class java.lang.Integer" is what
    // early nmrML converters wrote for Bruker int32 FIDs.
    struct Format {
        std::size_t bytes = 0;  // per scalar
        bool is_float = true;
        bool is_complex = false;
    };
    Format format_of(const pugi::xml_node& n, const char* what) const {
        const std::string f = lower(n.attribute("byteFormat").as_string());
        if (f == "complex128") return {8, true, true};
        if (f == "complex64") return {4, true, true};
        if (f == "float64" || f == "double") return {8, true, false};
        if (f == "float32" || f == "float") return {4, true, false};
        if (f == "integer32" || f == "int32" || f == "class java.lang.integer") return {4, false, false};
        if (f == "integer64" || f == "int64") return {8, false, false};
        fail(std::string(what) + ": unsupported byteFormat '" + n.attribute("byteFormat").as_string() + "'");
    }

    static std::vector<double> scalars(const std::vector<std::uint8_t>& raw, const Format& f, bool big_endian) {
        const std::size_t n = raw.size() / f.bytes;
        std::vector<double> out(n);
        for (std::size_t i = 0; i < n; ++i) {
            const std::uint8_t* p = raw.data() + i * f.bytes;
            if (f.is_float) out[i] = f.bytes == 8 ? load_value<double>(p, big_endian) : load_value<float>(p, big_endian);
            else out[i] = f.bytes == 8 ? static_cast<double>(load_value<std::int64_t>(p, big_endian))
                                       : static_cast<double>(load_value<std::int32_t>(p, big_endian));
        }
        return out;
    }

    // Total variation of each channel of interleaved pairs: small for a real signal, huge when
    // integers are read with the wrong byte order.
    static double variation(const std::vector<double>& v) {
        double tv = 0.0;
        for (std::size_t i = 2; i < v.size(); ++i) tv += std::abs(v[i] - v[i - 2]);
        return tv;
    }

    // nmrML arrays are little-endian. Early converters copied Bruker big-endian integer FIDs
    // verbatim (BYTORDA=1), so for integer formats the smoother of the two byte orders is taken.
    std::vector<double> scalars(const std::vector<std::uint8_t>& raw, const Format& f, NmrMeta& meta,
                                const char* what) const {
        auto little = scalars(raw, f, false);
        if (f.is_float) return little;
        auto big = scalars(raw, f, true);
        if (variation(big) < variation(little)) {
            meta.params.emplace(std::string(what) + " byte order", "big-endian (detected; nmrML prescribes little-endian)");
            return big;
        }
        return little;
    }

    std::vector<std::complex<double>> read_fid(const pugi::xml_node& n, unsigned long long declared,
                                               NmrMeta& meta) const {
        const Format f = format_of(n, "fidData");
        const auto raw = decode_array(n, "fidData");
        if (raw.size() % (2 * f.bytes) != 0 || raw.empty()) {
            fail("fidData: " + std::to_string(raw.size()) + " bytes is not a whole number of complex points");
        }
        const auto v = scalars(raw, f, meta, "fidData");
        // An FID is always complex: integer/real formats hold interleaved re, im pairs.
        const std::size_t points = v.size() / 2;
        if (declared != 0 && declared != points && declared != 2 * points) {
            fail("fidData holds " + std::to_string(points) + " complex points but numberOfDataPoints is " +
                 std::to_string(declared));
        }
        std::vector<std::complex<double>> fid(points);
        for (std::size_t k = 0; k < points; ++k) fid[k] = {v[2 * k], v[2 * k + 1]};
        return fid;
    }

    void read_spectrum(const pugi::xml_node& spec, NmrData& data) const {
        const pugi::xml_node arr = child(spec, "spectrumDataArray");
        const pugi::xml_node axis = child(spec, "xAxis");
        if (!arr) return;
        if (!axis) {
            // Without an x axis the spectrum cannot be placed on the ppm scale.
            data.meta.params.emplace("nmrml_spectrum", "skipped: spectrum1D has no xAxis");
            return;
        }
        const Format f = format_of(arr, "spectrumDataArray");
        const auto raw = decode_array(arr, "spectrumDataArray");
        const std::size_t group = f.bytes * (f.is_complex ? 2 : 1);
        if (raw.empty() || raw.size() % group != 0) fail("spectrumDataArray: truncated array");
        const auto v = scalars(raw, f, data.meta, "spectrumDataArray");
        NmrSpectrum s;
        if (f.is_complex) {
            s.real.resize(v.size() / 2);
            s.imag.resize(v.size() / 2);
            for (std::size_t i = 0; i < s.real.size(); ++i) {
                s.real[i] = v[2 * i];
                s.imag[i] = v[2 * i + 1];
            }
        } else {
            s.real = v;
        }
        if (const auto declared = spec.attribute("numberOfDataPoints").as_ullong(0); declared != 0 && declared != s.size()) {
            fail("spectrumDataArray holds " + std::to_string(s.size()) + " points but numberOfDataPoints is " +
                 std::to_string(declared));
        }
        const double start = axis.attribute("startValue").as_double(NAN);
        const double end = axis.attribute("endValue").as_double(NAN);
        if (!std::isfinite(start) || !std::isfinite(end) || s.size() < 2) fail("spectrum1D xAxis without start/end values");
        const std::string unit = lower(axis.attribute("unitName").as_string());
        const double mhz = data.meta.reference_mhz > 0 ? data.meta.reference_mhz : data.meta.observe_mhz;
        if (unit.find("hertz") != std::string::npos || unit == "hz") {
            if (!(mhz > 0)) fail("spectrum x axis in Hz but no spectrometer frequency");
            s.ppm_first = start / mhz;
            s.ppm_last = end / mhz;
        } else {
            s.ppm_first = start;
            s.ppm_last = end;
        }
        s.spectrometer_mhz = mhz;
        // The x axis spans the sweep width around the carrier: use its centre when the
        // acquisition parameters do not place the carrier (documented in docs/formats/nmrml.md).
        data.meta.carrier_ppm = 0.5 * (s.ppm_first + s.ppm_last);
        data.processed = std::move(s);
    }

    const fs::path& path_;
    pugi::xml_document doc_;
};

}  // namespace

NmrData read_nmrml(const fs::path& path) { return NmrmlFile(path).read(); }

}  // namespace sidepeak::io

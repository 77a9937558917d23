// read_jcamp_nmr: maps JCAMP-DX NMR blocks (NMR SPECTRUM / NMR FID, XYDATA or NTUPLES, plain or
// inside a LINK file) onto NmrData.
#include <algorithm>
#include <cmath>
#include <complex>
#include <string>

#include "bruker_dsp.hpp"
#include "sidepeak/core/error.hpp"
#include "sidepeak/io/jcamp.hpp"
#include "sidepeak/io/nmr_readers.hpp"

namespace sidepeak::io {
namespace {
namespace fs = std::filesystem;
using jcamp::Block;
using jcamp::DataTable;

// Bruker-style string values are written "<CDCl3>".
std::string unbracket(std::string s) {
    if (s.size() >= 2 && s.front() == '<' && s.back() == '>') s = s.substr(1, s.size() - 2);
    return s;
}

// "^1H", "1H", "H1", "<1H>" -> "1H".
std::string normalize_nucleus(std::string s) {
    s = unbracket(s);
    std::string digits, letters;
    for (char c : s) {
        if (std::isdigit(static_cast<unsigned char>(c))) digits.push_back(c);
        else if (std::isalpha(static_cast<unsigned char>(c))) letters.push_back(c);
    }
    if (letters.empty()) return s;
    letters[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(letters[0])));
    for (std::size_t i = 1; i < letters.size(); ++i) letters[i] = static_cast<char>(std::tolower(static_cast<unsigned char>(letters[i])));
    return digits + letters;
}

bool contains(const std::string& hay, std::string_view needle) { return hay.find(needle) != std::string::npos; }

// The unit of the abscissa of a table: ##XUNITS for XYDATA, the X column of ##UNITS for NTUPLES.
std::string x_units(const Block& b, const DataTable& t) {
    if (t.label == "DATATABLE") {
        const auto syms = jcamp::split_list(b.text("SYMBOL").value_or(""));
        const auto units = jcamp::split_list(b.text("UNITS").value_or(""));
        for (std::size_t i = 0; i < syms.size() && i < units.size(); ++i) {
            if (jcamp::normalize_label(syms[i]) == t.symbols[0]) return jcamp::normalize_label(units[i]);
        }
        return {};
    }
    return jcamp::normalize_label(b.text("XUNITS").value_or(""));
}

// The real and imaginary tables of a block: NTUPLES pages R/I (by symbol, else page order), or
// the single XYDATA/XYPOINTS table.
struct Parts {
    const DataTable* re = nullptr;
    const DataTable* im = nullptr;
};

Parts split_parts(const Block& b) {
    Parts p;
    for (const auto& t : b.tables) {
        const std::string& s = t.symbols[1];
        if (s == "I") {
            if (!p.im) p.im = &t;
        } else if (s == "R" || s == "Y") {
            if (!p.re) p.re = &t;
        }
    }
    if (!p.re && !b.tables.empty()) p.re = &b.tables.front();
    return p;
}

double observe_mhz(const Block& b) {
    if (auto v = b.number(".OBSERVE FREQUENCY")) return *v;
    if (auto v = b.number("$SFO1")) return *v;
    return 0.0;
}

void fill_meta(const Block& b, NmrMeta& m) {
    m.format = DataFormat::jcamp_dx;
    if (auto v = b.text(".OBSERVE NUCLEUS")) m.nucleus = normalize_nucleus(*v);
    else if (auto n = b.text("$NUC1")) m.nucleus = normalize_nucleus(*n);
    m.observe_mhz = observe_mhz(b);
    m.reference_mhz = b.number("$SF").value_or(m.observe_mhz);
    if (auto v = b.text(".SOLVENT NAME")) m.solvent = *v;
    else if (auto s = b.text("$SOLVENT")) m.solvent = unbracket(*s);
    if (auto v = b.text(".PULSE SEQUENCE")) m.pulse_program = *v;
    else if (auto s = b.text("$PULPROG")) m.pulse_program = unbracket(*s);
    if (auto v = b.text("SPECTROMETER/DATA SYSTEM")) m.instrument = *v;
    if (auto v = b.text("TITLE")) m.title = *v;
    if (auto v = b.number(".AVERAGES")) m.scans = static_cast<int>(*v);
    else if (auto ns = b.number("$NS")) m.scans = static_cast<int>(*ns);
    if (auto v = b.number("$TE"); v && *v > 0) m.temperature_k = *v;
    if (auto v = b.number("$SW_h"); v && *v > 0) m.sweep_width_hz = *v;
    // Carrier: Bruker SFO1 against SF; else OFFSET (ppm of the first spectrum point) minus half
    // the sweep width.
    const auto sfo1 = b.number("$SFO1");
    const auto sf = b.number("$SF");
    if (sfo1 && sf && *sf > 0) {
        m.carrier_ppm = (*sfo1 - *sf) / *sf * 1e6;
    } else if (auto off = b.number("$OFFSET"); off && m.sweep_width_hz > 0 && m.reference_mhz > 0) {
        m.carrier_ppm = *off - m.sweep_width_hz / (2.0 * m.reference_mhz);
    }
    constexpr std::size_t kMaxParamText = 256;
    for (const auto& r : b.records) {
        if (r.value.size() <= kMaxParamText) m.params.emplace(r.label, r.value);
    }
}

NmrSpectrum map_spectrum(const fs::path& path, const Block& b, const NmrMeta& meta) {
    const Parts parts = split_parts(b);
    const DataTable& re = *parts.re;
    const std::size_t n = re.y.size();
    if (n < 2) throw InputError(path, "NMR SPECTRUM block has fewer than 2 points");
    if (parts.im && parts.im->y.size() != n) {
        throw InputError(path, "real and imaginary pages differ in length (" + std::to_string(n) + " vs " +
                                   std::to_string(parts.im->y.size()) + ")");
    }
    const double x0 = re.x.front();
    const double x1 = re.x.back();
    if (!re.evenly_spaced) {
        const double step = (x1 - x0) / static_cast<double>(n - 1);
        for (std::size_t i = 0; i < n; ++i) {
            if (std::abs(re.x[i] - (x0 + step * static_cast<double>(i))) > 0.01 * std::abs(step)) {
                throw InputError(path, "NMR spectrum abscissa is not evenly spaced");
            }
        }
    }
    NmrSpectrum s;
    const std::string units = x_units(b, re);
    if (units == "PPM") {
        s.ppm_first = x0;
        s.ppm_last = x1;
        s.spectrometer_mhz = meta.reference_mhz > 0 ? meta.reference_mhz : meta.observe_mhz;
    } else if (units == "HZ") {
        const double mhz = meta.reference_mhz > 0 ? meta.reference_mhz : meta.observe_mhz;
        if (!(mhz > 0)) throw InputError(path, "x axis in Hz but no ##.OBSERVE FREQUENCY to convert it to ppm");
        // Bruker writes $OFFSET = ppm of the first point; without it, Hz are taken relative to 0 ppm.
        if (auto off = b.number("$OFFSET")) {
            s.ppm_first = *off;
            s.ppm_last = *off + (x1 - x0) / mhz;
        } else {
            s.ppm_first = x0 / mhz;
            s.ppm_last = x1 / mhz;
        }
        s.spectrometer_mhz = mhz;
    } else {
        throw InputError(path, "unsupported NMR x units '" + units + "' (expected HZ or PPM)");
    }
    s.real = re.y;
    if (parts.im) s.imag = parts.im->y;
    return s;
}

std::vector<std::complex<double>> map_fid(const fs::path& path, const Block& b, NmrMeta& meta) {
    const Parts parts = split_parts(b);
    if (!parts.im || parts.im == parts.re) throw InputError(path, "NMR FID block has no imaginary page");
    const DataTable& re = *parts.re;
    const DataTable& im = *parts.im;
    const std::size_t n = re.y.size();
    if (im.y.size() != n) {
        throw InputError(path, "FID real and imaginary pages differ in length (" + std::to_string(n) + " vs " +
                                   std::to_string(im.y.size()) + ")");
    }
    if (n < 2) throw InputError(path, "NMR FID block has fewer than 2 points");
    const std::string units = x_units(b, re);
    if (units != "SECONDS" && units != "SECOND" && units != "S") {
        throw InputError(path, "NMR FID x units '" + units + "' (expected SECONDS)");
    }
    const double dwell = (re.x.back() - re.x.front()) / static_cast<double>(n - 1);
    if (meta.sweep_width_hz <= 0 && dwell > 0) meta.sweep_width_hz = 1.0 / dwell;
    if (meta.sweep_width_hz > 0 && meta.carrier_ppm == 0.0) {
        if (auto off = b.number("$OFFSET"); off && meta.reference_mhz > 0) {
            meta.carrier_ppm = *off - meta.sweep_width_hz / (2.0 * meta.reference_mhz);
        }
    }
    // Digital-filter group delay: $GRPDLY when positive, else the DSPFVS/DECIM table (the same
    // table as the Bruker reader).
    if (auto g = b.number("$GRPDLY"); g && *g > 0) {
        meta.group_delay_points = *g;
    } else if (auto dspfvs = b.number("$DSPFVS"), decim = b.number("$DECIM"); dspfvs && decim) {
        if (auto d = detail::bruker_dsp_table_delay(static_cast<int>(*dspfvs), *decim)) meta.group_delay_points = *d;
    }
    // Orientation (see docs/formats/jcamp-dx.md): the pages hold the FID as Bruker stores it;
    // a forward DFT + fftshift of R + iI already gives ppm increasing with index.
    std::vector<std::complex<double>> fid(n);
    for (std::size_t k = 0; k < n; ++k) fid[k] = {re.y[k], im.y[k]};
    return fid;
}

}  // namespace

NmrData read_jcamp_nmr(const fs::path& path) {
    const jcamp::Document doc = jcamp::read(path);
    const Block* spectrum = nullptr;
    const Block* fid = nullptr;
    std::string seen;
    for (const auto& b : doc.blocks) {
        const std::string dt = b.data_type();
        if (!seen.empty()) seen += ", ";
        seen += dt.empty() ? "(none)" : dt;
        if (b.tables.empty()) continue;
        if (contains(dt, "NMRFID")) {
            if (!fid) fid = &b;
        } else if (contains(dt, "NMRSPECTRUM") || (contains(dt, "NMR") && !contains(dt, "PEAK"))) {
            if (!spectrum) spectrum = &b;
        }
    }
    if (!spectrum && !fid) {
        throw InputError(path, "no NMR SPECTRUM or NMR FID block with data (data types: " + seen + ")");
    }
    NmrData data;
    fill_meta(fid ? *fid : *spectrum, data.meta);
    if (fid) data.fids.push_back(map_fid(path, *fid, data.meta));
    if (spectrum) {
        NmrMeta spec_meta = data.meta;
        if (fid) fill_meta(*spectrum, spec_meta);
        data.processed = map_spectrum(path, *spectrum, spec_meta);
        if (data.meta.sweep_width_hz <= 0) {
            const auto& s = *data.processed;
            data.meta.sweep_width_hz = s.hz_per_point() * static_cast<double>(s.size());
        }
        if (!fid && data.meta.carrier_ppm == 0.0) {
            data.meta.carrier_ppm = 0.5 * (data.processed->ppm_first + data.processed->ppm_last);
        }
    }
    return data;
}

}  // namespace sidepeak::io

#include "sidepeak/report/lcms_process_json.hpp"

#include <cmath>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <system_error>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "sidepeak/core/error.hpp"
#include "sidepeak/report/json_report.hpp"

namespace sidepeak::report {
namespace {
using nlohmann::json;

// JSON has no NaN or infinity: non-finite numbers are written as null.
json number(double v) { return std::isfinite(v) ? json(v) : json(nullptr); }

// One feature as its own small tree (members sorted by key, as in a tree of the whole table).
json feature_json(const signal::Feature& f) {
    json iso = json::array();
    for (double mz : f.isotopes) iso.push_back(number(mz));
    return {{"mz", number(f.mz)}, {"rt_s", number(f.rt_s)},
            {"rt_range_s", {number(f.rt_from_s), number(f.rt_to_s)}},
            {"intensity", number(f.intensity)}, {"area", number(f.area)}, {"snr", number(f.snr)},
            {"fwhm_s", number(f.fwhm_s)}, {"charge", f.charge}, {"isotopes", iso},
            {"isotope_intensities", f.isotope_intensities}, {"group", f.group},
            {"adduct", f.adduct}, {"neutral_mass", number(f.neutral_mass)}};
}

// The layout nlohmann's dump gives a value nested `depth` levels deep: its own lines indented by
// `depth` more levels. A dumped string holds no raw newline (JSON escapes it), so every newline
// of the dump is a line break of the layout.
class Layout {
public:
    explicit Layout(int indent) : indent_(indent) {}

    bool pretty() const { return indent_ >= 0; }
    std::string newline(int depth) const {
        if (!pretty()) return {};
        std::string text(1 + static_cast<std::size_t>(indent_ * depth), ' ');
        text.front() = '\n';
        return text;
    }
    std::string key(const char* name) const { return fmt::format("\"{}\":{}", name, pretty() ? " " : ""); }

    void value(std::ostream& out, const json& j, int depth) const {
        const std::string text = j.dump(indent_, ' ', false, json::error_handler_t::replace);
        if (!pretty() || depth == 0) {
            out << text;
            return;
        }
        const std::string pad = newline(depth);
        std::size_t from = 0;
        for (std::size_t nl = text.find('\n'); nl != std::string::npos; nl = text.find('\n', from)) {
            out.write(text.data() + from, static_cast<std::streamsize>(nl - from));
            out << pad;
            from = nl + 1;
        }
        out.write(text.data() + from, static_cast<std::streamsize>(text.size() - from));
    }

private:
    int indent_;
};

// The members in nlohmann's (sorted) key order: features, kind, ms1_spectra, spectra.
void write_features(std::ostream& out, const signal::LcmsResult& r, const Layout& layout) {
    out << layout.newline(1) << layout.key("features");
    if (r.features.empty()) {
        out << "[]";
        return;
    }
    out << '[';
    for (std::size_t i = 0; i < r.features.size(); ++i) {
        if (i > 0) out << ',';
        out << layout.newline(2);
        layout.value(out, feature_json(r.features[i]), 2);
    }
    out << layout.newline(1) << ']';
}

void remove_quietly(const std::filesystem::path& path) {
    std::error_code ignored;
    std::filesystem::remove(path, ignored);
}

}  // namespace

std::ostream& write_lcms_process_json(std::ostream& out, const signal::LcmsResult& result, int indent) {
    const Layout layout(indent);
    out << '{';
    write_features(out, result, layout);
    out << ',' << layout.newline(1) << layout.key("kind");
    layout.value(out, json(std::string(data_kind_name(DataKind::lcms))), 1);
    out << ',' << layout.newline(1) << layout.key("ms1_spectra");
    layout.value(out, json(result.ms1_spectra), 1);
    out << ',' << layout.newline(1) << layout.key("spectra");
    layout.value(out, json(result.spectra), 1);
    out << layout.newline(0) << '}';
    return out;
}

std::string lcms_process_json_text(const signal::LcmsResult& result, int indent) {
    std::ostringstream text;
    write_lcms_process_json(text, result, indent);
    return std::move(text).str();
}

void write_lcms_process_json_file(const std::filesystem::path& path, const signal::LcmsResult& result, int indent) {
    const std::filesystem::path dir = path.has_parent_path() ? path.parent_path() : std::filesystem::path(".");
    std::random_device rd;
    const std::filesystem::path tmp = dir / fmt::format(".{}.tmp-{:08x}", path.filename().string(), rd());
    {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        if (!out) throw OutputError(fmt::format("{}: cannot create temporary file", tmp.string()));
        write_lcms_process_json(out, result, indent) << '\n';
        out.flush();
        if (!out) {
            remove_quietly(tmp);
            throw OutputError(fmt::format("{}: write failed (disk full or I/O error)", path.string()));
        }
    }
    std::error_code ec;
    std::filesystem::rename(tmp, path, ec);
    if (ec) {
        remove_quietly(tmp);
        throw OutputError(fmt::format("{}: cannot replace file: {}", path.string(), ec.message()));
    }
}

}  // namespace sidepeak::report

#include "sidepeak/report/csv_report.hpp"

#include <fmt/format.h>

namespace sidepeak::report {

std::string csv_field(const std::string& text) {
    // A leading = + - @, TAB or CR would be run as a formula (or start one) in spreadsheets
    // (OWASP, "CSV Injection"); prefix a quote to keep the field text. Only text fields pass
    // through here, numbers are written as numbers.
    std::string value;
    value.reserve(text.size() + 1);
    if (!text.empty() && (text[0] == '=' || text[0] == '+' || text[0] == '-' || text[0] == '@' || text[0] == '\t' ||
                          text[0] == '\r'))
        value.push_back('\'');
    value.append(text);
    if (value.find_first_of(",\"\n\r") == std::string::npos) return value;
    std::string out = "\"";
    for (const char c : value) {
        if (c == '"') out += '"';
        out += c;
    }
    out += '"';
    return out;
}

namespace {

std::string key_evidence(const classify::Finding& f) {
    std::string out;
    for (std::size_t i = 0; i < f.evidence.size() && i < 3; ++i) {
        const auto& e = f.evidence[i];
        if (!out.empty()) out += "; ";
        if (e.role == classify::EvidenceRole::considered) out += "considered: ";
        if (!e.label.empty()) {
            out.append(e.label);
            out.push_back(' ');
        }
        if (e.mz) out += fmt::format("m/z {:.4f}", *e.mz);
        if (e.rt_s) out += fmt::format(" @ {:.1f} s", *e.rt_s);
        if (e.ppm) out += fmt::format("{:.3f} ppm", *e.ppm);
        if (e.ppm_from && e.ppm_to) out += fmt::format("{:.2f}-{:.2f} ppm", *e.ppm_from, *e.ppm_to);
        if (!e.multiplicity.empty()) {
            out.push_back(' ');
            out.append(e.multiplicity);
        }
        if (e.area_fraction) out += fmt::format(" ({:.1f}% area)", 100.0 * *e.area_fraction);
    }
    return out;
}

}  // namespace

std::string summary_csv(const BatchResult& batch) {
    std::string out = "sample,class,detected,checked,confidence,summary,key_evidence\n";
    for (const auto& s : batch.samples) {
        for (const auto& f : s.findings) {
            out += fmt::format("{},{},{},{},{:.3f},{},{}\n", csv_field(s.id), classify::class_name(f.cls),
                               f.detected ? "true" : "false", f.checked ? "true" : "false", f.confidence,
                               csv_field(f.summary), csv_field(key_evidence(f)));
        }
    }
    return out;
}

std::string nmr_process_csv(const signal::NmrResult& r, bool with_spectrum) {
    std::string out;
    if (with_spectrum) {
        out = "ppm,intensity\n";
        for (std::size_t i = 0; i < r.spectrum.size(); ++i) {
            out += fmt::format("{:.6f},{:.6g}\n", r.spectrum.ppm_at(static_cast<double>(i)), r.spectrum.real[i]);
        }
        return out;
    }
    std::vector<int> multiplet_of(r.peaks.size(), -1);
    for (std::size_t m = 0; m < r.multiplets.size(); ++m) {
        for (const auto p : r.multiplets[m].peaks) {
            if (p < multiplet_of.size()) multiplet_of[p] = static_cast<int>(m);
        }
    }
    out = "ppm,height,area,fwhm_hz,snr,multiplet,pattern\n";
    for (std::size_t i = 0; i < r.peaks.size(); ++i) {
        const auto& p = r.peaks[i];
        const int m = multiplet_of[i];
        out += fmt::format("{:.5f},{:.6g},{:.6g},{:.3f},{:.1f},{},{}\n", p.ppm, p.height, p.area, p.fwhm_hz, p.snr,
                           m, m >= 0 ? signal::name(r.multiplets[static_cast<std::size_t>(m)].multiplicity) : "");
    }
    return out;
}

std::string lcms_process_csv(const signal::LcmsResult& r) {
    std::string out = "mz,rt_s,rt_from_s,rt_to_s,intensity,area,snr,fwhm_s,charge,isotopes,group,adduct,neutral_mass\n";
    for (const auto& f : r.features) {
        std::string iso;
        for (double mz : f.isotopes) {
            if (!iso.empty()) iso.push_back(' ');
            iso.append(fmt::format("{:.5f}", mz));
        }
        out += fmt::format("{:.6f},{:.2f},{:.2f},{:.2f},{:.6g},{:.6g},{:.1f},{:.2f},{},{},{},{},{:.5f}\n", f.mz, f.rt_s,
                           f.rt_from_s, f.rt_to_s, f.intensity, f.area, f.snr, f.fwhm_s, f.charge, csv_field(iso),
                           f.group, csv_field(f.adduct), f.neutral_mass);
    }
    return out;
}

}  // namespace sidepeak::report

#include "sidepeak/report/json_report.hpp"

#include <cmath>

#include <nlohmann/json.hpp>

#include "evidence_kind.hpp"
#include "report_json_tree.hpp"
#include "sidepeak/version.hpp"

namespace sidepeak::report {
using nlohmann::json;
using detail::json_text;

std::string_view data_kind_name(DataKind kind) noexcept {
    switch (kind) {
        case DataKind::nmr: return "nmr";
        case DataKind::lcms: return "lcms";
        case DataKind::unknown: break;
    }
    return "unknown";
}

DataKind data_kind_from_name(std::string_view name) noexcept {
    for (const DataKind kind : {DataKind::nmr, DataKind::lcms}) {
        if (data_kind_name(kind) == name) return kind;
    }
    return DataKind::unknown;
}

namespace {

// JSON has no NaN or infinity: non-finite numbers are written as null.
json number(double v) { return std::isfinite(v) ? json(v) : json(nullptr); }

void put(json& j, const char* key, const std::optional<double>& v) {
    if (v) j[key] = number(*v);
}

json evidence_json(const classify::Evidence& e) {
    json j = {{"kind", std::string(detail::evidence_kind_name(e.kind))}};
    if (!e.label.empty()) j["label"] = e.label;
    if (e.role == classify::EvidenceRole::considered) j["role"] = "considered";
    put(j, "mz", e.mz);
    put(j, "rt_s", e.rt_s);
    if (!e.formula.empty()) j["formula"] = e.formula;
    if (!e.adduct.empty()) j["adduct"] = e.adduct;
    put(j, "ppm_error", e.ppm_error);
    put(j, "intensity", e.intensity);
    put(j, "ppm", e.ppm);
    put(j, "ppm_from", e.ppm_from);
    put(j, "ppm_to", e.ppm_to);
    if (!e.multiplicity.empty()) j["multiplicity"] = e.multiplicity;
    if (!e.j_hz.empty()) j["j_hz"] = e.j_hz;
    put(j, "area_fraction", e.area_fraction);
    put(j, "kmd", e.kmd);
    if (!e.scan_ids.empty()) j["scan_ids"] = e.scan_ids;
    if (!e.collision_energies.empty()) {
        json energies = json::array();
        for (double v : e.collision_energies) energies.push_back(number(v));
        j["collision_energies"] = energies;
    }
    if (!e.collision_energy_unit.empty()) j["collision_energy_unit"] = e.collision_energy_unit;
    if (!e.activation.empty()) j["activation"] = e.activation;
    if (e.kind == classify::EvidenceKind::ms2_spectrum) {
        json fragments = json::array();
        for (const auto& f : e.fragments) {
            json g = {{"mz", number(f.mz)}, {"relative_intensity", number(f.relative_intensity)}, {"label", f.label},
                      {"formula", f.formula}, {"ppm_error", number(f.ppm_error)}};
            if (!f.loss.empty()) g["loss"] = f.loss;
            if (!f.loss_name.empty()) g["loss_name"] = f.loss_name;
            fragments.push_back(std::move(g));
        }
        j["fragments"] = std::move(fragments);
        // The detector's prediction (mirror plot of the HTML page), only where it made one.
        if (!e.predicted.empty()) {
            json predicted = json::array();
            for (const auto& p : e.predicted) {
                json g = {{"mz", number(p.mz)}, {"name", p.name}, {"observed", p.observed}};
                if (!p.formula.empty()) g["formula"] = p.formula;
                if (!p.loss.empty()) g["loss"] = p.loss;
                if (!p.meaning.empty()) g["meaning"] = p.meaning;
                predicted.push_back(std::move(g));
            }
            j["predicted_fragments"] = std::move(predicted);
        }
    }
    return j;
}

json finding_json(const classify::Finding& f) {
    json evidence = json::array();
    for (const auto& e : f.evidence) evidence.push_back(evidence_json(e));
    return {{"class", std::string(classify::class_name(f.cls))},
            {"detected", f.detected},
            {"checked", f.checked},
            {"confidence", number(f.confidence)},
            {"summary", f.summary},
            {"evidence", evidence}};
}

}  // namespace

namespace detail {

std::string json_text(const json& j, int indent) {
    return j.dump(indent, ' ', false, json::error_handler_t::replace);
}

json sample_json(const SampleResult& s) {
    json inputs = json::array();
    for (const auto& in : s.inputs) {
        json j = {{"path", in.path.string()}, {"format", std::string(format_name(in.format))}, {"kind", std::string(data_kind_name(in.kind))},
                  {"status", in.ok ? "ok" : "error"}};
        if (!in.ok) j["error"] = in.error;
        inputs.push_back(j);
    }
    json findings = json::array();
    for (const auto& f : s.findings) findings.push_back(finding_json(f));
    json context = json::object();
    if (!s.context.product.empty()) context["product"] = s.context.product;
    if (!s.context.increment.empty()) context["reagent"] = s.context.increment;
    if (!s.context.reagent.empty()) context["reagent_name"] = s.context.reagent;
    context["source"] = std::string(classify::context_source_name(s.context.source));
    if (!s.context.inferred_from.empty()) context["inferred_from"] = s.context.inferred_from;
    return {{"id", s.id}, {"context", context}, {"inputs", inputs}, {"findings", findings}};
}

json report_json(const BatchResult& batch) {
    json samples = json::array();
    json errors = json::array();
    json skipped = json::array();
    for (const auto& e : batch.skipped) skipped.push_back({{"path", e.path.string()}, {"reason", e.reason}});
    for (const auto& s : batch.samples) {
        samples.push_back(sample_json(s));
        for (const auto& in : s.inputs) {
            if (!in.ok) errors.push_back({{"path", in.path.string()}, {"sample", s.id}, {"error", in.error}});
        }
        for (const auto& e : s.skipped) {
            skipped.push_back({{"path", e.path.string()}, {"sample", s.id}, {"reason", e.reason}});
        }
    }
    json out = {{"schema", kReportSchema},
                {"tool", {{"name", "sidepeak"}, {"version", sidepeak::version()}}},
                {"samples", samples},
                {"errors", errors},
                {"skipped", skipped}};
    // The parameters in the shape --config reads ({"nmr": {...}, ...}), so a run can be repeated.
    if (!batch.parameters.empty()) {
        json parameters = json::object();
        for (const auto& p : batch.parameters) {
            const auto dot = p.key.find('.');
            parameters[p.key.substr(0, dot)][p.key.substr(dot + 1)] = json::parse(p.value_json, nullptr, false);
        }
        out["parameters"] = std::move(parameters);
    }
    return out;
}

}  // namespace detail

namespace {

json nmr_process_json(const signal::NmrResult& r, bool with_spectrum) {
    json peaks = json::array();
    for (const auto& p : r.peaks) {
        peaks.push_back({{"ppm", number(p.ppm)}, {"height", number(p.height)}, {"area", number(p.area)},
                         {"fwhm_hz", number(p.fwhm_hz)}, {"snr", number(p.snr)}});
    }
    json multiplets = json::array();
    for (const auto& m : r.multiplets) {
        multiplets.push_back({{"ppm", number(m.ppm)}, {"range", {number(m.ppm_from), number(m.ppm_to)}},
                              {"pattern", signal::name(m.multiplicity)}, {"j_hz", m.j_hz}, {"area", number(m.area)},
                              {"relative_area", number(m.relative_area)}});
    }
    json reference = {{"signal", r.reference.signal}, {"ppm", number(r.reference.ppm)},
                      {"shift_ppm", number(r.reference.shift_ppm)}, {"found", r.reference.found}};
    if (!r.reference.reason.empty()) reference["reason"] = r.reference.reason;
    if (!r.reference.rejected.empty()) {
        reference["rejected"] = {{"signal", r.reference.rejected}, {"ppm", number(r.reference.rejected_ppm)}};
    }
    if (r.reference.disagreement_ppm) reference["disagreement_ppm"] = number(*r.reference.disagreement_ppm);
    json j = {{"kind", std::string(data_kind_name(DataKind::nmr))},
              {"format", std::string(format_name(r.meta.format))},
              {"nucleus", r.meta.nucleus},
              {"spectrometer_mhz", number(r.spectrum.spectrometer_mhz)},
              {"solvent", r.meta.solvent},
              {"reference", reference},
              {"phase", {{"p0_deg", number(r.phase.p0_deg)}, {"p1_deg", number(r.phase.p1_deg)},
                         {"method", r.phase.method}}},
              {"noise", number(r.noise)},
              {"points", r.spectrum.size()},
              {"peaks", peaks},
              {"multiplets", multiplets},
              {"timings_ms", {{"group_delay", r.timings.group_delay_ms}, {"apodization", r.timings.apodization_ms},
                              {"fft", r.timings.fft_ms}, {"phase", r.timings.phase_ms},
                              {"reference", r.timings.reference_ms}, {"baseline", r.timings.baseline_ms},
                              {"noise", r.timings.noise_ms}, {"peaks", r.timings.peaks_ms},
                              {"multiplets", r.timings.multiplets_ms}, {"total", r.timings.total_ms}}}};
    if (with_spectrum) {
        json ppm = json::array();
        json intensity = json::array();
        for (std::size_t i = 0; i < r.spectrum.size(); ++i) {
            ppm.push_back(r.spectrum.ppm_at(static_cast<double>(i)));
            intensity.push_back(number(r.spectrum.real[i]));
        }
        j["spectrum"] = {{"ppm", ppm}, {"intensity", intensity}};
    }
    return j;
}

}  // namespace

std::string report_json_text(const BatchResult& batch, int indent) {
    return json_text(detail::report_json(batch), indent);
}

std::string sample_json_text(const SampleResult& sample, int indent) {
    return json_text(detail::sample_json(sample), indent);
}

std::string nmr_process_json_text(const signal::NmrResult& result, bool with_spectrum, int indent) {
    return json_text(nmr_process_json(result, with_spectrum), indent);
}

}  // namespace sidepeak::report

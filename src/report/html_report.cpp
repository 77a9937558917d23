#include "sidepeak/report/html_report.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <limits>
#include <optional>

#include <fmt/format.h>

#include "evidence_kind.hpp"
#include "html_assets.hpp"
#include "sidepeak/chem/formula.hpp"
#include "sidepeak/core/error.hpp"
#include "sidepeak/core/file_io.hpp"
#include "sidepeak/report/json_report.hpp"
#include "sidepeak/report/svg_plot.hpp"
#include "sidepeak/version.hpp"

namespace sidepeak::report {
namespace {

constexpr std::size_t kDisplayBuckets = 2500;  // min/max pairs per plotted series

std::string page(const std::string& title, const std::string& body) {
    return fmt::format(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
        "script-src 'unsafe-inline'; img-src data:\">"
        "<title>{}</title><style>{}</style></head><body>\n{}\n<script>{}</script></body></html>\n",
        html_escape(title), assets::kCss, body, assets::kScript);
}

struct VerdictText {
    std::string css, symbol, word, key;
};

VerdictText verdict(const classify::Finding& f) {
    if (!f.checked) return {"v-unchecked", "?", "could not check", "not_checked"};
    if (f.detected) return {"v-found", "\xE2\x9C\x96", "found", "detected"};  // heavy X
    return {"v-clear", "\xE2\x9C\x93", "not found", "not_detected"};          // check mark
}

std::string class_title(classify::ByproductClass c) {
    switch (c) {
        case classify::ByproductClass::oligomer: return "Oligomer";
        case classify::ByproductClass::over_alkylation: return "Over-alkylation";
        case classify::ByproductClass::n_oxide: return "N-oxide";
        case classify::ByproductClass::hofmann: return "Hofmann elimination";
    }
    return "?";
}

std::string verdict_cell(const classify::Finding& f) {
    const auto v = verdict(f);
    return fmt::format("<td class=\"{}\" data-key=\"{}{:.3f}\"><span aria-hidden=\"true\">{}</span> {} "
                       "<span class=\"conf\">({:.0f}%)</span></td>",
                       v.css, v.key == "detected" ? "2" : v.key == "not_detected" ? "0" : "1", f.confidence, v.symbol,
                       v.word, 100.0 * f.confidence);
}

std::string context_text(const classify::SampleContext& c) {
    std::string out;
    if (!c.product.empty()) out += "product " + c.product;
    if (!c.reagent.empty()) out += (out.empty() ? "" : ", ") + std::string("reagent ") + c.reagent;
    if (!c.increment.empty() && c.increment != c.reagent) out += " (increment " + c.increment + ")";
    if (out.empty()) return "no reaction context given";
    // A reviewer must see that the context was read from the data, not stated, and on what evidence.
    if (c.source == classify::ContextSource::inferred)
        out += c.inferred_from.empty() ? ", inferred from the data" : ", inferred from the data: " + c.inferred_from;
    return out;
}

}  // namespace

std::string sample_file_name(const std::string& id, std::size_t index) {
    std::string safe;
    for (const char c : id) {
        const auto u = static_cast<unsigned char>(c);
        safe += (std::isalnum(u) || c == '-' || c == '_' || c == '.') ? c : '_';
        if (safe.size() >= 80) break;
    }
    while (!safe.empty() && safe.front() == '.') safe.erase(0, 1);
    return fmt::format("{:04d}-{}.html", index + 1, safe.empty() ? "sample" : safe);
}

std::string index_html(const BatchResult& batch) {
    std::size_t errors = 0;
    for (const auto& s : batch.samples) {
        for (const auto& in : s.inputs) errors += in.ok ? 0 : 1;
    }
    std::string body = fmt::format(
        "<header><h1>sidepeak report</h1><p class=\"muted\">{} samples, {} unreadable inputs. sidepeak {}. "
        "\xE2\x9C\x96 found, \xE2\x9C\x93 not found, ? could not check; the percentage is the confidence.</p></header>\n",
        batch.samples.size(), errors, sidepeak::version());
    body += "<div class=\"filters\" role=\"search\"><label>Class <select id=\"f-class\"><option value=\"\">any</option>";
    for (const auto c : classify::kAllClasses) {
        body += fmt::format("<option value=\"{}\">{}</option>", classify::class_name(c), class_title(c));
    }
    body += "</select></label><label>Verdict <select id=\"f-verdict\"><option value=\"\">any</option>"
            "<option value=\"detected\">found</option><option value=\"not_detected\">not found</option>"
            "<option value=\"not_checked\">could not check</option></select></label>"
            "<label>Sample <input id=\"f-text\" type=\"search\" placeholder=\"id contains\"></label>"
            "<span class=\"muted\"><span id=\"shown\"></span> shown</span></div>\n";
    body += "<table id=\"samples\" class=\"sortable\"><caption class=\"muted\">Click a column header to sort.</caption>"
            "<thead><tr><th scope=\"col\" data-sort>Sample</th><th scope=\"col\" data-sort>Inputs</th>";
    for (const auto c : classify::kAllClasses) body += fmt::format("<th scope=\"col\" data-sort>{}</th>", class_title(c));
    body += "</tr></thead><tbody>\n";
    for (std::size_t i = 0; i < batch.samples.size(); ++i) {
        const auto& s = batch.samples[i];
        std::size_t ok = 0;
        for (const auto& in : s.inputs) ok += in.ok ? 1 : 0;
        body += fmt::format("<tr data-id=\"{}\"", html_escape(s.id));
        for (const auto& f : s.findings) body += fmt::format(" data-{}=\"{}\"", classify::class_name(f.cls), verdict(f).key);
        body += fmt::format("><th scope=\"row\"><a href=\"samples/{}\">{}</a></th>", sample_file_name(s.id, i),
                            html_escape(s.id));
        body += fmt::format("<td data-key=\"{}\">{} of {} read{}</td>", ok, ok, s.inputs.size(),
                            ok < s.inputs.size() ? " <span class=\"err\">(errors)</span>" : "");
        for (const auto& f : s.findings) body += verdict_cell(f);
        body += "</tr>\n";
    }
    body += "</tbody></table>\n";
    if (errors > 0) {
        body += "<h2 id=\"errors\">Inputs that could not be read</h2><table><thead><tr><th scope=\"col\">Sample</th>"
                "<th scope=\"col\">Path</th><th scope=\"col\">Problem</th></tr></thead><tbody>\n";
        for (const auto& s : batch.samples) {
            for (const auto& in : s.inputs) {
                if (in.ok) continue;
                body += fmt::format("<tr><td>{}</td><td>{}</td><td class=\"err\">{}</td></tr>\n", html_escape(s.id),
                                    html_escape(in.path.string()), html_escape(in.error));
            }
        }
        body += "</tbody></table>\n";
    }
    return page("sidepeak report", body);
}

namespace {

double spectrum_value_at(const NmrSpectrum& s, double ppm) {
    const double idx = s.index_of(ppm);
    if (s.real.empty() || idx < 0 || idx > static_cast<double>(s.size() - 1)) return 0.0;
    return s.real[static_cast<std::size_t>(std::lround(idx))];
}

double series_value_at(const Chromatogram& c, double t) {
    if (c.time_s.empty()) return 0.0;
    const auto it = std::lower_bound(c.time_s.begin(), c.time_s.end(), t);
    const std::size_t i = std::min<std::size_t>(static_cast<std::size_t>(it - c.time_s.begin()), c.time_s.size() - 1);
    return c.intensity[i];
}

// Where an evidence link zooms its plot to: centre and half-width in the plot's x units.
struct LinkSpan {
    double x = 0.0, half_width = 0.0;
};

std::string evidence_row(const classify::Evidence& e, const std::string& plot_id, std::size_t n,
                         const std::optional<LinkSpan>& span = std::nullopt) {
    std::string where, link_x, width;
    if (e.ppm) {
        where = fmt::format("{:.3f} ppm", *e.ppm);
        link_x = fmt::format("{}", *e.ppm);
        width = "0.15";
    } else if (e.ppm_from && e.ppm_to) {
        where = fmt::format("{:.2f}\xE2\x80\x93{:.2f} ppm", *e.ppm_from, *e.ppm_to);
        link_x = fmt::format("{}", 0.5 * (*e.ppm_from + *e.ppm_to));
        width = fmt::format("{}", std::abs(*e.ppm_to - *e.ppm_from));
    } else if (e.rt_s) {
        where = fmt::format("{:.1f} s", *e.rt_s);
        link_x = fmt::format("{}", *e.rt_s);
        width = "30";
    }
    if (span) {  // a plot whose x is not the evidence's RT or ppm (the MS2 spectrum: m/z)
        if (where.empty() && e.mz) where = fmt::format("m/z {:.4f}", *e.mz);
        link_x = fmt::format("{}", span->x);
        width = fmt::format("{}", span->half_width);
    }
    std::string value;
    if (e.mz) value += fmt::format("m/z {:.4f} ", *e.mz);
    if (!e.formula.empty()) value += html_escape(e.formula) + " ";
    if (!e.adduct.empty()) value += html_escape(e.adduct) + " ";
    if (e.ppm_error) value += fmt::format("({:+.1f} ppm) ", *e.ppm_error);
    if (e.intensity) value += fmt::format("int. {:.3g} ", *e.intensity);
    if (!e.multiplicity.empty()) value += html_escape(e.multiplicity) + " ";
    for (double j : e.j_hz) value += fmt::format("J={:.1f} Hz ", j);
    if (e.area_fraction) value += fmt::format("{:.1f}% of area ", 100.0 * *e.area_fraction);
    if (e.kmd) value += fmt::format("KMD {:.4f}", *e.kmd);
    // MS2 evidence: provenance and the annotated fragments as text (strongest first).
    if (!e.scan_ids.empty()) {
        value += fmt::format("{} MS2 scan{}", e.scan_ids.size(), e.scan_ids.size() == 1 ? "" : "s");
        if (!e.activation.empty()) value += " " + html_escape(e.activation);
        if (!e.collision_energies.empty()) value += fmt::format(" {:g}", e.collision_energies.front());
        if (!e.collision_energy_unit.empty()) value += " " + html_escape(e.collision_energy_unit);
        value += "; ";
    }
    if (!e.fragments.empty()) {
        std::vector<const classify::Ms2Fragment*> order;
        for (const auto& f : e.fragments) order.push_back(&f);
        std::sort(order.begin(), order.end(), [](const auto* a, const auto* b) { return a->relative_intensity > b->relative_intensity; });
        if (order.size() > 12) order.resize(12);
        for (const auto* f : order)
            value += fmt::format("{:.4f} {} ({:.0f}%, {:+.1f} ppm); ", f->mz, html_escape(f->label), 100.0 * f->relative_intensity,
                                 f->ppm_error);
    }
    // Every number links to the plot where it is seen (and zooms onto it).
    const bool linked = !plot_id.empty() && !link_x.empty();
    const auto link = [&](const std::string& text, const std::string& id) {
        return linked ? fmt::format("<a href=\"#{}\" data-plot=\"{}\" data-x=\"{}\" data-w=\"{}\"{}>{}</a>", plot_id, plot_id,
                                    link_x, width, id, text)
                      : text;
    };
    // Observations that were considered but do not support the finding (near misses of a clean
    // finding) say so, so a reviewer does not read them as by-product evidence.
    const std::string label = e.role == classify::EvidenceRole::considered ? "considered, not supporting: " + e.label : e.label;
    return fmt::format("<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n", html_escape(detail::evidence_kind_name(e.kind)),
                       html_escape(label), link(html_escape(where), fmt::format(" id=\"ev-{}\"", n)),
                       value.empty() ? value : link(value, ""));
}

std::string nmr_figure(const NmrInput& input, const std::vector<classify::Finding>& findings, std::size_t k) {
    const auto& r = input.result;
    const auto& s = r.spectrum;
    SvgPlot plot;
    plot.id = fmt::format("nmr{}", k);
    plot.title = fmt::format("{} spectrum of {}", r.meta.nucleus, input.path.filename().string());
    plot.description = fmt::format("Processed {} NMR spectrum, {} points, {} peaks above S/N; by-product evidence marked.",
                                   r.meta.nucleus, s.size(), r.peaks.size());
    plot.x_label = "chemical shift (ppm)";
    plot.y_label = "intensity";
    plot.reverse_x = true;
    std::vector<double> x(s.size());
    for (std::size_t i = 0; i < s.size(); ++i) x[i] = s.ppm_at(static_cast<double>(i));
    PlotSeries series;
    series.name = "spectrum";
    decimate_min_max(x, s.real, kDisplayBuckets, series.x, series.y);
    plot.series.push_back(std::move(series));
    // The strongest peaks get small unlabelled ticks; evidence gets labelled markers.
    std::vector<std::size_t> order(r.peaks.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::sort(order.begin(), order.end(), [&](auto a, auto b) { return r.peaks[a].height > r.peaks[b].height; });
    for (std::size_t i = 0; i < order.size() && i < 200; ++i) {
        const auto& p = r.peaks[order[i]];
        plot.markers.push_back({p.ppm, p.height, "", fmt::format("{}-p{}", plot.id, i), "peak"});
    }
    std::size_t n = 0;
    for (const auto& f : findings) {
        for (const auto& e : f.evidence) {
            ++n;
            const std::string css = f.cls == classify::ByproductClass::oligomer ? "hump"
                                    : f.cls == classify::ByproductClass::hofmann ? "olefin" : "";
            const std::string label = e.role == classify::EvidenceRole::considered ? "considered: " + e.label : e.label;
            const classify::EvidenceKind kind = e.kind;
            if (kind == classify::EvidenceKind::nmr_region && e.ppm_from && e.ppm_to) {
                plot.regions.push_back({*e.ppm_from, *e.ppm_to, label, fmt::format("{}-e{}", plot.id, n), css});
            } else if (kind == classify::EvidenceKind::nmr_signal && e.ppm) {
                plot.markers.push_back({*e.ppm, spectrum_value_at(s, *e.ppm),
                                        label.empty() ? fmt::format("{:.2f}", *e.ppm) : label,
                                        fmt::format("{}-e{}", plot.id, n), "evidence"});
            }
        }
    }
    return fmt::format("<figure>{}<figcaption>{} <button type=\"button\" data-reset=\"{}\">Full spectrum</button> "
                       "<span class=\"zoomhelp\">Wheel to zoom, drag to pan, double-click to reset.</span></figcaption></figure>\n",
                       plot.render(), html_escape(plot.description), plot.id);
}

std::string trace_figures(const IonTrace& t, std::size_t k, std::size_t index) {
    SvgPlot xic;
    xic.id = fmt::format("xic{}-{}", k, index);
    const std::string name = t.label.empty() ? fmt::format("m/z {:.4f}", t.mz) : t.label;
    xic.title = fmt::format("Extracted-ion chromatogram of {} (m/z {:.4f} \xC2\xB1 {:g} ppm)", name, t.mz, t.tolerance_ppm);
    xic.description = fmt::format("Intensity of m/z {:.4f} in every MS1 scan; the evidence retention time {:.1f} s is marked.",
                                  t.mz, t.rt_s);
    xic.x_label = "retention time (s)";
    xic.y_label = "intensity";
    xic.height = 200;
    PlotSeries trace{{}, {}, "series", "XIC", false};
    decimate_min_max(t.xic.time_s, t.xic.intensity, kDisplayBuckets, trace.x, trace.y);
    xic.series.push_back(std::move(trace));
    xic.markers.push_back({t.rt_s, series_value_at(t.xic, t.rt_s), fmt::format("{:.1f} s", t.rt_s), xic.id + "-apex", "evidence"});
    SvgPlot ms;
    ms.id = fmt::format("ms{}-{}", k, index);
    ms.title = fmt::format("Mass spectrum at {:.1f} s around m/z {:.4f}", t.rt_s, t.mz);
    ms.description = "Observed peaks (blue sticks) and the isotope pattern predicted from the formula (red dots, scaled to the "
                     "observed monoisotopic peak).";
    ms.x_label = "m/z";
    ms.y_label = "intensity";
    ms.height = 200;
    PlotSeries sticks{{}, {}, "series", "observed", false};
    double mono = 0.0;
    for (std::size_t i = 0; i < t.spectrum_mz.size(); ++i) {
        for (double y : {0.0, t.spectrum_intensity[i], 0.0}) {
            sticks.x.push_back(t.spectrum_mz[i]);
            sticks.y.push_back(y);
        }
        if (std::abs(t.spectrum_mz[i] - t.mz) <= t.mz * std::max(t.tolerance_ppm, 1.0) * 1e-6) {
            mono = std::max(mono, t.spectrum_intensity[i]);
        }
    }
    ms.series.push_back(std::move(sticks));
    if (!t.predicted_mz.empty() && mono > 0) {
        PlotSeries predicted{{}, {}, "dots evidence", "predicted isotope pattern", true};
        for (std::size_t i = 0; i < t.predicted_mz.size(); ++i) {
            predicted.x.push_back(t.predicted_mz[i]);
            predicted.y.push_back(mono * t.predicted_relative[i]);
        }
        ms.series.push_back(std::move(predicted));
    }
    const std::string formula = t.formula.empty() ? "" : fmt::format(" {} {}", t.formula, t.adduct);
    return fmt::format("<h3>{}{}</h3><div class=\"pair\"><figure>{}<figcaption>{}</figcaption></figure>"
                       "<figure>{}<figcaption>{}</figcaption></figure></div>\n",
                       html_escape(name), html_escape(formula), xic.render(), html_escape(xic.description), ms.render(),
                       html_escape(ms.description));
}

// ---- MS/MS spectra ----------------------------------------------------------------------------

// A fragment the detector's rules predict from the precursor ion: the precursor minus a neutral
// loss. `n_oxide` separates the N-oxide's losses (O, OH*, R2N-OH) from those of the intact amine
// (H2O of a C-hydroxylation, R2NH; CH3SOH / SO of a sulfoxide), the two hypotheses the N-oxide
// detector weighs (docs/classifier.md, "MS/MS of the +O ion").
struct PredictedFragment {
    std::string name;
    double mz = 0.0;
    bool n_oxide = false;
};

std::vector<PredictedFragment> predicted_fragments(const classify::Evidence& e, const classify::SampleContext& context) {
    std::vector<PredictedFragment> out;
    try {
        const chem::Formula ion(e.formula);
        if (ion.charge() == 0) return out;
        std::vector<std::pair<std::string, chem::Formula>> ox{
            {"O", chem::Formula("O")}, {"OH*", chem::Formula("OH")}, {"Me2NOH", chem::Formula("C2H7NO")}};
        std::vector<std::pair<std::string, chem::Formula>> intact{{"H2O", chem::Formula("H2O")}, {"Me2NH", chem::Formula("C2H7N")}};
        if (ion.count("S") > 0) {
            intact.emplace_back("CH3SOH", chem::Formula("CH4OS"));
            intact.emplace_back("SO", chem::Formula("OS"));
        }
        // The reagent's alkyl group R (increment + H), as the detector adds it.
        if (!context.increment.empty()) {
            const chem::Formula inc(context.increment);
            if (!(inc == chem::Formula("CH2"))) {
                const chem::Formula r = inc + chem::Formula("H");
                const std::string rn = "R=" + r.to_string();
                ox.emplace_back("R2NOH (" + rn + ")", r * 2 + chem::Formula("HNO"));
                ox.emplace_back("RMeNOH (" + rn + ")", r + chem::Formula("CH4NO"));
                intact.emplace_back("R2NH (" + rn + ")", r * 2 + chem::Formula("HN"));
                intact.emplace_back("RMeNH (" + rn + ")", r + chem::Formula("CH4N"));
            }
        }
        const auto add = [&](const auto& list, bool n_oxide) {
            for (const auto& [name, loss] : list) {
                const chem::Formula f = ion - loss;
                if (f.has_negative() || f.empty()) continue;
                out.push_back({name, f.mz(), n_oxide});
            }
        };
        add(ox, true);
        add(intact, false);
    } catch (const Error&) {
        out.clear();  // a formula the chemistry engine cannot read: no prediction, the spectrum alone
    }
    return out;
}

// The consensus spectrum the detector read for `e` (matched by its scans), or nullptr.
const Ms2Trace* find_ms2_trace(const SampleResult& s, const classify::Evidence& e) {
    for (const auto& in : s.lcms) {
        for (const auto& t : in.ms2) {
            if (t.scan_ids == e.scan_ids) return &t;
        }
    }
    return nullptr;
}

struct Ms2Figure {
    std::string html;
    LinkSpan span;  // the whole spectrum, for the evidence row's link
};

// Stick plot of the consensus MS2 of one "ms2_spectrum" evidence, relative intensity in %, the
// annotated fragments labelled by their loss (or ion formula); with a prediction, a mirror plot:
// observed up, predicted fragment positions down.
Ms2Figure ms2_figure(const SampleResult& s, const classify::Finding& finding, const classify::Evidence& e,
                     const std::string& id) {
    constexpr std::size_t kMaxLabels = 16;  // strongest annotated fragments get a text label
    SvgPlot plot;
    plot.id = id;
    plot.x_label = "m/z";
    plot.height = 300;
    const Ms2Trace* trace = find_ms2_trace(s, e);
    const double precursor = e.mz.value_or(trace ? trace->precursor_mz : 0.0);
    PlotSeries sticks{{}, {}, "series", "observed consensus MS2", false};
    double lo = precursor > 0 ? precursor : std::numeric_limits<double>::max();
    double hi = precursor;
    const auto stick = [&](PlotSeries& series, double x, double y) {
        for (const double v : {0.0, y, 0.0}) {
            series.x.push_back(x);
            series.y.push_back(v);
        }
        lo = std::min(lo, x);
        hi = std::max(hi, x);
    };
    if (trace != nullptr) {
        for (std::size_t i = 0; i < trace->mz.size() && i < trace->relative_intensity.size(); ++i)
            stick(sticks, trace->mz[i], 100.0 * trace->relative_intensity[i]);
    } else {
        for (const auto& f : e.fragments) stick(sticks, f.mz, 100.0 * f.relative_intensity);
    }
    std::vector<PredictedFragment> predicted =
        finding.cls == classify::ByproductClass::n_oxide ? predicted_fragments(e, s.context) : std::vector<PredictedFragment>{};
    // Other classes (and an N-oxide entry whose formula gives no prediction): the detector's own
    // prediction from report.json, observed fragments to -100 %, the ones not seen to -60 %.
    const bool generic = predicted.empty() && !e.predicted.empty();
    if (generic)
        for (const auto& p : e.predicted) predicted.push_back({p.name, p.mz, p.observed});
    const bool mirror = !predicted.empty();
    // Predicted positions have no predicted intensity: N-oxide losses are drawn to -100 %, the
    // intact amine's to -60 %, so the two sets are told apart by length as well as colour.
    PlotSeries pred_ox{{}, {}, "pred-nox", generic ? "predicted fragments, observed" : "predicted N-oxide losses", false};
    PlotSeries pred_intact{{}, {}, "pred-intact", generic ? "predicted fragments, not observed" : "predicted intact-amine losses",
                           false};
    for (const auto& p : predicted) stick(p.n_oxide ? pred_ox : pred_intact, p.mz, p.n_oxide ? -100.0 : -60.0);
    if (!(lo <= hi)) lo = hi = 0.0;
    const double pad = std::max(5.0, 0.04 * (hi - lo));
    lo = std::max(0.0, lo - pad);
    hi += pad;
    // Annotated fragments: labelled markers, the diagnostic losses (the prediction's) in red.
    std::vector<const classify::Ms2Fragment*> order;
    for (const auto& f : e.fragments) order.push_back(&f);
    std::sort(order.begin(), order.end(), [](const auto* a, const auto* b) { return a->relative_intensity > b->relative_intensity; });
    for (std::size_t i = 0; i < order.size(); ++i) {
        const auto& f = *order[i];
        const bool diagnostic = std::any_of(predicted.begin(), predicted.end(), [&](const auto& p) { return p.name == f.loss_name; });
        const std::string name = !f.loss_name.empty() ? "\xE2\x88\x92" + f.loss_name : !f.formula.empty() ? f.formula : f.label;
        plot.markers.push_back({f.mz, 100.0 * f.relative_intensity, diagnostic || i < kMaxLabels ? name : "",
                                fmt::format("{}-f{}", id, i), diagnostic ? "evidence" : "peak"});
    }
    // Predicted labels of one set closer than 2 % of the m/z range (O and OH* are 1 m/z apart) are
    // joined into one ("-O / -OH*") so they do not print over each other.
    std::vector<std::size_t> by_mz(predicted.size());
    for (std::size_t i = 0; i < by_mz.size(); ++i) by_mz[i] = i;
    std::sort(by_mz.begin(), by_mz.end(), [&](auto a, auto b) { return predicted[a].mz < predicted[b].mz; });
    const double near = 0.02 * (hi - lo);
    for (const bool n_oxide : {true, false}) {
        std::optional<std::size_t> open;  // the marker carrying the current joined label
        for (const std::size_t i : by_mz) {
            const auto& p = predicted[i];
            if (p.n_oxide != n_oxide) continue;
            const bool ion = generic && p.name.find('+') != std::string::npos;  // a listed fragment ion, not a loss
            const std::string name = ion ? p.name : "\xE2\x88\x92" + p.name;
            const bool join = open && p.mz - plot.markers[*open].x < near;
            if (join) plot.markers[*open].label += " / " + name;
            plot.markers.push_back({p.mz, n_oxide ? -100.0 : -60.0, join ? "" : name, fmt::format("{}-p{}", id, i),
                                    n_oxide ? "pred-nox" : "pred-intact"});
            if (!join) open = plot.markers.size() - 1;
        }
    }
    PlotSeries zero{{lo, hi}, {0.0, 0.0}, "baseline", "zero", false};
    plot.series.push_back(std::move(zero));
    plot.series.push_back(std::move(sticks));
    if (!pred_ox.x.empty()) plot.series.push_back(std::move(pred_ox));
    if (!pred_intact.x.empty()) plot.series.push_back(std::move(pred_intact));
    plot.mirror_y = mirror;
    plot.y_label = mirror ? "relative intensity (%), predicted below" : "relative intensity (%)";
    std::string energies;
    if (!e.collision_energies.empty()) {
        const auto mm = std::minmax_element(e.collision_energies.begin(), e.collision_energies.end());
        energies = *mm.second > *mm.first ? fmt::format(" {:g}\xE2\x80\x93{:g}", *mm.first, *mm.second) : fmt::format(" {:g}", *mm.first);
        if (!e.collision_energy_unit.empty()) energies += " " + e.collision_energy_unit;
    }
    const std::string provenance =
        fmt::format("{}{}{}, {} scan{}{}", e.activation.empty() ? "" : e.activation, energies,
                    e.rt_s ? fmt::format(" at {:.1f} s", *e.rt_s) : "", e.scan_ids.size(), e.scan_ids.size() == 1 ? "" : "s",
                    e.formula.empty() ? "" : ", precursor " + e.formula);
    plot.title = fmt::format("MS2 of m/z {:.4f}{}", precursor, mirror ? " against the predicted fragments" : "");
    std::string description = fmt::format(
        "Consensus fragment spectrum ({}) as relative intensity, {}; annotated fragments labelled by their neutral loss "
        "(\xE2\x88\x92) or ion formula, the diagnostic losses in red.",
        provenance,
        trace != nullptr ? fmt::format("{} peaks", trace->mz.size())
                         : fmt::format("the {} annotated fragments only (the full peak list was not kept)", e.fragments.size()));
    if (mirror && generic) {
        description += " Below: the fragments the detector's literature rules predict (no intensity is predicted; "
                       "losses marked \xE2\x88\x92, fragment ions by formula): seen in the consensus in red to 100 %, "
                       "not seen in green to 60 %.";
    } else if (mirror) {
        const bool sulfoxide = std::any_of(predicted.begin(), predicted.end(), [](const auto& p) { return p.name == "CH3SOH"; });
        description += fmt::format(" Below: the fragment positions the rules predict (no intensity is predicted): N-oxide "
                                   "losses (O, OH*, R2N-OH) in red to 100 %, losses of the intact amine (H2O of a "
                                   "C-hydroxylation, R2NH{}) in green to 60 %.",
                                   sulfoxide ? "; CH3SOH, SO of a sulfoxide" : "");
    }
    plot.description = description;
    const double mid = 0.5 * (lo + hi), half = 0.5 * (hi - lo);
    Ms2Figure out;
    out.span = {mid, half};
    out.html = fmt::format("<h3 id=\"{}-h\">{} (m/z {:.4f})</h3><figure>{}<figcaption>{} <button type=\"button\" data-reset=\"{}\">Whole "
                           "spectrum</button> <span class=\"zoomhelp\">Wheel to zoom, drag to pan, double-click to reset."
                           "</span></figcaption></figure>\n",
                           html_escape(id), html_escape(e.label), precursor, plot.render(),
                           html_escape(plot.description), html_escape(id));
    return out;
}

std::string lcms_figure(const LcmsInput& input, const std::vector<classify::Finding>& findings, std::size_t k) {
    const auto& r = input.result;
    SvgPlot plot;
    plot.id = fmt::format("lc{}", k);
    plot.title = fmt::format("Chromatograms of {}", input.path.filename().string());
    plot.description = fmt::format("TIC (blue) and base-peak chromatogram (amber) of {} MS1 scans with {} features; "
                                   "evidence ions marked at their retention time.",
                                   r.ms1_spectra, r.features.size());
    plot.x_label = "retention time (s)";
    plot.y_label = "intensity";
    PlotSeries tic{{}, {}, "series", "TIC", false};
    decimate_min_max(r.tic.time_s, r.tic.intensity, kDisplayBuckets, tic.x, tic.y);
    PlotSeries bpc{{}, {}, "bpc", "BPC", false};
    decimate_min_max(r.bpc.time_s, r.bpc.intensity, kDisplayBuckets, bpc.x, bpc.y);
    plot.series.push_back(std::move(tic));
    plot.series.push_back(std::move(bpc));
    std::size_t n = 0;
    for (const auto& f : findings) {
        for (const auto& e : f.evidence) {
            ++n;
            if (e.kind != classify::EvidenceKind::ms_ion || !e.rt_s) continue;
            const std::string label = e.mz ? fmt::format("{:.2f}", *e.mz) : e.label;
            plot.markers.push_back({*e.rt_s, series_value_at(r.bpc, *e.rt_s), label, fmt::format("{}-e{}", plot.id, n),
                                    "evidence"});
        }
    }
    std::string out = fmt::format("<figure>{}<figcaption>{} <button type=\"button\" data-reset=\"{}\">Full run</button>"
                                  "</figcaption></figure>\n",
                                  plot.render(), html_escape(plot.description), plot.id);
    // Extracted-ion chromatogram and apex spectrum of each evidence ion.
    for (std::size_t t = 0; t < input.traces.size(); ++t) out += trace_figures(input.traces[t], k, t);
    // Kendrick mass defect plot when an oligomer series was reported.
    std::vector<double> ex, ey;
    for (const auto& f : findings) {
        if (f.cls != classify::ByproductClass::oligomer) continue;
        for (const auto& e : f.evidence) {
            if (e.mz && e.kmd) {
                ex.push_back(*e.mz);
                ey.push_back(*e.kmd);
            }
        }
    }
    if (!ex.empty()) {
        SvgPlot kmd;
        kmd.id = fmt::format("kmd{}", k);
        kmd.title = "Kendrick mass defect of the oligomer series";
        kmd.description = "Members of one repeat-unit series share a Kendrick mass defect (horizontal row).";
        kmd.x_label = "m/z";
        kmd.y_label = "Kendrick mass defect";
        kmd.height = 260;
        kmd.series.push_back({ex, ey, "dots evidence", "series members", true});
        out += fmt::format("<figure>{}<figcaption>{}</figcaption></figure>\n", kmd.render(), html_escape(kmd.description));
    }
    return out;
}

}  // namespace

std::string sample_html(const SampleResult& s) {
    std::string body = fmt::format("<p><a href=\"../report.html\">\xE2\x86\x90 all samples</a></p><h1>Sample {}</h1>"
                                   "<p>Reaction context: {}. Analysed in {:.0f} ms.</p>\n",
                                   html_escape(s.id), html_escape(context_text(s.context)), s.elapsed_ms);
    body += "<h2>Verdicts</h2><table><thead><tr><th scope=\"col\">Class</th><th scope=\"col\">Verdict</th>"
            "<th scope=\"col\">Summary</th></tr></thead><tbody>\n";
    for (const auto& f : s.findings) {
        body += fmt::format("<tr><th scope=\"row\"><a href=\"#c-{}\">{}</a></th>{}<td>{}</td></tr>\n",
                            classify::class_name(f.cls), class_title(f.cls), verdict_cell(f), html_escape(f.summary));
    }
    body += "</tbody></table>\n<h2>Inputs</h2><table><thead><tr><th scope=\"col\">Path</th><th scope=\"col\">Format</th>"
            "<th scope=\"col\">Status</th></tr></thead><tbody>\n";
    for (const auto& in : s.inputs) {
        body += fmt::format("<tr><td>{}</td><td>{}</td><td class=\"{}\">{}</td></tr>\n", html_escape(in.path.string()),
                            html_escape(std::string(format_name(in.format))), in.ok ? "" : "err", in.ok ? "read" : html_escape(in.error));
    }
    body += "</tbody></table>\n";
    const std::string first_nmr = s.nmr.empty() ? "" : "nmr0";
    const std::string first_lc = s.lcms.empty() ? "" : "lc0";
    for (std::size_t k = 0; k < s.nmr.size(); ++k) {
        const auto& r = s.nmr[k].result;
        body += fmt::format("<h2>NMR: {}</h2><p class=\"muted\">{} at {:.2f} MHz in {}; referenced to {} ({}); phase "
                            "p0 {:.1f}\xC2\xB0, p1 {:.1f}\xC2\xB0 ({}); noise \xCF\x83 {:.3g}.</p>\n",
                            html_escape(s.nmr[k].path.filename().string()), html_escape(r.meta.nucleus),
                            r.spectrum.spectrometer_mhz, html_escape(r.meta.solvent.empty() ? "?" : r.meta.solvent),
                            html_escape(r.reference.signal),
                            r.reference.reason.empty() ? (r.reference.found ? "found" : "not found") : html_escape(r.reference.reason),
                            r.phase.p0_deg,
                            r.phase.p1_deg, html_escape(r.phase.method), r.noise);
        body += nmr_figure(s.nmr[k], s.findings, k);
        if (!r.multiplets.empty()) {
            body += "<details><summary>Multiplets and integrals</summary><table><thead><tr><th scope=\"col\">ppm</th>"
                    "<th scope=\"col\">range</th><th scope=\"col\">pattern</th><th scope=\"col\">J (Hz)</th>"
                    "<th scope=\"col\">relative area</th></tr></thead><tbody>\n";
            for (const auto& m : r.multiplets) {
                std::string js;
                for (double j : m.j_hz) js += fmt::format("{}{:.1f}", js.empty() ? "" : ", ", j);
                body += fmt::format("<tr><td>{:.3f}</td><td>{:.3f}\xE2\x80\x93{:.3f}</td><td>{}</td><td>{}</td><td>{:.3g}</td></tr>\n",
                                    m.ppm, m.ppm_from, m.ppm_to, html_escape(signal::name(m.multiplicity)), js, m.relative_area);
            }
            body += "</tbody></table></details>\n";
        }
    }
    for (std::size_t k = 0; k < s.lcms.size(); ++k) {
        body += fmt::format("<h2>LC-MS: {}</h2>\n", html_escape(s.lcms[k].path.filename().string()));
        body += lcms_figure(s.lcms[k], s.findings, k);
    }
    // MS/MS spectra of the "ms2_spectrum" evidence, numbered like the evidence rows.
    std::vector<std::optional<LinkSpan>> ms2_spans;
    {
        std::string ms2_html;
        std::size_t m = 0;
        for (const auto& f : s.findings) {
            for (const auto& e : f.evidence) {
                ++m;
                ms2_spans.resize(m + 1);
                if (e.kind != classify::EvidenceKind::ms2_spectrum) continue;
                const Ms2Figure fig = ms2_figure(s, f, e, fmt::format("ms2-{}", m));
                ms2_html += fig.html;
                ms2_spans[m] = fig.span;
            }
        }
        if (!ms2_html.empty()) body += "<h2>MS/MS spectra</h2>\n" + ms2_html;
    }
    body += "<h2>Evidence</h2>\n";
    std::size_t n = 0;
    for (const auto& f : s.findings) {
        body += fmt::format("<h3 id=\"c-{}\">{}: <span class=\"{}\">{}</span></h3><p>{}</p>\n", classify::class_name(f.cls),
                            class_title(f.cls), verdict(f).css, verdict(f).word, html_escape(f.summary));
        if (f.evidence.empty()) continue;
        body += "<table><thead><tr><th scope=\"col\">Kind</th><th scope=\"col\">What</th><th scope=\"col\">Where</th>"
                "<th scope=\"col\">Values</th></tr></thead><tbody>\n";
        for (const auto& e : f.evidence) {
            ++n;
            const classify::EvidenceKind kind = e.kind;
            const bool nmr = detail::is_nmr(kind);
            std::string plot = nmr ? first_nmr : first_lc;
            if (!nmr && e.mz && !s.lcms.empty()) {
                const auto& traces = s.lcms.front().traces;
                for (std::size_t t = 0; t < traces.size(); ++t) {
                    if (std::abs(traces[t].mz - *e.mz) <= *e.mz * traces[t].tolerance_ppm * 1e-6) {
                        plot = fmt::format("xic0-{}", t);
                        break;
                    }
                }
            }
            if (kind == classify::EvidenceKind::ms2_spectrum && n < ms2_spans.size() && ms2_spans[n]) {
                body += evidence_row(e, fmt::format("ms2-{}", n), n, ms2_spans[n]);
                continue;
            }
            body += evidence_row(e, plot, n);
        }
        body += "</tbody></table>\n";
    }
    return page("sidepeak: " + s.id, body);
}

void write_html_report(const std::filesystem::path& dir, const BatchResult& batch) {
    std::filesystem::create_directories(dir / "samples");
    for (std::size_t i = 0; i < batch.samples.size(); ++i) {
        write_file_atomic(dir / "samples" / sample_file_name(batch.samples[i].id, i), sample_html(batch.samples[i]));
    }
    write_file_atomic(dir / "report.html", index_html(batch));
}

}  // namespace sidepeak::report

#include "sidepeak/pipeline/parameters.hpp"

#include <cmath>
#include <cstdio>
#include <type_traits>
#include <utility>

#include "parameter_table.hpp"
#include "sidepeak/core/error.hpp"
#include "report_json_tree.hpp"

namespace sidepeak::pipeline {
using nlohmann::json;

namespace detail {
namespace {

std::string number_text(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", v);
    return buf;
}

double checked_number(const json& value, const std::string& key, double lo, double hi) {
    if (!value.is_number()) throw UsageError("config: " + key + " must be a number");
    const double v = value.get<double>();
    if (!(v >= lo && v <= hi))
        throw UsageError("config: " + key + " is out of range (" + number_text(lo) + " to " + number_text(hi) + ")");
    return v;
}

// `field` is a generic lambda returning a reference to the option (const or not).
template <typename Field>
Parameter real(std::string key, std::string unit, double lo, double hi, std::string help, Field field) {
    Parameter p{key, std::move(unit), number_text(lo) + " to " + number_text(hi), std::move(help), {}, {}};
    p.get = [field](const AnalysisOptions& o) { return json(static_cast<double>(field(o))); };
    p.set = [field, key, lo, hi](AnalysisOptions& o, const json& v) { field(o) = checked_number(v, key, lo, hi); };
    return p;
}

template <typename Field>
Parameter whole(std::string key, std::string unit, long lo, long hi, std::string help, Field field) {
    Parameter p{key, std::move(unit), std::to_string(lo) + " to " + std::to_string(hi) + " (whole number)",
                std::move(help), {}, {}};
    p.get = [field](const AnalysisOptions& o) { return json(static_cast<long>(field(o))); };
    p.set = [field, key, lo, hi](AnalysisOptions& o, const json& v) {
        const double x = checked_number(v, key, static_cast<double>(lo), static_cast<double>(hi));
        if (x != std::floor(x)) throw UsageError("config: " + key + " must be a whole number");
        using T = std::remove_reference_t<decltype(field(o))>;
        field(o) = static_cast<T>(x);
    };
    return p;
}

template <typename Field>
Parameter flag(std::string key, std::string help, Field field) {
    Parameter p{key, "", "true | false", std::move(help), {}, {}};
    p.get = [field](const AnalysisOptions& o) { return json(static_cast<bool>(field(o))); };
    p.set = [field, key](AnalysisOptions& o, const json& v) {
        if (!v.is_boolean()) throw UsageError("config: " + key + " must be true or false");
        field(o) = v.get<bool>();
    };
    return p;
}

template <typename Enum, typename Field>
Parameter choice(std::string key, std::vector<std::pair<std::string, Enum>> names, std::string help, Field field) {
    std::string allowed;
    for (const auto& [name, value] : names) allowed += (allowed.empty() ? "" : " | ") + name;
    Parameter p{key, "", allowed, std::move(help), {}, {}};
    p.get = [field, names](const AnalysisOptions& o) {
        for (const auto& [name, value] : names) {
            if (value == field(o)) return json(name);
        }
        return json(nullptr);
    };
    p.set = [field, names, key](AnalysisOptions& o, const json& v) {
        if (!v.is_string()) throw UsageError("config: " + key + " must be a string");
        for (const auto& [name, value] : names) {
            if (name == v.get<std::string>()) {
                field(o) = value;
                return;
            }
        }
        throw UsageError("config: unknown value '" + v.get<std::string>() + "' for " + key);
    };
    return p;
}

}  // namespace

std::vector<Parameter> parameter_table() {
    using signal::Apodization;
    using signal::BaselineMethod;
    using signal::PhaseMethod;
    std::vector<Parameter> t;
    // NMR: processing of the FID (docs/algorithms/).
    t.push_back(choice<Apodization>(
        "nmr.apodization",
        {{"exponential", Apodization::exponential}, {"gaussian", Apodization::gaussian}, {"sine_bell", Apodization::sine_bell},
         {"sine_bell_squared", Apodization::sine_bell_squared}, {"none", Apodization::none}},
        "window multiplied into the FID before the FFT", [](auto& o) -> auto& { return o.nmr.transform.apodization; }));
    t.push_back(real("nmr.line_broadening_hz", "Hz", 0.0, 1000.0, "exponential line broadening, or the Gaussian width",
                     [](auto& o) -> auto& { return o.nmr.transform.line_broadening_hz; }));
    t.push_back(real("nmr.sine_shift_deg", "deg", 0.0, 180.0, "sine-bell shift (90 = cosine bell)",
                     [](auto& o) -> auto& { return o.nmr.transform.sine_shift_deg; }));
    t.push_back(whole("nmr.zero_fill_factor", "", 1, 16,
                      "spectrum points = next power of two >= this x the complex FID points",
                      [](auto& o) -> auto& { return o.nmr.transform.zero_fill_factor; }));
    t.push_back(choice<PhaseMethod>(
        "nmr.phase",
        {{"acme", PhaseMethod::acme}, {"peak_minimum_entropy", PhaseMethod::peak_minimum_entropy}, {"manual", PhaseMethod::manual},
         {"none", PhaseMethod::none}},
        "automatic phasing (ACME entropy minimisation) or the manual p0/p1", [](auto& o) -> auto& { return o.nmr.phase_method; }));
    t.push_back(real("nmr.p0_deg", "deg", -1e5, 1e5, "zero-order phase for phase = manual",
                     [](auto& o) -> auto& { return o.nmr.manual_p0_deg; }));
    t.push_back(real("nmr.p1_deg", "deg", -1e6, 1e6, "first-order phase across the spectral width for phase = manual",
                     [](auto& o) -> auto& { return o.nmr.manual_p1_deg; }));
    t.push_back(flag("nmr.reference", "reference the shift axis (TMS/DSS/TSP at 0 ppm, else the residual solvent line)",
                     [](auto& o) -> auto& { return o.nmr.reference; }));
    t.push_back(real("nmr.snr_threshold", "", 0.0, 1e6, "peaks below this signal-to-noise ratio are not reported",
                     [](auto& o) -> auto& { return o.nmr.snr_threshold; }));
    t.push_back(flag("nmr.use_vendor_processed", "Bruker: use the processed pdata 1r/1i instead of processing the FID",
                     [](auto& o) -> auto& { return o.nmr.use_vendor_processed; }));
    // NMR baseline (docs/algorithms/baseline.md).
    t.push_back(choice<BaselineMethod>(
        "nmr.baseline",
        {{"arpls", BaselineMethod::arpls}, {"asls", BaselineMethod::asls}, {"airpls", BaselineMethod::airpls},
         {"polynomial", BaselineMethod::polynomial}, {"none", BaselineMethod::none}},
        "baseline method (asymmetrically reweighted penalised least squares, asymmetric least squares, "
        "adaptive iteratively reweighted PLS, iterative polynomial)",
        [](auto& o) -> auto& { return o.nmr.baseline.method; }));
    t.push_back(real("nmr.baseline_lambda", "", 0.0, 1e15,
                     "Whittaker smoothness in the spectrum's own points; 0 = from baseline_cutoff_period_hz",
                     [](auto& o) -> auto& { return o.nmr.baseline.lambda; }));
    t.push_back(real("nmr.baseline_cutoff_period_hz", "Hz", 1.0, 1e6,
                     "half-power period of the smoother (arpls): slower undulations are followed, humps bridged",
                     [](auto& o) -> auto& { return o.nmr.baseline.cutoff_period_hz; }));
    t.push_back(real("nmr.baseline_lower_envelope_period_hz", "Hz", 1.0, 1e6, "the same period for asls and airpls",
                     [](auto& o) -> auto& { return o.nmr.baseline.lower_envelope_period_hz; }));
    t.push_back(whole("nmr.baseline_max_working_points", "points", 64, 1 << 22,
                      "the baseline is computed on at most this many subsampled points and interpolated back",
                      [](auto& o) -> auto& { return o.nmr.baseline.max_working_points; }));
    t.push_back(whole("nmr.baseline_roll_harmonics", "", 0, 64,
                      "harmonics of the first-point roll removed first (0 = no first stage)",
                      [](auto& o) -> auto& { return o.nmr.baseline.roll_harmonics; }));
    t.push_back(whole("nmr.baseline_roll_legendre_order", "", 0, 8, "Legendre order of the roll model's slow part",
                      [](auto& o) -> auto& { return o.nmr.baseline.roll_legendre_order; }));
    t.push_back(real("nmr.baseline_roll_gate_sigma", "", 0.0, 1e6,
                     "the roll is removed only when the smoother would miss it by more than this many scatter sigmas",
                     [](auto& o) -> auto& { return o.nmr.baseline.roll_gate_sigma; }));
    t.push_back(whole("nmr.baseline_polynomial_order", "", 0, 20, "order for baseline = polynomial",
                      [](auto& o) -> auto& { return o.nmr.baseline.polynomial_order; }));
    t.push_back(real("nmr.baseline_asls_p", "", 1e-9, 0.5, "asymmetry weight of points above the fit (asls)",
                     [](auto& o) -> auto& { return o.nmr.baseline.asls_p; }));
    t.push_back(whole("nmr.baseline_max_iterations", "", 1, 1000, "reweighting iterations at most",
                      [](auto& o) -> auto& { return o.nmr.baseline.max_iterations; }));
    t.push_back(real("nmr.baseline_tolerance", "", 1e-12, 1.0, "relative weight change that ends the reweighting",
                     [](auto& o) -> auto& { return o.nmr.baseline.tolerance; }));
    // NMR multiplets.
    t.push_back(real("nmr.multiplet_window_hz", "Hz", 0.0, 1000.0, "neighbouring peaks closer than this may form one multiplet",
                     [](auto& o) -> auto& { return o.nmr.multiplets.window_hz; }));
    t.push_back(real("nmr.multiplet_min_adjacent_ratio", "", 0.0, 1.0,
                     "...when the smaller is at least this fraction of the larger",
                     [](auto& o) -> auto& { return o.nmr.multiplets.min_adjacent_ratio; }));
    t.push_back(real("nmr.multiplet_connected_fraction", "", 0.0, 1.0,
                     "peaks whose valley stays above this fraction of the smaller apex are one band",
                     [](auto& o) -> auto& { return o.nmr.multiplets.connected_fraction; }));
    t.push_back(real("nmr.multiplet_range_extension_fwhm", "FWHM", 0.0, 1000.0,
                     "the integration range reaches this many line widths beyond the outer lines",
                     [](auto& o) -> auto& { return o.nmr.multiplets.range_extension_fwhm; }));
    t.push_back(real("nmr.multiplet_max_span_hz", "Hz", 1.0, 10000.0, "a multiplet never spans more than this",
                     [](auto& o) -> auto& { return o.nmr.multiplets.max_span_hz; }));
    t.push_back(real("nmr.multiplet_position_tolerance_fwhm", "FWHM", 0.0, 10.0,
                     "line positions must match a first-order pattern within this many line widths",
                     [](auto& o) -> auto& { return o.nmr.multiplets.position_tolerance_fwhm; }));
    t.push_back(real("nmr.multiplet_min_j_fwhm", "FWHM", 0.0, 100.0, "smallest coupling reported, in line widths",
                     [](auto& o) -> auto& { return o.nmr.multiplets.min_j_fwhm; }));
    t.push_back(real("nmr.multiplet_intensity_tolerance", "", 0.0, 10.0,
                     "observed / expected line heights within [1/(1+t), 1+t] for a first-order pattern",
                     [](auto& o) -> auto& { return o.nmr.multiplets.intensity_tolerance; }));
    t.push_back(real("nmr.multiplet_fallback_mhz", "MHz", 1.0, 2000.0,
                     "spectrometer frequency assumed when the file gives none",
                     [](auto& o) -> auto& { return o.nmr.multiplets.fallback_mhz; }));
    // LC-MS (docs/algorithms/).
    t.push_back(real("lcms.mass_tolerance_ppm", "ppm", 0.01, 1000.0, "m/z tolerance of mass traces, isotopes and adducts",
                     [](auto& o) -> auto& { return o.lcms.mass_tolerance_ppm; }));
    t.push_back(real("lcms.min_snr", "", 0.0, 1e6, "features below this chromatographic signal-to-noise are dropped",
                     [](auto& o) -> auto& { return o.lcms.min_snr; }));
    t.push_back(real("lcms.min_trace_scans", "scans", 1.0, 1000.0, "minimum consecutive scans of a mass trace",
                     [](auto& o) -> auto& { return o.lcms.min_trace_scans; }));
    t.push_back(whole("lcms.max_charge", "", 1, 10, "highest charge state considered in isotope grouping",
                      [](auto& o) -> auto& { return o.lcms.max_charge; }));
    t.push_back(whole("lcms.max_missing_scans", "scans", 0, 100, "scans without the ion bridged inside a mass trace",
                      [](auto& o) -> auto& { return o.lcms.max_missing_scans; }));
    t.push_back(real("lcms.expected_fwhm_s", "s", 0.01, 3600.0, "typical chromatographic peak width (sets the smoothing)",
                     [](auto& o) -> auto& { return o.lcms.expected_fwhm_s; }));
    t.push_back(real("lcms.rt_tolerance_s", "s", 0.0, 3600.0, "apex agreement for isotope and adduct grouping",
                     [](auto& o) -> auto& { return o.lcms.rt_tolerance_s; }));
    t.push_back(real("lcms.min_correlation", "", -1.0, 1.0, "elution-profile correlation for isotope and adduct grouping",
                     [](auto& o) -> auto& { return o.lcms.min_correlation; }));
    t.push_back(whole("lcms.centroid_min_points", "points", 2, 1000, "profile points a centroid needs (apex included)",
                      [](auto& o) -> auto& { return o.lcms.centroid_min_points; }));
    t.push_back(real("lcms.trace_min_intensity", "intensity", 0.0, 1e30, "centroids below this never join a mass trace",
                     [](auto& o) -> auto& { return o.lcms.trace_min_intensity; }));
    t.push_back(real("lcms.seed_snr", "", 0.0, 1e6, "a mass trace starts only at a centroid this many run-noise units high",
                     [](auto& o) -> auto& { return o.lcms.seed_snr; }));
    t.push_back(real("lcms.min_fwhm_s", "s", 0.0, 3600.0, "elution peaks narrower than this are dropped (0 = keep)",
                     [](auto& o) -> auto& { return o.lcms.min_fwhm_s; }));
    t.push_back(real("lcms.max_fwhm_s", "s", 0.01, 36000.0, "elution peaks wider than this are dropped",
                     [](auto& o) -> auto& { return o.lcms.max_fwhm_s; }));
    t.push_back(real("lcms.split_valley_ratio", "", 0.0, 1.0, "a trace is split where the valley is below this x the lower apex",
                     [](auto& o) -> auto& { return o.lcms.split_valley_ratio; }));
    t.push_back(real("lcms.min_prominence", "", 0.0, 1e6, "an elution peak rises this many trace-noise units above its baseline",
                     [](auto& o) -> auto& { return o.lcms.min_prominence; }));
    t.push_back(whole("lcms.memory_cap_bytes", "bytes", 1L << 20, 1L << 40,
                      "a streamed run keeps centroids up to about half of this and MS2 fragment lists up to a quarter "
                      "in memory and spills the rest to unlinked temporary files (results identical)",
                      [](auto& o) -> auto& { return o.lcms.memory_cap_bytes; }));
    t.push_back(real("lcms.isotope_abs_tolerance", "Da", 0.0, 0.1, "extra m/z allowed for 15N/34S/18O isotope spacings",
                     [](auto& o) -> auto& { return o.lcms.isotope_abs_tolerance; }));
    t.push_back(whole("lcms.max_isotopes", "", 1, 20, "isotope peaks searched after the monoisotopic one",
                      [](auto& o) -> auto& { return o.lcms.max_isotopes; }));
    // Classifier (docs/classifier.md).
    t.push_back(real("classify.mass_tolerance_ppm", "ppm", 0.1, 100.0, "m/z agreement of an ion assignment",
                     [](auto& o) -> auto& { return o.classify.mass_tolerance_ppm; }));
    t.push_back(real("classify.coelution_s", "s", 0.0, 600.0, "apexes closer than max(this, half the mean FWHM) co-elute",
                     [](auto& o) -> auto& { return o.classify.coelution_s; }));
    t.push_back(real("classify.separation_s", "s", 0.0, 600.0, "apexes further apart than max(this, the larger FWHM) are separated",
                     [](auto& o) -> auto& { return o.classify.separation_s; }));
    return t;
}

}  // namespace detail

std::vector<ParameterInfo> parameter_list() {
    const AnalysisOptions defaults;
    std::vector<ParameterInfo> out;
    for (const auto& p : detail::parameter_table())
        out.push_back({p.key, p.unit, p.allowed, p.help, report::detail::json_text(p.get(defaults))});
    return out;
}

std::vector<report::ParameterValue> parameter_values(const AnalysisOptions& options) {
    std::vector<report::ParameterValue> out;
    for (const auto& p : detail::parameter_table()) out.push_back({p.key, report::detail::json_text(p.get(options))});
    return out;
}

std::string default_config_text() {
    const AnalysisOptions defaults;
    const auto table = detail::parameter_table();
    std::string text = "// sidepeak analysis parameters with their defaults (sidepeak config --defaults).\n"
                       "// Keep the keys you change; --config accepts this file as it is, comments included.\n{\n";
    std::string section;
    for (std::size_t i = 0; i < table.size(); ++i) {
        const auto& p = table[i];
        if (p.section() != section) {
            if (!section.empty()) text += "\n  },\n";
            section = p.section();
            text += "  \"" + section + "\": {\n";
        } else {
            text += ",\n";
        }
        text += "    // " + p.help + (p.unit.empty() ? std::string() : " [" + p.unit + "]") + "; " + p.allowed + "\n";
        text += "    \"" + p.name() + "\": " + report::detail::json_text(p.get(defaults));
    }
    text += "\n  }\n}\n";
    return text;
}

std::string parameters_markdown() {
    std::string md = "| key | default | unit | allowed | what it does |\n|---|---|---|---|---|\n";
    for (const auto& p : parameter_list()) {
        std::string allowed = p.allowed;
        for (std::size_t i = 0; (i = allowed.find('|', i)) != std::string::npos; i += 2) allowed.replace(i, 1, "\\|");
        md += "| `" + p.key + "` | `" + p.default_json + "` | " + p.unit + " | " + allowed + " | " + p.help + " |\n";
    }
    return md;
}

}  // namespace sidepeak::pipeline

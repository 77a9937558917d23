#pragma once
// A constructed batch that exercises every part of the reports: NMR and LC-MS data, all four
// classes with evidence of each kind, an unreadable input, and hostile text.
#include <cmath>
#include <string>

#include "sidepeak/report/sample_report.hpp"

namespace sidepeak::test {

inline report::SampleResult make_sample(const std::string& id, std::size_t points = 8192) {
    using classify::ByproductClass;
    report::SampleResult s;
    s.id = id;
    s.context = {"C12H18N2", "benzyl", "C7H6", sidepeak::classify::ContextSource::given, ""};
    s.inputs.push_back({"/data/" + id + "/10", DataFormat::bruker_fid, DataKind::nmr, true, ""});
    s.inputs.push_back({"/data/" + id + "/run.mzML", DataFormat::mzml, DataKind::lcms, true, ""});
    s.inputs.push_back({"/data/" + id + "/broken.jdx", DataFormat::unknown, DataKind::unknown, false, "not a recognised NMR or LC-MS format"});
    report::NmrInput nmr;
    nmr.path = "/data/" + id + "/10";
    auto& r = nmr.result;
    r.meta.nucleus = "1H";
    r.meta.solvent = "CDCl3";
    r.spectrum.ppm_first = 12.0;
    r.spectrum.ppm_last = -1.0;
    r.spectrum.spectrometer_mhz = 400.13;
    r.spectrum.real.resize(points);
    for (std::size_t i = 0; i < points; ++i) {
        const double ppm = r.spectrum.ppm_at(static_cast<double>(i));
        double y = 0;
        for (double c : {7.26, 5.8, 5.1, 3.55, 2.9, 1.75}) y += 1.0 / (1.0 + std::pow((ppm - c) / 0.004, 2));
        r.spectrum.real[i] = y;
    }
    r.baseline.assign(points, 0.0);
    r.reference.signal = "CHCl3";
    r.reference.ppm = 7.26;
    r.reference.shift_ppm = 0.001;
    r.reference.found = true;
    r.reference.reason = "CHCl3 residual; no internal standard";
    r.noise = 0.001;
    r.peaks.push_back({7.26, 0, 1.0, 0.01, 1.6, 1000});
    r.peaks.push_back({5.80, 0, 1.0, 0.01, 1.6, 1000});
    r.multiplets.push_back({5.80, 5.86, 5.74, sidepeak::signal::Multiplicity::of({2, 2, 3}), {17.1, 10.2, 6.5}, 0.01, 1.0, {1}});
    s.nmr.push_back(nmr);
    report::LcmsInput lc;
    lc.path = "/data/" + id + "/run.mzML";
    for (int i = 0; i < 600; ++i) {
        const double t = i * 1.0;
        lc.result.tic.time_s.push_back(t);
        lc.result.tic.intensity.push_back(1e5 + 1e6 * std::exp(-std::pow((t - 300) / 8, 2)));
        lc.result.bpc.time_s.push_back(t);
        lc.result.bpc.intensity.push_back(5e4 + 8e5 * std::exp(-std::pow((t - 300) / 8, 2)));
    }
    lc.result.ms1_spectra = 600;
    lc.result.spectra = 600;
    signal::Feature f;
    f.mz = 191.1543;
    f.rt_s = 300;
    f.intensity = 8e5;
    lc.result.features.push_back(f);
    // The consensus MS2 of the product's +O ion (m/z 207.1492), as the N-oxide detector read it.
    report::Ms2Trace ms2;
    ms2.scan_ids = {"scan=412", "scan=419"};
    ms2.precursor_mz = 207.1490;
    ms2.mz = {65.0386, 91.0542, 105.0699, 120.0808, 134.0964, 189.1386, 207.1492};
    ms2.relative_intensity = {0.04, 0.45, 0.06, 0.12, 0.08, 1.0, 0.2};
    lc.ms2.push_back(ms2);
    s.lcms.push_back(lc);
    for (const auto c : classify::kAllClasses) {
        classify::Finding finding;
        finding.cls = c;
        finding.checked = true;
        finding.detected = c != ByproductClass::n_oxide;
        finding.confidence = 0.9;
        finding.summary = std::string(classify::class_name(c)) + " summary for " + id;
        classify::Evidence e;
        switch (c) {
            case ByproductClass::oligomer:
                e.kind = classify::EvidenceKind::nmr_region;
                e.label = "broad hump";
                e.ppm_from = 3.2;
                e.ppm_to = 1.4;
                e.area_fraction = 0.12;
                finding.evidence.push_back(e);
                e = {};
                e.kind = classify::EvidenceKind::ms_ion;
                e.mz = 201.2074;
                e.kmd = 0.0012;
                e.rt_s = 250;
                finding.evidence.push_back(e);
                break;
            case ByproductClass::over_alkylation:
                e.kind = classify::EvidenceKind::ms_ion;
                e.label = "[M+H+Δ]+";
                e.mz = 281.2012;
                e.rt_s = 330;
                e.formula = "C19H24N2";
                e.adduct = "[M+H]+";
                e.ppm_error = 1.2;
                e.intensity = 2e4;
                finding.evidence.push_back(e);
                break;
            case ByproductClass::hofmann:
                e.kind = classify::EvidenceKind::nmr_signal;
                e.label = "=CH-";
                e.ppm = 5.8;
                e.multiplicity = "ddt";
                e.j_hz = {17.1, 10.2, 6.5};
                e.area_fraction = 0.01;
                finding.evidence.push_back(e);
                break;
            case ByproductClass::n_oxide:
                e.kind = classify::EvidenceKind::ms2_spectrum;
                e.role = classify::EvidenceRole::considered;
                e.label = "MS2 of the +O ion: no N-oxide loss (C-hydroxylation)";
                e.mz = 207.1490;
                e.rt_s = 312.4;
                e.formula = "C12H19N2O+";
                e.adduct = "[M+H]+";
                e.scan_ids = {"scan=412", "scan=419"};
                e.collision_energies = {30.0, 30.0};
                e.collision_energy_unit = "%";
                e.activation = "HCD";
                e.fragments = {{189.1386, 1.0, "[M+H-H2O]+", "C12H17N2+", "H2O", "H2O", -0.4},
                               {91.0542, 0.45, "C7H7+ (tropylium)", "C7H7+", "", "", 0.3},
                               {207.1492, 0.2, "[M+H]+", "C12H19N2O+", "", "", 0.9}};
                finding.evidence.push_back(e);
                break;
        }
        s.findings.push_back(finding);
    }
    return s;
}

}  // namespace sidepeak::test

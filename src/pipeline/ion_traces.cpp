#include "ion_traces.hpp"

#include <algorithm>
#include <cmath>

#include "sidepeak/chem/adducts.hpp"
#include "sidepeak/chem/isotopes.hpp"
#include "sidepeak/core/error.hpp"
#include "sidepeak/signal/chromatogram.hpp"
#include "sidepeak/signal/lcms_stream.hpp"
#include "sidepeak/signal/xic_index.hpp"

namespace sidepeak::pipeline {
namespace {

constexpr double kWindowBelow = 1.5;  // m/z shown below the ion: room for [M+H-O]+ neighbours is not needed here
constexpr double kWindowAbove = 4.5;  // M+1..M+4 isotopes of a singly charged ion

void predict(report::IonTrace& t) {
    if (t.formula.empty() || t.adduct.empty()) return;
    try {
        const chem::Formula ion = chem::ion_formula(chem::Formula(t.formula), chem::find_adduct(t.adduct));
        for (const auto& p : chem::isotope_pattern(ion)) {
            if (p.relative < 1e-3) continue;
            t.predicted_mz.push_back(p.mz);
            t.predicted_relative.push_back(p.relative);
        }
    } catch (const Error&) {
        // A formula or adduct the chemistry engine cannot turn into an ion: show the data only.
    }
}

// One trace per distinct ms_ion evidence (m/z and RT filled, no data yet).
std::vector<report::IonTrace> evidence_targets(const std::vector<classify::Finding>& findings, double tolerance_ppm,
                                               std::size_t max_traces) {
    std::vector<report::IonTrace> traces;
    for (const auto& f : findings) {
        for (const auto& e : f.evidence) {
            if (e.kind != classify::EvidenceKind::ms_ion || !e.mz || traces.size() >= max_traces) continue;
            const bool seen = std::any_of(traces.begin(), traces.end(), [&](const auto& t) {
                return std::abs(t.mz - *e.mz) <= *e.mz * tolerance_ppm * 1e-6 &&
                       (!e.rt_s || std::abs(t.rt_s - *e.rt_s) < 1.0);
            });
            if (seen) continue;
            report::IonTrace t;
            t.label = e.label;
            t.formula = e.formula;
            t.adduct = e.adduct;
            t.mz = *e.mz;
            t.rt_s = e.rt_s.value_or(0.0);
            t.tolerance_ppm = tolerance_ppm;
            traces.push_back(std::move(t));
        }
    }
    return traces;
}

}  // namespace

std::vector<report::IonTrace> trace_evidence_ions(const signal::LcmsStream& run, const std::vector<classify::Finding>& findings,
                                                  double tolerance_ppm, std::size_t max_traces) {
    // Only the m/z windows the traces read (the XIC tolerance and the apex spectrum around each
    // ion), not the whole run, which may be spilled to disk.
    std::vector<signal::PeakStore::Range> ranges;
    for (const auto& t : evidence_targets(findings, tolerance_ppm, max_traces)) {
        const double w = signal::ppm_window(t.mz, tolerance_ppm);
        ranges.push_back({t.mz - std::max(kWindowBelow, w), std::nextafter(t.mz + std::max(kWindowAbove, w), HUGE_VAL)});
    }
    std::sort(ranges.begin(), ranges.end(), [](const auto& a, const auto& b) { return a.lo < b.lo; });
    std::vector<signal::PeakStore::Range> merged;
    for (const auto& r : ranges) {
        if (!merged.empty() && r.lo <= merged.back().hi) {
            merged.back().hi = std::max(merged.back().hi, r.hi);
        } else {
            merged.push_back(r);
        }
    }
    return trace_evidence_ions(run.peak_map(merged), findings, tolerance_ppm, max_traces);
}

std::vector<report::IonTrace> trace_evidence_ions(const signal::PeakMap& map, const std::vector<classify::Finding>& findings,
                                                  double tolerance_ppm, std::size_t max_traces) {
    std::vector<report::IonTrace> traces = evidence_targets(findings, tolerance_ppm, max_traces);
    if (traces.empty() || map.scans() == 0) return traces;
    const signal::XicIndex index(map);
    for (auto& t : traces) {
        t.xic = index.densify(index.xic(t.mz, tolerance_ppm));
        t.xic.kind = ChromatogramKind::xic;
        t.xic.precursor_mz = t.mz;
        // Apex scan: the evidence retention time when given, else the XIC maximum.
        std::size_t apex = 0;
        if (t.rt_s > 0) {
            const auto it = std::lower_bound(map.rt_s.begin(), map.rt_s.end(), t.rt_s);
            apex = std::min<std::size_t>(static_cast<std::size_t>(it - map.rt_s.begin()), map.scans() - 1);
        } else if (!t.xic.intensity.empty()) {
            apex = static_cast<std::size_t>(std::max_element(t.xic.intensity.begin(), t.xic.intensity.end()) -
                                            t.xic.intensity.begin());
            t.rt_s = map.rt_s[apex];
        }
        const auto mz = map.scan_mz(apex);
        const auto in = map.scan_intensity(apex);
        for (std::size_t i = 0; i < mz.size(); ++i) {
            if (mz[i] >= t.mz - kWindowBelow && mz[i] <= t.mz + kWindowAbove) {
                t.spectrum_mz.push_back(mz[i]);
                t.spectrum_intensity.push_back(in[i]);
            }
        }
        predict(t);
    }
    return traces;
}

std::vector<report::Ms2Trace> trace_ms2_evidence(const signal::Ms2Index& index, const std::vector<classify::Finding>& findings,
                                                 std::size_t max_traces) {
    std::vector<report::Ms2Trace> out;
    if (index.size() == 0) return out;
    for (const auto& f : findings) {
        for (const auto& e : f.evidence) {
            if (e.kind != classify::EvidenceKind::ms2_spectrum || e.scan_ids.empty() || out.size() >= max_traces) continue;
            const bool seen = std::any_of(out.begin(), out.end(), [&](const auto& t) { return t.scan_ids == e.scan_ids; });
            if (seen) continue;
            std::vector<std::size_t> positions;
            for (const auto& id : e.scan_ids) {
                const auto& scans = index.scans();
                const auto it = std::find_if(scans.begin(), scans.end(), [&](const signal::Ms2Scan& s) { return s.id == id; });
                if (it == scans.end()) break;
                positions.push_back(static_cast<std::size_t>(it - scans.begin()));
            }
            if (positions.size() != e.scan_ids.size()) continue;  // read from another run of the sample
            // The detector merged the scans in RT order; consensus() takes positions in any order.
            const signal::Ms2Consensus c = index.consensus(positions);
            report::Ms2Trace t;
            t.scan_ids = e.scan_ids;
            t.precursor_mz = c.precursor_mz;
            for (const auto& p : c.peaks) {
                t.mz.push_back(p.mz);
                t.relative_intensity.push_back(p.intensity);
            }
            out.push_back(std::move(t));
        }
    }
    return out;
}

}  // namespace sidepeak::pipeline

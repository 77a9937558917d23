// Over-alkylation, NMR: substituents per diazepane ring from integrals. The reagent's diagnostic
// signal (chem::Reagent::diag_*, chosen clear of the ring N-CH2) divided by its proton count,
// against the ring's central C-CH2-C (position 6, 1.62-1.98 ppm, 2H per ring, present in every
// N-substituted 1,4-diazepane). The product has k substituents per ring; a ratio above k means
// more alkylated material.
#include <algorithm>

#include "ms_ions.hpp"
#include "nmr_tools.hpp"
#include "sidepeak/classify/detectors.hpp"

namespace sidepeak::classify {
namespace {
// Sharp-line integrals are good to ~5 % each (T1 saturation at the usual 1 s delay, phasing);
// the ratio of two to sqrt(2) x 5 % = 7 %, i.e. 0.07 substituent per ring at k = 1.
constexpr double kExcessDetect = 0.2;   // ~3 sigma
constexpr double kExcessClean = 0.1;    // ~1.5 sigma
constexpr double kQuatFrom = 1.5;
// A quaternary N+ carries two; more than 3 (2 + 10 sigma) means the "group" is another compound's line.
constexpr double kQuatTo = 3.0;
constexpr double kCarbamateRingFrom = 2.6, kCarbamateRingTo = 3.7;       // substituents on the shifted N: 1 = N-oxide, 2 = quaternary N+
}  // namespace

ModalityResult over_alkylation_nmr(const signal::NmrResult& nmr, const chem::ReactionModel& model) {
    ModalityResult r;
    if (!detail::usable(nmr) || model.reagent == nullptr || model.product_alkylations < 0) return r;
    if (!(model.starting_amine == chem::diazepane())) return r;
    const auto& rg = *model.reagent;
    const double total = detail::total_area(nmr);
    if (total <= 0.0) return r;
    double per_ring = 0.0;
    std::string what;
    detail::RingFrame frame;
    if (!rg.alkylating) {
        // Carbamates (Boc) rotate slowly about the N-C(O) bond at room temperature: the tert-butyl
        // and the ring CH2 come doubled or broadened beyond the sharp-line limit, so sharp-line
        // sums under-count the ring and the ratio drifts to ~1.2. Both sides are read as whole
        // window integrals instead, against all eight ring N-CH2 protons (2.6-3.7 ppm: N(CO)-CH2
        // 3.3-3.6 and N-CH2 2.7-3.0 in the mono-, 3.3-3.6 in the di-carbamate), which hold no
        // exchangeable NH; sharp solvent lines in that window are taken out.
        double ring = detail::integrate(nmr.spectrum, kCarbamateRingFrom, kCarbamateRingTo, true);
        for (const auto& m : nmr.multiplets) {
            if (m.ppm >= kCarbamateRingFrom && m.ppm <= kCarbamateRingTo && detail::singlet_like(m, &nmr) &&
                detail::near_solvent_line(nmr, m.ppm))
                ring -= detail::sharp_multiplet_area(nmr, m);
        }
        const double diag = detail::integrate(nmr.spectrum, rg.diag_ppm_from, rg.diag_ppm_to, true);
        if (ring <= 0.0 || ring < 0.01 * total) return r;  // the ring reference is not visible
        per_ring = (diag / rg.diag_protons) / (ring / 8.0);
        if (per_ring < 0.5 * model.product_alkylations) {
            r.note = "NMR does not show the product (" + rg.diag_label + " gives " + detail::fixed(per_ring, 2) +
                     " per ring N-CH2): no substituent count";
            return r;
        }
        what = rg.diag_label + " " + detail::fixed(rg.diag_ppm_from, 2) + "-" + detail::fixed(rg.diag_ppm_to, 2) +
               " ppm : ring N-CH2 (8H) gives " + detail::fixed(per_ring, 2) + " " + rg.name + " per ring (product " +
               std::to_string(model.product_alkylations) + ")";
        r.evidence.push_back(detail::nmr_region(kCarbamateRingFrom, kCarbamateRingTo, ring / total, "ring N-CH2 reference (8H)"));
        r.evidence.push_back(detail::nmr_region(rg.diag_ppm_from, rg.diag_ppm_to, diag / total, rg.diag_label + ": " + detail::fixed(per_ring, 2) + " per ring"));
    } else {
        // Amines: counted in the sample's own frame (free base or salt, located from the measured
        // C6-H2 quintet), only multiplets of the diagnostic group's multiplicity, against the lower
        // of two ring references (C6-H2 2H, ring N-CH2 8H); matrix lines only add area.
        frame = detail::ring_frame(nmr, model);
        if (!frame.found) {
            r.note = frame.disagree ? "NMR ring references disagree (C6-H2 " + detail::fixed((frame.c6_area / 2.0) / (frame.nch2_area / 8.0), 2) +
                                          "x the ring N-CH2, C6-H2 anchor " + detail::fixed(frame.c6_ppm, 2) +
                                          " ppm): other compounds' lines in a window, no substituent count"
                     : frame.ring_h > 0.0
                         ? "NMR does not show the product (" + rg.diag_label + " gives " + detail::fixed(frame.per_ring, 2) +
                               " per ring, C6-H2 anchor " + detail::fixed(frame.c6_ppm, 2) + " ppm): no substituent count"
                         : "NMR does not show the product (no diazepane ring C6-H2 quintet with its ring N-CH2): no substituent count";
            return r;
        }
        per_ring = frame.per_ring;
        what = rg.diag_label + " at " + detail::fixed(frame.diag_ppm, 2) + " ppm : ring gives " + detail::fixed(per_ring, 2) + " " +
               rg.name + " per ring (product " + std::to_string(model.product_alkylations) + "; " +
               (frame.protonated() ? "protonated" : "free base") + ", C6-H2 " + detail::fixed(frame.c6_ppm, 2) +
               " ppm; C6-H2 " + detail::fixed(frame.per_ring_c6() * per_ring, 2) + " / ring N-CH2 " +
               detail::fixed(frame.per_ring_nch2() * per_ring, 2) + " per ring" +
               (frame.excluded.empty() ? "" : ", " + std::to_string(frame.excluded.size()) + " other line(s) in the window not counted") + ")";
        r.evidence.push_back(detail::nmr_region(frame.diag_from, frame.diag_to, frame.diag_area / total,
                                                rg.diag_label + ": " + detail::fixed(per_ring, 2) + " per ring"));
        r.evidence.push_back(detail::nmr_region(frame.c6_ppm - 0.12, frame.c6_ppm + 0.12, frame.c6_area / total, "ring C6-H2 reference (2H)"));
        r.evidence.push_back(detail::nmr_region(frame.nch2_from, frame.nch2_to, frame.nch2_area / total, "ring N-CH2 reference (8H)"));
    }
    r.checked = true;
    const double excess = per_ring - model.product_alkylations;
    // Quaternary N+: the reagent's alpha group shifted downfield with TWO substituents per
    // shifted ring N (an N-oxide has one).
    const auto sa = detail::shifted_alpha(nmr, model);
    const bool quat = sa.applicable && sa.substituents >= kQuatFrom && sa.substituents <= kQuatTo && frame.ring_h > 0.0 && sa.ring_area >= 0.03 * 2.0 * frame.ring_h;
    if (excess >= kExcessDetect) {
        r.llr = 1.2 + 1.3 * std::clamp((excess - kExcessDetect) / 0.7, 0.0, 1.0);
        r.note = "NMR integral " + what;
    } else if (excess <= kExcessClean) {
        r.llr = -1.0;
        r.note = "NMR integral " + what;
    } else {
        r.llr = 0.0;
        r.note = "NMR integral " + what + " (inconclusive)";
    }
    if (quat) {
        r.llr = std::min(3.0, std::max(r.llr, 0.0) + 1.5);
        for (const auto* m : sa.group)
            r.evidence.push_back(detail::nmr_signal(*m, detail::sharp_multiplet_area(nmr, *m) / total, "quaternary N+-" + rg.name));
        for (const auto* m : sa.ring)
            r.evidence.push_back(detail::nmr_signal(*m, detail::sharp_multiplet_area(nmr, *m) / total, "ring N+-CH2"));
        r.note += "; " + rg.name + " alpha group shifted to " + detail::fixed(sa.group.front()->ppm, 2) + " ppm with " +
                  detail::fixed(sa.substituents, 1) + " substituents per shifted ring N (quaternary ammonium)";
    }
    return r;
}

}  // namespace sidepeak::classify

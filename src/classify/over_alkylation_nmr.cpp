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
constexpr double kRingFrom = 1.62, kRingTo = 1.98;  // C6-H2 quintet (free water 1.56 stays outside)
// Sharp-line integrals are good to ~5 % each (T1 saturation at the usual 1 s delay, phasing);
// the ratio of two to sqrt(2) x 5 % = 7 %, i.e. 0.07 substituent per ring at k = 1.
constexpr double kExcessDetect = 0.2;   // ~3 sigma
constexpr double kExcessClean = 0.1;    // ~1.5 sigma
constexpr double kQuatFrom = 1.5;
constexpr double kCarbamateRingFrom = 2.6, kCarbamateRingTo = 3.7;       // substituents on the shifted N: 1 = N-oxide, 2 = quaternary N+
}  // namespace

ModalityResult over_alkylation_nmr(const signal::NmrResult& nmr, const chem::ReactionModel& model) {
    ModalityResult r;
    if (!detail::usable(nmr) || model.reagent == nullptr || model.product_alkylations < 0) return r;
    if (!(model.starting_amine == chem::diazepane())) return r;
    const auto& rg = *model.reagent;
    // Sharp lines only: the exchange-broadened NH (1.5-2.0 ppm in CDCl3) and oligomer envelopes
    // lie under the C6-H2 window, and multiplet grouping may merge the diagnostic signal with
    // the ring N-CH2 next to it.
    double ring = detail::sharp_area(nmr, kRingFrom, kRingTo);
    double diag = detail::sharp_area(nmr, rg.diag_ppm_from, rg.diag_ppm_to);
    double ring_protons = 2.0;
    const double total = detail::total_area(nmr);
    if (!rg.alkylating) {
        // Carbamates (Boc) rotate slowly about the N-C(O) bond at room temperature: the tert-butyl
        // and the ring CH2 come doubled or broadened beyond the sharp-line limit, so sharp-line
        // sums under-count the ring and the ratio drifts to ~1.2. Both sides are read as whole
        // window integrals instead, against all eight ring N-CH2 protons (2.6-3.7 ppm: N(CO)-CH2
        // 3.3-3.6 and N-CH2 2.7-3.0 in the mono-, 3.3-3.6 in the di-carbamate), which hold no
        // exchangeable NH; sharp solvent lines in that window are taken out.
        ring = detail::integrate(nmr.spectrum, kCarbamateRingFrom, kCarbamateRingTo, true);
        for (const auto& m : nmr.multiplets) {
            if (m.ppm >= kCarbamateRingFrom && m.ppm <= kCarbamateRingTo && detail::singlet_like(m, &nmr) &&
                detail::near_solvent_line(nmr, m.ppm))
                ring -= detail::sharp_multiplet_area(nmr, m);
        }
        ring_protons = 8.0;
        diag = detail::integrate(nmr.spectrum, rg.diag_ppm_from, rg.diag_ppm_to, true);
    }
    if (ring <= 0.0 || total <= 0.0 || ring < 0.01 * total) {
        return r;  // the ring reference is not visible: cannot count
    }
    const double per_ring = (diag / rg.diag_protons) / (ring / ring_protons);
    if (per_ring < 0.5 * model.product_alkylations) {
        // The product's own substituent signal is (nearly) missing: this spectrum is not of the
        // reaction's product, and its integrals cannot be read as substituents per ring.
        r.note = "NMR does not show the product (" + rg.diag_label + " gives " + detail::fixed(per_ring, 2) +
                 " per ring C6-H2): no substituent count";
        return r;
    }
    r.checked = true;
    const double excess = per_ring - model.product_alkylations;
    const std::string what = rg.diag_label + " " + detail::fixed(rg.diag_ppm_from, 2) + "-" +
                             detail::fixed(rg.diag_ppm_to, 2) + " ppm : " + (rg.alkylating ? "ring C6-H2" : "ring N-CH2 (8H)") + " gives " + detail::fixed(per_ring, 2) +
                             " " + rg.name + " per ring (product " + std::to_string(model.product_alkylations) + ")";
    // Quaternary N+: the reagent's alpha group shifted downfield with TWO substituents per
    // shifted ring N (an N-oxide has one).
    const auto sa = detail::shifted_alpha(nmr, model);
    const bool quat = sa.applicable && sa.substituents >= kQuatFrom && sa.ring_area >= 0.03 * ring;
    if (excess >= kExcessDetect) {
        r.llr = 1.2 + 1.3 * std::clamp((excess - kExcessDetect) / 0.7, 0.0, 1.0);
        r.evidence.push_back(detail::nmr_region(rg.diag_ppm_from, rg.diag_ppm_to, diag / total,
                                                rg.diag_label + ": " + detail::fixed(per_ring, 2) + " per ring"));
        if (rg.alkylating) r.evidence.push_back(detail::nmr_region(kRingFrom, kRingTo, ring / total, "ring C6-H2 reference (2H)"));
        else r.evidence.push_back(detail::nmr_region(kCarbamateRingFrom, kCarbamateRingTo, ring / total, "ring N-CH2 reference (8H)"));
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

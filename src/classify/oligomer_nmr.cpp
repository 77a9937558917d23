// Oligomer, NMR: a localised broad hump under the sharp lines, where polyamine protons resonate.
//
// The broad component h (broad_component.hpp: joint non-negative least-squares fit of the sharp
// lines, a dictionary of broad Gaussians and a smooth baseline; rolling part removed) is cut into
// lobes above 4 sigma (cut at zero crossings and at valleys between apexes). A lobe belongs to a polyamine envelope when it is wider
// than any multiplet of this spectrum's lines (min_envelope_hz) and no wider than one polyamine
// envelope can be (max_envelope_hz: the 0.6 ppm shift range of N-CH2 at this field plus the
// narrowest envelope), lies mostly in the polyamine region, and is not exchange-broadened water. Envelopes are summed (N-CH2 and C-CH2-C give several). Conditions for a call:
//  - localised: residue of the same scale next to it (flanks as wide as the hump) below half its
//    area, and its area per ppm of the polyamine region at least the residue's per ppm elsewhere
//    in 0.5-10 ppm; a rolling baseline leaves crests and troughs across the whole spectrum;
//  - >= 3 % of the 1H area under the N-CH2 window (8 of the 12 H of a repeat unit are N-CH2);
//  - coupled N-CH2 multiplets of an amine in the same window (else an OH/NH of another compound).
// The windows follow the amine's protonation, read from its own N-CH2 multiplets: as a salt or in
// D2O they move 0.3-0.9 ppm downfield (docs: N+-CH2 3.2-3.9 ppm).
// Area fraction = hump area / total 1H area (0.5-10 ppm without solvent lines).
#include <algorithm>
#include <cmath>
#include <optional>
#include <string>
#include <vector>

#include "broad_component.hpp"
#include "ms_ions.hpp"
#include "nmr_tools.hpp"
#include "sidepeak/classify/detectors.hpp"
#include "sidepeak/signal/solvents.hpp"

namespace sidepeak::classify {
namespace {

constexpr double kRegionShare = 0.6;     // an envelope lies mostly where polyamine protons resonate
constexpr double kMinFraction = 0.03;    // integrals of sharp lines are good to ~1-2 %; 3 % is 2x that
// Against the product's own ring N-CH2: 10 % (2x the ~5 % error of one integral, with the
// envelope's own error of the same order), above an absolute floor of 1.5 % of the 1H area.
constexpr double kMinOfRing = 0.10, kMinFractionWithRing = 0.015;
// A broad envelope this large cannot be one exchangeable proton of a small amine in error (an NH
// is 1 of 14-24 H of a substituted diazepane, and it is excluded by the N-CH2 placement) nor a
// baseline error after arPLS (< 1-2 % of the area on real spectra, docs/algorithms/baseline.md).
constexpr double kStandaloneFraction = 0.05;
// Exchange broadening of water: up to ~150 Hz at room temperature in wet solvents with amines.
constexpr double kWaterMaxWidthHz = 150.0;
// A localised envelope holds at least as much broad area per ppm as the residue elsewhere in
// 0.5-10 ppm; a rolling baseline spreads the same density over the whole spectral width.
constexpr double kLocalContrast = 1.0;

// A single-modality call stands on the envelope alone, so it must stand out of the broad component
// the same fit leaves elsewhere: under another compound's dense lines the line-shape residue of
// the joint fit reaches several % of the 1H area in a window as wide as N-CH2 (measured on the
// strychnine and GABA backgrounds: 6-10 %). The envelope under N-CH2 must be at least the largest
// such residue in any window of the N-CH2 width in kBarFrom-kBarTo ppm outside the polyamine
// region and the water line, stepped by kBarStepPpm.
constexpr double kBarFrom = 0.5, kBarTo = 10.0, kBarStepPpm = 0.1;
// Half-width kept clear around the water line (exchange broadening up to ~150 Hz, above).
constexpr double kBarWaterPpm = 0.2;

// Where the polyamine protons resonate, for the amine as free base or as ammonium salt.
struct Windows {
    double region_from, region_to;  // all CH2 (C-CH2-C 1.4-1.9 up to N-CH2)
    double nch2_from, nch2_to;      // N-CH2
    bool protonated;
};
// Free base (CDCl3, Pretsch; domain.md: ring N-CH2 2.5-2.95, C-CH2-C 1.7-1.8) and the ammonium
// (N+-CH2 3.2-3.9, C-CH2-C ~0.3 ppm downfield; salts, D2O).
constexpr Windows kFreeBase{1.2, 3.4, 2.3, 3.2, false};
constexpr Windows kAmmonium{1.2, 4.1, 2.9, 3.9, true};

double coupled_area(const signal::NmrResult& nmr, double from, double to) {
    double a = 0.0;
    for (const auto& mu : nmr.multiplets) {
        if (mu.ppm >= from && mu.ppm <= to && !detail::singlet_like(mu) && !detail::near_solvent_line(nmr, mu.ppm))
            a += detail::sharp_multiplet_area(nmr, mu);
    }
    return a;
}

// Exchange-broadened water of the solvent (Fulmer et al., Organometallics 29 (2010) 2176, "H2O"
// row): only this line broadens; residual solvent and grease lines stay sharp.
double water_ppm(const signal::NmrResult& nmr) {
    const std::string sv = signal::normalise_solvent(nmr.meta.solvent);
    if (sv == "D2O") return 4.79;
    if (sv == "DMSO-d6") return 3.33;
    if (sv == "CD3OD") return 4.87;
    if (sv == "Acetone-d6" || sv == "acetone-d6") return 2.84;
    if (sv == "C6D6") return 0.40;
    if (sv == "CD3CN") return 2.13;
    return 1.56;
}

// The largest broad-component area (positive h) in a window of `width` ppm in kBarFrom-kBarTo ppm
// that overlaps neither [region_from, region_to] nor the water line.
double largest_window_area(const detail::BroadComponent& bc, double width, double region_from, double region_to, double water) {
    double best = 0.0;
    for (double a = kBarFrom; a + width <= kBarTo; a += kBarStepPpm) {
        if (a + width > region_from && a < region_to) continue;
        if (a + width > water - kBarWaterPpm && a < water + kBarWaterPpm) continue;
        double area = 0.0;
        for (std::size_t i = 0; i < bc.ppm.size(); ++i)
            if (bc.ppm[i] >= a && bc.ppm[i] < a + width) area += std::max(bc.hump[i], 0.0);
        best = std::max(best, area);
    }
    return best;
}

// One envelope of the broad component: a lobe of h above 4 sigma, bounded by the zero crossings
// of h or by a valley between two lobes (below kValley of the lower apex), so that envelopes that
// touch are measured one by one (centre, width, share under a window).
struct Envelope {
    std::size_t lo = 0, hi = 0, apex = 0;  // bins [lo, hi)
    double area = 0.0, peak = 0.0, centre = 0.0, fwhm_hz = 0.0;
    double run_fwhm_hz = 0.0;  // bins above half the highest apex of the whole positive run, in Hz
};

// Two lobes are told apart when the valley between them falls below 60 % of the lower apex: the
// sum of two Gaussians of equal height and FWHM W shows a dip only beyond a separation of ~0.85 W
// and reaches 60 % at ~1.2 W, i.e. when their centres are resolved by more than a width.
constexpr double kValley = 0.6;

Envelope measure(const detail::BroadComponent& bc, std::size_t lo, std::size_t hi) {
    const auto& h = bc.hump;
    Envelope e;
    e.lo = lo;
    e.hi = hi;
    double w = 0.0;
    e.apex = lo;
    for (std::size_t q = lo; q < hi; ++q) {
        const double v = std::max(h[q], 0.0);
        e.area += v;
        w += v * bc.ppm[q];
        if (h[q] > e.peak) {
            e.peak = h[q];
            e.apex = q;
        }
    }
    e.centre = e.area > 0.0 ? w / e.area : bc.ppm[e.apex];
    // FWHM: the contiguous run above half height around the apex.
    std::size_t l = e.apex, r = e.apex;
    while (l > lo && h[l - 1] >= e.peak / 2) --l;
    while (r + 1 < hi && h[r + 1] >= e.peak / 2) ++r;
    e.fwhm_hz = static_cast<double>(r - l + 1) * bc.hz_per_bin;
    return e;
}

std::vector<Envelope> envelopes(const detail::BroadComponent& bc, double thr) {
    std::vector<Envelope> out;
    const auto& h = bc.hump;
    const std::size_t m = h.size();
    for (std::size_t i = 0; i < m;) {
        if (h[i] <= thr) {
            ++i;
            continue;
        }
        std::size_t j = i, k = i;
        while (j < m && h[j] > 0.0) ++j;
        while (k > 0 && h[k - 1] > 0.0) --k;
        // Highest value to the right of each bin of the lobe run (for the valley test).
        std::vector<double> right(j - k + 1, 0.0);
        for (std::size_t q = j; q-- > k;) right[q - k] = std::max(right[q - k + 1], h[q]);
        const std::size_t first_of_run = out.size();
        std::size_t start = k;
        double left = h[k];
        for (std::size_t q = k + 1; q + 1 < j; ++q) {
            left = std::max(left, h[q]);
            if (!(h[q] < h[q - 1] && h[q] <= h[q + 1])) continue;
            const double lower = std::min(left, right[q - k + 1]);
            if (lower > thr && h[q] < kValley * lower) {
                out.push_back(measure(bc, start, q));
                start = q;
                left = h[q];
            }
        }
        out.push_back(measure(bc, start, j));
        // The run as a whole: a component wider than one polyamine envelope (a 1.5 ppm undulation)
        // stays too wide even when its lobes are measured one by one.
        double top = 0.0;
        for (std::size_t q = k; q < j; ++q) top = std::max(top, h[q]);
        std::size_t above = 0;
        for (std::size_t q = k; q < j; ++q) above += h[q] >= top / 2 ? 1 : 0;
        for (std::size_t t = first_of_run; t < out.size(); ++t) out[t].run_fwhm_hz = static_cast<double>(above) * bc.hz_per_bin;
        i = j;
    }
    return out;
}

}  // namespace

ModalityResult oligomer_nmr(const signal::NmrResult& nmr, const chem::ReactionModel& model) {
    ModalityResult r;
    if (!detail::usable(nmr)) return r;
    const auto bc = detail::broad_component(nmr);
    const std::size_t m = bc.ppm.size();
    if (m < 32) return r;
    r.checked = true;
    const double thr = 4.0 * std::max(bc.sigma, 1e-300);
    const double total = detail::total_area(nmr);
    const auto exc = envelopes(bc, thr);
    if (exc.empty() || total <= 0.0) {
        r.llr = -1.0;
        r.note = "no broad component under the sharp lines";
        return r;
    }
    // Protonation from the amine's own coupled N-CH2 multiplets.
    const double free_amine = coupled_area(nmr, kFreeBase.nch2_from, kFreeBase.nch2_to);
    const double salt_amine = coupled_area(nmr, 3.2, kAmmonium.nch2_to);
    // An ammonium also shows its C-CH2-C (1,3-propylene between the two N, the ring C6-H2 of the
    // diazepane: 1.72 ppm free base -> ~2.25 ppm as the dihydrochloride) as a coupled multiplet at
    // 1.9-2.5 ppm, 2 H per 8 ring N-CH2 (at least half of that is asked); O-CH2 / Cl-CH2
    // triplets at 3.2-3.9 ppm alone are no ammonium.
    const bool salt_propylene = coupled_area(nmr, 1.9, 2.5) >= 0.125 * salt_amine;
    const Windows& win = salt_amine > free_amine && salt_propylene ? kAmmonium : kFreeBase;
    const double water = water_ppm(nmr);
    // The product's own frame (ring located from its C6-H2 and ring N-CH2, at its own line width):
    // its unresolved multiplets are as wide as 32 Hz + 2 of ITS line widths, which may be 5-10x the
    // matrix's (an amine broadened by NH exchange beside a sharp matrix), so the narrowest envelope
    // follows the wider of the two.
    const auto frame = model.reagent != nullptr && model.reagent->diag_protons > 0 && model.product_alkylations > 0
                           ? detail::ring_frame(nmr, model)
                           : detail::RingFrame{};
    const double min_envelope_hz =
        frame.found ? std::max(bc.min_envelope_hz, detail::kWidestMultipletSpanHz + 2.0 * frame.line_hz) : bc.min_envelope_hz;

    // Envelopes: lobes in the polyamine region, wider than a multiplet and inside a component no
    // wider than one polyamine envelope, not water.
    double hump = 0.0, nch2 = 0.0, widest = 0.0, rejected_width = 0.0, centre_w = 0.0, off_nch2 = 0.0;
    std::size_t first = m, last = 0;
    bool water_only = false;
    std::vector<bool> taken(m, false);  // bins of envelopes and of water (not residue)
    for (const auto& e : exc) {
        double share = 0.0;
        for (std::size_t q = e.lo; q < e.hi; ++q) {
            if (bc.ppm[q] >= win.region_from && bc.ppm[q] <= win.region_to) share += std::max(bc.hump[q], 0.0);
        }
        const bool placed = e.centre >= win.region_from && e.centre <= win.region_to && share >= kRegionShare * e.area;
        const bool width_ok = e.fwhm_hz >= min_envelope_hz && e.fwhm_hz <= bc.max_envelope_hz && e.run_fwhm_hz <= bc.max_envelope_hz;
        const bool is_water = std::abs(bc.ppm[e.apex] - water) <= 0.1 && e.fwhm_hz <= kWaterMaxWidthHz;
        if (is_water) {
            for (std::size_t q = e.lo; q < e.hi; ++q) taken[q] = true;
            if (placed) water_only = true;
            continue;
        }
        if (placed && !width_ok) rejected_width = std::max(rejected_width, e.area);
        if (!placed || !width_ok) continue;
        // Most of a polyamine envelope is N-CH2: 8 of the 10 CH2 protons of a
        // -[CH2CH2NHCH2CH2CH2NH]- unit (80 %). A lobe less than half under the N-CH2 window is
        // C-CH2-C, NH or another compound's broad signal (on real backgrounds the exchange-
        // broadened NH of the product, 1H of 14-24, is as large as a 5 % envelope and the fit
        // does not tell its Lorentzian from an envelope's Gaussian shape).
        double in_nch2 = 0.0;
        for (std::size_t q = e.lo; q < e.hi; ++q)
            if (bc.ppm[q] >= win.nch2_from && bc.ppm[q] <= win.nch2_to) in_nch2 += std::max(bc.hump[q], 0.0);
        if (in_nch2 < 0.5 * e.area) {
            // Another broad signal, not residue of an undulation.
            off_nch2 = std::max(off_nch2, e.area);
            for (std::size_t q = e.lo; q < e.hi; ++q) taken[q] = true;
            continue;
        }
        hump += e.area;
        widest = std::max(widest, e.fwhm_hz);
        centre_w += e.area * e.centre;
        first = std::min(first, e.lo);
        last = std::max(last, e.hi);
        for (std::size_t q = e.lo; q < e.hi; ++q) {
            taken[q] = true;
            if (bc.ppm[q] >= win.nch2_from && bc.ppm[q] <= win.nch2_to) nch2 += std::max(bc.hump[q], 0.0);
        }
    }
    // Localisation: a rolling baseline (phase or first-point error) spans the whole spectrum, so
    // it leaves lobes of the same density (area per ppm) everywhere in 0.5-10 ppm; a polyamine
    // envelope is confined to the amine region. Residue = |h| above 4 sigma outside the region,
    // the envelopes and water, per ppm of the spectrum it was read on.
    double residue = 0.0;
    std::size_t residue_bins = 0;
    if (hump > 0.0) {
        for (std::size_t i = 0; i < m; ++i) {
            if (taken[i] || bc.ppm[i] < 0.5 || bc.ppm[i] > 10.0 || (bc.ppm[i] >= win.region_from && bc.ppm[i] <= win.region_to)) continue;
            ++residue_bins;
            if (std::abs(bc.hump[i]) > thr) residue += std::abs(bc.hump[i]);
        }
    }
    // The envelopes' density is taken over the whole polyamine region (a crest of a roll fills a
    // part of it, an envelope of a few % the region's share), the residue's over the rest.
    std::size_t hump_bins = 0;
    for (std::size_t i = 0; i < m; ++i) hump_bins += bc.ppm[i] >= win.region_from && bc.ppm[i] <= win.region_to ? 1 : 0;
    // And beside the envelopes (flanks as wide as their extent, at least one narrowest envelope):
    // a roll leaves crests and troughs there, a hump does not; at least half the envelopes' area
    // of residue there makes them part of an undulation of the same scale.
    double flank = 0.0;
    if (hump > 0.0) {
        const std::size_t extent = std::max<std::size_t>(last - first, static_cast<std::size_t>(std::ceil(bc.min_envelope_hz / bc.hz_per_bin)));
        const std::size_t lo = first > extent ? first - extent : 0;
        const std::size_t hi = std::min(m, last + extent);
        for (std::size_t i = lo; i < hi; ++i) {
            if (taken[i] || bc.ppm[i] < 0.5 || bc.ppm[i] > 10.0) continue;
            if (std::abs(bc.hump[i]) > thr) flank += std::abs(bc.hump[i]);
        }
    }
    const double hump_density = hump_bins > 0 ? hump / static_cast<double>(hump_bins) : 0.0;
    const double residue_density = residue_bins > 0 ? residue / static_cast<double>(residue_bins) : 0.0;
    const double fraction = hump * bc.ppm_per_bin / total;
    const double nch2_fraction = nch2 * bc.ppm_per_bin / total;
    const double residue_fraction = residue * bc.ppm_per_bin / total;
    const double centre = hump > 0.0 ? centre_w / hump : 0.0;
    const bool localised = residue_density * kLocalContrast <= hump_density && flank < 0.5 * hump;
    const double from = hump > 0.0 ? bc.ppm[first] : 0.0, to = hump > 0.0 ? bc.ppm[last - 1] : 0.0;
    const std::string nch2_window = detail::fixed(win.nch2_from, 1) + "-" + detail::fixed(win.nch2_to, 1) + " ppm";
    const std::string shape = "broad component centred at " + detail::fixed(centre, 2) + " ppm (FWHM up to " +
                              detail::fixed(widest, 0) + " Hz), " + detail::fixed(100 * fraction, 1) + " % of the 1H area (" +
                              detail::fixed(100 * nch2_fraction, 1) + " % under N-CH2 " + nch2_window + ")";
    // A polyamine envelope comes with the reaction's amine: coupled (never singlet) sharp N-CH2
    // multiplets in the N-CH2 window. Without them a broad signal there is an exchange-broadened
    // OH/NH of some other compound (alcohols in CDCl3 resonate at 1.5-3 ppm).
    const bool amine_seen = coupled_area(nmr, win.nch2_from, win.nch2_to) >= kMinFraction * total;
    // What was considered stays with the finding (near miss) whatever the verdict.
    auto considered = [&](const std::string& why) {
        if (hump > 0.0) r.evidence.push_back(detail::nmr_region(from, to, fraction, "broad component (" + why + ")"));
    };
    // With the product's ring located, the envelope is also measured against the product's own ring
    // N-CH2 (8 H per ring, sharp): an oligomer of a few % of the product's rings puts that share of
    // polyamine N-CH2 under the envelope whatever else the spectrum holds, while the 1H area also
    // counts the matrix. From kMinOfRing of the product's ring N-CH2 (and at least
    // kMinFractionWithRing of the 1H area, the integration floor of a broad signal) it counts.
    // Not for carbamates (Boc): their ring N-CH2 come as rotamer pairs broadened at room
    // temperature, so the sharp ring reference is too small and the rotamer bands under N-CH2
    // read as an envelope of it.
    const double ring_nch2 = frame.found && model.reagent->alkylating ? 8.0 * frame.ring_h : 0.0;
    const bool of_ring = ring_nch2 > 0.0 && nch2 * bc.ppm_per_bin >= kMinOfRing * ring_nch2 &&
                         nch2_fraction >= kMinFractionWithRing;
    const double min_fraction = of_ring ? kMinFractionWithRing : kMinFraction;
    if (hump > 0.0 && localised && nch2_fraction >= min_fraction && !amine_seen) {
        r.llr = -0.7;
        r.note = shape + ", but no coupled N-CH2 multiplets of an amine at " + nch2_window +
                 ": an exchange-broadened OH/NH, not a polyamine envelope";
        considered("no amine N-CH2 multiplets beside it");
        return r;
    }
    if (hump <= 0.0 || !localised || nch2_fraction < min_fraction) {
        r.llr = -0.7;
        if (hump <= 0.0 && water_only) r.note = "the only broad signal is exchange-broadened water";
        else if (hump <= 0.0 && off_nch2 * bc.ppm_per_bin >= kMinFraction * total)
            r.note = "the broad signal in " + detail::fixed(win.region_from, 1) + "-" + detail::fixed(win.region_to, 1) + " ppm (" +
                     detail::fixed(100 * off_nch2 * bc.ppm_per_bin / total, 1) + " % of the 1H area) lies mostly outside the N-CH2 region " +
                     detail::fixed(win.nch2_from, 1) + "-" + detail::fixed(win.nch2_to, 1) +
                     " ppm: exchange-broadened NH or C-CH2-C, not a polyamine envelope";
        else if (hump <= 0.0 && rejected_width > 0.0)
            r.note = "broad signals in " + detail::fixed(win.region_from, 1) + "-" + detail::fixed(win.region_to, 1) +
                     " ppm are narrower than a multiplet of this spectrum (" + detail::fixed(min_envelope_hz, 0) +
                     " Hz) or wider than a polymer envelope";
        else if (hump <= 0.0)
            r.note = "no broad component in the polyamine region " + detail::fixed(win.region_from, 1) + "-" +
                     detail::fixed(win.region_to, 1) + " ppm";
        else if (!localised)
            r.note = shape + ", but residue beside it (" + detail::fixed(100 * flank * bc.ppm_per_bin / total, 1) +
                     " % of the 1H area) or across the spectrum (" + detail::fixed(100 * residue_fraction, 1) +
                     " % of the 1H area, " + detail::fixed(hump_density / std::max(residue_density, 1e-300), 1) +
                     "x less dense) makes it part of a rolling baseline, not a localised hump";
        else r.note = shape + ": the part under N-CH2 is below the " + detail::fixed(100 * kMinFraction, 0) + " % integration limit";
        considered(!localised ? "not localised" : "below the integration limit");
        return r;
    }
    // Decision policy. A localised envelope under the N-CH2 region beside the amine's own coupled
    // N-CH2 multiplets is the oligomer fingerprint: from kStandaloneFraction of the 1H area it is
    // called on its own (no other compound class of an amine synthesis puts that much broad
    // intensity there; exchange-broadened NH is one proton per amine, water sits at its solvent
    // line) when it also stands above the broad residue of every other window of the N-CH2
    // width (largest_window_area). Below that it needs the product visible in the spectrum (its
    // substituent signal against the ring C6-H2), else it is a supportive sign only. A visible
    // product raises the weight either way.
    const std::optional<bool> visible = model.reagent != nullptr && model.reagent->diag_protons > 0 && model.product_alkylations > 0
                                            ? std::optional<bool>(frame.found)
                                            : std::nullopt;
    const bool shown = visible.value_or(false);
    const double window_bar = largest_window_area(bc, win.nch2_to - win.nch2_from, win.region_from, win.region_to, water);
    const bool standalone = fraction >= kStandaloneFraction && nch2 >= window_bar;
    const std::string bar_text = detail::fixed(100 * window_bar * bc.ppm_per_bin / total, 1) + " % of the 1H area";
    if (!standalone && visible.has_value() && !shown) {
        r.llr = 0.0;
        r.note = shape + ", but the spectrum does not show the product and the envelope is " +
                 (fraction < kStandaloneFraction ? "below " + detail::fixed(100 * kStandaloneFraction, 0) + " %"
                                                 : "below the broad residue of another window (" + bar_text + ")") +
                 ": inconclusive";
        considered("product not visible");
        return r;
    }
    r.corroborative_only = !standalone && !shown;
    // LLR grows with the area fraction: 3 % -> 1.2, >= 13 % -> 3 (+0.3 with the product visible).
    r.llr = std::min(3.0, 1.2 + 1.8 * std::clamp((fraction - kMinFraction) / 0.10, 0.0, 1.0) + (shown ? 0.3 : 0.0));
    r.evidence.push_back(detail::nmr_region(from, to, fraction, "broad oligomer hump (FWHM up to " + detail::fixed(widest, 0) + " Hz)"));
    r.note = "NMR shows a " + shape + (win.protonated ? " (ammonium salt)" : "") +
             (shown ? ""
              : standalone ? " beside amine N-CH2 multiplets"
              : fraction >= kStandaloneFraction ? " (weak sign: a window elsewhere holds as much broad residue, " + bar_text + ")"
                                                : "");
    return r;
}

}  // namespace sidepeak::classify

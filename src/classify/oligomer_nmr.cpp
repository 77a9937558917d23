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
//  - coupled N-CH2 multiplets of an amine in the same window (else an OH/NH of another compound);
//  - seen: at least half of its area where it stands at or above the fitted sharp lines (else it
//    is the lines' own shape misfit as much as an envelope: a supportive sign only).
// The windows follow the amine's protonation, read from its own N-CH2 multiplets: as a salt or in
// D2O they move 0.3-0.9 ppm downfield (docs: N+-CH2 3.2-3.9 ppm).
// Area fraction = hump area / total 1H area (0.5-10 ppm without solvent lines).
#include <algorithm>
#include <cmath>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "broad_component.hpp"
#include "ms_ions.hpp"
#include "percent_text.hpp"
#include "nmr_tools.hpp"
#include "detectors.hpp"
#include "sidepeak/signal/solvents.hpp"

namespace sidepeak::classify {
namespace {

// Floor of a divisor or a noise level that may be zero (an empty region, a noise-free synthetic
// spectrum): positive, so a ratio stays finite and a threshold above zero, and far below any real
// density or sigma yet 8 decades above the smallest normal double (2.2e-308, IEEE 754), so its
// products stay normal.
constexpr double kPositiveFloor = 1e-300;
constexpr double kRegionShare = 0.6;     // an envelope lies mostly where polyamine protons resonate
constexpr double kMinFraction = 0.03;    // integrals of sharp lines are good to ~1-2 %; 3 % is 2x that
// Not the noise: the quantitation limit of an integral over the N-CH2 window at the spectrum's noise
// (S/N 10, ICH Q2(R2)) is 0.00-0.11 % of the 1H area on real backgrounds, but product-only spectra
// leave up to several % of broad residue under the product's own N-CH2 lines, standing out of the
// windows elsewhere as much as spiked envelopes do (measured: docs/algorithms/baseline.md, broad
// component).
// Against the product's own ring N-CH2: 10 % (2x the ~5 % error of one integral, with the
// envelope's own error of the same order), above an absolute floor of 1.5 % of the 1H area.
constexpr double kMinOfRing = 0.10, kMinFractionWithRing = 0.015;
// When most of the envelope under N-CH2 lies in lobes wider than one term of the fit's dictionary
// (kMultiTermWidth below), it is no band of one unresolved multiplet of the product, the
// line-shape residue that 2x the integral error guards against, so 5 % of the ring N-CH2 (the
// ~5 % error of one integral) counts. Measured on the NMR tuning seeds 2027-2029: seed 2029 +2
// calls on spiked oligomers in each context (58 and 117 Hz lobes, 5.0-5.8 % of the ring N-CH2),
// no new false call; the single-term lobe of the one product-only spectrum in that range
// (strychnine, 37 Hz, 7.7 %) stays out.
constexpr double kMinOfRingMultiTerm = 0.05, kMultiTermShare = 0.5;
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
// With the product shown, an envelope below kStandaloneFraction is called without that bar, but
// not when it holds clearly less than it: then the fit leaves as much broad residue under the
// matrix's lines as under the product's own N-CH2 lines, which is what an envelope of that size
// is on a product-only spectrum (a residual phase error or a non-Lorentzian foot of the product's
// tall N-CH2 lines: docs/algorithms/baseline.md). Measured on the NMR tuning spike-ins (seeds
// 2027-2029, with context): the two false calls on product-only spectra held 0.69 of the bar,
// the calls on spiked oligomers 0.88-3.8 of it.
constexpr double kShownBarShare = 0.8;

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
    // An unnamed or unknown solvent is read as CDCl3, the default solvent of the pipeline.
    auto solvent = signal::find_solvent(nmr.meta.solvent);
    if (!solvent || !solvent->water_1h) solvent = signal::find_solvent("CDCl3");
    return solvent && solvent->water_1h ? *solvent->water_1h : 0.0;
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

// Output bins below which the broad component is not read (broad_component's own floor).
constexpr std::size_t kMinBins = 32;
// Lobes of h are read above this many sigma of h (one-sided false-lobe rate ~3e-5 per bin).
constexpr double kLobeSigma = 4.0;
// Share of a lobe's area under the N-CH2 window for it to count as polyamine envelope: most of a
// polyamine envelope is N-CH2, 8 of the 10 CH2 protons of a -[CH2CH2NHCH2CH2CH2NH]- unit (80 %);
// less than half is C-CH2-C, NH or another compound's broad signal.
constexpr double kNch2Share = 0.5;
// Residue beside the envelopes (flanks as wide as their extent) of at least this share of their
// area makes them part of an undulation of the same scale.
constexpr double kFlankShare = 0.5;
// The water apex within this distance of the solvent's water shift, in ppm (Fulmer 2010 lists
// the H2O line to +-0.05 ppm; temperature and concentration move it by as much again).
constexpr double kWaterApexPpm = 0.1;
// Where the residue density is read: the 1H range of organic compounds (Pretsch), in ppm.
constexpr double kResidueFromPpm = 0.5, kResidueToPpm = 10.0;
// Ammonium N+-CH2 window for the protonation test (docs domain.md: N+-CH2 3.2-3.9 ppm), and the
// ammonium's C-CH2-C at 1.9-2.5 ppm (diazepane C6-H2 1.72 ppm free base -> ~2.25 ppm as the
// dihydrochloride), 2 H per 8 ring N-CH2, of which at least half is asked (0.125 = 2 / 8 / 2).
constexpr double kSaltNch2FromPpm = 3.2;
constexpr double kSaltPropyleneFromPpm = 1.9, kSaltPropyleneToPpm = 2.5;
constexpr double kSaltPropyleneShare = 0.125;
// Ring N-CH2 protons per diazepane ring (4 CH2 next to the two N).
constexpr double kRingNch2Protons = 8.0;
// LLR scale of a call: 3 % -> 1.2, >= 13 % -> 3, +0.3 with the product visible; -0.7 for an
// envelope that does not qualify, 0 when the product is not visible (inconclusive), -1 when
// there is no broad component at all (calibration.cpp refits the probabilities).
constexpr double kLlrMin = 1.2, kLlrSpan = 1.8, kLlrMax = 3.0, kLlrRampFraction = 0.10, kLlrShown = 0.3;
constexpr double kLlrAgainst = -0.7, kLlrNone = -1.0;

// The windows for the amine's protonation, read from its own coupled N-CH2 multiplets: an
// ammonium also shows its C-CH2-C as a coupled multiplet at 1.9-2.5 ppm; O-CH2 / Cl-CH2 triplets
// at 3.2-3.9 ppm alone are no ammonium.
const Windows& windows_for(const signal::NmrResult& nmr) {
    const double free_amine = coupled_area(nmr, kFreeBase.nch2_from, kFreeBase.nch2_to);
    const double salt_amine = coupled_area(nmr, kSaltNch2FromPpm, kAmmonium.nch2_to);
    const bool salt_propylene = coupled_area(nmr, kSaltPropyleneFromPpm, kSaltPropyleneToPpm) >= kSaltPropyleneShare * salt_amine;
    return salt_amine > free_amine && salt_propylene ? kAmmonium : kFreeBase;
}

// With the product's ring located, its own ring N-CH2 tell the medium's protonation directly: an
// ammonium moves its alpha protons 0.3-0.9 ppm downfield of the free base (Pretsch), and the
// oligomer's N-CH2 of the same medium move with them. The coupled multiplets of the whole
// spectrum also count a matrix's amine (GABA's N+-CH2 3.0 ppm t beside a dication's ring).
constexpr double kProtonatedAlphaShiftPpm = 0.3;

const Windows& windows_for(const signal::NmrResult& nmr, const detail::RingFrame& frame) {
    if (!frame.found) return windows_for(nmr);
    return frame.nch2_shift >= kProtonatedAlphaShiftPpm ? kAmmonium : kFreeBase;
}

bool in_window(double ppm, double from, double to) { return ppm >= from && ppm <= to; }

// Positive h of bins [lo, hi) inside [from, to] ppm.
double area_in(const detail::BroadComponent& bc, std::size_t lo, std::size_t hi, double from, double to) {
    double a = 0.0;
    for (std::size_t q = lo; q < hi; ++q)
        if (in_window(bc.ppm[q], from, to)) a += std::max(bc.hump[q], 0.0);
    return a;
}

// The envelopes that qualify (summed), with what was turned away.
struct Collected {
    double hump = 0.0, nch2 = 0.0, widest = 0.0, centre_w = 0.0;
    double nch2_multi_term = 0.0;  // the part of nch2 in lobes wider than one dictionary term
    double rejected_width = 0.0;  // largest placed lobe of the wrong width
    double off_nch2 = 0.0;        // largest qualifying lobe mostly outside N-CH2
    std::size_t first = 0, last = 0;
    bool water_only = false;
    std::vector<bool> taken;  // bins of envelopes and of water (not residue)
    std::vector<bool> counted;  // bins of the envelopes summed in hump
};

// A lobe at least this many narrowest envelopes wide is more than one broad term of the joint
// fit's dictionary: its terms of the narrowest FWHM W are spaced W / 1.5, and two neighbours sum
// to a lobe of ~1.4 W, while one term alone is W (up to one output bin). One term is the shape
// the fit gives any unresolved band of a single multiplet it cannot place as lines (the salt's
// N+-CH2 triplets at 3.2 ppm on a product-only spectrum: a 37 Hz lobe, 1.06 W); an envelope over
// the N-CH2 shifts of several chain positions spans more than one term.
constexpr double kMultiTermWidth = 1.25;

// A lobe centred on a tall singlet is that line's foot: imperfect shimming gives every line a broad
// base symmetric about it, specified by the line-shape "hump test" as the width at 0.55 % and
// 0.11 % of a singlet's height (Bruker / Varian shimming specifications), which the joint fit's
// Lorentzian + Gaussian line does not model. Its apex lies on the singlet within the singlet's
// FWHM or half the spacing of the fit's narrowest broad terms (a lobe's apex sits on that grid),
// and the singlet stands at least kFootHeightRatio above it (a foot below 10 % of the line's
// height).
constexpr double kFootHeightRatio = 10.0;

bool singlet_foot(const signal::NmrResult& nmr, const detail::BroadComponent& bc, const Envelope& e) {
    const double mhz = nmr.spectrum.spectrometer_mhz;
    const double grid_hz = bc.min_envelope_hz / signal::BroadComponentOptions{}.broad_spacing_per_fwhm / 2.0;
    for (const auto& m : nmr.multiplets) {
        if (!detail::is_singlet(m) || m.peaks.empty() || m.peaks.front() >= nmr.peaks.size()) continue;
        const auto& pk = nmr.peaks[m.peaks.front()];
        const bool on_it = std::abs(bc.ppm[e.apex] - pk.ppm) * mhz <= std::max(pk.fwhm_hz, grid_hz);
        if (on_it && pk.height >= kFootHeightRatio * e.peak) return true;
    }
    return false;
}

// Envelopes: lobes in the polyamine region, wider than a multiplet and inside a component no
// wider than one polyamine envelope, not water, mostly under N-CH2 (on real backgrounds the
// exchange-broadened NH of the product, 1H of 14-24, is as large as a 5 % envelope and the fit
// does not tell its Lorentzian from an envelope's Gaussian shape).
Collected collect(const signal::NmrResult& nmr, const detail::BroadComponent& bc, const std::vector<Envelope>& exc,
                  const Windows& win, double water, double min_envelope_hz) {
    const std::size_t m = bc.ppm.size();
    Collected c;
    c.first = m;
    c.taken.assign(m, false);
    c.counted.assign(m, false);
    auto take = [&](const Envelope& e) {
        for (std::size_t q = e.lo; q < e.hi; ++q) c.taken[q] = true;
    };
    for (const auto& e : exc) {
        const double share = area_in(bc, e.lo, e.hi, win.region_from, win.region_to);
        const bool placed = in_window(e.centre, win.region_from, win.region_to) && share >= kRegionShare * e.area;
        const bool width_ok = e.fwhm_hz >= min_envelope_hz && e.fwhm_hz <= bc.max_envelope_hz && e.run_fwhm_hz <= bc.max_envelope_hz;
        const bool is_water = std::abs(bc.ppm[e.apex] - water) <= kWaterApexPpm && e.fwhm_hz <= kWaterMaxWidthHz;
        if (is_water) {
            take(e);
            if (placed) c.water_only = true;
            continue;
        }
        if (placed && !width_ok) c.rejected_width = std::max(c.rejected_width, e.area);
        if (!placed || !width_ok) continue;
        if (singlet_foot(nmr, bc, e)) {
            take(e);  // a line's own base, neither envelope nor residue
            continue;
        }
        const double in_nch2 = area_in(bc, e.lo, e.hi, win.nch2_from, win.nch2_to);
        if (in_nch2 < kNch2Share * e.area) {
            c.off_nch2 = std::max(c.off_nch2, e.area);  // another broad signal, not residue of an undulation
            take(e);
            continue;
        }
        c.hump += e.area;
        c.widest = std::max(c.widest, e.fwhm_hz);
        c.centre_w += e.area * e.centre;
        c.first = std::min(c.first, e.lo);
        c.last = std::max(c.last, e.hi);
        const bool multi_term = e.fwhm_hz >= kMultiTermWidth * min_envelope_hz;
        for (std::size_t q = e.lo; q < e.hi; ++q) {
            c.taken[q] = true;
            c.counted[q] = true;
            if (!in_window(bc.ppm[q], win.nch2_from, win.nch2_to)) continue;
            c.nch2 += std::max(bc.hump[q], 0.0);
            if (multi_term) c.nch2_multi_term += std::max(bc.hump[q], 0.0);
        }
    }
    return c;
}

// Localisation: a rolling baseline (phase or first-point error) spans the whole spectrum, so it
// leaves lobes of the same density (area per ppm) everywhere in 0.5-10 ppm; a polyamine envelope
// is confined to the amine region. Residue = |h| above the lobe threshold outside the region,
// the envelopes and water, per ppm of the spectrum it was read on; the envelopes' density is
// taken over the whole polyamine region (a crest of a roll fills a part of it, an envelope of a
// few % the region's share). And beside the envelopes (flanks as wide as their extent, at least
// one narrowest envelope): a roll leaves crests and troughs there, a hump does not.
struct Localisation {
    double residue = 0.0, flank = 0.0, hump_density = 0.0, residue_density = 0.0;
    bool localised = false;
};

Localisation localisation(const detail::BroadComponent& bc, const Collected& c, const Windows& win, double thr) {
    Localisation L;
    const std::size_t m = bc.ppm.size();
    std::size_t residue_bins = 0, hump_bins = 0;
    auto outside_range = [&](std::size_t i) { return bc.ppm[i] < kResidueFromPpm || bc.ppm[i] > kResidueToPpm; };
    if (c.hump > 0.0) {
        for (std::size_t i = 0; i < m; ++i) {
            if (c.taken[i] || outside_range(i) || in_window(bc.ppm[i], win.region_from, win.region_to)) continue;
            ++residue_bins;
            if (std::abs(bc.hump[i]) > thr) L.residue += std::abs(bc.hump[i]);
        }
    }
    for (std::size_t i = 0; i < m; ++i) hump_bins += in_window(bc.ppm[i], win.region_from, win.region_to) ? 1 : 0;
    if (c.hump > 0.0) {
        const std::size_t extent =
            std::max<std::size_t>(c.last - c.first, static_cast<std::size_t>(std::ceil(bc.min_envelope_hz / bc.hz_per_bin)));
        const std::size_t lo = c.first > extent ? c.first - extent : 0;
        const std::size_t hi = std::min(m, c.last + extent);
        for (std::size_t i = lo; i < hi; ++i) {
            if (c.taken[i] || outside_range(i)) continue;
            if (std::abs(bc.hump[i]) > thr) L.flank += std::abs(bc.hump[i]);
        }
    }
    L.hump_density = hump_bins > 0 ? c.hump / static_cast<double>(hump_bins) : 0.0;
    L.residue_density = residue_bins > 0 ? L.residue / static_cast<double>(residue_bins) : 0.0;
    L.localised = L.residue_density * kLocalContrast <= L.hump_density && L.flank < kFlankShare * c.hump;
    return L;
}

// The envelope must lie under the measured spectrum: the spectrum is the sharp lines (>= 0) plus
// the envelope plus noise, so beyond the noise (3 sigma) no part of a real envelope rises above
// it. At most 2x the ~5 % error of one integral (as kMinOfRing) of the envelope's area may lie
// above it; more is the fit's broad terms overshooting the valleys between tall, wide lines
// (seed 2030 strychnine, product lines 6-10 Hz: a 50 Hz lobe of 27 % of the 1H area whose
// apex stands at 4-6x the spectrum's valleys between the product's N-CH2 bands).
constexpr double kAboveSpectrumSigma = 3.0, kMaxAboveSpectrumShare = 0.10;

// A fingerprint that stands on its own is mostly seen in the data (detail::observed_share): at
// least half of the envelope's area lies where it is at least as high as the fitted sharp lines.
// Below that it is a supportive sign only: a product's own dense N-CH2 multiplets leave a pedestal
// of their line-shape misfit of the same size and place on product-only spectra (read on the NMR
// spike-ins before the rule, docs/classifier.md "Seen, not inferred": the false calls held 12-47 %
// of their area seen, the hits 0-93 %; no value separates them, so the limit is the physical one).
constexpr double kMinObservedShare = 0.5;

// Everything the verdict reads, measured once.
struct Reading {
    const detail::BroadComponent* bc = nullptr;
    Windows win{};
    double total = 0.0, water = 0.0, min_envelope_hz = 0.0;
    Collected c;
    Localisation loc;
    detail::RingFrame frame;
    bool product_modelled = false;  // the context names a reagent whose product the NMR can show
    bool alkylating = false;        // that reagent alkylates the ring N (not a carbamate)
    std::string read_product;       // without context: the mono-substituted ring the spectrum shows
    double fraction = 0.0, nch2_fraction = 0.0, centre = 0.0, from = 0.0, to = 0.0;
    std::string nch2_window, shape;
    [[nodiscard]] double of_total(double bins_area) const { return bins_area * bc->ppm_per_bin / total; }
    [[nodiscard]] std::string region_text() const {
        return detail::fixed(win.region_from, 1) + "-" + detail::fixed(win.region_to, 1) + " ppm";
    }
};

void describe(Reading& R) {
    const Collected& c = R.c;
    R.fraction = R.of_total(c.hump);
    R.nch2_fraction = R.of_total(c.nch2);
    R.centre = c.hump > 0.0 ? c.centre_w / c.hump : 0.0;
    R.from = c.hump > 0.0 ? R.bc->ppm[c.first] : 0.0;
    R.to = c.hump > 0.0 ? R.bc->ppm[c.last - 1] : 0.0;
    R.nch2_window = detail::fixed(R.win.nch2_from, 1) + "-" + detail::fixed(R.win.nch2_to, 1) + " ppm";
    R.shape = "broad component centred at " + detail::fixed(R.centre, 2) + " ppm (FWHM up to " + detail::fixed(c.widest, 0) +
              " Hz), " + detail::percent_text(R.fraction, 1) + " % of the 1H area (" + detail::percent_text(R.nch2_fraction, 1) +
              " % under N-CH2 " + R.nch2_window + ")";
}

// Why an envelope that is absent, not localised or too small does not count.
std::string rejection_note(const Reading& R) {
    const Collected& c = R.c;
    if (c.hump <= 0.0 && c.water_only) return "the only broad signal is exchange-broadened water";
    if (c.hump <= 0.0 && c.off_nch2 * R.bc->ppm_per_bin >= kMinFraction * R.total)
        return "the broad signal in " + R.region_text() + " (" + detail::percent_text(R.of_total(c.off_nch2), 1) +
               " % of the 1H area) lies mostly outside the N-CH2 region " + R.nch2_window +
               ": exchange-broadened NH or C-CH2-C, not a polyamine envelope";
    if (c.hump <= 0.0 && c.rejected_width > 0.0)
        return "broad signals in " + R.region_text() + " are narrower than a multiplet of this spectrum (" +
               detail::fixed(R.min_envelope_hz, 0) + " Hz) or wider than a polymer envelope";
    if (c.hump <= 0.0) return "no broad component in the polyamine region " + R.region_text();
    if (!R.loc.localised)
        return R.shape + ", but residue beside it (" + detail::percent_text(R.of_total(R.loc.flank), 1) +
               " % of the 1H area) or across the spectrum (" + detail::percent_text(R.of_total(R.loc.residue), 1) +
               " % of the 1H area, " + detail::fixed(R.loc.hump_density / std::max(R.loc.residue_density, kPositiveFloor), 1) +
               "x less dense) makes it part of a rolling baseline, not a localised hump";
    return R.shape + ": the part under N-CH2 is below the " + detail::percent_text(kMinFraction, 0) + " % integration limit";
}

// With the product's ring located, the envelope is also measured against the product's own ring
// N-CH2 (8 H per ring, sharp): an oligomer of a few % of the product's rings puts that share of
// polyamine N-CH2 under the envelope whatever else the spectrum holds, while the 1H area also
// counts the matrix. From kMinOfRing of the product's ring N-CH2 (and at least
// kMinFractionWithRing of the 1H area, the integration floor of a broad signal) it counts.
// Not for carbamates (Boc): their ring N-CH2 come as rotamer pairs broadened at room
// temperature, so the sharp ring reference is too small and the rotamer bands under N-CH2
// read as an envelope of it.
double min_fraction_for(const Reading& R) {
    const double ring_nch2 = R.frame.found && R.alkylating ? kRingNch2Protons * R.frame.ring_h : 0.0;
    const double nch2_area = R.c.nch2 * R.bc->ppm_per_bin;
    // Mostly in lobes of more than one dictionary term: not the band of one unresolved multiplet.
    const bool multi_term = R.c.nch2_multi_term >= kMultiTermShare * R.c.nch2;
    const double min_of_ring = multi_term ? kMinOfRingMultiTerm : kMinOfRing;
    const bool of_ring = ring_nch2 > 0.0 && nch2_area >= min_of_ring * ring_nch2 && R.nch2_fraction >= kMinFractionWithRing;
    return of_ring ? kMinFractionWithRing : kMinFraction;
}

// The narrowest envelope under N-CH2. An unresolved multiplet is as wide as 32 Hz + 2 of ITS
// line widths, and the lines there may be 5-10x wider than the spectrum's typical line, which a
// sharp matrix sets (an amine broadened by NH exchange or a viscous crude beside a sharp
// reference compound): the narrowest envelope follows the wider of the product's own line
// (frame.line_hz, its singlet's FWHM) and the typical width of the lines the fit models as sharp
// in the N-CH2 window itself, which needs no frame (a product without a singlet of its own, such
// as a 2,2,2-trifluoroethyl or ethyl amine, is read there as well). Not when the product's own
// ring N-CH2 triplets are resolved at that width (RingFrame::triplet_h > 0: lines below 5 Hz,
// 0.6-2x frame.line_hz, at the triplet's 3J spacing): its multiplets are then first-order
// patterns of resolved lines (the C6-H2 quintet has the same 3J), which the joint fit models line
// by line, so none of them is an unresolved band of the product's multiplet width. Measured on
// the NMR tuning seeds 2027-2029 (frame rule): one more call on a spiked oligomer (2029, with
// context), no new false call.
double min_envelope_for(const signal::NmrResult& nmr, const detail::BroadComponent& bc, const detail::RingFrame& frame,
                        const Windows& win) {
    if (frame.found && frame.triplet_h > 0.0) return bc.min_envelope_hz;
    const double window_hz = detail::typical_line_hz(nmr, win.nch2_from, win.nch2_to, bc.min_envelope_hz);
    const double line_hz = std::max(frame.found ? frame.line_hz : 0.0, window_hz);
    return std::max(bc.min_envelope_hz, detail::kWidestMultipletSpanHz + 2.0 * line_hz);
}

// Without a reaction context the spectrum may still show the product: the ring of a
// mono-alkylated 1,4-diazepane of one of the reagent table's reagents (C6-H2 anchor, ring N-CH2
// and the substituent's diagnostic signal in ratio: RingFrame), read as the over-alkylation
// detector reads it without context. With nothing else vouching for the ring, only a frame whose
// references all agree counts (no C6-H2 or ring N-CH2 reference set aside, RingFrame::rejected,
// and no disagreement): on real spectra of other compounds (taxol and two more of the
// real-negative set) a methyl "ring" was read only with one reference set aside, and taxol's
// broad component then became a call. The frame of least misfit is kept; with one, the product
// is modelled and shown, and its ring is the reference of the envelope as with a stated context.
void read_product_without_context(const signal::NmrResult& nmr, Reading& R) {
    for (const auto& rg : chem::reagent_table()) {
        if (!rg.alkylating || rg.diag_protons <= 0) continue;
        const auto m = detail::mono_product_model(rg);
        if (!m) continue;
        auto frame = detail::ring_frame(nmr, *m);
        if (!frame.found || !frame.rejected.empty() || frame.disagree || (R.frame.found && frame.score >= R.frame.score)) continue;
        R.frame = std::move(frame);
        R.read_product = rg.name;
    }
    R.product_modelled = R.frame.found;
    R.alkylating = R.frame.found;
}

// Decision policy. A localised envelope under the N-CH2 region beside the amine's own coupled
// N-CH2 multiplets is the oligomer fingerprint: from kStandaloneFraction of the 1H area it is
// called on its own (no other compound class of an amine synthesis puts that much broad intensity
// there; exchange-broadened NH is one proton per amine, water sits at its solvent line) when it
// also stands above the broad residue of every other window of the N-CH2 width
// (largest_window_area). Below that it needs the product visible in the spectrum (its substituent
// signal against the ring C6-H2), else it is a supportive sign only. A visible product raises the
// weight either way.
void call(const Reading& R, ModalityResult& r, const std::function<void(const std::string&)>& considered) {
    const std::optional<bool> visible = R.product_modelled ? std::optional<bool>(R.frame.found) : std::nullopt;
    const bool shown = visible.value_or(false);
    const double window_bar = largest_window_area(*R.bc, R.win.nch2_to - R.win.nch2_from, R.win.region_from, R.win.region_to, R.water);
    const bool standalone = R.fraction >= kStandaloneFraction && R.c.nch2 >= window_bar;
    const std::string bar_text = detail::percent_text(R.of_total(window_bar), 1) + " % of the 1H area";
    if (!standalone && visible.has_value() && !shown) {
        r.llr = 0.0;
        r.note = R.shape + ", but the spectrum does not show the product and the envelope is " +
                 (R.fraction < kStandaloneFraction ? "below " + detail::percent_text(kStandaloneFraction, 0) + " %"
                                                   : "below the broad residue of another window (" + bar_text + ")") +
                 ": inconclusive";
        considered("product not visible");
        return;
    }
    // Shown, not standalone, and clearly below the residue of another window: a supportive sign.
    const bool below_bar = !standalone && shown && R.c.nch2 < kShownBarShare * window_bar;
    const double observed = detail::observed_share(*R.bc, R.c.counted);
    const bool unseen = observed < kMinObservedShare;
    r.corroborative_only = unseen || (!standalone && (!shown || below_bar));
    r.llr = std::min(kLlrMax, kLlrMin + kLlrSpan * std::clamp((R.fraction - kMinFraction) / kLlrRampFraction, 0.0, 1.0) +
                                  (shown ? kLlrShown : 0.0));
    r.evidence.push_back(detail::nmr_region(R.from, R.to, R.fraction, "broad oligomer hump (FWHM up to " + detail::fixed(R.c.widest, 0) + " Hz)"));
    r.note = "NMR shows a " + R.shape + (R.win.protonated ? " (ammonium salt)" : "") +
             (R.read_product.empty() ? "" : " (no context: the spectrum shows a mono-" + R.read_product + " diazepane)") +
             (unseen ? " (weak sign: only " + detail::percent_text(observed, 0) +
                           " % of it stands above the fitted sharp lines; the rest is their line shape's share)"
              : below_bar ? " (weak sign: a window elsewhere holds more broad residue, " + bar_text + ")"
              : shown ? ""
              : standalone ? " beside amine N-CH2 multiplets"
              : R.fraction >= kStandaloneFraction ? " (weak sign: a window elsewhere holds as much broad residue, " + bar_text + ")"
                                                  : "");
}

}  // namespace

ModalityResult oligomer_nmr(const signal::NmrResult& nmr, const chem::ReactionModel& model) {
    ModalityResult r;
    if (!detail::usable(nmr)) return r;
    const auto bc = detail::broad_component(nmr);
    if (bc.ppm.size() < kMinBins) return r;
    r.checked = true;
    const double thr = kLobeSigma * std::max(bc.sigma, kPositiveFloor);
    Reading R;
    R.bc = &bc;
    R.total = detail::total_area(nmr);
    const auto exc = envelopes(bc, thr);
    if (exc.empty() || R.total <= 0.0) {
        r.llr = kLlrNone;
        r.note = "no broad component under the sharp lines";
        return r;
    }
    R.water = water_ppm(nmr);
    R.product_modelled = model.reagent != nullptr && model.reagent->diag_protons > 0 && model.product_alkylations > 0;
    if (R.product_modelled) {
        R.frame = detail::ring_frame(nmr, model);
        R.alkylating = model.reagent->alkylating;
    } else if (model.reagent == nullptr && !model.product && !model.increment) {
        read_product_without_context(nmr, R);
    }
    R.win = windows_for(nmr, R.frame);
    R.min_envelope_hz = min_envelope_for(nmr, bc, R.frame, R.win);
    R.c = collect(nmr, bc, exc, R.win, R.water, R.min_envelope_hz);
    R.loc = localisation(bc, R.c, R.win, thr);
    describe(R);
    // A polyamine envelope comes with the reaction's amine: coupled (never singlet) sharp N-CH2
    // multiplets in the N-CH2 window. Without them a broad signal there is an exchange-broadened
    // OH/NH of some other compound (alcohols in CDCl3 resonate at 1.5-3 ppm).
    const bool amine_seen = coupled_area(nmr, R.win.nch2_from, R.win.nch2_to) >= kMinFraction * R.total;
    // What was considered stays with the finding (near miss) whatever the verdict.
    auto considered = [&](const std::string& why) {
        if (R.c.hump > 0.0) r.evidence.push_back(detail::nmr_region(R.from, R.to, R.fraction, "broad component (" + why + ")"));
    };
    const double min_fraction = min_fraction_for(R);
    const bool enough = R.c.hump > 0.0 && R.loc.localised && R.nch2_fraction >= min_fraction;
    if (enough && !amine_seen) {
        r.llr = kLlrAgainst;
        r.note = R.shape + ", but no coupled N-CH2 multiplets of an amine at " + R.nch2_window +
                 ": an exchange-broadened OH/NH, not a polyamine envelope";
        considered("no amine N-CH2 multiplets beside it");
        return r;
    }
    const double above = enough ? detail::share_above_spectrum(nmr, bc, R.c.counted, kAboveSpectrumSigma * nmr.noise) : 0.0;
    if (above > kMaxAboveSpectrumShare) {
        r.llr = kLlrAgainst;
        r.note = R.shape + ", but " + detail::percent_text(above, 0) +
                 " % of it lies above the measured spectrum: the fit's broad terms overshoot the valleys between wide lines, "
                 "not a broad signal";
        considered("above the spectrum");
        return r;
    }
    if (!enough) {
        r.llr = kLlrAgainst;
        r.note = rejection_note(R);
        considered(!R.loc.localised ? "not localised" : "below the integration limit");
        return r;
    }
    call(R, r, considered);
    return r;
}

}  // namespace sidepeak::classify

// Oligomer, NMR: a localised broad hump under the sharp lines.
//
// 1. Sharp lines are removed: every picked peak narrower than kSharpMaxHz is subtracted as a
//    Lorentzian of its height and FWHM (the heavy Lorentzian tails hold ~4 % of a line's area
//    beyond +-8 FWHM and would otherwise pile up into a false pedestal under crowded regions),
//    then the points within 2 FWHM + 3 Hz of each centre (where the line-shape misfit is) are
//    bridged linearly, and the spectrum is binned to <= 4096 points.
// 2. A morphological opening (sliding minimum then maximum, van Herk 1992 / Gil & Werman 1993
//    via monotonic deques) with a kOpeningHz element removes anything narrower that survived.
//    A moving average over kSmoothHz gives the broad component b.
// 3. The rolling component r is an asymmetric least-squares (Eilers & Boelens 2005) fit to b
//    with a half-power period of kRollPeriodHz: it follows undulations slower than that and
//    stays under localised humps. h = b - r.
// 4. The largest positive excursion of h above 4 sigma of h's noise is the hump candidate. It is
//    an oligomer hump when its FWHM is kMinWidthHz..kMaxWidthHz, at least 60 % of its area lies in
//    1.2-3.4 ppm, and everything else in |h| (the rolling residue) is less than half its area.
// Area fraction = hump area / total 1H area (0.5-10 ppm without solvent lines).
#include <algorithm>
#include <cmath>
#include <deque>
#include <numeric>

#include "nmr_tools.hpp"
#include "ms_ions.hpp"
#include "sidepeak/classify/detectors.hpp"
#include "sidepeak/signal/baseline.hpp"

namespace sidepeak::classify {
namespace {

constexpr double kMinWidthHz = 45.0;     // "tens to hundreds of Hz"
constexpr double kSharpMaxHz = kMinWidthHz;  // anything narrower than an envelope is a line (incl. NH)
constexpr double kOpeningHz = 40.0;      // widest multiplet (quintet J 7 Hz + lines) at 400 MHz ~ 35 Hz
constexpr double kSmoothHz = 15.0;
constexpr double kRollPeriodHz = 2500.0;
constexpr double kMaxWidthHz = 1500.0;   // wider is a baseline roll, not a polymer envelope
constexpr double kRegionFrom = 1.2, kRegionTo = 3.4;
constexpr double kRegionShare = 0.6;     // an envelope lies mostly where polyamine protons resonate
// N-CH2 of polyamine chains (8 of the 12 H of each -[CH2CH2NHCH2CH2CH2NH]- unit): an oligomer
// envelope must have its main part here. A broad signal only at 1.4-2.2 ppm is the amine NH.
constexpr double kNch2From = 2.3, kNch2To = 3.2;
constexpr double kMinFraction = 0.03;    // integrals of sharp lines are good to ~1-2 %; 3 % is 2x that
// A broad envelope this large cannot be one exchangeable proton of a small amine in error (an NH
// is 1 of 14-24 H of a substituted diazepane, and it is excluded by the N-CH2 placement) nor a
// baseline error after arPLS (< 1-2 % of the area on real spectra, docs/algorithms/baseline.md).
constexpr double kStandaloneFraction = 0.05;

std::vector<double> sliding(const std::vector<double>& y, std::size_t half, bool take_min) {
    std::vector<double> out(y.size());
    std::deque<std::size_t> dq;
    const std::size_t n = y.size();
    auto better = [&](double a, double b) { return take_min ? a <= b : a >= b; };
    std::size_t next = 0;
    for (std::size_t i = 0; i < n; ++i) {
        const std::size_t hi = std::min(n - 1, i + half);
        while (next <= hi) {
            while (!dq.empty() && better(y[next], y[dq.back()])) dq.pop_back();
            dq.push_back(next++);
        }
        const std::size_t lo = i >= half ? i - half : 0;
        while (dq.front() < lo) dq.pop_front();
        out[i] = y[dq.front()];
    }
    return out;
}

std::vector<double> moving_average(const std::vector<double>& y, std::size_t half) {
    std::vector<double> prefix(y.size() + 1, 0.0);
    for (std::size_t i = 0; i < y.size(); ++i) prefix[i + 1] = prefix[i] + y[i];
    std::vector<double> out(y.size());
    for (std::size_t i = 0; i < y.size(); ++i) {
        const std::size_t lo = i >= half ? i - half : 0;
        const std::size_t hi = std::min(y.size(), i + half + 1);
        out[i] = (prefix[hi] - prefix[lo]) / static_cast<double>(hi - lo);
    }
    return out;
}

bool sharp(const signal::Peak& p) {
    return std::isfinite(p.ppm) && std::isfinite(p.height) && p.fwhm_hz > 0.0 && p.fwhm_hz < kSharpMaxHz;
}

double mad_sigma(std::vector<double> v) {
    if (v.empty()) return 0.0;
    auto mid = v.begin() + static_cast<std::ptrdiff_t>(v.size() / 2);
    std::nth_element(v.begin(), mid, v.end());
    const double med = *mid;
    for (auto& x : v) x = std::abs(x - med);
    std::nth_element(v.begin(), mid, v.end());
    return 1.4826 * *mid;
}

}  // namespace

ModalityResult oligomer_nmr(const signal::NmrResult& nmr, const chem::ReactionModel& model) {
    ModalityResult r;
    if (!detail::usable(nmr)) return r;
    const NmrSpectrum& s = nmr.spectrum;
    const double hz_pp = s.hz_per_point();
    const std::size_t n = s.size();

    // 1. Bridge sharp lines.
    std::vector<double> y(s.real.begin(), s.real.end());
    for (auto& v : y) {
        if (!std::isfinite(v)) v = 0.0;
    }
    std::vector<bool> mask(n, false);
    for (const auto& p : nmr.peaks) {
        if (!sharp(p)) continue;
        const double c = s.index_of(p.ppm);
        const double g = p.fwhm_hz / hz_pp / 2.0;  // half width in points
        const double reach = 2000.0 * g + 1.0;
        const auto first = static_cast<std::ptrdiff_t>(std::max(0.0, std::floor(c - reach)));
        const auto last = static_cast<std::ptrdiff_t>(std::min(static_cast<double>(n) - 1.0, std::ceil(c + reach)));
        for (std::ptrdiff_t i = first; i <= last; ++i) {
            const double d = static_cast<double>(i) - c;
            y[static_cast<std::size_t>(i)] -= p.height * g * g / (d * d + g * g);
        }
    }
    for (const auto& p : nmr.peaks) {
        if (!sharp(p)) continue;
        const double half_pts = (2.0 * p.fwhm_hz + 3.0) / hz_pp;
        const double c = s.index_of(p.ppm);
        const auto lo = static_cast<std::ptrdiff_t>(std::floor(c - half_pts));
        const auto hi = static_cast<std::ptrdiff_t>(std::ceil(c + half_pts));
        for (std::ptrdiff_t i = std::max<std::ptrdiff_t>(lo, 0); i <= std::min<std::ptrdiff_t>(hi, static_cast<std::ptrdiff_t>(n) - 1); ++i)
            mask[static_cast<std::size_t>(i)] = true;
    }
    for (std::size_t i = 0; i < n;) {
        if (!mask[i]) {
            ++i;
            continue;
        }
        std::size_t j = i;
        while (j < n && mask[j]) ++j;
        const double left = i > 0 ? y[i - 1] : (j < n ? y[j] : 0.0);
        const double right = j < n ? y[j] : left;
        for (std::size_t k = i; k < j; ++k) {
            const double t = static_cast<double>(k - i + 1) / static_cast<double>(j - i + 1);
            y[k] = left + t * (right - left);
        }
        i = j;
    }
    // Bin to <= 4096 points (the broad component is smooth at this scale).
    const std::size_t bin = std::max<std::size_t>(1, (n + 4095) / 4096);
    const std::size_t m = n / bin;
    if (m < 32) return r;
    std::vector<double> yb(m, 0.0);
    for (std::size_t i = 0; i < m; ++i) {
        for (std::size_t k = 0; k < bin; ++k) yb[i] += y[i * bin + k];
        yb[i] /= static_cast<double>(bin);
    }
    const double hz_bin = hz_pp * static_cast<double>(bin);
    auto pts = [hz_bin](double hz) { return std::max<std::size_t>(1, static_cast<std::size_t>(std::lround(hz / hz_bin / 2.0))); };
    auto ppm_of = [&](std::size_t i) { return s.ppm_at((static_cast<double>(i) + 0.5) * static_cast<double>(bin) - 0.5); };

    // 2. Opening and smoothing.
    const std::size_t half_open = pts(kOpeningHz);
    std::vector<double> b = sliding(sliding(yb, half_open, true), half_open, false);
    b = moving_average(b, pts(kSmoothHz));
    // After the upstream baseline correction an absorption-mode broad component is >= 0; negative
    // excursions are artefacts (Lorentzian over-subtraction next to tall lines, dispersive phase
    // residue) and would drag the lower-envelope fit below the true baseline.
    for (auto& v : b) v = std::max(v, 0.0);
    // 3. Rolling component.
    const double lambda = signal::whittaker_lambda(kRollPeriodHz / hz_bin);
    const auto roll = signal::asls(b, lambda, 0.01, 50);
    std::vector<double> h(m);
    for (std::size_t i = 0; i < m; ++i) h[i] = b[i] - roll.baseline[i];

    r.checked = true;
    // Noise of h: sigma of the binned spectrum from first differences (MAD, robust to lines),
    // reduced by the moving average.
    std::vector<double> diffs(m - 1);
    for (std::size_t i = 0; i + 1 < m; ++i) diffs[i] = yb[i + 1] - yb[i];
    const double sigma_h = mad_sigma(diffs) / std::sqrt(2.0) / std::sqrt(static_cast<double>(2 * pts(kSmoothHz) + 1));
    const double thr = 4.0 * std::max(sigma_h, 1e-300);

    // 4. Positive excursions above the threshold (each extended to where h returns to zero).
    struct Excursion {
        std::size_t lo = 0, hi = 0;
        double area = 0.0, peak = 0.0, centre = 0.0, fwhm_hz = 0.0;
    };
    std::vector<Excursion> exc;
    for (std::size_t i = 0; i < m;) {
        if (h[i] <= thr) {
            ++i;
            continue;
        }
        Excursion e;
        std::size_t j = i, k = i;
        while (j < m && h[j] > 0.0) ++j;
        while (k > 0 && h[k - 1] > 0.0) --k;
        e.lo = k;
        e.hi = j;
        double w = 0.0;
        for (std::size_t q = k; q < j; ++q) {
            e.area += h[q];
            e.peak = std::max(e.peak, h[q]);
            w += h[q] * ppm_of(q);
        }
        e.centre = w / e.area;
        std::size_t above_half = 0;
        for (std::size_t q = k; q < j; ++q) above_half += h[q] >= e.peak / 2 ? 1 : 0;
        e.fwhm_hz = static_cast<double>(above_half) * hz_bin;
        exc.push_back(e);
        i = j;
    }
    const double total = detail::total_area(nmr);
    if (exc.empty() || total <= 0.0) {
        r.llr = -1.0;
        r.note = "no broad component under the sharp lines";
        return r;
    }
    // 5. Hump = the excursions in the polyamine region with an envelope's width that are not
    //    exchange-broadened water; residue = everything else above the noise (either sign) in
    //    0.5-10 ppm. Oligomers put several humps (N-CH2 and C-CH2-C) into the region, so they
    //    are summed; a rolling baseline leaves comparable residue outside it.
    const double bin_ppm = hz_bin / s.spectrometer_mhz;
    double hump = 0.0, nch2 = 0.0, widest = 0.0, rejected_width = 0.0;
    double from = 1e9, to = -1e9, centre_w = 0.0;
    bool water_only = false;
    std::vector<bool> in_hump(m, false);
    for (const auto& e : exc) {
        double share = 0.0;  // part of the excursion's area inside the polyamine region
        for (std::size_t q = e.lo; q < e.hi; ++q) {
            const double pq = ppm_of(q);
            if (pq >= kRegionFrom && pq <= kRegionTo) share += h[q];
        }
        const bool placed = e.centre >= kRegionFrom && e.centre <= kRegionTo && share >= kRegionShare * e.area;
        const bool width_ok = e.fwhm_hz >= kMinWidthHz && e.fwhm_hz <= kMaxWidthHz;
        const bool water = detail::near_solvent_line(nmr, e.centre, 0.05) && e.fwhm_hz < 150.0;
        if (placed && water) water_only = true;
        if (placed && !width_ok) rejected_width = std::max(rejected_width, e.area);
        if (!placed || !width_ok || water) continue;
        hump += e.area;
        widest = std::max(widest, e.fwhm_hz);
        centre_w += e.area * e.centre;
        from = std::min(from, ppm_of(e.lo));
        to = std::max(to, ppm_of(e.hi > 0 ? e.hi - 1 : 0));
        for (std::size_t q = e.lo; q < e.hi; ++q) {
            in_hump[q] = true;
            const double pq = ppm_of(q);
            if (pq >= kNch2From && pq <= kNch2To) nch2 += h[q];
        }
    }
    double outside = 0.0;
    for (std::size_t i = 0; i < m; ++i) {
        const double p = ppm_of(i);
        if (in_hump[i] || p < 0.5 || p > 10.0) continue;
        if (std::abs(h[i]) > thr) outside += std::abs(h[i]);
    }
    const double fraction = hump * bin_ppm / total;
    const double nch2_fraction = nch2 * bin_ppm / total;
    const double centre = hump > 0.0 ? centre_w / hump : 0.0;
    const bool localised = outside < 0.5 * hump;
    const std::string shape = "broad component centred at " + detail::fixed(centre, 2) + " ppm (FWHM up to " +
                              detail::fixed(widest, 0) + " Hz), " + detail::fixed(100 * fraction, 1) + " % of the 1H area";
    // A polyamine envelope comes with the reaction's amine: coupled (never singlet) sharp N-CH2
    // multiplets at 2.3-3.2 ppm. Without them a broad signal there is an exchange-broadened OH/NH
    // of some other compound (alcohols in CDCl3 resonate at 1.5-3 ppm).
    double amine = 0.0;
    for (const auto& mu : nmr.multiplets) {
        if (mu.ppm >= kNch2From && mu.ppm <= kNch2To && !detail::singlet_like(mu))
            amine += detail::sharp_multiplet_area(nmr, mu);
    }
    const bool amine_seen = amine >= kMinFraction * total;
    // What was considered stays with the finding (near miss) whatever the verdict.
    auto considered = [&](const std::string& why) {
        if (hump > 0.0)
            r.evidence.push_back(detail::nmr_region(from, to, fraction, "broad component (" + why + ")"));
    };
    if (hump > 0.0 && localised && nch2_fraction >= kMinFraction && !amine_seen) {
        r.llr = -0.7;
        r.note = shape + ", but no coupled N-CH2 multiplets of an amine at 2.3-3.2 ppm: an exchange-broadened OH/NH, "
                 "not a polyamine envelope";
        considered("no amine N-CH2 multiplets beside it");
        return r;
    }
    if (hump <= 0.0 || !localised || nch2_fraction < kMinFraction) {
        r.llr = -0.7;
        if (hump <= 0.0 && water_only) r.note = "the only broad signal is exchange-broadened water";
        else if (hump <= 0.0 && rejected_width > 0.0) r.note = "broad signals in 1.2-3.4 ppm have the wrong width for a polymer envelope";
        else if (hump <= 0.0) r.note = "no broad component in the polyamine region 1.2-3.4 ppm";
        else if (!localised) r.note = "a broad undulation spans the spectrum (rolling baseline, not a localised hump)";
        else if (fraction >= kMinFraction)
            r.note = shape + ", but only " + detail::fixed(100 * nch2_fraction, 1) +
                     " % under the N-CH2 region 2.3-3.2 ppm: exchange-broadened NH or C-CH2-C, not a polyamine envelope";
        else r.note = shape + " is below the " + detail::fixed(100 * kMinFraction, 0) + " % integration limit";
        considered(!localised ? "not localised" : fraction >= kMinFraction ? "not under N-CH2" : "below the integration limit");
        return r;
    }
    // Decision policy. A localised envelope under the N-CH2 region beside the amine's own coupled
    // N-CH2 multiplets is the oligomer fingerprint: from kStandaloneFraction of the 1H area it is
    // called on its own (no other compound class of an amine synthesis puts that much broad
    // intensity there; exchange-broadened NH is one proton per amine, water sits at its solvent
    // line). Below that it needs the product visible in the spectrum (its substituent signal
    // against the ring C6-H2), else it is a supportive sign only. A visible product raises the
    // weight either way.
    const auto visible = detail::product_visible(nmr, model);
    const bool shown = visible.value_or(false);
    const bool standalone = fraction >= kStandaloneFraction;
    if (!standalone && visible.has_value() && !shown) {
        r.llr = 0.0;
        r.note = shape + ", but the spectrum does not show the product and the envelope is below " +
                 detail::fixed(100 * kStandaloneFraction, 0) + " %: inconclusive";
        considered("product not visible");
        return r;
    }
    r.corroborative_only = !standalone && !shown;
    // LLR grows with the area fraction: 3 % -> 1.2, >= 13 % -> 3 (+0.3 with the product visible).
    r.llr = std::min(3.0, 1.2 + 1.8 * std::clamp((fraction - kMinFraction) / 0.10, 0.0, 1.0) + (shown ? 0.3 : 0.0));
    r.evidence.push_back(detail::nmr_region(from, to, fraction, "broad oligomer hump (FWHM up to " + detail::fixed(widest, 0) + " Hz)"));
    r.note = "NMR shows a " + shape + (shown ? "" : standalone ? " beside amine N-CH2 multiplets" : "");
    return r;
}

}  // namespace sidepeak::classify

// The diazepane ring frame of a sample: where its ring C6-H2 and N-CH2 and the reagent's
// diagnostic group resonate (free base, salt, D2O, DMSO-d6), the ring references read there and
// the substituent count they give, and the quaternary / N-oxide copy of an N-alpha group
// (declared in nmr_tools.hpp).
#include <algorithm>
#include <cmath>
#include <utility>

#include "nmr_tools.hpp"
#include "sidepeak/signal/robust_stats.hpp"
#include "sidepeak/signal/solvents.hpp"

namespace sidepeak::classify::detail {

namespace {
// 3J between C6-H2 and the ring N-CH2 of 1,4-diazepanes: 5.5-6.5 Hz; 4.5-8 allows the read-out.
constexpr double kC6JLo = 4.5, kC6JHi = 8.0;
// A band-shape reading is accepted at R^2 >= 0.9: the residual then stays within ~30 % of the
// band's spread, what overlap with a weaker neighbour or a 10-20 % roof effect leaves.
constexpr double kBandR2 = 0.9;
// Lines of at least half the ring's 3J (~6 Hz) are picked as blends of neighbouring transitions.
constexpr double kBlendLineHz = 3.0;
// Integral error ~5 % each, ~7 % for a ratio; references within 35 % (5 sigma) agree.
constexpr double kAgree = 1.35;
// Free-base positions (CDCl3): C6-H2 1.76, ring N-CH2 of the mono product centred at 2.78
// (2.62-2.70 alkylated side, 2.86-2.94 NH side), spanning 2.42-3.05 with the multiplets' width.
constexpr double kC6Free = 1.76, kNch2Free = 2.78, kNch2Below = 0.36, kNch2Above = 0.27;
// Vicinal 3J of the ring CH2-CH2 of 1,4-diazepanes (homopiperazine t/quint J 5.8-6.0 Hz; Pretsch):
// 5-7 Hz for the line-by-line triplet reading.
constexpr double kTripletJLo = 5.0, kTripletJHi = 7.0;
// C6-H2 couples to the four N-CH2 protons beside it (a quintet); the ring's proton counts are
// RingFrame::kC6Protons and RingFrame::kNch2Protons.
constexpr int kC6Couplings = 4;
constexpr double kC6Protons = detail::RingFrame::kC6Protons, kNch2Protons = detail::RingFrame::kNch2Protons;
// A band-shape reading must leave at most half the residual of one line of free width.
constexpr double kBandResidualShare = 0.5;
// Protonation moves the alpha protons 1-2x as far as the beta C6-H2 (Pretsch: alpha +0.3-0.9,
// beta +0.2-0.5 ppm); groups remote from the ring N move 0.2-0.6x as far.
constexpr double kAlphaMoveLo = 1.0, kAlphaMoveHi = 2.0, kRemoteMoveLo = 0.2, kRemoteMoveHi = 0.6;
// The ring lines' centre varies +-0.1 ppm between products (2.74 methyl, 2.78 benzyl).
constexpr double kNch2CentreSpreadPpm = 0.1;
// The diagnostic window opens 0.05 ppm below the moved group (its multiplet's half width).
constexpr double kDiagMarginPpm = 0.05;
// DMSO-d6 lowers N-CH3 / N-CH2 by 0.1-0.15 ppm (Fulmer et al. 2010: Et3N CH2 2.53 CDCl3 vs 2.43
// DMSO-d6).
constexpr double kDmsoDiagPpm = 0.15;
// Triplet reading (triplet_unit): lines narrower than 5 Hz (J 5-7 Hz resolved); picked lines
// within 0.03 ppm of the window and 0.02 ppm clear of a solvent line; of the product's width
// (0.6-2x); records closer than a fifth of a width are one line; outer lines at +-J within a
// third of a width (at least 0.3 Hz, the read-out), each 0.3-0.8 of the centre (1:2:1 with
// roof effect and overlap); at least two triplets.
constexpr double kTripletMaxLineHz = 5.0, kTripletReachPpm = 0.03, kTripletSolventTolPpm = 0.02;
constexpr double kTripletWidthLo = 0.6, kTripletWidthHi = 2.0, kMergeWidths = 0.2, kJTolWidths = 3.0, kJTolMinHz = 0.3;
constexpr double kOuterLo = 0.3, kOuterHi = 0.8, kTripletProtons = 2.0;
constexpr std::size_t kMinTriplets = 2;
constexpr int kTripletCouplings = 2;  // a ring N-CH2 triplet: two equal 3J
// A product count below k (per_ring < k) adds log(k / per_ring) to the score; 1e-9 keeps the
// logarithm finite.
constexpr double kMinPerRing = 1e-9;
// J of two multiplets agree within the 0.5-1 Hz read-out accuracy.
constexpr double kSameJHz = 1.0;
// N-oxide / quaternary alpha groups sit 0.45-1.2 ppm below the measured own signal (N-CH3 2.3 ->
// 3.1-3.3, N-CH2Ph 3.6 -> 4.3-4.5; Abraham & Mobli, Modelling 1H NMR Spectra, 2008; Silverstein,
// Spectrometric Identification, 8th ed., N-oxide alpha-H +0.6-1.0 ppm); their ring N-CH2
// multiplets at 3.05-3.9 ppm (N-oxide 3.05-3.6), 4H on the oxidised / quaternised side.
constexpr double kShiftedFrom = 0.45, kShiftedTo = 1.2, kShiftedRingFrom = 3.05, kShiftedRingTo = 3.9;
constexpr double kNoxideRingTo = 3.6;

// A solvent or contaminant line inside a multiplet is its tallest line (Fulmer 2010: the
// contaminants near 1.5-2.6 ppm are singlets or, THF, a multiplet centred on its line): a
// multiplet whose centre lies near a solvent position but whose tallest line stands clear of it by
// more than a line's half-width at the usual 1-2 Hz lines (0.01 ppm) is a multiplet of its own,
// e.g. a salt's C6-H2 quintet at 2.03 beside ethyl acetate's 2.05.
constexpr double kOnSolventLinePpm = 0.01;
bool solvent_multiplet(const signal::NmrResult& nmr, const signal::Multiplet& m) {
    if (!near_solvent_line(nmr, m.ppm)) return false;
    const signal::Peak* top = nullptr;
    for (std::size_t i : m.peaks) {
        if (i < nmr.peaks.size() && (top == nullptr || nmr.peaks[i].height > top->height)) top = &nmr.peaks[i];
    }
    return top == nullptr || near_solvent_line(nmr, top->ppm, kOnSolventLinePpm);
}

// C6-H2 couples to four near-equivalent N-CH2 protons: a quintet (tt when the two sides differ),
// or "m" when overlap hides it. Singlets, d, t, q and geminal (J > 9 Hz) patterns are other
// compounds' lines, unless the lines are too broad to resolve J: then the band must be as wide as
// the quintet's envelope at this width (J 4.5-8 Hz), no narrower and no wider.
bool c6_candidate(const signal::Multiplet& m, const signal::NmrResult& nmr, double line_hz, bool* unresolved = nullptr,
                  double* band_area = nullptr) {
    if (solvent_multiplet(nmr, m)) return false;
    if (!singlet_like(m, &nmr) && (m.multiplicity.is_unresolved() || m.multiplicity.is({5}) || m.multiplicity.is({3, 3}) || m.multiplicity.is({6})) &&
        std::all_of(m.j_hz.begin(), m.j_hz.end(), [](double j) { return j >= kC6JLo && j <= kC6JHi; }))
        return true;
    if (!(line_hz > 0.0)) return false;
    const double lo = envelope_fwhm_hz(kC6Couplings, kC6JLo, line_hz), hi = envelope_fwhm_hz(kC6Couplings, kC6JHi, line_hz);
    {
        // At lines as wide as 0.5-1.5x J the picker merges lines and mislabels the pattern ("q" J
        // 8, "d" J 11.5 or a one-line "s" for a J 6 quintet at 4-6 Hz): the band's shape decides.
        // The quintet must explain it (R^2 >= 0.9) and leave at most half the residual of one
        // line of free width (a singlet or a structureless blob fits that as well).
        const BandFit fit = binomial_band_fit(nmr, m.ppm, kC6Couplings, kC6JLo, kC6JHi, line_hz);
        if (fit.r2 >= kBandR2 && 1.0 - fit.r2 <= kBandResidualShare * (1.0 - fit.single_r2)) {
            if (unresolved != nullptr) *unresolved = lo >= kEnvelopeWiderThanLine * line_hz;
            // Its picked lines are blends of uncertain width and area; the fitted quintet's area
            // is the band's.
            if (band_area != nullptr) *band_area = fit.area;
            return true;
        }
    }
    if (lo < kEnvelopeWiderThanLine * line_hz) return false;  // resolvable at this width: the pattern tests above decide
    const double w = measured_fwhm_hz(nmr, m);
    const bool ok = w >= kMeasuredWidthLow * lo && w <= kMeasuredWidthHigh * hi;
    if (ok && unresolved != nullptr) *unresolved = true;
    return ok;
}

}  // namespace

bool c6_band(const signal::Multiplet& m, const signal::NmrResult& nmr, double line_hz, double* band_area) {
    double band = 0.0;
    if (!c6_candidate(m, nmr, line_hz, nullptr, &band)) return false;
    if (band_area != nullptr) *band_area = band;
    return true;
}

namespace {
// A small molecule's singlet stays below 30 Hz even broadened by NH exchange or a viscous crude
// (the sharp-line cap of nmr_tools, narrower than any oligomer envelope of 32 Hz + 2 widths,
// docs/classifier.md): a broader "singlet" in the diagnostic window is an envelope or a rolling
// baseline under the product's line, and its width is no line width of the product.
constexpr double kProductSingletMaxHz = 30.0;
// The product's line width: its diagnostic singlet's measured FWHM (a singlet shows the width
// itself), else the spectrum's typical width. Of the singlets no broader than a small molecule's,
// the largest.
double product_line_hz(const signal::NmrResult& nmr, const chem::Reagent& rg, double from, double to) {
    const bool singlet_group = rg.diag_lines == 1;
    const signal::Multiplet* top = nullptr;
    if (singlet_group) {
        for (const auto& m : nmr.multiplets) {
            if (m.ppm < from || m.ppm > to || near_solvent_line(nmr, m.ppm) || !singlet_like(m, &nmr)) continue;
            if (!(measured_fwhm_hz(nmr, m) <= kProductSingletMaxHz)) continue;
            if (top == nullptr || multiplet_area(nmr, m) > multiplet_area(nmr, *top)) top = &m;
        }
    }
    const double w = top != nullptr ? measured_fwhm_hz(nmr, *top) : 0.0;
    return w > 0.0 ? w : typical_line_hz(nmr);
}

struct Windows {
    double nch2_from, nch2_to, diag_from, diag_to;
};
Windows windows_for(const chem::Reagent& rg, const signal::NmrResult& nmr, double d, double da) {
    // Ring N-CH2 (free base 2.42-3.05) and diagnostic windows move by d..2d (alpha protons 1-2x
    // as far as the beta C6-H2 on protonation; Pretsch: alpha +0.3-0.9, beta +0.2-0.5 ppm), and
    // reach the measured ring N-CH2 centre (da) when that lies outside.
    Windows w{};
    // Beyond the d..2d range only when the measured centre lies outside it by more than the
    // +-0.1 ppm spread of the ring lines' centre between products (2.74 methyl, 2.78 benzyl).
    const double lo = std::min(d, kAlphaMoveHi * d), hi = std::max(d, kAlphaMoveHi * d);
    w.nch2_from = kNch2Free - kNch2Below + (da < lo - kNch2CentreSpreadPpm ? da : lo);
    w.nch2_to = kNch2Free + kNch2Above + (da > hi + kNch2CentreSpreadPpm ? da : hi);
    // The ethyl's diagnostic CH3 t is beta to the ring N: it moves as a remote group (Et3N 1.03 ->
    // Et3N.HCl 1.27 in D2O, +0.24 while its N-CH2 moves +0.66; SDBS, Fulmer 2010).
    const bool alpha = rg.diag_label.rfind("N-", 0) == 0 && rg.diag_label.find("CH2CH3") == std::string::npos;
    // An N-CH2CF3 amine is ~5 pKa units weaker a base than an N-alkyl one (CF3CH2NH2 5.7 against
    // EtNH2 10.7; Perrin, Dissociation Constants of Organic Bases, 1965): with less acid than basic
    // N its own N stays free and the group moves only as a remote one (lower edge), fully protonated
    // (a dihydrochloride) as an alpha group (upper edge; CF3CH2NH3+ CH2 q 3.8-3.9 in D2O, SDBS).
    const bool weak_base = alpha && rg.diag_label.find("CF3") != std::string::npos;
    const double lo_k = alpha && !weak_base ? kAlphaMoveLo : kRemoteMoveLo, hi_k = alpha ? kAlphaMoveHi : kRemoteMoveHi;
    w.diag_from = rg.diag_ppm_from + std::min(lo_k * d, hi_k * d) - kDiagMarginPpm;
    w.diag_to = rg.diag_ppm_to + std::max(lo_k * d, hi_k * d);
    if (alpha) {  // alpha groups move with the ring N-CH2
        w.diag_from = std::min(w.diag_from, rg.diag_ppm_from + da - kDiagMarginPpm);
        w.diag_to = std::max(w.diag_to, rg.diag_ppm_to + da);
    }
    if (signal::normalise_solvent(nmr.meta.solvent) == "DMSO-d6") w.diag_from -= kDmsoDiagPpm;
    return w;
}

// The product's own ring N-CH2 read line by line: each ring CH2 couples to one neighbouring CH2
// (C2/C3, C5/C7 to C6; 3J 5-7 Hz in 1,4-diazepanes, Pretsch) and shows a 1:2:1 triplet of 2H.
// Triplets are taken from the picked lines (outer lines at +-J within a third of a line width,
// each 0.3-0.8 of the centre's height, all of the product's width, 0.6-2x), so another compound's
// lines in the window (geminal dd/ddd of a rigid skeleton, singlets) add nothing. The area of one
// ring proton is the median over the triplets that agree with it within 35 %; at least two are
// needed. 0 when the lines are too broad to resolve J (line width >= 5 Hz) or fewer agree.
double triplet_unit(const signal::NmrResult& nmr, double from, double to, double line_hz, double sharp_hz,
                    std::size_t min_triplets = kMinTriplets) {
    const double mhz = nmr.spectrum.spectrometer_mhz;
    if (!(line_hz > 0.0) || line_hz >= kTripletMaxLineHz || !(mhz > 0.0)) return 0.0;
    struct L {
        double ppm, height, area;
    };
    std::vector<L> lines;
    for (const auto& p : nmr.peaks) {
        if (p.ppm < from - kTripletReachPpm || p.ppm > to + kTripletReachPpm || !(p.area > 0.0) || !(p.height > 0.0)) continue;
        if (!(p.fwhm_hz > 0.0 && p.fwhm_hz < sharp_hz) || p.fwhm_hz < kTripletWidthLo * line_hz || p.fwhm_hz > kTripletWidthHi * line_hz) continue;
        if (near_solvent_line(nmr, p.ppm, kTripletSolventTolPpm)) continue;
        lines.push_back({p.ppm, p.height, p.area});
    }
    std::sort(lines.begin(), lines.end(), [](const L& x, const L& y) { return x.ppm < y.ppm; });
    // Records closer than a fifth of a line width are one line (coincident transitions).
    std::vector<L> merged;
    for (const auto& l : lines) {
        if (!merged.empty() && (l.ppm - merged.back().ppm) * mhz < kMergeWidths * line_hz) {
            merged.back().height += l.height;
            merged.back().area += l.area;
        } else {
            merged.push_back(l);
        }
    }
    std::vector<char> used(merged.size(), 0);
    std::vector<double> per_h;
    const double tol_hz = std::max(line_hz / kJTolWidths, kJTolMinHz);
    for (std::size_t c = 0; c < merged.size(); ++c) {
        const auto& pc = merged[c];
        if (used[c] || pc.ppm < from || pc.ppm > to) continue;
        std::size_t best_lo = merged.size(), best_hi = merged.size();
        double best_err = 1e300;
        for (std::size_t a = 0; a < c; ++a) {
            const auto& pa = merged[a];
            const double j = (pc.ppm - pa.ppm) * mhz;
            if (used[a] || j < kTripletJLo - tol_hz || j > kTripletJHi + tol_hz) continue;
            for (std::size_t b = c + 1; b < merged.size(); ++b) {
                const auto& pb = merged[b];
                const double j2 = (pb.ppm - pc.ppm) * mhz;
                if (j2 > j + tol_hz) break;
                if (used[b] || std::abs(j2 - j) > tol_hz) continue;
                const double ra = pa.height / pc.height, rb = pb.height / pc.height;
                if (ra < kOuterLo || ra > kOuterHi || rb < kOuterLo || rb > kOuterHi) continue;
                const double err = std::abs(j2 - j) + std::abs(ra - rb);
                if (err < best_err) {
                    best_err = err;
                    best_lo = a;
                    best_hi = b;
                }
            }
        }
        if (best_lo == merged.size()) continue;
        used[best_lo] = used[c] = used[best_hi] = 1;
        per_h.push_back((merged[best_lo].area + pc.area + merged[best_hi].area) / kTripletProtons);
    }
    if (per_h.size() < min_triplets) return 0.0;
    // The largest group of triplets agreeing within 35 % of each other; its median.
    std::sort(per_h.begin(), per_h.end());
    double best = 0.0;
    std::size_t best_n = 0;
    for (std::size_t i = 0; i < per_h.size(); ++i) {
        std::size_t j = i;
        while (j + 1 < per_h.size() && per_h[j + 1] <= kAgree * per_h[i]) ++j;
        const std::size_t n = j - i + 1;
        if (n > best_n) {
            best_n = n;
            std::vector<double> group(per_h.begin() + static_cast<std::ptrdiff_t>(i), per_h.begin() + static_cast<std::ptrdiff_t>(j + 1));
            best = signal::upper_median_inplace(group);
        }
    }
    return best_n >= min_triplets ? best : 0.0;
}

// frame_at's limits. C6-H2 multiplets within 0.12 ppm of the anchor are parts of its band (the
// quintet spans 2 x 3J 8 Hz each side, 0.04 ppm at 400 MHz; a tt of two unequal sides or a band
// split by the picker reaches ~0.1 ppm).
constexpr double kC6BandReachPpm = 0.12;
// Measured C6-H2 shift from the free base, clamped to the range of the C6-H2 positions: free base
// in DMSO-d6 ~1.5-1.6 (-0.25) to the dication ~2.3-2.4 in D2O (+0.65) (Pretsch, ammonium salts).
constexpr double kShiftLo = -0.25, kShiftHi = 0.65;
// No neutral diazepane carries more than two N-substituents (a quaternary N+ moves its groups out
// of the window): one group line worth > 2.3 per ring (2 + 3 sigma of the 7 % ratio error at 2,
// rounded up) against the larger ring reference is another compound's line.
constexpr double kMaxGroupPerRing = 2.3;
// Mono- and di-substituted species differ only four bonds away from the group: their lines lie
// within 0.08 ppm (1-/1,4-dibenzyl N-CH2Ph 3.63/3.62, 1-/1,4-dimethyl N-CH3 2.35/2.34; Pretsch).
constexpr double kClusterPpm = 0.08;
// Equal fits of two cluster centres (to rounding) are decided by the larger line.
constexpr double kFitTie = 1e-9;
// The C6-H2 reference (2H per ring) must hold at least 0.5 % of the 1H area: a product in a crude
// at ~2 mol % of the protons; below that the ring is not read.
constexpr double kMinC6Fraction = 0.005;
// C6-H2 anchors are looked for from the free base in DMSO-d6 (~1.6 ppm, less 0.1 for the read-out)
// to the dication in D2O (~2.3-2.5, plus 0.1).
constexpr double kAnchorFrom = 1.5, kAnchorTo = 2.6;
// The product is shown when its group gives at least half of its k substituents per ring.
constexpr double kMinProductFraction = 0.5;

// Sharp-line area of a multiplet at the frame's sharp-line limit.
double frame_area(const signal::NmrResult& nmr, const signal::Multiplet& m, const RingFrame& f) {
    return sharp_multiplet_area(nmr, m, f.sharp_hz);
}

// Step 1: the frame's position and widths from the anchor and the measured ring N-CH2 centre.
RingFrame frame_position(const signal::NmrResult& nmr, const chem::Reagent& rg, const signal::Multiplet& anchor, double line_hz,
                         double da) {
    RingFrame f;
    f.c6_ppm = anchor.ppm;
    f.line_hz = line_hz;
    f.sharp_hz = sharp_limit_hz(nmr, line_hz);
    f.shift = std::clamp(anchor.ppm - kC6Free, kShiftLo, kShiftHi);
    f.nch2_shift = da;
    const Windows w = windows_for(rg, nmr, f.shift, da);
    f.nch2_from = w.nch2_from;
    f.nch2_to = w.nch2_to;
    f.diag_from = w.diag_from;
    f.diag_to = w.diag_to;
    return f;
}

// Step 2: the C6-H2 reference, the anchor's band and the C6-H2 multiplets beside it.
void read_c6(const signal::NmrResult& nmr, const signal::Multiplet& anchor, RingFrame& f) {
    for (const auto& m : nmr.multiplets) {
        bool unresolved = false;
        double band = 0.0;
        if (std::abs(m.ppm - anchor.ppm) <= kC6BandReachPpm && c6_candidate(m, nmr, f.line_hz, &unresolved, &band)) {
            f.c6_area += band > 0.0 ? band : frame_area(nmr, m, f);
            if (&m == &anchor) f.c6_unresolved = unresolved;
        }
    }
}

// The group's coupled pattern (t / q) overlaid by the 1,4-disubstituted ring's copy of it: the two
// lie 0.01-0.05 ppm apart (0.10 in a hydrogen-bond-accepting solvent; over_alkylation_species.hpp),
// 4-40 Hz at 400 MHz, about one J of the pattern (ethyl 7, OCH2CH2N 6, CH2CF3 9.5 Hz), so the
// picker merges both into one multiplet it cannot name. It is the group's when every line of it is
// one of two copies of the group's pattern (n lines spaced by one J of the group's chemical range,
// diag_pattern, each within a third of a line width of its place) at most the bis reach apart, the first copy
// holding at least half of the line heights (the product is the major species) with its inner
// lines at least as tall as its outer ones (binomial 1:2:1, 1:3:3:1).
constexpr double kOverlaidReachPpm = 0.10, kOverlaidMajorShare = 0.5;
struct LineSet {
    std::vector<std::pair<double, double>> lines;  // (Hz, height), ascending
    double tol = 0.0;
    [[nodiscard]] int at(double hz, double within) const {
        for (std::size_t i = 0; i < lines.size(); ++i)
            if (std::abs(lines[i].first - hz) <= within) return static_cast<int>(i);
        return -1;
    }
};
// Marks the n lines of the copy starting at `start` (spacing j), each within `within` Hz of a
// picked line; false when one is missing.
bool mark_copy(const LineSet& ls, double start, double j, int n, double within, std::vector<int>& owner, int id) {
    std::vector<int> hit;
    for (int k = 0; k < n; ++k) {
        const int i = ls.at(start + k * j, within);
        if (i < 0) return false;
        hit.push_back(i);
    }
    for (const int i : hit) owner[static_cast<std::size_t>(i)] = id;
    return true;
}
bool overlaid_group(const signal::Multiplet& m, const chem::Reagent& rg, const signal::NmrResult& nmr, double line_hz) {
    const int n = rg.diag_lines;
    const double mhz = nmr.spectrum.spectrometer_mhz;
    if (n < 2 || m.multiplicity.simple_order() == n || m.peaks.size() <= static_cast<std::size_t>(n) || !(mhz > 0.0)) return false;
    LineSet ls;
    double total = 0.0;
    for (const auto i : m.peaks) {
        if (i >= nmr.peaks.size()) return false;
        ls.lines.emplace_back(nmr.peaks[i].ppm * mhz, nmr.peaks[i].height);
        total += nmr.peaks[i].height;
    }
    std::sort(ls.lines.begin(), ls.lines.end());
    ls.tol = std::max(kJTolMinHz, line_hz / kJTolWidths);
    const double reach = kOverlaidReachPpm * mhz;
    signal::Multiplet probe;
    probe.multiplicity = signal::Multiplicity::of({n});
    for (std::size_t a = 0; a < ls.lines.size(); ++a) {
        for (std::size_t b = a + 1; b < ls.lines.size(); ++b) {
            // a and b as the first copy's outer lines: J read over the whole pattern, so an inner
            // line pulled by a merged second-copy line still fits.
            const double j = (ls.lines[b].first - ls.lines[a].first) / (n - 1), start = ls.lines[a].first;
            probe.j_hz = {j};
            if (!diag_pattern(probe, rg, nmr)) continue;
            std::vector<int> owner(ls.lines.size(), 0);
            if (!mark_copy(ls, start, j, n, ls.tol, owner, 1)) continue;
            double held = 0.0, outer = 0.0, inner = 0.0;
            for (int k = 0; k < n; ++k) {
                const double h = ls.lines[static_cast<std::size_t>(ls.at(start + k * j, ls.tol))].second;
                held += h;
                (k == 0 || k == n - 1 ? outer : inner) = std::max(k == 0 || k == n - 1 ? outer : inner, h);
            }
            if (held < kOverlaidMajorShare * total || inner < outer) continue;
            // The remaining lines: one second copy of the same J within the reach; a line of it
            // within one line width of a first-copy line is merged into that line by the picker.
            const auto rest = std::find(owner.begin(), owner.end(), 0);
            if (rest == owner.end()) return true;
            const double first = ls.lines[static_cast<std::size_t>(rest - owner.begin())].first;
            for (int k = 0; k < n; ++k) {
                const double s2 = first - k * j;
                if (std::abs(s2 - start) > reach) continue;
                auto o2 = owner;
                if (!mark_copy(ls, s2, j, n, std::max(ls.tol, line_hz), o2, 2)) continue;
                if (std::find(o2.begin(), o2.end(), 0) == o2.end()) return true;
            }
        }
    }
    return false;
}

// Inside the ring N-CH2 window the ring's own eight CH2 triplets crowd a merged multiplet with
// lines of every spacing, so an overlaid pair is read only outside it (ethyl CH3, aryloxyethyl
// OCH2, a free base's N-CH2CF3 in DMSO-d6 or CD3OD).
bool in_ring_window(const signal::Multiplet& m, const RingFrame& f) { return m.ppm >= f.nch2_from && m.ppm <= f.nch2_to; }

// Step 3: the reagent group's candidate lines in the diagnostic window (its pattern, no solvent).
std::vector<const signal::Multiplet*> diag_candidates(const signal::NmrResult& nmr, const chem::Reagent& rg, const RingFrame& f) {
    std::vector<const signal::Multiplet*> cand;
    for (const auto& m : nmr.multiplets) {
        if (m.ppm >= f.diag_from && m.ppm <= f.diag_to && !near_solvent_line(nmr, m.ppm) &&
            (diag_pattern(m, rg, nmr) || (!in_ring_window(m, f) && overlaid_group(m, rg, nmr, f.line_hz))))
            cand.push_back(&m);
    }
    return cand;
}

// Step 4: the ring N-CH2 reference (8H per ring), without the group's candidate lines.
void read_nch2(const signal::NmrResult& nmr, const std::vector<const signal::Multiplet*>& cand, RingFrame& f) {
    // At lines of half J and more the picker splits the ring's triplet pairs into blends whose
    // areas lose 20-30 % to their neighbours (measured on FIDs of 1-benzyl-1,4-diazepane at 5 Hz
    // lines); the multiplets' range integrals keep it. The ring N-CH2 window holds no
    // exchangeable NH of the amine in CDCl3 (1.5-2.0 ppm), so the range integral adds no pedestal.
    const bool blended = f.line_hz >= kBlendLineHz;
    for (const auto& m : nmr.multiplets) {
        if (!(m.ppm >= f.nch2_from && m.ppm <= f.nch2_to) || near_solvent_line(nmr, m.ppm)) continue;
        if (std::find(cand.begin(), cand.end(), &m) != cand.end()) continue;
        f.nch2_area += blended && m.peaks.size() > 1 ? std::max(multiplet_area(nmr, m), frame_area(nmr, m, f))
                                                    : frame_area(nmr, m, f);
    }
}

// One ring proton's area by each ring reference.
struct RingUnits {
    double c6 = 0.0, nch2 = 0.0;
    [[nodiscard]] double lower() const noexcept { return std::min(c6, nch2); }
    [[nodiscard]] double upper() const noexcept { return std::max(c6, nch2); }
};

// Step 5: the ring references per proton, a window reference holding foreign lines replaced by
// the product's own ring triplets.
RingUnits ring_units(const signal::NmrResult& nmr, RingFrame& f) {
    RingUnits u{f.c6_area / kC6Protons, f.nch2_area / kNch2Protons};
    // Another compound's lines inflate the window references; the product's own ring triplets do
    // not hold them. When the triplets give a ring proton more than 35 % below a window reference,
    // that reference holds foreign lines and the triplets' value replaces it.
    // Free-base frames only: in a salt or D2O the ring lines crowd 3.0-3.9 ppm with the
    // ammonium's own and the matrix's N+-CH2 / O-CH2 triplets, which a line-by-line reading
    // cannot tell from the product's.
    if (!f.protonated()) f.triplet_h = triplet_unit(nmr, f.nch2_from, f.nch2_to, f.line_hz, f.sharp_hz);
    // Only where the window references disagree (no count otherwise): in a mixture each species'
    // triplets carry its own mole fraction, so agreeing window references are the better total.
    if (f.triplet_h > 0.0 && u.upper() > kAgree * u.lower()) {
        if (u.nch2 > kAgree * f.triplet_h) u.nch2 = f.triplet_h;
        if (u.c6 > kAgree * f.triplet_h) u.c6 = f.triplet_h;
    }
    return u;
}

// Step 6: the product's group cluster among the candidates. A line worth more than two groups per
// ring against the larger ring reference is another compound's; of several clusters (lines within
// kClusterPpm of a centre), the one whose count fits the product's k best (a foreign singlet in
// the window, e.g. an acetyl CH3 beside N-CH3, gives another count); its centre is its largest
// line. Fills diag, diag_area, diag_ppm and excluded; false when no cluster remains.
bool diag_cluster(const signal::NmrResult& nmr, const chem::Reagent& rg, int k, double unit,
                  const std::vector<const signal::Multiplet*>& cand, RingFrame& f) {
    auto cluster_area = [&](const signal::Multiplet* c) {
        double a = 0.0;
        for (const auto* m : cand) {
            const double am = frame_area(nmr, *m, f);
            if (am / unit <= kMaxGroupPerRing && std::abs(m->ppm - c->ppm) <= kClusterPpm) a += am;
        }
        return a;
    };
    const signal::Multiplet* top = nullptr;
    double top_fit = 1e300;
    for (const auto* m : cand) {
        const double a = frame_area(nmr, *m, f);
        if (a / unit > kMaxGroupPerRing) {
            f.excluded.push_back(m);
            continue;
        }
        const double fit = std::abs(std::log((cluster_area(m) / (rg.diag_protons * k)) / f.ring_h));
        if (top == nullptr || fit < top_fit - kFitTie || (std::abs(fit - top_fit) <= kFitTie && a > frame_area(nmr, *top, f))) {
            top = m;
            top_fit = fit;
        }
    }
    if (top == nullptr) return false;
    for (const auto* m : cand) {
        if (std::abs(m->ppm - top->ppm) <= kClusterPpm && frame_area(nmr, *m, f) / unit <= kMaxGroupPerRing &&
            frame_area(nmr, *m, f) > frame_area(nmr, *top, f))
            top = m;
    }
    f.diag_ppm = top->ppm;
    for (const auto* m : cand) {
        if (std::find(f.excluded.begin(), f.excluded.end(), m) != f.excluded.end()) continue;
        if (std::abs(m->ppm - top->ppm) <= kClusterPpm) {
            f.diag.push_back(m);
            f.diag_area += frame_area(nmr, *m, f);
        } else {
            f.excluded.push_back(m);
        }
    }
    return true;
}

// The spread of the three references (log of the largest over the smallest per ring proton); a
// group without a line leaves the two ring references.
double references_spread(const RingUnits& u, double r_d) {
    double lo = u.lower(), hi = u.upper();
    if (r_d > 0.0) {
        lo = std::min(lo, r_d);
        hi = std::max(hi, r_d);
    }
    return std::log(hi / lo);
}

// Step 7: which ring references are kept. Two that disagree: a background line overlaps one of
// them (it only adds area) or one lost area; the diagnostic group (the product's k substituents,
// r_d per proton) is the third reference, and the ring reference it agrees with is kept (only the
// larger one is ever set aside). Sets ring_h, rejected, disagree and the score of the kept ratios.
void keep_references(const RingUnits& u, bool refs_agree, double r_d, RingFrame& f) {
    auto agree = [](double a, double b) { return a > 0 && b > 0 && std::max(a, b) <= kAgree * std::min(a, b); };
    if (refs_agree) {
        f.ring_h_upper = u.upper();
        f.score = std::log(u.upper() / f.ring_h);
    } else if (u.c6 > u.nch2 && agree(r_d, u.nch2) && !agree(r_d, u.c6)) {
        f.ring_h = f.ring_h_upper = u.nch2;
        f.rejected = "C6-H2";
        f.score = std::log(kAgree) + std::abs(std::log(r_d / u.nch2));
    } else if (u.nch2 > u.c6 && agree(r_d, u.c6) && !agree(r_d, u.nch2)) {
        f.ring_h = f.ring_h_upper = u.c6;
        f.rejected = "ring N-CH2";
        f.score = std::log(kAgree) + std::abs(std::log(r_d / u.c6));
    } else {
        // No count in this frame; its misfit still ranks it among the frames that show nothing,
        // so the note names the anchor whose three references came closest (the product's own
        // C6-H2 rather than the first quintet of the window).
        f.disagree = true;
        f.score = std::log(kAgree) + references_spread(u, r_d);
    }
}

RingFrame frame_at(const signal::NmrResult& nmr, const chem::ReactionModel& model, const signal::Multiplet& anchor,
                   double line_hz, double da) {
    const chem::Reagent& rg = *model.reagent;
    RingFrame f = frame_position(nmr, rg, anchor, line_hz, da);
    read_c6(nmr, anchor, f);
    const auto cand = diag_candidates(nmr, rg, f);
    read_nch2(nmr, cand, f);
    if (f.c6_area <= 0.0 || f.nch2_area <= 0.0) return f;
    const RingUnits u = ring_units(nmr, f);
    f.ring_h = u.lower();
    const bool refs_agree = u.upper() <= kAgree * f.ring_h;
    const int k = std::max(model.product_alkylations, 1);
    if (!diag_cluster(nmr, rg, k, rg.diag_protons * u.upper(), cand, f)) return f;
    keep_references(u, refs_agree, f.diag_area / (rg.diag_protons * k), f);
    f.per_ring = (f.diag_area / rg.diag_protons) / f.ring_h;
    // Fit of the product pattern: the kept references' spread plus a count below the product's.
    f.score += std::max(0.0, std::log(k / std::max(f.per_ring, kMinPerRing)));
    // Two references that disagree beyond integration error with no third to decide hold another
    // compound's lines (or the anchor is not a diazepane C6-H2): no count in this frame.
    f.found = !f.disagree && f.per_ring >= kMinProductFraction * k && f.c6_area >= kMinC6Fraction * total_area(nmr);
    return f;
}

// The protonation shift of the alpha protons, measured: the area-weighted centre of the coupled
// lines in the ring N-CH2 range an anchor with C6-H2 shift d allows (free base 2.42-3.05 moved by
// d-0.1 .. 2d+0.1), minus the free base's 2.78.
double alpha_shift(const signal::NmrResult& nmr, double d) {
    const double lo = std::min(d, kAlphaMoveHi * d) - kNch2CentreSpreadPpm, hi = std::max(d, kAlphaMoveHi * d) + kNch2CentreSpreadPpm;
    double a = 0.0, ap = 0.0;
    for (const auto& m : nmr.multiplets) {
        if (m.ppm < kNch2Free - kNch2Below + lo || m.ppm > kNch2Free + kNch2Above + hi || near_solvent_line(nmr, m.ppm)) continue;
        if (is_singlet(m)) continue;  // N-CH3 / N-CH2Ph singlets and solvents are no ring lines
        const double area = multiplet_area(nmr, m);
        a += area;
        ap += area * m.ppm;
    }
    return a > 0.0 ? std::clamp(ap / a - kNch2Free, lo, hi) : d;
}
// A C6-H2 read as a first-order quintet (or tt) with every J in the ring's 3J range.
bool first_order_c6(const signal::Multiplet& m) {
    return (m.multiplicity.is({5}) || m.multiplicity.is({3, 3})) && !m.j_hz.empty() &&
           std::all_of(m.j_hz.begin(), m.j_hz.end(), [](double j) { return j >= kC6JLo && j <= kC6JHi; });
}
}  // namespace

std::optional<chem::ReactionModel> mono_product_model(const chem::Reagent& rg) {
    auto m = chem::build_reaction_model({(chem::diazepane() + chem::Formula(rg.increment)).to_string(), rg.name});
    if (m.product_alkylations != 1) return std::nullopt;
    return m;
}

RingFrame ring_frame(const signal::NmrResult& nmr, const chem::ReactionModel& model) {
    RingFrame best;
    if (model.reagent == nullptr || model.reagent->diag_protons <= 0) return best;
    const chem::Reagent& rg = *model.reagent;
    // Every C6-H2 candidate from the free base in DMSO-d6 (~1.6) to the dication (~2.3-2.5)
    // anchors frames; the one whose references fit the product's 2 : 8 : n k best (and shows the
    // product) wins.
    bool best_found = false, best_quintet = false;
    for (const auto& m : nmr.multiplets) {
        if (m.ppm < kAnchorFrom || m.ppm > kAnchorTo) continue;
        const double d = std::clamp(m.ppm - kC6Free, kShiftLo, kShiftHi);
        {
            const double da = alpha_shift(nmr, d);
            const Windows w = windows_for(rg, nmr, d, da);
            const double line_hz = product_line_hz(nmr, rg, w.diag_from, w.diag_to);
            if (!c6_candidate(m, nmr, line_hz)) continue;
            RingFrame f = frame_at(nmr, model, m, line_hz, da);
            if (f.ring_h <= 0.0) continue;
            // Among frames that show the product, one anchored on a resolved first-order quintet
            // (or tt) of the ring's 3J is the C6-H2 itself; a band picked as "m" is only compatible
            // with it (an exchange-broadened NH at 1.5-2.2 ppm in a free base read as the C6-H2 of
            // a salt frame).
            const bool quintet = first_order_c6(m);
            const std::pair rank{f.found, f.found && quintet}, best_rank{best_found, best_found && best_quintet};
            const bool better = best.ring_h <= 0.0 || rank > best_rank || (rank == best_rank && f.score < best.score);
            if (better) {
                best_found = f.found;
                best_quintet = quintet;
                best = std::move(f);
            }
        }
    }
    return best;
}

double ring_triplet_unit(const signal::NmrResult& nmr, double from, double to, double line_hz, double sharp_hz,
                         std::size_t min_triplets) {
    return triplet_unit(nmr, from, to, line_hz, sharp_hz, min_triplets);
}

std::optional<bool> product_visible(const signal::NmrResult& nmr, const chem::ReactionModel& model) {
    const chem::Reagent* rg = model.reagent;
    if (rg == nullptr || rg->diag_protons <= 0 || model.product_alkylations <= 0) return std::nullopt;
    return ring_frame(nmr, model).found;
}

ShiftedAlpha shifted_alpha(const signal::NmrResult& nmr, const chem::ReactionModel& model) {
    ShiftedAlpha out;
    const chem::Reagent* rg = model.reagent;
    // The diagnostic group must be the one on the ring N ("N-CH3", "N-CH2Ph", "N-CH2CF3", ...);
    // remote groups (ethyl CH3, fluorophenoxyethyl OCH2) hardly move, carbamates are no amines.
    if (rg == nullptr || !rg->alkylating || rg->diag_protons <= 0 || rg->diag_label.rfind("N-", 0) != 0) return out;
    // A shifted copy needs the original, located in the sample's own frame. In a salt the ring
    // N+-H-CH2 already fill 3.0-3.9 ppm, so no separate copy can be read there.
    const RingFrame f = ring_frame(nmr, model);
    if (!f.found || f.protonated()) return out;
    out.applicable = true;
    const signal::Multiplet* own = f.diag.front();
    for (const auto* m : f.diag) {
        if (m->area > own->area) own = m;
    }
    const bool own_singlet = singlet_like(*own, &nmr);
    auto same_j = [&](const signal::Multiplet& m) {
        if (m.multiplicity != own->multiplicity) return false;
        for (double j : own->j_hz) {
            bool hit = false;
            for (double k : m.j_hz) hit = hit || std::abs(j - k) <= kSameJHz;
            if (!hit) return false;
        }
        return true;
    };
    // N-oxide / quaternary alpha groups sit kShiftedFrom-kShiftedTo below the measured own signal.
    const double shift_from = f.diag_ppm + kShiftedFrom, shift_to = f.diag_ppm + kShiftedTo;
    for (const auto& m : nmr.multiplets) {
        if (near_solvent_line(nmr, m.ppm)) continue;
        if (std::find(f.diag.begin(), f.diag.end(), &m) != f.diag.end()) continue;
        const bool shifted = m.ppm >= shift_from && m.ppm <= shift_to;
        // Ring N-CH2 triplets (3J 4.5-8 Hz) merge into one band at broad lines: judged at the
        // product's width.
        const bool single = !coupled_at_width(nmr, m, f.line_hz, kTripletCouplings, kC6JLo);
        if (shifted && single == own_singlet && (own_singlet || same_j(m))) {
            out.group_area += sharp_multiplet_area(nmr, m);
            out.group.push_back(&m);
        } else if (!single && m.ppm >= std::max(kShiftedRingFrom, f.nch2_to) && m.ppm <= kShiftedRingTo) {
            const double a = sharp_multiplet_area(nmr, m);
            out.ring_area += a;
            if (m.ppm <= kNoxideRingTo) out.ring_area_noxide += a;
            out.ring.push_back(&m);
        }
    }
    out.count_substituents(rg->diag_protons);
    return out;
}
}  // namespace sidepeak::classify::detail

#include "over_alkylation_species.hpp"

#include <algorithm>
#include <cmath>
#include <array>
#include <optional>
#include <span>
#include <string_view>

#include "group_line_pair.hpp"
#include "ms_ions.hpp"
#include "sidepeak/signal/solvents.hpp"

namespace sidepeak::classify::detail {
namespace {
// A 1,4-symmetric ring's C2-H2 and C3-H2 (4H) collapse to one line: its N-CH2 lines come in
// 4H singlets (two per ring).
constexpr double kSymmetricRingLineProtons = 4.0;
// Ring N-CH2 alpha to a tertiary (alkylated) ring N: 2.45-2.75 ppm; alpha to NH: 2.85-3.0 ppm
// (CDCl3 free base; 1-benzyl-1,4-diazepane 2.62-2.70 / 2.86-2.94, homopiperazine 2.88-2.92). The
// split lies in the gap, moved with the frame.
constexpr double kSplitFreeBase = 2.78, kSplitSearch = 0.15, kMinGap = 0.04;
// The two substituent groups of the mono- and disubstituted rings differ four bonds away:
// <= ~0.05 ppm (1-/1,4-dibenzyl N-CH2Ph 3.63/3.62, 1-/1,4-dimethyl N-CH3 2.35/2.34).
constexpr double kSecondLineMaxPpm = 0.05;
// 13C satellites of the group: +-1J_CH / 2 = +-60-75 Hz (1J_CH 120-150 Hz), 0.55 % each.
constexpr double kSatelliteFromHz = 55.0, kSatelliteToHz = 80.0, kSatelliteArea = 0.015;
// A minor line below 2 % of the product's line is at the level of the satellites (0.55 % each),
// spinning sidebands and trace impurities of every sample: no species is read from it.
constexpr double kMinMinorArea = 0.02;
// Mass balance: unreacted + mono + bis rings add up to the ring count; each species fraction is a
// ratio of two ~5 % integrals (7 %), so the sum may exceed 1 by 3 sigma of two terms (~0.2).
constexpr double kMassBalance = 1.2;
// A symmetric ring's C2/C3 line carries 4H per ring against 2 x group protons: a bis ring gives 2
// substituents per symmetric ring; 1.3-3.0 allows for ~30 % error of two small integrals.
constexpr double kBisRingFrom = 1.3, kBisRingTo = 3.0;
// Lines of molecules of one kind in one tube share their width within the 20-30 % scatter of a
// measured FWHM (0.6-1.7x); a minor line within two widths of the product's tall line sits on its
// flank, which lifts its half-height crossing and reads it up to ~2x wider (2.5x allowed there).
constexpr double kOwnWidthLo = 0.6, kOwnWidthHi = 1.7, kOwnWidthFlankHi = 2.5;
// C6-H2 of a 1,4-disubstituted 1,4-diazepane against the mono product's, both free bases in an
// aprotic solvent: 1,4-dibenzyl 1.80 vs 1-benzyl 1.73, 1,4-dimethyl 1.80 vs 1-methyl 1.75 ppm
// (CDCl3; a second tertiary N beta to C6 moves it by <= ~0.1 ppm, Pretsch beta-N increments); the
// group lines within kSecondLineMaxPpm. In water or a salt the two amines are protonated to
// different degrees (a secondary and a tertiary N against two tertiary N, pKa ~0.5-1 apart) and
// the fast-exchange averages differ by up to the protonation shifts themselves (C6-H2 up to
// +0.5, N-alpha groups +0.5-0.9 ppm, Pretsch, amines vs ammonium salts); the C6-H2 are then
// taken within 0.25 ppm (half the C6 protonation shift) and the group anywhere in its window.
constexpr double kSpeciesC6FreeBase = 0.1, kSpeciesC6Protic = 0.25;
// Two substituents on the species' ring: group area / its protons against quintet area / 2 is 2;
// two small integrals of ~10-15 % error each allow 1.5-2.6 (a mono-like species, 1, stays out).
constexpr double kSpeciesFrom = 1.5, kSpeciesTo = 2.6;
// Ring CH2-CH2 vicinal 3J of 1,4-diazepanes 5-7 Hz (Pretsch); 4.5 Hz allows the read-out: a band
// holding a triplet of at least that J is no symmetric ring's singlet.
constexpr double kRingTripletJMin = 4.5;
// The product's own line width for the band-shape reading: its C6-H2 quintet fitted with the ring
// 3J of 1,4-diazepanes (homopiperazine 5.8-6.0 Hz, Pretsch; 5.5-6.5 allows the read-out), so the
// width is not traded against J; accepted at R^2 >= 0.9 (see c6_band).
constexpr double kC6FitJLo = 5.5, kC6FitJHi = 6.5, kC6FitR2 = 0.9;
// The bis group line lies 0.01-0.05 ppm from the mono's (1-/1,4-dibenzyl N-CH2Ph 3.63/3.62,
// 1-/1,4-dimethyl N-CH3 2.35/2.34; kSecondLineMaxPpm).
constexpr double kSecondLineMinPpm = 0.01;
// Two lines read from one band: they must explain it (R^2 >= 0.95: a residual within ~20 % of the
// band's spread, noise and a slightly non-Lorentzian shim shape) and leave at most half of the
// residual of one line of the product's width (an F-ratio of 2 with two parameters more over
// hundreds of points).
constexpr double kPairR2 = 0.95, kPairResidualShare = 0.5;
// A second line inside the band is read from 5 % of rings as the bis amine (its line then holds
// ~10 % of the band's area). Below that the pair takes up the deviation of a real shim line shape
// from a Lorentzian: measured on the tuning spectra's product singlets, one line leaves R^2
// 0.996-0.9995 there and a pair then takes 1.0-3.3 % of rings from the shape alone.
constexpr double kMinUnresolvedRings = 0.05;
// Free-base NH-side ring N-CH2 reach 2.85-3.0 ppm (homopiperazine 2.88-2.92); 3.05 closes the
// window beyond the multiplets' half-width.
constexpr double kNhSideTo = 3.05;
// The unreacted ring's C2/C3 singlet: 1,4-diazepane's ring N-CH2 at 2.8-2.95 ppm (CDCl3 free
// base; homopiperazine 2.88-2.92), moved with the frame's C6-H2; the range's half-width and 0.05
// ppm more for the ring N-CH2 moving against C6-H2 between solvents.
constexpr double kFreeRingC23 = 2.875, kFreeRingTol = 0.125;
// Ring lines within 0.02 ppm of a solvent or water line are not counted (the solvent line's own
// width plus its 0.01 ppm temperature / concentration spread; Fulmer 2010).
constexpr double kSolventClearPpm = 0.02;
// The split's two sides together hold the frame's eight ring N-CH2 protons: at least half (a
// read ring, each side's lines found) and at most 1.35x (the 35 % agreement of two integrals,
// see kAgree in ring_frame.cpp); more is another compound's.
constexpr double kSplitRingFrom = 0.5, kSplitRingTo = 1.35;

struct Line {
    double ppm = 0.0, area = 0.0, fwhm_hz = 0.0;
    const signal::Peak* peak = nullptr;  ///< the picked line it was read from (sharp_lines)
};

bool in_group(const std::vector<const signal::Multiplet*>& v, const signal::Multiplet& m) {
    return std::find(v.begin(), v.end(), &m) != v.end();
}

// Sharp peaks of the given multiplets, tallest-area first.
std::vector<Line> sharp_lines(const signal::NmrResult& nmr, const std::vector<const signal::Multiplet*>& ms, double limit) {
    std::vector<Line> out;
    for (const auto* m : ms) {
        for (std::size_t i : m->peaks) {
            if (i >= nmr.peaks.size()) continue;
            const auto& p = nmr.peaks[i];
            if (!std::isfinite(p.area) || p.area <= 0.0 || !(p.fwhm_hz > 0.0 && p.fwhm_hz < limit)) continue;
            out.push_back({p.ppm, p.area, p.fwhm_hz, &p});
        }
    }
    std::sort(out.begin(), out.end(), [](const Line& a, const Line& b) { return a.area > b.area; });
    return out;
}
}  // namespace

bool lab_impurity_singlet(const signal::NmrResult& nmr, double ppm, double tol) {
    // Fulmer et al. 2010, table 1 (1H singlets near 2-4 ppm), from the one solvent table; CDCl3's
    // where the sample's solvent has none tabulated or is unknown.
    const auto own = signal::find_solvent(nmr.meta.solvent);
    const std::span<const double> lines = own && !own->amine_region_singlets.empty()
                                              ? own->amine_region_singlets
                                              : signal::find_solvent("CDCl3")->amine_region_singlets;
    return std::any_of(lines.begin(), lines.end(), [&](double l) { return std::abs(ppm - l) <= tol; }) ||
           near_solvent_line(nmr, ppm, tol);
}

AlphaSplit alpha_split(const signal::NmrResult& nmr, const chem::ReactionModel& model, const RingFrame& frame) {
    AlphaSplit s;
    if (!frame.found || frame.protonated() || model.reagent == nullptr) return s;
    // In a salt both N are protonated and the two sides no longer differ by the alkyl group alone.
    const double limit = frame.sharp_hz;
    // The reagent's own lines inside the ring window (N-CH2CF3 q 2.95-3.2) are no ring protons.
    std::vector<std::size_t> own;
    for (const auto* m : frame.diag) own.insert(own.end(), m->peaks.begin(), m->peaks.end());
    // Upfield of the free base (DMSO-d6 lowers alpha and beta protons alike, Fulmer 2010) the NH
    // side moves as far as C6-H2, not twice as far.
    const double nh_to = std::max(frame.nch2_to, kNhSideTo + frame.shift);
    std::vector<Line> ring;
    for (std::size_t i = 0; i < nmr.peaks.size(); ++i) {
        const auto& p = nmr.peaks[i];
        if (!std::isfinite(p.area) || p.area <= 0.0 || !(p.fwhm_hz > 0.0 && p.fwhm_hz < limit)) continue;
        if (p.ppm < frame.nch2_from || p.ppm > nh_to) continue;
        if (std::find(own.begin(), own.end(), i) != own.end() || near_solvent_line(nmr, p.ppm, kSolventClearPpm)) continue;
        ring.push_back({p.ppm, p.area, p.fwhm_hz});
    }
    std::sort(ring.begin(), ring.end(), [](const Line& a, const Line& b) { return a.ppm < b.ppm; });
    // The split is measured: the widest empty gap between ring lines around the expected boundary
    // (2.78 + the frame's shift, +-0.15 ppm), at least 0.04 ppm wide (a resolved boundary between
    // the two sides' multiplets, each spanning +-0.015-0.03 ppm); none means the sides overlap.
    const double expect = kSplitFreeBase + frame.shift;
    double gap = 0.0;
    for (std::size_t i = 1; i < ring.size(); ++i) {
        const double mid = 0.5 * (ring[i - 1].ppm + ring[i].ppm), g = ring[i].ppm - ring[i - 1].ppm;
        if (std::abs(mid - expect) <= kSplitSearch && g > gap) {
            gap = g;
            s.split_ppm = mid;
        }
    }
    if (gap < kMinGap) return s;
    for (const auto& l : ring) (l.ppm < s.split_ppm ? s.alkylated : s.nh) += l.area;
    // Both sides must hold ring protons of the frame's rings (the lower reference): a side that
    // holds more than the eight ring N-CH2 of every ring is another compound's.
    const double ring8 = RingFrame::kNch2Protons * frame.ring_h;
    s.applicable = s.alkylated + s.nh > kSplitRingFrom * ring8 && s.alkylated + s.nh < kSplitRingTo * ring8;
    return s;
}

namespace {
void add_near_miss(MinorSpecies& out, const std::string& s) { out.near_misses += (out.near_misses.empty() ? "" : "; ") + s; }

// The product's diagnostic lines, largest area first: for a singlet group every resolved line
// (each is a species), for t / q groups each multiplet of the pattern.
std::vector<Line> diag_lines(const signal::NmrResult& nmr, const chem::Reagent& rg, const RingFrame& frame) {
    if (rg.diag_lines == 1) return sharp_lines(nmr, frame.diag, frame.sharp_hz);
    std::vector<Line> lines;
    for (const auto* m : frame.diag) lines.push_back({m->ppm, sharp_multiplet_area(nmr, *m, frame.sharp_hz), 0.0});
    std::sort(lines.begin(), lines.end(), [](const Line& a, const Line& b) { return a.area > b.area; });
    return lines;
}

// The bis group line's reach from the product's. In CDCl3 the two amines' group lines lie within
// kSecondLineMaxPpm. In a hydrogen-bond-accepting aprotic solvent (DMSO-d6, acetone-d6, CD3CN) the
// mono amine's N-H donates a hydrogen bond to the solvent and the bis amine has none, so the two
// move apart by up to the solvent's own move of amine N-CH lines (0.10 ppm: Et3N CH2 2.53 in
// CDCl3, 2.43 in DMSO-d6, Fulmer 2010); the free-base frame only: in a salt or water the line
// beside the ammonium's is as likely the N-oxide's N+(O-)-CH2 (measured on the tuning spike-ins).
constexpr double kSecondLineHBondSolventPpm = 0.10;
constexpr std::array<std::string_view, 5> kHBondAcceptorSolvents{"DMSO-d6", "acetone-d6", "CD3CN", "THF-d8", "pyridine-d5"};
double second_line_reach(const signal::NmrResult& nmr, const RingFrame& frame) {
    const std::string solvent = signal::normalise_solvent(nmr.meta.solvent);
    const bool acceptor = std::find(kHBondAcceptorSolvents.begin(), kHBondAcceptorSolvents.end(), solvent) != kHBondAcceptorSolvents.end();
    return acceptor && !frame.protonated() ? kSecondLineHBondSolventPpm : kSecondLineMaxPpm;
}

// A singlet group's second line is a singlet. A line with a partner of comparable height and width
// 2-18 Hz away (the range of 2J / 3J H,H couplings; Pretsch) is one line of another compound's
// doublet, dd or triplet (a matrix H-C-H doublet 10.6 Hz wide 0.01 ppm beside the product's
// N-CH2 singlet). Comparable: a first-order doublet's two lines are 1:1, up to ~1.5:1 with the
// roof effect; a triplet's outer line is half its centre; so 0.4-2.5x. Same width: within the
// 0.6-1.7x of one molecule's lines (kOwnWidthLo / kOwnWidthHi). The product's own line and
// its near neighbourhood (one FWHM) are no partner.
constexpr double kPartnerFromHz = 2.0, kPartnerToHz = 18.0, kPartnerRatioLo = 0.4, kPartnerRatioHi = 2.5;
const signal::Peak* coupled_partner(const signal::NmrResult& nmr, const Line& main, const Line& l) {
    const double mhz = nmr.spectrum.spectrometer_mhz;
    const signal::Peak* self = l.peak;
    if (self == nullptr || !(self->height > 0.0) || !(self->fwhm_hz > 0.0)) return nullptr;
    for (const auto& p : nmr.peaks) {
        const double d = std::abs(p.ppm - self->ppm) * mhz;
        if (&p == self || d < kPartnerFromHz || d > kPartnerToHz) continue;
        if (std::abs(p.ppm - main.ppm) * mhz <= std::max(main.fwhm_hz, p.fwhm_hz)) continue;
        const double ratio = p.height / self->height, width = p.fwhm_hz / self->fwhm_hz;
        if (ratio >= kPartnerRatioLo && ratio <= kPartnerRatioHi && width >= kOwnWidthLo && width <= kOwnWidthHi) return &p;
    }
    return nullptr;
}

// Why a minor group line `l` beside the product's `main` is no second species (empty when it may
// be one). Lines not resolved from the product's, beyond `reach` or at the 13C satellites' place
// give no note. `x2`: the bis rings per ring it would make.
std::optional<std::string> minor_line_rejection(const signal::NmrResult& nmr, const Line& main, const Line& l, double x2,
                                                double product_fraction, double reach, bool singlet_group) {
    const double d_hz = std::abs(l.ppm - main.ppm) * nmr.spectrum.spectrometer_mhz;
    // Two Lorentzians are resolved from one FWHM apart; closer "lines" are one line split by the
    // peak picker.
    if (std::abs(l.ppm - main.ppm) > reach || d_hz < std::max(l.fwhm_hz, main.fwhm_hz)) return std::string();
    if (d_hz >= kSatelliteFromHz && d_hz <= kSatelliteToHz && l.area <= kSatelliteArea * main.area) return std::string();
    // The 1,4-disubstituted amine is the product's own kind of molecule in the same tube: its line
    // shares the product's width (shim, T2 of a molecule of that size; the ~20-30 % scatter of
    // measured FWHM); a much narrower or broader line is another compound's.
    const double width_hi = d_hz < 2.0 * main.fwhm_hz ? kOwnWidthFlankHi : kOwnWidthHi;
    if (main.fwhm_hz > 0.0 && l.fwhm_hz > 0.0 && (l.fwhm_hz < kOwnWidthLo * main.fwhm_hz || l.fwhm_hz > width_hi * main.fwhm_hz))
        return "line at " + fixed(l.ppm, 3) + " ppm is " + fixed(l.fwhm_hz, 1) + " Hz wide against the product's " +
               fixed(main.fwhm_hz, 1) + " Hz (another compound)";
    if (l.area < kMinMinorArea * main.area)
        return "line at " + fixed(l.ppm, 3) + " ppm is " + fixed(100 * l.area / main.area, 1) + " % of the product's (trace level)";
    if (lab_impurity_singlet(nmr, l.ppm)) return "line at " + fixed(l.ppm, 3) + " ppm is a laboratory impurity's position";
    if (residual_satellite(nmr, l.ppm, l.fwhm_hz, l.area))
        return "line at " + fixed(l.ppm, 3) + " ppm is a 13C satellite of the solvent's residual line";
    if (singlet_group) {
        if (const auto* partner = coupled_partner(nmr, main, l))
            return "line at " + fixed(l.ppm, 3) + " ppm has a partner of its height " +
                   fixed(std::abs(partner->ppm - l.ppm) * nmr.spectrum.spectrometer_mhz, 1) + " Hz away at " + fixed(partner->ppm, 3) +
                   " ppm (another compound's coupled lines)";
    }
    if (product_fraction + x2 > kMassBalance)
        return "line at " + fixed(l.ppm, 3) + " ppm would make " + fixed(product_fraction + x2, 2) + " rings per ring (another compound)";
    return std::nullopt;
}

// (1) A second line of the diagnostic pattern beside the product's: the largest admissible one.
void second_group_line(const signal::NmrResult& nmr, const chem::Reagent& rg, const RingFrame& frame, MinorSpecies& out) {
    const std::vector<Line> lines = diag_lines(nmr, rg, frame);
    if (lines.empty()) return;
    const double p = rg.diag_protons;
    const Line main = lines.front();
    out.product_ppm = main.ppm;
    out.product_fraction = (main.area / p) / frame.ring_h;
    const double reach = second_line_reach(nmr, frame);
    for (std::size_t i = 1; i < lines.size(); ++i) {
        const Line& l = lines[i];
        const double x2 = (l.area / (2.0 * p)) / frame.ring_h;
        if (const auto why = minor_line_rejection(nmr, main, l, x2, out.product_fraction, reach, rg.diag_lines == 1)) {
            if (!why->empty()) add_near_miss(out, *why);
            continue;
        }
        if (!out.bis_line || x2 > out.bis_fraction) {
            out.bis_line = true;
            out.bis_ppm = l.ppm;
            out.bis_fraction = x2;
            out.bis_wide = std::abs(l.ppm - main.ppm) > kSecondLineMaxPpm;
        }
    }
}

// A second group line inside the product's band (no resolved second line): two Lorentzians of the
// product's own width (its C6-H2 quintet's) explain the band that one cannot. Fills the bis_line
// fields when the pair holds; minor_species keeps it only with the bis ring's C2/C3 singlet in its
// amount (symmetric_ring_lines).
bool unresolved_group_line(const signal::NmrResult& nmr, const chem::Reagent& rg, const RingFrame& frame, MinorSpecies& out) {
    if (rg.diag_lines != 1 || out.product_fraction <= 0.0) return false;
    const BandFit c6 = binomial_band_fit(nmr, frame.c6_ppm, 4, kC6FitJLo, kC6FitJHi, frame.line_hz);
    if (c6.r2 < kC6FitR2 || !(c6.width_hz > 0.0)) return false;
    const double mhz = nmr.spectrum.spectrometer_mhz;
    // Only lines closer than one width are unresolved (two Lorentzians are resolved from one FWHM
    // apart); a resolved line was judged line by line (second_group_line).
    const double max_sep = std::min(kSecondLineMaxPpm * mhz, c6.width_hz);
    if (max_sep <= kSecondLineMinPpm * mhz) return false;
    const LinePair pair = fit_line_pair(nmr, out.product_ppm, c6.width_hz, kSecondLineMinPpm * mhz, max_sep);
    if (!pair.read || pair.pair_r2 < kPairR2 || 1.0 - pair.pair_r2 > kPairResidualShare * (1.0 - pair.single_r2)) return false;
    const double minor = std::min(pair.main_area, pair.second_area), major = std::max(pair.main_area, pair.second_area);
    if (minor < kMinMinorArea * major) return false;
    const double x2 = (minor / (2.0 * rg.diag_protons)) / frame.ring_h;
    if ((major / rg.diag_protons) / frame.ring_h + x2 > kMassBalance) return false;
    if (x2 < kMinUnresolvedRings) return false;
    out.bis_line = out.bis_unresolved = true;
    out.bis_ppm = pair.second_area < pair.main_area ? pair.second_ppm : pair.main_ppm;
    out.bis_fraction = x2;
    out.bis_width_hz = c6.width_hz;
    return true;
}

// (2) Symmetric ring lines: singlet-like multiplets in the ring N-CH2 window, not the reagent's
// group and not a laboratory impurity; on the alkylated side the bis ring's C2/C3 (in the amount of
// the second group line), on the NH side the unreacted ring's.
void symmetric_ring_lines(const signal::NmrResult& nmr, const chem::Reagent& rg, const RingFrame& frame, const AlphaSplit& split,
                          MinorSpecies& out) {
    for (const auto& m : nmr.multiplets) {
        if (m.ppm < frame.nch2_from || m.ppm > frame.nch2_to || in_group(frame.diag, m)) continue;
        // A singlet at the product's own width: an unresolved ring triplet (3J >= 4.5 Hz) of broad
        // lines is as wide as its envelope and is no symmetric ring's line.
        if (!singlet_like(m, &nmr) || coupled_at_width(nmr, m, frame.line_hz, 2, kRingTripletJMin)) continue;
        if (lab_impurity_singlet(nmr, m.ppm)) {
            add_near_miss(out, "ring-window singlet at " + fixed(m.ppm, 3) + " ppm is a laboratory impurity's position");
            continue;
        }
        const double rings = (sharp_multiplet_area(nmr, m, frame.sharp_hz) / kSymmetricRingLineProtons) / frame.ring_h;
        if (m.ppm < split.split_ppm) {
            if (!out.bis_line) {
                add_near_miss(out, "singlet at " + fixed(m.ppm, 3) + " ppm on the alkylated side without a second " + rg.name + " line");
                continue;
            }
            const double ratio = 2.0 * out.bis_fraction / rings;
            if (ratio >= kBisRingFrom && ratio <= kBisRingTo) {
                out.bis_ring = true;
                out.bis_ring_ppm = m.ppm;
                out.bis_ring_ratio = ratio;
            } else {
                add_near_miss(out, "singlet at " + fixed(m.ppm, 3) + " ppm gives " + fixed(ratio, 1) +
                                       " substituents per symmetric ring (2 expected)");
            }
        } else if (const double place = kFreeRingC23 + frame.shift; std::abs(m.ppm - place) > kFreeRingTol) {
            add_near_miss(out, "singlet at " + fixed(m.ppm, 3) + " ppm on the NH side is " + fixed(std::abs(m.ppm - place), 2) +
                                   " ppm from the unreacted ring's C2/C3 (" + fixed(place, 2) + " ppm)");
        } else if (rings <= 1.0 && rings > out.free_fraction) {
            out.free_ring = true;
            out.free_ppm = m.ppm;
            out.free_fraction = rings;
        }
    }
}
}  // namespace

namespace {
// Mass balance of the three rings: x0 + x1 + x2 = 1 and x1 + 2 x2 = average give
// average - 1 = x2 - x0. A bis line of x2 rings therefore needs the average (the ring split where
// read, else the integral count) at 1 + x2 less the unreacted rings seen (their C2/C3 singlet),
// within two sigma of that reading (split 0.035, count 0.07 per ring, see alpha_split): a line the
// ring does not make room for is another compound's.
constexpr double kWideSupportSigmas = 2.0, kSplitSigma = 0.035, kCountSigma = 0.07;
// Below 5 % of the rings a second group line beside the product's is within the error of one 1H
// integral in a crude spectrum (about 5 % of the product's line, which overlaps its foot), so it
// cannot be told from a matrix line or the product's own line shape by its area alone.
constexpr double kMinorLineProofFraction = 0.05;
// From 5 % a line stands on its area, but the ring still has to make room for it in one of its two
// readings: where the group's own lines overlap the ring's one reading can be off by 0.1-0.25 per
// ring (the literature 2-(4-fluorophenoxy)ethyl bis amine at 13 %: split 0.88 where the count gives
// 1.13, tests/classify/reagent_generalisation_test.cpp), so the line is set aside only when both
// the split (where read) and the integral count leave no room within three sigma of their own
// errors. A line neither can hold (a matrix doublet's partner line beside the product's, read as
// 10 % bis rings against a count of 0.78) is another compound's.
constexpr double kStandingLineSigmas = 3.0;
bool stands_on_its_area(const MinorSpecies& out) { return !out.bis_wide && out.bis_fraction >= kMinorLineProofFraction; }
bool room_in(double average, double sigma, double sigmas, const MinorSpecies& out) {
    const double x0 = out.free_ring ? out.free_fraction : 0.0;
    return average - 1.0 + x0 >= out.bis_fraction - sigmas * sigma;
}
// `average` receives the reading the note names: the split where read, else the count.
bool ring_makes_room(const RingFrame& frame, const AlphaSplit& split, const MinorSpecies& out, double& average) {
    average = split.applicable ? split.per_ring() : frame.per_ring;
    if (!stands_on_its_area(out)) return room_in(average, split.applicable ? kSplitSigma : kCountSigma, kWideSupportSigmas, out);
    return (split.applicable && room_in(split.per_ring(), kSplitSigma, kStandingLineSigmas, out)) ||
           room_in(frame.per_ring, kCountSigma, kStandingLineSigmas, out);
}
}  // namespace

MinorSpecies minor_species(const signal::NmrResult& nmr, const chem::ReactionModel& model, const RingFrame& frame,
                           const AlphaSplit& split) {
    MinorSpecies out;
    if (!frame.found || model.reagent == nullptr || model.product_alkylations != 1 || frame.ring_h <= 0.0) return out;
    second_group_line(nmr, *model.reagent, frame, out);
    if (!out.bis_line) unresolved_group_line(nmr, *model.reagent, frame, out);
    if (split.applicable) symmetric_ring_lines(nmr, *model.reagent, frame, split, out);
    double average = 0.0;
    if (out.bis_line && !out.bis_ring && !out.bis_unresolved && !ring_makes_room(frame, split, out, average)) {
        // A bis line needs the ring's own support when it was found only with the wider reach of a
        // hydrogen-bond-accepting solvent (a matrix singlet 0.07 ppm beside the product's line read
        // as bis rings the ring split did not hold), or when it holds too little to prove itself
        // beside the product's line (matrix singlets 0.02-0.03 ppm beside the product's N-CH3 at
        // 1-2.5 % of rings, with a ring count of 0.6-0.9 per ring); a line of 5 % or more when
        // neither ring reading holds it within three sigma (kStandingLineSigmas).
        add_near_miss(out, "line at " + fixed(out.bis_ppm, 3) + " ppm (" + fixed(100 * out.bis_fraction, 1) + " % of rings, " +
                               fixed(std::abs(out.bis_ppm - out.product_ppm), 3) + " ppm from the product's) without room in the ring (" +
                               (split.applicable ? "split " : "count ") + fixed(average, 2) +
                               (stands_on_its_area(out) && split.applicable ? ", count " + fixed(frame.per_ring, 2) : std::string()) + " per ring)");
        out.bis_line = out.bis_wide = false;
        out.bis_fraction = 0.0;
    }
    if (out.bis_unresolved && !out.bis_ring) {
        // A pair read from one band stands only with the bis ring's own C2/C3 singlet in its amount:
        // alone it also fits a broad matrix line under the product's (measured on the tuning
        // spectra: a 9.4 Hz band read as 22 % bis rings with no bis amine present).
        add_near_miss(out, "the " + model.reagent->name + " band at " + fixed(out.product_ppm, 3) + " ppm reads as two lines (" +
                               fixed(out.bis_ppm, 3) + " ppm, " + fixed(100 * out.bis_fraction, 1) +
                               " % of rings) without the bis ring's C2/C3 singlet");
        out.bis_line = out.bis_unresolved = false;
        out.bis_fraction = 0.0;
    }
    return out;
}

namespace {
// Ring N+-CH2 of a 1,1-dialkyl-1,4-diazepan-1-ium: 3.05-3.9 ppm (alpha to N+ 3.3-3.7, Pretsch,
// ammonium salts; the ring CH2 beta to N+ and alpha to NH 3.0-3.2), above the free base's ring
// N-CH2 window; its CH2-CH2 keep the ring's 3J (5-7 Hz), resolved as triplets at sharp lines.
constexpr double kQuatRingFrom = 3.05, kQuatRingTo = 3.9;
// One resolved triplet (2H of one ring CH2) is a ring proton of the species: its others often lie
// under the product's ring lines or the matrix's. The group's count against it stays the test: 2
// substituents for a quaternary N+, 1 for an N-oxide's copy.
constexpr std::size_t kQuatMinTriplets = 1;
}  // namespace

QuaternaryTriplets quaternary_by_triplets(const signal::NmrResult& nmr, const chem::ReactionModel& model, const RingFrame& frame,
                                          const ShiftedAlpha& sa) {
    QuaternaryTriplets q;
    if (!sa.applicable || model.reagent == nullptr || !frame.found || frame.ring_h <= 0.0 || frame.protonated()) return q;
    const double diag_h = model.reagent->diag_protons;
    if (diag_h <= 0.0) return q;
    // The shifted group is the product's kind of molecule: its line shares the product's width
    // (kOwnWidthLo-kOwnWidthHi); a solvent or laboratory impurity's position is no group line.
    const signal::Multiplet* top = nullptr;
    for (const auto* m : sa.group) {
        const double w = measured_fwhm_hz(nmr, *m);
        if (lab_impurity_singlet(nmr, m->ppm) || !(w >= kOwnWidthLo * frame.line_hz && w <= kOwnWidthHi * frame.line_hz)) continue;
        const double a = sharp_multiplet_area(nmr, *m, frame.sharp_hz);
        q.group_area += a;
        if (top == nullptr || a > sharp_multiplet_area(nmr, *top, frame.sharp_hz)) top = m;
    }
    if (top == nullptr || q.group_area <= 0.0) return q;
    q.unit = ring_triplet_unit(nmr, std::max(kQuatRingFrom, frame.nch2_to), kQuatRingTo, frame.line_hz, frame.sharp_hz, kQuatMinTriplets);
    if (q.unit <= 0.0) return q;
    q.read = true;
    q.group = top;
    q.group_ppm = top->ppm;
    q.substituents = (q.group_area / diag_h) / q.unit;
    q.rings = q.unit / frame.ring_h;
    return q;
}

namespace {
// A quaternary N+ carries two substituents per shifted ring N; from 1.5, and more than 3 (2 + 10
// sigma) means the "group" is another compound's line.
constexpr double kQuatFrom = 1.5, kQuatTo = 3.0;
// The shifted ring N+-CH2 must hold at least 3 % of the ring's N-CH2 protons on one N (4 of 8H:
// a few mol % of quaternary salt, above the trace level of satellites and sidebands).
constexpr double kQuatMinRingFraction = 0.03;
}  // namespace

QuaternaryReading read_quaternary(const signal::NmrResult& nmr, const chem::ReactionModel& model, const RingFrame& frame,
                                  const ShiftedAlpha& sa) {
    QuaternaryReading out;
    if (sa.applicable && !sa.group.empty() && sa.substituents >= kQuatFrom && sa.substituents <= kQuatTo &&
        sa.ring_area >= kQuatMinRingFraction * 2.0 * frame.ring_h) {
        out.found = true;
        out.group = sa.group;
        out.ring = sa.ring;
        out.group_ppm = sa.group.front()->ppm;
        out.group_area = sa.group_area;
        out.substituents = sa.substituents;
        return out;
    }
    const auto q = quaternary_by_triplets(nmr, model, frame, sa);
    if (!q.read || q.substituents < kQuatFrom || q.substituents > kQuatTo || q.rings < kQuatMinRingFraction || q.rings > 1.0)
        return out;
    out.found = true;
    out.by_triplets = true;
    out.group = {q.group};
    out.group_ppm = q.group_ppm;
    out.group_area = q.group_area;
    out.substituents = q.substituents;
    out.rings = q.rings;
    return out;
}

}  // namespace sidepeak::classify::detail

namespace sidepeak::classify::detail {
namespace {
struct Band {
    double ppm = 0.0, rings = 0.0, area = 0.0;
};
// C6-H2 quintets of other rings than the product's anchor, within kSpeciesC6Ppm of it.
// True when the two amines may sit in different protonation states: a salt frame or water / methanol.
bool protic_frame(const signal::NmrResult& nmr, const RingFrame& frame) {
    const std::string solvent = signal::normalise_solvent(nmr.meta.solvent);
    return frame.protonated() || solvent == "D2O" || solvent == "CD3OD";
}

std::vector<Band> other_c6_bands(const signal::NmrResult& nmr, const RingFrame& frame) {
    std::vector<Band> out;
    const double reach = protic_frame(nmr, frame) ? kSpeciesC6Protic : kSpeciesC6FreeBase;
    for (const auto& m : nmr.multiplets) {
        const double d = std::abs(m.ppm - frame.c6_ppm);
        if (d < 1e-6 || d > reach) continue;
        double band = 0.0;
        if (!c6_band(m, nmr, frame.line_hz, &band)) continue;
        const double area = band > 0.0 ? band : sharp_multiplet_area(nmr, m, frame.sharp_hz);
        const double rings = (area / 2.0) / frame.ring_h;
        if (rings >= kMinMinorArea && rings <= 1.0) out.push_back({m.ppm, rings, area});
    }
    return out;
}

// Peaks of multiplets that are not singlet-like: lines of another compound's coupled pattern.
std::vector<bool> coupled_peaks(const signal::NmrResult& nmr) {
    std::vector<bool> coupled(nmr.peaks.size(), false);
    for (const auto& m : nmr.multiplets) {
        if (singlet_like(m, &nmr)) continue;
        for (std::size_t i : m.peaks)
            if (i < coupled.size()) coupled[i] = true;
    }
    return coupled;
}

// Resolved singlet lines in the group window at the product's own width, other than its line. A
// line of a coupled multiplet (a matrix CH-CH2 pattern in the window) is no singlet group's line.
std::vector<Line> other_group_lines(const signal::NmrResult& nmr, const RingFrame& frame, const Line& main) {
    std::vector<Line> out;
    const double mhz = nmr.spectrum.spectrometer_mhz;
    const double reach = protic_frame(nmr, frame) ? frame.diag_to - frame.diag_from : second_line_reach(nmr, frame);
    const std::vector<bool> coupled = coupled_peaks(nmr);
    for (std::size_t i = 0; i < nmr.peaks.size(); ++i) {
        const auto& p = nmr.peaks[i];
        if (coupled[i]) continue;
        if (p.ppm < frame.diag_from || p.ppm > frame.diag_to || !std::isfinite(p.area) || p.area <= 0.0) continue;
        if (std::abs(p.ppm - main.ppm) > reach) continue;
        if (!(p.fwhm_hz > 0.0 && p.fwhm_hz < frame.sharp_hz) || near_solvent_line(nmr, p.ppm, kSolventClearPpm)) continue;
        if (std::abs(p.ppm - main.ppm) * mhz < std::max(p.fwhm_hz, main.fwhm_hz)) continue;
        if (p.fwhm_hz < kOwnWidthLo * main.fwhm_hz || p.fwhm_hz > kOwnWidthHi * main.fwhm_hz) continue;
        if (p.area < kMinMinorArea * main.area) continue;
        out.push_back({p.ppm, p.area, p.fwhm_hz});
    }
    return out;
}
}  // namespace

void second_ring_species(const signal::NmrResult& nmr, const chem::ReactionModel& model, const RingFrame& frame,
                         MinorSpecies& out) {
    if (!frame.found || model.reagent == nullptr || model.product_alkylations != 1 || frame.ring_h <= 0.0) return;
    const auto& rg = *model.reagent;
    if (rg.diag_lines != 1) return;
    const auto own = sharp_lines(nmr, frame.diag, frame.sharp_hz);
    if (own.empty()) return;
    const Line main = own.front();
    const double p = rg.diag_protons;
    double best = 1e300;
    const std::vector<Line> group_lines = other_group_lines(nmr, frame, main);
    for (const auto& q : other_c6_bands(nmr, frame)) {
        for (const auto& l : group_lines) {
            const double per_ring = (l.area / p) / (q.area / 2.0);
            const double miss = std::abs(std::log(per_ring / 2.0));
            if (per_ring < kSpeciesFrom || per_ring > kSpeciesTo) {
                if (per_ring > 0.5 * kSpeciesFrom && per_ring < 2.0 * kSpeciesTo && miss < best && !out.bis_species)
                    out.near_misses += std::string(out.near_misses.empty() ? "" : "; ") + "line at " + fixed(l.ppm, 3) +
                                       " ppm against the quintet at " + fixed(q.ppm, 2) + " ppm gives " + fixed(per_ring, 2) +
                                       " substituents per ring (2 for the disubstituted ring)";
                continue;
            }
            if (out.product_fraction + q.rings > kMassBalance || miss >= best) continue;
            best = miss;
            out.bis_species = true;
            out.species_c6_ppm = q.ppm;
            out.species_group_ppm = l.ppm;
            out.species_per_ring = per_ring;
            out.species_fraction = q.rings;
        }
    }
}

}  // namespace sidepeak::classify::detail

// Terminal vinyl group read as one spin system: joint first-order (ABX-like) band-shape fit of the
// =CH- ddt and the two =CH2 doublets, linear least squares for the amplitudes over a small grid of
// J within their literature ranges (then refined continuously), compared with the competing
// readings of the =CH- band (vinyl_competitors.cpp). The allylic CH2 read-out: allylic_ch2.cpp.
// The steps: the base line width from the =CH- band alone; the =CH- and =CH2 windows with their
// background lines; the =CH2 centre candidates (picked lines, matched-filter scan); the shifts at
// the central J; the J x width grid; the continuous refinement; the competitors and the verdict.
#include "olefin_fit.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <numbers>

#include "nmr_tools.hpp"
#include "vinyl_fit_steps.hpp"
#include "vinyl_scan.hpp"

namespace sidepeak::classify::detail {
namespace vinyl {
namespace {

// Minimum points of a fitted window (a ddt band needs a dozen points to carry its shape).
constexpr std::size_t kMinWindowPoints = 12;
// Width of a fitted line never below 0.3 Hz (well-shimmed 1H lines at 400-600 MHz are >= 0.3 Hz
// FWHM; narrower fitted widths come from noise spikes).
constexpr double kMinWidthHz = 0.3;
// The =CH2 doublets' unresolved fine structure: geminal 2J (0.5-3 Hz) and allylic 4J to the CH2
// (1-2 Hz, Pretsch), tried as dq splittings of 1.4 Hz (resolved at narrow lines) or none (absorbed
// in the width at broad ones).
constexpr std::array kCh2SmallJ{0.0, 1.4};
// Lines of the =CH2 doublets carry the geminal 2J (0-2 Hz) and the allylic 4J to two CH2 protons
// (1-2 Hz each, Pretsch): picked lines within their half-span (about 2.5 Hz) of a doublet line are
// its fine structure, not background.
constexpr double kCh2FineHz = 2.5;
// Literature: the two =CH2 protons of a terminal vinyl group lie within 0.35 ppm of each other
// (Pretsch: vinyl acetate 4.88/4.57).
constexpr double kCh2MaxSepPpm = 0.35;
// =CH2 centre candidates around a picked line (Hz, its own position refined by +-1 Hz) and around
// a matched-filter hit (+-0.5 Hz: the scan runs in 0.5 Hz steps).
constexpr std::array kPickOffsetsHz{-1.0, 0.0, 1.0};
constexpr std::array kScanOffsetsHz{-0.5, 0.0, 0.5};
// The grid refines the shifts found at the central J by +-0.5 Hz, the continuous refinement by
// +-0.25 Hz (the first-order J read-out is good to 0.5 Hz).
constexpr std::array kGridOffsetsHz{-0.5, 0.0, 0.5};
constexpr std::array kRefineOffsetsHz{-0.25, 0.0, 0.25};
// Continuous refinement of the three J and the width about the best grid point (coordinate search,
// steps 0.5 / 0.25 / 0.125 Hz, at most 4 rounds per step; the width moves by 0.4 x step of itself):
// at 0.5-1.5 Hz lines a J off by half a grid step moves the outer ddt lines by a whole line width.
constexpr std::array kRefineStepsHz{0.5, 0.25, 0.125};
constexpr int kRefineRounds = 4;
constexpr double kWidthStepFraction = 0.4;
// Refinement bounds: the literature ranges plus the 0.5 Hz reading accuracy of first-order J, the
// width up to 1.2x the grid's widest.
constexpr double kJReadAccuracyHz = 0.5;
constexpr double kWidthOverGrid = 1.2;
// =CH- shift search around the refined centre in the continuous refinement (Hz).
constexpr double kRefineChSearchHz = 1.0;
constexpr double kNoFit = 1e300;

double to_area(double w, double mhz) { return std::numbers::pi / 2 * w / mhz; }  // unit-height Lorentzian

// Joint R^2 of the vinyl system judged by its own lines: the ddt's lines in the =CH- window (beside
// background lines), the whole =CH2 window.
double joint_r2(const band::PatternFit& f, const band::BgFit& e) {
    const double den = (f.ss_own - f.noise_own) + (e.ss_own - e.noise_own);
    if (!(den > 0.0)) return -1.0;
    return 1.0 - (std::max(f.ssr_own - f.noise_own, 0.0) + std::max(e.ssr_own - e.noise_own, 0.0)) / den;
}

// The line width is a free parameter: picked FWHM of merged lines overstate it (at 6-15 Hz the
// 6.5 Hz splittings of the ddt merge into two or three humps whose FWHM is 2-3 line widths), and
// the median may come from a background line. The =CH- ddt alone fixes the base width (0.3-1.4x
// the measured one); the grid then varies it around that.
double base_width(const signal::NmrResult& nmr, double ch_seed_ppm, double w_hz) {
    const double mhz = nmr.spectrum.spectrometer_mhz;
    const double probe_half = (kTrans.back() + kCis.back() + 2 * kAllyl.back()) / 2 + kChSearchHz + 3 * w_hz;
    const band::Window probe = band::window(nmr, ch_seed_ppm - probe_half / mhz, ch_seed_ppm + probe_half / mhz,
                                            w_hz * kBaseWidths.front());
    if (probe.y.size() < kMinWindowPoints || !(probe.sst > probe.noise_ss)) return w_hz;
    const auto pbase = band::base_columns(probe);
    const auto pbg = band::picked_lines(nmr, probe);
    const auto ddt = band::first_order({kTrans[1], kCis[1], kAllyl[1], kAllyl[1]});
    double best = kNoFit, w_best = w_hz;
    for (double f : kBaseWidths) {
        const auto fp = band::fit_pattern(probe, pbase, ddt, w_hz * f, ch_seed_ppm * mhz, kChSearchHz, &pbg);
        if (fp.ok && fp.ssr < best) {
            best = fp.ssr;
            w_best = w_hz * f;
        }
    }
    return std::max(w_best, kMinWidthHz);
}

// =CH2 centre seeds: every picked line in the window; a weak =CH2 doublet has lines below the peak
// picker's threshold (5 sigma): its centre is also looked for by a matched-filter scan of the trans
// and cis doublets at the measured width.
struct Ch2Seeds {
    std::vector<double> picks, scan_e, scan_z;  // Hz
    [[nodiscard]] bool empty() const { return picks.empty() && scan_e.empty() && scan_z.empty(); }
};
Ch2Seeds ch2_seeds(const signal::NmrResult& nmr, double ch2_from, double ch2_to, double w_hz,
                   const std::vector<double>& claimed) {
    const double mhz = nmr.spectrum.spectrometer_mhz;
    Ch2Seeds out;
    for (const auto& p : nmr.peaks) {
        const bool taken = std::find(claimed.begin(), claimed.end(), p.ppm) != claimed.end();
        if (p.ppm >= ch2_from && p.ppm <= ch2_to && !taken && !near_solvent_line(nmr, p.ppm, kSolventTolPpm))
            out.picks.push_back(p.ppm * mhz);
    }
    const auto scanned = [&](double j) {
        std::vector<double> c;
        for (const auto& h : scan_multiplet(nmr, ch2_from, ch2_to, {j}, w_hz, kCh2ScanT, kCh2ScanHits, j / 2))
            c.push_back(h.ppm * mhz);
        return c;
    };
    out.scan_e = scanned(kTrans[1]);
    out.scan_z = scanned(kCis[1]);
    return out;
}

// Centre candidates of a doublet of splitting `j`: every picked line as one line of the doublet or
// its unresolved centre (refined by +-1 Hz), every scan hit (+-0.5 Hz).
std::vector<double> doublet_centres(const Ch2Seeds& seeds, double j, const std::vector<double>& scan) {
    std::vector<double> c;
    for (double p : seeds.picks) {
        for (double base : {p - j / 2, p, p + j / 2}) {
            for (double d : kPickOffsetsHz) c.push_back(base + d);
        }
    }
    for (double p : scan) {
        for (double d : kScanOffsetsHz) c.push_back(p + d);
    }
    return c;
}

std::vector<double> around(double centre, const std::array<double, 3>& offsets) {
    std::vector<double> out;
    for (double o : offsets) out.push_back(centre + o);
    return out;
}

// The two =CH2 doublets placed jointly: every pair of candidate centres is tried (when the two
// interleave, their shift difference below J_trans, a one-at-a-time search settles with one doublet
// on the other's lines). They are placed by the spectrum alone (free background lines would let
// them move off their lines); at that place the lines they leave unexplained get background
// columns.
struct Ch2Pair {
    bool ok = false;
    double e_hz = 0.0, z_hz = 0.0, amp_e = 0.0, amp_z = 0.0, ssr = kNoFit;
    band::BgFit bg;
};
std::vector<std::vector<double>> columns(const band::Window& w, const std::vector<double>& centres,
                                         const std::vector<band::Line>& lines, double width) {
    std::vector<std::vector<double>> cols;
    cols.reserve(centres.size());
    for (double c : centres) {
        cols.emplace_back(w.x.size(), 0.0);
        band::add_pattern(cols.back(), w.x, c, lines, width);
    }
    return cols;
}
bool both_positive(const band::Lsq& r) { return r.coef.back() > 0.0 && r.coef[r.coef.size() - 2] > 0.0; }
Ch2Pair fit_ch2_pair(const Problem& p, const std::vector<double>& ce, const std::vector<double>& cz,
                     const std::vector<band::Line>& de, const std::vector<band::Line>& dz, double w, double max_sep_hz) {
    Ch2Pair out;
    const auto cols_e = columns(p.ew, ce, de, w), cols_z = columns(p.ew, cz, dz, w);
    std::size_t be = 0, bz = 0;
    for (std::size_t ie = 0; ie < ce.size(); ++ie) {
        for (std::size_t iz = 0; iz < cz.size(); ++iz) {
            if (std::abs(ce[ie] - cz[iz]) > max_sep_hz) continue;
            const auto r = band::lsq(p.ebase, {&cols_e[ie], &cols_z[iz]}, p.ew.y);
            if (!r.ok || !both_positive(r) || !(r.ssr < out.ssr)) continue;
            out = {true, ce[ie], cz[iz], r.coef[r.coef.size() - 2], r.coef.back(), r.ssr, {}};
            be = ie;
            bz = iz;
        }
    }
    if (!out.ok) return out;
    out.bg = band::fit_with_bg(p.ew, p.ebase, {&cols_e[be], &cols_z[bz]}, {{ce[be], &de}, {cz[bz], &dz}}, w, &p.ebg,
                               true, kCh2FineHz);
    if (out.bg.r.ok && both_positive(out.bg.r)) {
        out.ssr = out.bg.r.ssr;
        out.amp_e = out.bg.r.coef[out.bg.r.coef.size() - 2];
        out.amp_z = out.bg.r.coef.back();
    }
    return out;
}

std::vector<band::Line> ch2_doublet(double j, double small) { return band::first_order({j, small, small, small}); }
std::vector<band::Line> ch_ddt(double jt, double jc, double ja) { return band::first_order({jt, jc, ja, ja}); }

// Takes a (=CH- fit, =CH2 pair) reading as the best so far when its summed relative residual is the
// lowest.
bool record(const Problem& p, VinylFit& out, Best& best, const band::PatternFit& f, const Ch2Pair& e, const VinylJ& j,
            double w, std::size_t si) {
    const double total = f.ssr / std::max(p.xw.sst, 1e-300) + e.ssr / std::max(p.ew.sst, 1e-300);
    if (total >= best.total) return false;
    best.total = total;
    best.si = si;
    out.j = j;
    out.w_hz = w;
    out.ch_ppm = f.centre_hz / p.mhz;
    out.e_ppm = e.e_hz / p.mhz;
    out.z_ppm = e.z_hz / p.mhz;
    const double a = to_area(w, p.mhz);
    out.ch_height = f.amp;
    out.ch_area = f.amp * a;
    out.e_area = e.amp_e * a;
    out.z_area = e.amp_z * a;
    out.t = f.se > 0.0 ? f.amp / f.se : 0.0;
    out.r2_ch = f.r2_own();
    out.r2 = joint_r2(f, e.bg);
    best.x_ssr = f.ssr;
    best.x_bg = f.bg;
    return true;
}

// Shifts do not depend on J and width within the grids: the =CH2 centres are searched once (per
// fine-structure reading) at the central J and the measured width, the =CH- shift likewise.
Stars find_shifts(const Problem& p, const Ch2Seeds& seeds) {
    Stars st;
    st.x_hz = p.seed_hz;
    const double jt = kTrans[1], jc = kCis[1];
    for (std::size_t si = 0; si < kCh2SmallJ.size(); ++si) {
        const auto de = ch2_doublet(jt, kCh2SmallJ[si]), dz = ch2_doublet(jc, kCh2SmallJ[si]);
        const auto pair = fit_ch2_pair(p, doublet_centres(seeds, jt, seeds.scan_e),
                                       doublet_centres(seeds, jc, seeds.scan_z), de, dz, p.w_hz, kCh2MaxSepPpm * p.mhz);
        if (!pair.ok) continue;
        st.e_hz[si] = pair.e_hz;
        st.z_hz[si] = pair.z_hz;
        st.have[si] = true;
        if (si != 0) continue;
        const auto f = band::fit_pattern(p.xw, p.xbase, ch_ddt(jt, jc, kAllyl[1]), p.w_hz, p.seed_hz, kChSearchHz, &p.xbg);
        if (f.ok) st.x_hz = f.centre_hz;
    }
    return st;
}

// One (J_trans, J_cis, width) point of the grid: both =CH2 fine-structure readings about their
// shifts, the =CH- ddt at each J_allyl of the grid (computed once for both readings).
void grid_point(const Problem& p, const Stars& st, double jt, double jc, double w, VinylFit& out, Best& best) {
    std::array<band::PatternFit, kAllyl.size()> xfits{};
    bool xfits_done = false;
    for (std::size_t si = 0; si < kCh2SmallJ.size(); ++si) {
        if (!st.have[si]) continue;
        const auto de = ch2_doublet(jt, kCh2SmallJ[si]), dz = ch2_doublet(jc, kCh2SmallJ[si]);
        const auto pair = fit_ch2_pair(p, around(st.e_hz[si], kGridOffsetsHz), around(st.z_hz[si], kGridOffsetsHz), de,
                                       dz, w, kCh2MaxSepPpm * p.mhz);
        if (!pair.ok) continue;
        if (!xfits_done) {
            for (std::size_t ai = 0; ai < kAllyl.size(); ++ai)
                xfits[ai] = band::fit_pattern(p.xw, p.xbase, ch_ddt(jt, jc, kAllyl[ai]), w, st.x_hz, 0.0, &p.xbg);
            xfits_done = true;
        }
        for (std::size_t ai = 0; ai < kAllyl.size(); ++ai) {
            if (xfits[ai].ok) record(p, out, best, xfits[ai], pair, {jt, jc, kAllyl[ai]}, w, si);
        }
    }
}

void grid(const Problem& p, const Stars& st, VinylFit& out, Best& best) {
    for (double wf : kWidthFactors) {
        for (double jt : kTrans) {
            for (double jc : kCis) grid_point(p, st, jt, jc, p.w_hz * wf, out, best);
        }
    }
}

// One point of the continuous refinement: the =CH2 doublets about their fitted shifts, the =CH-
// ddt about its fitted centre.
bool refine_point(const Problem& p, VinylFit& out, Best& best, const VinylJ& j, double w) {
    const double small = kCh2SmallJ[best.si];
    const auto de = ch2_doublet(j.trans, small), dz = ch2_doublet(j.cis, small);
    const auto pair = fit_ch2_pair(p, around(out.e_ppm * p.mhz, kRefineOffsetsHz),
                                   around(out.z_ppm * p.mhz, kRefineOffsetsHz), de, dz, w,
                                   std::numeric_limits<double>::infinity());
    if (!pair.ok) return false;
    const auto f = band::fit_pattern(p.xw, p.xbase, ch_ddt(j.trans, j.cis, j.allyl), w, out.ch_ppm * p.mhz,
                                     kRefineChSearchHz, &p.xbg);
    if (!f.ok) return false;
    return record(p, out, best, f, pair, j, w, best.si);
}

bool in_range(const Problem& p, const std::array<double, 4>& v) {
    return v[0] >= kTrans.front() - kJReadAccuracyHz && v[0] <= kTrans.back() + kJReadAccuracyHz &&
           v[1] >= kCis.front() - kJReadAccuracyHz && v[1] <= kCis.back() + kJReadAccuracyHz &&
           v[2] >= kAllyl.front() - kJReadAccuracyHz && v[2] <= kAllyl.back() + kJReadAccuracyHz &&
           v[3] >= kMinWidthHz && v[3] <= p.w_max * kWidthOverGrid;
}

void refine(const Problem& p, VinylFit& out, Best& best) {
    for (double step : kRefineStepsHz) {
        for (int it = 0; it < kRefineRounds; ++it) {
            bool improved = false;
            for (std::size_t k = 0; k < 4; ++k) {
                for (double sgn : {-1.0, 1.0}) {
                    std::array<double, 4> v{out.j.trans, out.j.cis, out.j.allyl, out.w_hz};
                    v[k] += k == 3 ? sgn * v[3] * kWidthStepFraction * step : sgn * step;
                    if (!in_range(p, v)) continue;
                    if (refine_point(p, out, best, {v[0], v[1], v[2]}, v[3])) improved = true;
                }
            }
            if (!improved) break;
        }
    }
}

// A =CH2 proton is a d of J_trans 16-18 or J_cis 9.5-11 Hz (Pretsch), never a lone line: its d's
// lines hold 1/2 of a proton each against at most 1/8 in the tallest line of the =CH- ddt (dd x t
// of J_allyl), 4x, and 1.5x more for the height error of weak lines. A lone line of the =CH2
// window taller than 6x the =CH- window's tallest point is another compound's singlet and gets a
// column of its own, as the residual-solvent singlets do (band::window), so that neither the
// doublets' placement nor their background filter reads it as a =CH2 line.
constexpr double kForeignSingletOverCh = 6.0;
void foreign_singlets(const signal::NmrResult& nmr, Problem& p) {
    if (p.xw.y.empty() || p.ew.x.empty()) return;
    const double ch_top = *std::max_element(p.xw.y.begin(), p.xw.y.end());
    const double lo = std::min(p.ew.x.front(), p.ew.x.back()), hi = std::max(p.ew.x.front(), p.ew.x.back());
    for (const auto& m : nmr.multiplets) {
        if (!singlet_like(m) || m.peaks.size() != 1 || m.peaks.front() >= nmr.peaks.size()) continue;
        const auto& pk = nmr.peaks[m.peaks.front()];
        const double hz = pk.ppm * p.mhz;
        if (hz < lo || hz > hi || !(pk.height > kForeignSingletOverCh * ch_top) || !(pk.fwhm_hz > 0.0)) continue;
        if (std::any_of(p.ew.singlets.begin(), p.ew.singlets.end(),
                        [&](const std::pair<double, double>& sg) { return std::abs(sg.first - hz) < pk.fwhm_hz; }))
            continue;
        p.ew.singlets.emplace_back(hz, pk.fwhm_hz);
    }
}

// The =CH2 lines of another accepted vinyl system (two allyl groups in one crude: the by-product
// beside an allyl ether or C-allyl trap) are that system's, not this one's: each gets a column of
// its own at its picked position and width, like a residual-solvent singlet, and is no background
// candidate of the doublets' filter.
void claimed_lines(const signal::NmrResult& nmr, const std::vector<double>& claimed, Problem& p) {
    for (const auto& pk : nmr.peaks) {
        if (std::find(claimed.begin(), claimed.end(), pk.ppm) == claimed.end() || !(pk.fwhm_hz > 0.0)) continue;
        const double hz = pk.ppm * p.mhz;
        if (std::any_of(p.ew.singlets.begin(), p.ew.singlets.end(),
                        [&](const std::pair<double, double>& sg) { return std::abs(sg.first - hz) < pk.fwhm_hz; }))
            continue;  // already a column (a solvent line under it)
        p.ew.singlets.emplace_back(hz, pk.fwhm_hz);
    }
}

// The =CH- and =CH2 windows with their baselines and background lines; false when either holds no
// band above the noise.
bool make_problem(const signal::NmrResult& nmr, double ch_seed_ppm, double ch2_from, double ch2_to, double w_hz,
                  const std::vector<double>& claimed, Problem& p) {
    p.mhz = nmr.spectrum.spectrometer_mhz;
    p.w_hz = w_hz;
    p.w_max = w_hz * kWidthFactors.back();
    const double x_half = (kTrans.back() + kCis.back() + 2 * kAllyl.back()) / 2 + kChSearchHz + 2 * p.w_max;
    p.xw = band::window(nmr, ch_seed_ppm - x_half / p.mhz, ch_seed_ppm + x_half / p.mhz, w_hz * kWidthFactors.front());
    const double e_half = kTrans.back() / 2 + 2 * p.w_max;
    p.ew = band::window(nmr, ch2_from - e_half / p.mhz, ch2_to + e_half / p.mhz, w_hz * kWidthFactors.front());
    if (p.xw.y.size() < kMinWindowPoints || p.ew.y.size() < kMinWindowPoints || !(p.xw.sst > p.xw.noise_ss) ||
        !(p.ew.sst > p.ew.noise_ss))
        return false;
    foreign_singlets(nmr, p);
    claimed_lines(nmr, claimed, p);
    p.xbase = band::base_columns(p.xw);
    p.xbg = band::picked_lines(nmr, p.xw);  // the matrix's own olefinic or aromatic lines
    p.ebase = band::base_columns(p.ew);
    p.ebg = band::picked_lines(nmr, p.ew);
    p.seed_hz = ch_seed_ppm * p.mhz;
    return true;
}

}  // namespace
}  // namespace vinyl

VinylFit fit_terminal_vinyl(const signal::NmrResult& nmr, double ch_seed_ppm, double ch2_from, double ch2_to,
                            double w_hz, const std::vector<double>& claimed) {
    using namespace vinyl;
    VinylFit out;
    out.w_measured = w_hz;
    if (!(nmr.spectrum.spectrometer_mhz > 0.0) || !(w_hz > 0.0) || ch2_to <= ch2_from) {
        out.why = "no usable =CH- / =CH2 regions";
        return out;
    }
    Problem p;
    if (!make_problem(nmr, ch_seed_ppm, ch2_from, ch2_to, base_width(nmr, ch_seed_ppm, w_hz), claimed, p)) {
        out.why = "no band above the noise";
        return out;
    }
    const Ch2Seeds seeds = ch2_seeds(nmr, ch2_from, ch2_to, p.w_hz, claimed);
    if (seeds.empty()) {
        out.why = "no =CH2 lines";
        return out;
    }
    const Stars st = find_shifts(p, seeds);
    Best best;
    grid(p, st, out, best);
    if (best.total < kNoFit) refine(p, out, best);
    if (out.r2 < -0.5) {
        out.why = "no positive fit";
        return out;
    }
    judge(p, st, best, out);
    return out;
}

// A picked line within the fitted width of one of an accepted system's =CH2 lines is that line (at
// least 1 Hz: the fit's shift steps of 0.25-0.5 Hz and the picked apex's digitisation).
constexpr double kMinClaimReachHz = 1.0;
std::vector<double> ch2_doublet_lines(const signal::NmrResult& nmr, const VinylFit& f) {
    std::vector<double> out;
    const double mhz = nmr.spectrum.spectrometer_mhz;
    if (!(mhz > 0.0)) return out;
    const double reach = std::max(f.w_hz, kMinClaimReachHz);
    for (const double hz : {f.e_ppm * mhz - f.j.trans / 2, f.e_ppm * mhz + f.j.trans / 2, f.z_ppm * mhz - f.j.cis / 2,
                            f.z_ppm * mhz + f.j.cis / 2}) {
        const signal::Peak* near = nullptr;
        for (const auto& pk : nmr.peaks) {
            const double d = std::abs(pk.ppm * mhz - hz);
            if (d <= reach && (near == nullptr || d < std::abs(near->ppm * mhz - hz))) near = &pk;
        }
        if (near != nullptr && std::find(out.begin(), out.end(), near->ppm) == out.end()) out.push_back(near->ppm);
    }
    return out;
}

}  // namespace sidepeak::classify::detail

#include "nmr_tools.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

#include "sidepeak/signal/solvents.hpp"

namespace sidepeak::classify::detail {

double integrate(const NmrSpectrum& s, double ppm_a, double ppm_b, bool positive_only) {
    if (s.size() < 2) return 0.0;
    double i0 = s.index_of(ppm_a), i1 = s.index_of(ppm_b);
    if (i0 > i1) std::swap(i0, i1);
    const double last = static_cast<double>(s.size() - 1);
    i0 = std::clamp(std::ceil(i0), 0.0, last);
    i1 = std::clamp(std::floor(i1), 0.0, last);
    double sum = 0.0;
    for (auto i = static_cast<std::size_t>(i0); i <= static_cast<std::size_t>(i1) && i < s.size(); ++i) {
        const double v = s.real[i];
        if (!std::isfinite(v)) continue;
        sum += positive_only ? std::max(v, 0.0) : v;
    }
    return sum * std::abs(s.ppm_step());
}

std::vector<double> solvent_lines(const signal::NmrResult& nmr) {
    // TMS, then the residual, water and contaminant lines of the sample's solvent from the signal
    // module's table (Fulmer 2010); a solvent whose water line is not tabulated there (or an
    // unknown one) is checked against the CDCl3 lines. Last, the sample solvent's own residual.
    const auto solvent = signal::find_solvent(nmr.meta.solvent);
    const auto lines_of = solvent && solvent->water_1h ? solvent : signal::find_solvent("CDCl3");
    std::vector<double> lines = {0.0};
    if (lines_of) {
        lines.push_back(lines_of->ppm_1h);
        // In D2O the water line is the residual HDO line, listed once.
        if (lines_of->water_1h && *lines_of->water_1h != lines_of->ppm_1h) lines.push_back(*lines_of->water_1h);
        for (const auto& c : lines_of->contaminants) lines.push_back(c.ppm_1h);
    }
    if (solvent) lines.push_back(solvent->ppm_1h);
    return lines;
}

bool near_solvent_line(const signal::NmrResult& nmr, double ppm, double tol) {
    for (double l : solvent_lines(nmr)) {
        if (std::abs(ppm - l) <= tol) return true;
    }
    return false;
}

double total_area(const signal::NmrResult& nmr) {
    double total = integrate(nmr.spectrum, 0.5, 10.0, true);
    for (double l : solvent_lines(nmr)) {
        if (l > 0.5 && l < 10.0) total -= integrate(nmr.spectrum, l - 0.05, l + 0.05, true);
    }
    return std::max(total, 0.0);
}

double multiplet_area(const signal::NmrResult& nmr, const signal::Multiplet& m) {
    if (m.area > 0.0 && std::isfinite(m.area)) return m.area;
    return integrate(nmr.spectrum, m.ppm_from, m.ppm_to, true);
}

double window_area(const signal::NmrResult& nmr, double from, double to) {
    if (nmr.multiplets.empty()) return integrate(nmr.spectrum, from, to, true);
    double sum = 0.0;
    for (const auto& m : nmr.multiplets) {
        if (m.ppm < std::min(from, to) || m.ppm > std::max(from, to)) continue;
        if (m.pattern == "s" && near_solvent_line(nmr, m.ppm)) continue;
        sum += multiplet_area(nmr, m);
    }
    return sum;
}

bool usable(const signal::NmrResult& nmr) {
    return nmr.spectrum.size() >= 64 && nmr.spectrum.spectrometer_mhz > 0.0 && nmr.spectrum.ppm_step() != 0.0;
}

double typical_line_hz(const signal::NmrResult& nmr) {
    std::vector<const signal::Peak*> lines;
    for (const auto& p : nmr.peaks) {
        if (std::isfinite(p.height) && p.height > 0.0 && p.fwhm_hz > 0.0 && std::isfinite(p.fwhm_hz) &&
            p.ppm > 0.5 && p.ppm < 10.0 && !near_solvent_line(nmr, p.ppm, 0.03))
            lines.push_back(&p);
    }
    if (lines.size() < 5) return 0.0;
    const std::size_t keep = std::min<std::size_t>(25, lines.size());
    std::partial_sort(lines.begin(), lines.begin() + static_cast<std::ptrdiff_t>(keep), lines.end(),
                      [](const signal::Peak* a, const signal::Peak* b) { return a->height > b->height; });
    std::vector<double> widths;
    for (std::size_t i = 0; i < keep; ++i) widths.push_back(lines[i]->fwhm_hz);
    auto mid = widths.begin() + static_cast<std::ptrdiff_t>(widths.size() / 2);
    std::nth_element(widths.begin(), mid, widths.end());
    return *mid;
}

double sharp_limit_hz(const signal::NmrResult& nmr) {
    const double typical = typical_line_hz(nmr);
    if (typical <= 0.0) return kSharpLineHz;
    return std::clamp(2.0 * typical, kSharpLineHz, 30.0);
}

double sharp_limit_hz(const signal::NmrResult& nmr, double line_hz) {
    const double base = sharp_limit_hz(nmr);
    if (!(line_hz > 0.0) || !std::isfinite(line_hz)) return base;
    // An unresolved multiplet of the compound is as wide as its envelope: the widest is the C6-H2
    // quintet (four 3J up to 8 Hz); 15 % allows the error of a measured width.
    const double w = std::min(line_hz, 30.0);
    // Lines as wide as J (>= ~6 Hz against 3J 6-8 Hz) are picked as blends of several
    // transitions, up to the whole quintet (4 x 8 Hz + w); the blend grows from nothing at narrow
    // lines to that at w = 6 Hz. Still below the narrowest envelope (32 Hz + 2w) and, at narrow
    // lines, below an exchange-broadened NH (>= 20 Hz).
    const double blend = 4.0 * 8.0 * std::min(1.0, w / 6.0) + w;
    return std::max({base, 2.0 * w, 1.15 * envelope_fwhm_hz(4, 8.0, w), blend});
}

double sharp_area(const signal::NmrResult& nmr, double from, double to) {
    const double lo = std::min(from, to), hi = std::max(from, to);
    const double limit = sharp_limit_hz(nmr);
    double sum = 0.0;
    for (const auto& p : nmr.peaks) {
        if (!std::isfinite(p.ppm) || !std::isfinite(p.area) || p.area <= 0.0) continue;
        if (p.ppm < lo || p.ppm > hi || !(p.fwhm_hz > 0.0 && p.fwhm_hz < limit)) continue;
        if (near_solvent_line(nmr, p.ppm, 0.02)) continue;
        sum += p.area;
    }
    return sum;
}

bool is_singlet(const signal::Multiplet& m) {
    return m.pattern == "s" || (m.peaks.size() == 1 && m.j_hz.empty() && m.pattern != "m");
}

bool singlet_like(const signal::Multiplet& m, const signal::NmrResult* nmr) {
    if (is_singlet(m)) return true;
    if (m.j_hz.empty() && nmr != nullptr && m.peaks.size() >= 2 && m.peaks.size() <= 4) {
        // Unassigned group of a few lines: singlet-like when they all lie within 4 Hz.
        double lo = 1e300, hi = -1e300;
        for (std::size_t i : m.peaks) {
            if (i >= nmr->peaks.size()) return false;
            lo = std::min(lo, nmr->peaks[i].ppm);
            hi = std::max(hi, nmr->peaks[i].ppm);
        }
        return (hi - lo) * nmr->spectrum.spectrometer_mhz < 4.0;
    }
    if (m.j_hz.empty() || m.pattern == "m") return false;
    // Vicinal H-H couplings in CH2-CH2 are >= 5 Hz; "splittings" below 4 Hz in a group without
    // vicinal partners are near-coincident singlets of related species (N-CH3 of product and
    // dialkyl amine 0.005 ppm apart) or long-range couplings.
    return std::all_of(m.j_hz.begin(), m.j_hz.end(), [](double j) { return j < 4.0; });
}

double sharp_multiplet_area(const signal::NmrResult& nmr, const signal::Multiplet& m) {
    return sharp_multiplet_area(nmr, m, sharp_limit_hz(nmr));
}

double sharp_multiplet_area(const signal::NmrResult& nmr, const signal::Multiplet& m, double limit) {
    double sum = 0.0;
    bool any = false;
    for (std::size_t i : m.peaks) {
        if (i >= nmr.peaks.size()) continue;
        const auto& p = nmr.peaks[i];
        if (!std::isfinite(p.area) || p.area <= 0.0 || !(p.fwhm_hz > 0.0 && p.fwhm_hz < limit)) continue;
        sum += p.area;
        any = true;
    }
    return any ? sum : multiplet_area(nmr, m);
}

namespace {
// A group singlet with a minor line of a related species beside it (the 1,4-disubstituted ring's
// N-CH2Ph / N-CH3 a few Hz away, 13C satellites, an impurity) is grouped by the picker as one
// "d" or "m". A coupled pattern has lines of comparable height (a doublet 1:1, up to ~1.5:1 with
// the roof effect at Delta nu / J >= 2; Pretsch); a tallest line >= 2.5x every other line is a
// singlet with minor neighbours. At most two of them (the bis amine's line, a 13C satellite): a
// group of more is a crowded region of another compound (FAM013's O-CH2 lines at 3.84-3.90 ppm).
bool singlet_beside_minor_lines(const signal::Multiplet& m, const signal::NmrResult& nmr) {
    if (m.peaks.size() < 2 || m.peaks.size() > 3) return false;
    double top = 0.0, second = 0.0;
    for (std::size_t i : m.peaks) {
        if (i >= nmr.peaks.size()) return false;
        const double h = nmr.peaks[i].height;
        if (h > top) {
            second = top;
            top = h;
        } else {
            second = std::max(second, h);
        }
    }
    return top > 0.0 && second <= top / 2.5;
}
}  // namespace

bool diag_pattern(const signal::Multiplet& m, const chem::Reagent& rg, const signal::NmrResult& nmr) {
    const auto sp = rg.diag_label.find(' ');
    const std::string want = sp == std::string::npos ? "" : rg.diag_label.substr(sp + 1, rg.diag_label.find(' ', sp + 1) - sp - 1);
    if (want == "s") return singlet_like(m, &nmr) || singlet_beside_minor_lines(m, nmr);
    if (m.pattern != want || m.j_hz.empty()) return false;
    // Chemical range of the one coupling of the group (Pretsch): 3J_HF of CH2CF3 8.5-11 Hz,
    // 3J_HH of an ethyl 6.5-8 Hz, OCH2CH2N 4.5-7 Hz.
    const bool hf = rg.diag_label.find("CF3") != std::string::npos;
    const bool ethyl = rg.diag_label.find("CH2CH3") != std::string::npos;
    const double lo = hf ? 8.5 : ethyl ? 6.5 : 4.5, hi = hf ? 11.0 : ethyl ? 8.0 : 7.0;
    return std::all_of(m.j_hz.begin(), m.j_hz.end(), [&](double j) { return j >= lo && j <= hi; });
}

double envelope_fwhm_hz(int n, double j_hz, double line_hz) {
    if (!(line_hz > 0.0)) return 0.0;
    // Binomial line intensities at offsets (i - n/2) J, each a Lorentzian of half-width g.
    std::vector<double> weight(static_cast<std::size_t>(std::max(n, 0)) + 1, 1.0);
    for (int i = 1; i <= n; ++i)
        for (int k = i - 1; k >= 1; --k) weight[static_cast<std::size_t>(k)] += weight[static_cast<std::size_t>(k - 1)];
    const double g = line_hz / 2.0;
    auto profile = [&](double x) {
        double v = 0.0;
        for (std::size_t i = 0; i < weight.size(); ++i) {
            const double d = x - (static_cast<double>(i) - n / 2.0) * j_hz;
            v += weight[i] * g * g / (d * d + g * g);
        }
        return v;
    };
    const double half = 0.5 * profile(0.0), step = std::min(line_hz, std::max(j_hz, 0.1)) / 200.0;
    double x = 0.0;
    while (profile(x) > half && x < n * j_hz + 20.0 * line_hz) x += step;
    return 2.0 * x;
}

double measured_fwhm_hz(const signal::NmrResult& nmr, const signal::Multiplet& m) {
    const auto& s = nmr.spectrum;
    if (s.size() < 3 || !(s.spectrometer_mhz > 0.0)) return 0.0;
    const auto last = static_cast<std::ptrdiff_t>(s.size() - 1);
    auto at = [&](std::ptrdiff_t i) { return s.real[static_cast<std::size_t>(std::clamp<std::ptrdiff_t>(i, 0, last))]; };
    // Apex: the tallest of the multiplet's own lines (or its centre), climbed to the local maximum.
    double apex_ppm = m.ppm, best = -1e300;
    for (std::size_t i : m.peaks) {
        if (i < nmr.peaks.size() && nmr.peaks[i].height > best) {
            best = nmr.peaks[i].height;
            apex_ppm = nmr.peaks[i].ppm;
        }
    }
    auto i0 = static_cast<std::ptrdiff_t>(std::llround(std::clamp(s.index_of(apex_ppm), 0.0, static_cast<double>(last))));
    while (i0 > 0 && at(i0 - 1) > at(i0)) --i0;
    while (i0 < last && at(i0 + 1) > at(i0)) ++i0;
    const double half = 0.5 * at(i0);
    if (!(half > 0.0)) return 0.0;
    auto walk = [&](std::ptrdiff_t dir) {
        std::ptrdiff_t i = i0;
        while (i + dir >= 0 && i + dir <= last && at(i + dir) > half) i += dir;
        const double a = at(i), b = at(i + dir);
        const double frac = a > b ? (a - half) / (a - b) : 0.0;
        return (static_cast<double>(std::abs(i - i0)) + frac);
    };
    const double points = 2.0 * std::min(walk(-1), walk(1));
    return points * std::abs(s.ppm_step()) * s.spectrometer_mhz;
}

bool coupled_at_width(const signal::NmrResult& nmr, const signal::Multiplet& m, double line_hz, int n, double j_min) {
    if (!singlet_like(m, &nmr)) return true;
    const double env = envelope_fwhm_hz(n, j_min, line_hz);
    // A band is read as unresolved couplings only where their envelope is clearly wider than one
    // line (30 %: ~3x the ~10 % error of a measured width); the 15 % allows that error.
    return line_hz > 0.0 && env >= 1.3 * line_hz && measured_fwhm_hz(nmr, m) >= 0.85 * env;
}

namespace {
// Linear least squares of y on (shape, 1, x): R^2 of the fit about the mean of y.
double shape_r2(const std::vector<double>& x, const std::vector<double>& y, const std::vector<double>& shape, double* amplitude = nullptr) {
    double s00 = 0, s01 = 0, s02 = 0, s11 = 0, s12 = 0, s22 = 0, b0 = 0, b1 = 0, b2 = 0, ym = 0;
    const std::size_t n = y.size();
    for (std::size_t i = 0; i < n; ++i) {
        const double f = shape[i], u = x[i];
        s00 += f * f; s01 += f; s02 += f * u; s11 += 1; s12 += u; s22 += u * u;
        b0 += f * y[i]; b1 += y[i]; b2 += u * y[i]; ym += y[i];
    }
    if (n < 6) return 0.0;
    ym /= static_cast<double>(n);
    // Solve the symmetric 3x3 normal equations by Cramer's rule.
    const double det = s00 * (s11 * s22 - s12 * s12) - s01 * (s01 * s22 - s12 * s02) + s02 * (s01 * s12 - s11 * s02);
    if (!(std::abs(det) > 1e-300)) return 0.0;
    const double a = (b0 * (s11 * s22 - s12 * s12) - s01 * (b1 * s22 - s12 * b2) + s02 * (b1 * s12 - s11 * b2)) / det;
    const double c = (s00 * (b1 * s22 - s12 * b2) - b0 * (s01 * s22 - s12 * s02) + s02 * (s01 * b2 - b1 * s02)) / det;
    const double d = (s00 * (s11 * b2 - b1 * s12) - s01 * (s01 * b2 - b1 * s02) + b0 * (s01 * s12 - s11 * s02)) / det;
    if (!(a > 0.0)) return 0.0;  // an absorption pattern has positive lines
    if (amplitude != nullptr) *amplitude = a;
    double ss_res = 0, ss_tot = 0;
    for (std::size_t i = 0; i < n; ++i) {
        const double e = y[i] - (a * shape[i] + c + d * x[i]);
        ss_res += e * e;
        ss_tot += (y[i] - ym) * (y[i] - ym);
    }
    return ss_tot > 0 ? 1.0 - ss_res / ss_tot : 0.0;
}
}  // namespace

BandFit binomial_band_fit(const signal::NmrResult& nmr, double ppm, int n, double j_lo, double j_hi, double line_hz) {
    BandFit out;
    const auto& s = nmr.spectrum;
    const double mhz = s.spectrometer_mhz;
    if (s.size() < 16 || !(mhz > 0.0) || !(line_hz > 0.0) || n < 1 || !(j_hi >= j_lo)) return out;
    const double half = n / 2.0 * j_hi + 2.0 * 1.4 * line_hz;
    double i0 = s.index_of(ppm + half / mhz), i1 = s.index_of(ppm - half / mhz);
    if (i0 > i1) std::swap(i0, i1);
    const auto last = static_cast<double>(s.size() - 1);
    const auto a = static_cast<std::size_t>(std::clamp(std::ceil(i0), 0.0, last));
    const auto b = static_cast<std::size_t>(std::clamp(std::floor(i1), 0.0, last));
    std::vector<double> x, y;
    for (std::size_t i = a; i <= b; ++i) {
        if (!std::isfinite(s.real[i])) continue;
        x.push_back((s.ppm_at(static_cast<double>(i)) - ppm) * mhz);
        y.push_back(s.real[i]);
    }
    if (x.size() < 12) return out;
    std::vector<double> weight(static_cast<std::size_t>(n) + 1, 1.0);
    for (int i = 1; i <= n; ++i)
        for (int k = i - 1; k >= 1; --k) weight[static_cast<std::size_t>(k)] += weight[static_cast<std::size_t>(k - 1)];
    std::vector<double> shape(x.size());
    auto lorentz = [](double d, double w) { const double g = w / 2.0; return g * g / (d * d + g * g); };
    for (double c = -1.5; c <= 1.5 + 1e-9; c += 0.375) {
        for (double wf : {0.5, 0.7, 1.0, 1.4, 2.0, 2.8, 4.0}) {
            const double w = wf * line_hz;
            for (std::size_t i = 0; i < x.size(); ++i) shape[i] = lorentz(x[i] - c, w);
            out.single_r2 = std::max(out.single_r2, shape_r2(x, y, shape));
        }
        for (double j = j_lo; j <= j_hi + 1e-9; j += 0.25) {
            for (double wf : {0.7, 0.85, 1.0, 1.2, 1.4}) {
                const double w = wf * line_hz;
                for (std::size_t i = 0; i < x.size(); ++i) {
                    double v = 0.0;
                    for (std::size_t k = 0; k < weight.size(); ++k)
                        v += weight[k] * lorentz(x[i] - c - (static_cast<double>(k) - n / 2.0) * j, w);
                    shape[i] = v;
                }
                double amp = 0.0;
                const double r2 = shape_r2(x, y, shape, &amp);
                if (r2 > out.r2) {
                    out.r2 = r2;
                    // Each Lorentzian of unit height and FWHM w (Hz) has area pi/2 w, in ppm units.
                    out.area = amp * std::ldexp(1.0, n) * std::numbers::pi / 2.0 * w / mhz;
                    out.j_hz = j;
                    out.width_hz = w;
                    out.ppm = ppm + c / mhz;
                }
            }
        }
    }
    return out;
}

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

// C6-H2 couples to four near-equivalent N-CH2 protons: a quintet (tt when the two sides differ),
// or "m" when overlap hides it. Singlets, d, t, q and geminal (J > 9 Hz) patterns are other
// compounds' lines, unless the lines are too broad to resolve J: then the band must be as wide as
// the quintet's envelope at this width (J 4.5-8 Hz), no narrower and no wider.
bool c6_candidate(const signal::Multiplet& m, const signal::NmrResult& nmr, double line_hz, bool* unresolved = nullptr,
                  double* band_area = nullptr) {
    if (near_solvent_line(nmr, m.ppm)) return false;
    if (!singlet_like(m, &nmr) && (m.pattern == "quint" || m.pattern == "m" || m.pattern == "tt" || m.pattern == "sext") &&
        std::all_of(m.j_hz.begin(), m.j_hz.end(), [](double j) { return j >= kC6JLo && j <= kC6JHi; }))
        return true;
    if (!(line_hz > 0.0)) return false;
    const double lo = envelope_fwhm_hz(4, kC6JLo, line_hz), hi = envelope_fwhm_hz(4, kC6JHi, line_hz);
    {
        // At lines as wide as 0.5-1.5x J the picker merges lines and mislabels the pattern ("q" J
        // 8, "d" J 11.5 or a one-line "s" for a J 6 quintet at 4-6 Hz): the band's shape decides.
        // The quintet must explain it (R^2 >= 0.9) and leave at most half the residual of one
        // line of free width (a singlet or a structureless blob fits that as well).
        const BandFit fit = binomial_band_fit(nmr, m.ppm, 4, kC6JLo, kC6JHi, line_hz);
        if (fit.r2 >= kBandR2 && 1.0 - fit.r2 <= 0.5 * (1.0 - fit.single_r2)) {
            if (unresolved != nullptr) *unresolved = lo >= 1.3 * line_hz;
            // Its picked lines are blends of uncertain width and area; the fitted quintet's area
            // is the band's.
            if (band_area != nullptr) *band_area = fit.area;
            return true;
        }
    }
    if (lo < 1.3 * line_hz) return false;  // resolvable at this width: the pattern tests above decide
    const double w = measured_fwhm_hz(nmr, m);
    const bool ok = w >= 0.85 * lo && w <= 1.15 * hi;
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
// The product's line width: its diagnostic singlet's measured FWHM (a singlet shows the width
// itself), else the spectrum's typical width.
double product_line_hz(const signal::NmrResult& nmr, const chem::Reagent& rg, double from, double to) {
    const bool singlet_group = rg.diag_label.find(" s") != std::string::npos;
    const signal::Multiplet* top = nullptr;
    if (singlet_group) {
        for (const auto& m : nmr.multiplets) {
            if (m.ppm < from || m.ppm > to || near_solvent_line(nmr, m.ppm) || !singlet_like(m, &nmr)) continue;
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
    const double lo = std::min(d, 2.0 * d), hi = std::max(d, 2.0 * d);
    w.nch2_from = kNch2Free - kNch2Below + (da < lo - 0.1 ? da : lo);
    w.nch2_to = kNch2Free + kNch2Above + (da > hi + 0.1 ? da : hi);
    const bool alpha = rg.diag_label.rfind("N-", 0) == 0;
    const double lo_k = alpha ? 1.0 : 0.2, hi_k = alpha ? 2.0 : 0.6;  // remote groups move less
    w.diag_from = rg.diag_ppm_from + std::min(lo_k * d, hi_k * d) - 0.05;
    w.diag_to = rg.diag_ppm_to + std::max(lo_k * d, hi_k * d);
    if (alpha) {  // alpha groups move with the ring N-CH2
        w.diag_from = std::min(w.diag_from, rg.diag_ppm_from + da - 0.05);
        w.diag_to = std::max(w.diag_to, rg.diag_ppm_to + da);
    }
    if (signal::normalise_solvent(nmr.meta.solvent) == "DMSO-d6") w.diag_from -= 0.15;
    return w;
}

// The product's own ring N-CH2 read line by line: each ring CH2 couples to one neighbouring CH2
// (C2/C3, C5/C7 to C6; 3J 5-7 Hz in 1,4-diazepanes, Pretsch) and shows a 1:2:1 triplet of 2H.
// Triplets are taken from the picked lines (outer lines at +-J within a third of a line width,
// each 0.3-0.8 of the centre's height, all of the product's width, 0.6-2x), so another compound's
// lines in the window (geminal dd/ddd of a rigid skeleton, singlets) add nothing. The area of one
// ring proton is the median over the triplets that agree with it within 35 %; at least two are
// needed. 0 when the lines are too broad to resolve J (line width >= 5 Hz) or fewer agree.
double triplet_unit(const signal::NmrResult& nmr, double from, double to, double line_hz, double sharp_hz) {
    const double mhz = nmr.spectrum.spectrometer_mhz;
    if (!(line_hz > 0.0) || line_hz >= 5.0 || !(mhz > 0.0)) return 0.0;
    struct L {
        double ppm, height, area;
    };
    std::vector<L> lines;
    for (const auto& p : nmr.peaks) {
        if (p.ppm < from - 0.03 || p.ppm > to + 0.03 || !(p.area > 0.0) || !(p.height > 0.0)) continue;
        if (!(p.fwhm_hz > 0.0 && p.fwhm_hz < sharp_hz) || p.fwhm_hz < 0.6 * line_hz || p.fwhm_hz > 2.0 * line_hz) continue;
        if (near_solvent_line(nmr, p.ppm, 0.02)) continue;
        lines.push_back({p.ppm, p.height, p.area});
    }
    std::sort(lines.begin(), lines.end(), [](const L& x, const L& y) { return x.ppm < y.ppm; });
    // Records closer than a fifth of a line width are one line (coincident transitions).
    std::vector<L> merged;
    for (const auto& l : lines) {
        if (!merged.empty() && (l.ppm - merged.back().ppm) * mhz < 0.2 * line_hz) {
            merged.back().height += l.height;
            merged.back().area += l.area;
        } else {
            merged.push_back(l);
        }
    }
    std::vector<char> used(merged.size(), 0);
    std::vector<double> per_h;
    const double tol_hz = std::max(line_hz / 3.0, 0.3);
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
                if (ra < 0.3 || ra > 0.8 || rb < 0.3 || rb > 0.8) continue;
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
        per_h.push_back((merged[best_lo].area + pc.area + merged[best_hi].area) / 2.0);
    }
    if (per_h.size() < 2) return 0.0;
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
            best = per_h[i + n / 2];
        }
    }
    return best_n >= 2 ? best : 0.0;
}

RingFrame frame_at(const signal::NmrResult& nmr, const chem::ReactionModel& model, const signal::Multiplet& anchor,
                   double line_hz, double da) {
    const chem::Reagent& rg = *model.reagent;
    RingFrame f;
    f.c6_ppm = anchor.ppm;
    f.line_hz = line_hz;
    f.sharp_hz = sharp_limit_hz(nmr, line_hz);
    auto sharp_multiplet_area = [&](const signal::NmrResult& n, const signal::Multiplet& m) {
        return detail::sharp_multiplet_area(n, m, f.sharp_hz);
    };
    f.shift = std::clamp(anchor.ppm - kC6Free, -0.25, 0.65);
    f.nch2_shift = da;
    const Windows w = windows_for(rg, nmr, f.shift, da);
    f.nch2_from = w.nch2_from;
    f.nch2_to = w.nch2_to;
    f.diag_from = w.diag_from;
    f.diag_to = w.diag_to;
    for (const auto& m : nmr.multiplets) {
        bool unresolved = false;
        double band = 0.0;
        if (std::abs(m.ppm - anchor.ppm) <= 0.12 && c6_candidate(m, nmr, line_hz, &unresolved, &band)) {
            f.c6_area += band > 0.0 ? band : sharp_multiplet_area(nmr, m);
            if (&m == &anchor) f.c6_unresolved = unresolved;
        }
    }
    std::vector<const signal::Multiplet*> cand;
    for (const auto& m : nmr.multiplets) {
        if (m.ppm >= f.diag_from && m.ppm <= f.diag_to && !near_solvent_line(nmr, m.ppm) && diag_pattern(m, rg, nmr))
            cand.push_back(&m);
    }
    auto in_cand = [&](const signal::Multiplet& m) { return std::find(cand.begin(), cand.end(), &m) != cand.end(); };
    // At lines of half J and more the picker splits the ring's triplet pairs into blends whose
    // areas lose 20-30 % to their neighbours (measured on FIDs of 1-benzyl-1,4-diazepane at 5 Hz
    // lines); the multiplets' range integrals keep it. The ring N-CH2 window holds no
    // exchangeable NH of the amine in CDCl3 (1.5-2.0 ppm), so the range integral adds no pedestal.
    const bool blended = line_hz >= kBlendLineHz;
    for (const auto& m : nmr.multiplets) {
        if (m.ppm >= f.nch2_from && m.ppm <= f.nch2_to && !near_solvent_line(nmr, m.ppm) && !in_cand(m))
            f.nch2_area += blended && m.peaks.size() > 1 ? std::max(multiplet_area(nmr, m), sharp_multiplet_area(nmr, m))
                                                        : sharp_multiplet_area(nmr, m);
    }
    if (f.c6_area <= 0.0 || f.nch2_area <= 0.0) return f;
    double r_c6 = f.c6_area / 2.0, r_n = f.nch2_area / 8.0;
    // Another compound's lines inflate the window references; the product's own ring triplets do
    // not hold them. When the triplets give a ring proton more than 35 % below a window reference,
    // that reference holds foreign lines and the triplets' value replaces it.
    // Free-base frames only: in a salt or D2O the ring lines crowd 3.0-3.9 ppm with the
    // ammonium's own and the matrix's N+-CH2 / O-CH2 triplets, which a line-by-line reading
    // cannot tell from the product's.
    if (!(f.shift >= 0.2 || f.nch2_shift >= 0.3))
        f.triplet_h = triplet_unit(nmr, f.nch2_from, f.nch2_to, line_hz, f.sharp_hz);
    // Only where the window references disagree (no count otherwise): in a mixture each species'
    // triplets carry its own mole fraction, so agreeing window references are the better total.
    if (f.triplet_h > 0.0 && std::max(r_c6, r_n) > kAgree * std::min(r_c6, r_n)) {
        if (r_n > kAgree * f.triplet_h) r_n = f.triplet_h;
        if (r_c6 > kAgree * f.triplet_h) r_c6 = f.triplet_h;
    }
    f.ring_h = std::min(r_c6, r_n);
    const bool refs_agree = std::max(r_c6, r_n) <= kAgree * f.ring_h;
    // The diagnostic signal: no neutral diazepane carries more than two N-substituents (a
    // quaternary N+ moves its groups out of the window), so one group worth > 2.3 per ring (2 + 3
    // sigma) against the larger ring reference is another compound's line. Of the rest, the
    // product's cluster: lines within 0.08 ppm of the strongest (mono- and di-substituted species
    // differ only four bonds away from the group, <= ~0.08 ppm).
    const double unit = rg.diag_protons * std::max(r_c6, r_n);
    const int k = std::max(model.product_alkylations, 1);
    // Of several candidate clusters, the product's is the one whose count fits its k best (a
    // foreign singlet in the window, e.g. an acetyl CH3 beside N-CH3, gives another count).
    auto cluster_area = [&](const signal::Multiplet* c) {
        double a = 0.0;
        for (const auto* m : cand) {
            const double am = sharp_multiplet_area(nmr, *m);
            if (am / unit <= 2.3 && std::abs(m->ppm - c->ppm) <= 0.08) a += am;
        }
        return a;
    };
    const signal::Multiplet* top = nullptr;
    double top_fit = 1e300;
    for (const auto* m : cand) {
        const double a = sharp_multiplet_area(nmr, *m);
        if (a / unit > 2.3) {
            f.excluded.push_back(m);
            continue;
        }
        const double fit = std::abs(std::log((cluster_area(m) / (rg.diag_protons * k)) / f.ring_h));
        if (top == nullptr || fit < top_fit - 1e-9 || (std::abs(fit - top_fit) <= 1e-9 && a > sharp_multiplet_area(nmr, *top))) {
            top = m;
            top_fit = fit;
        }
    }
    if (top == nullptr) return f;
    // The cluster's centre line is its largest member.
    for (const auto* m : cand) {
        if (std::abs(m->ppm - top->ppm) <= 0.08 && sharp_multiplet_area(nmr, *m) / unit <= 2.3 &&
            sharp_multiplet_area(nmr, *m) > sharp_multiplet_area(nmr, *top))
            top = m;
    }
    f.diag_ppm = top->ppm;
    for (const auto* m : cand) {
        if (std::find(f.excluded.begin(), f.excluded.end(), m) != f.excluded.end()) continue;
        if (std::abs(m->ppm - top->ppm) <= 0.08) {
            f.diag.push_back(m);
            f.diag_area += sharp_multiplet_area(nmr, *m);
        } else {
            f.excluded.push_back(m);
        }
    }
    // Two ring references that disagree: a background line overlaps one of them (it only adds
    // area) or one lost area. The diagnostic group (product's k substituents) is the third
    // reference: the ring reference it agrees with is kept.
    const double r_d = f.diag_area / (rg.diag_protons * k);
    auto agree = [](double a, double b) { return a > 0 && b > 0 && std::max(a, b) <= kAgree * std::min(a, b); };
    if (refs_agree) {
        f.score = std::log(std::max(r_c6, r_n) / f.ring_h);
    } else if (r_c6 > r_n && agree(r_d, r_n) && !agree(r_d, r_c6)) {
        // Only the larger reference is set aside: another compound's line adds area, none removes it.
        f.ring_h = r_n;
        f.rejected = "C6-H2";
        f.score = std::log(kAgree) + std::abs(std::log(r_d / r_n));
    } else if (r_n > r_c6 && agree(r_d, r_c6) && !agree(r_d, r_n)) {
        f.ring_h = r_c6;
        f.rejected = "ring N-CH2";
        f.score = std::log(kAgree) + std::abs(std::log(r_d / r_c6));
    } else {
        f.disagree = true;
    }
    f.per_ring = (f.diag_area / rg.diag_protons) / f.ring_h;
    // Fit of the product pattern: the kept references' spread plus a count below the product's.
    f.score += std::max(0.0, std::log(k / std::max(f.per_ring, 1e-9)));
    // Two references that disagree beyond integration error with no third to decide hold another
    // compound's lines (or the anchor is not a diazepane C6-H2): no count in this frame.
    f.found = !f.disagree && f.per_ring >= 0.5 * k && f.c6_area >= 0.005 * total_area(nmr);
    return f;
}

// The protonation shift of the alpha protons, measured: the area-weighted centre of the coupled
// lines in the ring N-CH2 range an anchor with C6-H2 shift d allows (free base 2.42-3.05 moved by
// d-0.1 .. 2d+0.1), minus the free base's 2.78.
double alpha_shift(const signal::NmrResult& nmr, double d) {
    const double lo = std::min(d, 2.0 * d) - 0.1, hi = std::max(d, 2.0 * d) + 0.1;
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
}  // namespace

RingFrame ring_frame(const signal::NmrResult& nmr, const chem::ReactionModel& model) {
    RingFrame best;
    if (model.reagent == nullptr || model.reagent->diag_protons <= 0) return best;
    const chem::Reagent& rg = *model.reagent;
    // Every C6-H2 candidate from the free base in DMSO-d6 (~1.6) to the dication (~2.3-2.5)
    // anchors frames; the one whose references fit the product's 2 : 8 : n k best (and shows the
    // product) wins.
    bool best_found = false;
    for (const auto& m : nmr.multiplets) {
        if (m.ppm < 1.5 || m.ppm > 2.6) continue;
        const double d = std::clamp(m.ppm - kC6Free, -0.25, 0.65);
        {
            const double da = alpha_shift(nmr, d);
            const Windows w = windows_for(rg, nmr, d, da);
            const double line_hz = product_line_hz(nmr, rg, w.diag_from, w.diag_to);
            if (!c6_candidate(m, nmr, line_hz)) continue;
            RingFrame f = frame_at(nmr, model, m, line_hz, da);
            if (f.ring_h <= 0.0) continue;
            if (best.ring_h <= 0.0 || (f.found && !best_found) || (f.found == best_found && f.score < best.score)) {
                best_found = f.found;
                best = std::move(f);
            }
        }
    }
    return best;
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
        if (m.pattern != own->pattern) return false;
        for (double j : own->j_hz) {
            bool hit = false;
            for (double k : m.j_hz) hit = hit || std::abs(j - k) <= 1.0;  // J agree to the 0.5-1 Hz read-out accuracy
            if (!hit) return false;
        }
        return true;
    };
    // N-oxide / quaternary alpha groups sit 0.45-1.2 ppm below the measured own signal
    // (N-CH3 2.3 -> 3.1-3.3, N-CH2Ph 3.6 -> 4.3-4.5; Abraham & Mobli, Modelling 1H NMR Spectra, 2008;
    // Silverstein, Spectrometric Identification, 8th ed., N-oxide alpha-H +0.6-1.0 ppm).
    const double shift_from = f.diag_ppm + 0.45, shift_to = f.diag_ppm + 1.2;
    for (const auto& m : nmr.multiplets) {
        if (near_solvent_line(nmr, m.ppm)) continue;
        if (std::find(f.diag.begin(), f.diag.end(), &m) != f.diag.end()) continue;
        const bool shifted = m.ppm >= shift_from && m.ppm <= shift_to;
        // Ring N-CH2 triplets (3J 4.5-8 Hz) merge into one band at broad lines: judged at the
        // product's width.
        const bool single = !coupled_at_width(nmr, m, f.line_hz, 2, kC6JLo);
        if (shifted && single == own_singlet && (own_singlet || same_j(m))) {
            out.group_area += sharp_multiplet_area(nmr, m);
            out.group.push_back(&m);
        } else if (!single && m.ppm >= std::max(3.05, f.nch2_to) && m.ppm <= 3.9) {
            const double a = sharp_multiplet_area(nmr, m);
            out.ring_area += a;
            if (m.ppm <= 3.6) out.ring_area_noxide += a;
            out.ring.push_back(&m);
        }
    }
    if (out.group_area > 0.0 && out.ring_area > 0.0)
        out.substituents = (out.group_area / rg->diag_protons) / (out.ring_area / 4.0);
    return out;
}

Evidence nmr_signal(const signal::Multiplet& m, double area_fraction, const std::string& label) {
    Evidence e;
    e.kind = EvidenceKind::nmr_signal;
    e.label = label;
    e.ppm = m.ppm;
    e.multiplicity = m.pattern.empty() ? "m" : m.pattern;
    e.j_hz = m.j_hz;
    e.area_fraction = area_fraction;
    return e;
}

Evidence nmr_region(double from, double to, double area_fraction, const std::string& label) {
    Evidence e;
    e.kind = EvidenceKind::nmr_region;
    e.label = label;
    e.ppm_from = std::min(from, to);
    e.ppm_to = std::max(from, to);
    e.area_fraction = area_fraction;
    return e;
}

}  // namespace sidepeak::classify::detail

#include "nmr_tools.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>

#include "sidepeak/signal/integrate.hpp"
#include "sidepeak/signal/solvents.hpp"
#include "sidepeak/signal/robust_stats.hpp"

namespace sidepeak::classify::detail {

namespace {
// Total 1H area: the organic 1H range 0.5-10 ppm (aliphatic CH from ~0.5 to aldehyde CHO ~10;
// Pretsch, 1H chemical shift tables), TMS below it; each solvent / water line inside it is cut
// out +-0.05 ppm (20 Hz at 400 MHz: a residual line's base at the usual 1-3 Hz widths).
constexpr double kTotalFromPpm = 0.5, kTotalToPpm = 10.0, kSolventCutPpm = 0.05;
// Sharp-line sums leave out lines within 0.02 ppm of a solvent line (the residual's own line;
// a product line 0.03 ppm away is kept).
constexpr double kSharpSolventTolPpm = 0.02;
// typical_line_hz: the median FWHM of the 25 tallest lines, from at least 5 (fewer is no
// spectrum-wide statistic).
constexpr std::size_t kTypicalLines = 25, kTypicalMinLines = 5;
// sharp_limit_hz: twice the typical width, capped at 30 Hz (narrower than any oligomer envelope,
// 32 Hz + 2 line widths; docs/classifier.md).
constexpr double kSharpWidthFactor = 2.0, kSharpCapHz = 30.0;
// Widest C6-H2 quintet: four 3J up to 8 Hz (1,4-diazepanes 5.5-6.5 Hz, Pretsch); lines from
// ~6 Hz (about J) are picked as blends of several transitions.
constexpr int kQuintetCouplings = 4;
constexpr double kC6JMaxHz = 8.0, kBlendFullHz = 6.0;
// Splittings below 4 Hz are no vicinal CH2-CH2 couplings (3J >= 5 Hz; Pretsch): near-coincident
// singlets or long-range J. An unassigned group of at most 4 lines within that span is one singlet.
constexpr double kLongRangeJHz = 4.0;
constexpr std::size_t kMaxCoincidentLines = 4;
// A coupled pattern's lines are of comparable height (a doublet 1:1, up to ~1.5:1 with the roof
// effect; Pretsch); a line >= 2.5x every other line of a group of at most 3 is a singlet beside
// minor lines.
constexpr double kMinorLineRatio = 2.5;
constexpr std::size_t kMaxGroupWithMinor = 3;
// Chemical range of the diagnostic group's one coupling (Pretsch): 3J_HF of CH2CF3 8.5-11 Hz,
// 3J_HH of an ethyl 6.5-8 Hz, OCH2CH2N 4.5-7 Hz.
constexpr double kJHfLo = 8.5, kJHfHi = 11.0, kJEthylLo = 6.5, kJEthylHi = 8.0, kJOchLo = 4.5, kJOchHi = 7.0;
// envelope_fwhm_hz: walk steps of 1/200 of the narrower of line width and J (J at least 0.1 Hz),
// at most 20 line widths beyond the outermost line (numerical resolution, not tuned).
constexpr double kEnvelopeStepsPerWidth = 200.0, kEnvelopeMinJHz = 0.1, kEnvelopeReachWidths = 20.0;
// Linear least squares of (shape, 1, x): at least 2 points per parameter; a determinant below
// 1e-300 is a singular system (underflow guard).
constexpr std::size_t kMinFitPoints = 6;
constexpr double kSingularDet = 1e-300;
// Spectra and windows the band fit reads: at least 16 points in the spectrum, 12 in the window.
constexpr std::size_t kMinWindowSpectrum = 16, kMinBandPoints = 12;
// Band-fit grid: centre +-1.5 Hz in 0.375 Hz steps (the peak picker's centre error at 400-600 MHz
// digitisation of ~0.2-0.3 Hz per point); the pattern's width 0.7-1.4x the product's lines, one
// Lorentzian's 0.5-4x; J in 0.25 Hz steps (the read-out accuracy of J). The window reaches two of
// the widest trial widths past the outer lines.
constexpr double kCentreReachHz = 1.5, kCentreStepHz = 0.375, kJStepHz = 0.25, kGridSlack = 1e-9;
constexpr double kPatternWidthMax = 1.4, kWindowWidths = 2.0;
constexpr double kSingleWidths[] = {0.5, 0.7, 1.0, 1.4, 2.0, 2.8, 4.0};
constexpr double kPatternWidths[] = {0.7, 0.85, 1.0, 1.2, kPatternWidthMax};
}  // namespace

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

// A 13C satellite is 0.55 % of its line (1.1 % natural 13C, split in two). Read by the peak picker
// beside a tall line its area takes in that line's flank: 1.75 % for the DMSO-d5 satellite at
// 2.33 ppm 21 Hz from an N-CH3 line 55x its height (tuning spike-in 2032 penguins-0016); up to 3 %
// (about 5x the natural share) is read as the satellite. The residual's area is read over
// +-0.02 ppm (its CHD2 quintet spans 4 J_HD, <= 10 Hz).
constexpr double kResidualSatelliteArea = 0.03, kResidualHalfWidthPpm = 0.02, kSatellitePlaceHz = 2.0;

bool residual_satellite(const signal::NmrResult& nmr, double ppm, double fwhm_hz, double area) {
    const auto solvent = signal::find_solvent(nmr.meta.solvent);
    const double mhz = nmr.spectrum.spectrometer_mhz;
    if (!solvent || !(solvent->residual_1j_ch_hz > 0.0) || !(mhz > 0.0)) return false;
    const double d_hz = std::abs(ppm - solvent->ppm_1h) * mhz;
    if (std::abs(d_hz - solvent->residual_1j_ch_hz / 2.0) > std::max(kSatellitePlaceHz, fwhm_hz)) return false;
    const double residual = signal::integrate_positive_points(nmr.spectrum, solvent->ppm_1h - kResidualHalfWidthPpm,
                                                              solvent->ppm_1h + kResidualHalfWidthPpm);
    return area <= kResidualSatelliteArea * residual;
}

double total_area(const signal::NmrResult& nmr) {
    double total = signal::integrate_positive_points(nmr.spectrum, kTotalFromPpm, kTotalToPpm);
    for (double l : solvent_lines(nmr)) {
        if (l > kTotalFromPpm && l < kTotalToPpm) total -= signal::integrate_positive_points(nmr.spectrum, l - kSolventCutPpm, l + kSolventCutPpm);
    }
    return std::max(total, 0.0);
}

double multiplet_area(const signal::NmrResult& nmr, const signal::Multiplet& m) {
    if (m.area > 0.0 && std::isfinite(m.area)) return m.area;
    return signal::integrate_positive_points(nmr.spectrum, m.ppm_from, m.ppm_to);
}

double window_area(const signal::NmrResult& nmr, double from, double to) {
    if (nmr.multiplets.empty()) return signal::integrate_positive_points(nmr.spectrum, from, to);
    double sum = 0.0;
    for (const auto& m : nmr.multiplets) {
        if (m.ppm < std::min(from, to) || m.ppm > std::max(from, to)) continue;
        if (m.multiplicity.is_singlet() && near_solvent_line(nmr, m.ppm)) continue;
        sum += multiplet_area(nmr, m);
    }
    return sum;
}

bool usable(const signal::NmrResult& nmr) {
    return nmr.spectrum.size() >= kNmrMinPoints && nmr.spectrum.spectrometer_mhz > 0.0 && nmr.spectrum.ppm_step() != 0.0;
}

namespace {
// The picked lines both typical widths read: apex in (from, to) ppm, finite positive height, FWHM
// above 0 and below `below_hz`, away from solvent lines.
std::vector<const signal::Peak*> measurable_lines(const signal::NmrResult& nmr, double from, double to, double below_hz) {
    std::vector<const signal::Peak*> lines;
    for (const auto& p : nmr.peaks) {
        if (std::isfinite(p.height) && p.height > 0.0 && p.fwhm_hz > 0.0 && std::isfinite(p.fwhm_hz) && p.fwhm_hz < below_hz &&
            p.ppm > from && p.ppm < to && !near_solvent_line(nmr, p.ppm, kSolventLineTolPpm))
            lines.push_back(&p);
    }
    return lines;
}
}  // namespace

double typical_line_hz(const signal::NmrResult& nmr, double from, double to, double below_hz) {
    auto lines = measurable_lines(nmr, from, to, below_hz);
    double total = 0.0;
    for (const auto* p : lines) total += p->height * p->fwhm_hz;
    if (lines.size() < kTypicalMinLines || !(total > 0.0)) return 0.0;
    // The width at half of the lines' area (height x FWHM): the width of the lines that hold the
    // region's intensity, whatever number of small sharp lines lie beside them.
    std::sort(lines.begin(), lines.end(), [](const signal::Peak* a, const signal::Peak* b) { return a->fwhm_hz < b->fwhm_hz; });
    double held = 0.0;
    for (const auto* p : lines) {
        held += p->height * p->fwhm_hz;
        if (held >= 0.5 * total) return p->fwhm_hz;
    }
    return lines.back()->fwhm_hz;
}

double typical_line_hz(const signal::NmrResult& nmr) {
    auto lines = measurable_lines(nmr, kTotalFromPpm, kTotalToPpm, std::numeric_limits<double>::infinity());
    if (lines.size() < kTypicalMinLines) return 0.0;
    const std::size_t keep = std::min<std::size_t>(kTypicalLines, lines.size());
    std::partial_sort(lines.begin(), lines.begin() + static_cast<std::ptrdiff_t>(keep), lines.end(),
                      [](const signal::Peak* a, const signal::Peak* b) { return a->height > b->height; });
    std::vector<double> widths;
    for (std::size_t i = 0; i < keep; ++i) widths.push_back(lines[i]->fwhm_hz);
    return signal::upper_median_inplace(widths);
}

double sharp_limit_hz(const signal::NmrResult& nmr) {
    const double typical = typical_line_hz(nmr);
    if (typical <= 0.0) return kSharpLineHz;
    return std::clamp(kSharpWidthFactor * typical, kSharpLineHz, kSharpCapHz);
}

double sharp_limit_hz(const signal::NmrResult& nmr, double line_hz) {
    const double base = sharp_limit_hz(nmr);
    if (!(line_hz > 0.0) || !std::isfinite(line_hz)) return base;
    // An unresolved multiplet of the compound is as wide as its envelope: the widest is the C6-H2
    // quintet (four 3J up to 8 Hz); 15 % allows the error of a measured width.
    const double w = std::min(line_hz, kSharpCapHz);
    // Lines as wide as J (>= ~6 Hz against 3J 6-8 Hz) are picked as blends of several
    // transitions, up to the whole quintet (4 x 8 Hz + w); the blend grows from nothing at narrow
    // lines to that at w = 6 Hz. Still below the narrowest envelope (32 Hz + 2w) and, at narrow
    // lines, below an exchange-broadened NH (>= 20 Hz).
    const double blend = kQuintetCouplings * kC6JMaxHz * std::min(1.0, w / kBlendFullHz) + w;
    return std::max({base, kSharpWidthFactor * w, kMeasuredWidthHigh * envelope_fwhm_hz(kQuintetCouplings, kC6JMaxHz, w), blend});
}

double sharp_area(const signal::NmrResult& nmr, double from, double to) {
    const double lo = std::min(from, to), hi = std::max(from, to);
    const double limit = sharp_limit_hz(nmr);
    double sum = 0.0;
    for (const auto& p : nmr.peaks) {
        if (!std::isfinite(p.ppm) || !std::isfinite(p.area) || p.area <= 0.0) continue;
        if (p.ppm < lo || p.ppm > hi || !(p.fwhm_hz > 0.0 && p.fwhm_hz < limit)) continue;
        if (near_solvent_line(nmr, p.ppm, kSharpSolventTolPpm)) continue;
        sum += p.area;
    }
    return sum;
}

bool is_singlet(const signal::Multiplet& m) {
    return m.multiplicity.is_singlet() || (m.peaks.size() == 1 && m.j_hz.empty() && !m.multiplicity.is_unresolved());
}

bool singlet_like(const signal::Multiplet& m, const signal::NmrResult* nmr) {
    if (is_singlet(m)) return true;
    if (m.j_hz.empty() && nmr != nullptr && m.peaks.size() >= 2 && m.peaks.size() <= kMaxCoincidentLines) {
        // Unassigned group of a few lines: singlet-like when they all lie within 4 Hz.
        double lo = 1e300, hi = -1e300;
        for (std::size_t i : m.peaks) {
            if (i >= nmr->peaks.size()) return false;
            lo = std::min(lo, nmr->peaks[i].ppm);
            hi = std::max(hi, nmr->peaks[i].ppm);
        }
        return (hi - lo) * nmr->spectrum.spectrometer_mhz < kLongRangeJHz;
    }
    if (m.j_hz.empty() || m.multiplicity.is_unresolved()) return false;
    // Vicinal H-H couplings in CH2-CH2 are >= 5 Hz; "splittings" below 4 Hz in a group without
    // vicinal partners are near-coincident singlets of related species (N-CH3 of product and
    // dialkyl amine 0.005 ppm apart) or long-range couplings.
    return std::all_of(m.j_hz.begin(), m.j_hz.end(), [](double j) { return j < kLongRangeJHz; });
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
    if (m.peaks.size() < 2 || m.peaks.size() > kMaxGroupWithMinor) return false;
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
    return top > 0.0 && second <= top / kMinorLineRatio;
}
}  // namespace

bool diag_pattern(const signal::Multiplet& m, const chem::Reagent& rg, const signal::NmrResult& nmr) {
    if (rg.diag_lines == 1) return singlet_like(m, &nmr) || singlet_beside_minor_lines(m, nmr);
    if (rg.diag_lines < 2 || m.multiplicity.simple_order() != rg.diag_lines || m.j_hz.empty()) return false;
    const bool hf = rg.diag_label.find("CF3") != std::string::npos;
    const bool ethyl = rg.diag_label.find("CH2CH3") != std::string::npos;
    const double lo = hf ? kJHfLo : ethyl ? kJEthylLo : kJOchLo, hi = hf ? kJHfHi : ethyl ? kJEthylHi : kJOchHi;
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
    const double half = 0.5 * profile(0.0), step = std::min(line_hz, std::max(j_hz, kEnvelopeMinJHz)) / kEnvelopeStepsPerWidth;
    double x = 0.0;
    while (profile(x) > half && x < n * j_hz + kEnvelopeReachWidths * line_hz) x += step;
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
    // line (kEnvelopeWiderThanLine); kMeasuredWidthLow allows the error of the measured width.
    return line_hz > 0.0 && env >= kEnvelopeWiderThanLine * line_hz && measured_fwhm_hz(nmr, m) >= kMeasuredWidthLow * env;
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
    if (n < kMinFitPoints) return 0.0;
    ym /= static_cast<double>(n);
    // Solve the symmetric 3x3 normal equations by Cramer's rule.
    const double det = s00 * (s11 * s22 - s12 * s12) - s01 * (s01 * s22 - s12 * s02) + s02 * (s01 * s12 - s11 * s02);
    if (!(std::abs(det) > kSingularDet)) return 0.0;
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

HzWindow spectrum_window_hz(const signal::NmrResult& nmr, double ppm, double half_hz) {
    HzWindow out;
    const auto& s = nmr.spectrum;
    const double mhz = s.spectrometer_mhz;
    if (s.size() < kMinWindowSpectrum || !(mhz > 0.0)) return out;
    double i0 = s.index_of(ppm + half_hz / mhz), i1 = s.index_of(ppm - half_hz / mhz);
    if (i0 > i1) std::swap(i0, i1);
    const auto last = static_cast<double>(s.size() - 1);
    const auto a = static_cast<std::size_t>(std::clamp(std::ceil(i0), 0.0, last));
    const auto b = static_cast<std::size_t>(std::clamp(std::floor(i1), 0.0, last));
    for (std::size_t i = a; i <= b; ++i) {
        if (!std::isfinite(s.real[i])) continue;
        out.x.push_back((s.ppm_at(static_cast<double>(i)) - ppm) * mhz);
        out.y.push_back(s.real[i]);
    }
    return out;
}

BandFit binomial_band_fit(const signal::NmrResult& nmr, double ppm, int n, double j_lo, double j_hi, double line_hz) {
    BandFit out;
    const auto& s = nmr.spectrum;
    const double mhz = s.spectrometer_mhz;
    if (s.size() < kMinWindowSpectrum || !(mhz > 0.0) || !(line_hz > 0.0) || n < 1 || !(j_hi >= j_lo)) return out;
    const double half = n / 2.0 * j_hi + kWindowWidths * kPatternWidthMax * line_hz;
    const auto [x, y] = spectrum_window_hz(nmr, ppm, half);
    if (x.size() < kMinBandPoints) return out;
    std::vector<double> weight(static_cast<std::size_t>(n) + 1, 1.0);
    for (int i = 1; i <= n; ++i)
        for (int k = i - 1; k >= 1; --k) weight[static_cast<std::size_t>(k)] += weight[static_cast<std::size_t>(k - 1)];
    std::vector<double> shape(x.size());
    auto lorentz = [](double d, double w) { const double g = w / 2.0; return g * g / (d * d + g * g); };
    for (double c = -kCentreReachHz; c <= kCentreReachHz + kGridSlack; c += kCentreStepHz) {
        for (double wf : kSingleWidths) {
            const double w = wf * line_hz;
            for (std::size_t i = 0; i < x.size(); ++i) shape[i] = lorentz(x[i] - c, w);
            out.single_r2 = std::max(out.single_r2, shape_r2(x, y, shape));
        }
        for (double j = j_lo; j <= j_hi + kGridSlack; j += kJStepHz) {
            for (double wf : kPatternWidths) {
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

Evidence nmr_signal(const signal::Multiplet& m, double area_fraction, const std::string& label) {
    Evidence e;
    e.kind = EvidenceKind::nmr_signal;
    e.label = label;
    e.ppm = m.ppm;
    e.multiplicity = signal::name(m.multiplicity);
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

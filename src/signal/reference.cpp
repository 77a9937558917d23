// Chemical-shift referencing: internal standard (TMS, DSS/TSP) at 0 ppm when present, else the
// residual solvent signal (IUPAC recommendation: Harris R. K. et al., Pure Appl. Chem. 80 (2008)
// 59-84, section 3; solvent shifts from solvents.cpp), the standard cross-checked against the
// residual. See docs/algorithms/referencing.md.
#include "sidepeak/signal/reference.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <optional>
#include <string>
#include <vector>

#include "sidepeak/signal/robust_stats.hpp"
#include "sidepeak/signal/solvents.hpp"

namespace sidepeak::signal {
namespace {

struct Candidate {
    double ppm = 0.0;
    double height = 0.0;  ///< above the local floor
    double fwhm_hz = 0.0;
    double score = 0.0;
    bool quintet = false;  ///< centre of a resolved 1:2:3:2:1 quintet (residual CHD2 of a CD3 solvent)
};

/// Robust noise sigma of a real spectrum from the MAD of first differences.
double noise_sigma(const std::vector<double>& y) {
    if (y.size() < 3) return 0.0;
    std::vector<double> d(y.size() - 1);
    for (std::size_t i = 0; i + 1 < y.size(); ++i) d[i] = std::abs(y[i + 1] - y[i]);
    return upper_median_inplace(d) / (0.6745 * std::sqrt(2.0));
}

/// Local maxima within [centre - tol, centre + tol] ppm, with the apex refined by a parabola
/// through three points, height over the lowest point within +-window_hz, and FWHM.
std::vector<Candidate> local_maxima(const NmrSpectrum& s, double centre, double tol, double window_hz) {
    std::vector<Candidate> out;
    const std::size_t n = s.size();
    if (n < 5 || s.ppm_step() == 0.0 || !(s.spectrometer_mhz > 0.0)) return out;
    const double hz_pt = s.hz_per_point();
    const auto clamp_index = [&](double idx) {
        return static_cast<std::size_t>(std::clamp(idx, 1.0, static_cast<double>(n - 2)));
    };
    const double ia = s.index_of(centre - tol);
    const double ib = s.index_of(centre + tol);
    const std::size_t from = clamp_index(std::floor(std::min(ia, ib)));
    const std::size_t to = clamp_index(std::ceil(std::max(ia, ib)));
    const auto half_window = static_cast<std::size_t>(std::max(2.0, window_hz / hz_pt));
    const auto& y = s.real;
    for (std::size_t i = from; i <= to; ++i) {
        if (!(y[i] > y[i - 1] && y[i] >= y[i + 1])) continue;
        const std::size_t lo = i > half_window ? i - half_window : 0;
        const std::size_t hi = std::min(n - 1, i + half_window);
        const double floor = *std::min_element(y.begin() + static_cast<std::ptrdiff_t>(lo),
                                               y.begin() + static_cast<std::ptrdiff_t>(hi) + 1);
        Candidate c;
        const double a = y[i - 1], b = y[i], d = y[i + 1];
        const double denom = a - 2.0 * b + d;
        const double delta = denom < 0.0 ? std::clamp(0.5 * (a - d) / denom, -0.5, 0.5) : 0.0;
        c.ppm = s.ppm_at(static_cast<double>(i) + delta);
        c.height = b - floor;
        // FWHM: walk down each side to half height, linear interpolation at the crossing.
        const double half = floor + 0.5 * c.height;
        double left = static_cast<double>(i), right = static_cast<double>(i);
        for (std::size_t k = i; k > lo; --k)
            if (y[k - 1] <= half) {
                left = static_cast<double>(k - 1) + (half - y[k - 1]) / (y[k] - y[k - 1]);
                break;
            }
        for (std::size_t k = i; k < hi; ++k)
            if (y[k + 1] <= half) {
                right = static_cast<double>(k) + (y[k] - half) / (y[k] - y[k + 1]);
                break;
            }
        c.fwhm_hz = (right - left) * hz_pt;
        out.push_back(c);
    }
    return out;
}

/// Largest height among other maxima 3..10 Hz away (multiplet partners) relative to this one.
double partner_ratio(const Candidate& c, const std::vector<Candidate>& all, double mhz) {
    double worst = 0.0;
    for (const auto& o : all) {
        const double dist_hz = std::abs(o.ppm - c.ppm) * mhz;
        if (dist_hz >= 3.0 && dist_hz <= 10.0 && c.height > 0.0) worst = std::max(worst, o.height / c.height);
    }
    return worst;
}

bool is_13c(const NmrMeta& meta) {
    return meta.nucleus.find("13C") != std::string::npos || meta.nucleus.find("13c") != std::string::npos;
}

/// An internal standard is a sharp singlet: at most 4 Hz FWHM for 1H, 6 Hz for 13C.
constexpr double kStandardMaxHz1H = 4.0, kStandardMaxHz13C = 6.0;

/// Cross-check tolerance (1H): the residual solvent line, on the axis referenced by a standard
/// candidate, must lie within this of its tabulated shift. The difference of two lines in one
/// spectrum does not depend on the axis calibration; what remains is the solute- and
/// temperature-dependence of the residual shift (0.01-0.02 ppm, Fulmer et al. 2010) plus the apex
/// precision (< 0.001 ppm). Silicone grease in CDCl3 (0.07 ppm), the nearest common singlet to
/// TMS, disagrees by more than twice this.
constexpr double kAgreePpm = 0.03;
/// A standard that contradicts the residual overrules it only if it scores at least as high and is
/// not more than this factor broader (FWHM measurement error on 0.1-0.3 Hz points, shimming).
constexpr double kWidthSlack = 1.5;
/// TMS at the usual 0.03-0.05 % v/v in 99.8 % D CDCl3 gives a line of the order of the CHCl3
/// residual (both ~20-30 mM of 1H: 0.3-3 times its height); trace impurities near 0 ppm are
/// around 1 % of it or less (0.06 % on aspirin-1h.dx). A standard below this fraction of the
/// residual's height never overrules a residual that contradicts it.
constexpr double kMinStandardRatio = 0.1;

/// A singlet residual is about as sharp as the internal standard: both are small, fast-tumbling
/// molecules whose lines only the shim broadens. The standard's 4 Hz limit (step 1) times the
/// width slack allowed between the two (kWidthSlack): CHCl3 at 3.9-4.1 Hz on MP-TFM-aniline/10
/// passes, a 9 Hz lump of unresolved benzyl ArH lines does not.
constexpr double kSharpHz1H = kStandardMaxHz1H * kWidthSlack;
/// Quintet partners: the inner lines +-J_HD from the centre and the outer ones +-2 J_HD, within
/// 0.3 Hz or 15 % of the distance (J read to 0.1-0.3 Hz point spacing, solvent and temperature
/// moving J_HD by a few %). Heights 2/3 and 1/3 of the centre for resolved lines; the inner ones up
/// to equal height and the outer ones up to 0.6 where the lines start to merge (overlap raises
/// the centre less than its neighbours), the inner at least 0.4, the outer at least 0.15.
constexpr double kQuintetJTolHz = 0.3, kQuintetJTolShare = 0.15;
constexpr double kQuintetInnerMin = 0.4, kQuintetInnerMax = 1.0;
constexpr double kQuintetOuterMin = 0.15, kQuintetOuterMax = 0.6;
/// A residual quintet taken over taller lines holds at least 5 % of the tallest candidate's height
/// (10x a 13C satellite's 0.55 %; the DMSO-d5 centre beside a tall N-CH3 singlet held 46 %).
constexpr double kMinQuintetShare = 0.05;

/// Whether `all` holds a maximum on each side of the candidate at `d_hz` with a height ratio in
/// [lo, hi].
bool partners_at(const Candidate& c, const std::vector<Candidate>& all, double d_hz, double lo, double hi, double mhz) {
    const double tol = std::max(kQuintetJTolHz, kQuintetJTolShare * d_hz);
    bool below = false, above = false;
    for (const auto& o : all) {
        const double at_hz = (o.ppm - c.ppm) * mhz;
        if (std::abs(std::abs(at_hz) - d_hz) > tol || !(c.height > 0.0)) continue;
        const double ratio = o.height / c.height;
        if (ratio < lo || ratio > hi) continue;
        (at_hz < 0.0 ? below : above) = true;
    }
    return below && above;
}

/// Whether the candidate is the centre of a resolved 1:2:3:2:1 quintet with the given J.
bool resolved_quintet_centre(const Candidate& c, const std::vector<Candidate>& all, double j_hz, double mhz) {
    return partners_at(c, all, j_hz, kQuintetInnerMin, kQuintetInnerMax, mhz) &&
           partners_at(c, all, 2.0 * j_hz, kQuintetOuterMin, kQuintetOuterMax, mhz);
}

std::string format_ppm(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%+.3f", v);
    return buf;
}

std::string format_abs_ppm(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.3f", v);
    return buf;
}

}  // namespace

ReferenceResult find_reference(const NmrSpectrum& spectrum, const NmrMeta& meta) {
    ReferenceResult none;
    none.signal = "none";
    if (spectrum.size() < 5 || !(spectrum.spectrometer_mhz > 0.0)) return none;
    const bool carbon = is_13c(meta);
    const auto solvent = find_solvent(meta.solvent);
    const bool aqueous = solvent && solvent->aqueous;
    const double sigma = noise_sigma(spectrum.real);
    const double mhz = spectrum.spectrometer_mhz;
    // Expected calibration error of an instrument axis (lock offset, unset SR): a few hundredths of
    // a ppm for 1H; the windows below are several times that. Proximity weighting (sigma_ppm)
    // prefers the candidate closest to the expected position.
    const double tol = carbon ? 1.5 : 0.15;
    const double sigma_ppm = carbon ? 0.3 : 0.04;

    // 1. Internal-standard candidates at 0 ppm: sharp, isolated singlets clearly above the noise,
    //    best (height x proximity) first.
    std::vector<Candidate> standards;
    {
        const auto cands = local_maxima(spectrum, 0.0, tol, 15.0);
        const auto all = local_maxima(spectrum, 0.0, tol + 0.05, 15.0);
        for (auto c : cands) {
            if (c.height < 20.0 * sigma || c.fwhm_hz > (carbon ? kStandardMaxHz13C : kStandardMaxHz1H)) continue;
            if (!carbon && partner_ratio(c, all, mhz) > 0.5) continue;  // a multiplet line, not a singlet
            const double dz = c.ppm / sigma_ppm;
            c.score = c.height * std::exp(-0.5 * dz * dz);
            standards.push_back(c);
        }
        std::sort(standards.begin(), standards.end(),
                  [](const Candidate& a, const Candidate& b) { return a.score > b.score; });
    }
    std::string standard_name = "TMS";
    if (aqueous) standard_name = meta.title.find("TSP") != std::string::npos ? "TSP" : "DSS";

    // 2. Residual solvent line, found on the unreferenced axis independently of the standard.
    const double expected = solvent ? (carbon ? solvent->ppm_13c : solvent->ppm_1h) : 0.0;
    std::optional<Candidate> residual;
    if (solvent && !(carbon && expected == 0.0)) {
        const auto cands = local_maxima(spectrum, expected, tol, 15.0);
        const auto all = local_maxima(spectrum, expected, tol + 0.05, 15.0);
        const bool singlet = !carbon && solvent->residual_singlet;
        const double quintet_j = carbon ? 0.0 : solvent->residual_quintet_j_hz;
        std::vector<Candidate> kept;
        for (auto c : cands) {
            if (c.height < 10.0 * sigma) continue;
            // CHCl3 is a singlet, DMSO-d5 / CHD2OD the centre of a 1:2:3:2:1 quintet (J_HD ~ 2 Hz):
            // either way no partner of similar height 3..10 Hz away, unlike analyte multiplets.
            if (!carbon && !solvent->aqueous && partner_ratio(c, all, mhz) > 0.6) continue;
            // A broad lump of unresolved aromatic lines is no CHCl3 singlet.
            if (singlet && c.fwhm_hz > kSharpHz1H) continue;
            c.quintet = quintet_j > 0.0 && resolved_quintet_centre(c, all, quintet_j, mhz);
            const double dz = (c.ppm - expected) / sigma_ppm;
            c.score = c.height * std::exp(-0.5 * dz * dz);
            kept.push_back(c);
        }
        // Where the residual's quintet is resolved, an analyte singlet near it (an N-CH3 or acetyl
        // at 2.4-2.6 ppm in DMSO-d6, taller than the residual) is not the residual. A quintet below
        // kMinQuintetShare of the tallest candidate is no residual of its own: the residual's 13C
        // satellites are quintets too (0.55 % each; glucose in DMSO-d6, 600 MHz: the satellite at
        // 2.617 resolved while the merged residual's outer lines were no maxima).
        double tallest = 0.0;
        for (const auto& c : kept) tallest = std::max(tallest, c.height);
        for (auto& c : kept) c.quintet = c.quintet && c.height >= kMinQuintetShare * tallest;
        const bool any_quintet = std::any_of(kept.begin(), kept.end(), [](const Candidate& c) { return c.quintet; });
        for (const auto& c : kept) {
            if (any_quintet && !c.quintet) continue;
            if (!residual || c.score > residual->score) residual = c;
        }
    }

    const auto use_standard = [&](const Candidate& c) {
        ReferenceResult r;
        r.signal = standard_name;
        r.ppm = 0.0;
        r.shift_ppm = -c.ppm;
        r.found = true;
        return r;
    };
    const auto use_residual = [&](const Candidate& c) {
        ReferenceResult r;
        r.signal = std::string(solvent->signal);
        r.ppm = expected;
        r.shift_ppm = expected - c.ppm;
        r.found = true;
        return r;
    };

    // 3. Decide. A standard is cross-checked against the residual line (1H, organic solvents):
    //    where both are present they must agree; see docs/algorithms/referencing.md.
    const bool cross_check = !carbon && !aqueous && residual.has_value() && !standards.empty();
    if (!standards.empty() && !cross_check) {
        ReferenceResult r = use_standard(standards.front());
        if (carbon)
            r.reason = standard_name + " singlet (13C: not cross-checked against the solvent)";
        else if (aqueous)
            r.reason = standard_name + " singlet (aqueous: HDO shift depends on temperature, not a cross-check)";
        else if (solvent)
            r.reason = standard_name + " singlet; no " + std::string(solvent->signal) + " residual line to cross-check";
        else
            r.reason = standard_name + " singlet; solvent unknown, not cross-checked";
        return r;
    }
    if (cross_check) {
        const std::string residual_name(solvent->signal);
        const auto offset = [&](const Candidate& c) { return residual->ppm - c.ppm - expected; };
        for (const auto& c : standards) {
            const double d = offset(c);
            if (std::abs(d) > kAgreePpm) continue;
            ReferenceResult r = use_standard(c);
            r.reason = standard_name + " singlet; " + residual_name + " residual agrees (" + format_ppm(d) + " ppm)";
            r.disagreement_ppm = d;
            if (&c != &standards.front()) {
                // A better-scoring singlet near 0 ppm that the residual contradicts (e.g. grease).
                const Candidate& other = standards.front();
                r.rejected = standard_name;
                r.rejected_ppm = other.ppm + r.shift_ppm;
                r.disagreement_ppm = offset(other);
                r.reason += "; singlet at " + format_abs_ppm(r.rejected_ppm) + " ppm rejected: " + residual_name +
                            " would be off by " + format_ppm(offset(other)) + " ppm";
            }
            return r;
        }
        // No standard candidate agrees. The standard still wins
        //  (i) when it is the bigger, sharper line: "bigger" compares the proximity-weighted
        //      heights each search ranks by, so the calibration prior counts for both; or
        //  (ii) when the residual pick is likely an analyte line and the real residual is
        //      overlapped where the standard puts it: the standard is no trace (at least
        //      kMinStandardRatio of the residual pick's height, and sharp) and the spectrum has a
        //      line of at least kMinStandardRatio of the pick's height within kAgreePpm of that
        //      position (no singlet test there: an overlapped residual has neighbours). Seen on
        //      generated benzyl spectra, where the pick is an aromatic line 0.04 ppm from CHCl3.
        // Otherwise the residual wins and the singlet is recorded as rejected.
        const Candidate& s = standards.front();
        const double d = offset(s);
        const bool sharp = s.fwhm_hz <= kWidthSlack * residual->fwhm_hz;
        const bool bigger = s.score >= residual->score;
        std::optional<Candidate> overlapped;
        // (ii) only for a standard that asks a smaller axis correction than the residual pick: the
        // instrument axis is calibrated to a few hundredths of a ppm (lock, SR), so of two
        // readings the one nearer it is the likelier (an impurity singlet at 0.1 ppm against a
        // residual pick 0.02 ppm from its table shift is no TMS).
        const bool nearer = std::abs(s.ppm) < std::abs(residual->ppm - expected);
        if (sharp && !bigger && nearer && s.height >= kMinStandardRatio * residual->height) {
            const double at = s.ppm + expected;
            for (const auto& c : local_maxima(spectrum, at, kAgreePpm, 15.0))
                if (c.height >= std::max(10.0 * sigma, kMinStandardRatio * residual->height) &&
                    (!overlapped || std::abs(c.ppm - at) < std::abs(overlapped->ppm - at)))
                    overlapped = c;  // the qualifying line closest to the predicted position
        }
        if (sharp && (bigger || overlapped)) {
            ReferenceResult r = use_standard(s);
            r.rejected = residual_name;
            r.rejected_ppm = residual->ppm + r.shift_ppm;
            r.disagreement_ppm = d;
            r.reason = standard_name + " singlet; no isolated " + residual_name + " line within " +
                       format_abs_ppm(kAgreePpm) + " ppm of " + format_abs_ppm(expected) + " (best candidate at " +
                       format_abs_ppm(r.rejected_ppm) + " ppm, off by " + format_ppm(d) + " ppm); ";
            if (bigger)
                r.reason += standard_name + " is taller and sharper";
            else
                r.reason += "a line of " + format_abs_ppm(100.0 * overlapped->height / residual->height) +
                            " % of the candidate's height at " + format_abs_ppm(overlapped->ppm + r.shift_ppm) +
                            " ppm is taken as the overlapped " + residual_name;
            return r;
        }
        ReferenceResult r = use_residual(*residual);
        r.rejected = standard_name;
        r.rejected_ppm = s.ppm + r.shift_ppm;
        r.disagreement_ppm = d;
        r.reason = residual_name + " residual; singlet at " + format_abs_ppm(r.rejected_ppm) + " ppm is not " +
                   standard_name + ": " + residual_name + " would be off by " + format_ppm(d) +
                   " ppm, the singlet is smaller or broader (height " +
                   format_abs_ppm(100.0 * s.height / residual->height) + " % of the residual's, FWHM " +
                   format_abs_ppm(s.fwhm_hz) + " vs " + format_abs_ppm(residual->fwhm_hz) +
                   " Hz) and no comparable line sits where it would put " + residual_name;
        return r;
    }
    if (residual) {
        ReferenceResult r = use_residual(*residual);
        r.reason = std::string(solvent->signal) + " residual; no internal standard";
        return r;
    }
    return none;
}

void apply_reference(NmrSpectrum& spectrum, const ReferenceResult& reference) {
    if (!reference.found || !std::isfinite(reference.shift_ppm)) return;
    spectrum.ppm_first += reference.shift_ppm;
    spectrum.ppm_last += reference.shift_ppm;
}

}  // namespace sidepeak::signal

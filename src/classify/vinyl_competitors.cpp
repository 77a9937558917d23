// Verdict of the joint terminal-vinyl fit (olefin_fit.cpp): the ddt's own lines against every
// competing reading of the =CH- band (acrylate dd, cinnamate d, vinyl ether dd, one unresolved
// band), fitted beside the same background lines, and the =CH2 : =CH- proton ratio.
#include <algorithm>
#include <array>
#include <cmath>
#include <string>

#include "ms_ions.hpp"
#include "nmr_tools.hpp"
#include "vinyl_fit_steps.hpp"

namespace sidepeak::classify::detail::vinyl {
namespace {

// Competing readings of the =CH- band, as named patterns.
enum class Reading { acrylate_dd, cinnamate_d, vinyl_ether_dd, unresolved_band };
const char* name(Reading r) {
    switch (r) {
        case Reading::acrylate_dd: return "dd 17/10 (acrylate-like =CH-)";
        case Reading::cinnamate_d: return "d 15-16.5 (trans CH=CH without a cis partner)";
        case Reading::vinyl_ether_dd: return "dd 14/6.5 (vinyl ether =CH-O)";
        case Reading::unresolved_band: return "one unresolved band";
    }
    return "";
}
// One line of free width, up to the whole ddt span (fractions of the base width, at least 1 Hz):
// an unresolved band carries no J.
constexpr std::array kBandWidthFactors{1.0, 1.5, 2.0, 3.0, 4.0, 6.0, 8.0};
constexpr double kMinBandWidthHz = 1.0;
// A competitor's centre is searched within +-3 Hz of the ddt's (its lines need not share the
// ddt's centre; 3 Hz is half the smallest splitting in play, J_allyl 6 Hz).
constexpr double kCompetitorSearchHz = 3.0;
// Acceptance (olefin_fit.hpp): joint R^2 >= 0.9 over the system's own lines, the ddt's own lines
// R^2 >= 0.8, the =CH- amplitude >= 6 standard errors (a by-product line, not a noise excursion at
// the many centres and J tried), each =CH2 proton 0.5-2x the =CH- (1H : 1H within the integration
// error of weak, overlapping lines), and the ddt leaves at most half of a competitor's residual.
constexpr double kJointR2Min = 0.9;
constexpr double kChR2Min = 0.8;
constexpr double kChTMin = 6.0;
constexpr double kCh2RatioMin = 0.5, kCh2RatioMax = 2.0;
constexpr double kCh2Protons = 2.0;  // =CH2 protons per =CH- proton
constexpr double kResidualRatio = 0.5;

// A weak band's residuals are mostly noise, so the ratio of two models' residuals stays near 1
// however clearly one of them is right. There the models are compared by the residual they leave
// beyond the noise (n sigma^2 of the window): the ddt must leave at most half the competitor's
// excess, and the competitor's residual must exceed the ddt's by a likelihood-ratio difference of
// 25 sigma^2 (Delta chi^2 = 25, 5 standard deviations for one extra degree of freedom; Wilks'
// theorem, e.g. Press et al., Numerical Recipes 3rd ed., 15.6).
constexpr double kDeltaChi2 = 25.0;
bool beats_at_noise(const band::Window& win, double ssr, double competitor_ssr) {
    const double n = static_cast<double>(win.y.size());
    if (!(n > 0.0) || !(win.noise_ss > 0.0)) return false;
    const double sigma2 = win.noise_ss / n;
    const double excess = std::max(ssr - win.noise_ss, 0.0), comp_excess = std::max(competitor_ssr - win.noise_ss, 0.0);
    return excess <= kResidualRatio * comp_excess && competitor_ssr - ssr >= kDeltaChi2 * sigma2;
}

// A band at the noise: the ddt leaves no residual beyond the noise (within Delta chi^2 = 25 sigma^2
// of the window's noise) and no competing reading fits better, but none fits worse by more than
// that either. The =CH- shape then carries no information beyond its centre and area (its lines
// are below the noise one by one), and the vinyl J pattern can only be read from the =CH2
// doublets: they must be resolved at the fitted width (J_cis above the Sparrow limit w / sqrt(3)
// of two Lorentzians).
constexpr double kSparrowJOverWidth = 0.5773502691896258;
bool shapeless_at_noise(const band::Window& win, double ssr, double best_competitor_ssr) {
    const double n = static_cast<double>(win.y.size());
    if (!(n > 0.0) || !(win.noise_ss > 0.0)) return false;
    const double chi2 = kDeltaChi2 * win.noise_ss / n;
    return ssr <= best_competitor_ssr && ssr <= win.noise_ss + chi2 && best_competitor_ssr - ssr < chi2;
}

// Residuals of the competing readings: the best of all (`ssr`, `reading`), of the acrylate-like dd
// (`dd_ssr`) and of every other (`other_ssr`).
struct Competition {
    double ssr = 1e300, dd_ssr = 1e300, other_ssr = 1e300;
    const char* reading = nullptr;
};
void try_reading(const Problem& p, const Stars& st, const Best& best, Competition& c,
                 const std::vector<band::Line>& lines, double w, Reading kind) {
    const auto f = band::fit_pattern(p.xw, p.xbase, lines, w, st.x_hz, kCompetitorSearchHz, &best.x_bg, false);
    if (!f.ok) return;
    if (f.ssr < c.ssr) {
        c.ssr = f.ssr;
        c.reading = name(kind);
    }
    double& own = kind == Reading::acrylate_dd ? c.dd_ssr : c.other_ssr;
    own = std::min(own, f.ssr);
}
Competition compete(const Problem& p, const Stars& st, const Best& best) {
    Competition c;
    for (double wf : kWidthFactors) {
        const double w = p.w_hz * wf;
        for (double jt : kTrans) {
            for (double jc : kCis) try_reading(p, st, best, c, band::first_order({jt, jc}), w, Reading::acrylate_dd);
        }
        for (double j : kCinnamate) try_reading(p, st, best, c, band::first_order({j}), w, Reading::cinnamate_d);
        for (double jt : kEtherTrans) {
            for (double jc : kEtherCis)
                try_reading(p, st, best, c, band::first_order({jt, jc}), w, Reading::vinyl_ether_dd);
        }
    }
    for (double wf : kBandWidthFactors)
        try_reading(p, st, best, c, {{0.0, 1.0}}, std::max(p.w_hz * wf, kMinBandWidthHz), Reading::unresolved_band);
    return c;
}

}  // namespace

bool ch2_protons_ok(const VinylFit& f, double mhz) {
    const double e_ratio = f.ch_area > 0 ? f.e_area / f.ch_area : 0.0;
    const double z_ratio = f.ch_area > 0 ? f.z_area / f.ch_area : 0.0;
    auto inside = [](double q, double n) { return q >= n * kCh2RatioMin && q <= n * kCh2RatioMax; };
    if (std::abs(f.e_ppm - f.z_ppm) * mhz < f.w_hz) return inside(e_ratio + z_ratio, kCh2Protons);
    return inside(e_ratio, 1.0) && inside(z_ratio, 1.0);
}

void judge(const Problem& p, const Stars& st, const Best& best, VinylFit& out) {
    const Competition c = compete(p, st, best);
    if (c.reading != nullptr) out.competitor = c.reading;
    out.r2_competitor = band::r2_of(p.xw, c.ssr);
    // Competitors are fitted beside the same background lines as the ddt: the ddt must explain its
    // own lines better than each competing reading does.
    const double ssr_ch = best.x_ssr;
    // Lines as wide as the allylic splitting leave it unresolved (two Lorentzians of FWHM w merge
    // into one band for a separation below about w): the ddt and the acrylate-like dd (17/10 at a
    // broader width) then give the same envelope, and the =CH- band alone cannot tell them apart.
    // There the =CH2 positions decide (an acrylate's =CH2 lie at 5.8-6.4 ppm, outside the window
    // read here); the ddt must still fit at least as well as the dd and beat every other reading.
    const bool unresolved = out.w_hz >= out.j.allyl;
    const double e_ratio = out.ch_area > 0 ? out.e_area / out.ch_area : 0.0;
    const double z_ratio = out.ch_area > 0 ? out.z_area / out.ch_area : 0.0;
    if (out.r2 < kJointR2Min) {
        out.why = "the joint ddt + 2 d fit explains too little of its own lines (R2 " + fixed(out.r2, 2) + ")";
    } else if (out.r2_ch < kChR2Min) {
        out.why = "the ddt's own lines are explained too little (R2 " + fixed(out.r2_ch, 2) + ")";
    } else if (out.t < kChTMin) {
        out.why = "=CH- amplitude below 6 standard errors";
    } else if (!ch2_protons_ok(out, p.mhz)) {
        out.why = "=CH2 protons not 1H each against the =CH- (" + fixed(e_ratio, 1) + ", " + fixed(z_ratio, 1) + ")";
    } else if (!(ssr_ch <= kResidualRatio * c.ssr) && !beats_at_noise(p.xw, ssr_ch, c.ssr) &&
               !(shapeless_at_noise(p.xw, ssr_ch, c.ssr) && out.j.cis >= kSparrowJOverWidth * out.w_hz) &&
               !(unresolved && c.ssr == c.dd_ssr && ssr_ch <= c.dd_ssr && ssr_ch <= kResidualRatio * c.other_ssr)) {
        out.why = "the =CH- band is read as well as " + out.competitor + " (R2 " + fixed(out.r2_competitor, 2) +
                  " vs " + fixed(out.r2_ch, 2) + ")";
    } else {
        out.accepted = true;
    }
}

}  // namespace sidepeak::classify::detail::vinyl

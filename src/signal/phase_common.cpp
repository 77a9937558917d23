#include "phase_common.hpp"

#include "sidepeak/signal/robust_stats.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <numbers>

namespace sidepeak::signal::detail {

PhaseView decimated_view(std::span<const std::complex<double>> spectrum, std::size_t factor) {
    return masked_view(spectrum, factor, {}, {0.0, 0.0});
}

PhaseView masked_view(std::span<const std::complex<double>> spectrum, std::size_t factor, const std::vector<bool>& mask,
                      std::complex<double> offset) {
    PhaseView view;
    const std::size_t n = spectrum.size();
    factor = std::max<std::size_t>(factor, 1);
    const std::size_t blocks = n / factor;
    const double nd = static_cast<double>(n);
    view.dpos = static_cast<double>(factor) / nd;
    view.z.reserve(blocks);
    bool in_run = false;
    for (std::size_t b = 0; b < blocks; ++b) {
        const bool keep = mask.empty() || (b < mask.size() && mask[b]);
        if (!keep) {
            in_run = false;
            continue;
        }
        if (!in_run) {
            view.run_begin.push_back(view.z.size());
            // Position of the block centre.
            view.run_pos0.push_back((static_cast<double>(b * factor) + 0.5 * static_cast<double>(factor - 1)) / nd);
            in_run = true;
        }
        std::complex<double> s{0.0, 0.0};
        for (std::size_t k = b * factor; k < (b + 1) * factor; ++k) s += spectrum[k];
        s -= static_cast<double>(factor) * offset;
        view.z.push_back(s);
        view.energy += std::norm(s);
        view.magnitude += std::sqrt(std::norm(s));
    }
    view.run_begin.push_back(view.z.size());
    return view;
}

std::vector<double> decimated_magnitude(std::span<const std::complex<double>> spectrum, std::size_t factor) {
    factor = std::max<std::size_t>(factor, 1);
    const std::size_t blocks = spectrum.size() / factor;
    std::vector<double> out(blocks);
    for (std::size_t b = 0; b < blocks; ++b) {
        std::complex<double> s{0.0, 0.0};
        for (std::size_t k = b * factor; k < (b + 1) * factor; ++k) s += spectrum[k];
        out[b] = std::sqrt(std::norm(s));
    }
    return out;
}

double complex_noise_sigma(std::span<const std::complex<double>> z, std::size_t stride) {
    if (z.size() < 3) return 0.0;
    stride = std::clamp<std::size_t>(stride, 1, (z.size() - 1) / 2);
    std::vector<double> d;
    d.reserve((z.size() - 1) / stride + 1);
    // |.| as sqrt(norm): std::abs of a complex is hypot, several times slower.
    for (std::size_t i = 0; i + 1 < z.size(); i += stride) d.push_back(std::sqrt(std::norm(z[i + 1] - z[i])));
    return upper_median_inplace(d) / (std::sqrt(2.0) * std::sqrt(2.0 * std::numbers::ln2));
}

std::vector<bool> signal_mask(std::span<const std::complex<double>> z, double k, std::size_t margin) {
    const std::size_t n = z.size();
    std::vector<bool> mask(n, false);
    if (n == 0) return mask;
    const double sigma = complex_noise_sigma(z);
    std::vector<double> mag(n);
    for (std::size_t i = 0; i < n; ++i) mag[i] = std::sqrt(std::norm(z[i]));
    std::vector<double> tmp = mag;
    const double threshold = upper_median_inplace(tmp) + k * sigma;
    // Dilation by a sliding count of above-threshold points: O(n).
    std::size_t last_hit = n;  // none yet
    for (std::size_t i = 0; i < n; ++i) {
        if (mag[i] > threshold) {
            const std::size_t from = i >= margin ? i - margin : 0;
            const std::size_t start = last_hit != n && last_hit + 1 > from ? last_hit + 1 : from;
            for (std::size_t j = start; j <= i; ++j) mask[j] = true;
            last_hit = i;
        } else if (last_hit != n && i - last_hit <= margin) {
            mask[i] = true;
        }
    }
    return mask;
}

void phased_real(const PhaseView& view, double p0, double p1, std::vector<double>& out) {
    out.resize(view.z.size());
    // Unit phasors by recurrence in four interleaved lanes (independent multiply chains, so the
    // loop is not latency-bound), re-anchored every 256 points so rounding cannot accumulate.
    const double step = p1 * view.dpos;
    const double c1 = std::cos(step), s1 = std::sin(step);
    const double c4 = std::cos(4.0 * step), s4 = std::sin(4.0 * step);
    for (std::size_t r = 0; r + 1 < view.run_begin.size(); ++r) {
        const std::size_t b = view.run_begin[r];
        const std::size_t e = view.run_begin[r + 1];
        for (std::size_t block = b; block < e; block += 256) {
            const std::size_t stop = std::min(e, block + 256);
            const double angle = p0 + p1 * (view.run_pos0[r] + static_cast<double>(block - b) * view.dpos);
            std::array<double, 4> wr{}, wi{};
            wr[0] = std::cos(angle);
            wi[0] = std::sin(angle);
            for (std::size_t k = 1; k < 4; ++k) {
                wr[k] = wr[k - 1] * c1 - wi[k - 1] * s1;
                wi[k] = wr[k - 1] * s1 + wi[k - 1] * c1;
            }
            std::size_t i = block;
            for (; i + 4 <= stop; i += 4) {
                for (std::size_t k = 0; k < 4; ++k) {
                    out[i + k] = view.z[i + k].real() * wr[k] - view.z[i + k].imag() * wi[k];
                    const double nr = wr[k] * c4 - wi[k] * s4;
                    wi[k] = wr[k] * s4 + wi[k] * c4;
                    wr[k] = nr;
                }
            }
            for (std::size_t k = 0; i < stop; ++i, ++k) out[i] = view.z[i].real() * wr[k] - view.z[i].imag() * wi[k];
        }
    }
}

double acme_cost(const PhaseView& view, double p0, double p1, std::vector<double>& scratch) {
    phased_real(view, p0, p1, scratch);
    double sum_abs_d = 0.0;
    double sum_d_log_d = 0.0;
    double negative = 0.0;
    for (std::size_t r = 0; r + 1 < view.run_begin.size(); ++r) {
        const std::size_t b = view.run_begin[r];
        const std::size_t e = view.run_begin[r + 1];
        // Negative intensity is judged against a straight baseline through the run's ends, not
        // against zero: a complex baseline offset (first-point and filter artefacts, broad
        // humps) rotates with the phase and must not steer it.
        double left = 0.0, right = 0.0;
        const std::size_t edge = std::min<std::size_t>(3, (e - b) / 4);
        if (edge > 0) {
            for (std::size_t i = 0; i < edge; ++i) {
                left += scratch[b + i];
                right += scratch[e - 1 - i];
            }
            left /= static_cast<double>(edge);
            right /= static_cast<double>(edge);
        }
        const double slope = e - b > 1 ? (right - left) / static_cast<double>(e - b - 1) : 0.0;
        // Negative area and derivative entropy, each with four partial sums (independent chains).
        std::array<double, 4> sn{};
        std::size_t j = b;
        for (; j + 4 <= e; j += 4)
            for (std::size_t k = 0; k < 4; ++k)
                sn[k] += std::max(left + slope * static_cast<double>(j + k - b) - scratch[j + k], 0.0);
        for (; j < e; ++j) sn[0] += std::max(left + slope * static_cast<double>(j - b) - scratch[j], 0.0);
        negative += (sn[0] + sn[1]) + (sn[2] + sn[3]);
        std::array<double, 4> sa{}, sl{};
        std::size_t i = b;
        for (; i + 4 < e; i += 4) {
            for (std::size_t k = 0; k < 4; ++k) {
                const double d = std::abs(scratch[i + k + 1] - scratch[i + k]) + 1e-300;  // d ln d -> 0 at d = 0
                sa[k] += d;
                sl[k] += d * fast_log(d);
            }
        }
        for (; i + 1 < e; ++i) {
            const double d = std::abs(scratch[i + 1] - scratch[i]) + 1e-300;
            sa[0] += d;
            sl[0] += d * fast_log(d);
        }
        sum_abs_d += (sa[0] + sa[1]) + (sa[2] + sa[3]);
        sum_d_log_d += (sl[0] + sl[1]) + (sl[2] + sl[3]);
    }
    // -sum h ln h with h = d / S equals ln S - (sum d ln d) / S.
    const double entropy = sum_abs_d > 0.0 ? std::log(sum_abs_d) - sum_d_log_d / sum_abs_d : 0.0;
    const double penalty = view.magnitude > 0.0 ? kAcmeGamma * negative / view.magnitude : 0.0;
    return entropy + penalty;
}

std::array<double, 2> nelder_mead(const std::function<double(double, double)>& f, std::array<double, 2> start,
                                  std::array<double, 2> step, double tol, int max_evals) {
    using P = std::array<double, 2>;
    std::array<P, 3> x{start, P{start[0] + step[0], start[1]}, P{start[0], start[1] + step[1]}};
    std::array<double, 3> fx{};
    for (int i = 0; i < 3; ++i) fx[i] = f(x[i][0], x[i][1]);
    int evals = 3;
    auto lerp = [](const P& a, const P& b, double t) { return P{a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])}; };
    while (evals < max_evals) {
        // Order: best 0, worst 2.
        std::array<int, 3> idx{0, 1, 2};
        std::sort(idx.begin(), idx.end(), [&](int a, int b) { return fx[a] < fx[b]; });
        const std::array<P, 3> xs{x[idx[0]], x[idx[1]], x[idx[2]]};
        const std::array<double, 3> fs{fx[idx[0]], fx[idx[1]], fx[idx[2]]};
        x = xs;
        fx = fs;
        const double size = std::max({std::abs(x[1][0] - x[0][0]), std::abs(x[1][1] - x[0][1]),
                                      std::abs(x[2][0] - x[0][0]), std::abs(x[2][1] - x[0][1])});
        if (size < tol) break;
        const P centroid{(x[0][0] + x[1][0]) / 2.0, (x[0][1] + x[1][1]) / 2.0};
        const P xr = lerp(centroid, x[2], -1.0);
        const double fr = f(xr[0], xr[1]);
        ++evals;
        if (fr < fx[0]) {
            const P xe = lerp(centroid, x[2], -2.0);
            const double fe = f(xe[0], xe[1]);
            ++evals;
            if (fe < fr) {
                x[2] = xe;
                fx[2] = fe;
            } else {
                x[2] = xr;
                fx[2] = fr;
            }
        } else if (fr < fx[1]) {
            x[2] = xr;
            fx[2] = fr;
        } else {
            const bool outside = fr < fx[2];
            const P xc = outside ? lerp(centroid, xr, 0.5) : lerp(centroid, x[2], 0.5);
            const double fc = f(xc[0], xc[1]);
            ++evals;
            if (fc < std::min(fr, fx[2])) {
                x[2] = xc;
                fx[2] = fc;
            } else {  // shrink towards the best point
                for (int i = 1; i < 3; ++i) {
                    x[i] = lerp(x[0], x[i], 0.5);
                    fx[i] = f(x[i][0], x[i][1]);
                }
                evals += 2;
            }
        }
    }
    const auto best = std::min_element(fx.begin(), fx.end()) - fx.begin();
    return x[static_cast<std::size_t>(best)];
}

double wrap_deg(double deg) {
    if (!std::isfinite(deg)) return 0.0;
    double w = std::fmod(deg, 360.0);
    if (w <= -180.0) w += 360.0;
    if (w > 180.0) w -= 360.0;
    return w;
}

}  // namespace sidepeak::signal::detail

#include "banded.hpp"

#include <algorithm>
#include <stdexcept>

namespace sidepeak::signal {

Pentadiagonal second_difference_penalty(std::size_t n, double lambda) {
    Pentadiagonal p;
    p.diag.assign(n, 0.0);
    p.off1.assign(n > 0 ? n - 1 : 0, 0.0);
    p.off2.assign(n > 1 ? n - 2 : 0, 0.0);
    if (n < 3) return p;
    // Accumulate D^T D row by row of D: each row (1, -2, 1) at columns r, r+1, r+2.
    for (std::size_t r = 0; r + 2 < n; ++r) {
        p.diag[r] += lambda;
        p.diag[r + 1] += 4.0 * lambda;
        p.diag[r + 2] += lambda;
        p.off1[r] += -2.0 * lambda;
        p.off1[r + 1] += -2.0 * lambda;
        p.off2[r] += lambda;
    }
    return p;
}

void PentadiagonalLdl::factor(const Pentadiagonal& a, std::span<const double> extra_diagonal) {
    const std::size_t n = a.size();
    if (n > 0 && (a.off1.size() + 1 != n || a.off2.size() + 2 != std::max<std::size_t>(n, 2)))
        throw std::invalid_argument("pentadiagonal: band sizes differ");
    if (!extra_diagonal.empty() && extra_diagonal.size() != n)
        throw std::invalid_argument("pentadiagonal: extra diagonal size differs");
    d_.assign(n, 0.0);
    l1_.assign(n > 0 ? n - 1 : 0, 0.0);
    l2_.assign(n > 1 ? n - 2 : 0, 0.0);
    for (std::size_t i = 0; i < n; ++i) {
        double di = a.diag[i] + (extra_diagonal.empty() ? 0.0 : extra_diagonal[i]);
        if (i >= 1) di -= l1_[i - 1] * l1_[i - 1] * d_[i - 1];
        if (i >= 2) di -= l2_[i - 2] * l2_[i - 2] * d_[i - 2];
        if (!(di > 0.0)) throw std::domain_error("pentadiagonal: matrix is not positive definite");
        d_[i] = di;
        if (i + 1 < n) {
            double e = a.off1[i];
            if (i >= 1) e -= l2_[i - 1] * d_[i - 1] * l1_[i - 1];
            l1_[i] = e / di;
        }
        if (i + 2 < n) l2_[i] = a.off2[i] / di;
    }
}

void PentadiagonalLdl::solve(std::span<double> b) const {
    const std::size_t n = d_.size();
    if (b.size() != n) throw std::invalid_argument("pentadiagonal: right-hand side size differs");
    for (std::size_t i = 1; i < n; ++i) {  // L u = b
        b[i] -= l1_[i - 1] * b[i - 1];
        if (i >= 2) b[i] -= l2_[i - 2] * b[i - 2];
    }
    for (std::size_t i = 0; i < n; ++i) b[i] /= d_[i];  // D v = u
    for (std::size_t k = n; k-- > 0;) {                  // L^T x = v
        if (k + 1 < n) b[k] -= l1_[k] * b[k + 1];
        if (k + 2 < n) b[k] -= l2_[k] * b[k + 2];
    }
}

void whittaker_solve(std::span<const double> y, std::span<const double> w, const Pentadiagonal& penalty,
                     PentadiagonalLdl& ldl, std::vector<double>& out) {
    const std::size_t n = y.size();
    if (w.size() != n || penalty.size() != n) throw std::invalid_argument("whittaker: sizes differ");
    out.resize(n);
    for (std::size_t i = 0; i < n; ++i) out[i] = w[i] * y[i];
    ldl.factor(penalty, w);
    ldl.solve(out);
}

}  // namespace sidepeak::signal

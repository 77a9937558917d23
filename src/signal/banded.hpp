#pragma once
/// Symmetric positive-definite pentadiagonal systems in O(n): the linear algebra behind every
/// Whittaker smoother (baseline.hpp). One LDL^T factorisation, written once and reused.
#include <cstddef>
#include <span>
#include <vector>

namespace sidepeak::signal {

/// A symmetric pentadiagonal matrix A (n x n) stored by its three distinct bands:
/// diag[i] = A(i,i), off1[i] = A(i+1,i), off2[i] = A(i+2,i).
struct Pentadiagonal {
    std::vector<double> diag;
    std::vector<double> off1;
    std::vector<double> off2;

    [[nodiscard]] std::size_t size() const noexcept { return diag.size(); }
};

/// The second-difference penalty D^T D (D the (n-2) x n second-difference matrix) scaled by
/// lambda: bands [1,5,6,...,6,5,1], [-2,-4,...,-4,-2], [1,...,1] times lambda. For n < 3 the
/// penalty is zero (no second differences exist).
Pentadiagonal second_difference_penalty(std::size_t n, double lambda);

/// Reusable LDL^T factorisation (L unit lower triangular with two sub-diagonals, D diagonal).
/// Cost O(n) to factor and O(n) per solve; no pivoting, valid for symmetric positive-definite A
/// (which W + lambda D^T D is whenever at least three points with non-collinear positions carry
/// positive weight, or for any positive weights).
class PentadiagonalLdl {
public:
    /// Factorises A + diag(extra_diagonal) (extra_diagonal empty = none; else of size n, e.g. the
    /// weights of a Whittaker smoother, so the penalty need not be copied per iteration).
    /// Throws std::domain_error when a pivot is not positive (matrix not positive definite).
    void factor(const Pentadiagonal& a, std::span<const double> extra_diagonal = {});
    /// Solves A x = b in place (b.size() must equal the factored size; throws std::invalid_argument).
    void solve(std::span<double> b) const;
    [[nodiscard]] std::size_t size() const noexcept { return d_.size(); }

private:
    std::vector<double> d_;   // D
    std::vector<double> l1_;  // L(i+1, i)
    std::vector<double> l2_;  // L(i+2, i)
};

/// Whittaker smoother (Eilers 2003, Anal. Chem. 75, 3631): z minimising
/// sum w_i (y_i - z_i)^2 + lambda sum (z_{i+2} - 2 z_{i+1} + z_i)^2, i.e. (W + lambda D^T D) z = W y.
/// `penalty` must be second_difference_penalty(y.size(), lambda) (passed in so iterative callers
/// build it once). Writes z into `out` (resized). `ldl` is workspace, reused across calls.
void whittaker_solve(std::span<const double> y, std::span<const double> w, const Pentadiagonal& penalty,
                     PentadiagonalLdl& ldl, std::vector<double>& out);

}  // namespace sidepeak::signal

#pragma once
/// Non-negative least squares on dictionaries of localised atoms (line shapes, broad envelopes,
/// smooth baseline pieces sampled on a common grid).
///
/// Problem (Lawson & Hanson, Solving Least Squares Problems, Prentice-Hall 1974, ch. 23):
///     minimise 1/2 || y - A x ||^2 + sum_j c_j x_j   subject to x_j >= lower_j,
/// with lower_j = 0 (non-negative amplitude) or -infinity (free, e.g. a baseline term) and c_j >= 0
/// an optional linear (L1, since x_j >= 0) penalty. It is solved in the Gram form
/// 1/2 x^T G x - (A^T y - c)^T x by the sequential coordinate-wise algorithm (Franc, Hlavac &
/// Navara, "Sequential coordinate-wise algorithm for the non-negative least squares problem",
/// CAIP 2005, LNCS 3691, 407-414): each coordinate is minimised exactly and projected on its
/// bound, keeping the gradient G x up to date. Atoms have bounded support, so G is sparse and a
/// sweep costs O(nnz(G)); the Lawson-Hanson KKT conditions (gradient 0 on free and positive
/// coordinates, >= 0 on coordinates at their bound) hold at convergence.
#include <cstddef>
#include <limits>
#include <span>
#include <vector>

namespace sidepeak::signal {

/// One dictionary atom: values on grid points [first, first + values.size()).
struct Atom {
    std::size_t first = 0;
    std::vector<double> values;
    [[nodiscard]] std::size_t end() const noexcept { return first + values.size(); }
};

/// Sparse symmetric matrix: diagonal plus, per column j, the off-diagonal rows with their values
/// (both triangles stored, CSR by column).
struct SparseGram {
    std::vector<double> diag;
    std::vector<std::size_t> start;  ///< size n + 1
    std::vector<std::size_t> row;
    std::vector<double> value;
    [[nodiscard]] std::size_t size() const noexcept { return diag.size(); }
    [[nodiscard]] std::size_t nonzeros() const noexcept { return diag.size() + row.size(); }
};

/// G = A^T W A of the atoms (only pairs whose supports overlap), W = diag(weights) (empty = 1;
/// a grid of unequal bins weights each bin by its width). Cost O(sum of overlaps).
SparseGram gram(std::span<const Atom> atoms, std::span<const double> weights = {});
/// A^T W y.
std::vector<double> correlate(std::span<const Atom> atoms, std::span<const double> y, std::span<const double> weights = {});
/// A x on a grid of n points.
std::vector<double> synthesise(std::span<const Atom> atoms, std::span<const double> x, std::size_t n);

struct NnlsOptions {
    int max_sweeps = 500;
    /// Stop when a sweep lowers the objective by less than this fraction of the total decrease
    /// so far.
    double tolerance = 1e-8;
};

struct NnlsResult {
    std::vector<double> x;
    int sweeps = 0;
    bool converged = false;
};

inline constexpr double kFree = -std::numeric_limits<double>::infinity();

/// Minimises 1/2 x^T G x - b^T x subject to x_j >= lower[j] (lower empty = all 0). `x0` (empty =
/// 0, else clipped to the bounds) is the start; `active` (empty = all) marks the coordinates that
/// may move (the others keep their start value). Throws std::invalid_argument on size mismatch.
NnlsResult nnls_gram(const SparseGram& g, std::span<const double> b, std::span<const double> lower = {},
                     std::span<const double> x0 = {}, const std::vector<bool>& active = {},
                     const NnlsOptions& options = {});

}  // namespace sidepeak::signal

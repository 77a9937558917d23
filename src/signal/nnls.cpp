#include "sidepeak/signal/nnls.hpp"

#include <algorithm>
#include <numeric>
#include <stdexcept>

namespace sidepeak::signal {

SparseGram gram(std::span<const Atom> atoms, std::span<const double> weights) {
    const std::size_t n = atoms.size();
    auto w = [&](std::size_t i) { return weights.empty() ? 1.0 : (i < weights.size() ? weights[i] : 0.0); };
    SparseGram g;
    g.diag.resize(n);
    for (std::size_t j = 0; j < n; ++j) {
        double s = 0.0;
        for (std::size_t i = 0; i < atoms[j].values.size(); ++i) s += w(atoms[j].first + i) * atoms[j].values[i] * atoms[j].values[i];
        g.diag[j] = s;
    }
    // Pairs with overlapping supports: sweep the atoms in order of their first point.
    std::vector<std::size_t> order(n);
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return atoms[a].first < atoms[b].first; });
    std::vector<std::vector<std::pair<std::size_t, double>>> cols(n);
    for (std::size_t p = 0; p < n; ++p) {
        const Atom& a = atoms[order[p]];
        for (std::size_t q = p + 1; q < n && atoms[order[q]].first < a.end(); ++q) {
            const Atom& b = atoms[order[q]];
            const std::size_t lo = b.first, hi = std::min(a.end(), b.end());
            double s = 0.0;
            for (std::size_t i = lo; i < hi; ++i) s += w(i) * a.values[i - a.first] * b.values[i - b.first];
            if (s == 0.0) continue;
            cols[order[p]].emplace_back(order[q], s);
            cols[order[q]].emplace_back(order[p], s);
        }
    }
    g.start.assign(n + 1, 0);
    for (std::size_t j = 0; j < n; ++j) g.start[j + 1] = g.start[j] + cols[j].size();
    g.row.reserve(g.start[n]);
    g.value.reserve(g.start[n]);
    for (const auto& c : cols) {
        for (const auto& [r, v] : c) {
            g.row.push_back(r);
            g.value.push_back(v);
        }
    }
    return g;
}

std::vector<double> correlate(std::span<const Atom> atoms, std::span<const double> y, std::span<const double> weights) {
    std::vector<double> b(atoms.size(), 0.0);
    for (std::size_t j = 0; j < atoms.size(); ++j) {
        const Atom& a = atoms[j];
        const std::size_t hi = std::min(a.end(), y.size());
        for (std::size_t i = a.first; i < hi; ++i) b[j] += (weights.empty() ? 1.0 : weights[i]) * a.values[i - a.first] * y[i];
    }
    return b;
}

std::vector<double> synthesise(std::span<const Atom> atoms, std::span<const double> x, std::size_t n) {
    std::vector<double> out(n, 0.0);
    for (std::size_t j = 0; j < atoms.size() && j < x.size(); ++j) {
        if (x[j] == 0.0) continue;
        const Atom& a = atoms[j];
        const std::size_t hi = std::min(a.end(), n);
        for (std::size_t i = a.first; i < hi; ++i) out[i] += x[j] * a.values[i - a.first];
    }
    return out;
}

NnlsResult nnls_gram(const SparseGram& g, std::span<const double> b, std::span<const double> lower,
                     std::span<const double> x0, const std::vector<bool>& active, const NnlsOptions& options) {
    const std::size_t n = g.size();
    if (b.size() != n || (!lower.empty() && lower.size() != n) || (!x0.empty() && x0.size() != n) ||
        (!active.empty() && active.size() != n) || g.start.size() != n + 1)
        throw std::invalid_argument("nnls_gram: sizes do not match");
    auto bound = [&](std::size_t j) { return lower.empty() ? 0.0 : lower[j]; };
    NnlsResult r;
    r.x.assign(n, 0.0);
    if (!x0.empty()) {
        for (std::size_t j = 0; j < n; ++j) r.x[j] = std::max(x0[j], bound(j));
    }
    // grad = G x - b, kept up to date.
    std::vector<double> grad(n);
    for (std::size_t j = 0; j < n; ++j) {
        double s = g.diag[j] * r.x[j];
        for (std::size_t k = g.start[j]; k < g.start[j + 1]; ++k) s += g.value[k] * r.x[g.row[k]];
        grad[j] = s - b[j];
    }
    double total = 0.0;
    for (r.sweeps = 0; r.sweeps < options.max_sweeps;) {
        ++r.sweeps;
        double decrease = 0.0;
        for (std::size_t j = 0; j < n; ++j) {
            if ((!active.empty() && !active[j]) || !(g.diag[j] > 0.0)) continue;
            const double next = std::max(bound(j), r.x[j] - grad[j] / g.diag[j]);
            const double d = next - r.x[j];
            if (d == 0.0) continue;
            // Exact decrease of the objective along coordinate j.
            decrease += -d * grad[j] - 0.5 * g.diag[j] * d * d;
            r.x[j] = next;
            grad[j] += g.diag[j] * d;
            for (std::size_t k = g.start[j]; k < g.start[j + 1]; ++k) grad[g.row[k]] += g.value[k] * d;
        }
        total += decrease;
        if (decrease <= options.tolerance * total) {
            r.converged = true;
            break;
        }
    }
    return r;
}

}  // namespace sidepeak::signal

// Fragment annotation by exact neutral losses and listed fragment ions (see fragments.hpp for the
// rules and their references).
#include "sidepeak/chem/fragments.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>

#include "sidepeak/chem/adducts.hpp"
#include "sidepeak/chem/constants.hpp"
#include "sidepeak/chem/reaction_model.hpp"
#include "sidepeak/core/error.hpp"

namespace sidepeak::chem {

namespace {

// A loss candidate: one listed loss or a combination, with its mass precomputed.
struct Candidate {
    Formula loss;
    std::string name;
    double mass = 0.0;
    int parts = 1;
};

bool has_negative_count(const Formula& f) {
    return std::any_of(f.elements().begin(), f.elements().end(), [](const auto& e) { return e.second < 0; });
}

std::vector<Candidate> loss_candidates(const FragmentOptions& options) {
    std::vector<NeutralLoss> all = diagnostic_losses();
    all.insert(all.end(), options.extra_losses.begin(), options.extra_losses.end());
    std::vector<Candidate> out;
    for (const auto& l : all) out.push_back({l.formula, l.name, l.formula.monoisotopic_mass(), 1});
    if (options.max_losses >= 2) {
        const std::size_t n = all.size();
        for (std::size_t i = 0; i < n; ++i) {
            for (std::size_t j = i; j < n; ++j) {
                // Two radical losses (O, OH*) in a row are not a fragmentation path of an even-electron ion.
                const bool radical_i = all[i].name == "O" || all[i].name == "OH*";
                const bool radical_j = all[j].name == "O" || all[j].name == "OH*";
                if (radical_i && radical_j) continue;
                Formula f = all[i].formula + all[j].formula;
                out.push_back({f, all[i].name + " + " + all[j].name, f.monoisotopic_mass(), 2});
            }
        }
    }
    return out;
}

double tolerance_mz(double mz, const FragmentOptions& o) { return std::max(mz * o.tolerance_ppm * 1e-6, o.tolerance_floor_mz); }

// One explanation a peak can get: the precursor, the precursor minus a loss candidate, or a listed
// fragment ion, with its formula, label and m/z computed once per call of annotate_fragments (they
// do not depend on the peak).
struct Explanation {
    FragmentKind kind = FragmentKind::unassigned;
    Formula formula;
    Formula loss;
    std::string loss_name;
    std::string label;
    int parts = 0;
    double expected = 0.0;  // m/z of `formula`
};

// Replaces `best` by `x` when it is a better match for `observed`.
void consider(FragmentAnnotation& best, double observed, const FragmentOptions& o, const Explanation& x) {
    const double expected = x.expected;
    if (std::abs(observed - expected) > tolerance_mz(expected, o)) return;
    const int parts = x.parts;
    const double ppm = ppm_error(observed, expected);
    if (best.kind != FragmentKind::unassigned) {
        // Combinations must beat a simpler explanation by more than 1 ppm.
        const int best_parts = best.loss_name.empty() ? 0 : 1 + static_cast<int>(std::count(best.loss_name.begin(), best.loss_name.end(), '+'));
        const double margin = parts > best_parts ? 1.0 : (parts < best_parts ? -1.0 : 0.0);
        if (std::abs(ppm) + margin >= std::abs(best.ppm_error)) return;
    }
    best.kind = x.kind;
    best.formula = x.formula;
    best.loss = x.loss;
    best.loss_name = x.loss_name;
    best.label = x.label;
    best.expected_mz = expected;
    best.ppm_error = ppm;
    best.charge = x.formula.charge();
}

std::string charge_suffix(int z) {
    const int a = std::abs(z);
    return (a > 1 ? std::to_string(a) : std::string()) + (z < 0 ? "-" : "+");
}

}  // namespace

const std::vector<NeutralLoss>& diagnostic_losses() {
    static const std::vector<NeutralLoss> table = [] {
        std::vector<NeutralLoss> t{
            {"O", Formula("O"), "oxygen atom: N-oxide deoxygenation (Ramanathan 2000)"},
            {"OH*", Formula("OH"), "hydroxyl radical: N-oxide (Ramanathan 2000), not C-hydroxylation"},
            {"H2O", Formula("H2O"), "water: C-hydroxylation (aliphatic OH), dominant path (Ramanathan 2000)"},
            {"NH3", Formula("NH3"), "ammonia: primary amine"},
            {"C2H4", Formula("C2H4"), "ethene: Hofmann-type elimination from an N-ethyl or ring CH2CH2"},
            {"Me2NH", Formula("C2H7N"), "dimethylamine: intact dimethylamino group"},
            {"Me2NOH", Formula("C2H7NO"), "N,N-dimethylhydroxylamine: Cope-type elimination of a dimethylamino N-oxide"},
            {"CH3SOH", Formula("CH4OS"), "methanesulfenic acid: methyl sulfoxide"},
            {"SO", Formula("OS"), "sulfur monoxide: sulfoxide"},
            {"CO", Formula("CO"), "carbon monoxide: carbonyl"},
            {"CH2O", Formula("CH2O"), "formaldehyde: methoxy / hydroxymethyl"},
            {"HCl", Formula("HCl"), "hydrogen chloride: alkyl chloride (reagent residue)"},
            {"C5H12N2", Formula("C5H12N2"), "1,4-diazepane repeat unit: oligomer"},
        };
        for (const auto& r : reagent_table()) {
            if (r.increment.empty()) continue;
            const Formula f(r.increment);
            if (std::none_of(t.begin(), t.end(), [&](const NeutralLoss& l) { return l.formula == f; })) {
                t.push_back({r.increment, f, "reagent increment (" + r.name + ")"});
            }
        }
        return t;
    }();
    return table;
}

const std::vector<FragmentIon>& diagnostic_fragment_ions() {
    static const std::vector<FragmentIon> table{
        {"tropylium", Formula("C7H7+"), "benzyl/tropylium ion from an N-benzyl group (McLafferty & Tureček)"},
        {"methaniminium", Formula("CH4N+"), "CH2=NH2+: primary amine alpha-cleavage"},
        {"methylmethaniminium", Formula("C2H6N+"), "CH2=NHCH3+: N-methyl amine alpha-cleavage"},
        {"dimethyliminium", Formula("C3H8N+"), "CH2=N(CH3)2+: dimethylamino alpha-cleavage"},
        {"oxidised dimethyliminium", Formula("C3H8NO+"), "dimethyliminium + O: oxygen on the amine side (N-oxide)"},
        {"ring iminium C3H6N+", Formula("C3H6N+"), "ring iminium of a piperazine/diazepane ring"},
        {"ring iminium C4H8N+", Formula("C4H8N+"), "N-methyl ring iminium (piperazine/diazepane)"},
        {"diazepane iminium", Formula("C5H11N2+"), "1,4-diazepane ring ion (ring-opened iminium)"},
    };
    return table;
}

std::vector<FragmentAnnotation> annotate_fragments(const Formula& precursor, const std::vector<double>& mz,
                                                   const std::vector<double>& intensity, const FragmentOptions& options) {
    if (precursor.charge() == 0) throw UsageError("annotate_fragments: the precursor formula must carry its charge");
    if (mz.size() != intensity.size()) throw UsageError("annotate_fragments: m/z and intensity differ in length");
    const int z = precursor.charge();
    const double base = intensity.empty() ? 0.0 : *std::max_element(intensity.begin(), intensity.end());
    const auto losses = loss_candidates(options);
    std::vector<FragmentIon> ions = diagnostic_fragment_ions();
    ions.insert(ions.end(), options.extra_ions.begin(), options.extra_ions.end());

    if (mz.empty()) return {};
    // Every explanation once, in the order they are tried (ties keep the first).
    std::vector<Explanation> explanations;
    explanations.reserve(1 + losses.size() + ions.size());
    explanations.push_back({FragmentKind::precursor, precursor, Formula(), "", "precursor " + precursor.to_string(), 0, precursor.mz()});
    for (const auto& c : losses) {
        Formula f = precursor - c.loss;
        if (has_negative_count(f) || f.empty()) continue;
        f.set_charge(z);
        const double expected = f.mz();
        explanations.push_back({FragmentKind::loss, std::move(f), c.loss, c.name, "[M-" + c.name + "]" + charge_suffix(z), c.parts, expected});
    }
    for (const auto& ion : ions) {
        explanations.push_back({FragmentKind::ion, ion.formula, Formula(), "", ion.formula.to_string() + " (" + ion.name + ")", 0,
                                ion.formula.mz()});
    }

    std::vector<FragmentAnnotation> out(mz.size());
    for (std::size_t i = 0; i < mz.size(); ++i) {
        auto& a = out[i];
        a.mz = mz[i];
        a.intensity = intensity[i];
        a.relative_intensity = base > 0 ? intensity[i] / base : 0.0;
        if (a.relative_intensity < options.min_relative_intensity) continue;
        for (const auto& x : explanations) consider(a, mz[i], options, x);
    }
    // Isotope peaks: a peak k x 1.00336/|z| above a more intense annotated (or unassigned) peak and
    // at most 60 % of it is that peak's 13C isotope, whatever loss it happens to match.
    std::vector<std::size_t> order(mz.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return mz[a] < mz[b]; });
    for (std::size_t oi = 0; oi < order.size(); ++oi) {
        const std::size_t i = order[oi];
        for (std::size_t oj = oi; oj-- > 0;) {
            const std::size_t j = order[oj];
            const double shift = (mz[i] - mz[j]) * std::abs(z) / kC13Shift;
            if (shift > 2.5) break;
            const int k = static_cast<int>(std::lround(shift));
            if (k < 1) continue;
            const double expected = mz[j] + k * kC13Shift / std::abs(z);
            if (std::abs(mz[i] - expected) > tolerance_mz(expected, options)) continue;
            if (intensity[i] > 0.6 * intensity[j] || out[j].kind == FragmentKind::isotope) continue;
            // The monoisotopic explanation wins only when the peak's own match is no better.
            auto& a = out[i];
            if (a.kind == FragmentKind::precursor) continue;
            a.kind = FragmentKind::isotope;
            a.isotope_shift = k;
            a.label = "13C" + (k > 1 ? std::to_string(k) : std::string()) + " isotope of m/z " + std::to_string(mz[j]).substr(0, 9);
            a.formula = out[j].formula;
            a.loss = out[j].loss;
            a.loss_name.clear();
            a.expected_mz = expected;
            a.ppm_error = ppm_error(mz[i], expected);
            a.charge = z;
            break;
        }
    }
    return out;
}

std::vector<const FragmentAnnotation*> find_loss(const std::vector<FragmentAnnotation>& annotations, std::string_view name) {
    std::vector<const FragmentAnnotation*> out;
    for (const auto& a : annotations) {
        if (a.kind == FragmentKind::loss && a.loss_name == name) out.push_back(&a);
    }
    return out;
}

const FragmentAnnotation* find_ion(const std::vector<FragmentAnnotation>& annotations, const Formula& formula) {
    for (const auto& a : annotations) {
        if ((a.kind == FragmentKind::ion || a.kind == FragmentKind::loss) && a.formula == formula) return &a;
    }
    return nullptr;
}

}  // namespace sidepeak::chem

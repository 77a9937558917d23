#include "infer_context.hpp"

#include <algorithm>
#include <cmath>

#include "sidepeak/chem/constants.hpp"

#include "ms_ions.hpp"
#include "precursor_elutions.hpp"
#include "targeted_ions.hpp"
#include "sidepeak/chem/isotopes.hpp"
#include "over_alkylation_ms2.hpp"
#include "nmr_tools.hpp"
#include "sidepeak/chem/adducts.hpp"
#include "sidepeak/signal/robust_stats.hpp"

namespace sidepeak::classify::detail {

namespace {
// NMR sign of a reagent: its diagnostic group per ring against the ring C6-H2 quintet of the free
// base (1.62-1.98 ppm: 1.76 +-0.14, its 2 x 3J 8 Hz spread plus the read-out; Pretsch,
// homopiperazine C6-H2 1.72), 2H per ring; the product's k substituents within half of k either
// way (a ratio of two sharp-line sums in a crude: the matrix overlaps either window).
constexpr double kC6FreeFrom = 1.62, kC6FreeTo = 1.98, kC6RingProtons = 2.0;
constexpr double kPerRingLo = 0.5, kPerRingHi = 1.5;
// Score of a reagent: one point per by-product of its ladder seen as [M+H]+ in the LC-MS run, two
// for the NMR sign (it counts the product's own substituent, one ion only shows a mass).
constexpr double kLadderIonScore = 1.0, kNmrSignScore = 2.0;

// The reagent's group read by its own multiplicity: the sharp area of the window's lines that
// have the group's pattern (an N-CH3 singlet; an ethyl CH3 triplet of 3J 6.5-8 Hz, diag_pattern).
// An ethyl product's N-CH2 quartet or the ring's N-CH2 multiplets in the N-CH3 window are no
// methyl groups, so 1-ethyl- is not read as 1,4-dimethyl-1,4-diazepane from their area.
double group_area(const signal::NmrResult& nmr, const chem::Reagent& r) {
    double a = 0.0;
    for (const auto& m : nmr.multiplets) {
        if (m.ppm < r.diag_ppm_from || m.ppm > r.diag_ppm_to || near_solvent_line(nmr, m.ppm) || !diag_pattern(m, r, nmr)) continue;
        a += sharp_multiplet_area(nmr, m);
    }
    return a;
}
}  // namespace

ReagentChoice infer_reagent(const std::string& product, const signal::NmrResult* nmr,
                            const std::vector<signal::Feature>& features, const ClassifierOptions& options) {
    return infer_reagent(product, nmr, IonTable(features, options));
}

ReagentChoice infer_reagent(const std::string& product, const signal::NmrResult* nmr, const IonTable& table) {
    ReagentChoice best;
    int best_k = 0;
    for (const auto& r : chem::reagent_table()) {
        const chem::ReactionModel m = chem::build_reaction_model({product, r.name});
        if (m.product_alkylations <= 0 || !(m.starting_amine == chem::diazepane())) continue;
        ++best.candidates;
        double score = 0.0;
        std::vector<std::string> seen;
        if (!table.empty()) {
            for (const auto& sp : m.species) {
                if (sp.role == chem::SpeciesRole::product || sp.role == chem::SpeciesRole::starting_amine) continue;
                if (sp.role == chem::SpeciesRole::n_oxide || sp.role == chem::SpeciesRole::oligomer) continue;
                const double mz = sp.permanent_cation()
                                      ? sp.formula.mz()
                                      : chem::adduct_mz(sp.formula.monoisotopic_mass(), chem::find_adduct("[M+H]+"));
                if (!table.find(mz, true, 1).empty()) {
                    score += kLadderIonScore;
                    seen.push_back(sp.formula.to_string());
                }
            }
        }
        std::string nmr_sign;
        if (nmr != nullptr && usable(*nmr) && r.diag_protons > 0) {
            const double ring = sharp_area(*nmr, kC6FreeFrom, kC6FreeTo);
            if (ring > 0.0) {
                const double per_ring = (group_area(*nmr, r) / r.diag_protons) / (ring / kC6RingProtons);
                const double expected = m.product_alkylations;
                if (per_ring >= kPerRingLo * expected && per_ring <= kPerRingHi * expected) {
                    score += kNmrSignScore;
                    nmr_sign = r.diag_label + " " + fixed(per_ring, 2) + " per ring";
                }
            }
        }
        const bool better = best.reagent == nullptr || score > best.score ||
                            (score == best.score && m.product_alkylations < best_k);
        if (!better) continue;
        best.reagent = &r;
        best.score = score;
        best_k = m.product_alkylations;
        std::string why;
        if (!nmr_sign.empty()) why = "NMR " + nmr_sign;
        if (!seen.empty()) {
            why += std::string(why.empty() ? "" : "; ") + "LC-MS ladder members";
            for (const auto& s : seen) why += " " + s;
        }
        if (why.empty()) why = "no distinguishing evidence: fewest alkylations (" + std::to_string(best_k) + ")";
        best.why = why;
    }
    return best;
}

namespace {

// The run's major component (rule a): among its most intense features (top 1 %, >= 10x the median
// feature) and carrying its 13C peak at the formula's ratio, 1.07 % per carbon (IUPAC natural
// abundance), within 35 % (a feature finder's isotope intensities scatter by up to ~30 % at
// modest S/N).
constexpr double kMajorTopQuantile = 0.99;
constexpr double kMajorOverMedian = 10.0;
constexpr double kC13PerCarbon = 0.0107;
constexpr double kIsotopeRatioTolerance = 0.35;
constexpr double kM1MatchDa = 0.05;  // the M+1 trace grouped by the feature finder
// Rule b: an ion that stands for the product is at least this many times the median feature.
constexpr double kEvidencedOverMedian = 3.0;
// A median and a top quantile need at least 3 features with a positive intensity.
constexpr std::size_t kMinFeatures = 3;
// Candidate products carry one or two increments of a reagent (mono- and dialkylated diazepane).
constexpr int kMaxIncrements = 2;
// Rule c: the quaternary cation of three increments (two on one ring N, one on the other).
constexpr int kQuaternaryIncrements = 3;

// Diazepane with one or two increments of each table reagent.
struct Candidates {
    std::vector<chem::Formula> products;
    std::vector<const chem::Reagent*> reagents;
};

Candidates context_candidates() {
    Candidates c;
    for (const auto& r : chem::reagent_table()) {
        for (int k = 1; k <= kMaxIncrements; ++k) {
            c.products.push_back(chem::diazepane() + chem::Formula(r.increment) * k);
            c.reagents.push_back(&r);
        }
    }
    return c;
}

bool has_c13_peak(const IonTable& table, const Ion& ion, const chem::Formula& product, double mz) {
    const double expect = kC13PerCarbon * product.count("C");
    const auto& f = *ion.feature;
    for (std::size_t i = 0; i < f.isotopes.size() && i < f.isotope_intensities.size(); ++i) {
        if (std::abs(f.isotopes[i] - (mz + chem::kC13Shift)) <= kM1MatchDa &&
            std::abs(f.isotope_intensities[i] - expect) <= kIsotopeRatioTolerance * expect)
            return true;
    }
    for (const auto* iso : table.find(mz + chem::kC13Shift, false, 1)) {
        const double ratio = iso->feature->intensity / ion.feature->intensity;
        if (table.coelute(*iso->feature, *ion.feature) && std::abs(ratio - expect) <= kIsotopeRatioTolerance * expect) return true;
    }
    return false;
}

// Rule a; `best` is the intensity of the best candidate so far.
void major_component(const IonTable& table, const Candidates& cands, double median, double top, double& best,
                     InferredContext& out) {
    for (std::size_t c = 0; c < cands.products.size(); ++c) {
        const chem::Formula& product = cands.products[c];
        const double mz = (product + chem::Formula("H+")).mz();
        for (const auto* ion : table.find(mz, true, 1)) {
            if (ion->feature->intensity < std::max(kMajorOverMedian * median, top)) continue;
            if (!has_c13_peak(table, *ion, product, mz) || ion->feature->intensity <= best) continue;
            best = ion->feature->intensity;
            out.product = product.to_string();
            out.reagent = cands.reagents[c];
            out.why = "[M+H]+ " + fixed(mz, 4) + " is among the run's most intense features (" +
                      fixed(ion->feature->intensity / median, 0) + "x the median) with its 13C peak";
        }
    }
}

// The quaternary cation's m/z read by its elutions (precursor_elutions.hpp: the salt and its
// isobaric ring-opened Hofmann amine), tested at every in-range decoy position of that m/z.
DecoyTest elution_pair_test(const IonTable& table, const std::vector<signal::Feature>& features, const Ms2Access& ms2,
                            double mz) {
    return precursor_pair_test(table, features, ms2, mz, range_decoy_offsets(table.min_mz(), table.max_mz(), {mz}));
}

// The reagent's quaternary cation of three increments (rule c) read as the isobaric elution pair;
// no test (target 0) when the run has no MS2 or the cation lies outside its m/z range.
struct QuaternaryPair {
    DecoyTest test;
    std::string text;
};

QuaternaryPair quaternary_pair(const IonTable& table, const std::vector<signal::Feature>& features, const Ms2Access* ms2,
                               const chem::Reagent& reagent) {
    QuaternaryPair out;
    const double mz = (chem::diazepane() + chem::Formula(reagent.increment) * kQuaternaryIncrements + chem::Formula("H+")).mz();
    if (ms2 == nullptr || mz < table.min_mz() || mz > table.max_mz()) return out;
    out.test = elution_pair_test(table, features, *ms2, mz);
    out.text = "m/z " + fixed(mz, 4) + " of its quaternary cation elutes at two retention times (the salt and its "
               "isobaric Hofmann amine; " + out.test.text() + ")";
    return out;
}

// Rule b: in a run of thousands of matrix features the product of a crude need not be among the
// top 1 %. A candidate then counts when its ion, >= 3x the median feature, carries the evidence
// of its formula that a chance feature at that m/z lacks (its isotope peaks in the formula's
// ratios and a co-eluting adduct of the same neutral; SpeciesHit), beyond chance at every
// in-range decoy position with a Bonferroni correction for the candidates tried
// (0.05 / candidates). The most intense such candidate is taken.
// The product's MS2, when the run has one: the ring alpha-cleavage losses of a 1,4-diazepane and,
// for an N-benzyl, the tropylium ion (McLafferty & Tureček 1993), at least two of them
// (kLadderMs2MinMatches), as in a ladder member's reading. Its chance over the run's other MS2
// scans is independent of the m/z decoy test, so the two rates combine by Fisher's method. So is,
// for a product ion whose isotopes agree, its reagent's quaternary cation read as the isobaric
// elution pair (quaternary_pair): another m/z, tested at its own decoy positions.
MemberMs2 product_ms2(const IonTable& table, const std::vector<signal::Feature>& features, const Ms2Access* ms2,
                      const Ion& ion, const chem::Formula& ion_formula, const chem::Reagent& reagent) {
    if (ms2 == nullptr || ms2->empty()) return {};
    return read_member_ms2(*ms2, features, ion, ion_formula, generic_ladder_prediction(chem::Formula(reagent.increment)), table,
                           false);
}

void evidenced_component(const IonTable& table, const Candidates& cands, double median, double& best, InferredContext& out,
                         const std::vector<signal::Feature>& features, const Ms2Access* ms2) {
    const double alpha = DecoyTest::kAlpha / static_cast<double>(cands.products.size());
    for (std::size_t c = 0; c < cands.products.size(); ++c) {
        const chem::Formula ion_formula = cands.products[c] + chem::Formula("H+");
        const double mz = ion_formula.mz();
        if (mz < table.min_mz() || mz > table.max_mz()) continue;
        auto hit_at = [&](double off) {
            auto h = species_hit(table, ion_formula, off, true);
            if (h.ion != nullptr && h.ion->feature->intensity < kEvidencedOverMedian * median) h = SpeciesHit{};
            return h;
        };
        const auto hit = hit_at(0.0);
        if (hit.ion == nullptr || hit.ion->feature->intensity <= best) continue;
        const auto test = hit_decoy_test(table, mz, hit_at);
        // Its formula's own signs (isotopes and an adduct) beyond chance, or its MS2 ring fragments:
        // the m/z's decoy rate and the fragments' chance combined (Fisher) at the same level.
        const bool by_formula = hit.isotopes_agree() && hit.partners > 0 && test.rate() <= alpha;
        const MemberMs2 frag = by_formula ? MemberMs2{} : product_ms2(table, features, ms2, *hit.ion, ion_formula, *cands.reagents[c]);
        double combined = frag.counts() ? fisher2(test.rate(), frag.chance) : 1.0;
        std::string support = frag.counts() ? frag.text : std::string();
        if (!by_formula && combined > alpha && hit.isotopes_agree()) {
            // The product's own ion with its 13C peak, and its reagent's quaternary salt read as
            // the isobaric elution pair: two ions, each against its own decoys.
            const auto pair = quaternary_pair(table, features, ms2, *cands.reagents[c]);
            const double with_pair = pair.test.target > 0.0 ? fisher2(test.rate(), pair.test.rate()) : 1.0;
            if (with_pair < combined) {
                combined = with_pair;
                support = pair.text;
            }
        }
        if (!by_formula && combined > alpha) continue;
        best = hit.ion->feature->intensity;
        out.product = cands.products[c].to_string();
        out.reagent = cands.reagents[c];
        const std::string level = ", below " + fixed(alpha, 4) + " for " + std::to_string(cands.products.size()) + " candidates)";
        out.why = "[M+H]+ " + fixed(mz, 4) + " (" + fixed(hit.ion->feature->intensity / median, 0) + "x the median feature; ";
        if (by_formula)
            out.why += hit.signs() + "; " + test.text() + level;
        else
            out.why += test.text() + "; " + support + "; combined chance " + fixed(combined, 5) + level;
    }
}

}  // namespace

InferredContext infer_context_from_ms(const std::vector<signal::Feature>& features, const ClassifierOptions& options) {
    return infer_context_from_ms(features, IonTable(features, options));
}

InferredContext infer_context_from_ms(const std::vector<signal::Feature>& features, const IonTable& table,
                                      const Ms2Access* ms2) {
    InferredContext out;
    if (features.size() < kMinFeatures) return out;
    std::vector<double> intensity;
    intensity.reserve(features.size());
    for (const auto& f : features) {
        if (std::isfinite(f.intensity) && f.intensity > 0.0) intensity.push_back(f.intensity);
    }
    if (intensity.size() < kMinFeatures) return out;
    // The top quantile on the sorted intensities, then their median (the rank-n/2 value) from the
    // signal module (it reorders the vector).
    std::sort(intensity.begin(), intensity.end());
    const double top = intensity[static_cast<std::size_t>(kMajorTopQuantile * static_cast<double>(intensity.size() - 1))];
    const double median = signal::upper_median_inplace(intensity);
    const Candidates cands = context_candidates();
    double best = 0.0;
    major_component(table, cands, median, top, best, out);
    if (out.reagent == nullptr) evidenced_component(table, cands, median, best, out, features, ms2);
    return out;
}

namespace {
// Rule c: the quaternary cation of kQuaternaryIncrements increments (two on one ring N, one on the
// other), the salt an excess of alkylating agent makes of the tertiary amine (Menshutkin reaction; March's
// Advanced Organic Chemistry, 7th ed., 10-31). It is a permanent cation (M+, no adducts) and
// carries the reagent's increment three times, so its exact m/z names the reagent.

struct QuaternaryCandidate {
    const chem::Reagent* reagent = nullptr;
    chem::Formula cation;
};

// Reagents whose mono- and dialkylated products lie outside [lo, hi] while their quaternary
// cation lies inside.
std::vector<QuaternaryCandidate> quaternary_candidates(double lo, double hi) {
    std::vector<QuaternaryCandidate> out;
    const auto inside = [&](double mz) { return mz >= lo && mz <= hi; };
    for (const auto& r : chem::reagent_table()) {
        if (!r.alkylating) continue;
        const chem::Formula inc(r.increment);
        bool product_visible = false;
        for (int k = 1; k <= kMaxIncrements; ++k)
            product_visible = product_visible || inside((chem::diazepane() + inc * k + chem::Formula("H+")).mz());
        const chem::Formula cation = chem::diazepane() + inc * kQuaternaryIncrements + chem::Formula("H+");
        if (!product_visible && inside(cation.mz())) out.push_back({&r, cation});
    }
    return out;
}

signal::MzTarget cation_target(const chem::Formula& cation) {
    signal::MzTarget t;
    t.mz = cation.mz();
    t.charge = 1;
    t.m1_ratio = chem::relative_abundance(chem::isotope_pattern(cation), 1);
    return t;
}

// One candidate cation read both ways: the ion itself (isotopes, m/z decoy rate, MS2 fragments)
// and the isobaric elution pair. `rate` is the smaller passing chance; 1 when neither passes.
struct CationReading {
    double rate = 1.0;
    double intensity = 0.0;
    std::string text;
};

CationReading read_cation(const IonTable& table, const std::vector<signal::Feature>& features, const Ms2Access& ms2,
                          const QuaternaryCandidate& c, double alpha) {
    CationReading out;
    const double mz = c.cation.mz();
    auto hit_at = [&](double off) { return species_hit(table, c.cation, off, false); };
    const auto hit = hit_at(0.0);
    // Isotopes seen must agree with the formula; a weak cation's M+1 (~0.29 x M for C26) lies
    // below the detection limit up to S/N ~10, so its absence there says nothing.
    if (hit.ion != nullptr && (hit.isotope_peaks == 0 || hit.isotopes_agree())) {
        const auto test = hit_decoy_test(table, mz, hit_at);
        const auto predicted = generic_ladder_prediction(chem::Formula(c.reagent->increment));
        const MemberMs2 frag =
            ms2.empty() ? MemberMs2{} : read_member_ms2(ms2, features, *hit.ion, c.cation, predicted, table, true);
        const double combined = frag.counts() ? fisher2(test.rate(), frag.chance) : test.rate();
        if (combined <= alpha) {
            std::string signs = hit.signs();
            if (signs.empty()) signs = "no isotope peak above the detection limit";
            out.rate = combined;
            out.intensity = hit.ion->feature->intensity;
            out.text = "their quaternary cation M+ " + fixed(mz, 4) + " (S/N " + fixed(hit.ion->feature->snr, 1) + ", " +
                       signs + "; " + test.text() +
                       (frag.counts() ? "; " + frag.text + "; combined chance " + fixed(combined, 5) : std::string());
            return out;
        }
    }
    const auto pair = elution_pair_test(table, features, ms2, mz);
    if (pair.target > 0.0 && pair.rate() <= alpha) {
        out.rate = pair.rate();
        out.intensity = hit.ion != nullptr ? hit.ion->feature->intensity : 0.0;
        out.text = "m/z " + fixed(mz, 4) + " of their quaternary cation elutes at two retention times (MS2 precursors "
                   "outside the features there: the cation and its isobaric ring-opened Hofmann amine; " +
                   pair.text();
    }
    return out;
}
}  // namespace

InferredContext infer_context_from_quaternary(const ClassifierInput& input, const std::vector<signal::Feature>& features,
                                              const Ms2Access& ms2) {
    InferredContext out;
    if (features.size() < kMinFeatures) return out;
    const IonTable plain(features, input.options);
    const auto cands = quaternary_candidates(plain.min_mz(), plain.max_mz());
    if (cands.empty()) return out;
    std::vector<signal::MzTarget> targets;
    for (const auto& c : cands) targets.push_back(cation_target(c.cation));
    std::vector<signal::Feature> ext = features;
    Ms2Access ext_ms2 = ms2;
    add_targeted_features(input, targets, ext, ext_ms2.feature_run);
    const IonTable table(ext, input.options);
    // The same family-wise level as rules a and b: every candidate context of the table.
    const double alpha = DecoyTest::kAlpha / static_cast<double>(context_candidates().products.size());
    CationReading best;
    for (const auto& c : cands) {
        const auto r = read_cation(table, ext, ext_ms2, c, alpha);
        if (r.rate > alpha || r.rate > best.rate || (r.rate == best.rate && r.intensity <= best.intensity)) continue;
        best = r;
        out.product = (chem::diazepane() + chem::Formula(c.reagent->increment)).to_string();
        out.reagent = c.reagent;
        out.why = "the mono- and dialkylated products lie outside the run's m/z range (" + fixed(plain.min_mz(), 1) + "-" +
                  fixed(plain.max_mz(), 1) + "); " + r.text + ", below " + fixed(alpha, 4) +
                  "); product taken as the mono-substituted diazepane";
    }
    return out;
}

}  // namespace sidepeak::classify::detail

// Hofmann elimination, LC-MS: the ring-opened neutral's [M+H]+ has the quaternary cation's m/z;
// two features at that m/z separated in RT mean both are present, and so do a feature and a
// data-dependent MS2 scan at that m/z outside it (precursor_pair). A co-eluting [M+Na]+ marks the
// neutral (a permanent cation does not take Na+ to stay singly charged). Alkene loss (reagents
// with a beta-H) gives the tertiary amine Q+ - alkene, reported when seen. NMR: hofmann_nmr.cpp.
// Two unrelated features share an m/z by chance in a dense run: the same test at decoy positions
// (ms_ions.hpp, Elias & Gygi 2007) must match as well in <= 5 % for the pair to count.
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <string>
#include <vector>

#include "ion_positions.hpp"
#include "ms2_evidence.hpp"
#include "ms_ions.hpp"
#include "precursor_elutions.hpp"
#include "sidepeak/chem/adducts.hpp"
#include "sidepeak/chem/constants.hpp"
#include "sidepeak/chem/isotopes.hpp"
#include "detectors.hpp"

namespace sidepeak::classify {
namespace {

// MS2 of the ions at the quaternary m/z (ms2_evidence.hpp, read_charge_site): the Hofmann pair is
// a permanent cation and, at another RT, the protonated ring-opened amine of the same formula, so
// one ion reading "quaternary" and an RT-separated one reading "protonated" is the pair itself.
// Its chance is measured at every in-range decoy position of the quaternary m/z (the ions there
// read against the same predicted losses from their own precursor): strength 1 for such a pair.
struct Ms2Pair {
    const detail::Ion* cation = nullptr;   // read quaternary
    const detail::Ion* neutral = nullptr;  // read protonated, RT-separated from the cation
    bool same_site = false;                // two RT-separated ions read, both the same site
    bool read = false;
    detail::DecoyTest test;
    std::string text;
    std::vector<Evidence> evidence;
    [[nodiscard]] bool counts() const { return cation != nullptr && neutral != nullptr && test.significant(); }
};

Ms2Pair pair_at(const detail::IonTable& table, const std::vector<signal::Feature>& features, const Ms2Access& ms2,
                const chem::Formula& quat, const chem::ReactionModel& model, double offset, bool with_evidence) {
    Ms2Pair out;
    std::vector<std::pair<const detail::Ion*, detail::ChargeReading>> read;
    for (const auto* ion : table.find(quat.mz() + offset, true, 1)) {
        auto q = detail::read_charge_site(ms2.consensus(features, *ion->feature), quat, model, table.theory_ppm(),
                                          with_evidence);
        if (!q.read) continue;
        read.emplace_back(ion, std::move(q));
    }
    for (const auto& [ion, q] : read) {
        out.read = true;
        if (!with_evidence) continue;
        out.text += (out.text.empty() ? "" : "; ") + q.text;
        out.evidence.push_back(q.evidence);
    }
    for (const auto& [i, qi] : read)
        for (const auto& [j, qj] : read) {
            if (i == j || !table.separated(*i->feature, *j->feature)) continue;
            if (qi.site == detail::ChargeSite::quaternary && qj.site == detail::ChargeSite::protonated) {
                out.cation = i;
                out.neutral = j;
            } else if (qi.site == qj.site && qi.site != detail::ChargeSite::undecided) {
                out.same_site = true;
            }
        }
    return out;
}

Ms2Pair read_pair_ms2(const detail::IonTable& table, const std::vector<signal::Feature>& features, const Ms2Access& ms2,
                      const chem::Formula& quat, const chem::ReactionModel& model, const std::vector<double>& offsets) {
    if (ms2.empty()) return {};
    Ms2Pair out = pair_at(table, features, ms2, quat, model, 0.0, true);
    if (!out.read) return out;
    out.test = detail::decoy_test(
        [&](double off) {
            const Ms2Pair p = pair_at(table, features, ms2, quat, model, off, false);
            return p.cation != nullptr && p.neutral != nullptr ? 1.0 : 0.0;
        },
        &offsets);
    for (auto& e : out.evidence)
        if (!out.counts()) e.role = EvidenceRole::considered;
    return out;
}

// A permanent quaternary cation appears as M+ only: no [M+H]+ and no Na adduct (docs/domain.md,
// "ESI forms"; Niessen W. M. A., Liquid Chromatography-Mass Spectrometry, 3rd ed. 2006,
// permanently charged analytes). Every other ionisation of the same eluting molecules needs a
// neutral that takes a cation: [M+Na]+ (+21.9819), [M+K]+ (+37.9559), [M+NH4]+ (+17.0265). The
// diamine's [M+2H]2+ at (m/z + H+)/2 does not count: a diazepane quaternary keeps a basic second
// ring N, and its [Q+H]2+ falls on exactly that m/z. The number co-eluting with `ion`.
int neutral_adducts(const detail::IonTable& table, const detail::Ion& ion) {
    return detail::adduct_partners(table, ion, detail::AdductPartners::singly_charged);
}

// Strength at an m/z: 2 for two RT-separated ions at it, + the mean mass closeness of the pair
// after recalibration (IonTable::closeness: chance ions spread over the window, the reaction's own
// sit at its centre), +1 when one carries an adduct of a neutral; 1 for a single ion with one (a
// quaternary cation has none).
constexpr double kPairBase = 2.0, kClosenessWeight = 0.5, kNeutralAdduct = 1.0;
// Log-likelihood ratios of the LC-MS readings: a pair at the quaternary m/z 2.0, +0.5 when the
// neutral carries an adduct of a neutral, +1.0 when MS2 reads the pair; on a quantised axis -1.0
// (supportive only). A single ion with adducts of a neutral 1.2; the quaternary at a single RT
// -1.0; the m/z at chance -0.3; no quaternary -0.4.
constexpr double kLlrPair = 2.0, kLlrNeutralAdduct = 0.5, kLlrMs2Pair = 1.0, kLlrUnitResolution = 1.0;
constexpr double kLlrSingleNeutral = 1.2, kLlrSingleRt = -1.0, kLlrChance = -0.3, kLlrNoQuat = -0.4;

const chem::Species* singly_charged_quaternary(const chem::ReactionModel& model) {
    const chem::Species* quat = nullptr;
    for (const auto* q : model.of_role(chem::SpeciesRole::quaternary)) {
        if (q->formula.charge() == 1) quat = q;
    }
    return quat;
}

// A neutral at qmz is the one with a co-eluting adduct of a neutral (neutral_adducts()).
bool is_neutral(const detail::IonTable& table, const detail::Ion* ion) { return neutral_adducts(table, *ion) > 0; }

double pair_strength(const detail::IonTable& table, double mz) {
    const auto h = table.find(mz, true, 1);
    bool na = false;
    double pair = 0.0;
    for (std::size_t i = 0; i < h.size(); ++i) {
        na = na || is_neutral(table, h[i]);
        for (std::size_t j = i + 1; j < h.size(); ++j) {
            if (!table.separated(*h[i]->feature, *h[j]->feature)) continue;
            pair = std::max(pair, kPairBase + kClosenessWeight * (table.closeness(h[i]->mz(), mz) +
                                                                  table.closeness(h[j]->mz(), mz)));
        }
    }
    return pair + (na ? kNeutralAdduct : 0.0);
}

// One ion at `expected` scored on the evidence it carries itself (detail::SpeciesHit).
detail::SpeciesHit ion_hit(const detail::IonTable& table, const detail::Ion& ion, double expected,
                           const std::vector<chem::IsotopePeak>& predicted) {
    detail::SpeciesHit c;
    c.ion = &ion;
    c.expected = expected;
    const auto obs = detail::observed_isotopes(table, ion, 1);
    for (double v : obs) c.isotope_peaks += v > 0.0 ? 1 : 0;
    if (c.isotope_peaks > 0) c.isotope_score = chem::score_isotopes(obs, predicted).score;
    c.partners = detail::adduct_partners(table, ion, detail::AdductPartners::singly_charged);
    c.closeness = table.closeness(ion.mz(), expected);
    return c;
}

// A pair scored by its weaker member; members whose isotopes contradict the formula are left out.
double per_ion_pair_strength(const detail::IonTable& table, double mz, const std::vector<chem::IsotopePeak>& predicted) {
    const auto h = table.find(mz, true, 1);
    std::vector<detail::SpeciesHit> hs;
    for (const auto* ion : h) hs.push_back(ion_hit(table, *ion, mz, predicted));
    auto rejected = [](const detail::SpeciesHit& s) {
        return s.isotope_peaks > 0 && s.isotope_score < detail::kIsotopeReject;
    };
    double best = 0.0;
    for (std::size_t i = 0; i < hs.size(); ++i) {
        if (rejected(hs[i])) continue;
        for (std::size_t j = i + 1; j < hs.size(); ++j) {
            if (rejected(hs[j]) || !table.separated(*h[i]->feature, *h[j]->feature)) continue;
            best = std::max(best, std::min(hs[i].strength(), hs[j].strength()));
        }
    }
    return best;
}

// Per-hit test of the pair (where the run-wide pair test is at chance): each of the two
// RT-separated ions is scored on the evidence it carries itself (isotopes at the formula's ratios,
// co-eluting adducts or 2+ ions, mass error; detail::SpeciesHit), a pair by its weaker member, at
// every in-range decoy position. A pair whose two ions are both the formula beyond chance counts
// although two unrelated ions share the m/z as often elsewhere. Not on a quantised axis (a 0.1 Da
// bin holds a nominal mass, not a formula).
struct PerHit {
    bool significant = false;
    std::string text;
};
PerHit per_hit_test(const detail::IonTable& table, const chem::Formula& quat, const std::vector<double>& offsets) {
    const auto predicted = chem::isotope_pattern(quat);
    const double qmz = quat.mz();
    const auto t = detail::decoy_test(
        [&](double offset) { return per_ion_pair_strength(table, qmz + offset, predicted); }, &offsets);
    return {t.significant(), "per ion: " + t.text()};
}

// The two RT-separated ions at the quaternary m/z: the first hit and the first separated from it,
// or the MS2 pair when it counts.
std::pair<const detail::Ion*, const detail::Ion*> ion_pair(const detail::IonTable& table,
                                                           const std::vector<const detail::Ion*>& hits,
                                                           const Ms2Pair& m2) {
    if (m2.counts()) return {m2.cation, m2.neutral};
    const detail::Ion* a = hits.empty() ? nullptr : hits.front();
    for (const auto* h : hits) {
        if (a != nullptr && h != a && table.separated(*h->feature, *a->feature)) return {a, h};
    }
    return {a, nullptr};
}

// The run's evidence about one quaternary cation: table, m/z, decoy positions, tests and MS2 pair.
struct QuatRun {
    const detail::IonTable& table;
    const chem::Species& quat;
    double qmz = 0.0;
    detail::DecoyTest test;
    PerHit per_hit;
    Ms2Pair m2;
    std::string ms2_text;
    bool unit_resolution = false;
};

// The isobaric pair read from MS2 precursors (precursor_pair) beyond chance: the features at the
// m/z are listed, the pair's retention times named.
void precursor_reading(const QuatRun& q, const detail::PrecursorPair& p, const detail::DecoyTest& t,
                       const std::vector<const detail::Ion*>& hits, ModalityResult& r) {
    r.llr = kLlrPair;
    for (const auto* h : hits)
        r.evidence.push_back(detail::ms_evidence(*h->feature, q.qmz, q.quat.formula.to_string(), "[M]+", q.quat.name));
    r.note = "LC-MS shows m/z " + detail::fixed(q.qmz, 4) + " eluting at two retention times (" +
             detail::fixed(std::min(p.rt_a, p.rt_b), 0) + " s and " + detail::fixed(std::max(p.rt_a, p.rt_b), 0) +
             " s, MS2 precursors outside the features there): quaternary cation and its isobaric ring-opened "
             "Hofmann product (" + t.text() + ")" + q.ms2_text;
}

// The m/z holds no pair beyond chance (run-wide, per ion or by MS2): the hits are listed.
void at_chance(const QuatRun& q, const std::vector<const detail::Ion*>& hits, ModalityResult& r) {
    r.llr = kLlrChance;
    for (const auto* h : hits)
        r.evidence.push_back(
            detail::ms_evidence(*h->feature, q.qmz, q.quat.formula.to_string(), "[M]+", q.quat.name));
    r.note = "m/z " + detail::fixed(q.qmz, 4) + " (quaternary cation or its isobaric Hofmann product) is at chance "
             "level in this run: " + q.test.text() + (q.per_hit.text.empty() ? "" : "; " + q.per_hit.text) +
             (detail::precision_text(q.table).empty() ? "" : "; " + detail::precision_text(q.table)) + q.ms2_text;
}

// On a quantised (unit-resolution) axis one m/z bin of +-0.1 Da holds hundreds of elemental
// compositions, so two features in it share a nominal m/z, not a formula: the pair identifies
// neither ion as the reaction's quaternary cation. A co-eluting [M+Na]+ marks *a* neutral at
// that nominal m/z, not the ring-opened one (faahKO_ko15 holds such a pair with an Na partner
// and no diazepane at all); the alkene-loss product is isobaric with the fully alkylated
// tertiary amine and, at +-0.1 Da, with any matrix ion. So at unit resolution the pair is a
// supportive sign, counted beside specific Hofmann evidence (e.g. the NMR allyl pattern).
void pair_reading(const QuatRun& q, const detail::Ion* a, const detail::Ion* b, ModalityResult& r) {
    const auto& table = q.table;
    const bool ms2_pair = q.m2.counts();
    // Which is the neutral: the one with adducts of a neutral, else the minor one.
    const detail::Ion* neutral = ms2_pair ? b : is_neutral(table, b) ? b : (is_neutral(table, a) ? a : b);
    const detail::Ion* cation = neutral == a ? b : a;
    r.llr = kLlrPair + (is_neutral(table, neutral) ? kLlrNeutralAdduct : 0.0) + (ms2_pair ? kLlrMs2Pair : 0.0);
    r.evidence.push_back(detail::ms_evidence(*cation->feature, q.qmz, q.quat.formula.to_string(), "[M]+", q.quat.name));
    r.evidence.push_back(detail::ms_evidence(*neutral->feature, q.qmz,
                                             (q.quat.formula - chem::Formula("H+")).to_string(), "[M+H]+",
                                             "isobaric ring-opened Hofmann product"));
    r.note = "LC-MS shows m/z " + detail::fixed(q.qmz, 4) + " at two retention times (" +
             detail::fixed(cation->rt(), 0) + " s and " + detail::fixed(neutral->rt(), 0) +
             " s): quaternary cation and its isobaric ring-opened Hofmann product (" +
             (q.per_hit.significant
                  ? "pair test: " + q.test.text() + "; " + q.per_hit.text + ", each ion the formula beyond chance"
                  : q.test.text()) +
             ")" + q.ms2_text;
    if (q.m2.same_site && !ms2_pair) {
        // Both RT-separated ions fragment alike. No sign either way: a ring quat opens in the gas
        // phase into its protonated ring-opened isobar (ms2_evidence.hpp) and then fragments like it.
        r.note += " (MS2 reads both ions alike, as a ring quat that opens before it fragments does: no MS2 sign)";
    }
    if (q.unit_resolution) {
        r.llr -= kLlrUnitResolution;
        r.corroborative_only = true;
        r.note += "; m/z quantised to " + detail::fixed(table.quantum(), 2) +
                  " Da: the pair shares a nominal m/z, not a formula (supportive only)";
    }
}

// One ion at the quaternary m/z: a neutral when it carries adducts of a neutral, else the
// quaternary cation alone; none at all.
void single_reading(const QuatRun& q, const detail::Ion* a, ModalityResult& r) {
    const auto& table = q.table;
    if (a != nullptr && is_neutral(table, a)) {
        r.llr = kLlrSingleNeutral;
        r.evidence.push_back(detail::ms_evidence(*a->feature, q.qmz, (q.quat.formula - chem::Formula("H+")).to_string(),
                                                 "[M+H]+", "ring-opened Hofmann product (has adducts of a neutral)"));
        r.note = "LC-MS shows m/z " + detail::fixed(q.qmz, 4) + " (RT " + detail::fixed(a->rt(), 0) + " s) with " +
                 std::to_string(neutral_adducts(table, *a)) +
                 " co-eluting adduct(s) of a neutral ([M+Na]+, [M+K]+ or [M+NH4]+; a quaternary cation "
                 "shows M+ only), so a neutral (ring-opened) amine (" + q.test.text() + ")";
        r.corroborative_only = q.unit_resolution;
    } else if (a != nullptr) {
        r.llr = kLlrSingleRt;
        r.note = "the quaternary cation m/z " + detail::fixed(q.qmz, 4) + " elutes at a single RT (" +
                 detail::fixed(a->rt(), 0) + " s): no isobaric Hofmann product" +
                 (detail::precision_text(table).empty() ? "" : " (" + detail::precision_text(table) + ")");
    } else {
        r.llr = kLlrNoQuat;
        r.note = "no quaternary cation, hence no Hofmann precursor, in LC-MS";
        // A scan starting above the cation cannot show it: say so (detail::outside_run).
        if (detail::outside_run(table, q.qmz))
            r.note += " (" + detail::position_text(table, q.quat.name + " M+", q.qmz, 1) + ")";
    }
}

// Alkene loss (only informative alongside other Hofmann evidence: the product is isobaric with the
// fully alkylated tertiary amine).
void alkene_loss(const detail::IonTable& table, const chem::ReactionModel& model, ModalityResult& r) {
    for (const auto* sp : model.of_role(chem::SpeciesRole::hofmann_alkene_loss)) {
        const double mz = chem::adduct_mz(sp->formula.monoisotopic_mass(), chem::find_adduct("[M+H]+"));
        const auto loss = table.find(mz, true, 1);
        if (!loss.empty())
            r.evidence.push_back(detail::ms_evidence(*loss.front()->feature, mz, sp->formula.to_string(), "[M+H]+", sp->name));
    }
}

}  // namespace

ModalityResult hofmann_ms(const std::vector<signal::Feature>& features, const chem::ReactionModel& model,
                          const ClassifierOptions& options, const Ms2Access& ms2) {
    return hofmann_ms(detail::IonTable(features, options, detail::model_calibrants(model)), features, model, ms2);
}

ModalityResult hofmann_ms(const detail::IonTable& table, const std::vector<signal::Feature>& features,
                          const chem::ReactionModel& model, const Ms2Access& ms2) {
    ModalityResult r;
    const chem::Species* quat = singly_charged_quaternary(model);
    if (table.empty() || quat == nullptr) return r;  // Hofmann needs a quaternary salt of the reagent
    r.checked = true;
    QuatRun q{table, *quat, quat->formula.mz(), {}, {}, {}, "", table.quantum() > 0.0};
    const auto hits = table.find(q.qmz, true, 1);
    // Decoys: every in-range position (see range_decoy_offsets). On a unit-resolution (quantised)
    // axis one m/z bin spans +-0.1 Da, 500 ppm at m/z 400, and holds two unrelated compounds at
    // different retention times far more often than a 10 ppm window: only the run's own rate,
    // measured precisely, says whether the pair is rare here.
    const auto offsets = detail::range_decoy_offsets(table.min_mz(), table.max_mz(), {q.qmz});
    q.test = detail::decoy_test([&](double offset) { return pair_strength(table, q.qmz + offset); }, &offsets);
    q.m2 = read_pair_ms2(table, features, ms2, quat->formula, model, offsets);
    const auto [a, b] = ion_pair(table, hits, q.m2);
    for (const auto& e : q.m2.evidence) r.evidence.push_back(e);
    q.ms2_text = q.m2.read ? "; " + q.m2.text + (q.m2.counts() ? " (MS2 pair " + q.m2.test.text() + ")" : "") : "";
    if (q.test.target > 0.0 && !q.test.significant() && !q.unit_resolution)
        q.per_hit = per_hit_test(table, quat->formula, offsets);
    const bool pair_counts = b != nullptr && (q.test.significant() || q.per_hit.significant || q.m2.counts());
    if (!pair_counts && !ms2.empty() && !q.unit_resolution) {
        // DDA precursors at the quaternary m/z outside its features: a second elution there
        // (precursor_elutions.hpp).
        const auto p = detail::precursor_pair(table, features, ms2, q.qmz, detail::scan_apart_s(table));
        if (p.found) {
            const auto t = detail::precursor_pair_test(table, features, ms2, q.qmz, offsets);
            if (t.significant()) {
                precursor_reading(q, p, t, hits, r);
                return r;
            }
        }
    }
    if (q.test.target > 0.0 && !q.test.significant() && !q.per_hit.significant && !q.m2.counts()) {
        at_chance(q, hits, r);
        return r;
    }
    if (a != nullptr && b != nullptr) {
        pair_reading(q, a, b, r);
    } else {
        single_reading(q, a, r);
    }
    if (q.m2.read && r.note.find(q.m2.text) == std::string::npos) r.note += q.ms2_text;
    if (r.llr > 0) alkene_loss(table, model, r);
    return r;
}

}  // namespace sidepeak::classify

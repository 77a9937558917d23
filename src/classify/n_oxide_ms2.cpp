// MS/MS of an +O ion of the reaction (n_oxide_ms2.hpp).
#include "n_oxide_ms2.hpp"

#include <algorithm>
#include <vector>

#include "ms2_evidence.hpp"
#include "sidepeak/chem/fragments.hpp"

namespace sidepeak::classify::detail {
namespace {

// A diagnostic fragment counts from 2 % of the consensus base peak: public library spectra keep
// peaks from 1 %, and a loss at 10 ppm among ~50 fragments falls on a chance peak with p ~ 1e-3.
constexpr double kNOxideMs2Seen = 0.02;
// The counter-sign (the amine intact: R2NH or H2O loss, or a sulfoxide loss) counts from 0.5 %
// when no N-oxide loss is seen at that level either: ranitidine S-oxide loses Me2NH at 0.6 % of
// its base peak (MassBank EA273703), while each N-oxide of the real set shows its N-oxide loss at
// >= 13 %. Library spectra keep peaks from ~0.5 %.
constexpr double kMs2SeenAgainst = 0.005;
// A counter-sign loss from this share of the base peak is called dominant in the text (a
// C-hydroxylated amine's water loss is among its strongest fragments; Ramanathan et al. 2000).
constexpr double kDominantLoss = 0.2;

// Losses of the model's N-alkyl groups besides the built-in Me2NOH / Me2NH: for an alkyl group R
// (the increment plus the H it replaced), R2N-OH and R(CH3)N-OH (Cope-type elimination of the
// N-oxide) and R2NH, R(CH3)NH (the intact amine, C-hydroxylated or S-oxidised isomers).
struct AmineLosses {
    std::vector<chem::NeutralLoss> extra;
    std::vector<std::string> n_oxide{"O", "OH*", "Me2NOH"};
    std::vector<std::string> intact{"H2O", "Me2NH"};
    std::vector<std::string> sulfoxide{"CH3SOH", "SO"};
};

AmineLosses amine_losses(const chem::ReactionModel& model) {
    AmineLosses out;
    if (!model.increment || *model.increment == chem::Formula("CH2")) return out;
    const chem::Formula r = *model.increment + chem::Formula("H");
    const std::string rn = "R=" + r.to_string();
    const chem::Formula me("CH3");
    const auto add = [&](const std::string& name, const chem::Formula& f, const std::string& meaning, bool oxide) {
        out.extra.push_back({name, f, meaning});
        (oxide ? out.n_oxide : out.intact).push_back(name);
    };
    add("R2NOH (" + rn + ")", r * 2 + chem::Formula("HNO"), "dialkylhydroxylamine: Cope-type elimination of the N-oxide", true);
    add("RMeNOH (" + rn + ")", r + me + chem::Formula("HNO"), "alkylmethylhydroxylamine: Cope-type elimination of the N-oxide", true);
    add("R2NH (" + rn + ")", r * 2 + chem::Formula("HN"), "dialkylamine: intact amine", false);
    add("RMeNH (" + rn + ")", r + me + chem::Formula("HN"), "alkylmethylamine: intact amine", false);
    return out;
}

using Seen = std::vector<const chem::FragmentAnnotation*>;

bool by_intensity(const chem::FragmentAnnotation* a, const chem::FragmentAnnotation* b) {
    return a->relative_intensity > b->relative_intensity;
}

// The strongest annotation of each named loss at >= `level` of the base peak, in name order.
Seen strongest_from(const std::vector<chem::FragmentAnnotation>& fragments, const std::vector<std::string>& names,
                    double level) {
    Seen seen;
    for (const auto& n : names) {
        if (const auto* f = strongest_loss(fragments, n, level)) seen.push_back(f);
    }
    return seen;
}

std::string loss_phrase(const chem::FragmentAnnotation& f) {
    return f.loss_name + " (" + fixed(f.loss.monoisotopic_mass(), 4) + ") " + fixed(100.0 * f.relative_intensity, 0) + " %";
}

std::string list(const Seen& v) {
    std::string s;
    for (const auto* f : v) s += (s.empty() ? "" : ", ") + loss_phrase(*f);
    return s;
}

// The losses seen, sorted into the readings.
struct LossesSeen {
    Seen ox;             // N-oxide losses at >= kNOxideMs2Seen (strongest first), Cope shadows removed
    bool ox_trace = false;  // an N-oxide loss at >= kMs2SeenAgainst
    Seen intact, sulf;   // counter-signs at >= kMs2SeenAgainst
};

// A Cope-type R2N-OH loss is isobaric with a water loss followed by ring cleavage: Me2NOH
// (C2H7NO, 61.0528) = H2O + C2H5N (the ring's CH2CH2NH, 43.0422), which a C-hydroxylated
// diazepane shows beside its dominant water loss. So a Cope-type loss counts for an N-oxide only
// when it is at least as strong as the H2O loss (the N-oxide's own route; mianserin N-oxide,
// whose H2O loss is 100 %, is read by its OH* loss, 88 %). O and OH* always count.
LossesSeen sort_losses(const std::vector<chem::FragmentAnnotation>& fragments, const AmineLosses& losses) {
    const auto* water = strongest_loss(fragments, "H2O", 0.0);
    const double water_level = water != nullptr ? water->relative_intensity : 0.0;
    auto not_cope_shadow = [&](Seen v) {
        std::erase_if(v, [&](const chem::FragmentAnnotation* f) {
            return f->loss_name != "O" && f->loss_name != "OH*" && f->relative_intensity < water_level;
        });
        return v;
    };
    LossesSeen out;
    Seen ox = strongest_from(fragments, losses.n_oxide, kNOxideMs2Seen);
    std::sort(ox.begin(), ox.end(), by_intensity);
    out.ox = not_cope_shadow(ox);
    out.ox_trace = !not_cope_shadow(strongest_from(fragments, losses.n_oxide, kMs2SeenAgainst)).empty();
    out.intact = strongest_from(fragments, losses.intact, kMs2SeenAgainst);
    out.sulf = strongest_from(fragments, losses.sulfoxide, kMs2SeenAgainst);
    return out;
}

// The call and its text; returns the evidence label.
std::string call_of(const LossesSeen& s, const chem::Formula& ion, const std::string& head, NOxideMs2Reading& out) {
    if (!s.ox.empty()) {
        out.call = NOxideMs2Reading::Call::n_oxide;
        out.text = head + "loss of " + list(s.ox) + (s.intact.empty() ? "" : " (besides " + list(s.intact) + ")") +
                   ": oxygen on the amine nitrogen, N-oxide";
        return "MS2 of the +O ion: N-oxide losses";
    }
    if (!s.ox_trace && (!s.intact.empty() || !s.sulf.empty())) {
        out.call = NOxideMs2Reading::Call::not_n_oxide;
        const bool s_oxide = !s.sulf.empty() || ion.count("S") > 0;
        const std::string what = !s.sulf.empty() ? "S-oxide" : s_oxide ? "C-hydroxylation or S-oxide" : "C-hydroxylation";
        Seen all = s.sulf;
        all.insert(all.end(), s.intact.begin(), s.intact.end());
        std::sort(all.begin(), all.end(), by_intensity);
        const bool dominant = all.front()->relative_intensity >= kDominantLoss;
        out.text = head + "loss of " + list(all) + (dominant ? " dominant" : "") + ", no O/OH/R2N-OH loss: " + what +
                   ", not N-oxide";
        return "MS2 of the +O ion: no N-oxide loss (" + what + ")";
    }
    out.text = head + "none of the diagnostic losses (O, OH, R2N-OH, H2O, R2NH, CH3SOH, SO) above " +
               fixed(100.0 * kNOxideMs2Seen, 0) + " % of the base peak: no call";
    return "MS2 of the +O ion: no diagnostic loss";
}

// The prediction of both readings (report.json predicted_fragments, the HTML mirror plot): the
// N-oxide's losses, the intact amine's, and the sulfoxide's for an ion holding sulfur.
PredictedMs2 both_readings(const AmineLosses& losses, const chem::Formula& ion) {
    PredictedMs2 predicted;
    auto add = [&](const std::vector<std::string>& names, const std::string& what) {
        for (const auto& n : names) {
            const auto& builtin = chem::diagnostic_losses();
            auto it = std::find_if(builtin.begin(), builtin.end(), [&](const auto& l) { return l.name == n; });
            const chem::NeutralLoss* l = it != builtin.end() ? &*it : nullptr;
            for (const auto& x : losses.extra)
                if (x.name == n) l = &x;
            if (l != nullptr) predicted.losses.push_back({l->name, l->formula, what + ": " + l->meaning});
        }
    };
    add(losses.n_oxide, "N-oxide");
    add(losses.intact, "intact amine (C-hydroxylation)");
    if (ion.count("S") > 0) add(losses.sulfoxide, "S-oxide");
    return predicted;
}

}  // namespace

NOxideMs2Reading read_n_oxide_ms2(const signal::Ms2Consensus& c, const chem::Formula& ion,
                                  const chem::ReactionModel& model, const IonTable& table) {
    NOxideMs2Reading out;
    const AmineLosses losses = amine_losses(model);
    chem::FragmentOptions fo;
    fo.tolerance_ppm = table.theory_ppm();
    fo.extra_losses = losses.extra;
    const auto fragments = chem::annotate_fragments(ion, c.mz(), c.intensity(), fo);
    const std::string head = "MS2 of m/z " + fixed(c.precursor_mz, 4) + " (" + ms2_provenance(c) + "): ";
    const std::string label = call_of(sort_losses(fragments, losses), ion, head, out);
    out.evidence = ms2_evidence(c, ion, fragments, label);
    out.evidence.predicted = predicted_entries(both_readings(losses, ion), ion, c, table.theory_ppm());
    return out;
}

}  // namespace sidepeak::classify::detail

// Oligomer, LC-MS: a series of ions spaced by the route's repeat unit, found by Kendrick mass
// defect with the repeat unit as base (chem/kendrick.hpp), singly and doubly charged, plus the
// route's predicted cyclic and linear oligomer ions. Isotope peaks, adducts and PEG/siloxane
// background ladders are removed first (ms_ions.hpp).
// A crude run with thousands of features holds 3-4 member "series" of any spacing by chance, so
// the whole search is repeated with decoy repeat units (the unit's mass moved by the decoy
// offsets of ms_ions.hpp, predicted oligomer positions moved with it) and the target counts only
// when decoys do as well in <= 5 % of cases (target-decoy, Elias & Gygi 2007).
// Chain ions below the MS1 feature limit are read at their data-dependent MS2 scans (dda_members).
#include <algorithm>
#include <cmath>
#include <string>
#include <utility>
#include <vector>

#include "ms2_evidence.hpp"
#include "ms_ions.hpp"
#include "targeted_ions.hpp"
#include "sidepeak/chem/adducts.hpp"
#include "sidepeak/chem/constants.hpp"
#include "sidepeak/chem/kendrick.hpp"
#include "detectors.hpp"

namespace sidepeak::classify {
namespace {

struct SeriesHit {
    std::vector<const detail::Ion*> members;
    int z = 1;
    double kmd = 0.0;
};

struct OligomerSearch {
    std::size_t best_members = 0;   // longest series (>= 3), 0 when none
    bool doubly = false;            // a series of [M+2H]2+ ions too
    std::vector<SeriesHit> series;
    std::vector<std::pair<const chem::Species*, const detail::Ion*>> predicted;  // predicted oligomer ions seen
    // Ordinal strength of the pattern, compared between target and decoys: the longest series,
    // +1 for a doubly charged one, +1 per predicted oligomer ion that is also a series member
    // (a chance series has no reason to pass through the route's own species).
    [[nodiscard]] double score() const {
        double s = static_cast<double>(best_members) + (doubly ? 1.0 : 0.0);
        for (const auto& p : predicted) {
            for (const auto& h : series) {
                if (std::find(h.members.begin(), h.members.end(), p.second) != h.members.end()) {
                    s += 1.0;
                    break;
                }
            }
        }
        return s;
    }
};

// A polyamine oligomer carries one basic N per repeat unit and takes more protons as it grows: in
// ESI the larger members of a series show as [M+2H]2+ or [M+3H]3+ while the smaller ones stay
// [M+H]+ (charge-state distributions of multiply basic analytes, Cech N. B., Enke C. G., Mass
// Spectrom. Rev. 20 (2001) 362; domain.md: "often also as [M+2H]2+"). A series is therefore also
// searched on the neutral masses z x (m/z - H+) of ions of known charge up to this one.
constexpr int kMaxOligomerCharge = 3;
// Fragment m/z tolerance floor (Da): 2 mDa, the precision of a low-mass MS2 fragment where a ppm
// window alone would shrink below the centroid spread (as in ms2_evidence.cpp).
constexpr double kMinFragmentToleranceDa = 0.002;

chem::SeriesOptions series_options(const detail::IonTable& table) {
    chem::SeriesOptions so;
    so.tolerance_ppm = table.ppm();
    if (table.quantum() > 0.0) so.abs_tolerance = table.quantum();
    so.min_members = 3;
    return so;
}

// Series among the ions of one charge state z (1: charge 1 or unknown), on z x m/z.
void single_charge_series(const detail::IonTable& table, const chem::KendrickBase& base, OligomerSearch& out) {
    const auto so = series_options(table);
    for (int z = 1; z <= 2; ++z) {
        std::vector<double> masses;
        std::vector<const detail::Ion*> ions;
        for (const auto& ion : table.ions()) {
            if (!ion.primary() && !(z == 2 && ion.adduct && ion.feature->charge == 2)) continue;
            if (ion.feature->charge != 0 && std::abs(ion.feature->charge) != z) continue;
            if (ion.feature->charge == 0 && z == 2) continue;  // unknown charge: treat as 1+
            masses.push_back(ion.mz() * z);
            ions.push_back(&ion);
        }
        for (const auto& s : chem::find_series(masses, base, so)) {
            out.best_members = std::max(out.best_members, s.members.size());
            if (z == 2) out.doubly = true;
            SeriesHit h;
            h.z = z;
            h.kmd = s.kmd;
            for (std::size_t m : s.members) h.members.push_back(ions[m]);
            out.series.push_back(std::move(h));
        }
    }
}

// Series whose members are seen in different charge states (neutral masses of ions of known charge
// 1 .. kMaxOligomerCharge, charge 0 read as 1+), kept when longer than the single-charge series found
// before it. Not on a quantised axis, where z x the quantum is no mass accuracy.
void mixed_charge_series(const detail::IonTable& table, const chem::KendrickBase& base, OligomerSearch& out) {
    if (table.quantum() > 0.0) return;
    std::vector<double> masses;
    std::vector<const detail::Ion*> ions;
    for (const auto& ion : table.ions()) {
        const int z = ion.charge();
        if (z > kMaxOligomerCharge || !(ion.primary() || (z >= 2 && ion.adduct))) continue;
        masses.push_back(z * (ion.mz() - chem::kProtonMass));
        ions.push_back(&ion);
    }
    for (const auto& s : chem::find_series(masses, base, series_options(table))) {
        const bool mixed = std::any_of(s.members.begin(), s.members.end(),
                                       [&](std::size_t m) { return ions[m]->charge() != ions[s.members.front()]->charge(); });
        // Only a series longer than every single-charge one adds anything (a series seen in both
        // charge states is found again here, member by member in either).
        if (!mixed || s.members.size() <= out.best_members) continue;
        out.best_members = s.members.size();
        out.doubly = true;
        SeriesHit h;
        h.z = 0;
        h.kmd = s.kmd;
        for (std::size_t m : s.members) h.members.push_back(ions[m]);
        out.series.push_back(std::move(h));
    }
}

OligomerSearch search(const detail::IonTable& table, const std::vector<chem::Species>& oligomers, const chem::Formula& unit,
                      double offset) {
    OligomerSearch out;
    chem::KendrickBase base = chem::kendrick_base(unit);
    base.exact += offset;
    base.nominal = static_cast<int>(std::lround(base.exact));
    single_charge_series(table, base, out);
    mixed_charge_series(table, base, out);
    // Predicted cyclic and linear oligomers, moved with a decoy unit by n x offset, as [M+H]+ or,
    // by an ion of that known charge, [M+zH]z+.
    const double unit_mass = unit.monoisotopic_mass();
    for (const auto& species : oligomers) {
        const auto* sp = &species;
        const double m = sp->formula.monoisotopic_mass();
        const double n = std::round(m / unit_mass);  // repeat units in the species
        for (int z = 1; z <= kMaxOligomerCharge; ++z) {
            const double mz = (m + n * offset + z * chem::kProtonMass) / z;
            const auto hits = table.find(mz, z == 1, z == 1 ? 0 : z);
            const auto it = std::find_if(hits.begin(), hits.end(),
                                         [&](const detail::Ion* h) { return z == 1 || h->feature->charge == z; });
            if (it == hits.end()) continue;
            out.predicted.emplace_back(sp, *it);
            break;
        }
    }
    return out;
}

// ---- MS/MS of oligomer members ------------------------------------------------------------------
// A linear or cyclic polyamine oligomer fragments along its chain: protonated polyamines lose
// whole repeat units and the neutrals of their own C-N bonds, i.e. NH3 and the cyclic imines of
// the diamine pieces (charge-directed cleavage next to the protonated nitrogen, McLafferty F. W.,
// Tureček F., Interpretation of Mass Spectra, 4th ed. 1993, ch. 8-9; Holčapek M. et al.,
// J. Chromatogr. A 2010, 1217, 3908); for the diazepane route the unit is C5H12N2 (100.1000 Da)
// and its pieces C2H5N (43.0422) and C3H7N (57.0578), the ring-derived iminium C5H11N2+ 99.0917
// and the protonated unit C5H13N2+ 101.1073. A member counts when its MS2 loses one repeat unit
// and shows at least two predicted fragments; how often the run's other MS2 scans show as many
// (each read against its own precursor) is the chance rate, measured, not assumed.
constexpr std::size_t kMs2MinMatches = 2;
constexpr std::size_t kMs2MinOtherScans = 20;  // fewer scans cannot measure a chance rate

detail::PredictedMs2 oligomer_prediction(const chem::Formula& unit) {
    detail::PredictedMs2 p;
    p.losses.push_back({unit.to_string(), unit, "loss of one repeat unit"});
    p.losses.push_back({"2 x " + unit.to_string(), unit * 2, "loss of two repeat units"});
    p.losses.push_back({"NH3", chem::Formula("NH3"), "loss of NH3 from a chain end"});
    p.losses.push_back({"C2H5N", chem::Formula("C2H5N"), "ring-derived neutral (ethyleneimine piece)"});
    p.losses.push_back({"C3H7N", chem::Formula("C3H7N"), "ring-derived neutral (propyleneimine piece)"});
    p.ions.push_back({"C5H11N2+", chem::Formula("C5H11N2+"), "ring iminium ion of the repeat unit"});
    p.ions.push_back({"C5H13N2+", chem::Formula("C5H13N2+"), "protonated repeat unit"});
    return p;
}

struct SeriesMs2 {
    std::size_t read = 0;       // members with MS2
    std::size_t confirmed = 0;  // members whose MS2 loses a repeat unit beyond chance
    std::size_t unit_loss = 0;  // members whose MS2 loses a repeat unit at all
    std::vector<double> rates;  // chance rates of the members read
    std::string text;
    std::vector<Evidence> evidence;
    [[nodiscard]] double chance() const { return rates.empty() ? 1.0 : detail::combined_chance(rates, rates.size()); }
};

// Reads the MS2 of each ion (series members and predicted oligomer ions, once each).
// Whether `ion` sits at another reaction species' m/z ([M+H]+, a quaternary's M+): its MS2 is that
// species' own (1-benzyl-1,4-diazepane [M+H]+ 191.154 loses C5H12N2 to the tropylium 91.054 and
// shows the ring losses), not an oligomer's; a chance series through the product is common.
bool is_other_species(const detail::IonTable& table, const chem::ReactionModel& model, double mz) {
    for (const auto& sp : model.species) {
        if (sp.role == chem::SpeciesRole::oligomer) continue;
        const chem::Formula f = sp.permanent_cation() ? sp.formula : sp.formula + chem::Formula("H+");
        if (std::abs(f.mz() - mz) <= table.theory_tolerance(f.mz())) return true;
    }
    return false;
}

// A 1-R-1,4-diazepane [M+H]+ with a benzylic R (benzyl, 2-thienylmethyl) loses the whole ring as
// the neutral C5H12N2 and leaves R+ (191.154 -> C7H7+ 91.054): the same mass as a repeat-unit loss,
// but the N-alkyl product's own fragmentation, not a polyamine chain's.
bool leaves_benzylic_cation(double precursor_mz, int z, const chem::Formula& unit, double ppm) {
    const double left = precursor_mz * z - unit.monoisotopic_mass() - (z - 1) * chem::kProtonMass;
    for (const char* r : {"C7H7+", "C5H5S+"}) {
        const double at = chem::Formula(r).mz();
        if (std::abs(left - at) <= std::max(ppm * 1e-6 * at, kMinFragmentToleranceDa)) return true;
    }
    return false;
}

SeriesMs2 read_series_ms2(const detail::IonTable& table, const std::vector<signal::Feature>& features,
                          const Ms2Access& ms2, const std::vector<const detail::Ion*>& ions, const chem::Formula& unit,
                          const chem::ReactionModel& model) {
    SeriesMs2 out;
    if (ms2.empty()) return out;
    const auto p = oligomer_prediction(unit);
    detail::PredictedMs2 unit_only;
    unit_only.losses.push_back(p.losses.front());
    const double ppm = table.theory_ppm();
    std::vector<double> siblings;  // the series' own members are no chance draws for each other
    for (const auto* ion : ions) siblings.push_back(ion->mz());
    for (const auto* ion : ions) {
        if (is_other_species(table, model, ion->mz())) continue;
        const auto c = ms2.consensus(features, *ion->feature);
        if (c.empty() || c.peaks.empty()) continue;
        ++out.read;
        const int z = c.precursor_charge != 0 ? c.precursor_charge : std::max(1, ion->charge());
        const auto mz = c.mz(), rel = c.intensity();
        const std::size_t matches = detail::count_predicted(p, c.precursor_mz, z, mz, rel, ppm);
        const bool loses_unit = detail::count_predicted(unit_only, c.precursor_mz, z, mz, rel, ppm) > 0 &&
                                !leaves_benzylic_cation(c.precursor_mz, z, unit, ppm);
        const auto chance = detail::ms2_chance(ms2, p, c.precursor_mz, ppm, matches, siblings);
        const bool counts = loses_unit && matches >= kMs2MinMatches && chance.others >= kMs2MinOtherScans;
        out.unit_loss += loses_unit ? 1 : 0;
        out.rates.push_back(counts ? chance.rate : 1.0);
        if (counts && chance.rate <= detail::DecoyTest::kAlpha) ++out.confirmed;
        // The summary names the members that lose a unit; the others are counted (every reading is
        // an evidence entry of its own).
        if (loses_unit)
            out.text += std::string("; MS2 of m/z ") + detail::fixed(c.precursor_mz, 4) + " (" +
                        detail::ms2_provenance(c) + "): " + std::to_string(matches) + " of " + std::to_string(p.size()) +
                        " predicted fragments, loses " + unit.to_string() + ", chance " + detail::fixed(chance.rate, 3) +
                        " over " + std::to_string(chance.others) + " other MS2 scans";
        // The consensus as an ms2_spectrum entry, annotated against a singly protonated ion of the
        // measured mass: the member's formula is not known (any k, linear or cyclic).
        Evidence e = detail::ms2_evidence(c, chem::Formula(), {}, "MS2 of an oligomer series member: " +
                                                                        std::to_string(matches) + " predicted fragments");
        e.formula.clear();
        e.adduct = z == 2 ? "[M+2H]2+" : "[M+H]+";
        e.predicted = detail::predicted_entries_at(p, c.precursor_mz, z, c, ppm);
        if (!(counts && chance.rate <= detail::DecoyTest::kAlpha)) e.role = EvidenceRole::considered;
        out.evidence.push_back(std::move(e));
    }
    if (out.read > 0)
        out.text = "MS2 of " + std::to_string(out.read) + " series member" + (out.read == 1 ? "" : "s") + " read, " +
                   (out.unit_loss == 0 ? "no loss of " + unit.to_string() + " in any"
                                       : std::to_string(out.unit_loss) + " losing " + unit.to_string()) +
                   out.text;
    return out;
}

// ---- Oligomer ions seen only as DDA precursors --------------------------------------------------
// A data-dependent MS2 scan records an ion the survey scan saw above the instrument's trigger
// threshold (Stahl D. C. et al., J. Am. Soc. Mass Spectrom. 7 (1996) 532), which may lie below the
// MS1 feature threshold of this reading. The route's chains (cyclic, ethylenediamine-terminated and
// hydrolysed, as route_oligomers) grow by whole repeat units in a step-growth condensation (Flory
// P. J., Principles of Polymer Chemistry, 1953, ch. 3), so every chain length n whose ion falls in
// the run's m/z range is a position, as [M+zH]z+, z = 1 .. kMaxOligomerCharge. A position counts
// when its scans' consensus MS2 loses one repeat unit (not leaving a benzylic cation): the scan
// count's decoy rate (the same count at every in-range decoy m/z) and the rate of that loss among
// the run's other MS2 scans (the other positions left out) are combined (Fisher), and the
// positions' rates over every position tested (combined_chance), as the over-alkylation reading
// of DDA precursors (over_alkylation_ms.cpp, member_scans).
constexpr int kMaxDdaUnits = 10;  // chain lengths tested (m/z range bounds them first)

// The [M+zH]z+ m/z of every route chain length within the run's m/z range.
std::vector<std::pair<double, int>> dda_positions(const detail::IonTable& table, const chem::Formula& unit) {
    std::vector<std::pair<double, int>> out;
    const double u = unit.monoisotopic_mass();
    // End groups of the route's chains and their shortest length (targeted_ions.cpp, reaction_model.cpp).
    const std::vector<std::pair<double, int>> ends{{0.0, 2},
                                                   {chem::Formula("C2H8N2").monoisotopic_mass(), 1},
                                                   {chem::Formula("H2O").monoisotopic_mass(), 2}};
    for (const auto& [end, from] : ends)
        for (int n = from; n <= kMaxDdaUnits; ++n)
            for (int z = 1; z <= kMaxOligomerCharge; ++z) {
                const double mz = (n * u + end + z * chem::kProtonMass) / z;
                if (mz >= table.min_mz() && mz <= table.max_mz()) out.emplace_back(mz, z);
            }
    return out;
}

std::size_t dda_scans(const detail::IonTable& table, const Ms2Access& ms2, double mz) {
    std::size_t n = 0;
    for (const auto* run : ms2.runs)
        if (run != nullptr) n += detail::precursor_positions(table, *run, mz).size();
    return n;
}

struct DdaMembers {
    std::vector<double> rates;  // positions whose consensus MS2 loses a repeat unit
    std::size_t positions = 0;  // positions tested
    std::string text;
    std::vector<Evidence> evidence;
    [[nodiscard]] double chance() const { return detail::combined_chance(rates, positions); }
    [[nodiscard]] bool counts() const { return !rates.empty() && chance() <= detail::DecoyTest::kAlpha; }
};

// One position: its scans, their consensus and the unit loss, recorded in `out` when it is seen.
void read_dda_position(const detail::IonTable& table, const Ms2Access& ms2, const chem::Formula& unit, double mz, int z,
                       const std::vector<double>& siblings, DdaMembers& out) {
    const auto c = detail::precursor_consensus(table, ms2.runs, mz);
    if (c.empty() || c.peaks.empty() || (c.precursor_charge != 0 && c.precursor_charge != z)) return;
    const auto p = oligomer_prediction(unit);
    detail::PredictedMs2 unit_only;
    unit_only.losses.push_back(p.losses.front());
    const double ppm = table.theory_ppm();
    const auto fmz = c.mz(), rel = c.intensity();
    if (detail::count_predicted(unit_only, mz, z, fmz, rel, ppm) == 0 || leaves_benzylic_cation(mz, z, unit, ppm)) return;
    const auto chance = detail::ms2_chance(ms2, unit_only, mz, ppm, 1, siblings);
    if (chance.others < kMs2MinOtherScans) return;
    const auto offsets = detail::range_decoy_offsets(table.min_mz(), table.max_mz(), {mz});
    const auto count = detail::decoy_test([&](double off) { return static_cast<double>(dda_scans(table, ms2, mz + off)); },
                                          &offsets);
    const double rate = detail::fisher2(count.rate(), chance.rate);
    out.rates.push_back(rate);
    const std::size_t matches = detail::count_predicted(p, mz, z, fmz, rel, ppm);
    out.text += std::string(out.text.empty() ? "" : "; ") + "m/z " + detail::fixed(mz, 4) + (z == 1 ? "" : " (" + std::to_string(z) + "+)") +
                ": " + std::to_string(static_cast<std::size_t>(count.target)) + " scan(s), " + count.text() + ", MS2 (" +
                detail::ms2_provenance(c) + ") loses " + unit.to_string() + " with " + std::to_string(matches) + " of " +
                std::to_string(p.size()) + " predicted fragments, chance of that loss " + detail::fixed(chance.rate, 4) + " over " +
                std::to_string(chance.others) + " other MS2 scans; combined " + detail::fixed(rate, 4);
    Evidence e = detail::ms2_evidence(c, chem::Formula(), {}, "MS2 of an oligomer ion at a DDA precursor (no MS1 feature needed): " +
                                                                  std::to_string(matches) + " predicted fragments");
    e.formula.clear();
    e.adduct = z == 1 ? "[M+H]+" : "[M+" + std::to_string(z) + "H]" + std::to_string(z) + "+";
    e.predicted = detail::predicted_entries_at(p, mz, z, c, ppm);
    out.evidence.push_back(std::move(e));
}

DdaMembers dda_members(const detail::IonTable& table, const Ms2Access& ms2, const chem::ReactionModel& model,
                       const chem::Formula& unit) {
    DdaMembers out;
    if (ms2.empty() || table.quantum() > 0.0) return out;
    const auto positions = dda_positions(table, unit);
    std::vector<double> siblings;  // the positions share the unit loss by construction
    for (const auto& pz : positions) siblings.push_back(pz.first);
    for (const auto& [mz, z] : positions) {
        if (is_other_species(table, model, mz)) continue;
        ++out.positions;
        read_dda_position(table, ms2, unit, mz, z, siblings, out);
    }
    return out;
}

// LLR of a call (calibration.cpp refits the probabilities): a 3-member series 2.2, +0.4 per
// further member up to 3, +0.6 when also doubly charged, +0.5 with MS2 confirming, -0.7 when no
// member's MS2 loses a repeat unit; 0.6 per predicted oligomer ion without a series; -0.3 at
// chance level; -1.2 (-0.3 without primary ions) when nothing is seen.
constexpr double kLlrSeries = 2.2, kLlrPerMember = 0.4, kLlrDoubly = 0.6, kLlrMs2 = 0.5, kLlrMs2Against = -0.7;
constexpr std::size_t kMinSeriesMembers = 3, kMaxExtraMembers = 3;
constexpr double kLlrPerPredicted = 0.6, kLlrChance = -0.3, kLlrNothing = -1.2, kLlrNoIons = -0.3;

// The unit with the best target score, with its search and decoy test.
struct BestUnit {
    const chem::Formula* unit = nullptr;
    OligomerSearch best;
    detail::DecoyTest test;
};

BestUnit best_unit(const detail::IonTable& table, const chem::ReactionModel& model,
                   const std::vector<chem::Species>& oligomers) {
    BestUnit b;
    for (const auto& u : model.repeat_units) {
        OligomerSearch s = search(table, oligomers, u, 0.0);
        if (b.unit != nullptr && s.score() <= b.best.score()) continue;
        b.unit = &u;
        b.best = std::move(s);
        b.test = detail::decoy_test([&](double off) { return search(table, oligomers, u, off).score(); });
    }
    return b;
}

// Every series' members (a real series may be shorter than a chance one) and the predicted ions,
// once each.
std::vector<const detail::Ion*> member_ions(const OligomerSearch& best) {
    std::vector<const detail::Ion*> out;
    for (const auto& h : best.series) out.insert(out.end(), h.members.begin(), h.members.end());
    for (const auto& pr : best.predicted) out.push_back(pr.second);
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

// One evidence entry per series member and per predicted oligomer ion seen.
void series_evidence(const OligomerSearch& best, const chem::KendrickBase& base, std::vector<Evidence>& out) {
    for (const auto& h : best.series) {
        const std::size_t k = h.members.size();
        for (std::size_t i = 0; i < k; ++i) {
            const auto* ion = h.members[i];
            const int z = h.z == 0 ? ion->charge() : h.z;
            Evidence e = detail::ms_evidence(*ion->feature, 0.0, "", z == 1 ? "" : std::to_string(z) + "+",
                                             "repeat-unit series " + base.formula + " member " + std::to_string(i + 1) +
                                                 "/" + std::to_string(k) + (z == 1 ? "" : " (" + std::to_string(z) + "+)"));
            e.kmd = chem::kendrick_mass_defect(h.z == 0 ? z * (ion->mz() - chem::kProtonMass) : ion->mz() * h.z, base);
            out.push_back(std::move(e));
        }
    }
    for (const auto& [sp, ion] : best.predicted) {
        const int z = ion->charge();
        const double mz = (sp->formula.monoisotopic_mass() + z * chem::kProtonMass) / z;
        out.push_back(detail::ms_evidence(*ion->feature, mz, sp->formula.to_string(),
                                          z == 1 ? "[M+H]+" : "[M+" + std::to_string(z) + "H]" + std::to_string(z) + "+", sp->name));
    }
}

// The longest series in words.
std::string series_note(const OligomerSearch& best, const chem::KendrickBase& base) {
    for (const auto& h : best.series) {
        if (h.members.size() != best.best_members) continue;
        return std::to_string(h.members.size()) + " ions spaced by " + base.formula + " (" + detail::fixed(base.exact, 4) +
               " Da) sharing KMD " + detail::fixed(h.kmd, 4) +
               (h.z == 2 ? " as [M+2H]2+" : h.z == 0 ? " as neutral masses of ions in several charge states" : "") +
               " from m/z " + detail::fixed(h.members.front()->mz(), 4);
    }
    return "";
}

// Per-hit specificity of the route's predicted oligomer ions (cyclic and linear, [M+H]+): each
// in-range position tested on its own with the evidence its ion carries (isotope peaks in the
// formula's ratios, co-eluting [M+Na]+ / [M+K]+ / [M+NH4]+ / [M+2H]2+, mass error) at every
// in-range decoy position, the rates combined over the positions (ms_ions.hpp, "Per-hit chance
// rates" in docs/classifier.md). Series members of a real oligomer carry that evidence; chance
// features at a position rarely do.
struct PerHit {
    std::vector<double> rates;
    std::size_t positions = 0, specific = 0;
    std::string text;
    std::vector<Evidence> evidence;
    [[nodiscard]] double chance() const { return detail::combined_chance(rates, positions); }
};

PerHit per_hit(const detail::IonTable& table, const std::vector<chem::Species>& oligomers) {
    PerHit out;
    for (const auto& species : oligomers) {
        const auto* sp = &species;
        const chem::Formula f = sp->formula + chem::Formula("H+");
        const double mz = f.mz();
        if (mz < table.min_mz() || mz > table.max_mz()) continue;
        ++out.positions;
        auto hit_at = [&](double off) { return detail::species_hit(table, f, off, true); };
        const auto hit = hit_at(0.0);
        if (hit.ion == nullptr) continue;
        const auto t = detail::hit_decoy_test(table, mz, hit_at);
        out.rates.push_back(t.rate());
        if (t.rate() <= detail::DecoyTest::kAlpha) ++out.specific;
        const std::string signs = hit.signs();
        out.text += (out.text.empty() ? "" : "; ") + sp->name + " m/z " + detail::fixed(hit.ion->mz(), 4) +
                    (signs.empty() ? "" : " (" + signs + ")") + " chance rate " + detail::fixed(t.rate(), 3);
        out.evidence.push_back(detail::ms_evidence(*hit.ion->feature, mz, sp->formula.to_string(), "[M+H]+", sp->name));
    }
    return out;
}

double member_llr(std::size_t members) {
    return kLlrSeries + kLlrPerMember * static_cast<double>(std::min<std::size_t>(members - kMinSeriesMembers, kMaxExtraMembers));
}

// Everything the verdict reads.
struct MsReading {
    const BestUnit* b = nullptr;
    const SeriesMs2* m2 = nullptr;
    std::string ms2_text, series, single, precision;
    double with_ms2 = 1.0;
    bool ms2_lifts = false, ms2_against = false;
};

void apply_ms2_against(const MsReading& R, ModalityResult& r) {
    if (!R.ms2_against) return;
    r.llr += kLlrMs2Against;
    r.note += " (no member's MS2 loses a repeat unit)";
}

// The verdict when neither MS2 nor the per-hit test decides: near miss at chance level, a series
// beyond chance, predicted ions alone, or nothing.
void series_verdict(const MsReading& R, const detail::IonTable& table, ModalityResult& r) {
    const OligomerSearch& best = R.b->best;
    const detail::DecoyTest& test = R.b->test;
    if (test.target > 0.0 && !test.significant()) {
        // Near miss: the pattern is there, but the run's own decoys show it as often.
        r.llr = kLlrChance;
        r.note = "LC-MS " + (best.best_members >= kMinSeriesMembers ? R.series : R.single) + " is at chance level in this run: " +
                 test.text() + R.precision + R.ms2_text;
    } else if (best.best_members >= kMinSeriesMembers) {
        r.llr = member_llr(best.best_members) + (best.doubly ? kLlrDoubly : 0.0);
        r.note = "LC-MS shows " + R.series + (best.doubly ? ", also doubly charged" : "") + " (" + test.text() + ")" + R.ms2_text;
        if (R.m2->confirmed > 0) r.llr += kLlrMs2;
        apply_ms2_against(R, r);
    } else if (!best.predicted.empty()) {
        r.llr = kLlrPerPredicted * static_cast<double>(best.predicted.size());
        r.note = "LC-MS shows " + R.single + " but no repeat-unit series (" + test.text() + ")";
    } else {
        r.llr = table.primary_count() > 0 ? kLlrNothing : kLlrNoIons;
        r.note = "no repeat-unit series in LC-MS";
        if (table.background_count() > 0)
            r.note += " (" + std::to_string(table.background_count()) + " PEG/siloxane background ions ignored)";
    }
}

}  // namespace

ModalityResult oligomer_ms(const std::vector<signal::Feature>& features, const chem::ReactionModel& model,
                           const ClassifierOptions& options, const Ms2Access& ms2) {
    return oligomer_ms(detail::IonTable(features, options), features, model, ms2);
}

ModalityResult oligomer_ms(const detail::IonTable& table, const std::vector<signal::Feature>& features,
                           const chem::ReactionModel& model, const Ms2Access& ms2) {
    ModalityResult r;
    if (table.empty()) return r;
    if (model.repeat_units.empty()) return r;  // no cyclisation route known for this starting amine
    r.checked = true;
    // The predicted oligomers (the model's and the hydrolysed linear chains); the search keeps
    // pointers into this list, which lives as long as the reading.
    const std::vector<chem::Species> oligomers = detail::route_oligomers(model);
    const BestUnit b = best_unit(table, model, oligomers);
    const auto base = chem::kendrick_base(*b.unit);
    SeriesMs2 m2 = read_series_ms2(table, features, ms2, member_ions(b.best), *b.unit, model);
    for (auto& e : m2.evidence) r.evidence.push_back(std::move(e));
    MsReading R;
    R.b = &b;
    R.m2 = &m2;
    R.ms2_text = m2.read > 0 ? "; " + m2.text : "";
    // Series (decoy rate) and MS2 (the members' rate over the run's other MS2 scans) are
    // independent readings: Fisher's combination. MS2 that loses repeat units lifts a series the
    // decoys match as often; MS2 of members that never lose one lowers a series that beats them.
    R.with_ms2 = detail::fisher2(b.test.rate(), m2.chance());
    // Lifting a series the decoys match as often takes the unit loss in two members: one ion that
    // loses 100.1000 may be any diazepane species (an N-oxide, a product of another reagent); a
    // polyamine series loses units along its members.
    R.ms2_lifts = b.test.target > 0.0 && m2.confirmed >= 2 && R.with_ms2 <= detail::DecoyTest::kAlpha;
    R.ms2_against = m2.read > 0 && m2.unit_loss == 0;
    series_evidence(b.best, base, r.evidence);
    R.series = series_note(b.best, base);
    R.single = std::to_string(b.best.predicted.size()) + " predicted oligomer ion(s)";
    R.precision = table.quantum() > 0.0 ? " (m/z quantised to " + detail::fixed(table.quantum(), 2) + " Da)" : "";
    PerHit ph = per_hit(table, oligomers);
    const double per_hit_chance = ph.chance();
    const bool long_series = b.best.best_members >= kMinSeriesMembers;
    if (!b.test.significant() && R.ms2_lifts) {
        r.llr = (long_series ? member_llr(b.best.best_members) : kLlrPerPredicted * static_cast<double>(b.best.predicted.size())) + kLlrMs2;
        r.note = "LC-MS " + (long_series ? R.series : R.single) + " (" + b.test.text() + ") with MS2 losing the repeat unit" +
                 R.ms2_text + "; series and MS2 combined chance " + detail::fixed(R.with_ms2, 3) + R.precision;
        return r;
    }
    if (!b.test.significant() && detail::per_ion_call(per_hit_chance)) {
        r.evidence = std::move(ph.evidence);
        r.llr = kLlrSeries + kLlrPerMember * static_cast<double>(std::min<std::size_t>(ph.specific > 0 ? ph.specific - 1 : 0, kMaxExtraMembers));
        r.note = "LC-MS shows the route's predicted oligomer ions with their own evidence (per ion: " + ph.text + "; combined " +
                 detail::fixed(per_hit_chance, 3) + ")" + R.precision + R.ms2_text;
        apply_ms2_against(R, r);
        return r;
    }
    if (!b.test.significant()) {
        DdaMembers dda = dda_members(table, ms2, model, *b.unit);
        if (dda.counts()) {
            r.evidence = std::move(dda.evidence);
            r.llr = kLlrSeries + kLlrPerMember * static_cast<double>(std::min<std::size_t>(dda.rates.size() - 1, kMaxExtraMembers));
            r.note = "LC-MS shows the route's oligomer ions as data-dependent MS2 precursors losing the repeat unit (per ion: " +
                     dda.text + "; combined chance " + detail::fixed(dda.chance(), 3) + " over " + std::to_string(dda.positions) +
                     " chain positions)";
            return r;
        }
    }
    series_verdict(R, table, r);
    return r;
}

}  // namespace sidepeak::classify

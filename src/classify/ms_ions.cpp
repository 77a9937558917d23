#include "ms_ions.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "sidepeak/chem/adducts.hpp"
#include "sidepeak/chem/constants.hpp"
#include "sidepeak/chem/formula.hpp"
#include "sidepeak/chem/kendrick.hpp"
#include "sidepeak/chem/reaction_model.hpp"
#include "sidepeak/signal/robust_stats.hpp"

namespace sidepeak::classify::detail {
namespace {

using chem::kProtonMass;

// Nominal isotope spacings (Da): 13C, 2 x 13C, 37Cl-35Cl, 81Br-79Br, 34S-32S, 30Si-28Si.
constexpr double kIsotopeSpacings[] = {chem::kC13Shift, 2 * chem::kC13Shift, 1.99704991, 1.99795350,
                                       1.99579590, 1.99684364};

// Co-eluting partners B of a possible [M+H]+ ion A:
//  B = A + (Na - H), A + (K - H), A + (NH4 - H)      adducts
//  B = (A + H+) / 2                                  [M+2H]2+
//  B = 2A - H+                                       [2M+H]+
//  B = A - H2O, A - O, A - OH                        in-source fragments (only when weaker than A)
struct AdductRelation {
    const char* name;
    double scale;
    double offset;  // B = scale * A + offset
};
constexpr AdductRelation kAdductRelations[] = {{"[M+Na]+", 1, chem::kMassNa - chem::kMassH},
                                               {"[M+K]+", 1, chem::kMassK - chem::kMassH},
                                               {"[M+NH4]+", 1, chem::kMassN + 3 * chem::kMassH},
                                               {"[M+2H]2+", 0.5, kProtonMass / 2},
                                               {"[2M+H]+", 2, -kProtonMass},
                                               {"[M+H-H2O]+", 1, -(2 * chem::kMassH + chem::kMassO)},
                                               {"[M+H-O]+", 1, -chem::kMassO},
                                               {"[M+H-OH]+", 1, -(chem::kMassO + chem::kMassH)}};

// m/z grids a quantising writer may use (Da), coarsest first: unit resolution, half and tenth
// masses (faahKO-style netCDF exports), centi-masses.
constexpr double kMzQuanta[] = {1.0, 0.5, 0.1, 0.05, 0.01};
// float32 keeps 24 bits (relative rounding <= 6e-8): 2e-7 of m/z leaves a margin for "on the grid".
constexpr double kFloat32RelativeSlack = 2e-7;
// Share of the features on a grid that makes the axis quantised (a few centroided outliers aside).
constexpr double kQuantisedShare = 0.9;

// Isotope-pair spacing check: M+1 / M relative intensities of 1-100 % (C1 to ~C90) and an M+1
// spacing within 0.02 Da of 13C-12C (any instrument that resolves isotopes does better).
constexpr double kMinM1Relative = 0.01, kMaxM1Relative = 1.0;
constexpr double kM1SpacingWindowDa = 0.02;

// Decoy mass offsets: whole "averagine" mass units (1.0005 Da per nominal unit: the mean mass defect
// of organic ions, Senko et al. J. Am. Soc. Mass Spectrom. 1995, 6, 229), from +-2 units (+-1 would
// hit the 13C isotopes) to +-21.
constexpr double kDecoyUnitDa = 1.0005;
constexpr int kFirstDecoyUnit = 2, kLastDecoyUnit = 21;

// Relation tolerance from the run's own precision: ~3 sigma of the isotope-pair spread.
constexpr double kRelationSigmas = 3.0;
// Isotope flags: the heaviest spacing tested (81Br-79Br, 1.998 Da) plus margin, and the largest
// M+2 / M ratio of a small molecule (two Br: ~2x M, hence 2.2).
constexpr double kMaxIsotopeSpacingDa = 2.1;
constexpr double kMaxIsotopeToParent = 2.2;
constexpr int kMaxIsotopeCharge = 3;
// Decoy series spacings below this (Da) follow H2 losses and isotopes, not repeat units.
constexpr double kMinDecoySpacingDa = 5.0;

}  // namespace

double mz_quantum(const std::vector<signal::Feature>& features) {
    // Too few features say nothing about the axis.
    constexpr std::size_t kMinFeatures = 20;
    const auto n = static_cast<std::size_t>(
        std::count_if(features.begin(), features.end(), [](const signal::Feature& f) { return !f.targeted; }));
    if (n < kMinFeatures) return 0.0;
    for (const double q : kMzQuanta) {
        std::size_t on = 0;
        for (const auto& f : features) {
            if (!f.targeted && std::abs(f.mz - q * std::round(f.mz / q)) <= kFloat32RelativeSlack * f.mz) ++on;
        }
        if (static_cast<double>(on) >= kQuantisedShare * static_cast<double>(n)) return q;
    }
    return 0.0;
}

MassPrecision mass_precision(const std::vector<signal::Feature>& features) {
    MassPrecision p;
    std::vector<double> residual;  // ppm of the monoisotopic m/z
    for (const auto& f : features) {
        if (f.targeted || f.charge == 0 || f.isotopes.empty() || f.isotope_intensities.empty() || !(f.mz > 0.0)) continue;
        const double rel = f.isotope_intensities.front();
        if (!(rel >= kMinM1Relative && rel <= kMaxM1Relative)) continue;
        const double spacing = (f.isotopes.front() - f.mz) * std::abs(f.charge);
        if (std::abs(spacing - chem::kC13Shift) > kM1SpacingWindowDa) continue;  // not the M+1 trace
        residual.push_back((spacing - chem::kC13Shift) / f.mz * 1e6);
    }
    p.features = residual.size();
    if (residual.size() < kMinPrecisionFeatures) return p;
    // Upper-median MAD (the rank-n/2 value, no averaging).
    const double centre = signal::upper_median_inplace(residual);
    for (auto& r : residual) r = std::abs(r - centre);
    p.sigma_pair_ppm = std::max(signal::kMadToSigma * signal::upper_median_inplace(residual), std::sqrt(2.0) * kMinSigmaMzPpm);
    return p;
}

const std::vector<double>& decoy_offsets() {
    static const std::vector<double> offsets = [] {
        std::vector<double> v;
        for (int j = kFirstDecoyUnit; j <= kLastDecoyUnit; ++j) {
            v.push_back(j * kDecoyUnitDa);
            v.push_back(-j * kDecoyUnitDa);
        }
        return v;
    }();
    return offsets;
}

std::vector<double> range_decoy_offsets(double lo, double hi, const std::vector<double>& positions,
                                        std::size_t max_count) {
    std::vector<double> v = decoy_offsets();
    if (positions.empty() || !(hi > lo)) return v;
    const auto [pmin, pmax] = std::minmax_element(positions.begin(), positions.end());
    for (int j = kLastDecoyUnit + 1; v.size() < max_count; ++j) {
        const double off = j * kDecoyUnitDa;
        const bool up = *pmax + off <= hi, down = *pmin - off >= lo;
        if (!up && !down) break;
        if (up) v.push_back(off);
        if (down && v.size() < max_count) v.push_back(-off);
    }
    return v;
}

std::string DecoyTest::text() const {
    return "decoys matched as well in " + std::to_string(as_good) + " of " + std::to_string(decoys) +
           " (chance rate " + fixed(rate(), 2) + ")";
}

std::string fixed(double v, int digits) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", digits, v);
    return buf;
}

IonTable::IonTable(const std::vector<signal::Feature>& features, const ClassifierOptions& options,
                   const std::vector<double>& calibrants)
    : options_(options), quantum_(mz_quantum(features)), related_ppm_(options.mass_tolerance_ppm) {
    // Relations between two observed ions: ~3 sigma of the run's own pair spread where that is
    // tighter than the default (a quantised axis uses its quantum instead).
    if (quantum_ == 0.0) {
        precision_ = mass_precision(features);
        if (precision_.measured()) related_ppm_ = std::min(related_ppm_, kRelationSigmas * precision_.sigma_pair_ppm);
    }
    for (const auto& f : features) {
        if (!std::isfinite(f.mz) || f.mz <= 0.0 || !std::isfinite(f.rt_s) || !(f.intensity >= 0.0)) continue;
        Ion ion;
        ion.feature = &f;
        (f.targeted ? targeted_ : ions_).push_back(ion);
    }
    const auto by_mz = [](const Ion& a, const Ion& b) { return a.mz() < b.mz(); };
    std::sort(ions_.begin(), ions_.end(), by_mz);
    std::sort(targeted_.begin(), targeted_.end(), by_mz);
    flag_isotopes();
    flag_adducts();
    flag_background();
    flag_targeted();
    calibrate(calibrants);
}

IonTable IonTable::recalibrated(const std::vector<double>& calibrants) const {
    IonTable out = *this;
    out.calibrated_ = false;
    out.calibration_ppm_ = 0.0;
    out.calibrate(calibrants);
    return out;
}

void IonTable::calibrate(const std::vector<double>& calibrants) {
    // Lock-mass principle (internal calibration, Olsen et al. 2005; Zubarev & Makarov, Anal. Chem.
    // 85 (2013) 5288): the systematic offset is common to all ions of the run, so the reaction
    // species' expected m/z are corrected by the calibrant's observed error. The calibrant is the
    // most intense ion inside the default window of the first calibrant seen.
    if (quantum_ > 0.0 || !precision_.measured()) return;
    for (const double mz : calibrants) {
        if (!(mz > 0.0)) continue;
        const auto hits = find_abs(mz, options_.mass_tolerance_ppm * 1e-6 * mz, false, 0);
        if (hits.empty()) continue;
        calibration_ppm_ = (hits.front()->mz() - mz) / mz * 1e6;
        calibrated_ = true;
        return;
    }
}
std::size_t IonTable::primary_count() const noexcept {
    return static_cast<std::size_t>(std::count_if(ions_.begin(), ions_.end(), [](const Ion& i) { return i.primary(); }));
}

bool IonTable::coelute(const signal::Feature& a, const signal::Feature& b) const {
    return std::abs(a.rt_s - b.rt_s) <= coelution_tolerance(a, b);
}

bool within_elution(const signal::Feature& mono, const signal::Feature& weaker) {
    if (!(mono.rt_to_s > mono.rt_from_s) || !(weaker.rt_to_s > weaker.rt_from_s)) return false;
    return weaker.rt_from_s >= mono.rt_from_s && weaker.rt_to_s <= mono.rt_to_s && weaker.rt_s >= mono.rt_from_s &&
           weaker.rt_s <= mono.rt_to_s;
}

double profile_agreement(const IonTable& table, const signal::Feature& a, const signal::Feature& b) {
    const double apex = std::max(0.0, 1.0 - std::abs(a.rt_s - b.rt_s) / table.coelution_tolerance(a, b));
    const double lo = std::min(a.fwhm_s, b.fwhm_s), hi = std::max(a.fwhm_s, b.fwhm_s);
    const double width = lo > 0.0 && hi > 0.0 ? lo / hi : 0.5;  // unknown width: no information
    return apex * width;
}

bool IonTable::separated(const signal::Feature& a, const signal::Feature& b) const {
    const double tol = std::max(options_.separation_s, std::max(a.fwhm_s, b.fwhm_s));
    return std::abs(a.rt_s - b.rt_s) > tol;
}

std::vector<const Ion*> IonTable::find(double mz, bool primary_only, int charge) const {
    auto out = find_abs(corrected(mz), theory_tolerance(mz), primary_only, charge);
    if (targeted_.empty()) return out;
    const auto more = find_in(targeted_, corrected(mz), theory_tolerance(mz), primary_only, charge);
    out.insert(out.end(), more.begin(), more.end());
    std::stable_sort(out.begin(), out.end(),
                     [](const Ion* a, const Ion* b) { return a->feature->intensity > b->feature->intensity; });
    return out;
}

std::vector<const Ion*> IonTable::find_untargeted(double mz, bool primary_only, int charge) const {
    return find_abs(corrected(mz), theory_tolerance(mz), primary_only, charge);
}

std::vector<const Ion*> IonTable::find_related(double mz, bool primary_only, int charge) const {
    return find_abs(mz, tolerance(mz), primary_only, charge);
}

std::vector<const Ion*> IonTable::find_abs(double mz, double tol, bool primary_only, int charge) const {
    return find_in(ions_, mz, tol, primary_only, charge);
}

std::vector<const Ion*> IonTable::find_in(const std::vector<Ion>& ions, double mz, double tol, bool primary_only,
                                          int charge) {
    std::vector<const Ion*> out;
    auto lo = std::lower_bound(ions.begin(), ions.end(), mz - tol, [](const Ion& i, double v) { return i.mz() < v; });
    for (auto it = lo; it != ions.end() && it->mz() <= mz + tol; ++it) {
        if (primary_only && !it->primary()) continue;
        if (charge != 0 && it->feature->charge != 0 && std::abs(it->feature->charge) != charge) continue;
        out.push_back(&*it);
    }
    std::sort(out.begin(), out.end(), [](const Ion* a, const Ion* b) { return a->feature->intensity > b->feature->intensity; });
    return out;
}

void IonTable::flag_isotopes() {
    // An ion is an isotope peak of a co-eluting lighter ion at one of the isotope spacings / z,
    // provided it is not much more intense than that ion (M+1 and M+2 of molecules below ~1500 Da
    // stay below M; two Br give M+2 about 2x M, hence kMaxIsotopeToParent).
    for (std::size_t h = 0; h < ions_.size(); ++h) {
        Ion& heavy = ions_[h];
        for (std::size_t l = h; l-- > 0;) {
            const Ion& light = ions_[l];
            if (heavy.mz() - light.mz() > kMaxIsotopeSpacingDa) break;  // ions_ is sorted by m/z
            if (light.mz() >= heavy.mz() || !coelute(*light.feature, *heavy.feature)) continue;
            if (heavy.feature->intensity > kMaxIsotopeToParent * light.feature->intensity) continue;
            for (int z = 1; z <= kMaxIsotopeCharge && !heavy.isotope; ++z) {
                if (light.feature->charge != 0 && std::abs(light.feature->charge) != z) continue;
                for (double spacing : kIsotopeSpacings) {
                    if (within(heavy.mz(), light.mz() + spacing / z)) {
                        heavy.isotope = true;
                        heavy.explained_by = "isotope peak of m/z " + fixed(light.mz(), 4);
                        break;
                    }
                }
            }
            if (heavy.isotope) break;
        }
    }
}

void IonTable::flag_adducts() {
    // Labels from the LC-MS grouping first: anything but the protonated ion or a permanent cation
    // is another ion of a listed species.
    for (auto& ion : ions_) {
        const std::string& a = ion.feature->adduct;
        if (!a.empty() && a != "[M+H]+" && a != "[M]+") {
            ion.adduct = true;
            ion.explained_by = a + " (LC-MS grouping)";
        }
    }
    // Then co-eluting partners B of a possible [M+H]+ ion A (kAdductRelations).
    for (std::size_t ia = 0; ia < ions_.size(); ++ia) {
        const Ion& a = ions_[ia];
        if (a.isotope) continue;
        for (const auto& r : kAdductRelations) {
            const double expect = r.scale * a.mz() + r.offset;
            if (expect <= 0.0) continue;
            const double tol = tolerance(expect);
            auto lo = std::lower_bound(ions_.begin(), ions_.end(), expect - tol,
                                       [](const Ion& i, double v) { return i.mz() < v; });
            for (auto it = lo; it != ions_.end() && it->mz() <= expect + tol; ++it) {
                Ion& b = *it;
                if (&b == &a || b.isotope || b.adduct || !coelute(*a.feature, *b.feature)) continue;
                // A fragment or adduct is weaker than the protonated ion it comes from; a stronger
                // "[M+H-O]+" would rather be the parent of an +O ion (the N-oxide detector decides).
                if (b.feature->intensity > a.feature->intensity) continue;
                b.adduct = true;
                b.explained_by = std::string(r.name) + " of m/z " + fixed(a.mz(), 4);
            }
        }
    }
}

void IonTable::flag_targeted() {
    // A targeted ion is explained by a co-eluting untargeted ion as flag_isotopes() and
    // flag_adducts() explain one ion by another (an isotope peak no more than 2.2 x the lighter
    // ion; an adduct or fragment weaker than its [M+H]+). It never explains an untargeted ion: the
    // untargeted ions read as they do without targeted extraction.
    for (Ion& t : targeted_) {
        for (int z = 1; z <= kMaxIsotopeCharge && t.explained_by.empty(); ++z) {
            for (double spacing : kIsotopeSpacings) {
                for (const Ion* light : find_related(t.mz() - spacing / z, false, 0)) {
                    if (light->isotope || !coelute(*light->feature, *t.feature)) continue;
                    if (light->feature->charge != 0 && std::abs(light->feature->charge) != z) continue;
                    if (t.feature->intensity > kMaxIsotopeToParent * light->feature->intensity) continue;
                    t.isotope = true;
                    t.explained_by = "isotope peak of m/z " + fixed(light->mz(), 4);
                    break;
                }
                if (t.isotope) break;
            }
        }
        for (const auto& r : kAdductRelations) {
            if (!t.explained_by.empty()) break;
            for (const Ion* a : find_related((t.mz() - r.offset) / r.scale, false, 0)) {
                if (a->isotope || !coelute(*a->feature, *t.feature) || t.feature->intensity > a->feature->intensity) continue;
                t.adduct = true;
                t.explained_by = std::string(r.name) + " of m/z " + fixed(a->mz(), 4);
                break;
            }
        }
    }
}

void IonTable::flag_background() {
    // Polyethylene glycol (C2H4O) and polysiloxane (C2H6OSi) ladders: consecutive members among the
    // ions of one charge state, at least 3 and beyond chance in this run. A dense run (thousands of
    // features) holds 3-4 member chains of any spacing by chance; flagging those would take real
    // ions out of every search. The same chain search at the decoy spacings of decoy_offsets()
    // gives the run's own chance level: a chain counts as background when at most 5 % of the
    // decoys (conservative estimate, (as good + 1) / (decoys + 1)) reach its length.
    chem::SeriesOptions so;
    so.tolerance_ppm = related_ppm_;
    if (quantum_ > 0.0) so.abs_tolerance = quantum_;
    so.min_members = 3;
    for (const auto& unit : chem::background_repeat_units()) {
        const auto base = chem::kendrick_base(unit);
        for (int z = 1; z <= 2; ++z) {
            std::vector<double> masses;
            std::vector<std::size_t> idx;
            for (std::size_t i = 0; i < ions_.size(); ++i) {
                if (ions_[i].isotope || ions_[i].charge() != z) continue;
                masses.push_back(ions_[i].mz() * z);
                idx.push_back(i);
            }
            const auto series = chem::find_series(masses, base, so);
            if (series.empty()) continue;
            std::size_t longest = 0;
            for (const auto& s : series) longest = std::max(longest, s.members.size());
            const std::size_t min_len = background_min_members(masses, base, so, longest);
            for (const auto& s : series) {
                if (s.members.size() < min_len) continue;
                for (std::size_t m : s.members) {
                    Ion& ion = ions_[idx[m]];
                    if (!ion.background) ++background_;
                    ion.background = true;
                    ion.explained_by = "background ladder " + base.formula + " (" + std::to_string(s.members.size()) +
                                       " members)";
                }
            }
        }
    }
}

std::size_t background_min_members(const std::vector<double>& masses, const chem::KendrickBase& base,
                                   const chem::SeriesOptions& options, std::size_t longest) {
    // Longest chain at each decoy spacing (spacings below 5 Da follow H2 losses and isotopes).
    std::vector<std::size_t> decoy_longest;
    for (const double off : decoy_offsets()) {
        chem::KendrickBase d = base;
        d.exact += off;
        if (d.exact < kMinDecoySpacingDa) continue;
        d.nominal = static_cast<int>(std::lround(d.exact));
        std::size_t l = 0;
        for (const auto& s : chem::find_series(masses, d, options)) l = std::max(l, s.members.size());
        decoy_longest.push_back(l);
    }
    // Shortest length n >= min_members with (decoys reaching n + 1) / (decoys + 1) <= kAlpha.
    const double n_decoys = static_cast<double>(decoy_longest.size());
    for (std::size_t n = std::max<std::size_t>(options.min_members, 3); n <= longest; ++n) {
        const auto reach = static_cast<double>(
            std::count_if(decoy_longest.begin(), decoy_longest.end(), [n](std::size_t l) { return l >= n; }));
        if ((reach + 1.0) / (n_decoys + 1.0) <= DecoyTest::kAlpha) return n;
    }
    return longest + 1;  // no length of this run's chains is beyond chance
}

double SpeciesHit::strength() const noexcept {
    if (ion == nullptr) return 0.0;
    double s = 1.0 + closeness + rt_bonus;
    if (isotopes_agree()) s += 2.0 * (isotope_score - 0.5) + (isotope_peaks >= 2 ? 0.5 : 0.0);
    s += std::min(partners, 2);
    return s;
}

std::string SpeciesHit::signs() const {
    std::string s;
    if (isotopes_agree())
        s = "isotopes agree (" + std::to_string(isotope_peaks) + " peak" + (isotope_peaks == 1 ? "" : "s") + ")";
    if (partners > 0)
        s += std::string(s.empty() ? "" : ", ") + std::to_string(partners) + " co-eluting adduct" + (partners == 1 ? "" : "s");
    return s;
}

SpeciesHit species_hit(const IonTable& table, const chem::Formula& ion_formula, double offset, bool neutral) {
    return species_hit(table, ion_formula, offset, neutral, [](const Ion&) { return 0.0; });
}

std::vector<double> observed_isotopes(const IonTable& table, const Ion& ion, int z) {
    const auto& f = *ion.feature;
    std::vector<double> out;
    if (!f.isotope_intensities.empty()) {
        for (double v : f.isotope_intensities) out.push_back(v);
        return out;
    }
    if (!(f.intensity > 0.0)) return out;
    for (int k = 1; k <= 2; ++k) {
        double best = 0.0;
        for (const auto* c : table.find_related(ion.mz() + k * chem::kC13Shift / z, false, 0)) {
            if (c == &ion || c->feature->intensity >= f.intensity) continue;
            if (profile_agreement(table, f, *c->feature) < 0.5 && !within_elution(f, *c->feature)) continue;
            best = std::max(best, c->feature->intensity / f.intensity);
        }
        if (best <= 0.0 && k == 1) return out;  // no M+1, no pattern (an M+2 alone may be anything)
        out.push_back(best);
    }
    while (!out.empty() && out.back() <= 0.0) out.pop_back();
    return out;
}

int adduct_partners(const IonTable& table, const Ion& ion, AdductPartners which) {
    const double mh = ion.mz();
    const double partners[][2] = {{mh + chem::kMassNa - chem::kMassH, 1},
                                  {mh + chem::kMassK - chem::kMassH, 1},
                                  {mh + chem::kMassN + 3 * chem::kMassH, 1},
                                  {(mh + chem::kProtonMass) / 2, 2}};
    int n = 0;
    for (const auto& p : partners) {
        if (which == AdductPartners::singly_charged && p[1] > 1) continue;
        for (const auto* c : table.find_related(p[0], false, static_cast<int>(p[1]))) {
            if (c != &ion && table.coelute(*c->feature, *ion.feature)) {
                ++n;
                break;
            }
        }
    }
    return n;
}

double combined_chance(std::vector<double> rates, std::size_t positions) {
    if (rates.empty() || positions == 0) return 1.0;
    std::sort(rates.begin(), rates.end());
    const auto m = static_cast<int>(std::max(positions, rates.size()));
    double best = 1.0;
    for (int k = 1; k <= static_cast<int>(rates.size()); ++k) {
        const double p = std::clamp(rates[static_cast<std::size_t>(k - 1)], 0.0, 1.0);
        // P(Bin(m, p) >= k)
        double tail = 0.0;
        for (int j = k; j <= m; ++j) {
            double c = 1.0;  // binomial coefficient C(m, j)
            for (int i = 1; i <= j; ++i) c = c * static_cast<double>(m - j + i) / static_cast<double>(i);
            tail += c * std::pow(p, j) * std::pow(1.0 - p, m - j);
        }
        best = std::min(best, tail);
    }
    return best;
}

std::vector<double> model_calibrants(const chem::ReactionModel& model) {
    std::vector<double> out;
    if (!model.product) return out;
    out.push_back((*model.product + chem::Formula("H+")).mz());
    if (model.starting_amine.monoisotopic_mass() > 0.0) out.push_back((model.starting_amine + chem::Formula("H+")).mz());
    return out;
}

std::string precision_text(const IonTable& table) {
    if (!table.precision().measured() || table.quantum() > 0.0) return "";
    std::string s = "m/z tolerance " + fixed(table.ppm(), 1) + " ppm from the run's 13C spacings";
    if (table.calibrated()) s += ", recalibrated by " + fixed(table.calibration_ppm(), 1) + " ppm on the reaction's own ion";
    return s;
}

std::string targeted_text(const signal::Feature& f) {
    std::string s = "targeted extraction at m/z " + fixed(f.mz, 4) + ", S/N " + fixed(f.snr, 1);
    if (f.limit_snr > 0.0) s += " (below the untargeted limit " + fixed(f.limit_snr, 0) + ")";
    return s;
}

Evidence ms_evidence(const signal::Feature& f, double expected_mz, const std::string& formula,
                     const std::string& adduct, const std::string& label) {
    Evidence e;
    e.kind = EvidenceKind::ms_ion;
    e.label = label;
    if (f.targeted) e.label += " (" + targeted_text(f) + ")";
    e.mz = f.mz;
    e.rt_s = f.rt_s;
    e.intensity = f.intensity;
    e.formula = formula;
    e.adduct = adduct;
    if (expected_mz > 0.0) e.ppm_error = chem::ppm_error(f.mz, expected_mz);
    return e;
}

std::vector<std::size_t> precursor_positions(const IonTable& table, const signal::Ms2Index& index, double mz) {
    const auto& scans = index.scans();
    const double lo = table.corrected(mz) - table.theory_tolerance(mz);
    auto it = std::lower_bound(scans.begin(), scans.end(), lo,
                               [](const signal::Ms2Scan& s, double v) { return s.precursor_mz < v; });
    std::vector<std::size_t> out;
    for (; it != scans.end() && table.matches(it->precursor_mz, mz); ++it)
        out.push_back(static_cast<std::size_t>(it - scans.begin()));
    return out;
}

signal::Ms2Consensus precursor_consensus(const IonTable& table, const std::vector<const signal::Ms2Index*>& runs,
                                         double mz) {
    for (const auto* run : runs) {
        if (run == nullptr) continue;
        const auto positions = precursor_positions(table, *run, mz);
        if (!positions.empty()) return run->consensus(positions);
    }
    return {};
}

}  // namespace sidepeak::classify::detail

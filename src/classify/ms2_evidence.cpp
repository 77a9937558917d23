#include "ms2_evidence.hpp"

#include <algorithm>
#include <cmath>
#include <functional>

#include "ms_ions.hpp"
#include "detectors.hpp"

namespace sidepeak::classify {

bool Ms2Access::empty() const noexcept {
    return std::none_of(runs.begin(), runs.end(), [](const signal::Ms2Index* i) { return i != nullptr && i->size() > 0; });
}

signal::Ms2Consensus Ms2Access::consensus(const std::vector<signal::Feature>& features,
                                          const signal::Feature& feature) const {
    // Only an element of `features` has a run (std::less: a total order over unrelated pointers).
    const std::less<const signal::Feature*> before;
    if (features.empty() || before(&feature, features.data()) || !before(&feature, features.data() + features.size())) return {};
    const auto k = static_cast<std::size_t>(&feature - features.data());
    if (k >= feature_run.size() || feature_run[k] >= runs.size()) return {};
    const signal::Ms2Index* index = runs[feature_run[k]];
    if (index == nullptr || index->size() == 0) return {};
    return index->consensus_for(feature);
}

namespace detail {

namespace {
// Fragment m/z tolerance floor (Da): 2 mDa, the m/z precision of a low-mass fragment on a
// TOF/Orbitrap MS2 scan where a ppm window alone would shrink below the centroid spread.
constexpr double kMinFragmentToleranceDa = 0.002;
// A fragment must lie this far (Da) below its precursor: closer lines are the precursor's own
// isotope/isolation window, not a neutral loss.
constexpr double kPrecursorExclusionDa = 0.5;
// Lower bound of a p-value product in Fisher's method (log of zero).
constexpr double kMinPValueProduct = 1e-12;

const char* unit_text(EnergyUnit u) {
    switch (u) {
        case EnergyUnit::electronvolt: return "eV";
        case EnergyUnit::percent: return "%";
        case EnergyUnit::unknown: break;
    }
    return "";
}
}  // namespace

Evidence ms2_evidence(const signal::Ms2Consensus& consensus, const chem::Formula& precursor_ion,
                      const std::vector<chem::FragmentAnnotation>& fragments, const std::string& label) {
    Evidence e;
    e.kind = EvidenceKind::ms2_spectrum;
    e.label = label;
    e.mz = consensus.precursor_mz;
    if (!consensus.rts_s.empty()) e.rt_s = consensus.rts_s.front();
    e.formula = precursor_ion.to_string();
    e.adduct = "[M+H]+";
    e.scan_ids = consensus.scan_ids;
    e.collision_energies = consensus.collision_energies;
    if (!consensus.energy_units.empty() &&
        std::all_of(consensus.energy_units.begin(), consensus.energy_units.end(),
                    [&](EnergyUnit u) { return u == consensus.energy_units.front(); }))
        e.collision_energy_unit = unit_text(consensus.energy_units.front());
    if (!consensus.activations.empty() && consensus.activations.front() != Activation::unknown &&
        std::all_of(consensus.activations.begin(), consensus.activations.end(),
                    [&](Activation a) { return a == consensus.activations.front(); }))
        e.activation = activation_name(consensus.activations.front());
    for (const auto& f : fragments) {
        if (f.kind == chem::FragmentKind::unassigned || f.kind == chem::FragmentKind::isotope) continue;
        Ms2Fragment m;
        m.mz = f.mz;
        m.relative_intensity = f.relative_intensity;
        m.label = f.label;
        m.formula = f.formula.to_string();
        if (!f.loss.empty()) m.loss = f.loss.to_string();
        m.loss_name = f.loss_name;
        m.ppm_error = f.ppm_error;
        e.fragments.push_back(std::move(m));
    }
    return e;
}

const chem::FragmentAnnotation* strongest_loss(const std::vector<chem::FragmentAnnotation>& fragments,
                                               std::string_view name, double min_relative) {
    const chem::FragmentAnnotation* best = nullptr;
    for (const auto* f : chem::find_loss(fragments, name)) {
        if (f->relative_intensity >= min_relative && (best == nullptr || f->relative_intensity > best->relative_intensity))
            best = f;
    }
    return best;
}

std::string ms2_provenance(const signal::Ms2Consensus& consensus) {
    std::string out;
    if (!consensus.rts_s.empty()) out = "at " + fixed(consensus.rts_s.front(), 0) + " s";
    if (!consensus.activations.empty() && consensus.activations.front() != Activation::unknown)
        out += std::string(out.empty() ? "" : ", ") + activation_name(consensus.activations.front());
    if (!consensus.collision_energies.empty() && consensus.collision_energies.front() > 0.0) {
        const auto mm = std::minmax_element(consensus.collision_energies.begin(), consensus.collision_energies.end());
        const std::string unit = consensus.energy_units.empty() ? "" : unit_text(consensus.energy_units.front());
        out += " " + fixed(*mm.first, 0) + (*mm.second > *mm.first ? "-" + fixed(*mm.second, 0) : "") +
               (unit.empty() ? "" : " " + unit);
    }
    const std::size_t n = consensus.scan_ids.size();
    out += std::string(out.empty() ? "" : ", ") + std::to_string(n) + " scan" + (n == 1 ? "" : "s");
    return out;
}

std::size_t count_predicted(const PredictedMs2& p, double precursor_mz, int charge, const std::vector<double>& mz,
                            const std::vector<double>& rel, double ppm) {
    auto seen = [&](double target) {
        if (target <= 0.0 || target >= precursor_mz - kPrecursorExclusionDa) return false;
        const double tol = std::max(ppm * 1e-6 * target, kMinFragmentToleranceDa);
        const auto lo = std::lower_bound(mz.begin(), mz.end(), target - tol);
        for (auto it = lo; it != mz.end() && *it <= target + tol; ++it)
            if (rel[static_cast<std::size_t>(it - mz.begin())] >= kMs2Seen) return true;
        return false;
    };
    const int z = std::max(1, std::abs(charge));
    std::size_t n = 0;
    for (const auto& ion : p.ions) n += seen(ion.formula.mz()) ? 1 : 0;
    for (const auto& loss : p.losses) n += seen(precursor_mz - loss.formula.monoisotopic_mass() / z) ? 1 : 0;
    return n;
}

Ms2Chance ms2_chance(const Ms2Access& ms2, const PredictedMs2& p, double precursor_mz, double ppm, std::size_t matches,
                     const std::vector<double>& exclude) {
    Ms2Chance out;
    std::size_t as_good = 0;
    const double tol = std::max(ppm * 1e-6 * precursor_mz, kMinFragmentToleranceDa);
    std::vector<double> rel;
    for (const auto* index : ms2.runs) {
        if (index == nullptr) continue;
        for (std::size_t k = 0; k < index->size(); ++k) {
            const auto& s = index->scans()[k];
            if (std::abs(s.precursor_mz - precursor_mz) <= 2.0 * tol) continue;
            if (std::any_of(exclude.begin(), exclude.end(), [&](double x) { return std::abs(s.precursor_mz - x) <= 2.0 * tol; }))
                continue;
            const auto fragments = index->fragments(k);  // read back when the run's MS2 was spilled
            if (fragments.mz.empty()) continue;
            ++out.others;
            const double base = *std::max_element(fragments.intensity.begin(), fragments.intensity.end());
            rel.assign(fragments.intensity.size(), 0.0);
            for (std::size_t i = 0; i < rel.size() && base > 0.0; ++i) rel[i] = fragments.intensity[i] / base;
            if (count_predicted(p, s.precursor_mz, s.precursor_charge == 0 ? 1 : s.precursor_charge, fragments.mz, rel, ppm) >=
                matches)
                ++as_good;
        }
    }
    out.rate = static_cast<double>(1 + as_good) / static_cast<double>(1 + out.others);
    return out;
}

namespace {
// The strongest consensus peak within the tolerance of `target` (relative intensity, 0 when none).
double strongest_at(const signal::Ms2Consensus& c, double target, double ppm) {
    const double tol = std::max(ppm * 1e-6 * target, kMinFragmentToleranceDa);
    double best = 0.0;
    for (const auto& pk : c.peaks)
        if (std::abs(pk.mz - target) <= tol) best = std::max(best, pk.intensity);
    return best;
}
}  // namespace

std::vector<chem::FragmentAnnotation> annotate_predicted(const chem::Formula& precursor_ion,
                                                         const signal::Ms2Consensus& consensus, const PredictedMs2& p,
                                                         double ppm) {
    chem::FragmentOptions fo;
    fo.tolerance_ppm = ppm;
    fo.extra_ions = p.ions;
    fo.extra_losses = p.losses;
    fo.max_losses = 1;
    return chem::annotate_fragments(precursor_ion, consensus.mz(), consensus.intensity(), fo);
}

std::vector<Ms2Predicted> predicted_entries(const PredictedMs2& p, const chem::Formula& precursor_ion,
                                            const signal::Ms2Consensus& consensus, double ppm) {
    std::vector<Ms2Predicted> out;
    const double pmz = precursor_ion.mz();
    const int z = std::max(1, std::abs(precursor_ion.charge()));
    for (const auto& ion : p.ions) {
        Ms2Predicted e{ion.formula.to_string(), ion.formula.mz(), "", ion.name, ion.meaning, false};
        e.observed = e.mz < pmz - kPrecursorExclusionDa && strongest_at(consensus, e.mz, ppm) >= kMs2Seen;
        out.push_back(std::move(e));
    }
    for (const auto& loss : p.losses) {
        const chem::Formula frag = precursor_ion - loss.formula;
        if (frag.has_negative() || frag.empty()) continue;
        Ms2Predicted e{frag.to_string(), pmz - loss.formula.monoisotopic_mass() / z, loss.formula.to_string(), loss.name,
                       loss.meaning, false};
        e.observed = e.mz > 0.0 && strongest_at(consensus, e.mz, ppm) >= kMs2Seen;
        out.push_back(std::move(e));
    }
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.mz < b.mz; });
    return out;
}

std::vector<Ms2Predicted> predicted_entries_at(const PredictedMs2& p, double precursor_mz, int charge,
                                               const signal::Ms2Consensus& consensus, double ppm) {
    std::vector<Ms2Predicted> out;
    const int z = std::max(1, std::abs(charge));
    for (const auto& ion : p.ions) {
        Ms2Predicted e{ion.formula.to_string(), ion.formula.mz(), "", ion.name, ion.meaning, false};
        e.observed = e.mz < precursor_mz - kPrecursorExclusionDa && strongest_at(consensus, e.mz, ppm) >= kMs2Seen;
        out.push_back(std::move(e));
    }
    for (const auto& loss : p.losses) {
        Ms2Predicted e{"", precursor_mz - loss.formula.monoisotopic_mass() / z, loss.formula.to_string(), loss.name,
                       loss.meaning, false};
        if (e.mz <= 0.0) continue;
        e.observed = strongest_at(consensus, e.mz, ppm) >= kMs2Seen;
        out.push_back(std::move(e));
    }
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.mz < b.mz; });
    return out;
}

double fisher2(double a, double b) {
    const double x = std::clamp(a * b, kMinPValueProduct, 1.0);
    return std::min(1.0, x * (1.0 - std::log(x)));
}

// ---- Quaternary cation or protonated isobar -------------------------------------------------
// A quaternary ammonium M+ carries a fixed charge and no N-H: its fragmentation is charge-remote
// or expels a neutral from the charged nitrogen without a proton transfer, i.e. a neutral alkene
// (Hofmann-type beta-elimination, e.g. C2H4 from N-ethyl) or a neutral tertiary amine leaving a
// stable carbocation (benzyl/tropylium C7H7+ from N-benzyl); benzyl quats also lose toluene C7H8
// (alkyl dimethylbenzylammonium surfactants: [M-92]+ and m/z 91; Ferrer I., Furlong E. T.,
// Environ. Sci. Technol. 2001, 35, 2583-2588; the real MassBank record of benzyldimethyltetradecyl-
// ammonium, tests/classify/ms2_quaternary_real_test.cpp, shows [M-C7H8]+ alone at 40 eV). A protonated amine
// fragments charge-directed through its mobile proton: the proton moves to the leaving nitrogen,
// so neutral amines that keep an N-H are lost (NH3 from primary, RNH2/R2NH from secondary and
// tertiary amines: trimipramine [M+H]+ loses Me2NH, docs/algorithms/ms2.md), and alpha-cleavage
// gives the iminium ("immonium") series CnH2n+2N+ (McLafferty F. W., Tureček F., Interpretation
// of Mass Spectra, 4th ed. 1993, ch. 8-9; Holčapek M., Jirásko R., Lísa M., J. Chromatogr. A
// 2010, 1217, 3908-3921; Niessen W. M. A., Liquid Chromatography-Mass Spectrometry, 3rd ed. 2006,
// on permanently charged analytes). The tropylium ion is made by both (protonated N-benzyl-
// piperazine: base peak m/z 91, de Boer D. et al., Forensic Sci. Int. 2001, 121, 47) and decides
// nothing.
namespace {
constexpr double kSiteRatio = 2.0;  // one reading's strongest sign must be twice the other's

std::string group_of(const chem::ReactionModel& model) {
    if (!model.increment) return "";
    return (*model.increment + chem::Formula("H")).to_string();  // R = increment + H (C7H7 benzyl)
}

bool benzylic(const chem::ReactionModel& model) {
    return model.increment && (*model.increment == chem::Formula("C7H6") || *model.increment == chem::Formula("C5H4S"));
}
}  // namespace

PredictedMs2 quaternary_prediction(const chem::Formula& ion, const chem::ReactionModel& model) {
    PredictedMs2 p;
    if (model.reagent != nullptr && !model.reagent->alkene.empty())
        p.losses.push_back({model.reagent->alkene, chem::Formula(model.reagent->alkene),
                            "quaternary: Hofmann-type loss of an N-alkyl as neutral alkene"});
    if (model.increment && *model.increment == chem::Formula("C7H6"))
        p.losses.push_back({"C7H8", chem::Formula("C7H8"), "quaternary: loss of toluene from an N-benzyl quaternary cation"});
    if (benzylic(model)) {
        chem::Formula r = *model.increment + chem::Formula("H+");
        p.ions.push_back({r.to_string() + " (R+)", r,
                          "both: benzylic cation after loss of a neutral amine (quaternary and protonated alike)"});
    }
    (void)ion;
    return p;
}

PredictedMs2 shared_prediction(const chem::Formula& ion, const chem::ReactionModel& model) {
    // A ring quaternary N+R2 opens by a mass-neutral gas-phase Hofmann elimination into exactly the
    // protonated ring-opened amine (the isobaric Hofmann product), which then loses R2NH with the
    // proton it gained: R2NH (Me2NH for N,N-dimethyl) is made by both readings.
    PredictedMs2 p;
    if (!model.increment) return p;
    const chem::Formula r2nh = *model.increment * 2 + chem::Formula("NH3");
    if (!(ion - r2nh).has_negative())
        p.losses.push_back({"R2NH (" + group_of(model) + ")", r2nh,
                            "both: R2NH of the quaternary N, lost after a ring-opening elimination or from the "
                            "protonated ring-opened amine"});
    return p;
}

PredictedMs2 protonated_prediction(const chem::Formula& ion, const chem::ReactionModel& model) {
    PredictedMs2 p;
    std::vector<std::pair<std::string, chem::Formula>> amines = {
        {"NH3", chem::Formula("NH3")}, {"MeNH2", chem::Formula("CH5N")}, {"Me2NH", chem::Formula("C2H7N")}};
    if (model.increment) {
        const std::string r = group_of(model);
        amines.push_back({r + "NH2", *model.increment + chem::Formula("NH3")});
        amines.push_back({r + "(CH3)NH", *model.increment + chem::Formula("CH5N")});
    }
    const PredictedMs2 shared = shared_prediction(ion, model);
    for (const auto& [name, f] : amines) {
        if ((ion - f).has_negative()) continue;
        if (std::any_of(shared.losses.begin(), shared.losses.end(), [&](const auto& l) { return l.formula == f; })) continue;
        if (std::any_of(p.losses.begin(), p.losses.end(), [&](const auto& l) { return l.formula == f; })) continue;
        p.losses.push_back({name, f, "protonated: loss of a neutral amine with N-H (mobile proton)"});
    }
    for (const auto& fi : chem::diagnostic_fragment_ions()) {
        if (fi.formula.count("O") > 0 || fi.formula.count("N") != 1 || fi.formula == chem::Formula("C7H7+")) continue;
        p.ions.push_back({fi.name, fi.formula, "protonated: iminium ion of alpha-cleavage"});
    }
    return p;
}

namespace {
struct SignScan {
    double strongest = 0.0;
    std::vector<std::string> names;
};

// Reads each predicted fragment in the consensus; losses by name with their %; ions counted as a
// series (their strength is the second strongest: one iminium ion is made by many compounds).
SignScan read_signs(const PredictedMs2& p, const signal::Ms2Consensus& c, const chem::Formula& ion, double ppm,
                    bool series) {
    SignScan out;
    // Losses from the measured precursor (a decoy position carries no formula of its own).
    const double pmz = c.precursor_mz > 0.0 ? c.precursor_mz : ion.mz();
    std::vector<double> ion_levels;
    for (const auto& l : p.losses) {
        const double at = pmz - l.formula.monoisotopic_mass();
        const double v = strongest_at(c, at, ppm);
        if (v < kMs2Seen) continue;
        out.strongest = std::max(out.strongest, v);
        out.names.push_back("loss of " + l.name + " (" + fixed(l.formula.monoisotopic_mass(), 4) + ") " +
                            fixed(100.0 * v, 0) + " %");
    }
    for (const auto& i : p.ions) {
        const double v = i.formula.mz() < pmz - kPrecursorExclusionDa ? strongest_at(c, i.formula.mz(), ppm) : 0.0;
        if (v < kMs2Seen) continue;
        ion_levels.push_back(v);
        out.names.push_back(i.name + " " + fixed(100.0 * v, 0) + " %");
    }
    std::sort(ion_levels.rbegin(), ion_levels.rend());
    if (series && ion_levels.size() >= 2) out.strongest = std::max(out.strongest, ion_levels[1]);
    if (!series && !ion_levels.empty()) out.strongest = std::max(out.strongest, ion_levels[0]);
    return out;
}

std::string join(const std::vector<std::string>& v) {
    std::string s;
    for (const auto& x : v) s += (s.empty() ? "" : ", ") + x;
    return s;
}
}  // namespace

ChargeReading read_charge_site(const signal::Ms2Consensus& c, const chem::Formula& ion, const chem::ReactionModel& model,
                               double ppm, bool with_evidence) {
    ChargeReading out;
    if (c.empty() || c.peaks.empty()) return out;
    out.read = true;
    PredictedMs2 quat = quaternary_prediction(ion, model);
    PredictedMs2 both = shared_prediction(ion, model);  // made by both readings
    both.ions = std::move(quat.ions);
    quat.ions.clear();
    const PredictedMs2 prot = protonated_prediction(ion, model);
    const SignScan q = read_signs(quat, c, ion, ppm, false);
    const SignScan pr = read_signs(prot, c, ion, ppm, true);
    const SignScan n = read_signs(both, c, ion, ppm, false);
    out.quat_strength = q.strongest;
    out.protonated_strength = pr.strongest;
    out.quat_signs = q.names;
    out.protonated_signs = pr.names;
    out.neutral_signs = n.names;
    if (q.strongest > 0.0 && q.strongest >= kSiteRatio * pr.strongest) out.site = ChargeSite::quaternary;
    else if (pr.strongest > 0.0 && pr.strongest >= kSiteRatio * q.strongest) out.site = ChargeSite::protonated;
    const char* verdict = out.site == ChargeSite::quaternary   ? "quaternary cation (no N-H amine loss dominates)"
                          : out.site == ChargeSite::protonated ? "protonated amine, not a quaternary cation"
                                                               : "quaternary cation or protonated isobar, not told apart";
    out.text = "MS2 of m/z " + fixed(c.precursor_mz, 4) + " (" + ms2_provenance(c) + "): " +
               (q.names.empty() ? "no alkene/toluene loss" : join(q.names)) + "; " +
               (pr.names.empty() ? "no N-H amine loss or iminium series" : join(pr.names)) +
               (n.names.empty() ? "" : "; " + join(n.names) + " (either)") + ": " + verdict;
    if (!with_evidence) return out;
    PredictedMs2 all = quat;
    all.ions.insert(all.ions.end(), both.ions.begin(), both.ions.end());
    all.losses.insert(all.losses.end(), both.losses.begin(), both.losses.end());
    all.ions.insert(all.ions.end(), prot.ions.begin(), prot.ions.end());
    all.losses.insert(all.losses.end(), prot.losses.begin(), prot.losses.end());
    const auto fragments = annotate_predicted(ion, c, all, ppm);
    out.evidence = ms2_evidence(c, ion, fragments, std::string("MS2 at the quaternary m/z: ") + verdict);
    out.evidence.adduct = out.site == ChargeSite::protonated ? "[M+H]+" : "[M]+";
    out.evidence.predicted = predicted_entries(all, ion, c, ppm);
    return out;
}

}  // namespace detail
}  // namespace sidepeak::classify

#pragma once
// MS/MS helpers shared by the LC-MS detectors: the "ms2_spectrum" evidence entry of an annotated
// consensus fragment spectrum, and the strongest single neutral loss of a given name.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "sidepeak/chem/reaction_model.hpp"

#include "sidepeak/chem/fragments.hpp"
#include "sidepeak/classify/finding.hpp"
#include "sidepeak/signal/ms2_index.hpp"

namespace sidepeak::classify {
struct Ms2Access;
}

namespace sidepeak::classify::detail {

/// A fragment below this fraction of its spectrum's base peak is not read as a predicted fragment.
inline constexpr double kMs2Seen = 0.02;

/// Fragments the literature predicts for one precursor ion: listed fragment ions and neutral
/// losses from the precursor (the detectors build it from the reaction model).
struct PredictedMs2 {
    std::vector<chem::FragmentIon> ions;
    std::vector<chem::NeutralLoss> losses;
    [[nodiscard]] std::size_t size() const noexcept { return ions.size() + losses.size(); }
};

/// How many predicted fragments a peak list (relative intensities) shows at >= kMs2Seen, within
/// max(ppm, 0.002 m/z) and below the precursor; losses taken from `precursor_mz` at `charge`.
std::size_t count_predicted(const PredictedMs2& p, double precursor_mz, int charge, const std::vector<double>& mz,
                            const std::vector<double>& rel, double ppm);

/// The chance that an MS2 scan of these runs shows as many predicted fragments: (1 + other scans
/// matching >= `matches`) / (1 + other scans), over every scan whose precursor lies outside twice
/// the tolerance of `precursor_mz`, each read against its own precursor (the losses move with it;
/// the listed ions stay).
struct Ms2Chance {
    double rate = 1.0;
    std::size_t others = 0;
};
/// `exclude`: further precursor m/z whose scans are no chance draws (the other members of the same
/// series, which share the predicted fragments by construction).
Ms2Chance ms2_chance(const Ms2Access& ms2, const PredictedMs2& p, double precursor_mz, double ppm, std::size_t matches,
                     const std::vector<double>& exclude = {});

/// The consensus annotated with the chemistry engine's losses plus the prediction's own ions and
/// losses, one loss at a time, at `ppm`.
std::vector<chem::FragmentAnnotation> annotate_predicted(const chem::Formula& precursor_ion,
                                                         const signal::Ms2Consensus& consensus, const PredictedMs2& p,
                                                         double ppm);

/// The prediction as report entries, each marked observed or not in the consensus.
std::vector<Ms2Predicted> predicted_entries(const PredictedMs2& p, const chem::Formula& precursor_ion,
                                            const signal::Ms2Consensus& consensus, double ppm);

/// As predicted_entries for a precursor known only by m/z and charge (an oligomer member of
/// unknown k): loss entries carry the loss, not the fragment formula.
std::vector<Ms2Predicted> predicted_entries_at(const PredictedMs2& p, double precursor_mz, int charge,
                                               const signal::Ms2Consensus& consensus, double ppm);

/// Fisher's combination of two independent p-values: p1 p2 (1 - ln(p1 p2)).
double fisher2(double a, double b);

/// Quaternary cation or protonated isobar, read from the MS2 of an ion at a quaternary m/z
/// (docs/classifier.md, "Quaternary cation or protonated isobar"). A permanent cation has no
/// proton to hand to a leaving group: it loses a neutral alkene (Hofmann-type) or, for an N-benzyl,
/// toluene, and gives a stable carbocation by losing a neutral tertiary amine. A protonated amine
/// loses neutral amines that carry N-H (NH3, MeNH2, Me2NH, RNH2, RMeNH: the proton moves to the
/// leaving nitrogen) and shows the iminium ("immonium") series of alpha-cleavage. R2NH of the
/// quaternary N's own pair of groups is made by both (a ring quat opens into the protonated
/// ring-opened amine first) and decides nothing, nor does the benzylic cation R+.
enum class ChargeSite { quaternary, protonated, undecided };
struct ChargeReading {
    bool read = false;                  ///< the ion had MS2
    ChargeSite site = ChargeSite::undecided;
    double quat_strength = 0.0;         ///< strongest quaternary-only sign (relative intensity)
    double protonated_strength = 0.0;   ///< strongest protonated-only sign (relative intensity)
    std::vector<std::string> quat_signs, protonated_signs, neutral_signs;
    std::string text;                   ///< "MS2 of m/z ... : loss of C7H8 (92.0626) 45 %, no N-H amine loss: quaternary cation"
    Evidence evidence;                  ///< the ms2_spectrum entry with the prediction of both readings
};
/// The literature fragments of both readings for `ion` (a permanent cation formula, e.g.
/// "C26H31N2+"), given the reaction's reagent.
PredictedMs2 quaternary_prediction(const chem::Formula& ion, const chem::ReactionModel& model);
PredictedMs2 protonated_prediction(const chem::Formula& ion, const chem::ReactionModel& model);
/// Fragments both readings make (the benzylic cation R+ is listed by quaternary_prediction): the
/// loss of R2NH of the quaternary N, which a ring quat shows after a ring-opening elimination.
PredictedMs2 shared_prediction(const chem::Formula& ion, const chem::ReactionModel& model);
/// Losses are read from the consensus precursor m/z; `with_evidence` = false skips the fragment
/// annotation (decoy positions, where only the site is needed).
ChargeReading read_charge_site(const signal::Ms2Consensus& consensus, const chem::Formula& ion,
                               const chem::ReactionModel& model, double ppm, bool with_evidence = true);

/// An "ms2_spectrum" evidence entry: precursor m/z and formula, provenance (scan ids, first RT,
/// energies, activation) and the annotated fragments (unassigned peaks left out).
Evidence ms2_evidence(const signal::Ms2Consensus& consensus, const chem::Formula& precursor_ion,
                      const std::vector<chem::FragmentAnnotation>& fragments, const std::string& label);

/// The most intense annotation of the single loss `name` (nullptr when absent or below
/// `min_relative` of the base peak).
const chem::FragmentAnnotation* strongest_loss(const std::vector<chem::FragmentAnnotation>& fragments,
                                               std::string_view name, double min_relative);

/// "at 112 s, HCD 30 %, 2 scans" (the provenance phrase of a summary).
std::string ms2_provenance(const signal::Ms2Consensus& consensus);

}  // namespace sidepeak::classify::detail

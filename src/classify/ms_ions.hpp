#pragma once
// LC-MS feature bookkeeping shared by the MS detectors: which features are isotope peaks,
// adducts or in-source fragments of a co-eluting ion, or members of a background ladder
// (PEG, polysiloxane), and m/z look-up with the ppm tolerance.
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <string>
#include <vector>

#include "sidepeak/chem/isotopes.hpp"
#include "sidepeak/chem/kendrick.hpp"
#include "sidepeak/chem/reaction_model.hpp"
#include "sidepeak/classify/classifier.hpp"
#include "sidepeak/classify/finding.hpp"
#include "sidepeak/signal/lcms_pipeline.hpp"
#include "sidepeak/signal/ms2_index.hpp"

namespace sidepeak::classify::detail {

struct Ion {
    const signal::Feature* feature = nullptr;
    bool isotope = false;     // an isotope peak of a co-eluting lighter ion
    bool adduct = false;      // a non-protonated adduct, multimer, multiply charged ion or in-source fragment
    bool background = false;  // member of a PEG or siloxane ladder
    std::string explained_by; // e.g. "[M+Na]+ of m/z 191.1543"
    [[nodiscard]] bool primary() const noexcept { return !isotope && !adduct && !background; }
    [[nodiscard]] double mz() const noexcept { return feature->mz; }
    [[nodiscard]] double rt() const noexcept { return feature->rt_s; }
    [[nodiscard]] int charge() const noexcept { return feature->charge == 0 ? 1 : std::abs(feature->charge); }
};

/// The m/z quantum of a run: the coarsest grid (1, 0.5, 0.1, 0.05, 0.01 Da) on which >= 90 % of
/// the untargeted feature m/z values lie (within float32 rounding), else 0. A unit-resolution quadrupole
/// stored on a 0.1 Da grid cannot be matched at 10 ppm; a continuous m/z lands on a 0.01 Da grid
/// within float32 rounding (< 1e-4 Da) with probability < 2 %, so 90 % is no accident.
[[nodiscard]] double mz_quantum(const std::vector<signal::Feature>& features);

/// Random m/z error of a run, measured from its own data: the spread of the observed 13C spacing
/// (M+1 - M) x z of confident features (isotope trace assigned, charge known, M+1 between 1 % and
/// 100 % of M) about its median. The spacing is a difference of two independently measured m/z,
/// so its spread is sqrt(2) x the spread of one m/z, and it is the spread of any relation between
/// two observed ions of the run. Robust: 1.4826 x median absolute deviation, in ppm of the
/// monoisotopic m/z (the median absorbs the 15N/2H/33S share of an unresolved M+1).
struct MassPrecision {
    double sigma_pair_ppm = 0.0;  ///< spread of a difference of two observed m/z (0: not measured)
    std::size_t features = 0;     ///< confident features the figure rests on
    [[nodiscard]] bool measured() const noexcept { return sigma_pair_ppm > 0.0; }
};
/// At least this many confident features give a MAD with ~7 % relative error (too few: not measured).
inline constexpr std::size_t kMinPrecisionFeatures = 100;
/// Physical floor of one m/z's random error: an Orbitrap with internal (lock-mass) calibration
/// reaches ~0.2-0.5 ppm RMS (Olsen et al., Mol. Cell. Proteomics 4 (2005) 2010; Makarov et al.,
/// Anal. Chem. 78 (2006) 2113); a run claiming less is taken at this figure.
inline constexpr double kMinSigmaMzPpm = 0.3;
[[nodiscard]] MassPrecision mass_precision(const std::vector<signal::Feature>& features);

class IonTable {
public:
    /// `calibrants`: theoretical m/z of reaction species (the product's [M+H]+ first) for the
    /// internal recalibration (see calibrate()); the first one seen is used.
    /// The table points into `features`, which must outlive it and not be reallocated.
    IonTable(const std::vector<signal::Feature>& features, const ClassifierOptions& options,
             const std::vector<double>& calibrants = {});
    /// This table recalibrated on `calibrants` (see calibrate()): the same ions and flags, the
    /// calibration offset of the first calibrant seen; equal to a table built with `calibrants`,
    /// without repeating the isotope, adduct and background flagging.
    [[nodiscard]] IonTable recalibrated(const std::vector<double>& calibrants) const;
    /// The tolerances the table was built with.
    [[nodiscard]] const ClassifierOptions& options() const noexcept { return options_; }

    [[nodiscard]] const std::vector<Ion>& ions() const noexcept { return ions_; }
    [[nodiscard]] bool empty() const noexcept { return ions_.empty(); }
    /// Ions matching the *theoretical* m/z `mz` (corrected by the run's calibration offset when one
    /// was measured), best first. `primary_only` skips isotopes, adducts and background ions;
    /// `charge` 0 accepts any charge state.
    /// Targeted features (signal::Feature::targeted: kept below the untargeted S/N limit at a
    /// predicted m/z, targeted_ions.hpp) are found here and only here: ions(), find_related() and
    /// every series or pair search see the untargeted features alone.
    [[nodiscard]] std::vector<const Ion*> find(double mz, bool primary_only = true, int charge = 0) const;
    /// As find(), without targeted features (a look-up whose decoys are not on the decoy grid of
    /// the targets, e.g. a ladder of an arbitrary increment).
    [[nodiscard]] std::vector<const Ion*> find_untargeted(double mz, bool primary_only = true, int charge = 0) const;
    /// Targeted ions, ascending m/z (isotope or adduct of a co-eluting untargeted ion flagged).
    [[nodiscard]] const std::vector<Ion>& targeted() const noexcept { return targeted_; }
    /// Ions at `mz` computed from an *observed* ion (a partner, fragment, isotope or series step):
    /// no calibration offset (it is common to both), the relation tolerance.
    [[nodiscard]] std::vector<const Ion*> find_related(double mz, bool primary_only = true, int charge = 0) const;
    /// As find_related(), at the default tolerance (relations whose chance rate the decoys do not
    /// measure, e.g. the N-oxide's in-source partners of a matrix ion at a targeted position).
    [[nodiscard]] std::vector<const Ion*> find_related_default(double mz, bool primary_only = true, int charge = 0) const {
        return find_abs(mz, std::max(options_.mass_tolerance_ppm * 1e-6 * mz, quantum_), primary_only, charge);
    }
    [[nodiscard]] bool coelute(const signal::Feature& a, const signal::Feature& b) const;
    /// The apex tolerance of coelute().
    [[nodiscard]] double coelution_tolerance(const signal::Feature& a, const signal::Feature& b) const noexcept {
        return std::max(options_.coelution_s, 0.25 * (a.fwhm_s + b.fwhm_s));
    }
    [[nodiscard]] bool separated(const signal::Feature& a, const signal::Feature& b) const;
    /// ppm tolerance of a relation between two observed ions (series, partners).
    [[nodiscard]] double ppm() const noexcept { return related_ppm_; }
    /// ppm tolerance of a theoretical m/z: the default one, about the recalibrated m/z. (A single
    /// calibrant carries its own random error, and ions of a crude far from the calibrant in m/z
    /// and intensity scatter more than the run's 13C pairs: the relation tolerance is too tight.)
    [[nodiscard]] double theory_ppm() const noexcept { return options_.mass_tolerance_ppm; }
    /// m/z quantum of the run (0 for a continuous m/z axis), see mz_quantum().
    [[nodiscard]] double quantum() const noexcept { return quantum_; }
    [[nodiscard]] const MassPrecision& precision() const noexcept { return precision_; }
    /// Whether a calibrant was seen, its offset (ppm, observed - theoretical) and its m/z.
    [[nodiscard]] bool calibrated() const noexcept { return calibrated_; }
    [[nodiscard]] double calibration_ppm() const noexcept { return calibration_ppm_; }
    /// The theoretical m/z as this run measures it (calibration offset applied).
    [[nodiscard]] double corrected(double mz) const noexcept { return mz * (1.0 + calibration_ppm_ * 1e-6); }
    /// Absolute tolerance of a relation at `mz`: the relation ppm, or one quantum on a quantised run
    /// (half a quantum of rounding plus half of calibration error: unit-resolution quadrupoles are
    /// specified to about +-0.1 Da).
    [[nodiscard]] double tolerance(double mz) const noexcept { return std::max(related_ppm_ * 1e-6 * mz, quantum_); }
    /// Absolute tolerance of a theoretical m/z.
    [[nodiscard]] double theory_tolerance(double mz) const noexcept { return std::max(theory_ppm() * 1e-6 * mz, quantum_); }
    /// Whether two observed m/z `a` and `b` agree within the relation tolerance.
    [[nodiscard]] bool within(double a, double b) const noexcept {
        return std::abs(a - b) <= tolerance(std::max(a, b));
    }
    /// Whether an observed m/z agrees with a theoretical one.
    [[nodiscard]] bool matches(double observed, double theoretical) const noexcept {
        return std::abs(observed - corrected(theoretical)) <= theory_tolerance(theoretical);
    }
    /// Mass agreement as a score in [0, 1]: 1 - |error| / tolerance (0 outside). A chance match is
    /// spread evenly over the window (score uniform on [0, 1]); a real one sits near its centre.
    /// 0 on a quantised axis (the grid carries no sub-quantum information).
    [[nodiscard]] double closeness(double observed, double theoretical) const noexcept {
        if (quantum_ > 0.0) return 0.0;
        return std::max(0.0, 1.0 - std::abs(observed - corrected(theoretical)) / theory_tolerance(theoretical));
    }
    [[nodiscard]] std::size_t background_count() const noexcept { return background_; }
    /// Lowest and highest feature m/z of the run (the acquired range as far as the data show).
    [[nodiscard]] double min_mz() const noexcept { return ions_.empty() ? 0.0 : ions_.front().mz(); }
    [[nodiscard]] double max_mz() const noexcept { return ions_.empty() ? 0.0 : ions_.back().mz(); }
    [[nodiscard]] std::size_t primary_count() const noexcept;

private:
    void flag_isotopes();
    void flag_adducts();
    void flag_background();
    void flag_targeted();

    void calibrate(const std::vector<double>& calibrants);
    [[nodiscard]] std::vector<const Ion*> find_abs(double mz, double tol, bool primary_only, int charge) const;
    [[nodiscard]] static std::vector<const Ion*> find_in(const std::vector<Ion>& ions, double mz, double tol,
                                                         bool primary_only, int charge);

    ClassifierOptions options_;
    double quantum_ = 0.0;
    MassPrecision precision_;
    double related_ppm_ = 10.0;
    bool calibrated_ = false;
    double calibration_ppm_ = 0.0;
    std::vector<Ion> ions_;  // sorted by m/z
    std::vector<Ion> targeted_;  // sorted by m/z
    std::size_t background_ = 0;
};

/// Positions in `index.scans()` (ascending precursor m/z) of the MS2 scans whose precursor
/// matches the theoretical m/z `mz` (IonTable::matches), in precursor order: a binary search to
/// the window's low edge, then the contiguous run of matches.
[[nodiscard]] std::vector<std::size_t> precursor_positions(const IonTable& table, const signal::Ms2Index& index,
                                                           double mz);

/// The consensus MS2 of the scans whose precursor matches `mz` in the first of `runs` (nullptr:
/// no MS2) that holds any; empty when none does.
[[nodiscard]] signal::Ms2Consensus precursor_consensus(const IonTable& table,
                                                       const std::vector<const signal::Ms2Index*>& runs, double mz);

/// Target-decoy estimate of how often a pattern matches by chance in this run (after Elias &
/// Gygi, Nat. Methods 4 (2007) 207): the same search is repeated with its masses (or mass
/// differences) moved by decoy offsets far beyond the tolerance, and the chance rate of a match
/// at least as good as the target's is (decoys as good + 1) / (decoys + 1), the conservative
/// empirical estimate. A match counts only when that rate is <= kDecoyAlpha.
struct DecoyTest {
    double target = 0.0;       ///< score of the target search (0 = no match)
    std::size_t decoys = 0;
    std::size_t as_good = 0;   ///< decoys scoring >= target
    [[nodiscard]] double rate() const noexcept {
        return static_cast<double>(as_good + 1) / static_cast<double>(decoys + 1);
    }
    /// The customary 5 % false-discovery level of target-decoy searches.
    static constexpr double kAlpha = 0.05;
    /// A call resting on the per-ion chance rates alone, after the pattern's own decoy test found
    /// nothing: one sample's report tests the four by-product classes, so a family-wise 5 % chance
    /// of any false flag on a clean sample holds each class to 5 % / 4 (Bonferroni).
    static constexpr double kPerClassAlpha = kAlpha / 4.0;
    [[nodiscard]] bool significant() const noexcept { return target > 0.0 && rate() <= kAlpha; }
    /// "decoys matched as well in 3 of 40 (chance rate 0.10)".
    [[nodiscard]] std::string text() const;
};

/// Decoy offsets (Da): +-2 .. +-21 nominal units of 1.0005 Da (the mean mass per nominal unit of
/// CHNO ions, so a decoy keeps the mass-defect band of the target), 40 in all. +-1 is left out
/// (13C isotopes, H-transfer ions); the nearest chemical relation, CH2 (14.0157), differs from
/// 14 x 1.0005 by 0.009 Da, beyond a 10 ppm tolerance below m/z 900.
[[nodiscard]] const std::vector<double>& decoy_offsets();

/// The decoy offsets of decoy_offsets() (+-2 .. +-21 units) plus every further j x 1.0005 Da
/// (nearest first, at most `max_count` in all) that keeps each of `positions` inside the run's
/// observed m/z range [lo, hi]; beyond +-21 a decoy outside the range would be empty by
/// construction and make any target look rare. A pattern at a few m/z values (an isobaric pair, the
/// reaction's own N-oxides) is cheap to test, so it gets as many decoys as the range holds, which
/// resolves chance rates near 5 % (40 decoys cannot: one decoy as good gives 0.049, two 0.073).
[[nodiscard]] std::vector<double> range_decoy_offsets(double lo, double hi, const std::vector<double>& positions,
                                                      std::size_t max_count = 400);

/// Runs `score(offset)` at offset 0 (target) and at every decoy offset (decoy_offsets() unless
/// `offsets` is given); a decoy whose score is NaN (an offset that makes no sense for the pattern)
/// is left out.
template <class Score>
DecoyTest decoy_test(Score&& score, const std::vector<double>* offsets = nullptr) {
    DecoyTest t;
    t.target = score(0.0);
    if (!(t.target > 0.0)) return t;
    for (double off : offsets != nullptr ? *offsets : decoy_offsets()) {
        const double s = score(off);
        if (std::isnan(s)) continue;
        ++t.decoys;
        if (s >= t.target) ++t.as_good;
    }
    return t;
}

/// Shortest background-ladder chain (>= options.min_members) that is beyond chance among `masses`
/// (z x m/z of one charge state): the chain search repeated at the decoy spacings (the unit's mass
/// moved by decoy_offsets()) reaches that length in at most 5 % of the decoys. `longest` + 1 when
/// no length up to `longest` qualifies.
[[nodiscard]] std::size_t background_min_members(const std::vector<double>& masses, const chem::KendrickBase& base,
                                                 const chem::SeriesOptions& options, std::size_t longest);

/// Elution-profile agreement of two co-eluting features in [0, 1] (the features carry apex and
/// FWHM, not the profile): (1 - |apex difference| / co-elution tolerance) x (narrower FWHM / wider
/// FWHM). An in-source fragment or adduct is made from the same eluting molecules (same apex,
/// same width); a chance co-eluting ion is spread over the co-elution window.
[[nodiscard]] double profile_agreement(const IonTable& table, const signal::Feature& a, const signal::Feature& b);

/// Evidence that one ion *is* a given species, read from the ion itself (per-hit specificity):
/// what a chance feature at the same m/z rarely shows in a feature-rich run.
///  - its own 13C isotope peaks (the M+1, M+2 trace the feature finder assigned, else co-eluting
///    features at +1.0034/z, +2.0067/z with the same elution profile) in the relative intensities
///    of the species' formula (chem::isotope_pattern, chem::score_isotopes);
///  - co-eluting ions of the same neutral ([M+Na]+ +21.9819, [M+K]+ +37.9559, [M+NH4]+ +17.0265,
///    [M+2H]2+), each a separate ionisation of the same eluting molecules;
///  - the mass error after recalibration (IonTable::closeness, uniform for a chance match);
///  - a caller's retention-time plausibility (e.g. more alkylated = later on reversed phase).
struct SpeciesHit {
    const Ion* ion = nullptr;
    double expected = 0.0;        ///< theoretical m/z searched (moved by the decoy offset)
    double isotope_score = -1.0;  ///< chem::score_isotopes of the observed isotope peaks, -1: none observed
    int isotope_peaks = 0;        ///< isotope peaks observed (own trace or co-eluting features)
    int partners = 0;             ///< distinct co-eluting adducts / charge states of the same neutral
    double closeness = 0.0;
    double rt_bonus = 0.0;        ///< the caller's retention-time plausibility, [0, 1]
    /// Ordinal strength compared between a target position and its decoy positions: 1 for the
    /// m/z, + closeness, + 2 x (isotope score - 0.5) when the isotopes agree (+0.5 for >= 2 isotope
    /// peaks), + 1 per partner (at most 2), + rt_bonus.
    [[nodiscard]] double strength() const noexcept;
    [[nodiscard]] bool isotopes_agree() const noexcept { return isotope_score > 0.5; }
    /// "isotopes agree (2 peaks), with [M+Na]+" or "".
    [[nodiscard]] std::string signs() const;
};

/// Isotope agreement below which the ion is another compound (when isotopes were observed).
inline constexpr double kIsotopeReject = 0.05;

/// The best ion at `ion_formula`'s m/z + `offset` (any ion may be the species: a flag as another
/// ion's isotope or adduct can be coincidence in a dense run; decoys see the same), scored as
/// above; `neutral`: the species takes adducts (false for a permanent cation); `rt_bonus` maps a
/// candidate ion to its retention-time plausibility (nullptr: none). Ions whose observed isotopes
/// contradict the formula (score < kIsotopeReject) are skipped.
template <class RtBonus>
SpeciesHit species_hit(const IonTable& table, const chem::Formula& ion_formula, double offset, bool neutral,
                       RtBonus&& rt_bonus);
SpeciesHit species_hit(const IonTable& table, const chem::Formula& ion_formula, double offset, bool neutral);

/// Whether the weaker trace `weaker` lies inside the elution of `mono`: its whole elution range and
/// its apex within mono's range. An isotope trace is made of the same eluting molecules, but being
/// weaker it falls below the noise earlier on both flanks, so at low S/N its measured apex and FWHM
/// scatter (a tailing or split peak moves the stronger trace's apex, the weaker trace keeps the
/// first maximum): its range is still nested in the monoisotopic one's.
[[nodiscard]] bool within_elution(const signal::Feature& mono, const signal::Feature& weaker);

/// Observed isotope peaks of `ion` relative to it (M+1, M+2 ...; 0 where not seen) for charge `z`:
/// the feature's own trace, else features at the 13C spacings that are weaker than the ion and
/// either share its elution profile (profile_agreement >= 0.5) or lie inside its elution
/// (within_elution). The decoy positions of every per-hit test are read the same way, so a looser
/// reading raises the decoys' strength as much as a chance target's.
[[nodiscard]] std::vector<double> observed_isotopes(const IonTable& table, const Ion& ion, int z);
/// Which adducts adduct_partners() counts: all four, or only the singly charged cation adducts.
enum class AdductPartners { all, singly_charged };
/// Distinct co-eluting [M+Na]+, [M+K]+, [M+NH4]+ and (with AdductPartners::all) [M+2H]2+ of the
/// neutral whose [M+H]+ is `ion`.
[[nodiscard]] int adduct_partners(const IonTable& table, const Ion& ion, AdductPartners which = AdductPartners::all);

/// Per-hit chance rate: how often a decoy position (the species' m/z moved by every in-range
/// decoy offset, range_decoy_offsets) holds an ion with evidence at least as strong as the target
/// hit's. `hit_at(offset)` returns the SpeciesHit at that offset.
template <class HitAt>
DecoyTest hit_decoy_test(const IonTable& table, double mz, HitAt&& hit_at) {
    const auto offsets = range_decoy_offsets(table.min_mz(), table.max_mz(), {mz});
    return decoy_test([&](double off) { return hit_at(off).strength(); }, &offsets);
}

/// Chance probability of a pattern of m tested positions whose hits have per-hit chance rates
/// `rates` (one per position with a hit): the smallest binomial tail P(Bin(m, r_(k)) >= k) over
/// the k-th smallest rate r_(k) (k of m positions as good by chance). One very specific hit or
/// several moderately specific ones both count.
[[nodiscard]] double combined_chance(std::vector<double> rates, std::size_t positions);

/// Whether a class may be called on per-ion chance rates alone (their combined_chance), the
/// pattern's decoy test having found nothing: at most DecoyTest::kPerClassAlpha.
[[nodiscard]] inline bool per_ion_call(double combined) noexcept { return combined <= DecoyTest::kPerClassAlpha; }

/// Calibrants of a reaction: the product's [M+H]+ (the major component of a crude), then the
/// starting amine's; empty without a model product.
[[nodiscard]] std::vector<double> model_calibrants(const chem::ReactionModel& model);

/// " (m/z tolerance 3.2 ppm from the run's 13C spacings, recalibrated by -2.1 ppm on the product)"
/// or "" when the run's default tolerance applies.
[[nodiscard]] std::string precision_text(const IonTable& table);

/// "targeted extraction at m/z 291.1856, S/N 4.8 (below the untargeted limit 10)" for a targeted
/// feature (signal::Feature::targeted).
[[nodiscard]] std::string targeted_text(const signal::Feature& f);

/// An "ms_ion" evidence entry; a targeted feature's label says so (targeted_text).
Evidence ms_evidence(const signal::Feature& f, double expected_mz, const std::string& formula,
                     const std::string& adduct, const std::string& label);

/// Shortest round-trip text of a number with `digits` decimals.
std::string fixed(double v, int digits);

template <class RtBonus>
SpeciesHit species_hit(const IonTable& table, const chem::Formula& ion_formula, double offset, bool neutral,
                       RtBonus&& rt_bonus) {
    SpeciesHit best;
    const int z = std::max(1, std::abs(ion_formula.charge()));
    best.expected = ion_formula.mz() + offset;
    const auto predicted = chem::isotope_pattern(ion_formula);
    for (const auto* ion : table.find(best.expected, false, z)) {
        SpeciesHit c;
        c.expected = best.expected;
        c.ion = ion;
        const auto obs = observed_isotopes(table, *ion, z);
        for (double v : obs) c.isotope_peaks += v > 0.0 ? 1 : 0;
        if (c.isotope_peaks > 0) {
            c.isotope_score = chem::score_isotopes(obs, predicted).score;
            if (c.isotope_score < kIsotopeReject) continue;
        }
        c.partners = neutral && z == 1 ? adduct_partners(table, *ion) : 0;
        c.closeness = table.closeness(ion->mz(), best.expected);
        c.rt_bonus = rt_bonus(*ion);
        if (c.strength() > best.strength()) best = c;
    }
    return best;
}

}  // namespace sidepeak::classify::detail

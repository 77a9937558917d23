#pragma once
/// Annotation of MS/MS fragment peaks by exact neutral losses from the precursor ion and by known
/// fragment ions, within a ppm tolerance, charge-aware and isotope-aware.
///
/// Rules (facts the detectors read from the annotations, not decided here):
///  - N-oxides [M+H]+ lose O (15.9949) and the radical OH* (17.0027), and by Cope-type
///    elimination R2N-OH (Me2NOH 61.0528 for a dimethylamino N-oxide); fragments that keep the
///    oxidised nitrogen carry +O. C-hydroxylated isomers lose H2O (18.0106) instead and keep +O on
///    the carbon side. Ramanathan R. et al., "Liquid chromatography/mass spectrometry methods for
///    distinguishing N-oxides from hydroxylated compounds", Anal. Chem. 2000, 72, 1352-1359;
///    Holčapek M., Jirásko R., Lísa M., "Basic rules for the interpretation of atmospheric pressure
///    ionization mass spectra of small molecules", J. Chromatogr. A 2010, 1217, 3908-3921, and
///    Holčapek et al., J. Mass Spectrom. 2010 (fragmentation of N-oxides and sulfoxides).
///  - Sulfoxides lose CH3SOH (63.9983) or SO (47.9670) (same references).
///  - Benzylic amines and quaternary benzylammonium ions give the tropylium/benzyl ion C7H7+
///    (91.0542); quaternary ammonium ions lose a neutral alkene (Hofmann-type, C2H4 28.0313);
///    amines give iminium ("immonium") ions by alpha-cleavage. McLafferty F. W., Tureček F.,
///    "Interpretation of Mass Spectra", 4th ed., University Science Books 1993, chapters 8-9.
///  - Even-electron precursors usually lose even-electron neutrals (the "even-electron rule",
///    Karni M., Mandelbaum A., Org. Mass Spectrom. 1980, 15, 53); the OH* loss of N-oxides is a
///    documented exception and is diagnostic for that reason.
#include <string>
#include <vector>

#include "sidepeak/chem/formula.hpp"

namespace sidepeak::chem {

/// A neutral loss the annotator looks for.
struct NeutralLoss {
    std::string name;     ///< "H2O", "OH*", "Me2NOH", ...
    Formula formula;      ///< neutral formula (radicals allowed: "OH")
    std::string meaning;  ///< what the loss tells, for reports
};

/// The built-in list: O, OH* (radical), H2O, NH3, C2H4 (Hofmann alkene), Me2NH (C2H7N),
/// Me2NOH (C2H7NO, Cope), CH3SOH (CH4OS), SO, CO, CH2O, HCl, the repeat unit of the diazepane
/// oligomers (C5H12N2) and the increments of the reagent table.
const std::vector<NeutralLoss>& diagnostic_losses();

/// A fragment ion the annotator looks for (independently of the precursor).
struct FragmentIon {
    std::string name;     ///< "tropylium", "dimethyliminium", ...
    Formula formula;      ///< charged formula, e.g. "C7H7+"
    std::string meaning;
};

/// The built-in list: tropylium C7H7+ 91.0542, iminium ions of amines (CH2=NH2+ C H4N+, C2H6N+,
/// C3H8N+ 58.0651 dimethyliminium), their N-oxide (+O) counterparts (C3H8NO+ 74.0600), ring
/// iminium ions of piperazine/diazepane rings (C4H8N+ 70.0651, C3H6N+ 56.0495, C5H11N2+ 99.0917).
const std::vector<FragmentIon>& diagnostic_fragment_ions();

enum class FragmentKind { precursor, loss, ion, isotope, unassigned };

/// One observed peak with what it was matched to.
struct FragmentAnnotation {
    double mz = 0.0;
    double intensity = 0.0;
    double relative_intensity = 0.0;  ///< to the most intense peak of the list (0..1)
    FragmentKind kind = FragmentKind::unassigned;
    std::string label;                ///< "[M+H-H2O]+", "C7H7+ (tropylium)", "13C of 250.1590", ...
    Formula formula;                  ///< fragment ion formula (with charge); empty when unassigned
    Formula loss;                     ///< neutral loss from the precursor (empty for ions and the precursor)
    std::string loss_name;            ///< "H2O", "Me2NH + H2O", ... ("" when not a loss)
    double expected_mz = 0.0;         ///< m/z of `formula`
    double ppm_error = 0.0;           ///< (observed - expected) / expected * 1e6
    int charge = 0;                   ///< signed charge of the fragment ion
    int isotope_shift = 0;            ///< 1 for an M+1 (13C) peak of another annotated peak, 2 for M+2 ...
};

struct FragmentOptions {
    double tolerance_ppm = 10.0;
    /// Absolute floor of the tolerance in m/z (low-m/z fragments on a TOF: 10 ppm of m/z 58 is 0.6 mDa).
    double tolerance_floor_mz = 0.001;
    int max_losses = 2;                    ///< combinations of up to this many losses from the list ("Me2NH + H2O")
    std::vector<NeutralLoss> extra_losses; ///< searched besides diagnostic_losses() (e.g. the run's reagent)
    std::vector<FragmentIon> extra_ions;
    /// Peaks below this fraction of the base peak are not annotated (reported unassigned).
    double min_relative_intensity = 0.0;
};

/// Annotates `mz`/`intensity` (a centroid fragment list, any order) against the precursor ion
/// `precursor` (a charged formula, e.g. "C20H27N2O+"; its charge gives the fragments' charge).
/// Each peak gets the best match: the precursor itself, a loss (or combination of losses) that
/// leaves a formula with no negative count, or a listed fragment ion, with the smallest |ppm|;
/// single losses beat combinations within 1 ppm. Isotope-aware: a peak at +1.00336/z (or +2 x) of
/// an annotated peak, no more intense than 60 % of it (M+1 of organic ions below m/z ~1000), is its
/// isotope peak and not a separate loss. Results are in the order of the input peaks.
/// Throws UsageError when `precursor` is neutral or the arrays differ in length.
std::vector<FragmentAnnotation> annotate_fragments(const Formula& precursor, const std::vector<double>& mz,
                                                   const std::vector<double>& intensity, const FragmentOptions& options = {});

/// The annotations whose loss is `name` (e.g. "OH*"), alone (not in a combination).
std::vector<const FragmentAnnotation*> find_loss(const std::vector<FragmentAnnotation>& annotations, std::string_view name);
/// The annotation of fragment ion `formula` (e.g. Formula("C7H7+")), whatever its label, or nullptr.
const FragmentAnnotation* find_ion(const std::vector<FragmentAnnotation>& annotations, const Formula& formula);

}  // namespace sidepeak::chem

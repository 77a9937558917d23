#pragma once
// Data-dependent MS2 for the LC-MS spike-in: a top-N survey/MS2 cycle with an intensity threshold,
// an apex trigger and dynamic exclusion selects precursors among the spiked ions and the run's own
// MS1 peaks; each selected spiked ion gets an MS2 scan whose fragment list follows published
// fragmentation rules for its compound type (docs/validation.md, "Data-dependent MS2"). Fragment
// formulas and masses come from chem::Formula; nothing is shared with the detectors.
#include <cstddef>
#include <string>
#include <vector>

#include "labelled.hpp"
#include "ms_injector.hpp"
#include "spike_random.hpp"
#include "sidepeak/chem/formula.hpp"
#include "sidepeak/core/ms_data.hpp"

namespace sidepeak::spikein {

/// Which fragmentation rules apply to a compound.
enum class FragmentModel {
    amine,        ///< protonated secondary/tertiary amine (diazepane ring, N-substituents)
    n_oxide,      ///< tertiary amine N-oxide (ring N bearing the substituent oxidised)
    c_hydroxyl,   ///< C-hydroxylated amine (+O on a carbon)
    quaternary,   ///< permanent quaternary ammonium cation (M+)
    ring_opened,  ///< Hofmann ring-opened tertiary amine (vinyl chain, dialkylamino end)
    oligomer,     ///< linear (C5H12N2)n polyamine
    peg,          ///< polyethylene glycol
    siloxane,     ///< cyclic polydimethylsiloxane
    unknown,      ///< structure not modelled: random fragment peaks below the precursor
};

/// An N-substituent, as a radical formula (benzyl C7H7, methyl CH3, Boc C5H9O2).
struct Substituent {
    chem::Formula group;
    std::string alkene;     ///< alkene a beta-H elimination releases ("" without beta-H)
    bool benzylic = false;  ///< ArCH2-: its cation (tropylium-type) forms
    bool boc = false;       ///< tert-butyl carbamate: C4H8 then CO2 losses
};

/// What the fragmentation rules need to know about one compound.
struct FragmentSource {
    FragmentModel model = FragmentModel::unknown;
    std::vector<Substituent> substituents;  ///< on the nitrogens (quaternary: on the charged N)
    bool free_nh = false;                   ///< an N-H left (NH3 loss)
    bool ring = false;                      ///< a 1,4-diazepane ring (ring-cleavage imine losses)
    bool ring_quaternary = false;           ///< the charged N is in the ring (loss of R2NH after ring opening)
    chem::Formula repeat;                   ///< oligomer, PEG, siloxane repeat unit
    int units = 0;
};

/// One fragment peak of a rule set: its ion formula (with charge) and relative intensity.
struct FragmentPeak {
    chem::Formula ion;
    double relative = 0.0;
    std::string rule;  ///< e.g. "-O", "-OH*", "C7H7+"
};

/// Fragment peaks of `ion` (the precursor's charged formula; `ion_label` its ESI label such as
/// "[M+H]+", "[M+Na]+", "M+") under the rules of `source`. `energy` in [0, 1]: position of the
/// collision energy in its typical range (higher: less precursor, more small fragments). The
/// surviving precursor is included (rule "precursor"); noise peaks are not.
std::vector<FragmentPeak> fragment_peaks(const FragmentSource& source, const chem::Formula& ion, const std::string& ion_label,
                                         double energy, SpikeRandom& rng);

/// One spiked ion the DDA may select: the monoisotopic line of an ESI ion of a simulated compound.
struct PrecursorCandidate {
    std::string species;
    std::string ion_label;
    chem::Formula ion;
    FragmentSource source;
    double height = 0.0;  ///< apex intensity of the monoisotopic line
    ElutionShape shape;
    bool byproduct = false;  ///< the compound is a by-product of the ground truth
};

/// Acquisition settings drawn for one sample (docs/validation.md, "Data-dependent MS2").
struct DdaSettings {
    int top_n = 5;
    double threshold = 0.0;          ///< minimum survey intensity of a precursor
    double apex_fraction = 0.0;      ///< spiked ions trigger at or above this fraction of their apex
    double exclusion_s = 15.0;       ///< dynamic exclusion duration
    int repeat_count = 1;            ///< selections before exclusion
    double exclusion_ppm = 10.0;
    double isolation_width = 1.5;    ///< Th
    Activation activation = Activation::hcd;
    EnergyUnit energy_unit = EnergyUnit::percent;
    double collision_energy = 30.0;
    double energy01 = 0.5;           ///< its position in the activation's typical range
};

/// Adds simulated MS2 scans to `spiked` (the run after MS1 injection; `original` is the same run
/// before it, `traits` their MS1 scans). Only runs that already hold data-dependent MS2 scans get
/// any: an MS1-only run or a data-independent one (isolation windows wider than 4 Th) is left as
/// it is and the result says so. New scans are
/// placed after the last scan of their survey cycle, before the next MS1 scan; every spectrum's
/// index is renumbered. Records one entry per candidate (scans, or none when DDA missed it).
struct DdaOutcome {
    bool dda_run = false;  ///< the run had data-dependent MS2 scans, so DDA was simulated
    DdaSettings settings;
    std::vector<SpikedIonMs2> ions;  ///< parallel to the candidates
};
DdaOutcome simulate_dda(const MsRun& original, MsRun& spiked, const RunTraits& traits,
                        const std::vector<PrecursorCandidate>& candidates, SpikeRandom& rng);

}  // namespace sidepeak::spikein

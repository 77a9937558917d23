#pragma once
// A labelled validation sample made by adding simulated by-product signals to a real
// instrument file (spike-in) or drawn from a randomised scenario space. The simulators in this
// folder take their chemistry from the literature ranges of docs/validation.md, never from the
// detectors in src/classify: a detector must not know where a simulator puts a signal.
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "sidepeak/core/ms_data.hpp"
#include "sidepeak/core/nmr_data.hpp"

namespace sidepeak::spikein {

/// Which by-product classes are present in the sample (ground truth).
struct Truth {
    bool oligomer = false;
    bool over_alkylation = false;
    bool n_oxide = false;
    bool hofmann = false;
};

/// What the simulated data-dependent acquisition did with one spiked ion (LC-MS spike-in).
struct SpikedIonMs2 {
    std::string species;           ///< e.g. "N-oxide of product"
    std::string ion;               ///< ESI label, e.g. "[M+H]+"
    std::string formula;           ///< ion formula with charge, e.g. "C12H19N2O+"
    double mz = 0.0;               ///< exact m/z of the monoisotopic line
    int charge = 1;
    double apex_rt_s = 0.0;
    bool byproduct = false;        ///< the compound is a by-product of the ground truth
    std::vector<std::size_t> spectra;  ///< positions in the sample's run of its MS2 scans (empty: missed)
};

/// One labelled sample, held in memory (NMR data and/or an LC-MS run).
struct LabelledSample {
    std::string id;          ///< unique within a set, e.g. "nmr-strychnine-0042"
    std::string family;      ///< scenario family used for held-out splits, e.g. "benzyl/CDCl3"
    std::string background;  ///< the real file the signals were added to ("" for none)
    Truth truth;
    std::string product;     ///< product formula as an analyst would give it, e.g. "C12H18N2"
    std::string reagent;     ///< reagent name or increment formula, e.g. "benzyl"
    double level = 0.0;      ///< abundance of the strongest by-product (fraction of the product), 0 for negatives
    std::vector<std::string> traps;  ///< traps placed in the sample (e.g. "ch2cl2_singlet", "c_hydroxylation")
    /// Real-world variations the sample carries (docs/validation.md, "Variation tags"), e.g.
    /// "salt", "solvent:D2O", "linewidth:2-6Hz" (NMR) or "resolution:high", "adduct:Na",
    /// "noxide:before" (LC-MS). A tag is listed only when the sample actually holds it.
    std::vector<std::string> variations;
    /// LC-MS spike-in: one entry per spiked ion the simulated DDA considered (empty for runs
    /// without MS2 and for NMR samples).
    std::vector<SpikedIonMs2> ms2;
    std::optional<NmrData> nmr;
    std::optional<MsRun> lcms;
};

}  // namespace sidepeak::spikein

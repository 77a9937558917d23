#pragma once
// A labelled validation sample made by adding simulated by-product signals to a real
// instrument file (spike-in) or drawn from a randomised scenario space. The simulators in this
// folder take their chemistry from the literature ranges of docs/validation.md, never from the
// detectors in src/classify: a detector must not know where a simulator puts a signal.
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
    std::optional<NmrData> nmr;
    std::optional<MsRun> lcms;
};

}  // namespace sidepeak::spikein

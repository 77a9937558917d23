#pragma once
// Reagent inference when the context gives the product only: one product formula can be reached
// by several increments of the reagent table (C7H16N2 is 1-ethyl- or 1,4-dimethyl-1,4-diazepane),
// so the candidates are ranked by what the data show, not by table order.
#include <string>
#include <vector>

#include "sidepeak/chem/reaction_model.hpp"
#include "sidepeak/classify/classifier.hpp"

namespace sidepeak::classify {
struct Ms2Access;
}

namespace sidepeak::classify::detail {

class IonTable;

struct ReagentChoice {
    const chem::Reagent* reagent = nullptr;  ///< nullptr when no table increment reaches the product
    double score = 0.0;
    std::string why;                         ///< the evidence that decided, for the report
    int candidates = 0;                      ///< table increments that reach the product
};

/// Ranks the reagent table's increments that turn 1,4-diazepane into `product`:
/// LC-MS: ladder members of that increment (other than the product) seen as [M+H]+ (quaternary
/// cations as M+), one point each; NMR: the reagent's diagnostic substituent signal in the
/// product's stoichiometry (0.5-1.5x per ring C6-H2), two points. Ties go to the fewest
/// alkylations (mono-substitution is the usual target), then to table order.
ReagentChoice infer_reagent(const std::string& product, const signal::NmrResult* nmr,
                            const std::vector<signal::Feature>& features, const ClassifierOptions& options);
/// As above, on the ion table of the features without calibrants (classify() builds it once).
ReagentChoice infer_reagent(const std::string& product, const signal::NmrResult* nmr, const IonTable& table);

/// A whole context (product and reagent) read from an LC-MS run when none was given: the product
/// of a reaction is the mixture's major component, so a candidate product (1,4-diazepane with one
/// or two increments of a table reagent) must be among the run's most intense features (top 1 %
/// and at least 10x the median feature intensity) as [M+H]+ with its 13C isotope peak co-eluting
/// in the formula's ratio (+-35 %, the ratio error of a centroided M+1 at S/N >= 30). Empty when no
/// candidate qualifies or two qualify equally.
struct InferredContext {
    std::string product;  ///< formula, empty when nothing qualified
    const chem::Reagent* reagent = nullptr;
    std::string why;
};
InferredContext infer_context_from_ms(const std::vector<signal::Feature>& features, const ClassifierOptions& options);
/// As above, with `table` the ion table of `features` without calibrants (classify() builds it once).
/// `ms2` (optional) maps `features` to their runs' MS2 scans: a candidate below the top 1 % that
/// lacks its isotope-and-adduct evidence also counts when its MS2 shows >= 2 of the diazepane's
/// predicted fragments (tropylium, ring alpha-cleavage losses) and that chance over the run's other
/// MS2 scans, combined with its m/z decoy rate (Fisher), is below 0.05 / candidates.
InferredContext infer_context_from_ms(const std::vector<signal::Feature>& features, const IonTable& table,
                                      const Ms2Access* ms2 = nullptr);

/// Rule c, for a run whose scan range starts above the candidate products: when a table reagent's
/// mono- and dialkylated diazepane [M+H]+ both lie outside the run's m/z range, the product cannot
/// show, but the quaternary cation of three increments (the over-alkylated salt, M+) can. The runs'
/// features below the untargeted limit at that cation and at its decoy steps join (targeted
/// extraction); the cation counts when its isotope peaks, where observed, agree with the formula
/// and its m/z match is beyond chance at every in-range decoy position at 0.05 / candidates (the
/// level of rules a and b), alone or combined (Fisher) with its MS2's chance; or when the cation's
/// m/z elutes at two retention times with at least one a data-dependent MS2 precursor outside the
/// features there (the salt and its isobaric ring-opened Hofmann amine), a pair as rare among the
/// in-range decoy positions at the same level. The product is then
/// taken as the mono-substituted diazepane (the usual target). Empty when nothing qualifies; a
/// run without such a cation stays without context.
InferredContext infer_context_from_quaternary(const ClassifierInput& input, const std::vector<signal::Feature>& features,
                                              const Ms2Access& ms2);

}  // namespace sidepeak::classify::detail

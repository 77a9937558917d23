#pragma once
// Scores the classifier on labelled samples: per-class confusion counts, trap flags, a
// reliability table of the reported confidence, per-family results and detection limits.
#include <array>
#include <map>
#include <string>
#include <vector>

#include "labelled.hpp"
#include "sidepeak/classify/classifier.hpp"
#include "sidepeak/pipeline/analyze.hpp"

namespace sidepeak::spikein {

struct ClassCounts {
    int tp = 0, fp = 0, fn = 0, tn = 0;
    [[nodiscard]] double precision() const { return tp + fp > 0 ? static_cast<double>(tp) / (tp + fp) : 1.0; }
    [[nodiscard]] double recall() const { return tp + fn > 0 ? static_cast<double>(tp) / (tp + fn) : 1.0; }
};

/// One sample's outcome: the truth and the four findings' calls.
struct Outcome {
    std::string id, family;
    Truth truth;
    std::array<bool, 4> detected{};
    std::array<double, 4> p_present{};  ///< the tool's probability that the class is present
    std::array<double, 4> evidence_llr{};  ///< the merged evidence before calibration (Finding::evidence_llr)
    std::array<bool, 4> checked{};      ///< the class could be checked (some evidence was read)
    std::array<std::string, 4> summary;
    bool trap_flag = false;             ///< a class called on a sample whose traps say it is absent
    double level = 0.0;
    std::string error;                  ///< processing failed (counted as "nothing detected")
};

/// Reliability bin: findings whose p_present lies in [lo, hi).
struct ReliabilityBin {
    double lo = 0.0, hi = 0.0;
    int count = 0, present = 0;
    double mean_p = 0.0;
};

struct Evaluation {
    std::array<ClassCounts, 4> classes{};  ///< kAllClasses order
    int samples = 0, trap_samples = 0, trap_flags = 0, errors = 0;
    std::vector<ReliabilityBin> reliability;
    std::map<std::string, std::array<ClassCounts, 4>> families;
    std::vector<Outcome> outcomes;
};

/// Truth of one class.
bool truth_of(const Truth& t, classify::ByproductClass c);

/// Processes every sample (NMR and/or LC-MS) with `options` and classifies it with the sample's
/// context when `with_context`, else with none. Uses up to `jobs` threads; results are in input order.
Evaluation evaluate(const std::vector<LabelledSample>& samples, bool with_context,
                    const pipeline::AnalysisOptions& options = {}, unsigned jobs = 0);

/// The same samples scored with their context ([0]) and without any ([1]), each sample processed
/// once.
std::array<Evaluation, 2> evaluate_both(const std::vector<LabelledSample>& samples,
                                        const pipeline::AnalysisOptions& options = {}, unsigned jobs = 0);

/// Markdown tables: per-class confusion, reliability, per family, and the misses (first `max_rows`).
std::string markdown(const Evaluation& e, const std::string& title, std::size_t max_rows = 40);

/// Every outcome as tab-separated rows (table, context, id, family, level, truth, called, then each
/// class's evidence LLR and summary), so hits can be read as well as misses. A header row when
/// `header`.
std::string outcomes_tsv(const Evaluation& e, const std::string& table, bool with_context, bool header);

/// What the classifier did on the samples carrying one trap or variation tag.
struct TagStats {
    std::string tag;
    bool trap = false;                    ///< from LabelledSample::traps (else ::variations)
    int samples = 0;
    int samples_with_false_call = 0;      ///< samples where a class absent in the truth was called
    int absent = 0, false_calls = 0;      ///< findings of absent classes, and those called
    std::array<ClassCounts, 4> classes{}; ///< kAllClasses order
    [[nodiscard]] int present() const;    ///< findings of present classes (tp + fn over the classes)
    [[nodiscard]] int found() const;      ///< of those, called (tp)
    /// found / present (1 when no class is present).
    [[nodiscard]] double recall() const { return present() > 0 ? static_cast<double>(found()) / present() : 1.0; }
};

/// Per-tag results: one entry per trap tag (first, sorted) and per variation tag (sorted).
/// `samples` must be the set `e` was evaluated on (outcomes are matched by position).
std::vector<TagStats> tag_stats(const Evaluation& e, const std::vector<LabelledSample>& samples);

/// Markdown table of tag_stats: samples, false calls on absent classes, recall of present classes.
std::string variation_table(const Evaluation& e, const std::vector<LabelledSample>& samples);

}  // namespace sidepeak::spikein

#include "evaluate.hpp"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <sstream>
#include <thread>

#include "sidepeak/signal/lcms_pipeline.hpp"
#include "sidepeak/signal/ms2_index.hpp"
#include "sidepeak/signal/nmr_pipeline.hpp"

namespace sidepeak::spikein {
namespace {

using classify::ByproductClass;

Outcome blank_outcome(const LabelledSample& s) {
    Outcome o;
    o.id = s.id;
    o.family = s.family;
    o.truth = s.truth;
    o.level = s.level;
    return o;
}

void finish_outcome(Outcome& o, const LabelledSample& s) {
    for (std::size_t c = 0; c < 4; ++c) {
        if (!s.traps.empty() && o.detected[c] && !truth_of(s.truth, classify::kAllClasses[c])) o.trap_flag = true;
    }
}

/// Processes the sample once and classifies it with its context ([0]) and without ([1]); only
/// the requested ones are filled.
std::array<Outcome, 2> score_one(const LabelledSample& s, bool with_context, bool without_context,
                                 const pipeline::AnalysisOptions& options) {
    std::array<Outcome, 2> out{blank_outcome(s), blank_outcome(s)};
    try {
        std::optional<signal::NmrResult> nmr;
        std::optional<signal::LcmsResult> ms;
        classify::ClassifierInput in;
        if (s.nmr) {
            nmr = signal::process_nmr(*s.nmr, options.nmr);
            in.nmr.push_back(&*nmr);
        }
        std::optional<signal::Ms2Index> ms2;
        if (s.lcms) {
            ms = signal::process_lcms(*s.lcms, options.lcms);
            in.lcms.push_back(&*ms);
            // MS2 reaches the classifier as in pipeline::analyze_sample: an index of the run's MS2
            // scans at the run's m/z tolerance, none for a run without MS2.
            const bool has_ms2 = std::any_of(s.lcms->spectra.begin(), s.lcms->spectra.end(),
                                             [](const MsSpectrum& sp) { return sp.ms_level == 2; });
            if (has_ms2) {
                signal::Ms2IndexOptions mo;
                mo.tolerance_ppm = options.lcms.mass_tolerance_ppm;
                ms2.emplace(*s.lcms, mo);
                in.ms2.push_back(ms2->size() > 0 ? &*ms2 : nullptr);
            } else {
                in.ms2.push_back(nullptr);
            }
        }
        in.options = options.classify;
        for (std::size_t k = 0; k < 2; ++k) {
            if ((k == 0 && !with_context) || (k == 1 && !without_context)) continue;
            in.context = k == 0 ? pipeline::resolve_context(s.product, s.reagent) : classify::SampleContext{};
            const auto findings = classify::classify_sample(in);
            for (std::size_t c = 0; c < 4 && c < findings.size(); ++c) {
                const auto& f = findings[c];
                out[k].detected[c] = f.detected;
                out[k].p_present[c] = f.detected ? f.confidence : (f.checked ? 1.0 - f.confidence : 0.5);
                out[k].evidence_llr[c] = f.evidence_llr;
                out[k].checked[c] = f.checked;
                out[k].summary[c] = f.summary;
            }
        }
    } catch (const std::exception& e) {
        for (auto& o : out) {
            o.error = e.what();
            o.p_present.fill(0.5);
        }
    }
    for (auto& o : out) finish_outcome(o, s);
    return out;
}

std::string fixed(double v, int digits) {
    std::ostringstream os;
    os.setf(std::ios::fixed);
    os.precision(digits);
    os << v;
    return os.str();
}

std::string code(const std::array<bool, 4>& v) {
    const char letters[4] = {'o', 'a', 'n', 'h'};
    std::string s;
    for (std::size_t c = 0; c < 4; ++c) s += v[c] ? letters[c] : '-';
    return s;
}

}  // namespace

bool truth_of(const Truth& t, classify::ByproductClass c) {
    switch (c) {
        case ByproductClass::oligomer: return t.oligomer;
        case ByproductClass::over_alkylation: return t.over_alkylation;
        case ByproductClass::n_oxide: return t.n_oxide;
        case ByproductClass::hofmann: return t.hofmann;
    }
    return false;
}

namespace {

Evaluation tally(const std::vector<LabelledSample>& samples, std::vector<Outcome> outcomes);

}  // namespace

std::array<Evaluation, 2> evaluate_both(const std::vector<LabelledSample>& samples,
                                        const pipeline::AnalysisOptions& options, unsigned jobs) {
    std::vector<Outcome> with(samples.size()), without(samples.size());
    std::atomic<std::size_t> next{0};
    auto worker = [&] {
        for (std::size_t i = next++; i < samples.size(); i = next++) {
            auto both = score_one(samples[i], true, true, options);
            with[i] = std::move(both[0]);
            without[i] = std::move(both[1]);
        }
    };
    if (jobs == 0) jobs = std::max(1u, std::thread::hardware_concurrency());
    {
        std::vector<std::jthread> pool;
        for (unsigned t = 1; t < jobs; ++t) pool.emplace_back(worker);
        worker();
    }
    return {tally(samples, std::move(with)), tally(samples, std::move(without))};
}

Evaluation evaluate(const std::vector<LabelledSample>& samples, bool with_context, const pipeline::AnalysisOptions& options,
                    unsigned jobs) {
    std::vector<Outcome> outcomes(samples.size());
    std::atomic<std::size_t> next{0};
    auto worker = [&] {
        for (std::size_t i = next++; i < samples.size(); i = next++)
            outcomes[i] = std::move(score_one(samples[i], with_context, !with_context, options)[with_context ? 0 : 1]);
    };
    if (jobs == 0) jobs = std::max(1u, std::thread::hardware_concurrency());
    {
        std::vector<std::jthread> pool;
        for (unsigned t = 1; t < jobs; ++t) pool.emplace_back(worker);
        worker();
    }
    return tally(samples, std::move(outcomes));
}

namespace {

Evaluation tally(const std::vector<LabelledSample>& samples, std::vector<Outcome> outcomes) {
    Evaluation e;
    e.outcomes = std::move(outcomes);
    e.reliability.resize(10);
    for (std::size_t b = 0; b < 10; ++b) {
        e.reliability[b].lo = 0.1 * static_cast<double>(b);
        e.reliability[b].hi = 0.1 * static_cast<double>(b + 1);
    }
    for (std::size_t i = 0; i < samples.size(); ++i) {
        const auto& o = e.outcomes[i];
        ++e.samples;
        if (!o.error.empty()) ++e.errors;
        if (!samples[i].traps.empty()) ++e.trap_samples;
        if (o.trap_flag) ++e.trap_flags;
        auto& fam = e.families[o.family];
        for (std::size_t c = 0; c < 4; ++c) {
            const bool t = truth_of(o.truth, classify::kAllClasses[c]);
            const bool d = o.detected[c];
            for (auto* counts : {&e.classes[c], &fam[c]}) {
                if (t && d) ++counts->tp;
                else if (!t && d) ++counts->fp;
                else if (t) ++counts->fn;
                else ++counts->tn;
            }
            // A class the tool could not check carries no probability: it is counted in the
            // confusion table (as not detected) but not in the reliability table.
            if (!o.checked[c]) continue;
            const double p = std::clamp(o.p_present[c], 0.0, 1.0);
            auto& bin = e.reliability[std::min<std::size_t>(9, static_cast<std::size_t>(p * 10.0))];
            ++bin.count;
            bin.present += t ? 1 : 0;
            bin.mean_p += p;
        }
    }
    for (auto& b : e.reliability) {
        if (b.count > 0) b.mean_p /= b.count;
    }
    return e;
}

}  // namespace

std::string markdown(const Evaluation& e, const std::string& title, std::size_t max_rows) {
    std::ostringstream md;
    md << "### " << title << "\n\n";
    md << e.samples << " samples, " << e.trap_samples << " with traps, " << e.trap_flags << " trap flags, " << e.errors
       << " processing errors.\n\n";
    md << "| class | TP | FP | FN | TN | precision | recall |\n|---|---|---|---|---|---|---|\n";
    for (std::size_t c = 0; c < 4; ++c) {
        const auto& k = e.classes[c];
        md << "| " << classify::class_name(classify::kAllClasses[c]) << " | " << k.tp << " | " << k.fp << " | " << k.fn << " | "
           << k.tn << " | " << fixed(k.precision(), 3) << " | " << fixed(k.recall(), 3) << " |\n";
    }
    md << "\nReliability (every checked finding; p = the reported probability that the class is present; findings not checked carry none):\n\n";
    md << "| p bin | findings | mean p | observed present |\n|---|---|---|---|\n";
    for (const auto& b : e.reliability) {
        if (b.count == 0) continue;
        md << "| " << fixed(b.lo, 1) << "-" << fixed(b.hi, 1) << " | " << b.count << " | " << fixed(b.mean_p, 2) << " | "
           << fixed(static_cast<double>(b.present) / b.count, 2) << " |\n";
    }
    md << "\nPer family (precision / recall per class; - where the class never occurs and is never called):\n\n";
    md << "| family | oligomer | over_alkylation | n_oxide | hofmann |\n|---|---|---|---|---|\n";
    for (const auto& [name, counts] : e.families) {
        md << "| " << name;
        for (const auto& k : counts) {
            if (k.tp + k.fp + k.fn == 0) md << " | -";
            else md << " | " << fixed(k.precision(), 2) << " / " << fixed(k.recall(), 2);
        }
        md << " |\n";
    }
    std::size_t rows = 0;
    for (const auto& o : e.outcomes) {
        std::array<bool, 4> truth{o.truth.oligomer, o.truth.over_alkylation, o.truth.n_oxide, o.truth.hofmann};
        if (truth == o.detected && o.error.empty()) continue;
        if (rows == 0) md << "\nMismatches (truth / called; o oligomer, a over-alkylation, n N-oxide, h Hofmann):\n\n| sample | level | truth | called | why |\n|---|---|---|---|---|\n";
        if (++rows > max_rows) break;
        // Every mismatched class gives its own reason, tagged with its letter.
        std::string why = o.error;
        for (std::size_t c = 0; c < 4 && o.error.empty(); ++c) {
            if (truth[c] == o.detected[c]) continue;
            if (!why.empty()) why += " ";
            why += "**" + std::string(1, "oanh"[c]) + "**: " + o.summary[c];
        }
        std::replace(why.begin(), why.end(), '|', '/');
        md << "| " << o.id << " | " << fixed(o.level, 3) << " | `" << code(truth) << "` | `" << code(o.detected) << "` | "
           << why << " |\n";
    }
    md << "\n";
    return md.str();
}

std::string outcomes_tsv(const Evaluation& e, const std::string& table, bool with_context, bool header) {
    std::ostringstream out;
    if (header) {
        out << "table\tcontext\tid\tfamily\tlevel\ttruth\tcalled";
        for (const char c : std::string("oanh")) out << "\tllr_" << c << "\tsummary_" << c;
        out << '\n';
    }
    auto clean = [](std::string t) {
        std::replace(t.begin(), t.end(), '\t', ' ');
        std::replace(t.begin(), t.end(), '\n', ' ');
        return t;
    };
    for (const auto& o : e.outcomes) {
        const std::array<bool, 4> truth{o.truth.oligomer, o.truth.over_alkylation, o.truth.n_oxide, o.truth.hofmann};
        out << table << '\t' << (with_context ? "given" : "none") << '\t' << o.id << '\t' << o.family << '\t'
            << fixed(o.level, 3) << '\t' << code(truth) << '\t' << code(o.detected);
        for (std::size_t c = 0; c < 4; ++c)
            out << '\t' << fixed(o.evidence_llr[c], 2) << '\t' << clean(o.error.empty() ? o.summary[c] : o.error);
        out << '\n';
    }
    return out.str();
}

int TagStats::present() const {
    int n = 0;
    for (const auto& k : classes) n += k.tp + k.fn;
    return n;
}

int TagStats::found() const {
    int n = 0;
    for (const auto& k : classes) n += k.tp;
    return n;
}

std::vector<TagStats> tag_stats(const Evaluation& e, const std::vector<LabelledSample>& samples) {
    std::map<std::pair<bool, std::string>, TagStats> by_tag;  // traps (false) sort before variations
    const std::size_t n = std::min(samples.size(), e.outcomes.size());
    for (std::size_t i = 0; i < n; ++i) {
        const LabelledSample& s = samples[i];
        const Outcome& o = e.outcomes[i];
        auto count = [&](const std::string& tag, bool trap) {
            TagStats& t = by_tag[{!trap, tag}];
            t.tag = tag;
            t.trap = trap;
            ++t.samples;
            bool false_call = false;
            for (std::size_t c = 0; c < 4; ++c) {
                const bool truth = truth_of(o.truth, classify::kAllClasses[c]);
                const bool called = o.detected[c];
                auto& k = t.classes[c];
                if (truth && called) ++k.tp;
                else if (!truth && called) ++k.fp, false_call = true;
                else if (truth) ++k.fn;
                else ++k.tn;
                t.absent += truth ? 0 : 1;
                t.false_calls += !truth && called ? 1 : 0;
            }
            t.samples_with_false_call += false_call ? 1 : 0;
        };
        // A tag listed twice in one sample counts once.
        std::vector<std::string> seen;
        for (const auto* list : {&s.traps, &s.variations}) {
            for (const auto& tag : *list) {
                if (std::find(seen.begin(), seen.end(), tag) != seen.end()) continue;
                seen.push_back(tag);
                count(tag, list == &s.traps);
            }
        }
    }
    std::vector<TagStats> out;
    for (auto& [key, t] : by_tag) out.push_back(std::move(t));
    return out;
}

std::string variation_table(const Evaluation& e, const std::vector<LabelledSample>& samples) {
    const auto stats = tag_stats(e, samples);
    if (stats.empty()) return {};
    std::ostringstream md;
    md << "Per trap and variation tag (false calls: absent classes called, of all absent-class findings; recall: "
          "present classes called, of all present-class findings; per class: called / present):\n\n";
    md << "| tag | kind | samples | samples with a false call | false calls | recall | oligomer | over_alkylation | n_oxide | "
          "hofmann |\n|---|---|---|---|---|---|---|---|---|---|\n";
    for (const auto& t : stats) {
        md << "| `" << t.tag << "` | " << (t.trap ? "trap" : "variation") << " | " << t.samples << " | "
           << t.samples_with_false_call << " | " << t.false_calls << " / " << t.absent << " | ";
        if (t.present() > 0) md << fixed(t.recall(), 2) << " (" << t.found() << "/" << t.present() << ")";
        else md << "-";
        for (const auto& k : t.classes) {
            if (k.tp + k.fn == 0) md << " | -";
            else md << " | " << k.tp << "/" << (k.tp + k.fn);
        }
        md << " |\n";
    }
    md << "\n";
    return md.str();
}

}  // namespace sidepeak::spikein

// What MS/MS matching adds to `analyze` on data-dependent (MS1 + MS2) runs.
//
//   ms2_analyze_bench [google-benchmark flags]
//
// Inputs (each skipped when absent): BSA1.mzML of openms-doc (SIDEPEAK_BSA1 or the Debian path;
// 1,684 spectra, MS1 + CID MS2), its fraction spectra_samples/real/ms/mzml/BSA1_F1.mzML (767
// spectra), and spectra_samples/real/ms/mzxml/lcMsMs.mzXML (3,899 scans, 3,163 HCD MS2).
//
// Per input:
//   Analyze            analyze_sample on the file, as the command line runs it (read, process_lcms,
//                      Ms2Index, classify with MS2, traces) -- the denominator;
//   Ms2IndexBuild      building the run's Ms2Index (collect MS2 scans, centroid profile scans, sort);
//   ClassifyWithMs2    classify() with the index handed to the detectors;
//   ClassifyWithoutMs2 classify() of the same LcmsResult without it (the MS1-only path);
//   Ms2TraceEvidence   the consensus spectra kept for the HTML plots;
//   Ms2AllFeaturesConsensus / Ms2AllFeaturesAnnotated
//                      upper bound: the consensus (and its fragment annotation) of every feature of
//                      the run that has MS2 (what a detector that read every feature would pay).
// Added by MS2 matching = Ms2IndexBuild + (ClassifyWithMs2 - ClassifyWithoutMs2) + Ms2TraceEvidence,
// compared with Analyze. All timings are process CPU time (MeasureProcessCPUTime) besides wall time.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "../src/pipeline/ion_traces.hpp"
#include "sidepeak/chem/fragments.hpp"
#include "sidepeak/classify/classifier.hpp"
#include "sidepeak/io/ms_readers.hpp"
#include "sidepeak/pipeline/analyze.hpp"
#include "sidepeak/signal/lcms_pipeline.hpp"
#include "sidepeak/signal/ms2_index.hpp"

namespace {
namespace fs = std::filesystem;
using namespace sidepeak;

struct Input {
    std::string name;
    fs::path path;
};

std::vector<Input> inputs() {
    std::vector<Input> out;
    fs::path bsa1;
    if (const char* p = std::getenv("SIDEPEAK_BSA1")) bsa1 = p;
    for (const char* p : {"/usr/share/doc/openms-doc/examples/BSA/BSA1.mzML", "/usr/share/doc/openms/examples/BSA/BSA1.mzML"}) {
        if (bsa1.empty() && fs::exists(p)) bsa1 = p;
    }
    if (!bsa1.empty() && fs::exists(bsa1)) out.push_back({"BSA1", bsa1});
    const fs::path src = SIDEPEAK_SOURCE_DIR;
    for (const auto& [name, rel] : {std::pair{"BSA1_F1", "spectra_samples/real/ms/mzml/BSA1_F1.mzML"},
                                    std::pair{"lcMsMs", "spectra_samples/real/ms/mzxml/lcMsMs.mzXML"}}) {
        if (fs::exists(src / rel)) out.push_back({name, src / rel});
    }
    return out;
}

// The reaction context of the project's examples (a diazepane benzylated by benzyl bromide): the
// detectors look for its N-oxide, ladder and oligomer ions, as `analyze --product --reagent` does.
classify::SampleContext context() { return pipeline::resolve_context("C12H18N2", "benzyl bromide"); }

// One input read and processed once, shared by the component benchmarks.
struct Prepared {
    MsRun run;
    signal::LcmsResult lcms;
    signal::Ms2Index index;
    std::vector<classify::Finding> findings;  // classified with MS2
};

const Prepared& prepared(const Input& in) {
    static std::map<std::string, std::unique_ptr<Prepared>> cache;
    auto& p = cache[in.name];
    if (!p) {
        p = std::make_unique<Prepared>();
        p->run = io::read_ms(in.path);
        const pipeline::AnalysisOptions options;
        p->lcms = signal::process_lcms(p->run, options.lcms);
        signal::Ms2IndexOptions mo;
        mo.tolerance_ppm = options.lcms.mass_tolerance_ppm;
        p->index = signal::Ms2Index(p->run, mo);
        classify::ClassifierInput ci;
        ci.context = context();
        ci.lcms.push_back(&p->lcms);
        ci.ms2.push_back(&p->index);
        p->findings = classify::classify(ci).findings;
    }
    return *p;
}

void counters(benchmark::State& state, const Prepared& p) {
    std::size_t ms2 = 0;
    for (const auto& s : p.run.spectra) ms2 += s.ms_level == 2 ? 1 : 0;
    state.counters["spectra"] = static_cast<double>(p.run.spectra.size());
    state.counters["ms2"] = static_cast<double>(ms2);
    state.counters["features"] = static_cast<double>(p.lcms.features.size());
}

void Analyze(benchmark::State& state, const Input& in) {
    const auto ctx = context();
    std::size_t evidence = 0;
    for (auto _ : state) {
        const auto s = pipeline::analyze_sample(in.name, in.path, ctx);
        evidence = 0;
        for (const auto& f : s.findings) evidence += f.evidence.size();
        benchmark::DoNotOptimize(s.findings.data());
    }
    counters(state, prepared(in));
    state.counters["evidence"] = static_cast<double>(evidence);
}

void Ms2IndexBuild(benchmark::State& state, const Input& in) {
    const auto& p = prepared(in);
    signal::Ms2IndexOptions mo;
    mo.tolerance_ppm = pipeline::AnalysisOptions{}.lcms.mass_tolerance_ppm;
    for (auto _ : state) {
        const bool has_ms2 =
            std::any_of(p.run.spectra.begin(), p.run.spectra.end(), [](const MsSpectrum& s) { return s.ms_level == 2; });
        const signal::Ms2Index index = has_ms2 ? signal::Ms2Index(p.run, mo) : signal::Ms2Index{};
        benchmark::DoNotOptimize(index.scans().data());
    }
    counters(state, p);
    state.counters["indexed"] = static_cast<double>(p.index.size());
}

void Classify(benchmark::State& state, const Input& in, bool with_ms2) {
    const auto& p = prepared(in);
    classify::ClassifierInput ci;
    ci.context = context();
    ci.lcms.push_back(&p.lcms);
    if (with_ms2) ci.ms2.push_back(&p.index);
    std::size_t ms2_evidence = 0;
    for (auto _ : state) {
        const auto r = classify::classify(ci);
        ms2_evidence = 0;
        for (const auto& f : r.findings) {
            ms2_evidence += static_cast<std::size_t>(
                std::count_if(f.evidence.begin(), f.evidence.end(), [](const auto& e) { return e.kind == classify::EvidenceKind::ms2_spectrum; }));
        }
        benchmark::DoNotOptimize(r.findings.data());
    }
    counters(state, p);
    state.counters["ms2_evidence"] = static_cast<double>(ms2_evidence);
}

void Ms2TraceEvidence(benchmark::State& state, const Input& in) {
    const auto& p = prepared(in);
    for (auto _ : state) {
        const auto traces = pipeline::trace_ms2_evidence(p.index, p.findings);
        benchmark::DoNotOptimize(traces.data());
    }
    counters(state, p);
}

void Ms2AllFeatures(benchmark::State& state, const Input& in, bool annotate) {
    const auto& p = prepared(in);
    std::size_t with_ms2 = 0, peaks = 0;
    for (auto _ : state) {
        with_ms2 = 0;
        peaks = 0;
        for (const auto& f : p.lcms.features) {
            const auto c = p.index.consensus_for(f);
            if (c.empty()) continue;
            ++with_ms2;
            peaks += c.peaks.size();
            benchmark::DoNotOptimize(c.peaks.data());
            if (!annotate) continue;
            // Annotated against one fixed precursor (the context's N-oxide [M+H]+): the cost depends
            // on the peak count and the loss list, hardly on the formula.
            const auto a = chem::annotate_fragments(chem::Formula("C12H19N2O+"), c.mz(), c.intensity());
            benchmark::DoNotOptimize(a.data());
        }
    }
    counters(state, p);
    state.counters["features_with_ms2"] = static_cast<double>(with_ms2);
    state.counters["consensus_peaks"] = static_cast<double>(peaks);
}

[[maybe_unused]] const bool registered = [] {
    for (const auto& in : inputs()) {
        const auto reg = [&](const std::string& what, auto fn) {
            benchmark::RegisterBenchmark((what + "/" + in.name).c_str(), fn)
                ->Unit(benchmark::kMillisecond)
                ->MeasureProcessCPUTime()
                ->UseRealTime();
        };
        reg("Analyze", [in](benchmark::State& s) { Analyze(s, in); });
        reg("Ms2IndexBuild", [in](benchmark::State& s) { Ms2IndexBuild(s, in); });
        reg("ClassifyWithMs2", [in](benchmark::State& s) { Classify(s, in, true); });
        reg("ClassifyWithoutMs2", [in](benchmark::State& s) { Classify(s, in, false); });
        reg("Ms2TraceEvidence", [in](benchmark::State& s) { Ms2TraceEvidence(s, in); });
        reg("Ms2AllFeaturesConsensus", [in](benchmark::State& s) { Ms2AllFeatures(s, in, false); });
        reg("Ms2AllFeaturesAnnotated", [in](benchmark::State& s) { Ms2AllFeatures(s, in, true); });
    }
    return true;
}();

}  // namespace

BENCHMARK_MAIN();

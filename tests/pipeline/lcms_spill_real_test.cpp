// A real run streamed with a memory cap far below its size (the centroids spill to a temporary
// file, features are detected slab by slab at 1, 2 and 8 threads) gives exactly what it gives with
// everything in memory: the peak map, every feature, and the evidence traces, which read back
// only the m/z windows they need.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "ion_traces.hpp"
#include "../test_support.hpp"
#include "sidepeak/io/format.hpp"
#include "sidepeak/pipeline/analyze.hpp"
#include "sidepeak/signal/lcms_stream.hpp"

namespace sidepeak {
namespace {
namespace fs = std::filesystem;

signal::LcmsStream stream(const fs::path& path, std::size_t cap, unsigned threads) {
    signal::LcmsProcessingOptions options;
    options.memory_cap_bytes = cap;
    options.threads = threads;
    return pipeline::stream_lcms_run(path, io::detect_format(path), options, {}, threads);
}

// Every figure of every feature, the TIC and the noise.
void expect_same(const signal::LcmsResult& got, const signal::LcmsResult& want) {
    EXPECT_EQ(got.noise, want.noise);
    EXPECT_EQ(got.tic.intensity, want.tic.intensity);
    EXPECT_EQ(got.bpc.intensity, want.bpc.intensity);
    ASSERT_EQ(got.features.size(), want.features.size());
    for (std::size_t i = 0; i < want.features.size(); ++i) {
        const auto& a = got.features[i];
        const auto& b = want.features[i];
        EXPECT_TRUE(a.mz == b.mz && a.rt_s == b.rt_s && a.rt_from_s == b.rt_from_s && a.rt_to_s == b.rt_to_s &&
                    a.intensity == b.intensity && a.area == b.area && a.snr == b.snr && a.run_snr == b.run_snr &&
                    a.chrom_snr == b.chrom_snr && a.fwhm_s == b.fwhm_s && a.charge == b.charge && a.isotopes == b.isotopes &&
                    a.isotope_intensities == b.isotope_intensities && a.group == b.group && a.adduct == b.adduct &&
                    a.neutral_mass == b.neutral_mass)
            << i;
    }
}

TEST(LcmsSpillReal, TinyCapGivesTheSameFeaturesAndPeakMap) {
    const fs::path path = test::real_samples() / "ms" / "mzml" / "BSA1_F1.mzML";
    SIDEPEAK_REQUIRE_PATH(path);
    const auto in_memory = stream(path, std::size_t{1} << 34, 1);
    ASSERT_EQ(in_memory.store().bytes_spilled(), 0u);
    const signal::LcmsResult want = in_memory.process();
    ASSERT_GT(want.features.size(), 100u);
    const signal::PeakMap want_map = in_memory.peak_map();
    for (const unsigned threads : {1u, 2u, 8u}) {
        SCOPED_TRACE(threads);
        const auto spilled = stream(path, std::size_t{1} << 20, threads);  // 1 MiB against ~5 MB of centroids
        EXPECT_GT(spilled.store().bytes_spilled(), std::size_t{2} << 20);
        expect_same(spilled.process(), want);
        const signal::PeakMap map = spilled.peak_map();
        EXPECT_EQ(map.mz, want_map.mz);
        EXPECT_EQ(map.intensity, want_map.intensity);
        EXPECT_EQ(map.begin, want_map.begin);
    }
}

TEST(LcmsSpillReal, EvidenceTracesReadOnlyTheirWindows) {
    const fs::path path = test::real_samples() / "ms" / "mzml" / "BSA1_F1.mzML";
    SIDEPEAK_REQUIRE_PATH(path);
    const auto spilled = stream(path, std::size_t{1} << 20, 2);
    const auto features = spilled.process().features;
    ASSERT_GT(features.size(), 20u);
    classify::Finding finding;
    for (std::size_t i = 0; i < features.size(); i += features.size() / 10) {
        classify::Evidence e;
        e.kind = classify::EvidenceKind::ms_ion;
        e.mz = features[i].mz;
        if (i % 2 == 0) e.rt_s = features[i].rt_s;  // with and without an apex time
        finding.evidence.push_back(e);
    }
    const std::vector<classify::Finding> findings{finding};
    const auto want = pipeline::trace_evidence_ions(spilled.peak_map(), findings, 10.0);
    const auto got = pipeline::trace_evidence_ions(spilled, findings, 10.0);
    ASSERT_EQ(got.size(), want.size());
    ASSERT_GE(got.size(), 8u);
    for (std::size_t i = 0; i < want.size(); ++i) {
        EXPECT_EQ(got[i].xic.intensity, want[i].xic.intensity) << i;
        EXPECT_EQ(got[i].xic.time_s, want[i].xic.time_s) << i;
        EXPECT_EQ(got[i].rt_s, want[i].rt_s) << i;
        EXPECT_EQ(got[i].spectrum_mz, want[i].spectrum_mz) << i;
        EXPECT_EQ(got[i].spectrum_intensity, want[i].spectrum_intensity) << i;
        EXPECT_GT(*std::max_element(got[i].xic.intensity.begin(), got[i].xic.intensity.end()), 0.0) << i;
    }
}

}  // namespace
}  // namespace sidepeak

// MS2 fragment lists of a streamed run spilled above their share of the memory cap
// (LcmsStream, Ms2Index::fragments): the index built from the stream gives every scan's fragments,
// look-ups and consensus spectra exactly as an index that kept them all in memory.
#include <cstddef>
#include <random>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "sidepeak/signal/lcms_stream.hpp"
#include "sidepeak/signal/ms2_index.hpp"

namespace sidepeak::signal {
namespace {

// 300 centroided MS2 scans of 20 precursors, 40-120 fragments each (random m/z and intensities).
MsRun ms2_run() {
    std::mt19937 rng(11);
    std::uniform_real_distribution<double> mz(50.0, 600.0);
    std::uniform_real_distribution<double> level(1e3, 1e6);
    std::uniform_int_distribution<int> count(40, 120);
    MsRun run;
    for (std::size_t k = 0; k < 300; ++k) {
        MsSpectrum s;
        s.id = "scan=" + std::to_string(k + 1);
        s.index = k;
        s.ms_level = 2;
        s.mode = SpectrumMode::centroid;
        s.rt_s = static_cast<double>(k);
        s.precursor_mz = 300.0 + 17.0 * static_cast<double>(k % 20);
        s.precursor_charge = 1;
        const int n = count(rng);
        for (int i = 0; i < n; ++i) {
            s.mz.push_back(mz(rng));
            s.intensity.push_back(level(rng));
        }
        run.spectra.push_back(std::move(s));
    }
    return run;
}

TEST(Ms2Spill, SpilledFragmentsReadBackExactly) {
    const MsRun run = ms2_run();
    LcmsProcessingOptions options;
    options.memory_cap_bytes = std::size_t{64} << 10;  // 16 KiB of fragments in memory: many spills
    const Ms2IndexOptions ms2_options;
    LcmsStream stream(options, ms2_options);
    for (const auto& s : run.spectra) stream.add(s);
    EXPECT_GT(stream.ms2_bytes_spilled(), 100000U);
    const Ms2Index spilled = stream.take_ms2_index();
    const Ms2Index whole(run, ms2_options);
    ASSERT_EQ(spilled.size(), whole.size());
    std::size_t scans_spilled = 0;
    for (std::size_t k = 0; k < whole.size(); ++k) {
        const auto& s = spilled.scans()[k];
        EXPECT_EQ(s.id, whole.scans()[k].id);
        if (s.spilled) {
            ++scans_spilled;
            EXPECT_EQ(s.mz.capacity(), 0U);  // released, not just cleared
            EXPECT_EQ(s.intensity.capacity(), 0U);
        }
        const auto a = spilled.fragments(k);
        const auto b = whole.fragments(k);
        EXPECT_EQ(a.mz, b.mz);
        EXPECT_EQ(a.intensity, b.intensity);
        EXPECT_EQ(a.mz, whole.scans()[k].mz);
    }
    EXPECT_GT(scans_spilled, 250U);
    for (std::size_t p = 0; p < 20; ++p) {
        const double precursor = 300.0 + 17.0 * static_cast<double>(p);
        const auto hits = spilled.find(precursor, 0.0, 300.0);
        ASSERT_EQ(hits, whole.find(precursor, 0.0, 300.0));
        ASSERT_EQ(hits.size(), 15U);
        const auto a = spilled.consensus(hits);
        const auto b = whole.consensus(hits);
        EXPECT_EQ(a.scan_ids, b.scan_ids);
        ASSERT_EQ(a.peaks.size(), b.peaks.size());
        for (std::size_t i = 0; i < a.peaks.size(); ++i) {
            EXPECT_EQ(a.peaks[i].mz, b.peaks[i].mz);
            EXPECT_EQ(a.peaks[i].intensity, b.peaks[i].intensity);
            EXPECT_EQ(a.peaks[i].scans, b.peaks[i].scans);
        }
    }
}

TEST(Ms2Spill, NothingSpilledUnderTheCapAndNothingKeptWithoutMs2Options) {
    const MsRun run = ms2_run();
    LcmsStream kept({}, Ms2IndexOptions{});
    LcmsStream none({}, std::nullopt);
    for (const auto& s : run.spectra) {
        kept.add(s);
        none.add(s);
    }
    EXPECT_EQ(kept.ms2_bytes_spilled(), 0U);
    EXPECT_TRUE(kept.has_ms2());
    const Ms2Index index = kept.take_ms2_index();
    EXPECT_EQ(index.size(), run.spectra.size());
    for (const auto& s : index.scans()) EXPECT_FALSE(s.spilled);
    EXPECT_FALSE(none.has_ms2());
    EXPECT_EQ(none.take_ms2_index().size(), 0U);
}

}  // namespace
}  // namespace sidepeak::signal

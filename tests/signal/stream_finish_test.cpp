// The end of a streamed run (LcmsStream::finish, PeakStore::finish): a run that spilled writes
// what it still holds too, leaving the memory to feature detection, with the same peak map and
// features; a run that fits the cap stays in memory.
#include <cstddef>

#include <gtest/gtest.h>

#include "sidepeak/signal/lcms_stream.hpp"
#include "synthetic_lcms.hpp"

namespace sidepeak::signal {
namespace {

LcmsStream streamed(const MsRun& run, std::size_t cap) {
    LcmsProcessingOptions options;
    options.memory_cap_bytes = cap;
    LcmsStream stream(options, Ms2IndexOptions{});
    for (const auto& s : run.spectra) stream.add(s);
    return stream;
}

TEST(StreamFinish, ARunThatSpilledSpillsTheRestWithTheSameMapAndFeatures) {
    const auto syn = test::make_synthetic_run(test::standard_compounds());
    LcmsStream stream = streamed(syn.run, std::size_t{64} << 10);  // 32 KiB of centroids in memory
    ASSERT_GT(stream.store().bytes_spilled(), 0U);
    ASSERT_GT(stream.store().bytes_in_memory(), 0U);
    const PeakMap before = stream.peak_map();
    const LcmsResult result_before = stream.process();
    stream.finish();
    EXPECT_EQ(stream.store().bytes_in_memory(), 0U);
    const PeakMap after = stream.peak_map();
    EXPECT_EQ(after.mz, before.mz);
    EXPECT_EQ(after.intensity, before.intensity);
    EXPECT_EQ(after.begin, before.begin);
    const LcmsResult result_after = stream.process();
    ASSERT_EQ(result_after.features.size(), result_before.features.size());
    for (std::size_t k = 0; k < result_after.features.size(); ++k) {
        EXPECT_EQ(result_after.features[k].mz, result_before.features[k].mz);
        EXPECT_EQ(result_after.features[k].area, result_before.features[k].area);
    }
}

TEST(StreamFinish, ARunThatFitsStaysInMemory) {
    const auto syn = test::make_synthetic_run(test::standard_compounds());
    LcmsStream stream = streamed(syn.run, std::size_t{512} << 20);
    const std::size_t held = stream.store().bytes_in_memory();
    ASSERT_GT(held, 0U);
    stream.finish();
    EXPECT_EQ(stream.store().bytes_spilled(), 0U);
    EXPECT_EQ(stream.store().bytes_in_memory(), held);
}

}  // namespace
}  // namespace sidepeak::signal

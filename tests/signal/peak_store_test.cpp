// The centroid store of a streamed run (peak_store.hpp): above its memory cap it spills to an
// unlinked temporary file, and what it gives back (the whole map, an m/z range, several ranges) is
// the peak map the scans make, whether or not it spilled.
#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <initializer_list>
#include <limits>
#include <random>
#include <string>

#include <gtest/gtest.h>
#include <unistd.h>

#include "sidepeak/signal/mz_slabs.hpp"
#include "sidepeak/signal/peak_store.hpp"

namespace sidepeak::signal {
namespace {
namespace fs = std::filesystem;

constexpr double kInf = std::numeric_limits<double>::infinity();

// 300 scans of 0-400 centroids (some empty scans) over m/z 50-2500, repeated m/z values included.
PeakMap make_map() {
    std::mt19937 rng(7);
    std::uniform_real_distribution<double> mz(50.0, 2500.0);
    std::uniform_int_distribution<int> count(0, 400);
    std::exponential_distribution<double> level(1e-3);
    PeakMap map;
    map.begin.push_back(0);
    for (std::size_t s = 0; s < 300; ++s) {
        std::vector<double> m(static_cast<std::size_t>(s % 17 == 0 ? 0 : count(rng)));
        for (auto& v : m) v = mz(rng);
        if (m.size() > 2) m[1] = m[0];
        std::sort(m.begin(), m.end());
        for (const double v : m) {
            map.mz.push_back(v);
            map.intensity.push_back(level(rng));
        }
        map.rt_s.push_back(0.5 * static_cast<double>(s));
        map.spectrum.push_back(2 * s + 1);
        map.begin.push_back(map.mz.size());
    }
    return map;
}

PeakStore store_of(const PeakMap& map, std::size_t cap) {
    PeakStore store(cap);
    for (std::size_t s = 0; s < map.scans(); ++s) store.add_scan(map.rt_s[s], map.spectrum[s], map.scan_mz(s), map.scan_intensity(s));
    return store;
}

void expect_same(const PeakMap& a, const PeakMap& b) {
    EXPECT_EQ(a.rt_s, b.rt_s);
    EXPECT_EQ(a.spectrum, b.spectrum);
    EXPECT_EQ(a.begin, b.begin);
    EXPECT_EQ(a.mz, b.mz);
    EXPECT_EQ(a.intensity, b.intensity);
}

class TmpDir : public ::testing::Test {
protected:
    void SetUp() override {
        dir_ = fs::temp_directory_path() / ("sidepeak-store-test-" + std::to_string(::getpid()));
        fs::create_directories(dir_);
        const char* old = std::getenv("TMPDIR");
        if (old != nullptr) old_ = old;
        ::setenv("TMPDIR", dir_.c_str(), 1);
    }
    void TearDown() override {
        if (old_.empty()) {
            ::unsetenv("TMPDIR");
        } else {
            ::setenv("TMPDIR", old_.c_str(), 1);
        }
        fs::remove_all(dir_);
    }
    fs::path dir_;
    std::string old_;
};

TEST_F(TmpDir, InMemoryBelowTheCap) {
    const PeakMap map = make_map();
    const PeakStore store = store_of(map, std::size_t{1} << 30);
    EXPECT_EQ(store.bytes_spilled(), 0u);
    EXPECT_EQ(store.peaks(), map.peaks());
    expect_same(store.load(-kInf, kInf), map);
}

TEST_F(TmpDir, SpillsAboveTheCapAndGivesTheSameMaps) {
    const PeakMap map = make_map();
    const std::size_t cap = 64 << 10;  // 64 KiB against about 1.2 MB of centroids
    const PeakStore store = store_of(map, cap);
    EXPECT_GT(store.bytes_spilled(), 10 * cap);
    EXPECT_LE(store.bytes_in_memory(), cap);
    // Every centroid is either spilled (20 bytes: scan number, m/z, intensity) or still in memory.
    EXPECT_GE(store.bytes_spilled() + store.bytes_in_memory(), 20 * map.peaks());
    EXPECT_LE(store.bytes_spilled(), 20 * map.peaks());
    // The spill file is unlinked: nothing is left in TMPDIR even while the store lives.
    EXPECT_TRUE(fs::is_empty(dir_));
    expect_same(store.load(-kInf, kInf), map);
    expect_same(store.load(300.0, 1234.5), slice_mz(map, 300.0, 1234.5));
    expect_same(store.load(-kInf, 60.0), slice_mz(map, -kInf, 60.0));
    const PeakStore::Range ranges[] = {{100.0, 100.7}, {100.7, 180.0}, {999.0, 1001.0}};
    const PeakMap want = slice_mz(map, 100.0, 180.0);
    const PeakMap third = slice_mz(map, 999.0, 1001.0);
    // Several ranges: per scan, the centroids of each range in m/z order.
    PeakMap joined;
    joined.rt_s = map.rt_s;
    joined.spectrum = map.spectrum;
    joined.begin.push_back(0);
    for (std::size_t s = 0; s < map.scans(); ++s) {
        for (const PeakMap* part : std::initializer_list<const PeakMap*>{&want, &third}) {
            const auto m = part->scan_mz(s);
            const auto in = part->scan_intensity(s);
            joined.mz.insert(joined.mz.end(), m.begin(), m.end());
            joined.intensity.insert(joined.intensity.end(), in.begin(), in.end());
        }
        joined.begin.push_back(joined.mz.size());
    }
    expect_same(store.load(ranges), joined);
}

TEST_F(TmpDir, MovedStoreKeepsItsSpill) {
    const PeakMap map = make_map();
    PeakStore a = store_of(map, 32 << 10);
    PeakStore b = std::move(a);
    expect_same(b.load(-kInf, kInf), map);
}

}  // namespace
}  // namespace sidepeak::signal

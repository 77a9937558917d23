// ANDI netCDF sources and the process-wide netCDF / HDF5 lock: a source holds
// native_library_lock while it opens, per spectrum and while it closes, never for its life. Two
// sources open at once and read interleaved, and a source read and destroyed on another thread
// than its creator, give the spectra of a plain read.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <future>
#include <memory>
#include <optional>
#include <thread>

#include "sidepeak/io/format.hpp"
#include "sidepeak/io/ms_readers.hpp"
#include "finishes_within.hpp"
#include "test_support.hpp"

namespace {
namespace fs = std::filesystem;
using namespace sidepeak;

void finishes(const std::function<void()>& scenario) { test::finishes_within_deadline("ANDI scenario", scenario); }

fs::path nist50() { return test::shared_spectra() / "ms" / "netcdf" / "andi_TEST_NIST_50.CDF"; }

void expect_same(const MsSpectrum& x, const MsSpectrum& y) {
    EXPECT_EQ(x.id, y.id);
    EXPECT_EQ(x.mz, y.mz);
    EXPECT_EQ(x.intensity, y.intensity);
}

TEST(AndiThreads, TwoSourcesOpenAtOnceReadInterleaved) {
    const auto path = nist50();
    SIDEPEAK_REQUIRE_PATH(path);
    const MsRun ref = io::read_ms(path);
    ASSERT_FALSE(ref.spectra.empty());
    std::vector<MsSpectrum> got_a, got_b;
    finishes([&] {
        auto a = io::open_ms(path, io::Format::andi_netcdf);
        auto b = io::open_ms(path, io::Format::andi_netcdf);
        for (;;) {  // alternately, one spectrum each; b on another thread
            auto sa = a->next();
            std::optional<MsSpectrum> sb;
            std::thread([&] { sb = b->next(); }).join();
            if (!sa && !sb) break;
            if (sa) got_a.push_back(std::move(*sa));
            if (sb) got_b.push_back(std::move(*sb));
        }
    });
    ASSERT_EQ(got_a.size(), ref.spectra.size());
    ASSERT_EQ(got_b.size(), ref.spectra.size());
    for (std::size_t i = 0; i < ref.spectra.size(); ++i) {
        expect_same(got_a[i], ref.spectra[i]);
        expect_same(got_b[i], ref.spectra[i]);
    }
}

TEST(AndiThreads, SourceDestroyedOnAnotherThreadThanItsCreator) {
    const auto path = nist50();
    SIDEPEAK_REQUIRE_PATH(path);
    const MsRun ref = io::read_ms(path);
    std::size_t read = 0;
    finishes([&] {
        std::unique_ptr<io::MsSource> src;
        std::thread([&] { src = io::open_ms(path, io::Format::andi_netcdf); }).join();
        std::thread([&] {
            while (src->next()) ++read;
            src.reset();
        }).join();
        // The lock is free again: this thread opens the file and detects a format.
        EXPECT_EQ(io::detect_format(path), io::Format::andi_netcdf);
        EXPECT_EQ(io::read_ms(path).spectra.size(), ref.spectra.size());
    });
    EXPECT_EQ(read, ref.spectra.size());
}

}  // namespace

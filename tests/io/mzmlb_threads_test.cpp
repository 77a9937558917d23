// mzMLb sources and the process-wide HDF5 lock: a source holds native_library_lock only for each
// HDF5 call, never for its life. Two sources read interleaved on two threads, a source handed to
// another thread and destroyed there, and another HDF5 user (format detection) while a source is
// open on the same thread all finish, with the spectra of a plain sequential read.
#include <gtest/gtest.h>

#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <thread>

#include "sidepeak/io/format.hpp"
#include "sidepeak/io/ms_readers.hpp"
#include "finishes_within.hpp"
#include "test_support.hpp"

namespace {
namespace fs = std::filesystem;
using namespace sidepeak;

void finishes(const std::function<void()>& scenario) { test::finishes_within_deadline("mzMLb scenario", scenario); }

// Two copies of the shared mzMLb file (distinct HDF5 files), or empty when it is absent.
std::pair<fs::path, fs::path> two_copies(const fs::path& dir) {
    const auto src = test::shared_spectra() / "ms" / "mzmlb" / "test.mzMLb";
    if (!fs::exists(src)) return {};
    const auto a = dir / "a.mzMLb", b = dir / "b.mzMLb";
    fs::copy_file(src, a);
    fs::copy_file(src, b);
    return {a, b};
}

void expect_same(const MsSpectrum& x, const MsSpectrum& y) {
    EXPECT_EQ(x.id, y.id);
    EXPECT_EQ(x.mz, y.mz);
    EXPECT_EQ(x.intensity, y.intensity);
}

TEST(MzmlbThreads, TwoSourcesReadInterleavedOnTwoThreads) {
    const auto [a, b] = two_copies(test::scratch_dir());
    if (a.empty()) SIDEPEAK_ABSENT_DATA("../shared/real_spectra/ms/mzmlb/test.mzMLb");
    const MsRun ref = io::read_ms(a);
    ASSERT_EQ(ref.spectra.size(), 2u);
    std::vector<MsSpectrum> got_a, got_b;
    finishes([&] {
        // Both sources open before either reads; then the threads take turns, one spectrum each.
        auto src_a = io::open_ms(a, io::Format::mzmlb);
        auto src_b = io::open_ms(b, io::Format::mzmlb);
        std::mutex m;
        std::condition_variable cv;
        int turn = 0;  // even: thread A reads, odd: thread B
        auto reader = [&](io::MsSource& src, std::vector<MsSpectrum>& out, int parity) {
            for (std::size_t k = 0; k < ref.spectra.size(); ++k) {
                std::unique_lock lk(m);
                cv.wait(lk, [&] { return turn % 2 == parity; });
                lk.unlock();
                if (auto s = src.next()) out.push_back(std::move(*s));
                lk.lock();
                ++turn;
                cv.notify_all();
            }
        };
        std::thread ta(reader, std::ref(*src_a), std::ref(got_a), 0);
        std::thread tb(reader, std::ref(*src_b), std::ref(got_b), 1);
        ta.join();
        tb.join();
    });
    ASSERT_EQ(got_a.size(), ref.spectra.size());
    ASSERT_EQ(got_b.size(), ref.spectra.size());
    for (std::size_t i = 0; i < ref.spectra.size(); ++i) {
        expect_same(got_a[i], ref.spectra[i]);
        expect_same(got_b[i], ref.spectra[i]);
    }
}

TEST(MzmlbThreads, SourceDestroyedOnAnotherThreadThanItsCreator) {
    const auto [a, b] = two_copies(test::scratch_dir());
    if (a.empty()) SIDEPEAK_ABSENT_DATA("../shared/real_spectra/ms/mzmlb/test.mzMLb");
    const MsRun ref = io::read_ms(a);
    ASSERT_EQ(ref.spectra.size(), 2u);
    std::vector<MsSpectrum> got;
    finishes([&] {
        std::unique_ptr<io::MsSource> src;
        std::thread([&] {  // created and read in part here ...
            src = io::open_ms(a, io::Format::mzmlb);
            if (auto s = src->next()) got.push_back(std::move(*s));
        }).join();
        std::thread([&] {  // ... read to the end and destroyed here
            while (auto s = src->next()) got.push_back(std::move(*s));
            src.reset();
        }).join();
        // The lock is free again: a third thread opens and reads the other file.
        std::thread([&] { EXPECT_EQ(io::read_ms(b).spectra.size(), ref.spectra.size()); }).join();
    });
    ASSERT_EQ(got.size(), ref.spectra.size());
    for (std::size_t i = 0; i < ref.spectra.size(); ++i) expect_same(got[i], ref.spectra[i]);
}

TEST(MzmlbThreads, OtherHdf5UsersRunWhileASourceIsOpen) {
    const auto [a, b] = two_copies(test::scratch_dir());
    if (a.empty()) SIDEPEAK_ABSENT_DATA("../shared/real_spectra/ms/mzmlb/test.mzMLb");
    finishes([&] {
        auto src = io::open_ms(a, io::Format::mzmlb);
        ASSERT_TRUE(src->next().has_value());
        // Format detection opens the other file through HDF5, on this thread and on another.
        EXPECT_EQ(io::detect_format(b), io::Format::mzmlb);
        std::thread([&] { EXPECT_EQ(io::detect_format(b), io::Format::mzmlb); }).join();
        EXPECT_TRUE(src->next().has_value());
    });
}

}  // namespace

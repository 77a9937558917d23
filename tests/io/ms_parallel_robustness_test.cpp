// Bad LC-MS input read on several threads (io::for_each_spectrum): the same InputError as one
// thread gives (the first bad spectrum in run order, whichever thread decoded it), the spectra
// before it delivered in order, never a crash or a hang. Also run under ASan/UBSan in CI.
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "sidepeak/core/error.hpp"
#include "sidepeak/io/ms_parallel.hpp"
#include "test_support.hpp"

namespace {
namespace fs = std::filesystem;
using namespace sidepeak;

const fs::path kRun = test::real_samples() / "ms" / "mzml" / "BSA1_F1.mzML";
const fs::path kMzxmlRun = test::real_samples() / "ms" / "mzxml" / "lcMsMs.mzXML";

std::string read_all(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

fs::path write(const fs::path& dir, const std::string& name, const std::string& text) {
    const fs::path p = dir / name;
    std::ofstream(p, std::ios::binary) << text;
    return p;
}

// Replaces the base64 of the `n`th <binary> element (0-based) with text of the wrong length.
std::string damage_binary(std::string text, std::size_t n) {
    std::size_t pos = 0;
    for (std::size_t k = 0; k <= n; ++k) pos = text.find("<binary>", pos + 1);
    const std::size_t end = text.find("</binary>", pos);
    text.replace(pos + 8, end - pos - 8, "AAAA");
    return text;
}

// Replaces the base64 of the `n`th <peaks> element (0-based) of an mzXML run with text that does
// not decode to its peaksCount.
std::string damage_peaks(std::string text, std::size_t n) {
    std::size_t pos = 0;
    for (std::size_t k = 0; k <= n; ++k) pos = text.find("<peaks", pos + 1);
    const std::size_t open_end = text.find('>', pos) + 1;
    const std::size_t end = text.find("</peaks>", open_end);
    text.replace(open_end, end - open_end, "AAAA");
    return text;
}

struct Outcome {
    std::vector<std::size_t> delivered;  // spectrum indices in the order consume saw them
    std::string error;                   // empty when the run was read to the end
};

Outcome read_with(const fs::path& path, unsigned threads) {
    Outcome out;
    try {
        io::for_each_spectrum(
            path, threads, [](MsSpectrum&) {}, [&out](MsSpectrum&& s) { out.delivered.push_back(s.index); });
    } catch (const InputError& e) {
        out.error = e.what();
    }
    return out;
}

void expect_same_failure(const fs::path& path) {
    const Outcome one = read_with(path, 1);
    EXPECT_FALSE(one.error.empty()) << path;
    for (const unsigned threads : {2u, 8u}) {
        const Outcome many = read_with(path, threads);
        EXPECT_EQ(many.error, one.error) << threads << " threads";
        EXPECT_EQ(many.delivered, one.delivered) << threads << " threads";
    }
}

TEST(MsParallelRobustness, DamagedArraysInTheMiddleFailAsWithOneThread) {
    SIDEPEAK_REQUIRE_PATH(kRun);
    const auto dir = test::scratch_dir();
    // Two damaged spectra: the first in run order is the one reported.
    const std::string text = damage_binary(damage_binary(read_all(kRun), 900), 300);
    expect_same_failure(write(dir, "damaged.mzML", text));
}

TEST(MsParallelRobustness, TruncatedRunFailsAsWithOneThread) {
    SIDEPEAK_REQUIRE_PATH(kRun);
    const auto dir = test::scratch_dir();
    const std::string text = read_all(kRun);
    for (const double fraction : {0.003, 0.5, 0.97}) {
        const auto cut = static_cast<std::size_t>(static_cast<double>(text.size()) * fraction);
        expect_same_failure(write(dir, "cut" + std::to_string(cut) + ".mzML", text.substr(0, cut)));
    }
}

TEST(MsParallelRobustness, ErrorInPrepareReachesTheCaller) {
    SIDEPEAK_REQUIRE_PATH(kRun);
    std::vector<std::size_t> delivered;
    const auto prepare = [](MsSpectrum& s) {
        if (s.index == 500) throw InputError("x", "prepare failed");
    };
    EXPECT_THROW(io::for_each_spectrum(kRun, 4, prepare, [&](MsSpectrum&& s) { delivered.push_back(s.index); }),
                 InputError);
    ASSERT_EQ(delivered.size(), 500u);
    for (std::size_t i = 0; i < delivered.size(); ++i) EXPECT_EQ(delivered[i], i);
}

TEST(MsParallelRobustness, MissingAndNonRunFiles) {
    const auto dir = test::scratch_dir();
    const auto consume = [](MsSpectrum&&) {};
    EXPECT_THROW(io::for_each_spectrum(dir / "absent.mzML", 4, {}, consume), InputError);
    EXPECT_THROW(io::for_each_spectrum(write(dir, "empty.mzML", ""), 4, {}, consume), InputError);
    EXPECT_THROW(io::for_each_spectrum(write(dir, "text.mzML", "not xml at all\n"), 4, {}, consume), InputError);
}

TEST(MsParallelRobustness, WholeRunInOrder) {
    SIDEPEAK_REQUIRE_PATH(kRun);
    const Outcome one = read_with(kRun, 1);
    const Outcome many = read_with(kRun, 8);
    EXPECT_TRUE(one.error.empty()) << one.error;
    EXPECT_EQ(many.error, "");
    EXPECT_GT(one.delivered.size(), 700u);
    EXPECT_EQ(many.delivered, one.delivered);
}

// mzXML scans are cut serially and parsed in parallel as mzML spectra are.
TEST(MsParallelRobustness, MzxmlWholeRunInOrderWithTheSameSpectra) {
    SIDEPEAK_REQUIRE_PATH(kMzxmlRun);
    std::vector<MsSpectrum> one;
    std::vector<MsSpectrum> many;
    io::for_each_spectrum(kMzxmlRun, 1, {}, [&](MsSpectrum&& s) { one.push_back(std::move(s)); });
    io::for_each_spectrum(kMzxmlRun, 8, {}, [&](MsSpectrum&& s) { many.push_back(std::move(s)); });
    ASSERT_GT(one.size(), 3000u);
    ASSERT_EQ(many.size(), one.size());
    for (std::size_t i = 0; i < one.size(); ++i) {
        EXPECT_EQ(many[i].index, i);
        EXPECT_EQ(many[i].id, one[i].id);
        EXPECT_EQ(many[i].ms_level, one[i].ms_level);
        EXPECT_EQ(many[i].rt_s, one[i].rt_s);
        EXPECT_EQ(many[i].precursor_mz, one[i].precursor_mz);
        EXPECT_EQ(many[i].mz, one[i].mz);
        EXPECT_EQ(many[i].intensity, one[i].intensity);
    }
}

TEST(MsParallelRobustness, MzxmlDamagedPeaksAndTruncationFailAsWithOneThread) {
    SIDEPEAK_REQUIRE_PATH(kMzxmlRun);
    const auto dir = test::scratch_dir();
    const std::string text = read_all(kMzxmlRun);
    expect_same_failure(write(dir, "damaged.mzXML", damage_peaks(damage_peaks(text, 2500), 700)));
    for (const double fraction : {0.01, 0.5, 0.98}) {
        const auto cut = static_cast<std::size_t>(static_cast<double>(text.size()) * fraction);
        expect_same_failure(write(dir, "cut" + std::to_string(cut) + ".mzXML", text.substr(0, cut)));
    }
}

}  // namespace

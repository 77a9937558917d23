// ANDI/AIA netCDF reader on real files (LGPL/EPL: read from shared, skipped when absent).
#include <atomic>
#include <numeric>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "sidepeak/core/error.hpp"
#include "sidepeak/core/file_io.hpp"
#include "sidepeak/io/ms_readers.hpp"
#include "data_format_print.hpp"
#include "test_support.hpp"

namespace {
namespace fs = std::filesystem;
using namespace sidepeak;

fs::path cdf(const std::string& name) { return test::shared_spectra() / "ms" / "netcdf" / name; }

std::size_t peaks(const MsRun& run) {
    std::size_t n = 0;
    for (const auto& s : run.spectra) n += s.mz.size();
    return n;
}

TEST(AndiReader, FaahKoLcMsRun) {
    const auto path = cdf("faahKO_ko15.CDF");
    SIDEPEAK_REQUIRE_PATH(path);
    const MsRun run = io::read_ms(path);
    EXPECT_EQ(run.info.format, DataFormat::andi_netcdf);
    ASSERT_EQ(run.spectra.size(), 1278u);
    EXPECT_EQ(peaks(run), 445769u);
    // point_count was left from the uncut file; the scan_index differences are the truth.
    ASSERT_EQ(run.info.warnings.size(), 1u);
    EXPECT_NEAR(run.spectra.front().rt_s, 2501.378, 0.01);
    EXPECT_NEAR(run.spectra.back().rt_s, 4499.0, 2.0);
    for (const auto& s : run.spectra) {
        for (const double m : s.mz) {
            ASSERT_GE(m, 199.9);
            ASSERT_LE(m, 600.1);
        }
    }
}

TEST(AndiReader, RoundRobinVendorFiles) {
    struct Case {
        const char* name;
        std::size_t scans;
        std::size_t points;
        SpectrumMode mode;
    };
    for (const Case c : {Case{"andi_HP_CENTSCNH.CDF", 621, 7638, SpectrumMode::centroid},
                         Case{"andi_FINNIGAN_CENTSCNH.CDF", 100, 2355, SpectrumMode::centroid},
                         Case{"andi_PE_SCIEX_CONTINUM.CDF", 50, 1820, SpectrumMode::profile},
                         Case{"andi_TEST_NIST_50.CDF", 50, 1271, SpectrumMode::unknown}}) {
        const auto path = cdf(c.name);
        if (!fs::exists(path)) {
            EXPECT_FALSE(test::real_data_required()) << "absent: " << path;
            continue;
        }
        const MsRun run = io::read_ms(path);
        EXPECT_EQ(run.spectra.size(), c.scans) << c.name;
        EXPECT_EQ(peaks(run), c.points) << c.name;
        EXPECT_TRUE(run.info.warnings.empty()) << c.name;
        if (c.mode != SpectrumMode::unknown) {
            EXPECT_EQ(run.spectra[0].mode, c.mode) << c.name;
        }
        for (const auto& s : run.spectra) ASSERT_EQ(s.mz.size(), s.intensity.size());
    }
}

TEST(AndiReader, GarbageCdfIsRejected) {
    const auto path = test::scratch_dir() / "bad.cdf";
    std::string garbage("CDF\x01", 4);
    garbage.append(40, '\x7f');
    write_file_atomic(path, garbage);
    EXPECT_THROW(io::read_ms(path), InputError);
}

TEST(AndiReader, ConcurrentReadsFromManyThreads) {
    // libnetcdf is not thread-safe: every reader holds the library lock from open to close, so
    // eight threads reading ANDI (and mzMLb, through libhdf5) files at once all get the same data.
    const auto andi = cdf("andi_HP_CENTSCNH.CDF");
    const auto mzmlb = test::shared_spectra() / "ms" / "mzmlb" / "test.mzMLb";
    SIDEPEAK_REQUIRE_PATH(andi);
    const std::size_t expected = peaks(io::read_ms(andi));
    if (!fs::exists(mzmlb)) {
        EXPECT_FALSE(test::real_data_required()) << "absent: " << mzmlb;
    }
    const std::size_t expected_b = fs::exists(mzmlb) ? peaks(io::read_ms(mzmlb)) : 0;
    std::atomic<int> wrong{0}, failed{0};
    {
        std::vector<std::jthread> threads;
        for (int t = 0; t < 8; ++t) {
            threads.emplace_back([&, t] {
                for (int k = 0; k < 6; ++k) {
                    try {
                        const bool b = (t + k) % 3 == 0 && expected_b > 0;
                        if (peaks(io::read_ms(b ? mzmlb : andi)) != (b ? expected_b : expected)) ++wrong;
                    } catch (const std::exception&) {
                        ++failed;
                    }
                }
            });
        }
    }
    EXPECT_EQ(failed.load(), 0);
    EXPECT_EQ(wrong.load(), 0);
}

}  // namespace

// MS-Numpress codecs: known byte layouts, round trips within the published error bounds, and the
// OpenMS numpress files decoded against their uncompressed sources.
#include "sidepeak/io/numpress.hpp"

#include <cmath>
#include <random>

#include <gtest/gtest.h>

#include "sidepeak/core/error.hpp"
#include "sidepeak/io/ms_readers.hpp"
#include "test_support.hpp"

namespace np = sidepeak::io::numpress;
namespace fs = std::filesystem;

namespace {

fs::path mzml(const std::string& name) {
    const auto local = sidepeak::test::real_samples() / "ms" / "mzml" / name;
    return fs::exists(local) ? local : sidepeak::test::shared_spectra() / "ms" / "mzml" / name;
}

std::vector<double> masses(std::size_t n, unsigned seed) {
    std::mt19937 rng(seed);
    std::uniform_real_distribution<double> step(0.001, 2.0);
    std::vector<double> v(n);
    double x = 100.0;
    for (auto& m : v) m = (x += step(rng));
    return v;
}

TEST(Numpress, LinearKnownLayout) {
    // Fixed point 1000 (big-endian double), 1.0 -> 1000 and 2.0 -> 2000 as little-endian int32;
    // 3.0 is predicted exactly: residual 0 = head nibble 8, then one padding nibble.
    const std::vector<double> data{1.0, 2.0, 3.0};
    const auto bytes = np::encode_linear(data, 1000.0);
    const std::vector<std::uint8_t> expected{0x40, 0x8F, 0x40, 0x00, 0x00, 0x00, 0x00, 0x00,  // 1000.0
                                             0xE8, 0x03, 0x00, 0x00, 0xD0, 0x07, 0x00, 0x00, 0x80};
    EXPECT_EQ(bytes, expected);
    EXPECT_EQ(np::decode_linear(bytes), data);
}

TEST(Numpress, HalfByteIntegersNegativeAndLarge) {
    // Residuals of both signs and every nibble count.
    const std::vector<double> data{0, 1, 3, 2, 100, -50 + 1e6, 5e6, 5e6 + 1, 1.0, 2e8};
    const double fp = np::optimal_linear_fixed_point(data);
    const auto back = np::decode_linear(np::encode_linear(data, fp));
    ASSERT_EQ(back.size(), data.size());
    for (std::size_t i = 0; i < data.size(); ++i) EXPECT_NEAR(back[i], data[i], 0.5 / fp + 1e-12) << i;
}

TEST(Numpress, LinearRoundTripWithinBound) {
    for (const std::size_t n : {0u, 1u, 2u, 3u, 1000u}) {
        const auto data = masses(n, static_cast<unsigned>(n));
        const double fp = np::optimal_linear_fixed_point(data);
        const auto back = np::decode_linear(np::encode_linear(data, n == 0 ? 1.0 : fp));
        ASSERT_EQ(back.size(), n);
        for (std::size_t i = 0; i < n; ++i) EXPECT_LE(std::abs(back[i] - data[i]), 0.5 / fp + 1e-12);
    }
    // With a chosen mass accuracy the error stays under it.
    const auto data = masses(500, 7);
    const double fp = np::linear_fixed_point_for_accuracy(data, 1e-4);
    const auto back = np::decode_linear(np::encode_linear(data, fp));
    for (std::size_t i = 0; i < data.size(); ++i) EXPECT_LE(std::abs(back[i] - data[i]), 1e-4);
}

TEST(Numpress, PicRoundTripAndLayout) {
    const std::vector<double> data{0.0, 1.4, 15.6, 65535.0, 123456789.0};
    const auto bytes = np::encode_pic(data);
    // 0 -> "8"; 1 -> "7 1"; 16 -> "6 0 1": first byte 0x87, then 0x16, 0x01...
    EXPECT_EQ(bytes[0], 0x87);
    EXPECT_EQ(bytes[1], 0x16);
    const auto back = np::decode_pic(bytes);
    ASSERT_EQ(back.size(), data.size());
    for (std::size_t i = 0; i < data.size(); ++i) EXPECT_LE(std::abs(back[i] - data[i]), 0.5);
    EXPECT_THROW(np::encode_pic(std::vector<double>{-3.0}), sidepeak::Error);
}

TEST(Numpress, SlofRoundTripWithinRelativeBound) {
    std::mt19937 rng(3);
    std::lognormal_distribution<double> dist(8.0, 3.0);
    std::vector<double> data(2000);
    for (auto& v : data) v = dist(rng);
    data[0] = 0.0;
    const double fp = np::optimal_slof_fixed_point(data);
    const auto back = np::decode_slof(np::encode_slof(data, fp));
    ASSERT_EQ(back.size(), data.size());
    const double bound = std::exp(0.5 / fp) - 1;
    for (std::size_t i = 0; i < data.size(); ++i) EXPECT_LE(std::abs((back[i] + 1) / (data[i] + 1) - 1), bound * 1.0001) << i;
}

TEST(Numpress, MalformedInputThrows) {
    EXPECT_THROW(np::decode_linear(std::vector<std::uint8_t>{1, 2, 3}), sidepeak::Error);            // no fixed point
    EXPECT_THROW(np::decode_linear(std::vector<std::uint8_t>(10, 0x40)), sidepeak::Error);            // cut first value
    EXPECT_THROW(np::decode_slof(std::vector<std::uint8_t>{0x40, 0x8F, 0x40, 0, 0, 0, 0, 0, 1}), sidepeak::Error);
    std::vector<std::uint8_t> zero_fp(16, 0);
    EXPECT_THROW(np::decode_linear(zero_fp), sidepeak::Error);
    // Head nibble 0 promises 8 more nibbles: the stream ends first.
    EXPECT_THROW(np::decode_pic(std::vector<std::uint8_t>{0x01, 0x23}), sidepeak::Error);
    std::vector<double> out;
    EXPECT_THROW(np::decode_pic(np::encode_pic(std::vector<double>(10, 1.0)), out, 5), sidepeak::Error);
}

// The OpenMS numpress outputs hold the same spectra as their uncompressed inputs.
void expect_same_within(const std::string& compressed, const std::string& source, double mz_tol, double rel_tol,
                        double abs_tol) {
    const auto a_path = mzml(compressed);
    const auto b_path = mzml(source);
    SIDEPEAK_REQUIRE_PATH(a_path);
    SIDEPEAK_REQUIRE_PATH(b_path);
    const auto a = sidepeak::io::read_ms(a_path);
    const auto b = sidepeak::io::read_ms(b_path);
    ASSERT_EQ(a.spectra.size(), b.spectra.size());
    for (std::size_t i = 0; i < a.spectra.size(); ++i) {
        const auto& x = a.spectra[i];
        const auto& y = b.spectra[i];
        ASSERT_EQ(x.mz.size(), y.mz.size()) << i;
        for (std::size_t k = 0; k < x.mz.size(); ++k) {
            ASSERT_NEAR(x.mz[k], y.mz[k], mz_tol) << compressed << " spectrum " << i << " point " << k;
            ASSERT_NEAR(x.intensity[k], y.intensity[k], std::max(abs_tol, rel_tol * (y.intensity[k] + 1)))
                << compressed << " spectrum " << i << " point " << k;
        }
    }
}

TEST(Numpress, OpenMsLinearSlof) { expect_same_within("FileFilter_37_output.mzML", "FileFilter_1_input.mzML", 1e-4, 2e-4, 0); }
TEST(Numpress, OpenMsLinearPic) { expect_same_within("FileFilter_38_output.mzML", "FileFilter_1_input.mzML", 1e-4, 0, 0.5); }
TEST(Numpress, OpenMsLinearSlofZlib) {
    expect_same_within("FileConverter_24_output.mzML", "FileFilter_1_input.mzML", 1e-4, 2e-4, 0);
}
TEST(Numpress, OpenMsSwathLinearSlofZlib) {
    expect_same_within("FileConverter_29_output.mzML", "OpenSwathWorkflow_17_input.mzML", 1e-5, 2e-4, 0);
}

TEST(Numpress, CompressionIsReported) {
    const auto path = mzml("FileConverter_24_output.mzML");
    SIDEPEAK_REQUIRE_PATH(path);
    const auto run = sidepeak::io::read_ms(path);
    EXPECT_EQ(run.info.compression, "mixed (numpress-linear+zlib, numpress-slof+zlib)");
}

}  // namespace

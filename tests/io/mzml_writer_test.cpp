// Indexed mzML writer: round trip through our reader, a valid index and SHA-1, atomic output, and
// an independent reader (pymzml) on the written file.
#include "sidepeak/io/mzml_writer.hpp"

#include <cmath>
#include <cstdio>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "sidepeak/core/digest.hpp"
#include "sidepeak/core/error.hpp"
#include "sidepeak/core/file_io.hpp"
#include "sidepeak/io/ms_readers.hpp"
#include "sidepeak/io/mzml_indexed.hpp"
#include "test_support.hpp"

namespace {
using namespace sidepeak;
namespace fs = std::filesystem;

MsRun sample_run() {
    MsRun run;
    run.info.instrument = "Test \"Q\" & TOF";
    for (int i = 0; i < 5; ++i) {
        MsSpectrum s;
        s.id = "scan=" + std::to_string(100 + i);
        s.ms_level = i % 2 == 0 ? 1 : 2;
        s.rt_s = 12.5 + i * 0.731;
        s.polarity = i == 3 ? Polarity::negative : Polarity::positive;
        s.mode = i == 4 ? SpectrumMode::profile : SpectrumMode::centroid;
        s.scan_low_mz = 100;
        s.scan_high_mz = 1500;
        if (s.ms_level == 2) {
            s.precursor_mz = 445.3371 + i;
            s.precursor_charge = 2;
        }
        const std::size_t n = i == 2 ? 0 : 50 + 10 * static_cast<std::size_t>(i);  // spectrum 2 empty
        for (std::size_t k = 0; k < n; ++k) {
            s.mz.push_back(150.0 + 0.1234567891234 * static_cast<double>(k * k) + i);
            s.intensity.push_back(1000.0 / (1.0 + static_cast<double>(k)) + 0.125);
        }
        run.spectra.push_back(std::move(s));
    }
    Chromatogram tic;
    tic.id = "TIC";
    tic.kind = ChromatogramKind::tic;
    for (const auto& s : run.spectra) {
        tic.time_s.push_back(s.rt_s);
        double sum = 0;
        for (const double v : s.intensity) sum += v;
        tic.intensity.push_back(sum);
    }
    run.chromatograms.push_back(tic);
    Chromatogram srm;
    srm.id = "SRM SIC Q1=500.2 Q3=300.1";
    srm.kind = ChromatogramKind::srm;
    srm.precursor_mz = 500.2;
    srm.product_mz = 300.1;
    srm.time_s = {1, 2, 3};
    srm.intensity = {5, 7, 6};
    run.chromatograms.push_back(srm);
    return run;
}

void expect_equal_runs(const MsRun& a, const MsRun& b) {
    ASSERT_EQ(a.spectra.size(), b.spectra.size());
    for (std::size_t i = 0; i < a.spectra.size(); ++i) {
        const auto& x = a.spectra[i];
        const auto& y = b.spectra[i];
        EXPECT_EQ(x.id, y.id);
        EXPECT_EQ(x.ms_level, y.ms_level);
        EXPECT_DOUBLE_EQ(x.rt_s, y.rt_s);
        EXPECT_EQ(x.polarity, y.polarity);
        EXPECT_EQ(x.mode, y.mode);
        EXPECT_DOUBLE_EQ(x.precursor_mz, y.precursor_mz);
        EXPECT_EQ(x.precursor_charge, y.precursor_charge);
        EXPECT_DOUBLE_EQ(x.scan_low_mz, y.scan_low_mz);
        EXPECT_EQ(x.mz, y.mz);  // 64-bit floats survive bit for bit
        EXPECT_EQ(x.intensity, y.intensity);
    }
    ASSERT_EQ(a.chromatograms.size(), b.chromatograms.size());
    for (std::size_t i = 0; i < a.chromatograms.size(); ++i) {
        EXPECT_EQ(a.chromatograms[i].id, b.chromatograms[i].id);
        EXPECT_EQ(a.chromatograms[i].kind, b.chromatograms[i].kind);
        EXPECT_DOUBLE_EQ(a.chromatograms[i].precursor_mz, b.chromatograms[i].precursor_mz);
        EXPECT_DOUBLE_EQ(a.chromatograms[i].product_mz, b.chromatograms[i].product_mz);
        EXPECT_EQ(a.chromatograms[i].time_s, b.chromatograms[i].time_s);
        EXPECT_EQ(a.chromatograms[i].intensity, b.chromatograms[i].intensity);
    }
}

class MzmlWriterRoundTrip : public ::testing::TestWithParam<bool> {};

TEST_P(MzmlWriterRoundTrip, ReadsBackIdentically) {
    const auto dir = test::scratch_dir();
    const auto path = dir / "out.mzML";
    const MsRun run = sample_run();
    io::write_mzml(path, run, {.zlib = GetParam(), .checksum = true});
    const MsRun back = io::read_ms(path);
    expect_equal_runs(run, back);
    EXPECT_EQ(back.info.instrument, run.info.instrument);
    EXPECT_EQ(back.info.compression, GetParam() ? "zlib" : "none");
    EXPECT_EQ(back.info.declared_spectra, 5u);
    EXPECT_TRUE(back.info.warnings.empty());
    // No temporary file is left behind.
    std::size_t files = 0;
    for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir)) ++files;
    EXPECT_EQ(files, 1u);
}

INSTANTIATE_TEST_SUITE_P(Compression, MzmlWriterRoundTrip, ::testing::Values(false, true));

TEST(MzmlWriter, IndexOffsetsAndChecksumAreCorrect) {
    const auto path = test::scratch_dir() / "indexed.mzML";
    io::write_mzml(path, sample_run());
    io::MzmlIndexedReader reader(path);
    EXPECT_TRUE(reader.index_trusted());
    ASSERT_EQ(reader.size(), 5u);
    const std::string text = read_file_text(path);
    for (std::size_t i = 0; i < reader.size(); ++i) {
        EXPECT_EQ(text.compare(reader.offset(i), 9, "<spectrum"), 0);
    }
    const auto open = text.find("<fileChecksum>");
    ASSERT_NE(open, std::string::npos);
    Digest sha(DigestAlgorithm::sha1);
    sha.update(text.data(), open + 14);
    EXPECT_EQ(text.substr(open + 14, 40), sha.hex());
    const auto at = text.find("<indexListOffset>");
    const auto offset = std::stoull(text.substr(at + 17));
    EXPECT_EQ(text.compare(offset, 12, "  <indexList") == 0 || text.compare(offset, 10, "<indexList") == 0, true);
}

TEST(Digest, FipsKnownVectors) {
    // FIPS 180-4 examples (NIST CSRC "Examples with Intermediate Values"): "", "abc", a million 'a'.
    EXPECT_EQ(Digest(DigestAlgorithm::sha1).hex(), "da39a3ee5e6b4b0d3255bfef95601890afd80709");
    Digest b(DigestAlgorithm::sha1);
    b.update("abc");
    EXPECT_EQ(b.hex(), "a9993e364706816aba3e25717850c26c9cd0d89d");
    Digest c(DigestAlgorithm::sha1);
    const std::string million(1000000, 'a');
    c.update(million.data(), million.size());
    EXPECT_EQ(c.hex(), "34aa973cd4c4daa4f61eeb2bdbad27316534016f");
    Digest d(DigestAlgorithm::sha256);
    d.update("abc");
    EXPECT_EQ(d.hex(), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    EXPECT_THROW((void)d.hex(), Error);
    Digest e(DigestAlgorithm::sha256);
    e.update(million.data(), million.size());
    EXPECT_EQ(e.hex(), "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST(MzmlWriter, UnfinishedWriterLeavesNoFile) {
    const auto dir = test::scratch_dir();
    {
        io::MzmlWriter writer(dir / "never.mzML", MsRunInfo{});
        writer.write(sample_run().spectra[0]);
    }
    EXPECT_TRUE(fs::is_empty(dir));
}

TEST(MzmlWriter, RejectsMismatchedArrays) {
    io::MzmlWriter writer(test::scratch_dir() / "bad.mzML", MsRunInfo{});
    MsSpectrum s;
    s.mz = {1, 2};
    s.intensity = {1};
    EXPECT_THROW(writer.write(s), UsageError);
}

TEST(MzmlWriter, PymzmlReadsTheWrittenFile) {
    if (std::system("/usr/bin/python3 -c 'import pymzml' >/dev/null 2>&1") != 0) GTEST_SKIP() << "pymzml not importable";
    const auto dir = test::scratch_dir();
    const MsRun run = sample_run();
    for (const bool zlib : {false, true}) {
        const auto path = dir / (zlib ? "z.mzML" : "plain.mzML");
        io::write_mzml(path, run, {.zlib = zlib});
        const auto out = dir / "pymzml.txt";
        const std::string cmd = "/usr/bin/python3 -c 'import sys, pymzml\n"
                                "r = pymzml.run.Reader(sys.argv[1])\n"
                                "n = 0; p = 0; s = 0.0; m = 0.0\n"
                                "for sp in r:\n"
                                "    n += 1; p += len(sp.i); s += float(sum(sp.i)); m += float(sum(sp.mz))\n"
                                "print(n, p, repr(s), repr(m))' " +
                                path.string() + " > " + out.string() + " 2>/dev/null";
        ASSERT_EQ(std::system(cmd.c_str()), 0) << cmd;
        std::ifstream in(out);
        std::size_t n = 0, peaks = 0;
        double sum = 0, mz_sum = 0;
        in >> n >> peaks >> sum >> mz_sum;
        std::size_t want_peaks = 0;
        double want_sum = 0, want_mz = 0;
        for (const auto& s : run.spectra) {
            want_peaks += s.mz.size();
            for (const double v : s.intensity) want_sum += v;
            for (const double v : s.mz) want_mz += v;
        }
        EXPECT_EQ(n, run.spectra.size());
        EXPECT_EQ(peaks, want_peaks);
        EXPECT_NEAR(sum, want_sum, 1e-9 * want_sum);
        EXPECT_NEAR(mz_sum, want_mz, 1e-9 * want_mz);
    }
}

}  // namespace

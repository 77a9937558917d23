// Real JCAMP-DX NMR files: counts, axes, values, encodings, LINK blocks, FID orientation.
#include <chrono>
#include <cmath>
#include <complex>
#include <filesystem>

#include <gtest/gtest.h>

#include "sidepeak/core/file_io.hpp"
#include "sidepeak/io/jcamp.hpp"
#include "sidepeak/io/nmr_readers.hpp"
#include "data_format_print.hpp"
#include "test_support.hpp"

namespace {
namespace fs = std::filesystem;
using sidepeak::io::read_jcamp_nmr;

fs::path jcamp_dir() { return sidepeak::test::real_samples() / "nmr" / "jcamp"; }

// |DTFT| of the FID at an offset from the carrier (Hz), forward convention e^{-2 pi i f t}.
double dtft_magnitude(const std::vector<std::complex<double>>& fid, double offset_hz, double sweep_hz) {
    std::complex<double> sum = 0.0;
    const double w = -2.0 * M_PI * offset_hz / sweep_hz;
    for (std::size_t k = 0; k < fid.size(); ++k) sum += fid[k] * std::polar(1.0, w * static_cast<double>(k));
    return std::abs(sum);
}

// The FID orientation contract: the strongest line of the vendor spectrum must appear at
// +offset (ppm increasing with DFT index), not at its mirror image.
void expect_orientation(const sidepeak::NmrData& fid_data, const sidepeak::NmrSpectrum& spectrum) {
    std::size_t peak = 0;
    double best = -1.0;
    for (std::size_t i = 0; i < spectrum.size(); ++i) {
        const double v = spectrum.imag.empty() ? std::abs(spectrum.real[i]) : std::hypot(spectrum.real[i], spectrum.imag[i]);
        if (v > best) {
            best = v;
            peak = i;
        }
    }
    const auto& m = fid_data.meta;
    const double offset = (spectrum.ppm_at(static_cast<double>(peak)) - m.carrier_ppm) * m.reference_mhz;
    ASSERT_GT(std::abs(offset), 50.0) << "peak too close to the carrier to tell the orientation";
    const double direct = dtft_magnitude(fid_data.fids.at(0), offset, m.sweep_width_hz);
    const double mirror = dtft_magnitude(fid_data.fids.at(0), -offset, m.sweep_width_hz);
    EXPECT_GT(direct, 5.0 * mirror);
}

TEST(JcampNmr, ChloroethanolFourEncodingsDecodeIdentically) {
    const auto fix = read_jcamp_nmr(jcamp_dir() / "2-chloroethanol_jcamp-fix.dx");
    ASSERT_TRUE(fix.processed);
    const auto& ref = *fix.processed;
    ASSERT_EQ(ref.size(), 16384u);
    EXPECT_DOUBLE_EQ(ref.real[0], -10247.0);
    EXPECT_DOUBLE_EQ(ref.real[1], 1201.0);
    EXPECT_DOUBLE_EQ(ref.real.back(), 14967.0);
    EXPECT_NEAR(ref.ppm_first, 12.31284, 1e-9);  // $OFFSET
    EXPECT_NEAR(ref.ppm_last, 12.31284 - 5592.84116331095 / 400.13, 1e-9);
    for (const char* name : {"2-chloroethanol_jcamp-packed.dx", "2-chloroethanol_jcamp-squeezed.dx",
                             "2-chloroethanol_jcamp-difdup.dx"}) {
        const auto other = read_jcamp_nmr(jcamp_dir() / name);
        ASSERT_TRUE(other.processed) << name;
        EXPECT_EQ(other.processed->real, ref.real) << name;
        EXPECT_DOUBLE_EQ(other.processed->ppm_first, ref.ppm_first) << name;
    }
}

TEST(JcampNmr, VarianGemini424NpointsAsFloat) {
    const auto d = read_jcamp_nmr(jcamp_dir() / "varian_gemini2000_1h.jdx");
    ASSERT_TRUE(d.processed);
    // NPOINTS= 16385.000000000 but 16384 values, as FIRSTX/LASTX/DELTAX say (documented tolerance).
    EXPECT_EQ(d.processed->size(), 16384u);
    EXPECT_NEAR(d.processed->ppm_first, 16.089531599, 1e-9);
    EXPECT_NEAR(d.processed->ppm_last, -0.746542441, 1e-9);
    EXPECT_NEAR(d.processed->real[0], -0.000111519 * 160.199999131, 1e-9);
    EXPECT_EQ(d.meta.nucleus, "1H");
    EXPECT_NEAR(d.meta.observe_mhz, 299.9328561, 1e-9);
}

TEST(JcampNmr, RutinLinkDescendingHzAxis) {
    const auto d = read_jcamp_nmr(jcamp_dir() / "Rutin_3080ug200uL_DMSOd6_qHNMR_400MHz_JDX.jdx");
    ASSERT_TRUE(d.processed);
    const auto& s = *d.processed;
    EXPECT_EQ(s.size(), 52430u);
    EXPECT_NEAR(s.ppm_first, 7604.450041814470751 / 399.78219837824997285, 1e-9);
    EXPECT_NEAR(s.ppm_last, -408.37047100600989324 / 399.78219837824997285, 1e-9);
    EXPECT_GT(s.ppm_first, s.ppm_last);
    // FIRSTY within one YFACTOR step: the writer truncated y / YFACTOR to an integer.
    EXPECT_NEAR(s.real[0], -0.00036584879853762686253, 4.98e-8);
    EXPECT_EQ(d.meta.solvent, "DMSO-D6");
    EXPECT_EQ(d.meta.format, sidepeak::DataFormat::jcamp_dx);
}

TEST(JcampNmr, AspirinSpectrumAndFid) {
    const auto spec = read_jcamp_nmr(jcamp_dir() / "aspirin-1h.dx");
    ASSERT_TRUE(spec.processed);
    EXPECT_EQ(spec.processed->size(), 32768u);
    EXPECT_EQ(spec.processed->imag.size(), 32768u);
    EXPECT_DOUBLE_EQ(spec.processed->real[0], -118793.0);
    EXPECT_DOUBLE_EQ(spec.processed->imag[0], -119285.0);
    EXPECT_DOUBLE_EQ(spec.processed->real.back(), -78595.0);
    EXPECT_NEAR(spec.processed->ppm_first, 15.47866, 1e-9);
    EXPECT_NEAR(spec.processed->spectrometer_mhz, 300.13, 1e-9);

    const auto fid = read_jcamp_nmr(jcamp_dir() / "aspirin-1h.fid.dx");
    ASSERT_EQ(fid.fids.size(), 1u);
    EXPECT_EQ(fid.fids[0].size(), 8192u);
    EXPECT_EQ(fid.fids[0].back(), std::complex<double>(4422.0, -2326.0));  // ##LAST
    EXPECT_NEAR(fid.meta.group_delay_points, 61.020833333333333, 1e-9);  // DSPFVS 10, DECIM 24
    EXPECT_NEAR(fid.meta.sweep_width_hz, 4789.27203065134, 1e-9);
    EXPECT_NEAR(fid.meta.carrier_ppm, 7.5, 1e-6);
    EXPECT_NEAR(fid.meta.reference_mhz, 300.13, 1e-12);
    EXPECT_EQ(fid.meta.solvent, "CDCl3");
    EXPECT_EQ(fid.meta.scans, 32);
    expect_orientation(fid, *spec.processed);
}

TEST(JcampNmr, Dept13cLinkWithThreeBlocks) {
    const fs::path path = jcamp_dir() / "nmr_13c_dept.dx";
    const auto doc = sidepeak::io::jcamp::read(path);
    std::size_t inner = 0;
    for (const auto& b : doc.blocks) inner += b.depth == 1 ? 1 : 0;
    EXPECT_EQ(inner, 3u);  // ##BLOCKS= 2 is wrong: FID, spectrum, peak assignments
    const auto d = read_jcamp_nmr(path);
    EXPECT_EQ(d.meta.nucleus, "13C");
    ASSERT_EQ(d.fids.size(), 1u);
    EXPECT_EQ(d.fids[0].size(), 32768u);
    ASSERT_TRUE(d.processed);
    EXPECT_EQ(d.processed->size(), 32768u);
    EXPECT_NEAR(d.processed->ppm_first, 235.4936, 1e-9);
    EXPECT_DOUBLE_EQ(d.processed->real[0], -982636.0);
    double min = 0;
    for (double v : d.processed->real) min = std::min(min, v);
    EXPECT_LT(min, -1e6);  // DEPT-135 has negative CH2 lines
    expect_orientation(d, *d.processed);
}

TEST(JcampNmr, JeolWinNmrTabsAndDup) {
    const auto d = read_jcamp_nmr(jcamp_dir() / "jeol_winnmr_1h.dx");
    ASSERT_TRUE(d.processed);
    EXPECT_EQ(d.processed->size(), 16384u);
    EXPECT_NEAR(d.processed->ppm_first, 6037.9072694778 / 399.784493896, 1e-9);
    EXPECT_NEAR(d.processed->ppm_last, -1953.6127495766 / 399.784493896, 1e-9);
    EXPECT_DOUBLE_EQ(d.processed->real[0], 0.0);
}

TEST(JcampNmr, EveryAssignedSpectrumDecodesToItsDeclaredCount) {
    const fs::path dir = sidepeak::test::shared_spectra() / "nmr" / "jcamp_assigned";
    SIDEPEAK_REQUIRE_PATH(dir);
    std::size_t files = 0;
    for (const auto& folder : fs::directory_iterator(dir)) {
        for (const auto& f : fs::directory_iterator(folder.path())) {
            const auto ext = f.path().extension().string();
            if (ext != ".dx" && ext != ".jdx") continue;
            ++files;
            SCOPED_TRACE(f.path().string());
            // The parser itself rejects any table whose decoded count differs from NPOINTS / VAR_DIM.
            const auto d = read_jcamp_nmr(f.path());
            ASSERT_TRUE(d.processed);
            EXPECT_GE(d.processed->size(), 16384u);
            EXPECT_EQ(d.meta.nucleus, "1H");
            EXPECT_GT(d.processed->spectrometer_mhz, 299.0);
            EXPECT_GT(d.processed->ppm_first, d.processed->ppm_last);
        }
    }
    EXPECT_EQ(files, 26u);
}

TEST(JcampNmr, AssignedLinkFileKeepsFidAndSpectrum) {
    const fs::path path = sidepeak::test::shared_spectra() / "nmr" / "jcamp_assigned" / "50-36-2" / "1h.dx";
    SIDEPEAK_REQUIRE_PATH(path);
    const auto d = read_jcamp_nmr(path);
    ASSERT_EQ(d.fids.size(), 1u);
    ASSERT_TRUE(d.processed);
    EXPECT_EQ(d.processed->size(), 65536u);
    expect_orientation(d, *d.processed);
}

TEST(JcampNmr, ParserThroughputOnTheBiggestFile) {
    const fs::path path = jcamp_dir() / "nmr_13c_dept.dx";
    const std::string text = sidepeak::read_file_text(path);
    constexpr int reps = 10;
    const auto t0 = std::chrono::steady_clock::now();
    std::size_t points = 0;
    for (int i = 0; i < reps; ++i) {
        const auto doc = sidepeak::io::jcamp::parse(text, path);
        for (const auto& b : doc.blocks) {
            for (const auto& t : b.tables) points += t.y.size();
        }
    }
    const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    const double mb_per_s = static_cast<double>(text.size()) * reps / s / 1e6;
    RecordProperty("jcamp_parse_MB_per_s", std::to_string(mb_per_s));
    std::printf("JCAMP-DX parse throughput: %.1f MB/s (%zu bytes, %zu points per pass)\n", mb_per_s, text.size(),
                points / reps);
    EXPECT_EQ(points / reps, 4u * 32768u);
    EXPECT_GT(mb_per_s, 1.0);
}

TEST(JcampGeneric, MassSpectraPeakTablesAndNtuples) {
    const fs::path dir = sidepeak::test::real_samples() / "ms" / "jcamp";
    const auto ms1 = sidepeak::io::jcamp::read(dir / "ISAS_MS1.DX");
    ASSERT_FALSE(ms1.blocks.empty());
    ASSERT_EQ(ms1.blocks[0].tables.size(), 1u);
    EXPECT_EQ(ms1.blocks[0].tables[0].label, "PEAKTABLE");
    EXPECT_EQ(ms1.blocks[0].tables[0].x.size(), 26u);

    const auto ms3 = sidepeak::io::jcamp::read(dir / "ISAS_MS3.DX");
    ASSERT_EQ(ms3.blocks.size(), 1u);
    ASSERT_EQ(ms3.blocks[0].tables.size(), 3u);
    EXPECT_NE(ms3.blocks[0].tables[0].page.find("272"), std::string::npos);

    const auto acd = sidepeak::io::jcamp::read(dir / "mass_ACD.jdx");
    ASSERT_EQ(acd.blocks.size(), 1u);
    ASSERT_EQ(acd.blocks[0].tables.size(), 1u);
    EXPECT_EQ(acd.blocks[0].tables[0].x.size(), 180u);
    EXPECT_NEAR(acd.blocks[0].tables[0].x.front(), 20.0, 1.0);
}

TEST(JcampGeneric, LabelsAreNormalised) {
    EXPECT_EQ(sidepeak::io::jcamp::normalize_label(".OBSERVE FREQUENCY"), ".OBSERVEFREQUENCY");
    EXPECT_EQ(sidepeak::io::jcamp::normalize_label("Data_Type"), "DATATYPE");
    EXPECT_EQ(sidepeak::io::jcamp::normalize_label("JCAMP-DX"), "JCAMPDX");
    EXPECT_EQ(sidepeak::io::jcamp::normalize_label("SPECTROMETER/DATA SYSTEM"), "SPECTROMETERDATASYSTEM");
    const auto doc = sidepeak::io::jcamp::parse("##TITLE= t\n##Data_Type=\tNMR SPECTRUM $$ note\n##END=\n", "mem");
    ASSERT_EQ(doc.blocks.size(), 1u);
    EXPECT_EQ(doc.blocks[0].data_type(), "NMRSPECTRUM");
    EXPECT_EQ(doc.blocks[0].text("data type").value_or(""), "NMR SPECTRUM");
}

TEST(JcampGeneric, AsdfFormsDecodeToTheSameValues) {
    // 1 2 3 3 3 5 4 in AFFN, PAC, SQZ, DIF+DUP (with the Y-check on the second line).
    const char* head = "##TITLE= t\n##XFACTOR= 1\n##YFACTOR= 1\n##FIRSTX= 0\n##LASTX= 6\n##NPOINTS= 7\n##XYDATA= (X++(Y..Y))\n";
    const char* bodies[] = {"0 1 2 3 3\n4 3 5 4\n", "0+1+2+3+3\n4+3+5+4\n", "0ABCC\n4CED\n", "0AJJ%T\n4CKj\n4D\n"};
    for (const char* body : bodies) {
        const auto doc = sidepeak::io::jcamp::parse(std::string(head) + body + "##END=\n", "mem");
        ASSERT_EQ(doc.blocks.at(0).tables.size(), 1u) << body;
        EXPECT_EQ(doc.blocks[0].tables[0].y, (std::vector<double>{1, 2, 3, 3, 3, 5, 4})) << body;
        EXPECT_DOUBLE_EQ(doc.blocks[0].tables[0].x.back(), 6.0);
    }
}

}  // namespace

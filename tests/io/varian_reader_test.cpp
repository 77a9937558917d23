// Varian/Agilent reader on the real VNMR folders in spectra_samples/real (MIT/BSD).
#include <cmath>
#include <complex>
#include <filesystem>
#include <fstream>
#include <numbers>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "sidepeak/core/error.hpp"
#include "sidepeak/io/nmr_readers.hpp"
#include "data_format_print.hpp"
#include "test_support.hpp"

namespace {
namespace fs = std::filesystem;
using sidepeak::NmrData;
using sidepeak::io::read_varian;

fs::path varian(const std::string& rel) { return sidepeak::test::real_samples() / "nmr" / "varian" / rel; }

double amplitude_near(const std::vector<std::complex<double>>& fid, const sidepeak::NmrMeta& m, double ppm) {
    double best = 0.0;
    for (int s = -10; s <= 10; ++s) {
        const double hz = (ppm + 0.001 * s - m.carrier_ppm) * m.reference_mhz;
        const double w = -2.0 * std::numbers::pi * hz / m.sweep_width_hz;
        std::complex<double> acc{};
        for (std::size_t k = 0; k < fid.size(); ++k) acc += fid[k] * std::polar(1.0, w * static_cast<double>(k));
        best = std::max(best, std::abs(acc));
    }
    return best;
}

TEST(VarianReader, EveryRealFolderReads) {
    struct Expect {
        std::string rel;
        std::string nucleus;
        std::size_t fids;
        std::size_t points;
        double sfrq;
        double sw;
        double reffrq;
        std::string solvent;
        std::string seqfil;
        int nt;
    };
    const std::vector<Expect> all = {
        {"HMDB00005.fid", "1H", 1, 24001, 499.8192724, 6000.15000375, 499.816882219, "D2O", "metnoesy", 128},
        {"HMDB00001.fid", "1H", 1, 23985, 499.8286899, 5997.00149925, 499.826292116, "D2O", "NOESY", 64},
        {"FAM013_AHTM.PROTON_04.fid", "1H", 1, 32768, 599.8311617, 12019.2307692, 599.826355589, "cd3od", "s2pul", 160},
        {"nmrpy_test1_31P_array.fid", "31P", 24, 15542, 161.8947806, 9713.45313259, 161.894780643, "d2o", "s2pul", 12},
    };
    for (const auto& e : all) {
        SCOPED_TRACE(e.rel);
        const auto d = read_varian(varian(e.rel));
        EXPECT_EQ(d.meta.format, sidepeak::DataFormat::varian);
        EXPECT_EQ(d.meta.nucleus, e.nucleus);
        ASSERT_EQ(d.fids.size(), e.fids);
        for (const auto& f : d.fids) EXPECT_EQ(f.size(), e.points);
        EXPECT_DOUBLE_EQ(d.meta.observe_mhz, e.sfrq);
        EXPECT_DOUBLE_EQ(d.meta.sweep_width_hz, e.sw);
        EXPECT_DOUBLE_EQ(d.meta.reference_mhz, e.reffrq);
        EXPECT_NEAR(d.meta.carrier_ppm, (e.sfrq - e.reffrq) / e.reffrq * 1e6, 1e-9);
        EXPECT_EQ(d.meta.group_delay_points, 0.0);
        EXPECT_EQ(d.meta.solvent, e.solvent);
        EXPECT_EQ(d.meta.pulse_program, e.seqfil);
        EXPECT_EQ(d.meta.scans, e.nt);
        EXPECT_DOUBLE_EQ(d.meta.temperature_k, std::stod(d.meta.params.at("temp")) + 273.15);
        EXPECT_FALSE(d.processed);
    }
}

TEST(VarianReader, FirstValuesPerDataType) {
    // Big-endian values decoded independently; the reader conjugates (im -> -im).
    EXPECT_EQ(read_varian(varian("HMDB00005.fid")).fids[0][100], std::complex<double>(85538, -17006));  // int32
    EXPECT_EQ(read_varian(varian("HMDB00001.fid")).fids[0][100],
              std::complex<double>(102633.2265625, -35099.9921875));  // float32, upper-case FID/PROCPAR
    EXPECT_EQ(read_varian(varian("FAM013_AHTM.PROTON_04.fid")).fids[0][100],
              std::complex<double>(61705.82421875, 132428.921875));  // float32, status 0x00c9
    const auto arr = read_varian(varian("nmrpy_test1_31P_array.fid"));
    EXPECT_EQ(arr.fids[0][0], std::complex<double>(-94, 246));
    EXPECT_EQ(arr.fids[23][100], std::complex<double>(-242, 252));  // last block of 24
}

TEST(VarianReader, MetadataAndParams) {
    const auto d = read_varian(varian("HMDB00001.fid"));
    EXPECT_EQ(d.meta.title, "Water Suppression");  // TEXT file
    EXPECT_EQ(d.meta.params.at("tn"), "H1");
    EXPECT_EQ(d.meta.params.at("np"), "47970");
    EXPECT_EQ(d.meta.instrument, "inova");
    // A path to the fid file stands for its folder.
    EXPECT_EQ(read_varian(varian("HMDB00005.fid") / "fid").fids, read_varian(varian("HMDB00005.fid")).fids);
}

TEST(VarianReader, ReferenceFromRflRfpWithoutReffrq) {
    const auto dir = sidepeak::test::scratch_dir() / "FAM.fid";
    fs::copy(varian("FAM013_AHTM.PROTON_04.fid"), dir, fs::copy_options::recursive);
    // Drop the reffrq entry (header line, value line, enumeration line).
    std::ifstream in(dir / "procpar");
    std::ostringstream out;
    std::string line;
    int skip = 0;
    while (std::getline(in, line)) {
        if (line.rfind("reffrq ", 0) == 0) skip = 3;
        if (skip > 0) {
            --skip;
            continue;
        }
        out << line << '\n';
    }
    in.close();
    fs::permissions(dir / "procpar", fs::perms::owner_write, fs::perm_options::add);
    std::ofstream(dir / "procpar") << out.str();
    const auto d = read_varian(dir);
    EXPECT_FALSE(d.meta.params.contains("reffrq"));
    // sfrq - (sw/2 - rfl + rfp) Hz reproduces the instrument's own reffrq.
    EXPECT_NEAR(d.meta.reference_mhz, 599.826355589, 1e-8);
}

// Orientation contract: lines sit at their shift, not at the mirror image about the carrier.
TEST(VarianReader, OrientationPutsKnownLinesAtTheirShift) {
    struct Line {
        std::string rel;
        double ppm;
    };
    const std::vector<Line> lines = {
        {"HMDB00005.fid", 0.0},                // DSS
        {"HMDB00001.fid", 3.68},               // 1-methylhistidine N-CH3
        {"HMDB00001.fid", 7.67},               // imidazole H2
        {"FAM013_AHTM.PROTON_04.fid", 3.31},   // CHD2OD quintet of CD3OD
    };
    for (const auto& l : lines) {
        SCOPED_TRACE(l.rel);
        const auto d = read_varian(varian(l.rel));
        const double mirror = 2.0 * d.meta.carrier_ppm - l.ppm;
        EXPECT_GT(amplitude_near(d.fids[0], d.meta, l.ppm), 5.0 * amplitude_near(d.fids[0], d.meta, mirror))
            << "line " << l.ppm << " mirror " << mirror;
    }
}

}  // namespace

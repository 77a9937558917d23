// Bruker reader on the real experiment folders of spectra_samples/real (MIT/BSD) and of
// ../shared (penguins-testdata, no license file: read in place, skipped when absent).
#include <cmath>
#include <complex>
#include <filesystem>
#include <numbers>
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
using sidepeak::io::read_bruker;

fs::path bruker(const std::string& rel) { return sidepeak::test::real_samples() / "nmr" / "bruker" / rel; }
fs::path shared_bruker(const std::string& rel) {
    return sidepeak::test::shared_spectra() / "nmr" / "bruker" / rel;
}

struct Expect {
    std::string rel;
    bool shared;
    std::string nucleus;
    std::size_t points;
    double sfo1;
    double group_delay;
    std::size_t processed_si;  // 0: no 1r
    double offset;             // procs OFFSET when processed
};

const std::vector<Expect>& expectations() {
    static const std::vector<Expect> all = {
        {"MP-TFM-aniline/10", false, "1H", 32768, 500.133088507, 67.9862518310547, 32768, 15.18749},
        {"MP-TFM-aniline/11", false, "13C", 32768, 125.770363831, 76.0, 32768, 262.0573},
        {"VZBBI_13R03_GABA/1H", false, "1H", 16384, 500.1625008, 76.0, 32768, 11.07747},
        {"VZBBI_13R03_GABA/13C", false, "13C", 16384, 125.776650879, 76.0, 32768, 202.4913},
        // DSPFVS 10, DECIM 24, no GRPDLY: the table gives 61 + 1/48.
        {"aspirin-1h/1", false, "1H", 8192, 300.132250975, 61.020833333333333, 0, 0.0},
        // DSPFVS 12, DECIM 24.
        {"bmse000325/1H", false, "1H", 16384, 499.84234974784, 70.166666666666667, 65536, 11.79963},
        // DSPFVS 10, DECIM 6; TD 36360 padded to 1024-byte blocks on disk.
        {"nmrpy_bruker2/1", false, "13C", 18180, 150.91783927, 59.083333333333333, 32768, 200.547},
        {"strychnine/10", false, "1H", 40063, 400.132470966543, 67.9842071533203, 131072, 18.19698},
        {"penguins-testdata/7", true, "1H", 32768, 400.13200065, 68.0, 65536, 15.24257},
    };
    return all;
}

fs::path path_of(const Expect& e) { return e.shared ? shared_bruker(e.rel) : bruker(e.rel); }

// |sum_k x[k] e^{-2 pi i f k / SW}| maximised over +-window_ppm around `ppm`: one DFT bin at a
// chemical shift under the project's orientation contract (ppm increasing with frequency).
double amplitude_near(const NmrData& d, double ppm, double window_ppm = 0.01) {
    const auto& fid = d.fids.at(0);
    const auto& m = d.meta;
    double best = 0.0;
    for (int s = -10; s <= 10; ++s) {
        const double hz = (ppm + window_ppm * s / 10.0 - m.carrier_ppm) * m.reference_mhz;
        const double w = -2.0 * std::numbers::pi * hz / m.sweep_width_hz;
        std::complex<double> acc{};
        for (std::size_t k = 0; k < fid.size(); ++k) acc += fid[k] * std::polar(1.0, w * static_cast<double>(k));
        best = std::max(best, std::abs(acc));
    }
    return best;
}

TEST(BrukerReader, EveryRealFolderReads) {
    for (const auto& e : expectations()) {
        SCOPED_TRACE(e.rel);
        const auto path = path_of(e);
        if (e.shared && !fs::exists(path)) {
            EXPECT_FALSE(sidepeak::test::real_data_required()) << "absent: " << path;
            continue;
        }
        const auto d = read_bruker(path);
        EXPECT_EQ(d.meta.format, sidepeak::DataFormat::bruker_fid);
        EXPECT_EQ(d.meta.nucleus, e.nucleus);
        ASSERT_EQ(d.fids.size(), 1u);
        EXPECT_EQ(d.fids[0].size(), e.points);
        EXPECT_DOUBLE_EQ(d.meta.observe_mhz, e.sfo1);
        EXPECT_NEAR(d.meta.group_delay_points, e.group_delay, 1e-9);
        EXPECT_GT(d.meta.sweep_width_hz, 1000.0);
        EXPECT_NEAR(d.meta.carrier_ppm, (d.meta.observe_mhz - d.meta.reference_mhz) / d.meta.reference_mhz * 1e6, 1e-9);
        EXPECT_EQ(d.processed.has_value(), e.processed_si > 0);
        if (d.processed) {
            const auto& p = *d.processed;
            EXPECT_EQ(p.size(), e.processed_si);
            EXPECT_EQ(p.imag.size(), e.processed_si);
            EXPECT_DOUBLE_EQ(p.ppm_first, e.offset);
            EXPECT_DOUBLE_EQ(p.spectrometer_mhz, d.meta.reference_mhz);  // procs SF
            const double sw_ppm = d.meta.sweep_width_hz / p.spectrometer_mhz;
            EXPECT_NEAR(p.ppm_step(), -sw_ppm / static_cast<double>(p.size()), 1e-6);
            // TopSpin puts the carrier at point SI/2: OFFSET = carrier + SW/2.
            EXPECT_NEAR(p.ppm_first, d.meta.carrier_ppm + sw_ppm / 2.0, 2e-3);
        }
    }
}

TEST(BrukerReader, FirstValuesAndScale) {
    // Reference values decoded independently (byte order, type) and scaled by 2^NC.
    struct Spot {
        std::string rel;
        std::size_t k;
        std::complex<double> value;
    };
    const std::vector<Spot> spots = {
        {"aspirin-1h/1", 100, {-83888.25, 11914.5}},          // big-endian int32, NC -2
        {"strychnine/10", 100, {-10655.125, -24009.984375}},  // little-endian int32, NC -6
        {"nmrpy_bruker2/1", 100, {-1017695.5, 1036207.5}},    // big-endian, NC -1
        {"nmrpy_bruker2/1", 18179, {-9448.0, -15666.0}},      // last point before the block padding
        {"bmse000325/1H", 100, {203.25, -844.75}},
        {"MP-TFM-aniline/10", 100, {6548.0, 5858.203125}},
    };
    for (const auto& s : spots) {
        SCOPED_TRACE(s.rel);
        const auto d = read_bruker(bruker(s.rel));
        EXPECT_EQ(d.fids.at(0).at(s.k), s.value);
    }
    const auto strych = read_bruker(bruker("strychnine/10"));
    EXPECT_DOUBLE_EQ(strych.processed->real.at(1000), 271.828125);  // 1r * 2^NC_proc (-6)
    const auto bmse = read_bruker(bruker("bmse000325/1H"));
    EXPECT_DOUBLE_EQ(bmse.processed->real.at(1000), 323.1015625);  // little-endian 1r beside a big-endian fid
}

TEST(BrukerReader, Float64FidFromShared) {
    const auto path = shared_bruker("penguins-testdata/7");
    SIDEPEAK_REQUIRE_PATH(path);
    const auto d = read_bruker(path);
    EXPECT_EQ(d.fids.at(0).at(100), std::complex<double>(361809033.171875, -70667917.796875));
    EXPECT_DOUBLE_EQ(d.processed->real.at(1000), 6102528.0);  // NC_proc = +8
    EXPECT_EQ(d.meta.instrument, "Avance");
}

TEST(BrukerReader, MetadataAndParams) {
    const auto d = read_bruker(bruker("aspirin-1h/1"));
    EXPECT_EQ(d.meta.solvent, "CDCl3");
    EXPECT_EQ(d.meta.pulse_program, "zg30");
    EXPECT_EQ(d.meta.instrument, "spect");
    EXPECT_EQ(d.meta.scans, 32);
    EXPECT_DOUBLE_EQ(d.meta.temperature_k, 298.0);
    EXPECT_DOUBLE_EQ(d.meta.sweep_width_hz, 4789.27203065134);
    EXPECT_DOUBLE_EQ(d.meta.reference_mhz, 300.13);  // procs SF
    EXPECT_EQ(d.meta.params.at("TD"), "16384");
    EXPECT_EQ(d.meta.params.at("AQ_mod"), "1");
    EXPECT_EQ(d.meta.params.at("PULPROG"), "zg30");
    EXPECT_EQ(d.meta.params.at("D").substr(0, 8), "0 1.2 0 ");  // (0..31) array over two lines
    // procs SF carries the SR calibration and wins over BF1.
    const auto gaba = read_bruker(bruker("VZBBI_13R03_GABA/1H"));
    EXPECT_DOUBLE_EQ(gaba.meta.reference_mhz, 500.159961493599);
    // pdata/1/title: the first non-empty line.
    EXPECT_EQ(read_bruker(bruker("MP-TFM-aniline/10")).meta.title, "MP-PROTON CDCl3 /opt/topspin3.5pl5/data/marion nmr 6");
    EXPECT_EQ(d.meta.title, "1H BBI");
}

TEST(BrukerReader, AcceptsPdataFolderAndFiles) {
    const auto whole = read_bruker(bruker("strychnine/10"));
    const auto from_pdata = read_bruker(bruker("strychnine/10/pdata/1"));
    EXPECT_EQ(from_pdata.meta.format, sidepeak::DataFormat::bruker_fid);
    EXPECT_EQ(from_pdata.fids, whole.fids);
    ASSERT_TRUE(from_pdata.processed);
    EXPECT_EQ(from_pdata.processed->real, whole.processed->real);
    const auto from_fid = read_bruker(bruker("strychnine/10/fid"));
    EXPECT_EQ(from_fid.fids, whole.fids);
    const auto no_proc = read_bruker(bruker("strychnine/10"), {.load_processed = false, .procno = 1});
    EXPECT_FALSE(no_proc.processed);
    EXPECT_EQ(no_proc.fids, whole.fids);
}

TEST(BrukerReader, ProcessedOnlyFolder) {
    const auto dir = sidepeak::test::scratch_dir() / "proc";
    fs::create_directories(dir);
    for (const char* name : {"procs", "1r", "1i"}) fs::copy_file(bruker("MP-TFM-aniline/10/pdata/1") / name, dir / name);
    const auto d = read_bruker(dir);
    EXPECT_EQ(d.meta.format, sidepeak::DataFormat::bruker_1r);
    EXPECT_TRUE(d.fids.empty());
    ASSERT_TRUE(d.processed);
    EXPECT_EQ(d.processed->size(), 32768u);
    EXPECT_DOUBLE_EQ(d.meta.reference_mhz, 500.13);
    EXPECT_DOUBLE_EQ(d.processed->ppm_first, 15.18749);
    EXPECT_NEAR(d.processed->ppm_last, 15.18749 - 9014.4230769231 / 500.13 * 32767.0 / 32768.0, 1e-9);

    // An experiment folder whose fid is gone but whose pdata/1 holds 1r.
    const auto exp = sidepeak::test::scratch_dir() / "exp";
    fs::copy(bruker("MP-TFM-aniline/10"), exp, fs::copy_options::recursive);
    fs::remove(exp / "fid");
    const auto e = read_bruker(exp);
    EXPECT_EQ(e.meta.format, sidepeak::DataFormat::bruker_1r);
    EXPECT_TRUE(e.fids.empty());
    EXPECT_DOUBLE_EQ(e.meta.observe_mhz, 500.133088507);
    ASSERT_TRUE(e.processed);
}

// Orientation contract: DFT + fftshift puts ppm increasing with index. A known line must show
// at its chemical shift and not at its mirror image about the carrier.
TEST(BrukerReader, OrientationPutsKnownLinesAtTheirShift) {
    struct Line {
        std::string rel;
        double ppm;
    };
    const std::vector<Line> lines = {
        {"aspirin-1h/1", 2.294},          // acetyl CH3 (qsim, AQ_mod 1)
        {"strychnine/10", 0.0},           // TMS
        {"VZBBI_13R03_GABA/1H", 3.013},   // GABA H4 triplet (HDO at 4.78 is too near the carrier)
        {"MP-TFM-aniline/10", 7.26},      // CHCl3
        {"nmrpy_bruker2/1", 76.64},       // strongest 13C line of that sample (qsim, AQ_mod 1)
    };
    for (const auto& l : lines) {
        SCOPED_TRACE(l.rel);
        const auto d = read_bruker(bruker(l.rel));
        const double mirror = 2.0 * d.meta.carrier_ppm - l.ppm;
        const double at = amplitude_near(d, l.ppm);
        const double at_mirror = amplitude_near(d, mirror);
        EXPECT_GT(at, 10.0 * at_mirror) << "line " << l.ppm << " mirror " << mirror;
    }
}

}  // namespace

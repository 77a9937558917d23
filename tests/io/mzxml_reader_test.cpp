// mzXML reader on real files; counts and sums cross-checked with ProteoWizard (pwiz_read).
#include <numeric>

#include <gtest/gtest.h>

#include "sidepeak/io/ms_readers.hpp"
#include "data_format_print.hpp"
#include "test_support.hpp"

namespace {
namespace fs = std::filesystem;
using namespace sidepeak;

fs::path mzxml(const std::string& name) {
    const auto local = test::real_samples() / "ms" / "mzxml" / name;
    return fs::exists(local) ? local : test::shared_spectra() / "ms" / "mzxml" / name;
}

TEST(MzxmlReader, OrbitrapDdaRun) {
    const auto path = mzxml("lcMsMs.mzXML");
    SIDEPEAK_REQUIRE_PATH(path);
    const MsRun run = io::read_ms(path);
    ASSERT_EQ(run.spectra.size(), 3899u);
    std::size_t peaks = 0, ms2 = 0;
    double sum = 0;
    for (const auto& s : run.spectra) {
        peaks += s.mz.size();
        ms2 += s.ms_level == 2 ? 1 : 0;
        sum += std::accumulate(s.intensity.begin(), s.intensity.end(), 0.0);
    }
    EXPECT_EQ(peaks, 528332u);
    EXPECT_EQ(ms2, 3163u);
    EXPECT_NEAR(sum, 1.011410e+11, 1e6);
    EXPECT_EQ(run.info.format, DataFormat::mzxml);
    EXPECT_EQ(run.info.instrument, "Thermo Scientific Orbitrap Exploris 240");
    EXPECT_TRUE(run.info.warnings.empty());  // valid index, true scanCount
    const auto& first = run.spectra[0];
    EXPECT_EQ(first.id, "scan=1");
    EXPECT_NEAR(first.rt_s, 0.178247608184814, 1e-12);
    EXPECT_EQ(first.mz.size(), 58u);
    EXPECT_EQ(first.polarity, Polarity::positive);
    // "FTMS + p" in the filter line, but the peak lists are centroided: the data decide.
    EXPECT_EQ(first.mode, SpectrumMode::centroid);
    const auto& ms2_scan = run.spectra[5];
    EXPECT_EQ(ms2_scan.ms_level, 2);
    EXPECT_NEAR(ms2_scan.precursor_mz, 189.069839477539, 1e-9);
    EXPECT_EQ(ms2_scan.precursor_charge, 1);
    EXPECT_NEAR(run.spectra.back().rt_s, 600.303730274201, 1e-9);
}

TEST(MzxmlReader, CutDownFileWithStaleIndexAndWrongScanCount) {
    const auto path = mzxml("pyteomics_lcqdeca.mzXML");
    SIDEPEAK_REQUIRE_PATH(path);
    const MsRun run = io::read_ms(path);
    ASSERT_EQ(run.spectra.size(), 2u);
    EXPECT_EQ(run.info.declared_spectra, 3113u);
    EXPECT_EQ(run.info.warnings.size(), 2u);
    EXPECT_EQ(run.spectra[0].mz.size(), 1313u);
    EXPECT_NEAR(run.spectra[0].rt_s, 353.43, 1e-9);
    EXPECT_EQ(run.spectra[1].ms_level, 2);  // nested MS2 scan
    EXPECT_NEAR(run.spectra[1].precursor_mz, 445.35, 1e-9);
    EXPECT_EQ(run.spectra[0].mode, SpectrumMode::centroid);  // dataProcessing centroided="1"
}

}  // namespace

// mzML reader on real files: counts and spot values cross-checked with pymzml and the files' own
// metadata.
#include <cmath>
#include <numeric>

#include <gtest/gtest.h>

#include "sidepeak/core/error.hpp"
#include "sidepeak/io/ms_readers.hpp"
#include "data_format_print.hpp"
#include "test_support.hpp"

namespace {
using sidepeak::MsRun;
using sidepeak::Polarity;
using sidepeak::SpectrumMode;
namespace fs = std::filesystem;

fs::path mzml(const std::string& name) {
    const auto local = sidepeak::test::real_samples() / "ms" / "mzml" / name;
    if (fs::exists(local)) return local;
    return sidepeak::test::shared_spectra() / "ms" / "mzml" / name;
}

struct Totals {
    std::size_t spectra = 0;
    std::size_t peaks = 0;
    double intensity = 0;
};

Totals totals(const MsRun& run) {
    Totals t;
    t.spectra = run.spectra.size();
    for (const auto& s : run.spectra) {
        t.peaks += s.intensity.size();
        t.intensity += std::accumulate(s.intensity.begin(), s.intensity.end(), 0.0);
    }
    return t;
}

TEST(MzmlReader, TinyPwizExample) {
    const auto path = mzml("tiny.pwiz.1.1.mzML");
    SIDEPEAK_REQUIRE_PATH(path);
    const MsRun run = sidepeak::io::read_ms(path);
    ASSERT_EQ(run.spectra.size(), 4u);
    EXPECT_EQ(run.info.format, sidepeak::DataFormat::mzml);
    EXPECT_EQ(run.info.declared_spectra, 4u);
    EXPECT_EQ(run.info.compression, "none");
    const auto& s0 = run.spectra[0];
    EXPECT_EQ(s0.id, "scan=19");
    EXPECT_EQ(s0.ms_level, 1);
    EXPECT_EQ(s0.polarity, Polarity::positive);  // from the referenceableParamGroup
    EXPECT_EQ(s0.mode, SpectrumMode::centroid);
    EXPECT_NEAR(s0.rt_s, 5.8905 * 60, 1e-9);    // minutes in the file
    EXPECT_DOUBLE_EQ(s0.scan_low_mz, 400.0);
    EXPECT_DOUBLE_EQ(s0.scan_high_mz, 1800.0);
    ASSERT_EQ(s0.mz.size(), 15u);
    EXPECT_DOUBLE_EQ(s0.mz[3], 3.0);
    EXPECT_DOUBLE_EQ(s0.intensity[0], 15.0);
    const auto& s1 = run.spectra[1];
    EXPECT_EQ(s1.ms_level, 2);
    EXPECT_NEAR(s1.precursor_mz, 445.34, 1e-9);
    EXPECT_EQ(s1.precursor_charge, 2);
    EXPECT_TRUE(run.spectra[2].mz.empty());  // the empty spectrum
    ASSERT_EQ(run.chromatograms.size(), 2u);
    EXPECT_EQ(run.chromatograms[0].kind, sidepeak::ChromatogramKind::tic);
    EXPECT_EQ(run.chromatograms[0].time_s.size(), 15u);
    EXPECT_EQ(run.chromatograms[1].kind, sidepeak::ChromatogramKind::xic);
    EXPECT_NEAR(run.chromatograms[1].precursor_mz, 456.7, 1e-9);
    EXPECT_NEAR(run.chromatograms[1].product_mz, 678.9, 1e-9);
}

TEST(MzmlReader, PyteomicsLtqFtMixedCompressionStaleIndex) {
    const auto path = mzml("pyteomics_small_ltqft.mzML");
    SIDEPEAK_REQUIRE_PATH(path);
    const MsRun run = sidepeak::io::read_ms(path);
    const Totals t = totals(run);
    EXPECT_EQ(t.spectra, 2u);
    EXPECT_EQ(t.peaks, 39828u);
    EXPECT_NEAR(t.intensity, 1.387637e+08, 1e3);
    EXPECT_EQ(run.info.compression, "mixed (none, zlib)");
    EXPECT_NEAR(run.spectra[0].rt_s, 0.2961, 1e-6);
    EXPECT_NEAR(run.spectra[0].mz[0], 200.00018816645022, 1e-12);
    EXPECT_EQ(run.spectra[0].mode, SpectrumMode::profile);
    EXPECT_EQ(run.chromatograms.size(), 1u);
}

TEST(MzmlReader, OpenMsFilterInput) {
    const auto path = mzml("FileFilter_1_input.mzML");
    SIDEPEAK_REQUIRE_PATH(path);
    const MsRun run = sidepeak::io::read_ms(path);
    const Totals t = totals(run);
    EXPECT_EQ(t.spectra, 10u);
    EXPECT_EQ(t.peaks, 3149u);
    EXPECT_NEAR(t.intensity, 2.717116e+06, 1.0);
    EXPECT_NEAR(run.spectra[0].rt_s, 20.8713, 1e-6);
    EXPECT_NEAR(run.spectra[0].mz[1], 501.0565490722656, 1e-9);
    EXPECT_NEAR(run.spectra[0].intensity[0], 1086.9, 1e-3);
}

TEST(MzmlReader, SwathWithExtraIonMobilityArray) {
    const auto path = mzml("OpenSwathWorkflow_17_input.mzML");
    SIDEPEAK_REQUIRE_PATH(path);
    const MsRun run = sidepeak::io::read_ms(path);
    const Totals t = totals(run);
    EXPECT_EQ(t.spectra, 100u);
    EXPECT_EQ(t.peaks, 19500u);
    EXPECT_NEAR(t.intensity, 1.8725e+06, 1.0);
    EXPECT_EQ(run.info.compression, "zlib");
    int ms2 = 0;
    for (const auto& s : run.spectra) ms2 += s.ms_level == 2 ? 1 : 0;
    EXPECT_EQ(ms2, 50);
}

TEST(MzmlReader, ProfileMaldiSpectrum) {
    const auto path = mzml("peakpicker_tutorial_2.mzML");
    SIDEPEAK_REQUIRE_PATH(path);
    const MsRun run = sidepeak::io::read_ms(path);
    ASSERT_EQ(run.spectra.size(), 1u);
    EXPECT_EQ(run.spectra[0].mz.size(), 21936u);
    EXPECT_EQ(run.spectra[0].mode, SpectrumMode::profile);
    EXPECT_NEAR(run.spectra[0].rt_s, 2520.0, 1e-9);
    EXPECT_NEAR(totals(run).intensity, 4.077636e+06, 10.0);
}

TEST(MzmlReader, EcoliMs2) {
    const auto path = mzml("Ecoli_MS2_small.mzML");
    SIDEPEAK_REQUIRE_PATH(path);
    const MsRun run = sidepeak::io::read_ms(path);
    const Totals t = totals(run);
    EXPECT_EQ(t.spectra, 139u);
    EXPECT_EQ(t.peaks, 36050u);
    EXPECT_NEAR(t.intensity, 8.278653e+06, 10.0);
    EXPECT_EQ(run.spectra[0].ms_level, 2);
    EXPECT_NEAR(run.spectra[0].rt_s, 5000.0916, 1e-6);
    EXPECT_GT(run.spectra[0].precursor_mz, 0.0);
}

TEST(MzmlReader, ChromatogramOnlyFile) {
    const auto path = mzml("Spyogenes.chrom.mzML");
    SIDEPEAK_REQUIRE_PATH(path);
    const MsRun run = sidepeak::io::read_ms(path);
    EXPECT_TRUE(run.spectra.empty());
    ASSERT_EQ(run.chromatograms.size(), 106u);
    std::size_t srm = 0;
    for (const auto& c : run.chromatograms) {
        srm += c.kind == sidepeak::ChromatogramKind::srm ? 1 : 0;
        EXPECT_EQ(c.time_s.size(), c.intensity.size());
    }
    EXPECT_GT(srm, 0u);
}

TEST(MzmlReader, StreamingMatchesWholeRun) {
    const auto path = mzml("FileFilter_1_input.mzML");
    SIDEPEAK_REQUIRE_PATH(path);
    auto source = sidepeak::io::open_ms(path);
    std::size_t n = 0;
    while (auto s = source->next()) {
        EXPECT_EQ(s->index, n);
        ++n;
    }
    EXPECT_EQ(n, 10u);
    EXPECT_FALSE(source->next().has_value());
}

}  // namespace

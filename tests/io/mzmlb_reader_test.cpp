// mzMLb (HDF5) reader: the only real file (EPL, read from shared) holds the same two spectra as
// pyteomics_small_ltqft.mzML.
#include <gtest/gtest.h>

#include "sidepeak/core/error.hpp"
#include "sidepeak/core/file_io.hpp"
#include "sidepeak/io/ms_readers.hpp"
#include "data_format_print.hpp"
#include "test_support.hpp"

namespace {
namespace fs = std::filesystem;
using namespace sidepeak;

TEST(MzmlbReader, AgreesWithTheMzmlConversion) {
    const auto path = test::shared_spectra() / "ms" / "mzmlb" / "test.mzMLb";
    SIDEPEAK_REQUIRE_PATH(path);
    auto mzml_path = test::real_samples() / "ms" / "mzml" / "pyteomics_small_ltqft.mzML";
    if (!fs::exists(mzml_path)) mzml_path = test::shared_spectra() / "ms" / "mzml" / "pyteomics_small_ltqft.mzML";
    SIDEPEAK_REQUIRE_PATH(mzml_path);
    const MsRun b = io::read_ms(path);
    const MsRun m = io::read_ms(mzml_path);
    EXPECT_EQ(b.info.format, DataFormat::mzmlb);
    ASSERT_EQ(b.spectra.size(), 2u);
    ASSERT_GE(m.spectra.size(), 2u);
    // spectrumList says 3 but holds 2: reported, not trusted.
    EXPECT_EQ(b.info.declared_spectra, 3u);
    EXPECT_FALSE(b.info.warnings.empty());
    for (std::size_t i = 0; i < 2; ++i) {
        const auto& x = b.spectra[i];
        const auto& y = m.spectra[i];
        EXPECT_EQ(x.id, y.id);
        EXPECT_NEAR(x.rt_s, y.rt_s, 1e-6);
        EXPECT_EQ(x.mode, SpectrumMode::profile);
        ASSERT_EQ(x.mz.size(), y.mz.size());
        for (std::size_t k = 0; k < x.mz.size(); ++k) {
            // Spectrum 2's m/z is float32 in the mzMLb; compare at float precision.
            ASSERT_NEAR(x.mz[k], y.mz[k], 1e-7 * y.mz[k]) << i << " " << k;
            ASSERT_NEAR(x.intensity[k], y.intensity[k], 1e-6 * (1 + y.intensity[k])) << i << " " << k;
        }
    }
}

TEST(MzmlbReader, PlainHdf5WithoutMzmlIsRejected) {
    const auto dir = test::scratch_dir();
    // An HDF5 signature followed by garbage: detected as HDF5, refused as mzMLb.
    const auto path = dir / "fake.mzMLb";
    std::string bytes("\x89HDF\r\n\x1a\n", 8);
    bytes += std::string(600, '\0');
    write_file_atomic(path, bytes);
    EXPECT_THROW(io::read_ms(path), InputError);
}

}  // namespace

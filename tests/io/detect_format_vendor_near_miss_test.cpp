// io::detect_format near misses of the formats tests/io/detect_format_cases_test.cpp has none for:
// instrument folders with one of their two defining files only (Varian fid + procpar, Bruker
// fid + acqus, Bruker processed 1r + procs), XML whose root is almost nmrML or mzXML, a JEOL magic
// that differs in its last byte and a JCAMP-DX look-alike whose first line is a '#' comment. Each
// is unknown; the complete or exact form beside it is recognised.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

#include "data_format_print.hpp"
#include "sidepeak/io/format.hpp"
#include "test_support.hpp"

namespace {
namespace fs = std::filesystem;
using sidepeak::io::detect_format;
using sidepeak::io::Format;

void write_bytes(const fs::path& path, std::string_view bytes) {
    std::ofstream out(path, std::ios::binary);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    ASSERT_TRUE(out.good()) << path;
}

// A new folder in the test's scratch folder `root` (scratch_dir() empties it: call that once).
fs::path folder(const fs::path& root, const std::string& name) {
    const fs::path dir = root / name;
    fs::create_directories(dir);
    return dir;
}

TEST(DetectFormatVendorNearMiss, VarianFolderNeedsFidAndProcpar) {
    const fs::path root = sidepeak::test::scratch_dir();
    const fs::path procpar_only = folder(root, "procpar_only.fid");
    write_bytes(procpar_only / "procpar", "np 1 1 65536\n0\n");
    EXPECT_EQ(detect_format(procpar_only), Format::unknown);
    const fs::path fid_only = folder(root, "fid_only.fid");
    write_bytes(fid_only / "fid", std::string(64, '\0'));
    EXPECT_EQ(detect_format(fid_only), Format::unknown);
    // Both (names in any case, as VnmrJ copies on some file systems write them): Varian.
    const fs::path both = folder(root, "both.fid");
    write_bytes(both / "PROCPAR", "np 1 1 65536\n0\n");
    write_bytes(both / "FID", std::string(64, '\0'));
    EXPECT_EQ(detect_format(both), Format::varian);
}

TEST(DetectFormatVendorNearMiss, BrukerFidFolderNeedsAcqus) {
    const fs::path root = sidepeak::test::scratch_dir();
    const fs::path dir = folder(root, "bruker_fid_only");
    write_bytes(dir / "fid", std::string(64, '\0'));
    EXPECT_EQ(detect_format(dir), Format::unknown);
    write_bytes(dir / "acqu", "##TITLE= Parameter file\n##$TD= 16384\n##END=\n");  // acqu serves as acqus
    EXPECT_EQ(detect_format(dir), Format::bruker_fid);
}

TEST(DetectFormatVendorNearMiss, BrukerProcessedFolderNeedsOneRAndProcs) {
    const fs::path root = sidepeak::test::scratch_dir();
    const fs::path one_r_only = folder(root, "pdata_1r_only");
    write_bytes(one_r_only / "1r", std::string(64, '\0'));
    EXPECT_EQ(detect_format(one_r_only), Format::unknown);
    const fs::path procs_only = folder(root, "pdata_procs_only");
    write_bytes(procs_only / "procs", "##TITLE= Parameter file\n##$SI= 32768\n##END=\n");
    EXPECT_EQ(detect_format(procs_only), Format::unknown);
    write_bytes(procs_only / "1r", std::string(64, '\0'));
    EXPECT_EQ(detect_format(procs_only), Format::bruker_1r);
}

TEST(DetectFormatVendorNearMiss, XmlRootsThatAreAlmostNmrMl) {
    const fs::path dir = sidepeak::test::scratch_dir();
    write_bytes(dir / "suffixed.nmrML", "<?xml version=\"1.0\"?>\n<nmrMLx><acquisition/></nmrMLx>\n");
    write_bytes(dir / "wrapped.nmrML",
                "<?xml version=\"1.0\"?>\n<archive><nmrML xmlns=\"http://nmrml.org/schema\"/></archive>\n");
    write_bytes(dir / "lower.nmrML", "<?xml version=\"1.0\"?>\n<nmrml/>\n");
    EXPECT_EQ(detect_format(dir / "suffixed.nmrML"), Format::unknown);
    EXPECT_EQ(detect_format(dir / "wrapped.nmrML"), Format::unknown);
    EXPECT_EQ(detect_format(dir / "lower.nmrML"), Format::unknown);  // XML names are case-sensitive
    write_bytes(dir / "prefixed.nmrML", "<?xml version=\"1.0\"?>\n<n:nmrML xmlns:n=\"http://nmrml.org/schema\"/>\n");
    EXPECT_EQ(detect_format(dir / "prefixed.nmrML"), Format::nmrml);
}

TEST(DetectFormatVendorNearMiss, XmlRootsThatAreAlmostMzXml) {
    const fs::path dir = sidepeak::test::scratch_dir();
    write_bytes(dir / "suffixed.mzXML", "<?xml version=\"1.0\"?>\n<mzXMLx><msRun/></mzXMLx>\n");
    write_bytes(dir / "wrapped.mzXML", "<?xml version=\"1.0\"?>\n<archive><mzXML><msRun/></mzXML></archive>\n");
    write_bytes(dir / "scan_root.mzXML", "<?xml version=\"1.0\"?>\n<scan num=\"1\"/>\n");
    EXPECT_EQ(detect_format(dir / "suffixed.mzXML"), Format::unknown);
    EXPECT_EQ(detect_format(dir / "wrapped.mzXML"), Format::unknown);
    EXPECT_EQ(detect_format(dir / "scan_root.mzXML"), Format::unknown);
    // The bare <msRun> root of early mzXML writers is mzXML.
    write_bytes(dir / "msrun.mzXML", "<?xml version=\"1.0\"?>\n<msRun scanCount=\"0\"/>\n");
    EXPECT_EQ(detect_format(dir / "msrun.mzXML"), Format::mzxml);
}

TEST(DetectFormatVendorNearMiss, JeolMagicMustBeExact) {
    const fs::path dir = sidepeak::test::scratch_dir();
    write_bytes(dir / "other.jdf", std::string("JEOL.NMX") + std::string(56, '\0'));
    EXPECT_EQ(detect_format(dir / "other.jdf"), Format::unknown);
    write_bytes(dir / "jeol.jdf", std::string("JEOL.NMR") + std::string(56, '\0'));
    EXPECT_EQ(detect_format(dir / "jeol.jdf"), Format::jeol);
}

TEST(DetectFormatVendorNearMiss, SingleHashFirstLineIsNotJcamp) {
    const fs::path dir = sidepeak::test::scratch_dir();
    write_bytes(dir / "commented.dx", "# exported spectrum\n##TITLE=aspirin\n##JCAMP-DX=5.01\n##END=\n");
    EXPECT_EQ(detect_format(dir / "commented.dx"), Format::unknown);
    // Leading blank lines and a UTF-8 byte-order mark before "##" are still JCAMP-DX.
    write_bytes(dir / "bom.dx", "\xEF\xBB\xBF\n\n##TITLE=aspirin\n##JCAMP-DX=5.01\n##END=\n");
    EXPECT_EQ(detect_format(dir / "bom.dx"), Format::jcamp_dx);
}

}  // namespace

// Memory from declared sizes: a count a file declares never sizes an allocation beyond what the
// file's bytes can hold or the absolute per-array limit (max_array_bytes), and huge (sparse)
// files are rejected on their header or size before being read whole. Memory is asserted with the
// process's measured peak RSS, not with timing. Also run under ASan/UBSan in CI.
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <sys/resource.h>
#include <unistd.h>

#include "sidepeak/core/codec.hpp"
#include "sidepeak/core/error.hpp"
#include "sidepeak/core/file_io.hpp"
#include "sidepeak/core/limits.hpp"
#include "sidepeak/io/jcamp.hpp"
#include "sidepeak/io/ms_readers.hpp"
#include "sidepeak/io/nmr_readers.hpp"
#include "test_support.hpp"

namespace sidepeak {
namespace {
namespace fs = std::filesystem;

// Peak resident set of this process so far, in MiB.
long peak_rss_mib() {
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return u.ru_maxrss / 1024;
}

// The growth of peak RSS allowed while reading one hostile file.
constexpr long kAllowedGrowthMib = 300;

template <typename Read>
std::string input_error_of(Read&& read) {
    try {
        read();
    } catch (const InputError& e) {
        return e.what();
    } catch (const std::exception& e) {
        return std::string("unexpected exception: ") + e.what();
    }
    return "no error";
}

std::string zeros_zlib_b64(std::size_t bytes) {
    const std::vector<std::uint8_t> zeros(bytes, 0);
    const auto z = zlib_deflate(zeros.data(), zeros.size(), 9);
    return base64_encode(z.data(), z.size());
}

std::string mzml_with_zlib_array(std::size_t declared, const std::string& b64) {
    const std::string array = "<binaryDataArray encodedLength=\"" + std::to_string(b64.size()) + "\">"
        "<cvParam cvRef=\"MS\" accession=\"MS:1000523\" name=\"64-bit float\" value=\"\"/>"
        "<cvParam cvRef=\"MS\" accession=\"MS:1000574\" name=\"zlib compression\" value=\"\"/>"
        "<cvParam cvRef=\"MS\" accession=\"MS:1000514\" name=\"m/z array\" value=\"\"/><binary>" + b64 +
        "</binary></binaryDataArray>";
    std::string array2 = array;
    array2.replace(array2.find("MS:1000514"), 10, "MS:1000515");
    return "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<mzML xmlns=\"http://psi.hupo.org/ms/mzml\" version=\"1.1.0\">"
           "<run id=\"r\"><spectrumList count=\"1\"><spectrum index=\"0\" id=\"scan=1\" defaultArrayLength=\"" +
           std::to_string(declared) + "\"><cvParam cvRef=\"MS\" accession=\"MS:1000511\" name=\"ms level\" value=\"1\"/>"
           "<binaryDataArrayList count=\"2\">" + array + array2 + "</binaryDataArrayList></spectrum></spectrumList></run></mzML>\n";
}

TEST(SizeLimits, MzmlOfZlibZerosDeclaring500MValuesIsRejectedWithoutAllocating) {
    const auto dir = test::scratch_dir();
    const auto path = dir / "zeros.mzML";
    write_file_atomic(path, mzml_with_zlib_array(500'000'000, zeros_zlib_b64(8u << 20)));
    const long before = peak_rss_mib();
    const std::string error = input_error_of([&] { (void)io::read_ms(path); });
    EXPECT_NE(error.find("above the limit"), std::string::npos) << error;
    EXPECT_NE(error.find("zeros.mzML"), std::string::npos) << error;
    EXPECT_LT(peak_rss_mib() - before, kAllowedGrowthMib);
}

TEST(SizeLimits, MzmlDeclaredLengthBeyondTheCompressedBytesIsRejected) {
    const auto dir = test::scratch_dir();
    const auto path = dir / "small.mzML";
    // 40 M values (320 MB, under the 512 MiB limit) from a 4 KB stream: impossible for zlib.
    write_file_atomic(path, mzml_with_zlib_array(40'000'000, zeros_zlib_b64(4096)));
    const long before = peak_rss_mib();
    const std::string error = input_error_of([&] { (void)io::read_ms(path); });
    EXPECT_NE(error.find("cannot come from"), std::string::npos) << error;
    EXPECT_LT(peak_rss_mib() - before, kAllowedGrowthMib);
}

TEST(SizeLimits, MzxmlDeclaring500MPeaksIsRejected) {
    const auto dir = test::scratch_dir();
    const auto path = dir / "big.mzXML";
    write_file_atomic(path,
                      "<?xml version=\"1.0\"?><mzXML xmlns=\"http://sashimi.sourceforge.net/schema_revision/mzXML_3.2\">"
                      "<msRun scanCount=\"1\"><scan num=\"1\" msLevel=\"1\" peaksCount=\"500000000\">"
                      "<peaks precision=\"32\" byteOrder=\"network\" pairOrder=\"m/z-int\" compressionType=\"zlib\">" +
                          zeros_zlib_b64(4096) + "</peaks></scan></msRun></mzXML>\n");
    const long before = peak_rss_mib();
    const std::string error = input_error_of([&] { (void)io::read_ms(path); });
    EXPECT_NE(error.find("above the limit"), std::string::npos) << error;
    EXPECT_LT(peak_rss_mib() - before, kAllowedGrowthMib);
}

TEST(SizeLimits, InflateHintNeverSizesTheBuffer) {
    const auto b64 = zeros_zlib_b64(1024);
    const auto z = base64_decode(b64);
    const long before = peak_rss_mib();
    const auto out = zlib_inflate(z.data(), z.size(), std::size_t{1} << 40, std::size_t{1} << 40);
    EXPECT_EQ(out.size(), 1024u);
    EXPECT_LT(peak_rss_mib() - before, 16);
}

// Makes `path` a sparse file of `size` bytes starting with `head` (no disk blocks beyond the head).
void sparse_file(const fs::path& path, const std::string& head, std::uintmax_t size) {
    write_file_atomic(path, head);
    fs::resize_file(path, size);
}

TEST(SizeLimits, SparseBrukerFidWithHugeTdIsRejectedBeforeReading) {
    const auto dir = test::scratch_dir() / "1";
    fs::copy(test::real_samples() / "nmr/bruker/aspirin-1h/1", dir, fs::copy_options::recursive);
    for (const auto& e : fs::recursive_directory_iterator(dir)) fs::permissions(e.path(), fs::perms::owner_write, fs::perm_options::add);
    std::string acqus = read_file_text(dir / "acqus");
    // Replace the value of ##$TD= (the rest of its line).
    const std::size_t td = acqus.find("##$TD=");
    ASSERT_NE(td, std::string::npos);
    const std::size_t eol = acqus.find('\n', td);
    acqus.replace(td, (eol == std::string::npos ? acqus.size() : eol) - td, "##$TD= 268435456");
    write_file_atomic(dir / "acqus", acqus);
    fs::resize_file(dir / "fid", std::uintmax_t{1} << 30);  // 2^28 int32 values, sparse
    const long before = peak_rss_mib();
    const std::string error = input_error_of([&] { (void)io::read_nmr(dir); });
    EXPECT_NE(error.find("above the limit"), std::string::npos) << error;
    EXPECT_NE(error.find("TD"), std::string::npos) << error;
    EXPECT_LT(peak_rss_mib() - before, kAllowedGrowthMib);
}

TEST(SizeLimits, MultiGigabyteSparseJcampIsRejectedBeforeReadingIt) {
    const auto dir = test::scratch_dir();
    const auto header = dir / "header.dx";
    sparse_file(header, "##TITLE= big\n##JCAMP-DX= 5.0\n##DATA TYPE= NMR SPECTRUM\n", std::uintmax_t{3} << 30);
    const auto zeros = dir / "zeros.dx";
    sparse_file(zeros, "", std::uintmax_t{3} << 30);
    const long before = peak_rss_mib();
    std::string error = input_error_of([&] { (void)io::jcamp::read(header); });
    EXPECT_NE(error.find("above the limit"), std::string::npos) << error;
    error = input_error_of([&] { (void)io::jcamp::read(zeros); });
    EXPECT_NE(error.find("not JCAMP-DX"), std::string::npos) << error;
    EXPECT_LT(peak_rss_mib() - before, kAllowedGrowthMib);
}

TEST(SizeLimits, DefaultLimitIsDocumented) { EXPECT_EQ(max_array_bytes(), kDefaultMaxArrayBytes); }

}  // namespace
}  // namespace sidepeak

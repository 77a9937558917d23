// Bad nmrML input: InputError naming the file; external entities are never expanded.
#include <pthread.h>

#include <fstream>

#include <gtest/gtest.h>

#include "sidepeak/core/codec.hpp"
#include "sidepeak/core/error.hpp"
#include "sidepeak/io/nmr_readers.hpp"
#include "test_support.hpp"

namespace {
namespace fs = std::filesystem;

fs::path write(const std::string& content) {
    const fs::path p = sidepeak::test::scratch_dir() / "bad.nmrML";
    std::ofstream(p, std::ios::binary) << content;
    return p;
}

std::string fid_doc(const std::string& fid_attrs, const std::string& payload, const std::string& prolog = "") {
    return prolog + "<nmrML><acquisition><acquisition1D><acquisitionParameterSet numberOfScans=\"1\">"
                    "<DirectDimensionParameterSet numberOfDataPoints=\"2\">"
                    "<irradiationFrequency value=\"400\" unitName=\"megaHertz\"/>"
                    "<sweepWidth value=\"4000\" unitName=\"hertz\"/></DirectDimensionParameterSet>"
                    "</acquisitionParameterSet><fidData " +
           fid_attrs + ">" + payload + "</fidData></acquisition1D></acquisition></nmrML>";
}

void expect_error(const fs::path& p, const std::string& problem) {
    try {
        (void)sidepeak::io::read_nmrml(p);
        ADD_FAILURE() << "no error";
    } catch (const sidepeak::InputError& e) {
        EXPECT_NE(std::string(e.what()).find("bad.nmrML"), std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find(problem), std::string::npos) << e.what();
    }
}

std::string complex128_base64(const std::vector<double>& v) {
    return sidepeak::base64_encode(reinterpret_cast<const std::uint8_t*>(v.data()), v.size() * sizeof(double));
}

TEST(NmrmlRobustness, ValidMinimalDocumentReads) {
    const auto d = sidepeak::io::read_nmrml(
        write(fid_doc("compressed=\"false\" byteFormat=\"Complex128\"", complex128_base64({1, 2, 3, 4}))));
    ASSERT_EQ(d.fids.size(), 1u);
    EXPECT_EQ(d.fids[0][1], std::complex<double>(3, 4));
}

TEST(NmrmlRobustness, Empty) { expect_error(write(""), "empty file"); }
TEST(NmrmlRobustness, MalformedXml) { expect_error(write("<nmrML><acquisition>"), "malformed XML"); }
TEST(NmrmlRobustness, WrongRoot) { expect_error(write("<mzML/>"), "not <nmrML>"); }

TEST(NmrmlRobustness, BadBase64) {
    expect_error(write(fid_doc("compressed=\"false\" byteFormat=\"Complex128\"", "@@not base64@@")), "invalid base64");
}

TEST(NmrmlRobustness, BadZlib) {
    expect_error(write(fid_doc("compressed=\"true\" byteFormat=\"Complex128\"", complex128_base64({1, 2, 3, 4}))),
                 "zlib");
}

TEST(NmrmlRobustness, TruncatedArray) {
    const std::vector<std::uint8_t> bytes(20, 0);
    expect_error(write(fid_doc("compressed=\"false\" byteFormat=\"Complex128\"",
                               sidepeak::base64_encode(bytes.data(), bytes.size()))),
                 "not a whole number");
}

TEST(NmrmlRobustness, UnknownByteFormat) {
    expect_error(write(fid_doc("byteFormat=\"Complex256\"", complex128_base64({1, 2}))), "unsupported byteFormat");
}

TEST(NmrmlRobustness, CountMismatch) {
    expect_error(write(fid_doc("byteFormat=\"Complex128\"", complex128_base64({1, 2, 3, 4, 5, 6}))),
                 "numberOfDataPoints");
}

TEST(NmrmlRobustness, ExternalEntityIsNotExpanded) {
    const std::string prolog = "<?xml version=\"1.0\"?>\n<!DOCTYPE nmrML [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>\n";
    try {
        (void)sidepeak::io::read_nmrml(write(fid_doc("byteFormat=\"Complex128\"", "&xxe;", prolog)));
        ADD_FAILURE() << "no error";
    } catch (const sidepeak::InputError& e) {
        const std::string what = e.what();
        EXPECT_EQ(what.find("root:"), std::string::npos) << what;
        EXPECT_NE(what.find("invalid base64"), std::string::npos) << what;
    }
}

TEST(NmrmlRobustness, DecompressionBombIsBounded) {
    // 2 MiB of zeros compress to ~2 KiB; the reader must accept it within its bound, and a
    // corrupted stream must fail cleanly.
    const std::vector<std::uint8_t> zeros(std::size_t{2} << 20, 0);
    auto z = sidepeak::zlib_deflate(zeros.data(), zeros.size());
    expect_error(write(fid_doc("compressed=\"true\" byteFormat=\"Complex128\"", sidepeak::base64_encode(z.data(), z.size()))),
                 "numberOfDataPoints is 2");
    z.resize(z.size() / 2);
    expect_error(write(fid_doc("compressed=\"true\" byteFormat=\"Complex128\"", sidepeak::base64_encode(z.data(), z.size()))),
                 "zlib");
}

}  // namespace

TEST(NmrmlRobustness, DeepNestingNeedsNoStack) {
    // 200,000 nested elements before the acquisition: the element search walks the tree without
    // recursion, so the file is read (or rejected) with an error, never a stack overflow. Run on a
    // small thread stack (256 KiB, as a plugin host might give) to prove it.
    std::string doc = "<nmrML>";
    constexpr int kDepth = 200000;
    doc.reserve(static_cast<std::size_t>(kDepth) * 8 + 1024);
    for (int i = 0; i < kDepth; ++i) doc += "<a>";
    for (int i = 0; i < kDepth; ++i) doc += "</a>";
    doc += fid_doc("compressed=\"false\" byteFormat=\"Complex128\"", complex128_base64({1, 2, 3, 4})).substr(7);
    const fs::path p = write(doc);
    bool read = false;
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setstacksize(&attr, 256 * 1024);
    pthread_t thread;
    auto body = [](void* arg) -> void* {
        const auto* path = static_cast<const fs::path*>(arg);
        try {
            return sidepeak::io::read_nmrml(*path).fids.size() == 1 ? reinterpret_cast<void*>(1) : nullptr;
        } catch (const sidepeak::InputError&) {
            return nullptr;
        }
    };
    ASSERT_EQ(pthread_create(&thread, &attr, body, const_cast<fs::path*>(&p)), 0);
    void* result = nullptr;
    pthread_join(thread, &result);
    pthread_attr_destroy(&attr);
    read = result != nullptr;
    EXPECT_TRUE(read);
}

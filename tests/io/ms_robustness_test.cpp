// Bad LC-MS input: every case must end in a clear InputError naming the file (or, for a stale
// index, a warning and a correct fallback) - never a crash, a hang or a silently skipped spectrum.
// Also run under ASan/UBSan in CI.
#include <cstring>
#include <random>

#include <gtest/gtest.h>

#include "sidepeak/core/codec.hpp"
#include "sidepeak/core/error.hpp"
#include "sidepeak/core/file_io.hpp"
#include "sidepeak/io/ms_readers.hpp"
#include "sidepeak/io/ms_stats.hpp"
#include "sidepeak/io/mzml_indexed.hpp"
#include "sidepeak/io/mzml_writer.hpp"
#include "test_support.hpp"

namespace {
namespace fs = std::filesystem;
using namespace sidepeak;
using namespace std::string_literals;

std::string b64_doubles(const std::vector<double>& v) {
    return base64_encode(reinterpret_cast<const std::uint8_t*>(v.data()), v.size() * 8);
}

std::string array_xml(const std::string& kind, const std::string& b64, const std::string& extra_params = "",
                      const std::string& attrs = "") {
    const std::string kind_acc = kind == "mz" ? "MS:1000514" : "MS:1000515";
    return "<binaryDataArray encodedLength=\"" + std::to_string(b64.size()) + "\"" + attrs + ">" +
           "<cvParam cvRef=\"MS\" accession=\"MS:1000523\" name=\"64-bit float\" value=\"\"/>" +
           (extra_params.empty() ? "<cvParam cvRef=\"MS\" accession=\"MS:1000576\" name=\"no compression\" value=\"\"/>"
                                 : extra_params) +
           "<cvParam cvRef=\"MS\" accession=\"" + kind_acc + "\" name=\"x\" value=\"\"/>" + "<binary>" + b64 +
           "</binary></binaryDataArray>";
}

std::string spectrum_xml(std::size_t n, const std::string& arrays, const std::string& id = "scan=1") {
    return "<spectrum index=\"0\" id=\"" + id + "\" defaultArrayLength=\"" + std::to_string(n) + "\">" +
           "<cvParam cvRef=\"MS\" accession=\"MS:1000511\" name=\"ms level\" value=\"1\"/>" +
           "<binaryDataArrayList count=\"2\">" + arrays + "</binaryDataArrayList></spectrum>";
}

std::string document(const std::string& spectra, std::size_t count = 1, const std::string& prolog = "") {
    return "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n" + prolog +
           "<mzML xmlns=\"http://psi.hupo.org/ms/mzml\" version=\"1.1.0\"><run id=\"r\">"
           "<spectrumList count=\"" +
           std::to_string(count) + "\">" + spectra + "</spectrumList></run></mzML>\n";
}

std::string good_arrays() {
    return array_xml("mz", b64_doubles({100, 200, 300})) + array_xml("int", b64_doubles({1, 2, 3}));
}

fs::path write(const std::string& name, const std::string& content) {
    const auto path = test::scratch_dir() / name;
    write_file_atomic(path, content);
    return path;
}

// Reading must fail with an InputError that names the file and contains `fragment`.
void expect_input_error(const fs::path& path, const std::string& fragment) {
    try {
        const auto run = io::read_ms(path);
        ADD_FAILURE() << path << ": read " << run.spectra.size() << " spectra, expected an error about \"" << fragment << "\"";
    } catch (const InputError& e) {
        EXPECT_EQ(e.path(), path);
        EXPECT_NE(std::string(e.what()).find(path.string()), std::string::npos);
        EXPECT_NE(std::string(e.what()).find(fragment), std::string::npos) << e.what();
    }
}

TEST(MsRobustness, SyntheticBaselineReads) {
    const auto path = write("good.mzML", document(spectrum_xml(3, good_arrays())));
    const auto run = io::read_ms(path);
    ASSERT_EQ(run.spectra.size(), 1u);
    EXPECT_EQ(run.spectra[0].mz, (std::vector<double>{100, 200, 300}));
}

TEST(MsRobustness, EmptyFile) {
    expect_input_error(write("empty.mzML", ""), "empty file");
}

TEST(MsRobustness, TruncatedBase64) {
    const std::string arrays = array_xml("mz", "AAAAAAAAWUAAAAAAAABpQAAAAAAAwHJA"s.substr(0, 29)) + array_xml("int", b64_doubles({1, 2, 3}));
    expect_input_error(write("b64.mzML", document(spectrum_xml(3, arrays))), "base64");
}

TEST(MsRobustness, InvalidBase64Character) {
    std::string b = b64_doubles({100, 200, 300});
    b[5] = '#';
    expect_input_error(write("b64bad.mzML", document(spectrum_xml(3, array_xml("mz", b) + array_xml("int", b64_doubles({1, 2, 3}))))),
                       "invalid character");
}

TEST(MsRobustness, EncodedLengthLies) {
    std::string arrays = good_arrays();
    arrays.replace(arrays.find("encodedLength=\"32\""), 18, "encodedLength=\"40\"");
    expect_input_error(write("enclen.mzML", document(spectrum_xml(3, arrays))), "encodedLength");
}

TEST(MsRobustness, DefaultArrayLengthLies) {
    expect_input_error(write("deflen.mzML", document(spectrum_xml(5, good_arrays()))), "declared length is 5");
    expect_input_error(write("deflen0.mzML", document(spectrum_xml(2, good_arrays()))), "declared length is 2");
    std::string negative = spectrum_xml(3, good_arrays());
    negative.replace(negative.find("defaultArrayLength=\"3\""), 22, "defaultArrayLength=\"-3\"");
    expect_input_error(write("deflen_neg.mzML", document(negative)), "defaultArrayLength");
}

TEST(MsRobustness, ArrayLengthsDisagree) {
    const std::string arrays = array_xml("mz", b64_doubles({100, 200, 300})) +
                               array_xml("int", b64_doubles({1, 2}), "", " arrayLength=\"2\"");
    expect_input_error(write("mismatch.mzML", document(spectrum_xml(3, arrays))), "intensities");
}

TEST(MsRobustness, DecompressionBombIsBounded) {
    // 64 MiB of zeros deflate to about 64 KiB; the spectrum declares 3 values.
    const std::vector<std::uint8_t> zeros(std::size_t{64} << 20, 0);
    const auto packed = zlib_deflate(zeros.data(), zeros.size(), 9);
    const std::string bomb = base64_encode(packed.data(), packed.size());
    const std::string zlib = "<cvParam cvRef=\"MS\" accession=\"MS:1000574\" name=\"zlib compression\" value=\"\"/>";
    const std::string arrays = array_xml("mz", bomb, zlib) + array_xml("int", b64_doubles({1, 2, 3}));
    expect_input_error(write("bomb.mzML", document(spectrum_xml(3, arrays))), "exceeds the limit");
}

TEST(MsRobustness, CorruptZlib) {
    const std::string zlib = "<cvParam cvRef=\"MS\" accession=\"MS:1000574\" name=\"zlib compression\" value=\"\"/>";
    const std::string arrays = array_xml("mz", b64_doubles({100, 200, 300}), zlib) + array_xml("int", b64_doubles({1, 2, 3}));
    expect_input_error(write("zlib.mzML", document(spectrum_xml(3, arrays))), "zlib");
}

TEST(MsRobustness, NumpressGarbage) {
    const std::string linear = "<cvParam cvRef=\"MS\" accession=\"MS:1002312\" name=\"MS-Numpress linear\" value=\"\"/>";
    const std::vector<std::uint8_t> junk{0x01, 0x02, 0x03};
    const std::string arrays = array_xml("mz", base64_encode(junk.data(), junk.size()), linear) + array_xml("int", b64_doubles({1, 2, 3}));
    expect_input_error(write("numpress.mzML", document(spectrum_xml(3, arrays))), "numpress");
}

TEST(MsRobustness, MalformedXml) {
    std::string spectrum = spectrum_xml(3, good_arrays());
    spectrum.replace(spectrum.find("value=\"1\"/>"), 11, "value=\"1\">");  // unclosed cvParam
    expect_input_error(write("malformed.mzML", document(spectrum)), "malformed XML");
    expect_input_error(write("notxml.mzML", "<mzML><run><spectrumList count=\"1\"><spectrum <<<>"), "");
}

TEST(MsRobustness, ExternalEntitiesAreRefused) {
    const std::string secret = "sidepeak-secret-" + std::to_string(std::random_device{}());
    const auto secret_file = test::scratch_dir() / "secret.txt";
    write_file_atomic(secret_file, secret);
    const std::string prolog = "<!DOCTYPE mzML [<!ENTITY xxe SYSTEM \"file://" + secret_file.string() +
                               "\"><!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;\">]>\n";
    const auto path = secret_file.parent_path() / "xxe.mzML";
    write_file_atomic(path, document(spectrum_xml(3, good_arrays(), "&xxe;&lol2;"), 1, prolog));
    try {
        io::read_ms(path);
        ADD_FAILURE() << "a DOCTYPE with entities was accepted";
    } catch (const InputError& e) {
        EXPECT_EQ(std::string(e.what()).find(secret), std::string::npos);
        EXPECT_NE(std::string(e.what()).find("entit"), std::string::npos) << e.what();
    }
    // Without a DOCTYPE an entity reference is left as written, never resolved.
    const auto plain = write("entity.mzML", document(spectrum_xml(3, good_arrays(), "&xxe;")));
    const auto run = io::read_ms(plain);
    ASSERT_EQ(run.spectra.size(), 1u);
    EXPECT_EQ(run.spectra[0].id, "&xxe;");
}

TEST(MsRobustness, TruncatedFiles) {
    const std::string doc = document(spectrum_xml(3, good_arrays()) + spectrum_xml(3, good_arrays(), "scan=2"), 2);
    for (const std::size_t cut : {std::size_t{30}, doc.size() / 3, doc.size() / 2, doc.size() - 40, doc.size() - 20}) {
        const auto path = write("cut" + std::to_string(cut) + ".mzML", doc.substr(0, cut));
        EXPECT_THROW(io::read_ms(path), InputError) << cut;
    }
}

TEST(MsRobustness, WrongIndexOffsetsFallBackToAScan) {
    MsRun run;
    for (int i = 0; i < 3; ++i) {
        MsSpectrum s;
        s.id = "scan=" + std::to_string(i + 1);
        s.rt_s = i;
        s.mz = {100.0 + i, 200.0};
        s.intensity = {1, 2};
        run.spectra.push_back(s);
    }
    const auto dir = test::scratch_dir();
    const auto good = dir / "good.mzML";
    io::write_mzml(good, run, {.zlib = false, .checksum = false});
    std::string text = read_file_text(good);
    // Shift every spectrum offset by 7 bytes and point indexListOffset past the end.
    std::size_t pos = 0;
    while ((pos = text.find("<offset idRef=", pos)) != std::string::npos) {
        const auto gt = text.find('>', pos) + 1;
        const auto lt = text.find('<', gt);
        const auto value = std::stoull(text.substr(gt, lt - gt)) + 7;
        text.replace(gt, lt - gt, std::to_string(value));
        pos = gt;
    }
    const auto bad = dir / "bad_index.mzML";
    write_file_atomic(bad, text);
    io::MzmlIndexedReader reader(bad);
    EXPECT_FALSE(reader.index_trusted());
    ASSERT_EQ(reader.info().warnings.size(), 1u);
    ASSERT_EQ(reader.size(), 3u);
    EXPECT_DOUBLE_EQ(reader.spectrum(2).mz[0], 102.0);

    std::string beyond = read_file_text(good);
    const auto at = beyond.find("<indexListOffset>") + 17;
    beyond.replace(at, beyond.find('<', at) - at, "999999999999");
    const auto far = dir / "far_index.mzML";
    write_file_atomic(far, beyond);
    io::MzmlIndexedReader far_reader(far);
    EXPECT_FALSE(far_reader.index_trusted());
    EXPECT_EQ(far_reader.size(), 3u);
    EXPECT_EQ(io::read_ms(far).spectra.size(), 3u);  // streaming never needed the index
}

TEST(MsRobustness, MzxmlPeaksCountLiesAndBomb) {
    auto scan = [](const std::string& peaks_attrs, const std::string& b64, int count) {
        return "<?xml version=\"1.0\"?>\n<mzXML><msRun scanCount=\"1\"><scan num=\"1\" msLevel=\"1\" peaksCount=\"" +
               std::to_string(count) + "\" retentionTime=\"PT1.5S\"><peaks precision=\"32\" byteOrder=\"network\" pairOrder=\"m/z-int\"" +
               peaks_attrs + ">" + b64 + "</peaks></scan></msRun></mzXML>\n";
    };
    const std::vector<std::uint8_t> pairs{0x42, 0xC8, 0, 0, 0x3F, 0x80, 0, 0};  // (100, 1) big-endian floats
    const std::string b64 = base64_encode(pairs.data(), pairs.size());
    const auto ok = write("ok.mzXML", scan("", b64, 1));
    const auto run = io::read_ms(ok);
    ASSERT_EQ(run.spectra.size(), 1u);
    EXPECT_FLOAT_EQ(static_cast<float>(run.spectra[0].mz[0]), 100.0f);
    EXPECT_DOUBLE_EQ(run.spectra[0].rt_s, 1.5);
    expect_input_error(write("lie.mzXML", scan("", b64, 4)), "peaksCount");
    const std::vector<std::uint8_t> zeros(std::size_t{16} << 20, 0);
    const auto packed = zlib_deflate(zeros.data(), zeros.size(), 9);
    expect_input_error(write("bomb.mzXML", scan(" compressionType=\"zlib\"", base64_encode(packed.data(), packed.size()), 1)),
                       "exceeds the limit");
    expect_input_error(write("dur.mzXML", scan("", b64, 1).replace(scan("", b64, 1).find("PT1.5S"), 6, "1.5 min")), "xs:duration");
}

TEST(MsRobustness, RandomCorruptionNeverCrashes) {
    const std::string doc = document(spectrum_xml(3, good_arrays()) + spectrum_xml(3, good_arrays(), "scan=2"), 2);
    std::mt19937 rng(42);
    const auto dir = test::scratch_dir();
    int errors = 0;
    for (int trial = 0; trial < 300; ++trial) {
        std::string bad = doc;
        const int flips = 1 + trial % 4;
        for (int f = 0; f < flips; ++f) {
            bad[rng() % bad.size()] = static_cast<char>(rng() % 256);
        }
        const auto path = dir / "fuzz.mzML";
        write_file_atomic(path, bad);
        try {
            const auto run = io::read_ms(path);
            for (const auto& s : run.spectra) ASSERT_EQ(s.mz.size(), s.intensity.size());
        } catch (const InputError& e) {
            ++errors;
            EXPECT_NE(std::string(e.what()).find(path.string()), std::string::npos);
        }
    }
    EXPECT_GT(errors, 0);
}

TEST(MsRobustness, NotAnMsFile) {
    expect_input_error(write("text.txt", "hello, this is not a spectrum\n"), "not a recognised");
    expect_input_error(write("other.xml", "<?xml version=\"1.0\"?><nmrML></nmrML>"), "is an nmrML file (NMR data)");
    EXPECT_THROW(io::ms_stats(test::scratch_dir() / "missing.mzML"), InputError);
}

}  // namespace

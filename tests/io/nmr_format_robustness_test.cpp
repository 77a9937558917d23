// Bad input for the Bruker and Varian readers: corrupt copies of real folders in a scratch dir.
// Every case must end in an InputError naming the file and the problem, never a crash.
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <functional>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "sidepeak/core/error.hpp"
#include "sidepeak/io/nmr_readers.hpp"
#include "test_support.hpp"

namespace {
namespace fs = std::filesystem;
using sidepeak::InputError;
using sidepeak::io::read_bruker;
using sidepeak::io::read_varian;

fs::path sample(const std::string& rel) { return sidepeak::test::real_samples() / "nmr" / rel; }

// Copies a sample folder into the test's scratch dir with writable files.
fs::path copy_sample(const std::string& rel, const std::string& name = "data") {
    const auto dst = sidepeak::test::scratch_dir() / name;
    fs::copy(sample(rel), dst, fs::copy_options::recursive);
    for (const auto& e : fs::recursive_directory_iterator(dst)) {
        fs::permissions(e.path(), fs::perms::owner_write, fs::perm_options::add);
    }
    return dst;
}

std::string slurp(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

void write(const fs::path& p, const std::string& content) {
    std::ofstream out(p, std::ios::binary | std::ios::trunc);
    out << content;
}

// Replaces the value of "##$key=" in a Bruker parameter file (or removes the record).
void set_param(const fs::path& file, const std::string& key, const std::string* value) {
    std::istringstream in(slurp(file));
    std::ostringstream out;
    std::string line;
    const std::string tag = "##$" + key + "=";
    bool found = false;
    while (std::getline(in, line)) {
        if (line.rfind(tag, 0) == 0) {
            found = true;
            if (value != nullptr) out << tag << ' ' << *value << '\n';
            continue;
        }
        out << line << '\n';
    }
    ASSERT_TRUE(found) << key;
    write(file, out.str());
}
void set_param(const fs::path& file, const std::string& key, const std::string& value) {
    set_param(file, key, &value);
}

// Runs `read` and checks it throws InputError whose message names `file_part` and `problem_part`.
void expect_input_error(const std::function<void()>& read, const std::string& file_part,
                        const std::string& problem_part) {
    try {
        read();
        ADD_FAILURE() << "no error; expected one naming " << file_part << " / " << problem_part;
    } catch (const InputError& e) {
        const std::string what = e.what();
        EXPECT_NE(what.find(file_part), std::string::npos) << what;
        EXPECT_NE(what.find(problem_part), std::string::npos) << what;
    }
}

// ---------------------------------------------------------------- Bruker

TEST(BrukerRobustness, TruncatedFidAndTdLargerThanFile) {
    const auto dir = copy_sample("bruker/aspirin-1h/1");
    fs::resize_file(dir / "fid", 1000);
    expect_input_error([&] { (void)read_bruker(dir); }, "fid", "TD larger than the file");
    const auto dir2 = copy_sample("bruker/strychnine/10", "s");
    set_param(dir2 / "acqus", "TD", "80128");  // two values more than the unpadded file holds
    expect_input_error([&] { (void)read_bruker(dir2); }, "fid", "TD larger than the file");
}

TEST(BrukerRobustness, PaddedFidReadsOnlyTdValues) {
    const auto dir = copy_sample("bruker/nmrpy_bruker2/1");
    set_param(dir / "acqus", "TD", "36608");  // the whole padded file: still consistent
    EXPECT_EQ(read_bruker(dir).fids.at(0).size(), 18304u);
    set_param(dir / "acqus", "TD", "36610");
    expect_input_error([&] { (void)read_bruker(dir); }, "fid", "TD larger than the file");
}

TEST(BrukerRobustness, MissingOrCorruptAcqus) {
    const auto dir = copy_sample("bruker/aspirin-1h/1");
    fs::remove(dir / "acqus");
    EXPECT_EQ(read_bruker(dir).fids.at(0).size(), 8192u);  // falls back to acqu
    fs::remove(dir / "acqu");
    expect_input_error([&] { (void)read_bruker(dir); }, "fid", "without acqus");

    const auto junk = copy_sample("bruker/aspirin-1h/1", "junk");
    std::string bytes(4096, '\0');
    std::mt19937 rng(7);
    for (auto& c : bytes) c = static_cast<char>(rng() & 0xff);
    write(junk / "acqus", bytes);
    expect_input_error([&] { (void)read_bruker(junk); }, "acqus", "binary");

    write(junk / "acqus", "");
    expect_input_error([&] { (void)read_bruker(junk); }, "acqus", "empty");
    write(junk / "acqus", "this is not a parameter file\n");
    expect_input_error([&] { (void)read_bruker(junk); }, "acqus", "not a Bruker parameter file");
}

TEST(BrukerRobustness, ImpossibleSweepWidthAndFrequencies) {
    const auto dir = copy_sample("bruker/aspirin-1h/1");
    for (const std::string v : {"0", "-4789.27", "nan", "inf", "1e12", "abc"}) {
        SCOPED_TRACE(v);
        set_param(dir / "acqus", "SW_h", v);
        expect_input_error([&] { (void)read_bruker(dir); }, "acqus", "SW_h");
    }
    const auto dir2 = copy_sample("bruker/aspirin-1h/1", "f");
    set_param(dir2 / "acqus", "SFO1", "-300");
    expect_input_error([&] { (void)read_bruker(dir2); }, "acqus", "SFO1");
    set_param(dir2 / "acqus", "SFO1", nullptr);
    set_param(dir2 / "acqus", "BF1", nullptr);
    expect_input_error([&] { (void)read_bruker(dir2); }, "acqus", "SFO1");
}

TEST(BrukerRobustness, UnknownByteOrderAndDataType) {
    const auto dir = copy_sample("bruker/aspirin-1h/1");
    set_param(dir / "acqus", "BYTORDA", "7");
    expect_input_error([&] { (void)read_bruker(dir); }, "acqus", "BYTORDA");
    set_param(dir / "acqus", "BYTORDA", nullptr);
    expect_input_error([&] { (void)read_bruker(dir); }, "acqus", "BYTORDA");
    const auto dir2 = copy_sample("bruker/aspirin-1h/1", "t");
    for (const std::string v : {"1", "3", "-1", "2.5"}) {
        set_param(dir2 / "acqus", "DTYPA", v);
        expect_input_error([&] { (void)read_bruker(dir2); }, "acqus", "DTYPA");
    }
}

TEST(BrukerRobustness, ImpossibleTd) {
    const auto dir = copy_sample("bruker/aspirin-1h/1");
    for (const std::string v : {"0", "-16", "1e15", "99999999999999999999", "16383", "x"}) {
        SCOPED_TRACE(v);
        set_param(dir / "acqus", "TD", v);
        expect_input_error([&] { (void)read_bruker(dir); }, "acqus", "TD");
    }
    set_param(dir / "acqus", "TD", nullptr);
    expect_input_error([&] { (void)read_bruker(dir); }, "acqus", "TD");
}

TEST(BrukerRobustness, DigitalFilterNotInTable) {
    const auto dir = copy_sample("bruker/aspirin-1h/1");
    set_param(dir / "acqus", "DECIM", "5");
    expect_input_error([&] { (void)read_bruker(dir); }, "acqus", "DECIM 5");
}

TEST(BrukerRobustness, EmptyOrMissingInputs) {
    const auto empty_dir = sidepeak::test::scratch_dir() / "empty";
    fs::create_directories(empty_dir);
    expect_input_error([&] { (void)read_bruker(empty_dir); }, "empty", "not a Bruker dataset");
    expect_input_error([&] { (void)read_bruker(empty_dir / "nothing"); }, "nothing", "not found");

    const auto dir = copy_sample("bruker/aspirin-1h/1", "d");
    write(dir / "fid", "");
    expect_input_error([&] { (void)read_bruker(dir); }, "fid", "TD larger than the file");
}

TEST(BrukerRobustness, JunkFidOfTheRightSizeDecodes) {
    const auto dir = copy_sample("bruker/strychnine/10");
    std::string bytes(fs::file_size(dir / "fid"), '\0');
    std::mt19937 rng(11);
    for (auto& c : bytes) c = static_cast<char>(rng() & 0xff);
    write(dir / "fid", bytes);
    const auto d = read_bruker(dir, {.load_processed = false, .procno = 1});
    ASSERT_EQ(d.fids.at(0).size(), 40063u);
    for (const auto& p : d.fids[0]) ASSERT_TRUE(std::isfinite(p.real()) && std::isfinite(p.imag()));
    // float64 junk may hold NaN/Inf patterns: refused, not passed on.
    set_param(dir / "acqus", "DTYPA", "2");
    set_param(dir / "acqus", "TD", "40062");
    bytes.assign(40062 * 8, '\xff');
    write(dir / "fid", bytes);
    expect_input_error([&] { (void)read_bruker(dir, {.load_processed = false, .procno = 1}); }, "fid", "not finite");
}

TEST(BrukerRobustness, BadProcessedData) {
    const auto dir = copy_sample("bruker/strychnine/10");
    set_param(dir / "pdata/1/procs", "SI", "262144");
    expect_input_error([&] { (void)read_bruker(dir); }, "1r", "SI larger than the file");
    set_param(dir / "pdata/1/procs", "SI", "131072");
    set_param(dir / "pdata/1/procs", "SF", "0");
    expect_input_error([&] { (void)read_bruker(dir); }, "procs", "SF");
    set_param(dir / "pdata/1/procs", "SF", "400.13");
    set_param(dir / "pdata/1/procs", "BYTORDP", "3");
    expect_input_error([&] { (void)read_bruker(dir); }, "procs", "BYTORDP");
    set_param(dir / "pdata/1/procs", "BYTORDP", "0");
    fs::resize_file(dir / "pdata/1/1i", 10);
    expect_input_error([&] { (void)read_bruker(dir); }, "1i", "SI larger than the file");
    // Without processed data requested, only the fid matters.
    EXPECT_EQ(read_bruker(dir, {.load_processed = false, .procno = 1}).fids.at(0).size(), 40063u);
    EXPECT_THROW((void)read_bruker(dir, {.load_processed = true, .procno = 0}), sidepeak::UsageError);
}

// Random byte damage to acqus: the reader either succeeds or throws InputError.
TEST(BrukerRobustness, MutatedAcqusNeverCrashes) {
    const auto dir = copy_sample("bruker/aspirin-1h/1");
    const std::string original = slurp(dir / "acqus");
    std::mt19937 rng(2024);
    int errors = 0;
    for (int round = 0; round < 150; ++round) {
        std::string text = original;
        const int edits = 1 + static_cast<int>(rng() % 8);
        for (int e = 0; e < edits; ++e) {
            const auto pos = rng() % text.size();
            switch (rng() % 3) {
                case 0: text[pos] = static_cast<char>(rng() & 0xff); break;
                case 1: text.erase(pos, 1 + rng() % 40); break;
                default: text.resize(pos); break;
            }
            if (text.empty()) break;
        }
        write(dir / "acqus", text);
        try {
            const auto d = read_bruker(dir);
            EXPECT_GT(d.meta.sweep_width_hz, 0.0);
        } catch (const InputError&) {
            ++errors;
        }
    }
    EXPECT_GT(errors, 0);
}

// ---------------------------------------------------------------- Varian

void patch_be32(const fs::path& file, std::size_t offset, std::uint32_t v) {
    std::fstream f(file, std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(static_cast<std::streamoff>(offset));
    const char bytes[4] = {static_cast<char>(v >> 24), static_cast<char>(v >> 16), static_cast<char>(v >> 8),
                           static_cast<char>(v)};
    f.write(bytes, 4);
}

void patch_be16(const fs::path& file, std::size_t offset, std::uint16_t v) {
    std::fstream f(file, std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(static_cast<std::streamoff>(offset));
    const char bytes[2] = {static_cast<char>(v >> 8), static_cast<char>(v)};
    f.write(bytes, 2);
}

// Replaces the value line of a procpar parameter.
void set_procpar(const fs::path& file, const std::string& name, const std::string& value_line) {
    std::istringstream in(slurp(file));
    std::ostringstream out;
    std::string line;
    bool replace_next = false;
    bool found = false;
    while (std::getline(in, line)) {
        if (replace_next) {
            out << value_line << '\n';
            replace_next = false;
            continue;
        }
        if (line.rfind(name + " ", 0) == 0) replace_next = found = true;
        out << line << '\n';
    }
    ASSERT_TRUE(found) << name;
    write(file, out.str());
}

TEST(VarianRobustness, TruncatedAndEmptyFid) {
    const auto dir = copy_sample("varian/HMDB00005.fid");
    fs::resize_file(dir / "fid", 5000);
    expect_input_error([&] { (void)read_varian(dir); }, "fid", "truncated");
    fs::resize_file(dir / "fid", 20);
    expect_input_error([&] { (void)read_varian(dir); }, "fid", "32-byte file header");
    write(dir / "fid", "");
    expect_input_error([&] { (void)read_varian(dir); }, "fid", "empty");
}

TEST(VarianRobustness, InconsistentHeaders) {
    const auto dir = copy_sample("varian/nmrpy_test1_31P_array.fid");
    patch_be32(dir / "fid", 0, 0x7fffffff);  // nblocks
    expect_input_error([&] { (void)read_varian(dir); }, "fid", "");
    patch_be32(dir / "fid", 0, 0);
    expect_input_error([&] { (void)read_varian(dir); }, "fid", "implausible file header");
    patch_be32(dir / "fid", 0, 24);
    patch_be32(dir / "fid", 8, 31083);  // odd np
    expect_input_error([&] { (void)read_varian(dir); }, "fid", "implausible file header");
    patch_be32(dir / "fid", 8, 31084);
    patch_be32(dir / "fid", 12, 2);  // ebytes against int32 status
    expect_input_error([&] { (void)read_varian(dir); }, "fid", "ebytes");
    patch_be32(dir / "fid", 12, 4);
    patch_be16(dir / "fid", 26, 0x0047);  // S_SPEC: transformed data
    expect_input_error([&] { (void)read_varian(dir); }, "fid", "not an FID");
    patch_be16(dir / "fid", 26, 0x0045);
    patch_be32(dir / "fid", 20, 1234);  // bbytes
    expect_input_error([&] { (void)read_varian(dir); }, "fid", "inconsistent file header");
    patch_be32(dir / "fid", 20, 124364);
    EXPECT_EQ(read_varian(dir).fids.size(), 24u);  // restored header reads again
}

TEST(VarianRobustness, MissingOrBadProcpar) {
    const auto dir = copy_sample("varian/HMDB00001.fid");
    set_procpar(dir / "PROCPAR", "sw", "1 0");
    expect_input_error([&] { (void)read_varian(dir); }, "PROCPAR", "sw");
    set_procpar(dir / "PROCPAR", "sw", "1 nan");
    expect_input_error([&] { (void)read_varian(dir); }, "PROCPAR", "sw");
    set_procpar(dir / "PROCPAR", "sw", "1 5997.00149925");
    set_procpar(dir / "PROCPAR", "sfrq", "1 -1");
    expect_input_error([&] { (void)read_varian(dir); }, "PROCPAR", "sfrq");
    write(dir / "PROCPAR", std::string("\x7f\x45\x4c\x46\x02\x01\x01\x00", 8));
    expect_input_error([&] { (void)read_varian(dir); }, "PROCPAR", "binary");
    fs::remove(dir / "PROCPAR");
    expect_input_error([&] { (void)read_varian(dir); }, "data", "no procpar");
    const auto empty_dir = sidepeak::test::scratch_dir() / "none";
    fs::create_directories(empty_dir);
    expect_input_error([&] { (void)read_varian(empty_dir); }, "none", "no fid");
}

TEST(VarianRobustness, MutatedHeaderNeverCrashes) {
    const auto dir = copy_sample("varian/HMDB00005.fid");
    const std::string original = slurp(dir / "fid");
    std::mt19937 rng(99);
    for (int round = 0; round < 200; ++round) {
        std::string bytes = original;
        const int edits = 1 + static_cast<int>(rng() % 4);
        for (int e = 0; e < edits; ++e) bytes[rng() % 60] = static_cast<char>(rng() & 0xff);
        write(dir / "fid", bytes);
        try {
            const auto d = read_varian(dir);
            EXPECT_FALSE(d.fids.empty());
        } catch (const InputError&) {
        }
    }
}

}  // namespace

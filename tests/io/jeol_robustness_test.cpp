// Bad JEOL Delta input: InputError naming the file, never a crash.
#include <cstring>
#include <fstream>

#include <gtest/gtest.h>

#include "sidepeak/core/error.hpp"
#include "sidepeak/core/file_io.hpp"
#include "sidepeak/io/nmr_readers.hpp"
#include "test_support.hpp"

namespace {
namespace fs = std::filesystem;

std::vector<std::uint8_t> rutin() {
    return sidepeak::read_file_bytes(sidepeak::test::real_samples() / "nmr" / "jeol" /
                                     "Rutin_3080ug200uL_DMSOd6_qHNMR_400MHz_Jeol.jdf");
}

void expect_error(const std::vector<std::uint8_t>& bytes, const std::string& problem) {
    const fs::path p = sidepeak::test::scratch_dir() / "bad.jdf";
    std::ofstream(p, std::ios::binary).write(reinterpret_cast<const char*>(bytes.data()),
                                             static_cast<std::streamsize>(bytes.size()));
    try {
        (void)sidepeak::io::read_jeol(p);
        ADD_FAILURE() << "no error";
    } catch (const sidepeak::InputError& e) {
        EXPECT_NE(std::string(e.what()).find("bad.jdf"), std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find(problem), std::string::npos) << e.what();
    }
}

void put_be32(std::vector<std::uint8_t>& b, std::size_t off, std::uint32_t v) {
    for (int i = 0; i < 4; ++i) b[off + static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(v >> (24 - 8 * i));
}

TEST(JeolRobustness, Empty) { expect_error({}, "empty file"); }

TEST(JeolRobustness, ShortHeader) {
    auto b = rutin();
    b.resize(500);
    expect_error(b, "too short");
}

TEST(JeolRobustness, WrongSignature) {
    auto b = rutin();
    std::memcpy(b.data(), "JEOL.XYZ", 8);
    expect_error(b, "signature");
}

TEST(JeolRobustness, TruncatedData) {
    auto b = rutin();
    b.resize(b.size() / 2);
    expect_error(b, "data section");
}

TEST(JeolRobustness, DataOffsetBeyondFile) {
    auto b = rutin();
    put_be32(b, 1284, 0xfffffff0u);
    expect_error(b, "data section");
}

TEST(JeolRobustness, ParamOffsetBeyondFile) {
    auto b = rutin();
    put_be32(b, 1212, 0x7ffffff0u);
    expect_error(b, "parameter section");
}

TEST(JeolRobustness, InvalidPointRange) {
    auto b = rutin();
    put_be32(b, 240, 99999999u);  // Data_Offset_Stop beyond Data_Points
    expect_error(b, "invalid point counts");
}

TEST(JeolRobustness, MultiDimensional) {
    auto b = rutin();
    b[12] = 2;
    expect_error(b, "only 1D");
}

TEST(JeolRobustness, RandomHeaderBytesNeverCrash) {
    const auto base = rutin();
    std::uint32_t state = 99;
    auto next = [&] { return state = state * 1664525u + 1013904223u; };
    const fs::path p = sidepeak::test::scratch_dir() / "mutant.jdf";
    for (int round = 0; round < 100; ++round) {
        auto b = base;
        for (int k = 0; k < 6; ++k) b[next() % 1400] = static_cast<std::uint8_t>(next());
        std::ofstream(p, std::ios::binary | std::ios::trunc)
            .write(reinterpret_cast<const char*>(b.data()), static_cast<std::streamsize>(b.size()));
        try {
            (void)sidepeak::io::read_jeol(p);
        } catch (const sidepeak::InputError&) {
        }
    }
    SUCCEED();
}

}  // namespace

// `sidepeak analyze --batch DIR --jobs 2` over files that start with the HDF5 signature but are no
// HDF5 file: each is reported unreadable, and the program exits without libhdf5 complaining at
// exit. A failed H5Fopen on a worker thread leaves records on that thread's error stack; unless
// they are cleared, H5close loops at exit and prints "HDF5: infinite loop closing library".
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>

#include <gtest/gtest.h>

#include "cli_runner.hpp"

namespace sidepeak {
namespace {
namespace fs = std::filesystem;

// The 8-byte HDF5 format signature followed by `bytes` pseudo-random bytes (fixed seed).
void write_fake_hdf5(const fs::path& path, std::uint32_t seed, std::size_t bytes) {
    static constexpr char kSignature[] = {'\x89', 'H', 'D', 'F', '\r', '\n', '\x1a', '\n'};
    std::ofstream out(path, std::ios::binary);
    out.write(kSignature, sizeof kSignature);
    std::mt19937 rng(seed);
    for (std::size_t k = 0; k < bytes; ++k) out.put(static_cast<char>(rng() & 0xFFu));
}

TEST(Hdf5Exit, FakeHdf5FilesOnTwoJobsLeaveNoLibraryMessage) {
    const fs::path dir = test::binary_dir() / "test-scratch" / "hdf5-exit";
    fs::remove_all(dir);
    fs::create_directories(dir / "in");
    write_fake_hdf5(dir / "in" / "a.mzMLb", 1u, 4000);
    write_fake_hdf5(dir / "in" / "b.mzMLb", 2u, 4000);
    write_fake_hdf5(dir / "in" / "c.h5", 3u, 4000);

    const fs::path err = dir / "stderr.txt";
    std::ostringstream command;
    command << '\'' << test::sidepeak_program().string() << "' analyze --batch '" << (dir / "in").string()
            << "' --jobs 2 --out '" << (dir / "out").string() << "' > /dev/null 2> '" << err.string() << "' < /dev/null";
    const int raw = std::system(command.str().c_str());
    ASSERT_TRUE(WIFEXITED(raw));
    const std::string text = test::slurp(err);
    // The inputs are unreadable: exit code 2 (analysed with input errors), each one named.
    EXPECT_EQ(WEXITSTATUS(raw), 2) << text;
    EXPECT_NE(text.find("a.mzMLb"), std::string::npos) << text;
    EXPECT_NE(text.find("c.h5"), std::string::npos) << text;
    std::istringstream lines(text);
    for (std::string line; std::getline(lines, line);) {
        EXPECT_NE(line.rfind("HDF5:", 0), 0u) << "libhdf5 wrote to stderr:\n" << text;
    }
    EXPECT_TRUE(fs::exists(dir / "out" / "report.json"));
}

}  // namespace
}  // namespace sidepeak

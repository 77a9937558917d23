// One list of sidecar files for discovery inside a sample and for the --batch folder's top level:
// a PDF or an image beside the sample folders is listed as skipped, not analysed as a sample.
#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

#include "sidepeak/pipeline/batch.hpp"
#include "test_support.hpp"

namespace fs = std::filesystem;
namespace sp = sidepeak::pipeline;

TEST(SidecarList, BatchFolderSkipsTheSidecarsDiscoverySkips) {
    const fs::path dir = sidepeak::test::binary_dir() / "test-scratch" / "sidecar-list";
    fs::remove_all(dir);
    fs::create_directories(dir / "sample1");
    for (const char* name : {"notes.pdf", "plate.png", "SHA256SUMS", "run.log", "sheet.csv"}) {
        std::ofstream(dir / name) << "not instrument data\n";
    }
    std::ofstream(dir / "odd.xyz") << "not instrument data either\n";
    std::vector<sidepeak::report::SkippedEntry> skipped;
    const auto specs = sp::samples_in_folder(dir, &skipped);
    std::vector<std::string> ids;
    for (const auto& s : specs) ids.push_back(s.id);
    // The folder and the file of no known kind are samples (the latter then reports its error).
    EXPECT_EQ(ids, (std::vector<std::string>{"odd", "sample1"}));
    EXPECT_EQ(skipped.size(), 5u);
}
